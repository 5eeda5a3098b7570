package coder

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tok is one word or punctuation mark of a sentence, with byte offsets into
// the string tokenized.
type tok struct {
	start, end int
	text       string
	lower      string
	lemma      string
	punct      bool
}

// tokenize splits s into words (letters, digits, apostrophes inside words)
// and single punctuation marks. Hyphens split words ("US-backed" is "US",
// "-", "backed") so that trigger phrases match either spelling.
func tokenize(s string) []tok {
	toks := make([]tok, 0, len(s)/5)
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case isWordRune(r):
			j := i + n
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if isWordRune(r2) || r2 == '.' && j+n2 < len(s) && isDigitAt(s, j+n2) && isDigitBefore(s, j) {
					j += n2
					continue
				}
				if (r2 == '\'' || r2 == '’') && j+n2 < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+n2:])
					if unicode.IsLetter(r3) {
						j += n2
						continue
					}
				}
				if r2 == ',' && isDigitBefore(s, j) && j+1+3 <= len(s) && allDigits(s[j+1:j+4]) && (j+4 == len(s) || !isDigitAt(s, j+4)) {
					j += n2
					continue
				}
				break
			}
			w := s[i:j]
			toks = append(toks, tok{start: i, end: j, text: w, lower: strings.ToLower(normApos(w))})
			i = j
		default:
			toks = append(toks, tok{start: i, end: i + n, text: s[i : i+n], lower: s[i : i+n], punct: true})
			i += n
		}
	}
	return toks
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isDigitAt(s string, i int) bool { return i < len(s) && s[i] >= '0' && s[i] <= '9' }

func isDigitBefore(s string, i int) bool { return i > 0 && s[i-1] >= '0' && s[i-1] <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func normApos(w string) string {
	if strings.ContainsRune(w, '’') {
		return strings.ReplaceAll(w, "’", "'")
	}
	return w
}

// isLowerWord reports whether a token is written in lowercase, or is the first
// word of its sentence, or a short all-caps acronym: trigger words match only
// such tokens, so that the month "March" or the name "Strike Force" do not.
func isTriggerCase(t tok, first bool) bool {
	if t.text == t.lower || first {
		return true
	}
	if len(t.text) <= 6 && strings.ToUpper(t.text) == t.text {
		return true
	}
	return false
}

// phraseAt reports whether the phrase p matches the tokens starting at i,
// by lowercase word, skipping punctuation such as hyphens.
func phraseAt(toks []tok, i int, p []string, useLemma bool) (end int, ok bool) {
	k := 0
	j := i
	for j < len(toks) && k < len(p) {
		t := toks[j]
		if t.punct {
			if t.text == "-" && k > 0 {
				j++
				continue
			}
			return 0, false
		}
		w := t.lower
		if useLemma {
			w = t.lemma
		}
		if w != p[k] && t.lower != p[k] {
			return 0, false
		}
		k++
		j++
	}
	if k < len(p) {
		return 0, false
	}
	return j, true
}

// findPhrase returns the index of the first token at or after from (and
// before to) where one of ps matches, or -1.
func findPhrase(toks []tok, from, to int, ps [][]string) (int, int) {
	if from < 0 {
		from = 0
	}
	if to > len(toks) {
		to = len(toks)
	}
	for i := from; i < to; i++ {
		for _, p := range ps {
			if toks[i].lower != p[0] && toks[i].lemma != p[0] {
				continue
			}
			if e, ok := phraseAt(toks, i, p, false); ok {
				return i, e
			}
		}
	}
	return -1, -1
}
