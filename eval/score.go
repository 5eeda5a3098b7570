package eval

import (
	"cmp"
	"math"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geo"

	"github.com/sitrep/sitrep"
)

// Counts are true positives, false positives and false negatives with the
// measures derived from them.
type Counts struct {
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func (c *Counts) finish() {
	c.Precision, c.Recall, c.F1 = 0, 0, 0
	if c.TP+c.FP > 0 {
		c.Precision = float64(c.TP) / float64(c.TP+c.FP)
	}
	if c.TP+c.FN > 0 {
		c.Recall = float64(c.TP) / float64(c.TP+c.FN)
	}
	if c.Precision+c.Recall > 0 {
		c.F1 = 2 * c.Precision * c.Recall / (c.Precision + c.Recall)
	}
}

// Attribute is the agreement on one field over the matched pairs where the
// gold states it.
type Attribute struct {
	Name     string  `json:"name"`
	Correct  int     `json:"correct"`
	Total    int     `json:"total"`
	Accuracy float64 `json:"accuracy"`
}

// Attribute names, in report order.
const (
	AttrSubEventType      = "sub_event_type"
	AttrActor1            = "actor1"
	AttrActor2            = "actor2"
	AttrDate              = "date"
	AttrFatalities        = "fatalities"
	AttrCivilianTargeting = "civilian_targeting"
	AttrGeoPrecision      = "geo_precision"
)

// Item describes a gold or system event in the lists of missed and
// spurious events.
type Item struct {
	Doc          string   `json:"doc"`
	ID           string   `json:"id"`
	EventType    string   `json:"event_type"`
	SubEventType string   `json:"sub_event_type"`
	Actor1       string   `json:"actor1"`
	Actor2       string   `json:"actor2"`
	Location     string   `json:"location"`
	Lat          *float64 `json:"lat"`
	Lon          *float64 `json:"lon"`
	Date         string   `json:"date"`
	Evidence     string   `json:"evidence"`
}

// Pair is a matched gold and system event.
type Pair struct {
	Gold       string   `json:"gold"`   // gold ID
	System     string   `json:"system"` // system event ID
	Doc        string   `json:"doc"`
	EventType  string   `json:"event_type"`
	DistanceKm *float64 `json:"distance_km"`        // nil when either side has no point
	Disagree   []string `json:"disagree,omitempty"` // attributes that differ
}

// Report is the outcome of scoring.
type Report struct {
	Gold     int `json:"gold"`     // gold events, optional ones included
	Optional int `json:"optional"` // optional gold events
	System   int `json:"system"`   // system events scored
	// OutOfScope counts system events left out because they come from
	// documents the gold does not cover (see Score).
	OutOfScope int `json:"out_of_scope"`
	// OptionalMatched counts system events paired with optional gold
	// events: removed from the counts.
	OptionalMatched int               `json:"optional_matched"`
	Overall         Counts            `json:"overall"`
	ByType          map[string]Counts `json:"by_type"`
	Attributes      []Attribute       `json:"attributes"`
	// Location errors over matched pairs where both sides have a point.
	LocationErrors      int     `json:"location_errors"`
	MedianLocationErrKm float64 `json:"median_location_error_km"`
	MeanLocationErrKm   float64 `json:"mean_location_error_km"`
	Matched             []Pair  `json:"matched"`
	Missed              []Item  `json:"missed"`
	Spurious            []Item  `json:"spurious"`
}

// mismatchCost is what one disagreeing attribute adds to a pair's cost,
// whose distance part runs from 0 to 1.
const mismatchCost = 0.3

// facts are what matching compares of an event, worked out once: its
// actor keys and its date as a day number.
type facts struct {
	actor1, actor2 string
	dated          bool  // a date is given
	dayOK          bool  // and it parses
	day            int64 // days since 1970-01-01
}

func newFacts(keys *ActorKeys, actor1, actor2, date string) facts {
	f := facts{actor1: keys.Key(actor1), actor2: keys.Key(actor2), dated: date != ""}
	if t, err := time.Parse(time.DateOnly, date); err == nil {
		f.dayOK, f.day = true, t.Unix()/86400
	}
	return f
}

// candidate is a possible gold/system pair.
type candidate struct {
	g, s    int
	cost    float64
	distKm  float64
	hasDist bool
}

// Score matches system events to gold events by the rule in the package
// documentation and measures the result. When every gold event names its
// document, only system events from those documents are scored: a database
// holds more than the gold annotated (a document annotated as having no
// event at all cannot be told apart, and is left out too). keys maps actor names of both
// sides to keys; nil compares names as they are.
func Score(gold []Gold, sys []sitrep.Event, keys *ActorKeys) Report {
	scoped := inScope(gold, sys)
	rep := Report{Gold: len(gold), System: len(scoped), OutOfScope: len(sys) - len(scoped), ByType: map[string]Counts{},
		Matched: []Pair{}, Missed: []Item{}, Spurious: []Item{}} // [] rather than null in JSON
	sys = scoped
	for _, g := range gold {
		if g.Optional {
			rep.Optional++
		}
	}
	// Candidates by gold optionality.
	var required, optional []candidate
	// Actor keys once per event: the table is a list of regular expressions.
	gk := make([]facts, len(gold))
	for i := range gold {
		gk[i] = newFacts(keys, gold[i].Actor1, gold[i].Actor2, gold[i].Date)
	}
	sk := make([]facts, len(sys))
	for i := range sys {
		sk[i] = newFacts(keys, sys[i].Actor1, sys[i].Actor2, sys[i].EventDate)
	}
	idx := newSystemIndex(sys)
	for gi := range gold {
		for _, si := range idx.candidates(&gold[gi]) {
			c, ok := pairCost(&gold[gi], &sys[si], gk[gi], sk[si])
			if !ok {
				continue
			}
			c.g, c.s = gi, si
			if gold[gi].Optional {
				optional = append(optional, c)
			} else {
				required = append(required, c)
			}
		}
	}
	goldUsed := make([]bool, len(gold))
	sysUsed := make([]bool, len(sys))
	matched := greedy(required, goldUsed, sysUsed)
	rep.OptionalMatched = len(greedy(optional, goldUsed, sysUsed))

	attrs := map[string]*Attribute{}
	order := []string{AttrSubEventType, AttrActor1, AttrActor2, AttrDate, AttrFatalities, AttrCivilianTargeting, AttrGeoPrecision}
	for _, n := range order {
		attrs[n] = &Attribute{Name: n}
	}
	var dists []float64
	byType := map[string]*Counts{}
	counts := func(t string) *Counts {
		if byType[t] == nil {
			byType[t] = &Counts{}
		}
		return byType[t]
	}
	for _, c := range matched {
		g, s := &gold[c.g], &sys[c.s]
		rep.Overall.TP++
		counts(g.EventType).TP++
		p := Pair{Gold: g.ID, System: s.ID, Doc: docOf(s), EventType: g.EventType}
		if c.hasDist {
			d := round(c.distKm, 3)
			p.DistanceKm = &d
			dists = append(dists, c.distKm)
		}
		for _, n := range order {
			ok, scored := attrAgrees(n, g, s, gk[c.g], sk[c.s])
			if !scored {
				continue
			}
			attrs[n].Total++
			if ok {
				attrs[n].Correct++
			} else {
				p.Disagree = append(p.Disagree, n)
			}
		}
		rep.Matched = append(rep.Matched, p)
	}
	for gi := range gold {
		g := &gold[gi]
		if goldUsed[gi] || g.Optional {
			continue
		}
		rep.Overall.FN++
		counts(g.EventType).FN++
		rep.Missed = append(rep.Missed, Item{Doc: g.Doc, ID: g.ID, EventType: g.EventType, SubEventType: g.SubEventType,
			Actor1: g.Actor1, Actor2: g.Actor2, Location: g.Location, Lat: g.Lat, Lon: g.Lon, Date: g.Date, Evidence: g.Evidence})
	}
	for si := range sys {
		if sysUsed[si] {
			continue
		}
		s := &sys[si]
		rep.Overall.FP++
		counts(s.EventType).FP++
		it := Item{Doc: docOf(s), ID: s.ID, EventType: s.EventType, SubEventType: s.SubEventType,
			Actor1: s.Actor1, Actor2: s.Actor2, Location: s.Location, Lat: s.Latitude, Lon: s.Longitude, Date: s.EventDate}
		if len(s.Sources) > 0 {
			it.Evidence = s.Sources[0].Sentence
		}
		rep.Spurious = append(rep.Spurious, it)
	}
	rep.Overall.finish()
	for t, c := range byType {
		c.finish()
		rep.ByType[t] = *c
	}
	for _, n := range order {
		a := attrs[n]
		if a.Total > 0 {
			a.Accuracy = float64(a.Correct) / float64(a.Total)
		}
		rep.Attributes = append(rep.Attributes, *a)
	}
	rep.LocationErrors = len(dists)
	if len(dists) > 0 {
		sort.Float64s(dists)
		sum := 0.0
		for _, d := range dists {
			sum += d
		}
		rep.MeanLocationErrKm = round(sum/float64(len(dists)), 3)
		m := len(dists) / 2
		if len(dists)%2 == 1 {
			rep.MedianLocationErrKm = round(dists[m], 3)
		} else {
			rep.MedianLocationErrKm = round((dists[m-1]+dists[m])/2, 3)
		}
	}
	return rep
}

// greedy takes candidate pairs best first, skipping those whose gold or
// system event is taken, and returns the pairs taken in that order.
func greedy(cands []candidate, goldUsed, sysUsed []bool) []candidate {
	slices.SortFunc(cands, func(a, b candidate) int {
		if c := cmp.Compare(a.cost, b.cost); c != 0 {
			return c
		}
		if a.g != b.g {
			return cmp.Compare(a.g, b.g)
		}
		return cmp.Compare(a.s, b.s)
	})
	var out []candidate
	for _, c := range cands {
		if goldUsed[c.g] || sysUsed[c.s] {
			continue
		}
		goldUsed[c.g], sysUsed[c.s] = true, true
		out = append(out, c)
	}
	return out
}

// inScope returns the system events from documents the gold covers: all
// of them when some gold event names no document.
func inScope(gold []Gold, sys []sitrep.Event) []sitrep.Event {
	docs := map[string]bool{}
	for i := range gold {
		if gold[i].Doc == "" {
			return sys
		}
		docs[gold[i].Doc] = true
		docs[path.Base(gold[i].Doc)] = true
	}
	if len(docs) == 0 {
		return sys
	}
	out := make([]sitrep.Event, 0, len(sys))
	for i := range sys {
		d := docOf(&sys[i])
		if docs[d] || docs[path.Base(d)] {
			out = append(out, sys[i])
		}
	}
	return out
}

// systemIndex finds the system events that may pair with a gold event
// without comparing every pair: by document name (and its base name), and
// by date for gold events without a document.
type systemIndex struct {
	byDoc  map[string][]int
	byDate map[string][]int
	all    []int
}

func newSystemIndex(sys []sitrep.Event) *systemIndex {
	x := &systemIndex{byDoc: map[string][]int{}, byDate: map[string][]int{}, all: make([]int, len(sys))}
	for i := range sys {
		x.all[i] = i
		d := docOf(&sys[i])
		x.byDoc[d] = append(x.byDoc[d], i)
		if b := path.Base(d); b != d {
			x.byDoc[b] = append(x.byDoc[b], i)
		}
		x.byDate[sys[i].EventDate] = append(x.byDate[sys[i].EventDate], i)
	}
	return x
}

// candidates lists system event indexes in increasing order; pairCost has
// the last word.
func (x *systemIndex) candidates(g *Gold) []int {
	if g.Doc != "" {
		out := x.byDoc[g.Doc]
		if b := path.Base(g.Doc); b != g.Doc {
			out = append(append([]int(nil), out...), x.byDoc[b]...)
			sort.Ints(out)
			out = slices.Compact(out)
		}
		return out
	}
	day, err := time.Parse(time.DateOnly, g.Date)
	if err != nil {
		return x.all
	}
	tol := int(dateTolerance(g.DatePrecision))
	var out []int
	for d := -tol; d <= tol; d++ {
		out = append(out, x.byDate[day.AddDate(0, 0, d).Format(time.DateOnly)]...)
	}
	sort.Ints(out)
	return out
}

// sameDoc reports whether a system event's document is the gold's: the
// same name, or the same file name when one side is a path or URL.
func sameDoc(gold, sys string) bool {
	return gold == sys || path.Base(sys) == gold || path.Base(gold) == path.Base(sys)
}

// docOf returns the name of the document an event was coded from.
func docOf(e *sitrep.Event) string {
	if len(e.Sources) == 0 {
		return ""
	}
	return e.Sources[0].Doc
}

// pairCost says whether g and s may be paired and at what cost.
func pairCost(g *Gold, s *sitrep.Event, gk, sk facts) (candidate, bool) {
	var c candidate
	if g.Doc != "" {
		if !sameDoc(g.Doc, docOf(s)) {
			return c, false
		}
	} else if g.Date != "" {
		if ok, _ := dateAgrees(g, gk, sk); !ok {
			return c, false // across documents only the date ties them
		}
	}
	if !sameType(g, s.EventType) {
		return c, false
	}
	c.cost = 1
	switch {
	case g.Lat != nil && s.Latitude != nil && s.Longitude != nil:
		if math.Abs(*g.Lat-*s.Latitude)*kmPerDegreeLat > g.Radius() {
			return c, false // cheap test first: a degree of latitude is ~111 km everywhere
		}
		c.distKm = distanceKm(*g.Lat, *g.Lon, *s.Latitude, *s.Longitude)
		c.hasDist = true
		if c.distKm > g.Radius() {
			return c, false
		}
		c.cost = c.distKm / g.Radius()
	case g.Lat != nil && g.GeoPrecision != 3:
		return c, false // the gold knows the town; a system without a point does not
	}
	for _, n := range []string{AttrSubEventType, AttrActor1, AttrActor2, AttrDate} {
		if ok, scored := attrAgrees(n, g, s, gk, sk); scored && !ok {
			c.cost += mismatchCost
		}
	}
	return c, true
}

func sameType(g *Gold, t string) bool {
	if strings.EqualFold(g.EventType, t) {
		return true
	}
	for _, a := range g.AltEventTypes {
		if strings.EqualFold(a, t) {
			return true
		}
	}
	return false
}

// attrAgrees compares one attribute; scored is false when the gold does not
// state it (a UCDP sub-type, a zero geo precision).
func attrAgrees(name string, g *Gold, s *sitrep.Event, gk, sk facts) (ok, scored bool) {
	switch name {
	case AttrSubEventType:
		if g.SubEventType == "" {
			return false, false
		}
		return strings.EqualFold(g.SubEventType, s.SubEventType), true
	case AttrActor1:
		return gk.actor1 == sk.actor1, true
	case AttrActor2:
		return gk.actor2 == sk.actor2, true
	case AttrDate:
		return dateAgrees(g, gk, sk)
	case AttrFatalities:
		if g.Fatalities == nil || s.Fatalities == nil {
			return g.Fatalities == nil && s.Fatalities == nil, true
		}
		return *g.Fatalities == *s.Fatalities, true
	case AttrCivilianTargeting:
		return g.CivilianTargeting == s.CivilianTargeting, true
	case AttrGeoPrecision:
		if g.GeoPrecision == 0 {
			return false, false
		}
		return g.GeoPrecision == s.GeoPrecision, true
	}
	return false, false
}

// dateTolerance is how many days a system date may be from the gold date
// at each gold date precision: the day; a week or span (the gold gives its
// middle day); a month (the gold gives its middle).
func dateTolerance(precision int) int64 {
	switch precision {
	case 2:
		return 3
	case 3:
		return 15
	}
	return 0
}

// dateAgrees compares dates: exact, or within the gold's precision. A gold
// without a date (unknown publication date, no absolute date in the text)
// agrees only with a system that gives none either.
func dateAgrees(g *Gold, gf, sf facts) (ok, scored bool) {
	if !gf.dated {
		return !sf.dated, true
	}
	if !gf.dayOK {
		return false, false
	}
	if !sf.dayOK {
		return false, true
	}
	d := sf.day - gf.day
	if d < 0 {
		d = -d
	}
	return d <= dateTolerance(g.DatePrecision), true
}

// kmPerDegreeLat is the shortest length of a degree of latitude (at the
// equator), so the latitude test never rejects a pair within the radius.
const kmPerDegreeLat = 110.57

func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	return geo.DistanceHaversine(orb.Point{lon1, lat1}, orb.Point{lon2, lat2}) / 1000
}

func round(x float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(x*p) / p
}
