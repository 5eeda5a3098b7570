package ingest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/clean"
)

// shared is the team's shared folder, next to the repository.
var sharedCorpus = filepath.Join("..", "..", "shared", "corpus")

func TestSharedCorpus(t *testing.T) {
	seeds := filepath.Join(sharedCorpus, "seeds")
	voa := filepath.Join(sharedCorpus, "voa", "voa_stories.jsonl")
	if _, err := os.Stat(seeds); err != nil {
		t.Skip("no shared corpus at " + sharedCorpus)
	}
	c, err := clean.New(clean.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("seeds twice give 5 documents", func(t *testing.T) {
		st := &fakeStore{}
		for run := range 2 {
			sum, err := New(Options{}).Run(context.Background(), []string{seeds}, RunOptions{
				Prepare: func(d *sitrep.Document) error { return c.Clean(d, time.Now()) },
				Store:   st,
			})
			if err != nil || sum.Failed != 0 {
				t.Fatalf("run %d: %v, %+v", run, err, sum)
			}
		}
		if len(st.docs) != 5 {
			t.Errorf("%d documents stored, want 5", len(st.docs))
		}
		dates := map[string]string{}
		for _, d := range st.docs {
			if d.HasDate() {
				dates[d.Name[:3]] = d.Published.Format("2006-01-02")
			}
		}
		if dates["000"] != "2017-07-28" || dates["002"] != "2017-12-28" || len(dates) != 2 {
			t.Errorf("dates %v", dates)
		}
	})
	t.Run("voa jsonl parses whole with dates", func(t *testing.T) {
		if _, err := os.Stat(voa); err != nil {
			t.Skip("no VOA corpus")
		}
		n := 0
		for it := range New(Options{}).Read(context.Background(), []string{voa}) {
			if it.Err != nil {
				t.Errorf("item error: %v", it.Err)
				continue
			}
			if err := c.Clean(it.Doc, time.Now()); err != nil {
				t.Errorf("%s: %v", it.Doc.Name, err)
			}
			if !it.Doc.HasDate() || it.Doc.Title == "" || it.Doc.URL == "" {
				t.Errorf("%s: missing date, title or url", it.Doc.Name)
			}
			n++
		}
		if n != 89 {
			t.Errorf("%d records, want 89", n)
		}
	})
}

func FuzzJSONL(f *testing.F) {
	for _, s := range []string{
		`{"id":"a","text":"Rebels shelled Daraa."}`,
		`{"id":1,"published":"2018-01-01","html":"<p>x</p>"}` + "\n\n" + `{"id":`,
		`{"id":"a","author":["x","y"],"published":1514764800,"text":"t"}`,
		"\xff\n{}\n", `[]`, `{"text": null}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := New(Options{MaxSize: 4096})
		lines := strings.Count(s, "\n") + 1
		n := 0
		r.jsonl(context.Background(), "fuzz", strings.NewReader(s), func(it Item) bool {
			n++
			if it.Err == nil && (it.Doc == nil || len(it.Doc.Raw) == 0 || it.Doc.Name == "") {
				t.Fatalf("document without raw text or name: %+v", it.Doc)
			}
			return true
		})
		if n > lines {
			t.Fatalf("%d items from %d lines", n, lines)
		}
	})
}

// benchDir writes n small reports of the given kind into a temp folder.
func benchDir(b *testing.B, n int, html bool) string {
	dir := b.TempDir()
	for i := range n {
		body := fmt.Sprintf("Government forces shelled the outskirts of village %d on Tuesday, killing %d people, a monitor said. "+
			"The shelling followed a rebel attack on a checkpoint east of the village on Monday night. "+
			"Residents said artillery fire lasted more than two hours, damaging a school and a water station.", i, i%9+1)
		name := fmt.Sprintf("r%05d.txt", i)
		var s string
		if html {
			name = fmt.Sprintf("r%05d.html", i)
			s = fmt.Sprintf(`<html><head><title>Shelling report %d</title><meta property="article:published_time" content="2018-02-04T09:30:00Z"></head>`+
				`<body><nav><a href="/">Home</a></nav><article><h1>Shelling report %d</h1><p>%s</p><p>%s</p></article><footer>© Example</footer></body></html>`, i, i, body, body+" More.")
		} else {
			s = fmt.Sprintf("Published on 09:45 AM, March 14, 2018\n\nShelling report %d\n\nHAMA: %s\n\n%s More.\n\nShare this article\n", i, body, body)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// nullStore accepts everything as new.
type nullStore struct{ fakeStore }

func (*nullStore) PutDocument(context.Context, *sitrep.Document) (sitrep.PutStatus, error) {
	return sitrep.StatusNew, nil
}

func benchIngest(b *testing.B, html bool) {
	const n = 200
	dir := benchDir(b, n, html)
	c, err := clean.New(clean.Options{})
	if err != nil {
		b.Fatal(err)
	}
	r := New(Options{})
	docs := 0
	start := time.Now()
	for b.Loop() {
		sum, err := r.Run(context.Background(), []string{dir}, RunOptions{
			Workers: 1,
			Prepare: func(d *sitrep.Document) error { return c.Clean(d, time.Now()) },
			Store:   &nullStore{},
		})
		if err != nil || sum.Failed != 0 {
			b.Fatalf("%v %+v", err, sum)
		}
		docs += sum.New
	}
	b.ReportMetric(float64(docs)/time.Since(start).Seconds(), "docs/s")
}

// BenchmarkIngestText reads and cleans small text reports on one worker.
func BenchmarkIngestText(b *testing.B) { benchIngest(b, false) }

// BenchmarkIngestHTML reads and cleans small HTML pages on one worker.
func BenchmarkIngestHTML(b *testing.B) { benchIngest(b, true) }

// BenchmarkIngestVOA reads and cleans the shared VOA JSONL (89 stories of
// 2-8 KB) on one worker; it is skipped when ../shared is absent.
func BenchmarkIngestVOA(b *testing.B) {
	voa := filepath.Join(sharedCorpus, "voa", "voa_stories.jsonl")
	if _, err := os.Stat(voa); err != nil {
		b.Skip("no VOA corpus")
	}
	c, err := clean.New(clean.Options{})
	if err != nil {
		b.Fatal(err)
	}
	r := New(Options{})
	docs := 0
	start := time.Now()
	for b.Loop() {
		sum, err := r.Run(context.Background(), []string{voa}, RunOptions{
			Workers: 1,
			Prepare: func(d *sitrep.Document) error { return c.Clean(d, time.Now()) },
			Store:   &nullStore{},
		})
		if err != nil || sum.Failed != 0 {
			b.Fatalf("%v %+v", err, sum)
		}
		docs += sum.New
	}
	b.ReportMetric(float64(docs)/time.Since(start).Seconds(), "docs/s")
}
