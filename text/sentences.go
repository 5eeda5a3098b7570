package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence is one sentence of a text. Start and End are byte offsets into the input, and
// Text is the input between them, trimmed of surrounding space.
type Sentence struct {
	Start, End int
	Text       string
}

// Sentences splits s into sentences with fast rules rather than a statistical model.
//
// A sentence ends at ".", "!" or "?" (with any closing quotes or brackets after it) followed
// by space and a word that may begin a sentence. Abbreviations listed in
// data/abbreviations.txt ("Col.", "U.S.", "a.m."), initials ("al-B."), decimals ("2.5") and
// a lowercase next word do not end a sentence. A blank line always ends one, and so does a
// line without final punctuation (a headline or a byline) unless the next line goes on in
// lowercase.
func Sentences(s string) []Sentence {
	lx := lex()
	out := make([]Sentence, 0, len(s)/120+1)
	emit := func(a, b int) {
		a, b = trimSpan(s, a, b)
		if a < b {
			out = append(out, Sentence{Start: a, End: b, Text: s[a:b]})
		}
	}
	start := 0
	n := len(s)
	for i := 0; i < n; i++ {
		switch c := s[i]; c {
		case '\n':
			j := i + 1
			for j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r') {
				j++
			}
			if j < n && s[j] == '\n' {
				emit(start, i)
				start = j + 1
				i = j
				continue
			}
			p := lastNonSpace(s, start, i)
			if p < 0 {
				continue
			}
			if isTerminal(s[p]) || isClosingAt(s, p) {
				// A line ending in punctuation was already judged by the punctuation rule.
				continue
			}
			if j < n {
				r, _ := utf8.DecodeRuneInString(s[j:])
				if unicode.IsLower(r) {
					continue
				}
			}
			if s[p] == ',' || lx.continuers[lastWord(s, start, p+1)] {
				continue
			}
			emit(start, i)
			start = i + 1
		case '.', '!', '?':
			j := i + 1
			for j < n && isTerminal(s[j]) {
				j++
			}
			j = skipClosers(s, j)
			if j < n && spaceAt(s, j) == 0 {
				continue
			}
			k := j
			for k < n {
				sz := spaceAt(s, k)
				if sz == 0 {
					break
				}
				k += sz
			}
			if k >= n {
				continue
			}
			if !boundaryBefore(lx, s, start, i, j, k) {
				continue
			}
			emit(start, j)
			start = j
			i = j - 1
		}
	}
	emit(start, n)
	return out
}

// boundaryBefore decides whether the punctuation at s[i] (closing at j, next word at k)
// ends the sentence that began at start.
func boundaryBefore(lx *lexicon, s string, start, i, j, k int) bool {
	r, _ := utf8.DecodeRuneInString(s[k:])
	if unicode.IsLower(r) {
		return false
	}
	if s[i] != '.' || j != i+1 || (i > 0 && s[i-1] == '.') {
		return true
	}
	// A single period right after a word: is the word an abbreviation or an initial?
	w := start
	for p := i - 1; p >= start; p-- {
		if isSpaceByte(s[p]) {
			w = p + 1
			break
		}
	}
	word := strings.TrimLeft(s[w:i], "\"'([“‘")
	if word == "" {
		return true
	}
	class, ok := lx.abbrevs[word]
	if !ok {
		if h := strings.LastIndexByte(word, '-'); h >= 0 {
			word = word[h+1:]
		}
		if isInitial(word) {
			return false
		}
		if isDottedAcronym(word) {
			class, ok = abbrevOther, true
		}
	}
	if !ok {
		return true
	}
	switch class {
	case abbrevTitle:
		return false
	case abbrevNum:
		return !(r >= '0' && r <= '9')
	default:
		if r >= '0' && r <= '9' {
			return false
		}
		e := k
		for e < len(s) && isWordByte(s[e]) {
			e++
		}
		return lx.starters[s[k:e]]
	}
}

