package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func (a *App) newGeocodeCmd() *cobra.Command {
	return &cobra.Command{Use: "geocode", RunE: func(*cobra.Command, []string) error { return errors.New("not implemented yet") }}
}

func (a *App) newKBCmd() *cobra.Command {
	return &cobra.Command{Use: "kb", RunE: func(*cobra.Command, []string) error { return errors.New("not implemented yet") }}
}
