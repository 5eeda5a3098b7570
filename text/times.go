package text

import (
	"strconv"
	"strings"
	"time"
)

// TimeExpr is a time expression resolved against the publication date, with ACLED time
// precision (GUIDELINES.md).
type TimeExpr struct {
	Start, End int
	Text       string
	Date       time.Time // resolved day (UTC midnight); zero when it cannot be resolved
	Precision  int       // 1 day, 2 week/weekend/few days (Date = middle day), 3 month or vaguer (Date = middle of month)
	Relative   bool      // depends on the publication date
}

// Precision levels of TimeExpr.
const (
	PrecisionDay   = 1
	PrecisionWeek  = 2
	PrecisionMonth = 3
)

// Times finds the time expressions in s and resolves them against published, the
// publication time (zero when unknown; its calendar day in its own location is used).
//
// The resolution rules, chosen where the guidelines leave room:
//   - a weekday ("on Wednesday", "Sunday night") is the most recent such day on or before
//     the publication day: wire copy names the publication day itself by its weekday;
//   - "last Monday" is the Monday of the week (Monday to Sunday) before the publication week;
//   - "over the weekend" is the most recent weekend before the publication day, dated on its
//     Saturday with precision 2;
//   - "last week" is the Thursday (middle day) of the previous week; "this week" the middle
//     day between this week's Monday and the publication day; both precision 2;
//   - "this month", "earlier this month", "last month", "in June" and "June 2017" are the 15th
//     of that month, precision 3; a month without a year is the most recent one not after
//     publication;
//   - "last year" and "in 2014" are 1 July of that year, precision 3; "this year" and
//     "earlier this year" the 15th of the month halfway from 1 January to publication;
//   - "N days ago/earlier" is publication minus N days (precision 1, or 2 when vague: "a few
//     days ago"); weeks give precision 2, months and years 3;
//   - "in recent days" is publication minus 3 days (precision 2); "in recent weeks" and
//     "in recent months" the 15th of the month 14 or 45 days before publication (precision 3);
//   - "the last two weeks", "the past 24 hours", "in the last five months": the middle day of
//     the span ending at publication (the 15th of its month when precision is 3); precision 1
//     up to two days, 2 up to a month, 3 beyond;
//   - a day and month without a year ("March 22") takes the most recent such day not after
//     publication.
//
// With published zero only absolute dates that carry a year resolve; all else is returned
// with a zero Date and its precision. Expressions about the future ("next week") are not
// reported.
func Times(s string, published time.Time) []TimeExpr {
	return newScan(s).times(published)
}

func (q *qscan) times(published time.Time) []TimeExpr {
	t := tscan{qscan: *q}
	// Read possessives as their noun: "Tuesday's attack", "last week's vote".
	for i, w := range t.low {
		if b, ok := stripPossessive(w); ok {
			if &t.low[0] == &q.low[0] {
				t.low = append([]string(nil), q.low...)
				t.roles = append([]role(nil), q.roles...)
			}
			t.low[i] = b
			t.roles[i] = t.lx.roleOf(b)
		}
	}
	if !published.IsZero() {
		t.pub = time.Date(published.Year(), published.Month(), published.Day(), 0, 0, 0, 0, time.UTC)
		t.hasPub = true
	}
	var out []TimeExpr
	for i := 0; i < len(t.toks); {
		if !t.mayStart(i) {
			i++
			continue
		}
		if e, next, ok := t.expr(i); ok {
			out = append(out, e)
			i = next
			continue
		}
		i++
	}
	return out
}

func stripPossessive(w string) (string, bool) {
	if b, ok := strings.CutSuffix(w, "'s"); ok && b != "" {
		return b, true
	}
	if b, ok := strings.CutSuffix(w, "’s"); ok && b != "" {
		return b, true
	}
	return w, false
}

// mayStart is a cheap filter: can a time expression begin at token i?
func (t *tscan) mayStart(i int) bool {
	r := t.roles[i]
	return r&timeStart != 0 || (r&(roleMonth|roleWeekday) != 0 && isCapitalized(t.toks[i].Text))
}

type tscan struct {
	qscan
	pub    time.Time
	hasPub bool
}

