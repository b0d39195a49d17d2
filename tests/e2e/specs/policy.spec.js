// Managed configuration by enterprise policy (PRODUCT.md A2, A4): a Linux policy file sets the CRM
// address and the monthly limit; the extension locks the one, applies the other, and ignores what
// it cannot use.
//
// The policy targets a copy of dist/ whose manifest "key" is a fresh one: Chromium applies
// /etc/chromium/policies/managed to every browser on the machine, so a policy for the real id would
// lock the CRM address in any other test run going on at the same time. The copy differs from
// dist/ only in that key (and so in its id).
import { test as base, expect, SITE } from '../lib/fixtures.js';
import {
  NOT_ROOT,
  canWritePolicy,
  configureFor,
  extensionPolicy,
  extensionWorker,
  optionsUrl,
  popupUrl,
} from '../lib/managed.js';
import { rekeyedDist } from '../lib/self-hosting.js';
import { ourUi as uiOf } from '../lib/our-ui.js';
import { openSidePanel } from '../lib/side-panel.js';

const test = base.extend({
  /** The re-keyed copy of dist/ (see above), one per worker. */
  rekeyed: [
    async ({}, use) => {
      const copy = rekeyedDist();
      await use(copy);
      copy.remove();
    },
    { scope: 'worker' },
  ],
  /** The CRM answers the copy's id as an admin's would (`--allow-extension`, README "Admins"). */
  crmArgs: async ({ rekeyed }, use) => {
    await use(['--allow-extension', rekeyed.id]);
  },
  /**
   * Chromium reads managed policy at start: the file goes first, then the browser. Returns the
   * browser with the extension's worker and a few views of it.
   */
  withPolicy: async ({ rekeyed, machinePolicy, launchManagedBrowser, ourUi }, use) => {
    await use(async (settings) => {
      machinePolicy('talent-bridge-policy-test.json', extensionPolicy(rekeyed.id, settings));
      const browser = await launchManagedBrowser({ extensionDir: rekeyed.extensionDir });
      browser.worker = await extensionWorker(browser.context, rekeyed.id);
      return {
        ...browser,
        id: rekeyed.id,
        managed: () => browser.worker.evaluate(() => chrome.storage.managed.get()),
        openOptions: async () => {
          const page = await browser.context.newPage();
          await page.goto(optionsUrl(rekeyed.id));
          await expect(page.locator('[data-tb="options-status"]')).not.toBeEmpty();
          return page;
        },
        /** The popup's quota line ("N of M left this month"). */
        popupQuota: async () => {
          const popup = await browser.context.newPage();
          await popup.goto(popupUrl(rekeyed.id));
          return popup.locator('[data-tb="quota"]');
        },
        seededProfileIsInCrm: async () => {
          const page = await browser.context.newPage();
          await page.goto(`${SITE}/in/ada-lovelace/`);
          await expect(ourUi(page).badge).toHaveAttribute('data-state', 'in-crm');
        },
      };
    });
  },
});

test.skip(!canWritePolicy(), NOT_ROOT);

test('CRM address from policy: shown locked, the user enters only the token, the badge works // proves A2', async ({ crm, withPolicy }) => {
  const browser = await withPolicy({ CrmBaseUrl: crm.url, MonthlyLimit: 50 });
  expect(await browser.managed()).toEqual({ CrmBaseUrl: crm.url, MonthlyLimit: 50 });

  const options = await browser.openOptions();
  await expect(options.locator('[data-tb="options-locked"]')).toBeVisible();
  const address = options.locator('[data-tb="options-crm-url"]');
  await expect(address).toHaveValue(crm.url);
  await expect(address).not.toBeEditable();
  expect(await address.evaluate((input) => input.readOnly)).toBe(true);
  await expect(options.locator('[data-tb="options-policy-problem"]')).toHaveCount(0);

  await configureFor(browser.context, browser.id, null, 'tb-demo-riley');
  await browser.seededProfileIsInCrm();
});

test('MonthlyLimit from policy: the quota reads 50 of 50 // proves A2', async ({ crm, withPolicy }) => {
  const browser = await withPolicy({ CrmBaseUrl: crm.url, MonthlyLimit: 50 });
  await configureFor(browser.context, browser.id, null, 'tb-demo-riley');
  await expect(await browser.popupQuota()).toHaveText('50 of 50 left this month');
});

