#!/usr/bin/env node
// Writes N synthetic events of eventmap's schema (DESIGN.md, shared/src/event.rs)
// as one GeoJSON FeatureCollection on stdout: towns across Syria, dates over
// 2016-01-01..2020-12-31, about 2% undated. Deterministic for a given N and
// seed, streamed so that 1M events do not need 1M objects in memory.
//
// usage: node scripts/synth-events.mjs N [--seed S] > events.geojson

const args = process.argv.slice(2);
const n = Number.parseInt(args[0] ?? '', 10);
if (!Number.isFinite(n) || n < 0) {
  process.stderr.write('usage: synth-events.mjs N [--seed S] > file.geojson\n');
  process.exit(2);
}
const seedAt = args.indexOf('--seed');
let seed = seedAt >= 0 ? Number.parseInt(args[seedAt + 1], 10) >>> 0 : 20180406;

// mulberry32: small, fast, deterministic.
function rand() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (xs) => xs[Math.floor(rand() * xs.length)];

// [name, governorate, district, lon, lat, point (1) or region (0)]
const PLACES = [
  ['Douma', 'Rural Damascus', 'Douma', 36.4027, 33.5718, 1],
  ['Harasta', 'Rural Damascus', 'Douma', 36.3650, 33.5586, 1],
  ['Aleppo', 'Aleppo', 'Mount Simeon', 37.1612, 36.2021, 1],
  ['Idlib', 'Idlib', 'Idlib', 36.6339, 35.9306, 1],
  ['Maarat al-Numan', 'Idlib', 'Maarrat al-Nu\'man', 36.6717, 35.6432, 1],
  ['Khan Shaykhun', 'Idlib', 'Maarrat al-Nu\'man', 36.6378, 35.4417, 1],
  ['Saraqib', 'Idlib', 'Idlib', 36.8006, 35.8644, 1],
  ['Jisr al-Shughur', 'Idlib', 'Jisr al-Shughur', 36.3181, 35.8124, 1],
  ['Hama', 'Hama', 'Hama', 36.7500, 35.1318, 1],
  ['Homs', 'Homs', 'Homs', 36.7234, 34.7268, 1],
  ['Palmyra', 'Homs', 'Tadmur', 38.2844, 34.5604, 1],
  ['Deir ez-Zor', 'Deir ez-Zor', 'Deir ez-Zor', 40.1408, 35.3359, 1],
  ['Al-Bukamal', 'Deir ez-Zor', 'Abu Kamal', 40.9183, 34.4520, 1],
  ['Raqqa', 'Raqqa', 'Raqqa', 39.0094, 35.9528, 1],
  ['Tabqa', 'Raqqa', 'Al-Thawrah', 38.5483, 35.8368, 1],
  ['Manbij', 'Aleppo', 'Manbij', 37.9540, 36.5281, 1],
  ['Afrin', 'Aleppo', 'Afrin', 36.8708, 36.5119, 1],
  ['Al-Bab', 'Aleppo', 'Al-Bab', 37.5175, 36.3706, 1],
  ['Jarablus', 'Aleppo', 'Jarabulus', 38.0112, 36.8176, 1],
  ['Qamishli', 'Al-Hasakah', 'Qamishli', 41.2268, 37.0522, 1],
  ['Al-Hasakah', 'Al-Hasakah', 'Al-Hasakah', 40.7474, 36.5024, 1],
  ['Kobani', 'Aleppo', 'Ayn al-Arab', 38.3568, 36.8909, 1],
  ['Daraa', 'Daraa', 'Daraa', 36.1060, 32.6189, 1],
  ['Quneitra', 'Quneitra', 'Quneitra', 35.8245, 33.1259, 1],
  ['Suwayda', 'As-Suwayda', 'As-Suwayda', 36.5663, 32.7089, 1],
  ['Latakia', 'Latakia', 'Latakia', 35.7917, 35.5317, 1],
  ['Tartus', 'Tartus', 'Tartus', 35.8863, 34.8890, 1],
  ['Damascus', 'Damascus', 'Damascus', 36.2913, 33.5102, 1],
  ['Jobar', 'Damascus', 'Damascus', 36.3356, 33.5279, 1],
  ['Eastern Ghouta', 'Rural Damascus', null, 36.4500, 33.5400, 0],
];
const TYPES = [
  ['Battles', ['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory']],
  ['Explosions/Remote violence', ['Air/drone strike', 'Shelling/artillery/missile attack', 'Remote explosive/landmine/IED', 'Suicide bomb']],
  ['Violence against civilians', ['Attack', 'Abduction/forced disappearance']],
  ['Protests', ['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters']],
  ['Riots', ['Violent demonstration']],
  ['Strategic developments', ['Agreement', 'Non-violent transfer of territory', 'Headquarters or base established', 'Other']],
];
const TYPE_WEIGHTS = [0.34, 0.42, 0.12, 0.05, 0.02, 0.05];
const ACTORS = [
  'Military Forces of Syria', 'Military Forces of Russia', 'Hayat Tahrir al-Sham',
  'Jaish al-Islam', 'Islamic State', 'Syrian Democratic Forces', 'Military Forces of Turkey',
  'Free Syrian Army', 'Civilians (Syria)', 'Protesters (Syria)',
];
const OUTLETS = ['Reuters', 'AP', 'AFP', 'Al Jazeera', 'BBC News', 'The Guardian'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];

