package eval

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep/sitrep"
)

// DefaultRadiusKm is how far a system point may be from a gold point that
// states no radius_km.
const DefaultRadiusKm = 30

// Gold is one gold event in the JSONL format of the coding guidelines.
// Actor fields hold keys (JSONL) or names (ACLED, UCDP); the scorer maps
// both through ActorKeys. A null in the file leaves the zero value, except
// for the pointer fields, which stay nil.
type Gold struct {
	Doc          string `json:"doc"` // document name; "" = any document
	ID           string `json:"id"`
	EventType    string `json:"event_type"`
	SubEventType string `json:"sub_event_type"` // "" = not coded, not scored
	// AltEventTypes are other event types that also match this gold event;
	// set by readers of formats with a different taxonomy (UCDP).
	AltEventTypes     []string `json:"alt_event_types,omitempty"`
	Actor1            string   `json:"actor1"`
	Actor2            string   `json:"actor2"`
	AssocActor1       []string `json:"assoc_actor1,omitempty"`
	Location          string   `json:"location"`
	Lat               *float64 `json:"lat"`
	Lon               *float64 `json:"lon"`
	RadiusKm          float64  `json:"radius_km,omitempty"` // 0 = DefaultRadiusKm
	Country           string   `json:"country"`
	Admin1            string   `json:"admin1"`
	GeoPrecision      int      `json:"geo_precision"`
	Date              string   `json:"date"` // YYYY-MM-DD, "" = unknown
	DatePrecision     int      `json:"date_precision"`
	Fatalities        *int     `json:"fatalities"`
	CivilianTargeting bool     `json:"civilian_targeting"`
	Contested         bool     `json:"contested"`
	ClaimedBy         string   `json:"claimed_by"`
	Optional          bool     `json:"optional"`
	Evidence          string   `json:"evidence"`
	Notes             string   `json:"notes"`
}

// Radius returns the gold radius in km, DefaultRadiusKm when none is given.
func (g *Gold) Radius() float64 {
	if g.RadiusKm > 0 {
		return g.RadiusKm
	}
	return DefaultRadiusKm
}

// Gold file formats accepted by ReadGold.
const (
	FormatJSONL = "jsonl"
	FormatACLED = "acled"
	FormatUCDP  = "ucdp"
)

// ReadGoldFile reads the gold file at path. An empty format is detected
// from the contents (see ReadGold).
func ReadGoldFile(path, format string) ([]Gold, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open gold: %w", err)
	}
	defer f.Close()
	if format == "" {
		switch strings.ToLower(filepath.Ext(path)) {
		case ".jsonl", ".json", ".ndjson":
			format = FormatJSONL
		}
	}
	gold, err := ReadGold(f, format)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return gold, nil
}

// ReadGold reads gold events in the given format (FormatJSONL, FormatACLED,
// FormatUCDP). An empty format is detected from the contents: JSON lines
// start with "{"; a CSV header with type_of_violence is UCDP GED, one with
// event_type is ACLED.
func ReadGold(r io.Reader, format string) ([]Gold, error) {
	br := bufio.NewReader(r)
	if format == "" {
		var err error
		if format, err = sniff(br); err != nil {
			return nil, err
		}
	}
	switch format {
	case FormatJSONL:
		return ReadJSONL(br)
	case FormatACLED:
		return ReadACLED(br)
	case FormatUCDP:
		return ReadUCDP(br)
	}
	return nil, fmt.Errorf("gold format %q (want jsonl, acled or ucdp): %w", format, sitrep.ErrInvalid)
}

func sniff(br *bufio.Reader) (string, error) {
	head, err := br.Peek(4096)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return "", fmt.Errorf("read gold: %w", err)
	}
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	trimmed := bytes.TrimSpace(head)
	if len(trimmed) == 0 {
		return FormatJSONL, nil // empty: no events, whatever the format
	}
	if trimmed[0] == '{' {
		return FormatJSONL, nil
	}
	first, _, _ := bytes.Cut(trimmed, []byte("\n"))
	first = bytes.ToLower(first)
	switch {
	case bytes.Contains(first, []byte("type_of_violence")):
		return FormatUCDP, nil
	case bytes.Contains(first, []byte("event_type")):
		return FormatACLED, nil
	}
	return "", fmt.Errorf("gold format not recognised (want JSONL, ACLED or UCDP CSV): %w", sitrep.ErrInvalid)
}

// ReadJSONL reads gold events, one JSON object a line; blank lines are
// skipped.
func ReadJSONL(r io.Reader) ([]Gold, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	var out []Gold
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\ufeff"))
		}
		if len(line) == 0 {
			continue
		}
		var g Gold
		if err := json.Unmarshal(line, &g); err != nil {
			return nil, fmt.Errorf("gold line %d: %w: %w", n, sitrep.ErrInvalid, err)
		}
		if err := g.validate(); err != nil {
			return nil, fmt.Errorf("gold line %d: %w", n, err)
		}
		out = append(out, g)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read gold: %w", err)
	}
	return out, nil
}

