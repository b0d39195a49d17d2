// People search results: a badge on every result card, one CRM request per rendered batch, and
// the site's client-side journeys between feed, profiles and search (PRODUCT.md P1, P2, B4).
import { test, expect } from '@playwright/test';
import { startCrm, startSite } from '../lib/servers.js';
import { launch, configure, badges, allBadges, SITE, clientSideTo, ui } from '../lib/browser.js';
import { placed, settledCount, watchForWrongBadges, wrongBadges } from '../lib/badge-watch.js';
import { results, cardOf, nameLink, profileName } from '../lib/design.js';

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

/** What the seeded CRM says about people whose badge is the same on a card and on a profile. */
const KNOWN = {
  'ada-lovelace': 'in-crm',
  'alan-turing': 'not-in-crm',
  'margaret-hamilton': 'multiple',
  'grace-hopper': 'in-crm',
  'katherine-johnson': 'out-of-date',
  // Confidential: never revealed to a user without the permission (B5).
  'edsger-dijkstra': 'not-in-crm',
};

async function signedIn() {
  await configure(browser.context, crm.url, 'tb-demo-riley');
  return browser.context.newPage();
}


const checking = (page) => ui(page).locator('[data-tb="badge"][data-state="checking"]');

async function settled(page, count) {
  await expect(allBadges(page)).toHaveCount(count);
  await expect.poll(() => settledCount(page)).toBe(count);
}

async function expectKnownStates(page) {
  for (const [slug, state] of Object.entries(KNOWN)) {
    const card = cardOf(page, slug);
    if ((await card.count()) === 0) continue;
    await expect(ui(card).locator('[data-tb="badge"]')).toHaveCount(1);
    await expect(ui(card).locator('[data-tb="badge"]')).toHaveAttribute('data-state', state);
  }
}

test('25 results get 25 badges, right per card, from one CRM request // proves P1, B4, B1', async () => {
  const page = await signedIn();
  await crm.resetStats();
  await page.goto(`${SITE}/search/results/people/?keywords=a&count=25`);
  await expect(results(page)).toHaveCount(25);
  await settled(page, 25);
  await expectKnownStates(page);
  // One badge in each card, beside that card's own name link.
  const all = await placed(page);
  expect(all.every((b) => b.card && b.slug)).toBe(true);
  const slugs = await results(page).evaluateAll((cards) =>
    cards.map((li) => decodeURIComponent(new URL(li.querySelector('a[href*="/in/"]:not([aria-hidden])').href).pathname.split('/')[2])),
  );
  expect(all.map((b) => b.slug)).toEqual(slugs);
  // Search cards carry the badge only: exporting starts from the profile.
  await expect(ui(page).locator('[data-tb="export"]:visible')).toHaveCount(0);

  await page.waitForTimeout(500); // any late, extra lookup would show up now
  const stats = await crm.stats();
  expect(stats.lookup_requests).toBe(1);
  expect(stats.lookup_profiles).toBe(25);
});

test('"Show more results" adds 10 badges with exactly one more CRM request // proves B4, P2', async () => {
  const page = await signedIn();
  await page.goto(`${SITE}/search/results/people/?keywords=a&count=25`);
  await settled(page, 25);
  // Mark the first badges: they must stay as they are, not be redrawn or looked up again.
  await page.evaluate(() => document.querySelectorAll('[data-talent-bridge="badge"]').forEach((h) => h.setAttribute('data-first', '')));
  await page.waitForTimeout(300);
  await crm.resetStats();

  // A click as the site handles it, without the scroll that would also load more.
  await page.locator('main [data-more-results]').evaluate((button) => button.click());
  await expect(results(page)).toHaveCount(35);
  await settled(page, 35);
  await expect(page.locator('[data-talent-bridge="badge"][data-first]')).toHaveCount(25);
  const all = await placed(page);
  expect(new Set(all.map((b) => b.slug)).size).toBe(35);

  await page.waitForTimeout(500);
  const stats = await crm.stats();
  expect(stats.lookup_requests).toBe(1);
  expect(stats.lookup_profiles).toBe(10);
});

test('the next page, client-side, gets its own badges with one more request // proves B4, P2', async () => {
  const page = await signedIn();
  await watchForWrongBadges(page, KNOWN);
  await crm.resetStats();
  await page.goto(`${SITE}/search/results/people/?keywords=a`);
  await settled(page, 10);
  await expectKnownStates(page);
  const firstPage = (await placed(page)).map((b) => b.slug);

  const loads = [];
  page.on('load', () => loads.push(page.url()));
  // A click as the site handles it: scrolling down to the pager would also load more results
  // (the site's lazy loading), which is another batch with its own request.
  await page.locator('nav[aria-label="Pagination"] a[aria-label="Page 2"]').evaluate((a) => a.click());
  await page.waitForURL(/page=2/);
  await expect(results(page)).toHaveCount(10);
  await expect(results(page).first()).not.toContainText('Ada Lovelace');
  await settled(page, 10);
  const secondPage = (await placed(page)).map((b) => b.slug);
  expect(secondPage.filter((s) => firstPage.includes(s))).toEqual([]);
  expect(loads).toEqual([]);

  await page.waitForTimeout(500);
  expect((await crm.stats()).lookup_requests).toBe(2);
  expect(await wrongBadges(page)).toEqual([]);
});

test('feed → profile → search → profile → back, all client-side: right badges, never stale, never two // proves P2, P1, P5', async () => {
  const page = await signedIn();
  await watchForWrongBadges(page, KNOWN);
  const loads = [];
  await page.goto(`${SITE}/feed/`);
  page.on('load', () => loads.push(page.url()));
  await page.waitForTimeout(800);
  await expect(allBadges(page)).toHaveCount(0);

  await clientSideTo(page, '/in/ada-lovelace/');
  await expect(profileName(page)).toHaveText('Ada Lovelace');
  await settled(page, 1);
  await expect(badges(page)).toHaveAttribute('data-state', 'in-crm');
  expect((await placed(page))[0].slug).toBe('ada-lovelace');

  await clientSideTo(page, '/search/results/people/?keywords=a');
  await expect(results(page)).toHaveCount(10);
  await settled(page, 10);
  await expectKnownStates(page);

  // The site's own link: Alan Turing's name in his result card.
  await nameLink(cardOf(page, 'alan-turing'), 'alan-turing').click();
  await page.waitForURL((u) => u.pathname === '/in/alan-turing/');
  await expect(profileName(page)).toHaveText('Alan Turing');
  await settled(page, 1);
  await expect(badges(page)).toHaveAttribute('data-state', 'not-in-crm');
  expect((await placed(page)).map((b) => b.slug)).toEqual(['alan-turing']);

  await page.goBack();
  await page.waitForURL((u) => u.pathname === '/search/results/people/');
  await expect(results(page)).toHaveCount(10);
  await settled(page, 10);
  await expectKnownStates(page);

  await page.goBack();
  await page.waitForURL((u) => u.pathname === '/in/ada-lovelace/');
  await expect(profileName(page)).toHaveText('Ada Lovelace');
  await settled(page, 1);
  await expect(badges(page)).toHaveAttribute('data-state', 'in-crm');

  await page.goBack();
  await page.waitForURL((u) => u.pathname === '/feed/');
  await expect(allBadges(page)).toHaveCount(0);

  expect(loads).toEqual([]);
  expect(await wrongBadges(page)).toEqual([]);
});
