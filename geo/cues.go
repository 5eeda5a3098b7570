package geo

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
)

//go:embed data/cues.yaml
var builtinCues []byte

// Cues are the words the resolver reads around place names: compass
// directions, distance units, proximity phrases, the parts of a place, kind
// suffixes and anaphoric nouns. They are data (data/cues.yaml) so that a
// user can extend them without touching code.
type Cues struct {
	Directions           map[string]float64 `yaml:"directions"`
	DirectionAdjectives  map[string]float64 `yaml:"direction_adjectives"`
	Units                map[string]float64 `yaml:"units"`
	NumberWords          map[string]float64 `yaml:"number_words"`
	Qualifiers           []string           `yaml:"qualifiers"`
	BareDirectionKm      float64            `yaml:"bare_direction_km"`
	Proximity            []ProximityCue     `yaml:"proximity"`
	DistanceLinks        []string           `yaml:"distance_links"`
	Parts                map[string]PartCue `yaml:"parts"`
	KmByKind             map[string]float64 `yaml:"km_by_kind"`
	PrecisionByKind      map[string]int     `yaml:"precision_by_kind"`
	Suffixes             []SuffixCue        `yaml:"suffixes"`
	RuralPrefixes        []string           `yaml:"rural_prefixes"`
	DescriptorNouns      []string           `yaml:"descriptor_nouns"`
	Articles             []string           `yaml:"articles"`
	Anaphora             []AnaphorCue       `yaml:"anaphora"`
	SameName             []string           `yaml:"same_name"`
	AnaphoraBlockers     []string           `yaml:"anaphora_blockers"`
	ExistentialFollowers []string           `yaml:"existential_followers"`
	AnaphoraMaxBytes     int                `yaml:"anaphora_max_bytes"`
	Focus                FocusWeights       `yaml:"focus"`
	BorderWords          []string           `yaml:"border_words"`
	BorderProximity      []string           `yaml:"border_proximity"`
	Demonyms             map[string]string  `yaml:"demonyms"`
	CapitalWords         []string           `yaml:"capital_words"`
	Capitals             map[string]string  `yaml:"capitals"`
	CompoundAdjectives   []string           `yaml:"compound_adjectives"`
	AreaNouns            []string           `yaml:"area_nouns"`
	MetonymVerbs         []string           `yaml:"metonym_verbs"`
	MetonymSkip          []string           `yaml:"metonym_skip"`
}

// ProximityCue is a phrase such as "near" or "on the outskirts of" that puts
// an event at a place's point with the given precision.
type ProximityCue struct {
	Cue       string `yaml:"cue"`
	Precision int    `yaml:"precision"`
	Label     string `yaml:"label"`
}

// PartCue is a part of a place ("edge", "outskirts", "slopes").
type PartCue struct {
	MinPrecision int `yaml:"min_precision"`
	// Kind, when set, is the kind of place the part belongs to: "the
	// countryside of Aleppo" is Aleppo province.
	Kind string `yaml:"kind"`
}

// SuffixCue is a word after a place name that says which kind of place is
// meant ("province", "border crossing").
type SuffixCue struct {
	Words     string `yaml:"words"`
	Kind      string `yaml:"kind"`
	Precision int    `yaml:"precision"`
	Label     string `yaml:"label"`
}

// AnaphorCue is a noun that refers back to a place named earlier ("the
// city"); Kinds lists the place kinds it may refer to, "*" for any.
type AnaphorCue struct {
	Noun         string   `yaml:"noun"`
	Kinds        []string `yaml:"kinds"`
	MinPrecision int      `yaml:"min_precision"`
	// Exclude lists kinds a "*" anaphor may not refer to ("the area" is
	// not a country).
	Exclude []string `yaml:"exclude"`
	// Bare anaphors stand alone ("there") rather than after "the".
	Bare bool `yaml:"bare"`
	// SameName anaphors are resolved like "the city of the same name":
	// "the provincial capital" is the town named like the province.
	SameName bool `yaml:"same_name"`
	// Expression anaphors refer to the whole earlier expression ("the
	// outpost" after "an outpost near al-Tanf" is near al-Tanf); the others
	// to the place it names ("the city" after "60 km south of Palmyra" is
	// Palmyra).
	Expression bool `yaml:"expression"`
}

// FocusWeights weigh the evidence for a document's country focus.
type FocusWeights struct {
	Dateline     float64            `yaml:"dateline"`
	CountryNamed float64            `yaml:"country_named"`
	Unambiguous  float64            `yaml:"unambiguous"`
	Theatre      map[string]float64 `yaml:"theatre"`
}

// DefaultCues returns the built-in cue words.
func DefaultCues() *Cues {
	c, err := LoadCues(strings.NewReader(string(builtinCues)))
	if err != nil {
		// The embedded file is tested; failing here is a build defect.
		panic(fmt.Sprintf("geo: built-in cues: %v", err))
	}
	return c
}

// LoadCues reads cue words in the YAML format of data/cues.yaml.
func LoadCues(r io.Reader) (*Cues, error) {
	var c Cues
	dec := yaml.NewDecoder(r)
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("decode cues: %w", err)
	}
	if c.BareDirectionKm <= 0 {
		c.BareDirectionKm = 20
	}
	if c.AnaphoraMaxBytes <= 0 {
		c.AnaphoraMaxBytes = 4000
	}
	return &c, nil
}

// CuesFile is where a user's knowledge-base folder keeps cue words.
const CuesFile = "geo_cues.yaml"

