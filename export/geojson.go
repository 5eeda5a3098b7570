package export

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"github.com/sitrep/sitrep"
)

// GeoJSON writes events as a FeatureCollection of Points whose properties
// are all the event's fields (as in its JSON form). Events without
// coordinates cannot be drawn: they are left out and counted in skipped.
func GeoJSON(w io.Writer, events []sitrep.Event) (skipped int, err error) {
	fc := geojson.NewFeatureCollection()
	for i := range events {
		e := &events[i]
		if e.Latitude == nil || e.Longitude == nil {
			skipped++
			continue
		}
		props, err := properties(e)
		if err != nil {
			return skipped, err
		}
		f := geojson.NewFeature(orb.Point{*e.Longitude, *e.Latitude})
		f.ID = e.ID
		f.Properties = props
		fc.Append(f)
	}
	b, err := json.Marshal(fc)
	if err != nil {
		return skipped, fmt.Errorf("write geojson: %w", err)
	}
	if _, err := w.Write(append(b, '\n')); err != nil {
		return skipped, fmt.Errorf("write geojson: %w", err)
	}
	return skipped, nil
}

// properties turns an event into a property map through its JSON form, so
// that the properties carry exactly the JSON field names.
func properties(e *sitrep.Event) (geojson.Properties, error) {
	b, err := json.Marshal(e)
	if err != nil {
		return nil, fmt.Errorf("event %s: %w", e.ID, err)
	}
	var p geojson.Properties
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("event %s: %w", e.ID, err)
	}
	return p, nil
}
