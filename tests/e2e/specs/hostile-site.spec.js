// The site attacks us from its own scripts (issue #16; PRODUCT.md S5, S6): the fixture site's
// `--hostile` mode (tests/site/static/hostile.js) reads every element it did not render and their
// open shadow roots, fires synthetic events at them, looks for extension URLs, probes extension
// files at the fixed id and meddles with our frames, writing what it learns to `window.__stolen`.
// The user works through trusted input only (`ourUi`: Playwright's mouse and keyboard over CDP).
// Runs in the `hostile` (page mode) and `hostile-strict-csp` (frame mode) projects.
import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, SITE, EXTENSION_ID } from '../lib/fixtures.js';
import { DIST } from '../lib/browser.js';
import { crmApi } from '../lib/crm-api.js';

const test = base.extend({
  api: async ({ crm, signIn }, use) => {
    await signIn();
    await use(crmApi(crm));
  },
});

/** What the CRM knows and the site does not: none of it may reach the page. */
const CRM_ONLY = [
  /CRM/, /in-crm|not-in-crm|out-of-date|signed-out/, /ada@example\.org/, /7946 0001/,
  /Engineering leaders/, /V-101/, /confidential/i, /Lead Engineer at Analytical/,
];

/** Everything of `dist/`, as paths. */
function distFiles(dir = DIST, prefix = '') {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) return distFiles(path.join(dir, entry.name), `${rel}/`);
    return rel.endsWith('.zip') || rel.endsWith('.crx') ? [] : [rel];
  });
}

async function stolen(page) {
  return page.evaluate(() => JSON.parse(JSON.stringify(window.__stolen)));
}

/** The page's own attacks have run over the badge (and whatever the pokes opened). */
async function attacked(page) {
  await expect.poll(async () => (await stolen(page)).synthetic, { timeout: 15_000 }).toBeGreaterThan(0);
  await expect.poll(async () => (await stolen(page)).probes.length, { timeout: 15_000 }).toBeGreaterThan(10);
  await page.waitForTimeout(8_500); // hostile.js attacks again at 1, 2.5, 5 and 8 s
}

function expectNothingLearned(learned, crmUrl) {
  const text = JSON.stringify(learned.texts);
  for (const secret of [...CRM_ONLY, new RegExp(crmUrl.replace(/[.:/]/g, '\\$&'))]) {
    expect(text, `the page read ${secret}`).not.toMatch(secret);
  }
  expect(learned.extensionUrls).toEqual([]);
  expect(learned.probes.filter((p) => p.ok)).toEqual([]);
}

test('a profile on the hostile site: the page learns nothing and drives nothing; the user still can @hostile-site', async ({ extension, site, crm, api, ourUi }) => {
  const page = await extension.context.newPage();
  await page.goto(`${SITE}/in/ada-lovelace/`);
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'in-crm');
  await attacked(page);
  const learned = await stolen(page);
  expect(learned.synthetic).toBeGreaterThan(0);
  expectNothingLearned(learned, crm.url);
  // Every file of dist/ at the fixed id, from the page: none answers.
  const files = distFiles();
  const answered = await page.evaluate(async ({ id, files }) => {
    const ok = [];
    for (const file of files) {
      try {
        if ((await fetch(`chrome-extension://${id}/${file}`)).ok) ok.push(file);
      } catch {}
    }
    return ok;
  }, { id: EXTENSION_ID, files });
  expect(answered).toEqual([]);
  // The synthetic events did nothing: no card, no panel, no export, no PDF.
  await expect(ourUi(page).hoverCard).toHaveCount(0);
  await expect(ourUi(page).panel).toHaveCount(0);
  expect((await site.stats()).pdf_downloads).toBe(0);

  // The user, with a real mouse: the card opens and shows the contact; the page still reads
  // nothing of it.
  await ourUi(page).badge.hover();
  await expect(ourUi(page).hoverCard).toContainText('ada@example.org');
  await page.waitForTimeout(3_000);
  expectNothingLearned(await stolen(page), crm.url);
});

test('synthetic clicks cannot export: 0 PDFs, 0 contacts, the quota unchanged; the user exports with trusted clicks @hostile-site', async ({ extension, site, api, ourUi }) => {
  const page = await extension.context.newPage();
  await page.goto(`${SITE}/in/alan-turing/`);
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'not-in-crm');
  await attacked(page);
  expect((await site.stats()).pdf_downloads).toBe(0);
  expect((await site.stats()).pdf_actions).toBe(0);
  expect(await api.matches('alan-turing')).toHaveLength(0);

  await ourUi(page).exportButton.click();
  const panel = ourUi(page).panel;
  await expect(panel.locator('[data-tb="quota"]')).toHaveText('200 of 200 left this month');
  await panel.locator('[data-tb="export-start"]').click();
  await expect(panel.locator('[data-tb="contact-link"]')).toBeVisible({ timeout: 30_000 });
  await expect(panel.locator('[data-tb="quota"]')).toHaveText('199 of 200 left this month');
  expect((await site.stats()).pdf_downloads).toBe(1);
  expect(await api.matches('alan-turing')).toHaveLength(1);
});

test('people the page hides are not looked up; a page churning through 30 people is paused and reported @hostile-site', async ({ extension, crm, signIn, ourUi }) => {
  await signIn();
  const page = await extension.context.newPage();
  await page.goto(`${SITE}/search/results/people/?keywords=a`);
  await expect.poll(() => ourUi.settled(page)).toBeGreaterThan(0);
  const shown = await ourUi.settled(page);
  await page.waitForTimeout(1_000);
  await crm.resetStats();
  const planted = await page.evaluate(() => window.__hostile.plantHiddenCards());
  expect(planted).toBe(5);
  await page.waitForTimeout(3_000);
  expect((await crm.stats()).lookup_profiles).toBe(0);
  expect(await ourUi.settled(page)).toBe(shown);

  const profile = await extension.context.newPage();
  await profile.goto(`${SITE}/in/grace-hopper/`);
  await expect(ourUi(profile).badge).toHaveAttribute('data-state', 'in-crm');
  await crm.resetStats();
  await profile.evaluate(() => window.__hostile.churn(30, 150));
  await profile.waitForTimeout(1_500);
  // At most the allowance (20 distinct people in 10 s) reached the CRM.
  expect((await crm.stats()).lookup_profiles).toBeLessThanOrEqual(20);
  const log = await extension.worker.evaluate(() => chrome.storage.local.get('site_check'));
  const entries = (log.site_check ? log.site_check.entries : []).map((e) => `${e.pattern} ${e.failed.join(',')}`);
  expect(entries).toContain('/in/*/ too-many-people');
  expect(JSON.stringify(entries)).not.toMatch(/victim|grace/i);
});

test.describe('a CRM whose contact links lead elsewhere', () => {
  test.use({ crmArgs: ['--public-url', 'https://crm.elsewhere.example'] });

  test('a contact link to anywhere but the configured CRM is shown without a link @hostile-site', async ({ extension, ourUi, signIn }) => {
    await signIn();
    const page = await extension.context.newPage();
    await page.goto(`${SITE}/in/ada-lovelace/`);
    await expect(ourUi(page).badge).toHaveAttribute('data-state', 'in-crm');
    await ourUi(page).badge.hover();
    const name = ourUi(page).hoverCard.locator('[data-tb="card-contact-link"]');
    await expect(name).toHaveText('Ada Lovelace');
    await expect(name).not.toHaveAttribute('href', /./);
    await expect(ourUi(page).badge.locator('a[href]')).toHaveCount(0);
  });
});
