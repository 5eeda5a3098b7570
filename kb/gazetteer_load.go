package kb

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/sitrep/sitrep"
)

// The built-in places: GeoNames cities500 (geonames-N.tsv.gz), countries
// (countries.tsv), the curated theatre supplement (curated.tsv) and the
// stoplist of capitalised English words that are also place names
// (stoplist.txt). Regenerate with `go generate ./kb` (see gazetteer_gen.go).
//
//go:embed data/places data/admin1
var builtinData embed.FS

// builtin caches the built-in gazetteer: it is immutable and costs a few
// hundred milliseconds to build, so a process builds it once.
var builtin struct {
	once sync.Once
	g    *Gazetteer
	err  error
}

func builtinGazetteer() (*Gazetteer, error) {
	builtin.once.Do(func() {
		builtin.g, builtin.err = loadBuiltinUncached()
		// Building leaves about twice the gazetteer's size in garbage, and
		// the collector's next goal is set from the heap live mid-build
		// (about 120 MB). Collecting now, once per process, resets that
		// goal from what stays live, which keeps a long ingest's peak RSS
		// some 70 MB lower for the cost of one collection (~25 ms).
		runtime.GC()
	})
	return builtin.g, builtin.err
}

// loadBuiltinUncached reads and indexes the embedded place files.
func loadBuiltinUncached() (*Gazetteer, error) {
	sub, err := fs.Sub(builtinData, "data/places")
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	rs, err := readPlaceDir(sub, nil, h, false)
	var re *RowError
	if err != nil && !errors.As(err, &re) {
		return nil, err
	}
	// A bad row of a built-in file is skipped (`sitrep kb check` reports
	// it): one typo in the curated file must not take every place down.
	stop, err := readStoplist(sub, "stoplist.txt", h)
	if err != nil {
		return nil, err
	}
	g := buildGazetteer(rs, stop, false)
	g.version = hex.EncodeToString(h.Sum(nil))[:12]
	g.adminSrc = func() ([]adminArea, error) { return loadAdminFS(builtinData, "data/admin1") }
	return g, nil
}

// loadGazetteer returns the built-in gazetteer, overlaid with the place
// files (*.tsv) under dir/places when dir is set. A user row with the ID
// of a built-in place replaces it.
func loadGazetteer(dir string) (*Gazetteer, error) {
	base, err := builtinGazetteer()
	if err != nil {
		return nil, fmt.Errorf("built-in places: %w", err)
	}
	if dir == "" {
		return base, nil
	}
	pdir := filepath.Join(dir, "places")
	if _, err := os.Stat(pdir); errors.Is(err, fs.ErrNotExist) {
		return base, nil
	}
	h := sha256.New()
	h.Write([]byte(base.version))
	user, err := readPlaceDir(os.DirFS(pdir), nil, h, true)
	if err != nil {
		return nil, fmt.Errorf("user places in %s: %w", pdir, err)
	}
	stop := base.stop
	if extra, err := readStoplist(os.DirFS(pdir), "stoplist.txt", h); err != nil {
		return nil, err
	} else if len(extra) > 0 {
		stop = make(map[string]bool, len(base.stop)+len(extra))
		for k := range base.stop {
			stop[k] = true
		}
		for k := range extra {
			stop[k] = true
		}
	}
	// Imported places often lack their province (GeoNames dumps carry
	// only codes): the outlines supply it in the theatre.
	for i := range user {
		if p := user[i].Place; p.Admin1 == "" {
			if a, iso := base.Admin1At(p.Lat, p.Lon); a != "" && (p.Country == "" || p.Country == iso) {
				p.Admin1, p.Country = a, iso
			}
		}
	}
	if len(user) == 0 && len(stop) == len(base.stop) {
		return base, nil
	}
	rows := base.rows()
	rows = append(rows, user...)
	g := buildGazetteer(rows, stop, true)
	g.version = hex.EncodeToString(h.Sum(nil))[:12]
	g.adminSrc = base.adminSrc
	return g, nil
}

// placeRow is a place as read from a file, before indexing.
type placeRow struct {
	*Place
	altRaw  string // alternate names separated by '|'
	from    source
	iso3    string
	popEst  int  // population used for ranking when the real one is unknown
	theatre bool // a country row: spelling variants of its places are tolerated in running text
}

