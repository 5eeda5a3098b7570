package kb

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Problem is one finding of Check, located in a file.
type Problem struct {
	File string
	Line int // 0 when the problem concerns the whole file
	Msg  string
}

// String formats the problem as "file:line: message".
func (p Problem) String() string {
	if p.Line <= 0 {
		return fmt.Sprintf("%s: %s", p.File, p.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
}

// CheckReport is the result of Check: the files read and what is wrong in
// them.
type CheckReport struct {
	Files    []string
	Problems []Problem
}

// placeKinds are the allowed Place.Kind values.
var placeKinds = map[string]bool{
	"country": true, "province": true, "district": true, "city": true, "town": true, "village": true,
	"base": true, "airport": true, "crossing": true, "region": true, "desert": true, "mountain": true,
	"river": true, "valley": true, "dam": true, "field": true, "mine": true, "camp": true, "road": true, "other": true,
}

// goldKeys are the keys of the evaluation scheme (../shared/gold/actors.tsv).
var goldKeys = map[string]bool{
	"SYR_GOV": true, "RUS": true, "IRN": true, "HEZ": true, "IS": true, "HTS": true, "SDF": true, "COAL": true,
	"FSA": true, "TUR": true, "TFSA": true, "IRQ_GOV": true, "LBN_GOV": true, "CIV": true, "OTHER": true,
}

var (
	actorKeyRe = regexp.MustCompile(`^[A-Z][A-Z0-9_]*$`)
	iso2Re     = regexp.MustCompile(`^[A-Z]{2}$`)
	dateRe     = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
	yamlLineRe = regexp.MustCompile(`line (\d+)`)
	relations  = map[string]bool{"backed_by": true, "allied_with": true, "part_of": true, "opposes": true}
)

// Check validates the built-in knowledge files and, when dir is not empty,
// the user's files in dir: duplicate keys, alias collisions between
// different actors or outlets, dangling parents and affiliations, bad inter
// codes, kinds and dates, coordinates out of range and malformed TSV rows.
// The error is for failures to read; problems in the files are in the
// report.
func Check(dir string) (CheckReport, error) {
	var c checker
	if dir != "" {
		if st, err := os.Stat(dir); err != nil {
			return c.rep, fmt.Errorf("knowledge-base folder: %w", err)
		} else if !st.IsDir() {
			return c.rep, fmt.Errorf("knowledge-base folder %s: not a folder: %w", dir, errInvalid)
		}
	}
	ab, au, err := actorFiles(dir)
	if err != nil {
		return c.rep, err
	}
	cf, err := cueFiles(dir)
	if err != nil {
		return c.rep, err
	}
	ob, ou, err := outletFiles(dir)
	if err != nil {
		return c.rep, err
	}
	actors := c.actors(ab, au)
	c.cues(cf, actors)
	c.outlets(append(ob, ou...), len(ob))
	if err := c.places(dir); err != nil {
		return c.rep, err
	}
	// Whatever the checks above missed, the loader must accept.
	if len(c.rep.Problems) == 0 {
		if _, err := Load(dir); err != nil {
			c.add("kb", 0, "load: %v", err)
		}
	}
	return c.rep, nil
}

// checker collects the problems of one Check run.
type checker struct {
	rep       CheckReport
	countries map[string]bool // ISO2 codes of the built-in countries file, read on first use
}

// knownCountry reports whether cc (ISO2, any case) names a country of the
// built-in countries file; it accepts every code when that file is unreadable.
func (c *checker) knownCountry(cc string) bool {
	if c.countries == nil {
		c.countries = map[string]bool{}
		b, err := fs.ReadFile(builtinData, "data/places/countries.tsv")
		if err != nil {
			return true
		}
		col := -1
		for _, l := range strings.Split(string(b), "\n") {
			if l == "" || strings.HasPrefix(l, "#") {
				continue
			}
			f := strings.Split(l, "\t")
			if col < 0 {
				col = slices.Index(f, "country")
				if col < 0 {
					return true
				}
				continue
			}
			if col < len(f) {
				c.countries[strings.ToUpper(f[col])] = true
			}
		}
	}
	return len(c.countries) == 0 || c.countries[strings.ToUpper(cc)]
}

// add records a problem.
func (c *checker) add(file string, line int, format string, args ...any) {
	c.rep.Problems = append(c.rep.Problems, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// yamlProblem turns a YAML error into a located problem.
func (c *checker) yamlProblem(file string, err error) {
	line := 0
	msg := err.Error()
	if rest, ok := strings.CutPrefix(msg, file+":"); ok {
		// Our own "file:line: message" errors.
		if n, after, ok := strings.Cut(rest, ": "); ok {
			if v, err := strconv.Atoi(n); err == nil {
				c.add(file, v, "%s", after)
				return
			}
		}
	}
	if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = strings.Replace(msg, m[0]+": ", "", 1)
	}
	msg = strings.TrimPrefix(msg, file+": ")
	msg = strings.TrimPrefix(msg, "yaml: ")
	c.add(file, line, "%s", msg)
}

// aliasOwner remembers where an alias was first given.
type aliasOwner struct {
	key, file string
	line      int
}

// aliasSig is the identity of an alias for collision checks: its
// lower-cased words and, for acronyms, the exact spelling.
func aliasSig(alias string) string {
	toks := phTokenize(alias)
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		if phRuleFor(t.raw) == exactCase {
			b.WriteString("=" + t.raw)
		} else {
			b.WriteString(t.low)
		}
	}
	return b.String()
}

// actors checks the actor files and returns the merged actors by key.
func (c *checker) actors(builtin, user []dataFile) map[string]*actorRecord {
	byKey := map[string]*actorRecord{}
	var order []*actorRecord
	var overlays []actorRecord
	check := func(files []dataFile, isUser bool) {
		seenHere := map[string]actorRecord{}
		for _, f := range files {
			c.rep.Files = append(c.rep.Files, f.name)
			recs, err := readActorFile(f.name, f.data)
			if err != nil {
				c.yamlProblem(f.name, err)
				continue
			}
			c.unknownFields(f.name, f.data, actorFields)
			for i := range recs {
				r := recs[i]
				if r.Key == "" {
					c.add(r.file, r.line, "actor without key")
					continue
				}
				if !actorKeyRe.MatchString(r.Key) {
					c.add(r.file, r.line, "actor key %q is not upper snake case", r.Key)
				}
				if prev, ok := seenHere[r.Key]; ok {
					c.add(r.file, r.line, "duplicate actor key %q (first at %s:%d)", r.Key, prev.file, prev.line)
					continue
				}
				seenHere[r.Key] = r
				if old, ok := byKey[r.Key]; ok && isUser {
					// The overlay's own aliases are checked where they are
					// written.
					overlays = append(overlays, r)
					mergeActor(&old.Actor, Actor{Parent: r.Parent, Affiliations: r.Affiliations})
					continue
				}
				if r.Name == "" {
					c.add(r.file, r.line, "actor %s without name", r.Key)
				}
				if r.Inter < 1 || r.Inter > 8 {
					c.add(r.file, r.line, "actor %s: inter code %d not in 1..8", r.Key, r.Inter)
				}
				if r.Country != "" && !iso2Re.MatchString(r.Country) {
					c.add(r.file, r.line, "actor %s: country %q is not an ISO 3166-1 alpha-2 code", r.Key, r.Country)
				} else if r.Country != "" && !c.knownCountry(r.Country) {
					c.add(r.file, r.line, "actor %s: country %q is not a known country code", r.Key, r.Country)
				}
				if r.GoldKey != "" && !goldKeys[r.GoldKey] {
					c.add(r.file, r.line, "actor %s: unknown gold_key %q", r.Key, r.GoldKey)
				}
				rr := r
				byKey[r.Key] = &rr
				order = append(order, &rr)
			}
		}
	}
	check(builtin, false)
	check(user, true)

	aliases := map[string]aliasOwner{}
	for _, r := range order {
		for _, af := range r.Affiliations {
			switch {
			case byKey[af.With] == nil:
				c.add(r.file, r.line, "actor %s: affiliation with unknown actor %q", r.Key, af.With)
			case af.With == r.Key:
				c.add(r.file, r.line, "actor %s: affiliation with itself", r.Key)
			}
			if !relations[af.Relation] {
				c.add(r.file, r.line, "actor %s: unknown relation %q (want backed_by, allied_with, part_of or opposes)", r.Key, af.Relation)
			}
			for _, d := range []string{af.From, af.To} {
				if d != "" && !dateRe.MatchString(d) {
					c.add(r.file, r.line, "actor %s: date %q is not YYYY, YYYY-MM or YYYY-MM-DD", r.Key, d)
				}
			}
			if af.From != "" && af.To != "" && af.To < af.From {
				c.add(r.file, r.line, "actor %s: affiliation with %s ends (%s) before it starts (%s)", r.Key, af.With, af.To, af.From)
			}
		}
		if r.Parent != "" {
			if byKey[r.Parent] == nil {
				c.add(r.file, r.line, "actor %s: unknown parent %q", r.Key, r.Parent)
			} else {
				seen := map[string]bool{r.Key: true}
				for k := r.Parent; k != ""; {
					if seen[k] {
						c.add(r.file, r.line, "actor %s: parent chain loops at %s", r.Key, k)
						break
					}
					seen[k] = true
					p := byKey[k]
					if p == nil {
						break
					}
					k = p.Parent
				}
			}
		}
	}
	for _, r := range append(order, ptrs(overlays)...) {
		for _, al := range append([]string{r.Name}, r.Aliases...) {
			if r.Name == "" && al == "" {
				continue // an overlay keeps the built-in name
			}
			if strings.TrimSpace(al) == "" {
				c.add(r.file, r.line, "actor %s: empty alias", r.Key)
				continue
			}
			sig := aliasSig(al)
			if sig == "" {
				c.add(r.file, r.line, "actor %s: alias %q has no words", r.Key, al)
				continue
			}
			if o, ok := aliases[sig]; ok && o.key != r.Key {
				c.add(r.file, r.line, "actor %s: alias %q also names %s (%s:%d)", r.Key, al, o.key, o.file, o.line)
				continue
			}
			aliases[sig] = aliasOwner{key: r.Key, file: r.file, line: r.line}
		}
	}
	return byKey
}

// Field names each kind of record may have; a misspelt field would be
// ignored silently by the loader.
var (
	actorFields       = map[string]bool{"key": true, "name": true, "aliases": true, "inter": true, "country": true, "parent": true, "generic": true, "affiliations": true, "gold_key": true}
	affiliationFields = map[string]bool{"with": true, "relation": true, "from": true, "to": true}
	outletFields      = map[string]bool{"key": true, "name": true, "aliases": true, "domains": true, "kind": true, "country": true, "lean": true}
	cueFields         = map[string]bool{"backing_words": true, "not_actor_suffixes": true, "backers": true, "rewrites": true, "connectors": true, "not_names": true, "candidates": true}
)

// unknownFields reports the fields of the records of a YAML list (or of
// one mapping) that are not in allowed, and those of their affiliations.
func (c *checker) unknownFields(file string, data []byte, allowed map[string]bool) {
	var root yaml.Node
	if yaml.Unmarshal(data, &root) != nil || len(root.Content) == 0 {
		return // the syntax error is reported elsewhere
	}
	check := func(m *yaml.Node, allowed map[string]bool) {
		if m.Kind != yaml.MappingNode {
			return
		}
		for i := 0; i+1 < len(m.Content); i += 2 {
			k := m.Content[i]
			if !allowed[k.Value] {
				c.add(file, k.Line, "unknown field %q", k.Value)
			}
		}
	}
	top := root.Content[0]
	if top.Kind != yaml.SequenceNode {
		check(top, allowed)
		return
	}
	for _, rec := range top.Content {
		check(rec, allowed)
		if rec.Kind != yaml.MappingNode {
			continue
		}
		for i := 0; i+1 < len(rec.Content); i += 2 {
			if rec.Content[i].Value == "affiliations" && rec.Content[i+1].Kind == yaml.SequenceNode {
				for _, af := range rec.Content[i+1].Content {
					check(af, affiliationFields)
				}
			}
		}
	}
}

func ptrs(rs []actorRecord) []*actorRecord {
	out := make([]*actorRecord, len(rs))
	for i := range rs {
		out[i] = &rs[i]
	}
	return out
}

// cues checks the cue files.
func (c *checker) cues(files []dataFile, actors map[string]*actorRecord) {
	for _, f := range files {
		c.rep.Files = append(c.rep.Files, f.name)
		cf, err := readCueFile(f)
		if err != nil {
			c.yamlProblem(f.name, err)
			continue
		}
		c.unknownFields(f.name, f.data, cueFields)
		for key := range cf.Backers {
			if actors[key] == nil {
				c.add(f.name, 0, "backer %q is not a known actor", key)
			}
		}
		for _, r := range cf.Rewrites {
			for _, k := range []string{r.Backer, r.Root, r.Actor} {
				if actors[k] == nil {
					c.add(f.name, 0, "rewrite names unknown actor %q", k)
				}
			}
		}
		for _, cand := range cf.Candidates {
			if cand.Inter < 0 || cand.Inter > 8 {
				c.add(f.name, cand.line, "pattern %q: inter code %d not in 0..8", cand.Pattern, cand.Inter)
			}
		}
	}
}

// outlets checks the outlet files; files from nBuiltin on are user files.
func (c *checker) outlets(files []dataFile, nBuiltin int) {
	byKey := map[string]outletRecord{}
	aliases := map[string]aliasOwner{}
	domains := map[string]aliasOwner{}
	for i, f := range files {
		c.rep.Files = append(c.rep.Files, f.name)
		recs, err := readOutletFile(f)
		if err != nil {
			c.yamlProblem(f.name, err)
			continue
		}
		c.unknownFields(f.name, f.data, outletFields)
		seenHere := map[string]outletRecord{}
		for _, r := range recs {
			if r.Key == "" {
				c.add(r.file, r.line, "outlet without key")
				continue
			}
			if prev, ok := seenHere[r.Key]; ok {
				c.add(r.file, r.line, "duplicate outlet key %q (first at %s:%d)", r.Key, prev.file, prev.line)
				continue
			}
			seenHere[r.Key] = r
			_, known := byKey[r.Key]
			if known && i < nBuiltin {
				c.add(r.file, r.line, "duplicate outlet key %q", r.Key)
				continue
			}
			if !known {
				byKey[r.Key] = r
				if r.Name == "" {
					c.add(r.file, r.line, "outlet %s without name", r.Key)
				}
			}
			if r.Kind != "" || !known {
				if !outletKinds[r.Kind] {
					c.add(r.file, r.line, "outlet %s: kind %q not one of wire, newspaper, broadcaster, state_media, monitor, belligerent, official, ngo", r.Key, r.Kind)
				}
			}
			if r.Country != "" && !iso2Re.MatchString(r.Country) {
				c.add(r.file, r.line, "outlet %s: country %q is not an ISO 3166-1 alpha-2 code", r.Key, r.Country)
			} else if r.Country != "" && !c.knownCountry(r.Country) {
				c.add(r.file, r.line, "outlet %s: country %q is not a known country code", r.Key, r.Country)
			}
			for _, al := range append([]string{r.Name}, r.Aliases...) {
				if al == "" {
					continue
				}
				sig := aliasSig(al)
				if o, ok := aliases[sig]; ok && o.key != r.Key {
					c.add(r.file, r.line, "outlet %s: alias %q also names %s (%s:%d)", r.Key, al, o.key, o.file, o.line)
					continue
				}
				aliases[sig] = aliasOwner{key: r.Key, file: r.file, line: r.line}
			}
			for _, d := range r.Domains {
				nd := normDomain(d)
				if nd == "" || strings.ContainsAny(nd, " /") || !strings.Contains(nd, ".") {
					c.add(r.file, r.line, "outlet %s: bad domain %q", r.Key, d)
					continue
				}
				if o, ok := domains[nd]; ok && o.key != r.Key {
					c.add(r.file, r.line, "outlet %s: domain %q also belongs to %s (%s:%d)", r.Key, d, o.key, o.file, o.line)
					continue
				}
				domains[nd] = aliasOwner{key: r.Key, file: r.file, line: r.line}
			}
		}
	}
}

// places checks the built-in curated places and the user's place files.
func (c *checker) places(dir string) error {
	sub, err := fs.Sub(builtinData, "data/places")
	if err != nil {
		return err
	}
	names, err := fs.Glob(sub, "curated*.tsv")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, n := range names {
		b, err := fs.ReadFile(sub, n)
		if err != nil {
			return fmt.Errorf("read %s: %w", n, err)
		}
		c.placeFile("kb/data/places/"+n, b)
	}
	if dir == "" {
		return nil
	}
	user, err := filepath.Glob(filepath.Join(dir, "places", "*.tsv*"))
	if err != nil {
		return err
	}
	sort.Strings(user)
	for _, n := range user {
		if !strings.HasSuffix(n, ".tsv") && !strings.HasSuffix(n, ".tsv.gz") {
			continue
		}
		b, err := os.ReadFile(n)
		if err != nil {
			return fmt.Errorf("read user places: %w", err)
		}
		if strings.HasSuffix(n, ".gz") {
			zr, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				c.add(n, 0, "bad gzip: %v", err)
				continue
			}
			if b, err = io.ReadAll(zr); err != nil {
				c.add(n, 0, "bad gzip: %v", err)
				continue
			}
		}
		c.placeFile(n, b)
	}
	return nil
}

// placeFile checks one place TSV: a header with name, lat and lon, then
// rows with as many columns as the header, valid coordinates, kinds and
// country codes, and (without an id column) no name given twice for one
// kind of place in one country.
func (c *checker) placeFile(name string, b []byte) {
	c.rep.Files = append(c.rep.Files, name)
	var header []string
	col := map[string]int{}
	seen := map[string]int{}
	line := 0
	for len(b) > 0 {
		var l []byte
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			l, b = b[:i], b[i+1:]
		} else {
			l, b = b, nil
		}
		line++
		l = bytes.TrimRight(l, "\r")
		if len(bytes.TrimSpace(l)) == 0 || l[0] == '#' {
			continue
		}
		f := strings.Split(string(l), "\t")
		if header == nil {
			header = f
			for i, h := range f {
				col[strings.ToLower(strings.TrimSpace(h))] = i
			}
			for _, req := range []string{"name", "lat", "lon"} {
				if _, ok := col[req]; !ok {
					c.add(name, line, "header lacks column %q", req)
					return
				}
			}
			continue
		}
		if len(f) != len(header) {
			c.add(name, line, "%d columns, header has %d", len(f), len(header))
			if len(f) < len(header) {
				continue
			}
		}
		get := func(k string) string {
			if i, ok := col[k]; ok && i < len(f) {
				return strings.TrimSpace(f[i])
			}
			return ""
		}
		pname := get("name")
		if pname == "" {
			c.add(name, line, "empty name")
		}
		lat, err1 := strconv.ParseFloat(get("lat"), 64)
		lon, err2 := strconv.ParseFloat(get("lon"), 64)
		switch {
		case err1 != nil || err2 != nil:
			c.add(name, line, "bad coordinates %q,%q", get("lat"), get("lon"))
		case lat < -90 || lat > 90 || lon < -180 || lon > 180:
			c.add(name, line, "coordinates %g,%g out of range", lat, lon)
		case lat == 0 && lon == 0:
			c.add(name, line, "coordinates 0,0 (missing?)")
		}
		if _, ok := col["kind"]; ok {
			if k := get("kind"); k != "" && !placeKinds[k] {
				c.add(name, line, "unknown kind %q", k)
			}
		}
		if cc := get("country"); cc != "" && !iso2Re.MatchString(strings.ToUpper(cc)) {
			c.add(name, line, "country %q is not an ISO 3166-1 alpha-2 code", cc)
		} else if cc != "" && !c.knownCountry(cc) {
			c.add(name, line, "country %q is not a known country code", cc)
		}
		if p := get("population"); p != "" {
			if _, err := strconv.Atoi(p); err != nil {
				c.add(name, line, "bad population %q", p)
			}
		}
		for _, a := range strings.Split(get("alt_names"), "|") {
			if strings.ContainsAny(a, "\t") {
				c.add(name, line, "alternate name with a tab")
			}
		}
		if _, hasID := col["id"]; !hasID && pname != "" {
			// The same name may stand for two places of one country (a
			// town and its crossing), but not twice for one kind.
			k := slug(pname+"-"+strings.ToUpper(get("country"))) + "/" + get("kind")
			if first, ok := seen[k]; ok {
				c.add(name, line, "place %q in %s given twice (first at line %d)", pname, get("country"), first)
			} else {
				seen[k] = line
			}
		} else if id := get("id"); id != "" {
			if first, ok := seen[id]; ok {
				c.add(name, line, "duplicate id %q (first at line %d)", id, first)
			} else {
				seen[id] = line
			}
		}
	}
	if header == nil {
		c.add(name, 0, "no header line")
	}
}
