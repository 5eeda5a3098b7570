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
	a1Text, a2Text       string // the mentions naming the actors
	a1At, a2At           int    // their document offsets
	sentStart            int    // where the first sentence starts
	siblings             int    // > 0: one of several places of one trigger ("took X and Y")
	a1Root, a2Root       string // the actors' roots ("Jabhat Fateh al-Sham" is HTS), for merging
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
	dateGuess            bool // the date is not stated in the sentence
	anaphoric            bool // "the deal", "the capture": an action told before
	unresolvedPlace      bool // the sentence names a place the gazetteer does not know
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
		cands := c.rules.byFirst[t.lower]
		if t.lemma != t.lower {
			cands = append(cands[:len(cands):len(cands)], c.rules.byFirst[t.lemma]...)
		}
		if len(cands) == 0 || !isTriggerCase(t, i == 0 || toks[i-1].punct && strings.ContainsAny(toks[i-1].text, "\"“‘'([")) {
			continue
		}
		sort.SliceStable(cands, func(a, b int) bool { return len(cands[a].words) > len(cands[b].words) })
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
func (c *Coder) blocked(toks []tok, h hit, aggregate, placeAfter bool) bool {
	r := c.rules
	p := h.pattern
	if aggregate && !p.Territory {
		return true
	}
	// "504 attacks", "dozens of raids": a count of events is a statistic.
	if t := toks[h.te-1]; h.ti > 0 && p.Family != "protest" && strings.HasSuffix(t.lower, "s") && t.lower != t.lemma {
		k := h.ti - 1
		if toks[k].lower == "of" && k > 0 {
			k--
		}
		if n := toks[k].lower; len(n) >= 2 && allDigits(strings.ReplaceAll(n, ",", "")) || n == "hundreds" || n == "thousands" || n == "dozens" || n == "scores" {
			return true
		}
	}
	// "In a separate attack, a roadside bomb killed": the opening that
	// starts a new thread names no event of its own.
	for _, cue := range r.newThread {
		if e, ok := phraseAt(toks, 0, cue, false); ok && h.ti <= e && h.te <= e+1 {
			return true
		}
	}
	// "such attacks": a kind of event, not one.
	if h.ti > 0 && toks[h.ti-1].lower == "such" {
		return true
	}
	// "eight days after launching an offensive": a reference back to the
	// start of what the sentence reports.
	if strings.HasSuffix(toks[h.ti].lower, "ing") && h.ti >= 2 && toks[h.ti-1].lower == "after" {
		switch toks[h.ti-2].lower {
		case "days", "weeks", "months", "hours", "years", "day", "week", "month":
			return true
		}
	}
	// "the captured town", "of detained relatives": an adjective.
	// An acronym ("an IED") is no participle.
	if w := toks[h.ti]; p.POS != "noun" && h.ti > 0 && h.te == h.ti+1 && strings.ToUpper(w.text) != w.text && (strings.HasSuffix(w.lower, "ed") || w.lower != w.lemma && !strings.HasSuffix(w.lower, "s") && !strings.HasSuffix(w.lower, "ing")) {
		switch toks[h.ti-1].lower {
		case "of", "the", "a", "an", "his", "her", "their", "its", "newly", "recently":
			if h.te < len(toks) && !toks[h.te].punct && toks[h.te].lower != "by" {
				return true
			}
		}
	}
	cs := c.clauseStart(toks, h.ti, 12)
	if cs >= 2 && toks[cs-1].lower == "that" && r.nonfactive[toks[cs-2].lower] {
		return true
	}
	if i, _ := findCue(toks, cs, h.ti, r.irrealis); i >= 0 {
		return true
	}
	if i, _ := findCue(toks, cs, h.ti, r.negation); i >= 0 {
		return true
	}
	if c.underAppeal(toks, h.ti) {
		return true
	}
	// "declared victory over IS after a three-year battle": the end of a
	// campaign, whose battles are no event of the day.
	if !p.Territory && p.Family == "violence" {
		if i, _ := findCue(toks, 0, len(toks), r.victory); i >= 0 {
			return true
		}
	}
	// "attacked Hajin after the group withdrew from Susa": a withdrawal
	// told as the background of the news is no change of its own.
	if p.Family == "change" && cs >= 1 {
		switch toks[cs-1].lower {
		case "after", "since", "before", "when", "once", "until":
			return true
		}
	}
	// "one of the deadliest attacks on the army": a ranking of an event
	// already told.
	{
		lo := h.ti - 5
		if lo < 0 {
			lo = 0
		}
		if i, e := findCue(toks, lo, h.ti, r.referBack); i >= 0 && e <= h.ti {
			return true
		}
	}
	t := toks[h.ti]
	if c.isPurpose(toks, h) {
		return true
	}
	if strings.HasSuffix(t.lower, "ing") && p.POS != "noun" {
		if h.ti > 0 && !c.gerundIsEvent(toks, h) {
			return true
		}
		if h.ti == 0 || !r.progressive[toks[h.ti-1].lower] {
			for j := h.te; j < len(toks) && j < h.te+8; j++ {
				if toks[j].punct && toks[j].text != "-" {
					break
				}
				if r.modalAfter[toks[j].lower] {
					return true
				}
			}
		}
	}
	// "Further protests are planned", "the offensive will begin".
	for j := h.te; j < len(toks) && j < h.te+3; j++ {
		if toks[j].punct {
			break
		}
		switch toks[j].lower {
		case "will", "would", "could", "might", "planned", "scheduled", "expected":
			return true
		}
	}
	// "a full-scale assault on Idlib could displace", "an attack on Manbij
	// may lead to fighting": an event noun as the subject of a modal is a
	// hypothetical; "may have killed" reports a likely past event.
	// "The strike could spark revenge attacks": a definite event that
	// happened, with a speculated sequel; only an indefinite one ("a",
	// "any", "a new") is hypothetical.
	indefinite := false
	for j := h.ti - 1; j >= 0 && j >= h.ti-3; j-- {
		if w := toks[j].lower; w == "a" || w == "an" || w == "any" || w == "another" || w == "further" || w == "possible" || w == "potential" {
			indefinite = true
			break
		}
		if toks[j].punct && toks[j].text != "-" {
			break
		}
	}
	if indefinite && (p.POS == "noun" || h.ti == 0 || !r.progressive[toks[h.ti-1].lower] && !strings.HasSuffix(toks[h.ti].lower, "ed")) {
		for j := h.te; j < len(toks) && j < h.te+6; j++ {
			if toks[j].punct && toks[j].text != "-" {
				break
			}
			if w := toks[j].lower; w == "and" || w == "that" || w == "which" || w == "who" || w == "but" {
				break
			}
			if r.modalAfter[toks[j].lower] && (j+1 >= len(toks) || toks[j+1].lower != "have") {
				return true
			}
		}
	}
	for _, g := range r.generic {
		for st := h.ti - len(g) + 1; st <= h.ti; st++ {
			if st < 0 {
				continue
			}
			if e, ok := phraseAt(toks, st, g, true); ok && e > h.ti {
				return true
			}
		}
	}
	// "backed by air strikes": support, not an event of its own; and
	// "the assault has been backed by ...": the support is the news.
	// "the factions backed by them took control": a finite verb after the
	// backer ("them", "Ankara") is the main clause's, not the support.
	w := toks[h.ti]
	finite := w.lower != w.lemma && !strings.HasSuffix(w.lower, "s") && !strings.HasSuffix(w.lower, "ing") && h.ti > 0 &&
		(toks[h.ti-1].text != toks[h.ti-1].lower || r.objectPronouns[toks[h.ti-1].lower])
	if c.joinerEndsAt(toks, h.ti) || h.ti > 0 && c.joinerEndsAt(toks, h.ti-1) && !finite {
		return true
	}
	for j := h.te + 1; j < len(toks) && j <= h.te+4; j++ {
		if toks[j].punct {
			break
		}
		if c.joinerEndsAt(toks, j) {
			return true
		}
	}
	if len(p.NotNear) > 0 && lemmaNear(toks, h, 5, p.notNearLemmas) {
		return true
	}
	for _, np := range p.notPhrases {
		if _, ok := phraseAt(toks, h.ti, np, true); ok {
			return true
		}
	}
	// "took Kabajib and Shoula": a capture's object may be the place itself.
	if p.Territory && placeAfter {
		return false
	}
	win := 6
	if p.ObjectWindow > 0 {
		win = p.ObjectWindow
	}
	if len(p.NeedsObject) > 0 && !lemmaNear(toks, h, win, p.needsObjectLemmas) {
		return true
	}
	if p.ObjectAfter && !c.isPassive(toks, h) && !lemmaAfter(toks, h, 6, p.needsObjectLemmas) {
		return true
	}
	return false
}