// rows turns a built gazetteer back into rows, for overlaying.
func (g *Gazetteer) rows() []placeRow {
	alts := make([][]string, len(g.places))
	for _, e := range g.flat {
		if n := g.names[e.name]; n != g.places[e.place].Name {
			alts[e.place] = append(alts[e.place], n)
		}
	}
	out := make([]placeRow, len(g.places))
	for i := range g.places {
		out[i] = placeRow{Place: g.places[i], altRaw: strings.Join(alts[i], "|"), from: g.from[i], popEst: int(g.popEst[i])}
		if strings.HasPrefix(out[i].ID, "cc:") {
			out[i].iso3 = g.iso3[out[i].Country]
			out[i].theatre = g.theatre[out[i].Country]
		}
	}
	return out
}

// readPlaceDir reads every *.tsv and *.tsv.gz file of fsys in name order
// (the curated file after the generated ones) and hashes them into h.
func readPlaceDir(fsys fs.FS, rs []placeRow, h io.Writer, user bool) ([]placeRow, error) {
	ents, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range ents {
		n := e.Name()
		if e.IsDir() || !(strings.HasSuffix(n, ".tsv") || strings.HasSuffix(n, ".tsv.gz")) {
			continue
		}
		files = append(files, n)
	}
	// Curated last, so it overrides any same-ID row before it.
	sort.SliceStable(files, func(i, j int) bool {
		ci, cj := strings.HasPrefix(files[i], "curated"), strings.HasPrefix(files[j], "curated")
		if ci != cj {
			return cj
		}
		return files[i] < files[j]
	})
	// Files are read and hashed in order, then decompressed and parsed in
	// parallel (the generated GeoNames data comes in parts for this).
	type parsed struct {
		rows    []placeRow
		err     error // a failure to read the file
		rowErrs error
	}
	res := make([]parsed, len(files))
	var wg sync.WaitGroup
	for i, n := range files {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		h.Write([]byte(n))
		h.Write(b)
		from := fromGeoNames
		switch {
		case user:
			from = fromUser
		case strings.HasPrefix(n, "curated"):
			from = fromCurated
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if strings.HasSuffix(n, ".gz") {
				if b, err = gunzip(b); err != nil {
					res[i].err = fmt.Errorf("%s: %w", n, err)
					return
				}
			}
			res[i].rows, res[i].rowErrs = parsePlaces(b, n, from, nil)
		}()
	}
	wg.Wait()
	var errs []error
	total := len(rs)
	for _, r := range res {
		if r.err != nil {
			return nil, r.err
		}
		total += len(r.rows)
	}
	rs = slices.Grow(rs, total-len(rs))
	for _, r := range res {
		rs = append(rs, r.rows...)
		if r.rowErrs != nil {
			errs = append(errs, r.rowErrs)
		}
	}
	return rs, errors.Join(errs...)
}

