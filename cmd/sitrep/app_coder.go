package main

import (
	"context"

	"github.com/sitrep/sitrep"
)

// codeDocument codes one stored document and replaces its events and zones
// in the store. Ingest calls it for every new or near-duplicate document;
// recode for every stored one. (Placeholder: the coder work replaces it.)
func (a *App) codeDocument(ctx context.Context, st sitrep.EventStore, doc *sitrep.Document) error {
	return nil
}
