// Package storetest is the contract every sitrep.Store engine must meet.
// An engine's tests call Run with a function opening a fresh, empty store:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) sitrep.Store { ... })
//	}
package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep/sitrep"
)

// Run runs the contract suite. open must return a new empty store for each
// call; Run closes it.
func Run(t *testing.T, open func(t *testing.T) sitrep.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, s sitrep.Store)
	}{
		{"PutIdempotent", testPutIdempotent},
		{"RoundTrip", testDocumentRoundTrip},
		{"NearDuplicates", testNearDuplicates},
		{"NotFound", testNotFound},
		{"Documents", testDocuments},
		{"Search", testSearch},
		{"SearchInvalid", testSearchInvalid},
		{"EventsRoundTrip", testEventsRoundTrip},
		{"ReplaceCoding", testReplaceCoding},
		{"PutCodedDocument", testPutCodedDocument},
		{"EventFilters", testEventFilters},
		{"ConcurrentPut", testConcurrentPut},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			tt.fn(t, s)
		})
	}
}

// NewDocument returns a document with the given name and text, its Hash
// set from the text and the given SimHash.
func NewDocument(name, text string, simhash uint64) *sitrep.Document {
	sum := sha256.Sum256([]byte(text))
	return &sitrep.Document{
		Name:       name,
		Title:      name,
		RawType:    "text/plain",
		Raw:        []byte(text),
		Text:       text,
		Paragraphs: []sitrep.Paragraph{{Start: 0, End: len(text), Kind: sitrep.Body}},
		Hash:       hex.EncodeToString(sum[:]),
		SimHash:    simhash,
	}
}

func put(t *testing.T, s sitrep.Store, d *sitrep.Document) sitrep.PutStatus {
	t.Helper()
	st, err := s.PutDocument(context.Background(), d)
	if err != nil {
		t.Fatalf("PutDocument(%s): %v", d.Name, err)
	}
	return st
}

func count(t *testing.T, s sitrep.Store) int {
	t.Helper()
	docs, err := s.Documents(context.Background(), sitrep.DocumentFilter{})
	if err != nil {
		t.Fatalf("Documents: %v", err)
	}
	return len(docs)
}

func testPutIdempotent(t *testing.T, s sitrep.Store) {
	const text = "Rebels shelled the town of Example on Monday, a monitor said."
	first := NewDocument("a.txt", text, 0xdeadbeef)
	if got := put(t, s, first); got != sitrep.StatusNew {
		t.Fatalf("first put: status %q, want %q", got, sitrep.StatusNew)
	}
	if first.ID == 0 {
		t.Fatal("first put: ID not set")
	}
	for i, d := range []*sitrep.Document{
		NewDocument("a.txt", text, 0xdeadbeef),
		NewDocument("other-name.txt", text, 0xdeadbeef), // same content, another name
		NewDocument("no-simhash.txt", text, 0),
	} {
		if got := put(t, s, d); got != sitrep.StatusDuplicate {
			t.Errorf("put %d: status %q, want %q", i, got, sitrep.StatusDuplicate)
		}
		if d.ID != first.ID {
			t.Errorf("put %d: ID %d, want the existing %d", i, d.ID, first.ID)
		}
	}
	if n := count(t, s); n != 1 {
		t.Errorf("%d documents stored, want 1", n)
	}
}

