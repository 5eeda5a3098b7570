package geo

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/sitrep/sitrep/kb"
)

// relKind is the form of a relative place expression.
type relKind int

const (
	relNone      relKind = iota
	relDistance          // "60 km southwest of X"
	relDirection         // "south of X"
	relNear              // "near X", "20 km from X"
	relPart              // "the eastern edge of X", "the outskirts of X"
	relDirAdj            // "eastern X"
	relRural             // "rural X"
)

// relative is what the words before a place name say about it.
type relative struct {
	kind      relKind
	start     int     // byte where the expression starts
	km        float64 // distance, when stated
	bearing   float64 // degrees; < 0 when none
	dirWord   string  // the direction as written, lowercase ("southwest", "eastern")
	precision int     // at least this precision
	label     string  // "near", the part word
	distText  string  // "60 km", "20 km" for names
	describe  string  // descriptor noun before the name ("province" in "the province of X")
}

// parseLeft reads the words before the mention starting at token k.
func (r *Resolver) parseLeft(v tokenView, k int) relative {
	rel := r.parseLeftForm(v, k)
	if v.low(k-1) == "of" && r.cues.descriptors[v.low(k-2)] {
		rel.describe = v.low(k - 2)
	}
	return rel
}

// parseLeftForm reads the relative form before the mention at token k.
func (r *Resolver) parseLeftForm(v tokenView, k int) relative {
	cc := r.cues
	i := k - 1
	// "the ancient city of X", "the town of X", "the provincial capital
	// X": a description of X.
	if d := i; v.low(i) == "of" && cc.descriptors[v.low(i-1)] || cc.descriptors[v.low(i)] && !v[i].upper {
		if v.low(d) == "of" {
			d--
		}
		j := d - 1
		i = d - 1
		for n := 0; n < 3 && j >= 0 && !v[j].punct; n, j = n+1, j-1 {
			if cc.articles[v.low(j)] {
				i = j - 1
				break
			}
		}
	}
	if cc.articles[v.low(i)] {
		i--
	}
	if v.low(i) == "of" {
		// "the eastern edge of X", "the outskirts of X".
		if part, ok := cc.c.Parts[v.low(i-1)]; ok {
			rel := relative{kind: relPart, bearing: -1, label: v.low(i - 1), precision: part.MinPrecision}
			j := i - 2
			if b, ok := cc.c.DirectionAdjectives[v.low(j)]; ok {
				rel.bearing, rel.dirWord = b, v.low(j)
				j--
			}
			if cc.articles[v.low(j)] {
				j--
			}
			rel.start = v[j+1].start
			return rel
		}
		// "60 km southwest of X", "south of X", "south west of X".
		if b, first, ok := r.direction(v, i-1); ok {
			rel := relative{kind: relDirection, bearing: b, dirWord: dirName(v, first, i-1), precision: 2, start: v[first].start}
			if km, txt, s, ok := r.distance(v, first-1); ok {
				rel.kind, rel.km, rel.distText, rel.start = relDistance, km, txt, v[s].start
			} else {
				rel.km = cc.c.BareDirectionKm
				// "the desert south of Raqqa" is a region.
				if w := v.low(first - 1); cc.areaNouns[w] {
					rel.precision, rel.label, rel.start = 3, w, v[first-1].start
				}
			}
			return rel
		}
	}
	// "20 km from X".
	for _, l := range cc.distanceLinks {
		if s, ok := v.matchBack(l, i); ok {
			if km, txt, ds, ok := r.distance(v, s-1); ok {
				return relative{kind: relNear, start: v[ds].start, km: km, bearing: -1, precision: 2, label: txt + " " + strings.Join(l, " "), distText: txt}
			}
		}
	}
	for _, p := range cc.proximity {
		if s, ok := v.matchBack(p.words, i); ok {
			return relative{kind: relNear, start: v[s].start, bearing: -1, precision: p.precision, label: p.label}
		}
	}
	// Adjectives right before the name: "eastern Syria", "northeast Syria",
	// "rural Damascus".
	if b, ok := cc.c.DirectionAdjectives[v.low(k-1)]; ok {
		return relative{kind: relDirAdj, start: v[k-1].start, bearing: b, dirWord: v.low(k - 1)}
	}
	// A capitalised compass word is part of a name ("North America", "South
	// Sudan"), not a direction.
	if b, ok := cc.c.Directions[v.low(k-1)]; ok && !v[k-1].upper {
		return relative{kind: relDirAdj, start: v[k-1].start, bearing: b, dirWord: strings.ReplaceAll(v.low(k-1), "-", "")}
	}
	if cc.rural[v.low(k-1)] && !v[k-1].upper {
		return relative{kind: relRural, start: v[k-1].start, bearing: -1, label: v.low(k - 1), precision: 3}
	}
	return relative{kind: relNone, bearing: -1}
}

