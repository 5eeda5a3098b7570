-- The near-duplicate search reads id, simhash and duplicate_of of every
-- document sharing a band with the new one: about 7/512 of the table with
-- 9-bit bands. Band indexes that also hold simhash and duplicate_of answer
-- it without reading the rows, whose simhash and duplicate_of sit behind
-- the raw page and clean text (overflow pages for a typical article).
-- Measured with BenchmarkPutDocumentLargeStore (10,000 stored documents
-- of 4 KB text and 12 KB raw): 2.0 ms per PutDocument with the plain
-- indexes of 0002 and an OR, 0.8-1.2 ms with these and a UNION (the four
-- 16-bit bands of 0001: 0.5-0.7 ms).
DROP INDEX documents_band0;
DROP INDEX documents_band1;
DROP INDEX documents_band2;
DROP INDEX documents_band3;
DROP INDEX documents_band4;
DROP INDEX documents_band5;
DROP INDEX documents_band6;
CREATE INDEX documents_band0 ON documents(band0, simhash, duplicate_of);
CREATE INDEX documents_band1 ON documents(band1, simhash, duplicate_of);
CREATE INDEX documents_band2 ON documents(band2, simhash, duplicate_of);
CREATE INDEX documents_band3 ON documents(band3, simhash, duplicate_of);
CREATE INDEX documents_band4 ON documents(band4, simhash, duplicate_of);
CREATE INDEX documents_band5 ON documents(band5, simhash, duplicate_of);
CREATE INDEX documents_band6 ON documents(band6, simhash, duplicate_of);
