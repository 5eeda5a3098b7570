package kb

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

//go:embed data/actors data/actors_cues.yaml
var actorsFS embed.FS

// Actor is an armed group, a state's forces, or a description of one side
// ("regime forces", "civilians") as named in news reports.
type Actor struct {
	Key          string        `yaml:"key"`     // canonical id, upper snake: "SDF", "YPG", "SYR_GOV", "MAT"
	Name         string        `yaml:"name"`    // canonical display name printed on events
	Aliases      []string      `yaml:"aliases"` // other names; case as written decides how they match
	Inter        int           `yaml:"inter"`   // ACLED inter code 1..8
	Country      string        `yaml:"country"` // ISO2, may be empty
	Parent       string        `yaml:"parent"`  // Key of the parent
	Generic      bool          `yaml:"generic"` // a description rather than a name
	Affiliations []Affiliation `yaml:"affiliations"`
	// GoldKey is the key of the evaluation scheme (../shared/gold/actors.tsv)
	// that Name is expected to map to; "OTHER" when no row should match.
	GoldKey string `yaml:"gold_key"`
}

// Affiliation is a dated relation of an actor with another one.
type Affiliation struct {
	With     string `yaml:"with"`     // Key of the other actor
	Relation string `yaml:"relation"` // "backed_by", "allied_with", "part_of", "opposes"
	From     string `yaml:"from"`     // "YYYY" or "YYYY-MM-DD", empty = open
	To       string `yaml:"to"`
}

// ActorMention is one actor named in a text.
type ActorMention struct {
	Start, End int    // byte offsets into the text; a backing prefix ("US-backed") is included
	Text       string // the text of the span
	Actor      *Actor
	// BackedBy is the Key of the backer named in a prefix such as
	// "US-backed" or "Turkish-backed", or "" when none.
	BackedBy string
}

// Actors finds armed groups, forces and other actors by name. It is
// immutable after loading and safe for concurrent use.
type Actors struct {
	version string
	list    []*Actor
	byKey   map[string]*Actor
	index   *phraseIndex
	cues    *actorCues
	// stateForces maps an ISO2 code to the country's state forces.
	stateForces map[string]*Actor
	// byName maps the phraseKey of every name and alias to its actor.
	byName map[string]*Actor
}

// actorRecord is an actor as read from a file, with where it was read.
type actorRecord struct {
	Actor
	file string
	line int
}

// readActorFile parses one actors YAML file: a sequence of actor mappings.
func readActorFile(name string, data []byte) ([]actorRecord, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(root.Content) == 0 {
		return nil, nil
	}
	seq := root.Content[0]
	if seq.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s:%d: want a list of actors", name, seq.Line)
	}
	out := make([]actorRecord, 0, len(seq.Content))
	for _, n := range seq.Content {
		var a Actor
		if err := n.Decode(&a); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n.Line, err)
		}
		out = append(out, actorRecord{Actor: a, file: name, line: n.Line})
	}
	return out, nil
}

// dataFile is one knowledge file read from the built-in data or a user
// folder.
type dataFile struct {
	name string // path shown in messages
	data []byte
}

// builtinFiles reads the embedded files under dir whose base name matches
// one of the patterns, sorted by name.
func builtinFiles(fsys fs.FS, patterns ...string) ([]dataFile, error) {
	var out []dataFile
	for _, pat := range patterns {
		names, err := fs.Glob(fsys, pat)
		if err != nil {
			return nil, fmt.Errorf("glob %s: %w", pat, err)
		}
		sort.Strings(names)
		for _, n := range names {
			b, err := fs.ReadFile(fsys, n)
			if err != nil {
				return nil, fmt.Errorf("read %s: %w", n, err)
			}
			out = append(out, dataFile{name: "kb/" + n, data: b})
		}
	}
	return out, nil
}

