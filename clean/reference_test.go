package clean

// This file holds plain reference versions of functions optimised for
// speed, and the tests and fuzzers that hold the fast versions to them.

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// simHashRef is the plain SimHash that SimHash computes faster: one signed
// counter per bit, words scanned rune by rune. SimHash must equal it on
// every input, since stored documents keep their SimHash.
func simHashRef(text string) uint64 {
	var acc [64]int32
	var window [shingle]uint64
	n := 0
	add := func(h uint64) {
		for i := range 64 {
			if h&(1<<uint(i)) != 0 {
				acc[i]++
			} else {
				acc[i]--
			}
		}
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += size
			continue
		}
		h := uint64(14695981039346656037)
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			r = unicode.ToLower(r)
			h ^= uint64(r)
			h *= 1099511628211
			i += size
		}
		copy(window[:], window[1:])
		window[shingle-1] = h
		n++
		if n >= shingle {
			add(mix(window[0], window[1], 0))
		}
	}
	if n > 0 && n < shingle {
		for _, h := range window[shingle-n:] {
			add(mix(h, 0, 1))
		}
	}
	var out uint64
	for i := range 64 {
		if acc[i] > 0 {
			out |= 1 << uint(i)
		}
	}
	return out
}

func TestSimHashMatchesReference(t *testing.T) {
	long := strings.Repeat("Rebels shelled the Ğarrison at Deir ez-Zor; 12 killed. ", 3000)
	tests := []struct{ name, text string }{
		{"empty", ""},
		{"one word", "Raqqa"},
		{"two words", "Raqqa fell"},
		{"punctuation only", " ,.;— "},
		{"mixed scripts", "قوات سوريا الديمقراطية took Tabqa, İdlib and ŞANLIURFA at 5 a.m."},
		{"invalid utf8", "abc\xffdef \xc3 ghi"},
		{"long", long},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := SimHash(tt.text), simHashRef(tt.text); got != want {
				t.Errorf("SimHash = %016x, want %016x", got, want)
			}
		})
	}
	// The shared VOA corpus, when present, as one more body of real text.
	if b, err := os.ReadFile(filepath.Join("..", "..", "shared", "corpus", "voa", "voa_stories.jsonl")); err == nil {
		for i, l := range strings.Split(string(b), "\n") {
			if got, want := SimHash(l), simHashRef(l); got != want {
				t.Errorf("VOA line %d: SimHash = %016x, want %016x", i+1, got, want)
			}
		}
	}
}

func FuzzSimHash(f *testing.F) {
	for _, s := range []string{"", "a", "a b", "Deir ez-Zor", "ÀÉÎ õü 123", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := SimHash(s), simHashRef(s); got != want {
			t.Errorf("SimHash(%q) = %016x, want %016x", s, got, want)
		}
	})
}

// benchText is a few kilobytes of varied words: a repeated sentence would
// let the branch predictor learn the reference's per-bit branches.
func benchText() string {
	var b strings.Builder
	x := uint64(1)
	for b.Len() < 5000 {
		x = x*6364136223846793005 + 1442695040888963407
		b.WriteString(strconv.FormatUint(x>>40, 36))
		b.WriteByte(' ')
	}
	return b.String()
}

func BenchmarkSimHash(b *testing.B) {
	text := benchText()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		SimHash(text)
	}
}

func BenchmarkSimHashRef(b *testing.B) {
	text := benchText()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		simHashRef(text)
	}
}

// keyRef is the plain paragraph key that key computes faster.
func keyRef(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{"", "Raqqa, 2017!", "ÀÉÎ õü İstanbul", "a\xffb\xc3", "ǅ ẞ Σ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := key(s), keyRef(s); got != want {
			t.Errorf("key(%q) = %q, want %q", s, got, want)
		}
	})
}
