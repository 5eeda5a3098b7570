package kb

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestActorsScan checks that Scan returns what Mentions and Candidates
// return, on short reports and, when ../shared is present, the VOA corpus.
func TestActorsScan(t *testing.T) {
	a := builtinActors(t)
	texts := map[string]string{
		"empty":      "",
		"known":      "US-backed SDF fighters pushed IS militants out of the town, the Observatory said.",
		"candidate":  "A group which calls itself the Martyrs of Qaryatayn Brigade claimed the attack on regime forces.",
		"both":       "Hezbollah-backed militias and the Liwa al-Quds Brigade shelled rebels of Jaysh al-Islam near Douma.",
		"all caps":   "THIS IS WAR, said the Free Syrian Army.",
		"no actors":  "Rain fell on Tuesday.",
		"possessive": "Russia's jets and Turkey's army hit the Kurdish YPG's positions.",
	}
	if f, err := os.Open("../../shared/corpus/voa/voa_stories.jsonl"); err == nil {
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<24)
		for n := 0; sc.Scan(); n++ {
			var r struct{ ID, Text string }
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatal(err)
			}
			texts["voa "+r.ID] = r.Text
		}
		f.Close()
	}
	for name, text := range texts {
		t.Run(name, func(t *testing.T) {
			ms, cs := a.Scan(text)
			if diff := cmp.Diff(a.Mentions(text), ms); diff != "" {
				t.Errorf("mentions (-Mentions +Scan):\n%s", diff)
			}
			if diff := cmp.Diff(a.Candidates(text), cs); diff != "" {
				t.Errorf("candidates (-Candidates +Scan):\n%s", diff)
			}
		})
	}
	var none *Actors
	if ms, cs := none.Scan("SDF"); ms != nil || cs != nil {
		t.Errorf("nil Actors: Scan = %v, %v", ms, cs)
	}
}

func BenchmarkActorsScan(b *testing.B) {
	a := builtinActors(b)
	text := benchText()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		a.Scan(text)
	}
}
