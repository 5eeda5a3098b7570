package coder

import (
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/geo"
	"github.com/sitrep/sitrep/kb"
	"github.com/sitrep/sitrep/text"
)

// docInfo is everything the coder reads of one document, found once.
type docInfo struct {
	doc    *sitrep.Document
	text   string
	sents  []sentInfo
	locs   []geo.Location
	actors []actorRef
	// lastSource is the last named claim source, for "he said".
	dominant *geo.Location
	// dateline is the dateline's town, where the reporter sits.
	dateline *geo.Location
	// group is the one jihadist group the document names, once sought.
	group     *kb.Actor
	groupAt   int
	groupDone bool
	// siblings counts the triggers coded at several places.
	siblings int
}

// nextSiblings returns a new id for the drafts of one trigger coded at
// several places.
func (d *docInfo) nextSiblings() int {
	d.siblings++
	return d.siblings
}

// sentInfo is one sentence with its tokens and the mentions inside it.
type sentInfo struct {
	start, end int
	text       string
	para       int
	caption    bool
	toks       []tok // offsets relative to the sentence
	actors     []actorRef
	locs       []geo.Location
	times      []text.TimeExpr
	qty        []text.Quantity
	attrs      []text.Attribution
	analysed   bool
}

// actorRef is an actor mention with document offsets.
type actorRef struct {
	start, end int
	text       string
	actor      *kb.Actor
	unknown    bool // a candidate group not in the knowledge base
}

func (c *Coder) analyse(doc *sitrep.Document) *docInfo {
	d := &docInfo{doc: doc, text: doc.Text}
	paras := paragraphsOf(doc)
	ss := text.Sentences(doc.Text)
	// Sentences never span a paragraph break; split where the text
	// package did not.
	for _, s := range ss {
		for _, part := range splitAtParagraphs(s.Start, s.End, paras) {
			st, en := trimSpan(doc.Text, part[0], part[1])
			if st >= en {
				continue
			}
			pi := paraIndex(paras, st)
			si := sentInfo{start: st, end: en, text: doc.Text[st:en], para: pi}
			if pi >= 0 && paras[pi].Kind == sitrep.Caption {
				si.caption = true
			}
			d.sents = append(d.sents, si)
		}
	}
	if c.geo != nil {
		d.locs = c.geo.Locate(doc.Text, doc.Dateline)
		sort.SliceStable(d.locs, func(i, j int) bool { return d.locs[i].Start < d.locs[j].Start })
		var extra []geo.Location
		if doc.Dateline != "" {
			extra = c.geo.Locate(doc.Dateline, "")
		}
		d.locs = focusFilter(doc.Text, d.locs, extra, c.relocate)
		// A capitalised trigger word ("Shelling killed ...") is no place.
		kept := d.locs[:0]
		for _, l := range d.locs {
			if _, trig := c.rules.forms[strings.ToLower(doc.Text[l.Start:l.End])]; !trig {
				kept = append(kept, l)
			}
		}
		d.locs = kept
	}
	if c.kb.Actors != nil {
		for _, m := range c.kb.Actors.Mentions(doc.Text) {
			if m.Actor == nil {
				continue
			}
			d.actors = append(d.actors, actorRef{start: m.Start, end: m.End, text: m.Text, actor: m.Actor})
		}
		for _, m := range c.kb.Actors.Candidates(doc.Text) {
			if m.Actor == nil || overlapsActor(d.actors, m.Start, m.End) {
				continue
			}
			d.actors = append(d.actors, actorRef{start: m.Start, end: m.End, text: m.Text, actor: m.Actor, unknown: m.Actor.Key == ""})
		}
		sort.SliceStable(d.actors, func(i, j int) bool { return d.actors[i].start < d.actors[j].start })
	}
	li, ai := 0, 0
	for i := range d.sents {
		s := &d.sents[i]
		for li < len(d.locs) && d.locs[li].Start < s.start {
			li++
		}
		for k := li; k < len(d.locs) && d.locs[k].Start < s.end; k++ {
			s.locs = append(s.locs, d.locs[k])
		}
		for ai < len(d.actors) && d.actors[ai].start < s.start {
			ai++
		}
		for k := ai; k < len(d.actors) && d.actors[k].start < s.end; k++ {
			s.actors = append(s.actors, d.actors[k])
		}
	}
	d.dominant = dominantPlace(d.locs, doc.Dateline)
	if c.geo != nil && doc.Dateline != "" {
		// The dateline's town is where the story is told from: the place
		// of events the body does not place, unless the body is about
		// another country (a Syria story filed from Beirut or Amman).
		for _, l := range c.geo.Locate(doc.Dateline, "") {
			if l.Place == nil || l.Place.Kind == "country" {
				continue
			}
			l.Start, l.End = 0, 0
			d.dateline = &l
			if focus := focusCountry(d.locs, l.Place.ID); focus == "" || l.Country == focus {
				d.dominant = &l
			}
			break
		}
	}
	return d
}

