// CRM matching you can see and trust (issue #5): the hover card, out-of-date records, several
// matches, scored matches and confidential contacts, end to end against the reference CRM.
import { test, expect, SITE } from '../lib/fixtures.js';
import { crmApi } from '../lib/crm-api.js';

const NOT_EXPORTABLE = "This person can't be exported. Ask your CRM admin.";

/** Hovers the badge and waits for its card. */
async function hoverCard(page, ourUi) {
  await ourUi(page).badge.hover();
  await expect(ourUi(page).hoverCard).toBeVisible();
  return ourUi(page).hoverCard;
}

/**
 * Keyboard only: focus on the name, then Tab, which lands on the badge beside it. The current
 * design's name is a link; the next design's is a heading, which a screen-reader user reaches but
 * Tab does not, so the test makes it a focus start (`tabindex=-1`: focusable, not in Tab order).
 */
async function tabToBadge(page, siteLook) {
  await siteLook.profileName(page).evaluate((heading) => {
    // The name as the site renders it: the link around the heading, or the heading itself.
    const name = heading.closest('a[href]') || heading;
    if (!name.matches('a[href], button, [tabindex]')) name.setAttribute('tabindex', '-1');
    name.focus();
  });
  await page.keyboard.press('Tab');
}

/** Moves the pointer off the badge and its card. */
async function pointerAway(page) {
  await page.mouse.move(5, 880);
}

async function openPanel(page, ourUi) {
  await ourUi(page).exportButton.click();
  const panel = ourUi(page).panel;
  await expect(panel).toBeVisible();
  return panel;
}

async function exportDone(panel) {
  await expect(panel.locator('[data-tb="contact-link"]')).toBeVisible({ timeout: 30_000 });
}

function overlaps(a, b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test('the hover card shows the CRM contact, opens on hover and on keyboard focus, Escape closes it, never covers Export // proves B2, B3', async ({ crm, signIn, openProfile, ourUi, siteLook }) => {
  const api = crmApi(crm);
  await signIn();
  const [ada] = await api.matches('ada-lovelace');
  const page = await openProfile('/in/ada-lovelace/');
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'in-crm');
  await expect(ourUi(page).hoverCard).toHaveCount(0);

  // Hover: email and phone as the CRM has them (not the profile's), owner, pools, vacancies,
  // last update, why it matched and the contact's page.
  const hover = await hoverCard(page, ourUi);
  await expect(hover).toContainText('ada@example.org');
  await expect(hover).toContainText('+44 20 7946 0001');
  await expect(hover).not.toContainText('ada.lovelace@example.com');
  await expect(hover).toContainText('Riley Recruiter');
  await expect(hover).toContainText('Engineering leaders');
  for (const vacancy of ada.vacancies) await expect(hover).toContainText(vacancy);
  await expect(hover).toContainText(/Last update\s*2 March 2026/);
  const reasons = hover.locator('[data-tb="match-reasons"]');
  await expect(reasons).toContainText('profile id');
  await expect(reasons).toHaveAttribute('data-score', '100');
  await expect(hover.locator('[data-tb="card-contact-link"]')).toHaveAttribute('href', ada.url);
  await expect(hover.locator('[data-tb="confidential"]')).toHaveCount(0);

  // Never over the export button it belongs to.
  const button = ourUi(page).exportButton;
  const [cardBox, buttonBox] = [await hover.boundingBox(), await button.boundingBox()];
  expect(overlaps(cardBox, buttonBox), JSON.stringify({ cardBox, buttonBox })).toBe(false);
  const hit = await button.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return el === el.getRootNode().elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
  });
  expect(hit).toBe(true);

  await pointerAway(page);
  await expect(hover).toBeHidden();

  // Keyboard only: Tab from the name's link lands on the badge, which shows the card; Tab goes
  // on into the card; Escape closes it and focus is back on the badge.
  const label = ourUi(page).badge.locator('a');
  await expect(label).toHaveAccessibleName('In CRM: Open Ada Lovelace in the CRM');
  await tabToBadge(page, siteLook);
  await expect(label).toBeFocused();
  await expect(ourUi(page).hoverCard).toBeVisible();
  await expect(ourUi(page).hoverCard).toContainText('+44 20 7946 0001');
  await page.keyboard.press('Tab');
  await expect(ourUi(page).hoverCard.locator('[data-tb="card-contact-link"]')).toBeFocused();
  await expect(ourUi(page).hoverCard).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(ourUi(page).hoverCard).toHaveCount(0);
  await expect(label).toBeFocused();
  // Tabbing away and back shows it again.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(ourUi(page).hoverCard).toBeVisible();

  // Shown by the pointer while focus is elsewhere in the page: Escape still closes it.
  await page.keyboard.press('Shift+Tab');
  await expect(ourUi(page).hoverCard).toBeHidden();
  await hoverCard(page, ourUi);
  await page.keyboard.press('Escape');
  await expect(ourUi(page).hoverCard).toHaveCount(0);
});

