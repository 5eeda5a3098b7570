package kb

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep/sitrep"
)

// A tiny GeoNames dump written for the test: two good rows, one with 18
// columns, one with bad coordinates, one hotel (class S code HTL kept as
// "other"), one undersea feature (class U, dropped).
const geoNamesSample = "9000001\tKhirbat Test\tKhirbat Test\tKhirbet Test,Kherbet Test,Хирбат\t35.5\t39.5\tP\tPPL\tSY\t\t04\t\t\t\t1200\t\t300\tAsia/Damascus\t2017-01-01\n" +
	"9000002\tJabal Test\tJabal Test\t\t35.6\t39.6\tT\tMT\tSY\t\t04\t\t\t\t0\t\t700\tAsia/Damascus\t2017-01-01\n" +
	"9000003\tShort Row\tShort Row\t\t35.6\t39.6\tP\tPPL\tSY\t\t04\t\t\t\t0\t\t700\tAsia/Damascus\n" +
	"9000004\tBad Coords\tBad Coords\t\t135.6\t39.6\tP\tPPL\tSY\t\t04\t\t\t\t0\t\t700\tAsia/Damascus\t2017-01-01\n" +
	"9000005\tSome Hotel\tSome Hotel\t\t35.6\t39.6\tS\tHTL\tSY\t\t04\t\t\t\t0\t\t700\tAsia/Damascus\t2017-01-01\n" +
	"9000006\tSea Bank\tSea Bank\t\t35.6\t39.6\tU\tBNKU\tSY\t\t04\t\t\t\t0\t\t700\tAsia/Damascus\t2017-01-01\n"

const altNamesSample = "1\t9000001\ten\tKhirbet al-Test\t\t\t\t\t\t\n" +
	"2\t9000001\tlink\thttps://example.org/Khirbat_Test\t\t\t\t\t\t\n" +
	"3\t9000001\tar\tخربة تست\t\t\t\t\t\t\n" +
	"4\t9000002\tru\tДжебель\t\t\t\t\t\t\n"

