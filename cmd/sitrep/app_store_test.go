package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadCommandsNeedDatabase checks that the commands that only read say
// so when the database does not exist, and leave nothing behind.
func TestReadCommandsNeedDatabase(t *testing.T) {
	dir := t.TempDir()
	gold := filepath.Join(dir, "gold.jsonl")
	if err := os.WriteFile(gold, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "data", "none.db")
	tests := []struct {
		name string
		args []string
	}{
		{"docs", []string{"docs"}},
		{"docs jsonl", []string{"docs", "--format", "jsonl"}},
		{"search", []string{"search", "strike"}},
		{"events", []string{"events"}},
		{"export", []string{"export", "--format", "jsonl"}},
		{"zones", []string{"zones"}},
		{"eval", []string{"eval", "--gold", gold}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := runSitrep(t, append(tt.args, "--db", missing)...)
			want := "no database at " + missing + " (run sitrep ingest first)"
			if err == nil || err.Error() != want {
				t.Errorf("error %v, want %q", err, want)
			}
			if out != "" {
				t.Errorf("output %q, want none", out)
			}
			if _, err := os.Stat(filepath.Join(dir, "data")); !os.IsNotExist(err) {
				t.Errorf("a folder or database was created (stat: %v)", err)
			}
		})
	}
}

// TestReadCommandsExistingDatabase checks that a read command still opens
// a database that exists.
func TestReadCommandsExistingDatabase(t *testing.T) {
	db := docsTestDB(t)
	out, _, err := runSitrep(t, "docs", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "one.txt") {
		t.Errorf("docs output lacks one.txt:\n%s", out)
	}
}