// CuesFromDir returns the built-in cue words overlaid by dir/geo_cues.yaml
// when that file exists: its maps add to or replace the built-in entries,
// its lists replace the built-in lists. An empty dir gives the built-in
// cues.
func CuesFromDir(dir string) (*Cues, error) {
	c := DefaultCues()
	if dir == "" {
		return c, nil
	}
	f, err := os.Open(filepath.Join(dir, CuesFile))
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open cues: %w", err)
	}
	defer f.Close()
	if err := yaml.NewDecoder(f).Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("decode %s: %w", f.Name(), err)
	}
	return c, nil
}

// phrase is a cue of one or more lowercase words.
type phrase []string

func words(s string) phrase { return strings.Fields(strings.ToLower(s)) }

// compiledCues holds the cues in the shapes the matcher needs.
type compiledCues struct {
	c               *Cues
	qualifiers      []phrase
	proximity       []proxCue
	distanceLinks   []phrase
	suffixes        []suffixCue
	rural           map[string]bool
	descriptors     map[string]bool
	articles        map[string]bool
	anaphora        []anaphorCue
	sameName        []phrase
	blockers        map[string]bool
	existential     map[string]bool
	compounds       map[string]bool
	areaNouns       map[string]bool
	metonymVerbs    map[string]bool
	metonymSkip     map[string]bool
	borderWords     []phrase
	borderProximity []phrase
	maxSuffixWords  int
	maxAnaphorWords int
}

type proxCue struct {
	words     phrase
	precision int
	label     string
}

type suffixCue struct {
	words     phrase
	kind      string
	precision int
	label     string
}

type anaphorCue struct {
	words        phrase
	kinds        map[string]bool
	any          bool
	minPrecision int
	bare         bool
	expression   bool
	exclude      map[string]bool
	sameName     bool
}

func set(list []string) map[string]bool {
	m := make(map[string]bool, len(list))
	for _, s := range list {
		m[strings.ToLower(s)] = true
	}
	return m
}

func compileCues(c *Cues) *compiledCues {
	cc := &compiledCues{
		c:            c,
		rural:        set(c.RuralPrefixes),
		descriptors:  set(c.DescriptorNouns),
		articles:     set(c.Articles),
		blockers:     set(c.AnaphoraBlockers),
		existential:  set(c.ExistentialFollowers),
		compounds:    set(c.CompoundAdjectives),
		areaNouns:    set(c.AreaNouns),
		metonymVerbs: set(c.MetonymVerbs),
		metonymSkip:  set(c.MetonymSkip),
	}
	for _, q := range c.Qualifiers {
		cc.qualifiers = append(cc.qualifiers, words(q))
	}
	for _, p := range c.Proximity {
		label := p.Label
		if label == "" {
			label = p.Cue
		}
		cc.proximity = append(cc.proximity, proxCue{words(p.Cue), p.Precision, label})
	}
	// Longest cues first, so that "just outside" wins over "outside".
	sortPhrasesDesc(cc.proximity, func(p proxCue) int { return len(p.words) })
	for _, l := range c.DistanceLinks {
		cc.distanceLinks = append(cc.distanceLinks, words(l))
	}
	for _, s := range c.Suffixes {
		w := words(s.Words)
		cc.suffixes = append(cc.suffixes, suffixCue{w, s.Kind, s.Precision, s.Label})
		if len(w) > cc.maxSuffixWords {
			cc.maxSuffixWords = len(w)
		}
	}
	sortPhrasesDesc(cc.suffixes, func(s suffixCue) int { return len(s.words) })
	for _, a := range c.Anaphora {
		ac := anaphorCue{words: words(a.Noun), kinds: map[string]bool{}, minPrecision: a.MinPrecision, bare: a.Bare, expression: a.Expression, exclude: set(a.Exclude), sameName: a.SameName}
		for _, k := range a.Kinds {
			if k == "*" {
				ac.any = true
			}
			ac.kinds[k] = true
		}
		cc.anaphora = append(cc.anaphora, ac)
		if len(ac.words) > cc.maxAnaphorWords {
			cc.maxAnaphorWords = len(ac.words)
		}
	}
	sortPhrasesDesc(cc.anaphora, func(a anaphorCue) int { return len(a.words) })
	for _, b := range c.BorderWords {
		cc.borderWords = append(cc.borderWords, words(b))
	}
	sortPhrasesDesc(cc.borderWords, func(p phrase) int { return len(p) })
	for _, b := range c.BorderProximity {
		cc.borderProximity = append(cc.borderProximity, words(b))
	}
	sortPhrasesDesc(cc.borderProximity, func(p phrase) int { return len(p) })
	for _, s := range c.SameName {
		cc.sameName = append(cc.sameName, words(s))
	}
	return cc
}

// sortPhrasesDesc orders cues by decreasing length, stable.
func sortPhrasesDesc[T any](s []T, n func(T) int) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && n(s[j]) > n(s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// kmForKind says how far a direction moves a place of the given kind.
func (cc *compiledCues) kmForKind(kind string) float64 {
	if v, ok := cc.c.KmByKind[kind]; ok {
		return v
	}
	return cc.c.KmByKind["default"]
}

// precisionForKind is the geo precision of a place named plainly.
func (cc *compiledCues) precisionForKind(kind string) int {
	if v, ok := cc.c.PrecisionByKind[kind]; ok {
		return v
	}
	if v, ok := cc.c.PrecisionByKind["default"]; ok {
		return v
	}
	return 1
}

// suffixFor returns the one-word suffix cue for a descriptor noun ("city",
// "province"), or nil.
func (cc *compiledCues) suffixFor(noun string) *suffixCue {
	for i := range cc.suffixes {
		if s := &cc.suffixes[i]; len(s.words) == 1 && s.words[0] == noun && s.kind != "" {
			return s
		}
	}
	return nil
}
