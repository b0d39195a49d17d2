// Debian's Chromium with the built extension, reaching the fixture site as www.linkedin.com.
import { chromium } from '@playwright/test';
import path from 'node:path';
import { ROOT, tempDir } from './servers.js';

export const EXTENSION_ID = 'gnkhiiocdompgpmpfknahhechpbajkmk';
export const DIST = path.join(ROOT, 'dist');
export const SITE = 'https://www.linkedin.com';

/**
 * `lang`: the browser's UI language, which picks the extension's `_locales` catalogue. Chromium
 * on Linux takes it from `--lang` (measured: `LANGUAGE=fr` in the environment changed nothing
 * headless, and Playwright's `locale` option changes `navigator.language` and
 * `chrome.i18n.getUILanguage()` but not the catalogue `chrome.i18n.getMessage` reads).
 * English unless a test asks, whatever the machine's locale. `launch` passes both: either alone
 * leaves half the browser in the other language.
 */
export function chromiumArgs(sitePort, { extension = DIST, others = [], lang = 'en-US' } = {}) {
  const args = [
    `--lang=${lang}`,
    `--host-resolver-rules=MAP www.linkedin.com 127.0.0.1:${sitePort}, MAP *.linkedin.com 127.0.0.1:${sitePort}, MAP static.licdn.com 127.0.0.1:${sitePort}`,
    '--ignore-certificate-errors',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
  const loaded = [extension, ...others].filter(Boolean).join(',');
  if (loaded) args.push(`--disable-extensions-except=${loaded}`, `--load-extension=${loaded}`);
  return args;
}

/**
 * A fresh browser profile with the extension loaded (`extension: null`: none). `lang` other than
 * English also sets the context's `locale` (`navigator.language`, `Accept-Language`).
 */
export async function launch(site, { headless = true, userDataDir = tempDir('tb-profile-'), others = [], lang, extension = DIST } = {}) {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless,
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 900 },
    ...(lang && lang !== 'en-US' ? { locale: lang } : {}),
    args: chromiumArgs(site.port, { others, lang, extension }),
  });
  // The same browser without the extension: what the site does by itself.
  if (!extension) return { context, worker: null, userDataDir };
  const ours = (w) => w.url().startsWith(`chrome-extension://${EXTENSION_ID}/`);
  let worker = context.serviceWorkers().find(ours);
  if (!worker) worker = await context.waitForEvent('serviceworker', { predicate: ours, timeout: 15_000 });
  return { context, worker, userDataDir };
}

/**
 * Fills the options page as a user would: CRM address and personal token. `connected`: the
 * status that says it worked (English by default; a test in another language passes its own).
 */
export async function configure(context, crmUrl, token, { connected = connectedTo(crmUrl) } = {}) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await page.locator('[data-tb="options-crm-url"]').fill(crmUrl);
  await page.locator('[data-tb="options-token"]').fill(token);
  await page.locator('[data-tb="options-save"]').click();
  // "Not connected" also contains the word: wait for the positive status itself, naming this CRM
  // — the page opens on the previous CRM's status ("Connected to" it, from the worker's cached
  // profile), and a test that went on then would still be talking to that one.
  const status = page.locator('[data-tb="options-status"]');
  try {
    await status.filter({ hasText: connected }).waitFor();
  } catch (err) {
    const said = await status.textContent({ timeout: 1_000 }).catch(() => null);
    throw new Error(`the options page never said it was connected to ${crmUrl}; it says ${JSON.stringify(said)}`, { cause: err });
  }
  await page.close();
}

/** The options page's status once it is connected to `crmUrl` (as typed, or as the CRM's origin). */
export function connectedTo(crmUrl) {
  const escaped = String(crmUrl).replace(/\/+$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^Connected to ${escaped}(\\s|$)`);
}

/**
 * Navigates the way the site's own router does: a click on an in-page link, no page load.
 * Returns the page loads seen meanwhile (none, for a client-side navigation).
 */
export async function clientSideTo(page, path) {
  const loads = [];
  const onLoad = () => loads.push(path);
  page.on('load', onLoad);
  await page.evaluate((href) => {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = 'go';
    document.body.appendChild(a);
    a.click();
    a.remove();
  }, path);
  await page.waitForURL((u) => u.pathname === new URL(path, 'https://x').pathname);
  page.off('load', onLoad);
  return loads;
}
