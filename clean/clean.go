// Package clean turns a document's raw input (plain text or HTML) into clean
// text: boilerplate dropped, repeated paragraphs kept once, captions marked,
// and title, dateline and publication date found. The patterns it applies
// are data (rules.txt, or a user's file of the same format).
package clean

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"golang.org/x/net/html/charset"
)

// Errors returned by Clean, checked with errors.Is.
var (
	// ErrBinary is returned for input that is not text.
	ErrBinary = errors.New("binary content")
	// ErrEmpty is returned when no text is left after cleaning.
	ErrEmpty = errors.New("no text after cleaning")
)

// Options configures a Cleaner.
type Options struct {
	// RulesFile is a rule file replacing the built-in rules.txt; "" keeps
	// the built-in one.
	RulesFile string
}

// Cleaner cleans documents. It compiles its rules once and is safe for
// concurrent use.
type Cleaner struct {
	rules *Rules
	dates *dateParser
}

// New returns a Cleaner with the built-in rules or those of opt.RulesFile.
func New(opt Options) (*Cleaner, error) {
	var rs *Rules
	var err error
	if opt.RulesFile == "" {
		rs, err = DefaultRules()
	} else {
		var f *os.File
		if f, err = os.Open(opt.RulesFile); err != nil {
			return nil, fmt.Errorf("open rules: %w", err)
		}
		defer f.Close()
		rs, err = ParseRules(f)
	}
	if err != nil {
		return nil, err
	}
	return NewWithRules(rs), nil
}

// NewWithRules returns a Cleaner applying rs.
func NewWithRules(rs *Rules) *Cleaner {
	return &Cleaner{rules: rs, dates: newDateParser()}
}

// topLines is how far from the top a publication date line, a kicker or a
// title may be found.
const topLines = 8

// maxCaption is the longest line that may be a caption: longer ones are
// body paragraphs that happen to mention a photo.
const maxCaption = 400

// captionTail is how much of a line's end caption credits are looked for in.
const captionTail = 160

// maxRuleLine is the longest line drop and cut rules look at: boilerplate
// lines are short, and skipping long paragraphs keeps cleaning cheap.
const maxRuleLine = 400

// line is one paragraph candidate.
type line struct {
	text   string
	indent bool // the raw line started with white space
	kind   sitrep.ParagraphKind
}

// Clean fills doc.Text, Paragraphs, Hash and SimHash from doc.Raw (RawType
// "text/html" or plain text), and Title, Author, Dateline and Published when
// they are still empty and the input states them. now bounds plausible
// publication dates and stamps IngestedAt when it is unset. Invalid UTF-8
// is repaired; binary input gives ErrBinary and nothing left gives ErrEmpty.
func (c *Cleaner) Clean(doc *sitrep.Document, now time.Time) error {
	if IsBinary(doc.Raw) {
		return ErrBinary
	}
	raw := string(doc.Raw)
	html := isHTML(doc.RawType, raw)
	if !utf8.ValidString(raw) {
		raw = toUTF8(doc.Raw, html)
	}
	var lines []line
	if html {
		text, err := c.extractHTML(doc, raw, now)
		if err != nil {
			return err
		}
		lines = splitLines(text, false)
		if len(lines) > 0 {
			for _, s := range figureCaptions(raw, lines[0].text) {
				lines = append(lines, line{text: s, kind: sitrep.Caption})
			}
		}
	} else {
		lines = splitLines(raw, true)
	}
	lines = c.cleanLines(doc, lines, now)
	if len(lines) == 0 {
		return ErrEmpty
	}
	var b strings.Builder
	doc.Paragraphs = doc.Paragraphs[:0]
	for i, l := range lines {
		if i > 0 {
			b.WriteString("\n\n")
		}
		start := b.Len()
		b.WriteString(l.text)
		doc.Paragraphs = append(doc.Paragraphs, sitrep.Paragraph{Start: start, End: b.Len(), Kind: l.kind})
	}
	doc.Text = b.String()
	doc.Hash = Hash(doc.Text)
	doc.SimHash = SimHash(doc.Text)
	if doc.IngestedAt.IsZero() {
		doc.IngestedAt = now
	}
	return nil
}

