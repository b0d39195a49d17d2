// The side panel and page-untouched mode (issue #19, PRODUCT.md Q1, Q2): the real side panel,
// opened from the popup's button as a user would, reached over CDP (lib/side-panel.js).
import { test, expect, SITE, EXTENSION_ID, clientSideTo } from '../lib/fixtures.js';
import { openSidePanel } from '../lib/side-panel.js';
import { KNOWN } from '../lib/search.js';
import { crmApi } from '../lib/crm-api.js';
import { insecureJson } from '../lib/servers.js';
import crypto from 'node:crypto';

/** The options page's "Only in the side panel", chosen as a user would. */
async function leavePagesUntouched(context) {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  const choice = options.locator('[data-tb="display-side-panel"]');
  await choice.check();
  await expect(choice).toBeChecked();
  await options.close();
}

/** The path of each result card's person, in page order. */
const cardPaths = (page, siteLook) =>
  siteLook.results(page).evaluateAll((cards) => cards.map((c) => new URL(c.querySelector('a[href*="/in/"]').href).pathname));
const pathOf = (href) => new URL(href).pathname;
/** Export to CRM from the side panel, as a user would: the button, then Export; until done. */
async function exportFromPanel(panel) {
  await expect.poll(async () => (await panel.query('[data-tb="export"]')).map((b) => b.attrs.disabled ?? 'enabled')).toEqual(['enabled']);
  await panel.click('[data-tb="export"]');
  await expect.poll(async () => (await panel.query('[data-tb="quota"]')).map((q) => q.text)).toEqual(['200 of 200 left this month']);
  await panel.click('[data-tb="export-start"]');
  await expect.poll(async () => (await panel.query('[data-tb="contact-link"]')).length, { timeout: 30_000 }).toBe(1);
}
const settledRows = async (panel) => (await panel.rows()).filter((r) => r.state !== 'checking').length;

test('search in the side panel, the page untouched: every person in page order with their state from one CRM request, the filters, the next page // proves Q1, Q2, P2, B4', { tag: '@search' }, async ({ extension, signedInPage: page, crm, ourUi, siteLook }) => {
  await leavePagesUntouched(extension.context);
  await crm.resetStats();
  await page.goto(`${SITE}/search/results/people/?keywords=a&count=25`);
  const panel = await openSidePanel(extension.context, page);
  await expect.poll(() => settledRows(panel), { timeout: 15_000 }).toBe(25);
  const rows = await panel.rows();
  expect(rows.map((r) => pathOf(r.href))).toEqual(await cardPaths(page, siteLook));
  for (const [slug, state] of Object.entries(KNOWN)) {
    const row = rows.find((r) => pathOf(r.href) === `/in/${slug}/`);
    if (row) expect(row.state, slug).toBe(state);
  }
  expect(rows.find((r) => pathOf(r.href) === '/in/ada-lovelace/').name).toBe('Ada Lovelace');
  expect((await crm.stats()).lookup_requests).toBe(1);
  expect(await panel.head()).toMatchObject({ title: 'People on this page', filtersShown: true, summary: 'Showing 25 of 25' });
  // Nothing of ours in the page.
  await expect(ourUi(page).badge).toHaveCount(0);
  expect(await page.locator('[data-talent-bridge], [data-tb-frame]').count()).toBe(0);

  // Each filter shows exactly the people in its state, and says how many.
  const expected = {
    not_in_crm: rows.filter((r) => r.state === 'not-in-crm'),
    in_crm: rows.filter((r) => ['in-crm', 'multiple'].includes(r.state)),
    out_of_date: rows.filter((r) => r.state === 'out-of-date'),
    all: rows,
  };
  expect(expected.not_in_crm.length).toBeGreaterThan(0);
  for (const [filter, want] of Object.entries(expected)) {
    await panel.click(`[data-tb="panel-filter"][data-filter="${filter}"]`);
    await expect.poll(async () => (await panel.rows()).filter((r) => r.shown).map((r) => r.href)).toEqual(want.map((r) => r.href));
    const pressed = (await panel.head()).filters.filter((f) => f.pressed === 'true');
    expect(pressed.map((f) => f.label)).toEqual([expect.stringContaining(`(${want.length})`)]);
  }

  // The name scrolls the page to the person; "Open profile" opens it in the tab.
  const last = rows[24];
  await page.evaluate(() => window.scrollTo(0, 0));
  await panel.click('[data-tb="panel-show"]', { hasText: last.name });
  await expect.poll(() => siteLook.results(page).nth(24).evaluate((card) => {
    const box = card.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  })).toBe(true);

  // The next page, client-side: the list is the new page's people, never the previous ones.
  await page.goto(`${SITE}/search/results/people/?keywords=a`);
  await expect.poll(() => settledRows(panel)).toBe(10);
  const first = (await panel.rows()).map((r) => r.href);
  await crm.resetStats();
  await page.locator('nav[aria-label="Pagination"] a[aria-label="Page 2"]').evaluate((a) => a.click());
  await page.waitForURL(/page=2/);
  await expect(siteLook.results(page)).toHaveCount(10);
  await expect(siteLook.results(page).first()).not.toContainText('Ada Lovelace');
  const second = await cardPaths(page, siteLook);
  await expect.poll(async () => (await panel.rows()).map((r) => pathOf(r.href))).toEqual(second);
  await expect.poll(() => settledRows(panel)).toBe(10);
  expect((await panel.rows()).filter((r) => first.includes(r.href))).toEqual([]);
  // Those of the 25 seen before come from the worker's cache: at most one request for the rest.
  expect((await crm.stats()).lookup_requests).toBeLessThanOrEqual(1);
  await expect(ourUi(page).badge).toHaveCount(0);
});

