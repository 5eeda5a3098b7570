-- Near-duplicates are now SimHashes within Hamming distance 6 (was 3).
-- The four 16-bit bands of 0001 only guarantee a shared band up to
-- distance 3, so they are replaced by seven bands of 9,9,9,9,9,9,10 bits
-- (bits 0-8, 9-17, ..., 45-53, 54-63): two hashes within distance 6 differ
-- in at most 6 bands, so they share at least one band exactly and the
-- search stays an index lookup. The split must match simhashBands in
-- documents.go. simhash holds the uint64 bits as a signed integer; the
-- mask after the shift drops SQLite's sign extension.
DROP INDEX documents_band0;
DROP INDEX documents_band1;
DROP INDEX documents_band2;
DROP INDEX documents_band3;
ALTER TABLE documents DROP COLUMN band0;
ALTER TABLE documents DROP COLUMN band1;
ALTER TABLE documents DROP COLUMN band2;
ALTER TABLE documents DROP COLUMN band3;

ALTER TABLE documents ADD COLUMN band0 INTEGER; -- NULL when simhash is 0
ALTER TABLE documents ADD COLUMN band1 INTEGER;
ALTER TABLE documents ADD COLUMN band2 INTEGER;
ALTER TABLE documents ADD COLUMN band3 INTEGER;
ALTER TABLE documents ADD COLUMN band4 INTEGER;
ALTER TABLE documents ADD COLUMN band5 INTEGER;
ALTER TABLE documents ADD COLUMN band6 INTEGER;

UPDATE documents SET
	band0 = (simhash >> 0)  & 511,
	band1 = (simhash >> 9)  & 511,
	band2 = (simhash >> 18) & 511,
	band3 = (simhash >> 27) & 511,
	band4 = (simhash >> 36) & 511,
	band5 = (simhash >> 45) & 511,
	band6 = (simhash >> 54) & 1023
WHERE simhash != 0;

CREATE INDEX documents_band0 ON documents(band0);
CREATE INDEX documents_band1 ON documents(band1);
CREATE INDEX documents_band2 ON documents(band2);
CREATE INDEX documents_band3 ON documents(band3);
CREATE INDEX documents_band4 ON documents(band4);
CREATE INDEX documents_band5 ON documents(band5);
CREATE INDEX documents_band6 ON documents(band6);