// gunzip decompresses a whole gzip file.
func gunzip(b []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if len(b) > 4 { // the gzip trailer holds the size
		buf.Grow(int(binary.LittleEndian.Uint32(b[len(b)-4:])) + 1)
	}
	if _, err := buf.ReadFrom(zr); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// RowError is a bad row of a place file. The rest of the file is still
// read.
type RowError struct {
	File string
	Line int
	Err  error
}

func (e *RowError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }
func (e *RowError) Unwrap() error { return e.Err }

// parsePlaces reads a place TSV: '#' comment lines, a header naming the
// columns (name, lat and lon required; id, alt_names, kind, country,
// admin1, population, pop_est, iso3, theatre, note optional), then one place a
// line, alternate names separated by '|'. Bad rows are skipped and
// reported together with their line numbers. The rows' altRaw share the
// memory of data; the places' own strings are copied out of it (see
// stringArena), so that data can be freed once the index is built.
func parsePlaces(data []byte, file string, from source, rs []placeRow) ([]placeRow, error) {
	// The rows' strings point into data, which no one writes after this:
	// sharing it saves a copy of the whole file while parsing.
	text := unsafe.String(unsafe.SliceData(data), len(data))
	var arena stringArena
	var interned map[string]string
	var lastKind, lastCountry, lastAdmin1 string
	// intern returns a shared copy of a repetitive field (kind, country,
	// admin1); rows come grouped, so the previous row's value is tried
	// first.
	intern := func(v string, last *string) string {
		if v == *last {
			return *last
		}
		c, ok := interned[v]
		if !ok {
			if interned == nil {
				interned = map[string]string{}
			}
			c = strings.Clone(v)
			interned[c] = c
		}
		*last = c
		return c
	}
	nLines := strings.Count(text, "\n") + 1
	rs = slices.Grow(rs, nLines)
	// One block of Places per file: fewer, larger allocations.
	block := make([]Place, 0, nLines)
	col := map[string]int{}
	var errs []error
	line := 0
	n0 := len(rs)
	var f []string
	var madeIDs map[string]bool
	cName, cLat, cLon, cID, cAlt, cKind, cCountry, cAdmin1, cPop, cEst, cISO3, cTheatre := -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1
	get := func(i int) string {
		if i >= 0 && i < len(f) {
			return strings.TrimSpace(f[i])
		}
		return ""
	}
	for len(text) > 0 {
		var l string
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			l, text = text[:i], text[i+1:]
		} else {
			l, text = text, ""
		}
		line++
		l = strings.TrimSuffix(l, "\r")
		if len(l) == 0 || l[0] == '#' {
			continue
		}
		f = f[:0]
		for {
			i := strings.IndexByte(l, '\t')
			if i < 0 {
				f = append(f, l)
				break
			}
			f = append(f, l[:i])
			l = l[i+1:]
		}
		if len(col) == 0 {
			for i, c := range f {
				col[strings.ToLower(strings.TrimSpace(c))] = i
			}
			for _, req := range []string{"name", "lat", "lon"} {
				if _, ok := col[req]; !ok {
					return rs, &RowError{file, line, fmt.Errorf("header lacks column %q: %w", req, errInvalid)}
				}
			}
			idx := func(c string) int {
				if i, ok := col[c]; ok {
					return i
				}
				return -1
			}
			cName, cLat, cLon, cID, cAlt = idx("name"), idx("lat"), idx("lon"), idx("id"), idx("alt_names")
			cKind, cCountry, cAdmin1, cPop, cEst, cISO3 = idx("kind"), idx("country"), idx("admin1"), idx("population"), idx("pop_est"), idx("iso3")
			cTheatre = idx("theatre")
			continue
		}
		block = append(block, Place{})
		r := placeRow{Place: &block[len(block)-1], from: from}
		r.Name = arena.clone(get(cName))
		if r.Name == "" {
			errs = append(errs, &RowError{file, line, fmt.Errorf("empty name: %w", errInvalid)})
			continue
		}
		lat, err1 := strconv.ParseFloat(get(cLat), 64)
		lon, err2 := strconv.ParseFloat(get(cLon), 64)
		if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			errs = append(errs, &RowError{file, line, fmt.Errorf("bad coordinates %q,%q: %w", get(cLat), get(cLon), errInvalid)})
			continue
		}
		r.Lat, r.Lon = lat, lon
		r.Kind = intern(get(cKind), &lastKind)
		if r.Kind == "" {
			r.Kind = "other"
		}
		r.Country = intern(get(cCountry), &lastCountry)
		if len(r.Country) == 2 && (r.Country[0] > 'Z' || r.Country[1] > 'Z') {
			r.Country = strings.ToUpper(r.Country)
		}
		r.Admin1 = intern(get(cAdmin1), &lastAdmin1)
		if p := get(cPop); p != "" {
			n, err := strconv.Atoi(p)
			if err != nil {
				errs = append(errs, &RowError{file, line, fmt.Errorf("bad population %q: %w", p, errInvalid)})
				continue
			}
			r.Population = n
		}
		if p := get(cEst); p != "" {
			r.popEst, _ = strconv.Atoi(p)
		}
		r.altRaw = get(cAlt)
		r.iso3 = strings.Clone(strings.ToUpper(get(cISO3)))
		r.theatre = get(cTheatre) == "1"
		r.ID = arena.clone(get(cID))
		if r.ID == "" {
			switch from {
			case fromCurated:
				// Unique within the file: two "Tell Abyad" rows (a town
				// and a crossing) stay two places.
				base := "cur:" + slug(r.Name+"-"+r.Country)
				r.ID = base
				for n := 2; madeIDs[r.ID]; n++ {
					r.ID = base + "-" + strconv.Itoa(n)
				}
				if madeIDs == nil {
					madeIDs = map[string]bool{}
				}
				madeIDs[r.ID] = true
			case fromUser:
				r.ID = "user:" + slug(file) + ":" + strconv.Itoa(len(rs)-n0+1)
			default:
				r.ID = "row:" + slug(file) + ":" + strconv.Itoa(line)
			}
		}
		rs = append(rs, r)
	}
	return rs, errors.Join(errs...)
}

