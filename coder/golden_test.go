package coder

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// readReport reads a test report: header lines "published: YYYY-MM-DD" and
// "dateline: X" up to the first blank line, then the text; paragraphs are
// separated by blank lines and a paragraph starting "CAPTION: " is a photo
// caption.
func readReport(t *testing.T, path string) *sitrep.Document {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	doc := &sitrep.Document{Name: filepath.Base(path), URL: "file://" + filepath.Base(path), Outlet: "test"}
	body := string(b)
	for {
		line, rest, ok := strings.Cut(body, "\n")
		if !ok {
			break
		}
		k, v, isHeader := strings.Cut(line, ": ")
		if !isHeader || strings.Contains(k, " ") {
			break
		}
		switch k {
		case "published":
			p, err := time.Parse("2006-01-02", v)
			if err != nil {
				// A full time with its zone: "2019-05-08T22:30:00-04:00".
				p, err = time.Parse(time.RFC3339, v)
			}
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			doc.Published = p
		case "dateline":
			doc.Dateline = v
		case "title":
			doc.Title = v
		default:
			t.Fatalf("%s: unknown header %q", path, k)
		}
		body = rest
	}
	var text strings.Builder
	for i, p := range strings.Split(strings.TrimSpace(body), "\n\n") {
		kind := sitrep.Body
		if c, ok := strings.CutPrefix(p, "CAPTION: "); ok {
			p, kind = c, sitrep.Caption
		}
		p = strings.TrimSpace(p)
		if i > 0 {
			text.WriteString("\n\n")
		}
		start := text.Len()
		text.WriteString(p)
		doc.Paragraphs = append(doc.Paragraphs, sitrep.Paragraph{Start: start, End: text.Len(), Kind: kind})
	}
	doc.Text = text.String()
	doc.Hash = "0123456789abcdef"
	return doc
}

// goldenEvent is the part of an event the golden files pin down: every
// coded field, and the evidence sentences without the provenance noise.
type goldenEvent struct {
	Type        string   `json:"type"`
	SubType     string   `json:"sub_type"`
	CAMEO       string   `json:"cameo"`
	PLOVER      string   `json:"plover"`
	Actor1      string   `json:"actor1"`
	Actor2      string   `json:"actor2,omitempty"`
	Assoc1      []string `json:"assoc1,omitempty"`
	Assoc2      []string `json:"assoc2,omitempty"`
	Interaction int      `json:"interaction"`
	Civilian    bool     `json:"civilian_targeting,omitempty"`
	Location    string   `json:"location"`
	Country     string   `json:"country"`
	GeoPrec     int      `json:"geo_precision"`
	Date        string   `json:"date"`
	TimePrec    int      `json:"time_precision"`
	Fatalities  *int     `json:"fatalities,omitempty"`
	Low         *int     `json:"fatalities_low,omitempty"`
	High        *int     `json:"fatalities_high,omitempty"`
	From        string   `json:"from,omitempty"`
	To          string   `json:"to,omitempty"`
	Area        *float64 `json:"area_km2,omitempty"`
	ClaimedBy   string   `json:"claimed_by,omitempty"`
	Contested   bool     `json:"contested,omitempty"`
	Notes       string   `json:"notes,omitempty"`
	Evidence    []string `json:"evidence"`
}

type goldenZone struct {
	Name       string  `json:"zone"`
	Kind       string  `json:"kind"`
	RadiusKm   float64 `json:"radius_km,omitempty"`
	DeclaredBy string  `json:"declared_by,omitempty"`
	Date       string  `json:"date,omitempty"`
	Mentions   int     `json:"mentions"`
}

func goldenLines(cod Coding) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for _, e := range cod.Events {
		g := goldenEvent{Type: e.EventType, SubType: e.SubEventType, CAMEO: e.CAMEO, PLOVER: e.PLOVER, Actor1: e.Actor1, Actor2: e.Actor2,
			Assoc1: e.AssocActor1, Assoc2: e.AssocActor2, Interaction: e.Interaction, Civilian: e.CivilianTargeting,
			Location: e.Location, Country: e.Country, GeoPrec: e.GeoPrecision, Date: e.EventDate, TimePrec: e.TimePrecision,
			Fatalities: e.Fatalities, Low: e.FatalitiesLow, High: e.FatalitiesHigh, From: e.FromActor, To: e.ToActor, Area: e.AreaKm2,
			ClaimedBy: e.ClaimedBy, Contested: e.Contested, Notes: e.Notes}
		for _, s := range e.Sources {
			g.Evidence = append(g.Evidence, s.Sentence)
		}
		enc.Encode(g)
	}
	for _, z := range cod.Zones {
		enc.Encode(goldenZone{Name: z.Name, Kind: z.Kind, RadiusKm: z.RadiusKm, DeclaredBy: z.DeclaredBy, Date: z.Date, Mentions: len(z.Sources)})
	}
	return buf.Bytes()
}

// TestGolden codes every report in testdata and compares the result with
// its .golden.jsonl file; -update rewrites the golden files, which are then
// reviewed by hand.
func TestGolden(t *testing.T) {
	c := testCoder(t)
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no test reports")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			doc := readReport(t, f)
			cod, err := c.Code(context.Background(), doc)
			if err != nil {
				t.Fatal(err)
			}
			checkProvenance(t, doc, cod)
			got := goldenLines(cod)
			gp := strings.TrimSuffix(f, ".txt") + ".golden.jsonl"
			golden.Compare(t, gp, got, *update)
		})
	}
}

// checkProvenance verifies that every source points at its sentence.
func checkProvenance(t *testing.T, doc *sitrep.Document, cod Coding) {
	t.Helper()
	for _, e := range cod.Events {
		if e.CoderVersion != sitrep.Version || e.KBVersion == "" || e.ID == "" {
			t.Errorf("event %s: missing version or id", e.ID)
		}
		if len(e.Sources) == 0 {
			t.Errorf("event %s: no sources", e.ID)
		}
		for _, s := range e.Sources {
			if s.Start < 0 || s.End > len(doc.Text) || doc.Text[s.Start:s.End] != s.Sentence || s.Doc != doc.Name {
				t.Errorf("event %s: source offsets [%d,%d) do not hold %q", e.ID, s.Start, s.End, s.Sentence)
			}
		}
		if e.Confidence <= 0 || e.Confidence > 1 {
			t.Errorf("event %s: confidence %v out of (0,1]", e.ID, e.Confidence)
		}
	}
}
