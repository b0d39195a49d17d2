// People search results: a badge on every result card, one CRM request per rendered batch, and
// the site's client-side journeys between feed, profiles and search (PRODUCT.md P1, P2, B4).
import { test, expect, SITE, clientSideTo } from '../lib/fixtures.js';
import { watchForWrongBadges, wrongBadges } from '../lib/badge-watch.js';
import { KNOWN, settled, expectKnownStates, badgesShown, expectCleanHoverCard, twentyFiveResults } from '../lib/search.js';

test('25 results get 25 badges, right per card, from one CRM request // proves P1, B4, B1', { tag: ['@search', '@site-lang'] }, async ({ signedInPage: page, crm, ourUi, siteLook }) => {
  await twentyFiveResults(page, { crm, ourUi, siteLook });
  // The names the hover card shows carry none of the card's labels (presence, degree).
  await expectCleanHoverCard(page, 'katherine-johnson', { ourUi, siteLook });
});

test('"Show more results" adds 10 badges with exactly one more CRM request // proves B4, P2', { tag: ['@search', '@site-lang'] }, async ({ signedInPage: page, crm, ourUi, siteLook }) => {
  const ui = { ourUi, siteLook };
  await page.goto(`${SITE}/search/results/people/?keywords=a&count=25`);
  await settled(page, 25, ui);
  // Mark the first badges: they must stay as they are, not be redrawn or looked up again.
  const cards = siteLook.results(page);
  for (let i = 0; i < 25; i++) await ourUi(page).within(cards.nth(i)).badge.evaluate((badge) => badge.setAttribute('data-first', ''));
  await page.waitForTimeout(300);
  await crm.resetStats();

  // A click as the site handles it, without the scroll that would also load more.
  await page.locator('main [data-more-results]').evaluate((button) => button.click());
  await expect(siteLook.results(page)).toHaveCount(35);
  await settled(page, 35, ui);
  await expect(ourUi(page).locator('[data-tb="badge"][data-first]')).toHaveCount(25);
  const all = await badgesShown(page, ui);
  expect(new Set(all.map((b) => b.slug)).size).toBe(35);

  await page.waitForTimeout(500);
  const stats = await crm.stats();
  expect(stats.lookup_requests).toBe(1);
  expect(stats.lookup_profiles).toBe(10);
});

test('the next page, client-side, gets its own badges with one more request // proves B4, P2', { tag: ['@search', '@site-lang'] }, async ({ signedInPage: page, crm, ourUi, siteLook }) => {
  const ui = { ourUi, siteLook };
  await watchForWrongBadges(page, KNOWN, { names: siteLook.NAMES });
  await crm.resetStats();
  await page.goto(`${SITE}/search/results/people/?keywords=a`);
  await settled(page, 10, ui);
  await expectKnownStates(page, ui);
  const firstPage = (await badgesShown(page, ui)).map((b) => b.slug);

  const loads = [];
  page.on('load', () => loads.push(page.url()));
  // A click as the site handles it: scrolling down to the pager would also load more results
  // (the site's lazy loading), which is another batch with its own request.
  await siteLook.pageLink(page, 2).evaluate((a) => a.click());
  await page.waitForURL(/page=2/);
  await expect(siteLook.results(page)).toHaveCount(10);
  await expect(siteLook.results(page).first()).not.toContainText('Ada Lovelace');
  await settled(page, 10, ui);
  const secondPage = (await badgesShown(page, ui)).map((b) => b.slug);
  expect(secondPage.filter((s) => firstPage.includes(s))).toEqual([]);
  expect(loads).toEqual([]);

  await page.waitForTimeout(500);
  expect((await crm.stats()).lookup_requests).toBe(2);
  expect(await wrongBadges(page)).toEqual([]);
});

