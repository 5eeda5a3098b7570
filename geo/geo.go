// Package geo turns the place expressions of a report into coordinates.
//
// Locate reads a document in five steps:
//
//  1. Mentions: the gazetteer's mentions, re-ranked by the spelling of the
//     alias matched (names that only sound like a place are dropped) and
//     filtered for plausibility: a candidate outside the theatre and the
//     dateline's country must be curated, a town of some size in a country
//     the text names, an exactly spelled city of 100,000 or more, or lie
//     within 150 km of another place the text names. Demonyms are never
//     places. Mentions inside a paragraph's dateline ("AMMAN:") only
//     inform the focus.
//  2. Disambiguation at the level of the document: each candidate scores its
//     prior, plus its country's share of the document's focus (dateline,
//     countries named, unambiguous places, a weak theatre prior from
//     data/cues.yaml), plus closeness to the places chosen for the other
//     names, plus population; a country's name means the country, and a
//     province loses to the town of the same name unless the text says
//     "province".
//  3. Relative expressions read from the words around each mention:
//     distances ("roughly 60km southwest of", "some 50 km (30 miles)
//     south-east of", "20 to 30 km north of") move the anchor along a great
//     circle (precision 2); a bare direction ("south of Tabqa") moves it
//     bare_direction_km, 20 km, a short drive out of town (precision 2), or,
//     for a country or province, towards that side by km_by_kind
//     (precision 3); "near", "close to", "outside", "20 km from" keep the
//     anchor's point (precision 2); parts ("the outskirts of X" precision 1,
//     "the eastern edge of X province", "Hama's northern countryside",
//     "eastern Syria") move towards the side named by km_by_kind unless the
//     gazetteer knows the part itself ("Eastern Qalamoun"); suffixes and
//     descriptors choose the kind ("Raqqa province", "the province of
//     Raqqa", "the a-Tanf border crossing", "rural Damascus"); "between X
//     and Y" is the midpoint (precision 2); borders ("near the Jordanian
//     border", "the borders with Iraq and Jordan") take a curated border
//     area or the midpoint of the countries' centres (precision 3), as does
//     "near Iraq" in a report about Syria; "the Syrian capital" is the
//     capital city.
//  4. Anaphors ("the city", "the besieged town", "the outpost", "the
//     province", "the provincial capital", "the city of the same name",
//     "the area", "there") take the most recent compatible location
//     before them, by kind; "the outpost", "the area" and "there" take the
//     whole earlier expression ("near al-Tanf"), the others the place it
//     names.
//  5. Admin1 and the ISO3 country: the place's own, or the admin1 polygon
//     of a moved point.
//
// Geo precision follows the guidelines: 1 the place itself or its
// outskirts; 2 near a place, a relative location, or a small area (a
// mountain, a district, a region named after a nearby town such as Jurud
// Arsal); 3 a region, province or country. All cue words live in
// data/cues.yaml.
package geo

import (
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/sitrep/sitrep/kb"
)

// Location is one resolved place expression of a document.
type Location struct {
	Name      string // as it should be printed: "Raqqa", "60 km southwest of Palmyra", "near al-Tanf"
	Lat, Lon  float64
	Admin1    string
	Country   string // ISO 3166-1 alpha-3
	Precision int    // 1 town/outskirts, 2 near a town / relative / small area, 3 region or province
	Place     *kb.Place
	// Start and End are the byte span in the document text of the whole
	// expression ("about 45km northeast of the old town of Homs").
	Start, End int
}

// placeIndex is what the resolver needs of a gazetteer; *kb.Gazetteer
// provides it.
type placeIndex interface {
	Lookup(name string) []kb.Candidate
	Mentions(text string) []kb.PlaceMention
	Admin1At(lat, lon float64) (admin1, iso2 string)
}

// restrictedLookup is what a placeIndex may add to look a name up among
// given candidates only; *kb.Gazetteer provides it.
type restrictedLookup interface {
	LookupAmong(name string, among []kb.Candidate) ([]kb.Candidate, bool)
}

// Resolver locates the place expressions of documents. It is safe for
// concurrent use.
type Resolver struct {
	g         placeIndex
	cues      *compiledCues
	countries countryIndex
	dateline  *regexp.Regexp
	// townAreas caches namedAfterTown per place: places are immutable.
	townAreas sync.Map
	// tokens recycles token slices between documents.
	tokens sync.Pool
}

// NewResolver returns a resolver over the gazetteer g with the built-in cue
// words.
func NewResolver(g *kb.Gazetteer) *Resolver {
	return NewResolverWithCues(g, DefaultCues())
}

// NewResolverWithCues returns a resolver over the gazetteer g reading the
// given cue words.
func NewResolverWithCues(g *kb.Gazetteer, c *Cues) *Resolver {
	if g == nil {
		return newResolver(nil, c)
	}
	return newResolver(g, c)
}

