package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
)

// WriteJSON writes the report as indented JSON.
func (r Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// WriteText writes the report for people: the counts, the per-type and
// per-attribute tables, location error, then the missed and spurious
// events.
func (r Report) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "gold events\t%d (%d optional)\n", r.Gold, r.Optional)
	fmt.Fprintf(tw, "system events\t%d (%d matched optional gold, not counted; %d from documents the gold does not cover, left out)\n",
		r.System, r.OptionalMatched, r.OutOfScope)
	fmt.Fprintf(tw, "TP %d  FP %d  FN %d\tprecision %.3f  recall %.3f  F1 %.3f\n",
		r.Overall.TP, r.Overall.FP, r.Overall.FN, r.Overall.Precision, r.Overall.Recall, r.Overall.F1)
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "event_type\tTP\tFP\tFN\tP\tR\tF1")
	types := make([]string, 0, len(r.ByType))
	for t := range r.ByType {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		c := r.ByType[t]
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\n", t, c.TP, c.FP, c.FN, c.Precision, c.Recall, c.F1)
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "attribute (matched pairs)\tcorrect\ttotal\taccuracy")
	for _, a := range r.Attributes {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f\n", a.Name, a.Correct, a.Total, a.Accuracy)
	}
	fmt.Fprintln(tw)
	fmt.Fprintf(tw, "location error (km, %d pairs)\tmedian %.1f\tmean %.1f\n", r.LocationErrors, r.MedianLocationErrKm, r.MeanLocationErrKm)
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	var off []Pair
	for _, p := range r.Matched {
		if len(p.Disagree) > 0 {
			off = append(off, p)
		}
	}
	fmt.Fprintf(w, "\nmatched pairs that disagree: %d of %d\n", len(off), len(r.Matched))
	for _, p := range off {
		dist := "-"
		if p.DistanceKm != nil {
			dist = fmt.Sprintf("%.1f km", *p.DistanceKm)
		}
		fmt.Fprintf(w, "- %s %s = %s (%s): %s\n", p.Doc, p.Gold, p.System, dist, strings.Join(p.Disagree, ", "))
	}
	writeItems(w, "missed gold events", r.Missed)
	writeItems(w, "spurious system events", r.Spurious)
	return nil
}

func writeItems(w io.Writer, title string, items []Item) {
	fmt.Fprintf(w, "\n%s: %d\n", title, len(items))
	for _, it := range items {
		where := it.Location
		if it.Lat != nil && it.Lon != nil {
			where = fmt.Sprintf("%s (%.3f,%.3f)", where, *it.Lat, *it.Lon)
		}
		sub := ""
		if it.SubEventType != "" {
			sub = " / " + it.SubEventType
		}
		fmt.Fprintf(w, "- %s %s: %s%s; %s vs %s; %s; %s\n", it.Doc, it.ID, it.EventType, sub,
			orDash(it.Actor1), orDash(it.Actor2), orDash(strings.TrimSpace(where)), orDash(it.Date))
		if it.Evidence != "" {
			fmt.Fprintf(w, "    %q\n", clip(it.Evidence, 200))
		}
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8Start(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }
