package text

import (
	"bufio"
	"embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

//go:embed data/*.txt
var dataFS embed.FS

// abbrevClass says when an abbreviation followed by a period may still end a sentence.
type abbrevClass uint8

const (
	abbrevTitle abbrevClass = iota + 1 // never ends a sentence
	abbrevNum                          // does not end one before a number
	abbrevOther                        // ends one only before a common sentence starter
)

// lexicon holds the parsed data files. It is built once and never changed afterwards.
type lexicon struct {
	abbrevs     map[string]abbrevClass
	starters    map[string]bool
	continuers  map[string]bool    // words after which a line goes on
	numbers     map[string]float64 // "two" -> 2, "twenty" -> 20
	scales      map[string]float64 // "hundred" -> 100, "million" -> 1e6
	vague       map[string]vagueWord
	unitPhrases map[string][]unitPhrase      // by first word, longest first
	qualifiers  map[string][]qualifierPhrase // by first word, longest first
	lemmas      map[string]string
	months      map[string]int    // lowercase name or abbreviation -> 1..12
	weekdays    map[string]int    // lowercase name -> time.Weekday number
	attrVerbs   map[string]string // "says" -> "said"
	attrPreps   []attrPhrase      // "according to", longest first
	attrAmbig   map[string]bool   // verb forms that are also nouns ("reports")
	attrStops   map[string]bool   // words that end a source phrase
	attrLeads   [][]string        // phrases dropped from the start of a source ("a charge")
	attrSoft    map[string]bool   // words trimmed from the end of a source phrase
	timeStarts  map[string]bool   // words, other than numbers and names, that can begin a time expression
	roles       map[string]role   // every listed word with the lists it is in, for one lookup per token
}

// role is a set of word lists a token belongs to. The readers skip tokens whose role rules
// them out with one lookup instead of one per list.
type role uint16

const (
	roleDigit     role = 1 << iota // starts with a digit (set per token, not in the map)
	roleNumber                     // a number word, or a hyphenated one ("twenty-five")
	roleVague                      // "dozens", "several"
	roleQualifier                  // the first word of a qualifier ("at" of "at least")
	roleQStart                     // other words that can begin a quantity: "a", "an", "between", "from"
	roleTimeStart                  // a word that can begin a time expression
	roleMonth                      // a month name or abbreviation
	roleWeekday                    // a weekday name
	roleAttr                       // an attribution verb or the first word of "according to"
)

// quantityStart and timeStart are the roles that let a quantity or a time expression begin.
const (
	quantityStart = roleDigit | roleNumber | roleVague | roleQualifier | roleQStart
	timeStart     = roleDigit | roleNumber | roleVague | roleTimeStart
)

// roleOf returns the roles of a lowercase token.
func (l *lexicon) roleOf(w string) role {
	if w == "" {
		return 0
	}
	r := l.roles[w]
	if isDigit(w[0]) {
		r |= roleDigit
	}
	if r&roleNumber == 0 && strings.IndexByte(w, '-') > 0 {
		if _, ok := hyphenNumber(l, w); ok {
			r |= roleNumber
		}
		if strings.HasPrefix(w, "mid-") {
			r |= roleTimeStart
		}
	}
	return r
}

type attrPhrase struct {
	words []string
	verb  string
}

type vagueWord struct {
	value float64
	vague bool
}

type unitPhrase struct {
	words []string // lowercase words, e.g. ["square", "km"]
	unit  string
}

type qualifierPhrase struct {
	words     []string
	canonical string
}

var lex = sync.OnceValue(func() *lexicon {
	l, err := loadLexicon()
	if err != nil {
		// The data files are embedded and checked by tests, so this cannot happen at run time.
		panic(err)
	}
	return l
})

// lines returns the trimmed non-empty, non-comment lines of an embedded data file.
func lines(name string) ([]string, error) {
	f, err := dataFS.Open("data/" + name)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return out, nil
}

func loadLexicon() (*lexicon, error) {
	l := &lexicon{
		abbrevs:     map[string]abbrevClass{},
		starters:    map[string]bool{},
		continuers:  map[string]bool{},
		numbers:     map[string]float64{},
		scales:      map[string]float64{},
		vague:       map[string]vagueWord{},
		lemmas:      map[string]string{},
		months:      map[string]int{},
		unitPhrases: map[string][]unitPhrase{},
		qualifiers:  map[string][]qualifierPhrase{},
		weekdays:    map[string]int{},
		attrVerbs:   map[string]string{},
		attrStops:   map[string]bool{},
		attrAmbig:   map[string]bool{},
		attrSoft:    map[string]bool{},
		timeStarts:  map[string]bool{},
	}
	rows, err := lines("abbreviations.txt")
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		f := strings.Fields(r)
		if len(f) < 2 {
			return nil, fmt.Errorf("abbreviations.txt: bad line %q", r)
		}
		name := strings.Join(f[:len(f)-1], " ")
		switch f[len(f)-1] {
		case "title":
			l.abbrevs[name] = abbrevTitle
		case "num":
			l.abbrevs[name] = abbrevNum
		case "other":
			l.abbrevs[name] = abbrevOther
		default:
			return nil, fmt.Errorf("abbreviations.txt: unknown class in %q", r)
		}
	}
	if rows, err = lines("starters.txt"); err != nil {
		return nil, err
	}
	for _, r := range rows {
		l.starters[r] = true
	}
	if rows, err = lines("continuers.txt"); err != nil {
		return nil, err
	}
	for _, r := range rows {
		l.continuers[r] = true
	}
	if rows, err = lines("numbers.txt"); err != nil {
		return nil, err
	}
	for _, r := range rows {
		f := strings.Fields(r)
		if len(f) != 3 {
			return nil, fmt.Errorf("numbers.txt: bad line %q", r)
		}
		v, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			return nil, fmt.Errorf("numbers.txt: %w", err)
		}
		switch f[0] {
		case "num":
			l.numbers[f[1]] = v
		case "scale":
			l.scales[f[1]] = v
		case "vague":
			l.vague[f[1]] = vagueWord{value: v, vague: true}
		case "exact":
			l.vague[f[1]] = vagueWord{value: v}
		default:
			return nil, fmt.Errorf("numbers.txt: unknown kind in %q", r)
		}
	}
	if rows, err = lines("units.txt"); err != nil {
		return nil, err
	}
	for _, r := range rows {
		i := strings.LastIndexByte(r, ' ')
		if i < 0 {
			return nil, fmt.Errorf("units.txt: bad line %q", r)
		}
		words := strings.Fields(strings.ToLower(r[:i]))
		l.unitPhrases[words[0]] = append(l.unitPhrases[words[0]], unitPhrase{words: words, unit: strings.TrimSpace(r[i+1:])})
	}
	for _, ps := range l.unitPhrases {
		sortLongestFirst(ps, func(u unitPhrase) int { return len(u.words) })
	}
	if rows, err = lines("qualifiers.txt"); err != nil {
		return nil, err
	}
	for _, r := range rows {
		parts := strings.SplitN(r, "=", 2)
		canon := strings.TrimSpace(parts[0])
		if len(parts) == 2 {
			canon = strings.TrimSpace(parts[1])
		}
		words := strings.Fields(strings.ToLower(parts[0]))
		l.qualifiers[words[0]] = append(l.qualifiers[words[0]], qualifierPhrase{words: words, canonical: canon})
	}
	for _, ps := range l.qualifiers {
		sortLongestFirst(ps, func(q qualifierPhrase) int { return len(q.words) })
	}
	if rows, err = lines("lemmas.txt"); err != nil {
		return nil, err
	}
	for _, r := range rows {
		f := strings.Fields(r)
		if len(f) != 2 {
			return nil, fmt.Errorf("lemmas.txt: bad line %q", r)
		}
		l.lemmas[f[0]] = f[1]
	}
	if rows, err = lines("calendar.txt"); err != nil {
		return nil, err
	}
	for _, r := range rows {
		f := strings.Fields(r)
		if len(f) != 3 {
			return nil, fmt.Errorf("calendar.txt: bad line %q", r)
		}
		v, err := strconv.Atoi(f[2])
		if err != nil {
			return nil, fmt.Errorf("calendar.txt: %w", err)
		}
		switch f[0] {
		case "month":
			l.months[f[1]] = v
		case "weekday":
			l.weekdays[f[1]] = v
		default:
			return nil, fmt.Errorf("calendar.txt: unknown kind in %q", r)
		}
	}
	if rows, err = lines("attribution.txt"); err != nil {
		return nil, err
	}
	for _, r := range rows {
		kind, rest, _ := strings.Cut(r, " ")
		words, canon, hasCanon := strings.Cut(rest, "=")
		words, canon = strings.TrimSpace(words), strings.TrimSpace(canon)
		switch kind {
		case "verb":
			if !hasCanon {
				return nil, fmt.Errorf("attribution.txt: verb without canonical form in %q", r)
			}
			l.attrVerbs[words] = canon
		case "ambig":
			if !hasCanon {
				return nil, fmt.Errorf("attribution.txt: verb without canonical form in %q", r)
			}
			l.attrVerbs[words] = canon
			l.attrAmbig[words] = true
		case "prep":
			if !hasCanon {
				return nil, fmt.Errorf("attribution.txt: phrase without canonical form in %q", r)
			}
			l.attrPreps = append(l.attrPreps, attrPhrase{words: strings.Fields(words), verb: canon})
		case "stop":
			l.attrStops[words] = true
		case "lead":
			l.attrLeads = append(l.attrLeads, strings.Fields(words))
		case "soft":
			l.attrSoft[words] = true
		default:
			return nil, fmt.Errorf("attribution.txt: unknown kind in %q", r)
		}
	}
	sortLongestFirst(l.attrPreps, func(p attrPhrase) int { return len(p.words) })
	// The time grammar is code (times.go); these are the words its forms begin with.
	for _, w := range strings.Fields("on in over at during since earlier late early mid mid- until by " +
		"yesterday today tonight last this the a an past recent later from throughout") {
		l.timeStarts[w] = true
	}
	l.roles = map[string]role{}
	add := func(w string, r role) { l.roles[w] |= r }
	for w := range l.numbers {
		add(w, roleNumber)
	}
	for w := range l.vague {
		if !strings.HasPrefix(w, "a_") {
			add(w, roleVague)
		}
	}
	for w := range l.qualifiers {
		add(w, roleQualifier)
	}
	for _, w := range []string{"a", "an", "between", "from"} {
		add(w, roleQStart)
	}
	for w := range l.timeStarts {
		add(w, roleTimeStart)
	}
	for w := range l.months {
		add(w, roleMonth)
	}
	for w := range l.weekdays {
		add(w, roleWeekday)
	}
	for w := range l.attrVerbs {
		add(w, roleAttr)
	}
	for _, p := range l.attrPreps {
		add(p.words[0], roleAttr)
	}
	return l, nil
}

func sortLongestFirst[T any](s []T, n func(T) int) {
	// Insertion sort keeps equal-length entries in file order.
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && n(s[j]) > n(s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
