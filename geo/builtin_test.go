package geo

import (
	"testing"
)

// TestBuiltinGazetteer runs short reports written for this test through the
// built-in knowledge base: the resolver's rules on the real place data. A
// location is expected by its text span, precision, country and a point
// within maxKm of the stated coordinates. It is skipped when the built-in
// gazetteer is empty.
func TestBuiltinGazetteer(t *testing.T) {
	r := builtinResolver(t)
	type want struct {
		text      string
		lat, lon  float64
		maxKm     float64
		precision int
		country   string
	}
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"town and anaphor", "Government forces recaptured Raqqa on Sunday. The city had been held by militants since 2014.",
			[]want{
				{"Raqqa", 35.95, 39.01, 5, 1, "SYR"},
				{"The city", 35.95, 39.01, 5, 1, "SYR"},
			}},
		{"capital as a government", "Rebels captured Jandairis on Thursday. Ankara launched its offensive in January and Damascus denied any role. Shelling hit the town later.",
			[]want{
				{"Jandairis", 36.395, 36.689, 5, 1, "SYR"},
				{"the town", 36.395, 36.689, 5, 1, "SYR"},
			}},
		{"capital as a place", "Mortar fire hit Damascus on Monday. In Damascus said residents the shelling was heavy.",
			[]want{
				{"Damascus", 33.51, 36.29, 10, 1, "SYR"},
				{"Damascus", 33.51, 36.29, 10, 1, "SYR"},
			}},
		{"descriptor keeps the country", "A drone strike killed three militants near the city of al-Bayda in central Yemen on Tuesday.",
			[]want{
				{"near the city of al-Bayda", 13.99, 45.57, 10, 2, "YEM"},
				{"central Yemen", 15.0, 48.0, 300, 3, "YEM"},
			}},
		{"relative to a curated base", "A drone was shot down roughly 20 km north of al-Tanf on Monday.",
			[]want{{"roughly 20 km north of al-Tanf", 33.68, 38.66, 3, 2, "SYR"}}},
		{"province and its city", "Gunfire was heard all over Deir ez-Zor province and inside the city of the same name.",
			[]want{
				{"Deir ez-Zor province", 35.0, 40.4, 60, 3, "SYR"},
				{"the city of the same name", 35.34, 40.14, 5, 1, "SYR"},
			}},
		{"Lebanese area", "Hezbollah fighters advanced in Jurud Arsal, near the Syria-Lebanon border.",
			[]want{
				{"Jurud Arsal", 34.15, 36.46, 10, 2, "LBN"},
				{"near the Syria-Lebanon border", 34.2, 36.45, 40, 3, "LBN"},
			}},
		{"Iraqi city and country", "Iraqi troops entered Mosul, officials in Iraq said.",
			[]want{
				{"Mosul", 36.34, 43.12, 5, 1, "IRQ"},
				{"Iraq", 33.0, 44.0, 100, 3, "IRQ"},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := r.Locate(tt.text, "")
			if len(got) != len(tt.want) {
				for _, l := range got {
					t.Logf("got %q %s %.3f,%.3f p%d %s", tt.text[l.Start:l.End], l.Name, l.Lat, l.Lon, l.Precision, l.Country)
				}
				t.Fatalf("Locate found %d locations, want %d", len(got), len(tt.want))
			}
			for i, w := range tt.want {
				l := got[i]
				if span := tt.text[l.Start:l.End]; span != w.text || l.Precision != w.precision || l.Country != w.country {
					t.Errorf("location %d = %q p%d %s, want %q p%d %s", i, span, l.Precision, l.Country, w.text, w.precision, w.country)
				}
				if d := Distance(l.Lat, l.Lon, w.lat, w.lon); d > w.maxKm {
					t.Errorf("location %d %q at %.3f,%.3f is %.0f km from %.3f,%.3f (max %.0f)", i, l.Name, l.Lat, l.Lon, d, w.lat, w.lon, w.maxKm)
				}
			}
		})
	}
}
