// Package text finds the pieces of a news report that the coder needs: sentences, tokens,
// lemmas, quantities, time expressions resolved against the publication date, and
// attributions ("…, the Observatory said").
//
// Every function is pure and safe for concurrent use. The word lists (abbreviations,
// number words, attribution verbs, lemma overrides) are data files under data/, embedded in
// the binary and parsed once on first use. All offsets are byte offsets into the input.
package text
