package geo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep/kb"
)

// seedsDir holds the project's seed articles, outside the repository.
const seedsDir = "../../shared/corpus/seeds"

// seedExpect lists, per seed file prefix, place names the resolver should
// produce with the built-in knowledge base (case-insensitive substrings of
// Location.Name) and the precision of the first such location.
var seedExpect = map[string][]struct {
	name      string
	precision int
}{
	"000": {{"raqqa", 1}, {"arsal", 2}, {"hmeymim", 1}, {"southern syria", 3}},
	"001": {{"km southwest of palmyra", 2}, {"near al-tanf", 2}, {"badia", 3}},
	"002": {{"arbin", 1}, {"turkey", 3}},
	"003": {{"ghanim al-ali", 1}, {"deir ez-zor", 1}, {"south of tabqa", 2}, {"deir-ez-zor governorate", 3}},
	"004": {{"bir qassab", 1}, {"qalamoun", 2}, {"badia", 3}, {"jordanian border", 3}},
}

// TestSeeds prints what Locate finds in each seed article and checks the
// places a reader of the guidelines would code. Misses are logged, and fail
// the test only with GEO_SEEDS_STRICT=1, since they depend on the curated
// gazetteer as much as on this package. It is skipped when the seeds or the
// built-in gazetteer are absent.
func TestSeeds(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	if len(files) == 0 {
		t.Skip("no seeds in " + seedsDir)
	}
	k, err := kb.Load("")
	if err != nil {
		t.Skipf("load knowledge base: %v", err)
	}
	if k.Places == nil || k.Places.Len() == 0 {
		t.Skip("built-in gazetteer is empty")
	}
	r := NewResolver(k.Places)
	report := t.Logf
	if os.Getenv("GEO_SEEDS_STRICT") == "1" {
		report = t.Errorf
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		base := filepath.Base(f)
		t.Run(base, func(t *testing.T) {
			ls := r.Locate(text, "")
			for _, l := range ls {
				t.Logf("%5d %-40q %-45s %8.4f %8.4f p%d %s %s", l.Start, text[l.Start:l.End], l.Name, l.Lat, l.Lon, l.Precision, l.Country, l.Admin1)
			}
			for _, e := range seedExpect[base[:3]] {
				found := false
				for _, l := range ls {
					if strings.Contains(strings.ToLower(l.Name), e.name) {
						found = true
						if l.Precision != e.precision {
							report("MISS %s: precision %d, want %d", l.Name, l.Precision, e.precision)
						}
						break
					}
				}
				if !found {
					report("MISS no location named like %q", e.name)
				}
			}
		})
	}
}
