package kb

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ImportResult summarises an import: the places written and the rows
// skipped, each a *RowError with its line number.
type ImportResult struct {
	Places int
	Errors []error
}

// placeHeader is the header of the place TSV files importers write; they
// are read back by loadGazetteer from the user folder's places/.
const placeHeader = "id\tname\talt_names\tlat\tlon\tkind\tcountry\tadmin1\tpopulation"

// AlternateNames maps GeoNames ids to their alternate names, read from
// alternateNamesV2.txt.
type AlternateNames struct {
	byID map[string][]string
}

// ReadAlternateNames reads a GeoNames alternateNamesV2.txt (or the older
// alternateNames.txt): alternateNameId, geonameid, isolanguage,
// alternate name, then flags. Links, postal codes, airport codes and
// historic names are skipped; Latin and Arabic scripts are kept. When
// want is not nil, only the names of the geonameids it holds are kept (the
// world file has millions).
func ReadAlternateNames(r io.Reader, want map[string]bool) (*AlternateNames, error) {
	a := &AlternateNames{byID: map[string][]string{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 4 {
			continue
		}
		switch f[2] {
		case "link", "post", "iata", "icao", "faac", "abbr", "wkdt", "unlc", "tcid", "phon":
			continue
		}
		if len(f) > 7 && f[7] == "1" { // isHistoric
			continue
		}
		if want != nil && !want[f[1]] {
			continue
		}
		name := strings.TrimSpace(f[3])
		if name == "" || !latinOrArabic(name) {
			continue
		}
		a.byID[f[1]] = append(a.byID[f[1]], name)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read alternate names: %w", err)
	}
	return a, nil
}

// GeoNamesIDs returns the geonameids (first column) of a GeoNames dump,
// to select the alternate names worth reading.
func GeoNamesIDs(r io.Reader) (map[string]bool, error) {
	ids := map[string]bool{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
	for sc.Scan() {
		l := sc.Bytes()
		if i := bytes.IndexByte(l, '\t'); i > 0 && l[0] != '#' {
			ids[string(l[:i])] = true
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read geonameids: %w", err)
	}
	return ids, nil
}

// latinOrArabic reports whether every letter of s is Latin or Arabic.
func latinOrArabic(s string) bool {
	for _, r := range s {
		switch {
		case r < 0x250, r >= 0x1E00 && r < 0x1F00, r >= 0x600 && r < 0x700, r >= 0x750 && r < 0x780:
		default:
			if r >= 0x300 && r < 0x370 { // combining marks
				continue
			}
			return false
		}
	}
	return true
}

// ImportGeoNames converts a GeoNames dump (XX.txt, allCountries.txt: 19
// tab-separated columns) into a place TSV written to w. alt, when not nil,
// adds alternate names by geonameid. file names the input in errors. Bad
// rows are reported in the result and skipped; the error is for failures
// to read or write.
func ImportGeoNames(r io.Reader, file string, alt *AlternateNames, w io.Writer) (ImportResult, error) {
	var res ImportResult
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# Imported from the GeoNames dump "+file+" (CC BY 4.0, https://www.geonames.org/).")
	fmt.Fprintln(bw, placeHeader)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		if l == "" || l[0] == '#' {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 19 {
			res.Errors = append(res.Errors, &RowError{file, line, fmt.Errorf("%d columns, want 19: %w", len(f), errInvalid)})
			continue
		}
		id, name := strings.TrimSpace(f[0]), clean(f[1])
		if _, err := strconv.Atoi(id); err != nil || name == "" {
			res.Errors = append(res.Errors, &RowError{file, line, fmt.Errorf("bad geonameid %q or empty name: %w", id, errInvalid)})
			continue
		}
		lat, lon, err := parseLatLon(f[4], f[5])
		if err != nil {
			res.Errors = append(res.Errors, &RowError{file, line, err})
			continue
		}
		pop, _ := strconv.Atoi(f[14])
		kind, ok := geoNamesKind(f[6], f[7], pop)
		if !ok {
			continue // not a place a report names (e.g. a hotel, an undersea feature)
		}
		names := []string{}
		seen := map[string]bool{name: true}
		addName := func(n string) {
			n = clean(n)
			if n == "" || seen[n] || !latinOrArabic(n) {
				return
			}
			seen[n] = true
			names = append(names, n)
		}
		addName(f[2])
		for _, a := range strings.Split(f[3], ",") {
			addName(a)
		}
		if alt != nil {
			for _, a := range alt.byID[id] {
				addName(a)
			}
		}
		fmt.Fprintf(bw, "gn:%s\t%s\t%s\t%s\t%s\t%s\t%s\t\t%d\n", id, name, strings.Join(names, "|"),
			strconv.FormatFloat(lat, 'f', -1, 64), strconv.FormatFloat(lon, 'f', -1, 64), kind, strings.ToUpper(f[8]), pop)
		res.Places++
	}
	if err := sc.Err(); err != nil {
		return res, fmt.Errorf("read %s: %w", file, err)
	}
	return res, bw.Flush()
}

// geoNamesKind maps a GeoNames feature class and code to a sitrep kind;
// ok is false for features not worth a place.
func geoNamesKind(class, code string, pop int) (string, bool) {
	switch class {
	case "P":
		switch {
		case code == "PPLC" || pop >= 100000:
			return "city", true
		case pop >= 10000:
			return "town", true
		}
		return "village", true
	case "A":
		switch code {
		case "PCLI", "PCLD", "PCLF", "PCLS", "PCLIX":
			return "country", true
		case "ADM1", "ADM1H":
			return "province", true
		case "ADM2", "ADM3", "ADM2H", "ADM3H":
			return "district", true
		}
		return "region", true
	case "H":
		switch code {
		case "STM", "STMI", "STMS":
			return "river", true
		case "WAD", "WADS":
			return "valley", true
		}
		return "other", true
	case "T":
		switch code {
		case "MT", "MTS", "HLL", "HLLS", "PK", "PKS", "RDGE":
			return "mountain", true
		case "DSRT":
			return "desert", true
		case "VAL", "VALS":
			return "valley", true
		case "PASS":
			return "crossing", true
		}
		return "other", true
	case "L":
		switch code {
		case "OILF", "GASF":
			return "field", true
		case "CMP", "RFGM":
			return "camp", true
		case "AREA", "RGN", "PRK", "OAS":
			return "region", true
		}
		return "other", true
	case "S":
		switch code {
		case "AIRB", "MILB", "INSM", "CMPMN", "GARR", "FT":
			return "base", true
		case "AIRP", "AIRF", "AIRH":
			return "airport", true
		case "DAM":
			return "dam", true
		case "MN", "MNQ", "MNAU", "MNFE":
			return "mine", true
		case "BDG", "PSTB", "PSTC":
			return "crossing", true
		case "CMPRF", "CMPL":
			return "camp", true
		}
		return "other", true
	case "R":
		return "road", true
	case "V":
		return "other", true
	}
	return "", false
}

// ImportCSV converts a CSV of places, name,lat,lon[,alt_names,admin1,
// country,kind] (a header line optional; alt_names separated by '|'),
// into a place TSV written to w. Bad rows are reported in the result and
// skipped.
func ImportCSV(r io.Reader, file string, w io.Writer) (ImportResult, error) {
	var res ImportResult
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "# Imported from "+file+".")
	fmt.Fprintln(bw, placeHeader)
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	cr.Comment = '#'
	n := 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				res.Errors = append(res.Errors, &RowError{file, pe.Line, fmt.Errorf("%v: %w", pe.Err, errInvalid)})
				continue
			}
			return res, fmt.Errorf("read %s: %w", file, err)
		}
		line, _ := cr.FieldPos(0)
		if n == 0 && len(rec) >= 3 && strings.EqualFold(strings.TrimSpace(rec[0]), "name") {
			n++
			continue // header
		}
		n++
		if len(rec) < 3 || len(rec) > 7 {
			res.Errors = append(res.Errors, &RowError{file, line, fmt.Errorf("%d fields, want 3 to 7: %w", len(rec), errInvalid)})
			continue
		}
		get := func(i int) string {
			if i < len(rec) {
				return clean(rec[i])
			}
			return ""
		}
		name := get(0)
		if name == "" {
			res.Errors = append(res.Errors, &RowError{file, line, fmt.Errorf("empty name: %w", errInvalid)})
			continue
		}
		lat, lon, err := parseLatLon(get(1), get(2))
		if err != nil {
			res.Errors = append(res.Errors, &RowError{file, line, err})
			continue
		}
		country := strings.ToUpper(get(5))
		if country != "" && len(country) != 2 {
			res.Errors = append(res.Errors, &RowError{file, line, fmt.Errorf("country %q is not an ISO2 code: %w", country, errInvalid)})
			continue
		}
		kind := get(6)
		if kind == "" {
			kind = "village"
		}
		res.Places++
		fmt.Fprintf(bw, "user:%s:%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", slug(file), res.Places, name, get(3),
			strconv.FormatFloat(lat, 'f', -1, 64), strconv.FormatFloat(lon, 'f', -1, 64), kind, country, get(4))
	}
	return res, bw.Flush()
}

// parseLatLon parses and range-checks decimal coordinates.
func parseLatLon(la, lo string) (float64, float64, error) {
	lat, err1 := strconv.ParseFloat(strings.TrimSpace(la), 64)
	lon, err2 := strconv.ParseFloat(strings.TrimSpace(lo), 64)
	if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return 0, 0, fmt.Errorf("bad coordinates %q,%q: %w", la, lo, errInvalid)
	}
	return lat, lon, nil
}

// clean removes the separators of the place TSV from a field.
func clean(s string) string {
	return strings.TrimSpace(strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(s))
}
