package geo

import (
	"sort"

	"github.com/sitrep/sitrep/kb"
)

// anaphora adds the locations of anaphors ("the city", "the outpost",
// "the town of the same name", "there"), each resolved to the most recent
// compatible location before it, and returns all locations sorted by Start.
func (r *Resolver) anaphora(v tokenView, locs []located) []located {
	out := make([]located, 0, len(locs)+4)
	li := 0 // next location of locs not yet copied to out
	for i := 0; i < len(v); i++ {
		for li < len(locs) && locs[li].Start <= v[i].start {
			out = append(out, locs[li])
			li++
		}
		if len(out) > 0 && v[i].start < out[len(out)-1].End {
			continue // inside a location
		}
		if li < len(locs) && locs[li].Start < v[i].end {
			continue
		}
		a, end, ok := r.anaphorAt(v, i, locs, li)
		if !ok {
			continue
		}
		var l located
		if sEnd, same := r.sameNameAt(v, end+1); same {
			l, ok = r.sameName(out, a, v[i].start)
			end = sEnd
		} else if a.sameName {
			l, ok = r.sameName(out, a, v[i].start)
		} else {
			l, ok = r.antecedent(out, a, v[i].start)
		}
		if !ok {
			continue
		}
		l.Start, l.End = v[i].start, v[end].end
		if a.minPrecision > l.Precision {
			l.Precision = a.minPrecision
		}
		// "near the city", "20 km south of the town".
		floor := 0
		if len(out) > 0 {
			floor = out[len(out)-1].End
		}
		r.relate(v, &l, floor)
		out = append(out, l)
		i = end
	}
	out = append(out, locs[li:]...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// anaphorAt reports whether an anaphor starts at token i and returns its
// cue and last token.
func (r *Resolver) anaphorAt(v tokenView, i int, locs []located, li int) (*anaphorCue, int, bool) {
	cc := r.cues
	w := v.low(i)
	if w != "the" {
		for n := range cc.anaphora {
			a := &cc.anaphora[n]
			if !a.bare || v[i].upper {
				continue
			}
			if last, ok := v.matchFwd(a.words, i); ok && !cc.existential[v.low(last+1)] {
				return a, last, true
			}
		}
		return nil, 0, false
	}
	// "the city", "the besieged city".
	for skip := 0; skip <= 1; skip++ {
		j := i + 1 + skip
		if skip == 1 && (j-1 >= len(v) || v[j-1].punct || v[j-1].upper) {
			break
		}
		for n := range cc.anaphora {
			a := &cc.anaphora[n]
			if a.bare {
				continue
			}
			last, ok := v.matchFwd(a.words, j)
			if !ok || v[j].upper {
				// "the Village" is a name, not an anaphor.
				continue
			}
			if li < len(locs) && locs[li].Start < v[last].end {
				return nil, 0, false // the noun belongs to a named place
			}
			next := v.low(last + 1)
			if cc.blockers[next] {
				return nil, 0, false
			}
			// "the city of Raqqa", "the border city of al-Bukamel", "the town
			// Ghanim" name a place.
			if next == "of" && last+2 < len(v) && (v[last+2].upper || li < len(locs) && locs[li].Start == v[last+2].start) {
				return nil, 0, false
			}
			if last+1 < len(v) && v[last+1].upper {
				return nil, 0, false
			}
			return a, last, true
		}
	}
	return nil, 0, false
}

// sameNameAt reports whether "of the same name" starts at token i and
// returns its last token.
func (r *Resolver) sameNameAt(v tokenView, i int) (int, bool) {
	for _, p := range r.cues.sameName {
		if last, ok := v.matchFwd(p, i); ok {
			return last, true
		}
	}
	return i, false
}

// compatible reports whether an anaphor may refer to the location.
func compatible(a *anaphorCue, l *located) bool {
	return l.Place != nil && !a.exclude[l.kind] && (a.any || a.kinds[l.kind])
}

// antecedent finds the most recent location before pos the anaphor may
// refer to. "The province" falls back to the province of the most recent
// place.
func (r *Resolver) antecedent(prev []located, a *anaphorCue, pos int) (located, bool) {
	limit := pos - r.cues.c.AnaphoraMaxBytes
	for i := len(prev) - 1; i >= 0 && prev[i].End >= limit; i-- {
		if compatible(a, &prev[i]) {
			if prev[i].rel != relNone && !a.expression && prev[i].Place.Kind == prev[i].kind {
				return r.plain(prev[i].Place, prev[i].mention), true
			}
			return prev[i], true
		}
	}
	if !a.kinds["province"] {
		return located{}, false
	}
	for i := len(prev) - 1; i >= 0 && prev[i].End >= limit; i-- {
		p := prev[i].Place
		if p == nil || p.Admin1 == "" || p.Kind == "country" {
			continue
		}
		for _, c := range r.g.Lookup(p.Admin1) {
			if c.Place != nil && c.Place.Kind == "province" && c.Place.Country == p.Country {
				return r.plain(c.Place, ""), true
			}
		}
		return located{}, false
	}
	return located{}, false
}

// sameName resolves "the city of the same name": the place of one of the
// anaphor's kinds named like the most recent province or region.
func (r *Resolver) sameName(prev []located, a *anaphorCue, pos int) (located, bool) {
	limit := pos - r.cues.c.AnaphoraMaxBytes
	for i := len(prev) - 1; i >= 0 && prev[i].End >= limit; i-- {
		p := prev[i].Place
		if p == nil || !isArea(prev[i].kind) || prev[i].kind == "country" {
			continue
		}
		var bp *kb.Place
		bs := -1.0
		for _, name := range []string{prev[i].mention, p.Name} {
			for _, c := range r.g.Lookup(name) {
				if c.Place == nil || c.Place == p || !(a.any || a.kinds[c.Place.Kind]) {
					continue
				}
				s := c.Score
				if c.Place.Country == p.Country {
					s++
				}
				if s > bs {
					bs, bp = s, c.Place
				}
			}
			if bp != nil {
				break
			}
		}
		if bp == nil {
			return located{}, false
		}
		return r.plain(bp, prev[i].mention), true
	}
	return located{}, false
}

// plain is the location of a place named plainly; mention is the text
// that named it, "" when none did.
func (r *Resolver) plain(p *kb.Place, mention string) located {
	l := located{mention: mention}
	l.Name, l.Lat, l.Lon, l.Place = displayName(p, mention), p.Lat, p.Lon, p
	l.Precision = r.cues.precisionForKind(p.Kind)
	l.kind = p.Kind
	l.Admin1, l.Country = r.admin(p, p.Lat, p.Lon, false)
	return l
}
