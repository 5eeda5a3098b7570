package geo

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sitrep/sitrep/kb"
)

func testResolver(t testing.TB) *Resolver {
	t.Helper()
	return newResolver(newFakeGazetteer(testPlaces), DefaultCues())
}

// loc is the part of a Location a test states; coordinates are compared
// to within 0.01 degrees.
type loc struct {
	Text      string // the document text the Location spans
	Name      string
	Lat, Lon  float64
	Admin1    string
	Country   string
	Precision int
}

func summarise(text string, ls []Location) []loc {
	out := make([]loc, len(ls))
	for i, l := range ls {
		out[i] = loc{text[l.Start:l.End], l.Name, l.Lat, l.Lon, l.Admin1, l.Country, l.Precision}
	}
	return out
}

var approx = cmpopts.EquateApprox(0, 0.01)

func at(lat, lon, km, bearing float64) (float64, float64) { return Offset(lat, lon, km, bearing) }

func TestLocateRelative(t *testing.T) {
	r := testResolver(t)
	homsNELat, homsNELon := at(34.73, 36.72, 45, 45)
	damLat, damLon := at(33.51, 36.29, 50, 135)
	homsLat, homsLon := at(34.73, 36.72, 30*1.609344, 0)
	tabLat, tabLon := at(35.83, 38.55, 20, 180)
	homs25Lat, homs25Lon := at(34.73, 36.72, 25, 0)
	homs20Lat, homs20Lon := at(34.73, 36.72, 20, 0)
	tabSWLat, tabSWLon := at(35.83, 38.55, 20, 225)
	edgeLat, edgeLon := at(35.70, 38.80, 50, 90)
	rqNLat, rqNLon := at(35.70, 38.80, 50, 0)
	westLat, westLon := at(35.00, 38.50, 150, 270)
	slopeLat, slopeLon := at(33.90, 36.60, 10, 90)
	southLat, southLon := at(35.00, 38.50, 150, 180)
	neLat, neLon := at(35.00, 38.50, 150, 45)
	tests := []struct {
		name string
		text string
		want []loc
	}{
		{"plain town", "Fighting was reported in Raqqa on Sunday.",
			[]loc{{"Raqqa", "Raqqa", 35.95, 39.01, "Ar-Raqqa", "SYR", 1}}},
		{"distance with descriptor", "Gunmen raided a farm about 45km northeast of the old town of Homs.",
			[]loc{{"about 45km northeast of the old town of Homs", "45 km northeast of Homs", homsNELat, homsNELon, "Homs", "SYR", 2}}},
		{"distance with hyphenated direction and parenthesis", "Shelling hit a camp some 50 km (30 miles) south-east of Damascus.",
			[]loc{{"some 50 km (30 miles) south-east of Damascus", "50 km southeast of Damascus", damLat, damLon, "Damascus", "SYR", 2}}},
		{"distance in miles", "A convoy was hit 30 miles (48 km) north of Homs.",
			[]loc{{"30 miles (48 km) north of Homs", "48 km north of Homs", homsLat, homsLon, "Homs", "SYR", 2}}},
		{"distance range", "Shells fell 20 to 30 km north of Homs.",
			[]loc{{"20 to 30 km north of Homs", "25 km north of Homs", homs25Lat, homs25Lon, "Homs", "SYR", 2}}},
		{"hyphenated range", "Shells fell 20-30 km north of Homs.",
			[]loc{{"20-30 km north of Homs", "25 km north of Homs", homs25Lat, homs25Lon, "Homs", "SYR", 2}}},
		{"distance in words", "Shells fell about twenty kilometres north of Homs.",
			[]loc{{"about twenty kilometres north of Homs", "20 km north of Homs", homs20Lat, homs20Lon, "Homs", "SYR", 2}}},
		{"between two towns", "Clashes broke out on the road between Homs and Palmyra.",
			[]loc{{"between Homs and Palmyra", "between Homs and Palmyra", 34.645, 37.5, "Homs", "SYR", 2}}},
		{"between far places is no place", "Talks between Damascus and Baghdad resumed.",
			[]loc{
				{"Damascus", "Damascus", 33.51, 36.29, "Damascus", "SYR", 1},
				{"Baghdad", "Baghdad", 33.34, 44.40, "Baghdad", "IRQ", 1},
			}},
		{"distance to a described place", "The attack came 150 km from the provincial capital Homs.",
			[]loc{{"150 km from the provincial capital Homs", "150 km from Homs", 34.73, 36.72, "Homs", "SYR", 2}}},
		{"bare direction", "The jet bombed their allied forces south of Tabqa.",
			[]loc{{"south of Tabqa", "south of Tabqa", tabLat, tabLon, "Ar-Raqqa", "SYR", 2}}},
		{"region in a direction", "Forces met in the desert south of Tabqa.",
			[]loc{{"desert south of Tabqa", "desert south of Tabqa", tabLat, tabLon, "Ar-Raqqa", "SYR", 3}}},
		{"two-word direction", "Clashes broke out south west of Tabqa.",
			[]loc{{"south west of Tabqa", "southwest of Tabqa", tabSWLat, tabSWLon, "Ar-Raqqa", "SYR", 2}}},
		{"near", "A drone was downed near a-Tanf.",
			[]loc{{"near a-Tanf", "near al-Tanf", 33.50, 38.62, "Homs", "SYR", 2}}},
		{"near with suffix", "They are based at a small outpost near the a-Tanf border crossing.",
			[]loc{{"near the a-Tanf border crossing", "near al-Tanf", 33.50, 38.62, "Homs", "SYR", 2}}},
		{"close to", "Shells fell close to Homs.",
			[]loc{{"close to Homs", "near Homs", 34.73, 36.72, "Homs", "SYR", 2}}},
		{"outside", "Gunmen ambushed a bus just outside Homs.",
			[]loc{{"just outside Homs", "near Homs", 34.73, 36.72, "Homs", "SYR", 2}}},
		{"distance from", "A mine exploded 20 km from Raqqa.",
			[]loc{{"20 km from Raqqa", "20 km from Raqqa", 35.95, 39.01, "Ar-Raqqa", "SYR", 2}}},
		{"outskirts", "Militants dug in on the outskirts of Raqqa.",
			[]loc{{"the outskirts of Raqqa", "outskirts of Raqqa", 35.95, 39.01, "Ar-Raqqa", "SYR", 1}}},
		{"possessive outskirts", "Militants dug in on Raqqa's outskirts.",
			[]loc{{"Raqqa's outskirts", "outskirts of Raqqa", 35.95, 39.01, "Ar-Raqqa", "SYR", 1}}},
		{"possessive directional countryside", "Shelling hit Raqqa's northern countryside.",
			[]loc{{"Raqqa's northern countryside", "northern Ar-Raqqa province", rqNLat, rqNLon, "Ar-Raqqa", "SYR", 3}}},
		{"plural province suffix", "Air strikes hit Palmyra, Raqqa and Deir ez-Zor provinces.",
			[]loc{
				{"Palmyra", "Palmyra", 34.56, 38.28, "Homs", "SYR", 1},
				{"Raqqa", "Ar-Raqqa province", 35.70, 38.80, "Ar-Raqqa", "SYR", 3},
				{"Deir ez-Zor provinces", "Deir ez-Zor province", 35.00, 40.30, "Deir-ez-Zor", "SYR", 3},
			}},
		{"edge of province", "The town lies on the eastern edge of Raqqa province.",
			[]loc{{"the eastern edge of Raqqa province", "eastern edge of Ar-Raqqa province", edgeLat, edgeLon, "Ar-Raqqa", "SYR", 3}}},
		{"in province", "Clashes erupted in Deir ez-Zur province.",
			[]loc{{"Deir ez-Zur province", "Deir ez-Zor province", 35.00, 40.30, "Deir-ez-Zor", "SYR", 3}}},
		{"countryside", "Air strikes hit the Raqqa countryside.",
			[]loc{{"Raqqa countryside", "Ar-Raqqa province", 35.70, 38.80, "Ar-Raqqa", "SYR", 3}}},
		{"countryside of", "Shelling hit the countryside of Raqqa.",
			[]loc{{"the countryside of Raqqa", "countryside of Ar-Raqqa province", 35.70, 38.80, "Ar-Raqqa", "SYR", 3}}},
		{"rural", "Shelling continued in rural Damascus.",
			[]loc{{"rural Damascus", "Rif Dimashq province", 33.55, 36.70, "Rural Damascus", "SYR", 3}}},
		{"direction adjective on a country", "Fighting raged in western Syria.",
			[]loc{{"western Syria", "western Syria", westLat, westLon, "", "SYR", 3}}},
		{"curated part of a country", "Fighting raged in eastern Syria.",
			[]loc{{"eastern Syria", "Eastern Syria", 35.00, 40.30, "Deir-ez-Zor", "SYR", 3}}},
		{"province of", "Air strikes hit the province of Raqqa.",
			[]loc{{"Raqqa", "Ar-Raqqa province", 35.70, 38.80, "Ar-Raqqa", "SYR", 3}}},
		{"direction of a country is its part", "Rebels hold the south of Syria.",
			[]loc{{"south of Syria", "south of Syria", southLat, southLon, "", "SYR", 3}}},
		{"compass word as adjective", "Fighting raged in northeast Syria.",
			[]loc{{"northeast Syria", "northeast Syria", neLat, neLon, "", "SYR", 3}}},
		{"capitalised compass word is a name", "Troops left North Syria.",
			[]loc{{"Syria", "Syria", 35.00, 38.50, "", "SYR", 3}}},
		{"hyphenated adjective is no location", "Syria-backed militias shelled Homs.",
			[]loc{{"Homs", "Homs", 34.73, 36.72, "Homs", "SYR", 1}}},
		{"country only", "The war in Syria continued.",
			[]loc{{"Syria", "Syria", 35.00, 38.50, "", "SYR", 3}}},
		{"region", "Rebels lost ground in the Syrian Badia.",
			[]loc{{"Syrian Badia", "Badia", 34.00, 38.50, "Homs", "SYR", 3}}},
		{"region named after a nearby town is a small area", "Hezbollah attacked the Jurud Arsal border region.",
			[]loc{{"Jurud Arsal border region", "Jurud Arsal", 34.15, 36.46, "Baalbek-Hermel", "LBN", 2}}},
		{"slopes of mountains", "Clashes on the eastern slopes of the Qalamoun mountains.",
			[]loc{{"the eastern slopes of the Qalamoun mountains", "eastern slopes of Qalamoun", slopeLat, slopeLon, "Rural Damascus", "SYR", 2}}},
		{"air base", "Russian jets flew from the Hmeymim air base.",
			[]loc{{"Hmeymim air base", "Hmeymim", 35.41, 35.95, "Lattakia", "SYR", 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summarise(tt.text, r.Locate(tt.text, ""))
			if diff := cmp.Diff(tt.want, got, approx); diff != "" {
				t.Errorf("Locate(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestLocateCoreference(t *testing.T) {
	r := testResolver(t)
	tabSLat, tabSLon := at(35.83, 38.55, 20, 180)
	palLat, palLon := at(34.56, 38.28, 60, 225)
	tests := []struct {
		name string
		text string
		want []loc
	}{
		{"the city", "Regime forces entered Tabqa on Monday. The city was quiet by evening.",
			[]loc{
				{"Tabqa", "Tabqa", 35.83, 38.55, "Ar-Raqqa", "SYR", 1},
				{"The city", "Tabqa", 35.83, 38.55, "Ar-Raqqa", "SYR", 1},
			}},
		{"the city after a relative location is the city", "Troops advanced 60 km southwest of Palmyra. The city itself was calm.",
			[]loc{
				{"60 km southwest of Palmyra", "60 km southwest of Palmyra", palLat, palLon, "Homs", "SYR", 2},
				{"The city", "Palmyra", 34.56, 38.28, "Homs", "SYR", 1},
			}},
		{"the town after a descriptor", "The army took the town of Ghanim al-Ali. Militants shelled the town overnight.",
			[]loc{
				{"Ghanim al-Ali", "Ghanim al-Ali", 35.775, 39.403, "Ar-Raqqa", "SYR", 1},
				{"the town", "Ghanim al-Ali", 35.775, 39.403, "Ar-Raqqa", "SYR", 1},
			}},
		{"the besieged city skips a province", "Rebels held Homs. Clashes spread across Raqqa province. Food ran out in the besieged city.",
			[]loc{
				{"Homs", "Homs", 34.73, 36.72, "Homs", "SYR", 1},
				{"Raqqa province", "Ar-Raqqa province", 35.70, 38.80, "Ar-Raqqa", "SYR", 3},
				{"the besieged city", "Homs", 34.73, 36.72, "Homs", "SYR", 1},
			}},
		{"the outpost", "Troops are based at a small outpost near the a-Tanf border crossing. A drone struck the outpost on Tuesday.",
			[]loc{
				{"near the a-Tanf border crossing", "near al-Tanf", 33.50, 38.62, "Homs", "SYR", 2},
				{"the outpost", "near al-Tanf", 33.50, 38.62, "Homs", "SYR", 2},
			}},
		{"the province", "Clashes erupted in Raqqa province. The province has seen heavy fighting.",
			[]loc{
				{"Raqqa province", "Ar-Raqqa province", 35.70, 38.80, "Ar-Raqqa", "SYR", 3},
				{"The province", "Ar-Raqqa province", 35.70, 38.80, "Ar-Raqqa", "SYR", 3},
			}},
		{"the province of a town", "Militants attacked Tabqa. The province is largely held by the SDF.",
			[]loc{
				{"Tabqa", "Tabqa", 35.83, 38.55, "Ar-Raqqa", "SYR", 1},
				{"The province", "Ar-Raqqa province", 35.70, 38.80, "Ar-Raqqa", "SYR", 3},
			}},
		{"city of the same name", "Rebels shelled army posts across Deir ez-Zur province and then the city of the same name.",
			[]loc{
				{"Deir ez-Zur province", "Deir ez-Zor province", 35.00, 40.30, "Deir-ez-Zor", "SYR", 3},
				{"the city of the same name", "Deir ez-Zor", 35.33, 40.14, "Deir-ez-Zor", "SYR", 1},
			}},
		{"provincial capital", "Clashes erupted in Raqqa province. Residents of the provincial capital fled.",
			[]loc{
				{"Raqqa province", "Ar-Raqqa province", 35.70, 38.80, "Ar-Raqqa", "SYR", 3},
				{"the provincial capital", "Raqqa", 35.95, 39.01, "Ar-Raqqa", "SYR", 1},
			}},
		{"there", "Militants still hold Tabqa. Air strikes there killed five.",
			[]loc{
				{"Tabqa", "Tabqa", 35.83, 38.55, "Ar-Raqqa", "SYR", 1},
				{"there", "Tabqa", 35.83, 38.55, "Ar-Raqqa", "SYR", 1},
			}},
		{"near the city", "Troops entered Tabqa. Shells fell near the city overnight.",
			[]loc{
				{"Tabqa", "Tabqa", 35.83, 38.55, "Ar-Raqqa", "SYR", 1},
				{"near the city", "near Tabqa", 35.83, 38.55, "Ar-Raqqa", "SYR", 2},
			}},
		{"direction from an anaphor", "Troops entered Tabqa. Clashes broke out south of the city.",
			[]loc{
				{"Tabqa", "Tabqa", 35.83, 38.55, "Ar-Raqqa", "SYR", 1},
				{"south of the city", "south of Tabqa", tabSLat, tabSLon, "Ar-Raqqa", "SYR", 2},
			}},
		{"the outskirts", "Troops entered Tabqa. Militants regrouped on the outskirts.",
			[]loc{
				{"Tabqa", "Tabqa", 35.83, 38.55, "Ar-Raqqa", "SYR", 1},
				{"the outskirts", "Tabqa", 35.83, 38.55, "Ar-Raqqa", "SYR", 1},
			}},
		{"the countryside", "Troops entered Tabqa. Shelling hit the countryside.",
			[]loc{
				{"Tabqa", "Tabqa", 35.83, 38.55, "Ar-Raqqa", "SYR", 1},
				{"the countryside", "Ar-Raqqa province", 35.70, 38.80, "Ar-Raqqa", "SYR", 3},
			}},
		{"the area is near", "Fighting flared in Homs. Residents fled the area.",
			[]loc{
				{"Homs", "Homs", 34.73, 36.72, "Homs", "SYR", 1},
				{"the area", "Homs", 34.73, 36.72, "Homs", "SYR", 2},
			}},
		{"the area is not a country", "Fighting flared in Homs. Syria has seen worse. Residents fled the area.",
			[]loc{
				{"Homs", "Homs", 34.73, 36.72, "Homs", "SYR", 1},
				{"Syria", "Syria", 35.00, 38.50, "", "SYR", 3},
				{"the area", "Homs", 34.73, 36.72, "Homs", "SYR", 2},
			}},
		{"existential there", "Troops reached Homs. There were clashes, and there are fears of more.",
			[]loc{{"Homs", "Homs", 34.73, 36.72, "Homs", "SYR", 1}}},
		{"blocked anaphor", "Troops reached Homs. The city council met.",
			[]loc{{"Homs", "Homs", 34.73, 36.72, "Homs", "SYR", 1}}},
		{"no antecedent", "The city was quiet.", []loc{}},
		{"incompatible antecedent", "Troops entered Syria. The town fell.",
			[]loc{{"Syria", "Syria", 35.00, 38.50, "", "SYR", 3}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summarise(tt.text, r.Locate(tt.text, ""))
			if diff := cmp.Diff(tt.want, got, approx); diff != "" {
				t.Errorf("Locate(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestLocateDisambiguation(t *testing.T) {
	r := testResolver(t)
	tests := []struct {
		name     string
		text     string
		dateline string
		want     []loc
	}{
		{"Tripoli near Homs is in Lebanon", "Shells fired from Homs landed in Tripoli.", "",
			[]loc{
				{"Homs", "Homs", 34.73, 36.72, "Homs", "SYR", 1},
				{"Tripoli", "Tripoli", 34.43, 35.84, "North", "LBN", 1},
			}},
		{"Tripoli with Benghazi is in Libya", "Militias from Benghazi marched on Tripoli.", "",
			[]loc{
				{"Benghazi", "Benghazi", 32.12, 20.07, "Benghazi", "LBY", 1},
				{"Tripoli", "Tripoli", 32.89, 13.19, "Tripoli", "LBY", 1},
			}},
		{"dateline in text is not a location", "AMMAN: Rebels lost ground near Palmyra.", "AMMAN",
			[]loc{{"near Palmyra", "near Palmyra", 34.56, 38.28, "Homs", "SYR", 2}}},
		{"wire dateline", "BEIRUT (Reuters) - Clashes shook Homs.", "",
			[]loc{{"Homs", "Homs", 34.73, 36.72, "Homs", "SYR", 1}}},
		{"dateline with region", "BEIRUT, Lebanon – Clashes shook Tripoli.", "",
			[]loc{{"Tripoli", "Tripoli", 34.43, 35.84, "North", "LBN", 1}}},
		{"relative anchor picks the nearby homonym", "Troops took Saida, east of Daraa city, a monitor in Beirut and Tripoli said.", "",
			[]loc{
				{"Saida", "Saida", 32.665, 36.206, "Daraa", "SYR", 1},
				{"east of Daraa city", "east of Daraa", 32.62, 36.31, "Daraa", "SYR", 2},
				{"Beirut", "Beirut", 33.89, 35.50, "Beirut", "LBN", 1},
				{"Tripoli", "Tripoli", 34.43, 35.84, "North", "LBN", 1},
			}},
		{"a homonym far from the anchor keeps its own pick", "Jets struck Saida, north of Beirut.", "",
			[]loc{
				{"Saida", "Saida", 33.56, 35.37, "South", "LBN", 1},
				{"north of Beirut", "north of Beirut", 34.07, 35.50, "Beirut", "LBN", 2},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summarise(tt.text, r.Locate(tt.text, tt.dateline))
			if diff := cmp.Diff(tt.want, got, approx); diff != "" {
				t.Errorf("Locate(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestLocateBorders(t *testing.T) {
	r := testResolver(t)
	tests := []struct {
		name string
		text string
		want []loc
	}{
		{"demonym border", "Militants regrouped in areas near the Jordanian border after losing Palmyra.",
			[]loc{
				{"near the Jordanian border", "near the Jordanian border", 33.10, 37.50, "", "SYR", 3},
				{"Palmyra", "Palmyra", 34.56, 38.28, "Homs", "SYR", 1},
			}},
		{"border with a country", "Rebels from Homs fled towards the border with Jordan.",
			[]loc{
				{"Homs", "Homs", 34.73, 36.72, "Homs", "SYR", 1},
				{"towards the border with Jordan", "towards the border with Jordan", 33.10, 37.50, "", "SYR", 3},
			}},
		{"two demonyms", "Convoys crossed the Syrian-Iraqi border.",
			[]loc{{"the Syrian-Iraqi border", "the Syrian-Iraqi border", 34.00, 41.25, "", "SYR", 3}}},
		{"borders with two countries", "IS holds desert stretching to the borders with Iraq and Jordan.",
			[]loc{{"the borders with Iraq and Jordan", "the borders with Iraq and Jordan", 33.55, 39.375, "", "SYR", 3}}},
		{"no valley after a border", "Convoys crossed the Syrian-Iraqi border. The valley is held by militants. Fighting in the area went on.",
			[]loc{
				{"the Syrian-Iraqi border", "the Syrian-Iraqi border", 34.00, 41.25, "", "SYR", 3},
				{"the area", "the Syrian-Iraqi border", 34.00, 41.25, "", "SYR", 3},
			}},
		{"near a foreign country is the border area", "Rebels took villages near Palmyra in Syria and close to Iraq.",
			[]loc{
				{"near Palmyra", "near Palmyra", 34.56, 38.28, "Homs", "SYR", 2},
				{"Syria", "Syria", 35.00, 38.50, "", "SYR", 3},
				{"close to Iraq", "near Iraq", 34.00, 41.25, "", "SYR", 3},
			}},
		{"near the home country stays", "Iraqi forces massed near Iraq's border towns, officials in Iraq said.",
			[]loc{
				{"near Iraq", "near Iraq", 33.00, 44.00, "", "IRQ", 3},
				{"Iraq", "Iraq", 33.00, 44.00, "", "IRQ", 3},
			}},
		{"curated border", "Fighters will withdraw from the Syria-Lebanon border.",
			[]loc{{"the Syria-Lebanon border", "the Syria-Lebanon border", 34.20, 36.45, "Baalbek-Hermel", "LBN", 3}}},
		{"curated border by demonym", "Fighters will withdraw towards the Lebanese border.",
			[]loc{{"towards the Lebanese border", "towards the Lebanese border", 34.20, 36.45, "Baalbek-Hermel", "LBN", 3}}},
		{"curated border by name", "Fighters will withdraw towards the border with Lebanon.",
			[]loc{{"towards the border with Lebanon", "towards the border with Lebanon", 34.20, 36.45, "Baalbek-Hermel", "LBN", 3}}},
		{"no border word", "A Jordanian official visited Homs.",
			[]loc{{"Homs", "Homs", 34.73, 36.72, "Homs", "SYR", 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summarise(tt.text, r.Locate(tt.text, ""))
			if diff := cmp.Diff(tt.want, got, approx); diff != "" {
				t.Errorf("Locate(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestLocateCapitals(t *testing.T) {
	r := testResolver(t)
	damNLat, damNLon := at(33.51, 36.29, 20, 0)
	tests := []struct {
		name string
		text string
		want []loc
	}{
		{"demonym capital", "Rockets hit the Jordanian capital on Friday.",
			[]loc{{"the Jordanian capital", "Amman", 31.95, 35.93, "Amman", "JOR", 1}}},
		{"capital of a country", "Protests spread to the capital of Iraq.",
			[]loc{{"the capital of Iraq", "Baghdad", 33.34, 44.40, "Baghdad", "IRQ", 1}}},
		{"the capital of the focus country", "Rebels shelled Homs. Mortars also fell on the capital.",
			[]loc{
				{"Homs", "Homs", 34.73, 36.72, "Homs", "SYR", 1},
				{"the capital", "Damascus", 33.51, 36.29, "Damascus", "SYR", 1},
			}},
		{"relative to the capital", "Shells fell 20 km north of the Syrian capital.",
			[]loc{{"20 km north of the Syrian capital", "20 km north of Damascus", damNLat, damNLon, "Damascus", "SYR", 2}}},
		{"provincial capital is not a country's", "Rebels entered the provincial capital.", []loc{}},
		{"capital of a province is not a country's", "Rebels entered the capital of the province.", []loc{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summarise(tt.text, r.Locate(tt.text, ""))
			if diff := cmp.Diff(tt.want, got, approx); diff != "" {
				t.Errorf("Locate(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestLocatePlausibility(t *testing.T) {
	r := testResolver(t)
	tests := []struct {
		name string
		text string
		want []loc
	}{
		{"a person's name is not a small far-away town", "Ryan Smith said shells hit Homs.",
			[]loc{{"Homs", "Homs", 34.73, 36.72, "Homs", "SYR", 1}}},
		{"a described village stays", "Gunmen raided the village of Ryan overnight.",
			[]loc{{"Ryan", "Ryan", 34.02, -97.96, "Oklahoma", "USA", 1}}},
		{"a populous exactly spelled city stays", "Washington condemned the attack on Homs.",
			[]loc{
				{"Washington", "Washington", 38.90, -77.04, "District of Columbia", "USA", 1},
				{"Homs", "Homs", 34.73, 36.72, "Homs", "SYR", 1},
			}},
		{"two close places corroborate each other", "Fighting in Arsal spread to Ras Baalbek.",
			[]loc{
				{"Arsal", "Arsal", 34.179, 36.421, "Baalbek-Hermel", "LBN", 1},
				{"Ras Baalbek", "Ras Baalbek", 34.26, 36.42, "Baalbek-Hermel", "LBN", 1},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := summarise(tt.text, r.Locate(tt.text, ""))
			if diff := cmp.Diff(tt.want, got, approx); diff != "" {
				t.Errorf("Locate(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// misspelled is a gazetteer whose Lookup finds Tabqa for "Tabaka" only by
// sound: its spelling factor (two edits) is 0.16.
type misspelled struct{ *fakeGazetteer }

func (m misspelled) Lookup(name string) []kb.Candidate {
	cs := m.fakeGazetteer.Lookup(name)
	if name != "Tabaka" {
		return cs
	}
	cs = m.fakeGazetteer.Lookup("Tabqa")
	out := make([]kb.Candidate, len(cs))
	for i, c := range cs {
		out[i] = kb.Candidate{Place: c.Place, Score: c.Score * 0.16}
	}
	return out
}

func (m misspelled) Mentions(text string) []kb.PlaceMention {
	ms := m.fakeGazetteer.Mentions(text)
	if i := strings.Index(text, "Tabaka"); i >= 0 {
		ms = append(ms, kb.PlaceMention{Start: i, End: i + 6, Text: "Tabaka", Candidates: m.fakeGazetteer.Lookup("Tabqa")})
	}
	return ms
}

func TestLocateSpelling(t *testing.T) {
	r := newResolver(misspelled{newFakeGazetteer(testPlaces)}, DefaultCues())
	text := "Tabaka said the army shelled Raqqa."
	want := []loc{{"Raqqa", "Raqqa", 35.95, 39.01, "Ar-Raqqa", "SYR", 1}}
	if diff := cmp.Diff(want, summarise(text, r.Locate(text, "")), approx); diff != "" {
		t.Errorf("Locate(%q) mismatch (-want +got):\n%s", text, diff)
	}
}

func TestOffset(t *testing.T) {
	tests := []struct {
		name                  string
		lat, lon, km, bearing float64
		wantLat, wantLon      float64
	}{
		{"one degree north on the equator", 0, 0, 111.195, 0, 1, 0},
		{"one degree east on the equator", 0, 0, 111.195, 90, 0, 1},
		{"zero distance", 34.56, 38.28, 0, 225, 34.56, 38.28},
		{"60 km southwest of Palmyra", 34.56, 38.28, 60, 225, 34.1776, 37.8188},
		{"across the antimeridian", 0, 179.9, 22.239, 90, 0, -179.9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lat, lon := Offset(tt.lat, tt.lon, tt.km, tt.bearing)
			if diff := cmp.Diff([2]float64{tt.wantLat, tt.wantLon}, [2]float64{lat, lon}, cmpopts.EquateApprox(0, 0.002)); diff != "" {
				t.Errorf("Offset mismatch (-want +got):\n%s", diff)
			}
			if d := Distance(tt.lat, tt.lon, lat, lon); math.Abs(d-tt.km) > 1e-6*math.Max(1, tt.km) {
				t.Errorf("Distance of the offset = %v km, want %v", d, tt.km)
			}
		})
	}
	// Every bearing keeps the haversine distance.
	for b := 0.0; b < 360; b += 15 {
		lat, lon := Offset(35.95, 39.01, 60, b)
		if d := Distance(35.95, 39.01, lat, lon); math.Abs(d-60) > 1e-6 {
			t.Errorf("bearing %v: distance %v, want 60", b, d)
		}
	}
}

func TestLoadCues(t *testing.T) {
	c := DefaultCues()
	if c.Directions["southwest"] != 225 || c.Units["miles"] == 0 || len(c.Anaphora) == 0 {
		t.Fatalf("built-in cues incomplete: %+v", c)
	}
	if _, err := LoadCues(strings.NewReader("directions: [")); err == nil {
		t.Error("LoadCues accepted broken YAML")
	}
}

func TestCuesFromDir(t *testing.T) {
	dir := t.TempDir()
	if c, err := CuesFromDir(dir); err != nil || c.BareDirectionKm != 20 {
		t.Fatalf("CuesFromDir(empty dir) = %v, %v; want the built-in cues", c, err)
	}
	overlay := "bare_direction_km: 15\ndirections:\n  nne: 22.5\n"
	if err := os.WriteFile(filepath.Join(dir, CuesFile), []byte(overlay), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := CuesFromDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := []float64{c.BareDirectionKm, c.Directions["nne"], c.Directions["southwest"]}
	if diff := cmp.Diff([]float64{15, 22.5, 225}, got); diff != "" {
		t.Errorf("overlaid cues mismatch (-want +got):\n%s", diff)
	}
	if err := os.WriteFile(filepath.Join(dir, CuesFile), []byte("directions: ["), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := CuesFromDir(dir); err == nil {
		t.Error("CuesFromDir accepted broken YAML")
	}
}

func TestNilGazetteer(t *testing.T) {
	r := NewResolver(nil)
	if got := r.Locate("Fighting in Raqqa.", ""); got != nil {
		t.Errorf("Locate with no gazetteer = %v, want nil", got)
	}
}

func TestLocateConcurrent(t *testing.T) {
	r := testResolver(t)
	text := benchReport()
	want := r.Locate(text, "AMMAN")
	done := make(chan []Location)
	for i := 0; i < 4; i++ {
		go func() { done <- r.Locate(text, "AMMAN") }()
	}
	for i := 0; i < 4; i++ {
		if diff := cmp.Diff(want, <-done); diff != "" {
			t.Errorf("concurrent Locate differs (-want +got):\n%s", diff)
		}
	}
}
