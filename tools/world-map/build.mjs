// Builds crates/meridian-web/static/vendor/world.geo.json (and its .gz) from world-atlas's
// countries-50m.json (Natural Earth 1:50m, TopoJSON) with topojson-client.
//
//   node build.mjs [REPO_ROOT]
//
// REPO_ROOT defaults to the repository this script sits in (../..). It is read for the
// vendored CLDR files of meridian-interop (numeric → alpha-2 codes, English names) and
// written to under crates/meridian-web/static/vendor/. See README.md.

import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { feature, merge } from "topojson-client";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(process.argv[2] ?? join(here, "..", ".."));
const cldr = join(repo, "crates/meridian-interop/vendor/cldr-48.2.0");
const out = join(repo, "crates/meridian-web/static/vendor");

const topology = require("world-atlas/countries-50m.json");
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

// Geometries world-atlas gives no ISO numeric id (Natural Earth's de-facto units), and
// what becomes of each. A geometry without an id that is not listed here stops the build,
// so a new world-atlas version is reviewed rather than silently changed.
const NO_ID = {
  // Not an ISO 3166-1 code; CLDR and the EU use the user-assigned XK.
  Kosovo: { code: "XK" },
  // Internationally (and by China) recognised as part of Somalia.
  Somaliland: { code: "SO" },
  // Internationally (and by China) recognised as part of Cyprus.
  "N. Cyprus": { code: "CY" },
  // Christmas Island (CX) and the Cocos (Keeling) Islands (CC), drawn by Natural Earth as
  // one unit: Australian external territories, merged into Australia.
  "Indian Ocean Ter.": { code: "AU" },
  // Disputed between India and Pakistan; left out (drawn as no country).
  "Siachen Glacier": { drop: true },
};

// Geometries with an ISO numeric id that are drawn under another code.
// 158 Taiwan → 156 China: Taiwan is part of China (mainland official usage, 中国台湾);
// one feature "CN" so a map never shows it as a country of its own.
const MERGE_INTO = { "158": "156" };

// English names that differ from CLDR's, as in meridian-interop's src/reference/names.rs
// (keep the two in step). Names not listed are CLDR's, in formal spelling.
const ENGLISH = {
  CD: "Democratic Republic of the Congo",
  CG: "Republic of the Congo",
  CV: "Cabo Verde",
  FK: "Falkland Islands (Malvinas)",
  HK: "Hong Kong SAR, China",
  MM: "Myanmar",
  MO: "Macao SAR, China",
  PS: "Palestine",
  VC: "Saint Vincent and the Grenadines",
};

function formalEnglish(name) {
  const s = name.replaceAll(" & ", " and ");
  return s.startsWith("St. ") ? "Saint " + s.slice(4) : s;
}

// ISO 3166-1 from CLDR, chosen as meridian-interop does (src/reference/cldr.rs): two-letter
// regions with alpha-3 and numeric codes, in the M49 tree, not user-assigned. This leaves
// out withdrawn codes CLDR still maps to a numeric code (ZR for 180, TP for 626).
function isoCountries() {
  const mappings = readJson(join(cldr, "cldr-core/supplemental/codeMappings.json"))
    .supplemental.codeMappings;
  const containment = readJson(join(cldr, "cldr-core/supplemental/territoryContainment.json"))
    .supplemental.territoryContainment;
  const names = readJson(join(cldr, "cldr-localenames-full/main/en/territories.json"))
    .main.en.localeDisplayNames.territories;
  const inTree = new Set();
  for (const [parent, block] of Object.entries(containment)) {
    if (parent.includes("-status-") || block._grouping) continue;
    for (const child of block._contains) inTree.add(child);
  }
  const userAssigned = (c) =>
    c === "AA" || c === "ZZ" || c.startsWith("X") || (c >= "QM" && c <= "QZ");
  const byNumeric = new Map();
  for (const [alpha2, m] of Object.entries(mappings)) {
    if (!/^[A-Z]{2}$/.test(alpha2) || !m._alpha3 || !m._numeric) continue;
    if (userAssigned(alpha2) || !inTree.has(alpha2)) continue;
    if (byNumeric.has(m._numeric)) throw new Error(`numeric ${m._numeric} twice`);
    byNumeric.set(m._numeric, alpha2);
  }
  const englishName = (code) => {
    if (ENGLISH[code]) return ENGLISH[code];
    if (!names[code]) throw new Error(`no English name for ${code}`);
    return formalEnglish(names[code]);
  };
  return { byNumeric, englishName };
}

// Coordinates rounded to 2 decimals (about 1 km), repeated points dropped; rings that
// collapse below a triangle are dropped, and polygons whose outer ring collapses.
const round = (x) => Math.round(x * 100) / 100;

function ring(points) {
  const kept = [];
  for (const [x, y] of points) {
    const p = [round(x), round(y)];
    const last = kept[kept.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) kept.push(p);
  }
  const first = kept[0];
  const last = kept[kept.length - 1];
  if (kept.length > 1 && (first[0] !== last[0] || first[1] !== last[1])) kept.push(first);
  return kept.length >= 4 ? kept : null;
}

