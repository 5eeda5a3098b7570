package text

import ("bufio"; "encoding/json"; "os"; "testing"; "fmt"; "time"; "unicode")

func TestDumpVOA(t *testing.T) {
	f, _ := os.Open("../../shared/corpus/voa/voa_stories.jsonl")
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	out, _ := os.Create("/tmp/voa_sent.txt")
	defer out.Close()
	for sc.Scan() {
		var s struct{ Text, Published, Id string }
		json.Unmarshal(sc.Bytes(), &s)
		pub, _ := time.Parse("2006-01-02 15:04:05Z", s.Published)
		for _, x := range Sentences(s.Text) {
			r := []rune(x.Text)
			flag := ""
			if unicode.IsLower(r[0]) || len(r) < 25 { flag = "!!" }
			fmt.Fprintf(out, "%s S %s %s\n", s.Id, flag, x.Text)
			for _, q := range Quantities(x.Text) { fmt.Fprintf(out, "   Q %q v=%v lo=%v hi=%v u=%s q=%s\n", q.Text, q.Value, q.Low, q.High, q.Unit, q.Qualifier) }
			for _, e := range Times(x.Text, pub) { fmt.Fprintf(out, "   T %q %s p%d (pub %s)\n", e.Text, e.Date.Format("2006-01-02 Mon"), e.Precision, pub.Format("2006-01-02 Mon")) }
			for _, a := range Attributions(x.Text) { fmt.Fprintf(out, "   A %q %s to=%q\n", a.Source, a.Verb, a.To) }
		}
	}
}