// lastWord returns the word that ends at s[end-1], lowercased only if it is ASCII.
func lastWord(s string, from, end int) string {
	b := end
	for b > from && isASCIILetter(s[b-1]) {
		b--
	}
	w := s[b:end]
	if len(w) > 8 {
		return ""
	}
	var buf [8]byte
	for k := 0; k < len(w); k++ {
		buf[k] = w[k] | 0x20
	}
	return string(buf[:len(w)])
}

// isInitial reports whether w is one capital letter, as in "George W." or "al-B.".
func isInitial(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	return size == len(w) && unicode.IsUpper(r)
}

// isDottedAcronym reports whether w is single letters joined by periods, as in "U.S" or "N.Y".
func isDottedAcronym(w string) bool {
	if len(w) < 3 {
		return false
	}
	for p := 0; p < len(w); p++ {
		if p%2 == 0 {
			if !isASCIILetter(w[p]) {
				return false
			}
		} else if w[p] != '.' {
			return false
		}
	}
	return len(w)%2 == 1
}

// spaceAt returns the byte length of the white-space rune at s[j], or 0.
func spaceAt(s string, j int) int {
	c := s[j]
	if c < utf8.RuneSelf {
		if isSpaceByte(c) {
			return 1
		}
		return 0
	}
	r, size := utf8.DecodeRuneInString(s[j:])
	if unicode.IsSpace(r) {
		return size
	}
	return 0
}

func isTerminal(c byte) bool { return c == '.' || c == '!' || c == '?' }

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v'
}

func isASCIILetter(c byte) bool { return (c|0x20) >= 'a' && (c|0x20) <= 'z' }

func isWordByte(c byte) bool {
	return isASCIILetter(c) || (c >= '0' && c <= '9') || c >= 0x80
}

// skipClosers moves j past closing quotes and brackets.
func skipClosers(s string, j int) int {
	for j < len(s) {
		switch {
		case s[j] == '"' || s[j] == '\'' || s[j] == ')' || s[j] == ']':
			j++
		case strings.HasPrefix(s[j:], "”") || strings.HasPrefix(s[j:], "’"):
			j += 3
		case strings.HasPrefix(s[j:], "»"):
			j += 2
		default:
			return j
		}
	}
	return j
}

// isClosingAt reports whether s[p] is the last byte of a closing quote or bracket that
// follows final punctuation.
func isClosingAt(s string, p int) bool {
	q := p
	for q >= 0 {
		switch {
		case s[q] == '"' || s[q] == '\'' || s[q] == ')' || s[q] == ']':
			q--
		case q >= 2 && (s[q-2:q+1] == "”" || s[q-2:q+1] == "’"):
			q -= 3
		case q >= 1 && s[q-1:q+1] == "»":
			q -= 2
		default:
			return q < p && isTerminal(s[q])
		}
	}
	return false
}

// lastNonSpace returns the index of the last non-space byte in s[from:to], or -1.
func lastNonSpace(s string, from, to int) int {
	for p := to - 1; p >= from; p-- {
		if !isSpaceByte(s[p]) {
			return p
		}
	}
	return -1
}

// trimSpan narrows s[a:b] to exclude leading and trailing white space, including
// non-breaking and other Unicode spaces.
func trimSpan(s string, a, b int) (int, int) {
	for a < b {
		c := s[a]
		if c < utf8.RuneSelf {
			if !isSpaceByte(c) {
				break
			}
			a++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[a:b])
		if !unicode.IsSpace(r) {
			break
		}
		a += size
	}
	for a < b {
		c := s[b-1]
		if c < utf8.RuneSelf {
			if !isSpaceByte(c) {
				break
			}
			b--
			continue
		}
		r, size := utf8.DecodeLastRuneInString(s[a:b])
		if !unicode.IsSpace(r) {
			break
		}
		b -= size
	}
	return a, b
}
