package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runKBCheck runs `sitrep kb check` with args and returns its output.
func runKBCheck(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	return runSitrep(t, append([]string{"kb", "check"}, args...)...)
}

func TestKBCheckCommand(t *testing.T) {
	good := t.TempDir()
	if err := os.WriteFile(filepath.Join(good, "actors.yaml"), []byte("- key: DUNE_WOLVES\n  name: Dune Wolves\n  gold_key: OTHER\n  inter: 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := t.TempDir()
	if err := os.MkdirAll(filepath.Join(bad, "places"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bad, "actors.yaml"), []byte("- key: DUNE_WOLVES\n  name: Dune Wolves\n  inter: 12\n  parent: NOBODY\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bad, "places", "mine.tsv"), []byte("name\tlat\tlon\nHill 7\t95\t38\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		want    []string
		wantErr bool
	}{
		{"built-in only", nil, nil, false},
		{"good user folder", []string{good}, nil, false},
		{"broken user folder", []string{bad}, []string{
			"actors.yaml:1: actor DUNE_WOLVES: inter code 12 not in 1..8",
			`actors.yaml:1: actor DUNE_WOLVES: unknown parent "NOBODY"`,
			"mine.tsv:2: coordinates 95,38 out of range",
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _, err := runKBCheck(t, tt.args...)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v\n%s", err, tt.wantErr, out)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if !tt.wantErr && out != "" {
				t.Errorf("unexpected output:\n%s", out)
			}
		})
	}
}
