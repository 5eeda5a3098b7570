package main

import (
	"context"
	"errors"

	"github.com/sitrep/sitrep"
)

// Store opens the database at a.DBPath once and returns it. (Placeholder:
// the storage work replaces this file.)
func (a *App) Store(ctx context.Context) (sitrep.Store, error) {
	return nil, errors.New("store not implemented yet")
}
