// Package sqlite implements sitrep.Store on an embedded SQLite database
// (modernc.org/sqlite, pure Go, FTS5 compiled in).
//
// The database runs in WAL mode: readers never block the writer. Writes go
// through one connection, so the process has one writer however many
// goroutines call the store; write transactions start with BEGIN IMMEDIATE
// and a busy timeout, so that two processes sharing a file queue up instead
// of failing. Every PutDocument and ReplaceCoding is one transaction: an
// interrupted run leaves the database consistent, and a rerun completes it.
//
// The schema is the sequence of migrations/NNNN_what.sql files, embedded
// and applied in order at Open, each in a transaction recorded in
// schema_migrations. To change the schema, add a file; never edit one that
// has shipped. A database migrated by a newer program is refused.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// DB is a sitrep.Store backed by one SQLite file. It is safe for
// concurrent use.
type DB struct {
	// Now returns the current time; it stamps IngestedAt. Tests replace it.
	Now func() time.Time

	path  string
	write *sql.DB // one connection: the single writer
	read  *sql.DB // several connections for concurrent readers

	stmts writeStmts // the write path's statements, prepared at Open

	busyTimeout time.Duration
	readConns   int
	mustExist   bool
}

// Option configures Open.
type Option func(*DB)

// WithNow sets the clock used to stamp documents.
func WithNow(now func() time.Time) Option { return func(db *DB) { db.Now = now } }

// WithBusyTimeout sets how long a statement waits for a lock held by
// another connection or process before failing (default 10s).
func WithBusyTimeout(d time.Duration) Option { return func(db *DB) { db.busyTimeout = d } }

// WithReadConns sets the number of reader connections (default 4).
func WithReadConns(n int) Option { return func(db *DB) { db.readConns = n } }

// MustExist makes Open fail with an error wrapping ErrNoDatabase when the
// database file does not exist, instead of creating it (and its folders):
// for commands that only read, where a mistyped path must not leave an
// empty database behind. An existing database is still migrated. It has
// no effect on ":memory:".
func MustExist() Option { return func(db *DB) { db.mustExist = true } }

// ErrNoDatabase is returned by Open with MustExist when there is no
// database at the path. It wraps sitrep.ErrNotFound.
var ErrNoDatabase = fmt.Errorf("no database: %w", sitrep.ErrNotFound)

// Open opens (creating it and its parent folders when needed) the database
// at path and applies pending migrations. The path ":memory:" gives a
// private in-memory database served by a single connection.
func Open(ctx context.Context, path string, opts ...Option) (*DB, error) {
	db := &DB{Now: time.Now, path: path, busyTimeout: 10 * time.Second, readConns: 4}
	for _, o := range opts {
		o(db)
	}
	if path == "" {
		return nil, fmt.Errorf("open database: empty path: %w", sitrep.ErrInvalid)
	}
	params := url.Values{}
	params.Set("_busy_timeout", strconv.FormatInt(db.busyTimeout.Milliseconds(), 10))
	params.Set("_foreign_keys", "1")
	params.Set("_txlock", "immediate")

	var dsn string
	if path == ":memory:" {
		dsn = ":memory:?" + params.Encode()
	} else {
		abs, err := filepath.Abs(path)
		if err != nil {
			return nil, fmt.Errorf("open database %s: %w", path, err)
		}
		if db.mustExist {
			if _, err := os.Stat(abs); errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("open database %s: %w", path, ErrNoDatabase)
			}
			// Also tell SQLite not to create the file, in case it vanishes
			// between the check and the open.
			params.Set("mode", "rw")
		} else if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			return nil, fmt.Errorf("open database %s: %w", path, err)
		}
		params.Set("_journal_mode", "WAL")
		// In WAL mode, synchronous=NORMAL writes each commit to the WAL
		// without an fsync (the WAL is synced at checkpoints). A commit
		// survives the process dying at any point (kill -9, a panic): it
		// is in the operating system's cache and the next open recovers
		// it from the WAL, which is what an interrupted ingest needs
		// (TestKilledWriter). Only a power loss or an operating-system
		// crash can lose the last commits, never the database's
		// consistency. FULL would fsync every commit, one per story.
		params.Set("_synchronous", "NORMAL")
		// A file: URI with an escaped path, so that "?" or "#" in a
		// folder name cannot be read as parameters.
		dsn = "file:" + (&url.URL{Path: abs}).EscapedPath() + "?" + params.Encode()
	}

	w, err := sql.Open("sqlite", writerDSN(path, dsn))
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	db.write = w
	if path == ":memory:" {
		db.read = w
	} else {
		r, err := sql.Open("sqlite", dsn+"&_query_only=1")
		if err != nil {
			w.Close()
			return nil, fmt.Errorf("open database %s: %w", path, err)
		}
		n := db.readConns
		if n < 1 {
			n = 1
		}
		r.SetMaxOpenConns(n)
		r.SetMaxIdleConns(n)
		db.read = r
	}
	if err := db.write.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := db.prepare(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	return db, nil
}

