package text

import (
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestQuantities(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Quantity
	}{
		{"at least", "at least 29 people died", []Quantity{{Text: "at least 29", Value: 29, Qualifier: "at least"}}},
		{"more than area", "more than 100sq km of desert", []Quantity{{Text: "more than 100sq km", Value: 100, Unit: "km2", Qualifier: "more than"}}},
		{"sq km", "an area of 100 sq km", []Quantity{{Text: "100 sq km", Value: 100, Unit: "km2"}}},
		{"range to", "5,000 to 10,000 fighters", []Quantity{{Text: "5,000 to 10,000", Value: 5000, Low: 5000, High: 10000}}},
		{"between", "between 20 and 30 wounded", []Quantity{{Text: "between 20 and 30", Value: 20, Low: 20, High: 30}}},
		{"dash range", "15-20 km away", []Quantity{{Text: "15-20 km", Value: 15, Low: 15, High: 20, Unit: "km"}}},
		{"word range", "two or three villages", []Quantity{{Text: "two or three", Value: 2, Low: 2, High: 3}}},
		{"conversion absorbed", "some 250 square km (96 square miles) were retaken",
			[]Quantity{{Text: "some 250 square km (96 square miles)", Value: 250, Unit: "km2", Qualifier: "some"}}},
		{"percent word", "50 percent of the city", []Quantity{{Text: "50 percent", Value: 50, Unit: "percent"}}},
		{"percent sign", "50% of the city", []Quantity{{Text: "50%", Value: 50, Unit: "percent"}}},
		{"a dozen", "a dozen fighters", []Quantity{{Text: "a dozen", Value: 12}}},
		{"dozens", "dozens of civilians", []Quantity{{Text: "dozens", Value: 12, Vague: true}}},
		{"scores", "scores of houses", []Quantity{{Text: "scores", Value: 20, Vague: true}}},
		{"tens", "tens of fighters", []Quantity{{Text: "tens", Value: 10, Vague: true}}},
		{"hundreds", "hundreds fled", []Quantity{{Text: "hundreds", Value: 100, Vague: true}}},
		{"thousands", "thousands fled", []Quantity{{Text: "thousands", Value: 1000, Vague: true}}},
		{"tens of thousands", "tens of thousands fled", []Quantity{{Text: "tens of thousands", Value: 10000, Vague: true}}},
		{"several", "several soldiers", []Quantity{{Text: "several", Value: 3, Vague: true}}},
		{"a few", "a few shells", []Quantity{{Text: "a few", Value: 3, Vague: true}}},
		{"number word", "two soldiers", []Quantity{{Text: "two", Value: 2}}},
		{"hyphenated", "twenty-five soldiers", []Quantity{{Text: "twenty-five", Value: 25}}},
		{"three hundred", "three hundred families", []Quantity{{Text: "three hundred", Value: 300}}},
		{"hundred and", "three hundred and fifty families", []Quantity{{Text: "three hundred and fifty", Value: 350}}},
		{"separate words", "twenty-five and two", []Quantity{{Text: "twenty-five", Value: 25}, {Text: "two", Value: 2}}},
		{"million", "1.5 million people", []Quantity{{Text: "1.5 million", Value: 1.5e6}}},
		{"glued km", "60km southwest", []Quantity{{Text: "60km", Value: 60, Unit: "km"}}},
		{"miles", "30 miles north", []Quantity{{Text: "30 miles", Value: 30, Unit: "mi"}}},
		{"nearly", "nearly 40 killed", []Quantity{{Text: "nearly 40", Value: 40, Qualifier: "nearly"}}},
		{"almost", "almost 40 killed", []Quantity{{Text: "almost 40", Value: 40, Qualifier: "nearly"}}},
		{"up to", "up to 20 dead", []Quantity{{Text: "up to 20", Value: 20, Qualifier: "up to"}}},
		{"about", "about 30 dead", []Quantity{{Text: "about 30", Value: 30, Qualifier: "about"}}},
		{"less than", "less than 5 km", []Quantity{{Text: "less than 5 km", Value: 5, Unit: "km", Qualifier: "less than"}}},
		{"over", "over 300 families", []Quantity{{Text: "over 300", Value: 300, Qualifier: "more than"}}},
		{"over not qualifier", "control over the town", nil},
		{"year skipped", "in 2014 the group", nil},
		{"year with thousands separator kept", "2,014 people", []Quantity{{Text: "2,014", Value: 2014}}},
		{"date day skipped", "on March 22 and 5 March", nil},
		{"abbreviated month skipped", "on Jan. 5", nil},
		{"clock skipped", "at 10:30 and 5 p.m.", nil},
		{"ordinal skipped", "the 4th brigade", nil},
		{"hyphenated unit", "a 100 km-long front", []Quantity{{Text: "100 km-long", Value: 100, Unit: "km"}}},
		{"hyphen before unit", "a 100-km front", []Quantity{{Text: "100-km", Value: 100, Unit: "km"}}},
		{"no one", "no one died, but one soldier was hurt", []Quantity{{Text: "one", Value: 1}}},
		{"meters", "200 meters from the wall", []Quantity{{Text: "200 meters", Value: 200, Unit: "m"}}},
		{"capitalised", "At least 12 were killed", []Quantity{{Text: "At least 12", Value: 12, Qualifier: "at least"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Quantities(tt.in)
			for _, q := range got {
				if tt.in[q.Start:q.End] != q.Text {
					t.Errorf("span %d:%d gives %q, Text is %q", q.Start, q.End, tt.in[q.Start:q.End], q.Text)
				}
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreFields(Quantity{}, "Start", "End"), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Quantities(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func FuzzQuantities(f *testing.F) {
	for _, s := range []string{"at least 29", "5,000 to 10,000", "250 square km (96 square miles)", "between 1 and", "a", "twenty-five and"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, q := range Quantities(s) {
			if q.Start < 0 || q.End < q.Start || q.End > len(s) || s[q.Start:q.End] != q.Text {
				t.Fatalf("bad span %d:%d for %q", q.Start, q.End, q.Text)
			}
			if utf8.ValidString(s) && (!utf8.RuneStart(s[q.Start]) || (q.End < len(s) && !utf8.RuneStart(s[q.End]))) {
				t.Fatalf("span %d:%d not on rune boundaries", q.Start, q.End)
			}
		}
	})
}
