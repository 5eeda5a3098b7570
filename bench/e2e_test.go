package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/clean"
	"github.com/sitrep/sitrep/coder"
	"github.com/sitrep/sitrep/ingest"
	"github.com/sitrep/sitrep/kb"
	"github.com/sitrep/sitrep/store/sqlite"
	"github.com/sitrep/sitrep/text"
)

// voaPath is the shared VOA corpus; benchmarks skip when it is absent.
var voaPath = filepath.Join("..", "..", "shared", "corpus", "voa", "voa_stories.jsonl")

// pipeline is what a process builds once: the knowledge base, the coder and
// the cleaner. Building it is the one-time cost kept apart from the
// per-story rate.
type pipeline struct {
	coder   *coder.Coder
	cleaner *clean.Cleaner
	kbLoad  time.Duration // wall time of kb.Load("")
	build   time.Duration // wall time of kb.Load plus coder.New and clean.New

	warm   sync.Once
	warmup time.Duration // wall time of cleaning and coding the first ten stories
}

// warmUp cleans and codes a few stories, once per process, so that what
// the pipeline loads on first use (admin1 outlines) is paid outside the
// per-story rate, as in a long ingest.
func (p *pipeline) warmUp(b *testing.B, recs []map[string]any) {
	p.warm.Do(func() {
		start := time.Now()
		for _, rec := range recs[:min(len(recs), 10)] {
			txt, _ := rec["text"].(string)
			doc, err := p.cleaner.CleanText(txt, time.Now())
			if err != nil {
				b.Fatalf("warm-up: %v", err)
			}
			if _, err := p.coder.Code(context.Background(), doc); err != nil {
				b.Fatalf("warm-up: %v", err)
			}
		}
		p.warmup = time.Since(start)
	})
}

// loadPipeline builds the pipeline once per test process, however many
// times the benchmark function is called while b.N is being sized.
var loadPipeline = sync.OnceValues(func() (*pipeline, error) {
	start := time.Now()
	k, err := kb.Load("")
	if err != nil {
		return nil, fmt.Errorf("load knowledge base: %w", err)
	}
	kbLoad := time.Since(start)
	c, err := coder.New(k, coder.Options{})
	if err != nil {
		return nil, fmt.Errorf("new coder: %w", err)
	}
	cl, err := clean.New(clean.Options{})
	if err != nil {
		return nil, fmt.Errorf("new cleaner: %w", err)
	}
	return &pipeline{coder: c, cleaner: cl, kbLoad: kbLoad, build: time.Since(start)}, nil
})

// voaRecords reads the VOA corpus as raw JSON objects, skipping b when the
// corpus is absent.
func voaRecords(b *testing.B) []map[string]any {
	b.Helper()
	data, err := os.ReadFile(voaPath)
	if err != nil {
		b.Skip("VOA corpus absent: " + voaPath)
	}
	var recs []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var r map[string]any
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			b.Fatalf("read %s: %v", voaPath, err)
		}
		recs = append(recs, r)
	}
	if len(recs) == 0 {
		b.Skip("VOA corpus empty")
	}
	return recs
}

// writeCorpus writes n stories to a JSONL file in dir, cycling through recs.
// Each copy gets its own id ("<id>-<copy>") and a final paragraph of its
// own, so that content-hash idempotency stores every one of them; the
// paragraph is ordinary prose and codes to nothing. It returns the path and how many
// sentences the cleaned stories hold.
func writeCorpus(b *testing.B, dir string, recs []map[string]any, n int, cl *clean.Cleaner) (string, int) {
	b.Helper()
	path := filepath.Join(dir, "voa-"+strconv.Itoa(n)+".jsonl")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	sentences := 0
	for i := range n {
		src := recs[i%len(recs)]
		r := make(map[string]any, len(src))
		for k, v := range src {
			r[k] = v
		}
		copyNo := i / len(recs)
		r["id"] = fmt.Sprintf("%v-%d", src["id"], copyNo)
		txt, _ := r["text"].(string)
		r["text"] = txt + fmt.Sprintf("\n\nThis is benchmark copy number %d of the story.", copyNo)
		if copyNo == 0 {
			// Every copy of a story has the same sentences plus one.
			d, err := cl.CleanText(r["text"].(string), time.Now())
			if err == nil {
				sentences += len(text.Sentences(d.Text)) * ((n - i + len(recs) - 1) / len(recs))
			}
		}
		if err := enc.Encode(r); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return path, sentences
}

// distinctSimHash returns the SimHash of a benchmark copy as if it were a
// story of its own. The copies of one story differ by a sentence, so they
// are near-duplicates of each other; left so, every copy would be stored as
// a near-duplicate of the first and the store's near-duplicate lookup would
// return all earlier copies, a quadratic cost no real news stream has.
// Copy 0 keeps its SimHash; copy k>0 gets it scrambled with k, which puts
// it about 32 bits from every other copy, as a different story would be.
func distinctSimHash(doc *sitrep.Document) uint64 {
	i := strings.LastIndexByte(doc.Name, '-')
	k, err := strconv.ParseUint(doc.Name[i+1:], 10, 64)
	if err != nil || k == 0 || doc.SimHash == 0 {
		return doc.SimHash
	}
	// splitmix64 of the copy number.
	x := k * 0x9e3779b97f4a7c15
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return doc.SimHash ^ x
}

// peakRSS returns the process's peak resident set size in MB from
// /proc/self/status (VmHWM), or 0 where that file does not exist.
func peakRSS() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			kB, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 64)
			if err != nil {
				return 0
			}
			return kB / 1024
		}
	}
	return 0
}