test('a profile in the side panel, the page untouched: badge, hover card details, then the next person and an export that lands as from the page // proves Q1, Q2, P2, E3, E4, E6', async ({ extension, signedInPage: page, site, crm, ourUi }) => {
  const api = crmApi(crm);
  await leavePagesUntouched(extension.context);
  await page.goto(`${SITE}/in/ada-lovelace/`);
  const panel = await openSidePanel(extension.context, page);
  await expect.poll(async () => (await panel.rows()).map((r) => [r.name, r.state])).toEqual([['Ada Lovelace', 'in-crm']]);
  expect(await panel.head()).toMatchObject({ title: 'This profile', filtersShown: false });
  // The hover card's details, pinned open beside the badge.
  await expect.poll(async () => (await panel.query('[data-tb="hover-card"]')).map((c) => c.text).join('|')).toContain('ada@example.org');
  const card = (await panel.query('[data-tb="hover-card"]'))[0];
  expect(card.text).toContain('+44 20 7946 0001');
  expect(card.box).not.toBeNull();

  // The next person, client-side: never Ada's state or card for Alan (P2).
  await clientSideTo(page, '/in/alan-turing/');
  await expect.poll(async () => (await panel.rows()).map((r) => [r.name, r.state])).toEqual([['Alan Turing', 'not-in-crm']]);
  expect(await panel.query('[data-tb="hover-card"]')).toEqual([]);

  // Export from the panel: the PDF comes with the page's session, the contact lands once.
  await exportFromPanel(panel);
  const steps = await panel.query('[data-tb="progress"] [data-step]');
  expect(steps.map((s) => [s.attrs['data-step'], s.attrs['data-status']]).filter(([, status]) => status !== 'done')).toEqual([]);
  await expect.poll(async () => (await panel.rows()).map((r) => r.state)).toEqual(['in-crm']);
  await expect.poll(async () => (await panel.query('[data-tb="quota"]')).map((q) => q.text)).toEqual(['199 of 200 left this month']);

  const matches = await api.matches('alan-turing');
  expect(matches).toHaveLength(1);
  expect((await api.contact(matches[0].id)).creation_source).toBe('Extension');
  const { attachments } = await api.attachments(matches[0].id);
  expect(attachments).toHaveLength(1);
  const stored = await api.attachmentBytes(attachments[0].id);
  expect(crypto.createHash('sha256').update(stored).digest('hex')).toBe((await insecureJson(`${site.url}/_test/last-pdf-sha256`)).sha256);
  expect((await insecureJson(`${site.url}/_test/stats`)).pdf_downloads).toBe(1);
  await expect(ourUi(page).badge).toHaveCount(0);
});

test('in page mode the side panel shows what the badges in the page show; elsewhere it shows the popup // proves Q1', async ({ extension, signedInPage: page, ourUi }) => {
  await page.goto(`${SITE}/in/katherine-johnson/`);
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'out-of-date');
  const panel = await openSidePanel(extension.context, page);
  await expect.poll(async () => (await panel.rows()).map((r) => [r.name, r.state])).toEqual([['Katherine Johnson', 'out-of-date']]);
  await page.goto(`${SITE}/feed/`);
  await expect.poll(async () => (await panel.head()).home).toBe(true);
  expect(await panel.rows()).toEqual([]);
  // From the feed to a profile by the site's own navigation: the panel follows.
  await clientSideTo(page, '/in/ada-lovelace/');
  await expect.poll(async () => (await panel.rows()).map((r) => [r.name, r.state])).toEqual([['Ada Lovelace', 'in-crm']]);
});

