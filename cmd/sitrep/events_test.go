package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/store/sqlite"
)

// eventsTestDB writes a database with one document and two events coded
// from a short report written for this test, and returns its path.
func eventsTestDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	text := "Rebels took the village of Testville on Monday. Two civilians died in a shelling of Testville."
	doc := &sitrep.Document{Name: "report1.txt", Text: text, Hash: "h1", RawType: "text/plain"}
	if _, err := db.PutDocument(ctx, doc); err != nil {
		t.Fatal(err)
	}
	lat, lon, two := 35.0, 38.0, 2
	src := func(start, end int) []sitrep.Source {
		return []sitrep.Source{{Doc: "report1.txt", Sentence: text[start:end], Start: start, End: end}}
	}
	events := []sitrep.Event{
		{ID: "r1-e1", EventType: "Battles", SubEventType: "Non-state actor overtakes territory", Actor1: "Rebels",
			Location: "Testville", Country: "SYR", Latitude: &lat, Longitude: &lon, GeoPrecision: 1, EventDate: "2017-07-24", TimePrecision: 1,
			Sources: src(0, 47)},
		{ID: "r1-e2", EventType: "Explosions/Remote violence", SubEventType: "Shelling/artillery/missile attack", Actor2: "Civilians",
			Location: "Testville", Country: "SYR", GeoPrecision: 1, Fatalities: &two, CivilianTargeting: true, Sources: src(48, len(text))},
	}
	zones := []sitrep.Zone{{ID: "r1-z1", Name: "Testville zone", Kind: "deconfliction", Latitude: lat, Longitude: lon, RadiusKm: 20,
		DeclaredBy: "a spokesman", Sources: src(0, 47)}}
	if err := db.ReplaceCoding(ctx, doc.ID, events, zones); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestEventsExportZonesEvalCommands(t *testing.T) {
	db := eventsTestDB(t)
	dir := t.TempDir()
	gold := filepath.Join(dir, "gold.jsonl")
	goldText := `{"doc": "report1.txt", "id": "g1", "event_type": "Battles", "sub_event_type": "Non-state actor overtakes territory", "actor1": "FSA", "actor2": null, "lat": 35.01, "lon": 38.0, "geo_precision": 1, "date": "2017-07-24", "date_precision": 1, "fatalities": null, "optional": false}
{"doc": "report1.txt", "id": "g2", "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "FSA", "actor2": "IS", "lat": 36.0, "lon": 38.0, "optional": false}
`
	if err := os.WriteFile(gold, []byte(goldText), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "actors.tsv"), []byte("FSA\trebel\nCIV\tcivilian\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		want    []string // substrings of stdout
		wantErr bool
	}{
		{"events table", []string{"events"}, []string{"r1-e1", "Testville", "report1.txt"}, false},
		{"events filtered jsonl", []string{"events", "--type", "Battles", "--format", "jsonl"}, []string{`"id":"r1-e1"`}, false},
		{"events csv", []string{"events", "--format", "csv", "--country", "syr"}, []string{"id,event_date", "r1-e2"}, false},
		{"events bad date", []string{"events", "--from", "24/07/2017"}, nil, true},
		{"events bad format", []string{"events", "--format", "xml"}, nil, true},
		{"export acled", []string{"export", "--format", "acled"}, []string{"event_id_cnty,event_date", "Civilian targeting", "Syria"}, false},
		{"export geojson", []string{"export", "--format", "geojson", "--per-document"}, []string{`"FeatureCollection"`, `"r1-e1"`}, false},
		{"zones jsonl", []string{"zones", "--format", "jsonl"}, []string{`"radius_km":20`, `"name":"Testville zone"`}, false},
		{"zones table", []string{"zones"}, []string{"Testville zone"}, false},
		{"eval text", []string{"eval", "--gold", gold}, []string{"TP 1  FP 1  FN 1", "missed gold events: 1"}, false},
		{"eval json", []string{"eval", "--gold", gold, "--json"}, []string{`"tp": 1`}, false},
		{"eval needs gold", []string{"eval"}, nil, true},
		{"eval bad gold format", []string{"eval", "--gold", gold, "--gold-format", "xml"}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, err := runSitrep(t, append([]string{"--db", db}, tt.args...)...)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v (stderr %q)", err, tt.wantErr, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

func TestExportToFileAndEvalSystemFile(t *testing.T) {
	db := eventsTestDB(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "events.jsonl")
	if _, _, err := runSitrep(t, "--db", db, "export", "-o", out); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), "\n"); n != 2 {
		t.Fatalf("exported %d lines, want 2", n)
	}
	var e sitrep.Event
	if err := json.Unmarshal([]byte(strings.SplitN(string(b), "\n", 2)[0]), &e); err != nil || e.ID != "r1-e1" {
		t.Fatalf("first line: %+v, %v", e, err)
	}
	// The exported events scored against themselves as ACLED-less gold.
	gold := filepath.Join(dir, "g.jsonl")
	g := `{"doc": "report1.txt", "id": "g1", "event_type": "Battles", "actor1": "Rebels", "lat": 35.0, "lon": 38.0}` + "\n"
	if err := os.WriteFile(gold, []byte(g), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, err := runSitrep(t, "eval", "--gold", gold, "--system", out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout, "TP 1  FP 1  FN 0") || !strings.Contains(stderr, "no actor key table") {
		t.Errorf("eval --system:\n%s\nstderr %s", stdout, stderr)
	}
}