test('an out-of-date contact shows the differences field by field, the panel previews the update, and the update applies it // proves B1, B2, E5', async ({ crm, site, signIn, openProfile, ourUi }) => {
  const api = crmApi(crm);
  await signIn();
  const [before] = await api.matches('katherine-johnson');
  const page = await openProfile('/in/katherine-johnson/');
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'out-of-date');

  const hover = await hoverCard(page, ourUi);
  const diffs = hover.locator('[data-tb="diff"]');
  await expect(diffs).toHaveCount(1);
  const location = diffs.first();
  await expect(location).toHaveAttribute('data-field', 'location');
  await expect(location.locator('[data-side="crm"]')).toHaveText('White Sulphur Springs, West Virginia, United States');
  await expect(location.locator('[data-side="profile"]')).toHaveText('Hampton, Virginia, United States');
  await pointerAway(page);

  // The panel says what the update will change, by the CRM's own merge rule.
  const panel = await openPanel(page, ourUi);
  const preview = panel.locator('[data-tb="update-preview"]');
  await expect(preview).toBeVisible();
  const row = preview.locator('li[data-field="location"]');
  await expect(row).toHaveAttribute('data-kind', 'replaced');
  await expect(row).toContainText('White Sulphur Springs, West Virginia, United States');
  await expect(row).toContainText('Hampton, Virginia, United States');
  await expect(preview.locator('li')).toHaveCount(1);

  // She has an active application: warned, confirmed, then updated.
  await panel.locator('[data-tb="export-start"]').click();
  const confirm = panel.locator('[data-tb="confirm-update"]');
  await expect(confirm).toBeVisible();
  expect((await site.stats()).pdf_downloads).toBe(0);
  await confirm.click();
  await exportDone(panel);
  const after = await api.contact(before.id);
  expect(after.location).toBe('Hampton, Virginia, United States');
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'in-crm');
  expect((await api.matches('katherine-johnson')).map((c) => c.id)).toEqual([before.id]);
});

