// Package ingest reads news sources (text and HTML files, folders, JSONL
// dumps, RSS/Atom feeds, web pages, WARC archives, stdin) and yields one raw
// *sitrep.Document per item, streaming, with a per-item error for every item
// that cannot be read. Cleaning is left to package clean; Run ties reading,
// cleaning and storing together with parallel workers and one writer.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/sitrep/sitrep"
)

// DefaultMaxSize caps a file, record or fetched page: 10 MB.
const DefaultMaxSize = 10 << 20

// Errors reported for items, checked with errors.Is.
var (
	// ErrTooLarge is returned for an item over Options.MaxSize.
	ErrTooLarge = errors.New("too large")
	// ErrBinary is returned for a file that is not text.
	ErrBinary = errors.New("binary file")
	// ErrPrivateAddress is returned when a URL resolves to a loopback,
	// private or link-local address and Options.AllowPrivate is false.
	ErrPrivateAddress = errors.New("private or local address refused")
	// ErrUnsupported is returned for a source of no known kind.
	ErrUnsupported = errors.New("unsupported source")
)

// Options configures a Reader. Zero values are sensible defaults.
type Options struct {
	// MaxSize caps each file, JSONL line, WARC record and fetched page in
	// bytes; 0 means DefaultMaxSize.
	MaxSize int64
	// AllowPrivate lets fetches reach loopback, private and link-local
	// addresses (tests, intranets).
	AllowPrivate bool
	// Timeout bounds one web fetch; 0 means 30 seconds.
	Timeout time.Duration
	// UserAgent is sent with every request; "" means "sitrep/<version>".
	UserAgent string
	// Stdin is read for the source "-"; nil means os.Stdin.
	Stdin io.Reader
	// Logger receives debug notes (skipped files); nil discards them.
	Logger *slog.Logger
}

// Item is one result of reading: a raw document, or the error that kept
// one item from being read.
type Item struct {
	Doc *sitrep.Document
	Err error // an *ItemError naming the item
}

// ItemError is the failure of one item, named by file, file:line or URL.
type ItemError struct {
	Item string
	Err  error
}

func (e *ItemError) Error() string { return e.Item + ": " + e.Err.Error() }

func (e *ItemError) Unwrap() error { return e.Err }

// Reader reads sources. It is safe for concurrent use.
type Reader struct {
	opt    Options
	client *http.Client
	log    *slog.Logger
}

// New returns a Reader with opt's limits.
func New(opt Options) *Reader {
	if opt.MaxSize <= 0 {
		opt.MaxSize = DefaultMaxSize
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 30 * time.Second
	}
	if opt.UserAgent == "" {
		opt.UserAgent = "sitrep/" + sitrep.Version + " (+https://github.com/sitrep/sitrep)"
	}
	if opt.Stdin == nil {
		opt.Stdin = os.Stdin
	}
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Reader{opt: opt, client: newClient(opt), log: log}
}

// Read yields the items of each source in turn: "-" for stdin, an http(s)
// URL (a page or a feed), or a path (file or folder, by extension or
// content). It stops early when ctx is done or the consumer stops.
func (r *Reader) Read(ctx context.Context, sources []string) iter.Seq[Item] {
	return func(yield func(Item) bool) {
		for _, src := range sources {
			if ctx.Err() != nil {
				return
			}
			if !r.source(ctx, src, yield) {
				return
			}
		}
	}
}

// emit yields a document unless ctx is done; it reports whether to go on.
func emit(ctx context.Context, yield func(Item) bool, doc *sitrep.Document) bool {
	if ctx.Err() != nil {
		return false
	}
	return yield(Item{Doc: doc})
}

// fail yields an item error unless ctx is done; it reports whether to go on.
func fail(ctx context.Context, yield func(Item) bool, item string, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	return yield(Item{Err: &ItemError{Item: item, Err: err}})
}

// readCapped reads r whole, failing with ErrTooLarge past max bytes.
func readCapped(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%w: over %d bytes", ErrTooLarge, max)
	}
	return b, nil
}
