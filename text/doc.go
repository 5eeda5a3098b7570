// Package text finds the pieces of a news report that the coder needs: sentences, tokens,
// lemmas, quantities, time expressions resolved against the publication date, and
// attributions ("…, the Observatory said").
//
// Every function is pure and safe for concurrent use; all offsets are byte offsets into the
// string given. Analyse reads quantities, times and attributions of one sentence over a
// single tokenization and is the cheaper way to get all three.
//
// The word lists are data files under data/, embedded in the binary and parsed once on
// first use; each file's header explains its format:
//
//   - abbreviations.txt, starters.txt, continuers.txt: sentence splitting ("Col.", "U.S.",
//     which capitalised words start a sentence after "U.S.", which words leave a line open);
//   - numbers.txt, units.txt, qualifiers.txt: quantities, including the conservative values
//     of vague words (dozens 12, tens 10, hundreds 100, several 3);
//   - calendar.txt: month and weekday names;
//   - attribution.txt: speech and report verbs with their canonical form ("says" ->
//     "said", "rejected" -> "denied"), "according to" and "citing", and the words that end
//     or trim a source phrase;
//   - lemmas.txt: lemma overrides applied before the golem English dictionary ("left" ->
//     "leave", "wounded" -> "wound").
//
// Choices where the guidelines leave room are documented on Quantity and Times: a bracketed
// unit conversion is absorbed into the quantity before it; a weekday is the most recent such
// day on or before publication; a weekend is dated on its Saturday; "last week" on the
// Thursday of the previous week; "last Monday" is the Monday of the previous week.
package text
