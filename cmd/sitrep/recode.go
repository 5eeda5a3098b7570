package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep/sitrep"
)

func (a *App) newRecodeCmd() *cobra.Command {
	var limit int
	cmd := &cobra.Command{
		Use:   "recode",
		Short: "Re-code every stored document",
		Long: `Re-code every stored document with the current knowledge base and
patterns, replacing each document's events and zones. Run it after editing
the knowledge base (--kb) or the pattern files ($SITREP_PATTERNS). A document
that fails is logged and skipped; the rest go on.`,
		Example: `  sitrep recode
  sitrep recode --db events.db --kb ./mykb`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			st, err := a.Store(ctx)
			if err != nil {
				return err
			}
			if _, err := a.Coder(); err != nil {
				return err
			}
			start := time.Now()
			docs, err := st.Documents(ctx, sitrep.DocumentFilter{Limit: limit})
			if err != nil {
				return fmt.Errorf("list documents: %w", err)
			}
			var ok, failed, events int
			for _, doc := range docs {
				if err := ctx.Err(); err != nil {
					return err
				}
				if err := a.codeDocument(ctx, st, doc); err != nil {
					failed++
					fmt.Fprintf(a.Stderr, "sitrep: recode: %s: %v\n", doc.Name, err)
					a.Logger.Warn("recode failed", "doc_id", doc.ID, "doc", doc.Name, "error", err)
					continue
				}
				ok++
			}
			if evs, err := st.Events(ctx, sitrep.EventFilter{}); err == nil {
				events = len(evs)
			}
			fmt.Fprintf(a.Stderr, "recoded %d documents (%d failed), %d events, in %s\n", ok, failed, events, time.Since(start).Round(time.Millisecond))
			if failed > 0 {
				return partialError{failed: failed}
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 0, "recode at most this many documents (0: all)")
	return cmd
}
