package kb

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxMentionCandidates bounds the candidates attached to one mention.
const maxMentionCandidates = 10

// mtoken is a word of the text scanned by Mentions.
type mtoken struct {
	start, end int
	cap        bool  // starts with a capital, or with "al-"/"a-" before a capital
	article    bool  // a bare article ("al", "Al", "ez"): joins a name, never ends one
	joined     bool  // only spaces separate it from the previous token
	initial    bool  // first word of a sentence
	acronym    bool  // all capitals, at most four letters ("US", "SDF")
	kStart     int32 // key of the token in mentionScan.keys, when keyDone
	kEnd       int32
	keyDone    bool
}

// mentionScan holds the buffers of one Mentions call.
type mentionScan struct {
	k    keyer
	keys []byte
}

// tokenKey returns the Normalize key of one token, computed once.
func (m *mentionScan) tokenKey(text string, t *mtoken) []byte {
	if !t.keyDone {
		key := m.k.normalize(text[t.start:t.end])
		t.kStart = int32(len(m.keys))
		m.keys = append(m.keys, key...)
		t.kEnd = int32(len(m.keys))
		t.keyDone = true
	}
	return m.keys[t.kStart:t.kEnd]
}

// Mentions finds the known places named in text: non-overlapping, longest
// first, spans of one to five capitalised words (articles such as "al" may
// join them, and "al-"/"a-" may prefix the first; "'s" is left out).
// Skipped: stoplisted common words, short acronyms, one-word matches that
// belong to a longer capitalised name ("Vladimir Putin", "Syria Direct")
// and, outside the theatre countries, spellings that differ from the
// place's names by more than case and accents. Each mention carries up to
// ten candidates scored like Lookup, best first; ranking them in context
// is the caller's work (Resolve, geo).
func (g *Gazetteer) Mentions(text string) []PlaceMention {
	toks := scanTokens(text)
	var out []PlaceMention
	var buf []byte
	var ms mentionScan
	// Words seen in a person's or an organisation's name earlier in the
	// text ("Marco Rubio" ... "Rubio said") are not places later on.
	var inNames map[string]bool
	span := g.maxSpan
	if span < 1 {
		span = 1
	}
	for i := 0; i < len(toks); i++ {
		t := &toks[i]
		if !t.cap || t.acronym {
			continue
		}
		// Leading English-looking bare articles ("At", "A") are not part of
		// the name; "Al"/"El" are.
		if t.article {
			w := strings.ToLower(text[t.start:t.end])
			if w != "al" && w != "el" {
				continue
			}
		}
		matched := false
		// Longest span first.
		last := i
		for j := i + 1; j < len(toks) && j < i+span; j++ {
			u := &toks[j]
			if !u.joined || !(u.cap || u.article) || u.acronym {
				break
			}
			last = j
		}
		for j := last; j >= i && !matched; j-- {
			if toks[j].article {
				continue
			}
			buf = buf[:0]
			for k := i; k <= j; k++ {
				if toks[k].article && k < j {
					continue
				}
				buf = append(buf, ms.tokenKey(text, &toks[k])...)
			}
			es := g.entries(buf)
			if len(es) == 0 {
				continue
			}
			s := text[t.start:toks[j].end]
			if g.stopped(s, i == j, t.initial) {
				continue
			}
			if i == j {
				if g.inName(text, toks, i) {
					if inNames == nil {
						inNames = map[string]bool{}
					}
					inNames[string(buf)] = true
					continue
				}
				if inNames[string(buf)] {
					continue
				}
			}
			// The fuzzy key finds spellings; a span of running text must
			// also be close to the name itself ("Putin" is not Putian).
			lightB := ms.k.light(s)
			lh := fnv1a(lightB)
			light := string(lightB)
			maxEdits := 0
			switch {
			case len(light) >= 8:
				maxEdits = 2
			case len(light) > 4:
				maxEdits = 1
			}
			cs := make([]Candidate, 0, min(len(es), maxMentionCandidates))
			seen := map[int32]bool{}
			for _, e := range es {
				if seen[e.place] {
					continue
				}
				// Spelling variants are tolerated in the theatre countries
				// (countries.tsv, column theatre) and for curated places;
				// elsewhere the name must match but for case and accents.
				allowed := 0
				if g.tolerant[e.place] {
					allowed = maxEdits
				} else if e.light != lh {
					continue // checked first: most entries end here, cheaply
				} else if len(light) <= 4 && g.popEst[e.place] < 100000 && g.places[e.place].Population < 100000 {
					// Short words ("Lai", "Kim", "Sun") name small places
					// far away more often by accident than by intent.
					continue
				}
				d := 0
				if e.light != lh {
					if allowed == 0 {
						continue
					}
					if d = levenshtein(light, string(ms.k.light(g.names[e.name]))); d > allowed {
						continue
					}
				}
				seen[e.place] = true
				score := float64(g.prior[e.place]) * math.Pow(0.4, float64(d))
				if g.names[e.name] != g.places[e.place].Name {
					score *= 0.85
				}
				cs = append(cs, Candidate{Place: g.places[e.place], Score: score})
			}
			if len(cs) == 0 {
				continue
			}
			sort.SliceStable(cs, func(a, b int) bool { return cs[a].Score > cs[b].Score })
			if len(cs) > maxMentionCandidates {
				cs = cs[:maxMentionCandidates]
			}
			out = append(out, PlaceMention{Start: t.start, End: toks[j].end, Text: s, Candidates: cs})
			i = j
			matched = true
		}
	}
	return out
}

