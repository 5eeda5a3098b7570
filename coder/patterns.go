package coder

import (
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

//go:embed data/*.yaml
var builtin embed.FS

// Pattern maps trigger words to one event code. The file format is
// documented at the top of data/patterns.yaml.
type Pattern struct {
	ID                   string   `yaml:"id"`
	Triggers             []string `yaml:"triggers"`
	POS                  string   `yaml:"pos"`
	EventType            string   `yaml:"event_type"`
	SubEventType         string   `yaml:"sub_event_type"`
	CivilianEventType    string   `yaml:"civilian_event_type"`
	CivilianSubEventType string   `yaml:"civilian_sub_event_type"`
	CAMEO                string   `yaml:"cameo"`
	PLOVER               string   `yaml:"plover"`
	Territory            bool     `yaml:"territory"`
	Standalone           *bool    `yaml:"standalone"`
	Family               string   `yaml:"family"`
	Priority             int      `yaml:"priority"`
	Strength             float64  `yaml:"strength"`
	NeedsActor           bool     `yaml:"needs_actor"`
	NeedsObject          []string `yaml:"needs_object"`
	NotNear              []string `yaml:"not_near"`
	VictimNeeded         bool     `yaml:"victim_needed"`
	NoTarget             bool     `yaml:"no_target"`
	DefaultActor1        string   `yaml:"default_actor1"`
	DefaultInter1        int      `yaml:"default_inter1"`
	DefaultTarget        string   `yaml:"default_target"`
	ObjectAfter          bool     `yaml:"object_after"`
	// NotPhrases are phrases starting at the trigger that give it another
	// sense ("demonstrate that", "a demonstration of", "rally support").
	NotPhrases []string `yaml:"not_phrases"`
	// ObjectWindow is how many words around the trigger needs_object
	// looks (default 6).
	ObjectWindow int `yaml:"object_window"`
	// RoleAtObject: the actors stand around the needs_object verb before
	// the trigger ("X broke the Y siege": X the actor, Y the target).
	RoleAtObject       bool `yaml:"role_at_object"`
	notPhrases         [][]string
	standaloneResolved bool
	needsObjectLemmas  map[string]bool
	notNearLemmas      map[string]bool
}

// Refinement replaces a pattern's type when instrument words occur near the
// trigger ("coalition warplanes attacked" is an air strike).
type Refinement struct {
	Patterns     []string `yaml:"patterns"`
	IfWords      []string `yaml:"if_words"`
	Window       int      `yaml:"window"`
	EventType    string   `yaml:"event_type"`
	SubEventType string   `yaml:"sub_event_type"`
	CAMEO        string   `yaml:"cameo"`
	PLOVER       string   `yaml:"plover"`
	ifPhrases    [][]string
}

// patternFile is the YAML layout of a patterns file.
type patternFile struct {
	Forms       map[string]string `yaml:"forms"`
	Patterns    []Pattern         `yaml:"patterns"`
	Refinements []Refinement      `yaml:"refinements"`
}

// ZoneCue names the phrases that declare one kind of zone.
type ZoneCue struct {
	Kind string   `yaml:"kind"`
	Cues []string `yaml:"cues"`
}

// cueFile is the YAML layout of data/cues.yaml.
type cueFile struct {
	Irrealis          []string  `yaml:"irrealis"`
	Negation          []string  `yaml:"negation"`
	Denial            []string  `yaml:"denial"`
	InfinitiveOK      []string  `yaml:"infinitive_ok"`
	Aggregate         []string  `yaml:"aggregate"`
	Death             []string  `yaml:"death"`
	Injury            []string  `yaml:"injury"`
	Civilians         []string  `yaml:"civilians"`
	Pronouns          []string  `yaml:"pronouns"`
	PlacePreps        []string  `yaml:"place_preps"`
	AssocJoiners      []string  `yaml:"assoc_joiners"`
	Zones             []ZoneCue `yaml:"zones"`
	RadiusCues        []string  `yaml:"radius_cues"`
	RadiusDefaultKind string    `yaml:"radius_default_kind"`
	ToPreposition     []string  `yaml:"to_preposition"`
	Progressive       []string  `yaml:"progressive"`
	ModalAfter        []string  `yaml:"modal_after"`
	ClauseBreaks      []string  `yaml:"clause_breaks"`
	GerundOK          []string  `yaml:"gerund_ok"`
	LightVerbs        []string  `yaml:"light_verbs"`
	Generic           []string  `yaml:"generic"`
	Reporting         []string  `yaml:"reporting"`
	Nonfactive        []string  `yaml:"nonfactive"`
	Appeal            []string  `yaml:"appeal"`
	ReferBack         []string  `yaml:"refer_back"`
	FutureTime        []string  `yaml:"future_time"`
	Dispute           []string  `yaml:"dispute"`
	Victory           []string  `yaml:"victory"`
	AppealBreaks      []string  `yaml:"appeal_breaks"`
	Accusation        []string  `yaml:"accusation"`
	Harm              []string  `yaml:"harm"`
	NoDeaths          []string  `yaml:"no_deaths"`
	BackerWords       []string  `yaml:"backer_words"`
	PronounWords      []string  `yaml:"pronoun_words"`
	StateWords        []string  `yaml:"state_words"`
	SecurityWords     []string  `yaml:"security_words"`
	StateDescriptors  []string  `yaml:"state_descriptors"`
	GroupDescriptors  []string  `yaml:"group_descriptors"`
	GroupWords        []string  `yaml:"group_words"`
	NamedGroups       []string  `yaml:"named_groups"`
	NewThread         []string  `yaml:"new_thread"`
	// LocalCoalitions maps a country (ISO2) to the actor key a bare "the
	// coalition" stands for there; CoalitionKey is the key the bare
	// mention is read as by default.
	LocalCoalitions map[string]string `yaml:"local_coalitions"`
	CoalitionKey    string            `yaml:"coalition_key"`
	HolderCues      []string          `yaml:"holder_cues"`
	// HolderAfter are nouns right after an actor that make it the holder
	// of a captured place ("a YPG stronghold"); HolderUnder are nouns
	// after "under X" ("under rebel control"); Withdrawals are verbs after
	// "after X" ("after IS fighters fled"): the actor lost the place.
	HolderAfter []string `yaml:"holder_after"`
	HolderUnder []string `yaml:"holder_under"`
	Withdrawals []string `yaml:"withdrawals"`
	// HeldWords after a hyphen make the actor before it the holder of the
	// place named next ("the IS-held town of X").
	HeldWords []string `yaml:"held_words"`
	// ObjectPronouns name a backer after "backed by" ("backed by them").
	ObjectPronouns []string `yaml:"object_pronouns"`
	// StateTargets are nouns that, after a state word ("an army
	// checkpoint", "police station"), make the state's forces the target;
	// StateActorKey is the generic actor they name.
	StateTargets  []string `yaml:"state_targets"`
	StateActorKey string   `yaml:"state_actor_key"`
	// PeopleWords name unspecified victims ("38 people"); killed by a
	// bomb, a strike or shelling they are civilians.
	PeopleWords []string `yaml:"people_words"`
	// UnknownActor names the unknown perpetrator of violence (ACLED's
	// "Unidentified Armed Group"), with its inter code; UnknownTypes are
	// the event types that always have a perpetrator.
	UnknownActor string   `yaml:"unknown_actor"`
	UnknownInter int      `yaml:"unknown_inter"`
	UnknownTypes []string `yaml:"unknown_types"`
	FightWords   []string `yaml:"fight_words"`
	// ElsewhereNames maps the key of a generic actor bound to one country
	// ("Syrian rebels") to the neutral name it prints as elsewhere.
	ElsewhereNames map[string]string `yaml:"elsewhere_names"`
}

// trigger is one trigger phrase of one pattern, as a sequence of lemmas.
type trigger struct {
	words   []string
	pattern *Pattern
}

// rules is the compiled form of the pattern and cue files, built once in New.
type rules struct {
	patterns    []*Pattern
	refinements []Refinement
	// forms maps a lowercase surface word to its lemma.
	forms map[string]string
	// byFirst indexes triggers by their first lemma, longest first.
	byFirst map[string][]trigger

	irrealis, negation, denial, infinitiveOK, aggregate  [][]string
	death, injury, civilians, pronouns, placePreps       [][]string
	assocJoiners                                         [][]string
	deathSet, injurySet, harmSet                         map[string]bool
	zones                                                []zoneRule
	radiusCues                                           [][]string
	radiusKind                                           string
	toPreposition, progressive, modalAfter, clauseBreaks map[string]bool
	gerundOK, lightVerbs, reporting, nonfactive          map[string]bool
	backerWords, pronounWords, stateWords                map[string]bool
	securityWords                                        []string
	stateDescriptors, groupDescriptors, namedGroups      map[string]bool
	groupWords                                           []string
	newThread                                            [][]string
	// appeal holds warnings and appeals whose whole sentence after them
	// states no fact; appealBreaks end their scope ("after", "when").
	appeal       [][]string
	appealBreaks map[string]bool
	// referBack holds phrases that rank an event told before ("one of the
	// deadliest attacks"): no new event.
	referBack [][]string
	// futureTime holds words before a date that put it ahead ("a truce
	// starting from July 21").
	futureTime []string
	// dispute holds words of a sentence disputing the last event told.
	dispute [][]string
	// victory holds declarations of a campaign's end ("declared victory
	// over IS in December 2017"): the battles they name are the campaign.
	victory                       [][]string
	localCoalitions               map[string]string
	coalitionKey                  string
	holderCues                    [][]string
	holderAfter, holderUnder      map[string]bool
	withdrawals, heldWords        map[string]bool
	objectPronouns                map[string]bool
	stateTargets                  map[string]bool
	stateActorKey                 string
	peopleWords                   map[string]bool
	unknownActor                  string
	unknownInter                  int
	unknownTypes                  []string
	fightWords                    map[string]bool
	elsewhereName                 map[string]string
	generic, accusation, noDeaths [][]string
	// subPriority is the highest priority of a pattern per sub-event type,
	// so that a refined trigger ranks as the type it became.
	subPriority map[string]int
}

type zoneRule struct {
	kind string
	cues [][]string
}

// loadRules reads the built-in pattern and cue files and overlays the files
// of the same names in dir, when dir is not empty: an overlay pattern with an
// existing id replaces it, a new id is added; overlay cue lists replace the
// built-in lists they name.
func loadRules(dir string) (*rules, error) {
	var pf patternFile
	var cf cueFile
	if err := readYAML(builtin.ReadFile, "data/patterns.yaml", &pf); err != nil {
		return nil, err
	}
	if err := readYAML(builtin.ReadFile, "data/cues.yaml", &cf); err != nil {
		return nil, err
	}
	if dir != "" {
		var over patternFile
		p := filepath.Join(dir, "patterns.yaml")
		if _, err := os.Stat(p); err == nil {
			if err := readYAML(os.ReadFile, p, &over); err != nil {
				return nil, err
			}
			pf = overlayPatterns(pf, over)
		}
		p = filepath.Join(dir, "cues.yaml")
		if _, err := os.Stat(p); err == nil {
			if err := readYAML(os.ReadFile, p, &cf); err != nil {
				return nil, err
			}
		}
	}
	return compileRules(pf, cf)
}

func readYAML(read func(string) ([]byte, error), name string, v any) error {
	b, err := read(name)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		return fmt.Errorf("parse %s: %w", name, err)
	}
	return nil
}

