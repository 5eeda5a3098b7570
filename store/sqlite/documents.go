package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep"
	"modernc.org/sqlite"
)

// NearDuplicateDistance is the largest Hamming distance between two
// SimHashes for the later document to count as a near-duplicate.
//
// Measured on the VOA corpus (89 stories, clean.SimHash over word
// 2-shingles): realistic copies by another outlet (last 10% cut, lead
// sentence rewritten, a few word edits) are mostly 4-9 bits from the
// original; three random word edits leave 88 of 89 copies within 6 bits;
// the closest two different stories are 17 bits apart. 6 catches most
// copies with a wide margin below 17. Raising it past 6 needs more bands
// (see simhashBands and the migrations).
const NearDuplicateDistance = 6

// numBands is the number of SimHash bands, stored in columns band0..band6
// and each indexed. Two hashes within NearDuplicateDistance bits differ in
// at most NearDuplicateDistance bands, so with more bands than that
// (pigeonhole) they share one band exactly and the near-duplicate search
// is an index lookup.
const numBands = 7

// bandBits is the width of bands 0-5 (bits 0-8, 9-17, ..., 45-53); the
// last band takes the remaining 10 bits (54-63). Migration 0002 computes
// the same split in SQL.
const bandBits = 64 / numBands

// The build fails if a change of NearDuplicateDistance breaks the
// pigeonhole guarantee: the constant would overflow uint.
const _ uint = numBands - NearDuplicateDistance - 1

// documentColumns is the column list scanDocument reads, in its order.
const documentColumns = `id, name, url, outlet, title, author, dateline, published, source,
	raw_type, raw, text, paragraphs, hash, simhash, duplicate_of, ingested_at`

// PutDocument stores doc unless a document with the same Hash exists; then
// it returns StatusDuplicate and sets doc.ID to the stored one. A document
// whose SimHash is within NearDuplicateDistance bits of a stored one is
// stored with DuplicateOf set to that document's original (the first of the
// family) and StatusNearDuplicate. An empty Hash is computed from Text; a
// zero SimHash means "none" and never matches; a zero IngestedAt is set to
// db.Now. doc.ID and doc.DuplicateOf are set on success.
func (db *DB) PutDocument(ctx context.Context, doc *sitrep.Document) (sitrep.PutStatus, error) {
	sts, err := db.PutDocuments(ctx, []*sitrep.Document{doc})
	if err != nil {
		return "", err
	}
	return sts[0], nil
}

// PutDocuments stores several documents in one transaction, each as
// PutDocument would, in order (a later document can be a duplicate or
// near-duplicate of an earlier one in the same batch). It saves the cost
// of a commit per document, for writers that batch; on error nothing of
// the batch is stored and the documents' IDs are left as they were.
func (db *DB) PutDocuments(ctx context.Context, docs []*sitrep.Document) ([]sitrep.PutStatus, error) {
	type result struct {
		id, dupOf int64
		ingested  time.Time
	}
	for _, doc := range docs {
		if doc == nil {
			return nil, fmt.Errorf("put document: nil document: %w", sitrep.ErrInvalid)
		}
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("put documents: %w", err)
	}
	defer tx.Rollback()
	statuses := make([]sitrep.PutStatus, len(docs))
	results := make([]result, len(docs))
	for i, doc := range docs {
		st, id, dupOf, ingested, err := db.put(ctx, tx, doc)
		if err != nil {
			return nil, fmt.Errorf("put document %s: %w", doc.Name, err)
		}
		statuses[i], results[i] = st, result{id, dupOf, ingested}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("put documents: %w", err)
	}
	// Only a committed write touches the callers' documents.
	for i, doc := range docs {
		doc.ID = results[i].id
		if statuses[i] != sitrep.StatusDuplicate {
			doc.DuplicateOf, doc.IngestedAt = results[i].dupOf, results[i].ingested
		}
	}
	return statuses, nil
}

