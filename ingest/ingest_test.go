package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep/sitrep"
)

// got is the comparable summary of reading a source.
type got struct {
	Docs []string // "name|rawtype|title|outlet|published"
	Errs []string // item names of errors, plus the error's kind
}

func collect(t *testing.T, r *Reader, sources ...string) (got, []*sitrep.Document) {
	t.Helper()
	var g got
	var docs []*sitrep.Document
	for it := range r.Read(context.Background(), sources) {
		if it.Err != nil {
			var ie *ItemError
			if !errors.As(it.Err, &ie) {
				t.Fatalf("error %v is not an *ItemError", it.Err)
			}
			g.Errs = append(g.Errs, ie.Item+" "+kindOf(ie.Err))
			continue
		}
		d := it.Doc
		pub := ""
		if d.HasDate() {
			pub = d.Published.Format("2006-01-02")
		}
		g.Docs = append(g.Docs, strings.Join([]string{d.Name, d.RawType, d.Title, d.Outlet, pub}, "|"))
		docs = append(docs, d)
	}
	return g, docs
}

// kindOf names an error by the sentinel it wraps.
func kindOf(err error) string {
	for _, k := range []struct {
		err  error
		name string
	}{{ErrTooLarge, "too-large"}, {ErrBinary, "binary"}, {ErrPrivateAddress, "private"}, {ErrUnsupported, "unsupported"}, {os.ErrNotExist, "not-exist"}} {
		if errors.Is(err, k.err) {
			return k.name
		}
	}
	return "error"
}

