package ingest

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/sitrep/sitrep"
)

// RunOptions wires Run to the stages around reading.
type RunOptions struct {
	// Workers is how many items are prepared (cleaned) in parallel; 0
	// means the number of CPUs.
	Workers int
	// Prepare cleans one raw document in a worker goroutine (and applies
	// overrides such as a default date). An error fails the item.
	Prepare func(doc *sitrep.Document) error
	// Store receives every prepared document, from one writer goroutine.
	// It is required.
	Store sitrep.DocumentStore
	// Code codes one prepared document in a worker goroutine, before it is
	// stored; the writer then stores the document and its coding in one
	// transaction, so Store must be a sitrep.CodedDocumentStore. An error
	// fails the item and nothing of it is stored.
	Code func(ctx context.Context, doc *sitrep.Document) ([]sitrep.Event, []sitrep.Zone, error)
	// After runs in the writer after a document was stored as new or
	// near-duplicate. An error fails the item; the document stays. Prefer
	// Code for coding: After cannot be atomic with the write.
	After func(ctx context.Context, doc *sitrep.Document) error
	// Report is called in the writer once per item, in the order written.
	Report func(Result)
	// Now stamps Summary.Elapsed; nil means time.Now.
	Now func() time.Time
}

// Result is what became of one item.
type Result struct {
	Name   string
	Status sitrep.PutStatus // empty when Err is set
	Err    error
}

// Summary counts the items of one run.
type Summary struct {
	New, Duplicate, NearDuplicate, Failed int
	Elapsed                               time.Duration
}

func (s Summary) String() string {
	return fmt.Sprintf("ingested: %d new, %d duplicate, %d near-duplicate, %d failed in %.2fs",
		s.New, s.Duplicate, s.NearDuplicate, s.Failed, s.Elapsed.Seconds())
}

// Run reads sources, prepares items with opt.Workers goroutines and writes
// them with one writer, so the store sees one document at a time. One bad
// item never stops the batch. When ctx is cancelled, reading stops, the
// write in progress finishes or aborts through ctx, and Run returns the
// counts so far with ctx's error.
func (r *Reader) Run(ctx context.Context, sources []string, opt RunOptions) (Summary, error) {
	if opt.Store == nil {
		return Summary{}, errors.New("ingest: no store")
	}
	coded, _ := opt.Store.(sitrep.CodedDocumentStore)
	if opt.Code != nil && coded == nil {
		return Summary{}, errors.New("ingest: coding needs a store that writes documents with their coding")
	}
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	start := now()
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	type job struct {
		seq    int
		item   Item
		events []sitrep.Event
		zones  []sitrep.Zone
	}
	jobs := make(chan job, workers*2)
	done := make(chan job, workers*2)

	// Reader: one goroutine streams the sources.
	go func() {
		defer close(jobs)
		seq := 0
		for it := range r.Read(ctx, sources) {
			select {
			case jobs <- job{seq: seq, item: it}:
				seq++
			case <-ctx.Done():
				return
			}
		}
	}()
	// Workers: clean in parallel.
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				if j.item.Err == nil && opt.Prepare != nil {
					if err := opt.Prepare(j.item.Doc); err != nil {
						j.item.Err = &ItemError{Item: itemName(j.item.Doc), Err: err}
					}
				}
				if j.item.Err == nil && opt.Code != nil {
					var err error
					if j.events, j.zones, err = opt.Code(ctx, j.item.Doc); err != nil {
						j.item.Err = &ItemError{Item: itemName(j.item.Doc), Err: fmt.Errorf("code: %w", err)}
					}
				}
				select {
				case done <- j:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() { wg.Wait(); close(done) }()

	// Writer: this goroutine, in reading order so that reruns and the
	// first-seen original of near-duplicates do not depend on scheduling.
	var sum Summary
	pending := map[int]job{}
	next := 0
	report := func(res Result) {
		if opt.Report != nil {
			opt.Report(res)
		}
	}
	write := func(j job) {
		if j.item.Err != nil {
			sum.Failed++
			report(Result{Name: errItem(j.item.Err), Err: j.item.Err})
			return
		}
		doc := j.item.Doc
		name := itemName(doc)
		var st sitrep.PutStatus
		var err error
		if opt.Code != nil {
			st, err = coded.PutCodedDocument(ctx, doc, j.events, j.zones)
		} else {
			st, err = opt.Store.PutDocument(ctx, doc)
		}
		if err != nil && ctx.Err() != nil {
			return // interrupted: the store rolled the write back
		}
		if err != nil {
			sum.Failed++
			report(Result{Name: name, Err: &ItemError{Item: name, Err: fmt.Errorf("store: %w", err)}})
			return
		}
		switch st {
		case sitrep.StatusNew:
			sum.New++
		case sitrep.StatusDuplicate:
			sum.Duplicate++
		case sitrep.StatusNearDuplicate:
			sum.NearDuplicate++
		}
		if (st == sitrep.StatusNew || st == sitrep.StatusNearDuplicate) && opt.After != nil {
			// A stored document is coded even when interrupted meanwhile:
			// a rerun would see it as a duplicate and never code it.
			if err := opt.After(context.WithoutCancel(ctx), doc); err != nil {
				sum.Failed++
				report(Result{Name: name, Status: st, Err: &ItemError{Item: name, Err: fmt.Errorf("code: %w", err)}})
				return
			}
		}
		report(Result{Name: name, Status: st})
	}
	for j := range done {
		if ctx.Err() != nil {
			continue // drain so the workers can exit
		}
		pending[j.seq] = j
		for {
			pj, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if ctx.Err() != nil {
				break
			}
			write(pj)
		}
	}
	sum.Elapsed = now().Sub(start)
	if err := ctx.Err(); err != nil {
		return sum, fmt.Errorf("ingest interrupted: %w", err)
	}
	return sum, nil
}

// itemName names a document in messages as the reader names its errors:
// the path for a file, the URL for a page, and the record or item name
// with its file or feed for JSONL records and feed items.
func itemName(doc *sitrep.Document) string {
	switch {
	case doc.Source == "" || doc.Source == doc.Name:
		return doc.Name
	case doc.Name == "" || doc.Name == filepath.Base(doc.Source):
		return doc.Source
	}
	return doc.Name + " (" + doc.Source + ")"
}

func errItem(err error) string {
	var ie *ItemError
	if errors.As(err, &ie) {
		return ie.Item
	}
	return ""
}
