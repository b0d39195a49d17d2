// Figure 3: export to CRM, from the click on "Export" in the panel ([data-tb="export-start"]) to
// the progress list's "done" step (or the contact link), for test-person-30 (the fixture site's
// ≈100 KB, 23-page PDF). Each run gets a fresh CRM database, so each export creates the contact.
// Times come from the probe (its extension's capture listener on the badge's closed root sees the
// click, lib/probe.mjs). The clicks are the real mouse's, aimed over CDP (`ourUi`, as the e2e
// tests do): the page's scripts and Playwright's locators cannot see into the root.
import { configure } from '../../e2e/lib/browser.js';
import { crmApi } from '../../e2e/lib/crm-api.js';
import { ourUi, releaseOurUi } from '../../e2e/lib/our-ui.js';
import { startCrm } from '../lib/servers.mjs';
import { TOKEN } from '../lib/browser.mjs';
import { loadProfile } from './badge.mjs';

const PERSON = 'test-person-30';

/** Thrown when the export UI is not there to measure: the figure becomes n/a with this reason. */
export class NotAvailable extends Error {}

async function oneExport(variant, timeoutMs, trace = () => {}) {
  const crm = await startCrm();
  try {
    await configure(variant.context, crm.url, TOKEN);
    trace(`configured ${crm.url}`);
    const load = await loadProfile(variant, PERSON);
    trace(`loaded: ${load.state}`);
    if (!load.valid) {
      // What the badge says is the product's own reason (its text is English and names no one).
      const said = await ourUi(variant.page).badge.textContent({ timeout: 2_000 }).catch(() => null);
      throw new NotAvailable(`the badge for ${PERSON} showed ${load.state ?? 'nothing'}${said ? `: "${said.trim()}"` : ''}`);
    }
    const page = variant.page;
    const ui = ourUi(page);
    const button = ui.exportButton;
    try {
      await button.waitFor({ state: 'visible', timeout: 5_000 });
    } catch {
      throw new NotAvailable('no export button ([data-tb="export"]) beside the badge');
    }
    // The button is enabled once the worker has said what the page offers.
    const enabled = async (locator, timeoutMs) => {
      const end = performance.now() + timeoutMs;
      for (;;) {
        const state = await locator.state();
        if (state && !state.disabled) return true;
        if (performance.now() > end) return false;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    if (!(await enabled(button, 5_000))) {
      const reason = await ui.locator('[data-tb="export-reason"]').textContent({ timeout: 1_000 }).catch(() => null);
      throw new NotAvailable(`the export button is disabled${reason ? `: ${reason}` : ''}`);
    }
    await button.click();
    const start = ui.panel.locator('[data-tb="export-start"]');
    try {
      await start.waitFor({ state: 'visible', timeout: 5_000 });
    } catch {
      throw new NotAvailable('the export panel has no start button ([data-tb="export-start"])');
    }
    // The panel asks the worker for the quota when it opens; the button waits for the answer.
    if (!(await enabled(start, 5_000))) throw new NotAvailable('the panel\'s export button stayed disabled');
    await start.click();
    // Let go of the CDP session before the export runs: its DOM agent would follow every change.
    await releaseOurUi(page);
    const seen = await page.evaluate(async (timeoutMs) => {
      const bench = window.__tbBench;
      const until = performance.now() + timeoutMs;
      while (bench.exportDoneAt === null && bench.exportErrorAt === null && performance.now() < until) {
        await new Promise((r) => setTimeout(r, 20));
      }
      return { start: bench.exportStartAt, done: bench.exportDoneAt, errorAt: bench.exportErrorAt, error: bench.exportError };
    }, timeoutMs);
    if (seen.start === null) throw new NotAvailable('the probe did not see the click on export-start');
    if (seen.done === null) {
      throw new NotAvailable(seen.error ? `the export failed: ${seen.error.trim()}` : `no "done" within ${timeoutMs / 1000} s`);
    }
    // The CRM holds the contact with the PDF attached, or the time means nothing.
    const api = crmApi(crm, TOKEN);
    const [contact] = await api.matches(PERSON);
    const attachments = contact ? (await api.attachments(contact.id))?.attachments ?? [] : [];
    return { ms: seen.done - seen.start, contact: contact?.id ?? null, attachmentBytes: attachments[0]?.size ?? null };
  } finally {
    await releaseOurUi(variant.page);
    await crm.stop();
  }
}

/** `runs` exports; `{ runs: [...] }`, or `{ na: reason }` when the export UI can't be measured. */
export async function measureExport(variant, { runs, timeoutMs = 60_000, log = () => {}, trace = () => {} }) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    try {
      const run = await oneExport(variant, timeoutMs, trace);
      out.push(run);
      log(`  export ${i + 1}: ${run.ms.toFixed(0)} ms (contact ${run.contact}, attachment ${run.attachmentBytes} bytes)`);
    } catch (err) {
      if (err instanceof NotAvailable) return { na: err.message, runs: out };
      return { na: `the export could not be driven: ${err.message.split('\n')[0]}`, runs: out };
    }
  }
  return { runs: out };
}
