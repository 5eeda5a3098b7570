package coder

import (
	"math"
	"strings"

	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/kb"
)

// mergeKm is how far apart two tellings of one action may be placed.
const mergeKm = 10

// mergeDrafts folds the same action told twice into one event: same type
// (Battles sub-types fold into the territory one), compatible actors, places
// within mergeKm, same or unknown date.
func mergeDrafts(ds []*draft) []*draft {
	var out []*draft
	for _, d := range ds {
		merged := false
		if tollOnly(d) {
			// "Saba said nine people were killed": another source's toll of
			// the last violent event told, not an event of its own.
			for k := len(out) - 1; k >= 0; k-- {
				if o := out[k]; o.p != nil && o.p.Family == "violence" && !tollOnly(o) {
					absorb(o, d)
					merged = true
					break
				}
			}
			if merged {
				continue
			}
		}
		if d.anaphoric && !d.territory && d.fat != nil {
			// "Seven were killed in the strike": a toll told by reference
			// names the latest action of its own kind, not the first.
			for k := len(out) - 1; k >= 0; k-- {
				if o := out[k]; o.subType == d.subType && sameAction(o, d) {
					absorb(o, d)
					merged = true
					break
				}
			}
			if merged {
				continue
			}
		}
		for _, o := range out {
			if sameAction(o, d) {
				absorb(o, d)
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, d)
		}
	}
	return foldProtests(out)
}

// foldProtests folds a protest into the excessive force used against it
// at the same place and day: ACLED codes one gathering once, by the worst
// that happened to it ("the march had been peaceful when the shooting
// began").
func foldProtests(ds []*draft) []*draft {
	var force []*draft
	for _, d := range ds {
		if d.subType == "Excessive force against protesters" {
			force = append(force, d)
		}
	}
	if len(force) == 0 {
		return ds
	}
	out := ds[:0]
	for _, d := range ds {
		if d.eventType == "Protests" {
			if f := sameGathering(force, d); f != nil {
				absorb(f, d)
				continue
			}
		}
		out = append(out, d)
	}
	return out
}

// sameGathering returns the excessive-force event among fs told of d's
// gathering: same day (or a guessed one) and a place within mergeKm.
func sameGathering(fs []*draft, d *draft) *draft {
	for _, f := range fs {
		if f.date != "" && d.date != "" && f.date != d.date && !f.dateGuess && !d.dateGuess {
			continue
		}
		if f.loc == nil || d.loc == nil {
			if f.loc == d.loc || d.locFallback > 0 {
				return f
			}
			continue
		}
		if orbgeo.Distance(orb.Point{f.loc.Lon, f.loc.Lat}, orb.Point{d.loc.Lon, d.loc.Lat}) <= mergeKm*1000 {
			return f
		}
	}
	return nil
}

func sameAction(a, b *draft) bool {
	if a.eventType != b.eventType {
		return false
	}
	// "Took Tabqa and the nearby dam": two places, two events.
	if a.siblings > 0 && a.siblings == b.siblings {
		return false
	}
	// "The deal", "the capture": told again by reference.
	if a.anaphoric || b.anaphoric {
		// ... unless both name their own places far apart: "the rally in
		// Zawiya" is not the Benghazi protest told before.
		return !ownPlacesApart(a, b)
	}
	if a.subType != b.subType && a.eventType != "Battles" {
		return false
	}
	// The same group under two names (the Nusra Front, later HTS) is one
	// side.
	if !sameSide(a.a1Name, b.a1Name, a.a1Root, b.a1Root) || !sameSide(a.a2Name, b.a2Name, a.a2Root, b.a2Root) {
		return false
	}
	if a.a1Name == "" && b.a1Name == "" && a.a2Name == "" && b.a2Name == "" && a.subType != b.subType {
		return false
	}
	if a.date != "" && b.date != "" && a.date != b.date && !a.dateGuess && !b.dateGuess {
		return false
	}
	// Merging must not make one side fight itself.
	a1, a2 := a.a1Name, a.a2Name
	if a1 == "" {
		a1 = b.a1Name
	}
	if a2 == "" {
		a2 = b.a2Name
	}
	if a1 != "" && a1 == a2 {
		return false
	}
	// An event placed only by a guess (no place in its own sentence) is the
	// same as an earlier one of its kind sharing an actor.
	if (a.locFallback > 0 || b.locFallback > 0) && a.subType == b.subType && (sharesActor(a, b) || noActors(a) || noActors(b)) {
		return true
	}
	switch {
	case a.loc == nil && b.loc == nil:
		return true
	case a.loc == nil || b.loc == nil:
		return false
	}
	if a.loc.Place != nil && b.loc.Place != nil && a.loc.Place.ID == b.loc.Place.ID && a.loc.Name == b.loc.Name {
		return true
	}
	limit := float64(mergeKm)
	if a.subType == b.subType && a.loc.Precision >= 2 && b.loc.Precision >= 2 {
		// Vague places (a region, "near X") of one action told twice.
		limit = 25
		if a.loc.Precision >= 3 || b.loc.Precision >= 3 {
			limit = 150
		}
	}
	return orbgeo.Distance(orb.Point{a.loc.Lon, a.loc.Lat}, orb.Point{b.loc.Lon, b.loc.Lat}) <= limit*1000
}

