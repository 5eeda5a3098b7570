package text

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenSentence is one sentence of the golden report with everything found in it.
type goldenSentence struct {
	Sentence     Sentence      `json:"sentence"`
	Quantities   []Quantity    `json:"quantities,omitempty"`
	Times        []TimeExpr    `json:"times,omitempty"`
	Attributions []Attribution `json:"attributions,omitempty"`
}

// TestGoldenReport runs the whole package over testdata/report.txt (published on Friday
// 28 July 2017) and compares with testdata/report.golden.json. Review the diff and rerun
// with -update when a change is intended.
func TestGoldenReport(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "report.txt"))
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2017, 7, 28, 9, 0, 0, 0, time.UTC)
	var got []goldenSentence
	for _, s := range Sentences(string(data)) {
		a := Analyse(s.Text, pub)
		got = append(got, goldenSentence{Sentence: s, Quantities: a.Quantities, Times: a.Times, Attributions: a.Attributions})
	}
	golden := filepath.Join("testdata", "report.golden.json")
	if *update {
		out, err := json.MarshalIndent(got, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, append(out, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	raw, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	var want []goldenSentence
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("report analysis changed (-want +got):\n%s", diff)
	}
}
