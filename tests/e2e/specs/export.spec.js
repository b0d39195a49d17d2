// Export to CRM end to end (issue #3): the site's own PDF, the 200/month quota, the outbox.
import { test as base, expect, SITE, EXTENSION_ID } from '../lib/fixtures.js';
import crypto from 'node:crypto';
import { insecureJson, startCrm } from '../lib/servers.js';
import { configure } from '../lib/browser.js';
import { crmApi } from '../lib/crm-api.js';
import { stopServiceWorkers } from '../lib/extension.js';

// Every test here starts signed in as Riley, with the CRM's API at hand to check what was written.
const test = base.extend({
  api: async ({ crm, signIn }, use) => {
    await signIn();
    await use(crmApi(crm));
  },
  /** Opens a profile and waits for its badge to settle (an export changes both CRM and site). */
  profile: async ({ extension, ourUi, api }, use) => {
    await use(async (path) => {
      const page = await extension.context.newPage();
      await page.goto(`${SITE}${path}`);
      await expect(ourUi(page).badge).not.toHaveAttribute('data-state', 'checking');
      return page;
    });
  },
  /** Opens the export panel of a page as a user would (a click). */
  openPanel: async ({ ourUi }, use) => {
    await use(async (page) => {
      await ourUi(page).exportButton.click();
      const panel = ourUi(page).panel;
      await expect(panel).toBeVisible();
      return panel;
    });
  },
});

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

/** Exactly one Alan Turing in the CRM, with one attachment, from one PDF download, counted once. */
async function landedOnce(api, site, quota) {
  const matches = await api.matches('alan-turing');
  expect(matches).toHaveLength(1);
  expect((await api.attachments(matches[0].id)).attachments).toHaveLength(1);
  expect((await insecureJson(`${site.url}/_test/stats`)).pdf_downloads).toBe(1);
  await expect(quota).toHaveText('199 of 200 left this month');
  return matches[0];
}

async function pick(panel, kind, query, label) {
  await panel.locator(`[data-tb="${kind}-search"]`).fill(query);
  const option = panel.locator(`[data-tb="${kind}-option"]`).filter({ hasText: label });
  await option.first().click();
}

test('export a new person with a pool and a vacancy: one contact from the extension, the PDF as served // proves E2, E3, E4, E6, C3', { tag: '@site-lang' }, async ({ extension, site, crm, api, profile, openPanel, ourUi, siteLook }) => {
  const page = await profile('/in/alan-turing/');
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'not-in-crm');
  const panel = await openPanel(page);
  await expect(panel.locator('[data-tb="quota"]')).toHaveText('200 of 200 left this month');
  await pick(panel, 'pool', 'Engin', 'Engineering leaders');
  await pick(panel, 'vacancy', 'V-102', 'Data Scientist');
  await panel.locator('[data-tb="note"]').fill('Met at the Bletchley meetup.');
  await panel.locator('[data-tb="export-start"]').click();

  const link = panel.locator('[data-tb="contact-link"]');
  await expect(link).toBeVisible({ timeout: 30_000 });
  for (const step of ['check', 'download', 'verify', 'parse', 'save', 'attach', 'assign', 'done']) {
    await expect(panel.locator(`[data-tb="progress"] [data-step="${step}"]`)).toHaveAttribute('data-status', 'done');
  }
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'in-crm');
  await expect(panel.locator('[data-tb="quota"]')).toHaveText('199 of 200 left this month');

  const [contact] = await api.matches('alan-turing');
  expect((await api.matches('alan-turing')).length).toBe(1);
  const card = await api.contact(contact.id);
  expect(card.creation_source).toBe('Extension');
  expect(card.full_name).toBe('Alan Turing');
  // Read from the page and the PDF in whatever language the site shows them (site-fr, site-de).
  expect(card.headline).toBe('Mathematician at University of Manchester');
  expect(card.location).toBe('Manchester, England, United Kingdom');
  expect([card.title, card.company]).toEqual(['Mathematician', 'University of Manchester']);
  expect(card.pools).toContain('Engineering leaders');
  expect(card.vacancies.join()).toContain('Data Scientist');
  expect(await link.getAttribute('href')).toBe(card.url);

  // The attachment is byte-for-byte the PDF the site served.
  const stats = await insecureJson(`${site.url}/_test/stats`);
  expect(stats.pdf_downloads).toBe(1);
  const { attachments } = await api.attachments(contact.id);
  expect(attachments).toHaveLength(1);
  const stored = await api.attachmentBytes(attachments[0].id);
  expect(stored.subarray(0, 5).toString()).toBe('%PDF-');
  expect(sha256(stored)).toBe(attachments[0].sha256);
  const served = await insecureJson(`${site.url}/_test/last-pdf-sha256`);
  expect(attachments[0].sha256).toBe(served.sha256);
});

