package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/kb"
	"github.com/spf13/cobra"
)

func (a *App) newKBCandidatesCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "candidates",
		Short: "List unknown named armed groups found in the stored documents, for review",
		Long: `candidates reads every stored document and lists the named armed groups
the knowledge base does not know ("a group which calls itself X", "the X
Brigade", "Liwa X"), most mentioned first, with the documents that name them
and one mention in context. Add the real ones to an actors file of the user
knowledge base (--kb) and run sitrep recode.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := docsCheckFormat(format, "table", "jsonl"); err != nil {
				return err
			}
			k, err := a.KB()
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			st, err := a.StoreExisting(ctx)
			if err != nil {
				return err
			}
			cands, err := actorCandidates(ctx, st, k.Actors, docsPageSize)
			if err != nil {
				return err
			}
			if format == "jsonl" {
				return writeCandidatesJSONL(a.Stdout, cands)
			}
			return writeCandidatesTable(a.Stdout, cands)
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or jsonl")
	return cmd
}

// actorCandidate is one unknown named group and where it was seen.
type actorCandidate struct {
	Name      string   `json:"name"`
	Mentions  int      `json:"mentions"`
	Documents []string `json:"documents"`
	Example   string   `json:"example"` // the first mention in its context
}

// actorCandidates collects the candidates of every stored document, read
// pageSize at a time, grouped by name in any case, most mentioned first.
func actorCandidates(ctx context.Context, st sitrep.DocumentStore, actors *kb.Actors, pageSize int) ([]actorCandidate, error) {
	byKey := map[string]*actorCandidate{}
	var after int64
	for {
		docs, err := st.Documents(ctx, sitrep.DocumentFilter{AfterID: after, Limit: pageSize, OmitRaw: true})
		if err != nil {
			return nil, err
		}
		if len(docs) == 0 {
			break
		}
		for _, d := range docs {
			after = d.ID
			for _, m := range actors.Candidates(d.Text) {
				if m.Actor == nil || m.Actor.Key != "" {
					continue
				}
				k := strings.ToLower(m.Actor.Name)
				c := byKey[k]
				if c == nil {
					c = &actorCandidate{Name: m.Actor.Name, Example: mentionContext(d.Text, m.Start, m.End, 60)}
					byKey[k] = c
				}
				c.Mentions++
				if n := len(c.Documents); n == 0 || c.Documents[n-1] != d.Name {
					c.Documents = append(c.Documents, d.Name)
				}
			}
		}
	}
	out := make([]actorCandidate, 0, len(byKey))
	for _, c := range byKey {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Mentions != out[j].Mentions {
			return out[i].Mentions > out[j].Mentions
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

// mentionContext returns text[start:end] with up to width bytes either
// side, cut at rune boundaries, on one line.
func mentionContext(text string, start, end, width int) string {
	from, to := max(0, start-width), min(len(text), end+width)
	for from > 0 && !utf8.RuneStart(text[from]) {
		from--
	}
	for to < len(text) && !utf8.RuneStart(text[to]) {
		to++
	}
	s := strings.Join(strings.Fields(text[from:to]), " ")
	if from > 0 {
		s = "…" + s
	}
	if to < len(text) {
		s += "…"
	}
	return s
}

func writeCandidatesJSONL(w io.Writer, cands []actorCandidate) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, c := range cands {
		if err := enc.Encode(c); err != nil {
			return err
		}
	}
	return nil
}

func writeCandidatesTable(w io.Writer, cands []actorCandidate) error {
	if len(cands) == 0 {
		_, err := fmt.Fprintln(w, "no candidates")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tMENTIONS\tDOCUMENTS\tEXAMPLE")
	for _, c := range cands {
		docs := strings.Join(c.Documents, ", ")
		if len(c.Documents) > 3 {
			docs = fmt.Sprintf("%s and %d more", strings.Join(c.Documents[:3], ", "), len(c.Documents)-3)
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\n", c.Name, c.Mentions, docs, c.Example)
	}
	return tw.Flush()
}
