package text

import (
	"strconv"
	"strings"
)

// Quantity is a number or amount stated in the text, with its unit and qualifier.
//
// Value is the conservative reading used for counts (GUIDELINES.md): the stated number for
// "at least 29", "more than 100", "nearly 30" and "up to 20" (the qualifier says how to read
// it); the lower bound of a range ("5,000 to 10,000" gives 5000, with Low 5000 and High
// 10000); and the conventional value of a vague word from data/numbers.txt ("dozens" 12,
// "tens" 10, "hundreds" 100, "several" 3, "tens of thousands" 10000).
type Quantity struct {
	Start, End int
	Text       string
	Value      float64
	Low, High  float64 // range bounds when a range is stated, else 0
	Unit       string  // "", "km", "km2", "mi", "mi2", "percent", "m"
	Qualifier  string  // "at least", "more than", "about", "up to", "some", "nearly", "less than", ""
	Vague      bool    // "dozens", "hundreds", "several"
}

// Quantities finds the numbers and amounts in s: digits ("5,000", "1.5 million", "60km"),
// number words ("twenty-five", "three hundred", "a dozen"), vague amounts ("dozens",
// "tens of thousands"), ranges ("5,000 to 10,000", "between 20 and 30", "two or three"),
// qualifiers ("at least", "more than") and units ("100sq km", "50 percent", "30 miles").
//
// A unit conversion in brackets right after a quantity ("250 square km (96 square miles)")
// is absorbed into the first quantity: its span covers the brackets and no second quantity
// is reported. Years ("in 2014"), days of a date ("March 22") and clock times are skipped.
func Quantities(s string) []Quantity {
	q := newScan(s)
	return q.quantities()
}

// newScan tokenizes s once for the quantity, time and attribution readers.
func newScan(s string) *qscan {
	toks := Tokenize(s)
	q := &qscan{s: s, toks: toks, low: make([]string, len(toks)), roles: make([]role, len(toks)), lx: lex()}
	lower := asciiLower(s)
	for i, t := range toks {
		q.low[i] = lower[t.Start:t.End]
		q.roles[i] = q.lx.roleOf(q.low[i])
	}
	return q
}