// placeAt reports whether a named town, village or smaller place (not a
// country, province or region, which name governments and sides as often)
// begins at token k of the sentence, not followed by a possessive.
func placeAt(s *sentInfo, toks []tok, k int) bool {
	if k >= len(toks) {
		return false
	}
	off := s.start + toks[k].start
	for _, l := range s.locs {
		if l.Start != off || l.Place == nil {
			continue
		}
		switch l.Place.Kind {
		case "country", "province", "region", "district", "desert", "river", "mountain", "valley":
			return false
		}
		if l.End+2 <= s.end && s.text[l.End-s.start:l.End-s.start+2] == "'s" {
			return false
		}
		return true
	}
	return false
}

// isPurpose reports whether the trigger is the verb of a to-infinitive of
// purpose or intent ("fighting to capture", "used to carry out air strikes",
// "to isolate and capture"), unless a fact verb governs it ("managed to").
func (c *Coder) isPurpose(toks []tok, h hit) bool {
	r := c.rules
	if h.pattern.POS == "noun" {
		return false
	}
	j := h.ti - 1
	sawVerb := false
	for j >= 0 && j >= h.ti-4 && r.lightVerbs[toks[j].lower] {
		switch toks[j].lower {
		case "a", "an", "the", "its", "their", "his", "new", "more", "further", "fresh", "major", "large":
		default:
			sawVerb = true
		}
		j--
	}
	if j != h.ti-1 && !sawVerb {
		return false
	}
	if j == h.ti-1 && j >= 0 && (toks[j].lower == "and" || toks[j].lower == "or") && j-2 >= 0 && toks[j-2].lower == "to" {
		j -= 2
	}
	if j < 0 || toks[j].lower != "to" {
		return false
	}
	if j == h.ti-1 {
		t := toks[h.ti]
		if t.lower != t.lemma {
			return false
		}
	}
	if j > 0 && r.toPreposition[toks[j-1].lower] {
		return false
	}
	for _, ph := range r.infinitiveOK {
		if st := j + 1 - len(ph); st >= 0 {
			if _, m := phraseAt(toks, st, ph, false); m {
				return false
			}
		}
	}
	return true
}

