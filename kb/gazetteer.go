package kb

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Place is one named location of the gazetteer.
type Place struct {
	ID         string // "gn:<geonameid>", "cur:<slug>", "user:<n>"
	Name       string // preferred Latin name
	Lat, Lon   float64
	Kind       string // "country","province","district","city","town","village","base","airport","crossing","region","desert","mountain","river","valley","dam","field","mine","camp","road","other"
	Country    string // ISO 3166-1 alpha-2, e.g. "SY"
	Admin1     string // admin1 name, e.g. "Ar-Raqqa"; may be empty
	Population int
}

// Candidate is a place a name may refer to, with a score in [0,1]; higher
// is better.
type Candidate struct {
	Place *Place
	Score float64
}

// Hint carries what the rest of a document says about where it is: focus
// countries (ISO2, first strongest) and the coordinates (lat, lon) of other
// places it names.
type Hint struct {
	Countries []string
	Near      [][2]float64
}

// PlaceMention is a span of text naming a known place. Start and End are
// byte offsets into the text given to Mentions.
type PlaceMention struct {
	Start, End int
	Text       string
	Candidates []Candidate
}

// source tells where a place came from; it orders same-name places.
type source uint8

const (
	fromGeoNames source = iota
	fromUser
	fromCurated
)

// entry is one name of one place in the index.
type entry struct {
	place int32  // index into Gazetteer.places
	name  int32  // index into Gazetteer.names
	light uint64 // fnv1a of the name's light key, to skip the edit distance of exact matches
}

// Gazetteer finds places by name. It is immutable after loading and safe for
// concurrent use.
type Gazetteer struct {
	version string
	places  []*Place
	prior   []float32 // per place, in [0,1]
	popEst  []int32   // per place, population used for ranking
	from    []source
	// tolerant is per place whether spelling variants of its names are
	// accepted in running text: curated and user places, and places in
	// the theatre countries. Precomputed because Mentions asks it of every
	// entry of every capitalised word.
	tolerant []bool
	names    []string        // every indexed name form
	keyIDs   *keyTable       // Normalize key -> key id
	off      []int32         // entries of key id i are flat[off[i]:off[i+1]]
	flat     []entry         // best prior first within a key
	stop     map[string]bool // lower-case words never taken as places on their own
	maxSpan  int             // most words in an indexed name, capped at 5

	adminOnce sync.Once
	adminSrc  func() ([]adminArea, error)
	admin     []adminArea
	adminErr  error
	iso3      map[string]string
	theatre   map[string]bool // ISO2 of the countries whose place names vary most in spelling
}

// Len returns the number of places.
func (g *Gazetteer) Len() int { return len(g.places) }

// Lookup returns every place a name may refer to, ranked by prior: curated
// before GeoNames, then feature kind and population, then closeness of the
// spelling. It returns nil when the name is unknown.
func (g *Gazetteer) Lookup(name string) []Candidate {
	out, _ := g.lookup(name, nil)
	return out
}

// LookupAmong is Lookup restricted to the places of among (typically the
// candidates of a mention): the candidates of name whose place is one of
// them, in Lookup's order and with Lookup's scores. known reports whether
// Lookup would return anything at all. It spares the spelling comparisons
// of every other place of the name.
func (g *Gazetteer) LookupAmong(name string, among []Candidate) (cs []Candidate, known bool) {
	if len(among) == 0 {
		return nil, len(g.entries(new(keyer).normalize(name))) > 0
	}
	return g.lookup(name, among)
}

// lookup is Lookup, restricted to the places of among when among is not
// nil; known reports whether the name has any entry.
func (g *Gazetteer) lookup(name string, among []Candidate) (out []Candidate, known bool) {
	var k keyer
	es := g.entries(k.normalize(name))
	if len(es) == 0 {
		return nil, false
	}
	lightB := k.light(name)
	lh := fnv1a(lightB)
	light := string(lightB)
	if among == nil {
		out = make([]Candidate, 0, len(es))
	}
	last := int32(-1)
	for _, e := range es {
		if among != nil && e.place != last && !slices.ContainsFunc(among, func(c Candidate) bool { return c.Place == g.places[e.place] }) {
			continue
		}
		sp := 1.0
		if e.light != lh {
			sp = spelling(light, k.light(g.names[e.name]))
		}
		s := float64(g.prior[e.place]) * sp
		if g.names[e.name] != g.places[e.place].Name {
			// A match on an alternate name (often historic or foreign)
			// is a little less sure than one on the preferred name.
			s *= 0.85
		}
		// The names of one place are adjacent in a key's entries.
		if e.place == last {
			if s > out[len(out)-1].Score {
				out[len(out)-1].Score = s
			}
			continue
		}
		last = e.place
		out = append(out, Candidate{Place: g.places[e.place], Score: s})
	}
	slices.SortStableFunc(out, func(a, b Candidate) int { return cmp.Compare(b.Score, a.Score) })
	return out, true
}