test('the keyboard shortcut of the side panel is registered (the key press itself does not reach a headless browser) // proves Q1', async ({ extension }) => {
  const commands = await extension.worker.evaluate(() => chrome.commands.getAll());
  expect(commands.find((c) => c.name === 'open-side-panel')).toMatchObject({ shortcut: 'Alt+Shift+K' });
});

test('the popup keeps its buttons where they are while its status loads, so a press and its release land on the same button // proves Q1', async ({ extension, signedInPage }) => {
  // The worker busy for 5 s: the status comes late, the window (asked of the browser) does not.
  const busy = extension.worker.evaluate(() => {
    for (const end = Date.now() + 5_000; Date.now() < end; );
  });
  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
  const buttons = popup.locator('[data-tb="popup-side-panel"], [data-tb="popup-options"]');
  await expect(popup.locator('[data-tb="popup-side-panel"]')).toBeEnabled();
  const boxes = () => buttons.evaluateAll((all) => all.map((b) => JSON.stringify(b.getBoundingClientRect())));
  const before = await boxes();
  expect(await popup.locator('[data-tb="quota"]').count(), 'the status came before the buttons: nothing to compare').toBe(0);
  await busy;
  await expect(popup.locator('[data-tb="quota"]')).toHaveCount(1);
  await expect(popup.locator('[data-tb="outbox-empty"], [data-tb="outbox-item"]').first()).toBeVisible();
  expect(await boxes()).toEqual(before);
});

test('the export panel keeps its start button where it is while the quota, the pools and the vacancies load, so a press lands where it was aimed // proves E2, Q1', async ({ extension, signedInPage: page }) => {
  await leavePagesUntouched(extension.context);
  await page.goto(`${SITE}/in/katherine-johnson/`);
  const panel = await openSidePanel(extension.context, page);
  await expect.poll(async () => (await panel.rows()).map((r) => r.state)).toEqual(['out-of-date']);
  await expect.poll(async () => (await panel.query('[data-tb="export"]')).map((b) => b.attrs.disabled ?? 'enabled')).toEqual(['enabled']);
  // The worker busy for 3 s: what the panel asks it (quota, pools, vacancies, may the user
  // assign) comes late; the panel itself is drawn at once.
  const busy = extension.worker.evaluate(() => {
    for (const end = Date.now() + 3_000; Date.now() < end; );
  });
  await panel.click('[data-tb="export"]');
  await expect.poll(async () => (await panel.query('[data-tb="export-start"]')).length).toBe(1);
  const [before] = await panel.query('[data-tb="export-start"]');
  expect(before.attrs.disabled, 'the panel had loaded before it could be compared').toBeDefined();
  await busy;
  await expect.poll(async () => (await panel.query('[data-tb="export-start"]'))[0].attrs.disabled ?? 'enabled').toBe('enabled');
  expect((await panel.query('[data-tb="pool-option"]')).length).toBeGreaterThan(0);
  expect(await panel.query('[data-tb="assign-save"]')).toHaveLength(1);
  const [after] = await panel.query('[data-tb="export-start"]');
  expect(after.box).toEqual(before.box);
});

/**
 * Every change to the page's DOM, from before any script of the page (or ours) runs: what changed
 * where, by node name; class names with digits (the site's hashed ones) normalised.
 */
function recordMutations() {
  const log = [];
  Object.defineProperty(window, '__mutationLog', { value: log });
  const name = (n) => (n.nodeType === 1 ? n.nodeName : `#${n.nodeType}`);
  const value = (v) => (v ?? '').split(/\s+/).map((t) => (/\d/.test(t) && t.length > 6 ? '#' : t)).join(' ');
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') log.push(`@${name(r.target)}.${r.attributeName}=${value(r.target.getAttribute(r.attributeName))}`);
      for (const n of r.addedNodes || []) log.push(`+${name(r.target)}>${name(n)}`);
      for (const n of r.removedNodes || []) log.push(`-${name(r.target)}>${name(n)}`);
    }
  }).observe(document, { childList: true, subtree: true, attributes: true });
}

