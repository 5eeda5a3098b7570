package geo

import (
	"math"
	"sort"
	"strings"

	"github.com/sitrep/sitrep/kb"
)

// pick is a gazetteer mention with the place chosen for it.
type pick struct {
	m          kb.PlaceMention
	place      *kb.Place
	inDateline bool
}

// Weights of the evidence added to a candidate's own prior score.
const (
	focusWeight     = 0.6  // × the candidate country's share of the focus
	proximityWeight = 0.3  // × closeness to the document's other places
	proximityKm     = 150  // e-folding distance of closeness
	areaPenalty     = 0.2  // provinces and regions lose to a same-named town
	countryBonus    = 0.5  // a country's name means the country ("China", not a village called China)
	populationBonus = 0.05 // × log10 population: Washington DC before a Washington near New York
	// minSpelling is the least spelling closeness (the gazetteer's Lookup
	// score over the place's prior: 0.4 per edit between the written name
	// and the matched alias) of a candidate: below it the name only sounds
	// like the place ("Putin", "Badia" matched by phonetic keys alone).
	minSpelling = 0.3
)

// disambiguate chooses a place for every mention in two passes: the first
// by prior and country focus, the second adding closeness to the places the
// first pass chose for the other names.
func (r *Resolver) disambiguate(v tokenView, ms []kb.PlaceMention, dateline string, datelines [][2]int) ([]pick, map[string]float64) {
	ms, exact := r.spellChecked(ms)
	ms = r.plausibleOnly(v, ms, exact, r.strongCountries(ms, dateline, datelines))
	picks := make([]pick, len(ms))
	focus := r.focus(ms, dateline, datelines, picks)
	for i := range ms {
		picks[i].m = ms[i]
		picks[i].place = best(ms[i].Candidates, focus, nil)
	}
	// Second pass, only for names with candidates far apart; one anchor per
	// distinct place, one decision per distinct name.
	var anchors []anchor
	seen := make(map[*kb.Place]bool, len(picks))
	keys := make(map[string]string, len(picks))
	key := func(s string) string {
		k, ok := keys[s]
		if !ok {
			k = kb.Normalize(s)
			keys[s] = k
		}
		return k
	}
	for _, p := range picks {
		if p.place != nil && !isArea(p.place.Kind) && !seen[p.place] {
			seen[p.place] = true
			anchors = append(anchors, anchor{p.place.Lat, p.place.Lon, key(p.m.Text)})
		}
	}
	decided := make(map[string]*kb.Place)
	var near []anchor
	for i := range picks {
		if len(ms[i].Candidates) < 2 || spread(ms[i].Candidates) < 30 {
			continue
		}
		own := key(ms[i].Text)
		if p, ok := decided[own]; ok {
			picks[i].place = p
			continue
		}
		near = near[:0]
		for _, a := range anchors {
			if a.key != own {
				near = append(near, a)
			}
		}
		picks[i].place = best(ms[i].Candidates, focus, near)
		decided[own] = picks[i].place
	}
	r.anchored(v, picks)
	return picks, focus
}

// anchorKm is how far from its relative anchor ("X, east of Y") a
// candidate may lie and still be chosen for being nearest it.
const anchorKm = 50

// anchored chooses, for a name followed by a relative anchor ("Saida, east
// of Daraa city", "X, 10 km west of Y"), the candidate nearest the anchor's
// place when one lies within anchorKm, over a better-known homonym abroad.
func (r *Resolver) anchored(v tokenView, picks []pick) {
	for i := range picks {
		if i+1 >= len(picks) || len(picks[i].m.Candidates) < 2 || picks[i+1].place == nil {
			continue
		}
		k := sort.Search(len(v), func(j int) bool { return v[j].start >= picks[i].m.End })
		if k >= len(v) || v[k].low != "," {
			continue
		}
		k++
		// "about 10 km", "some 5 miles".
		isDir := func(w string) bool { _, ok := r.cues.c.Directions[w]; return ok }
		for n := 0; n < 4 && k < len(v) && !isDir(v[k].low) && v[k].low != "of"; n++ {
			k++
		}
		if k+1 >= len(v) || !isDir(v[k].low) || v[k+1].low != "of" {
			continue
		}
		k += 2
		if k < len(v) && v[k].low == "the" {
			k++
		}
		if k >= len(v) || picks[i+1].m.Start != v[k].start {
			continue
		}
		a := picks[i+1].place
		var bp *kb.Place
		bd := math.Inf(1)
		for _, c := range picks[i].m.Candidates {
			if c.Place == nil || isArea(c.Place.Kind) {
				continue
			}
			if d := Distance(c.Place.Lat, c.Place.Lon, a.Lat, a.Lon); d < bd {
				bd, bp = d, c.Place
			}
		}
		if bp != nil && bd <= anchorKm {
			picks[i].place = bp
		}
	}
}

// hasSettlement reports whether a candidate of the country is not an area.
func hasSettlement(cs []kb.Candidate, country string) bool {
	for _, c := range cs {
		if c.Place != nil && c.Place.Country == country && !isArea(c.Place.Kind) {
			return true
		}
	}
	return false
}

