package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/sitrep/sitrep"
)

// ReplaceCoding replaces, in one transaction, the events and zones coded
// from document docID: recoding never duplicates. Their DocID is set to
// docID. It returns an error wrapping sitrep.ErrNotFound when the document
// does not exist.
func (db *DB) ReplaceCoding(ctx context.Context, docID int64, events []sitrep.Event, zones []sitrep.Zone) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("replace coding of document %d: %w", docID, err)
	}
	defer tx.Rollback()
	if err := db.replaceCoding(ctx, tx, docID, events, zones); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("replace coding of document %d: %w", docID, err)
	}
	return nil
}

// replaceCoding does the work of ReplaceCoding inside tx.
func (db *DB) replaceCoding(ctx context.Context, tx *sql.Tx, docID int64, events []sitrep.Event, zones []sitrep.Zone) error {
	var one int
	switch err := tx.StmtContext(ctx, db.stmts.docExists).QueryRowContext(ctx, docID).Scan(&one); {
	case errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("replace coding: document %d: %w", docID, sitrep.ErrNotFound)
	case err != nil:
		return fmt.Errorf("replace coding of document %d: %w", docID, err)
	}
	// event_actors rows go with their events (ON DELETE CASCADE).
	if _, err := tx.StmtContext(ctx, db.stmts.deleteEvts).ExecContext(ctx, docID); err != nil {
		return fmt.Errorf("replace coding of document %d: %w", docID, err)
	}
	if _, err := tx.StmtContext(ctx, db.stmts.deleteZones).ExecContext(ctx, docID); err != nil {
		return fmt.Errorf("replace coding of document %d: %w", docID, err)
	}
	if err := db.insertEvents(ctx, tx, docID, events); err != nil {
		return fmt.Errorf("replace coding of document %d: %w", docID, err)
	}
	if err := db.insertZones(ctx, tx, docID, zones); err != nil {
		return fmt.Errorf("replace coding of document %d: %w", docID, err)
	}
	return nil
}

// insertEventQuery stores one event (see insertEvents).
const insertEventQuery = `INSERT INTO events (doc_id, seq, id, event_type, sub_event_type,
	actor1, actor2, country, event_date, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

func (db *DB) insertEvents(ctx context.Context, tx *sql.Tx, docID int64, events []sitrep.Event) error {
	if len(events) == 0 {
		return nil
	}
	ins := tx.StmtContext(ctx, db.stmts.insertEvent)
	insActor := tx.StmtContext(ctx, db.stmts.insertActor)
	for i := range events {
		e := events[i] // a copy: the caller's slice is left alone
		e.DocID = docID
		data, err := json.Marshal(e)
		if err != nil {
			return fmt.Errorf("event %s: %w", e.ID, err)
		}
		res, err := ins.ExecContext(ctx, docID, i, e.ID, e.EventType, e.SubEventType,
			e.Actor1, e.Actor2, e.Country, e.EventDate, string(data))
		if err != nil {
			return fmt.Errorf("event %s: %w", e.ID, err)
		}
		pk, err := res.LastInsertId()
		if err != nil {
			return fmt.Errorf("event %s: %w", e.ID, err)
		}
		actors := append([]string{e.Actor1, e.Actor2}, e.AssocActor1...)
		actors = append(actors, e.AssocActor2...)
		for _, a := range actors {
			if a == "" {
				continue
			}
			if _, err := insActor.ExecContext(ctx, pk, a); err != nil {
				return fmt.Errorf("event %s: %w", e.ID, err)
			}
		}
	}
	return nil
}

func (db *DB) insertZones(ctx context.Context, tx *sql.Tx, docID int64, zones []sitrep.Zone) error {
	if len(zones) == 0 {
		return nil
	}
	ins := tx.StmtContext(ctx, db.stmts.insertZone)
	for i, z := range zones {
		data, err := json.Marshal(z)
		if err != nil {
			return fmt.Errorf("zone %s: %w", z.ID, err)
		}
		if _, err := ins.ExecContext(ctx, docID, i, z.ID, z.Kind, z.Name, string(data)); err != nil {
			return fmt.Errorf("zone %s: %w", z.ID, err)
		}
	}
	return nil
}

// Events lists the events matching f, ordered by document, then in the
// order the coder gave them to ReplaceCoding. Actor matches actor1, actor2
// or an associated actor and, like Country, ignores ASCII case; From and To
// are inclusive bounds on event_date and leave out undated events.
func (db *DB) Events(ctx context.Context, f sitrep.EventFilter) ([]sitrep.Event, error) {
	var (
		where []string
		args  []any
	)
	add := func(cond string, arg any) {
		where = append(where, cond)
		args = append(args, arg)
	}
	if f.DocID != 0 {
		add(`e.doc_id = ?`, f.DocID)
	}
	if f.EventType != "" {
		add(`e.event_type = ?`, f.EventType)
	}
	if f.SubEventType != "" {
		add(`e.sub_event_type = ?`, f.SubEventType)
	}
	if f.Actor != "" {
		add(`e.pk IN (SELECT event_pk FROM event_actors WHERE actor = ?)`, f.Actor)
	}
	if f.Country != "" {
		add(`e.country = ?`, f.Country)
	}
	if f.From != "" {
		add(`e.event_date <> '' AND e.event_date >= ?`, f.From)
	}
	if f.To != "" {
		add(`e.event_date <> '' AND e.event_date <= ?`, f.To)
	}
	q := `SELECT e.doc_id, e.data FROM events e`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	q += ` ORDER BY e.doc_id, e.seq`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	defer rows.Close()
	var events []sitrep.Event
	var data []byte
	for rows.Next() {
		var e sitrep.Event
		var docID int64
		if err := rows.Scan(&docID, &data); err != nil {
			return nil, fmt.Errorf("events: %w", err)
		}
		if err := json.Unmarshal(data, &e); err != nil {
			return nil, fmt.Errorf("events: document %d: %w", docID, err)
		}
		e.DocID = docID
		events = append(events, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	return events, nil
}

// Zones lists all declared zones, ordered by document, then in the order
// the coder gave them.
func (db *DB) Zones(ctx context.Context) ([]sitrep.Zone, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT doc_id, data FROM zones ORDER BY doc_id, seq`)
	if err != nil {
		return nil, fmt.Errorf("zones: %w", err)
	}
	defer rows.Close()
	var zones []sitrep.Zone
	var data []byte
	for rows.Next() {
		var z sitrep.Zone
		var docID int64
		if err := rows.Scan(&docID, &data); err != nil {
			return nil, fmt.Errorf("zones: %w", err)
		}
		if err := json.Unmarshal(data, &z); err != nil {
			return nil, fmt.Errorf("zones: document %d: %w", docID, err)
		}
		z.DocID = docID
		zones = append(zones, z)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("zones: %w", err)
	}
	return zones, nil
}

// Compile-time check that DB is a complete store.
var _ sitrep.Store = (*DB)(nil)
