package geo

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/sitrep/sitrep/kb"
)

// voaPath holds public-domain Voice of America stories, outside the
// repository.
const voaPath = "../../shared/corpus/voa/voa_stories.jsonl"

func readVOA(tb testing.TB) []string {
	tb.Helper()
	f, err := os.Open(voaPath)
	if err != nil {
		tb.Skip("no VOA corpus at " + voaPath)
	}
	defer f.Close()
	var texts []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var rec struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			tb.Fatalf("decode %s: %v", voaPath, err)
		}
		texts = append(texts, rec.Text)
	}
	return texts
}

func builtinResolver(tb testing.TB) *Resolver {
	tb.Helper()
	k, err := kb.Load("")
	if err != nil {
		tb.Skipf("load knowledge base: %v", err)
	}
	if k.Places == nil || k.Places.Len() == 0 {
		tb.Skip("built-in gazetteer is empty")
	}
	return NewResolver(k.Places)
}

// TestVOALocations prints what Locate finds in the VOA stories when
// GEO_VOA=1: a reading aid for judging the resolver on unseen reports.
func TestVOALocations(t *testing.T) {
	if os.Getenv("GEO_VOA") != "1" {
		t.Skip("set GEO_VOA=1 to print the VOA stories' locations")
	}
	texts := readVOA(t)
	r := builtinResolver(t)
	for i, text := range texts {
		for _, l := range r.Locate(text, "") {
			t.Logf("%2d %-40q %-35s %8.4f %9.4f p%d %s %s", i, text[l.Start:l.End], l.Name, l.Lat, l.Lon, l.Precision, l.Country, l.Admin1)
		}
	}
}

// BenchmarkLocateVOA measures Locate with the built-in gazetteer over the
// VOA stories (mentions search included).
func BenchmarkLocateVOA(b *testing.B) {
	texts := readVOA(b)
	r := builtinResolver(b)
	var bytes int64
	for _, t := range texts {
		bytes += int64(len(t))
		r.Locate(t, "")
	}
	b.SetBytes(bytes / int64(len(texts)))
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	n := 0
	for b.Loop() {
		r.Locate(texts[n%len(texts)], "")
		n++
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "stories/s")
}
