package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/sitrep/sitrep/kb"
	"github.com/spf13/cobra"
)

// geocodeResult is one candidate as `sitrep geocode --json` prints it.
type geocodeResult struct {
	ID         string  `json:"id"`
	Name       string  `json:"name"`
	Lat        float64 `json:"lat"`
	Lon        float64 `json:"lon"`
	Kind       string  `json:"kind"`
	Admin1     string  `json:"admin1"`
	Country    string  `json:"country"`
	Population int     `json:"population"`
	Score      float64 `json:"score"`
}

func (a *App) newGeocodeCmd() *cobra.Command {
	var (
		country []string
		asJSON  bool
		limit   int
	)
	cmd := &cobra.Command{
		Use:   "geocode NAME...",
		Short: "List the places a name may refer to, best first",
		Long: "geocode looks a place name up in the gazetteer (built-in, overlaid by --kb) and prints\n" +
			"the ranked candidates: name, lat, lon, kind, admin1, country, score. --country gives the\n" +
			"focus countries (ISO2, first strongest) that disambiguate.",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			k, err := a.KB()
			if err != nil {
				return err
			}
			name := strings.Join(args, " ")
			res := geocode(k.Places, name, country, limit)
			if asJSON {
				if res == nil {
					res = []geocodeResult{}
				}
				enc := json.NewEncoder(a.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(res)
			}
			if len(res) == 0 {
				return fmt.Errorf("geocode %q: %w", name, errNoPlace)
			}
			tw := tabwriter.NewWriter(a.Stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tLAT\tLON\tKIND\tADMIN1\tCOUNTRY\tSCORE\tID")
			for _, r := range res {
				fmt.Fprintf(tw, "%s\t%.5f\t%.5f\t%s\t%s\t%s\t%.3f\t%s\n", r.Name, r.Lat, r.Lon, r.Kind, r.Admin1, r.Country, r.Score, r.ID)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringSliceVar(&country, "country", nil, "focus country ISO2 code(s), strongest first (e.g. SY,IQ)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array, best candidate first")
	cmd.Flags().IntVar(&limit, "limit", 10, "most candidates to print (0 = all)")
	return cmd
}

var errNoPlace = errors.New("no such place")

// geocode ranks the candidates of name in the context of the focus
// countries.
func geocode(g *kb.Gazetteer, name string, countries []string, limit int) []geocodeResult {
	for i := range countries {
		countries[i] = strings.ToUpper(strings.TrimSpace(countries[i]))
	}
	cs := g.Rank(name, kb.Hint{Countries: countries})
	out := make([]geocodeResult, 0, len(cs))
	for _, c := range cs {
		if limit > 0 && len(out) == limit {
			break
		}
		p := c.Place
		out = append(out, geocodeResult{ID: p.ID, Name: p.Name, Lat: p.Lat, Lon: p.Lon, Kind: p.Kind,
			Admin1: p.Admin1, Country: p.Country, Population: p.Population, Score: c.Score})
	}
	return out
}

func (a *App) newKBCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "kb",
		Short: "Manage the knowledge base: import places, check files, review unknown groups",
	}
	cmd.AddCommand(a.newKBImportCmd(), a.newKBCandidatesCmd(), &cobra.Command{
		Use:   "check [DIR]",
		Short: "Validate the knowledge-base files (built-in and --kb) with line-numbered errors",
		Args:  cobra.MaximumNArgs(1),
		RunE:  a.kbCheck,
	})
	return cmd
}

func (a *App) newKBImportCmd() *cobra.Command {
	var (
		format, altNames, out string
	)
	cmd := &cobra.Command{
		Use:   "import --format geonames|csv FILE...",
		Short: "Import a GeoNames dump or a CSV of places into the user knowledge base",
		// Exit status 2 when some files or rows were skipped.
		Long: "import converts place files into the user knowledge base (--kb DIR or SITREP_KB), as\n" +
			"DIR/places/<file>.tsv, which overlays the built-in gazetteer.\n" +
			"  --format geonames  a GeoNames dump (XX.txt, allCountries.txt: 19 tab-separated columns),\n" +
			"                     with --alternate-names alternateNamesV2.txt when given\n" +
			"  --format csv       name,lat,lon[,alt_names,admin1,country,kind] (header optional,\n" +
			"                     alt_names separated by '|')\n" +
			"Bad rows are reported with their line numbers and skipped.",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := out
			if dir == "" {
				dir = a.KBDir
			}
			if dir == "" {
				return fmt.Errorf("kb import: no knowledge-base folder: set --kb or SITREP_KB")
			}
			pdir := filepath.Join(dir, "places")
			if err := os.MkdirAll(pdir, 0o755); err != nil {
				return fmt.Errorf("kb import: %w", err)
			}
			var alt *kb.AlternateNames
			if altNames != "" {
				// Keep only the names of the places imported: the world
				// file holds millions.
				want := map[string]bool{}
				for _, in := range args {
					f, err := os.Open(in)
					if err != nil {
						return fmt.Errorf("kb import: %w", err)
					}
					ids, err := kb.GeoNamesIDs(f)
					f.Close()
					if err != nil {
						return fmt.Errorf("kb import %s: %w", in, err)
					}
					for id := range ids {
						want[id] = true
					}
				}
				f, err := os.Open(altNames)
				if err != nil {
					return fmt.Errorf("kb import: %w", err)
				}
				alt, err = kb.ReadAlternateNames(f, want)
				f.Close()
				if err != nil {
					return fmt.Errorf("kb import %s: %w", altNames, err)
				}
			}
			failed := 0
			for _, in := range args {
				st, err := importPlaces(in, pdir, format, alt)
				for _, e := range st.Errors {
					fmt.Fprintln(a.Stderr, e)
				}
				if err != nil {
					fmt.Fprintf(a.Stderr, "%s: %v\n", in, err)
					failed++
					continue
				}
				fmt.Fprintf(a.Stdout, "%s: %d places imported, %d rows skipped -> %s\n", in, st.Places, len(st.Errors), st.Output)
				failed += len(st.Errors)
			}
			if failed > 0 {
				return partialError{failed: failed}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "input format: geonames or csv (required)")
	cmd.Flags().StringVar(&altNames, "alternate-names", "", "GeoNames alternateNamesV2.txt to add names from (geonames format)")
	cmd.Flags().StringVar(&out, "out", "", "knowledge-base folder to write to (default: --kb)")
	_ = cmd.MarkFlagRequired("format")
	return cmd
}

// importStats summarises one imported file.
type importStats struct {
	Places int
	Errors []error
	Output string
}

// importPlaces converts one file into pdir/<base>.tsv.
func importPlaces(in, pdir, format string, alt *kb.AlternateNames) (importStats, error) {
	var st importStats
	f, err := os.Open(in)
	if err != nil {
		return st, err
	}
	defer f.Close()
	base := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
	st.Output = filepath.Join(pdir, base+".tsv")
	tmp := st.Output + ".tmp"
	w, err := os.Create(tmp)
	if err != nil {
		return st, err
	}
	var res kb.ImportResult
	switch format {
	case "geonames":
		res, err = kb.ImportGeoNames(f, filepath.Base(in), alt, w)
	case "csv":
		res, err = kb.ImportCSV(f, filepath.Base(in), w)
	default:
		err = fmt.Errorf("unknown format %q (want geonames or csv)", format)
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	st.Places, st.Errors = res.Places, res.Errors
	if err != nil {
		os.Remove(tmp)
		return st, err
	}
	return st, os.Rename(tmp, st.Output)
}