test('page-untouched mode: navigating, looking up, exporting and signing out leave the same page changes as no extension at all // proves Q2, S5', async ({ extension, signedInPage, launchBrowser, crm, siteLook }) => {
  await leavePagesUntouched(extension.context);
  const plain = await launchBrowser({ extension: null });
  const session = async (page, ours) => {
    await page.addInitScript(recordMutations);
    await page.goto(`${SITE}/in/alan-turing/`);
    const panel = ours && (await openSidePanel(extension.context, page));
    if (panel) {
      await expect.poll(async () => (await panel.rows()).map((r) => r.state)).toEqual(['not-in-crm']);
      await exportFromPanel(panel);
    }
    await clientSideTo(page, '/search/results/people/?keywords=a');
    await expect(siteLook.results(page)).toHaveCount(10);
    if (panel) await expect.poll(() => settledRows(panel)).toBe(10);
    if (ours) {
      const options = await extension.context.newPage();
      await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
      await options.locator('[data-tb="options-sign-out"]').click();
      await expect(options.locator('[data-tb="options-status"]')).not.toContainText('Connected');
      await options.close();
    }
    await page.waitForTimeout(500);
    return page.evaluate(() => [...window.__mutationLog]);
  };
  const without = await session(await plain.context.newPage(), false);
  const withUs = await session(signedInPage, true);
  expect(without.length).toBeGreaterThan(10);
  // The same changes; the site's own asynchronous rendering may order them differently.
  expect([...withUs].sort()).toEqual([...without].sort());
  expect((await crmApi(crm).matches('alan-turing')).length).toBe(1);
});

test('a hostile page in page-untouched mode: people it hides are not listed or looked up; a page churning through 30 people is paused and reported // proves S5, Q2 @hostile-site', async ({ extension, signedInPage: page, crm }) => {
  await leavePagesUntouched(extension.context);
  await page.goto(`${SITE}/search/results/people/?keywords=a`);
  const panel = await openSidePanel(extension.context, page);
  await expect.poll(() => settledRows(panel)).toBe(10);
  await page.waitForTimeout(1_000);
  await crm.resetStats();
  expect(await page.evaluate(() => window.__hostile.plantHiddenCards())).toBe(5);
  await page.waitForTimeout(3_000);
  expect((await crm.stats()).lookup_profiles).toBe(0);
  expect(await panel.rows()).toHaveLength(10);

  await page.goto(`${SITE}/in/grace-hopper/`);
  await expect.poll(async () => (await panel.rows()).map((r) => r.state)).toEqual(['in-crm']);
  await crm.resetStats();
  await page.evaluate(() => window.__hostile.churn(30, 150));
  await page.waitForTimeout(1_500);
  // The side panel's lookups are paced like a tab's: at most 20 distinct people in 10 s.
  expect((await crm.stats()).lookup_profiles).toBeLessThanOrEqual(20);
  const log = await extension.worker.evaluate(() => chrome.storage.local.get('site_check'));
  const entries = (log.site_check ? log.site_check.entries : []).map((e) => `${e.pattern} ${e.failed.join(',')}`);
  expect(entries).toContain('/in/*/ too-many-people');
});

test('an update from the side panel asks as the page does: a contact with an active application is updated only once confirmed // proves E5, Q1, Q2', async ({ extension, signedInPage: page, site, crm }) => {
  const api = crmApi(crm);
  const [before] = await api.matches('katherine-johnson');
  await leavePagesUntouched(extension.context);
  await page.goto(`${SITE}/in/katherine-johnson/`);
  const panel = await openSidePanel(extension.context, page);
  await expect.poll(async () => (await panel.rows()).map((r) => r.state)).toEqual(['out-of-date']);
  await expect.poll(async () => (await panel.query('[data-tb="export"]')).map((b) => b.attrs.disabled ?? 'enabled')).toEqual(['enabled']);
  await panel.click('[data-tb="export"]');
  await expect.poll(async () => (await panel.query('[data-tb="export-start"]')).length).toBe(1);
  await panel.click('[data-tb="export-start"]');
  await expect.poll(async () => (await panel.query('[data-tb="confirm-update"]')).length).toBe(1);
  expect((await insecureJson(`${site.url}/_test/stats`)).pdf_downloads).toBe(0);
  await panel.click('[data-tb="confirm-update"]');
  await expect.poll(async () => (await panel.query('[data-tb="contact-link"]')).length, { timeout: 30_000 }).toBe(1);
  expect((await api.contact(before.id)).location).toBe('Hampton, Virginia, United States');
  expect((await insecureJson(`${site.url}/_test/stats`)).pdf_downloads).toBe(1);
});
