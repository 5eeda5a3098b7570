package geo

import (
	"sort"

	"github.com/sitrep/sitrep/kb"
)

// capitals finds "the Syrian capital", "the capital of Iraq" and "the
// capital" (the focus country's) and locates each at the capital city.
func (r *Resolver) capitals(v tokenView, locs []located, focus map[string]float64) []located {
	cc := r.cues
	if len(cc.c.CapitalWords) == 0 {
		return nil
	}
	words := set(cc.c.CapitalWords)
	var out []located
	for i := 0; i+1 < len(v); i++ {
		if v.low(i) != "the" {
			continue
		}
		var country *kb.Place
		j := i + 1
		if !words[v.low(j)] {
			// "the Syrian capital".
			if !v[j].upper || !words[v.low(j+1)] {
				continue
			}
			if _, ok := cc.c.Demonyms[v.low(j)]; !ok {
				continue
			}
			if country = r.country(v.low(j)); country == nil {
				continue
			}
			j++
		}
		end := j
		if country == nil {
			if v.low(j+1) == "of" {
				// "the capital of Iraq"; "the capital of the province" is no
				// country's capital.
				p, e := countryAt(v, j+2, locs)
				if p == nil {
					continue
				}
				country, end = p, e
			} else {
				iso := topFocus(focus, nil)
				if iso == "" {
					continue
				}
				if country = r.countryPlace(iso, locs); country == nil {
					continue
				}
			}
		}
		city := r.capitalOf(country)
		if city == nil {
			continue
		}
		l := r.plain(city, "")
		l.Start, l.End = v[i].start, v[end].end
		floor := 0
		if k := sort.Search(len(locs), func(k int) bool { return locs[k].Start >= l.Start }); k > 0 {
			floor = locs[k-1].End
		}
		r.relate(v, &l, floor)
		out = append(out, l)
		i = end
	}
	return out
}

// capitalOf returns the capital city of a country place, or nil.
func (r *Resolver) capitalOf(country *kb.Place) *kb.Place {
	return r.countries.capitals[country.Country]
}
