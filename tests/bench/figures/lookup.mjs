// Figure 6: the reference CRM's batched lookup at size. `crm seed --demo --synthetic N` into a
// temporary database, the release server on loopback, then sequential 25-profile lookups from
// node (keep-alive): 10 hits by public id and 15 people the CRM does not hold, named like the
// ones it does, so the name stage meets its crowds of namesakes.
import path from 'node:path';
import fs from 'node:fs';
import { tempDir } from '../../e2e/lib/servers.js';
import { seedCrm, startCrm } from '../lib/servers.mjs';
import { summary } from '../lib/stats.mjs';
import { TOKEN } from '../lib/browser.mjs';

const BATCH = 25;
const HITS = 10;

async function lookup(url, profiles) {
  const res = await fetch(`${url}/api/v1/lookup`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ profiles }),
  });
  const body = await res.json();
  if (!res.ok || body.results?.length !== profiles.length) {
    throw new Error(`lookup answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
  return body.results;
}

/** A deterministic pseudo-random sequence, so runs ask the same questions. */
function* numbers(seed) {
  let x = seed >>> 0;
  for (;;) {
    x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    yield x;
  }
}

async function bodies(url, contacts, count) {
  const rand = numbers(contacts);
  const next = (n) => rand.next().value % n;
  // Learn some synthetic people's cards (name, company…) with the API itself.
  const sample = Array.from({ length: 50 }, () => next(contacts));
  const cards = [];
  for (let i = 0; i < sample.length; i += BATCH) {
    const part = sample.slice(i, i + BATCH).map((n, k) => ({ ref: String(k), public_id: `synthetic-${n}` }));
    for (const [k, r] of (await lookup(url, part)).entries()) {
      const card = r.matches[0]?.contact;
      if (card) cards.push({ ...card, publicId: part[k].public_id });
    }
  }
  if (cards.length < 10) throw new Error(`only ${cards.length} of 50 synthetic contacts found: is --synthetic seeded?`);
  // Misses: people the CRM does not hold, named like the ones it does (a given name and a family
  // name taken from two different contacts), so the name stage still meets its namesakes.
  return Array.from({ length: count }, (_, b) =>
    Array.from({ length: BATCH }, (_, k) => {
      const card = cards[next(cards.length)];
      const other = cards[next(cards.length)];
      const hit = k < HITS;
      const slug = hit ? card.publicId : `bench-miss-${b}-${k}`;
      const name = hit ? card.full_name : `${card.full_name.split(' ')[0]} ${other.full_name.split(' ').slice(1).join(' ')}`;
      return {
        ref: String(k),
        public_id: slug,
        profile_url: `https://www.linkedin.com/in/${slug}/`,
        name,
        company: (hit ? card : other).company ?? undefined,
        title: card.title ?? undefined,
        location: card.location ?? undefined,
      };
    }),
  );
}

async function series(url, questions, { requests, warmup, serverLog }) {
  for (let i = 0; i < warmup; i++) await lookup(url, questions[i % questions.length]);
  serverLog.length = 0;
  const ms = [];
  let matched = 0;
  for (let i = 0; i < requests; i++) {
    const started = performance.now();
    const results = await lookup(url, questions[i % questions.length]);
    ms.push(performance.now() - started);
    matched += results.filter((r) => r.matches.length).length;
  }
  const s = summary(ms);
  // The CRM's access log times each request in whole ms, without the client and the socket.
  await new Promise((r) => setTimeout(r, 100));
  const server = summary([...serverLog.join('').matchAll(/POST \/api\/v1\/lookup 200 (\d+)ms/g)].map((m) => Number(m[1])));
  return { ...s, p50: s.median, matchedPerRequest: matched / requests, server: { n: server.n, p50: server.median, p99: server.p99 } };
}

/**
 * p50/p99 of `requests` sequential lookups against `contacts` synthetic contacts: as the
 * extension asks (keys plus name, company, title, place), and with the profile keys alone (the
 * exact-match stage only), which tells how much of the time is the name stage.
 */
export async function measureLookup(contacts, { requests = 500, warmup = 50 } = {}) {
  const dir = tempDir('tb-bench-lookup-');
  const db = path.join(dir, 'crm.sqlite3');
  const seedSeconds = await seedCrm(db, { demo: true, synthetic: contacts });
  const serverLog = [];
  const crm = await startCrm({ db, seedDemo: false, onStderr: (text) => serverLog.push(text) });
  try {
    const questions = await bodies(crm.url, contacts, 20);
    const full = await series(crm.url, questions, { requests, warmup, serverLog });
    const keysOnly = questions.map((q) => q.map(({ ref, public_id, profile_url }) => ({ ref, public_id, profile_url })));
    const keys = await series(crm.url, keysOnly, { requests: Math.round(requests / 2), warmup: 10, serverLog });
    return { contacts, requests, batch: BATCH, seedSeconds, ...full, keysOnly: keys };
  } finally {
    await crm.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