// CleanText is Clean for a plain string; it returns the cleaned document.
func (c *Cleaner) CleanText(s string, now time.Time) (*sitrep.Document, error) {
	doc := &sitrep.Document{Raw: []byte(s), RawType: "text/plain"}
	return doc, c.Clean(doc, now)
}

// cleanLines applies the rules in order: top date line, byline, drops and cuts,
// kickers and title, captions, dateline, repeated paragraphs.
func (c *Cleaner) cleanLines(doc *sitrep.Document, in []line, now time.Time) []line {
	rs := c.rules
	// Publication date from a date line near the top, never from the body.
	for i := 0; i < len(in) && i < topLines; i++ {
		t, ok := c.dates.dateLine(in[i].text, rs.datelabel)
		if !ok {
			continue
		}
		if doc.Published.IsZero() && !t.After(now.Add(48*time.Hour)) {
			doc.Published = t
		}
		in = append(in[:i:i], in[i+1:]...)
		break
	}
	// A byline near the top.
	if rs.byline != nil {
		for i := 0; i < len(in) && i < topLines; i++ {
			l := in[i].text
			if len(l) > 150 || strings.HasSuffix(l, ".") {
				continue // a sentence, not a byline: "By Monday, troops had left."
			}
			m := rs.byline.FindStringSubmatchIndex(l)
			if m == nil {
				continue
			}
			if doc.Author == "" {
				doc.Author = group(rs.byline, m, l, "author")
			}
			in = append(in[:i:i], in[i+1:]...)
			break
		}
	}
	// Boilerplate lines, and footers cut off whole.
	out := in[:0:0]
	body := false
	for _, l := range in {
		if body && len(l.text) <= maxRuleLine && rs.cut.match(l.text) {
			break
		}
		if (len(l.text) <= maxRuleLine && rs.drop.match(l.text)) || !hasWord(l.text) {
			continue
		}
		if len(l.text) >= 80 {
			body = true
		}
		out = append(out, l)
	}
	// Kickers and the title at the top.
	for i := 0; i < len(out) && i < 3; {
		l := out[i]
		if doc.Title != "" && sameText(l.text, doc.Title) {
			out = append(out[:i:i], out[i+1:]...)
			break
		}
		if len(l.text) <= 40 && rs.kicker.match(l.text) && i+1 < len(out) {
			out = append(out[:i:i], out[i+1:]...)
			continue
		}
		if doc.Title == "" && isTitle(l.text) && i+1 < len(out) && !rs.caption.matchTail(l.text, captionTail) {
			doc.Title = l.text
			out = append(out[:i:i], out[i+1:]...)
		}
		break
	}
	// Captions.
	for i := range out {
		if out[i].kind == sitrep.Caption {
			continue // a figcaption from the HTML path
		}
		out[i].kind = sitrep.Body
		if len(out[i].text) <= maxCaption && rs.caption.matchTail(out[i].text, captionTail) {
			out[i].kind = sitrep.Caption
		}
	}
	// Dateline at the start of the first body paragraph.
	for i := range out {
		if out[i].kind != sitrep.Body {
			continue
		}
		if place, rest, ok := c.dateline(out[i].text); ok {
			if doc.Dateline == "" {
				doc.Dateline = place
			}
			if rest == "" {
				out = append(out[:i:i], out[i+1:]...)
			} else {
				out[i].text = rest
			}
		}
		break
	}
	// Repeated paragraphs (also a whole article pasted twice) kept once;
	// after the dateline is split off, so a doubled lead matches its copy.
	seen := make(map[string]bool, len(out))
	kept := out[:0]
	for _, l := range out {
		k := key(l.text)
		if seen[k] {
			continue
		}
		seen[k] = true
		kept = append(kept, l)
	}
	out = kept
	return out
}

// dateline splits a pure dateline ("ERBIL, Kurdistan Region –") off the
// start of s.
func (c *Cleaner) dateline(s string) (place, rest string, ok bool) {
	re := c.rules.dateline
	if re == nil {
		return "", s, false
	}
	m := re.FindStringSubmatchIndex(s + " ")
	if m == nil || m[0] != 0 {
		return "", s, false
	}
	if place = strings.TrimSpace(group(re, m, s+" ", "place")); place == "" {
		return "", s, false
	}
	end := min(m[1], len(s))
	return place, strings.TrimSpace(s[end:]), true
}