test('export an in-CRM profile with an active application: warned, confirmed, appended, location overwritten, counted // proves E5, E6', async ({ extension, site, crm, api, profile, openPanel, ourUi, siteLook }) => {
  const [before] = await api.matches('katherine-johnson');
  expect(before.location).toBe('White Sulphur Springs, West Virginia, United States');
  const page = await profile('/in/katherine-johnson/');
  const panel = await openPanel(page);
  await panel.locator('[data-tb="export-start"]').click();
  const confirm = panel.locator('[data-tb="confirm-update"]');
  await expect(confirm).toBeVisible();
  expect((await insecureJson(`${site.url}/_test/stats`)).pdf_downloads).toBe(0);
  await confirm.click();
  await expect(panel.locator('[data-tb="contact-link"]')).toBeVisible({ timeout: 30_000 });
  const after = await api.contact(before.id);
  expect(after.location).toBe('Hampton, Virginia, United States');
  expect(after.title).toContain('Research Mathematician');
  await expect(panel.locator('[data-tb="quota"]')).toHaveText('199 of 200 left this month');
});

test('at 199 used one export succeeds, then the button is disabled with the reset date // proves E6, E1', async ({ extension, site, crm, api, profile, openPanel, ourUi, siteLook }) => {
  // The CRM keeps the month's count (issue #18).
  await api.seedUsage(199);
  const page = await profile('/in/alan-turing/');
  const panel = await openPanel(page);
  await expect(panel.locator('[data-tb="quota"]')).toHaveText('1 of 200 left this month');
  await panel.locator('[data-tb="export-start"]').click();
  await expect(panel.locator('[data-tb="contact-link"]')).toBeVisible({ timeout: 30_000 });

  const next = await profile('/in/grace-hopper/');
  const button = ourUi(next).exportButton;
  await expect(button).toBeDisabled();
  // The first of next month (UTC), as the English catalogue writes a day (issue #21).
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const reset = `It resets on 1 ${months[(new Date().getUTCMonth() + 1) % 12]} (UTC).`;
  await expect(ourUi(next).locator('[data-tb="export-reason"]')).toContainText(reset);
});

test('at 198 used, five tabs exporting at once download exactly two PDFs // proves E6', async ({ extension, site, crm, api, profile, openPanel, ourUi, siteLook }) => {
  await api.seedUsage(198);
  const people = ['alan-turing', 'grace-hopper', 'ada-lovelace', 'barbara-liskov', 'margaret-hamilton'];
  const pages = [];
  for (const id of people) pages.push(await profile(`/in/${id}/`));
  const panels = [];
  for (const page of pages) panels.push(await openPanel(page));
  // margaret-hamilton has two matches: pick the first so the export may proceed.
  await Promise.all(panels.map((panel) => panel.locator('[data-tb="export-start"]').click()));
  await Promise.all(
    panels.map((panel) =>
      expect(panel.locator('[data-tb="contact-link"], [data-tb="export-error"]').first()).toBeVisible({ timeout: 30_000 }),
    ),
  );
  const done = (await Promise.all(panels.map((p) => p.locator('[data-tb="contact-link"]').count()))).reduce((a, b) => a + b);
  expect(done).toBe(2);
  expect((await insecureJson(`${site.url}/_test/stats`)).pdf_downloads).toBe(2);
  // Both downloads counted at the CRM, once each.
  expect((await api.usage()).committed).toBe(200);
});

