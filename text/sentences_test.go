package text

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func sentenceTexts(ss []Sentence) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Text
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"simple", "The army advanced. Rebels withdrew! Was it over? No.",
			[]string{"The army advanced.", "Rebels withdrew!", "Was it over?", "No."}},
		{"titles", "Col. Sam Reed and Gen. Ana Diaz met Lt. Col. Bo Hart. Dr. Lee spoke.",
			[]string{"Col. Sam Reed and Gen. Ana Diaz met Lt. Col. Bo Hart.", "Dr. Lee spoke."}},
		{"us mid sentence", "The U.S. military said the U.N. envoy arrived.",
			[]string{"The U.S. military said the U.N. envoy arrived."}},
		{"us at end", "The envoy flew to the U.S. The talks resumed.",
			[]string{"The envoy flew to the U.S.", "The talks resumed."}},
		{"clock", "The strike hit at 5 a.m. local time. It ended at 6 p.m. The town was quiet.",
			[]string{"The strike hit at 5 a.m. local time.", "It ended at 6 p.m.", "The town was quiet."}},
		{"months", "On Jan. 5 and Sept. 12 the convoy moved. Then it stopped.",
			[]string{"On Jan. 5 and Sept. 12 the convoy moved.", "Then it stopped."}},
		{"number abbreviation", "Checkpoint No. 4 fell. No. It held.",
			[]string{"Checkpoint No. 4 fell.", "No.", "It held."}},
		{"initials", "Abu Bakr al-B. said the unit left. J. R. Smith agreed.",
			[]string{"Abu Bakr al-B. said the unit left.", "J. R. Smith agreed."}},
		{"decimals", "Prices rose 2.5 percent. Fuel cost 1.25 dollars.",
			[]string{"Prices rose 2.5 percent.", "Fuel cost 1.25 dollars."}},
		{"quote end", `"We hold the bridge," he said. "They fled." Then silence.`,
			[]string{`"We hold the bridge," he said.`, `"They fled."`, "Then silence."}},
		{"curly quote end", "He said: “They fled.” Then silence.",
			[]string{"He said: “They fled.”", "Then silence."}},
		{"exclamation in quote", `"Go!" he shouted. Nobody moved.`,
			[]string{`"Go!" he shouted.`, "Nobody moved."}},
		{"paragraph", "First line without stop\n\nSecond paragraph. More text",
			[]string{"First line without stop", "Second paragraph.", "More text"}},
		{"paragraph after abbreviation", "He flew to the U.S.\n\nThe talks began.",
			[]string{"He flew to the U.S.", "The talks began."}},
		{"headline", "Army retakes hill town\nTroops entered the town on Monday.",
			[]string{"Army retakes hill town", "Troops entered the town on Monday."}},
		{"wrapped line", "Troops entered the\ntown on Monday.",
			[]string{"Troops entered the\ntown on Monday."}},
		{"wrapped before a name", "Troops of the\nSyrian army and\nRussian jets hit it,\nOfficials said.",
			[]string{"Troops of the\nSyrian army and\nRussian jets hit it,\nOfficials said."}},
		{"lowercase after period", "The area e.g. near the dam was hit. etc. and more.",
			[]string{"The area e.g. near the dam was hit. etc. and more."}},
		{"ellipsis", "They waited... Then they left.",
			[]string{"They waited...", "Then they left."}},
		{"bracket", "The town fell (after a week.) Rebels left.",
			[]string{"The town fell (after a week.)", "Rebels left."}},
		{"leading and trailing space", "  \n Sentence one.   Sentence two.  \n ",
			[]string{"Sentence one.", "Sentence two."}},
		{"non breaking space", "\u00a0One.\u00a0 Two.\u00a0",
			[]string{"One.", "Two."}},
		{"empty", "", []string{}},
		{"spaces only", " \n\n \t", []string{}},
		{"digit start", "The toll rose. 15 people died.",
			[]string{"The toll rose.", "15 people died."}},
		{"crlf paragraph", "One\r\n\r\nTwo.", []string{"One", "Two."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Sentences(tt.in)
			if diff := cmp.Diff(tt.want, sentenceTexts(got)); diff != "" {
				t.Errorf("Sentences(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
			for _, s := range got {
				if tt.in[s.Start:s.End] != s.Text {
					t.Errorf("offsets %d:%d give %q, Text is %q", s.Start, s.End, tt.in[s.Start:s.End], s.Text)
				}
			}
		})
	}
}

func TestSentencesOffsets(t *testing.T) {
	in := "Héadline\n\nRebels took Tell Abyad. The army fled."
	want := []Sentence{
		{Start: 0, End: 9, Text: "Héadline"},
		{Start: 11, End: 34, Text: "Rebels took Tell Abyad."},
		{Start: 35, End: 49, Text: "The army fled."},
	}
	if diff := cmp.Diff(want, Sentences(in)); diff != "" {
		t.Errorf("Sentences mismatch (-want +got):\n%s", diff)
	}
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{"Col. Reed said. He left.", "A\n\nB", "“Go.” Then.", "U.S. The", "\u00a0x.\xff y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, x := range Sentences(s) {
			if x.Start < prev || x.End < x.Start || x.End > len(s) {
				t.Fatalf("bad span %d:%d (prev end %d, len %d)", x.Start, x.End, prev, len(s))
			}
			if s[x.Start:x.End] != x.Text || x.Text == "" {
				t.Fatalf("text %q does not match span %d:%d", x.Text, x.Start, x.End)
			}
			if utf8.ValidString(s) && (!utf8.RuneStart(s[x.Start]) || (x.End < len(s) && !utf8.RuneStart(s[x.End]))) {
				t.Fatalf("span %d:%d not on rune boundaries", x.Start, x.End)
			}
			prev = x.End
		}
	})
}

// TestLongInputs guards against quadratic behaviour on long runs of cue words.
func TestLongInputs(t *testing.T) {
	for _, unit := range []string{"according to ", "x said ", "at least ", "the last ", ". ", "U.S. ", "twenty-five and ", "a.", "1,", ", x"} {
		s := strings.Repeat(unit, 5000)
		Sentences(s)
		Tokenize(s)
		Quantities(s)
		Times(s, time.Date(2017, 7, 28, 0, 0, 0, 0, time.UTC))
		Attributions(s)
	}
}
