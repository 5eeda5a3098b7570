package eval

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep/sitrep"
)

func TestReadGold(t *testing.T) {
	tests := []struct {
		name   string
		format string
		in     string
		want   []Gold
	}{
		{"jsonl with nulls", "", `{"doc": "a.txt", "id": "a-e1", "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "SDF", "actor2": null, "lat": 35.9, "lon": 39.0, "radius_km": 15, "geo_precision": 1, "date": null, "date_precision": null, "fatalities": null, "optional": true, "extra": 1}

{"doc": "a.txt", "id": "a-e2", "event_type": "Riots", "lat": null, "lon": null, "fatalities": 0, "date": "2017-07-26", "date_precision": 1}
`, []Gold{
			{Doc: "a.txt", ID: "a-e1", EventType: "Battles", SubEventType: "Armed clash", Actor1: "SDF", Lat: fp(35.9), Lon: fp(39.0), RadiusKm: 15, GeoPrecision: 1, Optional: true},
			{Doc: "a.txt", ID: "a-e2", EventType: "Riots", Fatalities: ip(0), Date: "2017-07-26", DatePrecision: 1},
		}},
		{"acled", "", "\ufeffevent_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,actor2,civilian_targeting,country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities\n" +
			"SYR1,26 July 2017,2017,1,Explosions/Remote violence,Air/drone strike,Military Forces of the United States (2017-),Coalition Forces; Military Forces of France,Civilians (Syria),Civilian targeting,Syria,Ar-Raqqa,Ar-Raqqa,35.95,39.01,1,SOHR,Strikes hit the city.,29\n" +
			"SYR2,2017-07-27,2017,2,Battles,Armed clash,SDF,,IS,,Syria,Ar-Raqqa,Ar-Raqqa,35.95,39.01,1,SOHR,,0\n",
			[]Gold{
				{ID: "SYR1", EventType: "Explosions/Remote violence", SubEventType: "Air/drone strike", Actor1: "Military Forces of the United States (2017-)",
					AssocActor1: []string{"Coalition Forces", "Military Forces of France"}, Actor2: "Civilians (Syria)", CivilianTargeting: true,
					Country: "Syria", Admin1: "Ar-Raqqa", Location: "Ar-Raqqa", Lat: fp(35.95), Lon: fp(39.01), GeoPrecision: 1, ClaimedBy: "SOHR",
					Evidence: "Strikes hit the city.", Fatalities: ip(29), Date: "2017-07-26", DatePrecision: 1},
				{ID: "SYR2", EventType: "Battles", SubEventType: "Armed clash", Actor1: "SDF", Actor2: "IS", Country: "Syria", Admin1: "Ar-Raqqa",
					Location: "Ar-Raqqa", Lat: fp(35.95), Lon: fp(39.01), GeoPrecision: 1, ClaimedBy: "SOHR", Date: "2017-07-27", DatePrecision: 2},
			}},
		{"ucdp", "", "id,year,type_of_violence,side_a,side_b,where_coordinates,adm_1,country,latitude,longitude,where_prec,date_start,date_end,best,low,high,source_headline\n" +
			"101,2017,1,Government of Syria,IS,Raqqa town,Ar Raqqah governorate,Syria,35.95,39.01,1,2017-07-26 00:00:00.000,2017-07-26 00:00:00.000,5,4,9,Clashes in Raqqa\n" +
			"102,2017,3,IS,Civilians,Deir ez-Zor,Dayr Az Zawr governorate,Syria,35.33,40.14,4,2017-07-01,2017-07-05,12,12,20,\n" +
			"103,2017,2,SDF,IS,Syria,,Syria,35.0,38.5,6,2017-06-01,2017-06-30,,,,\n",
			[]Gold{
				{ID: "101", EventType: "Battles", AltEventTypes: []string{"Explosions/Remote violence"}, Actor1: "Government of Syria", Actor2: "IS",
					Location: "Raqqa town", Admin1: "Ar Raqqah governorate", Country: "Syria", Lat: fp(35.95), Lon: fp(39.01), GeoPrecision: 1,
					Date: "2017-07-26", DatePrecision: 1, Fatalities: ip(5), Evidence: "Clashes in Raqqa"},
				{ID: "102", EventType: "Violence against civilians", AltEventTypes: []string{"Explosions/Remote violence"}, Actor1: "IS", Actor2: "Civilians",
					CivilianTargeting: true, Location: "Deir ez-Zor", Admin1: "Dayr Az Zawr governorate", Country: "Syria", Lat: fp(35.33), Lon: fp(40.14),
					GeoPrecision: 3, Date: "2017-07-03", DatePrecision: 2, Fatalities: ip(12)},
				{ID: "103", EventType: "Battles", AltEventTypes: []string{"Explosions/Remote violence"}, Actor1: "SDF", Actor2: "IS",
					Location: "Syria", Country: "Syria", Lat: fp(35.0), Lon: fp(38.5), GeoPrecision: 3, Date: "2017-06-15", DatePrecision: 3},
			}},
		{"forced acled", FormatACLED, "event_type,latitude,longitude\nProtests,,\n", []Gold{{EventType: "Protests"}}},
		{"empty", "", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadGold(strings.NewReader(tt.in), tt.format)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ReadGold (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadGoldErrors(t *testing.T) {
	tests := []struct{ name, format, in string }{
		{"bad json", "", "{\"event_type\": \n"},
		{"no event type", "", `{"doc": "a"}` + "\n"},
		{"half coordinates", "", `{"event_type": "Riots", "lat": 3}` + "\n"},
		{"bad date", "", `{"event_type": "Riots", "date": "July 2017"}` + "\n"},
		{"unknown format", "xml", "<a/>"},
		{"unrecognised csv", "", "a,b,c\n1,2,3\n"},
		{"acled bad latitude", "", "event_type,latitude,longitude\nBattles,north,3\n"},
		{"acled missing column", FormatACLED, "event_type,latitude\nBattles,3\n"},
		{"ucdp bad type", "", "type_of_violence,latitude,longitude,date_start\n7,1,1,2017-01-01\n"},
		{"ucdp bad date", "", "type_of_violence,latitude,longitude,date_start\n1,1,1,yesterday\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ReadGold(strings.NewReader(tt.in), tt.format); !errors.Is(err, sitrep.ErrInvalid) {
				t.Errorf("error = %v, want ErrInvalid", err)
			}
		})
	}
}

func FuzzReadGold(f *testing.F) {
	f.Add(`{"doc": "a", "event_type": "Battles", "lat": 1, "lon": 2}`)
	f.Add("event_id_cnty,event_date,event_type,latitude,longitude,fatalities\nX1,2 May 2020,Battles,1,2,3\n")
	f.Add("id,type_of_violence,latitude,longitude,date_start,date_end,best\n1,3,1,2,2020-01-01,2020-02-01,4\n")
	f.Fuzz(func(t *testing.T, in string) {
		gold, err := ReadGold(strings.NewReader(in), "")
		if err != nil {
			return
		}
		for _, g := range gold {
			if g.EventType == "" || (g.Lat == nil) != (g.Lon == nil) {
				t.Fatalf("accepted invalid gold %+v", g)
			}
		}
		_ = Score(gold, nil, nil)
	})
}

// eventsFromGold turns gold events into the system events a perfect coder
// would produce.
func eventsFromGold(gold []Gold) []sitrep.Event {
	out := make([]sitrep.Event, 0, len(gold))
	for _, g := range gold {
		out = append(out, sitrep.Event{
			ID: "sys-" + g.ID, EventType: g.EventType, SubEventType: g.SubEventType,
			Actor1: g.Actor1, Actor2: g.Actor2, AssocActor1: g.AssocActor1,
			CivilianTargeting: g.CivilianTargeting, Location: g.Location, Admin1: g.Admin1, Country: g.Country,
			Latitude: g.Lat, Longitude: g.Lon, GeoPrecision: g.GeoPrecision,
			EventDate: g.Date, TimePrecision: g.DatePrecision, Fatalities: g.Fatalities,
			ClaimedBy: g.ClaimedBy, Contested: g.Contested,
			Sources: []sitrep.Source{{Doc: g.Doc, Sentence: g.Evidence}},
		})
	}
	return out
}

func TestSeedsGoldAgainstItself(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "gold")
	if _, err := os.Stat(filepath.Join(dir, "seeds.gold.jsonl")); err != nil {
		t.Skip("shared gold folder absent")
	}
	gold, err := ReadGoldFile(filepath.Join(dir, "seeds.gold.jsonl"), "")
	if err != nil {
		t.Fatal(err)
	}
	keys, err := LoadActorKeys(filepath.Join(dir, "actors.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	r := Score(gold, eventsFromGold(gold), keys)
	if r.Overall.F1 != 1 || r.Overall.FP != 0 || r.Overall.FN != 0 || r.OptionalMatched != r.Optional {
		t.Errorf("self score = %+v, optional matched %d of %d; want F1 1", r.Overall, r.OptionalMatched, r.Optional)
	}
	for _, a := range r.Attributes {
		if a.Accuracy != 1 {
			t.Errorf("attribute %s accuracy %v, want 1", a.Name, a.Accuracy)
		}
	}
}

func BenchmarkScore(b *testing.B) {
	var gold []Gold
	var sys []sitrep.Event
	for i := range 200 {
		doc := string(rune('a' + i%20))
		g := Gold{Doc: doc, ID: doc, EventType: "Battles", Actor1: "SDF", Lat: fp(35 + float64(i%7)/100), Lon: fp(39), RadiusKm: 30, GeoPrecision: 1}
		gold = append(gold, g)
	}
	sys = eventsFromGold(gold)
	keys := mustKeys(b)
	b.ResetTimer()
	for b.Loop() {
		Score(gold, sys, keys)
	}
}

// BenchmarkScoreDocless scores 2,000 document-less gold events against as
// many system events: the date index keeps it far from
// 25 million comparisons.
func BenchmarkScoreDocless(b *testing.B) {
	var gold []Gold
	for i := range 2000 {
		day := fmt.Sprintf("2017-07-%02d", 1+i%28)
		gold = append(gold, Gold{ID: fmt.Sprint(i), EventType: "Battles", Actor1: "SDF", Lat: fp(35 + float64(i%50)/10), Lon: fp(39),
			GeoPrecision: 1, Date: day, DatePrecision: 1 + i%3})
	}
	sys := eventsFromGold(gold)
	keys := mustKeys(b)
	b.ResetTimer()
	for b.Loop() {
		Score(gold, sys, keys)
	}
}
