package geo

import (
	"bufio"
	"math"
	"strconv"
	"strings"

	"github.com/sitrep/sitrep/kb"
)

// testPlaces is a tiny gazetteer in the curated TSV layout
// (name, alt_names, lat, lon, kind, country, admin1, note); the note holds
// the population, and "gn" for a GeoNames row. Coordinates are approximate facts.
const testPlaces = `Raqqa	Ar-Raqqa|Raqa	35.95	39.01	city	SY	Ar-Raqqa	220000
Ar-Raqqa	Raqqa|Raqqa Governorate	35.70	38.80	province	SY	Ar-Raqqa	900000
Tabqa	Al-Thawrah	35.83	38.55	city	SY	Ar-Raqqa	70000
Palmyra	Tadmur	34.56	38.28	city	SY	Homs	50000
al-Tanf	a-Tanf|At Tanf|Tanf	33.50	38.62	base	SY	Homs	0
Deir ez-Zor	Deir ez-Zur|Deir e-Zor|Deir al-Zor	35.33	40.14	city	SY	Deir-ez-Zor	240000
Deir ez-Zor	Deir ez-Zur|Deir e-Zor|Deir al-Zor	35.00	40.30	province	SY	Deir-ez-Zor	1200000
Ghanim al-Ali		35.775	39.403	town	SY	Ar-Raqqa	3000
Homs		34.73	36.72	city	SY	Homs	650000
Damascus		33.51	36.29	city	SY	Damascus	1700000
Rif Dimashq	Rural Damascus|Damascus	33.55	36.70	province	SY	Rural Damascus	2800000
Syria		35.00	38.50	country	SY		18000000
Badia	Syrian Badia|Syrian Desert	34.00	38.50	region	SY	Homs	0
Qalamoun	Qalamoun Mountains	33.90	36.60	mountain	SY	Rural Damascus	0
Tripoli	Trablous	34.43	35.84	city	LB	North	230000
Tripoli	Tarabulus	32.89	13.19	city	LY	Tripoli	1100000
Benghazi		32.12	20.07	city	LY	Benghazi	630000
Amman		31.95	35.93	city	JO	Amman	1900000
Beirut		33.89	35.50	city	LB	Beirut	1900000
Jordan		31.20	36.50	country	JO		10000000
Iraq		33.00	44.00	country	IQ		40000000
Baghdad		33.34	44.40	city	IQ	Baghdad	7000000
Eastern Syria	eastern Syria	35.00	40.30	region	SY	Deir-ez-Zor	0
Arsal		34.179	36.421	town	LB	Baalbek-Hermel	40000 gn
Jurud Arsal	Arsal barrens	34.15	36.46	region	LB	Baalbek-Hermel	0
Ras Baalbek		34.26	36.42	town	LB	Baalbek-Hermel	7000 gn
Ryan		34.02	-97.96	city	US	Oklahoma	800 gn
Washington		38.90	-77.04	city	US	District of Columbia	700000 gn
Syrian-Lebanese border	Syria-Lebanon border|Lebanese border	34.20	36.45	region	LB	Baalbek-Hermel	0
Lebanon		33.85	35.85	country	LB		5000000
Hmeymim	Hmeimim|Khmeimim	35.41	35.95	base	SY	Lattakia	0
Saida	Sidon	33.56	35.37	city	LB	South	200000
Saida		32.665	36.206	town	SY	Daraa	3000 gn
Daraa	Deraa	32.62	36.10	city	SY	Daraa	100000
`

// fakeGazetteer is a test double with the gazetteer's contract: Mentions
// finds longest capitalised spans naming known places.
type fakeGazetteer struct {
	byName map[string][]kb.Candidate
	maxLen int
}

func newFakeGazetteer(tsv string) *fakeGazetteer {
	g := &fakeGazetteer{byName: map[string][]kb.Candidate{}}
	sc := bufio.NewScanner(strings.NewReader(tsv))
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 8 {
			continue
		}
		lat, _ := strconv.ParseFloat(f[2], 64)
		lon, _ := strconv.ParseFloat(f[3], 64)
		// A note "<population> gn" marks a GeoNames row; the others are
		// curated.
		note := strings.Fields(f[7])
		pop, _ := strconv.Atoi(note[0])
		id := "cur:" + f[0]
		if len(note) > 1 && note[1] == "gn" {
			id = "gn:" + f[0]
		}
		p := &kb.Place{ID: id, Name: f[0], Lat: lat, Lon: lon, Kind: f[4], Country: f[5], Admin1: f[6], Population: pop}
		// The real gazetteer's prior: population, kind, curated.
		score := 0.5*math.Min(1, math.Log10(float64(pop)+1)/7) + 0.3*kindWeight(f[4]) + 0.3
		names := []string{f[0]}
		if f[1] != "" {
			names = append(names, strings.Split(f[1], "|")...)
		}
		for _, n := range names {
			k := strings.ToLower(n)
			g.byName[k] = append(g.byName[k], kb.Candidate{Place: p, Score: score})
			if w := len(strings.Fields(n)); w > g.maxLen {
				g.maxLen = w
			}
		}
	}
	for k, cs := range g.byName {
		for i := 1; i < len(cs); i++ {
			for j := i; j > 0 && cs[j].Score > cs[j-1].Score; j-- {
				cs[j], cs[j-1] = cs[j-1], cs[j]
			}
		}
		g.byName[k] = cs
	}
	return g
}

func (g *fakeGazetteer) Lookup(name string) []kb.Candidate {
	return g.byName[strings.ToLower(name)]
}

func (g *fakeGazetteer) Admin1At(lat, lon float64) (string, string) { return "", "" }

func (g *fakeGazetteer) Mentions(text string) []kb.PlaceMention {
	toks := tokenize(text)
	var out []kb.PlaceMention
	for i := 0; i < len(toks); i++ {
		if toks[i].punct {
			continue
		}
		// Capitalised, or a lowercase article prefix such as "a-Tanf".
		if !toks[i].upper && !strings.Contains(toks[i].low, "-") {
			continue
		}
		found := false
		for n := g.maxLen; n >= 1 && !found; n-- {
			if i+n > len(toks) {
				continue
			}
			s, e := toks[i].start, toks[i+n-1].end
			if cs, ok := g.byName[strings.ToLower(text[s:e])]; ok {
				out = append(out, kb.PlaceMention{Start: s, End: e, Text: text[s:e], Candidates: cs})
				i += n - 1
				found = true
			}
		}
	}
	return out
}

func kindWeight(kind string) float64 {
	switch kind {
	case "country":
		return 1
	case "city":
		return 0.8
	case "town", "base", "airport", "crossing", "dam", "field", "mine", "camp":
		return 0.6
	case "province", "district":
		return 0.5
	case "village":
		return 0.4
	}
	return 0.45
}
