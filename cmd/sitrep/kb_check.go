package main

import (
	"fmt"

	"github.com/sitrep/sitrep/kb"
	"github.com/spf13/cobra"
)

// kbCheck validates the built-in knowledge files and the user folder (the
// DIR argument, else --kb) and prints every problem as "file:line: message".
// It fails when any problem is found.
func (a *App) kbCheck(cmd *cobra.Command, args []string) error {
	dir := a.KBDir
	if len(args) > 0 {
		dir = args[0]
	}
	rep, err := kb.Check(dir)
	if err != nil {
		return fmt.Errorf("kb check: %w", err)
	}
	for _, p := range rep.Problems {
		fmt.Fprintln(a.Stdout, p)
	}
	if n := len(rep.Problems); n > 0 {
		return fmt.Errorf("kb check: %d problem(s) in %d file(s) checked", n, len(rep.Files))
	}
	fmt.Fprintf(a.Stderr, "kb check: %d file(s) ok\n", len(rep.Files))
	return nil
}
