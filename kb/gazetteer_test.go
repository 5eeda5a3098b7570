package kb

import (
	"bufio"
	"encoding/json"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func builtinForTest(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := loadGazetteer("")
	if err != nil {
		t.Fatalf("loadGazetteer: %v", err)
	}
	return g
}

func TestNormalize(t *testing.T) {
	groups := [][]string{
		{"Raqa", "Raqqa", "Ar-Raqqah", "al-Raqqa", "RAQQA", "Ar Raqqah"},
		{"Deir ez-Zor", "Deir e-Zor", "Deir al-Zor", "Deir ez-Zur", "Dayr az Zawr", "Dair al-Zour", "Deir el-Zour"},
		{"al-Bukamel", "Albu Kamal", "Abu Kamal", "Al-Bukamal", "Abukamal", "Al Bu Kamal"},
		{"a-Tanf", "al-Tanf", "At Tanf", "Al Tanf", "Tanf"},
		{"Mayadin", "Mayadeen", "al-Mayadin", "Al Mayadin"},
		{"Tal Afar", "Tel Afar", "Tall Afar", "Tall ‘Afar"},
		{"Hawija", "Hawijah", "al-Hawija", "Huwayjah"},
		{"Qaim", "al-Qaim", "Al-Qa'im", "Al Qāʼim"},
		{"Daraa", "Deraa", "Dar'a", "Darʿa"},
		{"Khmeimim", "Hmeimim"},
		{"Sukhnah", "al-Sukhnah", "Sukhna", "As Sukhnah"},
		{"Şanlıurfa", "Sanliurfa"},
	}
	for _, grp := range groups {
		t.Run(grp[0], func(t *testing.T) {
			want := Normalize(grp[0])
			if want == "" {
				t.Fatalf("Normalize(%q) is empty", grp[0])
			}
			for _, v := range grp[1:] {
				if diff := cmp.Diff(want, Normalize(v)); diff != "" {
					t.Errorf("Normalize(%q) differs from Normalize(%q) (-want +got):\n%s", v, grp[0], diff)
				}
			}
		})
	}
	distinct := [][2]string{{"Homs", "Hama"}, {"Raqqa", "Rakka Mountain"}, {"Damascus", "Daraa"}, {"Idlib", "Irbid"}}
	for _, d := range distinct {
		t.Run(d[0]+"/"+d[1], func(t *testing.T) {
			if Normalize(d[0]) == Normalize(d[1]) {
				t.Errorf("Normalize(%q) == Normalize(%q) = %q", d[0], d[1], Normalize(d[0]))
			}
		})
	}
}

func TestNormalizeIsWordwise(t *testing.T) {
	for _, s := range []string{"Deir ez-Zor", "Jisr al-Shughur", "Ras al Ain", "Abu Kamal", "Tell Abyad"} {
		var b strings.Builder
		ws := strings.Fields(s)
		for i, w := range ws {
			if i < len(ws)-1 && isArticle(strings.ToLower(w)) {
				continue
			}
			b.WriteString(Normalize(w))
		}
		if got, want := b.String(), Normalize(s); got != want {
			t.Errorf("word keys of %q = %q, want %q", s, got, want)
		}
	}
}

type heldout struct {
	name     string
	lat, lon float64
	curated  bool
}

func readHeldout(t testing.TB) []heldout {
	f, err := os.Open("testdata/places_heldout.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []heldout
	sc := bufio.NewScanner(f)
	header := true
	for sc.Scan() {
		l := sc.Text()
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		c := strings.Split(l, "\t")
		lat, _ := strconv.ParseFloat(c[1], 64)
		lon, _ := strconv.ParseFloat(c[2], 64)
		out = append(out, heldout{name: c[0], lat: lat, lon: lon, curated: len(c) > 3 && strings.HasPrefix(c[3], "curated")})
	}
	return out
}

// TestHeldout resolves realistic 2017 spellings with a Syria/Iraq focus and
// reports the share within 25 km of the truth (goal 95%, failure below
// 90%).
func TestHeldout(t *testing.T) {
	g := builtinForTest(t)
	hs := readHeldout(t)
	hint := Hint{Countries: []string{"SY", "IQ"}}
	ok, curatedMiss := 0, 0
	for _, h := range hs {
		c, found := g.Resolve(h.name, hint)
		d := -1.0
		if found {
			d = haversineKm(h.lat, h.lon, c.Place.Lat, c.Place.Lon)
		}
		if found && d <= 25 {
			ok++
			continue
		}
		if h.curated {
			curatedMiss++
		}
		if found {
			t.Logf("miss %-20q -> %s %q %s/%s (%.0f km)", h.name, c.Place.ID, c.Place.Name, c.Place.Country, c.Place.Kind, d)
		} else {
			t.Logf("miss %-20q -> not found", h.name)
		}
	}
	share := float64(ok) / float64(len(hs))
	nCurated := 0
	for _, h := range hs {
		if h.curated {
			nCurated++
		}
	}
	plain := float64(ok-(nCurated-curatedMiss)) / float64(len(hs)-nCurated)
	t.Logf("held-out: %d/%d within 25 km (%.1f%%); %d of %d curated-only names missed; names GeoNames knows: %.1f%%",
		ok, len(hs), 100*share, curatedMiss, nCurated, 100*plain)
	// Until curated.tsv lands, only the names GeoNames knows are held to
	// the 90% floor.
	if _, err := builtinData.Open("data/places/curated.tsv"); err == nil {
		if share < 0.90 {
			t.Errorf("held-out share %.1f%% < 90%%", 100*share)
		}
	} else if plain < 0.90 {
		t.Errorf("held-out share of names GeoNames knows %.1f%% < 90%%", 100*plain)
	}
}

func TestResolveAmbiguity(t *testing.T) {
	g := builtinForTest(t)
	tests := []struct {
		name, place string
		hint        Hint
		wantCountry string
	}{
		{"Tripoli Lebanon", "Tripoli", Hint{Countries: []string{"LB"}}, "LB"},
		{"Tripoli Libya", "Tripoli", Hint{Countries: []string{"LY"}}, "LY"},
		{"Tripoli no hint", "Tripoli", Hint{}, "LY"},
		{"Tripoli near Homs", "Tripoli", Hint{Near: [][2]float64{{34.73, 36.71}}}, "LB"},
		{"Homs", "Homs", Hint{Countries: []string{"SY"}}, "SY"},
		{"Sidon", "Sidon", Hint{Countries: []string{"LB"}}, "LB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, ok := g.Resolve(tt.place, tt.hint)
			if !ok {
				t.Fatalf("Resolve(%q) found nothing", tt.place)
			}
			if diff := cmp.Diff(tt.wantCountry, c.Place.Country); diff != "" {
				t.Errorf("Resolve(%q) country (-want +got):\n%s (got %s %q)", tt.place, diff, c.Place.ID, c.Place.Name)
			}
		})
	}
}

func TestMentions(t *testing.T) {
	g := builtinForTest(t)
	// A short report written for this test.
	text := "BEIRUT — Government forces advanced on Deir ez-Zor on Tuesday, a monitor said. " +
		"Said the commander: the road from Palmyra to al-Bukamel is open. " +
		"Police in Raqqa and Mosul reported calm, while US-backed fighters held Tabqa. " +
		"IRAQ: NATO and ISIS were named; Syria's envoy and Col. Ryan Dillon spoke; Dillon said the Taliban and Bashar al-Assad don't matter."
	var got []string
	for _, m := range g.Mentions(text) {
		if text[m.Start:m.End] != m.Text {
			t.Errorf("mention %q has span %d:%d = %q", m.Text, m.Start, m.End, text[m.Start:m.End])
		}
		got = append(got, m.Text)
	}
	want := []string{"BEIRUT", "Deir ez-Zor", "Palmyra", "al-Bukamel", "Raqqa", "Mosul", "Tabqa", "IRAQ", "Syria"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Mentions (-want +got):\n%s", diff)
	}
}

func TestAdmin1At(t *testing.T) {
	g := builtinForTest(t)
	tests := []struct {
		name     string
		lat, lon float64
		admin1   string
		iso2     string
	}{
		{"Raqqa", 35.95, 39.01, "Ar-Raqqa", "SY"},
		{"Deir ez-Zor", 35.336, 40.14, "Deir-ez-Zor", "SY"},
		{"Mosul", 36.34, 43.13, "Nineveh", "IQ"},
		{"Douma", 33.57, 36.40, "Rural Damascus", "SY"},
		{"Ramadi", 33.42, 43.30, "Anbar", "IQ"},
		{"Jurud Arsal", 34.15, 36.46, "Baalbek-Hermel", "LB"},
		{"Zahle", 33.85, 35.90, "Bekaa", "LB"},
		{"Tripoli", 34.44, 35.83, "North", "LB"},
		{"Halba", 34.55, 36.08, "Akkar", "LB"},
		{"Hmeymim", 35.401, 35.949, "Lattakia", "SY"},
		{"Paris", 48.85, 2.35, "", "FR"},
		{"Kyiv", 50.45, 30.52, "", "UA"},
		{"Mediterranean", 34.0, 33.0, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, c := g.Admin1At(tt.lat, tt.lon)
			if diff := cmp.Diff([2]string{tt.admin1, tt.iso2}, [2]string{a, c}); diff != "" {
				t.Errorf("Admin1At (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCountryISO3(t *testing.T) {
	for in, want := range map[string]string{"SY": "SYR", "iq": "IRQ", "LB": "LBN", "XX": ""} {
		if got := CountryISO3(in); got != want {
			t.Errorf("CountryISO3(%q) = %q, want %q", in, got, want)
		}
	}
}

// BenchmarkLoad builds the built-in gazetteer from the embedded files and
// reports the live heap it holds (heapMB) and its number of places.
func BenchmarkLoad(b *testing.B) {
	var g *Gazetteer
	var err error
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	for i := 0; i < b.N; i++ {
		g = nil
		if g, err = loadBuiltinUncached(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "heapMB")
	b.ReportMetric(float64(g.Len()), "places")
	runtime.KeepAlive(g)
}

func BenchmarkLookup(b *testing.B) {
	g := builtinForTest(b)
	for _, name := range []string{"Deir ez-Zor", "al-Bukamel", "Raqqa", "Tripoli", "Springfield", "Nowhereville"} {
		b.Run(name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				g.Lookup(name)
			}
		})
	}
}

func BenchmarkMentions(b *testing.B) {
	g := builtinForTest(b)
	text := strings.Repeat("Government forces backed by Russian jets advanced on Deir ez-Zor from Palmyra and al-Sukhnah on Tuesday, the Observatory said, while US-backed fighters of the Syrian Democratic Forces held the town of Tabqa. ", 30)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g.Mentions(text)
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Deir ez-Zor", "al-Bukamel", "Ar-Raqqah", "Şanlıurfa", "دير الزور", "Al", "a-", "Abu", "’Ayn"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Normalize(s)
		if !utf8.ValidString(k) && utf8.ValidString(s) {
			t.Errorf("Normalize(%q) = %q is not valid UTF-8", s, k)
		}
		if strings.ToUpper(s) != s && Normalize(strings.ToUpper(s)) != k && isASCII(s) {
			t.Errorf("Normalize(%q)=%q differs from upper case %q", s, k, Normalize(strings.ToUpper(s)))
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func FuzzMentions(f *testing.F) {
	g := builtinForTest(f)
	f.Add("Forces advanced on Deir ez-Zor from al-Bukamel, Syria's east.")
	f.Add("Col. Ryan Dillon said Raqqa's old city fell.")
	f.Fuzz(func(t *testing.T, s string) {
		end := 0
		for _, m := range g.Mentions(s) {
			if m.Start < end || m.End <= m.Start || m.End > len(s) || s[m.Start:m.End] != m.Text || len(m.Candidates) == 0 {
				t.Fatalf("bad mention %+v in %q", m, s)
			}
			end = m.End
		}
	})
}

// TestSeedPlaces resolves the plain place names of the gold events of the
// seed articles (../shared/gold/seeds.gold.jsonl) and checks that each
// lies within 25 km of the gold point (the gold's radius when larger).
func TestSeedPlaces(t *testing.T) {
	f, err := os.Open("../../shared/gold/seeds.gold.jsonl")
	if err != nil {
		t.Skip("no shared gold:", err)
	}
	defer f.Close()
	g := builtinForTest(t)
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var ev struct {
			Location string   `json:"location"`
			Lat      float64  `json:"lat"`
			Lon      float64  `json:"lon"`
			Radius   *float64 `json:"radius_km"`
		}
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatal(err)
		}
		name, _, _ := strings.Cut(ev.Location, ",")
		name = strings.TrimSpace(name)
		if strings.ContainsAny(name, "()") || strings.Contains(name, " of ") || strings.HasPrefix(name, "near ") ||
			strings.HasPrefix(name, "south") || strings.HasPrefix(name, "desert") || strings.HasPrefix(name, "eastern") {
			continue // a relative location: geo's work
		}
		n++
		c, ok := g.Resolve(name, Hint{Countries: []string{"SY", "IQ"}})
		if !ok {
			t.Errorf("%q not found", name)
			continue
		}
		limit := 25.0
		if ev.Radius != nil && *ev.Radius > limit {
			limit = *ev.Radius
		}
		if d := haversineKm(ev.Lat, ev.Lon, c.Place.Lat, c.Place.Lon); d > limit {
			t.Errorf("%q -> %s %q at %.0f km from the gold point (limit %.0f)", name, c.Place.ID, c.Place.Name, d, limit)
		}
	}
	t.Logf("%d gold place names checked", n)
}

// BenchmarkMentionsVOA runs Mentions over the VOA corpus (../shared), 89
// stories; it reports time per story and throughput.
func BenchmarkMentionsVOA(b *testing.B) {
	f, err := os.Open("../../shared/corpus/voa/voa_stories.jsonl")
	if err != nil {
		b.Skip("no shared corpus:", err)
	}
	defer f.Close()
	var texts []string
	size := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var d struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			b.Fatal(err)
		}
		texts = append(texts, d.Text)
		size += len(d.Text)
	}
	g := builtinForTest(b)
	b.SetBytes(int64(size / len(texts)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g.Mentions(texts[i%len(texts)])
	}
}

// BenchmarkAdmin1At finds the province of points in and out of the
// theatre; the outlines load on the first call (reported as firstCallMs).
func BenchmarkAdmin1At(b *testing.B) {
	g, err := loadBuiltinUncached()
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	g.Admin1At(35.95, 39.01)
	first := time.Since(start)
	pts := [][2]float64{{35.95, 39.01}, {36.34, 43.13}, {33.57, 36.40}, {48.85, 2.35}, {34.0, 33.0}}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := pts[i%len(pts)]
		g.Admin1At(p[0], p[1])
	}
	b.ReportMetric(float64(first.Microseconds())/1000, "firstCallMs")
}

// TestConcurrentUse runs lookups, mentions and admin1 queries from several
// goroutines; run with -race.
func TestConcurrentUse(t *testing.T) {
	g := builtinForTest(t)
	done := make(chan bool)
	for i := 0; i < 4; i++ {
		go func() {
			defer func() { done <- true }()
			for j := 0; j < 20; j++ {
				g.Lookup("Deir ez-Zor")
				g.Resolve("Tripoli", Hint{Countries: []string{"LB"}})
				g.Mentions("Forces entered Raqqa and al-Bukamel.")
				g.Admin1At(35.95, 39.01)
			}
		}()
	}
	for i := 0; i < 4; i++ {
		<-done
	}
}
