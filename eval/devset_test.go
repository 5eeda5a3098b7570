package eval_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/clean"
	"github.com/sitrep/sitrep/coder"
	"github.com/sitrep/sitrep/eval"
	"github.com/sitrep/sitrep/kb"
)

// devsetDir holds the held-out development set: short reports the team
// wrote itself and their hand-coded gold events (devset.gold.jsonl).
const devsetDir = "../testdata/devset"

// devsetFloor is the F1 below which TestDevset fails. It is low on purpose:
// the test measures the coder on reports it was not tuned to, and should
// only stop the build when coding has broken, not when it is imperfect.
const devsetFloor = 0.3

// devsetActors is the gold actor key table; the test needs it to map the
// coder's actor names onto the gold keys.
var devsetActors = filepath.Join("..", "..", "shared", "gold", "actors.tsv")

// codeDevset runs every report of the development set through the real
// pipeline without the CLI (clean, then the coder over the built-in
// knowledge base) and returns the events, keyed by nothing: each event
// names its document in Sources[0].Doc.
func codeDevset(t testing.TB) (names []string, events []sitrep.Event) {
	t.Helper()
	k, err := loadKB()
	if err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	c, err := coder.New(k, coder.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	cl, err := clean.New(clean.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(devsetDir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc := &sitrep.Document{Name: filepath.Base(f), Raw: raw, RawType: "text/plain"}
		if err := cl.Clean(doc, now()); err != nil {
			t.Fatalf("clean %s: %v", f, err)
		}
		cod, err := c.Code(context.Background(), doc)
		if err != nil {
			t.Fatalf("code %s: %v", f, err)
		}
		names = append(names, doc.Name)
		events = append(events, cod.Events...)
	}
	return names, events
}

var (
	kbOnce sync.Once
	kbVal  *kb.KB
	kbErr  error
)

func loadKB() (*kb.KB, error) {
	kbOnce.Do(func() { kbVal, kbErr = kb.Load("") })
	return kbVal, kbErr
}

// TestDevset scores the coder on the development set and logs precision,
// recall, F1, attribute accuracy and the missed and spurious events. Events
// coded from reports whose gold has no event at all (threats, denials,
// aggregates only) are invisible to eval.Score, which scores only the
// documents the gold names; they are counted here as extra false positives
// in the "strict" figures.
func TestDevset(t *testing.T) {
	if _, err := os.Stat(devsetActors); err != nil {
		t.Skip("shared gold actor table absent")
	}
	keys, err := eval.LoadActorKeys(devsetActors)
	if err != nil {
		t.Fatal(err)
	}
	gold, err := eval.ReadGoldFile(filepath.Join(devsetDir, "devset.gold.jsonl"), eval.FormatJSONL)
	if err != nil {
		t.Fatal(err)
	}
	names, events := codeDevset(t)
	rep := eval.Score(gold, events, keys)

	var buf bytes.Buffer
	if err := rep.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	t.Logf("development set: %d reports, %d gold events (%d optional), %d system events\n%s",
		len(names), rep.Gold, rep.Optional, len(events), buf.String())

	// Reports without gold events: every event coded from them is wrong.
	golden := map[string]bool{}
	for _, g := range gold {
		golden[g.Doc] = true
	}
	var extra []string
	for _, e := range events {
		doc := ""
		if len(e.Sources) > 0 {
			doc = e.Sources[0].Doc
		}
		if !golden[doc] {
			extra = append(extra, fmt.Sprintf("%s %s/%s a1=%q a2=%q loc=%q %s | %.100s",
				doc, e.EventType, e.SubEventType, e.Actor1, e.Actor2, e.Location, e.EventDate, sentence(e)))
		}
	}
	var noEvent []string
	for _, n := range names {
		if !golden[n] {
			noEvent = append(noEvent, n)
		}
	}
	strict := rep.Overall
	strict.FP += len(extra)
	p, r, f := prf(strict.TP, strict.FP, strict.FN)
	t.Logf("reports with no gold event: %s", strings.Join(noEvent, ", "))
	t.Logf("spurious events from them: %d\n  %s", len(extra), strings.Join(extra, "\n  "))
	t.Logf("strict (with those): P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)", p, r, f, strict.TP, strict.FP, strict.FN)

	// Which attributes matched pairs get wrong, most often first.
	dis := map[string]int{}
	for _, m := range rep.Matched {
		for _, a := range m.Disagree {
			dis[a]++
		}
	}
	t.Logf("matched pairs disagreeing, by attribute: %v", dis)

	if testing.Verbose() {
		for _, e := range events {
			t.Logf("sys %s %s/%s a1=%q a2=%q loc=%q (%.3f,%.3f) %s(%d) fat=%v claim=%q contested=%v | %.100s",
				e.ID, e.EventType, e.SubEventType, e.Actor1, e.Actor2, e.Location, deref(e.Latitude), deref(e.Longitude),
				e.EventDate, e.TimePrecision, intOr(e.Fatalities), e.ClaimedBy, e.Contested, sentence(e))
		}
	}
	if rep.Overall.F1 < devsetFloor {
		t.Errorf("development set F1 = %.3f, want >= %.2f", rep.Overall.F1, devsetFloor)
	}
}

// TestDevsetGold checks that the gold file is well formed and that every
// event names a report of the set and quotes it.
func TestDevsetGold(t *testing.T) {
	gold, err := eval.ReadGoldFile(filepath.Join(devsetDir, "devset.gold.jsonl"), eval.FormatJSONL)
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) == 0 {
		t.Fatal("no gold events")
	}
	ids := map[string]bool{}
	for _, g := range gold {
		t.Run(g.ID, func(t *testing.T) {
			if ids[g.ID] {
				t.Errorf("duplicate id %s", g.ID)
			}
			ids[g.ID] = true
			raw, err := os.ReadFile(filepath.Join(devsetDir, g.Doc))
			if err != nil {
				t.Fatalf("gold names a missing report: %v", err)
			}
			quote, _, _ := strings.Cut(g.Evidence, " ... ")
			if !strings.Contains(string(raw), quote) {
				t.Errorf("evidence %q is not quoted from %s", quote, g.Doc)
			}
			if g.Lat == nil || g.Lon == nil {
				t.Errorf("no coordinates")
			}
			if g.Date != "" {
				if _, err := time.Parse(time.DateOnly, g.Date); err != nil {
					t.Errorf("date: %v", err)
				}
			}
		})
	}
}

func prf(tp, fp, fn int) (p, r, f float64) {
	if tp+fp > 0 {
		p = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		r = float64(tp) / float64(tp+fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func deref(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}

func intOr(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

func sentence(e sitrep.Event) string {
	if len(e.Sources) == 0 {
		return ""
	}
	return e.Sources[0].Sentence
}
