// Sign-in with OAuth + PKCE against the reference CRM, tokens kept from the page, and the
// worker refusing messages that are not its own (issue #6).
import path from 'node:path';
import { test, expect, SITE, EXTENSION_ID } from '../lib/fixtures.js';
import { inContentScript } from '../lib/isolated.js';
import { signInThroughCrm } from '../lib/oauth.js';
import { stopServiceWorkers } from '../lib/extension.js';
import { configure, connectedTo } from '../lib/browser.js';
import { startCrm } from '../lib/servers.js';

// Access tokens live 5 s, so a refresh is due within one test.
test.use({ crmArgs: ['--access-token-ttl', '5'] });

const storageOf = (worker) =>
  worker.evaluate(async () => ({
    local: await chrome.storage.local.get(null),
    session: await chrome.storage.session.get(null),
  }));

test('sign in through the auth window, badges work; the 5 s token refreshes silently // proves A1, S1', async ({ extension, crm, ourUi }) => {
  const options = await signInThroughCrm(extension, crm);
  await expect(options.locator('[data-tb="options-status"]')).toHaveText(/^Connected to .* as Riley Recruiter/);
  const page = await extension.context.newPage();
  await page.goto(`${SITE}/in/ada-lovelace/`);
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'in-crm');

  const before = (await storageOf(extension.worker)).session.oauth_access.token.token;
  await page.waitForTimeout(6_000); // past the access token's lifetime
  await page.goto(`${SITE}/in/alan-turing/`);
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'not-in-crm');
  const after = (await storageOf(extension.worker)).session.oauth_access.token.token;
  expect(after).not.toBe(before);
});

test('a replayed refresh token is refused and signs the user out // proves A1', async ({ extension, crm, ourUi }) => {
  await signInThroughCrm(extension, crm);
  const stolen = (await storageOf(extension.worker)).local.oauth_refresh.token;
  const page = await extension.context.newPage();
  await page.waitForTimeout(6_000);
  await page.goto(`${SITE}/in/ada-lovelace/`); // the extension refreshes: `stolen` is now rotated
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'in-crm');

  const replay = await fetch(`${crm.url}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: `grant_type=refresh_token&refresh_token=${encodeURIComponent(stolen)}&client_id=talent-bridge-extension`,
  });
  expect(replay.status).toBe(400);
  // The CRM revoked the whole sign-in: the next lookup finds the user signed out.
  await page.goto(`${SITE}/in/grace-hopper/`);
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'signed-out');
});

test('deny on the consent page leaves the user signed out, with a message // proves A1', async ({ extension, crm, ourUi }) => {
  const options = await signInThroughCrm(extension, crm, { allow: false });
  await expect(options.locator('[data-tb="options-message"]')).toHaveText(/declined|denied/i);
  const page = await extension.context.newPage();
  await page.goto(`${SITE}/in/ada-lovelace/`);
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'signed-out');
});

test('sign-out revokes and forgets: badges say signed-out // proves A1', async ({ extension, crm, ourUi }) => {
  const options = await signInThroughCrm(extension, crm);
  await expect(options.locator('[data-tb="options-status"]')).toHaveText(/^Connected to /);
  await options.locator('[data-tb="options-sign-out"]').click();
  await expect(options.locator('[data-tb="options-message"]')).toHaveText(/Signed out/);
  const stored = await storageOf(extension.worker);
  expect(stored.local.oauth_refresh).toBeUndefined();
  expect(Object.keys(stored.session)).toEqual([]);
  const page = await extension.context.newPage();
  await page.goto(`${SITE}/in/ada-lovelace/`);
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'signed-out');
});

test('sign-out revokes the sign-in at the CRM that issued it, after the address was changed to another // proves A1, issue #17', async ({ extension, crm }) => {
  await signInThroughCrm(extension, crm);
  const other = await startCrm();
  try {
    await configure(extension.context, other.url, 'tb-demo-riley');
    // Read once nothing can rotate it any more: the worker refreshes only at its own CRM.
    const issued = (await storageOf(extension.worker)).local.oauth_refresh;
    expect(new URL(issued.crm).port).toBe(new URL(crm.url).port);
    const options = await extension.context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
    await options.locator('[data-tb="options-sign-out"]').click();
    await expect(options.locator('[data-tb="options-message"]')).toHaveText(/Signed out/);
    expect((await storageOf(extension.worker)).local.oauth_refresh).toBeUndefined();
    const refresh = await fetch(`${crm.url}/oauth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `grant_type=refresh_token&refresh_token=${encodeURIComponent(issued.token)}&client_id=talent-bridge-extension`,
    });
    expect(refresh.status).toBe(400);
  } finally {
    await other.stop();
  }
});

