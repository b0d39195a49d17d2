// Frame mode (issue #4, DESIGN.md §2 "Strict page CSP"): on a page whose CSP refuses WebAssembly
// the badges run in extension frames fed with snapshots of the page. The whole suite also runs
// in this mode (`TB_STRICT_CSP=1`); these tests pin the site to the strict CSP in both runs and
// cover what only this mode has: the admins' report, and a page trying to steer the frames.
import { test, expect } from '@playwright/test';
import { startCrm, startSite } from '../lib/servers.js';
import { launch, configure, SITE, EXTENSION_ID, BADGE_FRAME } from '../lib/browser.js';

// Frame mode whatever the run's mode: the badge UI is inside the page's one badge frame.
const ui = (page) => page.frameLocator(BADGE_FRAME);
const badges = (page) => ui(page).locator('[data-tb="badge"]');

let crm;
let site;
let browser;
test.beforeEach(async () => {
  [crm, site] = await Promise.all([startCrm(), startSite({ strictCsp: true })]);
  browser = await launch(site);
  await configure(browser.context, crm.url, 'tb-demo-riley');
});
test.afterEach(async () => {
  await browser?.context.close();
  await Promise.all([crm?.stop(), site?.stop()]);
});

test('a page whose CSP refuses WebAssembly gets its badge from a frame, and is reported to the admins // proves P4, B1', async () => {
  const page = await browser.context.newPage();
  const wasmErrors = [];
  page.on('console', (m) => m.text().includes('refuses WebAssembly') && wasmErrors.push(m.text()));
  await page.goto(`${SITE}/in/ada-lovelace/`);
  // The content script itself cannot run wasm here...
  expect(await page.evaluate(() => {
    try {
      new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
      return 'allowed';
    } catch {
      return 'refused';
    }
  })).toBe('refused');
  // ...so the badge, the Export button and the hover card come from one frame beside the name.
  await expect(page.locator(BADGE_FRAME)).toHaveCount(1);
  await expect(badges(page)).toHaveAttribute('data-state', 'in-crm');
  await expect(ui(page).locator('[data-tb="export"]')).toBeVisible();
  const beside = await page.locator('[data-talent-bridge="badge"]').evaluate((host) => host.previousElementSibling.textContent.trim());
  expect(beside).toBe('Ada Lovelace');

  // The toolbar button raises no alarm: the page works, in frame mode.
  const marks = await browser.worker.evaluate(async () => {
    const out = [];
    for (const tab of await chrome.tabs.query({})) out.push(await chrome.action.getBadgeText({ tabId: tab.id }));
    return out;
  });
  expect(marks).not.toContain('!');

  // Admins learn that the site's CSP changed: the URL's shape, never the person.
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  const entry = options.locator('[data-tb="site-check-entry"]');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('/in/*/');
  await expect(entry).toContainText('page-csp-refuses-wasm');
  const text = await options.locator('[data-tb="site-check"]').innerText();
  expect(text).not.toMatch(/ada|lovelace/i);
});

test('the page cannot steer the frames: copies of them get nothing, forged messages do nothing // proves S4, B1', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${SITE}/in/alan-turing/`);
  await expect(badges(page)).toHaveAttribute('data-state', 'not-in-crm');
  // The page copies our frame (its address is in our open shadow root), makes up another, and
  // posts "results" to ours.
  await page.evaluate((frameSelector) => {
    const ours = document.querySelector('[data-talent-bridge="badge"]').shadowRoot.querySelector('iframe');
    for (const src of [ours.src, ours.src.replace(/:[^:]*$/, ':made-up'), ours.src.replace('#badge:', '#reader:')]) {
      const copy = document.createElement('iframe');
      copy.src = src;
      copy.className = 'forged';
      document.body.appendChild(copy);
    }
    const fake = { type: 'show', badge: { state: 'in-crm', contact: { id: 1, full_name: 'Ada Lovelace' } } };
    ours.contentWindow.postMessage(fake, '*');
    for (const copy of document.querySelectorAll('iframe.forged')) copy.addEventListener('load', () => copy.contentWindow.postMessage(fake, '*'));
    void frameSelector;
  }, BADGE_FRAME);
  await page.waitForTimeout(1_500);
  const forged = page.locator('iframe.forged');
  await expect(forged).toHaveCount(3);
  for (const copy of await forged.all()) {
    await expect(copy.contentFrame().locator('[data-talent-bridge]')).toHaveCount(0);
  }
  await expect(badges(page)).toHaveAttribute('data-state', 'not-in-crm');
  await expect(page.locator(BADGE_FRAME)).toHaveCount(1);
});
