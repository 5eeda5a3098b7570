package text

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestAnalyseMatchesSeparateCalls(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "report.txt"))
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2017, 7, 28, 0, 0, 0, 0, time.UTC)
	for _, s := range Sentences(string(data)) {
		t.Run(s.Text[:min(len(s.Text), 30)], func(t *testing.T) {
			want := Analysis{
				Tokens:       Tokenize(s.Text),
				Quantities:   Quantities(s.Text),
				Times:        Times(s.Text, pub),
				Attributions: Attributions(s.Text),
			}
			if diff := cmp.Diff(want, Analyse(s.Text, pub)); diff != "" {
				t.Errorf("Analyse mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func BenchmarkAnalyse(b *testing.B) {
	s := benchReport(b)
	sents := Sentences(s)
	pub := time.Date(2017, 7, 28, 0, 0, 0, 0, time.UTC)
	b.Run("separate", func(b *testing.B) {
		b.SetBytes(int64(len(s)))
		for b.Loop() {
			for _, x := range sents {
				Quantities(x.Text)
				Times(x.Text, pub)
				Attributions(x.Text)
			}
		}
	})
	b.Run("analyse", func(b *testing.B) {
		b.SetBytes(int64(len(s)))
		for b.Loop() {
			for _, x := range sents {
				Analyse(x.Text, pub)
			}
		}
	})
}

// TestConcurrentUse runs every function from several goroutines at once; run with -race.
func TestConcurrentUse(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "report.txt"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	pub := time.Date(2017, 7, 28, 0, 0, 0, 0, time.UTC)
	want := Analyse(s, pub)
	done := make(chan Analysis)
	for range 4 {
		go func() {
			Sentences(s)
			for _, tok := range Tokenize(s) {
				Lemma(tok.Text)
			}
			done <- Analyse(s, pub)
		}()
	}
	for range 4 {
		if diff := cmp.Diff(want, <-done); diff != "" {
			t.Errorf("concurrent Analyse mismatch (-want +got):\n%s", diff)
		}
	}
}
