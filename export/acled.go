package export

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
)

//go:embed data/countries.tsv
var countriesTSV []byte

// Country is a row of the country table ACLED columns need.
type Country struct {
	ISO3, ISO2 string
	Numeric    int    // ISO 3166-1 numeric, ACLED's "iso"
	Name       string // as ACLED spells it
	Region     string // ACLED region, e.g. "Middle East"
}

// Countries looks countries up by ISO 3166-1 alpha-3 code.
type Countries struct{ byISO3 map[string]Country }

// DefaultCountries reads the built-in country table (data/countries.tsv).
func DefaultCountries() (*Countries, error) { return ParseCountries(bytes.NewReader(countriesTSV)) }

// ParseCountries reads a country table: iso3, iso2, numeric, name, region,
// tab-separated, "#" comments.
func ParseCountries(r io.Reader) (*Countries, error) {
	c := &Countries{byISO3: map[string]Country{}}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 5 {
			return nil, fmt.Errorf("countries line %d: want 5 fields: %w", n, sitrep.ErrInvalid)
		}
		num, err := strconv.Atoi(f[2])
		if err != nil {
			return nil, fmt.Errorf("countries line %d: numeric code: %w", n, sitrep.ErrInvalid)
		}
		c.byISO3[f[0]] = Country{ISO3: f[0], ISO2: f[1], Numeric: num, Name: f[3], Region: f[4]}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read countries: %w", err)
	}
	return c, nil
}

// Get returns the country with the alpha-3 code, and whether it is known.
func (c *Countries) Get(iso3 string) (Country, bool) {
	if c == nil {
		return Country{}, false
	}
	v, ok := c.byISO3[strings.ToUpper(iso3)]
	return v, ok
}

// ACLEDColumns are the columns of an ACLED export, in ACLED's order.
var ACLEDColumns = []string{"event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
	"sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
	"civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
	"longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp"}

// ACLEDOptions configure ACLED.
type ACLEDOptions struct {
	// Now is the export time, written as each row's timestamp (ACLED's "last
	// updated"); zero writes no timestamp.
	Now time.Time
	// Countries gives iso, country and region; nil uses DefaultCountries.
	Countries *Countries
}

// ACLED writes events as a CSV with ACLED's column names and conventions:
// associated actors and sources joined with "; ", civilian_targeting
// "Civilian targeting" or empty, fatalities 0 when not stated (the tag
// "fatalities=unknown" keeps the difference), the evidence sentence as
// notes. What ACLED has no column for (claimed_by, contested, fatality
// ranges, territory change, confidence) goes into tags.
func ACLED(w io.Writer, events []sitrep.Event, opt ACLEDOptions) error {
	countries := opt.Countries
	if countries == nil {
		var err error
		if countries, err = DefaultCountries(); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(ACLEDColumns); err != nil {
		return fmt.Errorf("write acled: %w", err)
	}
	stamp := ""
	if !opt.Now.IsZero() {
		stamp = strconv.FormatInt(opt.Now.Unix(), 10)
	}
	for i := range events {
		e := &events[i]
		year := ""
		if len(e.EventDate) >= 4 {
			year = e.EventDate[:4]
		}
		civ := ""
		if e.CivilianTargeting {
			civ = "Civilian targeting"
		}
		iso, country, region := "", e.Country, ""
		if c, ok := countries.Get(e.Country); ok {
			iso, country, region = strconv.Itoa(c.Numeric), c.Name, c.Region
		}
		lat, lon := "", ""
		if e.Latitude != nil && e.Longitude != nil {
			lat, lon = strconv.FormatFloat(*e.Latitude, 'f', 4, 64), strconv.FormatFloat(*e.Longitude, 'f', 4, 64)
		}
		fatalities := "0"
		if e.Fatalities != nil {
			fatalities = strconv.Itoa(*e.Fatalities)
		}
		id := e.ID
		if id == "" {
			id = fmt.Sprintf("%s%d", strings.ToUpper(e.Country), i+1)
		}
		rec := []string{id, e.EventDate, year, optPrec(e.TimePrecision), DisorderType(e.EventType), e.EventType,
			e.SubEventType, e.Actor1, strings.Join(e.AssocActor1, "; "), optPrec(e.Inter1), e.Actor2,
			strings.Join(e.AssocActor2, "; "), optPrec(e.Inter2), optPrec(e.Interaction),
			civ, iso, region, country, e.Admin1, "", "", e.Location, lat,
			lon, optPrec(e.GeoPrecision), sourceNames(e), "", acledNotes(e), fatalities, acledTags(e), stamp}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("write acled: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write acled: %w", err)
	}
	return nil
}

// DisorderType is ACLED's disorder_type for an event type.
func DisorderType(eventType string) string {
	switch eventType {
	case "Battles", "Explosions/Remote violence", "Violence against civilians":
		return "Political violence"
	case "Protests", "Riots":
		return "Demonstrations"
	case "Strategic developments":
		return "Strategic developments"
	}
	return ""
}

// sourceNames lists the outlets of an event's sources (the document name
// when the outlet is unknown), each once.
func sourceNames(e *sitrep.Event) string {
	var names []string
	seen := map[string]bool{}
	for _, s := range e.Sources {
		n := s.Outlet
		if n == "" {
			n = s.Doc
		}
		if n != "" && !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	return strings.Join(names, "; ")
}

func acledNotes(e *sitrep.Event) string {
	var parts []string
	if len(e.Sources) > 0 && e.Sources[0].Sentence != "" {
		parts = append(parts, oneLine(e.Sources[0].Sentence))
	}
	if e.Notes != "" {
		parts = append(parts, oneLine(e.Notes))
	}
	return strings.Join(parts, " ")
}

func acledTags(e *sitrep.Event) string {
	var t []string
	if e.ClaimedBy != "" {
		t = append(t, "claimed_by="+e.ClaimedBy)
	}
	if e.Contested {
		t = append(t, "contested")
	}
	if e.Fatalities == nil {
		t = append(t, "fatalities=unknown")
	}
	if e.FatalitiesLow != nil || e.FatalitiesHigh != nil {
		t = append(t, "fatalities_range="+optInt(e.FatalitiesLow)+"-"+optInt(e.FatalitiesHigh))
	}
	if e.FromActor != "" {
		t = append(t, "from_actor="+e.FromActor)
	}
	if e.ToActor != "" {
		t = append(t, "to_actor="+e.ToActor)
	}
	if e.AreaKm2 != nil {
		t = append(t, "area_km2="+optFloat(e.AreaKm2))
	}
	if e.Confidence > 0 {
		t = append(t, "confidence="+strconv.FormatFloat(e.Confidence, 'f', 2, 64))
	}
	return strings.Join(t, "; ")
}