// asciiLower lowercases the ASCII letters of s and leaves every other byte alone, so that
// offsets into s are offsets into the result. The word lists are ASCII.
func asciiLower(s string) string {
	i := 0
	for i < len(s) && !(s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if c := b[i]; c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func (q *qscan) quantities() []Quantity {
	var out []Quantity
	for i := 0; i < len(q.toks); {
		if q.roles[i]&quantityStart == 0 {
			i++
			continue
		}
		if qt, next, ok := q.quantity(i); ok {
			out = append(out, qt)
			i = next
			continue
		}
		i++
	}
	return out
}

type qscan struct {
	s     string
	toks  []Token
	low   []string
	roles []role
	lx    *lexicon
}

// amount is a parsed number before its unit and context are known.
type amount struct {
	value   float64
	vague   bool
	numeric bool // written in digits
	plain   bool // digits only: no separators, decimals or scale word
}

func (q *qscan) word(i int) string {
	if i < 0 || i >= len(q.low) {
		return ""
	}
	return q.low[i]
}

// quantity parses a quantity starting at token i and returns it with the next token index.
func (q *qscan) quantity(i int) (Quantity, int, bool) {
	start := i
	qual := ""
	if canon, n := q.qualifier(i); n > 0 {
		if _, _, ok := q.amount(i + n); ok {
			qual, i = canon, i+n
		}
	}
	var res Quantity
	var j int
	switch w := q.word(i); {
	case (w == "between" || w == "from") && qual == "":
		a, k, ok := q.amount(i + 1)
		sep := "and"
		if w == "from" {
			sep = "to"
		}
		if !ok || q.word(k) != sep {
			return Quantity{}, 0, false
		}
		b, m, ok := q.amount(k + 1)
		if !ok {
			return Quantity{}, 0, false
		}
		res = Quantity{Value: a.value, Low: a.value, High: b.value, Vague: a.vague || b.vague}
		j = m
	default:
		a, k, ok := q.amount(i)
		if !ok {
			return Quantity{}, 0, false
		}
		if q.low[i] == "one" {
			switch q.word(i - 1) {
			case "no", "every", "any", "each", "this", "that", "the":
				return Quantity{}, 0, false // "no one", "the one who"
			}
		}
		if a.plain && qual == "" && q.isDatePart(i, k) {
			return Quantity{}, 0, false
		}
		res = Quantity{Value: a.value, Vague: a.vague}
		j = k
		if sep := q.word(j); sep == "to" || sep == "-" || sep == "–" || sep == "or" {
			if b, m, ok := q.amount(j + 1); ok && b.value > a.value && b.numeric == a.numeric {
				res.Low, res.High = a.value, b.value
				j = m
			}
		}
	}
	res.Qualifier = qual
	if unit, m := q.unit(j); m > j {
		res.Unit, j = unit, m
	}
	if res.Unit != "" {
		j = q.conversion(j)
	}
	res.Start, res.End = q.toks[start].Start, q.toks[j-1].End
	res.Text = q.s[res.Start:res.End]
	return res, j, true
}

// isDatePart reports whether the plain number in tokens [i,k) is a year, a day of a date or a
// clock time rather than a count.
func (q *qscan) isDatePart(i, k int) bool {
	t := q.toks[i].Text
	if len(t) == 4 {
		if y, err := strconv.Atoi(t); err == nil && y >= 1800 && y <= 2100 {
			if _, m := q.unit(k); m == k {
				return true
			}
		}
	}
	if len(t) <= 2 {
		p := i - 1
		if q.word(p) == "." {
			p--
		}
		if _, ok := q.lx.months[q.word(p)]; ok && isCapitalized(q.toks[p].Text) {
			return true
		}
		if _, ok := q.lx.months[q.word(k)]; ok && k < len(q.toks) && isCapitalized(q.toks[k].Text) {
			return true
		}
	}
	if q.word(i-1) == ":" && i >= 2 && isDigit(q.word(i - 2)[0]) {
		return true
	}
	switch q.word(k) {
	case ":", "a.m.", "p.m.", "am", "pm", "gmt", "utc":
		return true
	}
	return false
}

func isCapitalized(w string) bool { return w != "" && w[0] >= 'A' && w[0] <= 'Z' }

// qualifier matches a qualifier phrase at token i and returns its canonical form and length.
func (q *qscan) qualifier(i int) (string, int) {
	for _, p := range q.lx.qualifiers[q.word(i)] {
		if q.matchWords(i, p.words) {
			return p.canonical, len(p.words)
		}
	}
	return "", 0
}

func (q *qscan) matchWords(i int, words []string) bool {
	if i+len(words) > len(q.low) {
		return false
	}
	for k, w := range words {
		if q.low[i+k] != w {
			return false
		}
	}
	return true
}

// unit matches a unit phrase at token j and returns the unit and the index after it.
func (q *qscan) unit(j int) (string, int) {
	if j >= len(q.toks) {
		return "", j
	}
	for _, u := range q.lx.unitPhrases[q.low[j]] {
		if q.matchWords(j, u.words) {
			return u.unit, j + len(u.words)
		}
	}
	// "100-km" and "100 km-long": a unit joined by a hyphen.
	if q.low[j] == "-" && j+1 < len(q.toks) && q.toks[j].Start == q.toks[j-1].End {
		if u, m := q.unit(j + 1); m > j+1 {
			return u, m
		}
	}
	if h := strings.IndexByte(q.low[j], '-'); h > 0 {
		for _, u := range q.lx.unitPhrases[q.low[j][:h]] {
			if len(u.words) == 1 {
				return u.unit, j + 1
			}
		}
	}
	return "", j
}

// conversion skips a bracketed unit conversion such as "(96 square miles)" at token j.
func (q *qscan) conversion(j int) int {
	if q.word(j) != "(" {
		return j
	}
	k := j + 1
	if _, n := q.qualifier(k); n > 0 {
		k += n
	}
	a, k, ok := q.amount(k)
	if !ok || !a.numeric {
		return j
	}
	if _, m := q.unit(k); m > k && q.word(m) == ")" {
		return m + 1
	}
	return j
}

// amount parses a bare amount (digits, number words or a vague word) at token i.
func (q *qscan) amount(i int) (amount, int, bool) {
	w := q.word(i)
	if w == "" {
		return amount{}, i, false
	}
	lx := q.lx
	if isDigit(w[0]) {
		v, err := strconv.ParseFloat(strings.ReplaceAll(w, ",", ""), 64)
		if err != nil {
			return amount{}, i, false // ordinals, decades
		}
		a := amount{value: v, numeric: true, plain: !strings.ContainsAny(w, ",.")}
		j := i + 1
		if sc, ok := lx.scales[q.word(j)]; ok {
			a.value *= sc
			a.plain = false
			j++
		}
		return a, j, true
	}
	if w == "a" || w == "an" {
		next := q.word(i + 1)
		if sc, ok := lx.scales[next]; ok {
			return amount{value: sc}, i + 2, true
		}
		if vw, ok := lx.vague["a_"+next]; ok {
			return amount{value: vw.value, vague: vw.vague}, i + 2, true
		}
		return amount{}, i, false
	}
	if vw, ok := lx.vague[w]; ok {
		a := amount{value: vw.value, vague: vw.vague}
		j := i + 1
		// "tens of thousands", "hundreds of thousands".
		if q.word(j) == "of" {
			if m, ok := lx.vague[q.word(j+1)]; ok && m.value >= 1000 {
				a.value *= m.value
				j += 2
			}
		}
		return a, j, true
	}
	return q.numberWords(i)
}

// numberWords parses spelled-out numbers: "twenty-five", "three hundred and fifty",
// "two dozen", "1.5 million" is handled by amount.
func (q *qscan) numberWords(i int) (amount, int, bool) {
	lx := q.lx
	var total, current float64
	j := i
	// last is the kind of the previous word: 0 none, 1 tens ("twenty"), 2 units or teens or
	// a hyphenated number, 3 a scale word. It stops "five three" or "twenty-five and two"
	// from running together.
	last := 0
	for j < len(q.low) {
		w := q.low[j]
		v, ok := lx.numbers[w]
		if !ok {
			v, ok = hyphenNumber(lx, w)
		}
		if ok {
			kind := 2
			if v >= 20 && !strings.Contains(w, "-") {
				kind = 1
			}
			if last == 2 || (last == 1 && kind == 1) {
				break
			}
			current += v
			last = kind
		} else if sc, ok := lx.scales[w]; ok && last != 0 && last != 3 {
			if sc < 1000 {
				current *= sc
			} else {
				total += current * sc
				current = 0
			}
			last = 3
		} else if w == "and" && last == 3 {
			next := q.word(j + 1)
			if _, ok := lx.numbers[next]; !ok {
				if _, ok := hyphenNumber(lx, next); !ok {
					break
				}
			}
			last = 0
		} else {
			break
		}
		j++
	}
	if j > i && q.low[j-1] == "and" {
		j--
	}
	if j == i {
		return amount{}, i, false
	}
	return amount{value: total + current}, j, true
}

// hyphenNumber reads "twenty-five".
func hyphenNumber(lx *lexicon, w string) (float64, bool) {
	h := strings.IndexByte(w, '-')
	if h < 0 {
		return 0, false
	}
	a, ok1 := lx.numbers[w[:h]]
	b, ok2 := lx.numbers[w[h+1:]]
	if !ok1 || !ok2 || a < 20 || b >= 10 {
		return 0, false
	}
	return a + b, true
}