// inName reports whether the one-word match at toks[i] is part of a
// longer capitalised name that is not a place: a person ("Bashar
// al-Assad", "Vladimir Putin"), an outlet ("Syria Direct"). Neighbours
// that are common words ("Northern", "Kurdish") or place words
// ("Province", stoplist lines starting with '+') do not count.
func (g *Gazetteer) inName(text string, toks []mtoken, i int) bool {
	// A possessive ("Baghdad's Tahrir Square") ends a name: what follows
	// belongs to it, not to the name.
	w := text[toks[i].start:toks[i].end]
	rest := text[toks[i].end:]
	possessive := strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") || strings.HasPrefix(rest, "'s ") || strings.HasPrefix(rest, "’s ")
	other := func(u *mtoken) bool {
		if !u.cap || u.article || u.acronym {
			return false
		}
		w := strings.ToLower(text[u.start:u.end])
		if g.stop["@"+w] {
			return true
		}
		if g.stop[w] || g.stop["+"+w] {
			return false
		}
		// "Rebel-held", "Kurdish-led": an adjective, not a name.
		if h := strings.LastIndexByte(text[u.start:u.end], '-'); h > 0 {
			r, _ := utf8.DecodeRuneInString(text[u.start+h+1 : u.end])
			if unicode.IsLower(r) {
				return false
			}
		}
		return true
	}
	// Bare articles between ("Talas al Salameh") do not separate.
	p := i
	for p > 0 && toks[p].joined && toks[p-1].article {
		p--
	}
	if p > 0 && toks[p].joined && other(&toks[p-1]) {
		return true
	}
	n := i + 1
	for n < len(toks) && toks[n].joined && toks[n].article {
		n++
	}
	if !possessive && n < len(toks) && toks[n].joined && other(&toks[n]) {
		return true
	}
	return false
}

// stopped reports whether a matched span is a common word rather than a
// place.
func (g *Gazetteer) stopped(s string, single, initial bool) bool {
	l := strings.ToLower(s)
	if g.stop[l] || g.stop["@"+l] {
		return true
	}
	if h := strings.IndexByte(l, '-'); h > 0 && isArticle(l[:h]) && (g.stop[l[h+1:]] || g.stop["@"+l[h+1:]]) {
		return true
	}
	if single && initial && g.stop["^"+l] {
		return true
	}
	return false
}