test('CRM stopped mid-export: the job waits, survives a worker restart, lands exactly once // proves E7, S3', async ({ extension, site, crm, api, profile, openPanel, ourUi, siteLook }) => {
  await insecureJson(`${site.url}/_test/pdf-mode`, 'POST', { mode: 'slow', delay_ms: 3000 });
  const page = await profile('/in/alan-turing/');
  const panel = await openPanel(page);
  await panel.locator('[data-tb="export-start"]').click();
  await expect(panel.locator('[data-tb="progress"] [data-step="download"]')).toHaveAttribute('data-status', 'current');
  await crm.stop();
  await expect(panel.locator('[data-tb="export-queued"]')).toBeVisible({ timeout: 30_000 });

  await stopServiceWorkers(extension.context, page);
  await crm.start();
  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
  const item = popup.locator('[data-tb="outbox-item"]');
  await expect(item).toHaveCount(1);
  await item.locator('[data-tb="outbox-retry"]').click();
  await expect(popup.locator('[data-tb="outbox-item"]')).toHaveCount(0, { timeout: 30_000 });

  await landedOnce(api, site, popup.locator('[data-tb="quota"]'));
});

test('the person is added to the CRM while the PDF downloads: the create finds them there and updates that contact, once // proves E7, E6, issue #17', async ({ extension, site, crm, api, profile, openPanel, ourUi }) => {
  await insecureJson(`${site.url}/_test/pdf-mode`, 'POST', { mode: 'slow', delay_ms: 3000 });
  const page = await profile('/in/alan-turing/');
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'not-in-crm');
  const panel = await openPanel(page);
  await pick(panel, 'pool', 'Engin', 'Engineering leaders');
  await panel.locator('[data-tb="export-start"]').click();
  await expect(panel.locator('[data-tb="progress"] [data-step="download"]')).toHaveAttribute('data-status', 'current');
  // Meanwhile another recruiter (or another tab) creates him.
  const created = await fetch(`${crm.url}/api/v1/contacts`, {
    method: 'POST',
    headers: { Authorization: 'Bearer tb-demo-casey', 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ full_name: 'Alan Turing', public_id: 'alan-turing', creation_source: 'Extension' }),
  });
  expect(created.status).toBe(201);
  const theirs = await created.json();

  await expect(panel.locator('[data-tb="contact-link"]')).toBeVisible({ timeout: 30_000 });
  const matches = await api.matches('alan-turing');
  expect(matches.map((m) => m.id)).toEqual([theirs.id]);
  const card = await api.contact(theirs.id);
  expect(card.pools).toContain('Engineering leaders');
  expect((await api.attachments(theirs.id)).attachments).toHaveLength(1);
  expect((await insecureJson(`${site.url}/_test/stats`)).pdf_downloads).toBe(1);
  await expect(panel.locator('[data-tb="quota"]')).toHaveText('199 of 200 left this month');
});

test('the CRM does the pools write but its answer is lost: the retry is the same request and lands; pools, vacancy and attachment once // proves E7, E2, issue #17', async ({ extension, site, crm, api, profile, openPanel }) => {
  await crm.loseNextAnswer('/pools');
  const page = await profile('/in/alan-turing/');
  const panel = await openPanel(page);
  // Picked in an order other than the pools' ids: a retry that rebuilt the set from the
  // contact's card sent them in another order, under the same key, and was refused for good.
  await pick(panel, 'pool', 'Grad', 'Graduates 2027');
  await pick(panel, 'pool', 'Engin', 'Engineering leaders');
  await pick(panel, 'vacancy', 'V-102', 'Data Scientist');
  await panel.locator('[data-tb="export-start"]').click();
  await expect(panel.locator('[data-tb="export-queued"]')).toBeVisible({ timeout: 30_000 });

  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
  const item = popup.locator('[data-tb="outbox-item"]');
  await expect(item).toHaveCount(1);
  await item.locator('[data-tb="outbox-retry"]').click();
  await expect(item).toHaveCount(0, { timeout: 30_000 });

  const contact = await landedOnce(api, site, popup.locator('[data-tb="quota"]'));
  const card = await api.contact(contact.id);
  expect([...card.pools].sort()).toEqual(['Engineering leaders', 'Graduates 2027']);
  expect(card.vacancies).toEqual(['Data Scientist']);
});