// isTitle reports whether a line looks like a headline: short, several
// words, no final period.
func isTitle(s string) bool {
	if utf8.RuneCountInString(s) > 200 {
		return false
	}
	n := len(strings.Fields(s))
	if n < 2 || n > 30 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return last != '.' && last != ':' && last != ','
}

// key is the comparison form of a paragraph: lowercased letters and digits.
func key(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			// ASCII, the common case, without decoding.
			switch {
			case 'A' <= c && c <= 'Z':
				b = append(b, c+('a'-'A'))
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				b = append(b, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
		i += n
	}
	return string(b)
}

func sameText(a, b string) bool { return key(a) == key(b) }

// hasWord reports whether s holds at least one letter or digit.
func hasWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// splitLines cuts text into paragraph candidates: each non-blank line,
// except that blocks of hard-wrapped lines are joined when joinWrapped.
func splitLines(text string, joinWrapped bool) []line {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	text = strings.TrimPrefix(text, "\uFEFF")
	var out []line
	var block []string
	flush := func() {
		if len(block) == 0 {
			return
		}
		if joinWrapped && wrapped(block) {
			var parts []string
			for _, s := range block {
				parts = append(parts, strings.TrimSpace(s))
			}
			out = append(out, line{text: normSpace(strings.Join(parts, " ")), indent: startsSpace(block[0])})
		} else {
			for _, s := range block {
				out = append(out, line{text: normSpace(s), indent: startsSpace(s)})
			}
		}
		block = block[:0]
	}
	for s := range strings.SplitSeq(text, "\n") {
		if strings.TrimSpace(s) == "" {
			flush()
			continue
		}
		block = append(block, s)
	}
	flush()
	return out
}

// wrapped reports whether a block of lines is one paragraph hard-wrapped
// at a fixed width: at least three lines, none longer than 100 bytes, the
// lines before the last of similar length, and most not ending a sentence.
func wrapped(block []string) bool {
	if len(block) < 3 {
		return false
	}
	maxLen := 0
	for _, s := range block {
		s = strings.TrimSpace(s)
		if isBullet(s) {
			return false
		}
		maxLen = max(maxLen, len(s))
	}
	if maxLen > 100 || maxLen < 40 {
		return false
	}
	open := 0
	for _, s := range block[:len(block)-1] {
		s = strings.TrimSpace(s)
		if len(s) < maxLen*6/10 {
			return false
		}
		if !strings.ContainsAny(s[len(s)-1:], ".!?\"”") {
			open++
		}
	}
	return open*2 >= len(block)-1
}

// isBullet reports a list item: lists are kept a line per item.
func isBullet(s string) bool {
	for _, p := range []string{"•", "·", "- ", "* ", "– ", "▪", "►"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func startsSpace(s string) bool { return s != "" && (s[0] == ' ' || s[0] == '\t') }

// normSpace trims s and folds runs of spaces, tabs and no-break spaces.
func normSpace(s string) string {
	s = strings.TrimSpace(s)
	// Three byte searches: ContainsAny with a non-ASCII rune would decode
	// every rune of s.
	if strings.IndexByte(s, '\t') < 0 && !strings.Contains(s, "\u00a0") && !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\u00a0'
	}), " ")
}

// toUTF8 decodes b to UTF-8: an HTML page by the charset its <meta>
// declares (windows-1256, iso-8859-1...), anything else by replacing
// invalid bytes with U+FFFD.
func toUTF8(b []byte, html bool) string {
	if html {
		if enc, name, _ := charset.DetermineEncoding(b, "text/html"); enc != nil && name != "utf-8" {
			if out, err := enc.NewDecoder().Bytes(b); err == nil && utf8.Valid(out) {
				return string(out)
			}
		}
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

// IsBinary reports whether b looks like binary data rather than text: a NUL
// byte, a known binary signature, or many control characters in its head.
func IsBinary(b []byte) bool {
	head := b[:min(len(b), 8192)]
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	for _, sig := range [][]byte{[]byte("%PDF-"), {0x89, 'P', 'N', 'G'}, {0xff, 0xd8, 0xff}, []byte("GIF8"), []byte("PK\x03\x04"), {0x1f, 0x8b}} {
		if bytes.HasPrefix(head, sig) {
			return true
		}
	}
	ctl := 0
	for _, c := range head {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' {
			ctl++
		}
	}
	return len(head) > 0 && ctl*20 > len(head)
}
