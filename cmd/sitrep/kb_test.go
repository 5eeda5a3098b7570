package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestGeocodeJSON(t *testing.T) {
	tests := []struct {
		args        []string
		wantCountry string
		wantName    string
	}{
		{[]string{"geocode", "--json", "--country", "SY,IQ", "Deir e-Zor"}, "SY", "Deir ez-Zor"},
		{[]string{"geocode", "--json", "--country", "LB", "Tripoli"}, "LB", "Tripoli"},
		{[]string{"geocode", "--json", "--country", "LY", "Tripoli"}, "LY", "Tripoli"},
		{[]string{"geocode", "--json", "al-Bukamel"}, "SY", ""},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args[1:], " "), func(t *testing.T) {
			out, _, err := runSitrep(t, append([]string{"--kb", ""}, tt.args...)...)
			if err != nil {
				t.Fatal(err)
			}
			var res []map[string]any
			if err := json.Unmarshal([]byte(out), &res); err != nil {
				t.Fatalf("output is not a JSON array: %v\n%s", err, out)
			}
			if len(res) == 0 {
				t.Fatal("no candidates")
			}
			for _, k := range []string{"name", "lat", "lon", "kind", "admin1", "country", "score"} {
				if _, ok := res[0][k]; !ok {
					t.Errorf("best candidate lacks %q: %v", k, res[0])
				}
			}
			if diff := cmp.Diff(tt.wantCountry, res[0]["country"]); diff != "" {
				t.Errorf("country (-want +got):\n%s", diff)
			}
			if tt.wantName != "" && res[0]["name"] != tt.wantName {
				t.Errorf("name = %v, want %q", res[0]["name"], tt.wantName)
			}
		})
	}
	out, _, err := runSitrep(t, "--kb", "", "geocode", "--json", "Qqqxzzy")
	if err != nil || strings.TrimSpace(out) != "[]" {
		t.Errorf("unknown name: out %q, err %v; want [] and no error", out, err)
	}
	if _, _, err := runSitrep(t, "--kb", "", "geocode", "Qqqxzzy"); err == nil {
		t.Error("unknown name without --json: no error")
	}
}

func TestKBImportCSV(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "villages.csv")
	csv := "name,lat,lon,alt_names,admin1,country,kind\nKhirbat Imaginary,35.9,39.3,Khirbet Imaginary,,SY,village\nBroken,x,1\n"
	if err := os.WriteFile(in, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	kbDir := filepath.Join(dir, "kb")
	out, stderr, err := runSitrep(t, "--kb", kbDir, "kb", "import", "--format", "csv", in)
	var pe partialError
	if !errors.As(err, &pe) || pe.failed != 1 {
		t.Errorf("err = %v, want one failed row", err)
	}
	if !strings.Contains(stderr, "villages.csv:3:") {
		t.Errorf("stderr lacks the bad row's line number:\n%s", stderr)
	}
	if !strings.Contains(out, "1 places imported") {
		t.Errorf("stdout = %q", out)
	}
	out, _, err = runSitrep(t, "--kb", kbDir, "geocode", "--json", "Khirbet Imaginary")
	if err != nil {
		t.Fatal(err)
	}
	var res []map[string]any
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res) == 0 {
		t.Fatalf("geocode after import: %v\n%s", err, out)
	}
	if res[0]["name"] != "Khirbat Imaginary" || res[0]["admin1"] != "Ar-Raqqa" {
		t.Errorf("best = %v, want Khirbat Imaginary in Ar-Raqqa (admin1 from the outlines)", res[0])
	}
}

func TestKBImportGeoNames(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "SY.txt")
	row := "9100001\tTell Imaginary\tTell Imaginary\tTall Imaginary\t36.6\t40.4\tP\tPPL\tSY\t\t08\t\t\t\t0\t\t300\tAsia/Damascus\t2017-01-01\n"
	if err := os.WriteFile(in, []byte(row), 0o644); err != nil {
		t.Fatal(err)
	}
	alt := filepath.Join(dir, "alternateNamesV2.txt")
	if err := os.WriteFile(alt, []byte("1\t9100001\ten\tTal Imajinari\t\t\t\t\t\t\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	kbDir := filepath.Join(dir, "kb")
	if _, _, err := runSitrep(t, "--kb", kbDir, "kb", "import", "--format", "geonames", "--alternate-names", alt, in); err != nil {
		t.Fatal(err)
	}
	out, _, err := runSitrep(t, "--kb", kbDir, "geocode", "--json", "--country", "SY", "Tal Imajinari")
	if err != nil {
		t.Fatal(err)
	}
	var res []map[string]any
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res) == 0 {
		t.Fatalf("geocode after import: %v\n%s", err, out)
	}
	if res[0]["id"] != "gn:9100001" {
		t.Errorf("best = %v, want gn:9100001", res[0])
	}
}