/** The notes of a contact, as the CRM's own contact page lists them (read as Riley, logged in). */
async function notesOf(context, card) {
  const page = await context.newPage();
  await page.goto(card.url);
  if (page.url().includes('/login')) {
    await page.locator('input[name="email"]').fill('riley@example.com');
    await page.locator('input[name="password"]').fill('riley-demo');
    await page.locator('button[type="submit"]').click();
    await page.goto(card.url);
  }
  const notes = await page.locator('[data-field="notes"] li p').allTextContents();
  await page.close();
  return notes;
}

test('the worker is stopped after the attachment and the CRM fails the pools write, then recovers: one contact, one attachment, pools, vacancy and note all written, counted once // proves E7, E6, issue #17', async ({ extension, site, crm, api, profile, openPanel }) => {
  await crm.failNextWrite('/pools');
  const page = await profile('/in/alan-turing/');
  const panel = await openPanel(page);
  await pick(panel, 'pool', 'Grad', 'Graduates 2027');
  await pick(panel, 'vacancy', 'V-102', 'Data Scientist');
  await panel.locator('[data-tb="note"]').fill('Met at the Bletchley meetup.');
  await panel.locator('[data-tb="export-start"]').click();
  await expect(panel.locator('[data-tb="export-queued"]')).toBeVisible({ timeout: 30_000 });
  // Saved and attached, the pools write refused: the job waits for the rest.
  const [waiting] = await api.matches('alan-turing');
  expect((await api.attachments(waiting.id)).attachments).toHaveLength(1);
  expect((await api.contact(waiting.id)).pools).toEqual([]);

  await stopServiceWorkers(extension.context, page);
  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
  const item = popup.locator('[data-tb="outbox-item"]');
  await expect(item).toHaveCount(1);
  await item.locator('[data-tb="outbox-retry"]').click();
  await expect(item).toHaveCount(0, { timeout: 30_000 });

  const contact = await landedOnce(api, site, popup.locator('[data-tb="quota"]'));
  expect(contact.id).toBe(waiting.id);
  const card = await api.contact(contact.id);
  expect(card.pools).toEqual(['Graduates 2027']);
  expect(card.vacancies).toEqual(['Data Scientist']);
  expect(await notesOf(extension.context, card)).toEqual(['Met at the Bletchley meetup.']);
});

