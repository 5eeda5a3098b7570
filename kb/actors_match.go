package kb

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// phToken is one word of a text as the phrase matcher sees it: a run of
// letters and digits, with in-word apostrophes removed ("Kata'ib" is
// "Kataib"), a possessive "'s" dropped ("Russia's" is "Russia") and dotted
// initials joined ("U.S." is "US").
type phToken struct {
	start, end int    // byte span in the text
	raw        string // as written, apostrophes removed
	low        string // lowercased raw
}

// phIsApostrophe reports whether r is one of the apostrophes used in news text
// and transliterations.
func phIsApostrophe(r rune) bool {
	switch r {
	case '\'', '’', 'ʼ', '‘', 'ʿ', 'ʾ', '`', 'ʻ', 'ʽ', '´':
		return true
	}
	return false
}

func phraseWordRune(r rune) bool {
	if r < utf8.RuneSelf { // the common case; no ASCII apostrophe is a letter
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !phIsApostrophe(r)
}

// phTokenize splits s into tokens. It allocates only the phToken slice and the
// few strings that differ from the text.
func phTokenize(s string) []phToken {
	toks := make([]phToken, 0, len(s)/5+1)
	for i := 0; i < len(s); {
		if c := s[i]; c == ' ' || c == ',' || c == '.' || c == '\n' {
			i++ // the common separators, without decoding
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !phraseWordRune(r) {
			i += n
			continue
		}
		tok, next := phWord(s, i)
		toks = append(toks, tok)
		i = next
	}
	return phJoinInitials(s, toks)
}

// phWord reads the word that starts at byte i of s and returns it with the
// offset where reading goes on: after a possessive "'s", which belongs to
// no word, else at the end of the word.
func phWord(s string, i int) (phToken, int) {
	start, j := i, i
	var b strings.Builder
	joined := false // apostrophes were removed, the word is in b
	word := func(end int) phToken {
		raw := s[start:end]
		if joined {
			raw = b.String()
		}
		return phToken{start: start, end: end, raw: raw, low: phFold(raw)}
	}
	for j < len(s) {
		if c := s[j]; !joined && c < utf8.RuneSelf && ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			j++ // the common case, without decoding
			continue
		}
		r, n := utf8.DecodeRuneInString(s[j:])
		if phraseWordRune(r) {
			if joined {
				b.WriteRune(r)
			}
			j += n
			continue
		}
		if !phIsApostrophe(r) || j+n >= len(s) {
			break
		}
		r2, n2 := utf8.DecodeRuneInString(s[j+n:])
		if !phraseWordRune(r2) {
			break
		}
		// Possessive: "'s" followed by a non-letter ends the word.
		if (r2 == 's' || r2 == 'S') && (j+n+n2 >= len(s) || !phraseWordRune(phRuneAt(s, j+n+n2))) {
			return word(j), j + n + n2
		}
		// An apostrophe inside a word ("Kata'ib") is dropped.
		if !joined {
			b.WriteString(s[start:j])
			joined = true
		}
		j += n
	}
	return word(j), j
}

func phRuneAt(s string, i int) rune {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

// phJoinInitials merges dotted single-letter initials ("U.S.", "U.N.") into
// one phToken whose span includes the final dot.
func phJoinInitials(s string, toks []phToken) []phToken {
	out := toks[:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if utf8.RuneCountInString(t.raw) != 1 || t.end >= len(s) || s[t.end] != '.' {
			out = append(out, t)
			continue
		}
		j := i
		raw := t.raw
		for j+1 < len(toks) && toks[j].end < len(s) && s[toks[j].end] == '.' &&
			toks[j+1].start == toks[j].end+1 && utf8.RuneCountInString(toks[j+1].raw) == 1 {
			j++
			raw += toks[j].raw
		}
		if j == i {
			out = append(out, t)
			continue
		}
		end := toks[j].end
		if end < len(s) && s[end] == '.' {
			end++
		}
		out = append(out, phToken{start: t.start, end: end, raw: raw, low: phFold(raw)})
		i = j
	}
	return out
}

// caseRule says how a phrase phToken must be written in the text.
type caseRule uint8

const (
	anyCase     caseRule = iota // lower-case in the data: any case matches
	capitalised                 // capitalised in the data: must start upper-case in the text
	exactCase                   // acronym or mixed case ("IS", "MaT"): must be written exactly so
)

// phrase is one alias compiled for matching.
type phrase struct {
	low  []string
	raw  []string
	rule []caseRule
	id   int // index of the owner (actor or outlet)
}

// phraseIndex finds known phrases in tokenized text. Phrases are keyed by
// their first lower-cased phToken; matching is a map lookup per phToken.
type phraseIndex struct {
	byFirst map[string][]*phrase // longest first
}

func newPhraseIndex() *phraseIndex { return &phraseIndex{byFirst: map[string][]*phrase{}} }

// phRuleFor decides the case rule of one alias phToken as written in the data.
func phRuleFor(tok string) caseRule {
	upper, lower := 0, 0
	first := true
	firstUpper := false
	for _, r := range tok {
		if unicode.IsUpper(r) {
			upper++
			if first {
				firstUpper = true
			}
		} else if unicode.IsLower(r) {
			lower++
		}
		first = false
	}
	switch {
	case upper == 0:
		return anyCase
	case lower == 0 && upper >= 2:
		return exactCase
	case lower == 0 && upper == 1 && utf8.RuneCountInString(tok) <= 2:
		return exactCase
	case upper >= 2 || (upper == 1 && !firstUpper):
		// Mixed case such as "MaT" or "iPhone" is an acronym-like spelling.
		return exactCase
	default:
		return capitalised
	}
}

// add compiles alias for owner id. It returns false when the alias has no
// words.
func (x *phraseIndex) add(alias string, id int) bool {
	toks := phTokenize(alias)
	if len(toks) == 0 {
		return false
	}
	p := &phrase{id: id}
	for _, t := range toks {
		p.low = append(p.low, t.low)
		p.raw = append(p.raw, t.raw)
		// A phrase that is a single all-caps word of 4+ letters ("ISIS",
		// "DAESH") is also fine capitalised ("Daesh"); short acronyms are not.
		r := phRuleFor(t.raw)
		if r == exactCase && len(toks) == 1 && utf8.RuneCountInString(t.raw) >= 4 && phIsAllUpper(t.raw) {
			r = capitalised
		}
		p.rule = append(p.rule, r)
	}
	list := x.byFirst[p.low[0]]
	for _, q := range list {
		if q.id == id && phEqualStrings(q.raw, p.raw) {
			return true
		}
	}
	list = append(list, p)
	// Keep longest first so the first match is the longest.
	for i := len(list) - 1; i > 0 && len(list[i].low) > len(list[i-1].low); i-- {
		list[i], list[i-1] = list[i-1], list[i]
	}
	x.byFirst[p.low[0]] = list
	return true
}

func phIsAllUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

func phEqualStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// tokenOK reports whether text phToken t satisfies the phrase phToken k.
func (p *phrase) tokenOK(k int, t phToken) bool {
	if t.low != p.low[k] {
		return false
	}
	switch p.rule[k] {
	case exactCase:
		return t.raw == p.raw[k]
	case capitalised:
		r, _ := utf8.DecodeRuneInString(t.raw)
		return unicode.IsUpper(r)
	}
	return true
}

// phGapOK reports whether the text between two tokens of one phrase is only
// spacing, hyphens or a single dot-less joiner: phrases do not run across
// commas, full stops or line breaks.
func phGapOK(s string) bool {
	// A possessive ("Syria's state-run SANA") stays inside a phrase.
	for _, p := range []string{"'s", "’s", "'S", "’S", "'", "’"} {
		if strings.HasPrefix(s, p) {
			s = s[len(p):]
			break
		}
	}
	if len(s) > 3 {
		return false
	}
	for _, r := range s {
		switch r {
		case ' ', '-', '‐', '–', '\u00a0', '/':
		default:
			return false
		}
	}
	return true
}

// longestAt returns the longest phrase matching toks from i, or nil.
func (x *phraseIndex) longestAt(text string, toks []phToken, i int) *phrase {
	for _, p := range x.byFirst[toks[i].low] {
		if i+len(p.low) > len(toks) {
			continue
		}
		ok := true
		for k := range p.low {
			if k > 0 && !phGapOK(text[toks[i+k-1].end:toks[i+k].start]) {
				ok = false
				break
			}
			if !p.tokenOK(k, toks[i+k]) {
				ok = false
				break
			}
		}
		if ok {
			return p
		}
	}
	return nil
}

// phraseMatch is one match of a phrase in a text, in phToken indices.
type phraseMatch struct {
	from, to int // tokens [from, to)
	p        *phrase
}

// findAll returns the non-overlapping, leftmost-longest matches.
func (x *phraseIndex) findAll(text string, toks []phToken) []phraseMatch {
	var out []phraseMatch
	for i := 0; i < len(toks); {
		p := x.longestAt(text, toks, i)
		if p == nil {
			i++
			continue
		}
		out = append(out, phraseMatch{from: i, to: i + len(p.low), p: p})
		i += len(p.low)
	}
	return out
}

// phraseKey is the lookup key of a name: its lower-cased tokens joined by
// spaces ("al-Nusra Front" is "al nusra front").
func phraseKey(name string) string {
	toks := phTokenize(name)
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.low
	}
	return strings.Join(parts, " ")
}

// phFold lower-cases a word and folds Latin diacritics ("Ḥayʼat" and
// "Hayat" compare equal), with the gazetteer's table.
func phFold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, r := range s {
		if phIsApostrophe(r) {
			continue
		}
		if f, ok := latinFold[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