func TestImportGeoNames(t *testing.T) {
	ids, err := GeoNamesIDs(strings.NewReader(geoNamesSample))
	if err != nil || len(ids) != 6 {
		t.Fatalf("GeoNamesIDs = %v, %v", ids, err)
	}
	none, err := ReadAlternateNames(strings.NewReader(altNamesSample), map[string]bool{"9000002": true})
	if err != nil || len(none.byID["9000001"]) != 0 {
		t.Errorf("names of an unwanted id kept: %v, %v", none.byID, err)
	}
	alt, err := ReadAlternateNames(strings.NewReader(altNamesSample), ids)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	res, err := ImportGeoNames(strings.NewReader(geoNamesSample), "SY.txt", alt, &out)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(3, res.Places); diff != "" {
		t.Errorf("places (-want +got):\n%s", diff)
	}
	var lines []int
	for _, e := range res.Errors {
		var re *RowError
		if !errors.As(e, &re) || !errors.Is(e, sitrep.ErrInvalid) {
			t.Errorf("error %v is not a RowError wrapping ErrInvalid", e)
			continue
		}
		lines = append(lines, re.Line)
	}
	if diff := cmp.Diff([]int{3, 4}, lines); diff != "" {
		t.Errorf("bad rows (-want +got):\n%s", diff)
	}
	rows, err := parsePlaces(out.Bytes(), "SY.tsv", fromUser, nil)
	if err != nil {
		t.Fatalf("parse imported file: %v\n%s", err, out.String())
	}
	type row struct{ ID, Name, Kind, Country, Alt string }
	var got []row
	for _, r := range rows {
		got = append(got, row{r.ID, r.Name, r.Kind, r.Country, r.altRaw})
	}
	want := []row{
		{"gn:9000001", "Khirbat Test", "village", "SY", "Khirbet Test|Kherbet Test|Khirbet al-Test|خربة تست"},
		{"gn:9000002", "Jabal Test", "mountain", "SY", ""},
		{"gn:9000005", "Some Hotel", "other", "SY", ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

func TestImportCSV(t *testing.T) {
	in := "name,lat,lon,alt_names,admin1,country,kind\n" +
		"Tell Sample,36.1,40.2,Tal Sample|Tell Sampel,Al-Hasakeh,sy,village\n" +
		"No Coordinates,,\n" +
		"Minimal Place,33.3,44.4\n" +
		"\"Quoted, Place\",33.5,44.5,,,IQ,town\n" +
		"Bad Country,33.5,44.5,,,IRQ,town\n" +
		"Too,Many,Fields,1,2,3,4,5\n"
	var out bytes.Buffer
	res, err := ImportCSV(strings.NewReader(in), "villages.csv", &out)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(3, res.Places); diff != "" {
		t.Errorf("places (-want +got):\n%s", diff)
	}
	var lines []int
	for _, e := range res.Errors {
		var re *RowError
		if errors.As(e, &re) {
			lines = append(lines, re.Line)
		}
	}
	if diff := cmp.Diff([]int{3, 6, 7}, lines); diff != "" {
		t.Errorf("bad rows (-want +got):\n%s", diff)
	}
	rows, err := parsePlaces(out.Bytes(), "villages.tsv", fromUser, nil)
	if err != nil {
		t.Fatalf("parse imported file: %v\n%s", err, out.String())
	}
	type row struct{ Name, Alt, Admin1, Country, Kind string }
	var got []row
	for _, r := range rows {
		got = append(got, row{r.Name, r.altRaw, r.Admin1, r.Country, r.Kind})
	}
	want := []row{
		{"Tell Sample", "Tal Sample|Tell Sampel", "Al-Hasakeh", "SY", "village"},
		{"Minimal Place", "", "", "", "village"},
		{"Quoted, Place", "", "", "IQ", "town"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

// TestUserOverlay imports a CSV into a user folder and checks that the
// loaded gazetteer finds the new place and that a user row with a
// built-in ID replaces it.
func TestUserOverlay(t *testing.T) {
	dir := t.TempDir()
	pdir := filepath.Join(dir, "places")
	if err := os.MkdirAll(pdir, 0o755); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := ImportCSV(strings.NewReader("Qaryat Imaginary,35.1,38.9,Qariyat Imaginari,Ar-Raqqa,SY,village\n"), "mine.csv", &out); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(pdir, "mine.tsv"), out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	base := builtinForTest(t)
	raqqa, ok := base.Resolve("Raqqa", Hint{Countries: []string{"SY"}})
	if !ok {
		t.Fatal("Raqqa not found")
	}
	moved := "id\tname\tlat\tlon\tkind\tcountry\n" + raqqa.Place.ID + "\tRaqqa\t35.9\t39.0\tcity\tSY\n"
	if err := os.WriteFile(filepath.Join(pdir, "fix.tsv"), []byte(moved), 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := loadGazetteer(dir)
	if err != nil {
		t.Fatal(err)
	}
	if g.version == base.version {
		t.Error("overlay kept the built-in version")
	}
	c, ok := g.Resolve("Qariyat Imaginary", Hint{Countries: []string{"SY"}})
	if !ok || c.Place.Name != "Qaryat Imaginary" {
		t.Errorf("Resolve(Qariyat Imaginary) = %+v, %v", c.Place, ok)
	}
	var moved2 *Place
	for _, c := range g.Lookup("Raqqa") {
		if c.Place.ID == raqqa.Place.ID {
			moved2 = c.Place
		}
	}
	if moved2 == nil || moved2.Lat != 35.9 {
		t.Errorf("place %s after overlay = %+v, want lat 35.9", raqqa.Place.ID, moved2)
	}
	if g.Len() != base.Len()+1 {
		t.Errorf("Len = %d, want %d", g.Len(), base.Len()+1)
	}
	if base.places[0].Lat == 35.9 && base.places[0].ID == raqqa.Place.ID {
		t.Error("overlay changed the built-in gazetteer")
	}
}

func TestParsePlacesErrors(t *testing.T) {
	in := "# comment\nname\tlat\tlon\tpopulation\nGood\t1\t2\t10\n\t1\t2\t\nBadLat\tx\t2\t\nBadPop\t1\t2\tmany\n"
	rows, err := parsePlaces([]byte(in), "p.tsv", fromUser, nil)
	if len(rows) != 1 || rows[0].Name != "Good" || rows[0].Population != 10 {
		t.Errorf("rows = %+v", rows)
	}
	if err == nil || !strings.Contains(err.Error(), "p.tsv:4:") || !strings.Contains(err.Error(), "p.tsv:5:") || !strings.Contains(err.Error(), "p.tsv:6:") {
		t.Errorf("err = %v, want errors at lines 4, 5, 6", err)
	}
	if _, err := parsePlaces([]byte("name\tlat\n"), "h.tsv", fromUser, nil); err == nil {
		t.Error("header without lon accepted")
	}
}

func FuzzImportCSV(f *testing.F) {
	f.Add("name,lat,lon\nA,1,2\n")
	f.Add("Tell Sample,36.1,40.2,Tal Sample|Tell Sampel,Al-Hasakeh,sy,village\n\"x\ny\",1,2\n")
	f.Fuzz(func(t *testing.T, in string) {
		var out bytes.Buffer
		res, err := ImportCSV(strings.NewReader(in), "f.csv", &out)
		if err != nil {
			return
		}
		rows, perr := parsePlaces(out.Bytes(), "f.tsv", fromUser, nil)
		if perr != nil || len(rows) != res.Places {
			t.Fatalf("import wrote %d places, reading back gave %d (%v):\n%s", res.Places, len(rows), perr, out.String())
		}
	})
}

func FuzzImportGeoNames(f *testing.F) {
	f.Add(geoNamesSample)
	f.Fuzz(func(t *testing.T, in string) {
		var out bytes.Buffer
		res, err := ImportGeoNames(strings.NewReader(in), "f.txt", nil, &out)
		if err != nil {
			return
		}
		rows, perr := parsePlaces(out.Bytes(), "f.tsv", fromUser, nil)
		if perr != nil || len(rows) != res.Places {
			t.Fatalf("import wrote %d places, reading back gave %d (%v):\n%s", res.Places, len(rows), perr, out.String())
		}
	})
}

func FuzzParsePlaces(f *testing.F) {
	f.Add("name\tlat\tlon\talt_names\nA\t1\t2\tB|C\n")
	f.Fuzz(func(t *testing.T, in string) {
		rows, _ := parsePlaces([]byte(in), "f.tsv", fromUser, nil)
		for _, r := range rows {
			if r.Name == "" || r.Lat < -90 || r.Lat > 90 || r.Lon < -180 || r.Lon > 180 {
				t.Fatalf("bad row accepted: %+v", r)
			}
		}
		buildGazetteer(rows, nil, true)
	})
}

// TestReadPlaceDirKeepsGoodRows checks that a bad row costs only itself:
// the other rows and files are read, curated files last.
func TestReadPlaceDirKeepsGoodRows(t *testing.T) {
	fsys := fstest.MapFS{
		"curated.tsv": {Data: []byte("name\tlat\tlon\nHill 9\t34\t38\nBroken\t95\t38\n")},
		"a.tsv":       {Data: []byte("id\tname\tlat\tlon\nx:1\tWadi One\t33\t37\n")},
		"notes.txt":   {Data: []byte("not a place file")},
	}
	rows, err := readPlaceDir(fsys, nil, io.Discard, false)
	var re *RowError
	if !errors.As(err, &re) || re.File != "curated.tsv" || re.Line != 3 {
		t.Errorf("err = %v, want a RowError at curated.tsv:3", err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, r.ID+" "+r.Name)
	}
	if diff := cmp.Diff([]string{"x:1 Wadi One", "cur:hill-9 Hill 9"}, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}
