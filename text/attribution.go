package text

import "strings"

// Attribution is a statement of who says what a sentence reports.
//
// Start and End are the byte span of Source in the sentence (sentence[Start:End] ==
// Source). Verb is the canonical cue from data/attribution.txt: "said", "told",
// "reported", "claimed", "announced", "stated", "confirmed", "denied", "warned",
// "according to" or "citing". To is the addressee of "told" ("CNN", "Syria Direct",
// "reporters"), else empty.
type Attribution struct {
	Start, End int
	Source     string
	Verb       string
	To         string
}

// maxSourceTokens bounds a source phrase; anything longer is a clause, not a speaker.
const maxSourceTokens = 14

// Attributions finds who a sentence attributes its claim to: "…, the Observatory said",
// "X said on Sunday that …", "said a spokesman for X", "a military source told AFP",
// "according to the Observatory", "citing X", "SANA reported", "X denied". Pronoun sources
// ("he said") are kept for the caller to resolve. A verb in the passive ("were reported
// killed", "is said to") is not an attribution.
func Attributions(sentence string) []Attribution {
	return newScan(sentence).attributions()
}

func (q *qscan) attributions() []Attribution {
	a := ascan{qscan: *q}
	toks, sentence := a.toks, a.s
	quoted := a.quoted()
	var out []Attribution
	for i := 0; i < len(toks); i++ {
		if a.roles[i]&roleAttr == 0 {
			continue
		}
		if p, n := a.prep(i); n > 0 {
			if s, e, ok := a.forward(i + n); ok {
				out = append(out, a.attr(s, e, p, ""))
				i = e - 1
			} else {
				i += n - 1
			}
			continue
		}
		verb, ok := a.lx.attrVerbs[a.low[i]]
		if !ok || quoted[i] || isCapitalized(toks[i].Text) || a.passive(i) {
			continue
		}
		if a.lx.attrAmbig[a.low[i]] && !a.verbReading(i) {
			continue
		}
		to := ""
		after := i + 1
		if verb == "told" {
			if e := a.addressee(i + 1); e > i+1 {
				to = sentence[toks[i+1].Start:toks[e-1].End]
				after = e
			}
		}
		if s, e, ok := a.backward(i); ok {
			out = append(out, a.attr(s, e, verb, to))
			continue
		}
		// Appositive: "Abu Omar, a resident, told …" gives "Abu Omar".
		if s, e, ok := a.appositiveHead(i); ok {
			out = append(out, a.attr(s, e, verb, to))
			continue
		}
		// Inverted: `"…," said a spokesman for X.`
		if verb != "told" && (i == 0 || a.isBoundary(i-1)) {
			if s, e, ok := a.forward(after); ok && !a.isStop(s) && a.speakerStart(s) && (e == len(toks) || a.isBoundary(e)) {
				out = append(out, a.attr(s, e, verb, to))
				i = e - 1
			}
		}
	}
	return out
}

type ascan struct{ qscan }

func (a *ascan) attr(s, e int, verb, to string) Attribution {
	start, end := a.toks[s].Start, a.toks[e-1].End
	return Attribution{Start: start, End: end, Source: a.s[start:end], Verb: verb, To: to}
}

// speakerStart reports whether a phrase read after an inverted verb can be a speaker: a name
// or a determiner ("said a spokesman", "said Omar"), not an object ("claimed responsibility").
func (a *ascan) speakerStart(s int) bool {
	if isCapitalized(a.toks[s].Text) {
		return true
	}
	switch a.low[s] {
	case "a", "an", "the", "one", "another", "two", "three", "several", "some", "his", "her", "their", "its", "local":
		return true
	}
	return false
}

// quoted reports for each token whether it lies inside a quotation.
func (a *ascan) quoted() []bool {
	in := make([]bool, len(a.toks))
	q := false
	for i, t := range a.toks {
		switch t.Text {
		case "\"":
			// A straight quote opens when it follows space (or starts the text) and is
			// followed by a non-space; otherwise it closes.
			before := t.Start == 0 || isSpaceByte(a.s[t.Start-1]) || a.s[t.Start-1] == '('
			after := t.End < len(a.s) && !isSpaceByte(a.s[t.End])
			q = before && after
			continue
		case "“":
			q = true
			continue
		case "”":
			q = false
			continue
		}
		in[i] = q
	}
	return in
}

// isVerbAt reports whether token i, inside a phrase read forwards, is an attribution verb.
func (a *ascan) isVerbAt(i int) bool {
	w := a.word(i)
	if a.lx.attrVerbs[w] == "" {
		return false
	}
	// Inside a phrase read forwards ("citing field reports") only "reports that" is a verb.
	return !a.lx.attrAmbig[w] || a.word(i+1) == "that"
}

