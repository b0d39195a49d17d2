// The page can't read us or drive us (issue #16, PRODUCT.md S5): from the site's own main world a
// script reads every shadow root and every attribute and text of our host elements, and fires
// synthetic mouse, focus, click and keyboard events at everything of ours it can reach. It must
// learn nothing of the CRM's answer, open no card or panel, and start no export; the same steps
// with the user's trusted input still work. Runs in page mode and in frame mode (strict-csp).
import { test, expect, SITE, EXTENSION_ID } from '../lib/fixtures.js';
import { crmApi } from '../lib/crm-api.js';

/** What the CRM knows of Ada Lovelace (crm/src/seed.rs) and the site's page does not show. */
const SECRETS = ['ada@example.org', '+44 20 7946 0001', 'Engineering leaders', 'V-101'];
/** What the CRM says that the site's page shows too (her name; the viewer owns her record). */
const SHOWN_BY_SITE_TOO = ['Ada', 'Lovelace', 'Riley'];
/** What the badge says: a state, in words or as a hook value. */
const STATE_WORDS = ['in-crm', 'not-in-crm', 'out-of-date', 'In CRM', 'Not in CRM', 'Out of date', 'checking'];

/** In the page's main world: what a script there can read of us. */
function read() {
  const hosts = [...document.querySelectorAll('[data-talent-bridge]')];
  const openRoots = [...document.querySelectorAll('*')].filter((el) => el.shadowRoot);
  return {
    hosts: hosts.length,
    hostRoots: hosts.filter((h) => h.shadowRoot !== null).length,
    openRootText: openRoots.map((el) => el.shadowRoot.innerHTML).join('\n'),
    hostText: hosts
      .map((h) => [h.outerHTML, h.textContent, h.innerText, ...[...h.attributes].map((a) => `${a.name}=${a.value}`)].join('\n'))
      .join('\n'),
    document: document.documentElement.outerHTML,
  };
}

/**
 * In the page's main world: synthetic input at every element of ours the page can reach (our
 * hosts, what `elementFromPoint` finds on and below them, the focused element), as a page that
 * wants the hover card, the panel and an export would send it.
 */
function drive() {
  const targets = new Set();
  const ours = (el) => el && el.closest && el.closest('[data-talent-bridge]');
  for (const host of document.querySelectorAll('[data-talent-bridge]')) {
    targets.add(host);
    const r = host.getBoundingClientRect();
    for (let y = r.top + 2; y < r.bottom + 600; y += 12) {
      for (let x = r.left + 2; x < r.left + 480; x += 12) {
        const hit = document.elementFromPoint(x, y);
        if (ours(hit)) targets.add(hit);
      }
    }
  }
  if (ours(document.activeElement)) targets.add(document.activeElement);
  const init = { bubbles: true, composed: true, cancelable: true };
  let sent = 0;
  for (const el of targets) {
    for (const type of ['pointerover', 'pointerenter', 'pointerdown', 'pointerup']) el.dispatchEvent(new PointerEvent(type, init));
    for (const type of ['mouseover', 'mouseenter', 'mousemove', 'mousedown', 'mouseup', 'click']) el.dispatchEvent(new MouseEvent(type, init));
    for (const type of ['focus', 'focusin']) el.dispatchEvent(new FocusEvent(type, init));
    for (const key of ['Enter', ' ']) {
      el.dispatchEvent(new KeyboardEvent('keydown', { ...init, key }));
      el.dispatchEvent(new KeyboardEvent('keyup', { ...init, key }));
    }
    el.focus();
    el.click();
    sent += 1;
  }
  return sent;
}

/** Nothing the page read names the CRM's answer. */
function expectNothingLearned(seen, crmUrl) {
  expect(seen.hosts).toBeGreaterThan(0);
  expect(seen.hostRoots).toBe(0);
  for (const secret of [...SECRETS, ...SHOWN_BY_SITE_TOO, crmUrl, 'chrome-extension://', 'http']) {
    expect(seen.hostText).not.toContain(secret);
  }
  for (const word of STATE_WORDS) expect(seen.hostText).not.toContain(word);
  for (const secret of [...SECRETS, crmUrl, 'chrome-extension://']) {
    expect(seen.document).not.toContain(secret);
    expect(seen.openRootText).not.toContain(secret);
  }
  for (const word of STATE_WORDS) expect(seen.openRootText).not.toContain(word);
}

/** The panel is open as the user left it: no export started, nothing confirmed, spent or downloaded. */
async function expectNothingStarted(panel, site) {
  await expect(panel).toBeVisible();
  await expect(panel.locator('[data-tb="progress"]')).toHaveCount(0);
  await expect(panel.locator('[data-tb="confirm"]')).toHaveCount(0);
  await expect(panel.locator('[data-tb="quota"]')).toHaveText('200 of 200 left this month');
  const stats = await site.stats();
  expect(stats.pdf_downloads).toBe(0);
  expect(stats.pdf_actions).toBe(0);
}

