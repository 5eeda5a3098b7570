package coder

import (
	"strings"

	"github.com/sitrep/sitrep/geo"

	"github.com/sitrep/sitrep/kb"
)

// mention is an actor mention located on the sentence's tokens.
type mention struct {
	ref    *actorRef
	ti, te int  // token range
	backer bool // "US-backed X": a backer of the next actor, not an actor here
	assoc  bool // after "backed by", "alongside": associated with the main actor
}

// roleResult is the outcome of role assignment for one trigger.
type roleResult struct {
	a1, a2         *actorRef
	assoc1, assoc2 []string
	civilians      bool
	pronoun        bool
	passive        bool
	quality        float64
}

// conjunctionWords may stand between two conjoined actors ("the army and
// allied militias", "Russia, Iran and Hezbollah").
var conjunctionWords = map[string]bool{"and": true, ",": true, "the": true, "its": true, "their": true, "allied": true, "of": false}

// targetPreps mark the target side of a nominal trigger ("strikes against X").
var passiveAux = map[string]bool{"was": true, "were": true, "been": true, "being": true, "is": true, "are": true, "be": true, "got": true, "get": true}

// locateMentions maps the sentence's actor mentions onto its tokens.
func (c *Coder) locateMentions(s *sentInfo, toks []tok) []mention {
	backerWords := c.rules.backerWords
	var ms []mention
	for k := range s.actors {
		a := &s.actors[k]
		st, en := a.start-s.start, a.end-s.start
		ti, te := -1, -1
		for j, t := range toks {
			if ti < 0 && t.end > st {
				ti = j
			}
			if t.start < en {
				te = j + 1
			}
		}
		if ti < 0 || te <= ti {
			continue
		}
		ms = append(ms, mention{ref: a, ti: ti, te: te})
	}
	// "in eastern Ukraine", "across Syria": a country named as the place
	// of the action is no actor.
	kept := ms[:0]
	for _, m := range ms {
		if !c.countryAsPlace(s, toks, m) {
			kept = append(kept, m)
		}
	}
	ms = kept
	for k := range ms {
		m := &ms[k]
		// "US-backed", "Iran-allied": a backer.
		if m.te+1 < len(toks) && toks[m.te].text == "-" && backerWords[toks[m.te+1].lower] {
			m.backer = true
		}
		if m.te < len(toks) && backerWords[toks[m.te].lower] && toks[m.te].start == toks[m.te-1].end {
			m.backer = true
		}
	}
	return ms
}