func overlayPatterns(base, over patternFile) patternFile {
	if base.Forms == nil {
		base.Forms = map[string]string{}
	}
	for k, v := range over.Forms {
		base.Forms[k] = v
	}
	idx := map[string]int{}
	for i, p := range base.Patterns {
		idx[p.ID] = i
	}
	for _, p := range over.Patterns {
		if i, ok := idx[p.ID]; ok {
			base.Patterns[i] = p
		} else {
			base.Patterns = append(base.Patterns, p)
		}
	}
	if len(over.Refinements) > 0 {
		base.Refinements = over.Refinements
	}
	return base
}

func compileRules(pf patternFile, cf cueFile) (*rules, error) {
	r := &rules{forms: map[string]string{}, byFirst: map[string][]trigger{}}
	for k, v := range pf.Forms {
		r.forms[strings.ToLower(k)] = strings.ToLower(v)
	}
	seen := map[string]bool{}
	for i := range pf.Patterns {
		p := &pf.Patterns[i]
		if p.ID == "" {
			return nil, fmt.Errorf("pattern %d: missing id: %w", i, errInvalidPattern)
		}
		if seen[p.ID] {
			return nil, fmt.Errorf("pattern %q: duplicate id: %w", p.ID, errInvalidPattern)
		}
		seen[p.ID] = true
		if p.EventType == "" || p.SubEventType == "" {
			return nil, fmt.Errorf("pattern %q: missing event type: %w", p.ID, errInvalidPattern)
		}
		if len(p.Triggers) == 0 {
			return nil, fmt.Errorf("pattern %q: no triggers: %w", p.ID, errInvalidPattern)
		}
		p.standaloneResolved = p.Standalone == nil || *p.Standalone
		if p.Strength == 0 {
			p.Strength = 0.6
		}
		if p.Family == "" {
			p.Family = p.ID
		}
		p.needsObjectLemmas = lemmaSet(r, p.NeedsObject)
		p.notPhrases = r.phrases(p.NotPhrases)
		p.notNearLemmas = lemmaSet(r, p.NotNear)
		r.patterns = append(r.patterns, p)
		for _, t := range p.Triggers {
			words := r.phrase(t)
			if len(words) == 0 {
				continue
			}
			r.byFirst[words[0]] = append(r.byFirst[words[0]], trigger{words: words, pattern: p})
			for _, w := range words {
				r.addInflections(w)
			}
		}
	}
	for k, ts := range r.byFirst {
		sort.SliceStable(ts, func(i, j int) bool { return len(ts[i].words) > len(ts[j].words) })
		r.byFirst[k] = ts
	}
	for _, ref := range pf.Refinements {
		for _, w := range ref.IfWords {
			ref.ifPhrases = append(ref.ifPhrases, r.phrase(w))
		}
		if ref.Window == 0 {
			ref.Window = 6
		}
		r.refinements = append(r.refinements, ref)
	}
	r.irrealis = r.phrases(cf.Irrealis)
	r.negation = r.phrases(cf.Negation)
	r.denial = r.phrases(cf.Denial)
	r.infinitiveOK = r.phrases(cf.InfinitiveOK)
	r.aggregate = r.rawPhrases(cf.Aggregate)
	r.death = r.rawPhrases(cf.Death)
	r.injury = r.rawPhrases(cf.Injury)
	r.civilians = r.rawPhrases(cf.Civilians)
	r.pronouns = r.rawPhrases(cf.Pronouns)
	r.placePreps = r.rawPhrases(cf.PlacePreps)
	r.assocJoiners = r.rawPhrases(cf.AssocJoiners)
	r.deathSet = wordSet(cf.Death)
	r.injurySet = wordSet(cf.Injury)
	r.harmSet = wordSet(cf.Harm)
	for _, z := range cf.Zones {
		r.zones = append(r.zones, zoneRule{kind: z.Kind, cues: r.rawPhrases(z.Cues)})
	}
	r.radiusCues = r.rawPhrases(cf.RadiusCues)
	r.toPreposition = wordSet(cf.ToPreposition)
	r.progressive = wordSet(cf.Progressive)
	r.modalAfter = wordSet(cf.ModalAfter)
	r.clauseBreaks = wordSet(cf.ClauseBreaks)
	r.gerundOK = wordSet(cf.GerundOK)
	r.lightVerbs = wordSet(cf.LightVerbs)
	r.reporting = wordSet(cf.Reporting)
	r.nonfactive = wordSet(cf.Nonfactive)
	r.appeal = r.rawPhrases(cf.Appeal)
	r.appealBreaks = wordSet(cf.AppealBreaks)
	r.referBack = r.rawPhrases(cf.ReferBack)
	r.futureTime = cf.FutureTime
	r.dispute = r.phrases(cf.Dispute)
	r.victory = r.phrases(cf.Victory)
	r.accusation = r.phrases(cf.Accusation)
	r.noDeaths = r.phrases(cf.NoDeaths)
	r.backerWords = wordSet(cf.BackerWords)
	r.pronounWords = wordSet(cf.PronounWords)
	r.stateWords = wordSet(cf.StateWords)
	r.securityWords = cf.SecurityWords
	r.stateDescriptors = wordSet(cf.StateDescriptors)
	r.groupDescriptors = wordSet(cf.GroupDescriptors)
	r.namedGroups = wordSet(cf.NamedGroups)
	r.groupWords = cf.GroupWords
	r.newThread = r.phrases(cf.NewThread)
	r.localCoalitions = cf.LocalCoalitions
	r.coalitionKey = cf.CoalitionKey
	r.holderCues = r.phrases(cf.HolderCues)
	r.holderAfter, r.holderUnder = wordSet(cf.HolderAfter), wordSet(cf.HolderUnder)
	r.withdrawals, r.heldWords = wordSet(cf.Withdrawals), wordSet(cf.HeldWords)
	r.objectPronouns = wordSet(cf.ObjectPronouns)
	r.stateTargets = wordSet(cf.StateTargets)
	r.stateActorKey = cf.StateActorKey
	r.peopleWords = wordSet(cf.PeopleWords)
	r.unknownActor, r.unknownInter, r.unknownTypes = cf.UnknownActor, cf.UnknownInter, cf.UnknownTypes
	r.fightWords = wordSet(cf.FightWords)
	r.elsewhereName = cf.ElsewhereNames
	r.generic = r.phrases(cf.Generic)
	r.subPriority = map[string]int{}
	for _, p := range r.patterns {
		if p.Priority > r.subPriority[p.SubEventType] {
			r.subPriority[p.SubEventType] = p.Priority
		}
	}
	r.radiusKind = cf.RadiusDefaultKind
	if r.radiusKind == "" {
		r.radiusKind = "declared"
	}
	return r, nil
}