func TestReadFiles(t *testing.T) {
	td := "testdata"
	tests := []struct {
		name    string
		opt     Options
		sources []string
		want    got
	}{
		{
			name:    "text file",
			sources: []string{filepath.Join(td, "folder", "ambush.txt")},
			want:    got{Docs: []string{"ambush.txt|text/plain|||"}},
		},
		{
			name:    "html file",
			sources: []string{filepath.Join(td, "folder", "page.htm")},
			want:    got{Docs: []string{"page.htm|text/html|||"}},
		},
		{
			name:    "folder: recursive, hidden skipped, assets skipped, unknown sniffed",
			sources: []string{filepath.Join(td, "folder")},
			want: got{
				Docs: []string{"ambush.txt|text/plain|||", "notes.report|text/plain|||", "page.htm|text/html|||", "checkpoint.txt|text/plain|||"},
				Errs: []string{filepath.Join(td, "folder", "photo.dat") + " binary"},
			},
		},
		{
			name:    "jsonl: bad lines named, good lines kept",
			sources: []string{filepath.Join(td, "reports.jsonl")},
			want: got{
				Docs: []string{
					"r1|text/plain|Rebels seize hill in Latakia countryside|Example Wire|2018-01-15",
					"2|text/html|Strike on hospital|Example Daily|2018-01-16",
					"r5|text/plain|||",
				},
				Errs: []string{filepath.Join(td, "reports.jsonl") + ":3 error", filepath.Join(td, "reports.jsonl") + ":5 error"},
			},
		},
		{
			name:    "atom feed file sniffed by content",
			sources: []string{filepath.Join(td, "desk.xml")},
			want: got{Docs: []string{
				"https://desk.example.org/anbar-operation|text/html|Operation launched in Anbar desert|Example Desk|2018-04-01",
				"urn:example:desk:2|text/plain|Summary only|Example Desk|2018-04-02",
			}},
		},
		{
			name:    "oversized file",
			opt:     Options{MaxSize: 100},
			sources: []string{filepath.Join(td, "folder", "ambush.txt")},
			want:    got{Errs: []string{filepath.Join(td, "folder", "ambush.txt") + " too-large"}},
		},
		{
			name:    "oversized jsonl line",
			opt:     Options{MaxSize: 300},
			sources: []string{filepath.Join(td, "reports.jsonl")},
			want: got{
				Docs: []string{"2|text/html|Strike on hospital|Example Daily|2018-01-16", "r5|text/plain|||"},
				Errs: []string{
					filepath.Join(td, "reports.jsonl") + ":1 too-large",
					filepath.Join(td, "reports.jsonl") + ":3 error",
					filepath.Join(td, "reports.jsonl") + ":5 error",
				},
			},
		},
		{
			name:    "missing file does not stop the others",
			sources: []string{filepath.Join(td, "nope.txt"), filepath.Join(td, "folder", "sub")},
			want: got{
				Docs: []string{"checkpoint.txt|text/plain|||"},
				Errs: []string{filepath.Join(td, "nope.txt") + " not-exist"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, _ := collect(t, New(tt.opt), tt.sources...)
			if diff := cmp.Diff(tt.want, g); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestReadStdin(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want got
	}{
		{"text", "Rebels shelled Daraa on Monday.\n", got{Docs: []string{"stdin|text/plain|||"}}},
		{"html", "<html><body><p>Rebels shelled Daraa.</p></body></html>", got{Docs: []string{"stdin|text/html|||"}}},
		{"jsonl", `{"id":"a","text":"Rebels shelled Daraa."}` + "\n" + `{"id":"b","text":"Troops advanced."}`, got{Docs: []string{"a|text/plain|||", "b|text/plain|||"}}},
		{"binary", "\x00\x01\x02", got{Errs: []string{"stdin binary"}}},
		{"jsonl streams past the size cap", strings.Repeat(`{"id":"a","text":"Rebels shelled Daraa on Monday."}`+"\n", 3) + `{"id":"b","text":"Troops advanced."}`, got{Docs: []string{"a|text/plain|||", "a|text/plain|||", "a|text/plain|||", "b|text/plain|||"}}},
		{"text over the size cap", strings.Repeat("Rebels shelled Daraa on Monday. ", 10), got{Errs: []string{"stdin too-large"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, _ := collect(t, New(Options{Stdin: strings.NewReader(tt.in), MaxSize: 120}), "-")
			if diff := cmp.Diff(tt.want, g); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

// warcRecord renders one WARC response record holding an HTML page.
func warcRecord(uri, html string) string {
	http := "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + fmt.Sprint(len(html)) + "\r\n\r\n" + html
	return "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri + "\r\nWARC-Date: 2018-03-01T10:00:00Z\r\n" +
		"WARC-Record-ID: <urn:uuid:" + fmt.Sprintf("%08x-0000-4000-8000-000000000000", len(uri)+len(html)) + ">\r\n" +
		"Content-Type: application/http;msgtype=response\r\nContent-Length: " + fmt.Sprint(len(http)) + "\r\n\r\n" + http + "\r\n\r\n"
}

func gz(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

func TestReadWARC(t *testing.T) {
	dir := t.TempDir()
	r1 := warcRecord("https://news.example.org/a", "<html><body><p>Rebels shelled Daraa on Monday, killing three.</p></body></html>")
	r2 := warcRecord("https://news.example.org/b", "<html><body><p>Troops advanced on Deir ez-Zor airport.</p></body></html>")
	info := "WARC/1.1\r\nWARC-Type: warcinfo\r\nWARC-Date: 2018-03-01T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\nContent-Type: application/warc-fields\r\nContent-Length: 20\r\n\r\nsoftware: handmade\r\n\r\n\r\n"
	plain := filepath.Join(dir, "crawl.warc")
	os.WriteFile(plain, []byte(info+r1+r2), 0o644)
	gzipped := filepath.Join(dir, "crawl.warc.gz")
	whole := append(append(gz(info), gz(r1)...), gz(r2)...)
	os.WriteFile(gzipped, whole, 0o644)
	truncated := filepath.Join(dir, "cut.warc.gz")
	cut := append(append(gz(info), gz(r1)...), gz(r2)[:30]...)
	os.WriteFile(truncated, cut, 0o644)

	cutPlain := filepath.Join(dir, "cut.warc")
	os.WriteFile(cutPlain, []byte(info+r1+r2[:len(r2)/2]), 0o644)

	both := []string{"https://news.example.org/a|text/html|||", "https://news.example.org/b|text/html|||"}
	tests := []struct {
		name string
		path string
		want got
	}{
		{"plain", plain, got{Docs: both}},
		{"gzip", gzipped, got{Docs: both}},
		{"truncated plain warc keeps records before", cutPlain, got{Docs: both[:1], Errs: []string{"https://news.example.org/b error"}}},
		{"truncated gzip keeps records before", truncated, got{Docs: both[:1], Errs: []string{truncated + " error"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, _ := collect(t, New(Options{}), tt.path)
			if diff := cmp.Diff(tt.want, g); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

const articleHTML = `<html><head><title>Clashes in Tal Afar</title><meta property="article:published_time" content="2017-08-22T08:00:00Z"></head>
<body><article><h1>Clashes in Tal Afar</h1><p>Iraqi forces pushed into the eastern districts of Tal Afar on Tuesday, fighting Islamic State militants street by street, a military spokesman said.</p></article></body></html>`

// newSite serves a small news site: a page, a feed, redirects and a large file.
func newSite(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	var srv *httptest.Server
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("User-Agent") == "" || strings.HasPrefix(r.Header.Get("User-Agent"), "Go-http-client") {
			http.Error(w, "no user agent", http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, articleHTML)
	})
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>
<item><title>Full item</title><link>%[1]s/full</link><pubDate>Mon, 21 Aug 2017 10:00:00 +0000</pubDate>
<description>%[2]s</description></item>
<item><title>Link only</title><link>%[1]s/article</link><pubDate>Tue, 22 Aug 2017 09:00:00 +0000</pubDate></item>
<item><title>Dead link</title><link>%[1]s/missing</link></item>
</channel></rss>`, srv.URL, strings.Repeat("Kurdish forces said they repelled an attack near Kirkuk. ", 12))
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/article", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(bytes.Repeat([]byte("<p>x</p>"), 1000))
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
	})
	srv = httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestReadWeb(t *testing.T) {
	srv := newSite(t)
	u := srv.URL
	tests := []struct {
		name string
		opt  Options
		src  string
		want got
	}{
		{"page", Options{}, u + "/article", got{Docs: []string{u + "/article|text/html|||"}}},
		{"redirect followed", Options{}, u + "/moved", got{Docs: []string{u + "/moved|text/html|||"}}},
		{"redirect loop stopped", Options{}, u + "/loop", got{Errs: []string{u + "/loop error"}}},
		{"too large", Options{MaxSize: 1000}, u + "/big", got{Errs: []string{u + "/big too-large"}}},
		{"not found", Options{}, u + "/missing", got{Errs: []string{u + "/missing error"}}},
		{"timeout", Options{Timeout: 200 * time.Millisecond}, u + "/slow", got{Errs: []string{u + "/slow error"}}},
		{"unreachable", Options{Timeout: time.Second}, "http://127.0.0.1:1/x", got{Errs: []string{"http://127.0.0.1:1/x error"}}},
		{"feed: full items kept, link-only items fetched, dead links reported", Options{}, u + "/feed", got{
			Docs: []string{u + "/full|text/plain|Full item|Example Wire|2017-08-21", u + "/article|text/html|Link only|Example Wire|2017-08-22"},
			Errs: []string{u + "/missing error"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opt.AllowPrivate = true
			g, _ := collect(t, New(tt.opt), tt.src)
			if diff := cmp.Diff(tt.want, g); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

func TestPrivateAddressRefused(t *testing.T) {
	srv := newSite(t)
	port := srv.URL[strings.LastIndex(srv.URL, ":")+1:]
	tests := []string{
		srv.URL + "/article",                    // loopback
		"http://localhost:" + port + "/article", // name resolving to loopback
		"http://169.254.169.254/latest/meta-data/",
		"http://10.0.0.1/",
		"http://192.168.1.1/",
		"http://[::1]:" + port + "/article",
		"http://0.0.0.0:" + port + "/article",
	}
	r := New(Options{Timeout: 2 * time.Second})
	for _, src := range tests {
		t.Run(src, func(t *testing.T) {
			g, _ := collect(t, r, src)
			want := got{Errs: []string{src + " private"}}
			if diff := cmp.Diff(want, g); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
	t.Run("redirect to a refused address", func(t *testing.T) {
		// Loopback stands in for the public internet here: the first
		// server is allowed, the one it redirects to is refused by port,
		// which only a check at dial time after the redirect can catch.
		inner := newSite(t)
		innerPort := inner.Listener.Addr().(*net.TCPAddr).Port
		outer := httptest.NewServer(http.RedirectHandler(inner.URL+"/article", http.StatusFound))
		defer outer.Close()
		r := New(Options{Timeout: 2 * time.Second})
		r.client = newClientRefusing(r.opt, func(ap netip.AddrPort) bool { return int(ap.Port()) == innerPort })
		if _, err := r.Fetch(context.Background(), outer.URL); !errors.Is(err, ErrPrivateAddress) {
			t.Errorf("err = %v, want ErrPrivateAddress", err)
		}
		if _, err := r.Fetch(context.Background(), inner.URL+"/article"); !errors.Is(err, ErrPrivateAddress) {
			t.Errorf("direct: err = %v, want ErrPrivateAddress", err)
		}
	})
}

func TestRefused(t *testing.T) {
	for _, tt := range []struct {
		ip   string
		want bool
	}{
		{"127.0.0.1", true}, {"10.1.2.3", true}, {"172.16.0.1", true}, {"192.168.0.1", true},
		{"169.254.169.254", true}, {"100.64.0.1", true}, {"0.0.0.0", true}, {"::1", true},
		{"fe80::1", true}, {"fc00::1", true}, {"::ffff:127.0.0.1", true},
		{"8.8.8.8", false}, {"93.184.216.34", false}, {"2606:4700::1111", false},
	} {
		t.Run(tt.ip, func(t *testing.T) {
			if got := refused(mustAddr(t, tt.ip)); got != tt.want {
				t.Errorf("refused(%s) = %v", tt.ip, got)
			}
		})
	}
}

// fakeStore is an in-memory DocumentStore: idempotent by Hash, near
// duplicates by SimHash within 3 bits.
type fakeStore struct {
	docs []*sitrep.Document
}

func (s *fakeStore) PutDocument(ctx context.Context, doc *sitrep.Document) (sitrep.PutStatus, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	for _, d := range s.docs {
		if d.Hash == doc.Hash {
			doc.ID = d.ID
			return sitrep.StatusDuplicate, nil
		}
	}
	doc.ID = int64(len(s.docs) + 1)
	st := sitrep.StatusNew
	for _, d := range s.docs {
		if popcount(d.SimHash^doc.SimHash) <= 3 {
			doc.DuplicateOf = d.ID
			st = sitrep.StatusNearDuplicate
			break
		}
	}
	s.docs = append(s.docs, doc)
	return st, nil
}

func (s *fakeStore) Document(ctx context.Context, id int64) (*sitrep.Document, error) {
	if id < 1 || int(id) > len(s.docs) {
		return nil, sitrep.ErrNotFound
	}
	return s.docs[id-1], nil
}

func (s *fakeStore) Documents(ctx context.Context, f sitrep.DocumentFilter) ([]*sitrep.Document, error) {
	return s.docs, nil
}

func (s *fakeStore) Search(ctx context.Context, q string, limit int) ([]sitrep.SearchHit, error) {
	return nil, nil
}

func popcount(x uint64) int {
	n := 0
	for ; x != 0; x &= x - 1 {
		n++
	}
	return n
}

func TestRunCounts(t *testing.T) {
	dir := t.TempDir()
	story := "Government forces shelled the northern outskirts of Kafr Zita on Tuesday, killing four people including two children, a local monitor said. " +
		"The shelling followed a rebel attack on an army checkpoint east of the town on Monday night, in which three soldiers were wounded. " +
		"Residents said artillery fire came from positions near Mhardeh and lasted more than two hours, damaging a school and a water station. " +
		"Civil defence teams pulled two people from the rubble of a house near the main square. " +
		"Local council officials said dozens of families had left for villages to the north, fearing further strikes. " +
		"The Syrian army did not comment, but state media said troops had targeted terrorist positions in the area. " +
		"The town lies on the front line between government-held Hama province and rebel-held Idlib, and has been shelled repeatedly since January."
	files := map[string]string{
		"a.txt":     story,
		"b.txt":     story, // same content: duplicate
		"c.txt":     strings.Replace(story, "a local monitor said", "the local monitor said", 1),
		"d.txt":     "Kurdish-led forces captured a village east of the Euphrates on Saturday after two days of fighting.",
		"empty.txt": "",
		"bin.txt":   "\x00\x00\x00",
	}
	for name, s := range files {
		os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644)
	}
	st := &fakeStore{}
	var coded, failed []string
	prepare := func(doc *sitrep.Document) error {
		if len(doc.Raw) == 0 {
			return errors.New("no text after cleaning")
		}
		doc.Text = strings.TrimSpace(string(doc.Raw))
		doc.Hash = fmt.Sprint(len(doc.Text), doc.Text)
		doc.SimHash = simhashForTest(doc.Text)
		return nil
	}
	run := func() Summary {
		sum, err := New(Options{}).Run(context.Background(), []string{dir}, RunOptions{
			Workers: 3,
			Prepare: prepare,
			Store:   st,
			After: func(ctx context.Context, doc *sitrep.Document) error {
				coded = append(coded, doc.Name)
				return nil
			},
			Report: func(r Result) {
				if r.Err != nil {
					failed = append(failed, r.Name)
				}
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		sum.Elapsed = 0
		return sum
	}
	if diff := cmp.Diff(Summary{New: 2, Duplicate: 1, NearDuplicate: 1, Failed: 2}, run()); diff != "" {
		t.Errorf("first run (-want +got)\n%s", diff)
	}
	if diff := cmp.Diff([]string{"a.txt", "c.txt", "d.txt"}, coded); diff != "" {
		t.Errorf("coded (-want +got)\n%s", diff)
	}
	slices.Sort(failed)
	if diff := cmp.Diff([]string{filepath.Join(dir, "bin.txt"), filepath.Join(dir, "empty.txt")}, failed); diff != "" {
		t.Errorf("failed (-want +got)\n%s", diff)
	}
	// Rerunning adds nothing.
	if diff := cmp.Diff(Summary{Duplicate: 4, Failed: 2}, run()); diff != "" {
		t.Errorf("second run (-want +got)\n%s", diff)
	}
	if len(st.docs) != 3 {
		t.Errorf("store holds %d documents, want 3", len(st.docs))
	}
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	st := &fakeStore{}
	n := 0
	sum, err := New(Options{}).Run(ctx, []string{"testdata/folder"}, RunOptions{
		Workers: 2,
		Prepare: func(doc *sitrep.Document) error {
			doc.Text, doc.Hash = string(doc.Raw), string(doc.Raw)
			return nil
		},
		Store: st,
		Report: func(Result) {
			n++
			if n == 1 {
				cancel()
			}
		},
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if sum.New+sum.Failed != 1 || len(st.docs) > 1 {
		t.Errorf("after cancel: %+v, %d stored", sum, len(st.docs))
	}
}

func TestReadFolderSymlinks(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("Rebels shelled Daraa on Monday."), 0o644)
	if err := os.Symlink(filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	os.Symlink(dir, filepath.Join(dir, "loop")) // a folder link is not followed
	g, _ := collect(t, New(Options{}), dir)
	want := got{Docs: []string{"a.txt|text/plain|||", "b.txt|text/plain|||"}}
	if diff := cmp.Diff(want, g); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// TestReadWARCCutAnywhere cuts a gzipped WARC at every byte of its last
// record: reading never panics, keeps the first record and reports the
// damage as an item error.
func TestReadWARCCutAnywhere(t *testing.T) {
	dir := t.TempDir()
	r1 := warcRecord("https://news.example.org/a", "<html><body><p>Rebels shelled Daraa on Monday, killing three.</p></body></html>")
	r2 := warcRecord("https://news.example.org/b", "<html><body><p>Troops advanced on Deir ez-Zor airport on Friday, a commander said.</p></body></html>")
	first, last := gz(r1), gz(r2)
	for n := 1; n < len(last); n++ {
		path := filepath.Join(dir, fmt.Sprintf("cut%d.warc.gz", n))
		os.WriteFile(path, append(append([]byte{}, first...), last[:n]...), 0o644)
		g, _ := collect(t, New(Options{}), path)
		if len(g.Docs) != 1 || g.Docs[0] != "https://news.example.org/a|text/html|||" {
			t.Errorf("cut at %d: docs %q, want the first record only", n, g.Docs)
		}
		if len(g.Errs) != 1 {
			t.Errorf("cut at %d: errors %q, want one", n, g.Errs)
		}
	}
}

// FuzzWARC reads arbitrary bytes, plain and gzipped, as a WARC file: it
// must end, without a panic, with every item a document or an error.
func FuzzWARC(f *testing.F) {
	r1 := warcRecord("https://news.example.org/a", "<html><body><p>Rebels shelled Daraa on Monday, killing three.</p></body></html>")
	f.Add([]byte(r1), false)
	f.Add([]byte(r1), true)
	f.Add([]byte(r1[:len(r1)/2]), true)
	f.Add([]byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nHTTP/"), false)
	f.Fuzz(func(t *testing.T, b []byte, compress bool) {
		if compress {
			b = gz(string(b))
		}
		r := New(Options{MaxSize: 1 << 16})
		r.warc(context.Background(), "fuzz", bytes.NewReader(b), func(it Item) bool {
			if it.Err == nil && (it.Doc == nil || it.Doc.Name == "") {
				t.Fatalf("item without document or error: %+v", it)
			}
			return true
		})
	})
}

// TestReadFolderSkipsDatabase ingests a folder that holds the database
// being written, with its SQLite sidecar files: they are skipped, not
// reported as failed items.
func TestReadFolderSkipsDatabase(t *testing.T) {
	dir := t.TempDir()
	bin := []byte("SQLite format 3\x00\x10\x00\x01\x01")
	for _, name := range []string{"sitrep.db", "sitrep.db-wal", "sitrep.db-shm", "sitrep.db-journal", "events.sqlite3", "events.sqlite3-wal", "x.sqlite-shm"} {
		os.WriteFile(filepath.Join(dir, name), bin, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "report.txt"), []byte("Rebels shelled Daraa on Monday, killing three."), 0o644)
	g, _ := collect(t, New(Options{}), dir)
	if diff := cmp.Diff(got{Docs: []string{"report.txt|text/plain|||"}}, g); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// TestReadWARCWholeGzip reads a WARC gzipped as one member, held whole or,
// when larger than the hold limit, streamed.
func TestReadWARCWholeGzip(t *testing.T) {
	dir := t.TempDir()
	r1 := warcRecord("https://news.example.org/a", "<html><body><p>Rebels shelled Daraa on Monday.</p></body></html>")
	r2 := warcRecord("https://news.example.org/b", "<html><body><p>Troops advanced on the airport.</p></body></html>")
	path := filepath.Join(dir, "whole.warc.gz")
	os.WriteFile(path, gz(r1+r2), 0o644)
	both := got{Docs: []string{"https://news.example.org/a|text/html|||", "https://news.example.org/b|text/html|||"}}
	for _, max := range []int64{0, 300} {
		t.Run(fmt.Sprint("max size ", max), func(t *testing.T) {
			g, _ := collect(t, New(Options{MaxSize: max}), path)
			if diff := cmp.Diff(both, g); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
		})
	}
}

// TestReadJSONLByteOrderMark reads a JSONL file saved by a Windows tool: a
// UTF-8 byte-order mark before the first record and CRLF line ends.
func TestReadJSONLByteOrderMark(t *testing.T) {
	path := filepath.Join(t.TempDir(), "export.jsonl")
	os.WriteFile(path, []byte("\xef\xbb\xbf"+`{"id":"a","published":"2018-02-01","text":"Rebels shelled Daraa."}`+"\r\n"+
		`{"id":"b","published":"2018-02-02","text":"Troops entered Hajin."}`+"\r\n"), 0o644)
	g, _ := collect(t, New(Options{}), path)
	want := got{Docs: []string{"a|text/plain|||2018-02-01", "b|text/plain|||2018-02-02"}}
	if diff := cmp.Diff(want, g); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}
