// Package export writes coded events and zones in the formats people and
// other tools read: a text table, JSON lines, a flat CSV, ACLED-column CSV
// and GeoJSON. It only formats: selecting events is the store's job.
package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/sitrep/sitrep"
)

// JSONL writes one sitrep.Event JSON object a line.
func JSONL(w io.Writer, events []sitrep.Event) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range events {
		if err := enc.Encode(&events[i]); err != nil {
			return fmt.Errorf("write event %s: %w", events[i].ID, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write events: %w", err)
	}
	return nil
}

// Table writes events as an aligned text table for the terminal, the first
// source sentence clipped.
func Table(w io.Writer, events []sitrep.Event) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tDATE\tTYPE\tSUB-TYPE\tACTOR1\tACTOR2\tLOCATION\tLAT,LON\tFATAL\tDOC\tSENTENCE")
	for i := range events {
		e := &events[i]
		doc, sentence := "", ""
		if len(e.Sources) > 0 {
			doc, sentence = e.Sources[0].Doc, clip(oneLine(e.Sources[0].Sentence), 60)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", dash(e.ID), dash(e.EventDate), dash(e.EventType),
			dash(e.SubEventType), dash(e.Actor1), dash(e.Actor2), dash(e.Location), point(e), dash(optInt(e.Fatalities)),
			dash(doc), sentence)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

// csvColumns are the columns of CSV, sitrep's own flat form of an event.
var csvColumns = []string{"id", "event_date", "time_precision", "event_type", "sub_event_type", "cameo", "plover",
	"actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
	"location", "admin1", "country", "latitude", "longitude", "geo_precision",
	"fatalities", "fatalities_low", "fatalities_high", "from_actor", "to_actor", "area_km2",
	"claimed_by", "contested", "confidence", "coder_version", "kb_version", "notes",
	"doc", "url", "outlet", "published", "sentence", "start", "end"}

// CSV writes events as a flat CSV with sitrep's field names; associated
// actors are joined with "; " and only the first source is given.
func CSV(w io.Writer, events []sitrep.Event) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvColumns); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	for i := range events {
		e := &events[i]
		var src sitrep.Source
		if len(e.Sources) > 0 {
			src = e.Sources[0]
		}
		lat, lon := coords(e)
		rec := []string{e.ID, e.EventDate, optPrec(e.TimePrecision), e.EventType, e.SubEventType, e.CAMEO, e.PLOVER,
			e.Actor1, strings.Join(e.AssocActor1, "; "), optPrec(e.Inter1), e.Actor2, strings.Join(e.AssocActor2, "; "),
			optPrec(e.Inter2), optPrec(e.Interaction), strconv.FormatBool(e.CivilianTargeting),
			e.Location, e.Admin1, e.Country, lat, lon, optPrec(e.GeoPrecision),
			optInt(e.Fatalities), optInt(e.FatalitiesLow), optInt(e.FatalitiesHigh), e.FromActor, e.ToActor, optFloat(e.AreaKm2),
			e.ClaimedBy, strconv.FormatBool(e.Contested), strconv.FormatFloat(e.Confidence, 'f', -1, 64), e.CoderVersion, e.KBVersion, e.Notes,
			src.Doc, src.URL, src.Outlet, src.Published, src.Sentence, strconv.Itoa(src.Start), strconv.Itoa(src.End)}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// zoneLine is the JSON form of a zone in ZonesJSONL: radius_km is always
// present (0 for a polygon zone).
type zoneLine struct {
	ID         string       `json:"id"`
	Name       string       `json:"name"`
	Kind       string       `json:"kind"`
	Lat        float64      `json:"lat"`
	Lon        float64      `json:"lon"`
	RadiusKm   float64      `json:"radius_km"`
	Polygon    [][2]float64 `json:"polygon,omitempty"`
	DeclaredBy string       `json:"declared_by"`
	Date       string       `json:"date"`
	Evidence   string       `json:"evidence"`
	Doc        string       `json:"doc,omitempty"`
}

// ZonesJSONL writes one zone a line with name, kind, lat, lon, radius_km,
// declared_by, date and evidence.
func ZonesJSONL(w io.Writer, zones []sitrep.Zone) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for _, z := range zones {
		l := zoneLine{ID: z.ID, Name: z.Name, Kind: z.Kind, Lat: z.Latitude, Lon: z.Longitude, RadiusKm: z.RadiusKm,
			Polygon: z.Polygon, DeclaredBy: z.DeclaredBy, Date: z.Date, Evidence: z.Evidence}
		if len(z.Sources) > 0 {
			l.Doc = z.Sources[0].Doc
		}
		if err := enc.Encode(l); err != nil {
			return fmt.Errorf("write zone %s: %w", z.ID, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write zones: %w", err)
	}
	return nil
}

// ZonesTable writes zones as an aligned text table.
func ZonesTable(w io.Writer, zones []sitrep.Zone) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tKIND\tLAT\tLON\tRADIUS_KM\tDECLARED_BY\tDATE\tEVIDENCE")
	for _, z := range zones {
		radius := "-"
		if z.RadiusKm > 0 {
			radius = strconv.FormatFloat(z.RadiusKm, 'f', -1, 64)
		} else if len(z.Polygon) > 0 {
			radius = fmt.Sprintf("polygon(%d)", len(z.Polygon))
		}
		fmt.Fprintf(tw, "%s\t%s\t%.4f\t%.4f\t%s\t%s\t%s\t%s\n", dash(z.Name), dash(z.Kind), z.Latitude, z.Longitude,
			radius, dash(z.DeclaredBy), dash(z.Date), clip(oneLine(z.Evidence), 80))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write zones: %w", err)
	}
	return nil
}

func coords(e *sitrep.Event) (lat, lon string) {
	if e.Latitude == nil || e.Longitude == nil {
		return "", ""
	}
	return strconv.FormatFloat(*e.Latitude, 'f', -1, 64), strconv.FormatFloat(*e.Longitude, 'f', -1, 64)
}

func point(e *sitrep.Event) string {
	if e.Latitude == nil || e.Longitude == nil {
		return "-"
	}
	return fmt.Sprintf("%.3f,%.3f", *e.Latitude, *e.Longitude)
}

// optPrec formats a code whose zero means "not set".
func optPrec(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func optInt(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

func optFloat(p *float64) string {
	if p == nil {
		return ""
	}
	return strconv.FormatFloat(*p, 'f', -1, 64)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