// put stores one document inside tx and returns its status, ID, original
// and ingestion time; a duplicate returns the stored document's ID only.
// It fills doc.Hash when empty.
func (db *DB) put(ctx context.Context, tx *sql.Tx, doc *sitrep.Document) (sitrep.PutStatus, int64, int64, time.Time, error) {
	if doc.Hash == "" {
		sum := sha256.Sum256([]byte(doc.Text))
		doc.Hash = hex.EncodeToString(sum[:])
	}
	var id int64
	switch err := tx.StmtContext(ctx, db.stmts.docByHash).QueryRowContext(ctx, doc.Hash).Scan(&id); {
	case err == nil:
		return sitrep.StatusDuplicate, id, 0, time.Time{}, nil
	case !errors.Is(err, sql.ErrNoRows):
		return "", 0, 0, time.Time{}, err
	}
	paragraphs, err := json.Marshal(doc.Paragraphs)
	if err != nil {
		return "", 0, 0, time.Time{}, err
	}
	status, dupOf := sitrep.StatusNew, int64(0)
	if doc.SimHash != 0 {
		orig, ok, err := nearDuplicate(ctx, tx.StmtContext(ctx, db.stmts.nearDup), doc.SimHash)
		if err != nil {
			return "", 0, 0, time.Time{}, err
		}
		if ok {
			status, dupOf = sitrep.StatusNearDuplicate, orig
		}
	}
	ingested := doc.IngestedAt
	if ingested.IsZero() {
		ingested = db.now()
	}
	bands := simhashBands(doc.SimHash)
	res, err := tx.StmtContext(ctx, db.stmts.insertDoc).ExecContext(ctx,
		doc.Name, doc.URL, doc.Outlet, doc.Title, doc.Author, doc.Dateline, formatTime(doc.Published),
		doc.Source, doc.RawType, doc.Raw, doc.Text, string(paragraphs), doc.Hash, int64(doc.SimHash),
		bands[0], bands[1], bands[2], bands[3], bands[4], bands[5], bands[6], nullID(dupOf), formatTime(ingested))
	if err != nil {
		return "", 0, 0, time.Time{}, err
	}
	if id, err = res.LastInsertId(); err != nil {
		return "", 0, 0, time.Time{}, err
	}
	return status, id, dupOf, ingested, nil
}

// insertDocumentQuery stores one document (see put).
const insertDocumentQuery = `INSERT INTO documents (name, url, outlet, title, author, dateline, published,
	source, raw_type, raw, text, paragraphs, hash, simhash,
	band0, band1, band2, band3, band4, band5, band6, duplicate_of, ingested_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// simhashBands splits a SimHash into its bands (see bandBits); all are
// nil for the zero hash so that "no simhash" never matches.
func simhashBands(h uint64) [numBands]any {
	var b [numBands]any
	if h == 0 {
		return b
	}
	for i := range b {
		shift := uint(i * bandBits)
		width := uint(bandBits)
		if i == numBands-1 {
			width = 64 - shift
		}
		b[i] = int64(h >> shift & (1<<width - 1))
	}
	return b
}

// nearDuplicate finds the stored document closest to h (ties: the oldest)
// within NearDuplicateDistance and returns its original's ID; q is
// nearDuplicateQuery prepared for the transaction. Any such
// document shares at least one band with h, so only documents found
// through the band indexes are compared.
func nearDuplicate(ctx context.Context, q *sql.Stmt, h uint64) (int64, bool, error) {
	b := simhashBands(h)
	rows, err := q.QueryContext(ctx, b[:]...)
	if err != nil {
		return 0, false, fmt.Errorf("near-duplicate search: %w", err)
	}
	defer rows.Close()
	best, bestDist, bestOrig := int64(0), NearDuplicateDistance+1, int64(0)
	for rows.Next() {
		var id, sh int64
		var dup sql.NullInt64
		if err := rows.Scan(&id, &sh, &dup); err != nil {
			return 0, false, fmt.Errorf("near-duplicate search: %w", err)
		}
		d := bits.OnesCount64(uint64(sh) ^ h)
		if d < bestDist || (d == bestDist && id < best) {
			best, bestDist, bestOrig = id, d, id
			if dup.Valid && dup.Int64 != 0 {
				bestOrig = dup.Int64
			}
		}
	}
	if err := rows.Err(); err != nil {
		return 0, false, fmt.Errorf("near-duplicate search: %w", err)
	}
	return bestOrig, best != 0, nil
}

// nearDuplicateQuery selects the candidates sharing a band with a hash,
// whose bands are its parameters in order. Each arm of the UNION is one
// lookup in a band index that also holds simhash and duplicate_of
// (migration 0003), so no document row is read; an OR of the seven
// conditions would fetch every candidate's row.
const nearDuplicateQuery = `
	SELECT id, simhash, duplicate_of FROM documents WHERE band0 = ?
	UNION SELECT id, simhash, duplicate_of FROM documents WHERE band1 = ?
	UNION SELECT id, simhash, duplicate_of FROM documents WHERE band2 = ?
	UNION SELECT id, simhash, duplicate_of FROM documents WHERE band3 = ?
	UNION SELECT id, simhash, duplicate_of FROM documents WHERE band4 = ?
	UNION SELECT id, simhash, duplicate_of FROM documents WHERE band5 = ?
	UNION SELECT id, simhash, duplicate_of FROM documents WHERE band6 = ?`

// Document returns the document with the given ID, or an error wrapping
// sitrep.ErrNotFound.
func (db *DB) Document(ctx context.Context, id int64) (*sitrep.Document, error) {
	row := db.read.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM documents WHERE id = ?`, id)
	d, err := scanDocument(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("document %d: %w", id, sitrep.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("document %d: %w", id, err)
	}
	return d, nil
}