// Resolve picks the place a name most likely refers to given the rest of
// the document: focus countries weigh most, then the place's prior
// (curation, kind, population) and the closeness of the spelling, then
// closeness to the other places named. ok is false when the name is
// unknown.
func (g *Gazetteer) Resolve(name string, h Hint) (Candidate, bool) {
	cs := g.Lookup(name)
	if len(cs) == 0 {
		return Candidate{}, false
	}
	best, bestScore := -1, -1.0
	for i, c := range cs {
		s := contextScore(c, h)
		if s > bestScore {
			best, bestScore = i, s
		}
	}
	return Candidate{Place: cs[best].Place, Score: bestScore}, true
}

// Rank returns every candidate of name scored in the context of h, best
// first; its first element is what Resolve returns.
func (g *Gazetteer) Rank(name string, h Hint) []Candidate {
	cs := g.Lookup(name)
	for i := range cs {
		cs[i].Score = contextScore(cs[i], h)
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Score > cs[j].Score })
	return cs
}

// contextScore weighs a candidate's Lookup score by the hint; it stays in
// [0,1]. A place outside the focus countries keeps 45% of its score,
// one far from every other place named a little less than half.
func contextScore(c Candidate, h Hint) float64 {
	country := 1.0
	if len(h.Countries) > 0 {
		country = 0.45
		for i, iso := range h.Countries {
			if strings.EqualFold(iso, c.Place.Country) {
				country = 1 - 0.1*float64(min(i, 3))
				break
			}
		}
	}
	near := 1.0
	// A country's point says little about where in it a report is.
	if len(h.Near) > 0 && c.Place.Kind != "country" {
		d := math.Inf(1)
		for _, p := range h.Near {
			if k := haversineKm(c.Place.Lat, c.Place.Lon, p[0], p[1]); k < d {
				d = k
			}
		}
		switch {
		case d <= 30:
			near = 1
		case d >= 400:
			near = 0.4
		default:
			near = 0.4 + 0.6*(1-(d-30)/370)
		}
	}
	return c.Score * country * near
}

// fnv1a hashes b (64-bit FNV-1a).
func fnv1a(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// spelling is how likely a name written as query is the indexed name
// form: each edit between the light keys divides the likelihood by 2.5.
func spelling(query string, form []byte) float64 {
	if query == string(form) {
		return 1
	}
	return math.Pow(0.4, float64(levenshtein(query, string(form))))
}

// levenshtein is the edit distance of two byte strings.
func levenshtein(a, b string) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	var buf [64]int
	row := buf[:0]
	if len(b)+1 > len(buf) {
		row = make([]int, 0, len(b)+1)
	}
	for j := 0; j <= len(b); j++ {
		row = append(row, j)
	}
	for i := 1; i <= len(a); i++ {
		prev := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			cur := row[j]
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			row[j] = min(row[j]+1, row[j-1]+1, prev+cost)
			prev = cur
		}
	}
	return row[len(b)]
}

// haversineKm is the great-circle distance in kilometres.
func haversineKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

// kindWeight ranks feature kinds for the prior: settlements and named
// sites before the large areas whose centroid is a poor point.
func kindWeight(kind string) float64 {
	switch kind {
	case "country":
		return 1
	case "city":
		return 0.8
	case "town", "base", "airport", "crossing", "dam", "field", "mine", "camp":
		return 0.6
	case "province", "district":
		return 0.5
	case "region", "desert", "mountain", "river", "valley", "road":
		return 0.45
	case "village":
		return 0.4
	}
	return 0.3
}

// priorOf scores a place before any context, in [0,1]; popEst stands in
// for an unknown (zero) population.
func priorOf(p *Place, popEst int, from source) float32 {
	n := p.Population
	if n == 0 {
		n = popEst
	}
	pop := math.Log10(float64(n)+1) / 7
	if pop > 1 {
		pop = 1
	}
	s := 0.5*pop + 0.3*kindWeight(p.Kind)
	switch from {
	case fromCurated:
		s += 0.3
	case fromUser:
		s += 0.2
	}
	if s > 1 {
		s = 1
	}
	return float32(s)
}

// CountryISO3 returns the ISO 3166-1 alpha-3 code of an alpha-2 code
// ("SY" -> "SYR"), or "" when unknown.
func CountryISO3(iso2 string) string {
	g, err := builtinGazetteer()
	if err != nil || g == nil {
		return ""
	}
	return g.iso3[strings.ToUpper(iso2)]
}
