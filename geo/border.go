package geo

import (
	"sort"
	"strings"

	"github.com/sitrep/sitrep/kb"
)

// borders finds border expressions ("near the Jordanian border", "the
// Syrian-Iraqi border", "the border with Jordan") and locates each halfway
// between the two countries' centres, on the side of the document's focus
// country, with precision 3.
func (r *Resolver) borders(text string, v tokenView, locs []located, focus map[string]float64) []located {
	cc := r.cues
	if len(cc.borderWords) == 0 {
		return nil
	}
	var out []located
	li := 0
	for i := 0; i < len(v); i++ {
		if v.low(i) != "the" {
			continue
		}
		for li < len(locs) && locs[li].End <= v[i].start {
			li++
		}
		var sides []*kb.Place
		j := i + 1
		end := -1
		with := false
		if last, ok := r.borderWord(v, j); ok {
			// "the border with Jordan", "the border between Syria and Iraq".
			if w := v.low(last + 1); w == "with" || w == "between" {
				with = w == "with"
				k := last + 2
				for n := 0; n < 2; n++ {
					p, e := countryAt(v, k, locs[li:])
					if p == nil {
						break
					}
					sides = append(sides, p)
					end = v[e].end
					k = e + 1
					if v.low(k) != "and" {
						break
					}
					k++
				}
			}
		} else {
			// Read the sides only when a border word follows them.
			e := j
			if _, ce := countryAt(v, j, locs[li:]); ce > j {
				e = ce
			}
			if last, ok := r.borderWord(v, e+1); ok {
				if sides, _ = r.borderSides(v, j, locs[li:]); len(sides) > 0 {
					end = v[last].end
				}
			}
		}
		if len(sides) == 0 || end < 0 {
			continue
		}
		start := v[i].start
		for _, p := range cc.borderProximity {
			if s, ok := v.matchBack(p, i-1); ok {
				start = v[s].start
				break
			}
		}
		if l, ok := r.borderLocation(text[start:end], text[v[i+1].start:end], sides, with, locs, focus); ok {
			l.Start, l.End = start, end
			out = append(out, l)
		}
	}
	return out
}

// borderWord matches a border word at token i.
func (r *Resolver) borderWord(v tokenView, i int) (int, bool) {
	for _, p := range r.cues.borderWords {
		if last, ok := v.matchFwd(p, i); ok {
			return last, true
		}
	}
	return i, false
}

// borderSides reads the countries before a border word: a demonym
// ("Jordanian"), a pair ("Syrian-Iraqi", "Iraq-Syria") or a country name
// the gazetteer found. It returns them and the last token read.
func (r *Resolver) borderSides(v tokenView, i int, locs []located) ([]*kb.Place, int) {
	if p, e := countryAt(v, i, locs); p != nil {
		return []*kb.Place{p}, e
	}
	if i >= len(v) || !v[i].upper {
		return nil, i
	}
	var sides []*kb.Place
	for _, part := range strings.Split(v.low(i), "-") {
		p := r.country(part)
		if p == nil {
			return nil, i
		}
		sides = append(sides, p)
	}
	return sides, i
}

// country finds the country a demonym or a country name stands for.
func (r *Resolver) country(word string) *kb.Place {
	if p, ok := r.countries.byWord[word]; ok {
		return p
	}
	for _, c := range r.g.Lookup(word) {
		if c.Place != nil && c.Place.Kind == "country" {
			return c.Place
		}
	}
	return nil
}

// countryIndex holds the countries and capitals the cue data names,
// resolved once against the gazetteer.
type countryIndex struct {
	byWord   map[string]*kb.Place // demonym or lowercase country name -> country
	byISO    map[string]*kb.Place // ISO2 -> country
	capitals map[string]*kb.Place // ISO2 -> capital city
}

func newCountryIndex(g placeIndex, c *Cues) countryIndex {
	ci := countryIndex{byWord: map[string]*kb.Place{}, byISO: map[string]*kb.Place{}, capitals: map[string]*kb.Place{}}
	if g == nil {
		return ci
	}
	find := func(name string) *kb.Place {
		for _, c := range g.Lookup(name) {
			if c.Place != nil && c.Place.Kind == "country" {
				return c.Place
			}
		}
		return nil
	}
	add := func(word, name string) *kb.Place {
		p := find(name)
		if p != nil {
			ci.byWord[strings.ToLower(word)] = p
			ci.byWord[strings.ToLower(name)] = p
			if ci.byISO[p.Country] == nil {
				ci.byISO[p.Country] = p
			}
		}
		return p
	}
	for d, name := range c.Demonyms {
		add(d, name)
	}
	for name, capital := range c.Capitals {
		p := add(name, name)
		if p == nil {
			continue
		}
		for _, cand := range g.Lookup(capital) {
			if q := cand.Place; q != nil && q.Country == p.Country && (q.Kind == "city" || q.Kind == "town") {
				ci.capitals[p.Country] = q
				break
			}
		}
	}
	return ci
}