// roles picks actor1, actor2 and their associates for trigger h.
func (c *Coder) roles(d *docInfo, si int, toks []tok, h hit) roleResult {
	s := &d.sents[si]
	ms := c.locateMentions(s, toks)
	// Drop mentions inside a claim source ("the Syrian Observatory said").
	if !h.pattern.NoTarget {
		// A group announcing its own move is its actor, not a source.
		ms = c.dropSourceMentions(s, ms)
	}
	for k := range ms {
		m := &ms[k]
		if _, e, ok := joinerBefore(c, toks, m.ti); ok && e == m.ti {
			m.assoc = true
		}
	}
	// "backed by Iraqi and Afghan militias": the names conjoined to an
	// associate are associates too.
	for k := 1; k < len(ms); k++ {
		if ms[k-1].assoc && !ms[k].assoc && conjoinedGap(toks, ms[k-1].te, ms[k].ti) {
			ms[k].assoc = true
		}
	}
	// "The IS-held town of Hajin came under bombardment": the holder of a
	// place named before the trigger is not its agent.
	kept := ms[:0]
	for _, m := range ms {
		if m.ti < h.ti && m.te+1 < h.ti && toks[m.te].text == "-" && c.rules.heldWords[toks[m.te+1].lower] {
			continue
		}
		kept = append(kept, m)
	}
	ms = kept
	res := roleResult{quality: 1}
	passiveBy := -1
	if by := c.passiveBy(toks, h); by >= 0 {
		passiveBy = by
	}
	// The speaker side of a reporting verb is no party ("SANA reported
	// that the army clashed"); the target side ends at the clause's end.
	speaker := -1
	for j := 0; j < h.ti; j++ {
		// A capitalised word is a name ("United States"), not a verb.
		if c.rules.reporting[toks[j].lower] && toks[j].text == toks[j].lower {
			speaker = j
			// "X claimed responsibility for the attack": X did it.
			if (toks[j].lower == "claimed" || toks[j].lower == "claims") && j+1 < len(toks) && toks[j+1].lower == "responsibility" {
				speaker = -1
			}
			// "The coalition said its planes struck": the speaker's own act.
			if j+1 < len(toks) && (toks[j+1].lower == "its" || toks[j+1].lower == "their") {
				speaker = -1
			}
		}
	}
	if h.pattern.Family == "change" {
		// "X announced the start of the final phase": the speaker's own move.
		speaker = -1
	}
	rightEnd := len(toks)
	for j := h.te; j < len(toks); j++ {
		if t := toks[j]; t.punct && strings.ContainsAny(t.text, ",;:()\"“”") && j != passiveBy-1 {
			if t.text == "," && j+1 < len(toks) && (toks[j+1].lower == "including" || toks[j+1].lower == "and") {
				continue
			}
			rightEnd = j
			break
		}
	}
	var left, right []int
	// "Hezbollah, whose fighters were killed by Israeli strikes, attacked":
	// the names inside an aside about the subject are not its actors.
	rel := relativeSpans(toks, h.ti)
	for k, m := range ms {
		if m.backer || m.assoc || inSpans(rel, m.ti) {
			continue
		}
		if (m.te <= h.ti || m.ti < h.ti) && m.ti > speaker {
			// A mention holding the trigger ("US-led air strikes") is its agent.
			left = append(left, k)
		} else if m.ti >= h.te && m.ti < rightEnd {
			right = append(right, k)
		}
	}
	passive := passiveBy >= 0 || c.isPassive(toks, h)
	res.passive = passive
	// "Syrian troops and Islamic State militants exchanged fire": the
	// conjuncts of a clash fight each other.
	var opponent = -1
	pickLeft := func() (int, []string) {
		if len(left) == 0 {
			return -1, nil
		}
		k := left[len(left)-1]
		var assoc []string
		// Climb a conjunction chain to its first member.
		for n := len(left) - 2; n >= 0; n-- {
			prev := left[n]
			if !onlyConjunction(toks, ms[prev].te, ms[k].ti) {
				break
			}
			if h.pattern.ID == "clash" && c.root(ms[k].ref.actor) != c.root(ms[prev].ref.actor) && !allied(toks, ms[prev].te, ms[k].ti) {
				opponent = k
			} else if ms[k].ref.actor.Name != ms[prev].ref.actor.Name {
				assoc = append(assoc, ms[k].ref.actor.Name)
			}
			k = prev
		}
		return k, assoc
	}
	var a1k, a2k = -1, -1
	if h.pattern.Family == "agreement" {
		// The parties of an agreement: the first two named.
		var all, generic []int
		for k, m := range ms {
			if !m.backer && m.ti > speaker {
				if m.ref.actor.Generic {
					generic = append(generic, k)
				} else {
					all = append(all, k)
				}
			}
		}
		all = append(all, generic...)
		for _, k := range all {
			if a1k < 0 {
				a1k = k
			} else if a2k < 0 && c.root(ms[k].ref.actor) != c.root(ms[a1k].ref.actor) {
				a2k = k
			}
		}
	} else if passive {
		if passiveBy >= 0 {
			for _, k := range right {
				if ms[k].ti >= passiveBy {
					a1k = k
					break
				}
			}
		}
		if a1k >= 0 || passiveBy < 0 {
			k, _ := pickLeft()
			a2k = k
		}
	}
	if a1k < 0 && a2k < 0 && !passive {
		// "clashes between X and Y", "fighting between X and Y".
		for j := h.te; j < len(toks) && j <= h.te+3; j++ {
			if toks[j].lower != "between" {
				continue
			}
			var pair []int
			for _, k := range right {
				if ms[k].ti > j && len(pair) < 2 {
					pair = append(pair, k)
				}
			}
			if len(pair) == 2 {
				a1k, a2k = pair[0], pair[1]
			}
			break
		}
	}
	var byDemonym *actorRef
	if a1k < 0 && a2k < 0 && passiveBy >= 0 {
		// "killed by Turkish shelling": the adjective after "by" is the
		// agent and the subject the victim.
		if byDemonym = c.demonymAgent(s, toks, h, passiveBy); byDemonym != nil {
			a2k, _ = pickLeft()
		}
	}
	if byDemonym == nil && (a1k < 0 && a2k < 0 && !passive || a1k < 0 && passiveBy >= 0 && a2k < 0) {
		k, assoc := pickLeft()
		a1k = k
		res.assoc1 = append(res.assoc1, assoc...)
		a2k = c.pickTarget(toks, ms, right, h)
		if a2k < 0 && opponent >= 0 {
			a2k = opponent
		}
	}
	// Backers and "backed by" mentions associate with actor1 when they
	// stand on its side.
	for _, m := range ms {
		if !(m.backer || m.assoc) {
			continue
		}
		if a1k >= 0 && (m.assoc && m.ti > ms[a1k].te && m.ti < h.ti || m.backer && m.te <= ms[a1k].ti && ms[a1k].ti-m.te <= 3) {
			res.assoc1 = appendNew(res.assoc1, m.ref.actor.Name)
		}
		if a2k >= 0 && (m.assoc && m.ti > ms[a2k].te || m.backer && m.te <= ms[a2k].ti && ms[a2k].ti-m.te <= 3) {
			res.assoc2 = appendNew(res.assoc2, m.ref.actor.Name)
		}
	}
	if a1k >= 0 {
		res.a1 = ms[a1k].ref
	} else if byDemonym != nil {
		res.a1 = byDemonym
	}
	if a2k >= 0 {
		res.a2 = ms[a2k].ref
	}
	if res.a1 == nil {
		// "Russian missiles struck ...", "strikes by Turkish jets": a
		// national adjective names that state's forces.
		if a := c.demonymAgent(s, toks, h, passiveBy); a != nil {
			res.a1 = a
		}
	}
	if res.a1 != nil && res.a1.actor.Generic && !isCivilian(res.a1.actor) && groupWord(res.a1.text) {
		// "The powerful Shia militant group": the group named just before.
		if a := c.lastActor(d, res.a1.start, res.a2); a != nil && !a.actor.Generic && res.a1.start-a.start < 600 {
			res.a1 = a
			res.pronoun = true
			res.quality = 0.8
		}
	}
	if res.a1 == nil && !passive {
		// "The group", "they", "the militants": the last actor named.
		cs := c.clauseStart(toks, h.ti, 12)
		if i, _ := findCue(toks, cs, h.ti, c.rules.pronouns); i >= 0 || hasPronounWord(c.rules.pronounWords, toks, cs, h.ti) {
			// "The army said it had killed ...": the speaker, else the
			// last actor named before.
			off := s.start
			if speaker >= 0 {
				off = s.start + toks[speaker].start
			}
			if a := c.lastActor(d, off, res.a2); a != nil {
				res.a1 = a
				res.pronoun = true
				res.quality = 0.8
			}
		}
	}
	if res.a1 == nil {
		res.quality = 0.7
	}
	if res.a1 == nil && passive && passiveBy < 0 && h.pattern.VictimNeeded {
		// "Three protesters were killed when security forces opened fire":
		// the agent is named later in the sentence.
		for _, m := range ms {
			if m.ti >= h.te && !m.backer && !isCivilian(m.ref.actor) && m.ref.actor.Inter != 6 && (res.a2 == nil || c.root(m.ref.actor) != c.root(res.a2.actor)) {
				res.a1 = m.ref
				break
			}
		}
	}
	// Civilians as victims: the object of the trigger, or anywhere for a
	// killing or a passive.
	lo, hi := h.te, h.te+6
	if hi > len(toks) {
		hi = len(toks)
	}
	if passiveBy >= 0 || passive || h.pattern.VictimNeeded {
		lo, hi = 0, len(toks)
	}
	// "struck rebel-held towns, killing 12 civilians": the holder of the
	// place is no target when civilians are the victims.
	held := a2k >= 0 && !h.pattern.Territory && ms[a2k].te+1 < len(toks) && toks[ms[a2k].te].text == "-" && heldWords[toks[ms[a2k].te+1].lower]
	open := res.a2 == nil || held
	if i, _ := findPhrase(toks, lo, hi, c.rules.civilians); i >= 0 && open {
		res.civilians = true
	} else if i, _ := findPhrase(toks, h.te, len(toks), c.rules.civilians); i >= 0 && open {
		// ", killing 15 civilians", "left 29 civilians dead".
		for j := i - 8; j <= i+3 && j < len(toks); j++ {
			if j >= 0 && (c.rules.deathSet[toks[j].lower] || c.rules.injurySet[toks[j].lower] || c.rules.harmSet[toks[j].lower]) {
				res.civilians = true
				break
			}
		}
	}
	if held && res.civilians {
		res.a2 = nil
	}
	return res
}

