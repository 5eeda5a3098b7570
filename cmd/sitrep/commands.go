package main

import "github.com/spf13/cobra"

// commands lists the subcommands. Each lives in a file of its own.
func (a *App) commands() []*cobra.Command {
	return []*cobra.Command{}
}
