// The accessibility audit in the real browser (issue #21, deliver 4; PRODUCT.md L3). axe-core
// audits every document that shows our UI — the popup, the options page, the side panel with the
// badge, the pinned hover card and the export panel in each state, frame mode's extension frames,
// and our closed roots in the site's page — through lib/audit.js (our closed roots handed to axe
// in an isolated world of the test's own; nothing shipped opens them). The browser's own
// accessibility tree (CDP `Accessibility.getFullAXTree`) checks every control of ours in the
// site's page: role, name, focusable, state. Each audit first reports a violation the test seeds
// into the audited document, so a blind audit fails; then it must find nothing serious or
// critical. Then an export with the keyboard alone, focus coming back on Escape, and the
// progress, the outcome and a failure announced in a live region.
//
// Each test runs in one project only (tag @a11y): the frame-mode audit in `strict-csp`, whose
// site makes the content script fall back to frame mode; the others in `page`.
import { test, expect, SITE, EXTENSION_ID } from '../lib/fixtures.js';
import { axeAudit, axTreeAudit, sender, serious, seededFindings } from '../lib/audit.js';
import { openSidePanel } from '../lib/side-panel.js';
import { insecureJson } from '../lib/servers.js';

const A11Y = { tag: '@a11y' };
const pageOnly = () => test.skip(({ strictCsp }) => strictCsp, 'audited in the page project');
const pdfMode = (site, body) => insecureJson(`${site.url}/_test/pdf-mode`, 'POST', body);

/** Seeded first (the audit must see it), then clean: no serious or critical finding. */
async function audited(send, where, options = {}) {
  const seeded = await axeAudit(send, { ...options, seed: true });
  const found = seededFindings(seeded);
  expect(found.has('button-name') && found.has('color-contrast'), `${where}: axe missed the seeded violations (${[...found]})`).toBe(true);
  const report = await axeAudit(send, options);
  console.log(`axe ${where}: ${report.walked} elements, ${report.inRoots} in ${report.roots} closed roots, ${report.violations.length} findings${report.violations.length ? ` (${report.violations.map((v) => `${v.id}: ${v.impact}`).join(', ')})` : ''}`);
  expect(report.walked, `${where}: axe walked nothing`).toBeGreaterThan(0);
  expect.soft(serious(report), where).toEqual([]);
  return report;
}

/**
 * Our controls in the site's page through the browser's AX tree (each with a role, a name, focus,
 * its state; `hooks`: controls that must be among them), then axe over our closed roots.
 */
async function checkOurs(send, where, hooks) {
  const report = await axTreeAudit(send);
  console.log(`AX tree ${where}: ${report.nodes} nodes of ours, ${report.controls.length} controls (${report.controls.map((c) => `${c.role} ${c.hook ?? ''}`.trim()).join(', ')})`);
  expect(report.nodes).toBeGreaterThan(0);
  expect(report.problems, where).toEqual([]);
  for (const hook of hooks) expect(report.controls.map((c) => c.hook), `${where}: ${hook} in the AX tree`).toContain(hook);
  await audited(send, `page: ${where}`, { scope: 'ours' });
  return report;
}

