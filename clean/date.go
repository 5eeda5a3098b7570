package clean

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// dateParser finds an absolute calendar date in a short line ("July 28,
// 2017", "28 December 2017", "2017-12-28") and decides whether the line is
// a pure date line: nothing but a date, a time, a weekday and separators.
type dateParser struct {
	mdy, dmy, iso *regexp.Regexp
	filler        *regexp.Regexp
}

var months = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

func newDateParser() *dateParser {
	const month = `(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)`
	return &dateParser{
		mdy: regexp.MustCompile(`(?i)\b` + month + `\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`),
		dmy: regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?` + month + `\.?,?\s+(\d{4})\b`),
		iso: regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b`),
		// What may surround a date on a pure date line.
		filler: regexp.MustCompile(`(?i)^(?:\s|[,|·•/–—-]|\bat\b|\bon\b|\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b|\b\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?|\b(?:gmt|utc|[a-z]{2,4}t)\b|[+-]\d{2}:?\d{2})*$`),
	}
}

// find returns the first date in s and the byte span of its match.
func (p *dateParser) find(s string) (time.Time, int, int, bool) {
	if m := p.mdy.FindStringSubmatchIndex(s); m != nil {
		mon := months[strings.ToLower(s[m[2]:m[3]])]
		d, _ := strconv.Atoi(s[m[4]:m[5]])
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		if t, ok := mkdate(y, mon, d); ok {
			return t, m[0], m[1], true
		}
	}
	if m := p.dmy.FindStringSubmatchIndex(s); m != nil {
		d, _ := strconv.Atoi(s[m[2]:m[3]])
		mon := months[strings.ToLower(s[m[4]:m[5]])]
		y, _ := strconv.Atoi(s[m[6]:m[7]])
		if t, ok := mkdate(y, mon, d); ok {
			return t, m[0], m[1], true
		}
	}
	if m := p.iso.FindStringSubmatchIndex(s); m != nil {
		y, _ := strconv.Atoi(s[m[2]:m[3]])
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		d, _ := strconv.Atoi(s[m[6]:m[7]])
		if t, ok := mkdate(y, time.Month(mo), d); ok {
			return t, m[0], m[1], true
		}
	}
	return time.Time{}, 0, 0, false
}

// dateLine reports the date on a line that is only a date (with time,
// weekday, separators), or that starts with a date label.
func (p *dateParser) dateLine(line string, label *regexp.Regexp) (time.Time, bool) {
	if len(line) > 120 {
		return time.Time{}, false
	}
	rest := line
	if label != nil {
		if loc := label.FindStringIndex(line); loc != nil && loc[0] == 0 && loc[1] > 0 {
			rest = line[loc[1]:]
		}
	}
	t, s, e, ok := p.find(rest)
	if !ok {
		return time.Time{}, false
	}
	if !p.filler.MatchString(rest[:s]) || !p.filler.MatchString(rest[e:]) {
		return time.Time{}, false
	}
	return t, true
}

// mkdate builds a UTC midnight date, rejecting impossible days.
func mkdate(y int, m time.Month, d int) (time.Time, bool) {
	if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}