// stringArena copies small strings into shared blocks: one allocation per
// block instead of one per string, and nothing that points into a larger
// buffer (a whole decompressed place file) keeps that buffer alive.
type stringArena struct{ block []byte }

// arenaBlock is the size of one stringArena block.
const arenaBlock = 64 << 10

// clone returns a copy of s held by the arena.
func (a *stringArena) clone(s string) string {
	if s == "" {
		return ""
	}
	if len(s) > cap(a.block)-len(a.block) {
		a.block = make([]byte, 0, max(arenaBlock, len(s)))
	}
	start := len(a.block)
	a.block = append(a.block, s...)
	// Bytes once appended are never written again.
	return unsafe.String(&a.block[start], len(s))
}

// errInvalid marks bad input.
var errInvalid = sitrep.ErrInvalid

// slug lower-cases s and keeps letters and digits, joining runs of others
// with '-'.
func slug(s string) string {
	ws := splitWords(s)
	return strings.Join(ws, "-")
}

// readStoplist reads one lower-case word or phrase a line ('#' comments).
// A missing file is no error.
func readStoplist(fsys fs.FS, name string, h io.Writer) (map[string]bool, error) {
	b, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]bool{}, nil
	}
	if err != nil {
		return nil, err
	}
	h.Write([]byte(name))
	h.Write(b)
	out := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || l[0] == '#' {
			continue
		}
		out[strings.ToLower(l)] = true
	}
	return out, sc.Err()
}