// heldWords make an actor before a hyphen the holder of a place ("rebel-held
// towns", "IS-controlled villages"), not a party.
var heldWords = map[string]bool{"held": true, "controlled": true, "besieged": true, "run": true}

// groupWord reports whether a generic mention is a description of one
// group ("the militant group", "the militia") rather than a kind of actor
// ("rebels", "regime forces").
func groupWord(s string) bool {
	l := strings.ToLower(s)
	for _, w := range []string{"group", "militia", "movement", "organisation", "organization", "faction"} {
		if strings.HasSuffix(l, w) {
			return true
		}
	}
	return false
}

// isPassive reports whether the trigger verb is passive without an agent
// ("was captured", "has been pushed out"): its subject is the target.
func (c *Coder) isPassive(toks []tok, h hit) bool {
	t := toks[h.ti]
	if h.pattern.POS == "noun" || t.lower == t.lemma || strings.HasSuffix(t.lower, "ing") || strings.HasSuffix(t.lower, "s") && !strings.HasSuffix(t.lower, "ss") {
		return false
	}
	for j := h.ti - 1; j >= 0 && j >= h.ti-2; j-- {
		if passiveAux[toks[j].lower] {
			return true
		}
		if toks[j].punct {
			// "..., killed in an air strike on Monday": a participle
			// after a comma, followed by how or when, is passive.
			if j == h.ti-1 && toks[j].text == "," && h.te < len(toks) {
				switch toks[h.te].lower {
				case "in", "by", "when", "during", "after", "on", "at", "while":
					return true
				}
			}
			return false
		}
	}
	return false
}

