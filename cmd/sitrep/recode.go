package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func (a *App) newRecodeCmd() *cobra.Command {
	return &cobra.Command{Use: "recode", RunE: func(*cobra.Command, []string) error { return errors.New("not implemented yet") }}
}
