package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// kbCheck validates the knowledge-base files. (Placeholder: the actors
// engineer owns this file and replaces it.)
func (a *App) kbCheck(cmd *cobra.Command, args []string) error {
	return errors.New("kb check: not implemented yet")
}