// match is a resolved expression over tokens [start,end).
type match struct {
	end       int
	date      time.Time
	precision int
	relative  bool
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// expr tries every form at token i, with an optional leading preposition.
func (t *tscan) expr(i int) (TimeExpr, int, bool) {
	// Up to two leading words: "on Sunday", "late on Tuesday", "early in June".
	for k := i; k < i+3 && k < len(t.toks); k++ {
		if m, ok := t.form(k); ok {
			return t.result(i, m), m.end, true
		}
		if !t.isPrefix(k) {
			break
		}
	}
	return TimeExpr{}, 0, false
}

// isPrefix reports whether token k may lead a time expression without being one.
func (t *tscan) isPrefix(k int) bool {
	switch t.word(k) {
	case "on", "in", "over", "at", "during", "since", "earlier", "late", "early", "mid", "mid-", "until", "by", "from", "throughout":
		return true
	}
	return false
}

func (t *tscan) result(start int, m match) TimeExpr {
	e := TimeExpr{Start: t.toks[start].Start, End: t.toks[m.end-1].End, Precision: m.precision, Relative: m.relative}
	e.Text = t.s[e.Start:e.End]
	if !m.relative || t.hasPub {
		e.Date = m.date
	}
	return e
}

// form matches a time expression proper at token i.
func (t *tscan) form(i int) (match, bool) {
	if m, ok := t.absolute(i); ok {
		return m, true
	}
	if m, ok := t.deictic(i); ok {
		return m, true
	}
	if m, ok := t.weekday(i); ok {
		return m, true
	}
	if m, ok := t.weekend(i); ok {
		return m, true
	}
	if m, ok := t.periodRef(i); ok {
		return m, true
	}
	if m, ok := t.ago(i); ok {
		return m, true
	}
	if m, ok := t.recent(i); ok {
		return m, true
	}
	if m, ok := t.span(i); ok {
		return m, true
	}
	return match{}, false
}

// month reads a capitalised month name (with an optional abbreviation period) at i.
func (t *tscan) month(i int) (time.Month, int, bool) {
	if i >= len(t.toks) || !isCapitalized(t.toks[i].Text) {
		return 0, i, false
	}
	w := t.low[i]
	m, ok := t.lx.months[w]
	if !ok {
		return 0, i, false
	}
	j := i + 1
	full := len(w) > 4 || w == "may" || w == "june" || w == "july"
	if !full && t.word(j) == "." {
		j++
	} else if !full {
		// Abbreviations need their period ("Jan." not "Jan"), except in "Sept 5".
		if _, _, ok := t.dayNum(j); !ok {
			return 0, i, false
		}
	}
	return time.Month(m), j, true
}

// dayNum reads a day of the month ("22", "22nd") at i.
func (t *tscan) dayNum(i int) (int, int, bool) {
	w := t.word(i)
	if w == "" || !isDigit(w[0]) || len(w) > 4 {
		return 0, i, false
	}
	w = strings.TrimRight(w, "stndrh")
	d, err := strconv.Atoi(w)
	if err != nil || d < 1 || d > 31 {
		return 0, i, false
	}
	return d, i + 1, true
}

// year reads a four-digit year at i.
func (t *tscan) year(i int) (int, int, bool) {
	w := t.word(i)
	if len(w) != 4 || !isDigit(w[0]) {
		return 0, i, false
	}
	y, err := strconv.Atoi(w)
	if err != nil || y < 1900 || y > 2100 {
		return 0, i, false
	}
	return y, i + 1, true
}

// optYear reads an optional ", 2017" or "2017" after a date.
func (t *tscan) optYear(j int) (int, int, bool) {
	k := j
	if t.word(k) == "," {
		k++
	}
	if y, e, ok := t.year(k); ok {
		return y, e, true
	}
	return 0, j, false
}

// absolute matches "March 22", "March 22, 2017", "22 March", "2 December, 2017",
// "the 22nd of March", "March 2017", "June" (after a preposition, checked by the caller
// through the bare-month rule) and "2014".
func (t *tscan) absolute(i int) (match, bool) {
	if mo, j, ok := t.month(i); ok {
		if d, k, ok := t.dayNum(j); ok {
			d, k, prec := t.dayRange(d, k)
			if y, e, ok := t.optYear(k); ok {
				return t.fixed(day(y, mo, d), prec, e)
			}
			m, ok := t.dayNoYear(mo, d, k)
			m.precision = prec
			return m, ok
		}
		if y, e, ok := t.optYear(j); ok {
			return t.fixed(day(y, mo, 15), PrecisionMonth, e)
		}
		if i > 0 && t.bareMonthContext(i-1) {
			return t.monthNoYear(mo, j)
		}
		return match{}, false
	}
	// "mid-July", "mid-July 2016".
	if w, ok := strings.CutPrefix(t.word(i), "mid-"); ok {
		if mo, ok := t.lx.months[w]; ok && len(w) > 3 {
			if y, e, ok := t.optYear(i + 1); ok {
				return t.fixed(day(y, time.Month(mo), 15), PrecisionMonth, e)
			}
			return t.monthNoYear(time.Month(mo), i+1)
		}
	}
	// ISO dates: "2017-07-26".
	if y, e, ok := t.year(i); ok && t.word(e) == "-" && t.word(e+2) == "-" {
		mo, err1 := strconv.Atoi(t.word(e + 1))
		d, err2 := strconv.Atoi(t.word(e + 3))
		if err1 == nil && err2 == nil && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && t.toks[e].Start == t.toks[i].End {
			return t.fixed(day(y, time.Month(mo), d), PrecisionDay, e+4)
		}
	}
	k := i
	if t.word(k) == "the" {
		k++
	}
	if d, j, ok := t.dayNum(k); ok {
		d, j, prec := t.dayRange(d, j)
		if t.word(j) == "of" && k > i {
			j++
		}
		if mo, e, ok := t.month(j); ok {
			if y, e2, ok := t.optYear(e); ok {
				return t.fixed(day(y, mo, d), prec, e2)
			}
			m, ok := t.dayNoYear(mo, d, e)
			m.precision = prec
			return m, ok
		}
	}
	if y, e, ok := t.year(i); ok && i > 0 && t.bareMonthContext(i-1) {
		return t.fixed(day(y, time.July, 1), PrecisionMonth, e)
	}
	return match{}, false
}

// dayRange reads the end of a range of days after the day d that ends at token k ("26-27",
// "26 to 28") and returns the middle day, the token after the range and its precision: 1 for
// a single day, 2 for up to a week, 3 beyond.
func (t *tscan) dayRange(d, k int) (int, int, int) {
	switch t.word(k) {
	case "-", "–", "to", "and":
		if d2, e, ok := t.dayNum(k + 1); ok && d2 > d {
			if d2-d <= 7 {
				return (d + d2) / 2, e, PrecisionWeek
			}
			return (d + d2) / 2, e, PrecisionMonth
		}
	}
	return d, k, PrecisionDay
}

// bareMonthContext reports whether the word at p lets a bare month or year be a date
// ("in June", "since 2014", "late June").
func (t *tscan) bareMonthContext(p int) bool {
	switch t.word(p) {
	case "in", "since", "during", "until", "till", "by", "early", "late", "mid", "mid-", "of", "from", "through", "throughout", "and", "to", "between", "before", "after":
		return true
	}
	return false
}

func (t *tscan) fixed(d time.Time, prec, end int) (match, bool) {
	return match{end: end, date: d, precision: prec}, true
}

// dayNoYear resolves a day and month to the most recent such day not after publication.
func (t *tscan) dayNoYear(mo time.Month, d, end int) (match, bool) {
	m := match{end: end, precision: PrecisionDay, relative: true}
	if t.hasPub {
		y := t.pub.Year()
		if day(y, mo, d).After(t.pub) {
			y--
		}
		m.date = day(y, mo, d)
	}
	return m, true
}

// monthNoYear resolves a month to the most recent such month not after publication.
func (t *tscan) monthNoYear(mo time.Month, end int) (match, bool) {
	m := match{end: end, precision: PrecisionMonth, relative: true}
	if t.hasPub {
		y := t.pub.Year()
		if mo > t.pub.Month() {
			y--
		}
		m.date = day(y, mo, 15)
	}
	return m, true
}

// rel builds a match relative to publication.
func (t *tscan) rel(end, prec int, f func(p time.Time) time.Time) (match, bool) {
	m := match{end: end, precision: prec, relative: true}
	if t.hasPub {
		m.date = f(t.pub)
	}
	return m, true
}

func addDays(d int) func(time.Time) time.Time {
	return func(p time.Time) time.Time { return p.AddDate(0, 0, d) }
}

// partOfDay skips "night", "morning", "afternoon", "evening" after a day word.
func (t *tscan) partOfDay(j int) int {
	switch t.word(j) {
	case "night", "morning", "afternoon", "evening", "overnight":
		return j + 1
	}
	return j
}

// deictic matches "yesterday", "today", "tonight", "last night", "this morning".
func (t *tscan) deictic(i int) (match, bool) {
	switch t.word(i) {
	case "yesterday":
		return t.rel(t.partOfDay(i+1), PrecisionDay, addDays(-1))
	case "today", "tonight":
		return t.rel(i+1, PrecisionDay, addDays(0))
	case "last":
		if t.word(i+1) == "night" {
			return t.rel(i+2, PrecisionDay, addDays(-1))
		}
	case "this":
		switch t.word(i + 1) {
		case "morning", "afternoon", "evening":
			return t.rel(i+2, PrecisionDay, addDays(0))
		}
	}
	return match{}, false
}

// weekdayAt reads a capitalised weekday name at i.
func (t *tscan) weekdayAt(i int) (time.Weekday, bool) {
	if i >= len(t.toks) || !isCapitalized(t.toks[i].Text) {
		return 0, false
	}
	wd, ok := t.lx.weekdays[t.low[i]]
	return time.Weekday(wd), ok
}

// weekday matches "Wednesday", "Sunday night", "last Monday", "Monday, March 5".
func (t *tscan) weekday(i int) (match, bool) {
	last := false
	k := i
	if t.word(k) == "last" || t.word(k) == "this" || t.word(k) == "past" {
		last = t.word(k) == "last"
		k++
	}
	wd, ok := t.weekdayAt(k)
	if !ok {
		return match{}, false
	}
	// "Monday, March 5" or "Monday 5 March": the absolute date wins.
	j := k + 1
	if t.word(j) == "," {
		j++
	}
	if m, ok := t.absolute(j); ok && m.precision == PrecisionDay {
		return m, true
	}
	end := t.partOfDay(k + 1)
	if last {
		return t.rel(end, PrecisionDay, func(p time.Time) time.Time {
			monday := p.AddDate(0, 0, -((int(p.Weekday()) + 6) % 7))
			return monday.AddDate(0, 0, -7+(int(wd)+6)%7)
		})
	}
	return t.rel(end, PrecisionDay, func(p time.Time) time.Time {
		back := (int(p.Weekday()) - int(wd) + 7) % 7
		return p.AddDate(0, 0, -back)
	})
}

// weekend matches "the weekend", "this weekend", "last weekend" (with "over"/"at" taken
// by the caller).
func (t *tscan) weekend(i int) (match, bool) {
	k := i
	for k < i+2 {
		switch t.word(k) {
		case "the", "this", "last", "past":
			k++
			continue
		}
		break
	}
	if k == i || t.word(k) != "weekend" {
		return match{}, false
	}
	return t.rel(k+1, PrecisionWeek, func(p time.Time) time.Time {
		back := (int(p.Weekday()) - int(time.Saturday) + 7) % 7
		if back == 0 {
			back = 7
		}
		return p.AddDate(0, 0, -back)
	})
}

// periodRef matches "last week", "this week", "earlier this week", "this month",
// "last month", "late last month", "last year", "this year".
func (t *tscan) periodRef(i int) (match, bool) {
	k := i
	switch t.word(k) {
	case "earlier", "late", "early", "mid", "later":
		k++
	}
	which := t.word(k)
	if which != "last" && which != "this" && which != "past" {
		return match{}, false
	}
	unit := t.word(k + 1)
	end := k + 2
	if which == "past" && unit != "week" && unit != "month" && unit != "year" {
		return match{}, false
	}
	back := which != "this"
	switch unit {
	case "week":
		return t.rel(end, PrecisionWeek, func(p time.Time) time.Time {
			monday := p.AddDate(0, 0, -((int(p.Weekday()) + 6) % 7))
			if back {
				return monday.AddDate(0, 0, -4) // Thursday of the previous week
			}
			return monday.AddDate(0, 0, int(p.Sub(monday).Hours()/24)/2)
		})
	case "month":
		return t.rel(end, PrecisionMonth, func(p time.Time) time.Time {
			if back {
				return day(p.Year(), p.Month()-1, 15)
			}
			return day(p.Year(), p.Month(), 15)
		})
	case "year":
		return t.rel(end, PrecisionMonth, func(p time.Time) time.Time {
			if back {
				return day(p.Year()-1, time.July, 1)
			}
			jan := day(p.Year(), time.January, 1)
			return midMonth(jan.AddDate(0, 0, int(p.Sub(jan).Hours()/24)/2))
		})
	}
	return match{}, false
}

// count reads an amount ("10", "two", "a few", "a") for "N days ago" forms.
func (t *tscan) count(i int) (float64, bool, int, bool) {
	if t.word(i) == "a" || t.word(i) == "an" {
		switch t.word(i + 1) {
		case "day", "week", "month", "year", "days", "weeks", "months", "years":
			return 1, false, i + 1, true
		}
	}
	a, j, ok := t.amount(i)
	if !ok || a.value <= 0 || a.value > 1000 {
		return 0, false, i, false
	}
	return a.value, a.vague, j, true
}

// unitDays converts "days", "weeks", "months", "years", "hours" to days.
func unitDays(u string) (float64, bool) {
	switch strings.TrimSuffix(u, "s") {
	case "hour":
		return 1.0 / 24, true
	case "day":
		return 1, true
	case "week":
		return 7, true
	case "month":
		return 30, true
	case "year":
		return 365, true
	}
	return 0, false
}

// ago matches "10 days earlier", "two weeks ago", "three days ago", "a week before".
func (t *tscan) ago(i int) (match, bool) {
	n, vague, j, ok := t.count(i)
	if !ok {
		return match{}, false
	}
	unit := t.word(j)
	per, ok := unitDays(unit)
	if !ok || per < 1 {
		return match{}, false
	}
	switch t.word(j + 1) {
	case "ago", "earlier", "before", "previously", "prior":
	default:
		return match{}, false
	}
	prec := PrecisionDay
	switch {
	case per >= 30:
		prec = PrecisionMonth
	case per >= 7 || vague:
		prec = PrecisionWeek
	}
	end := j + 2
	if per >= 30 {
		months := int(n)
		if per == 365 {
			months *= 12
		}
		return t.rel(end, prec, func(p time.Time) time.Time { return day(p.Year(), p.Month()-time.Month(months), 15) })
	}
	return t.rel(end, prec, addDays(-int(n*per)))
}

// recent matches "recent days", "recent weeks", "recent months" (after "in" or "over").
func (t *tscan) recent(i int) (match, bool) {
	k := i
	if t.word(k) == "the" {
		k++
	}
	if t.word(k) != "recent" {
		return match{}, false
	}
	switch t.word(k + 1) {
	case "days":
		return t.rel(k+2, PrecisionWeek, addDays(-3))
	case "weeks":
		return t.rel(k+2, PrecisionMonth, func(p time.Time) time.Time { return midMonth(p.AddDate(0, 0, -14)) })
	case "months":
		return t.rel(k+2, PrecisionMonth, func(p time.Time) time.Time { return midMonth(p.AddDate(0, 0, -45)) })
	}
	return match{}, false
}

// span matches "the last two weeks", "the past 24 hours", "the last five months",
// "the past week".
func (t *tscan) span(i int) (match, bool) {
	if t.word(i) != "the" {
		return match{}, false
	}
	if w := t.word(i + 1); w != "last" && w != "past" {
		return match{}, false
	}
	j := i + 2
	n := 1.0
	if w := t.word(j); w == "few" || w == "several" {
		n, j = 3, j+1 // "the last few months": a vague count read as three
	} else if c, _, k, ok := t.count(j); ok {
		n, j = c, k
	}
	per, ok := unitDays(t.word(j))
	if !ok {
		return match{}, false
	}
	days := n * per
	prec := PrecisionMonth
	switch {
	case days <= 2:
		prec = PrecisionDay
	case days <= 31:
		prec = PrecisionWeek
	}
	if prec == PrecisionMonth {
		return t.rel(j+1, prec, func(p time.Time) time.Time { return midMonth(p.AddDate(0, 0, -int(days)/2)) })
	}
	return t.rel(j+1, prec, addDays(-int(days)/2))
}

// midMonth returns the 15th of d's month, the date given to month-precision expressions.
func midMonth(d time.Time) time.Time { return day(d.Year(), d.Month(), 15) }
