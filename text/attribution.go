package text

// Attribution is a statement of who says what a sentence reports.
type Attribution struct {
	Start, End int
	Source     string
	Verb       string
}

// Attributions finds who a sentence attributes its claim to.
func Attributions(sentence string) []Attribution {
	return nil
}
