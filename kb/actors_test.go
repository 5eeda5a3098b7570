package kb

import (
	"bufio"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func builtinActors(t testing.TB) *Actors {
	t.Helper()
	a, err := loadActors("")
	if err != nil {
		t.Fatalf("load actors: %v", err)
	}
	return a
}

// mention is a compact view of an ActorMention for comparisons.
type mention struct {
	Text, Key, BackedBy string
}

func mentionsOf(ms []ActorMention) []mention {
	var out []mention
	for _, m := range ms {
		out = append(out, mention{m.Text, m.Actor.Key, m.BackedBy})
	}
	return out
}

func TestActorsMentions(t *testing.T) {
	a := builtinActors(t)
	tests := []struct {
		name, text string
		want       []mention
	}{
		{"acronym in caps", "IS fighters shelled the town.", []mention{{"IS", "IS", ""}}},
		{"acronym lower case is a verb", "It is unclear who is behind it.", nil},
		{"possessive acronym", "IS's last stronghold fell.", []mention{{"IS", "IS", ""}}},
		{"possessive country", "Russia's warplanes struck again.", []mention{{"Russia", "RUS", ""}}},
		{"possessive inside alias", "Syria's state-run SANA news agency said.", nil},
		{"mixed-case acronym", "MaT and the SAA clashed.", []mention{{"MaT", "MAT", ""}, {"SAA", "SYR_GOV", ""}}},
		{"acronym MAT but not mat", "a mat on the floor; MAT fighters", []mention{{"MAT", "MAT", ""}}},
		{"transliteration", "Maghawir a-Thawra fighters withdrew.", []mention{{"Maghawir a-Thawra", "MAT", ""}}},
		{"US-backed generic", "US-backed rebels advanced.", []mention{{"US-backed rebels", "REBELS", "COAL"}}},
		{"U.S.-backed with dots", "U.S.-backed rebels advanced.", []mention{{"U.S.-backed rebels", "REBELS", "COAL"}}},
		{"US-backed alliance is the SDF", "the US-backed alliance drove Islamic State group jihadists out of two villages", []mention{
			{"US-backed alliance", "SDF", ""}, {"Islamic State group jihadists", "IS", ""}}},
		{"descriptor after a name", "ISIS militants and Syrian army soldiers", []mention{
			{"ISIS militants", "IS", ""}, {"Syrian army soldiers", "SYR_GOV", ""}}},
		{"descriptor before a name", "the rebel Jaysh al-Islam", []mention{{"rebel Jaysh al-Islam", "JAYSH_ISLAM", ""}}},
		{"civilians stay apart", "IS civilians", []mention{{"IS", "IS", ""}, {"civilians", "CIV", ""}}},
		{"Turkish-backed FSA is the TFSA", "Turkish-backed FSA fighters entered.", []mention{{"Turkish-backed FSA fighters", "TFSA", "TUR"}}},
		{"backed rewrite", "Turkey-backed Free Syrian Army units", []mention{{"Turkey-backed Free Syrian Army", "TFSA", ""}}},
		{"any actor can back", "SDF-backed civilians and Pentagon-backed rebels", []mention{
			{"SDF-backed civilians", "CIV", "SDF"}, {"Pentagon-backed rebels", "REBELS", "COAL"}}},
		{"US-backed militias are the SDF", "U.S.-backed militias captured the field", []mention{{"U.S.-backed militias", "SDF", "COAL"}}},
		{"made is no actor", "Iran-made drones and Russia-built jets", nil},
		{"backer alone is not an actor", "a US-backed offensive began", nil},
		{"generic descriptors any case", "Regime forces and pro-government militias killed civilians.", []mention{
			{"Regime forces", "SYR_GOV", ""}, {"pro-government militias", "PRO_GOV_MIL", ""}, {"civilians", "CIV", ""}}},
		{"name needs capital", "the islamic state of mind", nil},
		{"longest match", "the Syrian Democratic Forces and the Syrian army", []mention{
			{"Syrian Democratic Forces", "SDF", ""}, {"Syrian army", "SYR_GOV", ""}}},
		{"headline caps", "ISLAMIC STATE LOSES GROUND", []mention{{"ISLAMIC STATE", "IS", ""}}},
		{"acronym-like word in a caps headline", "THIS IS WAR, SAYS SAA", nil},
		{"acronym next to an acronym", "IS and SDF fighters; the SDF said IS fled", []mention{
			{"IS", "IS", ""}, {"SDF", "SDF", ""}, {"SDF", "SDF", ""}, {"IS", "IS", ""}}},
		{"affiliate description", "a unit of al-Qaeda's former Syrian affiliate withdrew", []mention{
			{"al-Qaeda's former Syrian affiliate", "NUSRA", ""}}},
		{"apostrophe transliteration", "Kata'ib Hezbollah and Hezbollah", []mention{
			{"Kata'ib Hezbollah", "IRQ_KH", ""}, {"Hezbollah", "HEZ", ""}}},
		{"no match across a full stop", "They met the Syrian. Army units left.", nil},
		{"coalition", "The US-led coalition said coalition warplanes struck.", []mention{
			{"US-led coalition", "COAL", ""}, {"coalition warplanes", "COAL", ""}}},
		{"diacritics", "Ḥayʼat Taḥrīr al-Shām and Médecins", []mention{{"Ḥayʼat Taḥrīr al-Shām", "HTS", ""}}},
		{"misspelt faction", "Shohada Al Quartyan fighters", []mention{{"Shohada Al Quartyan", "QARYATAYN", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mentionsOf(a.Mentions(tt.text))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Mentions(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestActorsMentionSpans(t *testing.T) {
	a := builtinActors(t)
	text := "On Monday, U.S.-backed rebels and IS's fighters clashed near the SDF lines."
	for _, m := range a.Mentions(text) {
		if text[m.Start:m.End] != m.Text {
			t.Errorf("span %d:%d is %q, Text %q", m.Start, m.End, text[m.Start:m.End], m.Text)
		}
	}
}

func TestActorsRootGet(t *testing.T) {
	a := builtinActors(t)
	tests := []struct{ key, root string }{
		{"YPG", "SDF"},
		{"MAT", "FSA"},
		{"IRN_QUDS", "IRN"},
		{"IRQ_KH", "IRQ_GOV"},
		{"SDF", "SDF"},
		{"NOPE", "NOPE"},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			if got := a.Root(tt.key); got != tt.root {
				t.Errorf("Root(%q) = %q, want %q", tt.key, got, tt.root)
			}
		})
	}
	if a.Get("NOPE") != nil {
		t.Error("Get of an unknown key is not nil")
	}
	if got := a.Get("SDF"); got == nil || got.Name != "Syrian Democratic Forces" {
		t.Errorf("Get(SDF) = %+v", got)
	}
}

func TestActorsCandidates(t *testing.T) {
	a := builtinActors(t)
	tests := []struct {
		name, text string
		want       []string
	}{
		{"calls itself", "A new group which calls itself Saraya Ahl al-Badia claimed the attack.", []string{"Saraya Ahl al-Badia"}},
		{"brigade suffix", "Fighters of the Hamza Brigade withdrew.", []string{"Hamza Brigade"}},
		{"sentence-initial article", "The Omari Battalion said it held the hill.", []string{"Omari Battalion"}},
		{"liwa prefix", "Liwa Suqur al-Jabal joined the operation.", []string{"Liwa Suqur al-Jabal"}},
		{"quoted name", `a group "Sons of the East" took part`, []string{"Sons of the East"}},
		{"known actors are not candidates", "Jaysh al-Islam and the Desert Hawks Brigade", nil},
		{"lower case is no name", "the rebel brigade moved", nil},
		{"quoted name with comma inside", `the group "Sons of the East," said`, []string{"Sons of the East"}},
		{"quoted lower case is no name", `the group "return to peace" said`, nil},
		{"article inside quotes", `a cell calling itself "the Sons of the Desert Sands" struck`, []string{"Sons of the Desert Sands"}},
		{"article after the cue", "a group known as the Desert Lions", []string{"Desert Lions"}},
		{"lower-case word after the cue", "a group known as the return movement", nil},
		{"forces of an air command are no group", "Pacific Air Forces said", nil},
		{"two candidates", "Katibat Abu Omar and the Ababil Regiment", []string{"Katibat Abu Omar", "Ababil Regiment"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range a.Candidates(tt.text) {
				if m.Actor.Key != "" {
					t.Errorf("candidate %q has key %q", m.Text, m.Actor.Key)
				}
				if tt.text[m.Start:m.End] != m.Text {
					t.Errorf("span %d:%d is not %q", m.Start, m.End, m.Text)
				}
				got = append(got, m.Actor.Name)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Candidates(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestActorsUserOverlay(t *testing.T) {
	a, err := loadActors("testdata/actors_user")
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Get("MAT"); got == nil || !contains(got.Aliases, "Thawra Commandos") {
		t.Errorf("user alias not added to MAT: %+v", got)
	}
	got := mentionsOf(a.Mentions("The Thawra Commandos and the Badia Wolves met."))
	want := []mention{{"Thawra Commandos", "MAT", ""}, {"Badia Wolves", "BADIA_WOLVES", ""}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	base := builtinActors(t)
	if a.version == base.version {
		t.Error("user files do not change the version")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestActorsGoldKeys checks that every actor's canonical Name maps to its
// declared gold_key through the evaluation alias table, as the scorer does:
// case-insensitive regular expressions tried top to bottom, first match
// wins, no match is OTHER.
func TestActorsGoldKeys(t *testing.T) {
	f, err := os.Open("../../shared/gold/actors.tsv")
	if err != nil {
		t.Skipf("gold alias table not available: %v", err)
	}
	defer f.Close()
	type row struct {
		key string
		re  *regexp.Regexp
	}
	var rows []row
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		key, expr, ok := strings.Cut(l, "\t")
		if !ok {
			t.Fatalf("bad row %q", l)
		}
		rows = append(rows, row{key, regexp.MustCompile("(?i)" + expr)})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	gold := func(name string) string {
		for _, r := range rows {
			if r.re.MatchString(name) {
				return r.key
			}
		}
		return "OTHER"
	}
	for _, act := range builtinActors(t).All() {
		t.Run(act.Key, func(t *testing.T) {
			if act.GoldKey == "" {
				t.Fatalf("actor %s declares no gold_key", act.Key)
			}
			if got := gold(act.Name); got != act.GoldKey {
				t.Errorf("name %q maps to %s, want %s", act.Name, got, act.GoldKey)
			}
		})
	}
}

// FuzzActorsMentions checks that mentions of any text are ordered,
// non-overlapping spans whose Text is the text they cover.
func FuzzActorsMentions(f *testing.F) {
	a := builtinActors(f)
	for _, s := range []string{"U.S.-backed rebels", "IS's", "Kata'ib", "a.b.c.", "’s", "group \"X", "Liwa al-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, m := range append(a.Mentions(s), a.Candidates(s)...) {
			if m.Start < 0 || m.End > len(s) || m.Start >= m.End || s[m.Start:m.End] != m.Text {
				t.Fatalf("bad span %d:%d %q in %q", m.Start, m.End, m.Text, s)
			}
		}
		for _, m := range a.Mentions(s) {
			if m.Start < last {
				t.Fatalf("overlap at %d in %q", m.Start, s)
			}
			last = m.End
		}
	})
}

// benchText is about 1,000 words of report-like text written for the
// benchmark.
func benchText() string {
	para := "On Tuesday, US-backed Syrian Democratic Forces fighters pushed into the old city of Raqqa " +
		"as coalition warplanes struck Islamic State positions, the Britain-based monitor said. " +
		"Regime forces backed by Russian jets advanced in the desert south of the city, while " +
		"pro-government militias shelled villages held by the jihadists. Maghawir al-Thawra, " +
		"a faction of the Free Syrian Army, said its men had repelled an attack near al-Tanf. " +
		"At least 29 civilians were killed, residents told reporters, and the YPG said it had " +
		"taken two districts. Hezbollah and the Lebanese army announced a ceasefire with " +
		"members of al-Qaeda's former Syrian affiliate in the Jurud Arsal border region. "
	var b strings.Builder
	words := 0
	for words < 1000 {
		b.WriteString(para)
		words += len(strings.Fields(para))
	}
	return b.String()
}

func BenchmarkActorsMentions(b *testing.B) {
	a := builtinActors(b)
	text := benchText()
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a.Mentions(text)
	}
}

func BenchmarkActorsCandidates(b *testing.B) {
	a := builtinActors(b)
	text := benchText()
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a.Candidates(text)
	}
}

func TestActorsAffiliationsAt(t *testing.T) {
	a := builtinActors(t)
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	backers := func(key, on string) []string {
		var out []string
		for _, af := range a.AffiliationsAt(key, day(on)) {
			if af.Relation == "backed_by" {
				out = append(out, af.With)
			}
		}
		return out
	}
	tests := []struct {
		name, key, day string
		want           []string
	}{
		{"MaT backed by the coalition in 2017", "MAT", "2017-07-28", []string{"COAL", "TUR"}},
		{"FSA's coalition backing ends mid-2017", "FSA", "2017-09-01", []string{"TUR"}},
		{"Russia backs Damascus from September 2015", "SYR_GOV", "2015-10-01", []string{"RUS", "IRN"}},
		{"not before", "SYR_GOV", "2015-09-01", []string{"IRN"}},
		{"unknown actor", "NOPE", "2017-01-01", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, backers(tt.key, tt.day)); diff != "" {
				t.Errorf("backers of %s on %s (-want +got):\n%s", tt.key, tt.day, diff)
			}
		})
	}
	allies := a.Allies("SYR_GOV", day("2017-07-28"))
	for _, k := range []string{"SYR_GOV", "RUS", "IRN", "HEZ", "SYR_NDF"} {
		if !contains(allies, k) {
			t.Errorf("Allies(SYR_GOV) lacks %s: %v", k, allies)
		}
	}
	if contains(allies, "IS") {
		t.Errorf("Allies(SYR_GOV) has IS: %v", allies)
	}
}

func TestActorsStateForces(t *testing.T) {
	a := builtinActors(t)
	tests := []struct{ iso2, want string }{
		{"SY", "SYR_GOV"},
		{"iq", "IRQ_GOV"},
		{"LB", "LBN_GOV"},
		{"BF", "BFA"},
		{"UA", "UKR"},
		{"ZZ", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.iso2, func(t *testing.T) {
			got := ""
			if act := a.StateForces(tt.iso2); act != nil {
				got = act.Key
			}
			if got != tt.want {
				t.Errorf("StateForces(%q) = %q, want %q", tt.iso2, got, tt.want)
			}
		})
	}
}

// TestActorsHeldout measures how many actor names and descriptions, as
// 2017 news wrote them, are found whole and carry the right gold key.
func TestActorsHeldout(t *testing.T) {
	a := builtinActors(t)
	f, err := os.Open("testdata/actors_heldout.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	total, ok := 0, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		phrase, want, _ := strings.Cut(l, "\t")
		total++
		ms := a.Mentions(phrase)
		got := ""
		if len(ms) == 1 && ms[0].End == len(phrase) {
			// An article before the name is no part of it.
			switch strings.TrimSpace(phrase[:ms[0].Start]) {
			case "", "a", "an", "the":
				got = ms[0].Actor.GoldKey
			}
		}
		if got == want {
			ok++
			continue
		}
		var spans []string
		for _, m := range ms {
			spans = append(spans, m.Text+"="+m.Actor.Key)
		}
		t.Logf("miss %-40q want %-8s got %q", phrase, want, spans)
	}
	share := float64(ok) / float64(total)
	t.Logf("held-out actors: %d/%d recognised (%.1f%%)", ok, total, 100*share)
	if share < 0.95 {
		t.Errorf("only %.1f%% of held-out actor names recognised, want 95%%", 100*share)
	}
}

func TestActorsFind(t *testing.T) {
	a := builtinActors(t)
	tests := []struct{ in, want string }{
		{"SDF", "SDF"},
		{"sdf", "SDF"},
		{"Islamic State", "IS"},
		{"islamic state", "IS"},
		{"the Syrian Democratic Forces", "SDF"},
		{"Military Forces of Syria", "SYR_GOV"},
		{"Maghawir a-Thawra", "MAT"},
		{"YPG", "YPG"},
		{"Daily Planet", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := ""
			if act := a.Find(tt.in); act != nil {
				got = act.Key
			}
			if got != tt.want {
				t.Errorf("Find(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestActorsNil(t *testing.T) {
	var a *Actors
	if a.Get("SDF") != nil || a.Find("SDF") != nil || a.Mentions("SDF") != nil || a.Candidates("the X Brigade") != nil ||
		a.All() != nil || a.Len() != 0 || a.Root("SDF") != "SDF" || a.StateForces("SY") != nil ||
		a.AffiliationsAt("SDF", time.Time{}) != nil || a.Allies("SDF", time.Time{}) != nil {
		t.Error("a nil *Actors is not empty")
	}
	var o *Outlets
	if o.Get("SOHR") != nil || o.Find("SOHR") != nil || o.Mentions("SOHR") != nil || o.All() != nil {
		t.Error("a nil *Outlets is not empty")
	}
}
