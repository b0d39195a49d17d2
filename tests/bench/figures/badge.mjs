// Figure 2: time to badge — from the navigation's start (`performance.timeOrigin`) to the badge
// showing the CRM's answer (its `data-state` leaving "checking"), measured in the page by the
// probe (lib/probe.mjs). Every load is a full page load of a profile, alternating people who are
// in the demo CRM and people who are not. Before each load our lookup cache is cleared (the
// baseline has none), so every badge costs a CRM round trip; "worker stopped" also stops every
// service worker first (CDP ServiceWorker.stopAllWorkers), as Chrome does after 30 s idle.
import { SITE } from '../../e2e/lib/browser.js';
import { ourUi, releaseOurUi } from '../../e2e/lib/our-ui.js';
import { stopWorkers } from '../lib/browser.mjs';

const SEEDED = ['ada-lovelace', 'grace-hopper', 'katherine-johnson', 'j%C3%BCrgen-m%C3%BCller', 'margaret-hamilton', 'barbara-liskov', 'edsger-dijkstra'];
const UNKNOWN = ['alan-turing', 'hedy-lamarr', ...Array.from({ length: 13 }, (_, i) => `test-person-${String(i + 1).padStart(2, '0')}`)];
export const ANSWERS = new Set(['in-crm', 'not-in-crm', 'out-of-date', 'multiple']);

/** The i-th profile of a series: seeded and unknown people in turn. */
export const person = (i) => (i % 2 ? UNKNOWN[(i >> 1) % UNKNOWN.length] : SEEDED[(i >> 1) % SEEDED.length]);

/** One full load of `/in/<slug>/` and the probe's times (ms since navigation start). */
export async function loadProfile(variant, slug, { cold = false, timeoutMs = 15_000 } = {}) {
  if (variant.clearCache) {
    await variant.clearCache();
    await new Promise((r) => setTimeout(r, 100)); // the worker hears storage.onChanged; let it finish
  }
  const stopped = cold ? await stopWorkers(variant) : null;
  await variant.page.goto(`${SITE}/in/${slug}/`, { waitUntil: 'commit', timeout: 30_000 });
  const seen = await variant.page.evaluate(async (timeoutMs) => {
    const bench = window.__tbBench;
    const ok = await bench.whenFinals(1, timeoutMs);
    const nav = performance.getEntriesByType('navigation')[0];
    return {
      ok,
      badgeMs: bench.finals[0]?.t ?? null,
      state: bench.finals[0]?.state ?? null,
      hostMs: bench.hostAt[0] ?? null,
      checkingMs: bench.checkingAt,
      responseStartMs: nav?.responseStart ?? null,
      domContentLoadedMs: nav?.domContentLoadedEventEnd || null,
    };
  }, timeoutMs);
  return { slug, cold, stopped, ...seen, valid: seen.ok && ANSWERS.has(seen.state) };
}

/**
 * `loads` profile loads per variant, interleaved (ours, baseline, ours, …) so that the other
 * work on a shared machine hits both alike. Returns `{ [variant]: [load…] }`.
 */
export async function badgeSeries(variants, { loads, cold, warmups = 2, log = () => {} }) {
  const out = Object.fromEntries(variants.map((v) => [v.name, []]));
  for (let i = 0; i < warmups; i++) for (const v of variants) await loadProfile(v, person(100 + i));
  for (let i = 0; i < loads; i++) {
    for (const v of variants) {
      const load = await loadProfile(v, person(i), { cold });
      out[v.name].push(load);
      if (!load.valid) log(`  ${v.name} ${load.slug}: ${load.ok ? `state ${load.state}` : 'no answer within the timeout'}`);
    }
  }
  return out;
}

/**
 * The 25-result search page: time to the last badge. Search-result badges may not exist yet
 * (issue #4): when no badge host appears within `waitMs` the figure is reported as n/a.
 */
export async function searchLoad(variant, { waitMs = 5_000, timeoutMs = 15_000 } = {}) {
  if (variant.clearCache) await variant.clearCache();
  await variant.page.goto(`${SITE}/search/results/people/?keywords=a&count=25`, { waitUntil: 'load', timeout: 30_000 });
  return variant.page.evaluate(
    async ({ waitMs, timeoutMs }) => {
      const bench = window.__tbBench;
      const people = new Set(
        // One name link per card (the current design's cards also link the people's mutual
        // connections, and their rows are `role=listitem`s, not `li`s).
        [...document.querySelectorAll('main [role="listitem"] a[data-view-name="search-result-lockup-title"][href*="/in/"], main li a[href*="/in/"]')].map(
          (a) => new URL(a.href).pathname.split('/')[2],
        ),
      );
      const started = performance.now();
      while (!bench.hostAt.length && performance.now() - started < waitMs) await new Promise((r) => setTimeout(r, 50));
      if (!bench.hostAt.length) return { results: people.size, hosts: 0 };
      const complete = await bench.whenFinals(people.size, timeoutMs);
      return {
        results: people.size,
        hosts: bench.hostAt.length,
        answered: bench.finals.length,
        complete,
        lastBadgeMs: bench.finals.length ? Math.max(...bench.finals.map((f) => f.t)) : null,
        states: bench.finals.map((f) => f.state),
      };
    },
    { waitMs, timeoutMs },
  );
}

/** Polls our UI (over CDP, every ~10 ms) until `locator` is visible or hidden as wanted. */
async function until(locator, visible, timeoutMs = 10_000) {
  const end = performance.now() + timeoutMs;
  while ((await locator.isVisible()) !== visible) {
    if (performance.now() > end) throw new Error(`${locator}: not ${visible ? 'visible' : 'hidden'} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * The hover card: pointer onto the badge → card visible, on a freshly loaded profile (the first
 * hover loads the UI module: glue import, wasm fetch + compile, mount) and again on the same
 * page once it is loaded (pointer away first, past the card's 0.3 s hide delay). Our roots are
 * closed: the pointer is the real mouse and the card is read over CDP (`ourUi`, as the e2e tests
 * do). Timed from Node (the round trips that locate the badge and read the card included, alike
 * for both).
 */
export async function hoverSeries(variant, { loads }) {
  const first = [];
  const again = [];
  const page = variant.page;
  const { badge, hoverCard: card } = ourUi(page);
  try {
    for (let i = 0; i < loads; i++) {
      const load = await loadProfile(variant, 'ada-lovelace');
      if (!load.valid) continue;
      await page.mouse.move(0, 0);
      let t0 = performance.now();
      await badge.hover();
      await until(card, true);
      first.push(performance.now() - t0);
      await page.mouse.move(0, 0);
      await until(card, false);
      t0 = performance.now();
      await badge.hover();
      await until(card, true);
      again.push(performance.now() - t0);
    }
  } finally {
    await releaseOurUi(page);
  }
  return { first, again };
}
