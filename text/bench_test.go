package text

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// benchReport is a ~1,000-word report written for these benchmarks.
func benchReport(b *testing.B) string {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "report.txt"))
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}

func BenchmarkSentences(b *testing.B) {
	s := benchReport(b)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Sentences(s)
	}
}

func BenchmarkTokenize(b *testing.B) {
	s := benchReport(b)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Tokenize(s)
	}
}

func BenchmarkLemma(b *testing.B) {
	s := benchReport(b)
	toks := Tokenize(s)
	Lemma("warm") // load the dictionary outside the timer
	b.ResetTimer()
	for b.Loop() {
		for _, t := range toks {
			Lemma(t.Text)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(toks)), "ns/token")
}

func BenchmarkQuantities(b *testing.B) {
	s := benchReport(b)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Quantities(s)
	}
}

func BenchmarkTimes(b *testing.B) {
	s := benchReport(b)
	pub := time.Date(2017, 7, 28, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Times(s, pub)
	}
}

func BenchmarkAttributions(b *testing.B) {
	s := benchReport(b)
	sents := Sentences(s)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		for _, x := range sents {
			Attributions(x.Text)
		}
	}
}

// BenchmarkVOA runs every function over the VOA corpus in ../shared, the way the coder
// will: sentences, then tokens, quantities, times and attributions per sentence.
func BenchmarkVOA(b *testing.B) {
	f, err := os.Open(filepath.Join("..", "..", "shared", "corpus", "voa", "voa_stories.jsonl"))
	if err != nil {
		b.Skip("VOA corpus not present:", err)
	}
	defer f.Close()
	type story struct {
		Text      string `json:"text"`
		Published string `json:"published"`
	}
	var stories []story
	var size int64
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var s story
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			b.Fatal(err)
		}
		stories = append(stories, s)
		size += int64(len(s.Text))
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	pub := make([]time.Time, len(stories))
	for i, s := range stories {
		pub[i], _ = time.Parse("2006-01-02 15:04:05Z", s.Published)
	}
	Lemma("warm")
	b.SetBytes(size)
	b.ResetTimer()
	nsent := 0
	for b.Loop() {
		nsent = 0
		for i, s := range stories {
			sents := Sentences(s.Text)
			nsent += len(sents)
			for _, x := range sents {
				for _, t := range Tokenize(x.Text) {
					Lemma(t.Text)
				}
				Quantities(x.Text)
				Times(x.Text, pub[i])
				Attributions(x.Text)
			}
		}
	}
	b.ReportMetric(float64(len(stories))*float64(b.N)/b.Elapsed().Seconds(), "stories/s")
	b.ReportMetric(float64(nsent)*float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
}
