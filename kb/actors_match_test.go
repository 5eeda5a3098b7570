package kb

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPhTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string // lower-case forms
	}{
		{"U.S.-backed rebels", []string{"us", "backed", "rebels"}},
		{"the U.N. said", []string{"the", "un", "said"}},
		{"Kata'ib Hezbollah", []string{"kataib", "hezbollah"}},
		{"Russia's jets", []string{"russia", "jets"}},
		{"IS’s fighters", []string{"is", "fighters"}},
		{"Workers' Party", []string{"workers", "party"}},
		{"al-Qaeda", []string{"al", "qaeda"}},
		{"Ḥayʼat Taḥrīr", []string{"hayat", "tahrir"}},
		{"A. Smith", []string{"a", "smith"}},
		{"rock 'n' roll", []string{"rock", "n", "roll"}},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var got []string
			for _, tok := range phTokenize(tt.in) {
				if tok.start < 0 || tok.end > len(tt.in) || tok.start >= tok.end {
					t.Errorf("bad span %d:%d", tok.start, tok.end)
				}
				got = append(got, tok.low)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("phTokenize(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestPhRuleFor(t *testing.T) {
	tests := []struct {
		in   string
		want caseRule
	}{
		{"rebels", anyCase},
		{"Syrian", capitalised},
		{"IS", exactCase},
		{"SAA", exactCase},
		{"MaT", exactCase},
		{"A", exactCase},
		{"al", anyCase},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := phRuleFor(tt.in); got != tt.want {
				t.Errorf("phRuleFor(%q) = %d, want %d", tt.in, got, tt.want)
			}
		})
	}
}