// verbReading reports whether an ambiguous form such as "reports" at i is a verb: after a
// name or pronoun ("SANA reports", "it claims") or before "that".
func (a *ascan) verbReading(i int) bool {
	if i+1 == len(a.toks) || a.isBoundary(i+1) {
		return true
	}
	switch w := a.word(i + 1); w {
	case "that", "on", "yesterday", "today", "late", "early", "earlier":
		return true
	default:
		if _, ok := a.lx.weekdays[w]; ok {
			return true
		}
	}
	if i == 0 {
		return false
	}
	switch a.low[i-1] {
	case "he", "she", "it", "they", "we", "i", "who":
		return true
	}
	return isCapitalized(a.toks[i-1].Text)
}

// appositiveHead reads "X, a resident, said", "X, an analyst at Y, a think tank, said" and
// "A spokesman for Y, Major-General X, said" backwards from the verb at v and returns the
// speaker: the nearest segment if it is a proper name, else the first name-like segment
// behind it ("the Observatory"), else the one that begins the clause. A lone segment is a speaker only after a
// quotation, as in `"…," a spokesman for the coalition, told X`.
func (a *ascan) appositiveHead(v int) (int, int, bool) {
	if a.word(v-1) != "," {
		return 0, 0, false
	}
	type seg struct{ s, e int }
	var segs []seg
	end := v - 1
	for hops := 0; hops < 4; hops++ {
		s, e, ok := a.backward(end)
		if !ok {
			break
		}
		// "The Observatory, which has sources inside Syria, said": step over the clause.
		if w := a.word(s - 1); (w == "which" || w == "who") && a.word(s-2) == "," {
			end = s - 2
			continue
		}
		segs = append(segs, seg{s, e})
		if s == 0 || a.word(s-1) != "," {
			break
		}
		end = s - 1
	}
	switch {
	case len(segs) == 0:
		return 0, 0, false
	case len(segs) == 1:
		if f := segs[0]; f.s > 0 && a.isQuote(f.s-1) {
			return f.s, f.e, true
		}
		if f := segs[0]; f.s > 0 && (a.word(f.s-2) == "which" || a.word(f.s-2) == "who") {
			return 0, 0, false
		}
		// A segment reached by stepping over a relative clause.
		if f := segs[0]; f.e < v-1 {
			return f.s, f.e, true
		}
		return 0, 0, false
	}
	// "The group's leader, Abu Khalid, said": a proper name nearest the verb is the speaker.
	if t := a.toks[segs[0].s].Text; isCapitalized(t) && t != "The" && t != "A" && t != "An" {
		return segs[0].s, segs[0].e, true
	}
	for _, g := range segs[1:] {
		if a.nameLike(g.s) {
			return g.s, g.e, true
		}
	}
	if a.nameLike(segs[0].s) {
		return segs[0].s, segs[0].e, true
	}
	last := segs[len(segs)-1]
	return last.s, last.e, true
}

// nameLike reports whether the phrase at s starts like a name ("Rami Abdel Rahman", "the
// Observatory") rather than a description ("head of the observatory", "a resident").
func (a *ascan) nameLike(s int) bool {
	t := a.toks[s].Text
	if isCapitalized(t) {
		return t != "A" && t != "An"
	}
	return a.low[s] == "the" && s+1 < len(a.toks) && isCapitalized(a.toks[s+1].Text)
}

func (a *ascan) isQuote(i int) bool {
	switch a.word(i) {
	case "\"", "”", "“", "'", "’":
		return true
	}
	return false
}

// prep matches "according to" or "citing" at i.
func (a *ascan) prep(i int) (string, int) {
	for _, p := range a.lx.attrPreps {
		if a.matchWords(i, p.words) {
			return p.verb, len(p.words)
		}
	}
	return "", 0
}

// passive reports whether the verb at i is passive or attributive ("were reported",
// "is said to", "the reported attack").
func (a *ascan) passive(i int) bool {
	switch a.word(i - 1) {
	case "is", "was", "were", "are", "be", "been", "being", "the", "a", "an", "widely", "allegedly", "unconfirmed":
		return true
	}
	return a.word(i+1) == "to" && a.word(i+2) == "be"
}

// isBoundary reports whether token i ends a phrase: punctuation other than hyphens and
// apostrophes inside words.
func (a *ascan) isBoundary(i int) bool {
	switch a.word(i) {
	case ".":
		// The period of "Col." or of an initial does not end the phrase.
		if i > 0 {
			prev := a.toks[i-1].Text
			if h := strings.LastIndexByte(prev, '-'); h >= 0 && isInitial(prev[h+1:]) {
				return false // "al-R."
			}
			if _, ok := a.lx.abbrevs[prev]; ok || isInitial(prev) {
				return false
			}
		}
		return true
	case "-":
		// A hyphen left between words ("U.S.-designated") joins them; a spaced one is a dash.
		st := a.toks[i].Start
		return st == 0 || isSpaceByte(a.s[st-1])
	case ",", ";", ":", "(", ")", "\"", "“", "”", "—", "–", "!", "?", "'", "‘", "’", "[", "]":
		return true
	}
	return false
}

