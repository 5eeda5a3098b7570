package ingest

import (
	"net/netip"
	"testing"

	"github.com/sitrep/sitrep/clean"
)

func mustAddr(t *testing.T, s string) netip.Addr {
	t.Helper()
	a, err := netip.ParseAddr(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func simhashForTest(s string) uint64 { return clean.SimHash(s) }
