package coder

import (
	"math"
	"strings"
	"time"

	"github.com/sitrep/sitrep/geo"
	"github.com/sitrep/sitrep/kb"
	"github.com/sitrep/sitrep/text"
)

// usableLoc reports whether a location may be the place of an event: not a
// word inside an actor's name ("Syrian Democratic Forces", "Raqqa military
// council").
func (d *docInfo) usableLoc(l geo.Location) bool {
	return !overlapsActor(d.actors, l.Start, l.End)
}

// places picks the place(s) of the event of trigger h: the location of the
// sentence closest to the trigger (after it and behind a preposition
// preferred, the more specific preferred), else the last one named earlier in
// the paragraph, else the document's main place. fallback says which.
func (c *Coder) places(d *docInfo, si int, toks []tok, h hit, anaphoric bool) ([]geo.Location, int) {
	s := &d.sents[si]
	tStart := s.start + toks[h.ti].start
	tEnd := s.start + toks[h.te-1].end
	// Prefer the places of the trigger's own clause.
	cs := s.start + toks[c.clauseStart(toks, h.ti, 60)].start
	ce := s.end
	ext := -1 // the comma that ends the clause, when an appositive place may follow
	for j := h.te; j < len(toks); j++ {
		if t := toks[j]; t.punct && strings.ContainsAny(t.text, ",;:()") || c.rules.clauseBreaks[t.lower] && t.lower != "that" {
			if t.text == "," && j+1 < len(toks) && (toks[j+1].lower == "including" || toks[j+1].lower == "and") {
				continue
			}
			ce = s.start + t.start
			if t.text == "," {
				ext = j
			}
			break
		}
	}
	inClause, fine := false, false
	for _, l := range s.locs {
		if d.usableLoc(l) && l.Start >= cs && l.End <= ce {
			inClause = true
			fine = fine || l.Precision < 3
		}
	}
	if inClause && !fine && ext >= 0 && ext+1 < len(toks) && c.prepBefore(toks, toks[ext+1].end) {
		// A region in the clause ("east of the Euphrates") gives way to the
		// town named in the locative that follows (", around the town of
		// Hajin").
		ce2 := s.end
		for j := ext + 2; j < len(toks); j++ {
			if t := toks[j]; t.punct && strings.ContainsAny(t.text, ",;:()") || c.rules.clauseBreaks[t.lower] && t.lower != "that" {
				ce2 = s.start + t.start
				break
			}
		}
		for _, l := range s.locs {
			if d.usableLoc(l) && l.Start >= ce && l.End <= ce2 && l.Precision < 3 {
				ce = ce2
				break
			}
		}
	}
	best, bestCost := -1, math.MaxFloat64
	for k, l := range s.locs {
		if !d.usableLoc(l) || inClause && (l.Start < cs || l.End > ce) {
			continue
		}
		if k > 0 && containerOf(s, s.locs[k-1], l) && d.usableLoc(s.locs[k-1]) {
			// "between Sarmada and Dana in northern Idlib": the second
			// place only says where the first one lies.
			continue
		}
		var cost float64
		if l.Start >= tEnd {
			cost = float64(l.Start - tEnd)
		} else if l.End <= tStart {
			cost = 1.5*float64(tStart-l.End) + 30
		} else {
			cost = 0
		}
		cost += 60 * float64(l.Precision-1)
		if l.Place != nil && l.Place.Kind == "country" {
			cost += 80
		}
		if c.prepBefore(toks, l.Start-s.start) {
			cost -= 25
		}
		if cost < bestCost {
			best, bestCost = k, cost
		}
	}
	if best >= 0 && !anaphoric {
		out := []geo.Location{s.locs[best]}
		if h.pattern.Territory && s.locs[best].Start >= tEnd {
			out = append(out, c.conjoinedPlaces(d, s, toks, best)...)
		}
		return out, 0
	}
	for j := si - 1; j >= 0 && (d.sents[j].para == s.para && s.para >= 0 || j >= si-2); j-- {
		ls := d.sents[j].locs
		for k := len(ls) - 1; k >= 0; k-- {
			if d.usableLoc(ls[k]) {
				return []geo.Location{ls[k]}, 1
			}
		}
	}
	// A village the gazetteer does not know ("the village of Bocaranga")
	// lies nearer the reporter than the other country a roundup moves to.
	if d.dateline != nil && d.dateline != d.dominant && c.namesUnknownPlace(toks) {
		return []geo.Location{*d.dateline}, 2
	}
	if d.dominant != nil {
		return []geo.Location{*d.dominant}, 2
	}
	return nil, 3
}

