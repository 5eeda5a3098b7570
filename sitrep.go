// Package sitrep holds the domain types of the conflict monitor and the few
// interfaces between its stages. It imports nothing else of the project:
// every stage (ingest, clean, text, kb, geo, coder, store, eval) speaks in
// these types.
package sitrep

import (
	"context"
	"errors"
	"time"
)

// Version is the coder version recorded on every coded event.
const Version = "0.1.0"

// Sentinel errors shared by stages. Callers check them with errors.Is.
var (
	// ErrNotFound is returned when a requested record does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalid is returned when input cannot be parsed or fails validation.
	ErrInvalid = errors.New("invalid input")
)

// ParagraphKind says what role a paragraph plays in a document.
type ParagraphKind string

const (
	// Body is ordinary article text.
	Body ParagraphKind = "body"
	// Caption is a photo or video caption: kept, but marked, since it
	// restates or adds to the story in its own way.
	Caption ParagraphKind = "caption"
)

// Paragraph is a span of a document's clean Text.
type Paragraph struct {
	Start int           `json:"start"` // byte offset into Document.Text
	End   int           `json:"end"`   // byte offset, exclusive
	Kind  ParagraphKind `json:"kind"`
}

// Document is one news report after ingestion and cleaning.
type Document struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"` // file name for files, record id for JSONL, URL for web pages
	URL       string    `json:"url"`
	Outlet    string    `json:"outlet"`
	Title     string    `json:"title"`
	Author    string    `json:"author"`
	Dateline  string    `json:"dateline"`  // e.g. "AMMAN" or "ERBIL, Kurdistan Region"
	Published time.Time `json:"published"` // zero when unknown: never guessed
	// Source names where the document came from (path, feed URL, WARC file),
	// for error messages and provenance.
	Source string `json:"source"`
	// RawType is the media type of Raw: "text/plain" or "text/html".
	RawType    string      `json:"raw_type"`
	Raw        []byte      `json:"-"`
	Text       string      `json:"text"` // clean text, paragraphs separated by "\n\n"
	Paragraphs []Paragraph `json:"paragraphs"`
	// Hash is the hex SHA-256 of the clean text (the idempotency key).
	Hash string `json:"hash"`
	// SimHash is a 64-bit locality-sensitive hash of the clean text.
	SimHash     uint64    `json:"simhash"`
	DuplicateOf int64     `json:"duplicate_of,omitempty"` // ID of the original when a near-duplicate
	IngestedAt  time.Time `json:"ingested_at"`
}

// HasDate reports whether the publication date is known.
func (d *Document) HasDate() bool { return !d.Published.IsZero() }

// Source is one place where a coded field was stated.
type Source struct {
	Doc       string `json:"doc"` // Document.Name
	URL       string `json:"url"`
	Outlet    string `json:"outlet"`
	Published string `json:"published"` // YYYY-MM-DD or empty
	Sentence  string `json:"sentence"`
	Start     int    `json:"start"` // byte offsets of the sentence in Document.Text
	End       int    `json:"end"`
}

// Event is one coded event in the scheme of ../shared/gold/GUIDELINES.md
// (ACLED types and columns, plus provenance).
type Event struct {
	ID                string   `json:"id"`
	DocID             int64    `json:"-"`
	EventType         string   `json:"event_type"`
	SubEventType      string   `json:"sub_event_type"`
	CAMEO             string   `json:"cameo"`
	PLOVER            string   `json:"plover"`
	Actor1            string   `json:"actor1"`
	Actor2            string   `json:"actor2"`
	AssocActor1       []string `json:"assoc_actor_1"`
	AssocActor2       []string `json:"assoc_actor_2"`
	Inter1            int      `json:"inter1"`
	Inter2            int      `json:"inter2"`
	Interaction       int      `json:"interaction"`
	CivilianTargeting bool     `json:"civilian_targeting"`
	Location          string   `json:"location"`
	Admin1            string   `json:"admin1"`
	Country           string   `json:"country"` // ISO 3166-1 alpha-3
	Latitude          *float64 `json:"latitude"`
	Longitude         *float64 `json:"longitude"`
	GeoPrecision      int      `json:"geo_precision"`  // 1 town, 2 near/relative/small area, 3 region
	EventDate         string   `json:"event_date"`     // YYYY-MM-DD or empty when unknown
	TimePrecision     int      `json:"time_precision"` // 1 day, 2 week/span, 3 month or vaguer
	Fatalities        *int     `json:"fatalities"`
	FatalitiesLow     *int     `json:"fatalities_low,omitempty"`
	FatalitiesHigh    *int     `json:"fatalities_high,omitempty"`
	FromActor         string   `json:"from_actor,omitempty"` // territory change: who lost it
	ToActor           string   `json:"to_actor,omitempty"`   // territory change: who gained it
	AreaKm2           *float64 `json:"area_km2,omitempty"`
	ClaimedBy         string   `json:"claimed_by"`
	Contested         bool     `json:"contested"`
	Confidence        float64  `json:"confidence"`
	CoderVersion      string   `json:"coder_version"`
	KBVersion         string   `json:"kb_version"`
	Notes             string   `json:"notes,omitempty"`
	Sources           []Source `json:"sources"`
}

