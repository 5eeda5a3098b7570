package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/sitrep/sitrep"
)

// kind is what a source holds.
type kind int

const (
	kindUnknown kind = iota
	kindText
	kindHTML
	kindJSONL
	kindFeed
	kindWARC
	kindAsset // page furniture (style sheets, images): skipped in folders
)

// kindByName classifies a path by its extension.
func kindByName(name string) kind {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".warc"), strings.HasSuffix(lower, ".warc.gz"):
		return kindWARC
	}
	ext := filepath.Ext(lower)
	// SQLite sidecars ("sitrep.db-wal") of a database kept in the folder
	// being ingested.
	for _, side := range []string{"-wal", "-shm", "-journal"} {
		ext = strings.TrimSuffix(ext, side)
	}
	switch ext {
	case ".txt", ".text", ".md":
		return kindText
	case ".html", ".htm", ".xhtml", ".shtml":
		return kindHTML
	case ".jsonl", ".ndjson":
		return kindJSONL
	case ".rss", ".atom":
		return kindFeed
	case ".css", ".js", ".mjs", ".json", ".map", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico",
		".woff", ".woff2", ".ttf", ".otf", ".eot", ".pdf", ".zip", ".gz", ".tgz", ".mp3", ".mp4", ".webm",
		".avi", ".mov", ".db", ".sqlite", ".sqlite3", ".exe", ".so", ".o", ".a":
		return kindAsset
	}
	return kindUnknown
}

// sniff classifies content whose name says nothing: binary, feed, HTML,
// JSONL or text.
func sniff(b []byte) (kind, error) {
	if isBinary(b) {
		return kindUnknown, ErrBinary
	}
	head := bytes.ToLower(bytes.TrimSpace(b[:min(len(b), 1024)]))
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	switch {
	case bytes.HasPrefix(head, []byte("warc/")):
		return kindWARC, nil
	case bytes.Contains(head, []byte("<rss")) || bytes.Contains(head, []byte("<feed")) || bytes.Contains(head, []byte("<rdf:rdf")):
		return kindFeed, nil
	case bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) ||
		bytes.Contains(head, []byte("<head")) || bytes.Contains(head, []byte("<body")) || bytes.HasPrefix(head, []byte("<")):
		return kindHTML, nil
	case bytes.HasPrefix(head, []byte("{")):
		return kindJSONL, nil
	}
	return kindText, nil
}

// isBinary reports a NUL byte or a known binary signature in b's head.
func isBinary(b []byte) bool {
	head := b[:min(len(b), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	for _, sig := range []string{"%PDF-", "\x89PNG", "\xff\xd8\xff", "GIF8", "PK\x03\x04", "\x1f\x8b", "\x7fELF"} {
		if bytes.HasPrefix(head, []byte(sig)) {
			return true
		}
	}
	return false
}

// source reads one command-line source.
func (r *Reader) source(ctx context.Context, src string, yield func(Item) bool) bool {
	switch {
	case src == "-":
		return r.stdin(ctx, yield)
	case strings.HasPrefix(src, "http://"), strings.HasPrefix(src, "https://"):
		return r.url(ctx, src, yield)
	}
	st, err := os.Stat(src)
	if err != nil {
		return fail(ctx, yield, src, err)
	}
	if st.IsDir() {
		return r.dir(ctx, src, yield)
	}
	return r.file(ctx, src, st.Size(), false, yield)
}

// dir walks a folder recursively in lexical order, skipping hidden files
// and folders and page assets.
func (r *Reader) dir(ctx context.Context, root string, yield func(Item) bool) bool {
	goOn := true
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			if !fail(ctx, yield, path, err) {
				goOn = false
				return fs.SkipAll
			}
			return nil
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if kindByName(path) == kindAsset {
			r.log.Debug("skip asset", "path", path)
			return nil
		}
		// Symlinked files are followed (os.Stat), symlinked folders are not,
		// so that a link loop cannot trap the walk.
		info, err := os.Stat(path)
		if err == nil && !info.Mode().IsRegular() {
			r.log.Debug("skip non-regular file", "path", path)
			return nil
		}
		if err != nil {
			if !fail(ctx, yield, path, err) {
				goOn = false
				return fs.SkipAll
			}
			return nil
		}
		if !r.file(ctx, path, info.Size(), true, yield) {
			goOn = false
			return fs.SkipAll
		}
		return nil
	})
	if err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
		return fail(ctx, yield, root, err)
	}
	return goOn && ctx.Err() == nil
}

// file reads one file by its kind.
func (r *Reader) file(ctx context.Context, path string, size int64, inDir bool, yield func(Item) bool) bool {
	k := kindByName(path)
	switch k {
	case kindJSONL:
		return r.jsonlFile(ctx, path, yield)
	case kindWARC:
		return r.warcFile(ctx, path, yield)
	}
	if size > r.opt.MaxSize {
		return fail(ctx, yield, path, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, size, r.opt.MaxSize))
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return fail(ctx, yield, path, err)
	}
	if int64(len(b)) > r.opt.MaxSize {
		return fail(ctx, yield, path, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(b), r.opt.MaxSize))
	}
	if k == kindUnknown || k == kindAsset || (k == kindText && isBinary(b)) {
		var err error
		if k, err = sniff(b); err != nil {
			return fail(ctx, yield, path, err)
		}
	}
	switch k {
	case kindFeed:
		return r.feed(ctx, path, b, yield)
	case kindJSONL:
		return r.jsonl(ctx, path, bytes.NewReader(b), yield)
	case kindWARC:
		return r.warcFile(ctx, path, yield)
	}
	doc := &sitrep.Document{Name: filepath.Base(path), Source: path, RawType: "text/plain", Raw: b}
	if k == kindHTML {
		doc.RawType = "text/html"
	}
	return emit(ctx, yield, doc)
}

// stdin reads standard input, treated by its content. JSONL and WARC
// stream; a single page or report is read whole (capped).
func (r *Reader) stdin(ctx context.Context, yield func(Item) bool) bool {
	br := bufio.NewReaderSize(r.opt.Stdin, 64*1024)
	head, err := br.Peek(4096)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return fail(ctx, yield, "stdin", err)
	}
	k, err := sniff(head)
	if err != nil {
		return fail(ctx, yield, "stdin", err)
	}
	switch k {
	case kindJSONL:
		return r.jsonl(ctx, "stdin", br, yield)
	case kindWARC:
		return r.warc(ctx, "stdin", br, yield)
	}
	b, err := readCapped(br, r.opt.MaxSize)
	if err != nil {
		return fail(ctx, yield, "stdin", err)
	}
	if k == kindFeed {
		return r.feed(ctx, "stdin", b, yield)
	}
	doc := &sitrep.Document{Name: "stdin", Source: "stdin", RawType: "text/plain", Raw: b}
	if k == kindHTML {
		doc.RawType = "text/html"
	}
	return emit(ctx, yield, doc)
}
