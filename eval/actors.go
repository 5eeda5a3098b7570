package eval

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/sitrep/sitrep"
)

// OtherKey is the key of actors that no row of the table matches.
const OtherKey = "OTHER"

// ActorKeys maps free-text actor names onto the gold's canonical keys
// through a table of case-insensitive regular expressions tried top to
// bottom (actors.tsv: "key<TAB>regex", "#" comments).
type ActorKeys struct {
	rows []keyRow
	keys map[string]bool
}

type keyRow struct {
	key string
	re  *regexp.Regexp
}

// ParseActorKeys reads an actor key table.
func ParseActorKeys(r io.Reader) (*ActorKeys, error) {
	k := &ActorKeys{keys: map[string]bool{OtherKey: true}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		key, expr, ok := strings.Cut(line, "\t")
		key, expr = strings.TrimSpace(key), strings.TrimSpace(expr)
		if !ok || key == "" || expr == "" {
			return nil, fmt.Errorf("actor keys line %d: want key<TAB>regex: %w", n, sitrep.ErrInvalid)
		}
		re, err := regexp.Compile("(?i)" + expr)
		if err != nil {
			return nil, fmt.Errorf("actor keys line %d: %w: %w", n, sitrep.ErrInvalid, err)
		}
		k.rows = append(k.rows, keyRow{key: key, re: re})
		k.keys[key] = true
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read actor keys: %w", err)
	}
	return k, nil
}

// LoadActorKeys reads the actor key table at path.
func LoadActorKeys(path string) (*ActorKeys, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open actor keys: %w", err)
	}
	defer f.Close()
	k, err := ParseActorKeys(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return k, nil
}

// Key returns the canonical key of an actor name: "" for an empty name, the
// name itself when it already is a key of the table (gold files write keys),
// the key of the first matching row, else OtherKey. A nil table returns the
// trimmed name unchanged, so that names are compared as they are.
func (k *ActorKeys) Key(name string) string {
	name = strings.TrimSpace(name)
	if name == "" || k == nil {
		return name
	}
	if k.keys[name] {
		return name
	}
	for _, r := range k.rows {
		if r.re.MatchString(name) {
			return r.key
		}
	}
	return OtherKey
}
