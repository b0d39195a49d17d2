// The test harness's own proof (issue #13): `ourUi` sees inside a *closed* shadow root, which the
// page's scripts and Playwright's locators cannot, and acts on it only with trusted input. The
// page here is a fixture of its own: a closed root made in a closure, whose handlers record what
// they were given, and a page script that patches the DOM API the way a hostile site could.
import { test, expect } from '../lib/fixtures.js';

const PAGE = `<!doctype html>
<html><body>
<main><h2>Someone</h2><span id="host"></span></main>
<script>
  // What our UI's handlers saw, kept by the fixture (the product keeps nothing like it).
  window.__seen = [];
  (() => {
    const host = document.getElementById('host');
    const root = host.attachShadow({ mode: 'closed' });
    root.innerHTML = \`
      <span data-tb="badge" data-state="in-crm" role="group" aria-label="Talent Bridge">In CRM</span>
      <button data-tb="export" aria-expanded="false">Export to CRM</button>
      <button data-tb="off" disabled>Off</button>
      <label>Pools <input data-tb="pool-search" type="search"></label>
      <label><input data-tb="pick" type="checkbox"> Data &amp; AI</label>\`;
    const button = root.querySelector('[data-tb="export"]');
    button.addEventListener('click', (e) => {
      window.__seen.push('click:' + e.isTrusted);
      button.setAttribute('aria-expanded', 'true');
    });
    button.addEventListener('keydown', (e) => window.__seen.push('key:' + e.key + ':' + e.isTrusted));
    root.querySelector('[data-tb="pool-search"]').addEventListener('input', (e) => window.__seen.push('input:' + e.isTrusted));
  })();
  // A hostile page: its querySelectorAll finds nothing, its getAttribute lies.
  Element.prototype.querySelectorAll = function () { return []; };
  ShadowRoot.prototype.querySelectorAll = function () { return []; };
  Element.prototype.getAttribute = function () { return 'forged'; };
</script>
</body></html>`;

test('ourUi reads and drives a closed shadow root with trusted input; the page cannot see in', async ({ extension, ourUi }) => {
  const page = await extension.context.newPage();
  await page.route('https://closed-root.test/', (route) => route.fulfill({ contentType: 'text/html', body: PAGE }));
  await page.goto('https://closed-root.test/');

  // The page's own view: no way in.
  expect(await page.evaluate(() => document.getElementById('host').shadowRoot)).toBeNull();
  // Playwright's locators do not pierce a closed root either.
  await expect(page.locator('[data-tb="badge"]')).toHaveCount(0);

  const ui = ourUi(page);
  await expect(ui.badge).toHaveCount(1);
  await expect(ui.badge).toHaveAttribute('data-state', 'in-crm'); // not the page's forged getAttribute
  await expect(ui.badge).toHaveText('In CRM');
  await expect(ui.badge).toHaveAccessibleName('Talent Bridge');
  await expect(ui.locator('[data-tb="off"]')).toBeDisabled();
  await expect(ui.exportButton).toBeEnabled();
  await expect(ui.locator('[data-tb="nothing"]')).toHaveCount(0);

  // Trusted input only: the real mouse and keyboard.
  await ui.exportButton.click();
  await expect(ui.exportButton).toHaveAttribute('aria-expanded', 'true');
  await ui.exportButton.press('Enter');
  await expect(ui.exportButton).toBeFocused();
  await ui.locator('[data-tb="pool-search"]').fill('Data');
  await expect(ui.locator('[data-tb="pool-search"]')).toHaveValue('Data');
  await expect(ui.locator('[data-tb="pool-search"]')).toBeFocused();
  const pick = ui.getByRole('checkbox');
  await expect(pick).not.toBeChecked();
  await pick.click();
  await expect(pick).toBeChecked();

  const seen = await page.evaluate(() => window.__seen);
  expect(seen).toContain('click:true');
  expect(seen).toContain('key:Enter:true');
  expect(seen).toContain('input:true');
  expect(seen.filter((s) => s.endsWith(':false'))).toEqual([]);
});

test('a matcher on our UI fails when the UI says otherwise (the harness can fail)', async ({ extension, ourUi }) => {
  const page = await extension.context.newPage();
  await page.route('https://closed-root.test/', (route) => route.fulfill({ contentType: 'text/html', body: PAGE }));
  await page.goto('https://closed-root.test/');
  const ui = ourUi(page);
  await expect(expect(ui.badge).toHaveAttribute('data-state', 'not-in-crm', { timeout: 300 })).rejects.toThrow(/in-crm/);
  await expect(expect(ui.badge).toHaveCount(2, { timeout: 300 })).rejects.toThrow();
  await expect(expect(ui.locator('[data-tb="off"]')).toBeEnabled({ timeout: 300 })).rejects.toThrow();
  await expect(ui.locator('[data-tb="off"]').click({ timeout: 500 })).rejects.toThrow(/disabled/);
});

const MOVING = `<!doctype html>
<html><body style="margin:0">
<div id="decoy" style="position:absolute;left:0;top:0;width:400px;height:200px">site</div>
<span id="host" style="position:absolute;left:20px;top:20px"></span>
<script>
  window.__seen = [];
  document.getElementById('decoy').addEventListener('click', () => window.__seen.push('decoy'));
  (() => {
    const host = document.getElementById('host');
    const root = host.attachShadow({ mode: 'closed' });
    root.innerHTML = '<button data-tb="export">Export to CRM</button>';
    root.querySelector('button').addEventListener('click', (e) => window.__seen.push('ours:' + e.isTrusted));
    // The layout moves as the pointer arrives, after the test measured where the button is.
    let moved = false;
    document.addEventListener('mousemove', () => {
      if (moved) return;
      moved = true;
      host.style.top = '120px';
    }, true);
  })();
</script>
</body></html>`;

test('a click whose target moved away is stopped before anything hears it, and tried again', async ({ extension, ourUi }) => {
  const page = await extension.context.newPage();
  await page.route('https://closed-root.test/', (route) => route.fulfill({ contentType: 'text/html', body: MOVING }));
  await page.goto('https://closed-root.test/');
  await ourUi(page).exportButton.click();
  // The first press fell on the site's element where the button was: stopped, not delivered.
  expect(await page.evaluate(() => window.__seen)).toEqual(['ours:true']);
});

