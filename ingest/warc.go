package ingest

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"os"
	"strings"

	"github.com/nlnwa/gowarc"
	"github.com/sitrep/sitrep"
)

func (r *Reader) warcFile(ctx context.Context, path string, yield func(Item) bool) bool {
	f, err := os.Open(path)
	if err != nil {
		return fail(ctx, yield, path, err)
	}
	defer f.Close()
	return r.warc(ctx, path, f, yield)
}

// warc reads the HTML response records of a WARC file (plain or gzipped
// per record), each named by its target URI. A truncated or corrupt file
// ends with one item error; the records before it are kept.
func (r *Reader) warc(ctx context.Context, name string, in io.Reader, yield func(Item) bool) bool {
	// gowarc loops forever or panics when a gzip member ends early (its
	// header parser retries a sticky io.ErrUnexpectedEOF), so the stream is
	// decompressed here and any read error becomes a clean end of input,
	// reported after the records that came before it.
	src := &endOnError{r: in}
	br := bufio.NewReader(in)
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return fail(ctx, yield, name, fmt.Errorf("open warc: %w", err))
		}
		src.r = &gzipMembers{src: br, zr: zr, max: 2 * r.opt.MaxSize}
	} else {
		src.r = br
	}
	if !r.warcRecords(ctx, name, src, yield) {
		return false
	}
	if src.err != nil {
		return fail(ctx, yield, name, fmt.Errorf("truncated or corrupt warc after %d bytes: %w", src.n, src.err))
	}
	return true
}

// endOnError reads r until its first error, which it keeps and reports to
// its reader as io.EOF.
type endOnError struct {
	r   io.Reader
	n   int64 // bytes read
	err error // first error other than io.EOF
}

func (e *endOnError) Read(p []byte) (int, error) {
	if e.err != nil {
		return 0, io.EOF
	}
	n, err := e.r.Read(p)
	e.n += int64(n)
	if err != nil && err != io.EOF {
		e.err = err
		err = io.EOF
	}
	return n, err
}

// gzipMembers decompresses a gzip stream one member at a time and passes
// on a member only once it has decompressed whole, so that the damaged last
// record of a cut .warc.gz (one member a record) is dropped rather than
// read as a shorter page. A member over max bytes (a WARC gzipped whole) is
// streamed instead.
type gzipMembers struct {
	src       *bufio.Reader
	zr        *gzip.Reader
	max       int64
	buf       []byte // the rest of the current member
	streaming bool   // the current member is too large to hold
	started   bool   // zr has been read past its first member
}

func (g *gzipMembers) Read(p []byte) (int, error) {
	for {
		if len(g.buf) > 0 {
			n := copy(p, g.buf)
			g.buf = g.buf[n:]
			return n, nil
		}
		if g.streaming {
			n, err := g.zr.Read(p)
			if err == io.EOF {
				g.streaming = false
				if n > 0 {
					return n, nil
				}
				continue
			}
			return n, err
		}
		if g.started {
			if err := g.zr.Reset(g.src); err != nil {
				return 0, err // io.EOF after the last member
			}
		}
		g.started = true
		g.zr.Multistream(false)
		b, err := io.ReadAll(io.LimitReader(g.zr, g.max+1))
		if err != nil {
			return 0, err
		}
		g.buf = b
		g.streaming = int64(len(b)) > g.max
		if len(b) == 0 && !g.streaming {
			continue
		}
	}
}

// nextRecord is wf.Next with a panic in gowarc turned into an error.
func nextRecord(wf *gowarc.WarcFileReader) (rec gowarc.WarcRecord, off int64, val *gowarc.Validation, err error) {
	defer func() {
		if p := recover(); p != nil {
			rec, val, err = nil, nil, fmt.Errorf("damaged warc record: %v", p)
		}
	}()
	return wf.Next()
}

// warcRecords yields the HTML response records of an uncompressed WARC
// stream. Once in has failed, the record being read is the damaged last
// one: it ends the stream without an error of its own, for warc reports
// the failure once.
func (r *Reader) warcRecords(ctx context.Context, name string, in *endOnError, yield func(Item) bool) bool {
	wf, err := gowarc.NewWarcFileReaderFromStream(in, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
		gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBlockErrorPolicy(gowarc.ErrWarn),
		gowarc.WithBufferMaxMemBytes(r.opt.MaxSize))
	if err != nil {
		return fail(ctx, yield, name, fmt.Errorf("open warc: %w", err))
	}
	defer wf.Close()
	for {
		if ctx.Err() != nil {
			return false
		}
		rec, off, val, err := nextRecord(wf)
		if errors.Is(err, io.EOF) && rec == nil {
			return true
		}
		if err != nil {
			if in.err != nil {
				return true
			}
			return fail(ctx, yield, fmt.Sprintf("%s@%d", name, off), fmt.Errorf("read warc record: %w", err))
		}
		if rec.Type() != gowarc.Response {
			continue
		}
		uri := strings.Trim(rec.WarcHeader().Get(gowarc.WarcTargetURI), "<>")
		item := uri
		if item == "" {
			item = fmt.Sprintf("%s@%d", name, off)
		}
		doc, err := r.warcDoc(rec, name, uri)
		if in.err != nil && (err != nil || val != nil && !val.Valid()) {
			return true
		}
		if errors.Is(err, errNotHTTP) && val != nil && !val.Valid() {
			// A response that did not parse is a damaged record (often the
			// truncated last one), not one to pass over silently.
			err = fmt.Errorf("damaged warc record: %s", strings.Join(strings.Fields(val.String()), " "))
		}
		if err != nil {
			if errors.Is(err, errSkip) {
				continue
			}
			if !fail(ctx, yield, item, err) {
				return false
			}
			continue
		}
		if doc.Name == "" {
			doc.Name = item // a record without a target URI
		}
		if !emit(ctx, yield, doc) {
			return false
		}
	}
}

// errSkip marks a record that holds no article (not HTML, not 200).
var errSkip = errors.New("skip record")

// errNotHTTP marks a response record whose block is not an HTTP response:
// skipped (dns: records) unless the record failed validation.
var errNotHTTP = fmt.Errorf("%w: not an http response", errSkip)

// warcDoc turns an HTTP response record into a raw document.
func (r *Reader) warcDoc(rec gowarc.WarcRecord, name, uri string) (*sitrep.Document, error) {
	blk, ok := rec.Block().(gowarc.HttpResponseBlock)
	if !ok {
		return nil, errNotHTTP
	}
	if c := blk.HttpStatusCode(); c < 200 || c > 299 {
		return nil, errSkip
	}
	mt := ""
	if h := blk.HttpHeader(); h != nil {
		mt, _, _ = mime.ParseMediaType(h.Get("Content-Type"))
	}
	if mt != "" && !strings.Contains(mt, "html") && mt != "text/plain" {
		return nil, errSkip
	}
	pr, err := blk.PayloadBytes()
	if err != nil {
		return nil, fmt.Errorf("read payload: %w", err)
	}
	body, err := readCapped(pr, r.opt.MaxSize)
	if err != nil {
		return nil, err
	}
	if isBinary(body) {
		return nil, ErrBinary
	}
	doc := &sitrep.Document{Name: uri, URL: uri, Source: name, RawType: "text/html", Raw: body}
	if mt == "text/plain" {
		doc.RawType = "text/plain"
	}
	return doc, nil
}
