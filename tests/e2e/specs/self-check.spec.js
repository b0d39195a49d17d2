// The admins' self-check (issue #4): a profile the extension cannot read becomes an
// "unreadable" badge and a diagnostic on the options page — the URL's shape, never its id.
import { test, expect } from '@playwright/test';
import { startCrm, startSite } from '../lib/servers.js';
import { launch, configure, badges, SITE, EXTENSION_ID } from '../lib/browser.js';

let crm;
let site;
let browser;
test.beforeEach(async () => {
  [crm, site] = await Promise.all([startCrm(), startSite()]);
  browser = await launch(site);
  await configure(browser.context, crm.url, 'tb-demo-riley');
});
test.afterEach(async () => {
  await browser?.context.close();
  await Promise.all([crm?.stop(), site?.stop()]);
});

test('a profile whose markup changed is reported as unreadable, without personal data // proves P4', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${SITE}/in/ada-lovelace/details/experience/`);
  await expect(badges(page)).toHaveAttribute('data-state', 'in-crm');
  // The site "redesigns" under us: the top card is replaced by markup nobody knows.
  await page.evaluate(() => {
    document.querySelector('main').innerHTML = '<h1>Ada Lovelace?</h1><div><p>Something new</p></div>';
  });
  await expect(badges(page)).toHaveAttribute('data-state', 'unreadable', { timeout: 15_000 });
  await expect(badges(page)).toContainText("Can't read this profile");

  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  // In frame mode the site's CSP is reported too (frame-mode.spec.js): not this test's business.
  const entry = options.locator('[data-tb="site-check-entry"]').filter({ hasNotText: 'page-csp-refuses-wasm' });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('/in/*/');
  const text = await options.locator('[data-tb="site-check"]').innerText();
  expect(text).not.toMatch(/ada|lovelace/i);
});
