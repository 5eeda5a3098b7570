package clean

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"
)

// defaultRules is the built-in rule file; see rules.txt for its format.
//
//go:embed rules.txt
var defaultRules string

// Rules are the compiled line patterns the cleaner applies. Patterns stay
// separate rather than joined into one alternation: small programs run on
// Go's fast backtracking matcher, a big alternation falls back to the much
// slower NFA.
type Rules struct {
	drop, cut, caption, kicker patterns
	datelabel                  *regexp.Regexp
	dateline                   *regexp.Regexp
	byline                     *regexp.Regexp
	datelinePlace              int
}

// pattern is one compiled rule.
type pattern struct {
	re      *regexp.Regexp
	atStart bool // anchored with ^: cheap on any line
}

// patterns is a list of rules any of which may match.
type patterns []pattern

// match reports whether any pattern matches s.
func (ps patterns) match(s string) bool {
	for _, p := range ps {
		if p.re.MatchString(s) {
			return true
		}
	}
	return false
}

// matchTail is match for rules about a line's end (credits): patterns not
// anchored at the start only see the last n bytes of s, so that a long
// line is not scanned from every position.
func (ps patterns) matchTail(s string, n int) bool {
	tail := s
	if len(s) > n {
		i := len(s) - n
		for i < len(s) && !utf8.RuneStart(s[i]) {
			i++
		}
		tail = " " + s[i:]
	}
	for _, p := range ps {
		in := tail
		if p.atStart {
			in = s
		}
		if p.re.MatchString(in) {
			return true
		}
	}
	return false
}

// DefaultRules returns the built-in rules.
func DefaultRules() (*Rules, error) {
	return ParseRules(strings.NewReader(defaultRules))
}

// ParseRules reads a rule file: one "KIND REGEXP" a line, # comments. It
// reports the first bad line by number.
func ParseRules(r io.Reader) (*Rules, error) {
	byKind := map[string][]string{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		kind, pat, ok := strings.Cut(line, " ")
		if !ok {
			kind, pat, ok = strings.Cut(line, "\t")
		}
		pat = strings.TrimSpace(pat)
		if !ok || pat == "" {
			return nil, fmt.Errorf("rules line %d: want KIND REGEXP", n)
		}
		switch kind {
		case "drop", "cut", "caption", "datelabel", "dateline", "kicker", "byline":
		default:
			return nil, fmt.Errorf("rules line %d: unknown kind %q", n, kind)
		}
		if _, err := regexp.Compile(pat); err != nil {
			return nil, fmt.Errorf("rules line %d: %w", n, err)
		}
		byKind[kind] = append(byKind[kind], pat)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read rules: %w", err)
	}
	rs := &Rules{}
	for _, k := range []struct {
		kind string
		dst  *patterns
	}{{"drop", &rs.drop}, {"cut", &rs.cut}, {"caption", &rs.caption}, {"kicker", &rs.kicker}} {
		for _, p := range byKind[k.kind] {
			re := regexp.MustCompile(p) // checked above
			*k.dst = append(*k.dst, pattern{re: re, atStart: strings.HasPrefix(strings.TrimPrefix(p, "(?i)"), "^")})
		}
	}
	var err error
	if rs.datelabel, err = join(byKind["datelabel"]); err != nil {
		return nil, fmt.Errorf("rules datelabel: %w", err)
	}
	if rs.byline, err = join(byKind["byline"]); err != nil {
		return nil, fmt.Errorf("rules byline: %w", err)
	}
	if rs.byline != nil && !hasGroup(rs.byline, "author") {
		return nil, fmt.Errorf("rules byline: no (?P<author>...) group")
	}
	if pats := byKind["dateline"]; len(pats) > 0 {
		// Datelines keep their own groups, so only the first pattern with a
		// "place" group is used; the others are alternatives inside it.
		if rs.dateline, err = join(pats); err != nil {
			return nil, fmt.Errorf("rules dateline: %w", err)
		}
		rs.datelinePlace = -1
		for i, name := range rs.dateline.SubexpNames() {
			if name == "place" {
				rs.datelinePlace = i
				break
			}
		}
		if rs.datelinePlace < 0 {
			return nil, fmt.Errorf("rules dateline: no (?P<place>...) group")
		}
	}
	return rs, nil
}

// hasGroup reports whether re has a capture group called name.
func hasGroup(re *regexp.Regexp, name string) bool {
	return re.SubexpIndex(name) >= 0
}

// group returns the first non-empty match of the groups called name.
func group(re *regexp.Regexp, m []int, s, name string) string {
	for i, n := range re.SubexpNames() {
		if n == name && m[2*i] >= 0 && m[2*i+1] > m[2*i] {
			return s[m[2*i]:m[2*i+1]]
		}
	}
	return ""
}

// join compiles patterns into one alternation, nil when there are none.
// Each pattern keeps its own flags because (?i) inside a group is scoped.
func join(pats []string) (*regexp.Regexp, error) {
	if len(pats) == 0 {
		return nil, nil
	}
	var b strings.Builder
	for i, p := range pats {
		if i > 0 {
			b.WriteByte('|')
		}
		b.WriteString("(?:")
		b.WriteString(p)
		b.WriteString(")")
	}
	return regexp.Compile(b.String())
}
