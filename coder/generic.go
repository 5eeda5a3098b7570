package coder

import (
	"strings"

	"github.com/sitrep/sitrep/kb"
)

// specify replaces a generic description among an event's actors by the
// actor it stands for in this document: "government forces" or "the army"
// are the state forces of the country where the event happened, and "the
// militants" are the one jihadist group the document names. A description
// the document does not pin down stays as it is.
func (c *Coder) specify(d *docInfo, e *draft) {
	if c.kb.Actors == nil {
		return
	}
	e.a1, e.a1Name = c.specific(d, e, e.a1, e.a1Name, e.a1Text)
	e.a2, e.a2Name = c.specific(d, e, e.a2, e.a2Name, e.a2Text)
}

func (c *Coder) specific(d *docInfo, e *draft, a *kb.Actor, name, mention string) (*kb.Actor, string) {
	if a == nil || a.Key == "" {
		return a, name
	}
	key := strings.ToLower(a.Key)
	if a.Inter == 1 && a.Country != "" && describes(mention, e.mentionAt(a) == e.sentStart) {
		// A description of a state's forces ("the regime", "regime forces")
		// is the state of the event's country, not always Syria's.
		if ec := eventCountry(d, e); ec != "" && ec != a.Country {
			if sf := c.kb.Actors.StateForces(ec); sf != nil {
				return sf, sf.Name
			}
		}
		return a, name
	}
	if a.Generic && a.Country != "" {
		// "Rebels" in a story from the Central African Republic are not
		// Syrian rebels.
		if ec := eventCountry(d, e); ec != "" && ec != a.Country {
			if n := c.rules.elsewhereName[a.Key]; n != "" {
				return &kb.Actor{Name: n, Inter: a.Inter, Generic: true}, n
			}
		}
		return a, name
	}
	if a.Key == c.rules.coalitionKey && bareCoalition(mention) {
		// "The coalition" in Yemen is the Saudi-led one.
		if k := c.rules.localCoalitions[eventCountry(d, e)]; k != "" {
			if l := c.kb.Actors.Get(k); l != nil {
				return l, l.Name
			}
		}
		return a, name
	}
	switch {
	case c.rules.stateDescriptors[key]:
		if sf := c.kb.Actors.StateForces(eventCountry(d, e)); sf != nil {
			return sf, sf.Name
		}
	case c.rules.groupDescriptors[key]:
		if !containsAny(strings.ToLower(mention), c.rules.groupWords) {
			return a, name
		}
		if g := c.namedGroup(d); g != nil && d.groupAt < e.mentionAt(a) && (g.Country == "" || e.locFallback == 0 && g.Country == eventCountry(d, e)) {
			return g, g.Name
		}
	}
	return a, name
}

// eventCountry is the ISO2 code of the country of an event's place, else of
// the document's dominant place; "" when neither is known.
func eventCountry(d *docInfo, e *draft) string {
	if e.loc != nil && e.loc.Place != nil && e.loc.Place.Country != "" {
		return e.loc.Place.Country
	}
	if d.dominant != nil && d.dominant.Place != nil {
		return d.dominant.Place.Country
	}
	return ""
}

// namedGroup returns the one listed armed group (by root) the document
// names, or nil when it names none or several; d.groupAt is where it is
// first named. A description refers to it only after that point, and only
// where the group fights (its country, when it has one): "militants" in a
// Pakistani story are not the Afghan Taliban named in passing.
func (c *Coder) namedGroup(d *docInfo) *kb.Actor {
	if d.groupDone {
		return d.group
	}
	d.groupDone = true
	var root string
	for _, r := range d.actors {
		if r.actor == nil || r.actor.Key == "" || r.actor.Generic {
			continue
		}
		rk := c.kb.Actors.Root(r.actor.Key)
		if rk == "" {
			rk = r.actor.Key
		}
		if !c.rules.namedGroups[strings.ToLower(rk)] {
			continue
		}
		if root != "" && root != rk {
			return nil
		}
		if root == "" {
			d.groupAt = r.start
		}
		root = rk
	}
	if root != "" {
		d.group = c.kb.Actors.Get(root)
	}
	return d.group
}

func containsAny(s string, ws []string) bool {
	for _, w := range ws {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// bareCoalition reports whether a mention names a coalition without saying
// whose: "the coalition", "coalition warplanes".
func bareCoalition(mention string) bool {
	m := strings.ToLower(mention)
	m = strings.TrimPrefix(m, "the ")
	return strings.HasPrefix(m, "coalition")
}

// mentionAt is the document offset of the mention naming actor a in the
// draft's first sentence, or the sentence's start when unknown.
func (e *draft) mentionAt(a *kb.Actor) int {
	if a == e.a1 && e.a1At > 0 {
		return e.a1At
	}
	if a == e.a2 && e.a2At > 0 {
		return e.a2At
	}
	return e.sentStart
}

// describes reports whether a mention is a description rather than a name:
// lowercase, or lowercase but for the capital that begins the sentence
// ("Regime forces", "the army").
func describes(mention string, sentenceStart bool) bool {
	if mention == "" {
		return false
	}
	if mention == strings.ToLower(mention) {
		return true
	}
	// A capital only where the sentence begins: "Regime forces", but not
	// a demonym ("Iraqi forces") or a name ("Assad").
	rest := mention[1:]
	return sentenceStart && rest == strings.ToLower(rest)
}
