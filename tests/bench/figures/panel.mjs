// The side panel (issue #19, PRODUCT.md Q1, Q2): from navigation to the side panel showing the
// person's state, in page-untouched mode (the panel reads a copy of the page; nothing runs in
// it but `panel.js`), against the in-page badge of page mode — same run, same CRM, the same
// people, loads interleaved, both timed from node as frame mode is (`frame.mjs`): `goto`
// (commit) to the answer, polled every 10 ms (the panel through its CDP target).
import { EXTENSION_ID } from '../../e2e/lib/browser.js';
import { SITE } from '../../e2e/lib/browser.js';
import { openSidePanel } from '../../e2e/lib/side-panel.js';
import { ANSWERS, person } from './badge.mjs';
import { timeTo } from './frame.mjs';

/** Switches `variant` to "only in the side panel" in its options page, and opens its panel. */
export async function sidePanelVariant(variant) {
  const options = await variant.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await options.locator('[data-tb="display-side-panel"]').check();
  await options.locator('[data-tb="display-side-panel"]:checked').waitFor();
  await options.close();
  await variant.page.goto(`${SITE}/feed/`);
  return { ...variant, panel: await openSidePanel(variant.context, variant.page) };
}

async function timeToPanel(variant, slug, timeoutMs = 15_000) {
  await variant.clearCache();
  // The previous person's row goes with their page: the time is to this person's answer.
  const before = JSON.stringify(await variant.panel.rows());
  const t0 = performance.now();
  await variant.page.goto(`${SITE}/in/${slug}/`, { waitUntil: 'commit', timeout: 30_000 });
  for (;;) {
    const rows = await variant.panel.rows().catch(() => []);
    const t = performance.now() - t0;
    if (rows.length === 1 && ANSWERS.has(rows[0].state) && JSON.stringify(rows) !== before) return t;
    if (t > timeoutMs) return null;
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** `loads` profile loads each: the page's badge (page mode) and the side panel (untouched). */
export async function sidePanelSeries(pageMode, panelMode, { loads }) {
  const out = { page: [], panel: [] };
  await timeTo(pageMode, false, `/in/${person(101)}/`, 1); // warm-up
  await timeToPanel(panelMode, person(103));
  for (let i = 0; i < loads; i++) {
    out.page.push(await timeTo(pageMode, false, `/in/${person(i)}/`, 1));
    out.panel.push(await timeToPanel(panelMode, person(i)));
  }
  return out;
}