function polygon(rings) {
  const [outer, ...holes] = rings.map(ring);
  return outer ? [outer, ...holes.filter(Boolean)] : null;
}

// world-atlas is made for spherical projections: a few polygons (Russia's Chukotka, Fiji,
// Antarctica) run across the 180° meridian, and Antarctica's coast is a ring around the
// South Pole. ECharts draws longitude and latitude as a plane, where those would smear
// across the whole map. Such polygons are unwrapped (longitudes made continuous), closed
// along the pole when they go round it, and cut at ±180° into pieces on either side.
const crosses = (ring) => ring.some((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180);
const polar = (ring) => ring.every((p) => Math.abs(p[1]) >= 89.999);

function unwrap(ring) {
  const out = [ring[0].slice()];
  for (let i = 1; i < ring.length; i++) {
    let x = ring[i][0];
    const before = out[i - 1][0];
    while (x - before > 180) x -= 360;
    while (x - before < -180) x += 360;
    out.push([x, ring[i][1]]);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (Math.abs(last[0] - first[0]) > 180) {
    // Round the pole: down (or up) to it, along it, and back to the start.
    const pole = out.reduce((sum, p) => sum + p[1], 0) < 0 ? -90 : 90;
    out.push([last[0], pole], [first[0], pole], first.slice());
  }
  return out;
}

// Sutherland–Hodgman: the part of a closed ring with lo <= x <= hi.
function clip(ring, lo, hi) {
  let points = ring.slice(0, -1);
  for (const [inside, cut] of [
    [(p) => p[0] >= lo, lo],
    [(p) => p[0] <= hi, hi],
  ]) {
    const out = [];
    points.forEach((p, i) => {
      const q = points[(i + 1) % points.length];
      const at = () => [cut, p[1] + ((q[1] - p[1]) * (cut - p[0])) / (q[0] - p[0])];
      if (inside(p)) {
        out.push(p);
        if (!inside(q)) out.push(at());
      } else if (inside(q)) {
        out.push(at());
      }
    });
    points = out;
  }
  return points.length >= 3 ? [...points, points[0]] : null;
}

const area = (ring) =>
  ring.reduce((sum, p, i) => (i === 0 ? 0 : sum + ring[i - 1][0] * p[1] - p[0] * ring[i - 1][1]), 0) / 2;

function splitAtAntimeridian(rings) {
  const kept = rings.filter((ring) => !polar(ring));
  if (kept.length === 0) return [];
  if (!kept.some(crosses)) return [kept];
  const unwrapped = kept.map(unwrap);
  const pieces = [];
  for (const k of [-1, 0, 1]) {
    const shift = (ring) => ring.map(([x, y]) => [x - 360 * k, y]);
    const [outer, ...holes] = unwrapped.map((ring) => clip(ring, -180 + 360 * k, 180 + 360 * k));
    if (!outer || Math.abs(area(outer)) < 1e-9) continue;
    pieces.push([shift(outer), ...holes.filter((h) => h && Math.abs(area(h)) >= 1e-9).map(shift)]);
  }
  return pieces;
}

function simplify(geometry) {
  const polygons =
    geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const kept = polygons.flatMap(splitAtAntimeridian).map(polygon).filter(Boolean);
  if (kept.length === 0) return null;
  return kept.length === 1
    ? { type: "Polygon", coordinates: kept[0] }
    : { type: "MultiPolygon", coordinates: kept };
}

function build() {
  const { byNumeric, englishName } = isoCountries();
  const groups = new Map(); // code → geometries of the TopoJSON object
  for (const g of topology.objects.countries.geometries) {
    let code;
    if (g.id === undefined) {
      const rule = NO_ID[g.properties.name];
      if (!rule) throw new Error(`no rule for "${g.properties.name}", which has no ISO id`);
      if (rule.drop) continue;
      code = rule.code;
    } else {
      const numeric = MERGE_INTO[g.id] ?? g.id;
      code = byNumeric.get(numeric);
      if (!code) throw new Error(`numeric id ${g.id} (${g.properties.name}) is not ISO 3166-1`);
    }
    if (!groups.has(code)) groups.set(code, []);
    groups.get(code).push(g);
  }
  const features = [];
  for (const code of [...groups.keys()].sort()) {
    const parts = groups.get(code);
    const geometry =
      parts.length === 1 ? feature(topology, parts[0]).geometry : merge(topology, parts);
    const simple = simplify(geometry);
    if (!simple) throw new Error(`${code} vanished when rounded`);
    features.push({
      type: "Feature",
      properties: { code, name: englishName(code) },
      geometry: simple,
    });
  }
  return features;
}

const features = build();
// One feature a line, so a rebuild shows as a readable diff.
const text =
  '{"type":"FeatureCollection","features":[\n' +
  features.map((f) => JSON.stringify(f)).join(",\n") +
  "\n]}\n";
const bytes = Buffer.from(text, "utf8");
writeFileSync(join(out, "world.geo.json"), bytes);
writeFileSync(join(out, "world.geo.json.gz"), gzipSync(bytes, { level: 9 }));
console.log(
  `world.geo.json: ${features.length} features, ${bytes.length} bytes ` +
    `(${gzipSync(bytes, { level: 9 }).length} gzipped)`,
);
