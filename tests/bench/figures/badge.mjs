// Figure 2: time to badge — from the navigation's start (`performance.timeOrigin`) to the badge
// showing the CRM's answer (its `data-state` leaving "checking"), measured in the page by the
// probe (lib/probe.mjs). Every load is a full page load of a profile, alternating people who are
// in the demo CRM and people who are not. Before each load our lookup cache is cleared (the
// baseline has none), so every badge costs a CRM round trip; "worker stopped" also stops every
// service worker first (CDP ServiceWorker.stopAllWorkers), as Chrome does after 30 s idle.
import { SITE } from '../../e2e/lib/browser.js';
import { ourUi, releaseOurUi } from '../../e2e/lib/our-ui.js';
import { stopWorkers } from '../lib/browser.mjs';

// 17 people in all: our worker pauses a tab that shows more than 20 distinct people outside
// search within 10 s (PRODUCT.md S5, `src/churn.rs`), and every badge after that is an error —
// which the bench now counts as a failure. Loads without the baseline's take 0.3 s: 22 people
// once tripped it.
const SEEDED = ['ada-lovelace', 'grace-hopper', 'katherine-johnson', 'j%C3%BCrgen-m%C3%BCller', 'margaret-hamilton', 'barbara-liskov', 'edsger-dijkstra'];
const UNKNOWN = ['alan-turing', 'hedy-lamarr', ...Array.from({ length: 8 }, (_, i) => `test-person-${String(i + 1).padStart(2, '0')}`)];
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
        domContentLoadedMs: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd || null,
      };
    },
    { waitMs, timeoutMs },
  );
}

/** Polls our UI (over CDP) until `locator` is hidden. */
async function untilHidden(locator, timeoutMs = 10_000) {
  const end = performance.now() + timeoutMs;
  while (await locator.isVisible()) {
    if (performance.now() > end) throw new Error(`${locator}: still visible after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The real mouse from the page's corner onto the badge's centre (as `ourUi`'s hover moves it),
 * then the probe's time from its arrival to the card showing, in ms.
 */
export async function hoverOnce(page, box, timeoutMs = 10_000) {
  const before = await page.evaluate(() => window.__tbBench.cards.length);
  await page.mouse.move(0, 0);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  return page.evaluate(
    async ({ before, timeoutMs }) => {
      const bench = window.__tbBench;
      const until = performance.now() + timeoutMs;
      while (bench.cards.length <= before && performance.now() < until) await new Promise((r) => setTimeout(r, 10));
      const card = bench.cards[before];
      if (!card) throw new Error(`no hover card within ${timeoutMs} ms`);
      return card.t - card.enterAt;
    },
    { before, timeoutMs },
  );
}

/**
 * The hover card: pointer onto the badge → card visible, on a freshly loaded profile (the first
 * hover loads the UI module: glue import, wasm fetch + compile, mount) and again on the same
 * page once it is loaded (pointer away first, past the card's 0.3 s hide delay). Our roots are
 * closed: the badge is found over CDP (`ourUi`, as the e2e tests do), the pointer is the real
 * mouse, and the probe extension times it in the page, from the pointer's arrival on the badge
 * (a trusted `mouseenter`) to the first animation frame in which the card is visible.
 */
export async function hoverSeries(variant, { loads }) {
  const first = [];
  const again = [];
  let unanswered = 0;
  const page = variant.page;
  const { badge, hoverCard: card } = ourUi(page);
  try {
    for (let i = 0; i < loads; i++) {
      const load = await loadProfile(variant, 'ada-lovelace');
      const box = load.valid ? await badge.boundingBox() : null;
      if (!box) {
        unanswered++;
        continue;
      }
      first.push(await hoverOnce(page, box));
      await page.mouse.move(0, 0);
      await untilHidden(card);
      again.push(await hoverOnce(page, box));
    }
  } finally {
    await releaseOurUi(page);
  }
  return { first, again, unanswered };
}
