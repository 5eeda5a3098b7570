package clean

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// defaultRules is the built-in rule file; see rules.txt for its format.
//
//go:embed rules.txt
var defaultRules string

// Rules are the compiled line patterns the cleaner applies. Each kind's
// patterns are joined into one alternation so that a line is scanned once
// per kind, not once per pattern.
type Rules struct {
	drop, cut, caption, datelabel, kicker *regexp.Regexp
	dateline                              *regexp.Regexp
	datelinePlace                         int
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
		case "drop", "cut", "caption", "datelabel", "dateline", "kicker":
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
	var err error
	for _, k := range []struct {
		kind string
		dst  **regexp.Regexp
	}{{"drop", &rs.drop}, {"cut", &rs.cut}, {"caption", &rs.caption}, {"datelabel", &rs.datelabel}, {"kicker", &rs.kicker}} {
		if *k.dst, err = join(byKind[k.kind]); err != nil {
			return nil, fmt.Errorf("rules %s: %w", k.kind, err)
		}
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

func match(re *regexp.Regexp, s string) bool { return re != nil && re.MatchString(s) }
