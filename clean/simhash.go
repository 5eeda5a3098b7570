package clean

import (
	"crypto/sha256"
	"encoding/hex"
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// Hash returns the hex SHA-256 of a document's clean text: the idempotency
// key under which the store keeps it.
func Hash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// shingle is the number of consecutive words hashed together. Measured on
// the VOA corpus (89 stories): with 2-word shingles, three random word edits
// leave 64 of 89 copies within 3 bits and 86 within 6, while the closest two
// different stories are 17 bits apart; 3-word shingles keep only 49 within
// 3 bits, single words bring unrelated stories to 6 bits.
const shingle = 2

// SimHash returns the 64-bit SimHash of text over word 2-shingles, so that
// two copies of a story that differ by a few words are a few bits apart
// (see Distance) while different stories are about 32 bits apart.
func SimHash(text string) uint64 {
	// Bit i of the result is set when more than half of the shingle hashes
	// have bit i set. The 64 per-bit counts are kept bit-sliced: plane k
	// holds bit k of every count, so adding a hash is a ripple-carry add
	// over a few words instead of 64 increments.
	var planes [32]uint64
	var total uint64
	add := func(h uint64) {
		total++
		for k := 0; h != 0; k++ {
			h, planes[k] = planes[k]&h, planes[k]^h
		}
	}
	var window [shingle]uint64
	n := 0
	for i := 0; i < len(text); {
		// Scan one word: letters and digits, lowercased, hashed with FNV-1a.
		if c := text[i]; c < utf8.RuneSelf && !isASCIIWord(c) {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if r >= utf8.RuneSelf && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += size
			continue
		}
		h := uint64(14695981039346656037)
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf {
				if !isASCIIWord(c) {
					break
				}
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				h ^= uint64(c)
				h *= 1099511628211
				i++
				continue
			}
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
		// Too short for one shingle: use the words themselves.
		for _, h := range window[shingle-n:] {
			add(mix(h, 0, 1))
		}
	}
	// Bit i is set when its count c has c - (total-c) > 0, that is 2c > total.
	var out uint64
	for i := range 64 {
		var c uint64
		for k := range planes {
			c |= (planes[k] >> uint(i) & 1) << uint(k)
		}
		if 2*c > total {
			out |= 1 << uint(i)
		}
	}
	return out
}

// isASCIIWord reports whether an ASCII byte is a letter or digit, as
// unicode.IsLetter and unicode.IsDigit judge it.
func isASCIIWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// mix combines word hashes into a well-spread shingle hash (splitmix64
// finaliser), since FNV alone leaves the high bits correlated.
func mix(a, b, c uint64) uint64 {
	x := a ^ bits.RotateLeft64(b, 21) ^ bits.RotateLeft64(c, 42)
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Distance is the number of differing bits between two SimHashes.
func Distance(a, b uint64) int { return bits.OnesCount64(a ^ b) }
