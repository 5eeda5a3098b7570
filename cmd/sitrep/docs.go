package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func (a *App) newDocsCmd() *cobra.Command {
	return &cobra.Command{Use: "docs", RunE: func(*cobra.Command, []string) error { return errors.New("not implemented yet") }}
}

func (a *App) newSearchCmd() *cobra.Command {
	return &cobra.Command{Use: "search", RunE: func(*cobra.Command, []string) error { return errors.New("not implemented yet") }}
}
