// What the search specs check on a results page, in whatever design the fixture site renders
// (search.spec.js and the older designs' search-*.spec.js; PRODUCT.md P1, B4).
import { expect, SITE } from './fixtures.js';

/** What the seeded CRM says about people whose badge is the same on a card and on a profile. */
export const KNOWN = {
  'ada-lovelace': 'in-crm',
  'alan-turing': 'not-in-crm',
  'margaret-hamilton': 'multiple',
  'grace-hopper': 'in-crm',
  'katherine-johnson': 'out-of-date',
  // Confidential: never revealed to a user without the permission (B5).
  'edsger-dijkstra': 'not-in-crm',
};

/**
 * The 2018 design links by member id only: the CRM knows Barbara Liskov's member URN (B3), so
 * her card is hers for certain.
 */
export const MEMBER_ID_KNOWN = { ACoAAB1234567890abcdefGHIJKLmnopQRSTuv: 'in-crm' };

/** The site's labels that must never be part of a name we show (issue #14), in its languages. */
export const LABELS = /Status is|degree|•|View .*profile|LinkedIn Member|Le statut est|Relation de|Voir le profil|Membre de LinkedIn|Status ist|Kontakt \d|Profil von|LinkedIn-Mitglied/;

/** Waits for `count` badges in the page, every one of them settled. */
export async function settled(page, count, { ourUi }) {
  await expect(ourUi(page).badge).toHaveCount(count);
  await expect.poll(() => ourUi.settled(page)).toBe(count);
}

/** Each known person's card, if shown, has one badge, in its right state. */
export async function expectKnownStates(page, { ourUi, siteLook }) {
  for (const [slug, state] of Object.entries(KNOWN)) {
    const card = siteLook.cardOf(page, slug);
    if ((await card.count()) === 0) continue;
    await expect(ourUi(page).within(card).badge).toHaveCount(1);
    await expect(ourUi(page).within(card).badge).toHaveAttribute('data-state', state);
  }
}

/**
 * Every badge of the page (`ourUi.badges`), in the order of their hosts in the document (in frame
 * mode `badgesOf` lists them frame by frame, in the order the frames were made).
 */
export async function badgesShown(page, { ourUi }) {
  const key = (b) => b.hostPath.split('/').map(Number);
  return (await ourUi.badges(page)).sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  });
}

/**
 * One badge in each person card, beside that card's own name link: none on a mutual
 * connection's link, an upsell or an empty slot (every badge sits in a card, in card order).
 */
export async function expectOneBadgePerCard(page, { ourUi, siteLook }) {
  const all = await badgesShown(page, { ourUi });
  expect(all.every((b) => b.card && b.slug)).toBe(true);
  const slugs = await siteLook.results(page).evaluateAll((cards) =>
    cards.map((li) => decodeURIComponent(new URL(li.querySelector('a[href*="/in/"]:not([aria-hidden])').href).pathname.split('/')[2])),
  );
  expect(all.map((b) => b.slug)).toEqual(slugs);
}

/** The hover card of `slug`'s badge shows no label of the site in any name it shows. */
export async function expectCleanHoverCard(page, slug, { ourUi, siteLook }) {
  const badge = ourUi(page).within(siteLook.cardOf(page, slug)).badge;
  await badge.hover();
  const card = ourUi(page).hoverCard;
  await expect(card).toBeVisible();
  await expect(card).not.toContainText(LABELS);
  await page.mouse.move(0, 0);
}

/**
 * The 25-result page in any design: 25 badges, right per card, from one CRM request that asks
 * for the 25 people on the cards and no one else (no mutual connection, no upsell).
 */
export async function twentyFiveResults(page, { crm, ourUi, siteLook }, known = KNOWN) {
  const ui = { ourUi, siteLook };
  await crm.resetStats();
  await page.goto(`${SITE}/search/results/people/?keywords=a&count=25`);
  await expect(siteLook.results(page)).toHaveCount(25);
  await settled(page, 25, ui);
  for (const [slug, state] of Object.entries(known)) {
    const card = siteLook.cardOf(page, slug);
    await expect(ourUi(page).within(card).badge).toHaveCount(1);
    await expect(ourUi(page).within(card).badge).toHaveAttribute('data-state', state);
  }
  await expectOneBadgePerCard(page, ui);
  // Search cards carry the badge only: exporting starts from the profile.
  await expect(ourUi(page).exportButton.filter({ visible: true })).toHaveCount(0);

  await page.waitForTimeout(500); // any late, extra lookup would show up now
  const stats = await crm.stats();
  expect(stats.lookup_requests).toBe(1);
  expect(stats.lookup_profiles).toBe(25);
}