// gerundIsEvent reports whether an -ing trigger names an event ("heavy
// fighting", "were fighting", "Israeli shelling killed") rather than
// describing someone ("the coalition fighting IS", "committed to fighting").
func (c *Coder) gerundIsEvent(toks []tok, h hit) bool {
	prev := toks[h.ti-1]
	if prev.punct || c.rules.progressive[prev.lower] || c.rules.gerundOK[prev.lower] {
		return true
	}
	if prev.text != prev.lower && h.te < len(toks) {
		next := toks[h.te]
		if next.text == next.lower && next.lower != "the" && next.lower != "a" && next.lower != "an" && next.lower != "its" && next.lower != "their" {
			return true
		}
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

func lemmaAfter(toks []tok, h hit, w int, set map[string]bool) bool {
	for j := h.te; j < len(toks) && j < h.te+w; j++ {
		if set[toks[j].lemma] || set[toks[j].lower] {
			return true
		}
	}
	return false
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
	if strings.HasSuffix(strings.TrimRight(s.text, "\"”’' "), "?") {
		// A question states nothing.
		return nil
	}
	hits := c.findTriggers(toks)
	if len(hits) == 0 {
		return nil
	}
	aggregate := false
	if k, _ := findPhrase(toks, 0, len(toks), c.rules.aggregate); k >= 0 {
		aggregate = true
	}
	for j := 0; j+1 < len(toks); j++ {
		// "since 2014": a toll over years.
		if toks[j].lower == "since" && len(toks[j+1].text) == 4 && allDigits(toks[j+1].text) {
			aggregate = true
		}
		// "in the past two years", "over the last 15 months".
		if w := toks[j].lower; (w == "past" || w == "last" || w == "previous") && j+2 < len(toks) {
			u := toks[j+2].lower
			if u == "years" || u == "months" || u == "decades" || u == "decade" || u == "weeks" {
				aggregate = true
			}
		}
	}
	type cand struct {
		h      hit
		ref    refined
		clause int
	}
	var valid []cand
	otherViolence := false // a violent trigger other than a killing
	for _, h := range hits {
		if c.blocked(toks, h, aggregate, placeAt(s, toks, h.te)) {
			continue
		}
		v := cand{h: h, ref: c.refine(toks, h), clause: clauseIndex(toks, h.ti)}
		valid = append(valid, v)
		if h.pattern.Family == "violence" && !h.pattern.VictimNeeded && h.pattern.standaloneResolved {
			otherViolence = true
		}
	}
	if len(valid) == 0 {
		return nil
	}
	// One event per family and clause: the highest (refined) priority
	// names it. A killing told with a weapon is that weapon's event.
	type key struct {
		family string
		clause int
	}
	best := map[key]cand{}
	var order []key
	killBy := map[int]hit{} // clause -> a killing verb told before the weapon
	var absorbed *cand      // the killing folded into a weapon's event
	for _, v := range valid {
		if v.h.pattern.VictimNeeded && otherViolence {
			if _, ok := killBy[v.clause]; !ok {
				killBy[v.clause] = v.h
			}
			if absorbed == nil {
				a := v
				absorbed = &a
			}
			continue
		}
		k := key{v.h.pattern.Family, v.clause}
		if v.h.pattern.Family != "violence" {
			k.clause = 0
		}
		b, ok := best[k]
		if !ok {
			order = append(order, k)
		}
		if !ok || v.ref.priority > b.ref.priority {
			best[k] = v
		}
	}
	c.detail(d, s)
	if len(s.times) == 0 {
		if k, _ := findPhrase(toks, 0, len(toks), c.rules.accusation); k >= 0 {
			return nil
		}
	}
	contested := false
	if k, _ := findPhrase(toks, 0, len(toks), c.rules.denial); k >= 0 {
		contested = true
	}
	riot := false
	for _, k := range order {
		if v := best[k]; v.h.pattern.Family == "violence" && v.ref.applied && v.ref.eventType == "Riots" {
			riot = true
		}
	}
	protest, arrest := false, false
	for _, k := range order {
		if best[k].h.pattern.Family == "arrest" {
			arrest = true
		}
		if best[k].h.pattern.Family == "protest" && best[k].h.pattern.ID == "protest" {
			protest = true
		}
	}
	var out []*draft
	for _, k := range order {
		v := best[k]
		if arrest && v.h.pattern.ID == "raid" {
			// "arrested 14 suspects in raids": the arrests are the event.
			continue
		}
		if protest && v.h.pattern.Family == "arrest" {
			// Protesters arrested: a protest with intervention.
			continue
		}
		if riot && v.h.pattern.Family == "protest" {
			// An attack on protesters is the event; the protest is its object.
			continue
		}
		if !v.h.pattern.standaloneResolved {
			continue
		}
		roleHit := v.h
		if p := v.h.pattern; p.RoleAtObject {
			for j := v.h.ti - 1; j >= 0 && j >= v.h.ti-p.ObjectWindow; j-- {
				if p.needsObjectLemmas[toks[j].lemma] || p.needsObjectLemmas[toks[j].lower] {
					roleHit = hit{ti: j, te: j + 1, pattern: p}
					break
				}
			}
		}
		if kh, ok := killBy[v.clause]; ok && kh.ti < v.h.ti && v.h.pattern.Family == "violence" {
			// "X killed 20 militants in air strikes": the killing verb
			// names who did it to whom.
			roleHit = kh
		}
		ds := c.buildDrafts(d, i, toks, v.h, roleHit, v.ref, contested)
		if len(ds) == 0 && v.h.pattern.Family == "violence" && absorbed != nil {
			// "The attack, claimed by X, killed three soldiers": the
			// killing names the event when the weapon word names no one.
			ds = c.buildDrafts(d, i, toks, absorbed.h, absorbed.h, absorbed.ref, contested)
			absorbed = nil
		}
	next:
		for _, e := range ds {
			if aggregate && e.fat != nil {
				continue
			}
			// Weapons listed in one sentence by one actor ("warplanes
			// attacked a convoy of tanks and artillery") are one event.
			for _, o := range out {
				if o.p.Family == "violence" && e.p.Family == "violence" && (e.a1Name == "" || e.a1Name == o.a1Name) && sameLoc(o, e) {
					if e.fat != nil && o.fat == nil {
						o.fat, o.fatLow, o.fatHigh = e.fat, e.fatLow, e.fatHigh
					}
					continue next
				}
			}
			out = append(out, e)
		}
	}
	return out
}

func sameLoc(a, b *draft) bool {
	if a.loc == nil || b.loc == nil {
		return a.loc == b.loc
	}
	return a.loc.Start == b.loc.Start && a.loc.End == b.loc.End
}

// joinerEndsAt reports whether an association phrase ("backed by") ends
// right before token i.
func (c *Coder) joinerEndsAt(toks []tok, i int) bool {
	for _, p := range c.rules.assocJoiners {
		if last := p[len(p)-1]; last != "by" && last != "of" && last != "from" {
			continue
		}
		if st := i - len(p); st >= 0 {
			if e, ok := phraseAt(toks, st, p, false); ok && e == i {
				return true
			}
		}
	}
	return false
}

// clauseIndex counts the clause breaks (; : and commas not followed by
// "including") before token i.
func clauseIndex(toks []tok, i int) int {
	n := 0
	for j := 0; j < i; j++ {
		switch toks[j].text {
		case ";", ":":
			n++
		case ",":
			if j+1 < len(toks) && toks[j+1].lower != "including" && toks[j+1].lower != "and" {
				n++
			}
		}
	}
	return n
}

// buildDrafts fills the fields of the event(s) named by trigger h: several
// when a capture names several places ("took X and Y").
func (c *Coder) buildDrafts(d *docInfo, si int, toks []tok, h, roleHit hit, ref refined, contested bool) []*draft {
	s := &d.sents[si]
	p := h.pattern
	e := &draft{p: p, eventType: p.EventType, subType: p.SubEventType, cameo: p.CAMEO, plover: p.PLOVER,
		territory: p.Territory, contested: contested, strength: p.Strength, sents: []int{si}, sentStart: s.start}
	if ref.applied {
		e.eventType, e.subType, e.territory = ref.eventType, ref.subType, false
		if ref.cameo != "" {
			e.cameo = ref.cameo
		}
		if ref.plover != "" {
			e.plover = ref.plover
		}
	}
	ro := c.roles(d, si, toks, roleHit)
	if roleHit != h && ro.a1 == nil && ro.a2 == nil {
		ro = c.roles(d, si, toks, h)
	}
	if ro.a1 != nil {
		e.a1, e.a1Name, e.a1Text, e.a1At = ro.a1.actor, ro.a1.actor.Name, ro.a1.text, ro.a1.start
		if ro.a1.unknown {
			e.notes = append(e.notes, "unknown group "+ro.a1.actor.Name+", review")
		}
	}
	if ro.a2 != nil {
		e.a2, e.a2Name, e.a2Text, e.a2At = ro.a2.actor, ro.a2.actor.Name, ro.a2.text, ro.a2.start
		if ro.a2.unknown {
			e.notes = append(e.notes, "unknown group "+ro.a2.actor.Name+", review")
		}
	}
	e.assoc1, e.assoc2 = ro.assoc1, ro.assoc2
	if ro.a1 != nil {
		if a := c.backedByIt(s, toks, ro.a1); a != nil && a != ro.a1.actor {
			e.assoc1 = appendNew(e.assoc1, a.Name)
		}
	}
	if e.eventType == "Battles" && !p.Territory && (e.a1 == nil) != (e.a2 == nil) {
		// "killed in clashes with Russian-backed separatists": the side
		// fought with is the other one.
		known := e.a1
		if known == nil {
			known = e.a2
		}
		if o := c.foughtWith(s, toks, known); o != nil {
			if e.a1 == nil {
				e.a1, e.a1Name, e.a1Text = o.actor, o.actor.Name, o.text
			} else {
				e.a2, e.a2Name, e.a2Text = o.actor, o.actor.Name, o.text
			}
		}
	}
	if e.a2 == nil && p.Family == "violence" && !p.Territory && !p.NoTarget {
		// "attacked an army checkpoint": the state's forces are the target.
		if a := c.stateTarget(toks, h); a != nil && (e.a1 == nil || c.root(a) != c.root(e.a1)) {
			e.a2, e.a2Name, e.a2Text = a, a.Name, "army"
		}
	}
	if p.Territory && e.a2 == nil {
		// "seized Darat Izza, the main stronghold of the Zenki movement":
		// the holder of the place lost it.
		if hr := c.holder(s, toks, h); hr != nil && (e.a1 == nil || c.root(hr.actor) != c.root(e.a1)) {
			e.a2, e.a2Name, e.a2Text = hr.actor, hr.actor.Name, hr.text
		}
	}
	if e.a1 != nil && isCivilian(e.a1) && p.DefaultActor1 == "" {
		// Civilians are the victims of violence, never its agent.
		if e.a2 == nil {
			e.a2, e.a2Name = e.a1, e.a1Name
		}
		e.a1, e.a1Name = nil, ""
	}
	if p.NoTarget {
		e.a2, e.a2Name, e.assoc2 = nil, "", nil
	}
	c.protestRoles(e, p)
	if e.a1 == nil && p.DefaultActor1 != "" && e.subType != "Excessive force against protesters" {
		e.a1 = &kb.Actor{Name: p.DefaultActor1, Inter: p.DefaultInter1, Generic: true}
		e.a1Name = p.DefaultActor1
	}
	e.pronoun = ro.pronoun
	e.actorQuality = ro.quality
	if e.a2 == nil && p.Family == "violence" {
		// "Two protesters were killed when security forces opened fire".
		for k := range s.actors {
			if a := s.actors[k].actor; a.Inter == 6 {
				e.a2, e.a2Name = a, a.Name
				break
			}
		}
	}
	if e.a2 == nil && (ro.civilians || p.DefaultTarget == "civilians" || e.subType == "Abduction/forced disappearance") {
		e.a2, e.a2Name = c.civ, c.civ.Name
	}
	if e.a2 == nil && e.eventType == "Explosions/Remote violence" && c.peopleKilled(toks) {
		// "Warplanes struck a market, killing at least nine people".
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
	if p.Family == "violence" && e.subType == "Mob violence" && e.a1 != nil && (e.a1.Inter == 1 || c.securityForce(e.a1)) {
		// State forces attacking protesters use excessive force; a mob riots.
		e.eventType, e.subType = "Violence against civilians", "Excessive force against protesters"
		if e.a2 == nil {
			e.a2, e.a2Name = &kb.Actor{Name: "Protesters", Inter: 6, Generic: true}, "Protesters"
		}
	}
	if p.Family == "violence" && e.a2 != nil && e.a2.Inter == 6 && e.eventType != "Riots" && (e.a1 == nil || e.a1.Inter == 1) {
		// Killing protesters is excessive force against them.
		e.eventType, e.subType, e.cameo, e.civilianTarget = "Violence against civilians", "Excessive force against protesters", "145", true
	}
	if p.VictimNeeded && e.a2 == nil {
		return nil
	}
	if p.VictimNeeded && !e.civilianTarget && e.eventType == p.EventType {
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
	if p.Family == "agreement" && e.timePrec >= 3 && !e.dateGuess {
		// "under the de-escalation deal reached last year": the frame of
		// today's news, not news itself.
		for j := h.ti - 1; j >= 0 && j >= h.ti-6; j-- {
			if toks[j].lower == "under" {
				return nil
			}
		}
	}
	if p.Family == "violence" {
		c.setFatalities(s, toks, e)
	}
	c.setClaim(d, si, e)
	if p.Territory {
		c.setArea(s, toks, h, e)
	}
	// "The capture opens the way for ...": a definite noun opening the
	// sentence refers back to an action told before; its place is that one.
	definite := h.ti >= 1 && (toks[h.ti-1].lower == "the" || toks[h.ti-1].lower == "this" || toks[h.ti-1].lower == "that") && toks[h.ti].lower == toks[h.ti].lemma
	// Only the trigger's own clause counts: in "The strike came as forces
	// pressed on in Hama, where they took a village on Wednesday" the place
	// and the day are the offensive's.
	clauseEnd := len(s.text)
	if definite && h.ti <= 2 {
		for j := h.te; j < len(toks); j++ {
			if c.rules.clauseBreaks[toks[j].lower] && toks[j].lower != "that" {
				clauseEnd = toks[j].start
				break
			}
		}
	}
	ownPlace := false
	for _, l := range s.locs {
		if d.usableLoc(l) && l.Start-s.start < clauseEnd {
			ownPlace = true
		}
	}
	ownTime := false
	for _, t := range eventTimes(s) {
		if t.Start < clauseEnd && (t.Start > toks[h.ti].start || h.ti > 2) {
			ownTime = true
		}
	}
	// "The rally in Zawiya ended ...": a place right after the opening
	// trigger is its own, not a reference to the last one told.
	placeAfter := false
	for _, l := range s.locs {
		off := l.Start - s.start
		for j := h.te + 1; j < len(toks) && j <= h.te+2; j++ {
			if toks[j].start == off && d.usableLoc(l) {
				switch toks[j-1].lower {
				case "in", "at", "near", "outside":
					placeAfter = true
				}
			}
		}
	}
	anaphoric := definite && (h.ti <= 2 && !ownTime && !placeAfter || p.POS == "noun" || !ownPlace)
	for j := h.ti - 1; j >= 0 && j >= h.ti-3; j-- {
		// "denied using chemical weapons": the denied act was told before.
		if w := toks[j].lower; w == "denied" || w == "denies" || w == "deny" || w == "denying" {
			anaphoric, e.contested = true, true
		}
	}
	e.anaphoric = anaphoric
	locs, fb := c.places(d, si, toks, h, anaphoric)
	if fb > 0 {
		e.unresolvedPlace = c.namesUnknownPlace(toks)
	}
	if len(locs) == 0 {
		e.locFallback = 3
		c.specify(d, e)
		e.a1Root, e.a2Root = c.root(e.a1), c.root(e.a2)
		return []*draft{e}
	}
	var out []*draft
	sib := 0
	if len(locs) > 1 {
		sib = d.nextSiblings()
	}
	for k := range locs {
		x := *e
		x.loc = &locs[k]
		x.siblings = sib
		x.locFallback = fb
		if p.Territory && x.a2 == nil && fb == 0 {
			// "The IS-held town of Hajin ... SDF captured Hajin".
			if a := c.heldEarlier(d, si, x.loc); a != nil && (x.a1 == nil || c.root(a) != c.root(x.a1)) {
				x.a2, x.a2Name, x.a2Text = a, a.Name, a.Name
			}
		}
		c.specify(d, &x)
		x.a1Root, x.a2Root = c.root(x.a1), c.root(x.a2)
		if k > 0 {
			x.notes = append([]string(nil), e.notes...)
			x.area = nil
		}
		out = append(out, &x)
	}
	return out
}

// stateTarget returns the generic state forces when a state word and a
// target noun ("an army checkpoint", "government positions") follow the
// trigger within its clause.
func (c *Coder) stateTarget(toks []tok, h hit) *kb.Actor {
	if c.kb.Actors == nil || c.rules.stateActorKey == "" {
		return nil
	}
	for j := h.te; j+1 < len(toks) && j < h.te+5; j++ {
		if toks[j].punct {
			return nil
		}
		if c.rules.stateWords[toks[j].lower] && c.rules.stateTargets[toks[j+1].lower] {
			return c.kb.Actors.Get(c.rules.stateActorKey)
		}
	}
	return nil
}

// peopleKilled reports whether the sentence counts unspecified people
// among the dead or wounded: a death or injury word within four words of a
// people word ("killing at least nine people", "12 people were killed").
func (c *Coder) peopleKilled(toks []tok) bool {
	for i, t := range toks {
		if !c.rules.peopleWords[t.lower] {
			continue
		}
		for j := max(0, i-4); j < len(toks) && j <= i+4; j++ {
			if c.rules.deathSet[toks[j].lower] || c.rules.injurySet[toks[j].lower] {
				return true
			}
		}
	}
	return false
}

// inSpans reports whether token j lies in one of the ranges.
func inSpans(sp [][2]int, j int) bool {
	for _, r := range sp {
		if j >= r[0] && j < r[1] {
			return true
		}
	}
	return false
}

// refined is a trigger's type after the refinement rules.
type refined struct {
	applied                           bool
	eventType, subType, cameo, plover string
	priority                          int
}

// refine applies the refinement rules: instrument words near the trigger
// ("coalition warplanes attacked" is an air strike).
func (c *Coder) refine(toks []tok, h hit) refined {
	res := refined{priority: h.pattern.Priority}
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
		rel := relativeSpans(toks, h.ti)
		for j := lo; j < hi; j++ {
			if j >= h.ti && j < h.te || inSpans(rel, j) {
				continue
			}
			for _, ph := range ref.ifPhrases {
				if _, ok := phraseAt(toks, j, ph, true); ok && !c.joinerEndsAt(toks, j) && !(j > 0 && c.joinerEndsAt(toks, j-1)) {
					res.applied = true
					res.eventType, res.subType, res.cameo, res.plover = ref.EventType, ref.SubEventType, ref.CAMEO, ref.PLOVER
					if p := c.rules.subPriority[ref.SubEventType]; p > res.priority {
						res.priority = p + 1
					}
					return res
				}
			}
		}
	}
	return res
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

// protestRoles puts protesters and rioters on the side ACLED puts them: the
// demonstrators are actor1 of a protest or riot and the forces that met
// them actor2; excessive force is done by the forces to the protesters.
func (c *Coder) protestRoles(e *draft, p *Pattern) {
	if p.Family != "protest" {
		return
	}
	crowd := &kb.Actor{Name: "Protesters", Inter: 6, Generic: true}
	if e.eventType == "Riots" {
		crowd = &kb.Actor{Name: "Rioters", Inter: 5, Generic: true}
	}
	switch e.subType {
	case "Excessive force against protesters":
		if e.a1 != nil && e.a1.Inter >= 5 {
			e.a1, e.a1Name = nil, ""
		}
		e.a2, e.a2Name, e.civilianTarget = crowd, crowd.Name, true
	case "Peaceful protest", "Protest with intervention", "Violent demonstration":
		if e.a1 != nil && e.a1.Inter == 1 {
			e.a2, e.a2Name = e.a1, e.a1Name
			e.a1, e.a1Name = nil, ""
		}
		if e.a1 == nil || e.a1.Inter >= 5 && e.a1.Inter <= 7 {
			e.a1, e.a1Name = crowd, crowd.Name
		}
	}
}

// namesUnknownPlace reports whether the sentence says where with a word the
// gazetteer did not resolve ("near Hodeidah", "in the village"): a place
// carried over from elsewhere is then only near the truth.
func (c *Coder) namesUnknownPlace(toks []tok) bool {
	for j := 0; j+1 < len(toks); j++ {
		switch toks[j].lower {
		case "in", "near", "at", "outside", "around":
		case "town", "village", "city", "district":
			if toks[j+1].lower == "of" && j+2 < len(toks) && toks[j+2].text != toks[j+2].lower {
				return true
			}
			continue
		default:
			continue
		}
		n := toks[j+1]
		if !n.punct && n.text != n.lower && n.lower != "the" {
			return true
		}
		if n.lower == "the" && j+2 < len(toks) {
			switch toks[j+2].lower {
			case "village", "town", "city", "area", "district", "region", "province", "camp", "base":
				return true
			}
		}
	}
	return false
}

// securityForce reports whether an actor policing a territory (not a
// state's army) is named as security or police ("Asayish (SDF internal
// security)"): its shooting at protesters is excessive force, not a riot.
func (c *Coder) securityForce(a *kb.Actor) bool {
	n := strings.ToLower(a.Name)
	for _, w := range c.rules.securityWords {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// underAppeal reports whether the token at ti lies in the scope of a warning
// or appeal earlier in the sentence ("warned that forces would deal firmly
// with anyone who attacks", "calling on the world to stop the attacks"):
// what follows is feared or asked for, not reported. A temporal or causal
// word ("after", "when") or a semicolon between them ends the scope.
func (c *Coder) underAppeal(toks []tok, ti int) bool {
	i, e := findCue(toks, 0, ti, c.rules.appeal)
	if i < 0 {
		return false
	}
	for j := e; j < ti; j++ {
		if c.rules.appealBreaks[toks[j].lower] || toks[j].text == ";" {
			return false
		}
	}
	return true
}

// backedByIt returns the actor named by "X and the factions supported by
// it" after actor a: the KB's "X-backed factions", else nil.
func (c *Coder) backedByIt(s *sentInfo, toks []tok, a *actorRef) *kb.Actor {
	j := 0
	for j < len(toks) && toks[j].start < a.end-s.start {
		j++
	}
	if j+5 >= len(toks) || toks[j].lower != "and" {
		return nil
	}
	j++
	if toks[j].lower == "the" || toks[j].lower == "its" || toks[j].lower == "their" {
		j++
	}
	if j+3 > len(toks) {
		return nil
	}
	noun := toks[j].lower
	if j+3 >= len(toks) || !c.rules.backerWords[toks[j+1].lower] || toks[j+2].lower != "by" || !c.rules.objectPronouns[toks[j+3].lower] {
		return nil
	}
	ms := c.kb.Actors.Mentions(a.text + "-" + toks[j+1].lower + " " + noun)
	if len(ms) == 1 && ms[0].Actor != nil && ms[0].Start == 0 {
		return ms[0].Actor
	}
	if ms := c.kb.Actors.Mentions(a.text + "-backed " + noun); len(ms) == 1 && ms[0].Actor != nil && ms[0].Start == 0 {
		return ms[0].Actor
	}
	return nil
}