// walCheckpointPages is the WAL size, in pages, past which a commit copies
// the WAL back into the database (SQLite's wal_autocheckpoint, default
// 1000). Every stored story rewrites some thirty pages (the document, its
// band, hash and full-text index pages, the events and their indexes),
// many of them the same from story to story: a checkpoint every 1000
// pages copied and synced them every 30 stories or so. A larger WAL (up
// to about 40 MB of 4 KB pages while an ingest runs; Close checkpoints and
// removes it) copies each hot page once per checkpoint. A commit survives
// the process being killed either way. Under synchronous=NORMAL the WAL
// is synced at checkpoints only, so a power loss or operating-system
// crash can lose the commits since the last one: some 300 stories rather
// than 30, the database still consistent, and a rerun of the ingest
// stores them again.
const walCheckpointPages = 10000

// writerDSN returns the DSN of the writer's connection: dsn, plus the
// writer-only settings for a database file.
func writerDSN(path, dsn string) string {
	if path == ":memory:" {
		return dsn
	}
	return dsn + "&_pragma=" + url.QueryEscape(fmt.Sprintf("wal_autocheckpoint(%d)", walCheckpointPages))
}

// Path returns the path the database was opened with.
func (db *DB) Path() string { return db.path }

// Close closes the database. It waits for running statements to finish.
func (db *DB) Close() error {
	errs := []error{db.closeStmts()}
	if db.read != nil && db.read != db.write {
		errs = append(errs, db.read.Close())
	}
	if db.write != nil {
		// Let SQLite refresh its planner statistics; failures are harmless.
		_, _ = db.write.Exec("PRAGMA optimize")
		errs = append(errs, db.write.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close database: %w", err)
	}
	return nil
}

// migration is one embedded schema step.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the embedded migrations in version order. A file is
// named NNNN_what.sql; NNNN is its version.
func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		name := e.Name()
		prefix, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(prefix)
		if !ok || err != nil || !strings.HasSuffix(name, ".sql") {
			return nil, fmt.Errorf("migration %s: name is not NNNN_what.sql", name)
		}
		b, err := migrationFiles.ReadFile("migrations/" + name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: name, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// migrate applies the migrations not yet recorded in schema_migrations,
// each in its own transaction together with its record.
func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at TEXT NOT NULL
	)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	ms, err := migrations()
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	for _, m := range ms {
		if err := db.apply(ctx, m); err != nil {
			return fmt.Errorf("migrate %s: %w", m.name, err)
		}
	}
	// A database written by a newer sitrep may hold data this one would
	// misread or damage: refuse it rather than guess.
	var top sql.NullInt64
	if err := db.write.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&top); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if known := ms[len(ms)-1].version; int(top.Int64) > known {
		return fmt.Errorf("database schema version %d is newer than this program's %d: %w", top.Int64, known, ErrNewerSchema)
	}
	return nil
}

// ErrNewerSchema is returned by Open for a database migrated by a newer
// version of the program.
var ErrNewerSchema = errors.New("database schema is newer than this program")

func (db *DB) apply(ctx context.Context, m migration) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Checked inside the (immediate) transaction, so two processes opening
	// a new file at once cannot both apply it.
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)`,
		m.version, m.name, db.now().Format(time.RFC3339Nano)); err != nil {
		return err
	}
	return tx.Commit()
}

// SchemaVersion returns the highest applied migration version.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	if err := db.read.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return int(v.Int64), nil
}

// Check runs SQLite's integrity check and the full-text index's own check,
// and returns an error describing the first problem found.
func (db *DB) Check(ctx context.Context) error {
	var res string
	if err := db.write.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return fmt.Errorf("integrity check: %w", err)
	}
	if res != "ok" {
		return fmt.Errorf("integrity check: %s", res)
	}
	var fk int
	if err := db.write.QueryRowContext(ctx, `SELECT count(*) FROM pragma_foreign_key_check`).Scan(&fk); err != nil {
		return fmt.Errorf("foreign key check: %w", err)
	}
	if fk > 0 {
		return fmt.Errorf("foreign key check: %d violation(s)", fk)
	}
	if _, err := db.write.ExecContext(ctx, `INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')`); err != nil {
		return fmt.Errorf("full-text index check: %w", err)
	}
	return nil
}

func (db *DB) now() time.Time {
	if db.Now == nil {
		return time.Now().UTC()
	}
	return db.Now().UTC()
}
