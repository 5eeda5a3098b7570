// Package coder turns a document's clean text into coded events and declared
// zones, by the scheme of ../shared/gold/GUIDELINES.md (ACLED types plus
// CAMEO and PLOVER codes). What counts as a trigger, a threat, a denial or a
// zone cue is data (data/patterns.yaml, data/cues.yaml), overlaid by the
// user's files; the Go code only holds the matching rules.
//
// Coding runs per sentence: trigger words name the event; actors come from
// the knowledge base's mentions on the grammatical side of the trigger;
// place, date, fatalities and the claim source come from the geo and text
// packages; the same action told twice in one document is merged.
package coder

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"
	"github.com/sitrep/sitrep"
	"github.com/sitrep/sitrep/geo"
	"github.com/sitrep/sitrep/kb"
)

var errInvalidPattern = errors.New("invalid pattern")

// Options configures a Coder.
type Options struct {
	// PatternsDir holds patterns.yaml and/or cues.yaml that overlay the
	// built-in ones; "" uses the built-in files only.
	PatternsDir string
	// Now returns the current time; nil means time.Now. Coding never reads
	// the clock for dates (those come from the document), only for notes.
	Now func() time.Time
}

// Coder codes documents into events. It is safe for concurrent use: all its
// state is built once in New and only read afterwards.
type Coder struct {
	kb    *kb.KB
	geo   *geo.Resolver
	rules *rules
	now   func() time.Time
	civ   *kb.Actor
}

// Coding is what one document yields.
type Coding struct {
	Events []sitrep.Event
	Zones  []sitrep.Zone
}

// New builds a Coder over the knowledge base k. It compiles the patterns
// once, so that coding a document does no setup work.
func New(k *kb.KB, opt Options) (*Coder, error) {
	if k == nil {
		return nil, fmt.Errorf("new coder: nil knowledge base: %w", sitrep.ErrInvalid)
	}
	r, err := loadRules(opt.PatternsDir)
	if err != nil {
		return nil, fmt.Errorf("new coder: %w", err)
	}
	now := opt.Now
	if now == nil {
		now = time.Now
	}
	c := &Coder{kb: k, rules: r, now: now}
	if k.Places != nil {
		c.geo = geo.NewResolver(k.Places)
	}
	if k.Actors != nil {
		c.civ = k.Actors.Get("CIV")
	}
	if c.civ == nil {
		c.civ = &kb.Actor{Key: "CIV", Name: "Civilians", Inter: 7, Generic: true}
	}
	return c, nil
}

// Code codes one document. It returns no error for a document without
// events; errors are for a cancelled context only. The headline
// (doc.Title) is not coded: it restates the lead in shorthand, without a
// date or a full place, so it would add a second, vaguer copy of the lead's
// event, or a guessed one when the body tells the story otherwise.
func (c *Coder) Code(ctx context.Context, doc *sitrep.Document) (Coding, error) {
	if doc == nil {
		return Coding{}, fmt.Errorf("code: nil document: %w", sitrep.ErrInvalid)
	}
	if err := ctx.Err(); err != nil {
		return Coding{}, fmt.Errorf("code %s: %w", doc.Name, err)
	}
	d := c.analyse(doc)
	var evs []*draft
	for i := range d.sents {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return Coding{}, fmt.Errorf("code %s: %w", doc.Name, err)
			}
		}
		ds := c.codeSentence(d, i)
		if len(ds) == 0 {
			c.disputeLast(d, i, evs)
		}
		evs = append(evs, ds...)
	}
	c.bothSides(d, evs)
	evs = c.foldCaptions(d, evs)
	evs = mergeDrafts(evs)
	zones := c.findZones(d)
	prefix := docPrefix(doc)
	var out Coding
	for i, e := range evs {
		ev := c.finish(d, e)
		ev.ID = fmt.Sprintf("%s-e%d", prefix, i+1)
		out.Events = append(out.Events, ev)
	}
	for i := range zones {
		zones[i].ID = fmt.Sprintf("%s-z%d", prefix, i+1)
		zones[i].DocID = doc.ID
		out.Zones = append(out.Zones, zones[i])
	}
	return out, nil
}

// docPrefix is a stable short id of the document: its content hash prefix.
func docPrefix(doc *sitrep.Document) string {
	h := doc.Hash
	if len(h) < 8 {
		s := sha256.Sum256([]byte(doc.Text))
		h = hex.EncodeToString(s[:])
	}
	return h[:8]
}

// disputeLast marks the last violent event told before sentence si as
// contested when si, coding no event of its own, disputes one ("Russia
// denied its jets were involved", "the coalition said it had found no
// evidence").
func (c *Coder) disputeLast(d *docInfo, si int, evs []*draft) {
	low := strings.ToLower(d.sents[si].text)
	if !strings.Contains(low, "den") && !strings.Contains(low, "evidence") && !strings.Contains(low, "refut") && !strings.Contains(low, "disput") && !strings.Contains(low, "reject") && !strings.Contains(low, "dismiss") && !strings.Contains(low, "involved") && !strings.Contains(low, "nothing to do") {
		return
	}
	toks := tokenize(d.sents[si].text)
	for j := range toks {
		toks[j].lemma = c.rules.lemma(toks[j].lower)
	}
	if k, _ := findPhrase(toks, 0, len(toks), c.rules.dispute); k < 0 {
		return
	}
	for k := len(evs) - 1; k >= 0; k-- {
		if e := evs[k]; e.p != nil && e.p.Family == "violence" {
			e.contested = true
			return
		}
	}
}

// captionDays is how many days apart a photo caption may date the action
// its story tells.
const captionDays = 3

// foldCaptions folds an event told only by a photo caption into the body's
// event of the same type at the same place, a few days apart at most, with
// a compatible perpetrator: the caption shows what the story tells ("Smoke
// rises after an air strike on Douma, February 21").
func (c *Coder) foldCaptions(d *docInfo, evs []*draft) []*draft {
	isCaption := func(e *draft) bool {
		for _, si := range e.sents {
			if !d.sents[si].caption {
				return false
			}
		}
		return len(e.sents) > 0
	}
	out := evs[:0]
	for _, e := range evs {
		if isCaption(e) {
			if b := captionTwin(evs, e, isCaption); b != nil {
				absorb(b, e)
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// captionTwin returns the body event that caption event e shows, or nil.
func captionTwin(evs []*draft, e *draft, isCaption func(*draft) bool) *draft {
	for _, b := range evs {
		if b == e || isCaption(b) || b.eventType != e.eventType || b.territory != e.territory {
			continue
		}
		if e.a1Name != "" && b.a1Name != "" && !sameSide(b.a1Name, e.a1Name, b.a1Root, e.a1Root) && !e.a1.Generic && !b.a1.Generic {
			continue
		}
		if b.loc == nil || e.loc == nil || orbgeo.Distance(orb.Point{b.loc.Lon, b.loc.Lat}, orb.Point{e.loc.Lon, e.loc.Lat}) > mergeKm*1000 {
			continue
		}
		if !daysApartAtMost(b.date, e.date, captionDays) {
			continue
		}
		return b
	}
	return nil
}

// daysApartAtMost reports whether two ISO dates lie at most n days apart;
// an unknown date is near any.
func daysApartAtMost(a, b string, n int) bool {
	ta, err1 := time.Parse("2006-01-02", a)
	tb, err2 := time.Parse("2006-01-02", b)
	if err1 != nil || err2 != nil {
		return true
	}
	d := ta.Sub(tb)
	if d < 0 {
		d = -d
	}
	return d <= time.Duration(n)*24*time.Hour
}
