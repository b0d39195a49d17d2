// The site's current "Save to PDF" (issue #15): the GraphQL action with a query id the extension
// reads from the site's own script bundle (random per start of the fixture site), the older REST
// action as the fallback, and a reason for the user when neither gives a PDF. No unit of the
// monthly quota is spent unless a PDF arrived (E6).
import { test as base, expect, SITE, EXTENSION_ID } from '../lib/fixtures.js';
import { insecureJson } from '../lib/servers.js';
import { crmApi } from '../lib/crm-api.js';

const test = base.extend({
  api: async ({ crm, signIn }, use) => {
    await signIn();
    await use(crmApi(crm));
  },
  /** Exports the profile at `path` as a user would; returns its page and panel once settled. */
  exportProfile: async ({ extension, ourUi, api }, use) => {
    await use(async (path) => {
      const page = await extension.context.newPage();
      await page.goto(`${SITE}${path}`);
      await expect(ourUi(page).badge).not.toHaveAttribute('data-state', 'checking');
      await ourUi(page).exportButton.click();
      const panel = ourUi(page).panel;
      await expect(panel).toBeVisible();
      await expect(panel.locator('[data-tb="quota"]')).toContainText('left this month');
      await panel.locator('[data-tb="export-start"]').click();
      await expect(panel.locator('[data-tb="contact-link"], [data-tb="export-error"]')).toBeVisible({ timeout: 30_000 });
      return { page, panel };
    });
  },
});

/** The self-check's entries for the PDF actions (the options page reads the same log). */
async function actionReports(extension) {
  const got = await extension.worker.evaluate(() => chrome.storage.local.get('site_check'));
  const entries = got.site_check ? got.site_check.entries : [];
  return entries.filter((e) => e.pattern.startsWith('/voyager/')).map((e) => `${e.pattern} ${e.failed.join(',')}`);
}

test('export lands through the GraphQL action with the query id read from the site, counted once', async ({ extension, site, api, exportProfile }) => {
  const { panel } = await exportProfile('/in/alan-turing/');
  await expect(panel.locator('[data-tb="contact-link"]')).toBeVisible();
  await expect(panel.locator('[data-tb="quota"]')).toHaveText('199 of 200 left this month');

  const stats = await site.stats();
  // The id is random per start of the site and published only in its bundle: the one read.
  expect(stats.bundle_reads).toBe(1);
  expect(stats.graphql_actions).toBe(1);
  expect(stats.pdf_actions).toBe(1);
  expect(stats.pdf_downloads).toBe(1);
  const [contact] = await api.matches('alan-turing');
  const { attachments } = await api.attachments(contact.id);
  expect(attachments).toHaveLength(1);
  const served = await insecureJson(`${site.url}/_test/last-pdf-sha256`);
  expect(attachments[0].sha256).toBe(served.sha256);
  // The id is kept with its source and date.
  const kept = await extension.worker.evaluate(() => chrome.storage.local.get('site_pdf_query_id'));
  const { query_id: current } = await site.pdfAction({});
  expect(kept.site_pdf_query_id).toMatchObject({ id: current, source: 'bundle' });
  expect(await actionReports(extension)).toEqual([]);
});

test('the site rotates its query id between two exports: one more discovery, no extra quota', async ({ site, api, exportProfile }) => {
  const first = await exportProfile('/in/alan-turing/');
  await expect(first.panel.locator('[data-tb="contact-link"]')).toBeVisible();
  expect((await site.stats()).bundle_reads).toBe(1);

  const { query_id: before } = await site.pdfAction({});
  const { query_id: after } = await site.pdfAction({ rotate: true });
  expect(after).not.toBe(before);

  const second = await exportProfile('/in/barbara-liskov/');
  await expect(second.panel.locator('[data-tb="contact-link"]')).toBeVisible();
  await expect(second.panel.locator('[data-tb="quota"]')).toHaveText('198 of 200 left this month');
  const stats = await site.stats();
  expect(stats.bundle_reads).toBe(2);
  expect(stats.graphql_actions).toBe(2);
  expect(stats.pdf_downloads).toBe(2);
  expect(await api.matches('barbara-liskov')).toHaveLength(1);
});

