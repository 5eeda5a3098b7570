package kb

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCheckBuiltin(t *testing.T) {
	rep, err := Check("")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rep.Problems {
		t.Errorf("built-in knowledge base: %s", p)
	}
	if len(rep.Files) < 3 {
		t.Errorf("checked only %v", rep.Files)
	}
}

func TestCheckGoodUserDir(t *testing.T) {
	rep, err := Check("testdata/actors_user")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range rep.Problems {
		t.Errorf("good user folder: %s", p)
	}
}

var builtinLine = regexp.MustCompile(`\(kb/data/([^:]+):\d+\)`)

func TestCheckBroken(t *testing.T) {
	dir := filepath.Join("testdata", "check_bad")
	rep, err := Check(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range rep.Problems {
		s := p.String()
		s = strings.ReplaceAll(s, dir+string(filepath.Separator), "")
		// Lines of the built-in files change as the data grows.
		s = builtinLine.ReplaceAllString(s, "(kb/data/$1:N)")
		got = append(got, s)
	}
	want := []string{
		"actors/broken.yaml:2: did not find expected ',' or ']'",
		`actors.yaml:34: unknown field "since"`,
		"actors.yaml:2: actor LIONS: inter code 9 not in 1..8",
		`actors.yaml:6: duplicate actor key "LIONS" (first at actors.yaml:2)`,
		`actors.yaml:24: actor key "bad-key" is not upper snake case`,
		`actors.yaml:9: actor ORPHAN: unknown parent "NOBODY"`,
		`actors.yaml:17: actor DATED: unknown relation "friends_with" (want backed_by, allied_with, part_of or opposes)`,
		`actors.yaml:17: actor DATED: affiliation with unknown actor "GHOST"`,
		`actors.yaml:17: actor DATED: date "2018-13-01x" is not YYYY, YYYY-MM or YYYY-MM-DD`,
		`actors.yaml:17: actor DATED: affiliation with IS ends (2016) before it starts (2018)`,
		`actors.yaml:13: actor THIEF: alias "YPG" also names YPG (kb/data/actors/sdf.yaml:N)`,
		`actors.yaml:27: actor SDF: alias "Maghawir al-Thawra" also names MAT (kb/data/actors/syria_opposition.yaml:N)`,
		`actors_cues.yaml:4: pattern "[Liwa]": want exactly one NAME or QUOTED`,
		`outlets.yaml:16: unknown field "alias"`,
		`outlets.yaml:1: outlet GAZETTE: kind "tabloid" not one of wire, newspaper, broadcaster, state_media, monitor, belligerent, official, ngo`,
		`outlets.yaml:1: outlet GAZETTE: country "Syria" is not an ISO 3166-1 alpha-2 code`,
		`outlets.yaml:1: outlet GAZETTE: domain "syriahr.com" also belongs to SOHR (kb/data/outlets.yaml:N)`,
		`outlets.yaml:6: duplicate outlet key "GAZETTE" (first at outlets.yaml:1)`,
		`outlets.yaml:9: outlet ECHO: alias "the Observatory" also names SOHR (kb/data/outlets.yaml:N)`,
		"places/bad.tsv:4: coordinates 134.5,38.1 out of range",
		`places/bad.tsv:5: bad coordinates "x","38.1"`,
		"places/bad.tsv:6: 4 columns, header has 8",
		`places/bad.tsv:7: unknown kind "castle"`,
		`places/bad.tsv:8: place "Good Hill" in SY given twice (first at line 3)`,
		`places/bad.tsv:9: country "SYR" is not an ISO 3166-1 alpha-2 code`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Check (-want +got):\n%s", diff)
	}
}

func TestCheckMissingFolder(t *testing.T) {
	if _, err := Check(filepath.Join(t.TempDir(), "nope")); err == nil {
		t.Error("Check of a missing folder succeeded")
	}
}