// bothSides gives a clash told with "both sides" ("fighters from both
// sides were killed") the two sides of the last two-sided battle before it.
func (c *Coder) bothSides(d *docInfo, ds []*draft) {
	var last *draft
	for _, e := range ds {
		if e.eventType != "Battles" {
			continue
		}
		if e.a1 != nil && e.a2 != nil {
			last = e
			continue
		}
		if last == nil || !strings.Contains(strings.ToLower(d.sents[e.sents[0]].text), "both sides") {
			continue
		}
		if e.a1 != nil && e.a1Name != last.a1Name && e.a1Name != last.a2Name {
			continue
		}
		e.a1, e.a1Name, e.a2, e.a2Name = last.a1, last.a1Name, last.a2, last.a2Name
	}
}

// tollOnly reports whether a draft is a bare death toll: a killing with no
// agent, no place or time of its own, only a count of the dead.
func tollOnly(d *draft) bool {
	return d.p != nil && d.p.VictimNeeded && d.a1Name == "" && d.locFallback > 0 && d.dateGuess && d.fat != nil
}

func noActors(d *draft) bool { return d.a1Name == "" && d.a2Name == "" }

func sharesActor(a, b *draft) bool {
	return a.a1Name != "" && a.a1Name == b.a1Name || a.a2Name != "" && a.a2Name == b.a2Name
}

// sameSide reports whether two actor slots may hold the same side: either
// is empty, or the names or their roots agree.
func sameSide(x, y, rx, ry string) bool {
	return compatibleActor(x, y) || rx != "" && rx == ry
}

func compatibleActor(x, y string) bool { return x == "" || y == "" || x == y }

// absorb merges b into a: sources united, missing fields filled, a territory
// reading preferred, disagreeing tolls kept at the lowest and contested.
func absorb(a, b *draft) {
	a.sents = append(a.sents, b.sents...)
	if a.subType != b.subType && b.territory && !a.territory {
		a.subType, a.territory, a.cameo, a.p = b.subType, true, b.cameo, b.p
	}
	if a.a1Name == "" && b.a1Name != "" {
		a.a1, a.a1Name = b.a1, b.a1Name
	}
	if a.a2Name == "" && b.a2Name != "" {
		a.a2, a.a2Name = b.a2, b.a2Name
	}
	for _, x := range b.assoc1 {
		a.assoc1 = appendNew(a.assoc1, x)
	}
	for _, x := range b.assoc2 {
		a.assoc2 = appendNew(a.assoc2, x)
	}
	isCountry := func(d *draft) bool { return d.loc != nil && d.loc.Place != nil && d.loc.Place.Kind == "country" }
	if (a.loc == nil || a.locFallback > b.locFallback || a.loc.Precision > b.loc.Precision || isCountry(a) && !isCountry(b)) && b.loc != nil {
		a.loc, a.locFallback = b.loc, b.locFallback
	}
	if b.date != "" && (a.date == "" || a.dateGuess && !b.dateGuess || a.dateGuess == b.dateGuess && a.timePrec > b.timePrec) {
		a.date, a.timePrec, a.dateGuess = b.date, b.timePrec, b.dateGuess
	}
	switch {
	case a.fat == nil:
		a.fat, a.fatLow, a.fatHigh = b.fat, b.fatLow, b.fatHigh
	case b.fat != nil && *b.fat != *a.fat:
		if *b.fat < *a.fat {
			a.fat = b.fat
		}
		a.contested = true
	}
	if a.area == nil {
		a.area = b.area
	}
	if a.claimed == "" {
		a.claimed = b.claimed
	}
	a.contested = a.contested || b.contested
	a.civilianTarget = a.civilianTarget || b.civilianTarget
	a.strength = math.Max(a.strength, b.strength)
	a.actorQuality = math.Max(a.actorQuality, b.actorQuality)
	for _, n := range b.notes {
		if !containsStr(a.notes, n) {
			a.notes = append(a.notes, n)
		}
	}
}

