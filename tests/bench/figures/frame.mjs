// Frame mode (issue #4, DESIGN.md §2): the same extension on a site whose CSP refuses
// WebAssembly, where the module runs in extension frames: a profile's badge in a frame of its
// own, a search result's drawn in the page from its look until it is reached for. The probe
// cannot see into frames, so both modes are timed the same way from Node here: from `page.goto`
// (commit) to every expected badge showing an answer, polled every 10 ms through CDP (≈10–20 ms
// of harness time is in both). Page mode is the ratio's baseline: same run, same CRM, same loads.
import { SITE } from '../../e2e/lib/browser.js';
import { designHelpers } from '../../e2e/lib/design.js';
import { ourUi, releaseOurUi } from '../../e2e/lib/our-ui.js';
import { inOwnTab } from '../lib/browser.mjs';
import { ANSWERS, hoverOnce, person } from './badge.mjs';

/** Whose badge the search hover figure hovers: in the CRM, with a hover card. */
const HOVERED = 'ada-lovelace';
const { cardOf } = designHelpers('current');

/** Our badge frames in the page (`#badge:<token>`, and `:now` for one made when reached for). */
const badgeFrames = (page) => page.frames().filter((f) => f.url().includes('/frame.html#badge:'));

// Page mode: what the probe extension saw inside the badges' closed roots (lib/probe.mjs).
const settledInPage = (page) =>
  page.evaluate((answers) => window.__tbBench.finals.filter((f) => answers.includes(f.state)).length, [...ANSWERS, 'error', 'signed-out']);

// A frame seen settled is not asked again: the frames share one extension renderer's main thread
// with the work being timed, and asking all 25 every 10 ms would slow what it measures.
const settledInFrames = async (page, done) => {
  const frames = badgeFrames(page);
  await Promise.all(
    frames
      .filter((f) => !done.has(f))
      .map((f) =>
        f
          .evaluate(() => {
            // The frame's own document (DESIGN.md §6): an extension page, which may open our closed root.
            const host = document.querySelector('[data-talent-bridge]');
            const root = host && chrome.dom.openOrClosedShadowRoot(host);
            const badge = root && root.querySelector('[data-tb="badge"]');
            return badge ? badge.dataset.state : null;
          })
          .then((state) => state && state !== 'checking' && done.add(f))
          .catch(() => null),
      ),
  );
  return frames.filter((f) => done.has(f) && !f.isDetached()).length;
};

// Whether a badge frame shows its hover card (made for the badge the pointer went to).
const cardInFrames = async (page) => {
  const seen = await Promise.all(
    badgeFrames(page).map((f) =>
      f
        .evaluate(() => {
          const host = document.querySelector('[data-talent-bridge]');
          const card = host && chrome.dom.openOrClosedShadowRoot(host)?.querySelector('[data-tb="hover-card"]');
          return Boolean(card?.checkVisibility({ visibilityProperty: true }) && card.getBoundingClientRect().width > 0);
        })
        .catch(() => false),
    ),
  );
  return seen.includes(true);
};

/**
 * Frame mode's first hover on a search result: the real mouse from the page's corner onto the
 * badge's look, timed from node from the move's start to its frame (made then) showing the card,
 * polled every 10 ms (the move's own CDP calls and the poll are in it; page mode's figure is the
 * probe's, from the pointer's arrival).
 */
async function hoverInFrame(page, box, timeoutMs = 10_000) {
  await page.mouse.move(0, 0);
  const t0 = performance.now();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  while (performance.now() - t0 < timeoutMs) {
    if (await cardInFrames(page)) return performance.now() - t0;
    await new Promise((r) => setTimeout(r, 10));
  }
  return null;
}

/** The first hover on `HOVERED`'s badge of the search page just loaded: ms to the card, `null` if it never showed. */
async function firstSearchHover(v, framed) {
  const box = await ourUi(v.page).within(cardOf(v.page, HOVERED)).badge.boundingBox();
  if (!box) return null;
  return framed ? hoverInFrame(v.page, box) : hoverOnce(v.page, box).catch(() => null);
}

export async function timeTo(variant, framed, path, count, timeoutMs = 15_000) {
  if (variant.clearCache) await variant.clearCache();
  const page = variant.page;
  const t0 = performance.now();
  await page.goto(`${SITE}${path}`, { waitUntil: 'commit', timeout: 30_000 });
  const done = new Set();
  for (;;) {
    // Frame mode: a search result's badge is its look in the page until it is reached for (seen
    // as page mode's are); a profile's is in its frame.
    const inPage = await settledInPage(page).catch(() => 0);
    const settled = inPage + (framed ? await settledInFrames(page, done).catch(() => 0) : 0);
    const t = performance.now() - t0;
    if (settled >= count) return t;
    if (t > timeoutMs) return null;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Profile loads and 25-result search loads, page mode and frame mode interleaved; after each
 * search load, the first hover on a result's badge (in frame mode, the one that makes its frame).
 */
export async function frameModeSeries(pageMode, frameMode, { loads, searchLoads }) {
  const out = { profile: { page: [], frame: [] }, search: { page: [], frame: [] }, hover: { page: [], frame: [] } };
  const both = [
    [pageMode, false, 'page'],
    [frameMode, true, 'frame'],
  ];
  for (const [v, framed] of both) await timeTo(v, framed, `/in/${person(101)}/`, 1); // warm-up
  for (let i = 0; i < loads; i++) {
    for (const [v, framed, key] of both) out.profile[key].push(await timeTo(v, framed, `/in/${person(i)}/`, 1));
  }
  // Search pages in tabs of their own: 25 people and then a profile in one tab would pause its
  // lookups (lib/browser.mjs, inOwnTab).
  await inOwnTab(pageMode, (pageTab) =>
    inOwnTab(frameMode, async (frameTab) => {
      const tabs = [
        [pageTab, false, 'page'],
        [frameTab, true, 'frame'],
      ];
      try {
        for (let i = 0; i < searchLoads; i++) {
          for (const [v, framed, key] of tabs) {
            const t = await timeTo(v, framed, '/search/results/people/?keywords=a&count=25', 25);
            out.search[key].push(t);
            out.hover[key].push(t === null ? null : await firstSearchHover(v, framed));
          }
        }
      } finally {
        await releaseOurUi(pageTab.page);
        await releaseOurUi(frameTab.page);
      }
    }),
  );
  return out;
}

/**
 * Frame mode's floor: `loads` loads of the same search page in a browser with only the floor
 * extension (`tests/bench/frame-floor`), which puts 25 empty extension frames into it once it is
 * parsed, as frame mode puts its badge frames; timed as `timeTo` does, from `goto` (commit) to
 * the 25th frame's word that it loaded. What one extension document per badge costs by itself.
 */
export async function frameFloor(variant, { loads, timeoutMs = 15_000 }) {
  const out = [];
  const path = '/search/results/people/?keywords=a&count=25';
  for (let i = 0; i <= loads; i++) {
    const t0 = performance.now();
    await variant.page.goto(`${SITE}${path}`, { waitUntil: 'commit', timeout: 30_000 });
    let t = null;
    while (performance.now() - t0 < timeoutMs) {
      const all = await variant.page.evaluate(() => document.documentElement?.dataset.tbFrameFloor === '25').catch(() => false);
      if (all) {
        t = performance.now() - t0;
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    if (i > 0) out.push(t); // the first load warms up, as frameModeSeries's
  }
  return out;
}

