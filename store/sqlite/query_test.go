package sqlite

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFTSQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"  ", ""},
		{"Raqqa", `"Raqqa"`},
		{"fighters  Raqqa", `"fighters" "Raqqa"`},
		{"al-Tanf", `"Tanf"`},
		{"Deir ez-Zor's", `"Deir" "Zor's"`},
		{"U.S. strikes", `"U.S." "strikes"`},
		{"US-backed", `"US-backed"`},
		{"a-", `"a-"`},
		{`"old city"`, `"old city"`},
		{"raqqa OR tabqa", "raqqa OR tabqa"},
		{"raq*", "raq*"},
		{"NEAR(a b)", "NEAR(a b)"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, ftsQuery(tt.in)); diff != "" {
				t.Errorf("ftsQuery(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestCutSnippet(t *testing.T) {
	long := strings.Repeat("x ", 100)
	tests := []struct {
		name, text, query string
		width             int
		want              string
	}{
		{"middle", long + "the Raqqa front" + long, `"raqqa"`, 4, "…the [Raqqa] fro…"},
		{"start", "Raqqa fell.", `"raqqa"`, 20, "[Raqqa] fell."},
		{"operators skipped", "a b OR c", "OR b", 1, "… [b] …"},
		{"no match", "abcdef", `"zzz"`, 3, "abc…"},
		{"rune boundary", "ééééé Raqqa", `"raqqa"`, 3, "…é [Raqqa]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, cutSnippet(tt.text, tt.query, tt.width)); diff != "" {
				t.Errorf("cutSnippet mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
