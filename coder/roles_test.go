package coder

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep/sitrep"
)

// codeText codes one short report published on 2018-06-15.
func codeText(t *testing.T, c *Coder, text string) []sitrep.Event {
	t.Helper()
	doc := &sitrep.Document{Name: "t.txt", Text: text, Published: time.Date(2018, 6, 15, 0, 0, 0, 0, time.UTC)}
	cod, err := c.Code(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	return cod.Events
}

// TestRoles pins who is actor1 and who actor2 in the sentence shapes the
// guidelines name: active subject, passive "by", "X took Y from Z",
// nominal "air strikes by X on Y", "fighters from X", conjoined and backed
// actors, pronouns.
func TestRoles(t *testing.T) {
	c := testCoder(t)
	type roles struct {
		Type, Actor1, Actor2 string
		Assoc1               []string
	}
	tests := []struct {
		name, text string
		want       roles
	}{
		{"active subject", "Syrian government forces attacked Islamic State positions in Deir ez-Zor on Monday.",
			roles{"Battles", "Military Forces of Syria", "Islamic State", nil}},
		{"passive by", "The town of Manbij was captured by the Syrian Democratic Forces on Sunday.",
			roles{"Battles", "Syrian Democratic Forces", "", nil}},
		{"took from", "The Syrian army took control of Maskanah from Islamic State on Tuesday.",
			roles{"Battles", "Military Forces of Syria", "Islamic State", nil}},
		{"took from before place", "The Syrian army took control from Islamic State of the town of Maskanah on Tuesday.",
			roles{"Battles", "Military Forces of Syria", "Islamic State", nil}},
		{"nominal by", "Air strikes by Russian warplanes on Idlib killed five civilians on Monday.",
			roles{"Explosions/Remote violence", "Military Forces of Russia", "Civilians", nil}},
		{"fighters from", "Hezbollah launched an assault on fighters from Hayat Tahrir al-Sham near Arsal on Friday.",
			roles{"Battles", "Hezbollah", "Hayat Tahrir al-Sham", nil}},
		{"backed by", "The Syrian army, backed by Russia, captured Palmyra from Islamic State on Thursday.",
			roles{"Battles", "Military Forces of Syria", "Islamic State", []string{"Military Forces of Russia"}}},
		{"speaker is no party", "SANA reported on Tuesday that the army had fought Islamic State fighters in Deir ez-Zor.",
			roles{"Battles", "Military Forces of Syria", "Islamic State", nil}},
		{"civilian victims", "Government helicopters dropped barrel bombs on Daraa on Saturday, killing 12 civilians.",
			roles{"Explosions/Remote violence", "Military Forces of Syria", "Civilians", nil}},
		{"national adjective", "Turkish jets struck Kurdish positions near Afrin on Sunday.",
			roles{"Explosions/Remote violence", "Military Forces of Turkey", "", nil}},
		{"pronoun", "Islamic State fighters stormed Mayadin on Friday. The group also seized two villages near Mayadin on Saturday.",
			roles{"Battles", "Islamic State", "", nil}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := codeText(t, c, tt.text)
			if len(evs) == 0 {
				t.Fatalf("no event coded from %q", tt.text)
			}
			e := evs[len(evs)-1]
			got := roles{e.EventType, e.Actor1, e.Actor2, nil}
			if len(e.AssocActor1) > 0 {
				got.Assoc1 = e.AssocActor1
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%q (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// TestNoEvent lists statements that are no events: negation, threats,
// plans, hypotheticals, purpose, policy, aggregates and questions.
func TestNoEvent(t *testing.T) {
	c := testCoder(t)
	for _, text := range []string{
		"Rebels did not capture Hama on Monday.",
		"Turkey threatened to attack Manbij.",
		"The army will retake Idlib, the minister said.",
		"If the regime attacks Daraa, rebels would respond.",
		"The rebels plan to seize Aleppo next month.",
		"The Syrian Democratic Forces are committed to fighting Islamic State.",
		"More than 600 civilians have been killed in air strikes since 2014.",
		"Who shelled the market in Douma?",
		"The coalition supports the fight against terrorism in Syria.",
		"Diplomats urged Russia to accept a ceasefire in Ukraine.",
	} {
		if evs := codeText(t, c, text); len(evs) > 0 {
			t.Errorf("%q coded %d event(s), first %s/%s", text, len(evs), evs[0].EventType, evs[0].SubEventType)
		}
	}
}

// TestPatternsOverlay checks that a user patterns file replaces a
// built-in pattern by id and that broken files are refused.
func TestPatternsOverlay(t *testing.T) {
	dir := t.TempDir()
	over := `patterns:
  - id: protest
    triggers: [picket]
    event_type: Protests
    sub_event_type: Peaceful protest
    cameo: "141"
    plover: PROTEST
    family: protest
    default_actor1: Protesters
    default_inter1: 6
`
	if err := os.WriteFile(filepath.Join(dir, "patterns.yaml"), []byte(over), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := New(testCoder(t).kb, Options{PatternsDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if evs := codeText(t, c, "Workers held a picket in Aleppo on Monday."); len(evs) != 1 || evs[0].SubEventType != "Peaceful protest" {
		t.Errorf("overlay trigger: got %d events", len(evs))
	}
	if evs := codeText(t, c, "Hundreds protested in Aleppo on Monday."); len(evs) != 0 {
		t.Errorf("replaced trigger still codes %d events", len(evs))
	}
	bad := filepath.Join(t.TempDir(), "patterns.yaml")
	os.WriteFile(bad, []byte("patterns:\n  - id: x\n    triggers: [a]\n"), 0o644)
	if _, err := New(testCoder(t).kb, Options{PatternsDir: filepath.Dir(bad)}); err == nil || !strings.Contains(err.Error(), "missing event type") {
		t.Errorf("broken pattern accepted: %v", err)
	}
}

// FuzzCode feeds arbitrary text to the coder: it must not panic, and every
// source must point at its sentence.
func FuzzCode(f *testing.F) {
	for _, s := range []string{"", "Rebels captured Hama on Monday, killing 5.", "\n\n\n", "a 55 km radius around al-Tanf", "“", "Shelling... killed 3?"} {
		f.Add(s)
	}
	c := testCoder(f)
	f.Fuzz(func(t *testing.T, s string) {
		doc := &sitrep.Document{Name: "f", Text: s, Published: time.Date(2018, 6, 15, 0, 0, 0, 0, time.UTC)}
		cod, err := c.Code(context.Background(), doc)
		if err != nil {
			t.Fatal(err)
		}
		checkProvenance(t, doc, cod)
	})
}

// TestConcurrentCode codes the same reports from several goroutines: a
// Coder is shared by ingest workers. Run with -race.
func TestConcurrentCode(t *testing.T) {
	c := testCoder(t)
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	var docs []*sitrep.Document
	for _, f := range files {
		docs = append(docs, readReport(t, f))
	}
	done := make(chan error, 4)
	for g := 0; g < 4; g++ {
		go func() {
			for _, d := range docs {
				if _, err := c.Code(context.Background(), d); err != nil {
					done <- err
					return
				}
			}
			done <- nil
		}()
	}
	for g := 0; g < 4; g++ {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
}