func (g *Gold) validate() error {
	if strings.TrimSpace(g.EventType) == "" {
		return fmt.Errorf("event_type missing: %w", sitrep.ErrInvalid)
	}
	if (g.Lat == nil) != (g.Lon == nil) {
		return fmt.Errorf("lat and lon must both be given or both be null: %w", sitrep.ErrInvalid)
	}
	if g.Lat != nil && (*g.Lat < -90 || *g.Lat > 90 || *g.Lon < -180 || *g.Lon > 180) {
		return fmt.Errorf("coordinates %v,%v out of range: %w", *g.Lat, *g.Lon, sitrep.ErrInvalid)
	}
	if g.RadiusKm < 0 {
		return fmt.Errorf("negative radius_km: %w", sitrep.ErrInvalid)
	}
	if g.Date != "" {
		if _, err := time.Parse(time.DateOnly, g.Date); err != nil {
			return fmt.Errorf("date %q: %w", g.Date, sitrep.ErrInvalid)
		}
	}
	return nil
}

// csvTable is a CSV file read with its header, fields looked up by column
// name.
type csvTable struct {
	col  map[string]int
	rows [][]string
}

func readCSV(r io.Reader) (*csvTable, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("read csv: %w: %w", sitrep.ErrInvalid, err)
	}
	if len(recs) == 0 {
		return &csvTable{col: map[string]int{}}, nil
	}
	t := &csvTable{col: map[string]int{}, rows: recs[1:]}
	for i, h := range recs[0] {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := t.col[h]; !dup {
			t.col[h] = i
		}
	}
	return t, nil
}

func (t *csvTable) need(cols ...string) error {
	for _, c := range cols {
		if _, ok := t.col[c]; !ok {
			return fmt.Errorf("csv column %q missing: %w", c, sitrep.ErrInvalid)
		}
	}
	return nil
}

func (t *csvTable) get(row []string, col string) string {
	i, ok := t.col[col]
	if !ok || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}

func (t *csvTable) coords(row []string, line int) (lat, lon *float64, err error) {
	la, lo := t.get(row, "latitude"), t.get(row, "longitude")
	if la == "" && lo == "" {
		return nil, nil, nil
	}
	a, err1 := strconv.ParseFloat(la, 64)
	b, err2 := strconv.ParseFloat(lo, 64)
	if err1 != nil || err2 != nil || a < -90 || a > 90 || b < -180 || b > 180 {
		return nil, nil, fmt.Errorf("csv row %d: coordinates %q,%q: %w", line, la, lo, sitrep.ErrInvalid)
	}
	return &a, &b, nil
}

func optInt(s string) (*int, error) {
	if s == "" {
		return nil, nil
	}
	f, err := strconv.ParseFloat(s, 64) // some exports write "3.0"
	if err != nil {
		return nil, err
	}
	n := int(f)
	return &n, nil
}

// parseDate reads the date forms of ACLED and UCDP exports, old and new.
func parseDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	if len(s) > 10 && s[4] == '-' { // "2017-07-26 00:00:00.000"
		s = s[:10]
	}
	for _, l := range []string{time.DateOnly, "02 January 2006", "2 January 2006", "2-Jan-06", "02-Jan-06", "1/2/2006"} {
		if t, err := time.Parse(l, s); err == nil {
			return t.Format(time.DateOnly), nil
		}
	}
	return "", fmt.Errorf("date %q: %w", s, sitrep.ErrInvalid)
}

