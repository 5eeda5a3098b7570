package coder

import (
	"sort"
	"strings"

	"github.com/sitrep/sitrep/geo"
	"github.com/sitrep/sitrep/kb"
)

// hit is one trigger found in a sentence: tokens [ti, te).
type hit struct {
	ti, te  int
	pattern *Pattern
}

// draft is an event before merging and output.
type draft struct {
	p                    *Pattern
	eventType, subType   string
	cameo, plover        string
	territory            bool
	a1, a2               *kb.Actor
	a1Name, a2Name       string
	assoc1, assoc2       []string
	loc                  *geo.Location
	locFallback          int // 0 in the sentence, 1 earlier in the paragraph, 2 document, 3 none
	date                 string
	timePrec             int
	fat, fatLow, fatHigh *int
	area                 *float64
	claimed              string
	contested            bool
	civilianTarget       bool
	strength             float64
	actorQuality         float64
	notes                []string
	sents                []int
	pronoun              bool
}

// findTriggers returns the trigger phrases in toks, longest match first and
// never overlapping.
func (c *Coder) findTriggers(toks []tok) []hit {
	var hits []hit
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.punct {
			continue
		}
		cands := c.rules.byFirst[t.lemma]
		if len(cands) == 0 && t.lemma != t.lower {
			cands = c.rules.byFirst[t.lower]
		}
		if len(cands) == 0 || !isTriggerCase(t, i == 0 || toks[i-1].punct && strings.ContainsAny(toks[i-1].text, "\"“‘'([")) {
			continue
		}
		for _, tr := range cands {
			if e, ok := phraseAt(toks, i, tr.words, true); ok {
				hits = append(hits, hit{ti: i, te: e, pattern: tr.pattern})
				i = e - 1
				break
			}
		}
	}
	return hits
}

// clauseStart returns the first token of the clause holding token i, at most
// max tokens back: clauses end at , ; : ( and quotes, and before "that",
// "which" and other clause-opening words.
func (c *Coder) clauseStart(toks []tok, i, max int) int {
	lo := i - max
	if lo < 0 {
		lo = 0
	}
	for j := i - 1; j >= lo; j-- {
		t := toks[j]
		if t.punct && strings.ContainsAny(t.text, ",;:()\"“”—–") {
			return j + 1
		}
		if c.rules.clauseBreaks[t.lower] {
			return j + 1
		}
	}
	return lo
}

// blocked reports whether the trigger h states no actual event: negated,
// hypothetical, planned, threatened, purpose ("fighting to capture"),
// an aggregate over a long period, or lacking the object its pattern needs.
func (c *Coder) blocked(toks []tok, h hit, aggregate bool) bool {
	r := c.rules
	p := h.pattern
	if aggregate && p.Family == "violence" {
		return true
	}
	cs := c.clauseStart(toks, h.ti, 8)
	if i, _ := findCue(toks, cs, h.ti, r.irrealis); i >= 0 {
		return true
	}
	if i, _ := findCue(toks, cs, h.ti, r.negation); i >= 0 {
		return true
	}
	t := toks[h.ti]
	if h.ti > 0 && toks[h.ti-1].lower == "to" && p.POS != "noun" && t.lower == t.lemma {
		ok := false
		if h.ti > 1 && r.toPreposition[toks[h.ti-2].lower] {
			ok = true
		}
		for _, ph := range r.infinitiveOK {
			if s := h.ti - len(ph); s >= 0 {
				if _, m := phraseAt(toks, s, ph, false); m {
					ok = true
				}
			}
		}
		if !ok {
			return true
		}
	}
	if strings.HasSuffix(t.lower, "ing") && (h.ti == 0 || !r.progressive[toks[h.ti-1].lower]) {
		for j := h.te; j < len(toks) && j < h.te+8; j++ {
			if toks[j].punct && toks[j].text != "-" {
				break
			}
			if r.modalAfter[toks[j].lower] {
				return true
			}
		}
	}
	if len(p.NotNear) > 0 && lemmaNear(toks, h, 3, p.notNearLemmas) {
		return true
	}
	if len(p.NeedsObject) > 0 && !lemmaNear(toks, h, 6, p.needsObjectLemmas) {
		return true
	}
	return false
}

// findCue is findPhrase restricted to lowercase (or sentence-initial) words,
// so that the month "May" is not the modal "may".
func findCue(toks []tok, from, to int, ps [][]string) (int, int) {
	for from < to {
		i, e := findPhrase(toks, from, to, ps)
		if i < 0 {
			return -1, -1
		}
		if i == 0 || toks[i].text == toks[i].lower {
			return i, e
		}
		from = i + 1
	}
	return -1, -1
}

func lemmaNear(toks []tok, h hit, w int, set map[string]bool) bool {
	lo, hi := h.ti-w, h.te+w
	if lo < 0 {
		lo = 0
	}
	if hi > len(toks) {
		hi = len(toks)
	}
	for j := lo; j < hi; j++ {
		if j >= h.ti && j < h.te {
			continue
		}
		if set[toks[j].lemma] || set[toks[j].lower] {
			return true
		}
	}
	return false
}