// containerOf reports whether place b directly follows place a as its
// container ("a in b", "a, b"): whatever b's precision, a written first and
// placed by b is the finer statement.
func containerOf(s *sentInfo, a, b geo.Location) bool {
	if a.End > b.Start || a.End < s.start || b.Start > s.end || a.Precision > 2 {
		return false
	}
	switch strings.TrimSpace(s.text[a.End-s.start : b.Start-s.start]) {
	case "in", ",", ", in":
		return true
	}
	return false
}

// conjoinedPlaces returns the places joined to s.locs[k] by "and" or commas
// ("took X, Y and Z"): each is a capture of its own.
func (c *Coder) conjoinedPlaces(d *docInfo, s *sentInfo, toks []tok, k int) []geo.Location {
	var out []geo.Location
	prev := s.locs[k]
	for n := k + 1; n < len(s.locs); n++ {
		l := s.locs[n]
		if !d.usableLoc(l) || l.Precision > 2 || l.Place != nil && prev.Place != nil && l.Place.ID == prev.Place.ID {
			break
		}
		if !onlyListWords(toks, prev.End-s.start, l.Start-s.start) {
			break
		}
		// "Jandairis, southwest of Afrin": a relative place after a bare
		// comma says where the first lies; only "and" joins another.
		if first := s.text[l.Start-s.start]; (first >= 'a' && first <= 'z' || first >= '0' && first <= '9') && !strings.Contains(s.text[prev.End-s.start:l.Start-s.start], "and") {
			break
		}
		out = append(out, l)
		prev = l
	}
	return out
}

var listWords = map[string]bool{"and": true, ",": true, "the": true, "town": true, "towns": true, "village": true, "villages": true, "city": true, "of": true, "nearby": true, "neighbouring": true, "neighboring": true}

func onlyListWords(toks []tok, from, to int) bool {
	saw := false
	for _, t := range toks {
		if t.start < from || t.end > to {
			continue
		}
		if !listWords[t.lower] {
			return false
		}
		if t.lower == "and" || t.lower == "," {
			saw = true
		}
	}
	return saw
}

// prepBefore reports whether a place preposition stands right before the
// byte offset off of the sentence.
func (c *Coder) prepBefore(toks []tok, off int) bool {
	j := -1
	for k, t := range toks {
		if t.end <= off {
			j = k
		} else {
			break
		}
	}
	for back := 0; back <= 2 && j-back >= 0; back++ {
		for _, p := range c.rules.placePreps {
			st := j - back - len(p) + 1
			if st < 0 {
				continue
			}
			if e, ok := phraseAt(toks, st, p, false); ok && e == j-back+1 {
				return true
			}
		}
		// Allow "the", "town of" between the preposition and the name.
		if w := toks[j-back].lower; w != "the" && w != "of" && w != "town" && w != "city" && w != "village" {
			break
		}
	}
	return false
}