// direction reads a compass direction ending at token i ("southwest",
// "south-west", "south west") and returns its bearing and first token.
func (r *Resolver) direction(v tokenView, i int) (float64, int, bool) {
	d := r.cues.c.Directions
	if i < 0 || i >= len(v) {
		return 0, i, false
	}
	if i > 0 {
		if b, ok := d[v.low(i-1)+v.low(i)]; ok && !v[i-1].punct {
			if _, single := d[v.low(i-1)]; single {
				return b, i - 1, true
			}
		}
	}
	if b, ok := d[v.low(i)]; ok {
		return b, i, true
	}
	return 0, i, false
}

// dirName spells the direction between tokens first and last without
// spaces or hyphens ("south-west" -> "southwest").
func dirName(v tokenView, first, last int) string {
	var b strings.Builder
	for i := first; i <= last; i++ {
		b.WriteString(strings.ReplaceAll(v.low(i), "-", ""))
	}
	return b.String()
}

// distance reads a distance ending at token i: "60 km", "60km", "60-km",
// "60 km (37 miles)", "some 50 km", "roughly 60 kilometres". It returns the
// distance in km, its text for names and the index of its first token.
func (r *Resolver) distance(v tokenView, i int) (float64, string, int, bool) {
	cc := r.cues
	// A parenthesis restating the distance in other units.
	if v.low(i) == ")" {
		j := i - 1
		for ; j >= 0 && j > i-8 && v.low(j) != "("; j-- {
		}
		if v.low(j) != "(" {
			return 0, "", i, false
		}
		i = j - 1
	}
	var n, u float64
	first := -1
	if unit, ok := cc.c.Units[v.low(i)]; ok {
		x, ok := r.number(v.low(i - 1))
		if !ok {
			return 0, "", i, false
		}
		n, u, first = x, unit, i-1
	} else {
		// "60km", "60-km".
		w := v.low(i)
		j := 0
		for j < len(w) && (w[j] >= '0' && w[j] <= '9' || w[j] == '.' || w[j] == ',') {
			j++
		}
		if j == 0 || j == len(w) {
			return 0, "", i, false
		}
		unit, ok := cc.c.Units[strings.TrimPrefix(w[j:], "-")]
		if !ok {
			return 0, "", i, false
		}
		x, ok := r.number(w[:j])
		if !ok {
			return 0, "", i, false
		}
		n, u, first = x, unit, i
	}
	// "20 to 30 km", "between 20 and 30 km": the middle of the range.
	if w := v.low(first - 1); w == "to" || w == "or" || w == "and" || w == "-" || w == "–" {
		if lo, ok := r.number(v.low(first - 2)); ok {
			n = (lo + n) / 2
			first -= 2
			if v.low(first-1) == "between" {
				first--
			}
		}
	}
	value := n * u
	for _, q := range cc.qualifiers {
		if s, ok := v.matchBack(q, first-1); ok {
			first = s
			break
		}
	}
	return value, strconv.FormatFloat(roundKm(value), 'f', -1, 64) + " km", first, true
}

// number reads a number written in digits ("60", "5,000", "2.5"), as a
// range ("20-30", read as its middle) or in words ("ten").
func (r *Resolver) number(w string) (float64, bool) {
	if n, ok := r.cues.c.NumberWords[w]; ok {
		return n, true
	}
	if a, b, ok := strings.Cut(w, "-"); ok {
		x, err1 := parseNumber(a)
		y, err2 := parseNumber(b)
		if err1 == nil && err2 == nil {
			return (x + y) / 2, true
		}
	}
	n, err := parseNumber(w)
	return n, err == nil
}

// roundKm rounds a converted distance to what a report would state.
func roundKm(km float64) float64 {
	if km >= 10 {
		return float64(int(km + 0.5))
	}
	return float64(int(km*10+0.5)) / 10
}

func parseNumber(s string) (float64, error) {
	n, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	if err != nil {
		return 0, fmt.Errorf("parse number %q: %w", s, err)
	}
	return n, nil
}

// suffix is what the words after a place name say about it.
type suffix struct {
	cue     *suffixCue
	end     int
	bearing float64 // "Hama's northern countryside"; < 0 when none
	dirWord string
	part    string // "Raqqa's outskirts", "the Damascus suburbs"
}

