package clean

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep/sitrep"
)

var testNow = time.Date(2018, 6, 1, 12, 0, 0, 0, time.UTC)

func newTestCleaner(t testing.TB) *Cleaner {
	t.Helper()
	c, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// result is the part of a cleaned document the tests compare.
type result struct {
	Title, Author, Dateline string
	Published               time.Time
	Paras                   []string // "caption: " prefix for captions
}

func resultOf(d *sitrep.Document) result {
	r := result{Title: d.Title, Author: d.Author, Dateline: d.Dateline, Published: d.Published}
	for _, p := range d.Paragraphs {
		s := d.Text[p.Start:p.End]
		if p.Kind == sitrep.Caption {
			s = "caption: " + s
		}
		r.Paras = append(r.Paras, s)
	}
	return r
}

const lead = "Government forces shelled the northern outskirts of the town on Tuesday, killing four people, a local monitor said."

func TestCleanText(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want result
	}{
		{
			name: "title and body",
			in:   "Shelling kills four near Hama\n\n" + lead + "\n\nThe monitor said two of the dead were children.",
			want: result{Title: "Shelling kills four near Hama", Paras: []string{lead, "The monitor said two of the dead were children."}},
		},
		{
			name: "share, newsletter and comment prompts dropped",
			in:   "Shelling kills four near Hama\n\nShare this article\n\n" + lead + "\n\nSign up for our newsletter\n\nTweet\n\n3 comments\n\nThe toll may rise.",
			want: result{Title: "Shelling kills four near Hama", Paras: []string{lead, "The toll may rise."}},
		},
		{
			name: "read teasers, minutes and slogans dropped",
			in:   "5 min read\n\nCreating new perspectives since 2009\n\nShelling kills four near Hama\n\n" + lead + "\n\nRead: Talks on prisoner swap stall in Astana\n\nThe toll may rise.",
			want: result{Title: "Shelling kills four near Hama", Paras: []string{lead, "The toll may rise."}},
		},
		{
			name: "e-mail address and ADS lines dropped",
			in:   "Shelling kills four near Hama\n\n" + lead + "\n\ndesk.news@example.org\n\nADS\n\nThe toll may rise.",
			want: result{Title: "Shelling kills four near Hama", Paras: []string{lead, "The toll may rise."}},
		},
		{
			name: "comment form and footer cut",
			in:   "Shelling kills four near Hama\n\n" + lead + "\n\nPost a Comment\n\nnews@example.org\n\nPrevious Post Next Post\n\nSome Magazine publisher of news about the region.",
			want: result{Title: "Shelling kills four near Hama", Paras: []string{lead}},
		},
		{
			name: "comments heading cuts moderation policy",
			in:   lead + "\nThe toll may rise.\nComments\nThe site moderates all comments submitted on our website.\nPost a comment",
			want: result{Paras: []string{lead, "The toll may rise."}},
		},
		{
			name: "teaser ending in ellipsis dropped",
			in:   "Shelling kills four near Hama\n\nHAMA: Government forces shelled the northern outskirts […]\n\nHAMA: " + lead,
			want: result{Title: "Shelling kills four near Hama", Dateline: "HAMA", Paras: []string{lead}},
		},
		{
			name: "repeated paragraphs kept once",
			in:   lead + "\n\nThe toll may rise.\n\n" + lead + "\n\nA second strike hit a bakery.\n\nThe toll may rise.",
			want: result{Paras: []string{lead, "The toll may rise.", "A second strike hit a bakery."}},
		},
		{
			name: "whole article doubled, single newlines",
			in:   "DAMASCUS – " + lead + "\nThe toll may rise.\nA second strike hit a bakery.\n" + lead + "\nThe toll may rise.\nA second strike hit a bakery.\n",
			want: result{Dateline: "DAMASCUS", Paras: []string{lead, "The toll may rise.", "A second strike hit a bakery."}},
		},
		{
			name: "dateline with region",
			in:   "ERBIL, Kurdistan Region – " + lead,
			want: result{Dateline: "ERBIL, Kurdistan Region", Paras: []string{lead}},
		},
		{
			name: "dateline with agency",
			in:   "BEIRUT (Reuters) - " + lead,
			want: result{Dateline: "BEIRUT", Paras: []string{lead}},
		},
		{
			name: "dateline with date and agency",
			in:   "BEIRUT, Jan 5 (Reuters) - " + lead,
			want: result{Dateline: "BEIRUT", Paras: []string{lead}},
		},
		{
			name: "dateline alone on a line",
			in:   "AMMAN:\n\n" + lead,
			want: result{Dateline: "AMMAN", Paras: []string{lead}},
		},
		{
			name: "not a dateline",
			in:   "Rebels said: " + lead,
			want: result{Paras: []string{"Rebels said: " + lead}},
		},
		{
			name: "published on line",
			in:   "Published on 09:45 AM, March 14, 2018\n\nShelling kills four near Hama\n\n" + lead,
			want: result{Title: "Shelling kills four near Hama", Published: day(2018, 3, 14), Paras: []string{lead}},
		},
		{
			name: "date line after title",
			in:   "Shelling kills four near Hama\n\nDecember 28, 2017 at 2:07 pm\n\n" + lead,
			want: result{Title: "Shelling kills four near Hama", Published: day(2017, 12, 28), Paras: []string{lead}},
		},
		{
			name: "updated label",
			in:   "Updated: 3 March 2018\n\n" + lead,
			want: result{Published: day(2018, 3, 3), Paras: []string{lead}},
		},
		{
			name: "body dates are not publication dates",
			in:   "Shelling kills four near Hama\n\n" + lead + "\n\nThe town was first shelled on March 3, 2018.",
			want: result{Title: "Shelling kills four near Hama", Paras: []string{lead, "The town was first shelled on March 3, 2018."}},
		},
		{
			name: "future date ignored",
			in:   "Published on July 28, 2031\n\n" + lead,
			want: result{Paras: []string{lead}},
		},
		{
			name: "kicker above title",
			in:   "WAR IN SYRIA\n\nShelling kills four near Hama\n\n" + lead,
			want: result{Title: "Shelling kills four near Hama", Paras: []string{lead}},
		},
		{
			name: "captions marked",
			in: lead + "\n\n Smoke rises over the town on Tuesday. Photo courtesy of Hama Media Office.\n\n" +
				"Residents inspect a crater in the market [Ahmad Saleh/Example Agency]\n\n" +
				"A damaged bakery (Photo: Local Council)\n\nThe toll may rise.",
			want: result{Paras: []string{lead,
				"caption: Smoke rises over the town on Tuesday. Photo courtesy of Hama Media Office.",
				"caption: Residents inspect a crater in the market [Ahmad Saleh/Example Agency]",
				"caption: A damaged bakery (Photo: Local Council)",
				"The toll may rise."}},
		},
		{
			name: "byline",
			in:   "Shelling kills four near Hama\n\nBy Lina Haddad and Omar Said\n\n" + lead,
			want: result{Title: "Shelling kills four near Hama", Author: "Lina Haddad and Omar Said", Paras: []string{lead}},
		},
		{
			name: "byline with role",
			in:   "By Karim Mansour | Staff reporter\n\n" + lead,
			want: result{Author: "Karim Mansour", Paras: []string{lead}},
		},
		{
			name: "a body sentence starting with By is no byline",
			in:   "By Monday, government forces had shelled the northern outskirts of the town, killing four people.",
			want: result{Paras: []string{"By Monday, government forces had shelled the northern outskirts of the town, killing four people."}},
		},
		{
			name: "a short sentence starting with By is no byline",
			in:   "By Monday, troops had left Hama.\n\n" + lead,
			want: result{Paras: []string{"By Monday, troops had left Hama.", lead}},
		},
		{
			name: "wire photo credits",
			in:   lead + "\n\nA fighter stands guard in Raqqa on October 17, 2017. AFP PHOTO / Delil Souleiman\n\nDisplaced families queue for bread in Mosul (Reuters)\n\nRead more\n\nThe toll may rise.",
			want: result{Paras: []string{lead, "caption: A fighter stands guard in Raqqa on October 17, 2017. AFP PHOTO / Delil Souleiman", "caption: Displaced families queue for bread in Mosul (Reuters)", "The toll may rise."}},
		},
		{
			name: "hard-wrapped paragraph joined",
			in:   "Government forces shelled the northern outskirts of the\ntown on Tuesday, killing four people including two\nchildren, a local monitor said on Wednesday morning.\n\nThe toll may rise.",
			want: result{Paras: []string{"Government forces shelled the northern outskirts of the town on Tuesday, killing four people including two children, a local monitor said on Wednesday morning.", "The toll may rise."}},
		},
		{
			name: "bullets stay apart",
			in:   "Shelling kills four near Hama\n\n  • Rebels retake hill near Latamneh\n  • Aid convoy reaches Douma\n  • Talks resume in Geneva\n\n" + lead,
			want: result{Title: "Shelling kills four near Hama", Paras: []string{"• Rebels retake hill near Latamneh", "• Aid convoy reaches Douma", "• Talks resume in Geneva", lead}},
		},
		{
			name: "crlf and extra spaces",
			in:   "Shelling kills four near Hama\r\n\r\n" + strings.ReplaceAll(lead, " ", "  ") + "\r\n",
			want: result{Title: "Shelling kills four near Hama", Paras: []string{lead}},
		},
	}
	c := newTestCleaner(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := c.CleanText(tt.in, testNow)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, resultOf(d)); diff != "" {
				t.Errorf("(-want +got)\n%s", diff)
			}
			checkOffsets(t, d)
		})
	}
}

