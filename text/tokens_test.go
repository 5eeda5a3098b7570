package text

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"words and punctuation", "Rebels took al-Bab, Assad's forces said.",
			[]string{"Rebels", "took", "al-Bab", ",", "Assad's", "forces", "said", "."}},
		{"curly apostrophe", "Assad’s men", []string{"Assad’s", "men"}},
		{"numbers", "5,000 to 10,000 and 2.5 or 1,200.75", []string{"5,000", "to", "10,000", "and", "2.5", "or", "1,200.75"}},
		{"number then comma", "killed 12, wounded 3", []string{"killed", "12", ",", "wounded", "3"}},
		{"glued units", "60km and 100sq km, 30mi", []string{"60", "km", "and", "100", "sq", "km", ",", "30", "mi"}},
		{"ordinals and decades", "the 4th and 21st brigades of the 1990s", []string{"the", "4th", "and", "21st", "brigades", "of", "the", "1990s"}},
		{"weapons", "F-16 jets and M16 rifles", []string{"F-16", "jets", "and", "M16", "rifles"}},
		{"acronyms", "U.S.-backed U.N. monitors at 5 a.m.", []string{"U.S.", "-", "backed", "U.N.", "monitors", "at", "5", "a.m."}},
		{"trailing hyphen", "pro- and anti-war", []string{"pro", "-", "and", "anti-war"}},
		{"percent", "50% of", []string{"50", "%", "of"}},
		{"unicode", "Raqqa’s Ḥamā — Dayr az-Zawr", []string{"Raqqa’s", "Ḥamā", "—", "Dayr", "az-Zawr"}},
		{"empty", "", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := Tokenize(tt.in)
			got := make([]string, len(toks))
			for i, tok := range toks {
				got[i] = tok.Text
				if tt.in[tok.Start:tok.End] != tok.Text {
					t.Errorf("token %q has span %d:%d", tok.Text, tok.Start, tok.End)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Tokenize(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"U.S.-backed 60km", "5,000.5,", "al-B.", "’s", "\xff1,2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, tok := range Tokenize(s) {
			if tok.Start < prev || tok.End <= tok.Start || tok.End > len(s) || s[tok.Start:tok.End] != tok.Text {
				t.Fatalf("bad token %q at %d:%d (prev end %d)", tok.Text, tok.Start, tok.End, prev)
			}
			prev = tok.End
		}
	})
}

func TestLemma(t *testing.T) {
	tests := []struct{ in, want string }{
		{"took", "take"},
		{"strikes", "strike"},
		{"Strikes", "strike"},
		{"killed", "kill"},
		{"left", "leave"},
		{"seized", "seize"},
		{"captured", "capture"},
		{"fighters", "fighter"},
		{"said", "say"},
		{"men", "man"},
		{"was", "be"},
		{"shelled", "shell"},
		{"wounded", "wound"},
		{"Raqqa", "raqqa"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Lemma(tt.in)); diff != "" {
				t.Errorf("Lemma(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestLexiconLoads(t *testing.T) {
	l, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	if len(l.abbrevs) == 0 || len(l.numbers) == 0 || len(l.attrVerbs) == 0 || len(l.months) != 24 || len(l.weekdays) != 7 {
		t.Errorf("lexicon incomplete: %d abbreviations, %d numbers, %d verbs, %d months, %d weekdays",
			len(l.abbrevs), len(l.numbers), len(l.attrVerbs), len(l.months), len(l.weekdays))
	}
}