test('wrong-typed values are ignored: the browser drops them and the extension runs on defaults // proves A2, A4', async ({ crm, withPolicy }) => {
  const browser = await withPolicy({ CrmBaseUrl: 42, MonthlyLimit: 'lots', DefaultPool: 'Graduates' });
  // Chromium checks policy against managed_schema.json and never hands a wrong type to the
  // extension (chrome://policy lists it as "Not set"); the well-typed setting still arrives.
  expect(await browser.managed()).toEqual({ DefaultPool: 'Graduates' });

  const options = await browser.openOptions();
  await expect(options.locator('[data-tb="options-locked"]')).toHaveCount(0);
  await expect(options.locator('[data-tb="options-crm-url"]')).toBeEditable();
  await expect(options.locator('[data-tb="options-policy-problem"]')).toHaveCount(0);

  // Without a policy address the user's own works (A4), and the limit is the site's 200.
  await configureFor(browser.context, browser.id, crm.url, 'tb-demo-riley');
  await browser.seededProfileIsInCrm();
  await expect(await browser.popupQuota()).toHaveText('200 of 200 left this month');
});

test('a well-typed but unusable value is ignored and reported on the options page; the rest applies // proves A2, A4', async ({ crm, withPolicy }) => {
  const browser = await withPolicy({ CrmBaseUrl: 'ftp://crm.example.com', MonthlyLimit: 50 });
  expect(await browser.managed()).toEqual({ CrmBaseUrl: 'ftp://crm.example.com', MonthlyLimit: 50 });

  const options = await browser.openOptions();
  const problem = options.locator('[data-tb="options-policy-problem"]');
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText('CrmBaseUrl');
  await expect(problem).not.toContainText('ftp://'); // names the setting, never echoes the value
  await expect(options.locator('[data-tb="options-locked"]')).toHaveCount(0);
  await expect(options.locator('[data-tb="options-crm-url"]')).toBeEditable();

  await configureFor(browser.context, browser.id, crm.url, 'tb-demo-riley');
  await browser.seededProfileIsInCrm();
  await expect(await browser.popupQuota()).toHaveText('50 of 50 left this month');
});

test('SitePdfQueryId from policy: used when the site publishes no query id (issue #15)', async ({ crm, site, withPolicy, ourUi }) => {
  // The site's action works but no bundle names its id: without the policy, the built-in id
  // would be refused and the REST action would have to step in (pdf-action.spec.js).
  await site.pdfAction({ mode: 'unpublished' });
  const { query_id: current } = await site.pdfAction({});
  const browser = await withPolicy({ CrmBaseUrl: crm.url, SitePdfQueryId: current });
  expect(await browser.managed()).toEqual({ CrmBaseUrl: crm.url, SitePdfQueryId: current });
  await configureFor(browser.context, browser.id, null, 'tb-demo-riley');

  const page = await browser.context.newPage();
  await page.goto(`${SITE}/in/alan-turing/`);
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'not-in-crm');
  await ourUi(page).exportButton.click();
  const panel = ourUi(page).panel;
  await expect(panel.locator('[data-tb="quota"]')).toHaveText('200 of 200 left this month');
  await panel.locator('[data-tb="export-start"]').click();
  await expect(panel.locator('[data-tb="contact-link"]')).toBeVisible({ timeout: 30_000 });
  const stats = await site.stats();
  expect(stats.graphql_actions).toBe(1);
  expect(stats.pdf_downloads).toBe(1);
});

test('Features.Export = false: profiles show no Export button, the badge still works // proves A2, issue #17', async ({ crm, withPolicy, ourUi }) => {
  const browser = await withPolicy({ CrmBaseUrl: crm.url, Features: { Export: false } });
  expect(await browser.managed()).toEqual({ CrmBaseUrl: crm.url, Features: { Export: false } });
  await configureFor(browser.context, browser.id, null, 'tb-demo-riley');
  const page = await browser.context.newPage();
  await page.goto(`${SITE}/in/alan-turing/`);
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'not-in-crm');
  await expect(ourUi(page).exportButton).toHaveCount(1);
  await expect(ourUi(page).exportButton).toBeHidden();
  await expect(ourUi(page).locator('[data-tb="export-reason"]')).toHaveCount(0);
});

/** The most of our badges the page showed in `looks` looks, 100 ms apart. */
const mostBadgesSeen = async (page, looks) => {
  let most = 0;
  for (let look = 0; look < looks; look++) {
    most = Math.max(most, await uiOf(page).badge.count());
    await page.waitForTimeout(100);
  }
  return most;
};