// codeSentence codes the events stated by sentence i of d.
func (c *Coder) codeSentence(d *docInfo, i int) []*draft {
	s := &d.sents[i]
	toks := tokenize(s.text)
	for j := range toks {
		toks[j].lemma = c.rules.lemma(toks[j].lower)
	}
	hits := c.findTriggers(toks)
	if len(hits) == 0 {
		if c.civ != nil {
			// Nothing to code; zones are found separately.
		}
		return nil
	}
	aggregate := false
	if k, _ := findPhrase(toks, 0, len(toks), c.rules.aggregate); k >= 0 {
		aggregate = true
	}
	var valid []hit
	for _, h := range hits {
		if !c.blocked(toks, h, aggregate) {
			valid = append(valid, h)
		}
	}
	if len(valid) == 0 {
		return nil
	}
	// One event per family per sentence: the highest priority names it.
	best := map[string]hit{}
	var order []string
	for _, h := range valid {
		f := h.pattern.Family
		b, ok := best[f]
		if !ok {
			order = append(order, f)
		}
		if !ok || h.pattern.Priority > b.pattern.Priority {
			best[f] = h
		}
	}
	c.detail(d, s)
	contested := false
	if k, _ := findPhrase(toks, 0, len(toks), c.rules.denial); k >= 0 {
		contested = true
	}
	var out []*draft
	for _, f := range order {
		h := best[f]
		if !h.pattern.standaloneResolved {
			continue
		}
		out = append(out, c.buildDrafts(d, i, toks, h, contested)...)
	}
	return out
}

// buildDrafts fills the fields of the event(s) named by trigger h: several
// when a capture names several places ("took X and Y").
func (c *Coder) buildDrafts(d *docInfo, si int, toks []tok, h hit, contested bool) []*draft {
	s := &d.sents[si]
	p := h.pattern
	e := &draft{p: p, eventType: p.EventType, subType: p.SubEventType, cameo: p.CAMEO, plover: p.PLOVER,
		territory: p.Territory, contested: contested, strength: p.Strength, sents: []int{si}}
	c.refine(e, toks, h)
	ro := c.roles(d, si, toks, h)
	if ro.a1 != nil {
		e.a1, e.a1Name = ro.a1.actor, ro.a1.actor.Name
		if ro.a1.unknown {
			e.notes = append(e.notes, "unknown group "+ro.a1.actor.Name+", review")
		}
	}
	if ro.a2 != nil {
		e.a2, e.a2Name = ro.a2.actor, ro.a2.actor.Name
		if ro.a2.unknown {
			e.notes = append(e.notes, "unknown group "+ro.a2.actor.Name+", review")
		}
	}
	e.assoc1, e.assoc2 = ro.assoc1, ro.assoc2
	e.pronoun = ro.pronoun
	e.actorQuality = ro.quality
	if e.a2 == nil && ro.civilians {
		e.a2, e.a2Name = c.civ, c.civ.Name
	}
	if e.a2 != nil && isCivilian(e.a2) {
		e.civilianTarget = true
		if p.CivilianEventType != "" {
			e.eventType = p.CivilianEventType
		}
		if p.CivilianSubEventType != "" {
			e.subType = p.CivilianSubEventType
		}
	}
	if p.VictimNeeded && e.a2 == nil {
		return nil
	}
	if p.VictimNeeded && !e.civilianTarget {
		// Killing armed men is fighting.
		e.eventType, e.subType, e.cameo = "Battles", "Armed clash", "190"
	}
	if p.NeedsActor && e.a1 == nil && e.a2 == nil {
		return nil
	}
	if e.a1 != nil && e.a2 != nil && c.root(e.a1) == c.root(e.a2) && !isCivilian(e.a2) {
		e.a2, e.a2Name = nil, ""
	}
	c.setDate(d, si, toks, h, e)
	if p.Family == "violence" {
		c.setFatalities(s, toks, e)
	}
	c.setClaim(d, si, e)
	if p.Territory {
		c.setArea(s, toks, h, e)
	}
	locs, fb := c.places(d, si, toks, h)
	if len(locs) == 0 {
		e.locFallback = 3
		return []*draft{e}
	}
	var out []*draft
	for k := range locs {
		x := *e
		x.loc = &locs[k]
		x.locFallback = fb
		if k > 0 {
			x.notes = append([]string(nil), e.notes...)
			x.area = nil
		}
		out = append(out, &x)
	}
	return out
}

// refine applies the refinement rules: instrument words near the trigger.
func (c *Coder) refine(e *draft, toks []tok, h hit) {
	for _, ref := range c.rules.refinements {
		applies := false
		for _, id := range ref.Patterns {
			if id == h.pattern.ID {
				applies = true
			}
		}
		if !applies {
			continue
		}
		lo, hi := h.ti-ref.Window, h.te+ref.Window
		if lo < 0 {
			lo = 0
		}
		if hi > len(toks) {
			hi = len(toks)
		}
		found := false
		for j := lo; j < hi && !found; j++ {
			if j >= h.ti && j < h.te {
				continue
			}
			for _, ph := range ref.ifPhrases {
				if _, ok := phraseAt(toks, j, ph, true); ok {
					found = true
					break
				}
			}
		}
		if found {
			e.eventType, e.subType, e.territory = ref.EventType, ref.SubEventType, false
			if ref.CAMEO != "" {
				e.cameo = ref.CAMEO
			}
			return
		}
	}
}

func isCivilian(a *kb.Actor) bool {
	return a != nil && (a.Key == "CIV" || a.Inter == 7)
}

func (c *Coder) root(a *kb.Actor) string {
	if a == nil {
		return ""
	}
	if a.Key == "" {
		return "?" + a.Name
	}
	if c.kb.Actors != nil {
		if r := c.kb.Actors.Root(a.Key); r != "" {
			return r
		}
	}
	return a.Key
}

// sortHits orders hits by position.
func sortHits(hs []hit) {
	sort.Slice(hs, func(i, j int) bool { return hs[i].ti < hs[j].ti })
}
