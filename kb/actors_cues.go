package kb

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// cueFile is the format of actors_cues.yaml: the words that tell a backer
// from the backed ("US-backed"), and the patterns that reveal unknown named
// armed groups.
type cueFile struct {
	// BackingWords follow a hyphen after the backer: "backed", "supported".
	BackingWords []string `yaml:"backing_words"`
	// NotActorSuffixes joined by a hyphen make a name an adjective, not an
	// actor: "Iranian-made", "Russian-built".
	NotActorSuffixes []string `yaml:"not_actor_suffixes"`
	// Backers maps an actor key to the words that name it as a backer
	// ("US", "American", "Turkish").
	Backers map[string][]string `yaml:"backers"`
	// Connectors may appear inside a name in lower case ("al", "of").
	Connectors []string `yaml:"connectors"`
	// NotNames are capitalised words that never begin a candidate name
	// ("The", "In").
	NotNames []string `yaml:"not_names"`
	// Rewrites turn a backed actor into another one: FSA backed by TUR is
	// TFSA.
	Rewrites []cueRewrite `yaml:"rewrites"`
	// Candidates are the cue patterns for unknown groups.
	Candidates []candidateCue `yaml:"candidates"`
}

// cueRewrite says that actor Root backed by Backer is Actor.
type cueRewrite struct {
	Backer string `yaml:"backer"`
	Root   string `yaml:"root"`
	Actor  string `yaml:"actor"`
}

// candidateCue is one pattern such as "calls itself [NAME]" or
// "[Liwa NAME]": literal words, NAME (a run of capitalised words), QUOTED (a
// quoted string) and brackets around the part that is the group's name.
type candidateCue struct {
	Pattern string `yaml:"pattern"`
	Inter   int    `yaml:"inter"` // ACLED inter code given to the candidate; 0 = unknown
	elems   []cueElem
	line    int
}

type cueElemKind uint8

const (
	cueLiteral cueElemKind = iota
	cueName
	cueQuoted
)

type cueElem struct {
	kind   cueElemKind
	low    string
	rule   caseRule
	inName bool
}

// actorCues is the compiled cue file.
type actorCues struct {
	backingWords map[string]bool
	notActor     map[string]bool
	backerKeys   []string
	backers      *phraseIndex
	connectors   map[string]bool
	notNames     map[string]bool
	rewrites     []cueRewrite
	candidates   []candidateCue
	byFirst      map[string][]int // literal-first cues by their first word
	nameFirst    []int            // cues that start with NAME
}

// parseCuePattern compiles a cue pattern.
func parseCuePattern(p string) ([]cueElem, error) {
	var out []cueElem
	in := false
	names := 0
	for _, f := range strings.Fields(p) {
		open := strings.HasPrefix(f, "[")
		f = strings.TrimPrefix(f, "[")
		closing := strings.HasSuffix(f, "]")
		f = strings.TrimSuffix(f, "]")
		if open {
			in = true
		}
		switch f {
		case "NAME":
			out = append(out, cueElem{kind: cueName, inName: in})
			names++
		case "QUOTED":
			out = append(out, cueElem{kind: cueQuoted, inName: in})
			names++
		default:
			for _, t := range phTokenize(f) {
				out = append(out, cueElem{kind: cueLiteral, low: t.low, rule: phRuleFor(t.raw), inName: in})
			}
		}
		if closing {
			in = false
		}
	}
	if names != 1 {
		return nil, fmt.Errorf("pattern %q: want exactly one NAME or QUOTED", p)
	}
	if out[len(out)-1].kind == cueQuoted && len(out) == 1 {
		return nil, fmt.Errorf("pattern %q: QUOTED needs a word before it", p)
	}
	return out, nil
}