// BenchmarkEndToEndVOA ingests b.N VOA stories (the 89 of the corpus,
// repeated with distinct ids and texts) end to end, as `sitrep ingest`
// does: JSONL read, cleaned, stored in a fresh SQLite file, coded, and
// the events stored. One op is one story. The knowledge base and coder are
// built once per process, outside the timer, and ten stories are coded
// to warm them up; their costs are reported as kb-load-ms, build-ms and
// warmup-ms. peak-RSS-MB is the process's high-water mark,
// knowledge base included.
func BenchmarkEndToEndVOA(b *testing.B) {
	recs := voaRecords(b)
	p, err := loadPipeline()
	if err != nil {
		b.Fatal(err)
	}
	p.warmUp(b, recs)
	dir := b.TempDir()
	path, sentences := writeCorpus(b, dir, recs, b.N, p.cleaner)
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(dir, "sitrep.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	rd := ingest.New(ingest.Options{})
	var events atomic.Int64
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

	b.ReportAllocs()
	b.ResetTimer()
	sum, err := rd.Run(ctx, []string{path}, ingest.RunOptions{
		Workers: runtime.GOMAXPROCS(0),
		Prepare: func(doc *sitrep.Document) error {
			if err := p.cleaner.Clean(doc, now); err != nil {
				return err
			}
			doc.SimHash = distinctSimHash(doc)
			return nil
		},
		Store: db,
		// As sitrep ingest does: coded in the workers, stored with its
		// coding in one transaction.
		Code: func(ctx context.Context, doc *sitrep.Document) ([]sitrep.Event, []sitrep.Zone, error) {
			cod, err := p.coder.Code(ctx, doc)
			events.Add(int64(len(cod.Events)))
			return cod.Events, cod.Zones, err
		},
	})
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	if sum.Failed != 0 || sum.New+sum.NearDuplicate != b.N {
		b.Fatalf("want %d stories stored and coded, got %s", b.N, sum)
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(b.N)/sec, "stories/s")
	b.ReportMetric(float64(sentences)/sec, "sentences/s")
	b.ReportMetric(float64(events.Load())/float64(b.N), "events/story")
	b.ReportMetric(float64(sum.NearDuplicate)/float64(b.N), "neardup/story")
	b.ReportMetric(peakRSS(), "peak-RSS-MB")
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.Sys)/(1<<20), "go-sys-MB")
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MB")
	b.ReportMetric(float64(p.kbLoad.Milliseconds()), "kb-load-ms")
	b.ReportMetric(float64(p.build.Milliseconds()), "build-ms")
	b.ReportMetric(float64(p.warmup.Milliseconds()), "warmup-ms")
}

// BenchmarkKBLoad loads the built-in knowledge base and builds the coder
// (the one-time cost of a process) and reports the heap they keep live.
// The built-in gazetteer is cached per process, so only the first op pays
// for it: run with -benchtime 1x in a process of its own, where
// peak-RSS-MB is the load's own high-water mark.
func BenchmarkKBLoad(b *testing.B) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var c *coder.Coder
	for b.Loop() {
		k, err := kb.Load("")
		if err != nil {
			b.Fatal(err)
		}
		if c, err = coder.New(k, coder.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(c)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "live-heap-MB")
	b.ReportMetric(peakRSS(), "peak-RSS-MB")
}
