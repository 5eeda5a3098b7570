package geo

import (
	"github.com/sitrep/sitrep/kb"
	"strings"
	"testing"
)

// benchReport is a ~1,000-word report written for this benchmark, dense in
// place expressions of every form the resolver reads.
func benchReport() string {
	paras := []string{
		"AMMAN: Army units and militias loyal to them pushed forward about 45km northeast of the old town of Homs on Saturday, said a field officer who would not give his name. Clashes reached the outskirts of Homs and hamlets near Tabqa, where farmers said artillery fire had gone on for three days without a pause.",
		"Rebel fighters said they had withdrawn from positions some 50 km (30 miles) south-east of Damascus after a night of heavy bombardment. The city itself was calm, but the roads leading out of it were closed, and there were long queues at checkpoints on the way to rural Damascus.",
		"In Raqqa province, coalition warplanes hit fighters dug in south of Tabqa and along the eastern edge of Raqqa province, the alliance said. The province has known months of combat, and relief agencies say the town of Ghanim al-Ali lost all its people before the army seized it. The town is now closed to civilians.",
		"Gunfights also broke out across Deir ez-Zur province and inside the city of the same name, where troops still keep an airfield and a few districts. Insurgents lobbed mortar rounds at the airfield, a war monitor said. Fighting there has grown fiercer since the month began.",
		"American forces in the desert number a few hundred soldiers and are based out of a small outpost near the a-Tanf border crossing. A drone approached the outpost on Tuesday and was shot down, officials said, adding that the area remains tense. The Syrian Badia, a sparsely populated region, has become a crowded battlefield.",
		"Further north, Russian jets flying from the Hmeymim air base struck targets in eastern Syria. Analysts said the strikes were aimed at slowing an offensive launched 30 miles (48 km) north of Homs by rival factions, and at protecting supply lines that run close to Homs and just outside Palmyra.",
		"Shells fired from Homs landed in Tripoli, across the border, wounding two people, Lebanese officials said. The army said it had returned fire. In the eastern slopes of the Qalamoun mountains, smugglers use unmarked tracks to move fighters and goods, and the area is difficult to patrol.",
		"A mine exploded 20 km from Raqqa, killing a shepherd, residents said. The village where he lived lies a short drive away. Humanitarian groups say thousands of mines remain in the Raqqa countryside, and that clearing them will take years. Many families who fled the city have not returned.",
	}
	var b strings.Builder
	for b.Len() < 6200 {
		for _, p := range paras {
			b.WriteString(p)
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

func BenchmarkLocate(b *testing.B) {
	r := testResolver(b)
	text := benchReport()
	r.Locate(text, "AMMAN") // warm once-built caches (the kb's country codes)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r.Locate(text, "AMMAN")
	}
}

// BenchmarkLocateOwn measures the resolver without the gazetteer's mention
// search, which the fake gazetteer does slowly.
func BenchmarkLocateOwn(b *testing.B) {
	r := testResolver(b)
	text := benchReport()
	ms := r.g.Mentions(text)
	r.g = cachedMentions{r.g, text, ms}
	r.Locate(text, "AMMAN") // warm once-built caches (the kb's country codes)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		r.Locate(text, "AMMAN")
	}
}

type cachedMentions struct {
	placeIndex
	text string
	ms   []kb.PlaceMention
}

func (c cachedMentions) Mentions(text string) []kb.PlaceMention {
	if text == c.text {
		return c.ms
	}
	return c.placeIndex.Mentions(text)
}

func TestBenchReportWords(t *testing.T) {
	if n := len(strings.Fields(benchReport())); n < 900 || n > 1300 {
		t.Errorf("bench report has %d words, want about 1,000", n)
	}
}

func FuzzLocate(f *testing.F) {
	f.Add("Gunmen raided a farm about 45km northeast of the old town of Homs.", "")
	f.Add("AMMAN: The city of the same name in Deir ez-Zur province. The outpost near the a-Tanf border crossing.", "AMMAN")
	f.Add("some 50 km (30 miles) south-east of Damascus; there were; the eastern edge of Raqqa province", "")
	f.Add("the the city of of the same 5,000 km (", "")
	r := testResolver(f)
	f.Fuzz(func(t *testing.T, text, dateline string) {
		ls := r.Locate(text, dateline)
		end := 0
		for _, l := range ls {
			if l.Start < end || l.End <= l.Start || l.End > len(text) {
				t.Fatalf("bad span [%d,%d) after %d in %q", l.Start, l.End, end, text)
			}
			end = l.End
			if l.Precision < 1 || l.Precision > 3 {
				t.Fatalf("precision %d", l.Precision)
			}
		}
	})
}

// FuzzLocateBuiltin runs Locate with the built-in gazetteer on arbitrary
// text: spans stay inside the text, sorted and disjoint.
func FuzzLocateBuiltin(f *testing.F) {
	f.Add("ERBIL, Kurdistan Region – The army took the town of Ghanim al-Ali, on the eastern edge of Raqqa province.", "ERBIL")
	f.Add("near the Syria-Lebanon border; the Jordanian capital; between Homs and Palmyra; 20-30 km north of al-Tanf", "")
	r := builtinResolver(f)
	f.Fuzz(func(t *testing.T, text, dateline string) {
		end := 0
		for _, l := range r.Locate(text, dateline) {
			if l.Start < end || l.End <= l.Start || l.End > len(text) || l.Precision < 1 || l.Precision > 3 {
				t.Fatalf("bad location %+v after %d in %q", l, end, text)
			}
			end = l.End
		}
	})
}
