package main

import (
	"io"
	"log/slog"

	"github.com/sitrep/sitrep/kb"
)

// App carries the wiring shared by subcommands: settings, logger and the
// lazily opened store and knowledge base.
type App struct {
	Stdout, Stderr io.Writer
	Logger         *slog.Logger
	DBPath         string
	KBDir          string
	verbose        bool

	kb *kb.KB
	db storeHandle // app_store.go
	co coderHandle // app_coder.go

	closers []func() error
}

// Close releases what the commands opened.
func (a *App) Close() {
	for i := len(a.closers) - 1; i >= 0; i-- {
		_ = a.closers[i]()
	}
	a.closers = nil
}