// detail finds the tokens, times, quantities and attributions of a
// sentence, lazily: most sentences hold no trigger and never need them.
func (c *Coder) detail(d *docInfo, s *sentInfo) {
	if s.analysed {
		return
	}
	s.analysed = true
	s.times = c.pastTimes(s.text, text.Times(s.text, d.doc.Published), d.doc.Published)
	s.qty = text.Quantities(s.text)
	s.attrs = text.Attributions(s.text)
}

func overlapsActor(as []actorRef, st, en int) bool {
	for _, a := range as {
		if a.start < en && st < a.end {
			return true
		}
	}
	return false
}

// paragraphsOf returns the document's paragraphs, or splits its text at
// blank lines when the cleaner gave none.
func paragraphsOf(doc *sitrep.Document) []sitrep.Paragraph {
	if len(doc.Paragraphs) > 0 {
		return doc.Paragraphs
	}
	var ps []sitrep.Paragraph
	t := doc.Text
	start := 0
	for start < len(t) {
		i := strings.Index(t[start:], "\n\n")
		end := len(t)
		if i >= 0 {
			end = start + i
		}
		if end > start {
			ps = append(ps, sitrep.Paragraph{Start: start, End: end, Kind: sitrep.Body})
		}
		if i < 0 {
			break
		}
		start = end + 2
	}
	return ps
}

func paraIndex(ps []sitrep.Paragraph, off int) int {
	i := sort.Search(len(ps), func(i int) bool { return ps[i].End > off })
	if i < len(ps) && ps[i].Start <= off {
		return i
	}
	return -1
}

// splitAtParagraphs cuts [st,en) at paragraph ends and at single newlines
// (text without paragraph marks often has one line per sentence or item).
func splitAtParagraphs(st, en int, ps []sitrep.Paragraph) [][2]int {
	var out [][2]int
	cur := st
	for _, p := range ps {
		if p.End > cur && p.End < en {
			out = append(out, [2]int{cur, p.End})
			cur = p.End
		}
	}
	out = append(out, [2]int{cur, en})
	return out
}

func trimSpan(t string, st, en int) (int, int) {
	if en > len(t) {
		en = len(t)
	}
	if st < 0 {
		st = 0
	}
	for st < en && isSpaceByte(t[st]) {
		st++
	}
	for en > st && isSpaceByte(t[en-1]) {
		en--
	}
	return st, en
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }

// dominantPlace is the document's main place: the most often named
// town-level place, else the first place named.
func dominantPlace(locs []geo.Location, dateline string) *geo.Location {
	if len(locs) == 0 {
		return nil
	}
	count := map[string]int{}
	best, bestN := -1, 0
	for i, l := range locs {
		if l.Precision > 1 || l.Place == nil {
			continue
		}
		k := l.Place.ID
		count[k]++
		if count[k] > bestN {
			best, bestN = i, count[k]
		}
	}
	if best < 0 {
		best = 0
	}
	l := locs[best]
	return &l
}