func wordSet(ws []string) map[string]bool {
	m := map[string]bool{}
	for _, w := range ws {
		if !strings.Contains(w, " ") {
			m[strings.ToLower(w)] = true
		}
	}
	return m
}

func lemmaSet(r *rules, ws []string) map[string]bool {
	if len(ws) == 0 {
		return nil
	}
	m := map[string]bool{}
	for _, w := range ws {
		for _, x := range r.phrase(w) {
			m[x] = true
			r.addInflections(x)
		}
	}
	return m
}

// phrase splits a trigger or cue phrase into lowercase lemma words.
func (r *rules) phrase(s string) []string {
	toks := tokenize(s)
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		if t.punct {
			continue
		}
		out = append(out, strings.ToLower(t.text))
	}
	return out
}

func (r *rules) phrases(ss []string) [][]string {
	out := make([][]string, 0, len(ss))
	for _, s := range ss {
		if p := r.phrase(s); len(p) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// rawPhrases is phrases without lemmatisation: cue lists spell every form.
func (r *rules) rawPhrases(ss []string) [][]string { return r.phrases(ss) }

// addInflections registers the regular inflections of lemma w so that the
// matcher can map a surface word back to it.
func (r *rules) addInflections(w string) {
	if _, ok := r.forms[w]; !ok {
		r.forms[w] = w
	}
	add := func(f string) {
		if _, ok := r.forms[f]; !ok {
			r.forms[f] = w
		}
	}
	n := len(w)
	if n < 2 {
		return
	}
	last := w[n-1]
	switch {
	case last == 'e':
		add(w + "s")
		add(w + "d")
		add(w[:n-1] + "ing")
	case last == 'y' && !isVowel(w[n-2]):
		add(w[:n-1] + "ies")
		add(w[:n-1] + "ied")
		add(w + "ing")
	default:
		if strings.HasSuffix(w, "s") || strings.HasSuffix(w, "sh") || strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "x") {
			add(w + "es")
		} else {
			add(w + "s")
		}
		add(w + "ed")
		add(w + "ing")
		if n >= 3 && !isVowel(last) && isVowel(w[n-2]) && !isVowel(w[n-3]) && last != 'w' && last != 'x' && last != 'y' {
			add(w + string(last) + "ed")
			add(w + string(last) + "ing")
		}
	}
}

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

// lemma maps a lowercase surface word to the lemma registered for it, or the
// word itself.
func (r *rules) lemma(w string) string {
	if l, ok := r.forms[w]; ok {
		return l
	}
	return w
}
