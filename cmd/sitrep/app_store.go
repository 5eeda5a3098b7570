package main

import (
	"context"
	"fmt"
	"sync"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/store/sqlite"
)

// storeHandle holds the lazily opened store of an App.
type storeHandle struct {
	mu    sync.Mutex
	store sitrep.Store
}

// Store opens the database at a.DBPath on first use and returns it; later
// calls (from any goroutine) return the same store. App.Close closes it.
func (a *App) Store(ctx context.Context) (sitrep.Store, error) {
	a.db.mu.Lock()
	defer a.db.mu.Unlock()
	if a.db.store != nil {
		return a.db.store, nil
	}
	db, err := sqlite.Open(ctx, a.DBPath)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	a.db.store = db
	a.closers = append(a.closers, func() error {
		a.db.mu.Lock()
		defer a.db.mu.Unlock()
		a.db.store = nil
		return db.Close()
	})
	return db, nil
}
