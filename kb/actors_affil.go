package kb

import (
	"strings"
	"time"
)

// AffiliationsAt returns the affiliations of the actor with the key that
// hold on day (From <= day <= To, open ends always hold), its own and those
// inherited from its parents ("part_of" the parent is implied and not
// listed). A zero day returns every affiliation. Unknown keys have none.
func (a *Actors) AffiliationsAt(key string, day time.Time) []Affiliation {
	var out []Affiliation
	seen := map[string]bool{}
	have := map[[2]string]bool{} // the nearest statement of a relation wins
	for k := key; k != "" && !seen[k]; {
		seen[k] = true
		act := a.Get(k)
		if act == nil {
			break
		}
		for _, af := range act.Affiliations {
			rel := [2]string{af.With, af.Relation}
			if have[rel] {
				continue
			}
			if day.IsZero() || affiliationHolds(af, day) {
				have[rel] = true
				out = append(out, af)
			}
		}
		k = act.Parent
	}
	return out
}

// affiliationHolds reports whether af holds on day. A "YYYY" or "YYYY-MM"
// bound covers the whole year or month.
func affiliationHolds(af Affiliation, day time.Time) bool {
	d := day.UTC().Format("2006-01-02")
	if af.From != "" && d < af.From {
		return false
	}
	if af.To != "" && d[:len(af.To)] > af.To {
		return false
	}
	return true
}

// Allies returns the keys that the actor with the key is backed by or
// allied with on day, itself and its root included: the side it fights
// on, for rolling up control ("government and allies"). Relations are
// read in both directions, and the actor's whole family (the actors under
// its root) is on its side.
func (a *Actors) Allies(key string, day time.Time) []string {
	if a == nil {
		return nil
	}
	set := map[string]bool{key: true, a.Root(key): true}
	for _, af := range a.AffiliationsAt(key, day) {
		if af.Relation == "backed_by" || af.Relation == "allied_with" {
			set[af.With] = true
		}
	}
	root := a.Root(key)
	for _, other := range a.list {
		if a.Root(other.Key) == root {
			set[other.Key] = true
		}
		for _, af := range a.AffiliationsAt(other.Key, day) {
			if (af.Relation == "backed_by" || af.Relation == "allied_with") && (af.With == key || af.With == a.Root(key)) {
				set[other.Key] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for _, act := range a.list {
		if set[act.Key] {
			out = append(out, act.Key)
			delete(set, act.Key)
		}
	}
	for k := range set {
		out = append(out, k)
	}
	return out
}

// StateForces returns the state forces of the country with the ISO2 code:
// the root actor with inter code 1 and that country ("SY" gives the
// Military Forces of Syria). A coder reads a generic "government forces" or
// "the army" as the state forces of the report's country. It returns nil
// when the knowledge base has none for the country.
func (a *Actors) StateForces(iso2 string) *Actor {
	if a == nil || iso2 == "" {
		return nil
	}
	return a.stateForces[strings.ToUpper(iso2)]
}