// parseRight reads the words after the mention ending before token k.
func (r *Resolver) parseRight(v tokenView, k int) suffix {
	cc := r.cues
	s := suffix{bearing: -1}
	i := k
	if v.low(i) == "'s" {
		i++
	}
	if b, ok := cc.c.DirectionAdjectives[v.low(i)]; ok {
		s.bearing, s.dirWord = b, v.low(i)
		i++
	}
	for n := range cc.suffixes {
		sc := &cc.suffixes[n]
		if last, ok := v.matchFwd(sc.words, i); ok {
			s.cue, s.end = sc, v[last].end
			return s
		}
	}
	if _, ok := cc.c.Parts[v.low(i)]; ok && i < len(v) {
		s.part, s.end = v.low(i), v[i].end
		return s
	}
	return suffix{bearing: -1}
}

// expand turns a chosen mention into a Location, reading the cue words
// around it.
func (r *Resolver) expand(text string, v tokenView, p pick) located {
	cc := r.cues
	place := p.place
	l := located{mention: p.m.Text, m: p.m}
	l.Start, l.End = p.m.Start, p.m.End
	k := tokenAt(v, p.m.Start)
	kEnd := tokenAt(v, p.m.End)
	sfx := r.parseRight(v, kEnd)
	rel := r.parseLeft(v, k)
	if sfx.part != "" {
		// "Raqqa's outskirts" reads like "the outskirts of Raqqa".
		if rel.kind == relNone {
			rel = relative{kind: relPart, start: p.m.Start, bearing: sfx.bearing, dirWord: sfx.dirWord, label: sfx.part, precision: cc.c.Parts[sfx.part].MinPrecision}
			l.End = sfx.end
		}
		sfx = suffix{bearing: -1}
	}
	if sfx.cue == nil && rel.kind == relPart {
		// "the countryside of Aleppo" reads like "Aleppo countryside".
		if pk := cc.c.Parts[rel.label].Kind; pk != "" {
			for n := range cc.suffixes {
				if sc := &cc.suffixes[n]; sc.kind == pk {
					sfx = suffix{cue: sc, end: p.m.End, bearing: -1}
					break
				}
			}
		}
	}
	if sfx.cue == nil && rel.describe != "" {
		// "the province of X" reads like "X province".
		if sc := cc.suffixFor(rel.describe); sc != nil {
			sfx = suffix{cue: sc, end: p.m.End, bearing: -1}
		}
	}

	prec := cc.precisionForKind(place.Kind)
	if prec == 3 && r.namedAfterTown(place) {
		prec = 2
	}
	name := displayName(place, p.m.Text)
	kind := place.Kind
	if sfx.cue != nil {
		if sfx.cue.kind != "" && place.Kind != sfx.cue.kind {
			alt := r.ofKind(p.m, place, sfx.cue.kind)
			if twin := facilityTwin(sfx.cue.kind); alt == nil && twin != "" {
				// "Hama military airport" is the Hama air base.
				alt = r.ofKind(p.m, place, twin)
			}
			if alt != nil {
				name = displayName(alt, "")
				place = alt
				prec = cc.precisionForKind(place.Kind)
			} else if isArea(sfx.cue.kind) || sfx.cue.kind == "district" {
				// Only the town is known: "Deir ez-Zur province" at the town.
				name += " " + strings.Join(sfx.cue.words, " ")
			}
			kind = sfx.cue.kind
		}
		prec = max(prec, sfx.cue.precision)
		l.End = max(l.End, sfx.end)
		if sfx.cue.label != "" && sfx.cue.kind != "" && place.Kind != sfx.cue.kind {
			name = displayName(place, p.m.Text) + " " + sfx.cue.label
		}
		if sfx.dirWord != "" {
			name = sfx.dirWord + " " + name
		}
	}
	if rel.kind == relRural {
		if alt := r.ofKind(p.m, place, "province"); alt != nil {
			place = alt
			name = displayName(place, "")
		}
		kind = "province"
	}
	lat, lon := place.Lat, place.Lon
	moved := false
	move := func(km, bearing float64) {
		if bearing >= 0 && km > 0 {
			lat, lon = Offset(lat, lon, km, bearing)
			moved = true
		}
	}
	if sfx.bearing >= 0 {
		move(cc.kmForKind(kind), sfx.bearing)
	}
	switch rel.kind {
	case relDistance:
		move(rel.km, rel.bearing)
		prec = max(2, rel.precision)
		name = rel.distText + " " + rel.dirWord + " of " + name
	case relDirection:
		if isArea(kind) {
			// "the south of Syria" is its southern part.
			move(cc.kmForKind(kind), rel.bearing)
			prec = max(prec, 3)
		} else {
			move(rel.km, rel.bearing)
			prec = max(prec, rel.precision)
		}
		name = rel.dirWord + " of " + name
		if rel.label != "" {
			name = rel.label + " " + name
		}
	case relNear:
		prec = max(prec, rel.precision)
		name = rel.label + " " + name
	case relPart:
		move(cc.kmForKind(kind), rel.bearing)
		prec = max(prec, rel.precision)
		if rel.dirWord != "" {
			name = rel.dirWord + " " + rel.label + " of " + name
		} else {
			name = rel.label + " of " + name
		}
	case relDirAdj:
		move(cc.kmForKind(kind), rel.bearing)
		name = rel.dirWord + " " + name
	case relRural:
		prec = 3
		if place.Kind != "province" {
			name = rel.label + " " + name
		}
	}
	if rel.kind != relNone {
		l.Start = rel.start
	}
	if rel.kind == relPart || rel.kind == relDirAdj || rel.kind == relDirection && isArea(kind) {
		// The gazetteer may know the part itself ("Eastern Qalamoun",
		// "eastern Syria"): better than a move.
		if alt := r.namedPart(text[l.Start:l.End], place); alt != nil {
			place, lat, lon, moved = alt, alt.Lat, alt.Lon, false
			// The precision stays the expression's: the slopes of a
			// mountain are a small area even where the part is curated as
			// a region.
			kind, name = alt.Kind, displayName(alt, "")
		}
	}
	l.Name, l.Lat, l.Lon, l.Precision, l.Place = name, lat, lon, prec, place
	l.kind, l.rel = kind, rel.kind
	l.Admin1, l.Country = r.admin(place, lat, lon, moved)
	return l
}

