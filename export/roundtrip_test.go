package export

import (
	"bytes"
	"testing"

	"github.com/sitrep/sitrep/eval"
)

// TestACLEDRoundTrip reads the ACLED export back as ACLED gold: scored
// against the events it came from, everything must match.
func TestACLEDRoundTrip(t *testing.T) {
	events := testEvents()
	var b bytes.Buffer
	if err := ACLED(&b, events, ACLEDOptions{}); err != nil {
		t.Fatal(err)
	}
	gold, err := eval.ReadGold(&b, "")
	if err != nil {
		t.Fatal(err)
	}
	r := eval.Score(gold, events, nil)
	if r.Overall.F1 != 1 {
		t.Errorf("round trip F1 = %v (%+v)", r.Overall.F1, r.Overall)
	}
	for _, a := range r.Attributes {
		if a.Correct != a.Total {
			t.Errorf("attribute %s: %d of %d agree", a.Name, a.Correct, a.Total)
		}
	}
}
