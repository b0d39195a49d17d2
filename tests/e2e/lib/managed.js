// Chromium under enterprise policy (PRODUCT.md A2, A3): managed policy files, a launch that
// leaves the extension to policy, and the options page for an extension of any id.
import { connectedTo } from './browser.js';
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './servers.js';

/** Where Debian's Chromium reads mandatory policy; it reads it at start and watches it after. */
export const POLICY_DIR = '/etc/chromium/policies/managed';

/** Only root may write the policy directory (CI runs as root, DESIGN.md §6). */
export const canWritePolicy = () => typeof process.getuid === 'function' && process.getuid() === 0;
export const NOT_ROOT = `writing ${POLICY_DIR} needs root: run the suite as root (as CI does) to test enterprise policy`;

/** Writes one policy file; returns its path. Remove it with `removePolicy` in a `finally`. */
export function writePolicy(name, policy) {
  fs.mkdirSync(POLICY_DIR, { recursive: true });
  const file = path.join(POLICY_DIR, name);
  fs.writeFileSync(file, JSON.stringify(policy, null, 2));
  return file;
}

export function removePolicy(file) {
  fs.rmSync(file, { force: true });
}

/** Managed configuration for one extension, in the form the Linux policy files take. */
export const extensionPolicy = (id, settings) => ({ '3rdparty': { extensions: { [id]: settings } } });

function baseArgs(sitePort) {
  return [
    `--host-resolver-rules=MAP www.linkedin.com 127.0.0.1:${sitePort}, MAP *.linkedin.com 127.0.0.1:${sitePort}, MAP static.licdn.com 127.0.0.1:${sitePort}`,
    '--ignore-certificate-errors',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-sync',
    '--no-first-run',
  ];
}

/**
 * A fresh profile. With `extensionDir` the unpacked extension is loaded as in lib/browser.js;
 * without it nothing is loaded, and the switches that stop the extension updater are left out
 * (Playwright adds them by default) so that ExtensionInstallForcelist can install the CRX
 * (DESIGN.md §7).
 */
export async function launchManaged(site, { extensionDir = null, userDataDir = tempDir('tb-profile-') } = {}) {
  const args = baseArgs(site.port);
  if (extensionDir) {
    args.push('--disable-background-networking', '--disable-component-update');
    args.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
  }
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 900 },
    args,
    ignoreDefaultArgs: extensionDir
      ? ['--disable-extensions']
      : ['--disable-extensions', '--disable-background-networking', '--disable-component-update'],
  });
  return { context, userDataDir };
}

/** The extension's service worker, once it runs (a force-install takes a few seconds). */
export async function extensionWorker(context, id, timeout = 45_000) {
  const ours = (w) => w.url().startsWith(`chrome-extension://${id}/`);
  const running = context.serviceWorkers().find(ours);
  if (running) return running;
  return context.waitForEvent('serviceworker', { predicate: ours, timeout });
}

export const optionsUrl = (id) => `chrome-extension://${id}/options.html`;
export const popupUrl = (id) => `chrome-extension://${id}/popup.html`;

/**
 * The options page filled as a user would — `configure` of lib/browser.js for any extension id.
 * `crmUrl: null` leaves the address alone (an admin's policy set and locked it).
 */
export async function configureFor(context, id, crmUrl, token) {
  const page = await context.newPage();
  await page.goto(optionsUrl(id));
  if (crmUrl !== null) await page.locator('[data-tb="options-crm-url"]').fill(crmUrl);
  await page.locator('[data-tb="options-token"]').fill(token);
  await page.locator('[data-tb="options-save"]').click();
  // A regex, not the string 'Connected': string matching ignores case, and the fresh profile's
  // "Not connected to a CRM yet." would match before the save has even happened.
  await page.locator('[data-tb="options-status"]').filter({ hasText: crmUrl === null ? /^Connected to / : connectedTo(crmUrl) }).waitFor();
  await page.close();
}
