package main

import (
	"context"
	"fmt"
	"os"
	"sync"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/coder"
)

// coderHandle holds the lazily built coder of an App. Ingest codes from
// several workers at once, so building it is guarded.
type coderHandle struct {
	mu    sync.Mutex
	coder *coder.Coder
}

// Coder builds the event coder once, over the knowledge base of a.KB() and
// the pattern overlay folder of $SITREP_PATTERNS (if set).
func (a *App) Coder() (*coder.Coder, error) {
	a.co.mu.Lock()
	defer a.co.mu.Unlock()
	if a.co.coder != nil {
		return a.co.coder, nil
	}
	k, err := a.KB()
	if err != nil {
		return nil, fmt.Errorf("load knowledge base: %w", err)
	}
	c, err := coder.New(k, coder.Options{PatternsDir: os.Getenv("SITREP_PATTERNS")})
	if err != nil {
		return nil, err
	}
	a.co.coder = c
	return c, nil
}

// codeDocument codes one stored document and replaces its events and zones
// in the store. Ingest calls it for every new or near-duplicate document;
// recode for every stored one.
func (a *App) codeDocument(ctx context.Context, st sitrep.EventStore, doc *sitrep.Document) error {
	c, err := a.Coder()
	if err != nil {
		return err
	}
	cod, err := c.Code(ctx, doc)
	if err != nil {
		return fmt.Errorf("code document %d: %w", doc.ID, err)
	}
	for i := range cod.Events {
		cod.Events[i].DocID = doc.ID
	}
	for i := range cod.Zones {
		cod.Zones[i].DocID = doc.ID
	}
	if err := st.ReplaceCoding(ctx, doc.ID, cod.Events, cod.Zones); err != nil {
		return fmt.Errorf("store coding of document %d: %w", doc.ID, err)
	}
	return nil
}
