package kb

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCheckUnknownCountry flags two-letter country codes that name no
// country in places, actors and outlets.
func TestCheckUnknownCountry(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "places"), 0o755)
	os.WriteFile(filepath.Join(dir, "places", "mine.tsv"), []byte("name\tlat\tlon\tkind\tcountry\n"+
		"Tell Known\t36.5\t40.7\tvillage\tSY\n"+
		"Tell Unknown\t36.6\t40.8\tvillage\tZZ\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "actors.yaml"), []byte("- key: TEST_GROUP\n  name: Test Group\n  inter: 2\n  country: XQ\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "outlets.yaml"), []byte("- key: TEST_WIRE\n  name: Test Wire\n  kind: wire\n  country: QQ\n"), 0o644)
	rep, err := Check(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range rep.Problems {
		got = append(got, strings.ReplaceAll(p.String(), dir+string(filepath.Separator), ""))
	}
	want := []string{
		`actors.yaml:1: actor TEST_GROUP: country "XQ" is not a known country code`,
		`outlets.yaml:1: outlet TEST_WIRE: country "QQ" is not a known country code`,
		`places/mine.tsv:3: country "ZZ" is not a known country code`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}