const START = Date.UTC(2016, 0, 1);
const DAYS = Math.round((Date.UTC(2020, 11, 31) - START) / 86400000) + 1;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

function weightedType() {
  let r = rand();
  for (let i = 0; i < TYPE_WEIGHTS.length; i += 1) {
    r -= TYPE_WEIGHTS[i];
    if (r <= 0) return TYPES[i];
  }
  return TYPES[0];
}

function feature(i) {
  const place = pick(PLACES);
  const [type, subs] = weightedType();
  const sub = pick(subs);
  const undated = rand() < 0.02;
  const dayMs = START + Math.floor(rand() * DAYS) * 86400000;
  const date = undated ? null : iso(dayMs);
  const articleDate = iso(dayMs + (1 + Math.floor(rand() * 2)) * 86400000);
  const fatal = type === 'Protests' || type === 'Strategic developments'
    ? (rand() < 0.9 ? 0 : null)
    : (rand() < 0.15 ? null : Math.floor(Math.pow(rand(), 3) * 120));
  const a1 = pick(ACTORS);
  let a2 = rand() < 0.3 ? null : pick(ACTORS);
  if (a2 === a1) a2 = null;
  const jitter = place[5] === 0 ? 0.08 : 0.02;
  const lon = Math.round((place[3] + (rand() - 0.5) * jitter) * 1e6) / 1e6;
  const lat = Math.round((place[4] + (rand() - 0.5) * jitter) * 1e6) / 1e6;
  const geoPrecision = place[5] === 0 ? 3 : (rand() < 0.8 ? 1 : 2);
  const d = new Date(dayMs);
  const when = undated ? 'recently' : `on ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
  const killed = fatal ? `, killing at least ${fatal} people` : '';
  const notes = `${sub} reported in ${place[0]} ${when}${killed}, according to local sources.`;
  const id = `synth-${String(i).padStart(7, '0')}`;
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: {
      event_id: id,
      event_date: date,
      time_precision: rand() < 0.85 ? 1 : (rand() < 0.7 ? 2 : 3),
      event_type: type,
      sub_event_type: sub,
      actor1: a1,
      actor2: a2,
      location: place[0],
      admin1: place[1],
      admin2: place[2],
      country: 'SY',
      geo_precision: geoPrecision,
      place_mention: place[0],
      place_id: `synth:${place[0].toLowerCase().replace(/[^a-z]+/g, '-')}`,
      fatalities: fatal,
      notes,
      sources: [{
        article_id: `synth-article-${Math.floor(i / 2)}`,
        title: `${type} in ${place[0]}`,
        source: pick(OUTLETS),
        date: undated ? null : articleDate,
        url: `https://example.invalid/synth/${i}`,
      }],
      background: false,
    },
  };
}

const out = process.stdout;
let buf = '{"type":"FeatureCollection","features":[\n';
for (let i = 0; i < n; i += 1) {
  buf += (i ? ',\n' : '') + JSON.stringify(feature(i));
  if (buf.length > 1 << 20) {
    if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
    buf = '';
  }
}
buf += '\n]}\n';
out.write(buf);
