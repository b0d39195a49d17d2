// The walking skeleton, end to end: page → content script → worker → CRM → badge.
import { test, expect } from '@playwright/test';
import { startCrm, startSite, STRICT_CSP } from '../lib/servers.js';
import { launch, configure, badges, SITE, clientSideTo, ui, BADGE_FRAME } from '../lib/browser.js';
import { profileName } from '../lib/design.js';

/** Our badge's host element in the page, beside the name (in either mode). */
const HOST = '[data-talent-bridge="badge"]';

let crm;
let site;
test.beforeAll(async () => {
  [crm, site] = await Promise.all([startCrm(), startSite()]);
});
test.afterAll(async () => {
  await Promise.all([crm?.stop(), site?.stop()]);
});

let browser;
test.beforeEach(async () => {
  browser = await launch(site);
});
test.afterEach(async () => {
  await browser?.context.close();
});

async function signedIn() {
  await configure(browser.context, crm.url, 'tb-demo-riley');
  return browser.context.newPage();
}


test('a seeded profile shows in-crm, with a link to the contact // proves B1, P1', async () => {
  const page = await signedIn();
  await page.goto(`${SITE}/in/ada-lovelace/`);
  const badge = badges(page);
  await expect(badge).toHaveAttribute('data-state', 'in-crm');
  await expect(badge).toHaveCount(1);
  await expect(badge.locator('a')).toHaveAttribute('href', new RegExp(`^${crm.url}/contacts/\\d+$`));
  await expect(badge).toContainText('In CRM');
});

test('an unknown profile shows not-in-crm // proves B1', async () => {
  const page = await signedIn();
  await page.goto(`${SITE}/in/alan-turing/`);
  await expect(badges(page)).toHaveAttribute('data-state', 'not-in-crm');
  await expect(badges(page)).toHaveCount(1);
});

test('a percent-encoded unicode profile URL finds its contact // proves P1, P3', async () => {
  const page = await signedIn();
  await page.goto(`${SITE}/in/j%C3%BCrgen-m%C3%BCller/details/experience/?locale=de_DE`);
  await expect(badges(page)).toHaveAttribute('data-state', 'in-crm');
});

test('client-side navigation A→B→A shows the right state each time, one badge // proves P2', async () => {
  const page = await signedIn();
  await page.goto(`${SITE}/in/ada-lovelace/`);
  await expect(badges(page)).toHaveAttribute('data-state', 'in-crm');

  const loadsToB = await clientSideTo(page, '/in/alan-turing/');
  await expect(profileName(page)).toHaveText('Alan Turing');
  await expect(badges(page)).toHaveAttribute('data-state', 'not-in-crm');
  await expect(badges(page)).toHaveCount(1);

  const loadsToA = await clientSideTo(page, '/in/ada-lovelace/');
  await expect(badges(page)).toHaveAttribute('data-state', 'in-crm');
  await expect(badges(page)).toHaveCount(1);
  // The badge sits beside the name of the person the URL names.
  const beside = await page.locator(HOST).evaluate((host) => host.parentElement.textContent);
  expect(beside).toContain('Ada Lovelace');
  expect([...loadsToB, ...loadsToA]).toEqual([]);
});

test('the feed gets no badge, and leaving a profile for the feed removes it // proves P5, P2', async () => {
  const page = await signedIn();
  await page.goto(`${SITE}/feed/`);
  await page.waitForTimeout(1_000); // give the content script every chance to (wrongly) inject
  await expect(badges(page)).toHaveCount(0);

  await page.goto(`${SITE}/in/grace-hopper/`);
  await expect(badges(page)).toHaveAttribute('data-state', 'in-crm');
  await clientSideTo(page, '/feed/');
  await expect(badges(page)).toHaveCount(0);
});

test('without settings the badge asks to sign in // proves B1', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${SITE}/in/ada-lovelace/`);
  await expect(badges(page)).toHaveAttribute('data-state', 'signed-out');
  await expect(badges(page).getByRole('button')).toHaveAccessibleName(/settings/i);
});

test('CRM stopped: error with a retry that recovers once the CRM is back // proves B1', async () => {
  const page = await signedIn();
  await crm.stop();
  try {
    await page.goto(`${SITE}/in/grace-hopper/`);
    await expect(badges(page)).toHaveAttribute('data-state', 'error');
    const retry = badges(page).locator('[data-tb="retry"]');
    await expect(retry).toHaveAccessibleName(/again/i);
    await retry.click();
    await expect(badges(page)).toHaveAttribute('data-state', 'error');
  } finally {
    await crm.start();
  }
  // Keyboard works too: focus the retry button and press Enter; focus stays on the badge, now
  // on the contact's link.
  await badges(page).locator('[data-tb="retry"]').focus();
  await page.keyboard.press('Enter');
  await expect(badges(page)).toHaveAttribute('data-state', 'in-crm');
  await expect(badges(page).locator('a.label')).toBeFocused();
});

test('the UI module loads on the first hover, not with the page; the badge works without it // proves B1, B2', async () => {
  const page = await signedIn();
  // Every extension file the badge's renderer fetches, as the network sees it: the page's (or,
  // in frame mode, the badge frame's, which runs the module there).
  const fetched = [];
  const watch = async (target) => {
    const cdp = await browser.context.newCDPSession(target);
    cdp.on('Network.requestWillBeSent', ({ request }) => {
      if (request.url.startsWith('chrome-extension://')) fetched.push(request.url);
    });
    await cdp.send('Network.enable');
    return cdp;
  };
  let cdp = STRICT_CSP ? null : await watch(page);
  await page.goto(`${SITE}/in/ada-lovelace/`);
  const badge = badges(page);
  await expect(badge).toHaveAttribute('data-state', 'in-crm');
  await expect(ui(page).locator('[data-tb="export"]')).toBeEnabled();
  if (STRICT_CSP) {
    // Frame mode: the badge frame loaded its module before anything could listen to it; the
    // UI module has not been mounted there (its styles are not in the badge's shadow root), and
    // the hover's fetches are watched live.
    const frame = await (await page.locator(BADGE_FRAME).elementHandle()).contentFrame();
    const styles = () => frame.evaluate(() => document.querySelector('[data-talent-bridge]').shadowRoot.querySelectorAll('style').length);
    expect(await styles()).toBe(2); // the badge's own, and frame mode's sizing
    cdp = await watch(frame);
  } else {
    await page.waitForTimeout(500);
    expect(fetched.some((u) => u.endsWith('/content/talent_bridge_content_bg.wasm')), fetched.join()).toBe(true);
  }
  expect(fetched.filter((u) => u.includes('/ui/'))).toEqual([]);
  await expect(ui(page).locator('[data-tb="hover-card"]')).toHaveCount(0);

  await badge.hover();
  await expect(ui(page).locator('[data-tb="hover-card"]')).toBeVisible();
  await expect(ui(page).locator('[data-tb="hover-card"]')).toContainText('Ada Lovelace');
  expect(fetched.some((u) => u.endsWith('/ui/talent_bridge_ui_bg.wasm')), fetched.join()).toBe(true);
  await cdp.detach();
});
