package sqlite

import (
	"context"
	"fmt"
	"math/bits"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep/sitrep"
)

// TestSimhashBands checks that the bands cover the 64 bits exactly once,
// in order from the lowest, and that the zero hash has no bands.
func TestSimhashBands(t *testing.T) {
	for _, h := range []uint64{1, 0x0123456789abcdef, ^uint64(0), 1 << 63, 0x8000000000000001} {
		b := simhashBands(h)
		var got uint64
		shift := 0
		for i, v := range b {
			width := bandBits
			if i == numBands-1 {
				width = 64 - shift
			}
			band := uint64(v.(int64))
			if band >= 1<<width {
				t.Errorf("%#x: band %d = %#x, wider than %d bits", h, i, band, width)
			}
			got |= band << shift
			shift += width
		}
		if got != h {
			t.Errorf("bands of %#x reassemble to %#x", h, got)
		}
	}
	for i, v := range simhashBands(0) {
		if v != nil {
			t.Errorf("band %d of the zero hash = %v, want nil", i, v)
		}
	}
}

// TestSimhashBandsPigeonhole checks on random pairs that two hashes within
// NearDuplicateDistance bits always share a band, which the indexed
// near-duplicate search relies on.
func TestSimhashBandsPigeonhole(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		a, b := rng.Uint64(), uint64(0)
		// Flip 1 to NearDuplicateDistance distinct bits.
		for _, i := range rng.Perm(64)[:1+rng.IntN(NearDuplicateDistance)] {
			b ^= 1 << i
		}
		b ^= a
		ba, bb := simhashBands(a), simhashBands(b)
		shared := false
		for i := range ba {
			shared = shared || ba[i] == bb[i]
		}
		if !shared {
			t.Fatalf("%#x and %#x are %d bits apart but share no band", a, b, bits.OnesCount64(a^b))
		}
	}
}

// TestNearDuplicateQueryPlan checks that SQLite answers the near-duplicate
// search from the band indexes alone, neither scanning the documents nor
// reading their rows.
func TestNearDuplicateQueryPlan(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	b := simhashBands(0x0123456789abcdef)
	rows, err := db.read.QueryContext(ctx, `EXPLAIN QUERY PLAN `+nearDuplicateQuery, b[:]...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(plan, "\n")
	for i := range numBands {
		if want := fmt.Sprintf("USING COVERING INDEX documents_band%d ", i); !strings.Contains(text, want) {
			t.Errorf("plan lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "SCAN documents") {
		t.Errorf("plan scans the documents:\n%s", text)
	}
}

// BenchmarkPutDocumentLargeStore measures storing one document into a
// store that already holds 10,000 with spread SimHashes and article-sized
// texts: the near-duplicate lookup reads the documents sharing a 9-bit
// band, about 7/512 of the store, from the covering band indexes.
func BenchmarkPutDocumentLargeStore(b *testing.B) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(b.TempDir(), "large.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	rng := rand.New(rand.NewPCG(3, 4))
	body := strings.Repeat("Fighters shelled the town at dawn, a monitor said. ", 80) // about 4 KB
	doc := func(i int) *sitrep.Document {
		text := fmt.Sprintf("Report %d of the benchmark. %s", i, body)
		return &sitrep.Document{Name: fmt.Sprintf("doc%d", i), Text: text, Raw: []byte(text + text + text),
			RawType: "text/plain", SimHash: rng.Uint64() | 1}
	}
	const stored = 10000
	for i := 0; i < stored; i += 500 {
		batch := make([]*sitrep.Document, 500)
		for j := range batch {
			batch[j] = doc(i + j)
		}
		if _, err := db.PutDocuments(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	docs := make([]*sitrep.Document, b.N)
	for i := range docs {
		docs[i] = doc(stored + i)
	}
	b.ResetTimer()
	for i := range docs {
		if _, err := db.PutDocument(ctx, docs[i]); err != nil {
			b.Fatal(err)
		}
	}
}