// addressee returns the end of the addressee of "told" starting at s ("CNN", "Syria
// Direct", "The Associated Press", "reporters"), or s when there is none.
func (a *ascan) addressee(s int) int {
	if s >= len(a.toks) || a.isBoundary(s) {
		return s
	}
	e := s
	if !isCapitalized(a.toks[s].Text) {
		switch a.low[s] {
		case "reporters", "journalists", "media", "him", "her", "them", "me", "us", "parliament", "lawmakers":
			return s + 1
		case "the":
			if s+1 < len(a.toks) && isCapitalized(a.toks[s+1].Text) {
				e = s + 1 // "told the BBC"
				break
			}
			return s
		default:
			return s
		}
	}
	for e < len(a.toks) && e-s < 6 {
		switch {
		case isCapitalized(a.toks[e].Text) && !a.isSoft(e):
			e++
		case (a.low[e] == "of" || a.low[e] == "al") && e > s && e+1 < len(a.toks) && isCapitalized(a.toks[e+1].Text):
			e++
		default:
			return e
		}
	}
	return e
}

func (a *ascan) isStop(i int) bool { return a.lx.attrStops[a.word(i)] }

// isSoft reports whether token i may be trimmed from the end of a source: a soft word, a
// weekday, a month or a number ("on Sunday", "late March 5").
func (a *ascan) isSoft(i int) bool {
	w := a.word(i)
	if a.lx.attrSoft[w] {
		return true
	}
	if _, ok := a.lx.weekdays[w]; ok {
		return true
	}
	if _, ok := a.lx.months[w]; ok && isCapitalized(a.toks[i].Text) {
		return true
	}
	return w != "" && isDigit(w[0])
}

// backward reads the source phrase that ends just before the verb at v. It skips a
// bracketed aside ("Free Syrian Army (FSA) field commander"), crosses "and" between noun
// phrases ("coalition and US defense officials" but not "and the Observatory said"), and
// drops soft words at its end ("has also") and a time phrase at its start ("Earlier this
// month Talal Silo").
func (a *ascan) backward(v int) (int, int, bool) {
	e := v
	for e > 0 && v-e <= maxSourceTokens && a.isSoft(e-1) {
		e--
	}
	s := e
	for s > 0 && e-s <= maxSourceTokens {
		p := s - 1
		w := a.word(p)
		if w == ")" || w == "]" {
			q := p - 1
			for q >= 0 && p-q <= maxSourceTokens && a.word(q) != "(" && a.word(q) != "[" {
				q--
			}
			if q < 0 || (a.word(q) != "(" && a.word(q) != "[") {
				break
			}
			s = q
			continue
		}
		if w == "and" && s < e && !a.opensClause(s) && p > 0 && !a.isBoundary(p-1) {
			s = p
			continue
		}
		if a.isBoundary(p) || a.isStop(p) || (a.lx.attrVerbs[w] != "" && !isCapitalized(a.toks[p].Text)) {
			break
		}
		s--
	}
	for s < e && (a.isSoft(s) || a.isTimeNoun(s)) {
		s++
	}
	// "…, a charge New Delhi denied": the noun the relative clause hangs on is not the source.
	for _, p := range a.lx.attrLeads {
		if e-s > len(p) && a.matchWords(s, p) && isCapitalized(a.toks[s+len(p)].Text) {
			s += len(p)
			break
		}
	}
	// A lone adverb ("which, Bugti said, largely explained") is not a speaker.
	if e-s == 1 && strings.HasSuffix(a.low[s], "ly") && !isCapitalized(a.toks[s].Text) {
		return 0, 0, false
	}
	if s == e || e-s > maxSourceTokens {
		return 0, 0, false
	}
	return s, e, true
}

// opensClause reports whether token i begins a new clause or noun phrase after "and": a
// determiner or a pronoun ("and the Observatory said", "and he said").
func (a *ascan) opensClause(i int) bool {
	switch a.word(i) {
	case "the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our",
		"he", "she", "it", "they", "we", "i", "you":
		return true
	}
	return false
}

// isTimeNoun reports whether token i is part of a time phrase such as "this month".
func (a *ascan) isTimeNoun(i int) bool {
	switch w := a.word(i); w {
	case "this", "month", "week", "year", "months", "weeks", "years", "days", "day", ",", "ago", "later", "before":
		return true
	default:
		_, ok := a.lx.numbers[w]
		return ok
	}
}

// forward reads the source phrase that starts at s.
func (a *ascan) forward(s int) (int, int, bool) {
	e := s
	for e < len(a.toks) && e-s <= maxSourceTokens && !a.isBoundary(e) && !a.isStop(e) && (e == s || (!a.isSoft(e) && !a.isVerbAt(e))) {
		e++
	}
	if e == s || e-s > maxSourceTokens {
		return 0, 0, false
	}
	return s, e, true
}
