package coder

import (
	"fmt"
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/geo"
)

// findZones finds declared zones: a named kind ("de-confliction zone",
// "no-fly zone") or a radius ("a 55km radius around ... near a-Tanf"). A
// later mention without a place ("inside the de-confliction zone") adds its
// sentence to the zone named before and gives it its kind.
func (c *Coder) findZones(d *docInfo) []sitrep.Zone {
	var zones []sitrep.Zone
	for si := range d.sents {
		s := &d.sents[si]
		low := strings.ToLower(s.text)
		if !strings.Contains(low, "zone") && !strings.Contains(low, "radius") && !strings.Contains(low, "area") && !strings.Contains(low, "corridor") && !strings.Contains(low, "line") {
			continue
		}
		toks := tokenize(s.text)
		kind := ""
		cueAt := -1
		for _, z := range c.rules.zones {
			if i, _ := findPhrase(toks, 0, len(toks), z.cues); i >= 0 {
				kind, cueAt = z.kind, toks[i].start
				break
			}
		}
		radiusAt, _ := findPhrase(toks, 0, len(toks), c.rules.radiusCues)
		if kind == "" && radiusAt < 0 {
			continue
		}
		c.detail(d, s)
		radius := 0.0
		if radiusAt >= 0 {
			for _, q := range s.qty {
				if q.Unit != "km" && q.Unit != "mi" {
					continue
				}
				ti, te := tokenSpan(toks, q.Start, q.End)
				if ti < 0 || radiusAt-te > 3 || ti > radiusAt {
					continue
				}
				radius = q.Value
				if q.Unit == "mi" {
					radius = round(radius*1.609344, 1)
				}
			}
			if radius == 0 && kind == "" {
				continue
			}
		}
		if radiusAt >= 0 {
			cueAt = toks[radiusAt].start
		}
		loc := bestZoneLoc(d, s, cueAt)
		if loc == nil {
			// A zone named before: this sentence adds to it.
			for k := len(zones) - 1; k >= 0; k-- {
				if kind == "" || zones[k].Kind == kind || zones[k].Kind == c.rules.radiusKind {
					if kind != "" {
						zones[k].Kind = kind
					}
					zones[k].Sources = append(zones[k].Sources, c.source(d, s))
					break
				}
			}
			continue
		}
		if kind == "" {
			kind = c.rules.radiusKind
		}
		name := zoneName(kind, radius, loc)
		z := sitrep.Zone{Name: name, Kind: kind, Latitude: round(loc.Lat, 4), Longitude: round(loc.Lon, 4), RadiusKm: radius,
			Evidence: strings.TrimSpace(s.text), Sources: []sitrep.Source{c.source(d, s)}}
		for _, a := range s.attrs {
			if src := strings.TrimSpace(a.Source); src != "" && !isPronoun(src) {
				z.DeclaredBy = c.claimName(src)
				break
			}
		}
		if z.DeclaredBy == "" && len(s.actors) > 0 {
			z.DeclaredBy = s.actors[0].actor.Name
		}
		if te, ok := closestTime(s.times, 0); ok {
			z.Date = fmtDate(te.Date)
		} else if d.doc.HasDate() {
			z.Date = d.doc.Published.Format("2006-01-02")
		}
		if k := sameZone(zones, z); k >= 0 {
			if zones[k].RadiusKm == 0 {
				zones[k].RadiusKm = z.RadiusKm
			}
			zones[k].Sources = append(zones[k].Sources, z.Sources...)
			continue
		}
		zones = append(zones, z)
	}
	return zones
}

func sameZone(zs []sitrep.Zone, z sitrep.Zone) int {
	for k, o := range zs {
		if (o.Kind == z.Kind || o.RadiusKm == z.RadiusKm) && abs(o.Latitude-z.Latitude) < 0.1 && abs(o.Longitude-z.Longitude) < 0.1 {
			return k
		}
	}
	return -1
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// bestZoneLoc is the place named right around the zone cue ("a zone
// around Idlib", "the Idlib de-escalation zone"), else the most specific
// usable location of the sentence.
func bestZoneLoc(d *docInfo, s *sentInfo, cueAt int) *geo.Location {
	var best *geo.Location
	if cueAt >= 0 {
		bd := 150
		for k := range s.locs {
			l := &s.locs[k]
			dist := l.Start - s.start - cueAt
			if dist < 0 {
				dist = -dist + 20 // before the cue: "the Idlib de-escalation zone"
			}
			if strings.Contains(" "+d.text[l.Start:l.End]+" ", " the ") {
				dist += 60 // an anaphor ("around the area") names no place of its own
			}
			dist += 20 * (l.Precision - 1)
			if d.usableLoc(*l) && dist < bd {
				best, bd = l, dist
			}
		}
		if best != nil {
			return best
		}
	}
	for k := range s.locs {
		l := &s.locs[k]
		if !d.usableLoc(*l) {
			continue
		}
		if best == nil || l.Precision < best.Precision {
			best = l
		}
	}
	return best
}

func zoneName(kind string, radius float64, l *geo.Location) string {
	anchor := l.Name
	if l.Place != nil && l.Place.Name != "" {
		anchor = l.Place.Name
	}
	if radius > 0 {
		return fmt.Sprintf("%g km radius around %s", radius, anchor)
	}
	return fmt.Sprintf("%s zone near %s", kind, anchor)
}

func (c *Coder) source(d *docInfo, s *sentInfo) sitrep.Source {
	src := sitrep.Source{Doc: d.doc.Name, URL: d.doc.URL, Outlet: d.doc.Outlet, Sentence: s.text, Start: s.start, End: s.end}
	if d.doc.HasDate() {
		src.Published = d.doc.Published.Format("2006-01-02")
	}
	return src
}
