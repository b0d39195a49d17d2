// Frame mode (issue #4, DESIGN.md §2): the same extension on a site whose CSP refuses
// WebAssembly, where the badges run in extension frames. The probe cannot see into those
// frames, so both modes are timed the same way from Node here: from `page.goto` (commit)
// to every expected badge showing an answer, polled every 10 ms through CDP (≈10–20 ms of
// harness time is in both). Page mode is the ratio's baseline: same run, same CRM, same loads.
import { SITE } from '../../e2e/lib/browser.js';
import { inOwnTab } from '../lib/browser.mjs';
import { ANSWERS, person } from './badge.mjs';

// Page mode: what the probe extension saw inside the badges' closed roots (lib/probe.mjs).
const settledInPage = (page) =>
  page.evaluate((answers) => window.__tbBench.finals.filter((f) => answers.includes(f.state)).length, [...ANSWERS, 'error', 'signed-out']);

// A frame seen settled is not asked again: the frames share one extension renderer's main thread
// with the work being timed, and asking all 25 every 10 ms would slow what it measures.
const settledInFrames = async (page, done) => {
  const frames = page.frames().filter((f) => f.url().includes('/frame.html#badge:'));
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

export async function timeTo(variant, framed, path, count, timeoutMs = 15_000) {
  if (variant.clearCache) await variant.clearCache();
  const page = variant.page;
  const t0 = performance.now();
  await page.goto(`${SITE}${path}`, { waitUntil: 'commit', timeout: 30_000 });
  const done = new Set();
  for (;;) {
    const settled = await (framed ? settledInFrames(page, done) : settledInPage(page)).catch(() => 0);
    const t = performance.now() - t0;
    if (settled >= count) return t;
    if (t > timeoutMs) return null;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Profile loads and 25-result search loads, page mode and frame mode interleaved. */
export async function frameModeSeries(pageMode, frameMode, { loads, searchLoads }) {
  const out = { profile: { page: [], frame: [] }, search: { page: [], frame: [] } };
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
      for (let i = 0; i < searchLoads; i++) {
        for (const [v, framed, key] of tabs) {
          out.search[key].push(await timeTo(v, framed, '/search/results/people/?keywords=a&count=25', 25));
        }
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