// setDate dates the event by the time expression of the sentence closest to
// the trigger, else the previous sentence of the paragraph, else the day
// before publication (precision 2), else unknown.
func (c *Coder) setDate(d *docInfo, si int, toks []tok, h hit, e *draft) {
	s := &d.sents[si]
	defer func() {
		// "have been fighting for several months": a campaign is dated no
		// finer than its span.
		if p := spanPrecision(toks); p > e.timePrec {
			e.timePrec = p
			if p == 3 && len(e.date) == 10 {
				e.date = e.date[:8] + "15" // the middle of the month
			}
		}
	}()
	// Times in a later clause ("..., where the uprising began in 2011")
	// date something else; a "when" clause ("were killed when their
	// vehicle struck a mine on Thursday") tells how the event happened and
	// dates it.
	limit := len(s.text)
	for j := h.te; j < len(toks); j++ {
		switch toks[j].lower {
		case "where", "which", "who", "whom", "whose", "while", "although", "though", "because":
		case "after", "since", "before", "until":
			// "attacked Hajin after the group withdrew last month": a
			// clause with its own subject dates the earlier action.
			if j+1 >= len(toks) || !clauseSubject[toks[j+1].lower] {
				continue
			}
		default:
			continue
		}
		limit = toks[j].start
		break
	}
	// A relative clause between the subject and the trigger ("Hezbollah,
	// whose commander died last year, attacked ...") dates something else.
	var skip [][2]int
	for _, sp := range relativeSpans(toks, h.ti) {
		skip = append(skip, [2]int{toks[sp[0]].start, toks[sp[1]].start})
	}
	var ts []text.TimeExpr
	for _, t := range eventTimes(s) {
		if t.Start >= limit {
			continue
		}
		inside := false
		for _, sp := range skip {
			if t.Start >= sp[0] && t.Start < sp[1] {
				inside = true
			}
		}
		if !inside {
			ts = append(ts, t)
		}
	}
	if te, ok := closestTime(ts, toks[h.ti].start); ok {
		e.date, e.timePrec = fmtDate(te.Date), te.Precision
		return
	}
	// The story goes on: the nearest time stated up to three sentences
	// before, in the body; unless the sentence opens a new thread ("In a
	// separate incident"), whose time the text does not say.
	back := 3
	if st, _ := findCue(toks, 0, min(len(toks), 4), c.rules.newThread); st == 0 {
		back = 0
	}
	for j := si - 1; j >= 0 && j >= si-back && !s.caption; j-- {
		p := &d.sents[j]
		if p.caption {
			continue
		}
		c.detail(d, p)
		if te, ok := closestTime(eventTimes(p), len(p.text)); ok {
			e.date, e.timePrec, e.dateGuess = fmtDate(te.Date), te.Precision, true
			return
		}
	}
	// A bulletin's "today, Tuesday" dates all the items that follow it.
	for j := si - 1; j >= 0 && !s.caption && back > 0; j-- {
		p := &d.sents[j]
		if p.caption || !strings.Contains(strings.ToLower(p.text), "today") {
			continue
		}
		c.detail(d, p)
		// "Today, Tuesday": the weekday names the day the word "today"
		// stood for when the bulletin was written.
		if te, ok := closestTime(eventTimes(p), len(p.text)); ok && te.Precision == text.PrecisionDay && strings.Contains(strings.ToLower(p.text[max(0, te.Start-8):te.Start]), "today") {
			e.date, e.timePrec, e.dateGuess = fmtDate(te.Date), te.Precision, true
			return
		}
	}
	e.dateGuess = true
	if d.doc.HasDate() {
		// The calendar day where the report was published, as text.Times
		// reads it: a story filed late on Wednesday evening in New York
		// still dates from Wednesday.
		pub := d.doc.Published
		day := time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
		e.date, e.timePrec = fmtDate(day), 2
		return
	}
	e.date, e.timePrec = "", 3
}

// relativeSpans returns the token ranges [comma, closing comma) of the
// relative clauses (", which ...,", ", whose ...,") that close before token
// upto: asides about the subject, not about the trigger's event.
func relativeSpans(toks []tok, upto int) [][2]int {
	var out [][2]int
	for j := 0; j+1 < upto; j++ {
		if toks[j].text != "," {
			continue
		}
		switch toks[j+1].lower {
		case "which", "who", "whose", "whom":
		default:
			continue
		}
		for k := j + 2; k < upto; k++ {
			if toks[k].text == "," {
				out = append(out, [2]int{j, k})
				j = k - 1
				break
			}
		}
	}
	return out
}

// eventTimes drops the time expressions that bound a period rather than
// date an event ("since 2015", "until June").
func eventTimes(s *sentInfo) []text.TimeExpr {
	var out []text.TimeExpr
	for _, t := range s.times {
		before := strings.ToLower(strings.TrimSpace(s.text[:t.Start]))
		lt := strings.ToLower(t.Text)
		if strings.HasPrefix(lt, "since ") || strings.HasPrefix(lt, "until ") || strings.HasPrefix(lt, "by ") {
			continue
		}
		if strings.HasSuffix(before, "since") || strings.HasSuffix(before, "until") || strings.HasSuffix(before, "till") || strings.HasSuffix(before, "by") {
			continue
		}
		out = append(out, t)
	}
	return out
}

func closestTime(ts []text.TimeExpr, off int) (text.TimeExpr, bool) {
	best, bd := -1, math.MaxInt
	for k, t := range ts {
		dist := t.Start - off
		if dist < 0 {
			dist = -dist
		}
		if dist < bd {
			best, bd = k, dist
		}
	}
	if best < 0 {
		return text.TimeExpr{}, false
	}
	return ts[best], true
}

func fmtDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// setFatalities reads the death toll of the sentence: quantities tied to a
// death word, never to the wounded. Counts joined by "and" add up; other
// counts disagree, and the lowest is kept with the event contested.
func (c *Coder) setFatalities(s *sentInfo, toks []tok, e *draft) {
	type count struct {
		q      text.Quantity
		ti, te int
	}
	var cs []count
	for _, q := range s.qty {
		if q.Unit != "" {
			continue
		}
		ti, te := tokenSpan(toks, q.Start, q.End)
		if ti < 0 {
			continue
		}
		if c.isDeathCount(toks, ti, te) {
			cs = append(cs, count{q, ti, te})
		}
	}
	if len(cs) == 0 {
		if k, _ := findPhrase(toks, 0, len(toks), c.rules.noDeaths); k >= 0 {
			zero := 0
			e.fat = &zero
			return
		}
		// "killing a woman", "a soldier was killed": one.
		for j := 0; j+2 < len(toks); j++ {
			w := toks[j].lower
			if (w == "a" || w == "an" || w == "one") && !toks[j+1].punct {
				if j > 0 && c.rules.deathSet[toks[j-1].lower] || j+3 < len(toks) && (toks[j+2].lower == "was" && c.rules.deathSet[toks[j+3].lower]) {
					one := 1
					e.fat = &one
					return
				}
			}
		}
		return
	}
	total := cs[0].q.Value
	// "killing three fighters and a civilian": one more.
	if last := cs[len(cs)-1]; last.te+2 < len(toks) && toks[last.te+1].lower == "and" || last.te+2 < len(toks) && toks[last.te].lower != "and" {
		for j := last.te; j+1 < len(toks) && j <= last.te+3; j++ {
			if toks[j].punct {
				break
			}
			if toks[j].lower == "and" && (toks[j+1].lower == "a" || toks[j+1].lower == "an" || toks[j+1].lower == "one") {
				total++
				break
			}
		}
	}
	low, high := cs[0].q.Low, cs[0].q.High
	for k := 1; k < len(cs); k++ {
		between := toks[cs[k-1].te:cs[k].ti]
		joined := false
		for _, t := range between {
			if t.lower == "and" || t.lower == "including" || t.lower == "plus" {
				joined = true
			}
			if t.lower == "while" || t.lower == "but" || t.lower == "whereas" || t.lower == "according" || t.lower == "other" || t.lower == "another" || t.lower == "said" {
				joined = false
				break
			}
		}
		if joined && !strings.EqualFold(toks[cs[k].ti-1].lower, "including") {
			total += cs[k].q.Value
			low, high = 0, 0
		} else if !joined {
			if cs[k].q.Value < total {
				total = cs[k].q.Value
			}
			e.contested = true
			low, high = 0, 0
		}
	}
	n := int(total)
	e.fat = &n
	if low > 0 && high > low {
		l, h := int(low), int(high)
		e.fatLow, e.fatHigh = &l, &h
	}
}

// isDeathCount reports whether the quantity on tokens [ti,te) counts the
// dead: a death word follows within six words (before any injury word or
// clause break), or a killing verb or "death toll" stands right before it.
func (c *Coder) isDeathCount(toks []tok, ti, te int) bool {
	// What follows the number says most: "20 wounded", "29 civilians dead".
	for j := te; j < len(toks) && j < te+7; j++ {
		w := toks[j].lower
		if c.rules.injurySet[w] {
			return false
		}
		if c.rules.deathSet[w] {
			return true
		}
		if toks[j].punct && w != "-" {
			break
		}
		// "four soldiers and two civilians were killed" goes on;
		// "five civilians and wounding 13" is another clause.
		if w == "and" && j > te && (j+1 >= len(toks) || !startsNumber(toks[j+1].lower)) {
			break
		}
	}
	for j := ti - 1; j >= 0 && j >= ti-3; j-- {
		w := toks[j].lower
		if c.rules.injurySet[w] {
			return false
		}
		if c.rules.deathSet[w] || w == "toll" {
			return true
		}
		if toks[j].punct {
			break
		}
	}
	// "The death toll from the strike rose to 30."
	for j := ti - 1; j >= 0 && j >= ti-9; j-- {
		if toks[j].lower == "toll" && j > 0 && c.rules.deathSet[toks[j-1].lower] {
			return true
		}
	}
	return false
}

func tokenSpan(toks []tok, st, en int) (int, int) {
	ti, te := -1, -1
	for j, t := range toks {
		if ti < 0 && t.end > st {
			ti = j
		}
		if t.start < en {
			te = j + 1
		}
	}
	if ti < 0 || te <= ti {
		return -1, -1
	}
	return ti, te
}

// setArea reads an area ("more than 100sq km") stated in a capture sentence.
func (c *Coder) setArea(s *sentInfo, toks []tok, h hit, e *draft) {
	for _, q := range s.qty {
		var a float64
		switch q.Unit {
		case "km2":
			a = q.Value
		case "mi2":
			a = q.Value * 2.58999
		default:
			continue
		}
		if a > 0 {
			a = math.Round(a*10) / 10
			e.area = &a
			return
		}
	}
}