// readCueFile parses one cue file, keeping the line of every pattern.
func readCueFile(f dataFile) (cueFile, error) {
	var cf cueFile
	var root yaml.Node
	if err := yaml.Unmarshal(f.data, &root); err != nil {
		return cf, fmt.Errorf("%s: %w", f.name, err)
	}
	if len(root.Content) == 0 {
		return cf, nil
	}
	if err := root.Content[0].Decode(&cf); err != nil {
		return cf, fmt.Errorf("%s: %w", f.name, err)
	}
	// Find the pattern lines.
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "candidates" && m.Content[i+1].Kind == yaml.SequenceNode {
			for j, n := range m.Content[i+1].Content {
				if j < len(cf.Candidates) {
					cf.Candidates[j].line = n.Line
				}
			}
		}
	}
	for i := range cf.Candidates {
		el, err := parseCuePattern(cf.Candidates[i].Pattern)
		if err != nil {
			return cf, fmt.Errorf("%s:%d: %w", f.name, cf.Candidates[i].line, err)
		}
		cf.Candidates[i].elems = el
	}
	return cf, nil
}

// readCues reads and merges the cue files.
func readCues(files []dataFile) (*actorCues, error) {
	c := &actorCues{
		backingWords: map[string]bool{},
		notActor:     map[string]bool{},
		backers:      newPhraseIndex(),
		connectors:   map[string]bool{},
		notNames:     map[string]bool{},
	}
	for _, f := range files {
		cf, err := readCueFile(f)
		if err != nil {
			return nil, err
		}
		for _, w := range cf.BackingWords {
			c.backingWords[strings.ToLower(w)] = true
		}
		for _, w := range cf.NotActorSuffixes {
			c.notActor[strings.ToLower(w)] = true
		}
		for key, words := range cf.Backers {
			id := len(c.backerKeys)
			c.backerKeys = append(c.backerKeys, key)
			for _, w := range words {
				c.backers.add(w, id)
			}
		}
		for _, w := range cf.Connectors {
			c.connectors[strings.ToLower(w)] = true
		}
		for _, w := range cf.NotNames {
			c.notNames[strings.ToLower(w)] = true
		}
		c.rewrites = append(c.rewrites, cf.Rewrites...)
		c.candidates = append(c.candidates, cf.Candidates...)
	}
	c.byFirst = map[string][]int{}
	for i, cue := range c.candidates {
		if e := cue.elems[0]; e.kind == cueLiteral {
			c.byFirst[e.low] = append(c.byFirst[e.low], i)
		} else {
			c.nameFirst = append(c.nameFirst, i)
		}
	}
	return c, nil
}

// phIsHyphen reports whether the gap between two tokens is one hyphen.
func phIsHyphen(gap string) bool {
	switch gap {
	case "-", "‐", "–":
		return true
	}
	return false
}

// backerAt recognises "<backer>-<backing word>" at phToken i and returns the
// backer's key and the number of tokens used, or 0.
func (c *actorCues) backerAt(text string, toks []phToken, i int) (string, int) {
	if c == nil || len(c.backingWords) == 0 {
		return "", 0
	}
	p := c.backers.longestAt(text, toks, i)
	if p == nil {
		return "", 0
	}
	j := i + len(p.low)
	if !c.isBackingSuffix(text, toks, j) {
		return "", 0
	}
	return c.backerKeys[p.id], len(p.low) + 1
}

// isAdjectiveSuffix reports whether token j is a word such as "made"
// joined by a hyphen to the token before it.
func (c *actorCues) isAdjectiveSuffix(text string, toks []phToken, j int) bool {
	if c == nil || j <= 0 || j >= len(toks) {
		return false
	}
	return c.notActor[toks[j].low] && phIsHyphen(text[toks[j-1].end:toks[j].start])
}

// isBackingSuffix reports whether phToken j is a backing word joined by a
// hyphen to the phToken before it.
func (c *actorCues) isBackingSuffix(text string, toks []phToken, j int) bool {
	if c == nil || j <= 0 || j >= len(toks) {
		return false
	}
	return c.backingWords[toks[j].low] && phIsHyphen(text[toks[j-1].end:toks[j].start])
}

