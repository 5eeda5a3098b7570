package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/store/sqlite"
	"github.com/sitrep/sitrep/store/storetest"
)

// schema1 creates at path a database as sitrep wrote it at schema
// version 1 (four 16-bit simhash bands) holding docs, and returns their IDs.
func schema1(t *testing.T, path string, docs []*sitrep.Document) []int64 {
	t.Helper()
	first, err := os.ReadFile(filepath.Join("migrations", "0001_init.sql"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range []string{
		`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
		string(first),
		`INSERT INTO schema_migrations VALUES (1, '0001_init.sql', '2026-11-01T00:00:00Z')`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	var ids []int64
	for _, d := range docs {
		var bands [4]any
		if d.SimHash != 0 {
			for i := range bands {
				bands[i] = int64(d.SimHash >> (16 * i) & 0xffff)
			}
		}
		res, err := raw.Exec(`INSERT INTO documents (name, title, text, paragraphs, hash, simhash,
			band0, band1, band2, band3, duplicate_of, ingested_at)
			VALUES (?, ?, ?, 'null', ?, ?, ?, ?, ?, ?, NULL, '2026-11-01T00:00:00Z')`,
			d.Name, d.Title, d.Text, d.Hash, int64(d.SimHash), bands[0], bands[1], bands[2], bands[3])
		if err != nil {
			t.Fatal(err)
		}
		id, err := res.LastInsertId()
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

// TestMigrateFromSchema1 opens a database written at schema version 1: the
// new bands are filled from the stored simhashes, so a document within 6
// bits of an old one links to it, and 7 bits apart does not.
func TestMigrateFromSchema1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v1.db")
	// The top bit set: stored as a negative integer, which the SQL backfill
	// must split like the Go code does.
	const old uint64 = 0xf123456789abcdef
	ids := schema1(t, path, []*sitrep.Document{
		storetest.NewDocument("old.txt", "Fighters shelled the old bridge at dawn.", old),
		storetest.NewDocument("none.txt", "A report without a simhash.", 0),
	})
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, err := db.SchemaVersion(ctx); err != nil || v != 3 {
		t.Fatalf("schema version %d (%v), want 3", v, err)
	}
	if err := db.Check(ctx); err != nil {
		t.Fatal(err)
	}

	// The backfilled bands, read back raw, against the split by hand.
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var got [2][7]sql.NullInt64
	for i, id := range ids {
		b := &got[i]
		if err := raw.QueryRow(`SELECT band0, band1, band2, band3, band4, band5, band6 FROM documents WHERE id = ?`, id).
			Scan(&b[0], &b[1], &b[2], &b[3], &b[4], &b[5], &b[6]); err != nil {
			t.Fatal(err)
		}
	}
	var want [2][7]sql.NullInt64
	for i := range 7 {
		want[0][i] = sql.NullInt64{Int64: int64(old >> (9 * i) & 511), Valid: true}
	}
	want[0][6].Int64 = int64(old >> 54)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("backfilled bands mismatch (-want +got):\n%s", diff)
	}

	flip := func(h uint64, bs ...int) uint64 {
		for _, b := range bs {
			h ^= 1 << b
		}
		return h
	}
	tests := []struct {
		name   string
		hash   uint64
		status sitrep.PutStatus
		dupOf  int64
	}{
		{"distance 6", flip(old, 0, 9, 18, 27, 36, 45), sitrep.StatusNearDuplicate, ids[0]},
		{"distance 7", flip(old, 1, 10, 19, 28, 37, 46, 55), sitrep.StatusNew, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := storetest.NewDocument(tt.name, "copy "+tt.name, tt.hash)
			st, err := db.PutDocument(ctx, d)
			if err != nil {
				t.Fatal(err)
			}
			if st != tt.status || d.DuplicateOf != tt.dupOf {
				t.Errorf("status %q duplicate of %d, want %q of %d", st, d.DuplicateOf, tt.status, tt.dupOf)
			}
		})
	}

	// The full-text index survived the rewrite of the table.
	hits, err := db.Search(ctx, "bridge", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].DocID != ids[0] {
		t.Errorf("search after migration: %+v, want document %d", hits, ids[0])
	}
}

// TestOpenMustExist checks that MustExist refuses a missing database
// without creating it or its folder, and opens an existing one.
func TestOpenMustExist(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, missing := range []string{filepath.Join(dir, "missing.db"), filepath.Join(dir, "sub", "missing.db")} {
		db, err := sqlite.Open(ctx, missing, sqlite.MustExist())
		if err == nil {
			db.Close()
		}
		if !errors.Is(err, sqlite.ErrNoDatabase) || !errors.Is(err, sitrep.ErrNotFound) {
			t.Errorf("Open(%s): error %v, want ErrNoDatabase and ErrNotFound", missing, err)
		}
	}
	if entries, err := os.ReadDir(dir); err != nil || len(entries) != 0 {
		t.Errorf("Open of missing databases created %v (%v)", entries, err)
	}

	path := filepath.Join(dir, "there.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	d := writeDoc(1)
	if _, err := db.PutDocument(ctx, d); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = sqlite.Open(ctx, path, sqlite.MustExist())
	if err != nil {
		t.Fatalf("Open of an existing database: %v", err)
	}
	defer db.Close()
	if _, err := db.Document(ctx, d.ID); err != nil {
		t.Error(err)
	}
}