func testDocumentRoundTrip(t *testing.T, s sitrep.Store) {
	ctx := context.Background()
	text := "AMMAN — Fighters took the crossing.\n\nA photo caption."
	d := NewDocument("https://example.org/story", text, 1<<63|12345)
	d.URL = "https://example.org/story"
	d.Outlet = "Example Wire"
	d.Author = "A. Writer"
	d.Dateline = "AMMAN"
	d.Published = time.Date(2017, 7, 28, 1, 1, 0, 0, time.FixedZone("+03", 3*3600))
	d.Source = "feed.xml"
	d.RawType = "text/html"
	d.Raw = []byte("<p>AMMAN — Fighters took the crossing.</p>\x00\xff")
	d.Paragraphs = []sitrep.Paragraph{{Start: 0, End: 35, Kind: sitrep.Body}, {Start: 37, End: len(text), Kind: sitrep.Caption}}
	d.IngestedAt = time.Date(2026, 1, 2, 3, 4, 5, 6000, time.UTC)
	put(t, s, d)
	undated := NewDocument("undated.txt", "A report without a date.", 0)
	put(t, s, undated)

	for _, want := range []*sitrep.Document{d, undated} {
		got, err := s.Document(ctx, want.ID)
		if err != nil {
			t.Fatalf("Document(%d): %v", want.ID, err)
		}
		if undated == want {
			// The store stamps IngestedAt when it is zero; the caller's
			// copy carries the stamp.
			if got.IngestedAt.IsZero() {
				t.Error("IngestedAt not stamped")
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Document(%d) mismatch (-want +got):\n%s", want.ID, diff)
		}
	}
}

// testNearDuplicates checks the near-duplicate contract: a SimHash within
// 6 bits of a stored one links to that document's original; 7 bits apart
// does not.
func testNearDuplicates(t *testing.T, s sitrep.Store) {
	const base uint64 = 0x0123456789abcdef
	// bit returns base with the listed bits flipped.
	bit := func(bs ...int) uint64 {
		h := base
		for _, b := range bs {
			h ^= 1 << b
		}
		return h
	}
	orig := NewDocument("orig", "original story", base)
	put(t, s, orig)
	tests := []struct {
		name    string
		simhash uint64
		status  sitrep.PutStatus
		dupOf   string // name of the expected original, "" for none
	}{
		{"distance 1", bit(5), sitrep.StatusNearDuplicate, "orig"},
		{"distance 3 in one band", bit(0, 1, 2), sitrep.StatusNearDuplicate, "orig"},
		// One bit in each of six of the seven bands of the SQLite engine:
		// the last band is the only one left in common.
		{"distance 6 across six bands", bit(0, 9, 18, 27, 36, 45), sitrep.StatusNearDuplicate, "orig"},
		{"distance 6 in one band", bit(54, 55, 56, 57, 58, 59), sitrep.StatusNearDuplicate, "orig"},
		{"distance 0, other text", base, sitrep.StatusNearDuplicate, "orig"},
		// Seven bits: one past the threshold, whether every band differs
		// or all seven bits sit in one band.
		{"distance 7 across all bands", bit(8, 17, 26, 35, 44, 53, 63), sitrep.StatusNew, ""},
		{"distance 7 in one band", bit(20, 21, 22, 23, 24, 25, 26), sitrep.StatusNew, ""},
		{"far away", ^base, sitrep.StatusNew, ""},
		{"no simhash", 0, sitrep.StatusNew, ""},
		{"no simhash again", 0, sitrep.StatusNew, ""},
		// Within 6 of "distance 3 in one band" (which links to orig) but 7
		// from orig itself: linked to the family's original.
		{"chain", bit(0, 1, 2, 60, 61, 62, 63), sitrep.StatusNearDuplicate, "orig"},
		{"near the distance-7 one", bit(0, 8, 17, 26, 35, 44, 53, 63), sitrep.StatusNearDuplicate, "distance 7 across all bands"},
	}
	ids := map[string]int64{"orig": orig.ID}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := NewDocument(tt.name, "text of "+tt.name, tt.simhash)
			got := put(t, s, d)
			ids[tt.name] = d.ID
			if got != tt.status {
				t.Errorf("status %q, want %q", got, tt.status)
			}
			if want := ids[tt.dupOf]; d.DuplicateOf != want {
				t.Errorf("DuplicateOf %d, want %d (%q)", d.DuplicateOf, want, tt.dupOf)
			}
			stored, err := s.Document(context.Background(), d.ID)
			if err != nil {
				t.Fatal(err)
			}
			if stored.DuplicateOf != d.DuplicateOf {
				t.Errorf("stored DuplicateOf %d, want %d", stored.DuplicateOf, d.DuplicateOf)
			}
		})
	}
}

