package main

import (
	"context"
	"errors"
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

// Store opens the database at a.DBPath on first use, creating it when
// needed, and returns it; later calls (from any goroutine) return the same
// store. App.Close closes it. Commands that write (ingest, recode) use it.
func (a *App) Store(ctx context.Context) (sitrep.Store, error) {
	return a.openStore(ctx)
}

// StoreExisting is Store for commands that only read (docs, search,
// events, export, zones, eval): a database that does not exist is an
// error telling the user to ingest first, and no empty database is left
// behind at a mistyped path.
func (a *App) StoreExisting(ctx context.Context) (sitrep.Store, error) {
	st, err := a.openStore(ctx, sqlite.MustExist())
	if errors.Is(err, sqlite.ErrNoDatabase) {
		return nil, fmt.Errorf("no database at %s (run sitrep ingest first)", a.DBPath)
	}
	return st, err
}

// openStore opens the database with opts unless it is open already.
func (a *App) openStore(ctx context.Context, opts ...sqlite.Option) (sitrep.Store, error) {
	a.db.mu.Lock()
	defer a.db.mu.Unlock()
	if a.db.store != nil {
		return a.db.store, nil
	}
	db, err := sqlite.Open(ctx, a.DBPath, opts...)
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
