package text

import ("os"; "path/filepath"; "testing"; "fmt"; "time")

func TestDumpSeeds(t *testing.T) {
	files, _ := filepath.Glob("../../shared/corpus/seeds/*.txt")
	out, _ := os.Create("/tmp/seed_sent.txt")
	defer out.Close()
	pub := time.Date(2017, 7, 28, 0, 0, 0, 0, time.UTC)
	for _, f := range files {
		b, _ := os.ReadFile(f)
		fmt.Fprintf(out, "##### %s\n", f)
		for _, x := range Sentences(string(b)) {
			fmt.Fprintf(out, "S %s\n", x.Text)
			for _, q := range Quantities(x.Text) { fmt.Fprintf(out, "   Q %q v=%v lo=%v hi=%v u=%s q=%s\n", q.Text, q.Value, q.Low, q.High, q.Unit, q.Qualifier) }
			for _, e := range Times(x.Text, pub) { fmt.Fprintf(out, "   T %q %s p%d\n", e.Text, e.Date.Format("2006-01-02 Mon"), e.Precision) }
			for _, a := range Attributions(x.Text) { fmt.Fprintf(out, "   A %q %s to=%q\n", a.Source, a.Verb, a.To) }
		}
	}
}
