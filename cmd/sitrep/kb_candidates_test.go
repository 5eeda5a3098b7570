package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/store/sqlite"
)

func TestKBCandidates(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cand.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []*sitrep.Document{
		{Name: "a.txt", Text: "A new group which calls itself Saraya Ahl al-Testiya claimed the attack on the checkpoint. The Free Syrian Army denied any role."},
		{Name: "b.txt", Text: "Fighters of the Qwerty Brigade withdrew from the hill.\n\nSaraya Ahl al-Testiya said it held the road."},
		{Name: "c.txt", Text: "Fighters of the Qwerty Brigade shelled the village on Monday."},
		{Name: "d.txt", Text: "Government forces shelled the village on Monday."},
	} {
		if _, err := db.PutDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	tests := []struct {
		name string
		args []string
		want []actorCandidate
	}{
		{"unknown groups counted, known ones left out", []string{"kb", "candidates", "--db", path, "--format", "jsonl"}, []actorCandidate{
			{Name: "Qwerty Brigade", Mentions: 2, Documents: []string{"b.txt", "c.txt"}},
			{Name: "Saraya Ahl al-Testiya", Mentions: 2, Documents: []string{"a.txt", "b.txt"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := runSitrep(t, tt.args...)
			if err != nil {
				t.Fatal(err)
			}
			var got []actorCandidate
			for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
				var c actorCandidate
				if err := json.Unmarshal([]byte(l), &c); err != nil {
					t.Fatalf("%q: %v", l, err)
				}
				if !strings.Contains(c.Example, c.Name) {
					t.Errorf("example %q does not show %q", c.Example, c.Name)
				}
				c.Example = ""
				got = append(got, c)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestMentionContext(t *testing.T) {
	text := "Before — the Qwerty Brigade — after"
	start := strings.Index(text, "Qwerty")
	end := start + len("Qwerty Brigade")
	tests := []struct {
		width int
		want  string
	}{
		{100, "Before — the Qwerty Brigade — after"},
		{6, "…— the Qwerty Brigade — a…"}, // cuts widen to whole runes
		{0, "…Qwerty Brigade…"},
	}
	for _, tt := range tests {
		if got := mentionContext(text, start, end, tt.width); got != tt.want {
			t.Errorf("width %d: got %q, want %q", tt.width, got, tt.want)
		}
	}
}
