package coder

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/clean"
	"github.com/sitrep/sitrep/eval"
)

const sharedDir = "../../shared"

// TestSeeds codes the five seed articles of ../shared and scores them
// against the gold events with the eval package. It is skipped when the
// shared folder is absent.
func TestSeeds(t *testing.T) {
	seedDir := filepath.Join(sharedDir, "corpus", "seeds")
	goldPath := filepath.Join(sharedDir, "gold", "seeds.gold.jsonl")
	if _, err := os.Stat(goldPath); err != nil {
		t.Skip("shared gold absent")
	}
	gold, err := eval.ReadGoldFile(goldPath, "jsonl")
	if err != nil {
		t.Fatal(err)
	}
	keys, err := eval.LoadActorKeys(filepath.Join(sharedDir, "gold", "actors.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	c := testCoder(t)
	cl, err := clean.New(clean.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(seedDir, "*.txt"))
	sort.Strings(files)
	var events []sitrep.Event
	var zones []sitrep.Zone
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc := &sitrep.Document{Name: filepath.Base(f), Raw: raw, RawType: "text/plain"}
		if err := cl.Clean(doc, now); err != nil {
			t.Fatalf("clean %s: %v", f, err)
		}
		cod, err := c.Code(context.Background(), doc)
		if err != nil {
			t.Fatal(err)
		}
		events = append(events, cod.Events...)
		zones = append(zones, cod.Zones...)
		if testing.Verbose() {
			for _, e := range cod.Events {
				t.Logf("%s %s/%s a1=%q a2=%q loc=%q %s(%d) fat=%v claim=%q contested=%v | %.90s", e.ID, e.EventType, e.SubEventType, e.Actor1, e.Actor2, e.Location, e.EventDate, e.TimePrecision, ptrInt(e.Fatalities), e.ClaimedBy, e.Contested, e.Sources[0].Sentence)
			}
		}
	}
	rep := eval.Score(gold, events, keys)
	var buf bytes.Buffer
	rep.WriteText(&buf)
	t.Logf("\n%s", buf.String())
	for _, z := range zones {
		t.Logf("zone %s %s %.3f,%.3f r=%g by=%q", z.Name, z.Kind, z.Latitude, z.Longitude, z.RadiusKm, z.DeclaredBy)
	}
	foundTanf := false
	for _, z := range zones {
		if z.RadiusKm == 55 {
			foundTanf = true
		}
	}
	if !foundTanf {
		t.Errorf("al-Tanf 55 km zone not found")
	}
	if rep.Overall.F1 < 0.5 {
		t.Errorf("seeds F1 = %.3f, want >= 0.5", rep.Overall.F1)
	}
}

func ptrInt(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}