test('no token is readable from the content script, in any storage area // proves S1', async ({ extension, crm, ourUi }) => {
  await signInThroughCrm(extension, crm);
  const page = await extension.context.newPage();
  await page.goto(`${SITE}/in/ada-lovelace/`);
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'in-crm');
  const { local, session } = await storageOf(extension.worker);
  const secrets = [local.oauth_refresh.token, session.oauth_access.token.token];

  const seen = await inContentScript(
    extension.context,
    page,
    `(async () => {
      const read = async (area) => {
        try { return JSON.stringify(await chrome.storage[area].get(null)); }
        catch (e) { return 'refused: ' + e.message; }
      };
      return { local: await read('local'), session: await read('session'), sync: await read('sync') };
    })()`,
  );
  expect(seen.error).toBeUndefined();
  for (const area of Object.values(seen.value)) {
    for (const secret of secrets) expect(area).not.toContain(secret);
  }
  expect(seen.value.session).toMatch(/^refused/);
  expect(seen.value.local).toMatch(/^refused/);
});

test('messages from a web page, another extension, or malformed ones are refused // proves S4', async ({ extension, crm, ourUi, launchBrowser }) => {
  await signInThroughCrm(extension, crm);
  const page = await extension.context.newPage();
  await page.goto(`${SITE}/in/ada-lovelace/`);
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'in-crm');

  // The page itself has no way in: no externally_connectable, so no runtime to message.
  expect(await page.evaluate(() => typeof globalThis.chrome?.runtime?.sendMessage)).toBe('undefined');

  // Malformed and unknown messages from our own content script are refused, with no data.
  for (const bad of [
    { v: 1, msg: { type: 'steal_tokens' } },
    { v: 1, msg: { type: 'lookup', people: [], token: 'x' } },
    { v: 9, msg: { type: 'open_options' } },
    'not even an object',
  ]) {
    const reply = await inContentScript(extension.context, page, `chrome.runtime.sendMessage(${JSON.stringify(bad)})`);
    expect(reply.value.msg.type).toBe('refused');
  }
  // A content script may not send the pages' messages (saving settings, signing out).
  const crossed = await inContentScript(
    extension.context,
    page,
    `chrome.runtime.sendMessage({ v: 1, msg: { type: 'sign_out', discard_pending: true } })`,
  );
  expect(crossed.value.msg.type).toBe('refused');
  await page.reload();
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'in-crm');

  // Another extension cannot reach the worker at all.
  const other = path.resolve(import.meta.dirname, '../fixtures/other-extension');
  const { context: strangerContext } = await launchBrowser({ others: [other] });
  const workers = () => strangerContext.serviceWorkers();
  await expect.poll(() => workers().length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  const stranger = workers().find((w) => !w.url().includes(EXTENSION_ID));
  const answer = await stranger.evaluate((id) => self.tryTalentBridge(id), EXTENSION_ID);
  expect(answer.reply).toBeUndefined();
  expect(answer.error).toMatch(/Receiving end does not exist|Could not establish connection/);
});

test('a cleartext CRM address is refused in the options page with what to do; loopback still works // proves A4, C5', async ({ extension, crm }) => {
  const options = await extension.context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  const address = options.locator('[data-tb="options-crm-url"]');
  const status = options.locator('[data-tb="options-status"]');
  const message = options.locator('[data-tb="options-message"]');

  await address.fill('http://crm.example');
  await options.locator('[data-tb="options-token"]').fill('tb-demo-riley');
  await options.locator('[data-tb="options-save"]').click();
  await expect(message).toHaveText(/^http:\/\/ is only allowed for a CRM on this computer .*Use the CRM's https:\/\/ address\.$/);
  await expect(message).toHaveAttribute('role', 'alert');
  await expect(status).not.toHaveText(/^Connected/);
  const { local } = await storageOf(extension.worker);
  expect(JSON.stringify(local)).not.toContain('crm.example');

  // The reference CRM on 127.0.0.1 is loopback: saved, and connected.
  expect(crm.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  await address.fill(crm.url);
  await options.locator('[data-tb="options-token"]').fill('tb-demo-riley');
  await options.locator('[data-tb="options-save"]').click();
  await expect(status).toHaveText(/^Connected to .* as Riley Recruiter/);
  await expect(message).not.toHaveAttribute('role', 'alert');
});

test('an address typed before the options page has its settings is the one saved // proves A1', async ({ extension, crm }) => {
  const options = await extension.context.newPage();
  // A stopped worker answers the page's first question late (it has to start): the user, or a
  // test, types first. The late answer used to overwrite the field, and Save saved the old value.
  await stopServiceWorkers(extension.context, options);
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  const address = options.locator('[data-tb="options-crm-url"]');
  const status = options.locator('[data-tb="options-status"]');
  await address.fill(crm.url);
  await options.locator('[data-tb="options-token"]').fill('tb-demo-riley');
  // The stored settings (none yet) have arrived: the status line says so.
  await expect(status).toHaveText(/^Not connected/);
  await expect(address).toHaveValue(crm.url);
  await options.locator('[data-tb="options-save"]').click();
  await expect(status).toHaveText(connectedTo(crm.url));
});
