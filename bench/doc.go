// Package bench holds the end-to-end benchmarks of sitrep: a corpus read
// from JSONL, cleaned, stored in SQLite, coded and its events stored, with
// the same stages the ingest command wires together. It has no code of its
// own; run it with
//
//	GOMAXPROCS=1 go test -run XXX -bench EndToEnd -benchtime 2000x ./bench
package bench
