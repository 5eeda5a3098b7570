package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/store/sqlite"
)

// docsTestDB writes a database with three short reports written for this
// test, the third a near-duplicate of the first, and returns its path.
func docsTestDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "docs.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	docs := []*sitrep.Document{
		{Name: "one.txt", Title: "Rebels take Testville", Outlet: "Test Wire", Dateline: "AMMAN", Author: "A. Writer",
			Published: time.Date(2017, 7, 28, 1, 1, 0, 0, time.UTC), Text: "Rebels took Testville near al-Tanf on Monday.", SimHash: 0xff00,
			Raw: []byte("<p>Rebels took Testville</p>"), RawType: "text/html"},
		{Name: "https://example.org/two", URL: "https://example.org/two", Title: "Strikes on Otherton",
			Text: "Air strikes hit Otherton.\n\nA photo caption.", SimHash: 0x00ff00ff00ff},
		{Name: "three.txt", Title: "Rebels take Testville (copy)", Text: "Rebels took Testville near al-Tanf on Monday!", SimHash: 0xff01},
	}
	for _, d := range docs {
		if _, err := db.PutDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestDocsJSONL(t *testing.T) {
	db := docsTestDB(t)
	out, _, err := runSitrep(t, "docs", "--db", db, "--format", "jsonl")
	if err != nil {
		t.Fatal(err)
	}
	type line struct {
		ID                                  int64
		Name, URL, Outlet, Title, Published string
		DuplicateOf                         string `json:"duplicate_of"`
		Dateline, Author, Text              string
	}
	var got []line
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var v line
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		got = append(got, v)
	}
	want := []line{
		{ID: 1, Name: "one.txt", Outlet: "Test Wire", Title: "Rebels take Testville", Published: "2017-07-28",
			Dateline: "AMMAN", Author: "A. Writer", Text: "Rebels took Testville near al-Tanf on Monday."},
		{ID: 2, Name: "https://example.org/two", URL: "https://example.org/two", Title: "Strikes on Otherton",
			Text: "Air strikes hit Otherton.\n\nA photo caption."},
		{ID: 3, Name: "three.txt", Title: "Rebels take Testville (copy)", DuplicateOf: "one.txt",
			Text: "Rebels took Testville near al-Tanf on Monday!"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("docs jsonl mismatch (-want +got):\n%s", diff)
	}
	for _, key := range []string{`"hash":`, `"simhash":`, `"ingested_at":`} {
		if !strings.Contains(out, key) {
			t.Errorf("docs jsonl lacks %s", key)
		}
	}
}

func TestDocsTableAndLimit(t *testing.T) {
	db := docsTestDB(t)
	out, _, err := runSitrep(t, "docs", "--db", db, "--limit", "2")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "ID") || !strings.Contains(lines[1], "2017-07-28") {
		t.Errorf("docs table:\n%s", out)
	}
	out, _, err = runSitrep(t, "docs", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	lines = strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || !strings.HasSuffix(strings.TrimSpace(lines[3]), "one.txt") {
		t.Errorf("docs table: the near-duplicate's row does not end with its original's name:\n%s", out)
	}
}

func TestSearchCommand(t *testing.T) {
	db := docsTestDB(t)
	tests := []struct {
		name    string
		args    []string
		want    []string // names of hits, in order
		wantErr bool
	}{
		{"plain words", []string{"Otherton", "strikes"}, []string{"https://example.org/two"}, false},
		{"article variant", []string{"a-Tanf"}, []string{"one.txt", "three.txt"}, false},
		{"limit", []string{"--limit", "1", "Testville"}, []string{"one.txt"}, false},
		{"none", []string{"Nowhere"}, nil, false},
		{"bad syntax", []string{`"unbalanced`}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"search", "--db", db, "--format", "jsonl"}, tt.args...)
			out, _, err := runSitrep(t, args...)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error %v, want error %v", err, tt.wantErr)
			}
			var got []string
			for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
				if l == "" {
					continue
				}
				var h sitrep.SearchHit
				if err := json.Unmarshal([]byte(l), &h); err != nil {
					t.Fatalf("line %q: %v", l, err)
				}
				got = append(got, h.Name)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("hits mismatch (-want +got):\n%s", diff)
			}
		})
	}
	out, _, err := runSitrep(t, "search", "--db", db, "Otherton")
	if err != nil || !strings.Contains(out, "[Otherton]") {
		t.Errorf("search table = %q, %v; want a snippet with [Otherton]", out, err)
	}
	if _, _, err := runSitrep(t, "docs", "--db", db, "--format", "xml"); err == nil {
		t.Error("docs --format xml succeeded")
	}
}

func TestDocsListPages(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, docsTestDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	tests := []struct {
		limit, pageSize int
		want            []string
	}{
		{0, 1, []string{"one.txt", "https://example.org/two", "three.txt <- one.txt"}},
		{0, 2, []string{"one.txt", "https://example.org/two", "three.txt <- one.txt"}},
		{2, 1, []string{"one.txt", "https://example.org/two"}},
		{5, 2, []string{"one.txt", "https://example.org/two", "three.txt <- one.txt"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("limit %d page %d", tt.limit, tt.pageSize), func(t *testing.T) {
			rec := &docsRecorder{}
			if err := docsList(ctx, st, rec, tt.limit, tt.pageSize); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, rec.got); diff != "" {
				t.Errorf("listed mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// docsRecorder records the names docsList writes, with "<- original".
type docsRecorder struct{ got []string }

func (r *docsRecorder) write(d *sitrep.Document, names map[int64]string) error {
	s := d.Name
	if d.DuplicateOf != 0 {
		s += " <- " + names[d.DuplicateOf]
	}
	if d.Raw != nil {
		s += " (raw read)"
	}
	r.got = append(r.got, s)
	return nil
}

func (r *docsRecorder) flush() error { return nil }