test('two matches: the user picks the one to update, and "not this person" removes the other for the whole team // proves B3, B1, E3', async ({ crm, site, signIn, openProfile, launchBrowser, ourUi, siteLook }) => {
  const api = crmApi(crm);
  await signIn();
  const contacts = await api.matches('margaret-hamilton');
  expect(contacts).toHaveLength(2);
  const [first, second] = contacts;
  const page = await openProfile('/in/margaret-hamilton/');
  const badge = ourUi(page).badge;
  await expect(badge).toHaveAttribute('data-state', 'multiple');
  await expect(badge).toContainText('2 matches');

  // The badge is a button a keyboard reaches; its card lists both, with reasons.
  await tabToBadge(page, siteLook);
  await expect(badge.getByRole('button')).toBeFocused();
  const hover = ourUi(page).hoverCard;
  await expect(hover).toBeVisible();
  const matches = hover.locator('[data-tb="match"]');
  await expect(matches).toHaveCount(2);
  for (const contact of contacts) {
    const item = hover.locator(`[data-tb="match"][data-contact-id="${contact.id}"]`);
    await expect(item).toContainText('Margaret Hamilton');
    await expect(item).toContainText('MIT Instrumentation Lab');
    await expect(item).toContainText('Cambridge, Massachusetts, United States');
    await expect(item.locator('[data-tb="match-reasons"]')).toContainText('profile id');
    await expect(item.locator('[data-tb="card-contact-link"]')).toHaveAttribute('href', contact.url);
    await expect(item.locator('[data-tb="pick-match"]')).toHaveAccessibleName('Update this one');
    await expect(item.locator('[data-tb="not-this-person"]')).toBeVisible();
  }

  // "Update this one" on the second (older) record, by keyboard: the panel opens aimed at it.
  const pick = hover.locator(`[data-tb="match"][data-contact-id="${second.id}"] [data-tb="pick-match"]`);
  await pick.focus();
  await page.keyboard.press('Enter');
  const panel = ourUi(page).panel;
  await expect(panel).toBeVisible();
  await expect(ourUi(page).hoverCard).toBeHidden();
  await expect(panel.locator('[data-tb="update-target"]')).toContainText(String(second.id));
  await expect(panel.locator('[data-tb="update-preview"]')).toBeVisible();
  await panel.locator('[data-tb="export-start"]').click();
  await exportDone(panel);
  await expect(panel.locator('[data-tb="contact-link"]')).toHaveAttribute('href', second.url);
  expect((await api.attachments(second.id)).attachments).toHaveLength(1);
  expect((await api.attachments(first.id)).attachments).toHaveLength(0);
  expect((await site.stats()).pdf_downloads).toBe(1);
  const close = panel.locator('[data-tb="export-close"]');
  await close.click();
  await expect(badge).toHaveAttribute('data-state', 'multiple');

  // "Not this person" on the first: the badge is replaced by the CRM's answer.
  await hoverCard(page, ourUi);
  await ourUi(page).hoverCard.locator(`[data-tb="match"][data-contact-id="${first.id}"] [data-tb="not-this-person"]`).click();
  await expect(badge).toHaveAttribute('data-state', 'in-crm');
  await expect(badge.locator('a')).toHaveAttribute('href', second.url);

  // Stored for everyone: another user's lookup, and another user's browser, no longer see it.
  const casey = crmApi(crm, 'tb-demo-casey');
  expect((await casey.matches('margaret-hamilton')).map((c) => c.id)).toEqual([second.id]);
  expect((await api.matches('margaret-hamilton')).map((c) => c.id)).toEqual([second.id]);
  const other = await launchBrowser();
  await signIn('tb-demo-casey', other);
  const elsewhere = await other.context.newPage();
  await elsewhere.goto(`${SITE}/in/margaret-hamilton/`);
  await expect(ourUi(elsewhere).badge).not.toHaveAttribute('data-state', 'checking');
  await expect(ourUi(elsewhere).badge).toHaveAttribute('data-state', 'in-crm');
  await expect(ourUi(elsewhere).badge.locator('a')).toHaveAttribute('href', second.url);
});