// checkOffsets verifies the document invariants: paragraphs cover Text
// joined by blank lines, and the hashes match the text.
func checkOffsets(t *testing.T, d *sitrep.Document) {
	t.Helper()
	var parts []string
	for _, p := range d.Paragraphs {
		if p.Start < 0 || p.End > len(d.Text) || p.Start > p.End {
			t.Fatalf("paragraph %+v out of range %d", p, len(d.Text))
		}
		parts = append(parts, d.Text[p.Start:p.End])
	}
	if got := strings.Join(parts, "\n\n"); got != d.Text {
		t.Errorf("paragraphs do not rebuild Text")
	}
	if d.Hash != Hash(d.Text) || d.SimHash != SimHash(d.Text) {
		t.Errorf("hashes do not match text")
	}
}

func TestCleanKeepsGivenMetadata(t *testing.T) {
	c := newTestCleaner(t)
	d := &sitrep.Document{
		Title: "Shelling kills four near Hama", Published: day(2018, 2, 1), RawType: "text/plain",
		Raw: []byte("Shelling kills four near Hama\n\nPublished on March 3, 2018\n\n" + lead),
	}
	if err := c.Clean(d, testNow); err != nil {
		t.Fatal(err)
	}
	want := result{Title: "Shelling kills four near Hama", Published: day(2018, 2, 1), Paras: []string{lead}}
	if diff := cmp.Diff(want, resultOf(d)); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
	if !d.IngestedAt.Equal(testNow) {
		t.Errorf("IngestedAt = %v", d.IngestedAt)
	}
}