// Documents lists the documents selected by f in ID order. IDs that do not
// exist are skipped.
func (db *DB) Documents(ctx context.Context, f sitrep.DocumentFilter) ([]*sitrep.Document, error) {
	cols := documentColumns
	if f.OmitRaw {
		cols = strings.Replace(cols, " raw,", " NULL,", 1)
	}
	q := `SELECT ` + cols + ` FROM documents WHERE id > ?`
	args := []any{f.AfterID}
	if f.IDs != nil {
		ids, err := json.Marshal(f.IDs)
		if err != nil {
			return nil, fmt.Errorf("documents: %w", err)
		}
		q += ` AND id IN (SELECT value FROM json_each(?))`
		args = append(args, string(ids))
	}
	q += ` ORDER BY id`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := db.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	defer rows.Close()
	var docs []*sitrep.Document
	for rows.Next() {
		d, err := scanDocument(rows)
		if err != nil {
			return nil, fmt.Errorf("documents: %w", err)
		}
		docs = append(docs, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	return docs, nil
}

// CountDocuments returns the number of stored documents.
func (db *DB) CountDocuments(ctx context.Context) (int, error) {
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM documents`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count documents: %w", err)
	}
	return n, nil
}

type scanner interface{ Scan(dest ...any) error }

func scanDocument(s scanner) (*sitrep.Document, error) {
	var (
		d                    sitrep.Document
		published            sql.NullString
		raw                  []byte
		paragraphs, ingested string
		simhash              int64
		dupOf                sql.NullInt64
	)
	if err := s.Scan(&d.ID, &d.Name, &d.URL, &d.Outlet, &d.Title, &d.Author, &d.Dateline, &published,
		&d.Source, &d.RawType, &raw, &d.Text, &paragraphs, &d.Hash, &simhash, &dupOf, &ingested); err != nil {
		return nil, err
	}
	var err error
	if published.Valid {
		if d.Published, err = time.Parse(time.RFC3339Nano, published.String); err != nil {
			return nil, fmt.Errorf("document %d: published: %w", d.ID, err)
		}
	}
	if d.IngestedAt, err = time.Parse(time.RFC3339Nano, ingested); err != nil {
		return nil, fmt.Errorf("document %d: ingested_at: %w", d.ID, err)
	}
	if err := json.Unmarshal([]byte(paragraphs), &d.Paragraphs); err != nil {
		return nil, fmt.Errorf("document %d: paragraphs: %w", d.ID, err)
	}
	if len(raw) > 0 {
		d.Raw = raw
	}
	d.SimHash = uint64(simhash)
	d.DuplicateOf = dupOf.Int64
	return &d, nil
}

// Search runs a full-text query over titles and clean text and returns the
// best hits first (Rank is the negated BM25 score: higher is better), at
// most limit of them (limit <= 0: all). Plain words are matched as terms
// (all must occur; word forms are stemmed; a hyphenated Arabic article is
// dropped, so "al-Tanf" finds a-Tanf too); a query using FTS5 syntax
// (quotes, AND/OR/NOT, NEAR, *, parentheses, column:) is passed through.
// An empty or malformed query returns an error wrapping sitrep.ErrInvalid.
func (db *DB) Search(ctx context.Context, query string, limit int) ([]sitrep.SearchHit, error) {
	match := ftsQuery(query)
	if match == "" {
		return nil, fmt.Errorf("search: empty query: %w", sitrep.ErrInvalid)
	}
	if limit <= 0 {
		limit = -1
	}
	// Ranking first, snippets after for the chosen hits only: FTS5's
	// snippet() is quadratic in the number of matches inside a document,
	// so it must not run on every matching row.
	rows, err := db.read.QueryContext(ctx, `SELECT d.id, d.name, d.title, length(d.text), bm25(documents_fts)
		FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
		WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts), d.id LIMIT ?`, match, limit)
	if err != nil {
		return nil, searchError(query, err)
	}
	hits := []sitrep.SearchHit{}
	var sizes []int
	for rows.Next() {
		var h sitrep.SearchHit
		var size int
		if err := rows.Scan(&h.DocID, &h.Name, &h.Title, &size, &h.Rank); err != nil {
			rows.Close()
			return nil, searchError(query, err)
		}
		h.Rank = -h.Rank
		hits = append(hits, h)
		sizes = append(sizes, size)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, searchError(query, err)
	}
	for i := range hits {
		if hits[i].Snippet, err = db.snippet(ctx, match, hits[i].DocID, sizes[i]); err != nil {
			return nil, searchError(query, err)
		}
	}
	return hits, nil
}

// snippetMaxChars is the text length above which snippets are cut in Go
// rather than by FTS5, whose snippet() slows down with many matches.
const snippetMaxChars = 128 << 10

// snippet returns a short extract of document id around the matches of
// the FTS5 expression match, with the matched terms in [brackets].
func (db *DB) snippet(ctx context.Context, match string, id int64, size int) (string, error) {
	var s string
	if size <= snippetMaxChars {
		err := db.read.QueryRowContext(ctx, `SELECT snippet(documents_fts, -1, '[', ']', '…', 16)
			FROM documents_fts WHERE documents_fts MATCH ? AND rowid = ?`, match, id).Scan(&s)
		if errors.Is(err, sql.ErrNoRows) {
			return "", nil // changed since it was ranked
		}
		if err != nil {
			return "", err
		}
		return s, nil
	}
	var text string
	err := db.read.QueryRowContext(ctx, `SELECT text FROM documents WHERE id = ?`, id).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	return cutSnippet(text, match, 80), nil
}

// cutSnippet returns about width bytes of text on each side of the first
// place where a word of the query occurs (ignoring case, not stemming),
// the word in [brackets]; the start of text when none does.
func cutSnippet(text, query string, width int) string {
	var words []string
	for _, w := range strings.FieldsFunc(query, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		switch w {
		case "AND", "OR", "NOT", "NEAR":
			continue
		}
		words = append(words, regexp.QuoteMeta(w))
	}
	m := []int{0, 0}
	if len(words) > 0 {
		if loc := regexp.MustCompile(`(?i)` + strings.Join(words, "|")).FindStringIndex(text); loc != nil {
			m = loc
		}
	}
	start, end := max(0, m[0]-width), min(len(text), m[1]+width)
	for start > 0 && !utf8.RuneStart(text[start]) {
		start--
	}
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end++
	}
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	b.WriteString(text[start:m[0]])
	if m[1] > m[0] {
		b.WriteString("[" + text[m[0]:m[1]] + "]")
	}
	b.WriteString(text[m[1]:end])
	if end < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

// searchError reports a failed search. SQLite's generic error (code 1)
// is what the FTS5 query parser raises for a malformed query: that is the
// user's mistake and wraps sitrep.ErrInvalid.
func searchError(query string, err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code() == 1 {
		return fmt.Errorf("search %q: invalid query (%v): %w", query, err, sitrep.ErrInvalid)
	}
	return fmt.Errorf("search %q: %w", query, err)
}

// ftsQuery turns a user query into an FTS5 expression. A query without
// FTS5 syntax has each word quoted, so that punctuation inside words
// ("al-Tanf", "U.S.", "Deir ez-Zor's") cannot break the parser; a query
// with FTS5 syntax is the user's expression and is kept as written.
func ftsQuery(q string) string {
	q = strings.TrimSpace(q)
	if q == "" {
		return ""
	}
	if strings.ContainsAny(q, `"*():^{}+`) {
		return q
	}
	words := strings.Fields(q)
	for _, w := range words {
		switch w {
		case "AND", "OR", "NOT":
			return q
		}
		if strings.HasPrefix(w, "NEAR") {
			return q
		}
	}
	for i, w := range words {
		words[i] = `"` + dropArticle(w) + `"`
	}
	return strings.Join(words, " ")
}

// dropArticle strips a transliterated Arabic article from a query word, so
// that al-Tanf also finds a-Tanf and Deir al-Zor finds Deir ez-Zor.
func dropArticle(w string) string {
	head, rest, ok := strings.Cut(w, "-")
	if !ok || rest == "" {
		return w
	}
	// The transliterations of the Arabic article that news writes
	// hyphenated before a name: al-Tanf, a-Tanf, Deir ez-Zor, ash-Sham.
	switch strings.ToLower(head) {
	case "al", "el", "a", "e", "ul", "ad", "ag", "an", "ar", "as", "ash", "at", "ath", "az",
		"ed", "en", "er", "es", "et", "ez":
		return rest
	}
	return w
}

func formatTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format(time.RFC3339Nano)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