test('a profile found only by name, company and location shows a scored match with its reasons, and can be confirmed // proves B3, B2', async ({ crm, signIn, openProfile, ourUi }) => {
  await signIn();
  const page = await openProfile('/in/dorothy-vaughan/');
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'in-crm');
  const hover = await hoverCard(page, ourUi);
  await expect(hover).toContainText('Dorothy Vaughan');
  const reasons = hover.locator('[data-tb="match-reasons"]');
  await expect(reasons).toContainText('name, company, location');
  await expect(reasons).not.toContainText('profile id');
  const score = Number(await reasons.getAttribute('data-score'));
  expect(score).toBeGreaterThanOrEqual(75);
  expect(score).toBeLessThan(100);
  await expect(reasons).toContainText(`${score}%`);
  await expect(hover.locator('[data-tb="not-this-person"]')).toBeVisible();

  // "This is the person": stored as a link for the team, which now matches first.
  await hover.locator('[data-tb="this-is-the-person"]').click();
  await expect(ourUi(page).hoverCard.locator('[data-tb="match-reasons"]')).toContainText("your team's link");
  await expect(ourUi(page).hoverCard.locator('[data-tb="this-is-the-person"]')).toHaveCount(0);
  const res = await fetch(`${crm.url}/api/v1/lookup`, {
    method: 'POST',
    headers: { Authorization: 'Bearer tb-demo-casey', 'Content-Type': 'application/json' },
    body: JSON.stringify({ profiles: [{ ref: '0', public_id: 'dorothy-vaughan' }] }),
  });
  const [match] = (await res.json()).results[0].matches;
  expect(match.contact.full_name).toBe('Dorothy Vaughan');
  expect(match.matched_on[0]).toBe('manual_link');
});

test('a confidential contact, for a user without access: not in CRM, and an export fails before any PDF, spending nothing // proves B5, E3, E6', async ({ crm, site, signIn, openProfile, ourUi }) => {
  const api = crmApi(crm);
  await signIn();
  const page = await openProfile('/in/edsger-dijkstra/');
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'not-in-crm');
  await ourUi(page).badge.hover();
  await expect(ourUi(page).hoverCard).toHaveCount(0);

  const panel = await openPanel(page, ourUi);
  const quota = panel.locator('[data-tb="quota"]');
  await expect(quota).toHaveText('200 of 200 left this month');
  await panel.locator('[data-tb="export-start"]').click();
  await expect(panel.locator('[data-tb="export-error"]')).toHaveText(NOT_EXPORTABLE);
  await expect(panel.locator('[data-tb="progress"] [data-step="check"]')).toHaveAttribute('data-status', 'failed');
  await expect(panel.locator('[data-tb="progress"] [data-step="download"]')).toHaveAttribute('data-status', 'pending');
  const stats = await site.stats();
  expect(stats.pdf_downloads).toBe(0);
  expect(stats.pdf_actions).toBe(0);
  await expect(quota).toHaveText('200 of 200 left this month');
  // Not duplicated either: the CRM still holds the one record.
  expect(await crmApi(crm, 'tb-demo-casey').matches('edsger-dijkstra')).toHaveLength(1);
  expect(await api.matches('edsger-dijkstra')).toHaveLength(0);
});

test('a confidential contact, for a user with access: shown marked confidential and updated like any other // proves B5, B2, E5', async ({ crm, site, signIn, openProfile, ourUi }) => {
  await signIn('tb-demo-casey');
  const casey = crmApi(crm, 'tb-demo-casey');
  const [edsger] = await casey.matches('edsger-dijkstra');
  expect(edsger.confidential).toBe(true);
  const page = await openProfile('/in/edsger-dijkstra/');
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'in-crm');
  await expect(ourUi(page).badge.locator('[data-tb="badge-confidential"]')).toHaveText('Confidential');
  const hover = await hoverCard(page, ourUi);
  await expect(hover.locator('[data-tb="confidential"]')).toHaveText('Confidential');
  await expect(hover.locator('[data-tb="card-contact-link"]')).toHaveAttribute('href', edsger.url);
  await pointerAway(page);

  const panel = await openPanel(page, ourUi);
  await expect(panel.locator('[data-tb="quota"]')).toHaveText('200 of 200 left this month');
  await panel.locator('[data-tb="export-start"]').click();
  await exportDone(panel);
  await expect(panel.locator('[data-tb="contact-link"]')).toHaveAttribute('href', edsger.url);
  expect((await casey.attachments(edsger.id)).attachments).toHaveLength(1);
  expect((await casey.contact(edsger.id)).confidential).toBe(true);
  expect((await site.stats()).pdf_downloads).toBe(1);
  await expect(panel.locator('[data-tb="quota"]')).toHaveText('199 of 200 left this month');
});
