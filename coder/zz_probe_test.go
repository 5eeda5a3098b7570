package coder

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/clean"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestProbeGeo(t *testing.T) {
	f := os.Getenv("PROBE")
	if f == "" {
		t.Skip()
	}
	c := testCoder(t)
	raw, _ := os.ReadFile(f)
	cl, _ := clean.New(clean.Options{})
	doc := &sitrep.Document{Name: "x", Raw: raw, RawType: "text/plain"}
	cl.Clean(doc, time.Now())
	fmt.Println("dateline:", doc.Dateline, "pub:", doc.Published)
	for _, l := range c.geo.Locate(doc.Text, doc.Dateline) {
		id := ""
		kind := ""
		if l.Place != nil {
			id = l.Place.ID
			kind = l.Place.Kind
		}
		fmt.Printf("%q -> %s (%s %s) %.3f,%.3f %s p%d\n", doc.Text[l.Start:l.End], l.Name, id, kind, l.Lat, l.Lon, l.Country, l.Precision)
	}
}

func TestProbeVOA(t *testing.T) {
	if os.Getenv("VOA") == "" {
		t.Skip()
	}
	b := &testing.B{}
	_ = b
	docs := voaDocsT(t)
	c := testCoder(t)
	for i, d := range docs {
		if i >= 40 {
			break
		}
		cod, _ := c.Code(context.Background(), d)
		for _, e := range cod.Events {
			fmt.Printf("[%s] %s/%s | %s vs %s | %s %s | %s(%d) fat=%v claim=%q | %.150s\n", d.Name, e.EventType, e.SubEventType, e.Actor1, e.Actor2, e.Location, e.Country, e.EventDate, e.TimePrecision, ptrInt(e.Fatalities), e.ClaimedBy, e.Sources[0].Sentence)
		}
	}
}

func voaDocsT(t *testing.T) []*sitrep.Document {
	f, _ := os.Open(filepath.Join(sharedDir, "corpus", "voa", "voa_stories.jsonl"))
	var docs []*sitrep.Document
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var r struct{ ID, URL, Published, Text string }
		json.Unmarshal(sc.Bytes(), &r)
		p, _ := time.Parse("2006-01-02 15:04:05Z", r.Published)
		docs = append(docs, &sitrep.Document{Name: r.ID, URL: r.URL, Published: p, Text: r.Text})
	}
	return docs
}

func TestProbeCode(t *testing.T) {
	f := os.Getenv("CODE")
	if f == "" {
		t.Skip()
	}
	c := testCoder(t)
	raw, _ := os.ReadFile(f)
	doc := &sitrep.Document{Name: "x", Text: string(raw)}
	for _, l := range c.geo.Locate(doc.Text, "") {
		fmt.Printf("LOC %q -> %s %s p%d\n", doc.Text[l.Start:l.End], l.Name, l.Country, l.Precision)
	}
	for _, m := range c.kb.Actors.Mentions(doc.Text) {
		fmt.Printf("ACT %q -> %s\n", m.Text, m.Actor.Key)
	}
	for _, m := range c.kb.Actors.Candidates(doc.Text) {
		fmt.Printf("CAND %q -> %q\n", m.Text, m.Actor.Name)
	}
	cod, _ := c.Code(context.Background(), doc)
	for _, e := range cod.Events {
		fmt.Printf("%s/%s | %s vs %s | %s | %s(%d) fat=%v\n", e.EventType, e.SubEventType, e.Actor1, e.Actor2, e.Location, e.EventDate, e.TimePrecision, ptrInt(e.Fatalities))
	}
}

func TestProbeDL(t *testing.T){
 if os.Getenv("DL")==""{t.Skip()}
 c:=testCoder(t)
 for _,l:=range c.geo.Locate(os.Getenv("DL"),""){ fmt.Printf("DL %q %s %v\n", l.Name, l.Country, l.Place)}
 for _,cd:=range c.kb.Places.Lookup("Sweida"){ fmt.Printf("LK %s %s %s %.2f\n", cd.Place.Name, cd.Place.Country, cd.Place.Kind, cd.Score)}
}

func TestProbeDemonym(t *testing.T){
 if os.Getenv("DEM")==""{t.Skip()}
 c:=testCoder(t)
 for _,w:=range []string{"Russian","Turkish","Israeli","US","American","Iranian","Syrian","Iraqi","Saudi","Ukrainian","Pakistani","French","Government"}{
  for _,m:=range c.kb.Actors.Mentions(w+" forces"){ fmt.Printf("%s -> %q %s %s\n", w, m.Text, m.Actor.Key, m.Actor.Name)}
 }
}
