// The badge scenarios against the fixture site's second design (`--design next`: name in an h1
// without a link, other attribute names, no componentkey, search without roles). Detection must
// degrade gracefully: each person's badge is right or "Can't read this profile", never another
// person's (issue #4; PRODUCT.md P4). Also the admins' self-check for pages that stay unreadable.
import { test, expect, SITE, clientSideTo } from '../lib/fixtures.js';
import { watchForWrongBadges, wrongBadges } from '../lib/badge-watch.js';

// Whatever the project, these run against the site's second design.
test.use({ design: 'next' });

const KNOWN = {
  'ada-lovelace': 'in-crm',
  'alan-turing': 'not-in-crm',
  'margaret-hamilton': 'multiple',
  'grace-hopper': 'in-crm',
};
// The next design's name heading has no link: the watcher knows the person by the name.
const rightOrUnreadable = (siteLook) => ({ names: siteLook.NAMES, allowed: ['checking', 'unreadable'] });

const settledBadge = (ourUi, page) => ourUi(page).locator('[data-tb="badge"]:not([data-state="checking"])');

/** The one badge of a profile page: right for `slug`, or unreadable. */
async function expectRightOrUnreadable(page, slug, ourUi) {
  await expect(settledBadge(ourUi, page)).toHaveCount(1);
  await expect(ourUi(page).badge).toHaveCount(1);
  const state = await ourUi(page).badge.getAttribute('data-state');
  expect([KNOWN[slug], 'unreadable']).toContain(state);
  const [shown] = await ourUi.badges(page);
  if (state !== 'unreadable') expect(shown.slug).toBe(slug);
}

/** The admins' self-check log, as the extension stored it. */
const selfCheckLog = (extension) => async () => {
  const got = await extension.worker.evaluate(() => chrome.storage.local.get('site_check'));
  // In frame mode the site's CSP is reported too (frame-mode.spec.js): not these tests' business.
  const entries = got.site_check ? got.site_check.entries : [];
  return entries.filter((e) => !e.failed.includes('page-csp-refuses-wasm'));
};

test('next design: a seeded profile is in-crm or unreadable, never wrong // proves P4, B1', async ({ signedInPage: page, ourUi, siteLook }) => {
  await watchForWrongBadges(page, KNOWN, rightOrUnreadable(siteLook));
  await page.goto(`${SITE}/in/ada-lovelace/`);
  await expectRightOrUnreadable(page, 'ada-lovelace', ourUi);
  expect(await wrongBadges(page)).toEqual([]);
});

test('next design: an unknown profile is not-in-crm or unreadable // proves P4, B1', async ({ signedInPage: page, ourUi, siteLook }) => {
  await watchForWrongBadges(page, KNOWN, rightOrUnreadable(siteLook));
  await page.goto(`${SITE}/in/alan-turing/`);
  await expectRightOrUnreadable(page, 'alan-turing', ourUi);
  expect(await wrongBadges(page)).toEqual([]);
});

test('next design: A→B→A client-side, each step right or unreadable, one badge // proves P2, P4', async ({ signedInPage: page, ourUi, siteLook }) => {
  await watchForWrongBadges(page, KNOWN, rightOrUnreadable(siteLook));
  const loads = [];
  await page.goto(`${SITE}/in/ada-lovelace/`);
  page.on('load', () => loads.push(page.url()));
  await expectRightOrUnreadable(page, 'ada-lovelace', ourUi);

  await clientSideTo(page, '/in/alan-turing/');
  await expect(siteLook.profileName(page)).toHaveText('Alan Turing');
  await expectRightOrUnreadable(page, 'alan-turing', ourUi);

  await clientSideTo(page, '/in/ada-lovelace/');
  await expect(siteLook.profileName(page)).toHaveText('Ada Lovelace');
  await expectRightOrUnreadable(page, 'ada-lovelace', ourUi);

  expect(loads).toEqual([]);
  expect(await wrongBadges(page)).toEqual([]);
});

