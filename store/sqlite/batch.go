package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/sitrep/sitrep"
)

// Batch groups writes into one transaction: a writer that stores many
// documents and their coding saves a commit (and the rewrite of every
// index page it touched) per document. See DB.Batch.
type Batch struct {
	db *DB
	tx *sql.Tx
}

// Batch runs fn with a Batch whose writes share one transaction, committed
// when fn returns nil and rolled back otherwise (or when ctx ends). On
// rollback nothing fn wrote is stored, and IDs that PutDocument set on
// documents inside fn are void. The single writer is held while fn runs:
// keep fn short, and write through b only (a write through db inside fn
// would wait for the batch forever).
func (db *DB) Batch(ctx context.Context, fn func(b *Batch) error) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("batch: %w", err)
	}
	defer tx.Rollback()
	if err := fn(&Batch{db: db, tx: tx}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("batch: %w", err)
	}
	return nil
}

// PutDocument stores doc as DB.PutDocument does, inside the batch; a later
// document of the batch can be a duplicate or near-duplicate of it. doc's
// ID, DuplicateOf and IngestedAt are set at once.
func (b *Batch) PutDocument(ctx context.Context, doc *sitrep.Document) (sitrep.PutStatus, error) {
	if doc == nil {
		return "", fmt.Errorf("put document: nil document: %w", sitrep.ErrInvalid)
	}
	st, id, dupOf, ingested, err := b.db.put(ctx, b.tx, doc)
	if err != nil {
		return "", fmt.Errorf("put document %s: %w", doc.Name, err)
	}
	doc.ID = id
	if st != sitrep.StatusDuplicate {
		doc.DuplicateOf, doc.IngestedAt = dupOf, ingested
	}
	return st, nil
}

// ReplaceCoding replaces the events and zones of document docID as
// DB.ReplaceCoding does, inside the batch (docID may come from a
// PutDocument of the same batch).
func (b *Batch) ReplaceCoding(ctx context.Context, docID int64, events []sitrep.Event, zones []sitrep.Zone) error {
	return b.db.replaceCoding(ctx, b.tx, docID, events, zones)
}

// PutCodedDocument stores doc and, unless it is a duplicate, its events and
// zones in one transaction (sitrep.CodedDocumentStore).
func (db *DB) PutCodedDocument(ctx context.Context, doc *sitrep.Document, events []sitrep.Event, zones []sitrep.Zone) (sitrep.PutStatus, error) {
	var st sitrep.PutStatus
	err := db.Batch(ctx, func(b *Batch) error {
		var err error
		if st, err = b.PutDocument(ctx, doc); err != nil || st == sitrep.StatusDuplicate {
			return err
		}
		for i := range events {
			events[i].DocID = doc.ID
		}
		for i := range zones {
			zones[i].DocID = doc.ID
		}
		return b.ReplaceCoding(ctx, doc.ID, events, zones)
	})
	if err != nil {
		return "", err
	}
	return st, nil
}