// userFiles reads the files of a user folder that match the patterns.
func userFiles(dir string, patterns ...string) ([]dataFile, error) {
	if dir == "" {
		return nil, nil
	}
	var out []dataFile
	for _, pat := range patterns {
		names, err := filepath.Glob(filepath.Join(dir, pat))
		if err != nil {
			return nil, fmt.Errorf("glob %s: %w", pat, err)
		}
		sort.Strings(names)
		for _, n := range names {
			b, err := os.ReadFile(n)
			if err != nil {
				return nil, fmt.Errorf("read user file: %w", err)
			}
			out = append(out, dataFile{name: n, data: b})
		}
	}
	return out, nil
}

// hashFiles is the version of a set of files: a short hash of their names
// and contents.
func hashFiles(files ...[]dataFile) string {
	h := sha256.New()
	for _, fl := range files {
		for _, f := range fl {
			h.Write([]byte(filepath.Base(f.name)))
			h.Write([]byte{0})
			h.Write(f.data)
			h.Write([]byte{0})
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// actorFiles returns the built-in and user actor files.
func actorFiles(dir string) (builtin, user []dataFile, err error) {
	builtin, err = builtinFiles(actorsFS, "data/actors/*.yaml")
	if err != nil {
		return nil, nil, err
	}
	user, err = userFiles(dir, "actors/*.yaml", "actors*.yaml")
	if err != nil {
		return nil, nil, err
	}
	// The cue file is handled apart.
	kept := user[:0]
	for _, f := range user {
		if !strings.HasPrefix(filepath.Base(f.name), "actors_cues") {
			kept = append(kept, f)
		}
	}
	return builtin, kept, nil
}

// cueFiles returns the built-in and user candidate-cue files.
func cueFiles(dir string) ([]dataFile, error) {
	builtin, err := builtinFiles(actorsFS, "data/actors_cues.yaml")
	if err != nil {
		return nil, err
	}
	user, err := userFiles(dir, "actors_cues*.yaml")
	if err != nil {
		return nil, err
	}
	return append(builtin, user...), nil
}

// mergeActor overlays u on a: non-empty fields replace, aliases and
// affiliations are added.
func mergeActor(a *Actor, u Actor) {
	if u.Name != "" {
		a.Name = u.Name
	}
	if u.Inter != 0 {
		a.Inter = u.Inter
	}
	if u.Country != "" {
		a.Country = u.Country
	}
	if u.Parent != "" {
		a.Parent = u.Parent
	}
	if u.Generic {
		a.Generic = true
	}
	if u.GoldKey != "" {
		a.GoldKey = u.GoldKey
	}
	a.Aliases = append(a.Aliases, u.Aliases...)
	a.Affiliations = append(a.Affiliations, u.Affiliations...)
}

func loadActors(dir string) (*Actors, error) {
	builtin, user, err := actorFiles(dir)
	if err != nil {
		return nil, err
	}
	cf, err := cueFiles(dir)
	if err != nil {
		return nil, err
	}
	var recs []actorRecord
	for _, f := range builtin {
		r, err := readActorFile(f.name, f.data)
		if err != nil {
			return nil, err
		}
		recs = append(recs, r...)
	}
	nBuiltin := len(recs)
	for _, f := range user {
		r, err := readActorFile(f.name, f.data)
		if err != nil {
			return nil, err
		}
		recs = append(recs, r...)
	}
	cues, err := readCues(cf)
	if err != nil {
		return nil, err
	}
	a, err := newActors(recs, nBuiltin, cues)
	if err != nil {
		return nil, err
	}
	a.version = hashFiles(builtin, user, cf)
	return a, nil
}

// newActors builds the index. Records from index nBuiltin on are user
// overlays: a known key extends the built-in actor.
func newActors(recs []actorRecord, nBuiltin int, cues *actorCues) (*Actors, error) {
	a := &Actors{byKey: map[string]*Actor{}, index: newPhraseIndex(), cues: cues}
	for i, r := range recs {
		if r.Key == "" {
			return nil, fmt.Errorf("%s:%d: actor without key", r.file, r.line)
		}
		if old, ok := a.byKey[r.Key]; ok {
			if i < nBuiltin {
				return nil, fmt.Errorf("%s:%d: duplicate actor key %q", r.file, r.line, r.Key)
			}
			mergeActor(old, r.Actor)
			continue
		}
		act := r.Actor
		if act.Name == "" {
			return nil, fmt.Errorf("%s:%d: actor %s without name", r.file, r.line, r.Key)
		}
		p := &act
		a.byKey[act.Key] = p
		a.list = append(a.list, p)
	}
	a.stateForces = map[string]*Actor{}
	for _, act := range a.list {
		if act.Inter != 1 || act.Parent != "" || act.Generic || act.Country == "" {
			continue
		}
		// The first root state actor of a country, unless a later one is
		// named as the country's military forces.
		if old := a.stateForces[act.Country]; old == nil ||
			!strings.HasPrefix(old.Name, "Military Forces of") && strings.HasPrefix(act.Name, "Military Forces of") {
			a.stateForces[act.Country] = act
		}
	}
	a.byName = map[string]*Actor{}
	for _, act := range a.list {
		for _, n := range append([]string{act.Name}, act.Aliases...) {
			if k := phraseKey(n); k != "" && a.byName[k] == nil {
				a.byName[k] = act
			}
		}
	}
	for id, act := range a.list {
		a.index.add(act.Name, id)
		for _, al := range act.Aliases {
			a.index.add(al, id)
		}
	}
	return a, nil
}

// Get returns the actor with the key, or nil when unknown.
func (a *Actors) Get(key string) *Actor {
	if a == nil {
		return nil
	}
	return a.byKey[key]
}

// Find returns the actor with the key, canonical name or alias given, in
// any case ("sdf", "Islamic State", "the coalition"), or nil when unknown.
// Unlike Mentions it matches the whole string and ignores case rules: it is
// for names typed by users and read from other datasets.
func (a *Actors) Find(name string) *Actor {
	if a == nil {
		return nil
	}
	if act := a.byKey[strings.TrimSpace(name)]; act != nil {
		return act
	}
	k := phraseKey(name)
	if act := a.byName[k]; act != nil {
		return act
	}
	if rest, ok := strings.CutPrefix(k, "the "); ok {
		return a.byName[rest]
	}
	return nil
}

// All returns every actor in file order. The slice must not be modified.
func (a *Actors) All() []*Actor {
	if a == nil {
		return nil
	}
	return a.list
}

// Len returns the number of actors.
func (a *Actors) Len() int {
	if a == nil {
		return 0
	}
	return len(a.list)
}

// Root returns the key at the top of the parent chain of key: "YPG" gives
// "SDF", "MAT" gives "FSA". An unknown key is returned unchanged.
func (a *Actors) Root(key string) string {
	seen := 0
	for {
		act := a.Get(key)
		if act == nil || act.Parent == "" || a.Get(act.Parent) == nil || seen > 16 {
			return key
		}
		key = act.Parent
		seen++
	}
}

// Mentions returns the actors named in text: non-overlapping, leftmost
// longest matches of names and aliases. Acronyms match only as written
// ("IS" but not "is"); names match when capitalised as in the data;
// lower-case descriptors ("rebels", "regime forces") match in any case. A
// backing prefix ("US-backed rebels") is folded into the mention of the
// backed actor, with the backer in BackedBy.
func (a *Actors) Mentions(text string) []ActorMention {
	if a == nil {
		return nil
	}
	toks := phTokenize(text)
	return a.mentionsTokens(text, toks)
}

// mentionsTokens is Mentions over an already tokenized text.
func (a *Actors) mentionsTokens(text string, toks []phToken) []ActorMention {
	var out []ActorMention
	for i := 0; i < len(toks); {
		p := a.index.longestAt(text, toks, i)
		var n int
		if p != nil {
			n = len(p.low)
		}
		// A backing prefix: "<backer>-backed <actor>".
		if bk, bn := a.cues.backerAt(text, toks, i); bn > 0 && i+bn < len(toks) {
			if q := a.index.longestAt(text, toks, i+bn); q != nil && bn+len(q.low) > n {
				end := toks[i+bn+len(q.low)-1].end
				start := toks[i].start
				out = append(out, ActorMention{Start: start, End: end, Text: text[start:end], Actor: a.rewrite(a.list[q.id], bk), BackedBy: bk})
				i += bn + len(q.low)
				continue
			}
		}
		if p == nil {
			i++
			continue
		}
		// "X-backed" where X alone is an actor name but nothing known
		// follows is still a cue, not the actor itself.
		if a.cues.isBackingSuffix(text, toks, i+n) {
			// Any known actor can be a backer: "Hezbollah-backed militias".
			if j := i + n + 1; j < len(toks) {
				if q := a.index.longestAt(text, toks, j); q != nil {
					bk := a.Root(a.list[p.id].Key)
					start, end := toks[i].start, toks[j+len(q.low)-1].end
					out = append(out, ActorMention{Start: start, End: end, Text: text[start:end], Actor: a.rewrite(a.list[q.id], bk), BackedBy: bk})
					i = j + len(q.low)
					continue
				}
			}
			i += n + 1
			continue
		}
		if a.cues.isAdjectiveSuffix(text, toks, i+n) {
			i += n + 1
			continue
		}
		if n == 1 && p.rule[0] == exactCase && len(p.raw[0]) <= 3 && inCapsRun(text, toks, i) {
			// "THIS IS WAR": a short acronym inside all-capital text is a
			// word like any other.
			i++
			continue
		}
		start, end := toks[i].start, toks[i+n-1].end
		out = append(out, ActorMention{Start: start, End: end, Text: text[start:end], Actor: a.list[p.id]})
		i += n
	}
	return mergeDescriptors(text, out)
}

// mergeDescriptors folds a generic descriptor written next to a named
// actor into the named actor's mention: "Islamic State group jihadists",
// "ISIS militants", "Syrian army soldiers", "the rebel Jaysh al-Islam".
// Civilians are never folded: "IS civilians" is no phrase, but a toll list
// may put them next to a name.
func mergeDescriptors(text string, ms []ActorMention) []ActorMention {
	if len(ms) < 2 {
		return ms
	}
	out := ms[:0]
	for i := 0; i < len(ms); i++ {
		m := ms[i]
		if i+1 < len(ms) {
			nx := ms[i+1]
			gap := text[m.End:nx.Start]
			adjacent := gap == " " || gap == "\u00a0"
			switch {
			case adjacent && !m.Actor.Generic && nx.Actor.Generic && nx.Actor.Inter != 7 && nx.BackedBy == "":
				m.End = nx.End
				m.Text = text[m.Start:m.End]
				out = append(out, m)
				i++
				continue
			case adjacent && m.Actor.Generic && !nx.Actor.Generic && m.Actor.Inter != 7 && m.BackedBy == "" &&
				!strings.ContainsAny(m.Text, " \u00a0"):
				nx.Start = m.Start
				nx.Text = text[nx.Start:nx.End]
				out = append(out, nx)
				i++
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// rewrite applies the cue rewrites to act backed by backer.
func (a *Actors) rewrite(act *Actor, backer string) *Actor {
	if a.cues == nil {
		return act
	}
	root := a.Root(act.Key)
	for _, r := range a.cues.rewrites {
		if r.Backer == backer && (r.Root == root || r.Root == act.Key) {
			if to := a.Get(r.Actor); to != nil {
				return to
			}
		}
	}
	return act
}

// inCapsRun reports whether token i stands between all-capital words: a
// neighbour joined by a space is written in capitals and has three letters
// or more.
func inCapsRun(text string, toks []phToken, i int) bool {
	caps := func(j int) bool {
		t := toks[j]
		return utf8.RuneCountInString(t.raw) >= 3 && phIsAllUpper(t.raw) && strings.ToLower(t.raw) != t.raw
	}
	if i > 0 && text[toks[i-1].end:toks[i].start] == " " && caps(i-1) {
		return true
	}
	return i+1 < len(toks) && text[toks[i].end:toks[i+1].start] == " " && caps(i+1)
}
