-- Documents: one row per distinct clean text (hash is the idempotency key).
-- The simhash is split into four 16-bit bands, each indexed: two hashes
-- within Hamming distance 3 differ in at most 3 bands, so they share at
-- least one band exactly and the near-duplicate search is an index lookup.
CREATE TABLE documents (
	id           INTEGER PRIMARY KEY,
	name         TEXT    NOT NULL DEFAULT '',
	url          TEXT    NOT NULL DEFAULT '',
	outlet       TEXT    NOT NULL DEFAULT '',
	title        TEXT    NOT NULL DEFAULT '',
	author       TEXT    NOT NULL DEFAULT '',
	dateline     TEXT    NOT NULL DEFAULT '',
	published    TEXT,                      -- RFC 3339; NULL when unknown
	source       TEXT    NOT NULL DEFAULT '',
	raw_type     TEXT    NOT NULL DEFAULT '',
	raw          BLOB,
	text         TEXT    NOT NULL DEFAULT '',
	paragraphs   TEXT    NOT NULL DEFAULT 'null', -- JSON
	hash         TEXT    NOT NULL UNIQUE,
	simhash      INTEGER NOT NULL DEFAULT 0,      -- uint64 bits; 0 = none
	band0        INTEGER,                         -- NULL when simhash is 0
	band1        INTEGER,
	band2        INTEGER,
	band3        INTEGER,
	duplicate_of INTEGER REFERENCES documents(id),
	ingested_at  TEXT    NOT NULL
);
CREATE INDEX documents_band0 ON documents(band0);
CREATE INDEX documents_band1 ON documents(band1);
CREATE INDEX documents_band2 ON documents(band2);
CREATE INDEX documents_band3 ON documents(band3);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
CREATE INDEX documents_name ON documents(name);

-- Full-text index over title and clean text, kept in sync by triggers.
CREATE VIRTUAL TABLE documents_fts USING fts5(
	title, text,
	content = 'documents', content_rowid = 'id',
	tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
	INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
	INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
	INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
	INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;

-- Events coded from a document. The indexed columns serve filters; data
-- holds the whole event as JSON so that no field is lost.
CREATE TABLE events (
	pk             INTEGER PRIMARY KEY,
	doc_id         INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	seq            INTEGER NOT NULL,  -- position in the coder's output
	id             TEXT    NOT NULL,
	event_type     TEXT    NOT NULL DEFAULT '',
	sub_event_type TEXT    NOT NULL DEFAULT '',
	actor1         TEXT    NOT NULL DEFAULT '' COLLATE NOCASE,
	actor2         TEXT    NOT NULL DEFAULT '' COLLATE NOCASE,
	country        TEXT    NOT NULL DEFAULT '' COLLATE NOCASE,
	event_date     TEXT    NOT NULL DEFAULT '',
	data           TEXT    NOT NULL,
	UNIQUE (doc_id, seq)
);
CREATE INDEX events_id ON events(id);
CREATE INDEX events_event_type ON events(event_type, sub_event_type);
CREATE INDEX events_sub_event_type ON events(sub_event_type);
CREATE INDEX events_actor1 ON events(actor1);
CREATE INDEX events_actor2 ON events(actor2);
CREATE INDEX events_country ON events(country);
CREATE INDEX events_event_date ON events(event_date);

-- Every actor an event names (actor1, actor2, associated actors), so that
-- an actor filter is one index lookup.
CREATE TABLE event_actors (
	event_pk INTEGER NOT NULL REFERENCES events(pk) ON DELETE CASCADE,
	actor    TEXT    NOT NULL COLLATE NOCASE,
	PRIMARY KEY (actor, event_pk)
) WITHOUT ROWID;
CREATE INDEX event_actors_event ON event_actors(event_pk);

-- Declared zones coded from a document.
CREATE TABLE zones (
	pk     INTEGER PRIMARY KEY,
	doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
	seq    INTEGER NOT NULL,
	id     TEXT    NOT NULL,
	kind   TEXT    NOT NULL DEFAULT '',
	name   TEXT    NOT NULL DEFAULT '',
	data   TEXT    NOT NULL,
	UNIQUE (doc_id, seq)
);
