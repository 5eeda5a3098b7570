package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/internal/golden"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata")

func fp(f float64) *float64 { return &f }
func ip(i int) *int         { return &i }

// testEvents are two events from short reports written for these tests,
// one without coordinates.
func testEvents() []sitrep.Event {
	return []sitrep.Event{
		{
			ID: "doc1-e1", EventType: "Explosions/Remote violence", SubEventType: "Air/drone strike", CAMEO: "195", PLOVER: "AERIAL",
			Actor1: "US-led coalition", Actor2: "Civilians", AssocActor1: []string{"Royal Air Force", "French Air Force"},
			Inter1: 8, Inter2: 7, Interaction: 78, CivilianTargeting: true,
			Location: "Raqqa", Admin1: "Ar-Raqqa", Country: "SYR", Latitude: fp(35.953), Longitude: fp(39.008), GeoPrecision: 1,
			EventDate: "2017-07-26", TimePrecision: 1, Fatalities: ip(12), FatalitiesLow: ip(12), FatalitiesHigh: ip(15),
			ClaimedBy: "a monitor", Confidence: 0.9, CoderVersion: "0.1.0", KBVersion: "kb1",
			Sources: []sitrep.Source{{Doc: "doc1.txt", Outlet: "Test Wire", Published: "2017-07-28",
				Sentence: "Air strikes on the city killed at least 12 civilians, \"a monitor\" said.", Start: 10, End: 80}},
		},
		{
			ID: "doc2-e1", EventType: "Battles", SubEventType: "Non-state actor overtakes territory",
			Actor1: "Rebel faction", Actor2: "Islamic State", Inter1: 2, Inter2: 2, Interaction: 22,
			Location: "somewhere in the desert", Country: "SYR", GeoPrecision: 3, FromActor: "Islamic State", ToActor: "Rebel faction",
			AreaKm2: fp(250), Contested: true, Notes: "denied by the group",
			Sources: []sitrep.Source{{Doc: "doc2.txt", Sentence: "Rebels said they took\nthe desert area."}},
		},
	}
}

func testZones() []sitrep.Zone {
	return []sitrep.Zone{
		{ID: "doc1-z1", Name: "al-Tanf deconfliction zone", Kind: "deconfliction", Latitude: 33.5, Longitude: 38.6, RadiusKm: 55,
			DeclaredBy: "coalition", Date: "2017-06-01", Evidence: "A 55 km zone around the base.", Sources: []sitrep.Source{{Doc: "doc1.txt"}}},
		{ID: "doc2-z1", Name: "Northern pocket", Kind: "de-escalation", Latitude: 35.1, Longitude: 36.7,
			Polygon: [][2]float64{{36.6, 35.0}, {36.8, 35.0}, {36.8, 35.2}, {36.6, 35.0}}},
	}
}

func TestWriters(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		golden string
		write  func(*bytes.Buffer) error
	}{
		{"events.jsonl", func(b *bytes.Buffer) error { return JSONL(b, testEvents()) }},
		{"events.txt", func(b *bytes.Buffer) error { return Table(b, testEvents()) }},
		{"events.csv", func(b *bytes.Buffer) error { return CSV(b, testEvents()) }},
		{"events.acled.csv", func(b *bytes.Buffer) error { return ACLED(b, testEvents(), ACLEDOptions{Now: now}) }},
		{"events.geojson", func(b *bytes.Buffer) error {
			skipped, err := GeoJSON(b, testEvents())
			if skipped != 1 {
				t.Errorf("GeoJSON skipped %d, want 1", skipped)
			}
			return err
		}},
		{"zones.jsonl", func(b *bytes.Buffer) error { return ZonesJSONL(b, testZones()) }},
		{"zones.txt", func(b *bytes.Buffer) error { return ZonesTable(b, testZones()) }},
		{"empty.acled.csv", func(b *bytes.Buffer) error { return ACLED(b, nil, ACLEDOptions{}) }},
		{"empty.geojson", func(b *bytes.Buffer) error { _, err := GeoJSON(b, nil); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.write(&b); err != nil {
				t.Fatal(err)
			}
			compareGolden(t, tt.golden, b.Bytes())
		})
	}
}

func TestACLEDColumns(t *testing.T) {
	var b bytes.Buffer
	if err := ACLED(&b, testEvents(), ACLEDOptions{}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	row := map[string]string{}
	for i, c := range recs[0] {
		row[c] = recs[1][i]
	}
	want := map[string]string{"iso": "760", "country": "Syria", "region": "Middle East", "disorder_type": "Political violence",
		"civilian_targeting": "Civilian targeting", "assoc_actor_1": "Royal Air Force; French Air Force", "year": "2017",
		"latitude": "35.9530", "fatalities": "12", "source": "Test Wire"}
	got := map[string]string{}
	for k := range want {
		got[k] = row[k]
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ACLED row (-want +got):\n%s", diff)
	}
	if len(recs[0]) != 31 || len(recs[2]) != 31 {
		t.Errorf("ACLED has %d columns, want 31", len(recs[0]))
	}
}

func TestGeoJSONProperties(t *testing.T) {
	var b bytes.Buffer
	if _, err := GeoJSON(&b, testEvents()); err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string
		Features []struct {
			Geometry   struct{ Coordinates []float64 }
			Properties map[string]any
		}
	}
	if err := json.Unmarshal(b.Bytes(), &fc); err != nil {
		t.Fatal(err)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 1 {
		t.Fatalf("got %s with %d features, want a FeatureCollection of 1", fc.Type, len(fc.Features))
	}
	f := fc.Features[0]
	if diff := cmp.Diff([]float64{39.008, 35.953}, f.Geometry.Coordinates); diff != "" {
		t.Errorf("coordinates (-want +got):\n%s", diff)
	}
	for _, k := range []string{"event_type", "actor1", "sources", "fatalities", "civilian_targeting", "kb_version"} {
		if _, ok := f.Properties[k]; !ok {
			t.Errorf("property %q missing", k)
		}
	}
}

func TestDefaultCountries(t *testing.T) {
	c, err := DefaultCountries()
	if err != nil {
		t.Fatal(err)
	}
	for iso3, want := range map[string]Country{
		"SYR": {ISO3: "SYR", ISO2: "SY", Numeric: 760, Name: "Syria", Region: "Middle East"},
		"lbn": {ISO3: "LBN", ISO2: "LB", Numeric: 422, Name: "Lebanon", Region: "Middle East"},
		"UKR": {ISO3: "UKR", ISO2: "UA", Numeric: 804, Name: "Ukraine", Region: "Europe"},
	} {
		got, ok := c.Get(iso3)
		if diff := cmp.Diff(want, got); !ok || diff != "" {
			t.Errorf("Get(%q) (-want +got):\n%s", iso3, diff)
		}
	}
	if _, ok := c.Get("XXX"); ok {
		t.Error("Get(XXX) found a country")
	}
	if _, err := ParseCountries(strings.NewReader("SYR\tSY\n")); err == nil {
		t.Error("ParseCountries accepted a short row")
	}
}

func BenchmarkACLED(b *testing.B) {
	events := make([]sitrep.Event, 0, 1000)
	for range 500 {
		events = append(events, testEvents()...)
	}
	c, err := DefaultCountries()
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := ACLED(&buf, events, ACLEDOptions{Countries: c}); err != nil {
			b.Fatal(err)
		}
	}
}

func compareGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Compare(t, filepath.Join("testdata", name), got, *update)
}