test.describe('page mode and extension pages', () => {
  pageOnly();

  test('axe: the popup and the options page, signed in // proves L3', A11Y, async ({ extension, signIn }) => {
    await signIn();
    for (const doc of ['popup', 'options']) {
      const page = await extension.context.newPage();
      await page.goto(`chrome-extension://${EXTENSION_ID}/${doc}.html`);
      // Settled: the status says who is signed in.
      await expect(page.locator(doc === 'popup' ? '[data-tb="popup-status"]' : '[data-tb="options-status"]')).toContainText(/\S/);
      await audited(sender(await extension.context.newCDPSession(page)), doc);
      await page.close();
    }
  });

  test('axe: the side panel on a profile: badge, pinned card, export panel open, in progress, failed and done // proves L3, E3', A11Y, async ({ extension, signedInPage: page, site }) => {
    await page.goto(`${SITE}/in/ada-lovelace/`);
    const panel = await openSidePanel(extension.context, page);
    const send = (method, params) => panel.send(method, params);
    await expect.poll(async () => (await panel.rows()).map((r) => r.state)).toEqual(['in-crm']);
    await expect.poll(async () => (await panel.query('[data-tb="hover-card"]')).length).toBe(1);
    const pinned = await audited(send, 'side panel: badge and pinned card');
    expect(pinned.inRoots, 'the badge and card are in closed roots axe must see into').toBeGreaterThan(0);

    await page.goto(`${SITE}/in/alan-turing/`);
    await expect.poll(async () => (await panel.rows()).map((r) => r.state)).toEqual(['not-in-crm']);
    await expect.poll(async () => (await panel.query('[data-tb="export"]')).map((b) => b.attrs.disabled ?? 'enabled')).toEqual(['enabled']);
    await panel.click('[data-tb="export"]');
    await expect.poll(async () => (await panel.query('[data-tb="quota"]')).map((q) => q.text)).toEqual(['200 of 200 left this month']);
    await audited(send, 'side panel: export panel open');

    await pdfMode(site, { mode: 'server_error' });
    await panel.click('[data-tb="export-start"]');
    await expect.poll(async () => (await panel.query('[data-tb="export-error"]')).length, { timeout: 20_000 }).toBe(1);
    await audited(send, 'side panel: export failed');

    await pdfMode(site, { mode: 'slow', delay_ms: 1500 });
    await panel.click('[data-tb="export-start"]');
    await expect.poll(async () => (await panel.query('[data-tb="progress"] [data-step="download"]')).map((s) => s.attrs['data-status'])).toEqual(['current']);
    await audited(send, 'side panel: export in progress');
    await pdfMode(site, { mode: 'normal' });

    await expect.poll(async () => (await panel.query('[data-tb="contact-link"]')).length, { timeout: 30_000 }).toBe(1);
    await audited(send, 'side panel: export done');
  });

  test('AX tree and axe in the site page: every control of ours on a profile (badge signed out, in error, in CRM; card; panel) and on a search page has a role, a name, focus and its state // proves L3', A11Y, async ({ extension, crm, signIn, ourUi }) => {
    const page = await extension.context.newPage();
    await page.goto(`${SITE}/in/ada-lovelace/`);
    await expect(ourUi(page).badge).toHaveAttribute('data-state', 'signed-out');
    const send = sender(await extension.context.newCDPSession(page));

    // The audit sees a nameless button and a role=button that takes no focus, seeded into our root.
    const seeded = await axTreeAudit(send, { seed: true });
    expect(seeded.problems.filter((p) => p.includes('data-audit-seed="nameless"') && p.includes('no accessible name'))).toHaveLength(1);
    expect(seeded.problems.filter((p) => p.includes('data-audit-seed="unfocusable"') && p.includes('not focusable'))).toHaveLength(1);

    const check = (where, hooks) => checkOurs(send, where, hooks);

    await check('profile, signed out', ['export']);
    await signIn();
    await crm.stop();
    try {
      await page.reload();
      await expect(ourUi(page).badge).toHaveAttribute('data-state', 'error');
      await check('profile, CRM unreachable', ['retry']);
    } finally {
      await crm.start();
    }
    await page.reload();
    await expect(ourUi(page).badge).toHaveAttribute('data-state', 'in-crm');
    await check('profile, in CRM', ['export']);
    // The card shows while the badge holds focus.
    await ourUi(page).badge.locator('a').first().focus();
    await expect(ourUi(page).hoverCard).toBeVisible();
    await check('profile, hover card', ['export']);
    await page.keyboard.press('Escape');

    await ourUi(page).exportButton.click();
    await expect(ourUi(page).panel).toBeVisible();
    // Settled: the quota, the catalogues and the contact's own pools are in.
    await expect(ourUi(page).panel.locator('[data-tb="quota"]')).toHaveText('200 of 200 left this month');
    await expect(ourUi(page).panel.locator('[data-tb="assign-save"]')).toBeVisible();
    await expect.poll(() => ourUi(page).panel.locator('[data-tb="pool-option"]').count()).toBeGreaterThan(2);
    const open = await check('profile, export panel', ['export', 'export-close', 'pool-search', 'vacancy-search', 'note', 'export-start', 'assign-save']);
    expect(open.controls.filter((c) => c.role === 'checkbox').length).toBeGreaterThan(2);
    expect(open.controls.find((c) => c.hook === 'export')).toMatchObject({ focusable: true });
    await page.keyboard.press('Escape');

    await page.goto(`${SITE}/search/results/people/?keywords=a`);
    const settled = async () => {
      const badges = await ourUi.badges(page);
      return badges.length > 5 && badges.every((b) => b.state !== 'checking') ? badges : null;
    };
    await expect.poll(settled).not.toBeNull();
    const search = await check('search page', []);
    // One control per badge that offers one: the CRM link, the pick among matches, sign in, retry.
    const offering = (await settled()).filter((b) => ['in-crm', 'out-of-date', 'multiple', 'signed-out', 'error'].includes(b.state));
    expect(offering.length).toBeGreaterThan(0);
    expect(search.controls).toHaveLength(offering.length);
  });

  test('AX tree and axe in the site page: an out-of-date contact (card with its differences, update preview, the confirmation asked before an update) and two matches (the pick and "not this person") // proves L3, B2, B3, E5', A11Y, async ({ extension, signIn, openProfile, ourUi }) => {
    await signIn();
    const page = await openProfile('/in/katherine-johnson/');
    await expect(ourUi(page).badge).toHaveAttribute('data-state', 'out-of-date');
    const send = sender(await extension.context.newCDPSession(page));
    await ourUi(page).badge.locator('a, button').first().focus();
    await expect(ourUi(page).hoverCard.locator('[data-tb="diff"]')).toHaveCount(1);
    await checkOurs(send, 'out-of-date card', []);
    await page.keyboard.press('Escape');
    await ourUi(page).exportButton.click();
    const panel = ourUi(page).panel;
    await expect(panel.locator('[data-tb="update-preview"]')).toBeVisible();
    await checkOurs(send, 'update preview', ['export-start']);
    // She has an active application: the panel asks before the update (nothing is downloaded).
    await panel.locator('[data-tb="export-start"]').click();
    await expect(panel.locator('[data-tb="confirm-update"]')).toBeVisible();
    await checkOurs(send, 'update confirmation', ['confirm-update']);
    await page.close();

    const two = await openProfile('/in/margaret-hamilton/');
    await expect(ourUi(two).badge).toHaveAttribute('data-state', 'multiple');
    await ourUi(two).badge.getByRole('button').focus();
    await expect(ourUi(two).hoverCard.locator('[data-tb="match"]')).toHaveCount(2);
    await checkOurs(sender(await extension.context.newCDPSession(two)), 'two matches', ['pick-match', 'not-this-person']);
  });

  test('keyboard only: Tab to Export, Enter, Tab through the panel, start, done; the steps and the outcome announced; Escape returns focus // proves L3, E2, E3, E6', A11Y, async ({ extension, site, signIn, openProfile, ourUi }) => {
    await signIn();
    const page = await openProfile('/in/alan-turing/');
    const ui = ourUi(page);
    const focused = async (loc) => (await loc.state())?.focused === true;
    // From the top of the page, Tab until our Export button holds focus: it is in the tab order.
    await page.locator('body').focus();
    let tabs = 0;
    while (!(await focused(ui.exportButton))) {
      if (++tabs > 60) throw new Error('60 Tabs never reached the Export button');
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    const panel = ui.panel;
    await expect(panel).toBeVisible();
    await expect(panel.locator('[data-tb="pool-search"]')).toBeFocused();
    // The announcer is in the panel before anything happens, so its changes are read out.
    const announce = panel.locator('[data-tb="export-announce"]');
    await expect(announce).toHaveAttribute('role', 'status');
    await expect(announce).toHaveText('');

    // Tab through the panel's fields to the start button.
    const start = panel.locator('[data-tb="export-start"]');
    const seen = [];
    for (let i = 0; !(await focused(start)); i++) {
      if (i > 20) throw new Error(`20 Tabs in the panel never reached Export (on the way: ${seen.join(', ')})`);
      await page.keyboard.press('Tab');
      for (const hook of ['vacancy-search', 'note']) if (!seen.includes(hook) && (await focused(panel.locator(`[data-tb="${hook}"]`)))) seen.push(hook);
    }
    expect(seen).toEqual(['vacancy-search', 'note']);

    await pdfMode(site, { mode: 'slow', delay_ms: 1200 });
    await page.keyboard.press('Space');
    await expect(announce).toContainText(/PDF/i);
    await pdfMode(site, { mode: 'normal' });
    await expect(panel.locator('[data-tb="contact-link"]')).toBeVisible({ timeout: 30_000 });
    await expect(announce).toContainText(/Alan Turing/);
    await expect(ui.badge).toHaveAttribute('data-state', 'in-crm');

    // Escape closes the panel; focus is back on the button that opened it.
    await page.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
    await expect(ui.exportButton).toBeFocused();

    // The card: Shift+Tab to the badge's link shows it; Escape keeps focus on the badge.
    await page.keyboard.press('Shift+Tab');
    await expect(ui.hoverCard).toBeVisible();
    const label = ui.badge.locator('a').first();
    await expect(label).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(label).toBeFocused();

    // A failure is announced as an alert (inserted with its text, which an alert is read out on),
    // and not a second time by the announcer.
    await pdfMode(site, { mode: 'server_error' });
    await ui.exportButton.focus();
    await page.keyboard.press('Enter');
    await expect(panel.locator('[data-tb="export-start"]')).toBeVisible();
    await panel.locator('[data-tb="export-start"]').focus();
    await page.keyboard.press('Enter');
    const error = panel.locator('[data-tb="export-error"]');
    await expect(error).toHaveAttribute('role', 'alert', { timeout: 20_000 });
    await expect(error).toContainText(/failed/i);
    await expect(announce).toHaveText('');
    await pdfMode(site, { mode: 'normal' });
  });

});

test.describe('frame mode', () => {
  test.skip(({ strictCsp }) => !strictCsp, 'frame mode: the strict-csp project');

  test("axe: frame mode's extension frames: the badge, the hover card, the export panel // proves L3", A11Y, async ({ extension, signIn, openProfile, ourUi }) => {
    await signIn();
    const page = await openProfile('/in/ada-lovelace/');
    // The badge frames (`#badge:<token>`); the reader frame shows nothing (hidden, no content).
    const frames = () => page.frames().filter((f) => f.url().startsWith(`chrome-extension://${EXTENSION_ID}/frame.html#badge:`));
    expect(frames().length).toBeGreaterThan(0);
    const auditFrames = async (where) => {
      let walked = 0;
      for (const frame of frames()) {
        const report = await audited(sender(await extension.context.newCDPSession(frame)), `${where}: ${new URL(frame.url()).hash.split(':')[0]}`);
        walked += report.walked;
      }
      return walked;
    };
    expect(await auditFrames('frame, badge')).toBeGreaterThan(0);
    await ourUi(page).badge.locator('a').first().focus();
    await expect(ourUi(page).hoverCard).toBeVisible();
    await auditFrames('frame, hover card');
    await page.keyboard.press('Escape');
    await ourUi(page).exportButton.click();
    await expect(ourUi(page).panel).toBeVisible();
    await auditFrames('frame, export panel');
  });
});