// focusFilter drops misread places: a single capitalised word read as a
// place whose name it does not resemble ("Badia" read as a city in China)
// outside the countries the document names, an adjective of origin read as
// a town ("Turkish" as Ankara), a look-alike town far from every other town
// of the story, and expressions abroad that do not name their anchor.
// Dropped names are looked up again among the document's countries.
func focusFilter(text string, locs []geo.Location, extra []geo.Location, relocate func(string, geo.Location, map[string]bool) (geo.Location, bool)) []geo.Location {
	areas := map[string]bool{} // countries named as countries, provinces, regions or in the dateline
	focus2 := map[string]bool{}
	plain := func(l geo.Location) bool {
		m := text[l.Start:l.End]
		for _, w := range strings.Fields(m) {
			if r := []rune(w)[0]; !unicode.IsUpper(r) {
				return false
			}
		}
		return true
	}
	town := func(l geo.Location) bool {
		if l.Place == nil {
			return false
		}
		switch l.Place.Kind {
		case "country", "province", "region":
			return false
		}
		return true
	}
	for _, l := range extra {
		if l.Place != nil {
			areas[l.Country] = true
			focus2[l.Place.Country] = true
		}
	}
	for _, l := range locs {
		if l.Place != nil && l.Country != "" && !town(l) {
			areas[l.Country] = true
			focus2[l.Place.Country] = true
		}
	}
	isolated := func(l geo.Location) bool {
		others := false
		for _, o := range locs {
			if !town(o) || o.Place.ID == l.Place.ID {
				continue
			}
			others = true
			if geo.Distance(l.Lat, l.Lon, o.Lat, o.Lon) < 1500 {
				return false
			}
		}
		return others
	}
	towns := map[string]bool{}
	var out []geo.Location
	dropped := map[string]bool{}
	for _, l := range locs {
		keep := l.Place == nil || l.Country == ""
		if !keep {
			m := text[l.Start:l.End]
			switch {
			case plain(l) && isDemonym(m, l):
			case plain(l) && (foldName(m) == foldName(l.Place.Name) || foldName(m) == foldName(l.Name)):
				keep = true // the name itself: a roundup may range far
			case plain(l) && resemblesLoc(text, l):
				keep = !isolated(l)
			case plain(l):
				keep = areas[l.Country]
			default:
				keep = true
			}
		}
		if keep {
			if l.Place != nil && plain(l) && town(l) {
				towns[l.Country] = true
				focus2[l.Place.Country] = true
			}
			out = append(out, l)
			continue
		}
		dropped[l.Place.ID] = true
		if relocate != nil {
			if nl, ok := relocate(text[l.Start:l.End], l, focus2); ok {
				out = append(out, nl)
			}
		}
	}
	// Expressions and anaphors ("near the city of al-Bayda", "the area")
	// abroad keep their place only when they name it.
	kept := out[:0]
	for _, l := range out {
		if l.Place != nil && !plain(l) && dropped[l.Place.ID] && !towns[l.Country] {
			continue // an anaphor of a misread name
		}
		if l.Place != nil && !plain(l) && !areas[l.Country] && !towns[l.Country] && (len(areas) > 0 || len(towns) > 0) &&
			!strings.Contains(foldName(text[l.Start:l.End]), foldName(l.Place.Name)) && !namesAnchor(text[l.Start:l.End], l.Place.Name) {
			continue
		}
		kept = append(kept, l)
	}
	return kept
}

func resemblesLoc(text string, l geo.Location) bool {
	m := text[l.Start:l.End]
	return resembles(m, l.Place.Name) || resembles(m, l.Name)
}

// isDemonym reports whether a plain mention is an adjective of origin
// ("Turkish", "Saudi") read as a place of another name.
func isDemonym(m string, l geo.Location) bool {
	if strings.Contains(m, " ") || l.Place == nil || foldName(m) == foldName(l.Place.Name) || foldName(m) == foldName(l.Name) {
		return false
	}
	lm := strings.ToLower(m)
	for _, suf := range []string{"ian", "ish", "ese", "ean", "i", "an"} {
		if strings.HasSuffix(lm, suf) {
			return true
		}
	}
	return false
}

// resembles reports whether a mention and a place name share their first
// three letters once folded (case, diacritics, articles such as "al-").
func resembles(mention, name string) bool {
	a, b := foldName(mention), foldName(name)
	if len(a) < 3 || len(b) < 3 {
		return a == b
	}
	return a[:3] == b[:3]
}

// resemblesLoosely compares the first two consonants (w, y, h aside), for
// vowel-spelling variants ("Sweida", "As-Suwayda") among places already
// known to be in the document's countries.
func resemblesLoosely(mention, name string) bool {
	if resembles(mention, name) {
		return true
	}
	sk := func(s string) string {
		var b []byte
		for i := 0; i < len(s) && len(b) < 2; i++ {
			if !strings.ContainsRune("aeiouwyh", rune(s[i])) {
				b = append(b, s[i])
			}
		}
		return string(b)
	}
	a, b := sk(foldName(mention)), sk(foldName(name))
	return len(a) == 2 && a == b
}