// countryAt returns the country location starting at token i, if any, and
// its last token.
func countryAt(v tokenView, i int, locs []located) (*kb.Place, int) {
	if i >= len(v) {
		return nil, i
	}
	k := sort.Search(len(locs), func(k int) bool { return locs[k].Start >= v[i].start })
	if k < len(locs) {
		if l := &locs[k]; l.Start == v[i].start && l.Place != nil && l.Place.Kind == "country" && l.rel == relNone {
			return l.Place, tokenAt(v, l.End) - 1
		}
	}
	return nil, i
}

// borderLocation places a border between the sides named. With one side,
// or after "with" ("the borders with Iraq and Jordan"), the other side is
// the document's strongest focus country and the point is the mean of the
// midpoints between it and each neighbour.
func (r *Resolver) borderLocation(name, phrase string, sides []*kb.Place, with bool, locs []located, focus map[string]float64) (located, bool) {
	var home *kb.Place
	var lat, lon float64
	if len(sides) == 1 || with {
		not := make(map[string]bool, len(sides))
		for _, s := range sides {
			not[s.Country] = true
		}
		iso := topFocus(focus, not)
		if iso == "" {
			return located{}, false
		}
		if home = r.countryPlace(iso, locs); home == nil {
			return located{}, false
		}
		for _, s := range sides {
			lat += (home.Lat + s.Lat) / 2
			lon += (home.Lon + s.Lon) / 2
		}
		lat /= float64(len(sides))
		lon /= float64(len(sides))
	} else {
		if sides[0].Country == sides[1].Country {
			return located{}, false
		}
		home = sides[0]
		if focus[sides[1].Country] > focus[sides[0].Country] {
			home = sides[1]
		}
		lat = (sides[0].Lat + sides[1].Lat) / 2
		lon = (sides[0].Lon + sides[1].Lon) / 2
	}
	// The kind "border" keeps "the city" or "the valley" from referring
	// back to it; "the area" and "there" may.
	l := located{kind: "border", rel: relNear}
	if len(sides) == 1 || with {
		sides = append([]*kb.Place{home}, sides...)
	}
	if p := r.curatedBorder(phrase, sides); p != nil {
		// A curated border area beats the midpoint of two centres.
		l.Name, l.Lat, l.Lon, l.Precision, l.Place = name, p.Lat, p.Lon, 3, p
		l.Admin1, l.Country = r.admin(p, p.Lat, p.Lon, false)
		return l, true
	}
	l.Name, l.Lat, l.Lon, l.Precision, l.Place = name, lat, lon, 3, home
	l.Country = kb.CountryISO3(home.Country)
	if a1, iso := r.g.Admin1At(lat, lon); iso == home.Country {
		l.Admin1 = a1
	}
	return l, true
}

// curatedBorder looks up the border as written ("Jordanian border") and as
// "<country>-<country> border" for the first two sides, and returns a
// non-country place on either side, or nil.
func (r *Resolver) curatedBorder(phrase string, sides []*kb.Place) *kb.Place {
	names := []string{phrase}
	if len(sides) >= 2 {
		names = append(names, sides[0].Name+"-"+sides[1].Name+" border", sides[1].Name+"-"+sides[0].Name+" border")
	}
	for _, n := range names {
		for _, c := range r.g.Lookup(n) {
			if c.Place == nil || c.Place.Kind == "country" {
				continue
			}
			for _, s := range sides[:min(2, len(sides))] {
				if c.Place.Country == s.Country {
					return c.Place
				}
			}
		}
	}
	return nil
}

// topFocus is the strongest focus country not in not.
func topFocus(focus map[string]float64, not map[string]bool) string {
	best, bv := "", 0.0
	for c, v := range focus {
		if not[c] {
			continue
		}
		if v > bv || v == bv && c < best {
			best, bv = c, v
		}
	}
	return best
}

// countryPlace finds the country place of an ISO2 code among the document's
// locations, else among the countries the cue data names.
func (r *Resolver) countryPlace(iso string, locs []located) *kb.Place {
	for _, l := range locs {
		if l.Place != nil && l.Place.Kind == "country" && l.Place.Country == iso {
			return l.Place
		}
	}
	return r.countries.byISO[iso]
}

// nearForeignCountry turns "near Iraq", "close to Jordan" in a document
// about another country into the border area on the home side: halfway
// between the two countries' centres, precision 3.
func (r *Resolver) nearForeignCountry(locs []located, focus map[string]float64) {
	for i := range locs {
		l := &locs[i]
		if l.rel != relNear || l.Place == nil || l.Place.Kind != "country" {
			continue
		}
		iso := topFocus(focus, map[string]bool{l.Place.Country: true})
		if iso == "" || focus[iso] <= focus[l.Place.Country] {
			continue
		}
		home := r.countryPlace(iso, locs)
		if home == nil {
			continue
		}
		l.Lat, l.Lon = (home.Lat+l.Place.Lat)/2, (home.Lon+l.Place.Lon)/2
		l.Place, l.kind, l.Precision = home, "border", 3
		l.Admin1, l.Country = "", kb.CountryISO3(home.Country)
		if a1, c := r.g.Admin1At(l.Lat, l.Lon); c == home.Country {
			l.Admin1 = a1
		}
	}
}
