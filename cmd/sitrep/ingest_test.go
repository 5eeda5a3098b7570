package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
)

// runIngestCLI runs the CLI in-process and returns stderr and the error.
func runIngestCLI(t *testing.T, args ...string) (string, error) {
	t.Helper()
	_, stderr, err := runSitrep(t, args...)
	return stderr, err
}

func TestIngestCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	in := filepath.Join(dir, "in")
	os.MkdirAll(in, 0o755)
	os.WriteFile(filepath.Join(in, "a.txt"), []byte("Shelling hits Testville\n\nHAMA: Artillery shelled the village of Testville on Monday, killing two civilians, a monitor said.\n"), 0o644)
	os.WriteFile(filepath.Join(in, "b.txt"), []byte("Rebels took the village of Otherville on Tuesday after clashes with government troops, a spokesman said.\n"), 0o644)
	os.WriteFile(filepath.Join(in, "bad.txt"), []byte("\x00\x01binary"), 0o644)

	tests := []struct {
		name        string
		args        []string
		wantSummary string
		wantFailed  int
		wantLines   []string
	}{
		{"first run", []string{"--db", db, "ingest", "--workers", "2", in}, "ingested: 2 new, 0 duplicate, 0 near-duplicate, 1 failed", 1,
			[]string{"sitrep: ingest: " + filepath.Join(in, "bad.txt") + ": binary file"}},
		{"rerun adds nothing", []string{"--db", db, "ingest", filepath.Join(in, "a.txt"), filepath.Join(in, "b.txt")}, "ingested: 0 new, 2 duplicate, 0 near-duplicate, 0 failed", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stderr, err := runIngestCLI(t, tt.args...)
			var pe partialError
			switch {
			case tt.wantFailed == 0 && err != nil:
				t.Fatalf("err = %v\n%s", err, stderr)
			case tt.wantFailed > 0 && (!errors.As(err, &pe) || pe.failed != tt.wantFailed):
				t.Fatalf("err = %v, want partialError{%d}\n%s", err, tt.wantFailed, stderr)
			}
			if !strings.Contains(stderr, tt.wantSummary) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantSummary, stderr)
			}
			for _, l := range tt.wantLines {
				if !strings.Contains(stderr, l+"\n") {
					t.Errorf("stderr lacks line %q:\n%s", l, stderr)
				}
			}
		})
	}
}

func TestIngestBadFlags(t *testing.T) {
	if _, err := runIngestCLI(t, "--db", filepath.Join(t.TempDir(), "t.db"), "ingest", "--published", "someday", "x.txt"); err == nil {
		t.Error("bad --published accepted")
	}
	if _, err := runIngestCLI(t, "--db", filepath.Join(t.TempDir(), "t.db"), "ingest"); err == nil {
		t.Error("no source accepted")
	}
}

// TestIngestCodesAtomically checks that ingest stores every new document
// with its coding, and names the outlet of a record that lacks one from
// its URL's domain through the knowledge base.
func TestIngestCodesAtomically(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	in := filepath.Join(dir, "wire.jsonl")
	rec := `{"id":"w1","url":"https://www.reuters.com/world/x","title":"Strike","published":"2018-02-09","text":"Government warplanes struck the town of Saraqeb on Thursday, killing at least seven civilians, a monitor said."}` + "\n"
	os.WriteFile(in, []byte(rec), 0o644)
	if stderr, err := runIngestCLI(t, "--db", db, "ingest", in); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	app := &App{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}}
	defer app.Close()
	app.DBPath = db
	st, err := app.Store(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	docs, err := st.Documents(context.Background(), sitrep.DocumentFilter{})
	if err != nil || len(docs) != 1 {
		t.Fatalf("documents = %d, %v; want 1", len(docs), err)
	}
	if docs[0].Outlet != "Reuters" {
		t.Errorf("outlet = %q, want Reuters", docs[0].Outlet)
	}
	evs, err := st.Events(context.Background(), sitrep.EventFilter{DocID: docs[0].ID})
	if err != nil || len(evs) == 0 {
		t.Fatalf("events of the stored document = %d, %v; want some", len(evs), err)
	}
	if evs[0].Sources[0].Outlet != "Reuters" {
		t.Errorf("event source outlet = %q, want Reuters", evs[0].Sources[0].Outlet)
	}
}