test('Features.SearchBadges = false: search results get no badge and the CRM is asked about nobody; switched on, the next search page gets them; off again, none // proves A2, issue #17', async ({ crm, withPolicy, machinePolicy, rekeyed, ourUi, siteLook }) => {
  const off = { CrmBaseUrl: crm.url, Features: { SearchBadges: false } };
  const browser = await withPolicy(off);
  expect(await browser.managed()).toEqual(off);
  await configureFor(browser.context, browser.id, null, 'tb-demo-riley');
  await crm.resetStats();
  const page = await browser.context.newPage();
  await page.goto(`${SITE}/search/results/people/?keywords=a&count=25`);
  await expect(siteLook.results(page)).toHaveCount(25);
  // The script reads the page after its last change; none of those readings may show a badge,
  // not even "Checking" for a moment.
  expect(await mostBadgesSeen(page, 15)).toBe(0);
  expect((await crm.stats()).lookup_requests).toBe(0);
  // Profiles keep their badge and Export.
  const profile = await browser.context.newPage();
  await profile.goto(`${SITE}/in/ada-lovelace/`);
  await expect(ourUi(profile).badge).toHaveAttribute('data-state', 'in-crm');
  await expect(ourUi(profile).exportButton).toBeVisible();

  // The admin switches them on: the next search page has them.
  const policyPage = await browser.context.newPage();
  const reload = async (settings) => {
    machinePolicy('talent-bridge-policy-test.json', extensionPolicy(rekeyed.id, settings));
    await policyPage.goto('chrome://policy');
    await policyPage.locator('#reload-policies').click();
    await expect.poll(() => browser.managed()).toEqual(settings);
  };
  await reload({ CrmBaseUrl: crm.url, Features: { SearchBadges: true } });
  await crm.resetStats();
  await page.reload();
  await expect(siteLook.results(page)).toHaveCount(25);
  await expect(ourUi(page).badge).toHaveCount(25);
  await expect.poll(() => ourUi.settled(page)).toBe(25);
  expect((await crm.stats()).lookup_requests).toBe(1);
  // And off again: the page's next lookup is refused by the worker (nothing reaches the CRM)
  // and the page takes its search badges away; a new search page shows none.
  await reload(off);
  await page.evaluate(() => document.querySelector('main [data-more-results]')?.click());
  await expect(ourUi(page).badge).toHaveCount(0);
  expect((await crm.stats()).lookup_requests).toBe(1);
  await page.reload();
  await expect(siteLook.results(page)).toHaveCount(25);
  expect(await mostBadgesSeen(page, 10)).toBe(0);
  expect((await crm.stats()).lookup_requests).toBe(1);
});

test('a policy changed while the browser runs applies at once: the quota follows the new limit // proves A2, issue #17', async ({ crm, withPolicy, machinePolicy, rekeyed }) => {
  const browser = await withPolicy({ CrmBaseUrl: crm.url, MonthlyLimit: 50 });
  await configureFor(browser.context, browser.id, null, 'tb-demo-riley');
  await expect(await browser.popupQuota()).toHaveText('50 of 50 left this month');
  // The admin lowers the limit; Chromium reloads its policy files (as it does on its own
  // schedule, or from chrome://policy), and the worker hears storage.onChanged.
  machinePolicy('talent-bridge-policy-test.json', extensionPolicy(rekeyed.id, { CrmBaseUrl: crm.url, MonthlyLimit: 20 }));
  const policyPage = await browser.context.newPage();
  await policyPage.goto('chrome://policy');
  await policyPage.locator('#reload-policies').click();
  await expect.poll(() => browser.managed()).toEqual({ CrmBaseUrl: crm.url, MonthlyLimit: 20 });
  await expect(await browser.popupQuota()).toHaveText('20 of 20 left this month');
});

test('DisplayMode = "side-panel" locks page-untouched mode: the options page shows it locked, the page gets nothing, the side panel shows the person // proves A5, Q2, issue #19', async ({ crm, withPolicy, ourUi }) => {
  const browser = await withPolicy({ CrmBaseUrl: crm.url, DisplayMode: 'side-panel' });
  await configureFor(browser.context, browser.id, null, 'tb-demo-riley');
  const options = await browser.openOptions();
  await expect(options.locator('[data-tb="display-side-panel"]')).toBeChecked();
  await expect(options.locator('[data-tb="display-side-panel"]')).toBeDisabled();
  await expect(options.locator('[data-tb="display-page"]')).toBeDisabled();
  await expect(options.locator('[data-tb="options-display-locked"]')).toBeVisible();
  // The worker refuses the change too (the radio is only the page's say).
  const refused = await options.evaluate(() => chrome.runtime.sendMessage({ v: 1, msg: { type: 'set_display_mode', mode: 'page' } }));
  expect(refused.msg.type).toBe('refused');

  const page = await browser.context.newPage();
  await page.goto(`${SITE}/in/ada-lovelace/`);
  const panel = await openSidePanel(browser.context, page, browser.id);
  await expect.poll(async () => (await panel.rows()).map((r) => [r.name, r.state])).toEqual([['Ada Lovelace', 'in-crm']]);
  await expect(ourUi(page).badge).toHaveCount(0);
  expect(await page.locator('[data-talent-bridge], [data-tb-frame]').count()).toBe(0);
});