func appendNew(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// pickTarget chooses actor2 among the mentions right of the trigger: after
// "from" for captures, else the first one.
func (c *Coder) pickTarget(toks []tok, ms []mention, right []int, h hit) int {
	if h.pattern.Territory {
		// The loser: "from X" or "under the control of X" anywhere after
		// the trigger, commas and all, up to a reporting verb.
		for _, m := range ms {
			if m.ti < h.te || m.backer || m.assoc {
				continue
			}
			stop := false
			for j := h.te; j < m.ti; j++ {
				if c.rules.reporting[toks[j].lower] {
					stop = true
				}
			}
			if stop {
				break
			}
			for j := m.ti - 1; j >= 0 && j >= m.ti-3; j-- {
				w := toks[j].lower
				if w == "from" || w == "by" && j > 0 && toks[j-1].lower == "held" || w == "of" && j > 0 && toks[j-1].lower == "control" {
					for k := range ms {
						if ms[k].ref == m.ref {
							return k
						}
					}
				}
			}
		}
	}
	if len(right) == 0 {
		return -1
	}
	return right[0]
}

// passiveBy returns the token index after "by" when the trigger is passive
// or a noun followed by its agent ("air strikes by X"), else -1.
func (c *Coder) passiveBy(toks []tok, h hit) int {
	for j := h.te; j < len(toks) && j < h.te+4; j++ {
		t := toks[j]
		if t.punct {
			return -1
		}
		if t.lower == "by" {
			// "backed by" is an association, not an agent.
			if j > 0 && c.rules.backerWords[toks[j-1].lower] {
				return -1
			}
			// "struck a boat used by the Houthis": the by-phrase belongs to
			// the participle between, not to the trigger.
			// A participle right after the trigger is its own ("a missile
			// fired by the Houthis", "strikes carried out by").
			for k := h.te + 1; k < j; k++ {
				if w := toks[k].lower; len(w) >= 4 && strings.HasSuffix(w, "ed") && toks[k].text == w {
					return -1
				}
			}
			return j + 1
		}
		// "came under attack from X".
		if t.lower == "from" && h.ti > 0 && toks[h.ti-1].lower == "under" || t.lower == "from" && h.ti > 1 && toks[h.ti-2].lower == "under" {
			return j + 1
		}
	}
	return -1
}

// joinerBefore reports whether an assoc joiner ("backed by") ends at token i.
func joinerBefore(c *Coder, toks []tok, i int) (int, int, bool) {
	for _, p := range c.rules.assocJoiners {
		for back := 0; back <= 4; back++ {
			st := i - len(p) - back
			if st < 0 {
				continue
			}
			// Beyond two words, only names and conjunctions may come
			// between ("backed by Iraqi and Afghan militias").
			if back > 2 && !namesOnly(toks, i-back, i) {
				continue
			}
			if e, ok := phraseAt(toks, st, p, false); ok && e+back == i {
				return st, i, true
			}
		}
	}
	return -1, -1, false
}

// allied reports whether the words joining two actors make them one side
// ("and allied militias", "and its allies").
func allied(toks []tok, from, to int) bool {
	for j := from; j < to && j < len(toks); j++ {
		switch toks[j].lower {
		case "allied", "its", "their", "allies", "backed", "supporting":
			return true
		}
	}
	if to < len(toks) && (toks[to].lower == "allied" || toks[to].lower == "pro") {
		return true
	}
	return false
}

// onlyConjunction reports whether tokens [from,to) join two actor
// mentions: "and" or a comma, with at most a few modifiers ("and local
// Druze", "and allied").
func onlyConjunction(toks []tok, from, to int) bool {
	if to-from > 4 || to <= from {
		return false
	}
	w := toks[from].lower
	if w != "and" && w != "," {
		return false
	}
	for j := from + 1; j < to; j++ {
		t := toks[j]
		if t.punct || strings.HasSuffix(t.lower, "ed") && !conjunctionWords[t.lower] || t.lower == "that" || t.lower == "who" {
			return false
		}
	}
	return true
}

func hasPronounWord(words map[string]bool, toks []tok, from, to int) bool {
	for j := from; j < to; j++ {
		if words[toks[j].lower] {
			return true
		}
	}
	return false
}

// lastActor is the most recent non-civilian actor named before offset off,
// other than not.
func (c *Coder) lastActor(d *docInfo, off int, not *actorRef) *actorRef {
	for k := len(d.actors) - 1; k >= 0; k-- {
		a := &d.actors[k]
		if a.start >= off || isCivilian(a.actor) {
			continue
		}
		if not != nil && c.root(a.actor) == c.root(not.actor) {
			continue
		}
		if off-a.start > 1500 {
			return nil
		}
		return a
	}
	return nil
}

// dropSourceMentions removes mentions that are the source of an attribution
// in the sentence ("..., SANA reported").
func (c *Coder) dropSourceMentions(s *sentInfo, ms []mention) []mention {
	if len(s.attrs) == 0 {
		return ms
	}
	out := ms[:0:0]
	for _, m := range ms {
		st, en := m.ref.start-s.start, m.ref.end-s.start
		drop := false
		for _, a := range s.attrs {
			if rest := strings.ToLower(s.text[a.End:]); strings.Contains(rest[:min(len(rest), 40)], "responsibility") {
				continue // who claims responsibility did it
			}
			rest := strings.TrimLeft(strings.ToLower(s.text[a.End:]), " ")
			rest = strings.TrimLeft(strings.TrimPrefix(rest, strings.ToLower(a.Verb)), " ")
			if strings.HasPrefix(rest, "its ") || strings.HasPrefix(rest, "their ") {
				continue // "the coalition said its planes struck": its own act
			}
			if st >= a.Start && en <= a.End && a.Source != "" && strings.Contains(strings.ToLower(a.Source), strings.ToLower(m.ref.text)) {
				drop = true
			}
		}
		if !drop {
			out = append(out, m)
		}
	}
	return out
}

// demonymAgent looks for a national adjective just before the trigger (or
// after a passive "by") and asks the knowledge base which forces "<word>
// forces" are. The knowledge base, not the code, knows the demonyms.
func (c *Coder) demonymAgent(s *sentInfo, toks []tok, h hit, passiveBy int) *actorRef {
	if c.kb.Actors == nil {
		return nil
	}
	var cands []int
	if passiveBy >= 0 {
		for j := passiveBy; j < len(toks) && j < passiveBy+3; j++ {
			cands = append(cands, j)
		}
	} else {
		for j := h.ti - 1; j >= 0 && j >= h.ti-3; j-- {
			if toks[j].punct && toks[j].text != "-" {
				break
			}
			cands = append(cands, j)
		}
		// "were killed in Turkish shelling": the weapon's adjective after
		// the killing.
		if h.te+1 < len(toks) {
			switch toks[h.te].lower {
			case "in", "during", "from":
				for j := h.te + 1; j < len(toks) && j <= h.te+2; j++ {
					cands = append(cands, j)
				}
			}
		}
	}
	for _, j := range cands {
		t := toks[j]
		stateWord := c.rules.stateWords[t.lower]
		if t.punct || t.text == t.lower && !stateWord || len(t.text) < 2 {
			continue
		}
		switch t.lower {
		case "the", "a", "an", "on", "in", "at", "its", "their", "his", "her":
			continue
		}
		ms := c.kb.Actors.Mentions(t.text + " forces")
		if len(ms) == 1 && ms[0].Actor != nil && (!ms[0].Actor.Generic || stateWord) && ms[0].Start == 0 {
			return &actorRef{start: s.start + t.start, end: s.start + t.end, text: t.text, actor: ms[0].Actor}
		}
	}
	return nil
}

// holder returns the actor named after the trigger as the holder of a place
// ("the stronghold of X", "held by X", "X's last bastion" excepted), with at
// most two lowercase words ("the rebel") between the cue and the name.
func (c *Coder) holder(s *sentInfo, toks []tok, h hit) *actorRef {
	for _, m := range c.locateMentions(s, toks) {
		if m.ti < h.te || m.backer || m.ref.actor.Generic {
			continue
		}
		for gap := 0; gap <= 2; gap++ {
			end := m.ti - gap // the cue ends before token end
			if end <= h.te {
				break
			}
			if gap > 0 && toks[end].text != toks[end].lower {
				break
			}
			for _, cue := range c.rules.holderCues {
				st := end - len(cue)
				if st < h.te {
					continue
				}
				if e, ok := phraseAt(toks, st, cue, false); ok && e == end {
					return m.ref
				}
			}
		}
	}
	// "X, a YPG stronghold", "which had been under rebel control", "after
	// IS fighters fled": generic holders ("rebels") count here.
	for _, m := range c.locateMentions(s, toks) {
		if m.backer || isCivilian(m.ref.actor) {
			continue
		}
		// "Jaysh al-Islam's main stronghold": one lowercase word may come
		// between.
		if m.ti >= h.te && m.te < len(toks) && (c.rules.holderAfter[toks[m.te].lower] ||
			m.te+1 < len(toks) && !toks[m.te].punct && toks[m.te].text == toks[m.te].lower && c.rules.holderAfter[toks[m.te+1].lower]) {
			return m.ref
		}
		if m.ti > 1 && toks[m.ti-1].lower == "under" && m.te < len(toks) && c.rules.holderUnder[toks[m.te].lower] {
			// "brought it under SDF control", "now under army control":
			// the new holder, not the loser.
			switch toks[m.ti-2].lower {
			case "now", "brought", "bring", "back", "fell", "came", "placed", "put", "it", "them":
			default:
				return m.ref
			}
		}
		after := m.ti > 0 && toks[m.ti-1].lower == "after" || m.ti > 1 && toks[m.ti-2].lower == "after" && !toks[m.ti-2].punct
		if !after {
			continue
		}
		for j := m.te; j < len(toks) && j <= m.te+2; j++ {
			if c.rules.withdrawals[toks[j].lower] {
				return m.ref
			}
			if toks[j].punct {
				break
			}
		}
	}
	return nil
}

// heldEarlier returns the actor a sentence up to si names as the holder of
// the place at loc ("the IS-held town of Hajin"), else nil.
func (c *Coder) heldEarlier(d *docInfo, si int, loc *geo.Location) *kb.Actor {
	if loc == nil || loc.Precision > 1 {
		return nil
	}
	for k := si; k >= 0 && k >= si-8; k-- {
		s := &d.sents[k]
		if !s.analysed {
			continue
		}
		for _, a := range s.actors {
			if a.actor == nil || a.actor.Generic && isCivilian(a.actor) {
				continue
			}
			rest := d.text[a.end:s.end]
			if !strings.HasPrefix(rest, "-") {
				continue
			}
			w := rest[1:]
			if i := strings.IndexFunc(w, func(r rune) bool { return r == ' ' || r == ',' }); i > 0 {
				w = w[:i]
			}
			if !c.rules.heldWords[strings.ToLower(w)] {
				continue
			}
			for _, l := range s.locs {
				if l.Start >= a.end && l.Start-a.end <= 40 && samePlace(&l, loc) {
					return a.actor
				}
			}
		}
	}
	return nil
}

// samePlace reports whether two locations name the same town.
func samePlace(a, b *geo.Location) bool {
	if a.Place != nil && a.Place == b.Place {
		return true
	}
	return a.Name == b.Name && a.Country == b.Country
}

// foughtWith returns the actor named right after "clashes with", "fighting
// with" or "battles with" in the sentence ("with" after a fight noun or verb,
// at most one word between "with" and the name) when it is not the known
// side; "along with", "together with" name allies and do not count.
func (c *Coder) foughtWith(s *sentInfo, toks []tok, known *kb.Actor) *actorRef {
	for _, m := range c.locateMentions(s, toks) {
		if m.backer || isCivilian(m.ref.actor) || c.root(m.ref.actor) == c.root(known) {
			continue
		}
		for w := m.ti - 1; w >= 1 && w >= m.ti-2; w-- {
			if toks[w].lower != "with" {
				if toks[w].text != toks[w].lower {
					break
				}
				continue
			}
			if c.rules.fightWords[toks[w-1].lemma] || c.rules.fightWords[toks[w-1].lower] {
				return m.ref
			}
			break
		}
	}
	return nil
}

// countryAsPlace reports whether a mention names a country that the
// sentence locates something in: a place preposition before it, with at
// most one lowercase word between ("in eastern Ukraine").
func (c *Coder) countryAsPlace(s *sentInfo, toks []tok, m mention) bool {
	isCountry := false
	for _, l := range s.locs {
		if l.Place != nil && l.Place.Kind == "country" && l.End-s.start >= toks[m.te-1].end && l.Start-s.start <= toks[m.ti].start+len("eastern ") {
			isCountry = true
		}
	}
	if !isCountry {
		return false
	}
	for j := m.ti - 1; j >= 0 && j >= m.ti-2; j-- {
		switch toks[j].lower {
		case "in", "across", "throughout", "inside", "into", "within":
			return true
		}
		if toks[j].text != toks[j].lower {
			return false
		}
	}
	return false
}

// conjoinedGap reports whether tokens from..to hold only a conjunction and
// capitalised modifiers ("and Afghan"), at most four tokens.
func conjoinedGap(toks []tok, from, to int) bool {
	if to < from || to-from > 4 {
		return false
	}
	and := false
	for j := from; j < to; j++ {
		switch w := toks[j]; {
		case w.lower == "and" || w.lower == "," || w.lower == "or":
			and = true
		case w.text != w.lower && !w.punct:
		default:
			return false
		}
	}
	return and
}

// namesOnly reports whether tokens from..to are capitalised words,
// conjunctions or commas.
func namesOnly(toks []tok, from, to int) bool {
	for j := from; j < to; j++ {
		w := toks[j]
		if w.lower != "and" && w.lower != "," && (w.punct || w.text == w.lower) {
			return false
		}
	}
	return true
}