type anchor struct {
	lat, lon float64
	key      string
}

// isArea reports kinds too large to pull other places towards them.
func isArea(kind string) bool {
	switch kind {
	case "country", "province", "region", "desert", "river", "valley":
		return true
	}
	return false
}

// spread is the largest distance in km between a mention's first candidate
// and the others: small spreads are one place listed twice.
func spread(cs []kb.Candidate) float64 {
	var m float64
	p0 := cs[0].Place
	for _, c := range cs[1:] {
		if c.Place == nil || p0 == nil {
			continue
		}
		if p0.Country != c.Place.Country {
			return math.Inf(1)
		}
		if d := Distance(p0.Lat, p0.Lon, c.Place.Lat, c.Place.Lon); d > m {
			m = d
		}
	}
	return m
}

// best returns the candidate with the highest combined score.
func best(cs []kb.Candidate, focus map[string]float64, near []anchor) *kb.Place {
	var bp *kb.Place
	bs := math.Inf(-1)
	for _, c := range cs {
		if c.Place == nil {
			continue
		}
		s := c.Score + focusWeight*focus[c.Place.Country] + populationBonus*math.Log10(float64(c.Place.Population)+1)
		if c.Place.Kind == "country" {
			s += countryBonus
		}
		if isArea(c.Place.Kind) && c.Place.Kind != "country" && hasSettlement(cs, c.Place.Country) {
			// A bare name shared by a town and its province means the
			// town; "X province" is read by expand.
			s -= areaPenalty
		}
		if len(near) > 0 {
			dmin := math.Inf(1)
			for _, a := range near {
				dmin = math.Min(dmin, Distance(c.Place.Lat, c.Place.Lon, a.lat, a.lon))
			}
			s += proximityWeight * math.Exp(-dmin/proximityKm)
		}
		if s > bs {
			bs, bp = s, c.Place
		}
	}
	return bp
}

// focus weighs the countries the document is about, normalised so that
// the strongest is 1: each distinct name counts once. It also marks the mentions inside datelines.
func (r *Resolver) focus(ms []kb.PlaceMention, dateline string, datelines [][2]int, picks []pick) map[string]float64 {
	w := r.cues.c.Focus
	f := make(map[string]float64, 8)
	for c, v := range w.Theatre {
		f[c] += v
	}
	if dateline != "" {
		name := dateline
		if i := strings.IndexByte(name, ','); i >= 0 {
			name = name[:i]
		}
		if cs := r.g.Lookup(strings.TrimSpace(name)); len(cs) > 0 && cs[0].Place != nil {
			f[cs[0].Place.Country] += w.Dateline
		}
	}
	counted := make(map[string]bool, len(ms))
	for i, m := range ms {
		if len(m.Candidates) == 0 || m.Candidates[0].Place == nil {
			continue
		}
		for _, d := range datelines {
			if m.Start >= d[0] && m.End <= d[1] {
				picks[i].inDateline = true
			}
		}
		if picks[i].inDateline {
			if dateline == "" {
				f[m.Candidates[0].Place.Country] += w.Dateline
			}
			continue
		}
		// Each name counts once: a capital repeated as a metonym
		// ("Washington said") must not outweigh the places of the story.
		key := strings.ToLower(stripPossessive(m.Text))
		if counted[key] {
			continue
		}
		counted[key] = true
		country := m.Candidates[0].Place.Country
		one := true
		for _, c := range m.Candidates[1:] {
			if c.Place != nil && c.Place.Country != country {
				one = false
				break
			}
		}
		switch {
		case m.Candidates[0].Place.Kind == "country":
			f[country] += w.CountryNamed
		case one:
			f[country] += w.Unambiguous
		}
	}
	var max float64
	for _, v := range f {
		max = math.Max(max, v)
	}
	if max > 0 {
		for c := range f {
			f[c] /= max
		}
	}
	return f
}

// spellChecked re-ranks each mention's candidates by the gazetteer's Lookup,
// which weighs the closeness of the spelling to the alias matched, keeps
// the candidates spelled closely enough and drops mentions left with none.
// Mentions whose text Lookup does not know keep their candidates. It also
// returns, per mention text, the candidates spelled exactly like an alias.
func (r *Resolver) spellChecked(ms []kb.PlaceMention) ([]kb.PlaceMention, map[string]map[*kb.Place]bool) {
	type result struct {
		cs    []kb.Candidate
		exact map[*kb.Place]bool
		drop  bool
	}
	cache := make(map[string]*result, len(ms))
	exact := make(map[string]map[*kb.Place]bool, len(ms))
	out := ms[:0:0]
	for _, m := range ms {
		res, ok := cache[m.Text]
		if !ok {
			res = &result{exact: map[*kb.Place]bool{}}
			cache[m.Text] = res
			exact[m.Text] = res.exact
			prior := make(map[*kb.Place]float64, len(m.Candidates))
			for _, c := range m.Candidates {
				prior[c.Place] = c.Score
			}
			var looked []kb.Candidate
			known := false
			if ra, ok := r.g.(restrictedLookup); ok {
				// Only the mention's candidates are wanted: spare the
				// spelling comparison of every other place of the name.
				looked, known = ra.LookupAmong(stripPossessive(m.Text), m.Candidates)
			} else {
				looked = r.g.Lookup(stripPossessive(m.Text))
				known = len(looked) > 0
			}
			for _, c := range looked {
				p, ok := prior[c.Place]
				if !ok {
					continue
				}
				spell := 1.0
				if p > 0 {
					spell = c.Score / p
				}
				if spell < minSpelling {
					continue
				}
				res.exact[c.Place] = spell > 0.999
				res.cs = append(res.cs, kb.Candidate{Place: c.Place, Score: p})
			}
			res.drop = known && len(res.cs) == 0
		}
		if res.drop {
			continue
		}
		if res.cs != nil {
			m.Candidates = res.cs
		}
		out = append(out, m)
	}
	return out, exact
}