// admin fills the admin1 name and ISO3 country of a point: the place's own
// when the point is the place, the admin1 polygon's otherwise (falling back
// to the place's when the point is outside every polygon).
func (r *Resolver) admin(place *kb.Place, lat, lon float64, moved bool) (string, string) {
	a1, iso2 := place.Admin1, place.Country
	if place.Kind == "country" && !moved {
		return "", kb.CountryISO3(iso2)
	}
	if moved || a1 == "" {
		if pa, pc := r.g.Admin1At(lat, lon); pc != "" {
			a1, iso2 = pa, pc
		}
	}
	if place.Kind == "country" && a1 == place.Admin1 {
		a1 = ""
	}
	return a1, kb.CountryISO3(iso2)
}

// ofKind finds, among the places named like the mention, one of the given
// kind in the chosen place's country. Names such as "Raqqa
// province" are tried too, with each suffix word of that kind.
func (r *Resolver) ofKind(m kb.PlaceMention, chosen *kb.Place, kind string) *kb.Place {
	var bp *kb.Place
	bs := -1.0
	consider := func(cs []kb.Candidate) {
		for _, c := range cs {
			// A descriptor ("the city of X") refines the kind within the
			// chosen place's country; it never moves the place abroad
			// ("the city of al-Bayda" in Yemen is no city in Taiwan).
			if c.Place == nil || c.Place.Kind != kind || c.Place.Country != chosen.Country {
				continue
			}
			s := c.Score
			if s > bs {
				bs, bp = s, c.Place
			}
		}
	}
	consider(m.Candidates)
	text := stripPossessive(m.Text)
	names := []string{text}
	if chosen.Name != text {
		names = append(names, chosen.Name)
	}
	for _, name := range names {
		if bp != nil {
			return bp
		}
		consider(r.g.Lookup(name))
		for _, sc := range r.cues.suffixes {
			if bp != nil || sc.kind != kind {
				continue
			}
			consider(r.g.Lookup(name + " " + strings.Join(sc.words, " ")))
		}
	}
	if bp == nil && kind == "province" && chosen.Admin1 != "" {
		consider(r.g.Lookup(chosen.Admin1))
	}
	return bp
}

// displayName is a place's name as printed: the curated name, or the
// document's own spelling of a GeoNames place ("Raqqa", not "Ar Raqqah")
// unless it is written in capitals; provinces are marked as such.
func displayName(p *kb.Place, written string) string {
	name := p.Name
	if written = stripPossessive(written); written != "" && written != strings.ToUpper(written) && strings.HasPrefix(p.ID, "gn:") && p.Kind != "country" {
		name = written
	}
	if p.Kind == "province" {
		low := strings.ToLower(name)
		if !strings.Contains(low, "province") && !strings.Contains(low, "governorate") {
			return name + " province"
		}
	}
	return name
}

