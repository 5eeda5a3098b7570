package clean

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/markusmobius/go-htmldate"
	"github.com/markusmobius/go-trafilatura"
	"github.com/sitrep/sitrep"
	"golang.org/x/net/html"
)

// isHTML reports whether raw should go the HTML path: by its media type, or
// by markup at its start when the type is unknown.
func isHTML(rawType, raw string) bool {
	if strings.Contains(rawType, "html") {
		return true
	}
	if rawType != "" {
		return false
	}
	head := strings.ToLower(strings.TrimSpace(raw[:min(len(raw), 512)]))
	return strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") ||
		strings.Contains(head, "<head") || strings.Contains(head, "<body")
}

// extractHTML returns the main text of an HTML page, one paragraph a line,
// and fills missing title, author, outlet and date from its metadata. The
// date comes from go-htmldate in fast mode: meta tags, structured data and
// the URL, never dates guessed from the article body.
func (c *Cleaner) extractHTML(doc *sitrep.Document, raw string, now time.Time) (string, error) {
	cfg := trafilatura.DefaultConfig()
	cfg.MinExtractedSize = 50
	opts := trafilatura.Options{
		Config:          cfg,
		EnableFallback:  true,
		ExcludeComments: true,
		HtmlDateOptions: &htmldate.Options{
			UseOriginalDate:     true,
			SkipExtensiveSearch: true,
			URL:                 doc.URL,
			MaxDate:             endOfDay(now),
		},
	}
	if u, err := url.Parse(doc.URL); err == nil && u.Host != "" {
		opts.OriginalURL = u
	}
	res, err := trafilatura.Extract(strings.NewReader(raw), opts)
	text := ""
	if err == nil && res != nil {
		// ContentText runs paragraphs together; the node keeps them apart.
		text = blockText(res.ContentNode)
		m := res.Metadata
		if doc.Title == "" {
			doc.Title = normSpace(m.Title)
		}
		if doc.Author == "" {
			doc.Author = normSpace(m.Author)
		}
		if doc.Outlet == "" {
			doc.Outlet = normSpace(m.Sitename)
		}
		if doc.Published.IsZero() && !m.Date.IsZero() && !m.Date.After(endOfDay(now)) {
			d := m.Date
			doc.Published = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
		}
	}
	if strings.TrimSpace(text) == "" {
		// Trafilatura found no main text (tiny or broken page): fall back to
		// all visible text, which the line rules then clean.
		text = visibleText(raw)
		if doc.Title == "" {
			doc.Title = htmlTitle(raw)
		}
	}
	if strings.TrimSpace(text) == "" {
		return "", fmt.Errorf("html: %w", ErrEmpty)
	}
	return text, nil
}

func endOfDay(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 23, 59, 59, 0, time.UTC)
}

// visibleText returns the text of an HTML page outside script, style and
// similar elements, a line per block element.
func visibleText(raw string) string {
	z := html.NewTokenizer(strings.NewReader(raw))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style", "noscript", "template", "svg", "title", "nav", "footer":
				skip++
			case "p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "section", "article", "figcaption", "blockquote":
				b.WriteByte('\n')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style", "noscript", "template", "svg", "title", "nav", "footer":
				if skip > 0 {
					skip--
				}
			case "p", "div", "li", "h1", "h2", "h3", "h4", "tr", "section", "article", "figcaption", "blockquote":
				b.WriteByte('\n')
			}
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		}
	}
}

// blockElements end a line of text.
var blockElements = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "blockquote": true, "figcaption": true, "pre": true, "tr": true,
	"section": true, "article": true, "table": true, "ul": true, "ol": true, "dd": true, "dt": true,
	"header": true, "footer": true, "figure": true, "main": true, "aside": true, "head": true,
}

// blockText renders a node tree as text, a line per block element.
func blockText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template", "svg":
				return
			}
		}
		block := n.Type == html.ElementNode && blockElements[n.Data]
		if block {
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteByte('\n')
		}
	}
	walk(n)
	return b.String()
}

// htmlTitle returns the text of the page's <title>.
func htmlTitle(raw string) string {
	z := html.NewTokenizer(strings.NewReader(raw))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken:
			if name, _ := z.TagName(); string(name) == "title" {
				if z.Next() == html.TextToken {
					return normSpace(string(z.Text()))
				}
				return ""
			}
		}
	}
}
