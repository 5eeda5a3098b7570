package clean

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// probeLen is how much of the start of the main text locates the article
// that holds it.
const probeLen = 60

// figureCaptions returns, in page order, the texts of the <figcaption>
// elements inside the article that holds the extracted main text, whose
// first paragraph is first. The extractor drops figures with their
// captions; captions are kept (and marked) like those of text files.
// Captions outside that article, or in its asides, navigation and footers
// (teasers of other stories), are left out.
func figureCaptions(raw, first string) []string {
	if !strings.Contains(raw, "figcaption") && !strings.Contains(raw, "FIGCAPTION") {
		return nil
	}
	probe := normSpace(first)
	if len(probe) > probeLen {
		n := probeLen
		for n > 0 && !utf8.RuneStart(probe[n]) {
			n--
		}
		probe = probe[:n]
	}
	if probe == "" {
		return nil
	}
	root, err := html.Parse(strings.NewReader(raw))
	if err != nil {
		return nil
	}
	holds := map[*html.Node]bool{} // container -> holds the main text
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "figcaption" {
			if c := captionContainer(n); c != nil {
				ok, seen := holds[c]
				if !seen {
					ok = strings.Contains(normSpace(nodeText(c)), probe)
					holds[c] = ok
				}
				if s := normSpace(nodeText(n)); ok && s != "" {
					out = append(out, s)
				}
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out
}

// captionContainer returns the nearest article, main or articleBody element
// above a figcaption, or nil when there is none or an aside, nav, footer or
// header comes first.
func captionContainer(n *html.Node) *html.Node {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type != html.ElementNode {
			continue
		}
		switch p.Data {
		case "aside", "nav", "footer", "header":
			return nil
		case "article", "main":
			return p
		}
		for _, a := range p.Attr {
			if a.Key == "itemprop" && a.Val == "articleBody" {
				return p
			}
		}
	}
	return nil
}

// nodeText returns the text under n outside scripts and styles, with a
// space between elements.
func nodeText(n *html.Node) string {
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
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
