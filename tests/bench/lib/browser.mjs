// Chromium for the bench, one browser per variant: "ours" (dist/), "baseline"
// (tests/bench/baseline), "floor" (tests/bench/frame-floor: frame mode's floor, 25 empty extension
// frames) and "none" (no extension: what the page costs by itself).
// Same flags as the e2e suite (tests/e2e/lib/browser.js). Every variant also loads the bench's
// probe extension (lib/probe.mjs says why), so that each carries the same harness.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromiumArgs, configure, DIST, EXTENSION_ID } from '../../e2e/lib/browser.js';
import { tempDir } from '../../e2e/lib/servers.js';
import { probe, PROBE_EXTENSION } from './probe.mjs';

// tests/bench has no node_modules of its own: resolve Playwright from tests/e2e.
const require = createRequire(new URL('../../e2e/package.json', import.meta.url));
const { chromium } = require('@playwright/test');

export const BASELINE_DIR = path.join(import.meta.dirname, '..', 'baseline');
/** 25 empty extension frames in a search page, nothing else: frame mode's floor (figures/frame.mjs). */
export const FRAME_FLOOR_DIR = path.join(import.meta.dirname, '..', 'frame-floor');
export const TOKEN = 'tb-demo-riley';

/**
 * The id Chromium gives an unpacked extension without a `key`: the SHA-256 of its directory's
 * real path, first 16 bytes, each hex digit written as a letter a–p. The bench needs the
 * baseline's before its browser starts (the CRM allows CORS by extension id).
 */
export function unpackedExtensionId(dir) {
  const digest = crypto.createHash('sha256').update(fs.realpathSync(dir)).digest('hex').slice(0, 32);
  return [...digest].map((h) => String.fromCharCode(97 + parseInt(h, 16))).join('');
}

async function extensionWorker(context, prefix) {
  const ours = () => context.serviceWorkers().find((w) => w.url().startsWith(prefix ?? 'chrome-extension://'));
  return ours() ?? (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(prefix ?? 'chrome-extension://'), timeout: 15_000 }));
}

/**
 * A browser for one variant, configured against `crm`, with a measuring tab (`page`, carrying
 * the in-page probe) and a CDP session on it (`cdp`).
 */
export async function launchVariant(name, site, crm) {
  const extension = { ours: DIST, baseline: BASELINE_DIR, floor: FRAME_FLOOR_DIR, none: null }[name];
  const profileDir = tempDir(`tb-bench-${name}-`);
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 900 },
    args: chromiumArgs(site.port, { extension, others: [PROBE_EXTENSION] }),
  });
  const variant = { name, context, extensionOrigin: null, clearCache: null };
  variant.close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(profileDir, { recursive: true, force: true });
  };
  try {
    if (name === 'ours') {
      await extensionWorker(context, `chrome-extension://${EXTENSION_ID}/`);
      variant.extensionOrigin = `chrome-extension://${EXTENSION_ID}`;
      await configure(context, crm.url, TOKEN);
      // Our worker caches answers for 60 s; the baseline has no cache. Clearing before every
      // measured load makes both pay one CRM round trip. A document of the extension does it, so
      // that a stopped worker stays stopped until the load wakes it: one that runs nothing of
      // ours (the popup, which this once was, asks the worker for its status every 2 s, and the
      // worker the CRM for the quota: worker time and CRM traffic in every measured load).
      const storagePage = await context.newPage();
      await storagePage.goto(`chrome-extension://${EXTENSION_ID}/managed_schema.json`);
      variant.clearCache = () =>
        storagePage.evaluate(async () => {
          const all = await chrome.storage.session.get(null);
          const keys = Object.keys(all).filter((k) => k.startsWith('lookup:'));
          if (keys.length) await chrome.storage.session.remove(keys);
          return keys.length;
        });
    } else if (name === 'baseline') {
      const worker = await extensionWorker(context);
      // Node's URL has no origin for this scheme ("null"): the host is the id.
      variant.extensionOrigin = `chrome-extension://${new URL(worker.url()).host}`;
      if (variant.extensionOrigin !== `chrome-extension://${unpackedExtensionId(BASELINE_DIR)}`) {
        throw new Error(`the baseline runs as ${variant.extensionOrigin}, not the id the CRM was told to allow`);
      }
      await worker.evaluate((crmUrl) => chrome.storage.local.set({ crmUrl }), crm.url);
    }
    variant.page = await context.newPage();
    await variant.page.addInitScript(probe);
    variant.cdp = await context.newCDPSession(variant.page);
    // Traces from the browser target: a page target's trace leaves out the service worker.
    variant.browserCdp = await context.browser().newBrowserCDPSession();
    variant.version = context.browser().version();
    await variant.cdp.send('ServiceWorker.enable');
    variant.workerStatus = new Map();
    variant.cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) variant.workerStatus.set(v.versionId, v.runningStatus);
    });
  } catch (err) {
    await variant.close();
    throw err;
  }
  return variant;
}

/**
 * Runs `fn` with the variant measuring in a tab of its own, closed after. Our worker allows a
 * tab only so many distinct people in 10 s (PRODUCT.md S5, `src/churn.rs`): a search page's 25
 * and then a profile in the same tab would pause that tab's lookups for a minute, and every
 * figure measured in it after that would time an error badge.
 */
export async function inOwnTab(variant, fn) {
  const page = await variant.context.newPage();
  try {
    await page.addInitScript(probe);
    return await fn({ ...variant, page });
  } finally {
    await page.close().catch(() => {});
  }
}

/** Stops every service worker (as Chrome does after 30 s idle) and waits until they are down. */
export async function stopWorkers(variant) {
  await variant.cdp.send('ServiceWorker.stopAllWorkers');
  const deadline = Date.now() + 3_000;
  while (Date.now() < deadline) {
    if ([...variant.workerStatus.values()].every((s) => s === 'stopped')) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return false;
}
