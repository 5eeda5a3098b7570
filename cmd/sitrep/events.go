package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func (a *App) newEventsCmd() *cobra.Command {
	return &cobra.Command{Use: "events", RunE: func(*cobra.Command, []string) error { return errors.New("not implemented yet") }}
}

func (a *App) newExportCmd() *cobra.Command {
	return &cobra.Command{Use: "export", RunE: func(*cobra.Command, []string) error { return errors.New("not implemented yet") }}
}

func (a *App) newZonesCmd() *cobra.Command {
	return &cobra.Command{Use: "zones", RunE: func(*cobra.Command, []string) error { return errors.New("not implemented yet") }}
}
