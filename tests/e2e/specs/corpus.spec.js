// The real pages of `../shared/corpus`, served as they are at their own addresses (issue #14): the
// built extension in Chromium must show the same people as `tb page` reads from the file. The
// live document (hidden text, styles, the browser's own parsing) is not the file `tb` parses, and
// only the browser proves the browser. None of these people is in the demo CRM: every badge says
// so. Skipped with a message where the corpus is absent.
import { test, expect } from '../lib/fixtures.js';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/servers.js';

const CORPUS = path.resolve(ROOT, '../shared/corpus');
const EXPECTED = path.join(CORPUS, 'EXPECTED.json');
const TB = path.join(ROOT, 'target', 'debug', 'tb');
const present = fs.existsSync(EXPECTED);
const expected = present ? JSON.parse(fs.readFileSync(EXPECTED, 'utf8')) : { html: [], search: [] };

test.skip(!present, `${CORPUS} is absent: the real-pages tests need the shared corpus beside the project`);

/** What the core reads from the file, through the same code paths (`tb page`). */
function tbReads(entry) {
  const out = execFileSync(TB, ['page', path.join(CORPUS, entry.file), '--url', entry.url], { encoding: 'utf8' });
  return JSON.parse(out);
}

/** Opens `entry`'s address with the real file as the site's answer (the site's CSP in strict mode). */
async function openReal(extension, strictCsp, entry) {
  const page = await extension.context.newPage();
  const body = fs.readFileSync(path.join(CORPUS, entry.file));
  const headers = strictCsp ? { 'content-security-policy': "script-src 'self'" } : {};
  // The page itself; what it would load from the site's other hosts is not here (offline), and
  // the extension's own files go their way.
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === entry.url) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers, body });
    return url.startsWith('chrome-extension:') ? route.continue() : route.abort();
  });
  await page.goto(entry.url);
  return page;
}

for (const entry of expected.html.filter((e) => e.kind === 'profile')) {
  test(`real profile ${path.basename(entry.file)}: the badge and the export panel name whom tb reads // proves P3, P4, B1`, async ({
    extension,
    signIn,
    strictCsp,
    ourUi,
  }) => {
    const read = tbReads(entry);
    await signIn();
    const page = await openReal(extension, strictCsp, entry);
    const ui = ourUi(page);
    await expect(ui.badge).toHaveCount(1);
    await expect(ui.badge).toHaveAttribute('data-state', 'not-in-crm');
    if (read.visibility !== 'public') {
      await expect(ui.exportButton).toBeDisabled();
      await expect(ui.locator('[data-tb="export-reason"]')).toContainText(/private or limited/i);
      return;
    }
    expect(read.name, 'tb reads a name').toBeTruthy();
    await ui.exportButton.click();
    await expect(ui.panel).toHaveAccessibleName(`Export ${read.name} to the CRM`);
  });
}

for (const entry of expected.search) {
  test(`real search ${path.basename(entry.file)}: a badge beside each person tb reads, none elsewhere // proves P1, P3, B4`, async ({
    extension,
    signIn,
    strictCsp,
    ourUi,
    crm,
  }) => {
    const read = tbReads(entry);
    expect(read.cards.length, 'tb reads every card').toBe(entry.card_count);
    await signIn();
    await crm.resetStats();
    const page = await openReal(extension, strictCsp, entry);
    await expect.poll(() => ourUi.settled(page)).toBe(read.cards.length);
    const shown = await ourUi.badges(page);
    expect(shown).toHaveLength(read.cards.length);
    for (const card of read.cards) {
      const beside = shown.filter((b) => b.besideText && b.besideText.includes(card.name));
      expect(beside, `one badge beside ${card.name}`).toHaveLength(1);
      expect(beside[0].state).toBe('not-in-crm');
    }
    for (const name of entry.forbidden || []) {
      expect(shown.filter((b) => b.besideText === name), `no badge beside ${name}`).toEqual([]);
    }
    // One lookup for the whole page (B4).
    expect((await crm.stats()).lookup_requests).toBe(1);
  });
}
