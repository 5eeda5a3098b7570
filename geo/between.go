package geo

// betweenMaxKm bounds the places "between X and Y" joins: further apart,
// the phrase is about relations ("talks between Moscow and Washington").
const betweenMaxKm = 250

// between joins "between X and Y" (and "the road between X and Y") into one
// location halfway between the two places, precision 2.
func (r *Resolver) between(v tokenView, locs []located) []located {
	var out []located
	for i := 0; i+1 < len(locs); i++ {
		a, b := &locs[i], &locs[i+1]
		if a.Place == nil || b.Place == nil || isArea(a.kind) || isArea(b.kind) || a.rel != relNone || b.rel != relNone {
			continue
		}
		ka := tokenAt(v, a.Start)
		kb := tokenAt(v, a.End)
		if v.low(ka-1) != "between" || v.low(kb) != "and" || kb+1 >= len(v) || v[kb+1].start != b.Start {
			continue
		}
		if Distance(a.Lat, a.Lon, b.Lat, b.Lon) > betweenMaxKm {
			continue
		}
		l := located{mention: a.mention, kind: "other", rel: relNear}
		l.Start, l.End = v[ka-1].start, b.End
		l.Name = "between " + a.Name + " and " + b.Name
		l.Lat, l.Lon = (a.Lat+b.Lat)/2, (a.Lon+b.Lon)/2
		l.Precision, l.Place = 2, a.Place
		l.Admin1, l.Country = r.admin(a.Place, l.Lat, l.Lon, true)
		out = append(out, l)
		i++
	}
	return out
}
