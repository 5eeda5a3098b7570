package text

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestAttributions(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Attribution
	}{
		{"post-posed", "Government forces took the village on Tuesday, the Observatory said.",
			[]Attribution{{Source: "the Observatory", Verb: "said"}}},
		{"post-posed with day", "Jets hit the bakery, the monitor said on Sunday.",
			[]Attribution{{Source: "the monitor", Verb: "said"}}},
		{"named spokesman", "Coalition spokesman US Army Col. Ryan Dillon said on Sunday that 40 fighters had surrendered.",
			[]Attribution{{Source: "Coalition spokesman US Army Col. Ryan Dillon", Verb: "said"}}},
		{"day before verb", "The Observatory on Sunday said 12 were killed.",
			[]Attribution{{Source: "The Observatory", Verb: "said"}}},
		{"inverted", `"We will not leave," said a spokesman for the Raqqa military council.`,
			[]Attribution{{Source: "a spokesman for the Raqqa military council", Verb: "said"}}},
		{"according to", "The town fell after heavy fighting, according to the Observatory.",
			[]Attribution{{Source: "the Observatory", Verb: "according to"}}},
		{"according to reports", "According to reports, the convoy was hit.",
			[]Attribution{{Source: "reports", Verb: "according to"}}},
		{"according to with day", "according to a military source on Monday",
			[]Attribution{{Source: "a military source", Verb: "according to"}}},
		{"told outlet", "A military source told AFP that the army had entered the district.",
			[]Attribution{{Source: "A military source", Verb: "told", To: "AFP"}}},
		{"told two word outlet", "A local activist told Syria Direct the bridge was destroyed.",
			[]Attribution{{Source: "A local activist", Verb: "told", To: "Syria Direct"}}},
		{"appositive", "Abu Omar, a resident, told Syria Direct on Monday that shelling continued.",
			[]Attribution{{Source: "Abu Omar", Verb: "told", To: "Syria Direct"}}},
		{"told cnn", "A top Lebanese official told CNN the border was closed.",
			[]Attribution{{Source: "A top Lebanese official", Verb: "told", To: "CNN"}}},
		{"told reporters", "He told reporters the group was retreating.",
			[]Attribution{{Source: "He", Verb: "told", To: "reporters"}}},
		{"reported", "SANA reported that five civilians were wounded.",
			[]Attribution{{Source: "SANA", Verb: "reported"}}},
		{"claimed", "Rebel sources claimed the hill was retaken.",
			[]Attribution{{Source: "Rebel sources", Verb: "claimed"}}},
		{"announced", "The SDF announced the start of the offensive.",
			[]Attribution{{Source: "The SDF", Verb: "announced"}}},
		{"stated", "The ministry stated that the crossing is open.",
			[]Attribution{{Source: "The ministry", Verb: "stated"}}},
		{"confirmed", "A coalition official confirmed the strike.",
			[]Attribution{{Source: "A coalition official", Verb: "confirmed"}}},
		{"denied", "The rebels denied the claim.",
			[]Attribution{{Source: "The rebels", Verb: "denied"}}},
		{"citing", "The attack killed 12 people, state media reported, citing a local official.",
			[]Attribution{{Source: "state media", Verb: "reported"}, {Source: "a local official", Verb: "citing"}}},
		{"passive not attribution", "Dozens were reported killed in the strikes.", nil},
		{"said to be", "The commander is said to be wounded.", nil},
		{"pronoun", "It said the road was cut.", []Attribution{{Source: "It", Verb: "said"}}},
		{"present tense", "The Observatory says 30 died.", []Attribution{{Source: "The Observatory", Verb: "said"}}},
		{"clause before subject", "The army advanced and the Observatory said 30 died.",
			[]Attribution{{Source: "the Observatory", Verb: "said"}}},
		{"no attribution", "Troops entered the town on Monday.", nil},
		{"double appositive", "Sam Reed, an analyst at the Field Institute, a research group, said the front was stable.",
			[]Attribution{{Source: "Sam Reed", Verb: "said"}}},
		{"hyphenated appositive", "The Northern Front, a U.S.-designated group, claimed responsibility for the attack.",
			[]Attribution{{Source: "The Northern Front", Verb: "claimed"}}},
		{"adverb trimmed", "The group immediately claimed the attack.", []Attribution{{Source: "The group", Verb: "claimed"}}},
		{"inverted needs a speaker", "Fighting resumed, claimed responsibility.", nil},
		{"appositive after quote", "“We will defend ourselves,” a spokesman for the coalition, told Syria Direct.",
			[]Attribution{{Source: "a spokesman for the coalition", Verb: "told", To: "Syria Direct"}}},
		{"bracketed aside", "A veteran Free Syrian Army (FSA) unit leader told Syria Direct the bridge was cut.",
			[]Attribution{{Source: "A veteran Free Syrian Army (FSA) unit leader", Verb: "told", To: "Syria Direct"}}},
		{"coordinated speakers", "The dam was retaken, several coalition and Iraqi army officers told CNN.",
			[]Attribution{{Source: "several coalition and Iraqi army officers", Verb: "told", To: "CNN"}}},
		{"leading time phrase", "Earlier this month Sam Reed alleged that the deal was broken.",
			[]Attribution{{Source: "Sam Reed", Verb: "claimed"}}},
		{"negated verb", "The army has not officially explained the move.",
			[]Attribution{{Source: "The army", Verb: "said"}}},
		{"quote opened in earlier sentence", `So we left," Omar told Reuters.`,
			[]Attribution{{Source: "Omar", Verb: "told", To: "Reuters"}}},
		{"name before description", `Troops "hold half the city", Sam Reed, head of the monitor, told AFP.`,
			[]Attribution{{Source: "Sam Reed", Verb: "told", To: "AFP"}}},
		{"told the outlet", "A commander told the Eastland Post the hill fell.",
			[]Attribution{{Source: "A commander", Verb: "told", To: "the Eastland Post"}}},
		{"told possessive is no addressee", "The coalition has told its allies to stop.",
			[]Attribution{{Source: "The coalition", Verb: "told"}}},
		{"relative clause on a charge", "Rebels blamed the army, a charge Eastland denied.",
			[]Attribution{{Source: "Eastland", Verb: "denied"}}},
		{"addressee stops before clause subject", "A medic told VOA the Northern Front had left.",
			[]Attribution{{Source: "A medic", Verb: "told", To: "VOA"}}},
		{"lone adverb", "The road, which, Omar said, largely explained the delay, was cut.",
			[]Attribution{{Source: "Omar", Verb: "said"}}},
		{"relative clause", "The Observatory, which relies on sources inside the country, said 12 died.",
			[]Attribution{{Source: "The Observatory", Verb: "said"}}},
		{"named agency appositive", "SANA, the state news agency, said the road was open.",
			[]Attribution{{Source: "SANA", Verb: "said"}}},
		{"description then name", "A spokesman for the Eastland Defence Ministry, Major-General Sam Reed, said the strikes killed 120 militants.",
			[]Attribution{{Source: "Major-General Sam Reed", Verb: "said"}}},
		{"present tense at end", "The offensive has killed 200 fighters, the monitor says.",
			[]Attribution{{Source: "the monitor", Verb: "said"}}},
		{"inverted must end the clause", "Later, said the strikes killed 120 militants.", nil},
		{"name that is a verb", "Said Omar, an official in the faction, said the hill fell.",
			[]Attribution{{Source: "Said Omar", Verb: "said"}}},
		{"hyphenated initial", "Earlier this month, the group's leader, Abu Khalid al-R., said the men would stay.",
			[]Attribution{{Source: "Abu Khalid al-R.", Verb: "said"}}},
		{"leading ago phrase", "Two weeks ago they claimed a checkpoint.", []Attribution{{Source: "they", Verb: "claimed"}}},
		{"noun reports", "Local news reports have named the commander.", nil},
		{"noun claims", "The army rejected claims of civilian deaths.", []Attribution{{Source: "The army", Verb: "denied"}}},
		{"verb reports after name", "SANA reports that the road is open.", []Attribution{{Source: "SANA", Verb: "reported"}}},
		{"capitalised states", "The group is designated by the United States.", nil},
		{"verb inside quotation", `"Nobody denies it was hard," the colonel said.`, []Attribution{{Source: "the colonel", Verb: "said"}}},
		{"verb inside curly quotation", "“This says enough,” she said.", []Attribution{{Source: "she", Verb: "said"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Attributions(tt.in)
			for _, a := range got {
				if tt.in[a.Start:a.End] != a.Source {
					t.Errorf("span %d:%d gives %q, Source is %q", a.Start, a.End, tt.in[a.Start:a.End], a.Source)
				}
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreFields(Attribution{}, "Start", "End"), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Attributions(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func FuzzAttributions(f *testing.F) {
	for _, s := range []string{"X said.", `"Go," said a man.`, "according to", "told", ", , said"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, a := range Attributions(s) {
			if a.Start < 0 || a.End < a.Start || a.End > len(s) || s[a.Start:a.End] != a.Source {
				t.Fatalf("bad span %d:%d for %q", a.Start, a.End, a.Source)
			}
		}
	})
}
