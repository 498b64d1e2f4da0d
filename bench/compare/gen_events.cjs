#!/usr/bin/env node
// The side-by-side benchmark's event file: N events of 20,000 accounts and 100,000 users, 30
// event names, 180 days from 2024-01-01, timestamps non-decreasing (as in a real export).
// Zipf-like skew on user activity (s = 0.7), account sizes in users (s = 0.8) and event
// popularity (s = 1.2). Deterministic (mulberry32 seeded PRNG), so every machine benchmarks the
// same bytes.
//   node bench/compare/gen_events.cjs N OUT.csv [--seed 42]
// Output: CSV `timestamp,account_id,user_id,event` with a header, ISO-8601 UTC times.
'use strict';
const fs = require('node:fs');

const argv = process.argv.slice(2);
if (argv.length < 2) {
  console.error('usage: node gen_events.cjs N OUT.csv [--seed S]');
  process.exit(2);
}
const eventCount = Number(argv[0]);
const outPath = argv[1];
let seed = 42;
for (let i = 2; i < argv.length; i++) if (argv[i] === '--seed') seed = Number(argv[++i]);
if (!Number.isInteger(eventCount) || eventCount <= 0) {
  console.error(`gen_events: N must be a positive integer, got ${argv[0]}`);
  process.exit(2);
}

const ACCOUNTS = 20000;
const USERS = 100000;
const EVENT_NAMES = [
  'page_viewed', 'dashboard_viewed', 'login', 'logout', 'report_opened',
  'report_exported', 'search_performed', 'filter_applied', 'item_created',
  'item_updated', 'item_deleted', 'comment_added', 'file_uploaded',
  'file_downloaded', 'invite_sent', 'invite_accepted', 'integration_connected',
  'integration_synced', 'api_key_created', 'api_call', 'settings_changed',
  'billing_viewed', 'plan_upgraded', 'plan_downgraded', 'seat_added',
  'seat_removed', 'notification_clicked', 'email_opened', 'onboarding_step_completed',
  'support_ticket_opened',
];

// mulberry32: 32-bit state, the same sequence on every platform.
let state = seed >>> 0;
function random() {
  state = (state + 0x6D2B79F5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

// Cumulative Zipf(s) distribution over ranks 1..n, normalised to end at 1.
function zipfCumulative(n, s) {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) { sum += 1 / Math.pow(k + 1, s); cdf[k] = sum; }
  for (let k = 0; k < n; k++) cdf[k] /= sum;
  return cdf;
}

// The first rank whose cumulative probability reaches a uniform draw (binary search).
function drawRank(cdf) {
  const u = random();
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid] < u) lo = mid + 1; else hi = mid;
  }
  return lo;
}

// Fisher-Yates shuffle of 0..n-1, so that the popular ranks are scattered over the ids.
function shuffledIds(n) {
  const ids = new Uint32Array(n);
  for (let i = 0; i < n; i++) ids[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = ids[i]; ids[i] = ids[j]; ids[j] = t;
  }
  return ids;
}

// Each user's home account; accounts no user drew get one user each, so all 20k exist.
const accountRanks = zipfCumulative(ACCOUNTS, 0.8);
const accountOfRank = shuffledIds(ACCOUNTS);
const homeAccount = new Uint32Array(USERS);
for (let u = 0; u < USERS; u++) homeAccount[u] = accountOfRank[drawRank(accountRanks)];
{
  const drawn = new Uint8Array(ACCOUNTS);
  for (let u = 0; u < USERS; u++) drawn[homeAccount[u]] = 1;
  let moved = 0;
  for (let a = 0; a < ACCOUNTS; a++) {
    if (!drawn[a]) { homeAccount[(moved * 7919) % USERS] = a; moved++; }
  }
}
const userRanks = zipfCumulative(USERS, 0.7);
const userOfRank = shuffledIds(USERS);
const eventRanks = zipfCumulative(EVENT_NAMES.length, 1.2);

const pad = (n, width) => String(n).padStart(width, '0');
const accountIds = Array.from({ length: ACCOUNTS }, (_, i) => 'acc_' + pad(i, 5));
const userIds = Array.from({ length: USERS }, (_, i) => 'usr_' + pad(i, 6));

const START_SECONDS = Date.UTC(2024, 0, 1) / 1000;
const SPAN_SECONDS = 180 * 86400;
const dayPrefix = [];
for (let d = 0; d <= 181; d++) {
  dayPrefix.push(new Date((START_SECONDS + d * 86400) * 1000).toISOString().slice(0, 11));
}
const clock = (s) => pad((s / 3600) | 0, 2) + ':' + pad(((s / 60) | 0) % 60, 2) + ':' + pad(s % 60, 2);

const fd = fs.openSync(outPath, 'w');
let lines = ['timestamp,account_id,user_id,event\n'];
let bytes = 0;
function flush() {
  const text = lines.join('');
  bytes += Buffer.byteLength(text);
  fs.writeSync(fd, text);
  lines = [];
}
// The i-th event falls at about i/N of the span plus jitter; clamping keeps the order.
let previous = 0;
for (let i = 0; i < eventCount; i++) {
  let t = Math.floor(((i + random()) / eventCount) * SPAN_SECONDS);
  if (t < previous) t = previous;
  previous = t;
  const day = Math.floor(t / 86400);
  const timestamp = dayPrefix[day] + clock(t - day * 86400) + 'Z';
  const user = userOfRank[drawRank(userRanks)];
  const event = EVENT_NAMES[drawRank(eventRanks)];
  lines.push(timestamp + ',' + accountIds[homeAccount[user]] + ',' + userIds[user] + ',' + event + '\n');
  if (lines.length >= 65536) flush();
}
flush();
fs.closeSync(fd);
console.error(`gen_events: ${eventCount} events, ${bytes} bytes -> ${outPath}`);
