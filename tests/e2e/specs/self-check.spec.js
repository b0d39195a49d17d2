// The admins' self-check (issue #4): a profile the extension cannot read becomes an
// "unreadable" badge and a diagnostic on the options page — the URL's shape, never its id.
import { test, expect, SITE, EXTENSION_ID } from '../lib/fixtures.js';

test('a profile whose markup changed is reported as unreadable, without personal data // proves P4', async ({ extension, signedInPage: page, ourUi }) => {
  await page.goto(`${SITE}/in/ada-lovelace/details/experience/`);
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'in-crm');
  // The site "redesigns" under us: the top card is replaced by markup nobody knows.
  await page.evaluate(() => {
    document.querySelector('main').innerHTML = '<h1>Ada Lovelace?</h1><div><p>Something new</p></div>';
  });
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'unreadable', { timeout: 15_000 });
  await expect(ourUi(page).badge).toContainText("Can't read this profile");

  const options = await extension.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  // In frame mode the site's CSP is reported too (frame-mode.spec.js): not this test's business.
  const entry = options.locator('[data-tb="site-check-entry"]').filter({ hasNotText: 'page-csp-refuses-wasm' });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('/in/*/');
  const text = await options.locator('[data-tb="site-check"]').innerText();
  expect(text).not.toMatch(/ada|lovelace/i);
});
