package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/spf13/cobra"
)

func (a *App) newDocsCmd() *cobra.Command {
	var (
		format string
		limit  int
	)
	cmd := &cobra.Command{
		Use:   "docs",
		Short: "List stored documents",
		Long: `List stored documents in ID order, as a table or as JSON lines.

Each JSON line carries id, name, url, outlet, title, author, dateline,
published (YYYY-MM-DD or empty), duplicate_of (the original's name when the
document is a near-duplicate, else empty), hash, simhash, source,
ingested_at, paragraphs and the clean text.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := docsCheckFormat(format, "table", "jsonl"); err != nil {
				return err
			}
			ctx := cmd.Context()
			st, err := a.StoreExisting(ctx)
			if err != nil {
				return err
			}
			var out docsWriter
			if format == "jsonl" {
				out = newDocsJSONL(a.Stdout)
			} else {
				out = newDocsTable(a.Stdout)
			}
			if err := docsList(ctx, st, out, limit, docsPageSize); err != nil {
				return err
			}
			return out.flush()
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or jsonl")
	cmd.Flags().IntVar(&limit, "limit", 0, "list at most N documents (0: all)")
	return cmd
}

// docLine is one line of `sitrep docs --format jsonl`.
type docLine struct {
	ID          int64              `json:"id"`
	Name        string             `json:"name"`
	URL         string             `json:"url"`
	Outlet      string             `json:"outlet"`
	Title       string             `json:"title"`
	Author      string             `json:"author"`
	Dateline    string             `json:"dateline"`
	Published   string             `json:"published"`
	DuplicateOf string             `json:"duplicate_of"`
	Hash        string             `json:"hash"`
	SimHash     string             `json:"simhash"` // 16 hex digits, empty when none
	Source      string             `json:"source"`
	IngestedAt  string             `json:"ingested_at"`
	Paragraphs  []sitrep.Paragraph `json:"paragraphs"`
	Text        string             `json:"text"`
}

// docsPageSize is the number of documents `sitrep docs` reads at a time.
const docsPageSize = 500

// docsList prints the stored documents in ID order, at most limit of them
// (0: all), reading pageSize at a time so that memory stays flat however
// large the store. Names of the documents seen resolve duplicate_of (an
// original comes before its copies).
func docsList(ctx context.Context, st sitrep.DocumentStore, out docsWriter, limit, pageSize int) error {
	names := map[int64]string{}
	var after int64
	for listed := 0; limit <= 0 || listed < limit; {
		n := pageSize
		if limit > 0 {
			n = min(n, limit-listed)
		}
		docs, err := st.Documents(ctx, sitrep.DocumentFilter{AfterID: after, Limit: n, OmitRaw: true})
		if err != nil {
			return err
		}
		if len(docs) == 0 {
			break
		}
		if err := docsOriginalNames(ctx, st, docs, names); err != nil {
			return err
		}
		for _, d := range docs {
			if err := out.write(d, names); err != nil {
				return err
			}
		}
		listed += len(docs)
		after = docs[len(docs)-1].ID
	}
	return nil
}

// docsOriginalNames adds to names the names of docs and of the originals
// their DuplicateOf point to, reading the originals not seen yet.
func docsOriginalNames(ctx context.Context, st sitrep.DocumentStore, docs []*sitrep.Document, names map[int64]string) error {
	for _, d := range docs {
		names[d.ID] = d.Name
	}
	var missing []int64
	for _, d := range docs {
		if _, ok := names[d.DuplicateOf]; d.DuplicateOf != 0 && !ok {
			missing = append(missing, d.DuplicateOf)
			names[d.DuplicateOf] = "" // asked once
		}
	}
	if len(missing) == 0 {
		return nil
	}
	originals, err := st.Documents(ctx, sitrep.DocumentFilter{IDs: missing, OmitRaw: true})
	if err != nil {
		return err
	}
	for _, d := range originals {
		names[d.ID] = d.Name
	}
	return nil
}

func docsDate(d *sitrep.Document) string {
	if !d.HasDate() {
		return ""
	}
	return d.Published.Format("2006-01-02")
}

// docsWriter prints documents in one output format.
type docsWriter interface {
	write(d *sitrep.Document, names map[int64]string) error
	flush() error
}

type docsJSONL struct{ enc *json.Encoder }

func newDocsJSONL(w io.Writer) *docsJSONL {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &docsJSONL{enc: enc}
}

func (o *docsJSONL) write(d *sitrep.Document, names map[int64]string) error {
	line := docLine{
		ID: d.ID, Name: d.Name, URL: d.URL, Outlet: d.Outlet, Title: d.Title, Author: d.Author,
		Dateline: d.Dateline, Published: docsDate(d), Hash: d.Hash, Source: d.Source,
		Paragraphs: d.Paragraphs, Text: d.Text,
	}
	if d.DuplicateOf != 0 {
		line.DuplicateOf = names[d.DuplicateOf]
	}
	if d.SimHash != 0 {
		line.SimHash = fmt.Sprintf("%016x", d.SimHash)
	}
	if !d.IngestedAt.IsZero() {
		line.IngestedAt = d.IngestedAt.UTC().Format("2006-01-02T15:04:05Z")
	}
	if err := o.enc.Encode(line); err != nil {
		return fmt.Errorf("write documents: %w", err)
	}
	return nil
}

func (o *docsJSONL) flush() error { return nil }

type docsTable struct{ tw *tabwriter.Writer }

func newDocsTable(w io.Writer) *docsTable {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPUBLISHED\tOUTLET\tTITLE\tNAME\tDUPLICATE_OF")
	return &docsTable{tw: tw}
}

func (o *docsTable) write(d *sitrep.Document, names map[int64]string) error {
	dup := ""
	if d.DuplicateOf != 0 {
		dup = names[d.DuplicateOf]
		if dup == "" {
			dup = "#" + strconv.FormatInt(d.DuplicateOf, 10)
		}
	}
	_, err := fmt.Fprintf(o.tw, "%d\t%s\t%s\t%s\t%s\t%s\n", d.ID, docsOrDash(docsDate(d)), docsOrDash(docsCell(d.Outlet, 20)),
		docsOrDash(docsCell(d.Title, 50)), docsCell(d.Name, 40), docsOrDash(docsCell(dup, 40)))
	return err
}

func (o *docsTable) flush() error {
	if err := o.tw.Flush(); err != nil {
		return fmt.Errorf("write documents: %w", err)
	}
	return nil
}

func (a *App) newSearchCmd() *cobra.Command {
	var (
		format string
		limit  int
	)
	cmd := &cobra.Command{
		Use:   "search QUERY...",
		Short: "Full-text search over stored documents",
		Long: `Search titles and clean text of stored documents, best matches first.

Plain words must all occur (word forms are stemmed: "strike" finds
"strikes"); hyphenated names such as al-Tanf are matched as phrases. FTS5
syntax is accepted too: "exact phrase", OR, NOT, prefix*, NEAR(a b, 5),
title:word.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := docsCheckFormat(format, "table", "jsonl"); err != nil {
				return err
			}
			st, err := a.StoreExisting(cmd.Context())
			if err != nil {
				return err
			}
			hits, err := st.Search(cmd.Context(), strings.Join(args, " "), limit)
			if err != nil {
				return err
			}
			if format == "jsonl" {
				enc := json.NewEncoder(a.Stdout)
				enc.SetEscapeHTML(false)
				for _, h := range hits {
					if err := enc.Encode(h); err != nil {
						return fmt.Errorf("write hits: %w", err)
					}
				}
				return nil
			}
			if len(hits) == 0 {
				fmt.Fprintln(a.Stderr, "no matches")
				return nil
			}
			tw := tabwriter.NewWriter(a.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tRANK\tNAME\tTITLE\tSNIPPET")
			for _, h := range hits {
				fmt.Fprintf(tw, "%d\t%.2f\t%s\t%s\t%s\n", h.DocID, h.Rank, docsCell(h.Name, 40),
					docsOrDash(docsCell(h.Title, 40)), docsCell(h.Snippet, 120))
			}
			if err := tw.Flush(); err != nil {
				return fmt.Errorf("write hits: %w", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or jsonl")
	cmd.Flags().IntVar(&limit, "limit", 10, "show at most N hits (0: all)")
	return cmd
}

// docsCheckFormat returns an error unless format is one of allowed.
func docsCheckFormat(format string, allowed ...string) error {
	for _, f := range allowed {
		if format == f {
			return nil
		}
	}
	return fmt.Errorf("unknown format %q (want %s): %w", format, strings.Join(allowed, " or "), sitrep.ErrInvalid)
}

// docsCell flattens s to one line for a table and cuts it to at most max runes.
func docsCell(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	r := []rune(s)
	return string(r[:max-1]) + "…"
}

func docsOrDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
