package eval_test

import (
	"fmt"
	"strings"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/eval"
)

func ExampleScore() {
	gold, _ := eval.ReadGold(strings.NewReader(
		`{"doc": "r1.txt", "id": "g1", "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "FSA", "actor2": "IS", "lat": 35.0, "lon": 38.0, "radius_km": 15, "date": "2017-07-24", "date_precision": 1}`+"\n"+
			`{"doc": "r1.txt", "id": "g2", "event_type": "Battles", "actor1": "SYR_GOV", "lat": 34.0, "lon": 37.0, "optional": true}`+"\n"), "")
	keys, _ := eval.ParseActorKeys(strings.NewReader("FSA\trebel\nIS\tislamic state\n"))
	lat, lon := 35.05, 38.0
	sys := []sitrep.Event{{ID: "s1", EventType: "Battles", SubEventType: "Armed clash", Actor1: "Syrian rebels", Actor2: "Islamic State",
		Latitude: &lat, Longitude: &lon, EventDate: "2017-07-24", Sources: []sitrep.Source{{Doc: "r1.txt"}}}}
	r := eval.Score(gold, sys, keys)
	fmt.Printf("TP %d FP %d FN %d F1 %.2f, error %.1f km\n", r.Overall.TP, r.Overall.FP, r.Overall.FN, r.Overall.F1, r.MedianLocationErrKm)
	// Output: TP 1 FP 0 FN 0 F1 1.00, error 5.6 km
}
