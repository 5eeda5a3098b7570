// Command sitrep turns news reports about armed conflict into a sourced,
// geolocated record of events. main only parses flags and wires stages.
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/spf13/cobra"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	app := &App{Stdout: os.Stdout, Stderr: os.Stderr}
	root := app.Command()
	root.SetArgs(os.Args[1:])
	err := root.ExecuteContext(ctx)
	app.Close()
	if err != nil {
		fmt.Fprintln(os.Stderr, "sitrep:", err)
		os.Exit(exitCode(err))
	}
}

// exitCode maps an error to the process exit status: 1 for a failure, 2
// for a batch that finished with some items failed.
func exitCode(err error) int {
	if _, ok := err.(partialError); ok {
		return 2
	}
	return 1
}

// partialError reports that a batch ran to its end but some items failed.
type partialError struct{ failed int }

func (e partialError) Error() string { return fmt.Sprintf("%d item(s) failed", e.failed) }

// defaultDBPath is the per-user database path: $XDG_DATA_HOME/sitrep/sitrep.db
// or ~/.local/share/sitrep/sitrep.db.
func defaultDBPath() string {
	if v := os.Getenv("SITREP_DB"); v != "" {
		return v
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "sitrep.db"
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "sitrep", "sitrep.db")
}

// Command builds the root command and its subcommands.
func (a *App) Command() *cobra.Command {
	root := &cobra.Command{
		Use:           "sitrep",
		Short:         "Turn conflict news into a sourced, geolocated event record",
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			level := slog.LevelWarn
			if a.verbose {
				level = slog.LevelDebug
			}
			a.Logger = slog.New(slog.NewTextHandler(a.Stderr, &slog.HandlerOptions{Level: level}))
			return nil
		},
	}
	root.PersistentFlags().StringVar(&a.DBPath, "db", defaultDBPath(), "database path (env SITREP_DB)")
	root.PersistentFlags().StringVar(&a.KBDir, "kb", os.Getenv("SITREP_KB"), "extra knowledge-base folder overlaying the built-in one (env SITREP_KB)")
	root.PersistentFlags().BoolVarP(&a.verbose, "verbose", "v", false, "debug logging")
	for _, c := range a.commands() {
		root.AddCommand(c)
	}
	return root
}
