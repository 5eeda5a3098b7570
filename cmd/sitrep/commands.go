package main

import "github.com/spf13/cobra"

// commands lists the subcommands. Each lives in a file of its own.
func (a *App) commands() []*cobra.Command {
	return []*cobra.Command{
		a.newIngestCmd(),  // ingest.go
		a.newDocsCmd(),    // docs.go
		a.newSearchCmd(),  // docs.go
		a.newGeocodeCmd(), // kb.go
		a.newKBCmd(),      // kb.go
		a.newEventsCmd(),  // events.go
		a.newExportCmd(),  // events.go
		a.newZonesCmd(),   // events.go
		a.newRecodeCmd(),  // recode.go
		a.newEvalCmd(),    // eval.go
	}
}