// scanTokens cuts text into words: letters and digits, with inner hyphens
// and apostrophes.
func scanTokens(text string) []mtoken {
	toks := make([]mtoken, 0, len(text)/6)
	i := 0
	sentenceStart := true
	gapSpacesOnly := false
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			switch {
			case r == ' ' || r == '\t' || r == '\u00a0':
			case r == '.' && len(toks) > 0 && isAbbrev(text[toks[len(toks)-1].start:toks[len(toks)-1].end]):
				// "Col." and "Gen." do not end a sentence.
				gapSpacesOnly = false
			case r == '.' || r == '!' || r == '?' || r == '\n':
				sentenceStart = true
				gapSpacesOnly = false
			case r == '"' || r == '“' || r == '(' || r == '‘' || r == '\'':
				gapSpacesOnly = false
			default:
				gapSpacesOnly = false
			}
			i += n
			continue
		}
		start := i
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf && isASCIIWordByte(c) {
				i++ // the common case, without decoding
				continue
			}
			r, n := utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				i += n
				continue
			}
			if (r == '-' || isApostrophe(r)) && i+n < len(text) {
				r2, _ := utf8.DecodeRuneInString(text[i+n:])
				if isWordRune(r2) {
					i += n
					continue
				}
			}
			break
		}
		t := mtoken{start: start, end: i, joined: gapSpacesOnly && len(toks) > 0, initial: sentenceStart}
		w := text[start:i]
		// "Syria's" names Syria; "Don't" names nothing.
		contraction := false
		if q, n := lastApostrophe(w); q > 0 {
			switch strings.ToLower(w[q+n:]) {
			case "s":
				t.end = start + q
				w = w[:q]
			case "t", "ll", "re", "ve", "d", "m":
				contraction = true
			}
		}
		classify(&t, w)
		if contraction {
			t.cap = false
		}
		toks = append(toks, t)
		sentenceStart = false
		gapSpacesOnly = true
	}
	return toks
}

// isAbbrev reports whether a word before a period is likely a title or
// initial ("Col", "Gen", "Mr", "U"): capitalised and at most three letters.
func isAbbrev(w string) bool {
	if len(w) > 3 || len(w) == 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// lastApostrophe returns the byte offset and size of the last apostrophe
// in w, or -1.
func lastApostrophe(w string) (int, int) {
	for i := len(w) - 1; i > 0; i-- {
		if w[i] == '\'' {
			return i, 1
		}
		if w[i] >= 0x80 && utf8.RuneStart(w[i]) {
			if r, n := utf8.DecodeRuneInString(w[i:]); isApostrophe(r) {
				return i, n
			}
		}
	}
	return -1, 0
}

// isASCIIWordByte is isWordRune for an ASCII byte, small enough to inline.
func isASCIIWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// classify sets the token's capitalisation flags.
func classify(t *mtoken, w string) {
	r, _ := utf8.DecodeRuneInString(w)
	if len(w) <= 4 && isArticle(strings.ToLower(w)) {
		t.article = true
		t.cap = unicode.IsUpper(r)
		return
	}
	if unicode.IsUpper(r) {
		t.cap = true
		if len(w) > 16 {
			return // too long for an acronym
		}
		letters, upper := 0, 0
		for _, c := range w {
			if unicode.IsLetter(c) {
				letters++
				if unicode.IsUpper(c) {
					upper++
				}
			}
		}
		// "US", "SDF", "YPG"; four capitals are an acronym ("DPRK") but
		// where a sentence or paragraph starts, a dateline ("HOMS").
		t.acronym = upper == letters && letters > 1 && (letters <= 3 || letters == 4 && !t.initial)
		return
	}
	// "al-Bukamel", "a-Tanf", "ez-Zor": a lower-case article prefix before
	// a capital.
	if h := strings.IndexByte(w, '-'); h > 0 && h <= 4 && h < len(w)-1 && isArticle(strings.ToLower(w[:h])) {
		r2, _ := utf8.DecodeRuneInString(w[h+1:])
		t.cap = unicode.IsUpper(r2)
	}
	// Arabic and other caseless scripts count as capitalised.
	if !t.cap && unicode.IsLetter(r) && !unicode.IsLower(r) && !unicode.IsUpper(r) {
		t.cap = true
	}
}
