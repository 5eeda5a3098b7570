package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func (a *App) newEvalCmd() *cobra.Command {
	return &cobra.Command{Use: "eval", RunE: func(*cobra.Command, []string) error { return errors.New("not implemented yet") }}
}