test('an export waiting in the outbox of the previous version lands once after the update: its done steps are not redone // proves E7, issue #17', async ({ extension, site, crm, api }) => {
  // What the worker's own outbox stored before the core ran it: saved and attached, not yet
  // assigned, waiting for its retry. The contact and its attachment are in the CRM already.
  const created = await fetch(`${crm.url}/api/v1/contacts`, {
    method: 'POST',
    headers: { Authorization: 'Bearer tb-demo-riley', 'Content-Type': 'application/json', 'Idempotency-Key': 'old-ticket-1:save' },
    body: JSON.stringify({ full_name: 'Alan Turing', public_id: 'alan-turing', creation_source: 'Extension' }),
  });
  expect(created.status).toBe(201);
  const contact = await created.json();
  const pdf = Buffer.from('%PDF-1.7\nold version\n%%EOF\n');
  const attached = await fetch(`${crm.url}/api/v1/contacts/${contact.id}/attachments?filename=Profile.pdf`, {
    method: 'POST',
    headers: { Authorization: 'Bearer tb-demo-riley', 'Content-Type': 'application/pdf', 'Idempotency-Key': 'old-ticket-1:attach' },
    body: pdf,
  });
  expect(attached.status).toBe(201);
  const me = await api.me();
  const owner = `${crm.url.replace(/\/+$/, '')}#${me.user.id}`;
  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
  await popup.evaluate(async ({ owner, contactId, pdf }) => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('talent-bridge', 1);
      open.onupgradeneeded = () => {
        open.result.createObjectStore('jobs', { keyPath: 'ticket' });
        open.result.createObjectStore('pdfs');
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction(['jobs', 'pdfs'], 'readwrite');
    tx.objectStore('jobs').put({
      ticket: 'old-ticket-1', user: owner,
      person: { key: { kind: 'public_id', id: 'alan-turing' }, name: 'Alan Turing' },
      choices: { pool_ids: [3], vacancy_ids: [], note: null, contact_id: null, confirm_active_applications: false },
      action: 'create', contact_id: contactId, write: { full_name: 'Alan Turing', public_id: 'alan-turing' },
      saved: true, adopted: false, attached: true, assigned: false,
      attempts: 1, next_attempt_at: Date.now() + 3_600_000, state: 'pending',
      last_error: 'The CRM could not be reached.', created_at: Date.now() - 60_000,
    });
    tx.objectStore('pdfs').put(new Uint8Array(pdf), 'old-ticket-1');
    await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
    db.close();
  }, { owner, contactId: contact.id, pdf: [...pdf] });

  await popup.reload();
  const item = popup.locator('[data-tb="outbox-item"]');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Alan Turing');
  await item.locator('[data-tb="outbox-retry"]').click();
  await expect(item).toHaveCount(0, { timeout: 30_000 });

  const matches = await api.matches('alan-turing');
  expect(matches.map((m) => m.id)).toEqual([contact.id]);
  expect((await api.attachments(contact.id)).attachments).toHaveLength(1);
  expect((await api.contact(contact.id)).pools).toEqual(['Graduates 2027']);
});

test('a waiting export goes only to the CRM and user that started it: another user or CRM gets nothing and the popup says why; back with its own it lands once // proves E7, E6, issue #17', async ({ extension, site, crm, api, profile, openPanel, signIn }) => {
  // Riley's export waits in the outbox: the CRM went away during the download.
  await insecureJson(`${site.url}/_test/pdf-mode`, 'POST', { mode: 'slow', delay_ms: 3000 });
  const page = await profile('/in/alan-turing/');
  const panel = await openPanel(page);
  await panel.locator('[data-tb="export-start"]').click();
  await expect(panel.locator('[data-tb="progress"] [data-step="download"]')).toHaveAttribute('data-status', 'current');
  await crm.stop();
  await expect(panel.locator('[data-tb="export-queued"]')).toBeVisible({ timeout: 30_000 });
  await crm.start();

  const popup = await extension.context.newPage();
  const item = popup.locator('[data-tb="outbox-item"]');
  const retry = async () => {
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    await expect(item).toHaveCount(1);
    await item.locator('[data-tb="outbox-retry"]').click();
  };

  // Val signs in on the same CRM: the job must not write as Val.
  await signIn('tb-demo-val');
  await retry();
  await expect(item).toHaveAttribute('data-state', 'parked');
  await expect(item.locator('.problem')).toContainText('another CRM user is signed in');
  expect(await api.matches('alan-turing')).toHaveLength(0);

  // Riley, on another CRM (the same demo data: Riley has the same user id there).
  const other = await startCrm();
  try {
    await configure(extension.context, other.url, 'tb-demo-riley');
    await retry();
    await expect(item).toHaveAttribute('data-state', 'parked');
    await expect(item.locator('.problem')).toContainText(`started with the CRM at ${crm.url.replace(/\/+$/, '')}`);
    expect(await crmApi(other).matches('alan-turing')).toHaveLength(0);
    expect(await api.matches('alan-turing')).toHaveLength(0);
  } finally {
    await other.stop();
  }

  // Back on its own CRM as Riley: saving the settings sends it, once.
  await configure(extension.context, crm.url, 'tb-demo-riley');
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
  await expect(item).toHaveCount(0, { timeout: 30_000 });
  await landedOnce(api, site, popup.locator('[data-tb="quota"]'));
});