// evidence says which countries a document gives direct evidence for:
// sure are the theatre and the dateline's, named the countries it names.
type evidence struct{ sure, named map[string]bool }

func (r *Resolver) strongCountries(ms []kb.PlaceMention, dateline string, datelines [][2]int) evidence {
	e := evidence{sure: make(map[string]bool, 4), named: make(map[string]bool, 8)}
	for c := range r.cues.c.Focus.Theatre {
		e.sure[c] = true
	}
	if dateline != "" {
		name := dateline
		if i := strings.IndexByte(name, ','); i >= 0 {
			name = name[:i]
		}
		if cs := r.g.Lookup(strings.TrimSpace(name)); len(cs) > 0 && cs[0].Place != nil {
			e.sure[cs[0].Place.Country] = true
		}
	}
	for _, m := range ms {
		if len(m.Candidates) == 0 || m.Candidates[0].Place == nil {
			continue
		}
		if m.Candidates[0].Place.Kind == "country" {
			e.named[m.Candidates[0].Place.Country] = true
			continue
		}
		for _, d := range datelines {
			if m.Start >= d[0] && m.End <= d[1] {
				e.sure[m.Candidates[0].Place.Country] = true
			}
		}
	}
	return e
}

// Plausibility of a place outside the theatre and the dateline's country.
const (
	plausiblePopulation = 100000 // an exactly spelled place this big may be meant anywhere
	namedPopulation     = 3000   // a place this big may be meant in a country the document names
	corroborationKm     = 150    // another place named this close corroborates it
)

// plausibleOnly drops the candidates that are likely a person's name or a
// common word colliding with a far-away place ("Ryan", "Magazine",
// "Canadian"). A candidate stays when it is a country, curated, in the
// theatre or the dateline's country; in a country the document names when
// it is a town of some size or an area; anywhere when it is spelled exactly
// and populous; or when another place the document names lies close to it;
// or when the words before it say it is a place ("the village of X", "near
// X"). Mentions of demonyms and those left with no candidate are dropped.
func (r *Resolver) plausibleOnly(v tokenView, ms []kb.PlaceMention, exact map[string]map[*kb.Place]bool, e evidence) []kb.PlaceMention {
	type point struct {
		lat, lon float64
		place    *kb.Place
	}
	byCountry := make(map[string][]point)
	for _, m := range ms {
		for _, c := range m.Candidates {
			if c.Place != nil && !e.sure[c.Place.Country] && !isArea(c.Place.Kind) {
				byCountry[c.Place.Country] = append(byCountry[c.Place.Country], point{c.Place.Lat, c.Place.Lon, c.Place})
			}
		}
	}
	ok := func(m kb.PlaceMention, p *kb.Place) bool {
		if e.sure[p.Country] || p.Kind == "country" || strings.HasPrefix(p.ID, "cur:") || strings.HasPrefix(p.ID, "user:") {
			return true
		}
		if e.named[p.Country] && (p.Population >= namedPopulation || isArea(p.Kind)) {
			return true
		}
		if exact[m.Text][p] && p.Population >= plausiblePopulation {
			return true
		}
		for _, q := range byCountry[p.Country] {
			if q.place != p && Distance(p.Lat, p.Lon, q.lat, q.lon) <= corroborationKm {
				return true
			}
		}
		return false
	}
	out := ms[:0]
	for _, m := range ms {
		if _, ok := r.cues.c.Demonyms[strings.ToLower(stripPossessive(m.Text))]; ok {
			continue
		}
		// "the village of X", "near X", "20 km south of X": the text says
		// X is a place, so any candidate will do.
		k := tokenAt(v, m.Start)
		cued := r.parseLeft(v, k).kind != relNone || v.low(k-1) == "of" && r.cues.descriptors[v.low(k-2)]
		kept := m.Candidates[:0:0]
		for _, c := range m.Candidates {
			if c.Place != nil && (cued || ok(m, c.Place)) {
				kept = append(kept, c)
			}
		}
		if len(kept) == 0 {
			continue
		}
		m.Candidates = kept
		out = append(out, m)
	}
	return out
}

// stripPossessive removes a trailing "'s" or "’s".
func stripPossessive(s string) string {
	for _, p := range []string{"'s", "’s"} {
		if strings.HasSuffix(s, p) {
			return s[:len(s)-len(p)]
		}
	}
	return s
}
