package eval

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/golden"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata")

// testKeys is a small actor key table in the shape of the gold one: the
// order matters ("Turkish-backed rebels" is TFSA, not FSA nor TUR).
const testKeys = `# key	regex
TFSA	turk(ey|ish)[- ]backed|euphrates shield
CIV	civilian
SDF	\bsdf\b|syrian democratic forces|\bypg\b
IS	islamic state|\bisis\b|^is$
COAL	coalition|\bu\.?s\.?\b
TUR	\bturk
FSA	rebel|opposition
SYR_GOV	syrian (arab )?army|regime|government forces
`

func mustKeys(t testing.TB) *ActorKeys {
	t.Helper()
	k, err := ParseActorKeys(strings.NewReader(testKeys))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func fp(f float64) *float64 { return &f }
func ip(i int) *int         { return &i }

func TestActorKeysKey(t *testing.T) {
	k := mustKeys(t)
	tests := []struct{ name, want string }{
		{"", ""},
		{"Turkish-backed rebels", "TFSA"},
		{"Turkey-backed Syrian opposition", "TFSA"},
		{"rebels", "FSA"},
		{"Turkish army", "TUR"},
		{"Syrian Arab Army", "SYR_GOV"},
		{"regime forces", "SYR_GOV"},
		{"SYR_GOV", "SYR_GOV"}, // gold keys pass through
		{"CIV", "CIV"},
		{"IS", "IS"},
		{"Islamic State group", "IS"},
		{"US-led coalition", "COAL"},
		{"Kurdish YPG militia", "SDF"},
		{"civilians", "CIV"},
		{"Unknown gunmen", OtherKey},
		{"  rebels  ", "FSA"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := k.Key(tt.name); got != tt.want {
				t.Errorf("Key(%q) = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
	var nilKeys *ActorKeys
	if got := nilKeys.Key(" rebels "); got != "rebels" {
		t.Errorf("nil table Key = %q, want the name unchanged", got)
	}
}

func TestParseActorKeysErrors(t *testing.T) {
	for _, in := range []string{"NOKEY\n", "X\t(unclosed\n", "\tregex\n"} {
		if _, err := ParseActorKeys(strings.NewReader(in)); !errors.Is(err, sitrep.ErrInvalid) {
			t.Errorf("ParseActorKeys(%q) error = %v, want ErrInvalid", in, err)
		}
	}
}

// TestSharedActorKeys checks the project's gold table on names the
// guidelines discuss.
func TestSharedActorKeys(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "gold", "actors.tsv")
	if _, err := os.Stat(path); err != nil {
		t.Skip("shared gold folder absent")
	}
	k, err := LoadActorKeys(path)
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"Turkish-backed rebels":    "TFSA",
		"Syrian Democratic Forces": "SDF",
		"Islamic State":            "IS",
		"Maghawir al-Thawra":       "FSA",
		"Syrian Arab Army":         "SYR_GOV",
		"Hezbollah":                "HEZ",
		"US-led coalition":         "COAL",
		"Civilians":                "CIV",
		"Russian air force":        "RUS",
	} {
		if got := k.Key(name); got != want {
			t.Errorf("Key(%q) = %q, want %q", name, got, want)
		}
	}
}

// Points used by the tests: a town, one 10 km east of it, one 25 km and
// one 40 km east.
const baseLat, baseLon = 35.95, 39.0

func east(km float64) float64 { return baseLon + km/(111.32*0.8099) } // cos(35.95°) ≈ 0.8099

func gold(id string, mod ...func(*Gold)) Gold {
	g := Gold{Doc: "d1", ID: id, EventType: "Battles", SubEventType: "Armed clash", Actor1: "SDF", Actor2: "IS",
		Lat: fp(baseLat), Lon: fp(baseLon), RadiusKm: 15, GeoPrecision: 1, Date: "2017-07-26", DatePrecision: 1}
	for _, m := range mod {
		m(&g)
	}
	return g
}

func event(id string, mod ...func(*sitrep.Event)) sitrep.Event {
	e := sitrep.Event{ID: id, EventType: "Battles", SubEventType: "Armed clash", Actor1: "Syrian Democratic Forces",
		Actor2: "Islamic State", Latitude: fp(baseLat), Longitude: fp(baseLon), GeoPrecision: 1,
		EventDate: "2017-07-26", TimePrecision: 1, Sources: []sitrep.Source{{Doc: "d1", Sentence: "A sentence."}}}
	for _, m := range mod {
		m(&e)
	}
	return e
}

type outcome struct {
	TP, FP, FN, OptionalMatched, OutOfScope int
	Pairs                                   []string // gold=system
}

func summarize(r Report) outcome {
	o := outcome{TP: r.Overall.TP, FP: r.Overall.FP, FN: r.Overall.FN, OptionalMatched: r.OptionalMatched, OutOfScope: r.OutOfScope}
	for _, p := range r.Matched {
		o.Pairs = append(o.Pairs, p.Gold+"="+p.System)
	}
	return o
}

func TestScoreMatching(t *testing.T) {
	tests := []struct {
		name string
		gold []Gold
		sys  []sitrep.Event
		want outcome
	}{
		{"exact", []Gold{gold("g1")}, []sitrep.Event{event("s1")}, outcome{TP: 1, Pairs: []string{"g1=s1"}}},
		{"type mismatch", []Gold{gold("g1")}, []sitrep.Event{event("s1", func(e *sitrep.Event) {
			e.EventType, e.SubEventType = "Explosions/Remote violence", "Air/drone strike"
		})}, outcome{FP: 1, FN: 1}},
		{"other document", []Gold{gold("g1"), gold("g2", func(g *Gold) { g.Doc = "d2"; g.EventType = "Riots" })},
			[]sitrep.Event{event("s1", func(e *sitrep.Event) { e.Sources[0].Doc = "d2" })}, outcome{FP: 1, FN: 2}},
		{"document as a path", []Gold{gold("g1")}, []sitrep.Event{event("s1", func(e *sitrep.Event) { e.Sources[0].Doc = "/data/in/d1" })},
			outcome{TP: 1, Pairs: []string{"g1=s1"}}},
		{"gold document as a path", []Gold{gold("g1", func(g *Gold) { g.Doc = "corpus/d1" })}, []sitrep.Event{event("s1", func(e *sitrep.Event) { e.Sources[0].Doc = "/data/in/d1" })},
			outcome{TP: 1, Pairs: []string{"g1=s1"}}},
		{"within gold radius", []Gold{gold("g1")}, []sitrep.Event{event("s1", func(e *sitrep.Event) { e.Longitude = fp(east(10)) })},
			outcome{TP: 1, Pairs: []string{"g1=s1"}}},
		{"beyond gold radius", []Gold{gold("g1")}, []sitrep.Event{event("s1", func(e *sitrep.Event) { e.Longitude = fp(east(25)) })},
			outcome{FP: 1, FN: 1}},
		{"default radius 30 km inside", []Gold{gold("g1", func(g *Gold) { g.RadiusKm = 0 })},
			[]sitrep.Event{event("s1", func(e *sitrep.Event) { e.Longitude = fp(east(25)) })}, outcome{TP: 1, Pairs: []string{"g1=s1"}}},
		{"default radius 30 km outside", []Gold{gold("g1", func(g *Gold) { g.RadiusKm = 0 })},
			[]sitrep.Event{event("s1", func(e *sitrep.Event) { e.Longitude = fp(east(40)) })}, outcome{FP: 1, FN: 1}},
		{"greedy prefers agreeing attributes", []Gold{
			gold("g1", func(g *Gold) { g.Actor1, g.Date = "SDF", "2017-07-26" }),
			gold("g2", func(g *Gold) { g.Actor1, g.Date = "COAL", "2017-07-27" }),
		}, []sitrep.Event{
			event("s1", func(e *sitrep.Event) { e.Actor1, e.EventDate = "US-led coalition", "2017-07-27" }),
			event("s2", func(e *sitrep.Event) { e.Actor1, e.EventDate = "SDF", "2017-07-26" }),
		}, outcome{TP: 2, Pairs: []string{"g1=s2", "g2=s1"}}},
		{"greedy prefers nearer", []Gold{
			gold("g1"),
			gold("g2", func(g *Gold) { g.Lon = fp(east(10)) }),
		}, []sitrep.Event{
			event("s1", func(e *sitrep.Event) { e.Longitude = fp(east(9)) }),
			event("s2", func(e *sitrep.Event) { e.Longitude = fp(east(1)) }),
		}, outcome{TP: 2, Pairs: []string{"g1=s2", "g2=s1"}}},
		{"one system event for two gold", []Gold{gold("g1"), gold("g2")}, []sitrep.Event{event("s1")},
			outcome{TP: 1, FN: 1, Pairs: []string{"g1=s1"}}},
		{"duplicate system events", []Gold{gold("g1")}, []sitrep.Event{event("s1"), event("s2")},
			outcome{TP: 1, FP: 1, Pairs: []string{"g1=s1"}}},
		{"optional matched is neither TP nor FP", []Gold{gold("g1", func(g *Gold) { g.Optional = true })},
			[]sitrep.Event{event("s1")}, outcome{OptionalMatched: 1}},
		{"optional unmatched is not FN", []Gold{gold("g1", func(g *Gold) { g.Optional = true })}, nil, outcome{}},
		{"required gold is matched before optional", []Gold{
			gold("g1", func(g *Gold) { g.Optional = true }),
			gold("g2"),
		}, []sitrep.Event{event("s1")}, outcome{TP: 1, Pairs: []string{"g2=s1"}}},
		{"system without point, town-level gold", []Gold{gold("g1")},
			[]sitrep.Event{event("s1", func(e *sitrep.Event) { e.Latitude, e.Longitude = nil, nil })}, outcome{FP: 1, FN: 1}},
		{"system without point, region-level gold", []Gold{gold("g1", func(g *Gold) { g.GeoPrecision = 3 })},
			[]sitrep.Event{event("s1", func(e *sitrep.Event) { e.Latitude, e.Longitude = nil, nil })}, outcome{TP: 1, Pairs: []string{"g1=s1"}}},
		{"gold without point", []Gold{gold("g1", func(g *Gold) { g.Lat, g.Lon = nil, nil })},
			[]sitrep.Event{event("s1", func(e *sitrep.Event) { e.Longitude = fp(east(300)) })}, outcome{TP: 1, Pairs: []string{"g1=s1"}}},
		{"document-less gold needs the date", []Gold{
			gold("g1", func(g *Gold) { g.Doc = "" }),
			gold("g2", func(g *Gold) { g.Doc, g.Date = "", "2017-08-02" }),
		}, []sitrep.Event{event("s1", func(e *sitrep.Event) { e.Sources[0].Doc = "elsewhere" })},
			outcome{TP: 1, FN: 1, Pairs: []string{"g1=s1"}}},
		{"documents the gold does not cover are left out", []Gold{gold("g1")}, []sitrep.Event{event("s1"), event("s2", func(e *sitrep.Event) { e.Sources[0].Doc = "unannotated" })},
			outcome{TP: 1, OutOfScope: 1, Pairs: []string{"g1=s1"}}},
		{"event without sources", []Gold{gold("g1")}, []sitrep.Event{event("s1", func(e *sitrep.Event) { e.Sources = nil })},
			outcome{FN: 1, OutOfScope: 1}},
		{"UCDP alternative type", []Gold{gold("g1", func(g *Gold) { g.AltEventTypes = []string{"Explosions/Remote violence"} })},
			[]sitrep.Event{event("s1", func(e *sitrep.Event) { e.EventType = "Explosions/Remote violence" })},
			outcome{TP: 1, Pairs: []string{"g1=s1"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summarize(Score(tt.gold, tt.sys, mustKeys(t)))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Score (-want +got):\n%s", diff)
			}
		})
	}
}

func TestScoreMeasures(t *testing.T) {
	g := []Gold{
		gold("g1", func(g *Gold) { g.Fatalities = ip(29); g.DatePrecision = 2 }),
		gold("g2", func(g *Gold) {
			g.EventType, g.SubEventType, g.Actor1, g.Actor2 = "Explosions/Remote violence", "Air/drone strike", "COAL", "CIV"
			g.CivilianTargeting, g.Date = true, ""
		}),
		gold("g3", func(g *Gold) { g.EventType, g.SubEventType = "Strategic developments", "Agreement" }),
	}
	s := []sitrep.Event{
		event("s1", func(e *sitrep.Event) {
			e.Fatalities, e.EventDate, e.Longitude = ip(29), "2017-07-28", fp(east(2))
		}),
		event("s2", func(e *sitrep.Event) {
			e.EventType, e.SubEventType, e.Actor1, e.Actor2 = "Explosions/Remote violence", "Shelling/artillery/missile attack", "coalition", "civilians"
			e.EventDate, e.GeoPrecision, e.Longitude = "2017-07-26", 2, fp(east(4))
		}),
		event("s3", func(e *sitrep.Event) { e.EventType, e.SubEventType = "Riots", "Mob violence" }),
	}
	r := Score(g, s, mustKeys(t))
	wantOverall := Counts{TP: 2, FP: 1, FN: 1, Precision: 2.0 / 3, Recall: 2.0 / 3, F1: 2.0 / 3}
	if diff := cmp.Diff(wantOverall, r.Overall); diff != "" {
		t.Errorf("Overall (-want +got):\n%s", diff)
	}
	wantTypes := map[string]Counts{
		"Battles":                    {TP: 1, Precision: 1, Recall: 1, F1: 1},
		"Explosions/Remote violence": {TP: 1, Precision: 1, Recall: 1, F1: 1},
		"Strategic developments":     {FN: 1},
		"Riots":                      {FP: 1},
	}
	if diff := cmp.Diff(wantTypes, r.ByType); diff != "" {
		t.Errorf("ByType (-want +got):\n%s", diff)
	}
	wantAttrs := []Attribute{
		{Name: AttrSubEventType, Correct: 1, Total: 2, Accuracy: 0.5},
		{Name: AttrActor1, Correct: 2, Total: 2, Accuracy: 1},
		{Name: AttrActor2, Correct: 2, Total: 2, Accuracy: 1},
		{Name: AttrDate, Correct: 1, Total: 2, Accuracy: 0.5}, // within a week span; a date where the gold has none
		{Name: AttrFatalities, Correct: 2, Total: 2, Accuracy: 1},
		{Name: AttrCivilianTargeting, Correct: 1, Total: 2, Accuracy: 0.5},
		{Name: AttrGeoPrecision, Correct: 1, Total: 2, Accuracy: 0.5},
	}
	if diff := cmp.Diff(wantAttrs, r.Attributes); diff != "" {
		t.Errorf("Attributes (-want +got):\n%s", diff)
	}
	if r.LocationErrors != 2 || r.MedianLocationErrKm < 2.9 || r.MedianLocationErrKm > 3.1 || r.MeanLocationErrKm != r.MedianLocationErrKm {
		t.Errorf("location error: n=%d median=%v mean=%v, want 2 pairs, 3 km", r.LocationErrors, r.MedianLocationErrKm, r.MeanLocationErrKm)
	}
	if len(r.Missed) != 1 || r.Missed[0].ID != "g3" || len(r.Spurious) != 1 || r.Spurious[0].ID != "s3" || r.Spurious[0].Evidence != "A sentence." {
		t.Errorf("missed %+v spurious %+v, want g3 and s3 with its sentence", r.Missed, r.Spurious)
	}
}

func TestScoreEmpty(t *testing.T) {
	r := Score(nil, nil, nil)
	if diff := cmp.Diff(Counts{}, r.Overall); diff != "" {
		t.Errorf("Overall (-want +got):\n%s", diff)
	}
}

func TestReportText(t *testing.T) {
	g := []Gold{gold("g1", func(g *Gold) { g.Fatalities = ip(3) }), gold("g2", func(g *Gold) { g.EventType = "Riots"; g.Evidence = "Rioters burned a bank." })}
	s := []sitrep.Event{event("s1", func(e *sitrep.Event) { e.Longitude = fp(east(5)) }), event("s2", func(e *sitrep.Event) { e.EventType = "Protests" })}
	r := Score(g, s, mustKeys(t))
	var text, js bytes.Buffer
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteJSON(&js); err != nil {
		t.Fatal(err)
	}
	compareGolden(t, "report.txt", text.Bytes())
	compareGolden(t, "report.json", js.Bytes())
}

func compareGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Compare(t, filepath.Join("testdata", name), got, *update)
}