test('a site with only the older REST action: the fallback lands', async ({ site, api, exportProfile }) => {
  await site.pdfAction({ mode: 'rest' });
  const { panel } = await exportProfile('/in/alan-turing/');
  await expect(panel.locator('[data-tb="contact-link"]')).toBeVisible();
  await expect(panel.locator('[data-tb="quota"]')).toHaveText('199 of 200 left this month');
  const stats = await site.stats();
  expect(stats.graphql_actions).toBe(0);
  expect(stats.pdf_actions).toBe(1);
  expect(stats.pdf_downloads).toBe(1);
  expect(await api.matches('alan-turing')).toHaveLength(1);
});

test('the GraphQL action refuses (403): the user reads why, nothing is spent or asked again', async ({ extension, site, api, exportProfile }) => {
  await site.pdfAction({ mode: 'refused' });
  const { panel } = await exportProfile('/in/alan-turing/');
  const error = panel.locator('[data-tb="export-error"]');
  await expect(error).toContainText('does not offer a PDF of this profile');
  await expect(error).toContainText('Nothing was counted.');
  await expect(panel.locator('[data-tb="quota"]')).toHaveText('200 of 200 left this month');
  const stats = await site.stats();
  expect(stats.pdf_actions).toBe(0);
  expect(stats.pdf_downloads).toBe(0);
  expect(await api.matches('alan-turing')).toHaveLength(0);
  expect(await actionReports(extension)).toEqual(['/voyager/api/graphql opted_out']);
});

test('the site is rate limiting (429): "try again later", nothing spent', async ({ site, api, exportProfile }) => {
  await site.pdfAction({ mode: 'rate_limited' });
  const { panel } = await exportProfile('/in/alan-turing/');
  await expect(panel.locator('[data-tb="export-error"]')).toContainText('Try again later');
  await expect(panel.locator('[data-tb="quota"]')).toHaveText('200 of 200 left this month');
  expect((await site.stats()).pdf_downloads).toBe(0);
  expect(await api.matches('alan-turing')).toHaveLength(0);
});

test('no published id: the built-in one is tried, re-discovery finds nothing, REST lands, the self-check says the action changed', async ({ extension, site, api, exportProfile }) => {
  await site.pdfAction({ mode: 'unpublished' });
  const { panel } = await exportProfile('/in/alan-turing/');
  await expect(panel.locator('[data-tb="contact-link"]')).toBeVisible();
  await expect(panel.locator('[data-tb="quota"]')).toHaveText('199 of 200 left this month');
  const stats = await site.stats();
  expect(stats.bundle_reads).toBe(2); // the first discovery and the one re-discovery
  expect(stats.graphql_actions).toBe(0);
  expect(stats.pdf_downloads).toBe(1);
  expect(await actionReports(extension)).toEqual(['/voyager/api/graphql gone']);

  const options = await extension.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  const entry = options.locator('[data-tb="site-check-entry"]').filter({ hasText: '/voyager/api/graphql' });
  await expect(entry).toHaveCount(1);
  expect(await options.locator('[data-tb="site-check"]').innerText()).not.toMatch(/alan|turing/i);
});

test('an answer without a link: REST lands, the self-check records it', async ({ extension, site, exportProfile }) => {
  await site.pdfAction({ mode: 'no_url' });
  const { panel } = await exportProfile('/in/alan-turing/');
  await expect(panel.locator('[data-tb="contact-link"]')).toBeVisible();
  const stats = await site.stats();
  expect(stats.graphql_actions).toBe(0);
  expect(stats.pdf_actions).toBe(1);
  expect(await actionReports(extension)).toEqual(['/voyager/api/graphql no_url']);
});
