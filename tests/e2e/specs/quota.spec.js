// One month's count per CRM user (issue #18, PRODUCT.md E6): kept by the CRM for every browser
// of the user, whatever spelling of the CRM's address each was given, and counting the PDFs saved
// with the site's own "More → Save to PDF" menu too (the site counts them, so "N left" must).
import { test as base, expect, SITE, EXTENSION_ID } from '../lib/fixtures.js';
import { insecureJson } from '../lib/servers.js';
import { crmApi } from '../lib/crm-api.js';
import { connectedTo, launch } from '../lib/browser.js';

const test = base.extend({
  api: async ({ crm, signIn }, use) => {
    await signIn();
    await use(crmApi(crm));
  },
  /** The popup's quota lines, read afresh. */
  popup: async ({ extension }, use) => {
    await use(async () => {
      const popup = await extension.context.newPage();
      await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
      return popup;
    });
  },
});

// The count is the worker's and the CRM's: the same in every mode of the page, so it is proven
// once, in the page project (CI's 30 minutes).
test.beforeEach(async ({}, testInfo) => {
  test.skip(testInfo.project.name !== 'page', 'the month\'s count does not depend on the page\'s mode: proven in the page project');
});

test('the site\'s own Save to PDF, clicked by the user, counts once, on its own line // proves E6, issue #18', async ({ extension, site, api, popup }) => {
  const before = await popup();
  await expect(before.locator('[data-tb="quota"]')).toHaveText('200 of 200 left this month');
  await expect(before.locator('[data-tb="quota-manual"]')).toHaveCount(0);

  const page = await extension.context.newPage();
  await page.goto(`${SITE}/in/alan-turing/`);
  await page.getByRole('button', { name: 'More actions' }).click();
  const saved = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Save to PDF' }).click();
  const download = await saved;
  expect(await download.failure()).toBeNull();
  expect((await insecureJson(`${site.url}/_test/stats`)).pdf_downloads).toBe(1);

  // The CRM keeps the count for all the user's devices: one more there, by ticket.
  await expect.poll(async () => (await api.usage()).committed).toBe(1);
  expect((await api.usage()).manual).toBe(1);
  const after = await popup();
  await expect(after.locator('[data-tb="quota"]')).toHaveText('199 of 200 left this month');
  await expect(after.locator('[data-tb="quota-manual"]')).toHaveText('1 of them saved with the site\'s own “Save to PDF” menu');
});

test('50 PDF actions fired by a page script, with no PDF saved, change nothing // proves E6, S6, issue #18', async ({ extension, site, api, popup }) => {
  const page = await extension.context.newPage();
  await page.goto(`${SITE}/in/alan-turing/`);
  // The page's own script asks for the PDF link 50 times, as a hostile or buggy script could;
  // nothing is saved.
  const answered = await page.evaluate(async () => {
    const csrf = (document.cookie.match(/(?:^|;\s*)JSESSIONID=("?)([^";]*)\1/) || [])[2] || '';
    let ok = 0;
    for (let i = 0; i < 50; i++) {
      const response = await fetch('/voyager/api/identity/profiles/alan-turing/profileActions?action=saveToPdf', {
        method: 'POST', credentials: 'same-origin', headers: { 'csrf-token': csrf },
      });
      if (response.ok) ok += 1;
    }
    return ok;
  });
  expect(answered).toBe(50);
  // A later, real download is counted: by then the worker has seen everything before it.
  await page.getByRole('button', { name: 'More actions' }).click();
  const saved = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: 'Save to PDF' }).click();
  await saved;
  await expect.poll(async () => (await api.usage()).committed).toBe(1);
  expect((await api.usage()).manual).toBe(1);
  expect((await insecureJson(`${site.url}/_test/stats`)).pdf_downloads).toBe(1);
  await expect((await popup()).locator('[data-tb="quota"]')).toHaveText('199 of 200 left this month');
});

test('two browsers of one user at 198 used: of three exports exactly two succeed, and both popups say 0 left; the second was given another spelling of the CRM\'s address // proves E6, issue #18', async ({ extension, site, crm, api, ourUi }) => {
  await api.seedUsage(198);
  // A second Chrome profile of the same recruiter, given the CRM's address as typed by hand:
  // trailing dot segment and doubled slash, the same CRM.
  const second = await launch(site);
  try {
    const options = await second.context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    await options.locator('[data-tb="options-crm-url"]').fill(`${crm.url}//./`);
    await options.locator('[data-tb="options-token"]').fill('tb-demo-riley');
    await options.locator('[data-tb="options-save"]').click();
    // Kept in one spelling: the same CRM, so the same count.
    await expect(options.locator('[data-tb="options-status"]')).toHaveText(connectedTo(crm.url));
    // Three panels open while 2 are left, so each offers Start; then three starts, one by one.
    const open = async (context, publicId) => {
      const page = await context.newPage();
      await page.goto(`${SITE}/in/${publicId}/`);
      await expect(ourUi(page).badge).not.toHaveAttribute('data-state', 'checking');
      await ourUi(page).exportButton.click();
      const panel = ourUi(page).panel;
      await expect(panel.locator('[data-tb="quota"]')).toHaveText('2 of 200 left this month');
      return panel;
    };
    const panels = [
      await open(extension.context, 'alan-turing'),
      await open(second.context, 'grace-hopper'),
      await open(extension.context, 'ada-lovelace'),
    ];
    const landed = [];
    for (const panel of panels) {
      await panel.locator('[data-tb="export-start"]').click();
      const outcome = panel.locator('[data-tb="contact-link"], [data-tb="export-error"]');
      await expect(outcome.first()).toBeVisible({ timeout: 30_000 });
      landed.push((await panel.locator('[data-tb="contact-link"]').count()) === 1);
    }
    expect(landed).toEqual([true, true, false]);
    expect((await insecureJson(`${site.url}/_test/stats`)).pdf_downloads).toBe(2);
    expect((await api.usage()).used).toBe(200);
    for (const context of [extension.context, second.context]) {
      const popup = await context.newPage();
      await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
      await expect(popup.locator('[data-tb="quota"]')).toHaveText('0 of 200 left this month');
    }
  } finally {
    await second.context.close();
  }
});