// Zone is a declared area: a de-confliction radius, a de-escalation zone, a
// no-fly zone. Either RadiusKm or Polygon describes its extent.
type Zone struct {
	ID         string       `json:"id"`
	DocID      int64        `json:"-"`
	Name       string       `json:"name"`
	Kind       string       `json:"kind"` // "deconfliction", "de-escalation", "no-fly", "buffer", ...
	Latitude   float64      `json:"lat"`
	Longitude  float64      `json:"lon"`
	RadiusKm   float64      `json:"radius_km,omitempty"`
	Polygon    [][2]float64 `json:"polygon,omitempty"` // [lon, lat] ring
	DeclaredBy string       `json:"declared_by"`
	Date       string       `json:"date"` // YYYY-MM-DD or empty
	Evidence   string       `json:"evidence"`
	Sources    []Source     `json:"sources"`
}

// PutStatus says what storing a document did.
type PutStatus string

const (
	StatusNew           PutStatus = "new"
	StatusDuplicate     PutStatus = "duplicate"      // same content hash already stored: nothing added
	StatusNearDuplicate PutStatus = "near-duplicate" // stored, and linked to its original
)

// DocumentFilter selects documents. Zero values select everything.
type DocumentFilter struct {
	IDs   []int64
	Limit int
	// AfterID selects documents with a greater ID: with Limit, it pages
	// through a large store (pass the last ID of the previous page).
	AfterID int64
	// OmitRaw leaves Document.Raw nil, for readers that need only the
	// clean text.
	OmitRaw bool
}

// EventFilter selects events. Zero values select everything.
type EventFilter struct {
	DocID        int64
	EventType    string
	SubEventType string
	Actor        string // matches actor1, actor2 or an associated actor
	Country      string
	From, To     string // YYYY-MM-DD inclusive bounds on event_date
	Limit        int
}

// SearchHit is one full-text search result.
type SearchHit struct {
	DocID   int64   `json:"doc_id"`
	Name    string  `json:"name"`
	Title   string  `json:"title"`
	Snippet string  `json:"snippet"`
	Rank    float64 `json:"rank"`
}

// DocumentStore keeps documents. PutDocument is idempotent by content hash.
type DocumentStore interface {
	// PutDocument stores doc unless a document with the same Hash exists
	// (StatusDuplicate, doc.ID set to the existing one). A document whose
	// SimHash is within a few bits of a stored one is stored with
	// DuplicateOf set (StatusNearDuplicate).
	PutDocument(ctx context.Context, doc *Document) (PutStatus, error)
	// Document returns one document by ID, or ErrNotFound.
	Document(ctx context.Context, id int64) (*Document, error)
	// Documents lists documents in ID order.
	Documents(ctx context.Context, f DocumentFilter) ([]*Document, error)
	// Search runs a full-text query over titles and clean text.
	Search(ctx context.Context, query string, limit int) ([]SearchHit, error)
}

// EventStore keeps coded events and zones, per document.
type EventStore interface {
	// ReplaceCoding atomically replaces the events and zones coded from one
	// document (recoding never duplicates).
	ReplaceCoding(ctx context.Context, docID int64, events []Event, zones []Zone) error
	// Events lists events matching f, ordered by document then ID.
	Events(ctx context.Context, f EventFilter) ([]Event, error)
	// Zones lists all declared zones.
	Zones(ctx context.Context) ([]Zone, error)
}

// CodedDocumentStore stores a document together with its coding in one
// transaction, so that a crash never leaves a stored document uncoded (a
// rerun would skip it as a duplicate and never code it).
type CodedDocumentStore interface {
	// PutCodedDocument stores doc as PutDocument does and, when it is new
	// or a near-duplicate, its events and zones (their DocID set to the new
	// ID) in the same transaction. A duplicate changes nothing.
	PutCodedDocument(ctx context.Context, doc *Document, events []Event, zones []Zone) (PutStatus, error)
}

// Store is the whole persistent record.
type Store interface {
	DocumentStore
	EventStore
	CodedDocumentStore
	Close() error
}