test('the page reads nothing of the CRM and its synthetic input opens, starts and counts nothing; the user still can // proves S5, B2, E6', { tag: '@hostile' }, async ({ extension, site, crm, signedInPage: page, ourUi }) => {
  const api = crmApi(crm);
  const [ada] = await api.matches('ada-lovelace');
  const attachmentsBefore = (await api.attachments(ada.id)).attachments.length;
  const updatedBefore = (await api.contact(ada.id)).updated_at;
  await page.goto(`${SITE}/in/ada-lovelace/`);
  const ui = ourUi(page);
  await expect(ui.badge).toHaveAttribute('data-state', 'in-crm');
  await expect(ui.exportButton).toBeEnabled();

  // The page looks, then pokes at everything it reached: no card, no panel.
  expectNothingLearned(await page.evaluate(read), crm.url);
  expect(await page.evaluate(drive)).toBeGreaterThan(0);
  await page.waitForTimeout(1_000);
  await expect(ui.hoverCard).toHaveCount(0);
  await expect(ui.panel).toHaveCount(0);

  // The user hovers: the card shows the contact, and the page still reads none of it.
  await ui.badge.hover();
  await expect(ui.hoverCard).toBeVisible();
  await expect(ui.hoverCard).toContainText('ada@example.org');
  expectNothingLearned(await page.evaluate(read), crm.url);

  // The user opens the panel; the page clicks and presses Enter over all of it: no export.
  await ui.exportButton.click();
  const panel = ui.panel;
  await expect(panel).toBeVisible();
  await expect(panel.locator('[data-tb="quota"]')).toHaveText('200 of 200 left this month');
  expectNothingLearned(await page.evaluate(read), crm.url);
  expect(await page.evaluate(drive)).toBeGreaterThan(0);
  await page.waitForTimeout(1_500);
  await expectNothingStarted(panel, site);
  expect((await api.attachments(ada.id)).attachments).toHaveLength(attachmentsBefore);
  expect((await api.contact(ada.id)).updated_at).toBe(updatedBefore);

  // The keyboard still works for the user: Escape closes the panel, Enter on the button opens it.
  await panel.locator('[data-tb="export-close"]').press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(ui.exportButton).toBeFocused();
  await ui.exportButton.press('Enter');
  await expect(panel).toBeVisible();

  // Nothing was counted against the month's quota.
  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
  await expect(popup.locator('[data-tb="quota"]')).toHaveText('200 of 200 left this month');
});

/** Synthetic input at one of our elements, from a script that holds it. */
function poke(el) {
  const init = { bubbles: true, composed: true, cancelable: true };
  for (const type of ['mouseover', 'mouseenter', 'mousedown', 'mouseup', 'click']) el.dispatchEvent(new MouseEvent(type, init));
  el.dispatchEvent(new FocusEvent('focusin', init));
  el.dispatchEvent(new KeyboardEvent('keydown', { ...init, key: 'Enter' }));
  el.click();
}

// The second line of defence, for a root a script got hold of anyway: every handler checks
// `isTrusted`. Page mode only: in frame mode our UI is in an extension page no script of the site
// can reach, and the frame's own script replays pointer events there (extension/web/src/user_input.rs).
test('a script holding our elements still opens, starts and counts nothing: handlers take the user\'s input only // proves S5, E6', { tag: '@hostile' }, async ({ site, signedInPage: page, ourUi, strictCsp }) => {
  test.skip(strictCsp, 'frame mode: the site cannot reach into extension frames at all');
  await page.goto(`${SITE}/in/ada-lovelace/`);
  const ui = ourUi(page);
  await expect(ui.badge).toHaveAttribute('data-state', 'in-crm');
  await expect(ui.exportButton).toBeEnabled();

  // Held from the test's own world over CDP, as if the root were open: no card, no panel.
  await ui.locator('.tip').evaluate(poke);
  await ui.locator('[data-tb="badge"] .label').evaluate(poke);
  await ui.exportButton.evaluate(poke);
  await page.waitForTimeout(1_000);
  await expect(ui.hoverCard).toHaveCount(0);
  await expect(ui.panel).toHaveCount(0);

  // The user opens the panel; the script presses Start, picks a pool, types a note: nothing.
  await ui.exportButton.click();
  const panel = ui.panel;
  await expect(panel).toBeVisible();
  await expect(panel.locator('[data-tb="quota"]')).toHaveText('200 of 200 left this month');
  await panel.locator('[data-tb="export-start"]').evaluate(poke);
  await panel.locator('[data-tb="note"]').evaluate((el) => {
    el.value = 'from the page';
    el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  });
  await panel.locator('[data-tb="export-close"]').evaluate(poke);
  await page.waitForTimeout(1_500);
  await expectNothingStarted(panel, site);
});
