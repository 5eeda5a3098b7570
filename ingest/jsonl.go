package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
)

// record is one JSONL line. id and published may be strings or numbers.
type record struct {
	ID        json.RawMessage `json:"id"`
	URL       string          `json:"url"`
	Title     string          `json:"title"`
	Source    string          `json:"source"`
	Outlet    string          `json:"outlet"`
	Author    json.RawMessage `json:"author"`
	Published json.RawMessage `json:"published"`
	Text      string          `json:"text"`
	HTML      string          `json:"html"`
}

func (r *Reader) jsonlFile(ctx context.Context, path string, yield func(Item) bool) bool {
	f, err := os.Open(path)
	if err != nil {
		return fail(ctx, yield, path, err)
	}
	defer f.Close()
	return r.jsonl(ctx, path, f, yield)
}

// jsonl streams a JSONL source line by line. A bad line is one item error
// named file:line; the lines around it go on.
func (r *Reader) jsonl(ctx context.Context, name string, in io.Reader, yield func(Item) bool) bool {
	br := bufio.NewReaderSize(in, 64*1024)
	for n := 1; ; n++ {
		line, tooLong, err := readLine(br, r.opt.MaxSize)
		if err != nil && !errors.Is(err, io.EOF) {
			return fail(ctx, yield, fmt.Sprintf("%s:%d", name, n), err)
		}
		eof := errors.Is(err, io.EOF)
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf")) // a byte-order mark
		}
		item := fmt.Sprintf("%s:%d", name, n)
		switch {
		case tooLong:
			if !fail(ctx, yield, item, fmt.Errorf("%w: line over %d bytes", ErrTooLarge, r.opt.MaxSize)) {
				return false
			}
		case len(bytes.TrimSpace(line)) > 0:
			doc, err := parseRecord(line)
			if err != nil {
				if !fail(ctx, yield, item, err) {
					return false
				}
			} else {
				doc.Source = name
				if doc.Name == "" {
					doc.Name = item
				}
				if !emit(ctx, yield, doc) {
					return false
				}
			}
		}
		if eof {
			return true
		}
	}
}

// readLine reads one line without its newline. A line longer than max is
// consumed and reported tooLong rather than buffered.
func readLine(br *bufio.Reader, max int64) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if int64(len(line)+len(chunk)) > max+1 {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimRight(line, "\r\n"), tooLong, err
	}
}

// parseRecord turns one JSONL line into a raw document.
func parseRecord(line []byte) (*sitrep.Document, error) {
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		return nil, fmt.Errorf("invalid json: %w", err)
	}
	doc := &sitrep.Document{
		Name:   scalar(rec.ID),
		URL:    strings.TrimSpace(rec.URL),
		Title:  strings.TrimSpace(rec.Title),
		Outlet: strings.TrimSpace(rec.Outlet),
		Author: author(rec.Author),
	}
	if doc.Outlet == "" {
		doc.Outlet = strings.TrimSpace(rec.Source)
	}
	if p := scalar(rec.Published); p != "" {
		if t, ok := ParseTime(p); ok {
			doc.Published = t
		}
	}
	switch {
	case strings.TrimSpace(rec.HTML) != "":
		doc.RawType, doc.Raw = "text/html", []byte(rec.HTML)
	case strings.TrimSpace(rec.Text) != "":
		doc.RawType, doc.Raw = "text/plain", []byte(rec.Text)
	default:
		return nil, errors.New("record has no text or html")
	}
	if doc.Name == "" && doc.URL != "" {
		doc.Name = doc.URL
	}
	return doc, nil
}

// scalar renders a JSON string or number as text; other values give "".
func scalar(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s)
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

// author reads a string, a list of strings or an object with a name.
func author(raw json.RawMessage) string {
	if s := scalar(raw); s != "" {
		return s
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		return strings.Join(list, ", ")
	}
	var obj struct{ Name string }
	if json.Unmarshal(raw, &obj) == nil {
		return obj.Name
	}
	return ""
}

// ParseTime reads the timestamps of feeds, JSONL dumps and flags:
// RFC 3339, "2006-01-02 15:04:05Z", RFC 1123, plain dates and "July 28,
// 2017" forms; a bare number of 9+ digits is Unix seconds.
func ParseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && len(s) >= 9 {
		return time.Unix(n, 0).UTC(), true
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// timeLayouts are the timestamp forms seen in feeds and dumps.
var timeLayouts = []string{
	time.RFC3339Nano, time.RFC3339, "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05Z",
	"2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02",
	time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, time.RFC850,
	"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", "2006/01/02",
	"January 2, 2006", "January 2, 2006 15:04", "2 January 2006", "Jan 2, 2006", "2 Jan 2006",
}