test('feed → profile → search → profile → back, all client-side: right badges, never stale, never two // proves P2, P1, P5', { tag: '@search' }, async ({ signedInPage: page, ourUi, siteLook }) => {
  const ui = { ourUi, siteLook };
  await watchForWrongBadges(page, KNOWN, { names: siteLook.NAMES });
  const loads = [];
  await page.goto(`${SITE}/feed/`);
  page.on('load', () => loads.push(page.url()));
  await page.waitForTimeout(800);
  await expect(ourUi(page).badge).toHaveCount(0);

  await clientSideTo(page, '/in/ada-lovelace/');
  await expect(siteLook.profileName(page)).toHaveText('Ada Lovelace');
  await settled(page, 1, ui);
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'in-crm');
  expect((await badgesShown(page, ui))[0].slug).toBe('ada-lovelace');

  await clientSideTo(page, '/search/results/people/?keywords=a');
  await expect(siteLook.results(page)).toHaveCount(10);
  await settled(page, 10, ui);
  await expectKnownStates(page, ui);

  // The site's own link: Alan Turing's name in his result card.
  await siteLook.nameLink(siteLook.cardOf(page, 'alan-turing'), 'alan-turing').click();
  await page.waitForURL((u) => u.pathname === '/in/alan-turing/');
  await expect(siteLook.profileName(page)).toHaveText('Alan Turing');
  await settled(page, 1, ui);
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'not-in-crm');
  expect((await badgesShown(page, ui)).map((b) => b.slug)).toEqual(['alan-turing']);

  await page.goBack();
  await page.waitForURL((u) => u.pathname === '/search/results/people/');
  await expect(siteLook.results(page)).toHaveCount(10);
  await settled(page, 10, ui);
  await expectKnownStates(page, ui);

  await page.goBack();
  await page.waitForURL((u) => u.pathname === '/in/ada-lovelace/');
  await expect(siteLook.profileName(page)).toHaveText('Ada Lovelace');
  await settled(page, 1, ui);
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'in-crm');

  await page.goBack();
  await page.waitForURL((u) => u.pathname === '/feed/');
  await expect(ourUi(page).badge).toHaveCount(0);

  expect(loads).toEqual([]);
  expect(await wrongBadges(page)).toEqual([]);
});


test('once settled, a result the site changes in place is read again; the site\'s own churn beside the results is not news // proves P2, B4, issue #20', { tag: '@search' }, async ({ signedInPage: page, crm, ourUi, siteLook }) => {
  const ui = { ourUi, siteLook };
  await page.goto(`${SITE}/search/results/people/?keywords=a&count=25`);
  await settled(page, 25, ui);
  // Past the site's rendering (badge_plan::pacing::RENDERING_MS, 2 s): the page is looked at
  // before it is read again (badge_plan::Glance).
  await page.waitForTimeout(2_500);
  const first = siteLook.results(page).first();
  const slugOf = (card) => card.evaluate((li) => new URL(li.querySelector('a[href*="/in/"]').href).pathname.split('/')[2]);
  const was = await slugOf(first);
  await crm.resetStats();

  // Posts going in and out of <main> for half a second: every badge stays, nothing is asked.
  await page.evaluate(async () => {
    const main = document.querySelector('main');
    for (let round = 0; round < 5; round++) {
      const posts = Array.from({ length: 50 }, (_, i) => Object.assign(document.createElement('div'), { role: 'article', innerHTML: `<p>Post ${round}.${i}</p><a href="/feed/">Feed</a>` }));
      main.append(...posts);
      await new Promise((resolve) => setTimeout(resolve, 50));
      posts.forEach((post) => post.remove());
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  await page.waitForTimeout(300);
  await settled(page, 25, ui);
  expect((await crm.stats()).lookup_requests).toBe(0);

  // The first result recycled for someone else: its links and its name's text change, nothing
  // of ours is removed, no link comes or goes. The look sees the name's text differ.
  await first.evaluate((li) => {
    for (const a of li.querySelectorAll('a[href*="/in/"]')) a.setAttribute('href', '/in/recycled-person/');
    for (const leaf of li.querySelectorAll('*')) {
      if (leaf.children.length === 0 && /\p{L}/u.test(leaf.textContent) && leaf.closest('a[href*="/in/"]')) leaf.textContent = 'Recycled Person';
    }
  });
  await expect.poll(async () => (await badgesShown(page, ui)).find((b) => b.slug === 'recycled-person')?.state).toBe('not-in-crm');
  const shown = await badgesShown(page, ui);
  expect(shown.map((b) => b.slug)).not.toContain(was);
  expect(shown).toHaveLength(25);
  expect((await crm.stats()).lookup_profiles).toBe(1);
});
