package coder

import (
	"sync"
	"testing"
	"time"

	"github.com/sitrep/sitrep/kb"
)

var (
	sharedKBOnce sync.Once
	sharedKB     *kb.KB
	sharedKBErr  error
)

// testCoder builds a Coder over the built-in knowledge base, loaded once
// per test binary.
func testCoder(t testing.TB) *Coder {
	t.Helper()
	sharedKBOnce.Do(func() { sharedKB, sharedKBErr = kb.Load("") })
	if sharedKBErr != nil {
		t.Fatal(sharedKBErr)
	}
	c, err := New(sharedKB, Options{Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
