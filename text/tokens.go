package text

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/aaaton/golem/v4"
	"github.com/aaaton/golem/v4/dicts/en"
)

// Token is one word, number or punctuation mark. Start and End are byte offsets into the
// input and Text is the input between them.
type Token struct {
	Start, End int
	Text       string
}

// Tokenize splits s into words, numbers and punctuation marks.
//
// Words keep inner hyphens and apostrophes ("al-Bab", "Assad's", "F-16"); dotted acronyms
// stay whole ("U.S."); numbers keep thousands separators and decimals ("5,000", "2.5") and
// are split from a unit written against them ("60km" gives "60" and "km"), except for
// ordinals and decades ("4th", "1990s").
func Tokenize(s string) []Token {
	out := make([]Token, 0, len(s)/5+1)
	n := len(s)
	for i := 0; i < n; {
		c := s[i]
		if c < utf8.RuneSelf && isSpaceByte(c) {
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		var j int
		switch {
		case c >= '0' && c <= '9':
			j = numberEnd(s, i)
		case isASCIILetter(c) || (c >= utf8.RuneSelf && unicode.IsLetter(r)):
			j = wordEnd(s, i)
		case unicode.IsSpace(r):
			i += size
			continue
		default:
			j = i + size
		}
		out = append(out, Token{Start: i, End: j, Text: s[i:j]})
		i = j
	}
	return out
}

// numberEnd returns the end of the number starting at s[i].
func numberEnd(s string, i int) int {
	n := len(s)
	j := i
	for j < n {
		c := s[j]
		switch {
		case c >= '0' && c <= '9':
			j++
		case c == ',' && j+3 < n+1 && allDigits(s, j+1, j+4) && (j+4 >= n || !isDigit(s[j+4])):
			j += 4
		case c == '.' && j+1 < n && isDigit(s[j+1]):
			j++
		default:
			goto suffix
		}
	}
suffix:
	// Ordinals and decades stay whole: "4th", "21st", "1990s".
	for _, suf := range [...]string{"st", "nd", "rd", "th", "s"} {
		if strings.HasPrefix(s[j:], suf) {
			e := j + len(suf)
			if e >= n || !isWordByte(s[e]) {
				return e
			}
		}
	}
	return j
}

// wordEnd returns the end of the word starting at s[i].
func wordEnd(s string, i int) int {
	n := len(s)
	// Dotted acronyms: "U.S.", "U.N.", "a.m.".
	if j := acronymEnd(s, i); j > i {
		return j
	}
	j := i
	for j < n {
		if c := s[j]; c < utf8.RuneSelf && (isASCIILetter(c) || isDigit(c)) {
			j++
			continue
		}
		r, size := rune(s[j]), 1
		if s[j] >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[j:])
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			j += size
		case r == '-' || r == '\'' || r == '’':
			if j+size < n && j > i {
				r2, _ := utf8.DecodeRuneInString(s[j+size:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
					j += size
					continue
				}
			}
			return j
		default:
			return j
		}
	}
	return j
}

// acronymEnd returns the end of a dotted acronym ("U.S.") starting at s[i], or i.
func acronymEnd(s string, i int) int {
	j := i
	count := 0
	// Real acronyms are short; the bound keeps "a.a.a.a…" linear.
	for count < 6 && j+1 < len(s) && isASCIILetter(s[j]) && s[j+1] == '.' {
		j += 2
		count++
	}
	if count < 2 || (j < len(s) && isWordByte(s[j])) {
		return i
	}
	return j
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func allDigits(s string, a, b int) bool {
	if b > len(s) {
		return false
	}
	for p := a; p < b; p++ {
		if !isDigit(s[p]) {
			return false
		}
	}
	return true
}

var lemmatizer = sync.OnceValue(func() *golem.Lemmatizer {
	l, err := golem.New(en.New())
	if err != nil {
		// The dictionary is compiled into the binary; failing to read it is a build defect.
		panic(err)
	}
	return l
})

// Lemma returns the lowercase dictionary form of word ("took" -> "take", "strikes" ->
// "strike"). Overrides in data/lemmas.txt win over the golem English dictionary, which is
// loaded on first use (about 25 ms and 7 MB). Unknown words come back lowercased.
func Lemma(word string) string {
	w := strings.ToLower(word)
	if w == "" {
		return w
	}
	if l, ok := lex().lemmas[w]; ok {
		return l
	}
	return lemmatizer().Lemma(w)
}
