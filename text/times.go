package text

import "time"

// TimeExpr is a time expression resolved against the publication date.
type TimeExpr struct {
	Start, End int
	Text       string
	Date       time.Time // resolved day (UTC midnight); zero when it cannot be resolved
	Precision  int       // 1 day, 2 week/weekend/few days (Date = middle day), 3 month or vaguer
	Relative   bool      // depends on the publication date
}

// Times finds the time expressions in s and resolves them against published (zero when
// unknown).
func Times(s string, published time.Time) []TimeExpr {
	return nil
}