func TestDateLine(t *testing.T) {
	p := newDateParser()
	rs, err := DefaultRules()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		line string
		want time.Time // zero: not a date line
	}{
		{"Published on 09:45 AM, March 14, 2018", day(2018, 3, 14)},
		{"December 28, 2017 at 2:07 pm", day(2017, 12, 28)},
		{"Updated: 3 March 2018", day(2018, 3, 3)},
		{"Posted on Sunday, 14 January 2018 | 09:15 GMT", day(2018, 1, 14)},
		{"2018-02-11", day(2018, 2, 11)},
		{"Jan. 5, 2018", day(2018, 1, 5)},
		{"Last updated 12th of October 2017", day(2017, 10, 12)},
		{"February 30, 2018", time.Time{}},
		{"Rebels took the town on July 28, 2017.", time.Time{}},
		{"Shelling kills four near Hama", time.Time{}},
		{"", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got, ok := p.dateLine(tt.line, rs.datelabel)
			if ok != !tt.want.IsZero() || !got.Equal(tt.want) {
				t.Errorf("dateLine(%q) = %v, %v; want %v", tt.line, got, ok, tt.want)
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	c := newTestCleaner(t)
	tests := []struct {
		name    string
		raw     []byte
		rawType string
		wantErr error
		wantSub string // for successes: the text contains it
	}{
		{name: "binary", raw: []byte("PK\x03\x04\x00\x00binary"), wantErr: ErrBinary},
		{name: "nul bytes", raw: []byte("text\x00with\x00nuls"), wantErr: ErrBinary},
		{name: "empty", raw: nil, wantErr: ErrEmpty},
		{name: "only boilerplate", raw: []byte("Share this article\n\nADS\n\n4 min read\n"), wantErr: ErrEmpty},
		{name: "empty html", raw: []byte("<html><body><script>var x=1</script></body></html>"), rawType: "text/html", wantErr: ErrEmpty},
		{name: "invalid utf-8 repaired", raw: []byte("Rebels shelled Dar\xffaa on Monday, killing three.\n"), wantSub: "Dar\uFFFDaa"},
		{name: "latin-1 html decoded by its meta charset", raw: []byte("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Rebels shelled the caf\xe9 district of Daraa on Monday, killing three people near the old market.</p></body></html>"), rawType: "text/html", wantSub: "café district"},
		{name: "broken html", raw: []byte("<html><body><div><p>Rebels shelled Daraa on Monday, killing three people near the old market.<p>The army did not comment.</div"), rawType: "text/html", wantSub: "killing three"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &sitrep.Document{Raw: tt.raw, RawType: tt.rawType}
			err := c.Clean(d, testNow)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(d.Text, tt.wantSub) {
				t.Errorf("text %q lacks %q", d.Text, tt.wantSub)
			}
		})
	}
}

func TestCleanHTML(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "strike.html"))
	if err != nil {
		t.Fatal(err)
	}
	c := newTestCleaner(t)
	d := &sitrep.Document{Raw: raw, RawType: "text/html", URL: "https://news.example.org/2018/02/strike"}
	if err := c.Clean(d, testNow); err != nil {
		t.Fatal(err)
	}
	got := struct {
		Title, Author, Outlet string
		Published             time.Time
	}{d.Title, d.Author, d.Outlet, d.Published}
	want := got
	want.Title = "Air strike on market in Saraqeb kills 11"
	want.Published = day(2018, 2, 4)
	if diff := cmp.Diff(want.Title, got.Title); diff != "" {
		t.Errorf("title (-want +got)\n%s", diff)
	}
	if !got.Published.Equal(want.Published) {
		t.Errorf("published = %v, want %v", got.Published, want.Published)
	}
	for _, s := range []string{"killing at least 11 people", "Civil defence workers"} {
		if !strings.Contains(d.Text, s) {
			t.Errorf("text lacks %q:\n%s", s, d.Text)
		}
	}
	for _, s := range []string{"Subscribe", "Share this article", "function(", "Cookie"} {
		if strings.Contains(d.Text, s) {
			t.Errorf("text keeps boilerplate %q:\n%s", s, d.Text)
		}
	}
	checkOffsets(t, d)
}

