package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// writeStmts holds the statements of the write path, prepared once at Open
// on the writer pool. SQLite compiles a statement's SQL on every call
// otherwise (database/sql prepares, runs and finalizes a statement for
// each ExecContext on a Tx), which cost about a fifth of the store's time
// per stored story. A transaction runs them through Tx.StmtContext, which
// reuses the compiled statement of the transaction's connection (and
// prepares it again, once, should database/sql have replaced the
// connection).
type writeStmts struct {
	docByHash   *sql.Stmt
	nearDup     *sql.Stmt
	insertDoc   *sql.Stmt
	docExists   *sql.Stmt
	deleteEvts  *sql.Stmt
	deleteZones *sql.Stmt
	insertEvent *sql.Stmt
	insertActor *sql.Stmt
	insertZone  *sql.Stmt
}

// prepare compiles the write statements on db.write. It runs after the
// migrations, whose tables they name.
func (db *DB) prepare(ctx context.Context) error {
	for _, s := range []struct {
		dst   **sql.Stmt
		query string
	}{
		{&db.stmts.docByHash, `SELECT id FROM documents WHERE hash = ?`},
		{&db.stmts.nearDup, nearDuplicateQuery},
		{&db.stmts.insertDoc, insertDocumentQuery},
		{&db.stmts.docExists, `SELECT 1 FROM documents WHERE id = ?`},
		{&db.stmts.deleteEvts, `DELETE FROM events WHERE doc_id = ?`},
		{&db.stmts.deleteZones, `DELETE FROM zones WHERE doc_id = ?`},
		{&db.stmts.insertEvent, insertEventQuery},
		{&db.stmts.insertActor, `INSERT OR IGNORE INTO event_actors (event_pk, actor) VALUES (?, ?)`},
		{&db.stmts.insertZone, `INSERT INTO zones (doc_id, seq, id, kind, name, data) VALUES (?, ?, ?, ?, ?, ?)`},
	} {
		st, err := db.write.PrepareContext(ctx, s.query)
		if err != nil {
			return fmt.Errorf("prepare statements: %w", err)
		}
		*s.dst = st
	}
	return nil
}

// closeStmts releases the prepared statements; database/sql finalizes
// each once no transaction uses it any more.
func (db *DB) closeStmts() error {
	var errs []error
	for _, st := range []*sql.Stmt{db.stmts.docByHash, db.stmts.nearDup, db.stmts.insertDoc,
		db.stmts.docExists, db.stmts.deleteEvts, db.stmts.deleteZones, db.stmts.insertEvent,
		db.stmts.insertActor, db.stmts.insertZone} {
		if st != nil {
			errs = append(errs, st.Close())
		}
	}
	return errors.Join(errs...)
}
