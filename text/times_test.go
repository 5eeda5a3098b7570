package text

import (
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func d(y int, m time.Month, dd int) time.Time { return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC) }

func TestTimes(t *testing.T) {
	fri := time.Date(2017, 7, 28, 18, 30, 0, 0, time.UTC) // Friday 28 July 2017
	tests := []struct {
		name string
		in   string
		pub  time.Time
		want []TimeExpr
	}{
		{"on weekday", "Jets struck on Wednesday.", fri, []TimeExpr{{Text: "on Wednesday", Date: d(2017, 7, 26), Precision: 1, Relative: true}}},
		{"bare weekday", "The army said Tuesday it held the town.", fri, []TimeExpr{{Text: "Tuesday", Date: d(2017, 7, 25), Precision: 1, Relative: true}}},
		{"weekday is publication day", "Officials said Friday.", fri, []TimeExpr{{Text: "Friday", Date: d(2017, 7, 28), Precision: 1, Relative: true}}},
		{"weekday night", "Clashes erupted on Sunday night.", fri, []TimeExpr{{Text: "on Sunday night", Date: d(2017, 7, 23), Precision: 1, Relative: true}}},
		{"yesterday", "Rebels withdrew yesterday.", fri, []TimeExpr{{Text: "yesterday", Date: d(2017, 7, 27), Precision: 1, Relative: true}}},
		{"today", "Talks resume today.", fri, []TimeExpr{{Text: "today", Date: d(2017, 7, 28), Precision: 1, Relative: true}}},
		{"last night", "Shelling last night.", fri, []TimeExpr{{Text: "last night", Date: d(2017, 7, 27), Precision: 1, Relative: true}}},
		{"over the weekend", "Convoys moved over the weekend.", fri, []TimeExpr{{Text: "over the weekend", Date: d(2017, 7, 22), Precision: 2, Relative: true}}},
		{"at the weekend", "Convoys moved at the weekend.", d(2017, 7, 31), []TimeExpr{{Text: "at the weekend", Date: d(2017, 7, 29), Precision: 2, Relative: true}}},
		{"last week", "The town fell last week.", fri, []TimeExpr{{Text: "last week", Date: d(2017, 7, 20), Precision: 2, Relative: true}}},
		{"this week", "Fighting this week.", fri, []TimeExpr{{Text: "this week", Date: d(2017, 7, 26), Precision: 2, Relative: true}}},
		{"earlier this month", "It began earlier this month.", fri, []TimeExpr{{Text: "earlier this month", Date: d(2017, 7, 15), Precision: 3, Relative: true}}},
		{"late last month", "It began late last month.", fri, []TimeExpr{{Text: "late last month", Date: d(2017, 6, 15), Precision: 3, Relative: true}}},
		{"last month across year", "It began last month.", d(2018, 1, 10), []TimeExpr{{Text: "last month", Date: d(2017, 12, 15), Precision: 3, Relative: true}}},
		{"in June", "The siege began in June.", fri, []TimeExpr{{Text: "in June", Date: d(2017, 6, 15), Precision: 3, Relative: true}}},
		{"in September previous year", "The siege began in September.", fri, []TimeExpr{{Text: "in September", Date: d(2016, 9, 15), Precision: 3, Relative: true}}},
		{"may modal", "They may return.", fri, nil},
		{"on March 22", "It fell on March 22.", fri, []TimeExpr{{Text: "on March 22", Date: d(2017, 3, 22), Precision: 1, Relative: true}}},
		{"22 March", "It fell 22 March.", fri, []TimeExpr{{Text: "22 March", Date: d(2017, 3, 22), Precision: 1, Relative: true}}},
		{"future day goes back a year", "It fell on December 2.", fri, []TimeExpr{{Text: "on December 2", Date: d(2016, 12, 2), Precision: 1, Relative: true}}},
		{"day month year", "It fell on 2 December, 2017.", fri, []TimeExpr{{Text: "on 2 December, 2017", Date: d(2017, 12, 2), Precision: 1}}},
		{"month day year", "It fell December 2, 2016.", fri, []TimeExpr{{Text: "December 2, 2016", Date: d(2016, 12, 2), Precision: 1}}},
		{"abbreviated month", "It fell on Aug. 27.", fri, []TimeExpr{{Text: "on Aug. 27", Date: d(2017, 8, 27).AddDate(-1, 0, 0), Precision: 1, Relative: true}}},
		{"ordinal day", "the 5th of June", fri, []TimeExpr{{Text: "the 5th of June", Date: d(2017, 6, 5), Precision: 1, Relative: true}}},
		{"weekday with date", "on Monday, March 6, 2017", fri, []TimeExpr{{Text: "on Monday, March 6, 2017", Date: d(2017, 3, 6), Precision: 1}}},
		{"month year", "in May 2016", fri, []TimeExpr{{Text: "in May 2016", Date: d(2016, 5, 15), Precision: 3}}},
		{"in year", "captured in 2014", fri, []TimeExpr{{Text: "in 2014", Date: d(2014, 7, 1), Precision: 3}}},
		{"bare year not a date", "2014 people", fri, nil},
		{"last year", "It fell last year.", fri, []TimeExpr{{Text: "last year", Date: d(2016, 7, 1), Precision: 3, Relative: true}}},
		{"days earlier", "It had fallen 10 days earlier.", fri, []TimeExpr{{Text: "10 days earlier", Date: d(2017, 7, 18), Precision: 1, Relative: true}}},
		{"weeks ago", "two weeks ago", fri, []TimeExpr{{Text: "two weeks ago", Date: d(2017, 7, 14), Precision: 2, Relative: true}}},
		{"days ago", "three days ago", fri, []TimeExpr{{Text: "three days ago", Date: d(2017, 7, 25), Precision: 1, Relative: true}}},
		{"few days ago", "a few days ago", fri, []TimeExpr{{Text: "a few days ago", Date: d(2017, 7, 25), Precision: 2, Relative: true}}},
		{"a week ago", "a week ago", fri, []TimeExpr{{Text: "a week ago", Date: d(2017, 7, 21), Precision: 2, Relative: true}}},
		{"months ago", "two months ago", fri, []TimeExpr{{Text: "two months ago", Date: d(2017, 5, 15), Precision: 3, Relative: true}}},
		{"recent days", "in recent days", fri, []TimeExpr{{Text: "in recent days", Date: d(2017, 7, 25), Precision: 2, Relative: true}}},
		{"recent weeks", "in recent weeks", fri, []TimeExpr{{Text: "in recent weeks", Date: d(2017, 7, 15), Precision: 3, Relative: true}}},
		{"last monday", "last Monday", fri, []TimeExpr{{Text: "last Monday", Date: d(2017, 7, 17), Precision: 1, Relative: true}}},
		{"last two weeks", "over the last two weeks", fri, []TimeExpr{{Text: "over the last two weeks", Date: d(2017, 7, 21), Precision: 2, Relative: true}}},
		{"past 24 hours", "in the past 24 hours", fri, []TimeExpr{{Text: "in the past 24 hours", Date: d(2017, 7, 28), Precision: 1, Relative: true}}},
		{"last five months", "in the last five months", fri, []TimeExpr{{Text: "in the last five months", Date: d(2017, 5, 15), Precision: 3, Relative: true}}},
		{"last few months", "over the last few months", fri, []TimeExpr{{Text: "over the last few months", Date: d(2017, 6, 15), Precision: 3, Relative: true}}},
		{"possessive weekday", "Tuesday's attack", fri, []TimeExpr{{Text: "Tuesday's", Date: d(2017, 7, 25), Precision: 1, Relative: true}}},
		{"possessive week", "last week’s vote", fri, []TimeExpr{{Text: "last week’s", Date: d(2017, 7, 20), Precision: 2, Relative: true}}},
		{"late on weekday", "It fell late on Tuesday.", fri, []TimeExpr{{Text: "late on Tuesday", Date: d(2017, 7, 25), Precision: 1, Relative: true}}},
		{"early weekday", "It fell early Tuesday.", fri, []TimeExpr{{Text: "early Tuesday", Date: d(2017, 7, 25), Precision: 1, Relative: true}}},
		{"mid month", "It began in mid-June.", fri, []TimeExpr{{Text: "in mid-June", Date: d(2017, 6, 15), Precision: 3, Relative: true}}},
		{"iso date", "Dated 2017-07-26.", fri, []TimeExpr{{Text: "2017-07-26", Date: d(2017, 7, 26), Precision: 1}}},
		{"day range", "Clashes on July 24-26 left 9 dead.", fri, []TimeExpr{{Text: "on July 24-26", Date: d(2017, 7, 25), Precision: 2, Relative: true}}},
		{"day range before month", "between 10 and 12 July 2016", fri, []TimeExpr{{Text: "10 and 12 July 2016", Date: d(2016, 7, 11), Precision: 2}}},
		{"long day range", "from June 1 to 20", fri, []TimeExpr{{Text: "from June 1 to 20", Date: d(2017, 6, 10), Precision: 3, Relative: true}}},
		{"this past weekend", "Convoys moved this past weekend.", fri, []TimeExpr{{Text: "this past weekend", Date: d(2017, 7, 22), Precision: 2, Relative: true}}},
		{"next week not reported", "talks next week", fri, nil},
		{"unknown publication relative", "on Wednesday", time.Time{}, []TimeExpr{{Text: "on Wednesday", Precision: 1, Relative: true}}},
		{"unknown publication absolute", "on 2 December, 2017", time.Time{}, []TimeExpr{{Text: "on 2 December, 2017", Date: d(2017, 12, 2), Precision: 1}}},
		{"unknown publication no year", "on March 22", time.Time{}, []TimeExpr{{Text: "on March 22", Precision: 1, Relative: true}}},
		{"publication in other zone", "yesterday", time.Date(2017, 7, 28, 1, 0, 0, 0, time.FixedZone("AST", 3*3600)), []TimeExpr{{Text: "yesterday", Date: d(2017, 7, 27), Precision: 1, Relative: true}}},
		{"two expressions", "Jets struck on Wednesday, and on Thursday troops advanced.", fri, []TimeExpr{
			{Text: "on Wednesday", Date: d(2017, 7, 26), Precision: 1, Relative: true},
			{Text: "on Thursday", Date: d(2017, 7, 27), Precision: 1, Relative: true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Times(tt.in, tt.pub)
			for _, e := range got {
				if tt.in[e.Start:e.End] != e.Text {
					t.Errorf("span %d:%d gives %q, Text is %q", e.Start, e.End, tt.in[e.Start:e.End], e.Text)
				}
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreFields(TimeExpr{}, "Start", "End"), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Times(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func FuzzTimes(f *testing.F) {
	for _, s := range []string{"on Wednesday", "the 5th of", "March 22, 2017", "last", "the last 9999999 years", "a few days ago"} {
		f.Add(s, int64(1501200000))
	}
	f.Fuzz(func(t *testing.T, s string, unix int64) {
		pub := time.Time{}
		if unix > 0 && unix < 1e11 {
			pub = time.Unix(unix, 0)
		}
		for _, e := range Times(s, pub) {
			if e.Start < 0 || e.End < e.Start || e.End > len(s) || s[e.Start:e.End] != e.Text {
				t.Fatalf("bad span %d:%d for %q", e.Start, e.End, e.Text)
			}
			if utf8.ValidString(s) && (!utf8.RuneStart(s[e.Start]) || (e.End < len(s) && !utf8.RuneStart(s[e.End]))) {
				t.Fatalf("span %d:%d not on rune boundaries", e.Start, e.End)
			}
			if e.Precision < 1 || e.Precision > 3 {
				t.Fatalf("precision %d", e.Precision)
			}
		}
	})
}
