package text_test

import (
	"fmt"
	"time"

	"github.com/sitrep/sitrep/text"
)

func ExampleSentences() {
	for _, s := range text.Sentences("Col. Sam Reed said the U.S. jets left at 5 a.m. local time. Rebels held the hill.\n\nAid arrived") {
		fmt.Printf("%d-%d %s\n", s.Start, s.End, s.Text)
	}
	// Output:
	// 0-59 Col. Sam Reed said the U.S. jets left at 5 a.m. local time.
	// 60-81 Rebels held the hill.
	// 83-94 Aid arrived
}

func ExampleQuantities() {
	for _, q := range text.Quantities("At least 29 died and some 250 square km (96 square miles) changed hands; dozens fled.") {
		fmt.Printf("%q value=%v unit=%q qualifier=%q vague=%v\n", q.Text, q.Value, q.Unit, q.Qualifier, q.Vague)
	}
	// Output:
	// "At least 29" value=29 unit="" qualifier="at least" vague=false
	// "some 250 square km (96 square miles)" value=250 unit="km2" qualifier="some" vague=false
	// "dozens" value=12 unit="" qualifier="" vague=true
}

func ExampleTimes() {
	published := time.Date(2017, 7, 28, 9, 0, 0, 0, time.UTC) // a Friday
	for _, e := range text.Times("Jets struck on Wednesday, after rebels advanced over the weekend and earlier this month.", published) {
		fmt.Printf("%q %s precision=%d\n", e.Text, e.Date.Format("2006-01-02"), e.Precision)
	}
	// Output:
	// "on Wednesday" 2017-07-26 precision=1
	// "over the weekend" 2017-07-22 precision=2
	// "earlier this month" 2017-07-15 precision=3
}

func ExampleAttributions() {
	for _, a := range text.Attributions("The town fell on Tuesday, a military source told AFP, citing field reports.") {
		fmt.Printf("%q %s %q\n", a.Source, a.Verb, a.To)
	}
	// Output:
	// "a military source" told "AFP"
	// "field reports" citing ""
}
