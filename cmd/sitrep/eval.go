package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/eval"
)

func (a *App) newEvalCmd() *cobra.Command {
	var (
		goldPath, goldFormat, actorsPath, systemPath string
		asJSON                                       bool
	)
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Score the stored events against a gold file",
		Long: `Score the stored per-document events against gold events and print
precision, recall and F1 (overall and per event type), per-attribute
accuracy over the matched pairs, location error and the missed and
spurious events.

Gold formats (--gold-format, detected from the file when not given):
  jsonl  the format of ../shared/gold/GUIDELINES.md
  acled  an ACLED CSV export (no documents: events match across documents
         when their dates agree)
  ucdp   a UCDP GED CSV file (types approximated, see the eval package)

Matching: same document (gold "doc" = the event's first source), same event
type, within the gold radius_km (30 km when absent); pairs taken greedily
by distance and agreement of sub-type, actors and date; events matched to
optional gold events count neither way. When every gold event names a
document, events of documents the gold does not cover are left out (and
counted). Actor names of both sides are
mapped to keys with --actors (a key<TAB>regex table; default: actors.tsv
beside the gold file when it exists).

The exit status is 0 whatever the score; it is non-zero only when the input
cannot be read.`,
		Example: `  sitrep eval --gold ../shared/gold/seeds.gold.jsonl
  sitrep eval --gold acled.csv --actors actors.tsv --json
  sitrep export --format jsonl > out.jsonl && sitrep eval --gold gold.jsonl --system out.jsonl`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if goldPath == "" {
				return fmt.Errorf("--gold FILE is required: %w", sitrep.ErrInvalid)
			}
			if goldFormat != "" {
				if err := eventsCheckFormat(goldFormat, eval.FormatJSONL, eval.FormatACLED, eval.FormatUCDP); err != nil {
					return err
				}
			}
			gold, err := eval.ReadGoldFile(goldPath, goldFormat)
			if err != nil {
				return err
			}
			keys, err := evalActorKeys(actorsPath, goldPath)
			if err != nil {
				return err
			}
			var events []sitrep.Event
			if systemPath != "" {
				events, err = evalReadEvents(systemPath)
			} else {
				events, err = a.eventsStored(cmd.Context(), sitrep.EventFilter{})
			}
			if err != nil {
				return err
			}
			if keys == nil {
				fmt.Fprintln(a.Stderr, "eval: no actor key table; actor names are compared as they are")
			}
			rep := eval.Score(gold, events, keys)
			if asJSON {
				return rep.WriteJSON(a.Stdout)
			}
			return rep.WriteText(a.Stdout)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&goldPath, "gold", "", "gold file (JSONL, ACLED CSV or UCDP GED CSV)")
	fl.StringVar(&goldFormat, "gold-format", "", "gold format: jsonl, acled or ucdp (default: detected)")
	fl.StringVar(&actorsPath, "actors", "", "actor key table, key<TAB>regex (default: actors.tsv beside the gold file)")
	fl.StringVar(&systemPath, "system", "", "score the events of this JSONL file (sitrep export --format jsonl) instead of the database")
	fl.BoolVar(&asJSON, "json", false, "print the report as JSON")
	return cmd
}

// evalActorKeys reads the actor key table at path or, when path is empty,
// the actors.tsv beside the gold file; nil when there is none.
func evalActorKeys(path, goldPath string) (*eval.ActorKeys, error) {
	if path == "" {
		beside := filepath.Join(filepath.Dir(goldPath), "actors.tsv")
		if _, err := os.Stat(beside); err != nil {
			return nil, nil
		}
		path = beside
	}
	return eval.LoadActorKeys(path)
}

// evalReadEvents reads sitrep events, one JSON object a line.
func evalReadEvents(path string) ([]sitrep.Event, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open events: %w", err)
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReader(f))
	var events []sitrep.Event
	for {
		var e sitrep.Event
		if err := dec.Decode(&e); errors.Is(err, io.EOF) {
			return events, nil
		} else if err != nil {
			return nil, fmt.Errorf("%s: event %d: %w: %w", path, len(events)+1, sitrep.ErrInvalid, err)
		}
		events = append(events, e)
	}
}
