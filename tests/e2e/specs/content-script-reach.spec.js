// Secrets and counters out of the content script's reach (issue #16, PRODUCT.md S1, S6): code
// running in the content script's own isolated world — as an attacker who took it over would —
// reads every storage area and IndexedDB database it can reach and finds no token and no quota
// ledger, and what it writes changes nothing the worker counts. `storage.session` is closed to
// content scripts by default; `storage.local` (refresh token, personal API token, ledger) is
// restricted to trusted contexts, honoured from Chrome 140 (`minimum_chrome_version`).
import { test, expect, SITE, EXTENSION_ID } from '../lib/fixtures.js';
import { seedQuota } from '../lib/extension.js';
import { inContentScript } from '../lib/isolated.js';
import { signInThroughCrm } from '../lib/oauth.js';
import { crmApi } from '../lib/crm-api.js';

/** What the worker keeps, read in the worker itself (a trusted context). */
const workerStorage = (worker) =>
  worker.evaluate(async () => ({
    local: await chrome.storage.local.get(null),
    session: await chrome.storage.session.get(null),
  }));

/** Run in the content script's world: read every area and database, then try to write. */
const ATTACK = `(async () => {
  const tried = async (f) => {
    try { return { ok: await f() }; } catch (e) { return { refused: String(e && e.message) }; }
  };
  const read = {};
  for (const area of ['local', 'session', 'sync', 'managed']) {
    read[area] = await tried(async () => JSON.stringify(await chrome.storage[area].get(null)));
  }
  // IndexedDB here is the page's origin's, never the extension's: list and dump what is there.
  read.indexedDb = await tried(async () => {
    const out = {};
    for (const { name } of await indexedDB.databases()) {
      const db = await new Promise((ok, no) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => ok(r.result);
        r.onerror = () => no(r.error);
      });
      for (const store of db.objectStoreNames) {
        out[name + '/' + store] = await new Promise((ok) => {
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => ok(JSON.stringify(r.result));
          r.onerror = () => ok('unreadable');
        });
      }
      db.close();
    }
    return JSON.stringify(out);
  });
  // A fresh ledger (nothing used) and a forged token, under the names the worker uses.
  const now = new Date();
  const ledger = {
    user: globalThis.__quotaUser,
    month: { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1 },
    used: 0, committed: [], previous: [], reserved: [],
  };
  const forged = {
    ['quota:' + globalThis.__quotaUser]: ledger,
    oauth_refresh: { crm: 'https://attacker.example', client_id: 'x', token: 'forged' },
    oauth_access: { crm: 'https://attacker.example', token: { token: 'forged', expires_at: 9e15 } },
    settings: { crm_url: 'https://attacker.example', api_token: 'forged' },
  };
  const wrote = {};
  for (const area of ['local', 'session', 'sync']) {
    wrote[area] = await tried(async () => { await chrome.storage[area].set(forged); return 'written'; });
  }
  wrote.indexedDb = await tried(() => new Promise((ok, no) => {
    const r = indexedDB.open('talent-bridge', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('quota');
    r.onsuccess = () => {
      const tx = r.result.transaction('quota', 'readwrite');
      tx.objectStore('quota').put(ledger, 'quota:' + globalThis.__quotaUser);
      tx.oncomplete = () => ok('written to the page origin');
      tx.onerror = () => no(tx.error);
    };
    r.onerror = () => no(r.error);
  }));
  return { read, wrote };
})()`;

test('the content script reads no token and no ledger, and its writes change nothing counted // proves S1, S6', async ({ extension, crm, signIn }) => {
  // Both kinds of token: an OAuth sign-in (access and refresh tokens), then a personal API token
  // (settings); and a ledger with 5 of 200 used. (Signing in with OAuth while an API token is
  // saved sometimes never opens the CRM's window under load: see the README's open problems.)
  await signInThroughCrm(extension, crm);
  await signIn('tb-demo-riley');
  const me = await crmApi(crm).me();
  const quotaUser = `${crm.url}#${me.user.id}`;
  await seedQuota(extension.worker, crm.url, me.user.id, 5);
  // The count shown is the CRM's (issue #18); the browser's ledger stays in its storage.
  await crmApi(crm).seedUsage(5);
  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
  await expect(popup.locator('[data-tb="quota"]')).toHaveText('195 of 200 left this month');

  const before = await workerStorage(extension.worker);
  const secrets = [before.local.oauth_refresh.token, before.session.oauth_access.token.token, 'tb-demo-riley'];
  expect(before.local[`quota:${quotaUser}`].used).toBe(5);

  const page = await extension.context.newPage();
  await page.goto(`${SITE}/in/ada-lovelace/`);
  // The content script's world exists once the loader ran.
  await expect
    .poll(async () => (await inContentScript(extension.context, page, '1').catch(() => ({}))).value)
    .toBe(1);
  // The content script also listens for storage changes while the worker writes both areas.
  const listening = await inContentScript(
    extension.context,
    page,
    `(() => {
      globalThis.__quotaUser = ${JSON.stringify(quotaUser)};
      globalThis.__heard = [];
      try { chrome.storage.onChanged.addListener((changes, area) => globalThis.__heard.push(area + ' ' + JSON.stringify(changes))); return 'listening'; }
      catch (e) { return 'refused: ' + e.message; }
    })()`,
  );
  expect(listening.error).toBeUndefined();
  await extension.worker.evaluate(async () => {
    await chrome.storage.local.set({ probe_local: 'secret-local-change' });
    await chrome.storage.session.set({ probe_session: 'secret-session-change' });
  });

  await page.waitForTimeout(500); // a change event, had there been one, has arrived by now
  const heard = (await inContentScript(extension.context, page, 'globalThis.__heard')).value;
  const got = await inContentScript(extension.context, page, ATTACK);
  expect(got.error).toBeUndefined();
  const { read, wrote } = got.value;

  // Nothing read names a token, the ledger, or a change the worker made.
  const everythingRead = JSON.stringify({ read, heard });
  for (const secret of [...secrets, 'quota:', 'oauth_', 'secret-local-change', 'secret-session-change']) {
    expect(everythingRead).not.toContain(secret);
  }
  expect(read.local.refused).toMatch(/access/i);
  expect(read.session.refused).toMatch(/access/i);
  // Neither area the worker uses takes a write from here.
  expect(wrote.local.refused).toMatch(/access/i);
  expect(wrote.session.refused).toMatch(/access/i);

  // The worker's ledger and tokens are as they were; the quota shown is unchanged.
  const after = await workerStorage(extension.worker);
  expect(after.local[`quota:${quotaUser}`]).toEqual(before.local[`quota:${quotaUser}`]);
  expect(after.local.oauth_refresh).toEqual(before.local.oauth_refresh);
  expect(after.local.settings).toEqual(before.local.settings);
  expect(after.session.oauth_access).toEqual(before.session.oauth_access);
  await popup.reload();
  await expect(popup.locator('[data-tb="quota"]')).toHaveText('195 of 200 left this month');
});
