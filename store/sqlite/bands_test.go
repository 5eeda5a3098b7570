package sqlite

import (
	"context"
	"math/bits"
	"math/rand/v2"
	"strings"
	"testing"
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
// search from the band indexes rather than scanning the documents.
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
		if want := "documents_band" + string(rune('0'+i)); !strings.Contains(text, want) {
			t.Errorf("plan does not use index %s:\n%s", want, text)
		}
	}
	if strings.Contains(text, "SCAN documents") {
		t.Errorf("plan scans the documents:\n%s", text)
	}
}
