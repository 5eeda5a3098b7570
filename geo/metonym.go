package geo

// dropMetonyms drops the capitals named as actors: "since Ankara launched
// its offensive", "Damascus denied", "Washington says" name a government,
// not a place where something happened, and must not be the antecedent of
// "the town" either. A capital is a metonym when a verb of the cue list
// (metonym_verbs, after optional metonym_skip words such as "has") follows
// it and no preposition comes before it.
func (r *Resolver) dropMetonyms(v tokenView, locs []located) []located {
	cc := r.cues
	if len(cc.metonymVerbs) == 0 || r.countries.capitals == nil {
		return locs
	}
	kept := locs[:0]
	ti := 0
	for _, l := range locs {
		if l.rel != relNone || l.Place == nil || r.countries.capitals[l.Place.Country] != l.Place {
			kept = append(kept, l)
			continue
		}
		for ti < len(v) && v[ti].start < l.Start {
			ti++
		}
		j := ti
		for j < len(v) && v[j].start < l.End {
			j++
		}
		for j < len(v) && cc.metonymSkip[v[j].low] {
			j++
		}
		prep := ti > 0 && r.isPreposition(v.low(ti-1))
		if !prep && j < len(v) && cc.metonymVerbs[v[j].low] {
			continue
		}
		kept = append(kept, l)
	}
	return kept
}

// isPreposition reports whether w places what follows it: "in Damascus
// said" is a place.
func (r *Resolver) isPreposition(w string) bool {
	switch w {
	case "in", "at", "near", "to", "from", "of", "on", "into", "toward", "towards", "around", "outside", "inside", "over", "across", "via", "through":
		return true
	}
	return false
}
