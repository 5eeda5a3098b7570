package geo

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word or a punctuation mark of the document, with byte offsets.
type token struct {
	start, end int
	low        string // lowercase text
	punct      bool
	upper      bool // starts with an uppercase letter
}

// tokenize splits text into words and punctuation marks. Words keep inner
// hyphens, apostrophes and the separators of numbers ("al-Ali", "5,000",
// "2.5"); a possessive "'s" becomes a token of its own.
func tokenize(text string) []token {
	return appendTokens(make([]token, 0, len(text)/5), text)
}

// appendTokens is tokenize appending to toks.
func appendTokens(toks []token, text string) []token {
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == ' ' || r == '\t' || r == '\r' || r == '\u00a0':
			i += n
		case isWordRune(r):
			j := i + n
			for j < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if isWordRune(r2) {
					j += n2
					continue
				}
				if isJoiner(r2) && j+n2 < len(text) {
					r3, _ := utf8.DecodeRuneInString(text[j+n2:])
					prev, _ := utf8.DecodeLastRuneInString(text[i:j])
					if isWordRune(r3) && (r2 == '-' || r2 == '\'' || r2 == '’' || (unicode.IsDigit(prev) && unicode.IsDigit(r3))) {
						j += n2
						continue
					}
				}
				break
			}
			toks = appendWord(toks, text, i, j)
			i = j
		default:
			toks = append(toks, token{start: i, end: i + n, low: text[i : i+n], punct: true})
			i += n
		}
	}
	return toks
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isJoiner reports runes that may join two parts of one word.
func isJoiner(r rune) bool { return r == '-' || r == '\'' || r == '’' || r == '.' || r == ',' }

// appendWord adds text[i:j] as a word, splitting off a possessive "'s".
func appendWord(toks []token, text string, i, j int) []token {
	w := text[i:j]
	for _, poss := range []string{"'s", "’s"} {
		if len(w) > len(poss)+1 && strings.HasSuffix(w, poss) {
			k := j - len(poss)
			toks = appendWord(toks, text, i, k)
			return append(toks, token{start: k, end: j, low: "'s"})
		}
	}
	r, _ := utf8.DecodeRuneInString(w)
	low := w
	if hasUpper(w) {
		low = strings.ToLower(w)
	}
	return append(toks, token{start: i, end: j, low: low, upper: unicode.IsUpper(r)})
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= 0x80 {
			return true
		}
	}
	return false
}

// tokenAt returns the index of the first token that starts at or after pos.
func tokenAt(toks []token, pos int) int {
	return sort.Search(len(toks), func(i int) bool { return toks[i].start >= pos })
}

// tokenView gives bounds-checked access to tokens.
type tokenView []token

func (v tokenView) low(i int) string {
	if i < 0 || i >= len(v) {
		return ""
	}
	return v[i].low
}

// matchBack reports whether the phrase p ends at token i (i is its last
// word), and returns the index of its first word.
func (v tokenView) matchBack(p phrase, i int) (int, bool) {
	if len(p) == 0 {
		return i, false
	}
	for k := 0; k < len(p); k++ {
		if v.low(i-k) != p[len(p)-1-k] {
			return i, false
		}
	}
	return i - len(p) + 1, true
}

// matchFwd reports whether the phrase p starts at token i and returns the
// index of its last word.
func (v tokenView) matchFwd(p phrase, i int) (int, bool) {
	if len(p) == 0 {
		return i, false
	}
	for k := 0; k < len(p); k++ {
		if v.low(i+k) != p[k] {
			return i, false
		}
	}
	return i + len(p) - 1, true
}