// buildGazetteer indexes rows. When dedupe is set, a later row with the
// ID of an earlier one replaces it (the built-in files need no check).
func buildGazetteer(rows []placeRow, stop map[string]bool, dedupe bool) *Gazetteer {
	keep := rows
	if dedupe {
		byID := make(map[string]int, len(rows))
		keep = make([]placeRow, 0, len(rows))
		for _, r := range rows {
			if i, ok := byID[r.ID]; ok {
				keep[i] = r
				continue
			}
			byID[r.ID] = len(keep)
			keep = append(keep, r)
		}
	}
	g := &Gazetteer{
		places:  make([]*Place, len(keep)),
		prior:   make([]float32, len(keep)),
		popEst:  make([]int32, len(keep)),
		from:    make([]source, len(keep)),
		stop:    stop,
		iso3:    map[string]string{},
		theatre: map[string]bool{},
	}
	for i, r := range keep {
		g.places[i] = r.Place
		g.from[i] = r.from
		g.popEst[i] = int32(r.popEst)
		g.prior[i] = priorOf(r.Place, r.popEst, r.from)
		if r.iso3 != "" && r.Country != "" {
			g.iso3[r.Country] = r.iso3
		}
		if r.theatre && r.Country != "" {
			g.theatre[r.Country] = true
		}
	}
	g.tolerant = make([]bool, len(keep))
	for i, p := range g.places {
		g.tolerant[i] = g.from[i] != fromGeoNames || g.theatre[p.Country]
	}
	// Keys are computed in parallel (the costly part), then indexed in
	// order, so the index is the same whatever the number of workers.
	workers := min(runtime.GOMAXPROCS(0), 4, 1+len(keep)/20000)
	parts := make([]keyedNames, workers)
	var wg sync.WaitGroup
	for w := range parts {
		lo, hi := w*len(keep)/workers, (w+1)*len(keep)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[w] = computeKeys(keep, lo, hi)
		}()
	}
	wg.Wait()
	type pair struct {
		key int32
		e   entry
	}
	n := 0
	for _, p := range parts {
		n += len(p.names)
	}
	pairs := make([]pair, 0, n)
	g.names = make([]string, 0, n)
	arenaLen := 0
	for _, p := range parts {
		arenaLen += len(p.arena)
	}
	// There are at most as many keys as names.
	g.keyIDs = newKeyTable(n, arenaLen)
	for i, p := range parts {
		parts[i] = keyedNames{} // free each part once indexed
		for _, nk := range p.names {
			key := p.arena[nk.keyStart:nk.keyEnd]
			id := g.keyIDs.insert(key)
			if int(nk.words) > g.maxSpan {
				g.maxSpan = min(int(nk.words), 5)
			}
			g.names = append(g.names, nk.name)
			pairs = append(pairs, pair{id, entry{place: nk.place, name: int32(len(g.names) - 1), light: nk.light}})
		}
	}
	// Counting sort of the entries by key.
	g.off = make([]int32, g.keyIDs.len()+1)
	for _, p := range pairs {
		g.off[p.key+1]++
	}
	for i := 1; i < len(g.off); i++ {
		g.off[i] += g.off[i-1]
	}
	g.flat = make([]entry, len(pairs))
	fill := make([]int32, g.keyIDs.len())
	for _, p := range pairs {
		g.flat[g.off[p.key]+fill[p.key]] = p.e
		fill[p.key]++
	}
	for id := range fill {
		es := g.flat[g.off[id]:g.off[id+1]]
		if len(es) > 1 {
			sort.SliceStable(es, func(a, b int) bool { return g.prior[es[a].place] > g.prior[es[b].place] })
		}
	}
	return g
}

// keyedName is one name of a place with its key, computed by
// computeKeys.
type keyedName struct {
	place            int32
	keyStart, keyEnd int32 // the key in keyedNames.arena
	words            int8
	light            uint64
	name             string
}

// keyedNames are the names of a run of rows with their keys.
type keyedNames struct {
	arena []byte
	names []keyedName
}

// computeKeys keys the names of rows[lo:hi], each distinct spelling of a
// place once.
func computeKeys(rows []placeRow, lo, hi int) keyedNames {
	var out keyedNames
	// Exactly as many as there can be names: over-allocating here is most
	// of the memory a load needs at its peak.
	n := hi - lo
	for i := lo; i < hi; i++ {
		if alt := rows[i].altRaw; alt != "" {
			n += 1 + strings.Count(alt, "|")
		}
	}
	out.names = make([]keyedName, 0, n)
	var k keyer
	var seen []uint64
	// Alternate names are copied out of the file they were read from, so
	// that the file's memory is freed once the index is built.
	var arena stringArena
	add := func(i int, n string, alt bool) {
		key, lh, words := k.keys(n)
		if len(key) == 0 || slices.Contains(seen, lh) {
			return
		}
		seen = append(seen, lh)
		if alt {
			n = arena.clone(n)
		}
		start := len(out.arena)
		out.arena = append(out.arena, key...)
		out.names = append(out.names, keyedName{place: int32(i), keyStart: int32(start), keyEnd: int32(len(out.arena)),
			words: int8(min(words, 127)), light: lh, name: n})
	}
	for i := lo; i < hi; i++ {
		r := &rows[i]
		seen = seen[:0]
		add(i, r.Name, false)
		for alt := r.altRaw; alt != ""; {
			var a string
			if j := strings.IndexByte(alt, '|'); j >= 0 {
				a, alt = alt[:j], alt[j+1:]
			} else {
				a, alt = alt, ""
			}
			if a = strings.TrimSpace(a); a != "" {
				add(i, a, true)
			}
		}
	}
	return out
}

// entries returns the index entries of a key, best prior first.
func (g *Gazetteer) entries(key []byte) []entry {
	id, ok := g.keyIDs.find(key)
	if !ok {
		return nil
	}
	return g.flat[g.off[id]:g.off[id+1]]
}
