// Figure 4: the cost to the host page — main-thread time the extension's content script takes
// (lib/trace.mjs says how it is attributed), long tasks it causes, and its time while the page
// mutates its DOM continuously.
import { SITE } from '../../e2e/lib/browser.js';
import { ourUi, releaseOurUi } from '../../e2e/lib/our-ui.js';
import { PROBE_ORIGIN } from '../lib/probe.mjs';
import { startTrace, analyzeTrace } from '../lib/trace.mjs';
import { loadProfile, person } from './badge.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const SETTLE_MS = 1_000; // after the badge: the watcher's debounce, the first URL polls

async function traced(variant, action) {
  const end = await startTrace(variant.browserCdp);
  let events;
  try {
    await sleep(300); // tracing start disturbs the renderer for a moment; let it pass
    await action();
  } finally {
    events = await end();
  }
  // Mutation windows hold no script load to name the extension's world: remember it.
  const cost = analyzeTrace(events, { worlds: variant.worlds ?? [], harnessOrigins: [PROBE_ORIGIN] });
  variant.worlds = cost.worlds;
  return cost;
}

/** `loads` traced profile loads; each from navigation start until 1 s after the badge. */
export async function costPerLoad(variant, { loads }) {
  const out = [];
  for (let i = 0; i < loads; i++) {
    const slug = person(i);
    let load = null;
    const cost = await traced(variant, async () => {
      if (variant.name === 'none') {
        await variant.page.goto(`${SITE}/in/${slug}/`, { waitUntil: 'load', timeout: 30_000 });
      } else {
        load = await loadProfile(variant, slug);
      }
      await sleep(SETTLE_MS);
    });
    out.push({ slug, badge: load && { ok: load.ok, state: load.state }, ...cost });
  }
  return out;
}

/**
 * `loads` traced loads of the feed, a page the extension does not serve: what a tab that never
 * shows a profile or a search pays (the URL watcher only, issue #20).
 */
export async function costPerFeedLoad(variant, { loads }) {
  const out = [];
  for (let i = 0; i < loads; i++) {
    const cost = await traced(variant, async () => {
      await variant.page.goto(`${SITE}/feed/`, { waitUntil: 'load', timeout: 30_000 });
      await sleep(SETTLE_MS);
    });
    out.push(cost);
  }
  return out;
}

/** Runs in the page: `batches` tasks, `gapMs` apart, alternately appending and removing `perBatch` posts in <main>. */
function mutate({ batches, perBatch, gapMs }) {
  return new Promise((resolve) => {
    const main = document.querySelector('main') ?? document.body;
    let added = [];
    let batch = 0;
    let mutations = 0;
    const step = () => {
      if (batch % 2 === 0) {
        for (let i = 0; i < perBatch; i++) {
          const post = document.createElement('div');
          post.setAttribute('role', 'article');
          post.innerHTML = `<p>Bench post ${batch}.${i}</p><a href="/feed/">Feed</a>`;
          main.appendChild(post);
          added.push(post);
          mutations++;
        }
      } else {
        for (const post of added) {
          post.remove();
          mutations++;
        }
        added = [];
      }
      batch++;
      if (batch < batches) setTimeout(step, gapMs);
      else resolve(mutations);
    };
    step();
  });
}

/**
 * Extension main-thread time while the profile page appends and removes 1,000 nodes (10 tasks of
 * 100, 50 ms apart), minus the same window with the page idle (the URL poll's cost).
 */
export async function costPerMutations(variant, { runs }) {
  await loadProfile(variant, 'ada-lovelace');
  await sleep(SETTLE_MS);
  const windowMs = 10 * 50 + 600;
  const idle = await traced(variant, () => sleep(windowMs));
  const out = [];
  for (let i = 0; i < runs; i++) {
    let mutations = 0;
    const cost = await traced(variant, async () => {
      mutations = await variant.page.evaluate(mutate, { batches: 10, perBatch: 100, gapMs: 50 });
      await sleep(600);
    });
    let badgeStill = null;
    if (variant.name !== 'none') {
      // Our root is closed: counted over CDP, and that session ended before the next trace.
      badgeStill = await ourUi(variant.page).badge.count();
      await releaseOurUi(variant.page);
    }
    out.push({
      mutations,
      extensionMs: cost.extensionMs,
      netPer1000Ms: ((cost.extensionMs - idle.extensionMs) * 1000) / mutations,
      longTasks: cost.longTasks,
      maxExtensionInOneTaskMs: cost.maxExtensionInOneTaskMs,
      badges: badgeStill,
    });
  }
  return { idleExtensionMs: idle.extensionMs, idleLongTasks: idle.longTasks, windowMs, runs: out };
}