test('next design: search results without roles, each card right or without a badge // proves P1, P4, B4', async ({ signedInPage: page, crm, ourUi, siteLook }) => {
  await watchForWrongBadges(page, KNOWN, rightOrUnreadable(siteLook));
  await crm.resetStats();
  await page.goto(`${SITE}/search/results/people/?keywords=a&count=25`);
  const cards = page.locator('main ul > li').filter({ has: page.locator('a[href*="/in/"]') });
  await expect(cards).toHaveCount(25);
  // The next design is still readable today: every card gets its badge (never two).
  await expect.poll(() => ourUi.settled(page)).toBe(25);
  // Per card, how many badges have their host inside it (one look at every badge, `hostPath`
  // being the host's place in the site's page, as the card's path below).
  const cardPaths = await cards.evaluateAll((items) =>
    items.map((li) => {
      const steps = [];
      for (let el = li; el && el.parentElement; el = el.parentElement) steps.unshift([...el.parentElement.children].indexOf(el));
      return steps.join('/');
    }),
  );
  const hosts = (await ourUi.badges(page)).map((b) => b.hostPath);
  const perCard = cardPaths.map((card) => hosts.filter((host) => host.startsWith(`${card}/`)).length);
  expect(perCard.every((n) => n <= 1)).toBe(true);
  for (const [slug, state] of Object.entries(KNOWN)) {
    const card = cards.filter({ has: page.locator(`a[href^="/in/${slug}/"]`) });
    await expect(ourUi(page).within(card).badge).toHaveAttribute('data-state', state);
  }
  await page.waitForTimeout(500);
  expect((await crm.stats()).lookup_requests).toBe(1);
  expect(await wrongBadges(page)).toEqual([]);
});

test('a profile that stays unreadable says so after ~3 s and is counted for admins // proves P4', async ({ signedInPage: page, extension, ourUi }) => {
  await page.goto(`${SITE}/in/ada-lovelace/`);
  await expect(settledBadge(ourUi, page)).toHaveCount(1);
  // The site "changes": the card now names someone nothing ties to the URL's person.
  const changedAt = Date.now();
  await page.evaluate(() => {
    document.querySelector('main').innerHTML = '<section><h1>Someone Else</h1><div>Engineer</div></section>';
  });
  await expect(ourUi(page).badge).toHaveCount(0);
  const unreadable = ourUi(page).locator('[data-tb="badge"][data-state="unreadable"]');
  await expect(unreadable).toHaveCount(1, { timeout: 10_000 });
  expect(Date.now() - changedAt).toBeGreaterThanOrEqual(2_500);
  await expect(unreadable).toContainText("Can't read this profile");
  await expect(ourUi(page).exportButton.filter({ visible: true })).toHaveCount(0);
  // Beside the page's main heading.
  const [shown] = await ourUi.badges(page);
  expect(shown.besideText).toBe('Someone Else');

  await expect.poll(selfCheckLog(extension)).toEqual([
    expect.objectContaining({ pattern: '/in/*/', count: 1, failed: expect.arrayContaining(['identity']) }),
  ]);
  // No id, no name: only the URL's shape and the strategies' names.
  expect(JSON.stringify(await selfCheckLog(extension)())).not.toMatch(/ada|lovelace|someone/i);
});

test('a search page whose results cannot be read is counted for admins, with no badge // proves P4, P5', async ({ signedInPage: page, extension, ourUi }) => {
  await page.goto(`${SITE}/search/results/people/?keywords=a`);
  await expect.poll(() => ourUi.settled(page)).toBe(10);
  await page.evaluate(() => {
    document.querySelector('main').innerHTML =
      '<div><div><a href="/in/ada-lovelace/">Ada Lovelace</a></div><div><a href="/in/alan-turing/">Alan Turing</a></div></div>';
  });
  await expect(ourUi(page).badge).toHaveCount(0);
  await expect.poll(selfCheckLog(extension), { timeout: 10_000 }).toEqual([
    expect.objectContaining({ pattern: '/search/results/people/', failed: ['search_page'], count: 1 }),
  ]);
  await expect(ourUi(page).badge).toHaveCount(0);
});