func newResolver(g placeIndex, c *Cues) *Resolver {
	return &Resolver{
		g:         g,
		cues:      compileCues(c),
		countries: newCountryIndex(g, c),
		// A dateline opens a paragraph: "AMMAN:", "ERBIL, Kurdistan Region –",
		// "BEIRUT (Reuters) -".
		dateline: regexp.MustCompile(`^\s*[A-Z][A-Z'’.\- ]{1,40}(?:,\s*[A-Z][\p{L} .'’\-]{1,40})?(?:\s*\([^)\n]{1,30}\))?\s*(?::|–|—|\s-)\s`),
	}
}

// located is a Location with what the resolver needs while building it.
type located struct {
	Location
	mention string // the gazetteer mention's text
	m       kb.PlaceMention
	kind    string  // what the expression names: "province" for "Raqqa province" even when only the town is known
	rel     relKind // the relative form, relNone for the place itself
}

// Locate finds and resolves every place expression in a document's text:
// gazetteer mentions disambiguated by the document's country focus (its
// dateline, the countries it names, its unambiguous places, a weak theatre
// prior) and by proximity to its other places; relative locations moved by
// their offsets; and anaphors ("the city", "the outpost", "the province",
// "the town of the same name", "there") resolved to the most recent
// compatible place. Places in a paragraph's dateline only inform the focus.
// The result is sorted by Start; it is empty when the resolver has no
// gazetteer.
func (r *Resolver) Locate(text string, dateline string) []Location {
	if r == nil || r.g == nil || text == "" {
		return nil
	}
	ms := r.g.Mentions(text)
	var toks []token
	if buf, ok := r.tokens.Get().(*[]token); ok {
		toks = appendTokens((*buf)[:0], text)
		defer func() {
			*buf = toks[:0]
			r.tokens.Put(buf)
		}()
	} else {
		toks = tokenize(text)
		defer func() { r.tokens.Put(&toks) }()
	}
	datelineEnds := r.datelineSpans(text)
	picks, focus := r.disambiguate(tokenView(toks), ms, dateline, datelineEnds)
	locs := make([]located, 0, len(picks)+4)
	for _, p := range picks {
		if p.place == nil || p.inDateline || r.compound(text, p.m.End) {
			continue
		}
		locs = append(locs, r.expand(text, tokenView(toks), p))
	}
	locs = dropOverlaps(locs)
	r.sharedSuffix(text, tokenView(toks), locs)
	r.nearForeignCountry(locs, focus)
	extra := r.borders(text, tokenView(toks), locs, focus)
	extra = append(extra, r.between(tokenView(toks), locs)...)
	extra = append(extra, r.capitals(tokenView(toks), locs, focus)...)
	if len(extra) > 0 {
		locs = dropOverlaps(append(locs, extra...))
	}
	locs = r.dropMetonyms(tokenView(toks), locs)
	locs = r.anaphora(tokenView(toks), locs)
	out := make([]Location, len(locs))
	for i := range locs {
		out[i] = locs[i].Location
	}
	return out
}

// datelineSpans returns [start,end) byte spans of paragraph datelines.
func (r *Resolver) datelineSpans(text string) [][2]int {
	var spans [][2]int
	for pos := 0; pos < len(text); {
		end := pos + 80
		if end > len(text) {
			end = len(text)
		}
		if loc := r.dateline.FindStringIndex(text[pos:end]); loc != nil {
			spans = append(spans, [2]int{pos, pos + loc[1]})
		}
		next := strings.IndexByte(text[pos:], '\n')
		if next < 0 {
			break
		}
		pos += next + 1
	}
	return spans
}

// dropOverlaps keeps, of overlapping locations, the one starting first (the
// longer when they start together).
func dropOverlaps(locs []located) []located {
	sort.SliceStable(locs, func(i, j int) bool {
		if locs[i].Start != locs[j].Start {
			return locs[i].Start < locs[j].Start
		}
		return locs[i].End > locs[j].End
	})
	out := locs[:0]
	end := -1
	for _, l := range locs {
		if l.Start < end {
			continue
		}
		out = append(out, l)
		end = l.End
	}
	return out
}

// compound reports whether the mention ending at end is the first half of
// a hyphenated adjective ("Iran-backed", "Raqqa-based").
func (r *Resolver) compound(text string, end int) bool {
	if end >= len(text) || text[end] != '-' {
		return false
	}
	j := end + 1
	for j < len(text) && (text[j] >= 'a' && text[j] <= 'z' || text[j] >= 'A' && text[j] <= 'Z') {
		j++
	}
	return r.cues.compounds[strings.ToLower(text[end+1:j])]
}