func TestRulesErrors(t *testing.T) {
	tests := []struct{ name, in string }{
		{"no pattern", "drop\n"},
		{"unknown kind", "remove ^x$\n"},
		{"bad regexp", "drop ^(x$\n"},
		{"dateline without place", "dateline ^[A-Z]+:\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ParseRules(strings.NewReader(tt.in)); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestCustomRules(t *testing.T) {
	rs, err := ParseRules(strings.NewReader("# site footer\ndrop (?i)^brought to you by .*$\n"))
	if err != nil {
		t.Fatal(err)
	}
	c := NewWithRules(rs)
	d, err := c.CleanText(lead+"\n\nBrought to you by Example Radio\n\nShare this article", testNow)
	if err != nil {
		t.Fatal(err)
	}
	// Only the custom rule applies: the built-in share prompt stays.
	if diff := cmp.Diff([]string{lead, "Share this article"}, resultOf(d).Paras); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

func TestHashIdempotent(t *testing.T) {
	c := newTestCleaner(t)
	in := "Shelling kills four near Hama\n\n" + lead
	a, err := c.CleanText(in, testNow)
	if err != nil {
		t.Fatal(err)
	}
	b, err := c.CleanText(strings.ReplaceAll(in, "\n", "\r\n")+"\n\nShare this article\n", testNow.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if a.Hash != b.Hash || a.SimHash != b.SimHash {
		t.Errorf("same story, different hashes: %s %s", a.Hash, b.Hash)
	}
	if len(a.Hash) != 64 {
		t.Errorf("hash %q is not hex SHA-256", a.Hash)
	}
}

func TestSimHashDistance(t *testing.T) {
	story := "Government forces shelled the northern outskirts of Kafr Zita on Tuesday, killing four people including two children, a local monitor said. " +
		"The shelling followed a rebel attack on an army checkpoint east of the town on Monday night, in which three soldiers were wounded. " +
		"Residents said artillery fire came from positions near Mhardeh and lasted more than two hours, damaging a school and a water station. " +
		"Civil defence teams pulled two people from the rubble of a house near the main square. " +
		"Local council officials said dozens of families had left for villages to the north, fearing further strikes. " +
		"The Syrian army did not comment, but state media said troops had targeted terrorist positions in the area. " +
		"The town lies on the front line between government-held Hama province and rebel-held Idlib, and has been shelled repeatedly since January."
	edited := strings.Replace(story, "killing four people", "killing at least four people", 1)
	edited = strings.Replace(edited, "a local monitor said", "the local monitor said", 1)
	other := "Kurdish-led forces said on Saturday they had captured a village east of the Euphrates after two days of fighting with Islamic State militants. " +
		"The alliance said its fighters had cleared mines from the main road and were pursuing militants toward the Iraqi border. " +
		"Coalition aircraft carried out several strikes in support of the advance, a spokesman told reporters in Hasaka. " +
		"Aid agencies said hundreds of families had fled the fighting and were sheltering in camps north of the river."
	h := SimHash(story)
	tests := []struct {
		name    string
		text    string
		atMost  int
		atLeast int
	}{
		{"same", story, 0, 0},
		{"lightly edited copy", edited, 3, 0},
		{"different story", other, 64, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Distance(h, SimHash(tt.text))
			if d > tt.atMost || d < tt.atLeast {
				t.Errorf("distance %d, want in [%d, %d]", d, tt.atLeast, tt.atMost)
			}
		})
	}
}

func TestSeeds(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "seeds")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Skip("no seed corpus at " + dir)
	}
	c := newTestCleaner(t)
	docs := map[string]*sitrep.Document{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d := &sitrep.Document{Raw: b, RawType: "text/plain"}
		if err := c.Clean(d, time.Now()); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		docs[filepath.Base(f)[:3]] = d
	}
	t.Run("dates", func(t *testing.T) {
		for id, want := range map[string]string{"000": "2017-07-28", "002": "2017-12-28", "001": "", "003": "", "004": ""} {
			got := ""
			if d := docs[id]; d != nil && d.HasDate() {
				got = d.Published.Format("2006-01-02")
			}
			if got != want {
				t.Errorf("%s published %q, want %q", id, got, want)
			}
		}
	})
	t.Run("003 doubled article kept once", func(t *testing.T) {
		d := docs["003"]
		seen := map[string]bool{}
		for _, p := range d.Paragraphs {
			s := d.Text[p.Start:p.End]
			if seen[s] {
				t.Errorf("repeated paragraph %.60q", s)
			}
			seen[s] = true
		}
		if d.Dateline != "ERBIL, Kurdistan Region" {
			t.Errorf("dateline %q", d.Dateline)
		}
		if strings.Contains(d.Text, "Post a comment") || strings.Contains(d.Text, "moderates all comments") {
			t.Error("comment policy kept")
		}
	})
	t.Run("boilerplate gone", func(t *testing.T) {
		gone := map[string][]string{
			"001": {"4 min read", "Share this article", "[…]"},
			"002": {"Creating new perspectives", "Read: "},
			"004": {"Post a Comment", "@gmail.com", "Previous Post", "ADS", "Magazine publisher"},
		}
		for id, phrases := range gone {
			for _, s := range phrases {
				if strings.Contains(docs[id].Text, s) {
					t.Errorf("%s keeps %q", id, s)
				}
			}
		}
	})
	t.Run("captions", func(t *testing.T) {
		for _, id := range []string{"001", "002"} {
			n := 0
			for _, p := range docs[id].Paragraphs {
				if p.Kind == sitrep.Caption {
					n++
				}
			}
			if n == 0 {
				t.Errorf("%s: no caption marked", id)
			}
		}
	})
}

func FuzzCleanText(f *testing.F) {
	for _, s := range []string{
		"", lead, "Published on 09:45 AM, March 14, 2018\n\nTitle here\n\nAMMAN: " + lead,
		"ERBIL, Kurdistan Region – x\ny\nx\n", "\xff\xfe\x00", "Share this article\n\nComments\n",
		" Photo courtesy of X.\n\n[A/B]\n",
	} {
		f.Add(s)
	}
	c := newTestCleaner(f)
	f.Fuzz(func(t *testing.T, s string) {
		d := &sitrep.Document{Raw: []byte(s), RawType: "text/plain"}
		if err := c.Clean(d, testNow); err != nil {
			if !errors.Is(err, ErrEmpty) && !errors.Is(err, ErrBinary) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		checkOffsets(t, d)
		if d.Text == "" {
			t.Fatal("empty text without error")
		}
	})
}

func FuzzHTML(f *testing.F) {
	for _, s := range []string{
		"<html><body><p>" + lead + "</p></body></html>",
		"<p>unclosed <div><b>" + lead,
		"<html><head><title>T</title><meta name=date content=2018-01-01></head><body><article><h1>T</h1><p>" + lead + "</p><p>Share this article</p></article></body></html>",
		"<", "<html>\x00</html>",
	} {
		f.Add(s)
	}
	c := newTestCleaner(f)
	f.Fuzz(func(t *testing.T, s string) {
		d := &sitrep.Document{Raw: []byte(s), RawType: "text/html"}
		if err := c.Clean(d, testNow); err != nil {
			return
		}
		checkOffsets(t, d)
	})
}

func BenchmarkCleanText(b *testing.B) {
	c := newTestCleaner(b)
	in := "Published on 09:45 AM, March 14, 2018\n\nShelling kills four near Hama\n\nHAMA: " +
		strings.Repeat(lead+"\n\nThe toll may rise, the monitor said, adding that rescue work went on.\n\n", 10) + "Share this article\n"
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, err := c.CleanText(in, testNow); err != nil {
			b.Fatal(err)
		}
	}
}