func testNotFound(t *testing.T, s sitrep.Store) {
	ctx := context.Background()
	if _, err := s.Document(ctx, 424242); !errors.Is(err, sitrep.ErrNotFound) {
		t.Errorf("Document(missing): error %v, want ErrNotFound", err)
	}
	if err := s.ReplaceCoding(ctx, 424242, []sitrep.Event{{ID: "e1"}}, nil); !errors.Is(err, sitrep.ErrNotFound) {
		t.Errorf("ReplaceCoding(missing): error %v, want ErrNotFound", err)
	}
	docs, err := s.Documents(ctx, sitrep.DocumentFilter{IDs: []int64{424242}})
	if err != nil || len(docs) != 0 {
		t.Errorf("Documents(missing IDs) = %d docs, %v; want none, nil", len(docs), err)
	}
}

func testDocuments(t *testing.T, s sitrep.Store) {
	var ids []int64
	for i := 0; i < 5; i++ {
		d := NewDocument(fmt.Sprintf("d%d", i), fmt.Sprintf("report number %d", i), 0)
		put(t, s, d)
		ids = append(ids, d.ID)
	}
	tests := []struct {
		name string
		f    sitrep.DocumentFilter
		want []string
	}{
		{"all", sitrep.DocumentFilter{}, []string{"d0", "d1", "d2", "d3", "d4"}},
		{"limit", sitrep.DocumentFilter{Limit: 2}, []string{"d0", "d1"}},
		{"ids in ID order", sitrep.DocumentFilter{IDs: []int64{ids[3], ids[1]}}, []string{"d1", "d3"}},
		{"ids and limit", sitrep.DocumentFilter{IDs: []int64{ids[4], ids[2], ids[0]}, Limit: 2}, []string{"d0", "d2"}},
		{"empty id list", sitrep.DocumentFilter{IDs: []int64{}}, nil},
		{"after", sitrep.DocumentFilter{AfterID: ids[2]}, []string{"d3", "d4"}},
		{"page", sitrep.DocumentFilter{AfterID: ids[1], Limit: 2}, []string{"d2", "d3"}},
		{"after the last", sitrep.DocumentFilter{AfterID: ids[4]}, nil},
		{"ids after", sitrep.DocumentFilter{IDs: []int64{ids[0], ids[3]}, AfterID: ids[1]}, []string{"d3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, err := s.Documents(context.Background(), tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range docs {
				got = append(got, d.Name)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("names mismatch (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("omit raw", func(t *testing.T) {
		docs, err := s.Documents(context.Background(), sitrep.DocumentFilter{OmitRaw: true, Limit: 1})
		if err != nil || len(docs) != 1 {
			t.Fatalf("Documents = %d docs, %v; want 1", len(docs), err)
		}
		if docs[0].Raw != nil || docs[0].Text == "" {
			t.Errorf("OmitRaw: Raw %q, Text %q; want no raw, the text", docs[0].Raw, docs[0].Text)
		}
	})
}

func searchFixture(t *testing.T, s sitrep.Store) {
	t.Helper()
	for _, d := range []*sitrep.Document{
		NewDocument("tanf", "Coalition forces declared a 55km zone around al-Tanf. The garrison stayed.", 0),
		NewDocument("raqqa", "Fighters advanced on Raqqa city. Air strikes hit the old city.", 0),
		NewDocument("deir", "Government forces reached Deir ez-Zor. Fighters withdrew east.", 0),
	} {
		put(t, s, d)
	}
	d := NewDocument("titled", "Nothing about the town in the body.", 0)
	d.Title = "Palmyra retaken"
	put(t, s, d)
}

func testSearch(t *testing.T, s sitrep.Store) {
	searchFixture(t, s)
	tests := []struct {
		query string
		limit int
		want  []string
	}{
		{"Raqqa", 0, []string{"raqqa"}},
		{"raqqa", 0, []string{"raqqa"}},
		{"fighters", 0, []string{"deir", "raqqa"}},
		{"fighters", 1, nil}, // only the count is checked
		{"al-Tanf", 0, []string{"tanf"}},
		{"Deir ez-Zor", 0, []string{"deir"}},
		{"fighters Raqqa", 0, []string{"raqqa"}},
		{`"old city"`, 0, []string{"raqqa"}},
		{"Palmyra", 0, []string{"titled"}},
		{"Aleppo", 0, []string{}},
		{"fighters OR garrison", 0, []string{"deir", "raqqa", "tanf"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%d", tt.query, tt.limit), func(t *testing.T) {
			hits, err := s.Search(context.Background(), tt.query, tt.limit)
			if err != nil {
				t.Fatalf("Search(%q): %v", tt.query, err)
			}
			if tt.limit > 0 {
				if len(hits) != tt.limit {
					t.Errorf("%d hits, want %d", len(hits), tt.limit)
				}
				return
			}
			got := []string{}
			for _, h := range hits {
				got = append(got, h.Name)
				if h.DocID == 0 || h.Snippet == "" {
					t.Errorf("hit %+v lacks DocID or Snippet", h)
				}
			}
			if diff := cmp.Diff(sortedCopy(tt.want), sortedCopy(got)); diff != "" {
				t.Errorf("Search(%q) names mismatch (-want +got):\n%s", tt.query, diff)
			}
		})
	}
	t.Run("snippet and rank", func(t *testing.T) {
		hits, err := s.Search(context.Background(), "garrison", 0)
		if err != nil || len(hits) != 1 {
			t.Fatalf("Search(garrison) = %v, %v; want one hit", hits, err)
		}
		if !strings.Contains(strings.ToLower(hits[0].Snippet), "garrison") {
			t.Errorf("snippet %q does not show the term", hits[0].Snippet)
		}
		hits, err = s.Search(context.Background(), "city OR fighters", 0)
		if err != nil || len(hits) < 2 {
			t.Fatalf("Search = %v, %v; want two hits", hits, err)
		}
		if hits[0].Name != "raqqa" || hits[0].Rank < hits[1].Rank {
			t.Errorf("best hit %q rank %v before %v; want raqqa first, higher rank first", hits[0].Name, hits[0].Rank, hits[1].Rank)
		}
	})
}

func sortedCopy(s []string) []string {
	out := append([]string{}, s...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func testSearchInvalid(t *testing.T, s sitrep.Store) {
	searchFixture(t, s)
	for _, q := range []string{"", "   ", `"unbalanced`, "fighters AND", "(raqqa", "NEAR(", "title:"} {
		t.Run(q, func(t *testing.T) {
			hits, err := s.Search(context.Background(), q, 10)
			if err == nil {
				t.Fatalf("Search(%q) = %v, want an error", q, hits)
			}
			if !errors.Is(err, sitrep.ErrInvalid) {
				t.Errorf("Search(%q) error %v does not wrap ErrInvalid", q, err)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

// FullEvent returns an event with every field set.
func FullEvent(id string) sitrep.Event {
	return sitrep.Event{
		ID:                id,
		EventType:         "Battles",
		SubEventType:      "Non-state actor overtakes territory",
		CAMEO:             "19",
		PLOVER:            "FIGHT",
		Actor1:            "Syrian Democratic Forces",
		Actor2:            "Islamic State",
		AssocActor1:       []string{"People's Protection Units", "Coalition"},
		AssocActor2:       []string{},
		Inter1:            2,
		Inter2:            2,
		Interaction:       22,
		CivilianTargeting: true,
		Location:          "60 km southwest of Palmyra",
		Admin1:            "Homs",
		Country:           "SYR",
		Latitude:          ptr(34.123456789),
		Longitude:         ptr(37.9876543),
		GeoPrecision:      2,
		EventDate:         "2017-07-28",
		TimePrecision:     1,
		Fatalities:        ptr(29),
		FatalitiesLow:     ptr(29),
		FatalitiesHigh:    ptr(40),
		FromActor:         "Islamic State",
		ToActor:           "Syrian Democratic Forces",
		AreaKm2:           ptr(250.5),
		ClaimedBy:         "the Observatory",
		Contested:         true,
		Confidence:        0.875,
		CoderVersion:      sitrep.Version,
		KBVersion:         "kb-1",
		Notes:             "note with \"quotes\" and ünïcode",
		Sources: []sitrep.Source{
			{Doc: "a.txt", URL: "https://example.org", Outlet: "Example", Published: "2017-07-28", Sentence: "They took it.", Start: 10, End: 23},
			{Doc: "a.txt", Sentence: "Second.", Start: 30, End: 37},
		},
	}
}

func testEventsRoundTrip(t *testing.T, s sitrep.Store) {
	ctx := context.Background()
	d := NewDocument("a.txt", "event text", 0)
	put(t, s, d)
	full := FullEvent("e1")
	sparse := sitrep.Event{ID: "e2", EventType: "Protests", SubEventType: "Peaceful protest"} // nil pointers and slices
	zones := []sitrep.Zone{
		{ID: "z1", Name: "al-Tanf deconfliction zone", Kind: "deconfliction", Latitude: 33.5, Longitude: 38.6,
			RadiusKm: 55, DeclaredBy: "Coalition", Date: "2017-06-01", Evidence: "a 55km radius",
			Sources: []sitrep.Source{{Doc: "a.txt", Sentence: "a 55km radius", Start: 1, End: 14}}},
		{ID: "z2", Name: "box", Kind: "no-fly", Polygon: [][2]float64{{36, 33}, {37, 33}, {37, 34}, {36, 33}}},
	}
	if err := s.ReplaceCoding(ctx, d.ID, []sitrep.Event{full, sparse}, zones); err != nil {
		t.Fatal(err)
	}
	got, err := s.Events(ctx, sitrep.EventFilter{DocID: d.ID})
	if err != nil {
		t.Fatal(err)
	}
	full.DocID, sparse.DocID = d.ID, d.ID
	if diff := cmp.Diff([]sitrep.Event{full, sparse}, got); diff != "" {
		t.Errorf("Events mismatch (-want +got):\n%s", diff)
	}
	gotZones, err := s.Zones(ctx)
	if err != nil {
		t.Fatal(err)
	}
	zones[0].DocID, zones[1].DocID = d.ID, d.ID
	if diff := cmp.Diff(zones, gotZones); diff != "" {
		t.Errorf("Zones mismatch (-want +got):\n%s", diff)
	}
}

func eventIDs(t *testing.T, s sitrep.Store, f sitrep.EventFilter) []string {
	t.Helper()
	events, err := s.Events(context.Background(), f)
	if err != nil {
		t.Fatalf("Events(%+v): %v", f, err)
	}
	var ids []string
	for _, e := range events {
		ids = append(ids, e.ID)
	}
	return ids
}

func testReplaceCoding(t *testing.T, s sitrep.Store) {
	ctx := context.Background()
	a := NewDocument("a", "first report", 0)
	b := NewDocument("b", "second report", 0)
	put(t, s, a)
	put(t, s, b)
	steps := []struct {
		name    string
		doc     *sitrep.Document
		events  []string
		zones   []string
		wantEv  []string
		wantZon []string
	}{
		{"code a", a, []string{"a1", "a2"}, []string{"za"}, []string{"a1", "a2"}, []string{"za"}},
		{"code b", b, []string{"b1"}, nil, []string{"a1", "a2", "b1"}, []string{"za"}},
		{"recode a the same", a, []string{"a1", "a2"}, []string{"za"}, []string{"a1", "a2", "b1"}, []string{"za"}},
		{"recode a smaller", a, []string{"a3"}, nil, []string{"a3", "b1"}, nil},
		{"recode b with zone", b, []string{"b1", "b2"}, []string{"zb"}, []string{"a3", "b1", "b2"}, []string{"zb"}},
		{"clear a", a, nil, nil, []string{"b1", "b2"}, []string{"zb"}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			var events []sitrep.Event
			for _, id := range st.events {
				events = append(events, sitrep.Event{ID: id, EventType: "Battles", Actor1: "X"})
			}
			var zones []sitrep.Zone
			for _, id := range st.zones {
				zones = append(zones, sitrep.Zone{ID: id, Kind: "buffer"})
			}
			if err := s.ReplaceCoding(ctx, st.doc.ID, events, zones); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(st.wantEv, eventIDs(t, s, sitrep.EventFilter{})); diff != "" {
				t.Errorf("events mismatch (-want +got):\n%s", diff)
			}
			// The actor index follows replacements too.
			if diff := cmp.Diff(st.wantEv, eventIDs(t, s, sitrep.EventFilter{Actor: "X"})); diff != "" {
				t.Errorf("events by actor mismatch (-want +got):\n%s", diff)
			}
			zs, err := s.Zones(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, z := range zs {
				got = append(got, z.ID)
			}
			if diff := cmp.Diff(st.wantZon, got); diff != "" {
				t.Errorf("zones mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func testEventFilters(t *testing.T, s sitrep.Store) {
	ctx := context.Background()
	a := NewDocument("a", "report a", 0)
	b := NewDocument("b", "report b", 0)
	put(t, s, a)
	put(t, s, b)
	ev := func(id, typ, sub, a1, a2, country, date string, assoc ...string) sitrep.Event {
		return sitrep.Event{ID: id, EventType: typ, SubEventType: sub, Actor1: a1, Actor2: a2,
			Country: country, EventDate: date, AssocActor1: assoc}
	}
	if err := s.ReplaceCoding(ctx, a.ID, []sitrep.Event{
		ev("a1", "Battles", "Armed clash", "Syrian Democratic Forces", "Islamic State", "SYR", "2017-07-01"),
		ev("a2", "Explosions/Remote violence", "Air/drone strike", "Coalition", "Islamic State", "SYR", "2017-07-15", "Syrian Democratic Forces"),
		ev("a3", "Battles", "Government regains territory", "Military Forces of Syria", "", "SYR", ""),
	}, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.ReplaceCoding(ctx, b.ID, []sitrep.Event{
		ev("b1", "Protests", "Peaceful protest", "Protesters", "", "IRQ", "2017-08-01"),
		ev("b2", "Battles", "Armed clash", "Islamic State", "Iraqi Security Forces", "IRQ", "2017-07-31"),
	}, nil); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		f    sitrep.EventFilter
		want []string
	}{
		{"all", sitrep.EventFilter{}, []string{"a1", "a2", "a3", "b1", "b2"}},
		{"doc", sitrep.EventFilter{DocID: b.ID}, []string{"b1", "b2"}},
		{"type", sitrep.EventFilter{EventType: "Battles"}, []string{"a1", "a3", "b2"}},
		{"sub-type", sitrep.EventFilter{SubEventType: "Armed clash"}, []string{"a1", "b2"}},
		{"actor as actor1, actor2 or associated", sitrep.EventFilter{Actor: "Syrian Democratic Forces"}, []string{"a1", "a2"}},
		{"actor ignores case", sitrep.EventFilter{Actor: "islamic state"}, []string{"a1", "a2", "b2"}},
		{"country", sitrep.EventFilter{Country: "IRQ"}, []string{"b1", "b2"}},
		{"from", sitrep.EventFilter{From: "2017-07-15"}, []string{"a2", "b1", "b2"}},
		{"to", sitrep.EventFilter{To: "2017-07-15"}, []string{"a1", "a2"}},
		{"from and to", sitrep.EventFilter{From: "2017-07-02", To: "2017-07-31"}, []string{"a2", "b2"}},
		{"combined", sitrep.EventFilter{EventType: "Battles", Country: "SYR", Actor: "Islamic State"}, []string{"a1"}},
		{"limit", sitrep.EventFilter{Limit: 2}, []string{"a1", "a2"}},
		{"no match", sitrep.EventFilter{Actor: "Nobody"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, eventIDs(t, s, tt.f)); diff != "" {
				t.Errorf("Events(%+v) mismatch (-want +got):\n%s", tt.f, diff)
			}
		})
	}
}

func testConcurrentPut(t *testing.T, s sitrep.Store) {
	const workers = 8
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		statuses = map[sitrep.PutStatus]int{}
		ids      = map[int64]bool{}
	)
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := NewDocument("same.txt", "The same report sent by every worker.", 0xfeed)
			st, err := s.PutDocument(context.Background(), d)
			if err != nil {
				t.Errorf("PutDocument: %v", err)
				return
			}
			mu.Lock()
			statuses[st]++
			ids[d.ID] = true
			mu.Unlock()
		}()
	}
	// Different documents written at the same time all land.
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := NewDocument(fmt.Sprintf("other%d", i), fmt.Sprintf("Another report, number %d.", i), 0)
			if _, err := s.PutDocument(context.Background(), d); err != nil {
				t.Errorf("PutDocument: %v", err)
			}
		}()
	}
	// Readers run beside the writers.
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ctx := context.Background()
			for j := 0; j < 5; j++ {
				if _, err := s.Documents(ctx, sitrep.DocumentFilter{}); err != nil {
					t.Errorf("Documents: %v", err)
				}
				if _, err := s.Search(ctx, "report", 5); err != nil {
					t.Errorf("Search: %v", err)
				}
				if _, err := s.Events(ctx, sitrep.EventFilter{}); err != nil {
					t.Errorf("Events: %v", err)
				}
			}
		}()
	}
	wg.Wait()
	want := map[sitrep.PutStatus]int{sitrep.StatusNew: 1, sitrep.StatusDuplicate: workers - 1}
	if diff := cmp.Diff(want, statuses); diff != "" {
		t.Errorf("statuses mismatch (-want +got):\n%s", diff)
	}
	if len(ids) != 1 {
		t.Errorf("workers saw %d different IDs, want 1", len(ids))
	}
	if n := count(t, s); n != workers+1 {
		t.Errorf("%d documents stored, want %d", n, workers+1)
	}
}

func testPutCodedDocument(t *testing.T, s sitrep.Store) {
	ctx := context.Background()
	doc := NewDocument("coded", "a report with one event", 0)
	ev := FullEvent("coded-e1")
	st, err := s.PutCodedDocument(ctx, doc, []sitrep.Event{ev}, nil)
	if err != nil || st != sitrep.StatusNew {
		t.Fatalf("PutCodedDocument = %q, %v; want new", st, err)
	}
	got := eventIDs(t, s, sitrep.EventFilter{DocID: doc.ID})
	if diff := cmp.Diff([]string{"coded-e1"}, got); diff != "" {
		t.Fatalf("events after first put (-want +got):\n%s", diff)
	}
	// The same content again is a duplicate and leaves the coding alone,
	// even when offered another coding.
	again := NewDocument("coded-again", "a report with one event", 0)
	st, err = s.PutCodedDocument(ctx, again, []sitrep.Event{FullEvent("other-e1")}, nil)
	if err != nil || st != sitrep.StatusDuplicate {
		t.Fatalf("second PutCodedDocument = %q, %v; want duplicate", st, err)
	}
	if again.ID != doc.ID {
		t.Errorf("duplicate ID = %d, want %d", again.ID, doc.ID)
	}
	got = eventIDs(t, s, sitrep.EventFilter{DocID: doc.ID})
	if diff := cmp.Diff([]string{"coded-e1"}, got); diff != "" {
		t.Errorf("events after duplicate put (-want +got):\n%s", diff)
	}
}