func phIsCapitalised(t phToken) bool {
	r, _ := utf8.DecodeRuneInString(t.raw)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// nameStartOK reports whether a candidate name may start at token i: the
// token before is not itself part of a name, and a sentence-initial word
// followed by a lower-case connector ("Fighters of the X Brigade") is an
// ordinary word, not the start of a name.
func (c *actorCues) nameStartOK(text string, toks []phToken, i int) bool {
	if i > 0 && phIsCapitalised(toks[i-1]) && !c.notNames[toks[i-1].low] &&
		phGapOK(text[toks[i-1].end:toks[i].start]) {
		return false
	}
	initial := i == 0 || strings.ContainsAny(text[toks[i-1].end:toks[i].start], ".!?\n\"“:;")
	if initial && i+1 < len(toks) && !phIsCapitalised(toks[i+1]) && c.connectors[toks[i+1].low] {
		return false
	}
	return true
}

// nameTokenOK reports whether t can be inside a candidate name.
func (c *actorCues) nameTokenOK(t phToken) bool {
	return phIsCapitalised(t) || c.connectors[t.low]
}

// phLiteralOK reports whether t matches a literal pattern element.
func phLiteralOK(e cueElem, t phToken) bool {
	if t.low != e.low {
		return false
	}
	if e.rule != anyCase && !phIsCapitalised(t) {
		return false
	}
	return true
}

// phArticles are the English articles, no part of a name.
var phArticles = map[string]bool{"the": true, "a": true, "an": true}

// phQuoteOpen maps an opening quotation mark to its closing one.
var phQuoteOpen = map[rune]rune{'"': '"', '“': '”', '‘': '’', '\'': '\'', '«': '»'}

// matchCue tries cue elems at phToken k. It returns the byte span of the
// name (start -1 when no element of elems is in the name) and the phToken
// index after the match. cont says elems continue an earlier match, so the
// gap before phToken k must be a joiner.
func (c *actorCues) matchCue(text string, toks []phToken, elems []cueElem, k int, cont bool) (start, end, next int, ok bool) {
	start, end = -1, -1
	span := func(s, e int) {
		if start < 0 {
			start = s
		}
		end = e
	}
	for e := 0; e < len(elems); e++ {
		el := elems[e]
		if (cont || e > 0) && k > 0 && k < len(toks) && el.kind != cueQuoted && !phGapOK(text[toks[k-1].end:toks[k].start]) {
			return 0, 0, 0, false
		}
		switch el.kind {
		case cueLiteral:
			if k >= len(toks) || !phLiteralOK(el, toks[k]) {
				return 0, 0, 0, false
			}
			if el.inName {
				span(toks[k].start, toks[k].end)
			}
			k++
		case cueQuoted:
			// The quoted string follows the previous phToken.
			if k == 0 {
				return 0, 0, 0, false
			}
			pos := toks[k-1].end
			rest := text[pos:]
			trim := strings.TrimLeft(rest, " ")
			if len(rest)-len(trim) > 2 || trim == "" {
				return 0, 0, 0, false
			}
			q, qn := utf8.DecodeRuneInString(trim)
			closeQ, isQ := phQuoteOpen[q]
			if !isQ {
				return 0, 0, 0, false
			}
			body := trim[qn:]
			ci := strings.IndexRune(body, closeQ)
			if ci <= 0 || ci > 80 || strings.ContainsAny(body[:ci], "\n.") {
				return 0, 0, 0, false
			}
			qs := pos + (len(rest) - len(trim)) + qn
			qe := qs + ci
			// A name starts with a capital, after an article; American
			// style puts the sentence's comma inside the quotes.
			for _, art := range []string{"the ", "The "} {
				if strings.HasPrefix(text[qs:qe], art) {
					qs += len(art)
				}
			}
			if r, _ := utf8.DecodeRuneInString(text[qs:qe]); !unicode.IsUpper(r) {
				return 0, 0, 0, false
			}
			inner := strings.TrimRight(text[qs:qe], ",;: ")
			span(qs, qs+len(inner))
			for k < len(toks) && toks[k].start < qe+utf8.RuneLen(closeQ) {
				k++
			}
		case cueName:
			// Longest run of name tokens, shortened until the rest matches.
			first := k
			if first >= len(toks) {
				return 0, 0, 0, false
			}
			if e == 0 && !cont && (c.notNames[toks[first].low] || !phIsCapitalised(toks[first])) {
				return 0, 0, 0, false
			}
			// After a cue ("known as the X"), an article is no part of the
			// name, and the name itself starts with a capital or a
			// particle such as "al".
			if e > 0 && first+1 < len(toks) && !phIsCapitalised(toks[first]) && phArticles[toks[first].low] {
				first++
			}
			if t := toks[first]; !phIsCapitalised(t) && (phArticles[t.low] || !c.connectors[t.low]) {
				return 0, 0, 0, false
			}
			last := first
			for last < len(toks) && last-first < 6 && c.nameTokenOK(toks[last]) &&
				(last == first || phGapOK(text[toks[last-1].end:toks[last].start])) {
				last++
			}
			for n := last; n > first; n-- {
				if !phIsCapitalised(toks[n-1]) {
					continue
				}
				rs, re, nx, ok2 := c.matchCue(text, toks, elems[e+1:], n, true)
				if !ok2 {
					continue
				}
				if el.inName {
					span(toks[first].start, toks[n-1].end)
				}
				if rs >= 0 {
					span(rs, re)
				}
				return start, end, nx, true
			}
			return 0, 0, 0, false
		}
	}
	return start, end, k, true
}

func phHasInName(elems []cueElem) bool {
	for _, e := range elems {
		if e.inName {
			return true
		}
	}
	return false
}

// Candidates returns unknown named armed groups found by the cue patterns
// ("a group which calls itself X", "the X Brigade", "Liwa X"): Actor.Key is
// "" and Actor.Name is the name as written. Spans overlapping a known
// actor are left out; every other occurrence is kept for review.
func (a *Actors) Candidates(text string) []ActorMention {
	if a == nil || a.cues == nil {
		return nil
	}
	toks := phTokenize(text)
	return a.candidatesTokens(text, toks, a.mentionsTokens(text, toks))
}

// Scan returns both Mentions(text) and Candidates(text), tokenizing the
// text and finding its known actors once instead of twice.
func (a *Actors) Scan(text string) (mentions, candidates []ActorMention) {
	if a == nil {
		return nil, nil
	}
	toks := phTokenize(text)
	mentions = a.mentionsTokens(text, toks)
	if a.cues != nil {
		candidates = a.candidatesTokens(text, toks, mentions)
	}
	return mentions, candidates
}

// candidatesTokens is Candidates over a tokenized text whose known actor
// mentions are known.
func (a *Actors) candidatesTokens(text string, toks []phToken, known []ActorMention) []ActorMention {
	overlaps := func(s, e int) bool {
		for _, m := range known {
			if s < m.End && m.Start < e {
				return true
			}
		}
		return false
	}
	var out []ActorMention
	lastEnd := -1
	var try []int
	for i := 0; i < len(toks); i++ {
		// Only the cues that can start here: those whose first word this
		// is, and those that start with a name when a name may start here.
		try = try[:0]
		try = append(try, a.cues.byFirst[toks[i].low]...)
		// A cue starting with a name fails at once on a word that is no
		// name ("The", "But"): skip them all then, as matchCue would.
		if phIsCapitalised(toks[i]) && !a.cues.notNames[toks[i].low] && a.cues.nameStartOK(text, toks, i) {
			try = append(try, a.cues.nameFirst...)
		}
		if len(try) == 0 {
			continue
		}
		sort.Ints(try)
		for _, ci := range try {
			cue := a.cues.candidates[ci]
			s, e, next, ok := a.cues.matchCue(text, toks, cue.elems, i, false)
			if !ok || s < 0 || e <= s || s < lastEnd || overlaps(s, e) {
				continue
			}
			name := strings.Join(strings.Fields(text[s:e]), " ")
			out = append(out, ActorMention{Start: s, End: e, Text: text[s:e], Actor: &Actor{Name: name, Inter: cue.Inter}})
			lastEnd = e
			if next > i+1 {
				i = next - 1
			}
			break
		}
	}
	return out
}