// namedPart looks the whole expression up ("the eastern slopes of the
// Qalamoun mountains", "eastern Syria") and returns a place of the anchor's
// country that is not the anchor itself, or nil.
func (r *Resolver) namedPart(expr string, anchor *kb.Place) *kb.Place {
	for _, a := range r.cues.c.Articles {
		if len(expr) > len(a)+1 && strings.EqualFold(expr[:len(a)+1], a+" ") {
			expr = expr[len(a)+1:]
			break
		}
	}
	for _, c := range r.g.Lookup(expr) {
		if c.Place != nil && c.Place != anchor && c.Place.Country == anchor.Country && c.Place.Kind != "country" {
			return c.Place
		}
	}
	return nil
}

// townAreaKm bounds how far a region may lie from the town it is named
// after ("Jurud Arsal", the barrens of Arsal) to count as a small area.
const townAreaKm = 30

// namedAfterTown reports whether a region, mountain or valley carries the
// name of a town close to it: such an area is small, "near a town"
// (precision 2) rather than a region.
func (r *Resolver) namedAfterTown(p *kb.Place) bool {
	if p.Kind == "country" || p.Kind == "province" || !isArea(p.Kind) && p.Kind != "mountain" {
		return false
	}
	if v, ok := r.townAreas.Load(p); ok {
		return v.(bool)
	}
	small := r.nameHasNearbyTown(p)
	r.townAreas.Store(p, small)
	return small
}

func (r *Resolver) nameHasNearbyTown(p *kb.Place) bool {
	for _, w := range strings.Fields(p.Name) {
		if len(w) < 4 || !unicode.IsUpper([]rune(w)[0]) {
			continue
		}
		for _, c := range r.g.Lookup(w) {
			q := c.Place
			if q == nil || q == p || q.Country != p.Country {
				continue
			}
			switch q.Kind {
			case "city", "town", "village":
				if Distance(p.Lat, p.Lon, q.Lat, q.Lon) <= townAreaKm {
					return true
				}
			}
		}
	}
	return false
}

// sharedSuffix applies a plural kind suffix to the places listed before it:
// in "Idlib and Hama provinces" Idlib is a province too.
func (r *Resolver) sharedSuffix(text string, v tokenView, locs []located) {
	for i := len(locs) - 1; i > 0; i-- {
		b := &locs[i]
		if b.rel != relNone || !isArea(b.kind) || b.kind == "country" || !strings.HasSuffix(strings.ToLower(text[b.Start:b.End]), "s") {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			a := &locs[j]
			if a.rel != relNone || a.Place == nil || isArea(a.kind) {
				break
			}
			// Only "and" or a comma between them.
			k, e := tokenAt(v, a.End), tokenAt(v, locs[j+1].Start)
			if e-k != 1 || v.low(k) != "and" && v.low(k) != "," {
				break
			}
			alt := r.ofKind(a.m, a.Place, b.kind)
			if alt == nil {
				break
			}
			start, end, mention, m := a.Start, a.End, a.mention, a.m
			*a = r.plain(alt, "")
			a.Start, a.End, a.mention, a.m = start, end, mention, m
		}
	}
}

// relate applies the relative form before a location made without a
// gazetteer mention (an anaphor, a capital): "near the city", "20 km south
// of the capital". The expression may not start before floor.
func (r *Resolver) relate(v tokenView, l *located, floor int) {
	rel := r.parseLeftForm(v, tokenAt(v, l.Start))
	if rel.kind == relNone || rel.start < floor {
		return
	}
	switch rel.kind {
	case relDistance, relDirection:
		km := rel.km
		if rel.kind == relDirection && isArea(l.kind) {
			km = r.cues.kmForKind(l.kind)
		}
		l.Lat, l.Lon = Offset(l.Lat, l.Lon, km, rel.bearing)
		l.Precision = max(l.Precision, 2)
		name := rel.dirWord + " of " + l.Name
		if rel.kind == relDistance {
			name = rel.distText + " " + name
		}
		l.Name = name
		if l.Place != nil {
			l.Admin1, l.Country = r.admin(l.Place, l.Lat, l.Lon, true)
		}
	case relNear:
		l.Precision = max(l.Precision, rel.precision)
		if !strings.HasPrefix(l.Name, rel.label+" ") {
			l.Name = rel.label + " " + l.Name
		}
	default:
		return
	}
	l.Start, l.rel = rel.start, rel.kind
}

// facilityTwin is the kind that news names interchangeably with kind: a
// military airport is an air base and the reverse.
func facilityTwin(kind string) string {
	switch kind {
	case "airport":
		return "base"
	case "base":
		return "airport"
	}
	return ""
}