func containsStr(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// finish turns a draft into the output event.
func (c *Coder) finish(d *docInfo, e *draft) sitrep.Event {
	ev := sitrep.Event{
		DocID:             d.doc.ID,
		EventType:         e.eventType,
		SubEventType:      e.subType,
		CAMEO:             e.cameo,
		PLOVER:            e.plover,
		Actor1:            e.a1Name,
		Actor2:            e.a2Name,
		AssocActor1:       nonNil(e.assoc1),
		AssocActor2:       nonNil(e.assoc2),
		CivilianTargeting: e.civilianTarget,
		EventDate:         e.date,
		TimePrecision:     e.timePrec,
		Fatalities:        e.fat,
		FatalitiesLow:     e.fatLow,
		FatalitiesHigh:    e.fatHigh,
		AreaKm2:           e.area,
		ClaimedBy:         e.claimed,
		Contested:         e.contested,
		CoderVersion:      sitrep.Version,
		KBVersion:         c.kb.Version,
	}
	if e.a1 != nil {
		ev.Inter1 = e.a1.Inter
	}
	if ev.Actor1 == "" && c.rules.unknownActor != "" && containsStr(c.rules.unknownTypes, ev.EventType) {
		// Violence always has a perpetrator; the text does not name it.
		ev.Actor1, ev.Inter1 = c.rules.unknownActor, c.rules.unknownInter
	}
	if ev.Actor2 != "" && ev.Actor2 == ev.Actor1 {
		// One side cannot be both: the second naming is the same group.
		ev.Actor2, e.a2, e.a2Name = "", nil, ""
	}
	if e.a2 != nil {
		ev.Inter2 = e.a2.Inter
	}
	ev.Interaction = interaction(ev.Inter1, ev.Inter2)
	if e.loc != nil {
		lat, lon := round(e.loc.Lat, 4), round(e.loc.Lon, 4)
		ev.Latitude, ev.Longitude = &lat, &lon
		ev.Location = e.loc.Name
		ev.Admin1 = e.loc.Admin1
		ev.Country = e.loc.Country
		ev.GeoPrecision = e.loc.Precision
		// A place carried over from an earlier sentence or the dateline is
		// still that place: its own precision, the doubt in confidence;
		// unless the sentence names somewhere we could not find.
		if e.locFallback > 0 && e.unresolvedPlace && ev.GeoPrecision < 2 {
			ev.GeoPrecision = 2
		}
		if ev.GeoPrecision == 0 {
			ev.GeoPrecision = 1
		}
	} else {
		ev.GeoPrecision = 3
	}
	if e.territory {
		c.territory(&ev, e)
	}
	ev.Confidence = confidence(e)
	if len(e.notes) > 0 {
		ev.Notes = strings.Join(e.notes, "; ")
	}
	seen := map[int]bool{}
	for _, si := range e.sents {
		if seen[si] {
			continue
		}
		seen[si] = true
		s := &d.sents[si]
		src := sitrep.Source{Doc: d.doc.Name, URL: d.doc.URL, Outlet: d.doc.Outlet, Sentence: s.text, Start: s.start, End: s.end}
		if d.doc.HasDate() {
			src.Published = d.doc.Published.Format("2006-01-02")
		}
		ev.Sources = append(ev.Sources, src)
	}
	return ev
}

// territory sets the capture's sub-type by the guidelines' rule (a state's
// own forces on its own soil regain territory; anyone else overtakes it)
// and its from/to actors.
func (c *Coder) territory(ev *sitrep.Event, e *draft) {
	ev.ToActor, ev.FromActor = e.a1Name, e.a2Name
	ev.SubEventType = "Non-state actor overtakes territory"
	if e.a1 == nil {
		return
	}
	a := e.a1
	if c.kb.Actors != nil && a.Key != "" {
		if r := c.kb.Actors.Get(c.kb.Actors.Root(a.Key)); r != nil && r.Inter == 1 {
			a = r
		}
	}
	if a.Inter != 1 {
		return
	}
	if ev.Country == "" || a.Country == "" || kb.CountryISO3(a.Country) == ev.Country {
		ev.SubEventType = "Government regains territory"
	}
}

// interaction is ACLED's interaction code: 10*min+max of the two inter
// codes, or 10*inter for a single actor.
func interaction(i1, i2 int) int {
	switch {
	case i1 == 0 && i2 == 0:
		return 0
	case i1 == 0:
		return i2 * 10
	case i2 == 0:
		return i1 * 10
	case i1 < i2:
		return 10*i1 + i2
	default:
		return 10*i2 + i1
	}
}

func confidence(e *draft) float64 {
	c := e.strength
	if e.actorQuality > 0 {
		c *= e.actorQuality
	}
	switch e.locFallback {
	case 1:
		c *= 0.85
	case 2:
		c *= 0.7
	case 3:
		c *= 0.5
	}
	if len(e.sents) > 1 {
		c = math.Min(1, c*1.1)
	}
	return round(c, 2)
}

func round(x float64, n int) float64 {
	p := math.Pow(10, float64(n))
	return math.Round(x*p) / p
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// anaphorKm is how far apart two events' own places may lie for a reference
// ("the rally", "the attack") to tie them.
const anaphorKm = 50

// ownPlacesApart reports whether both events were placed by their own
// sentences, more than anaphorKm apart.
func ownPlacesApart(a, b *draft) bool {
	if a.loc == nil || b.loc == nil || a.locFallback > 0 || b.locFallback > 0 {
		return false
	}
	return orbgeo.Distance(orb.Point{a.loc.Lon, a.loc.Lat}, orb.Point{b.loc.Lon, b.loc.Lat}) > anaphorKm*1000
}