var foldMap = map[rune]string{'ā': "a", 'á': "a", 'à': "a", 'â': "a", 'ä': "a", 'ã': "a", 'ī': "i", 'í': "i", 'ì': "i", 'î': "i", 'ı': "i", 'ï': "i",
	'ū': "u", 'ú': "u", 'ù': "u", 'û': "u", 'ü': "u", 'ō': "o", 'ó': "o", 'ò': "o", 'ô': "o", 'ö': "o", 'ē': "e", 'é': "e", 'è': "e", 'ê': "e", 'ë': "e",
	'ḩ': "h", 'ḥ': "h", 'ş': "s", 'ṣ': "s", 'š': "s", 'ç': "c", 'ğ': "g", 'ḑ': "d", 'ḍ': "d", 'ṭ': "t", 'ţ': "t", 'ẕ': "z", 'ẓ': "z", 'ž': "z", 'ñ': "n"}

func foldName(s string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ' ' || r == '-' }) {
		switch w {
		case "al", "el", "ar", "as", "ad", "an", "at", "az", "a", "the", "ash", "ad-", "tall", "tal", "tell":
			continue
		}
		for _, r := range w {
			switch {
			case r >= 'a' && r <= 'z':
				b.WriteRune(r)
			case foldMap[r] != "":
				b.WriteString(foldMap[r])
			}
		}
	}
	return b.String()
}

// relocate looks a misread name up again among the places of the
// document's countries (ISO2), keeping only a candidate whose name it
// resembles.
func (c *Coder) relocate(name string, l geo.Location, focus2 map[string]bool) (geo.Location, bool) {
	if c.kb.Places == nil {
		return geo.Location{}, false
	}
	for _, cand := range c.kb.Places.Lookup(name) {
		p := cand.Place
		if p == nil {
			continue
		}
		// Among the document's countries a looser likeness will do;
		// with none known, the name must look alike.
		if len(focus2) > 0 && (!focus2[p.Country] || !resemblesLoosely(name, p.Name)) || len(focus2) == 0 && !resembles(name, p.Name) {
			continue
		}
		prec := 1
		switch p.Kind {
		case "country", "province", "region", "desert", "mountain", "river", "valley":
			prec = 3
		}
		return geo.Location{Name: p.Name, Lat: p.Lat, Lon: p.Lon, Admin1: p.Admin1, Country: kb.CountryISO3(p.Country),
			Precision: prec, Place: p, Start: l.Start, End: l.End}, true
	}
	return geo.Location{}, false
}

// pastTimes drops the time expressions that name a day ahead of the
// report: one after a word of the future ("a truce starting from July 21")
// and a day and month without a year that text.Times put almost a year
// back but that falls within futureDays after publication (in a July 16
// story, "July 21" is five days ahead, not last year).
func (c *Coder) pastTimes(sent string, ts []text.TimeExpr, pub time.Time) []text.TimeExpr {
	out := ts[:0]
	for _, t := range ts {
		before := strings.ToLower(strings.TrimSpace(sent[:t.Start]))
		ahead := false
		for _, w := range c.rules.futureTime {
			if strings.HasSuffix(before, w) {
				ahead = true
				break
			}
		}
		if !ahead && !pub.IsZero() && !t.Date.IsZero() && !hasYear(t.Text) {
			next := t.Date.AddDate(1, 0, 0)
			if gap := next.Sub(pub); gap > 0 && gap <= futureDays*24*time.Hour && pub.Sub(t.Date) > 300*24*time.Hour {
				ahead = true
			}
		}
		if !ahead {
			out = append(out, t)
		}
	}
	return out
}

// futureDays is how far ahead of publication a yearless date may lie to
// be read as a coming day rather than one almost a year ago.
const futureDays = 45

// hasYear reports whether s holds a four-digit number.
func hasYear(s string) bool {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
			if n == 4 {
				return true
			}
		} else {
			n = 0
		}
	}
	return false
}

// namesAnchor reports whether a mention opens with the first word of the
// place's name ("Hama military airport" names Hama Air Base).
func namesAnchor(mention, name string) bool {
	f := strings.Fields(name)
	if len(f) == 0 {
		return false
	}
	fw := foldName(f[0])
	return len(fw) >= 3 && strings.HasPrefix(foldName(mention), fw)
}

// focusCountry is the country most places of the body lie in (the
// dateline's place skipped), "" when the body names none.
func focusCountry(locs []geo.Location, skipID string) string {
	n := map[string]int{}
	best, bn := "", 0
	for _, l := range locs {
		if l.Place == nil || l.Country == "" || l.Place.ID == skipID {
			continue
		}
		n[l.Country]++
		if n[l.Country] > bn {
			best, bn = l.Country, n[l.Country]
		}
	}
	return best
}
