package sqlite_test

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/store/sqlite"
	"github.com/sitrep/sitrep/store/storetest"
)

func openTemp(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "sub", "dir", "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) sitrep.Store { return openTemp(t) })
}

func TestContractInMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) sitrep.Store {
		db, err := sqlite.Open(context.Background(), ":memory:")
		if err != nil {
			t.Fatal(err)
		}
		return db
	})
}

// writeDoc is the i-th document of the deterministic stream the crash
// tests write.
func writeDoc(i int) *sitrep.Document {
	return storetest.NewDocument(fmt.Sprintf("doc%05d.txt", i),
		fmt.Sprintf("Report %d: fighters shelled the village of Example-%d at dawn, a monitor said.", i, i),
		uint64(i)*0x9e3779b97f4a7c15)
}

func codeDoc(ctx context.Context, s sitrep.Store, d *sitrep.Document) error {
	events := []sitrep.Event{storetest.FullEvent(d.Name + "-e1"), storetest.FullEvent(d.Name + "-e2"), storetest.FullEvent(d.Name + "-e3")}
	return s.ReplaceCoding(ctx, d.ID, events, []sitrep.Zone{{ID: d.Name + "-z", Kind: "buffer"}})
}

// TestHelperWriter is not a test: TestKilledWriter runs the test binary
// with SITREP_STORE_HELPER set, and this writes documents there until it
// is killed.
func TestHelperWriter(t *testing.T) {
	path := os.Getenv("SITREP_STORE_HELPER")
	if path == "" {
		t.Skip("helper process for TestKilledWriter")
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	for i := 0; i < 1_000_000; i++ {
		d := writeDoc(i)
		if _, err := db.PutDocument(ctx, d); err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		if err := codeDoc(ctx, db, d); err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println(i)
	}
	os.Exit(0)
}

// TestKilledWriter kills a process in the middle of writing (SIGKILL, no
// cleanup at all), then checks that the database is consistent and that
// rerunning the same writes completes it without duplicates.
func TestKilledWriter(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a subprocess")
	}
	path := filepath.Join(t.TempDir(), "killed.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriter$", "-test.count=1")
	cmd.Env = append(os.Environ(), "SITREP_STORE_HELPER="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	lines := 0
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "error:") {
			t.Fatalf("helper: %s", sc.Text())
		}
		if lines++; lines == 150 {
			break
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if lines < 150 {
		t.Fatalf("helper wrote only %d documents", lines)
	}

	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer db.Close()
	if err := db.Check(ctx); err != nil {
		t.Fatalf("after kill: %v", err)
	}
	n, err := db.CountDocuments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n < 150 {
		t.Fatalf("%d documents survived, want at least the 150 reported written", n)
	}
	// Rerun: the documents already there are duplicates, the rest new.
	total := n + 20
	for i := 0; i < total; i++ {
		d := writeDoc(i)
		st, err := db.PutDocument(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		want := sitrep.StatusDuplicate
		if i >= n {
			want = sitrep.StatusNew
		}
		if st != want {
			t.Errorf("rerun doc %d: status %q, want %q", i, st, want)
		}
		if err := codeDoc(ctx, db, d); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := db.CountDocuments(ctx); got != total {
		t.Errorf("%d documents after rerun, want %d", got, total)
	}
	events, err := db.Events(ctx, sitrep.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 3*total {
		t.Errorf("%d events after rerun, want %d", len(events), 3*total)
	}
	hits, err := db.Search(ctx, "fighters shelled", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != total {
		t.Errorf("search finds %d documents, want %d", len(hits), total)
	}
	if err := db.Check(ctx); err != nil {
		t.Fatalf("after rerun: %v", err)
	}
}

// TestCloseMidway closes the store while goroutines are writing; the
// reopened database holds exactly the writes that reported success.
func TestCloseMidway(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "closed.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var (
		wg sync.WaitGroup
		ok atomic.Int64
	)
	start := make(chan struct{})
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for i := w; i < 4000; i += 4 {
				if _, err := db.PutDocument(ctx, writeDoc(i)); err != nil {
					return // the store was closed under us
				}
				ok.Add(1)
			}
		}()
	}
	close(start)
	time.Sleep(30 * time.Millisecond)
	if err := db.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	wg.Wait()

	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer db.Close()
	if err := db.Check(ctx); err != nil {
		t.Fatal(err)
	}
	n, err := db.CountDocuments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if int64(n) != ok.Load() {
		t.Errorf("%d documents stored, %d writes reported success", n, ok.Load())
	}
}

func TestCanceledContextWritesNothing(t *testing.T) {
	db := openTemp(t)
	defer db.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := db.PutDocument(ctx, writeDoc(1)); err == nil {
		t.Error("PutDocument with a canceled context succeeded")
	}
	if n, _ := db.CountDocuments(context.Background()); n != 0 {
		t.Errorf("%d documents stored, want 0", n)
	}
}

func TestMigrationsOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	for i := 0; i < 3; i++ {
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		v, err := db.SchemaVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if v != 3 {
			t.Errorf("open %d: schema version %d, want 3", i, v)
		}
		if _, err := db.PutDocument(ctx, writeDoc(i)); err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
}

func TestNow(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	db, err := sqlite.Open(context.Background(), ":memory:", sqlite.WithNow(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	d := writeDoc(1)
	if _, err := db.PutDocument(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	got, err := db.Document(context.Background(), d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.IngestedAt.Equal(now) {
		t.Errorf("IngestedAt %v, want %v", got.IngestedAt, now)
	}
}

// TestOddContent stores content an ingest can meet: invalid UTF-8, NUL
// bytes, a huge text, an empty text; each comes back byte for byte and
// the full-text index stays sound.
func TestOddContent(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	defer db.Close()
	tests := []struct {
		name string
		text string
	}{
		{"empty", ""},
		{"invalid utf-8", "fighters \xff\xfe took \xc3\x28 the town"},
		{"nul bytes", "before\x00after fighters"},
		{"huge", strings.Repeat("Fighters shelled the town again. ", 300_000)}, // ~10 MB
		{"arabic and diacritics", "قوات سوريا الديمقراطية took Raqqa; Deir ez-Zôr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := storetest.NewDocument(tt.name, tt.text, 0)
			d.Title = "title \xff " + tt.name
			if _, err := db.PutDocument(ctx, d); err != nil {
				t.Fatal(err)
			}
			got, err := db.Document(ctx, d.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Text != tt.text || got.Title != d.Title || !bytes.Equal(got.Raw, d.Raw) {
				t.Errorf("content changed: text %d bytes (want %d), title %q (want %q)", len(got.Text), len(tt.text), got.Title, d.Title)
			}
		})
	}
	if _, err := db.Search(ctx, "fighters", 0); err != nil {
		t.Errorf("Search: %v", err)
	}
	if hits, err := db.Search(ctx, "Zor", 0); err != nil || len(hits) != 1 {
		t.Errorf("Search(Zor) = %d hits, %v; want 1 (diacritics folded)", len(hits), err)
	}
	if hits, err := db.Search(ctx, "shell", 0); err != nil || len(hits) != 1 {
		t.Errorf("Search(shell) = %d hits, %v; want 1 (stemmed)", len(hits), err)
	}
	if err := db.Check(ctx); err != nil {
		t.Error(err)
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	notDB := filepath.Join(dir, "not.db")
	if err := os.WriteFile(notDB, bytes.Repeat([]byte("not a database "), 100), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"", filepath.Join(file, "under-a-file.db"), notDB} {
		if db, err := sqlite.Open(ctx, path); err == nil {
			db.Close()
			t.Errorf("Open(%q) succeeded, want an error", path)
		}
	}
	// Odd characters in the path are a file name, not parameters.
	odd := filepath.Join(dir, "we?ird#dir %20", "a.db")
	db, err := sqlite.Open(ctx, odd)
	if err != nil {
		t.Fatalf("Open(%q): %v", odd, err)
	}
	db.Close()
	if _, err := os.Stat(odd); err != nil {
		t.Errorf("database not created at %q: %v", odd, err)
	}
}

// FuzzSearch feeds arbitrary queries to Search: it must answer or return
// an error, never panic or hang.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"raqqa", `"old city"`, "al-Tanf", "a OR b", "NEAR(a b, 3)", "title:x", "(", `"`, "*", "x*", "-x", "NOT", "\xff", "a AND (b OR c)"} {
		f.Add(s)
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, ":memory:")
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	for i := 0; i < 20; i++ {
		if _, err := db.PutDocument(ctx, writeDoc(i)); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, q string) {
		hits, err := db.Search(ctx, q, 5)
		if err != nil && !errors.Is(err, sitrep.ErrInvalid) {
			t.Errorf("Search(%q): unexpected error %v", q, err)
		}
		if len(hits) > 5 {
			t.Errorf("Search(%q): %d hits over the limit", q, len(hits))
		}
	})
}

// BenchmarkPutDocument measures document writes, one transaction each, as
// the ingest writer does them.
func BenchmarkPutDocument(b *testing.B) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	docs := benchDocs(b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := db.PutDocument(ctx, docs[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkEvents measures listing 10,000 stored events.
func BenchmarkEvents(b *testing.B) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	const docs, perDoc = 1000, 10
	for i := 0; i < docs; i++ {
		d := writeDoc(i)
		if _, err := db.PutDocument(ctx, d); err != nil {
			b.Fatal(err)
		}
		events := make([]sitrep.Event, perDoc)
		for j := range events {
			events[j] = storetest.FullEvent(fmt.Sprintf("%d-%d", i, j))
		}
		if err := db.ReplaceCoding(ctx, d.ID, events, nil); err != nil {
			b.Fatal(err)
		}
	}
	for _, bc := range []struct {
		name string
		f    sitrep.EventFilter
	}{
		{"all", sitrep.EventFilter{}},
		{"actor", sitrep.EventFilter{Actor: "Coalition", Limit: 100}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			n := 0
			for i := 0; i < b.N; i++ {
				events, err := db.Events(ctx, bc.f)
				if err != nil {
					b.Fatal(err)
				}
				n += len(events)
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

func TestPutDocumentsBatch(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	defer db.Close()
	first := writeDoc(1)
	if _, err := db.PutDocument(ctx, first); err != nil {
		t.Fatal(err)
	}
	near := writeDoc(2)
	near.SimHash = writeDoc(3).SimHash ^ 1
	batch := []*sitrep.Document{writeDoc(1), writeDoc(3), writeDoc(3), near, writeDoc(4)}
	sts, err := db.PutDocuments(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	want := []sitrep.PutStatus{sitrep.StatusDuplicate, sitrep.StatusNew, sitrep.StatusDuplicate, sitrep.StatusNearDuplicate, sitrep.StatusNew}
	if diff := cmp.Diff(want, sts); diff != "" {
		t.Errorf("statuses mismatch (-want +got):\n%s", diff)
	}
	gotIDs := []int64{batch[0].ID, batch[2].ID, batch[3].DuplicateOf}
	wantIDs := []int64{first.ID, batch[1].ID, batch[1].ID}
	if diff := cmp.Diff(wantIDs, gotIDs); diff != "" {
		t.Errorf("IDs mismatch (-want +got):\n%s", diff)
	}

	// A failing batch stores nothing and leaves the documents untouched.
	before, _ := db.CountDocuments(ctx)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	failed := []*sitrep.Document{writeDoc(10), writeDoc(11)}
	if _, err := db.PutDocuments(cctx, failed); err == nil {
		t.Error("PutDocuments with a canceled context succeeded")
	}
	if _, err := db.PutDocuments(ctx, []*sitrep.Document{writeDoc(12), nil}); !errors.Is(err, sitrep.ErrInvalid) {
		t.Errorf("PutDocuments with a nil document: error %v, want ErrInvalid", err)
	}
	if after, _ := db.CountDocuments(ctx); after != before {
		t.Errorf("%d documents after failed batches, want %d", after, before)
	}
	if failed[0].ID != 0 {
		t.Errorf("failed batch set ID %d", failed[0].ID)
	}
}

// BenchmarkPutDocuments measures document writes in batches of 100, one
// transaction per batch.
func BenchmarkPutDocuments(b *testing.B) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	docs := benchDocs(b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i += 100 {
		if _, err := db.PutDocuments(ctx, docs[i:min(i+100, b.N)]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// benchDocs returns n distinct documents of about 3 KB.
func benchDocs(n int) []*sitrep.Document {
	body := strings.Repeat("Fighters shelled the town of Example at dawn, a monitor said. ", 50)
	docs := make([]*sitrep.Document, n)
	for i := range docs {
		docs[i] = storetest.NewDocument(fmt.Sprintf("b%d", i), fmt.Sprintf("%d %s", i, body), uint64(i+1)*0x9e3779b97f4a7c15)
	}
	return docs
}

func TestSearchTransliteration(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	defer db.Close()
	for _, d := range []*sitrep.Document{
		storetest.NewDocument("tanf", "Rebels held the base near a-Tanf crossing.", 0),
		storetest.NewDocument("deir", "Troops entered Deir ez-Zor city.", 0),
		storetest.NewDocument("us", "US-backed forces advanced.", 0),
	} {
		if _, err := db.PutDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		query string
		want  []string
	}{
		{"al-Tanf", []string{"tanf"}},
		{"at-Tanf base", []string{"tanf"}},
		{"Deir al-Zor", []string{"deir"}},
		{"Deir ez-Zor", []string{"deir"}},
		{"US-backed", []string{"us"}},
		{"Deir ez-Zôr troop", []string{"deir"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			hits, err := db.Search(ctx, tt.query, 0)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range hits {
				got = append(got, h.Name)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Search(%q) mismatch (-want +got):\n%s", tt.query, diff)
			}
		})
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "newer.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO schema_migrations(version, name, applied_at) VALUES (9999, 'future.sql', '2030-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if db, err := sqlite.Open(ctx, path); !errors.Is(err, sqlite.ErrNewerSchema) {
		if err == nil {
			db.Close()
		}
		t.Errorf("Open of a newer database: error %v, want ErrNewerSchema", err)
	}
}

// BenchmarkReplaceCoding measures storing the coding of one document (five
// full events and a zone), one transaction each, as ingest and recode do.
func BenchmarkReplaceCoding(b *testing.B) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	const docs = 500
	ids := make([]int64, docs)
	for i := range ids {
		d := writeDoc(i)
		if _, err := db.PutDocument(ctx, d); err != nil {
			b.Fatal(err)
		}
		ids[i] = d.ID
	}
	events := make([]sitrep.Event, 5)
	for j := range events {
		events[j] = storetest.FullEvent(fmt.Sprintf("e%d", j))
	}
	zones := []sitrep.Zone{{ID: "z", Kind: "deconfliction", RadiusKm: 55}}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := db.ReplaceCoding(ctx, ids[i%docs], events, zones); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

func TestBatch(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	defer db.Close()
	events := []sitrep.Event{storetest.FullEvent("e1")}
	var ids []int64
	err := db.Batch(ctx, func(b *sqlite.Batch) error {
		for i := 0; i < 3; i++ {
			d := writeDoc(i)
			if _, err := b.PutDocument(ctx, d); err != nil {
				return err
			}
			if err := b.ReplaceCoding(ctx, d.ID, events, nil); err != nil {
				return err
			}
			ids = append(ids, d.ID)
		}
		again := writeDoc(0)
		st, err := b.PutDocument(ctx, again)
		if err != nil {
			return err
		}
		if st != sitrep.StatusDuplicate || again.ID != ids[0] {
			t.Errorf("duplicate inside a batch: %q, ID %d; want duplicate of %d", st, again.ID, ids[0])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.Events(ctx, sitrep.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Errorf("%d events, want 3", len(got))
	}

	// A failing batch leaves nothing behind.
	errStop := errors.New("stop")
	err = db.Batch(ctx, func(b *sqlite.Batch) error {
		d := writeDoc(10)
		if _, err := b.PutDocument(ctx, d); err != nil {
			return err
		}
		if err := b.ReplaceCoding(ctx, ids[0], nil, nil); err != nil {
			return err
		}
		if err := b.ReplaceCoding(ctx, 9999, events, nil); !errors.Is(err, sitrep.ErrNotFound) {
			t.Errorf("ReplaceCoding(missing) in a batch: %v, want ErrNotFound", err)
		}
		return errStop
	})
	if !errors.Is(err, errStop) {
		t.Errorf("Batch returned %v, want fn's error", err)
	}
	if n, _ := db.CountDocuments(ctx); n != 3 {
		t.Errorf("%d documents after a failed batch, want 3", n)
	}
	if got, _ := db.Events(ctx, sitrep.EventFilter{DocID: ids[0]}); len(got) != 1 {
		t.Errorf("failed batch changed the coding of document %d: %d events", ids[0], len(got))
	}
}

// BenchmarkIngestWrites compares storing documents with their coding (five
// events) one transaction per write against batches of 100 documents.
func BenchmarkIngestWrites(b *testing.B) {
	ctx := context.Background()
	events := make([]sitrep.Event, 5)
	for j := range events {
		events[j] = storetest.FullEvent(fmt.Sprintf("e%d", j))
	}
	b.Run("per-document", func(b *testing.B) {
		db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		docs := benchDocs(b.N)
		b.ResetTimer()
		for _, d := range docs {
			if _, err := db.PutDocument(ctx, d); err != nil {
				b.Fatal(err)
			}
			if err := db.ReplaceCoding(ctx, d.ID, events, nil); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	})
	b.Run("batch-100", func(b *testing.B) {
		db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		docs := benchDocs(b.N)
		b.ResetTimer()
		for i := 0; i < len(docs); i += 100 {
			err := db.Batch(ctx, func(bt *sqlite.Batch) error {
				for _, d := range docs[i:min(i+100, len(docs))] {
					if _, err := bt.PutDocument(ctx, d); err != nil {
						return err
					}
					if err := bt.ReplaceCoding(ctx, d.ID, events, nil); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	})
}

// FuzzPutDocument stores arbitrary text and metadata: every document must
// come back byte for byte, a second put must be a duplicate, and searching
// its first word must not fail.
func FuzzPutDocument(f *testing.F) {
	f.Add("a.txt", "Title", "Rebels took the town.", uint64(1))
	f.Add("", "", "", uint64(0))
	f.Add("\xff\x00", "t\xfe", "\x00\xffal-Tanf \"quoted\" NEAR( *", uint64(1<<63))
	ctx := context.Background()
	db, err := sqlite.Open(ctx, ":memory:")
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	f.Fuzz(func(t *testing.T, name, title, text string, simhash uint64) {
		d := storetest.NewDocument(name, text, simhash)
		d.Title = title
		if _, err := db.PutDocument(ctx, d); err != nil {
			t.Fatalf("PutDocument: %v", err)
		}
		got, err := db.Document(ctx, d.ID)
		if err != nil {
			t.Fatalf("Document: %v", err)
		}
		if got.Hash == d.Hash && (got.Text != text || !bytes.Equal(got.Raw, d.Raw)) {
			t.Errorf("stored text %q, want %q", got.Text, text)
		}
		again := storetest.NewDocument(name+"2", text, simhash)
		if st, err := db.PutDocument(ctx, again); err != nil || st != sitrep.StatusDuplicate || again.ID != d.ID {
			t.Errorf("second put: %q, ID %d, %v; want duplicate of %d", st, again.ID, err, d.ID)
		}
		if words := strings.Fields(text); len(words) > 0 {
			if _, err := db.Search(ctx, words[0], 3); err != nil && !errors.Is(err, sitrep.ErrInvalid) {
				t.Errorf("Search(%q): %v", words[0], err)
			}
		}
	})
}