test('the site answers with a log-in page instead of a PDF: clear error, unit released, nothing sent // proves E3, E6', async ({ extension, site, crm, api, profile, openPanel, ourUi, siteLook }) => {
  await insecureJson(`${site.url}/_test/pdf-mode`, 'POST', { mode: 'html_login' });
  const page = await profile('/in/alan-turing/');
  const panel = await openPanel(page);
  await panel.locator('[data-tb="export-start"]').click();
  await expect(panel.locator('[data-tb="export-error"]')).toContainText(/not a PDF/i, { timeout: 30_000 });
  await expect(panel.locator('[data-tb="progress"] [data-step="verify"]')).toHaveAttribute('data-status', 'failed');
  expect(await api.matches('alan-turing')).toHaveLength(0);
  const fresh = await profile('/in/grace-hopper/');
  const again = await openPanel(fresh);
  await expect(again.locator('[data-tb="quota"]')).toHaveText('200 of 200 left this month');
});

test('private, own and no-PDF profiles: export disabled with the reason // proves E1', async ({ extension, site, crm, api, profile, openPanel, ourUi, siteLook }) => {
  const cases = [
    ['/in/riley-recruiter/', /your own/i],
    ['/in/limited-member/', /private|limited/i],
  ];
  // Where the page does not render the site's menu (the next design), see the test below.
  if (!siteLook.next) cases.push(['/in/hedy-lamarr/', /no PDF|doesn't offer/i]);
  for (const [path, reason] of cases) {
    const page = await profile(path);
    await expect(ourUi(page).exportButton).toBeDisabled();
    await expect(ourUi(page).locator('[data-tb="export-reason"]')).toContainText(reason);
    await page.close();
  }
});

test('no PDF, but the page does not show the site\'s menu: Export stays enabled, the site\'s refusal is explained and costs nothing // proves E1, E6', async ({ extension, site, crm, api, profile, openPanel, ourUi, siteLook }) => {
  const page = await extension.context.newPage();
  // The real site renders its "More" menu only once opened, as the next design does; the current
  // design's fixture renders it hidden, so here the page loses it as it is parsed.
  if (!siteLook.next) {
    await page.addInitScript(() => {
      new MutationObserver(() => document.querySelectorAll('[role="menu"]').forEach((m) => m.remove()))
        .observe(document, { childList: true, subtree: true });
    });
  }
  await page.goto(`${SITE}/in/hedy-lamarr/`);
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'not-in-crm');
  await expect(page.locator('main [role="menu"]')).toHaveCount(0);
  // Nothing on the page says "no PDF": the button is not blocked on a guess (E1).
  await expect(ourUi(page).exportButton).toBeEnabled();
  await expect(ourUi(page).locator('[data-tb="export-reason"]')).toHaveCount(0);

  const panel = await openPanel(page);
  await expect(panel.locator('[data-tb="quota"]')).toHaveText('200 of 200 left this month');
  await panel.locator('[data-tb="export-start"]').click();
  await expect(panel.locator('[data-tb="export-error"]')).toContainText(/does not offer a PDF of this profile/, { timeout: 30_000 });
  await expect(panel.locator('[data-tb="export-error"]')).toContainText('Nothing was counted.');
  expect(await api.matches('hedy-lamarr')).toHaveLength(0);
  const stats = await insecureJson(`${site.url}/_test/stats`);
  expect(stats.pdf_actions).toBe(0);
  expect(stats.pdf_downloads).toBe(0);
  // The unit reserved for the download is back (E6).
  const fresh = await profile('/in/grace-hopper/');
  const again = await openPanel(fresh);
  await expect(again.locator('[data-tb="quota"]')).toHaveText('200 of 200 left this month');
});
