package clean

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep/sitrep"
)

// TestHTMLFigureCaptions keeps the <figcaption> of the article's photos,
// which the extractor drops, as caption paragraphs; captions outside the
// article (a sidebar's teasers) stay out.
func TestHTMLFigureCaptions(t *testing.T) {
	body := `<p>AZAZ: A car bomb exploded outside a court building in the town of Azaz near the Turkish border on Saturday, killing at least nine people, a monitor said.</p>
<p>The blast tore through a busy market street, and rescue workers pulled survivors from the rubble of nearby shops, residents said.</p>`
	fig := `<figure><img src="a.jpg"><figcaption>Smoke rises over the market in Azaz on Saturday.</figcaption></figure>`
	aside := `<aside><figure><img src="b.jpg"><figcaption>Most read: a teaser photo.</figcaption></figure></aside>`
	page := func(article string) string {
		return `<html><head><title>Car bomb in Azaz</title></head><body><nav><a href="/">Home</a></nav>` +
			`<main><article><h1>Car bomb in Azaz</h1>` + article + `</article>` + aside + `</main></body></html>`
	}
	tests := []struct {
		name string
		html string
		want []string
	}{
		{"caption before the text", page(fig + body), []string{
			"A car bomb exploded outside a court building in the town of Azaz near the Turkish border on Saturday, killing at least nine people, a monitor said.",
			"The blast tore through a busy market street, and rescue workers pulled survivors from the rubble of nearby shops, residents said.",
			"caption: Smoke rises over the market in Azaz on Saturday.",
		}},
		{"no figure", page(body), []string{
			"A car bomb exploded outside a court building in the town of Azaz near the Turkish border on Saturday, killing at least nine people, a monitor said.",
			"The blast tore through a busy market street, and rescue workers pulled survivors from the rubble of nearby shops, residents said.",
		}},
	}
	c := newTestCleaner(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &sitrep.Document{Raw: []byte(tt.html), RawType: "text/html"}
			if err := c.Clean(d, testNow); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, resultOf(d).Paras); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
			checkOffsets(t, d)
		})
	}
}
