package kb

import (
	"embed"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

//go:embed data/outlets.yaml
var outletsFS embed.FS

// Outlet is a news outlet or a source of claims (a monitor, a ministry, a
// belligerent's press office).
type Outlet struct {
	Key     string   `yaml:"key"`
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases"`
	Domains []string `yaml:"domains"`
	Kind    string   `yaml:"kind"`    // wire, newspaper, broadcaster, state_media, monitor, belligerent, official, ngo
	Country string   `yaml:"country"` // ISO2 of the owner or seat
	Lean    string   `yaml:"lean"`    // a short note on known partisanship or reliability
}

// outletKinds lists the allowed Outlet.Kind values.
var outletKinds = map[string]bool{
	"wire": true, "newspaper": true, "broadcaster": true, "state_media": true,
	"monitor": true, "belligerent": true, "official": true, "ngo": true,
}

// OutletMention is one outlet or claim source named in a text.
type OutletMention struct {
	Start, End int
	Text       string
	Outlet     *Outlet
}

// Outlets finds news outlets and claim sources by name or domain. It is
// immutable after loading and safe for concurrent use.
type Outlets struct {
	version  string
	list     []*Outlet
	byKey    map[string]*Outlet
	byName   map[string]*Outlet // phraseKey of names and aliases
	byDomain map[string]*Outlet
	index    *phraseIndex
}

// outletRecord is an outlet as read from a file.
type outletRecord struct {
	Outlet
	file string
	line int
}

// readOutletFile parses one outlets YAML file: a sequence of mappings.
func readOutletFile(f dataFile) ([]outletRecord, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(f.data, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", f.name, err)
	}
	if len(root.Content) == 0 {
		return nil, nil
	}
	seq := root.Content[0]
	if seq.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("%s:%d: want a list of outlets", f.name, seq.Line)
	}
	out := make([]outletRecord, 0, len(seq.Content))
	for _, n := range seq.Content {
		var o Outlet
		if err := n.Decode(&o); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", f.name, n.Line, err)
		}
		out = append(out, outletRecord{Outlet: o, file: f.name, line: n.Line})
	}
	return out, nil
}

// outletFiles returns the built-in and user outlet files.
func outletFiles(dir string) (builtin, user []dataFile, err error) {
	builtin, err = builtinFiles(outletsFS, "data/outlets.yaml")
	if err != nil {
		return nil, nil, err
	}
	user, err = userFiles(dir, "outlets*.yaml")
	if err != nil {
		return nil, nil, err
	}
	return builtin, user, nil
}

func loadOutlets(dir string) (*Outlets, error) {
	builtin, user, err := outletFiles(dir)
	if err != nil {
		return nil, err
	}
	var recs []outletRecord
	for _, f := range builtin {
		r, err := readOutletFile(f)
		if err != nil {
			return nil, err
		}
		recs = append(recs, r...)
	}
	nBuiltin := len(recs)
	for _, f := range user {
		r, err := readOutletFile(f)
		if err != nil {
			return nil, err
		}
		recs = append(recs, r...)
	}
	o, err := newOutlets(recs, nBuiltin)
	if err != nil {
		return nil, err
	}
	o.version = hashFiles(builtin, user)
	return o, nil
}

// newOutlets builds the indexes; records from nBuiltin on are user
// overlays that extend an outlet with the same key.
func newOutlets(recs []outletRecord, nBuiltin int) (*Outlets, error) {
	o := &Outlets{byKey: map[string]*Outlet{}, byName: map[string]*Outlet{}, byDomain: map[string]*Outlet{}, index: newPhraseIndex()}
	for i, r := range recs {
		if r.Key == "" {
			return nil, fmt.Errorf("%s:%d: outlet without key", r.file, r.line)
		}
		if old, ok := o.byKey[r.Key]; ok {
			if i < nBuiltin {
				return nil, fmt.Errorf("%s:%d: duplicate outlet key %q", r.file, r.line, r.Key)
			}
			if r.Name != "" {
				old.Name = r.Name
			}
			if r.Kind != "" {
				old.Kind = r.Kind
			}
			if r.Country != "" {
				old.Country = r.Country
			}
			if r.Lean != "" {
				old.Lean = r.Lean
			}
			old.Aliases = append(old.Aliases, r.Aliases...)
			old.Domains = append(old.Domains, r.Domains...)
			continue
		}
		if r.Name == "" {
			return nil, fmt.Errorf("%s:%d: outlet %s without name", r.file, r.line, r.Key)
		}
		out := r.Outlet
		o.byKey[out.Key] = &out
		o.list = append(o.list, &out)
	}
	for id, out := range o.list {
		for _, n := range append([]string{out.Name}, out.Aliases...) {
			o.index.add(n, id)
			if k := phraseKey(n); k != "" {
				if _, ok := o.byName[k]; !ok {
					o.byName[k] = out
				}
			}
		}
		for _, d := range out.Domains {
			o.byDomain[normDomain(d)] = out
		}
	}
	return o, nil
}

// normDomain lower-cases a host or URL and strips the scheme, "www." and
// any path.
func normDomain(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
	}
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndex(s, ":"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimPrefix(s, "www.")
}

// Get returns the outlet with the key, or nil when unknown.
func (o *Outlets) Get(key string) *Outlet {
	if o == nil {
		return nil
	}
	return o.byKey[key]
}

// All returns every outlet in file order. The slice must not be modified.
func (o *Outlets) All() []*Outlet {
	if o == nil {
		return nil
	}
	return o.list
}

// Find returns the outlet with the name, alias, key, domain or URL given,
// or nil when unknown. Names compare case-insensitively; a subdomain
// ("english.alarabiya.net") finds its parent domain.
func (o *Outlets) Find(nameOrDomain string) *Outlet {
	if o == nil {
		return nil
	}
	s := strings.TrimSpace(nameOrDomain)
	if s == "" {
		return nil
	}
	if out := o.byKey[s]; out != nil {
		return out
	}
	if strings.Contains(s, ".") && !strings.Contains(s, " ") {
		d := normDomain(s)
		for d != "" {
			if out := o.byDomain[d]; out != nil {
				return out
			}
			i := strings.Index(d, ".")
			if i < 0 {
				break
			}
			d = d[i+1:]
			if !strings.Contains(d, ".") {
				break
			}
		}
	}
	if out := o.byName[phraseKey(s)]; out != nil {
		return out
	}
	k := phraseKey(s)
	if strings.HasPrefix(k, "the ") {
		return o.byName[strings.TrimPrefix(k, "the ")]
	}
	return nil
}

// Mentions returns the outlets and claim sources named in text:
// non-overlapping, leftmost-longest matches, case-aware as for actors.
func (o *Outlets) Mentions(text string) []OutletMention {
	if o == nil {
		return nil
	}
	toks := phTokenize(text)
	var out []OutletMention
	for _, m := range o.index.findAll(text, toks) {
		s, e := toks[m.from].start, toks[m.to-1].end
		out = append(out, OutletMention{Start: s, End: e, Text: text[s:e], Outlet: o.list[m.p.id]})
	}
	return out
}