// setClaim names who the sentence says claims the event: its attribution,
// with outlets named by their short name and pronouns ("he said") resolved
// to the last named source before.
func (c *Coder) setClaim(d *docInfo, si int, e *draft) {
	s := &d.sents[si]
	for _, a := range s.attrs {
		if a.Verb == "denied" {
			e.contested = true
			continue
		}
		src := strings.TrimSpace(a.Source)
		if src == "" || len(strings.Fields(src)) > 8 {
			continue
		}
		if isPronoun(src) {
			src = c.lastSource(d, si)
			if src == "" {
				continue
			}
		}
		e.claimed = c.claimOf(d, e, src)
		return
	}
	// "According to the Observatory, ..." leading the paragraph covers
	// the sentences after it.
	for j := si - 1; j >= 0 && d.sents[j].para == s.para && s.para >= 0; j-- {
		p := &d.sents[j]
		if j > 0 && d.sents[j-1].para == s.para {
			continue // only the paragraph's first sentence leads it
		}
		c.detail(d, p)
		for _, a := range p.attrs {
			if a.Verb == "according to" && a.Source != "" && !isPronoun(a.Source) {
				e.claimed = c.claimOf(d, e, strings.TrimSpace(a.Source))
				return
			}
		}
	}
}

func isPronoun(s string) bool {
	switch strings.ToLower(s) {
	case "he", "she", "they", "it", "we", "i", "officials", "the official", "the spokesman", "the commander":
		return true
	}
	return false
}

// lastSource is the last non-pronoun claim source named before sentence si.
func (c *Coder) lastSource(d *docInfo, si int) string {
	for j := si - 1; j >= 0 && j >= si-12; j-- {
		p := &d.sents[j]
		if !strings.Contains(p.text, "said") && !strings.Contains(p.text, "told") && !strings.Contains(p.text, "according") && !strings.Contains(p.text, "reported") {
			continue
		}
		c.detail(d, p)
		for k := len(p.attrs) - 1; k >= 0; k-- {
			if src := strings.TrimSpace(p.attrs[k].Source); src != "" && !isPronoun(src) {
				return src
			}
		}
	}
	return ""
}

// claimName maps a source to the outlet's short name when it names a known
// outlet ("the Observatory" -> "SOHR").
// claimOf names a claim's source; a bare "the coalition" where a local
// coalition fights (Yemen) is not the US-led coalition's press office.
func (c *Coder) claimOf(d *docInfo, e *draft, src string) string {
	if bareCoalition(src) && c.rules.localCoalitions[eventCountry(d, e)] != "" {
		return src
	}
	return c.claimName(src)
}

func (c *Coder) claimName(src string) string {
	if c.kb.Outlets == nil {
		return src
	}
	o := c.kb.Outlets.Find(src)
	if o == nil {
		low := strings.ToLower(src)
		for _, pre := range []string{"the ", "syria's ", "state-run ", "the state-run "} {
			if strings.HasPrefix(low, pre) {
				o = c.kb.Outlets.Find(src[len(pre):])
				if o != nil {
					break
				}
			}
		}
	}
	if o == nil {
		if ms := c.kb.Outlets.Mentions(src); len(ms) > 0 && ms[0].Outlet != nil {
			o = ms[0].Outlet
		}
	}
	if o == nil {
		return src
	}
	return outletName(o)
}

func outletName(o *kb.Outlet) string {
	k := o.Key
	if k != "" && len(k) <= 8 && strings.ToUpper(k) == k && !strings.Contains(k, "_") {
		return k
	}
	if o.Name != "" {
		return o.Name
	}
	return k
}

var numberWords = map[string]bool{"one": true, "two": true, "three": true, "four": true, "five": true, "six": true, "seven": true, "eight": true, "nine": true, "ten": true, "a": true, "an": true, "dozens": true, "several": true, "at": true}

func startsNumber(w string) bool {
	return w != "" && (w[0] >= '0' && w[0] <= '9' || numberWords[w])
}

// spanPrecision reads "for several months", "for two weeks", "for days":
// the time precision such a span allows (0 when none is stated).
func spanPrecision(toks []tok) int {
	for j := 0; j+1 < len(toks); j++ {
		if toks[j].lower != "for" {
			continue
		}
		for k := j + 1; k < len(toks) && k <= j+3; k++ {
			switch toks[k].lower {
			case "days", "weeks":
				return 2
			case "months", "years":
				return 3
			}
		}
	}
	return 0
}

// clauseSubject holds words that, after "after" or "since", open a clause
// with its own subject rather than a time ("after the group withdrew" but
// not "after dawn").
var clauseSubject = map[string]bool{"the": true, "it": true, "they": true, "he": true, "she": true, "its": true, "their": true, "his": true, "her": true, "we": true}
