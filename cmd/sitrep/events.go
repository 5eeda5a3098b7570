package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/export"
)

func (a *App) newEventsCmd() *cobra.Command {
	var (
		f      sitrep.EventFilter
		format string
	)
	cmd := &cobra.Command{
		Use:   "events",
		Short: "List coded events",
		Long: `List the coded events in the database, filtered, as a table, JSON lines
(the sitrep event JSON) or a flat CSV with sitrep's field names.

Filters match exactly: --type "Battles", --sub-type "Air/drone strike",
--actor the actor name as coded (actor1, actor2 or an associated actor),
--country an ISO 3166-1 alpha-3 code, --from/--to YYYY-MM-DD inclusive
bounds on the event date.`,
		Example: `  sitrep events --type Battles --country SYR --from 2017-07-01
  sitrep events --actor "Syrian Democratic Forces" --format csv > sdf.csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := eventsCheckFormat(format, "table", "jsonl", "csv"); err != nil {
				return err
			}
			if err := eventsCheckFilter(&f); err != nil {
				return err
			}
			events, err := a.eventsStored(cmd.Context(), f)
			if err != nil {
				return err
			}
			switch format {
			case "jsonl":
				return export.JSONL(a.Stdout, events)
			case "csv":
				return export.CSV(a.Stdout, events)
			}
			return export.Table(a.Stdout, events)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.EventType, "type", "", "event type, e.g. Battles")
	fl.StringVar(&f.SubEventType, "sub-type", "", "sub-event type, e.g. \"Air/drone strike\"")
	fl.StringVar(&f.Actor, "actor", "", "actor name as coded (actor1, actor2 or associated)")
	fl.StringVar(&f.Country, "country", "", "ISO 3166-1 alpha-3 country code, e.g. SYR")
	fl.StringVar(&f.From, "from", "", "first event date, YYYY-MM-DD")
	fl.StringVar(&f.To, "to", "", "last event date, YYYY-MM-DD")
	fl.IntVar(&f.Limit, "limit", 0, "list at most N events (0: all)")
	fl.StringVar(&format, "format", "table", "output format: table, jsonl or csv")
	return cmd
}

func (a *App) newExportCmd() *cobra.Command {
	var (
		format      string
		out         string
		perDocument bool
	)
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export all events as JSONL, ACLED-column CSV or GeoJSON",
		Long: `Export every stored event.

Formats:
  jsonl    one sitrep event JSON object a line
  acled    CSV with ACLED's column names (event_id_cnty … timestamp);
           fatalities 0 when not stated (tag fatalities=unknown); what ACLED
           has no column for (claimed_by, contested, ranges, territory
           change, confidence) is in tags
  geojson  a FeatureCollection of Points with every event field as a
           property; events without coordinates are left out and counted
           on stderr

--per-document gives the events as coded from each document, before any
cross-document merging. Cross-document fusion does not exist yet, so for
now the default export and --per-document give the same events.`,
		Example: `  sitrep export --format acled -o events.csv
  sitrep export --format geojson -o events.geojson`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := eventsCheckFormat(format, "jsonl", "acled", "geojson"); err != nil {
				return err
			}
			_ = perDocument // the same events until fusion exists (see help)
			events, err := a.eventsStored(cmd.Context(), sitrep.EventFilter{})
			if err != nil {
				return err
			}
			return exportWriteOutput(out, a.Stdout, func(w io.Writer) error {
				switch format {
				case "acled":
					return export.ACLED(w, events, export.ACLEDOptions{Now: time.Now().UTC()})
				case "geojson":
					skipped, err := export.GeoJSON(w, events)
					if err == nil && skipped > 0 {
						fmt.Fprintf(a.Stderr, "geojson: %d of %d event(s) without coordinates left out\n", skipped, len(events))
					}
					return err
				}
				return export.JSONL(w, events)
			})
		},
	}
	cmd.Flags().StringVar(&format, "format", "jsonl", "output format: jsonl, acled or geojson")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to FILE instead of standard output")
	cmd.Flags().BoolVar(&perDocument, "per-document", false, "events as coded from each document, before cross-document merging")
	return cmd
}

func (a *App) newZonesCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "zones",
		Short: "List declared zones",
		Long: `List the declared zones found in the stored documents (de-confliction
radii, de-escalation zones, no-fly zones). JSON lines carry id, name, kind,
lat, lon, radius_km (0 for a polygon), polygon (when given), declared_by,
date, evidence and doc.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := eventsCheckFormat(format, "table", "jsonl"); err != nil {
				return err
			}
			st, err := a.StoreExisting(cmd.Context())
			if err != nil {
				return err
			}
			zones, err := st.Zones(cmd.Context())
			if err != nil {
				return fmt.Errorf("list zones: %w", err)
			}
			if format == "jsonl" {
				return export.ZonesJSONL(a.Stdout, zones)
			}
			return export.ZonesTable(a.Stdout, zones)
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or jsonl")
	return cmd
}

// eventsStored opens the store and lists the events matching f.
func (a *App) eventsStored(ctx context.Context, f sitrep.EventFilter) ([]sitrep.Event, error) {
	st, err := a.StoreExisting(ctx)
	if err != nil {
		return nil, err
	}
	events, err := st.Events(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("list events: %w", err)
	}
	return events, nil
}

// eventsCheckFormat reports an error unless format is one of allowed.
func eventsCheckFormat(format string, allowed ...string) error {
	for _, f := range allowed {
		if format == f {
			return nil
		}
	}
	return fmt.Errorf("format %q: want %s: %w", format, strings.Join(allowed, ", "), sitrep.ErrInvalid)
}

// eventsCheckFilter validates and normalises the user's event filter.
func eventsCheckFilter(f *sitrep.EventFilter) error {
	for _, d := range []struct{ name, v string }{{"from", f.From}, {"to", f.To}} {
		if d.v == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d.v); err != nil {
			return fmt.Errorf("--%s %q: want YYYY-MM-DD: %w", d.name, d.v, sitrep.ErrInvalid)
		}
	}
	f.Country = strings.ToUpper(strings.TrimSpace(f.Country))
	if f.Country != "" && len(f.Country) != 3 {
		return fmt.Errorf("--country %q: want an ISO 3166-1 alpha-3 code such as SYR: %w", f.Country, sitrep.ErrInvalid)
	}
	if f.Limit < 0 {
		return fmt.Errorf("--limit %d: %w", f.Limit, sitrep.ErrInvalid)
	}
	return nil
}

// exportWriteOutput runs write on stdout, or on the file path when given: the
// file is written beside its final name and renamed into place, so that a
// failed export leaves no half file.
func exportWriteOutput(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("create output: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return nil
}
