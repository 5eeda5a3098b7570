// Package eval scores coded events against gold events: the JSONL format of
// ../shared/gold/GUIDELINES.md, ACLED CSV exports and UCDP GED CSV files.
//
// Matching rule. Gold and system events are paired only when
//
//   - they come from the same document: the gold "doc" equals the system
//     event's Sources[0].Doc. Gold events without a document (ACLED, UCDP)
//     may pair with an event of any document, but then, when the gold has a
//     date, the system date must agree with it within the gold precision;
//   - they have the same event_type (UCDP gold, which has no ACLED types,
//     also accepts a few approximate types, see ReadUCDP);
//   - the system point lies within the gold radius_km (DefaultRadiusKm when
//     the gold gives none). When the gold has no coordinates the location is
//     not checked. When the system event has no coordinates but the gold has,
//     the pair is allowed only when the gold location is region-level
//     (geo_precision 3): a system that cannot place a town event is wrong,
//     one that cannot place a "somewhere in the Badia" event is not.
//
// Candidate pairs are taken greedily, best first. A pair's cost is the
// distance as a fraction of the radius (0 to 1; 1 when a distance cannot be
// computed) plus 0.3 for each of sub_event_type, actor1 key, actor2 key and
// date that disagree; ties go to the earlier gold, then the earlier system
// event. Non-optional gold events are matched first; the system events left
// over are then matched against optional gold events, and such pairs are
// removed from the count (neither true nor false positives). Unmatched
// optional gold events are not false negatives.
//
// Scope. When every gold event names its document, system events from
// other documents are left out (counted as out of scope): the gold says
// nothing about documents it did not annotate.
package eval
