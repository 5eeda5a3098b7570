package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/clean"
	"github.com/sitrep/sitrep/ingest"
	"github.com/spf13/cobra"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"
)

// ingestFlags are the settings of one ingest run.
type ingestFlags struct {
	published    string
	outlet       string
	workers      int
	allowPrivate bool
	maxSize      int64
	rules        string
}

func (a *App) newIngestCmd() *cobra.Command {
	var f ingestFlags
	cmd := &cobra.Command{
		Use:   "ingest [flags] SOURCE...",
		Short: "Read, clean, store and code news reports",
		Long: `Ingest reads each SOURCE — a .txt or .html file, a folder (recursive), a
.jsonl dump, an RSS/Atom feed (file or URL), a web page URL, a .warc/.warc.gz
file, or - for stdin — cleans every report, stores it (the same content twice
adds nothing; another outlet's copy is linked to its original) and codes it.
One bad item never stops the batch: it is reported on stderr and the exit
status is 2.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runIngest(cmd.Context(), f, args)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.published, "published", "", "publication date (YYYY-MM-DD) for items that state none")
	fl.StringVar(&f.outlet, "source", "", "outlet name to record for every item")
	fl.IntVar(&f.workers, "workers", runtime.NumCPU(), "parallel parsing and cleaning workers")
	fl.BoolVar(&f.allowPrivate, "allow-private", false, "let web fetches reach private, loopback and link-local addresses")
	fl.Int64Var(&f.maxSize, "max-size", ingest.DefaultMaxSize, "largest file, record or page in bytes")
	fl.StringVar(&f.rules, "clean-rules", "", "cleaning rules file replacing the built-in one (format: clean/rules.txt)")
	return cmd
}

// runIngest wires reader, cleaner, store and coder, and prints per-item
// errors and the final summary.
func (a *App) runIngest(ctx context.Context, f ingestFlags, sources []string) error {
	var published time.Time
	if f.published != "" {
		t, ok := ingest.ParseTime(f.published)
		if !ok {
			return fmt.Errorf("--published %q: want YYYY-MM-DD", f.published)
		}
		published = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	cl, err := clean.New(clean.Options{RulesFile: f.rules})
	if err != nil {
		return fmt.Errorf("cleaner: %w", err)
	}
	st, err := a.Store(ctx)
	if err != nil {
		return err
	}
	// The coder and its knowledge base are built before the workers start:
	// they are shared, read-only, by all of them.
	co, err := a.Coder()
	if err != nil {
		return err
	}
	k, err := a.KB()
	if err != nil {
		return err
	}
	rd := ingest.New(ingest.Options{MaxSize: f.maxSize, AllowPrivate: f.allowPrivate, Logger: a.Logger})

	var bar *mpb.Bar
	var progress *mpb.Progress
	if isTerminal(a.Stderr) {
		progress = mpb.NewWithContext(ctx, mpb.WithOutput(a.Stderr), mpb.WithWidth(40))
		bar = progress.AddSpinner(0,
			mpb.PrependDecorators(decor.Name("ingest "), decor.CurrentNoUnit("%d items")),
			mpb.AppendDecorators(decor.AverageSpeed(0, " %.0f/s")))
	}
	// Per-item errors go through the progress container when there is one,
	// so they print above the bar instead of through it.
	var errOut io.Writer = a.Stderr
	if progress != nil {
		errOut = progress
	}
	a.Logger.Info("ingest start", "sources", len(sources), "workers", f.workers, "db", a.DBPath)
	sum, runErr := rd.Run(ctx, sources, ingest.RunOptions{
		Workers: f.workers,
		Prepare: func(doc *sitrep.Document) error {
			if f.outlet != "" {
				doc.Outlet = f.outlet
			}
			if err := cl.Clean(doc, time.Now().UTC()); err != nil {
				return err
			}
			if doc.Published.IsZero() {
				doc.Published = published
			}
			if doc.Outlet == "" && doc.URL != "" {
				// The knowledge base knows outlets by their web domains.
				if o := k.Outlets.Find(doc.URL); o != nil {
					doc.Outlet = o.Name
				}
			}
			return nil
		},
		Store: st,
		Code: func(ctx context.Context, doc *sitrep.Document) ([]sitrep.Event, []sitrep.Zone, error) {
			cod, err := co.Code(ctx, doc)
			return cod.Events, cod.Zones, err
		},
		Report: func(res ingest.Result) {
			if bar != nil {
				bar.Increment()
			}
			if res.Err != nil {
				fmt.Fprintln(errOut, "sitrep: ingest:", res.Err)
				a.Logger.Debug("item failed", "item", res.Name, "error", res.Err)
				return
			}
			a.Logger.Debug("item stored", "item", res.Name, "status", string(res.Status))
		},
	})
	if bar != nil {
		bar.SetTotal(-1, true)
		progress.Wait()
	}
	fmt.Fprintln(a.Stderr, sum)
	a.Logger.Info("ingest done", "new", sum.New, "duplicate", sum.Duplicate,
		"near_duplicate", sum.NearDuplicate, "failed", sum.Failed, "seconds", sum.Elapsed.Seconds())
	if runErr != nil {
		return runErr
	}
	if sum.Failed > 0 {
		return partialError{sum.Failed}
	}
	return nil
}

// isTerminal reports whether w is a character device (a terminal), so the
// progress bar stays quiet when output is piped or redirected.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