func splitActors(s string) []string {
	var out []string
	for _, a := range strings.Split(s, ";") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// ReadACLED reads an ACLED CSV export (event_id_cnty, event_date,
// event_type, sub_event_type, actor1, assoc_actor_1, actor2, latitude,
// longitude, geo_precision, time_precision, fatalities, civilian_targeting,
// location, admin1, iso/country, notes …). ACLED's fatalities 0 ("none
// reported") reads as not stated (nil). ACLED rows name no document, so
// Doc is empty unless the file has a "doc" column. Actors keep ACLED's
// names; the scorer maps them to keys.
func ReadACLED(r io.Reader) ([]Gold, error) {
	t, err := readCSV(r)
	if err != nil {
		return nil, err
	}
	if err := t.need("event_type", "latitude", "longitude"); err != nil {
		return nil, fmt.Errorf("acled: %w", err)
	}
	var out []Gold
	for i, row := range t.rows {
		line := i + 2
		if len(row) == 1 && strings.TrimSpace(row[0]) == "" {
			continue
		}
		g := Gold{
			Doc:          t.get(row, "doc"),
			ID:           t.get(row, "event_id_cnty"),
			EventType:    t.get(row, "event_type"),
			SubEventType: t.get(row, "sub_event_type"),
			Actor1:       t.get(row, "actor1"),
			Actor2:       t.get(row, "actor2"),
			AssocActor1:  splitActors(t.get(row, "assoc_actor_1")),
			Location:     t.get(row, "location"),
			Country:      t.get(row, "country"),
			Admin1:       t.get(row, "admin1"),
			Evidence:     t.get(row, "notes"),
			ClaimedBy:    t.get(row, "source"),
			// ACLED writes "Civilian targeting" or nothing.
			CivilianTargeting: t.get(row, "civilian_targeting") != "",
		}
		if g.Lat, g.Lon, err = t.coords(row, line); err != nil {
			return nil, fmt.Errorf("acled: %w", err)
		}
		if g.Date, err = parseDate(t.get(row, "event_date")); err != nil {
			return nil, fmt.Errorf("acled row %d: %w", line, err)
		}
		g.GeoPrecision, _ = strconv.Atoi(t.get(row, "geo_precision"))
		g.DatePrecision, _ = strconv.Atoi(t.get(row, "time_precision"))
		if g.Fatalities, err = optInt(t.get(row, "fatalities")); err != nil {
			return nil, fmt.Errorf("acled row %d: fatalities: %w: %w", line, sitrep.ErrInvalid, err)
		}
		if g.Fatalities != nil && *g.Fatalities == 0 {
			g.Fatalities = nil // ACLED writes 0 when no deaths are reported: "not stated" here
		}
		if err := g.validate(); err != nil {
			return nil, fmt.Errorf("acled row %d: %w", line, err)
		}
		out = append(out, g)
	}
	return out, nil
}

// ReadUCDP reads a UCDP GED CSV file (id, type_of_violence, side_a, side_b,
// latitude, longitude, where_prec, date_start, date_end, best, low, high,
// country, adm_1, where_coordinates, source_headline …). UCDP has no ACLED
// types; the approximation is: type_of_violence 1 (state-based) and 2
// (non-state) are Battles, 3 (one-sided) is Violence against civilians,
// and each also accepts Explosions/Remote violence, since UCDP counts air
// strikes and shelling under the same three types. Sub-types are not
// scored. where_prec 1 is geo precision 1, 2–3 is 2, 4–7 is 3; a date span
// of one day is precision 1, up to a week 2 (middle day), longer 3.
func ReadUCDP(r io.Reader) ([]Gold, error) {
	t, err := readCSV(r)
	if err != nil {
		return nil, err
	}
	if err := t.need("type_of_violence", "latitude", "longitude", "date_start"); err != nil {
		return nil, fmt.Errorf("ucdp: %w", err)
	}
	var out []Gold
	for i, row := range t.rows {
		line := i + 2
		if len(row) == 1 && strings.TrimSpace(row[0]) == "" {
			continue
		}
		g := Gold{
			Doc:           t.get(row, "doc"),
			ID:            t.get(row, "id"),
			AltEventTypes: []string{"Explosions/Remote violence"},
			Actor1:        t.get(row, "side_a"),
			Actor2:        t.get(row, "side_b"),
			Location:      t.get(row, "where_coordinates"),
			Country:       t.get(row, "country"),
			Admin1:        t.get(row, "adm_1"),
			Evidence:      t.get(row, "source_headline"),
		}
		switch t.get(row, "type_of_violence") {
		case "1", "2":
			g.EventType = "Battles"
		case "3":
			g.EventType = "Violence against civilians"
			g.CivilianTargeting = true
		default:
			return nil, fmt.Errorf("ucdp row %d: type_of_violence %q: %w", line, t.get(row, "type_of_violence"), sitrep.ErrInvalid)
		}
		if g.Lat, g.Lon, err = t.coords(row, line); err != nil {
			return nil, fmt.Errorf("ucdp: %w", err)
		}
		switch wp, _ := strconv.Atoi(t.get(row, "where_prec")); {
		case wp == 1:
			g.GeoPrecision = 1
		case wp == 2 || wp == 3:
			g.GeoPrecision = 2
		case wp >= 4:
			g.GeoPrecision = 3
		}
		start, err := parseDate(t.get(row, "date_start"))
		if err != nil {
			return nil, fmt.Errorf("ucdp row %d: %w", line, err)
		}
		end, err := parseDate(t.get(row, "date_end"))
		if err != nil {
			return nil, fmt.Errorf("ucdp row %d: %w", line, err)
		}
		g.Date, g.DatePrecision = spanDate(start, end)
		if g.Fatalities, err = optInt(t.get(row, "best")); err != nil {
			return nil, fmt.Errorf("ucdp row %d: best: %w: %w", line, sitrep.ErrInvalid, err)
		}
		if err := g.validate(); err != nil {
			return nil, fmt.Errorf("ucdp row %d: %w", line, err)
		}
		out = append(out, g)
	}
	return out, nil
}

// spanDate turns a date span into a date and its ACLED precision.
func spanDate(start, end string) (string, int) {
	if start == "" {
		return "", 0
	}
	if end == "" || end == start {
		return start, 1
	}
	a, _ := time.Parse(time.DateOnly, start)
	b, _ := time.Parse(time.DateOnly, end)
	if b.Before(a) {
		return start, 1
	}
	days := int(b.Sub(a).Hours() / 24)
	mid := a.AddDate(0, 0, days/2).Format(time.DateOnly)
	if days <= 7 {
		return mid, 2
	}
	return mid, 3
}
