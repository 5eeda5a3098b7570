package coder

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/text"
)

// voaDocs reads the VOA stories of ../shared as documents (text and
// publication date only: the benchmark measures the coder, not cleaning).
func voaDocs(b *testing.B) []*sitrep.Document {
	b.Helper()
	f, err := os.Open(filepath.Join(sharedDir, "corpus", "voa", "voa_stories.jsonl"))
	if err != nil {
		b.Skip("VOA corpus absent")
	}
	defer f.Close()
	var docs []*sitrep.Document
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var r struct {
			ID        string `json:"id"`
			URL       string `json:"url"`
			Published string `json:"published"`
			Text      string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			b.Fatal(err)
		}
		p, _ := time.Parse("2006-01-02 15:04:05Z", r.Published)
		docs = append(docs, &sitrep.Document{Name: r.ID, URL: r.URL, Outlet: "VOA", Published: p, Text: r.Text})
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	return docs
}

// BenchmarkCodeVOA codes the whole VOA corpus per iteration and reports
// stories/s and sentences/s.
func BenchmarkCodeVOA(b *testing.B) {
	docs := voaDocs(b)
	c := testCoder(b)
	sentences := 0
	for _, d := range docs {
		sentences += len(text.Sentences(d.Text))
	}
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if _, err := c.Code(ctx, d); err != nil {
				b.Fatal(err)
			}
		}
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(len(docs)*b.N)/sec, "stories/s")
	b.ReportMetric(float64(sentences*b.N)/sec, "sentences/s")
}
