package kb

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestLookupAmong checks that LookupAmong is Lookup filtered to the given
// places, order and scores included, for mentions' own candidates and for
// hand-picked subsets.
func TestLookupAmong(t *testing.T) {
	g := builtinForTest(t)
	filter := func(cs []Candidate, among []Candidate) []Candidate {
		var out []Candidate
		for _, c := range cs {
			for _, a := range among {
				if a.Place == c.Place {
					out = append(out, c)
					break
				}
			}
		}
		return out
	}
	text := "Clashes near Raqa, Deir e-Zor and al-Bukamel; Tripoli, Springfield and Homs's outskirts. Hmeymim, a-Tanf, Damascus, Alexandria."
	tests := []struct {
		name  string
		among []Candidate
	}{
		{"Nowhereville", nil},
		{"Tripoli", nil},
		{"Tripoli", g.Lookup("Tripoli")[1:3]},
		{"Springfield", g.Lookup("Springfield")[2:]},
		{"Raqqa", g.Lookup("Tabqa")},
	}
	for _, m := range g.Mentions(text) {
		tests = append(tests, struct {
			name  string
			among []Candidate
		}{m.Text, m.Candidates})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			all := g.Lookup(tt.name)
			got, known := g.LookupAmong(tt.name, tt.among)
			if known != (len(all) > 0) {
				t.Errorf("known = %v, want %v", known, len(all) > 0)
			}
			if diff := cmp.Diff(filter(all, tt.among), got); diff != "" {
				t.Errorf("LookupAmong(%q) (-want +got):\n%s", tt.name, diff)
			}
		})
	}
}
