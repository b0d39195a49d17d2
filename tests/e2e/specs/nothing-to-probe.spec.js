// Nothing to probe (issue #16, PRODUCT.md S5): every web-accessible file is listed with
// `use_dynamic_url`, so the page's fetch at the fixed extension id fails for every file of
// dist/, and the session's dynamic id (known to the content script) is nowhere the page can
// read: not in its markup, attributes, performance timeline, or the errors it can catch. Run in
// page mode and in the strict-CSP fallback (frame mode), with the badge shown and the hover card
// open (both modules and, in frame mode, both kinds of frame loaded).
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, SITE, EXTENSION_ID } from '../lib/fixtures.js';
import { DIST } from '../lib/browser.js';
import { inContentScript } from '../lib/isolated.js';

/** Every file of the built extension, as a path inside it. */
function distFiles(dir = DIST) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? distFiles(full) : [path.relative(DIST, full).split(path.sep).join('/')];
  });
}

/** The page's own world records what it can catch: CSP reports and error events. */
function recordWhatThePageCatches() {
  window.__caught = [];
  const keep = (...parts) => window.__caught.push(parts.map(String).join(' '));
  document.addEventListener('securitypolicyviolation', (e) => keep('csp', e.blockedURI, e.sourceFile, e.violatedDirective), true);
  window.addEventListener('error', (e) => keep('error', e.message, e.filename), true);
  window.addEventListener('unhandledrejection', (e) => keep('rejection', e.reason), true);
}

/** Everything the page's scripts can read that could name an extension. */
function whatThePageSees() {
  const texts = [document.documentElement.outerHTML];
  const frameErrors = [];
  // Open shadow roots are the page's to read; closed ones are not reachable from here.
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      for (const attr of el.attributes) texts.push(`${el.tagName} ${attr.name}=${attr.value}`);
      if (el.shadowRoot) {
        texts.push(el.shadowRoot.innerHTML);
        walk(el.shadowRoot);
      }
      if (el.tagName === 'IFRAME') {
        try {
          texts.push(String(el.contentWindow.location.href));
        } catch (e) {
          frameErrors.push(String(e && e.message));
        }
        texts.push(String(el.src));
      }
    }
  };
  walk(document);
  return {
    texts,
    frameErrors,
    entries: performance.getEntries().map((e) => e.name),
    caught: window.__caught,
  };
}

test('every file of dist/ fetched at the fixed id fails, from the page // proves S5', async ({ signedInPage: page, ourUi }) => {
  await page.goto(`${SITE}/in/ada-lovelace/`);
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'in-crm');
  await ourUi(page).badge.hover();
  await expect(ourUi(page).hoverCard).toBeVisible();

  const files = distFiles();
  expect(files).toContain('content/talent_bridge_content.js');
  expect(files).toContain('frame.html');
  const answers = await page.evaluate(
    (urls) =>
      Promise.all(
        urls.map((url) =>
          fetch(url).then(
            (r) => `${url} answered ${r.status}`,
            () => null,
          ),
        ),
      ),
    files.map((f) => `chrome-extension://${EXTENSION_ID}/${f}`),
  );
  expect(answers.filter(Boolean)).toEqual([]);
  expect(answers).toHaveLength(files.length);
});

test('the dynamic id is nowhere the page can read // proves S5', async ({ extension, signedInPage: page, ourUi }) => {
  await page.addInitScript(recordWhatThePageCatches);
  await page.goto(`${SITE}/in/ada-lovelace/`);
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'in-crm');
  await ourUi(page).badge.hover();
  await expect(ourUi(page).hoverCard).toBeVisible();

  // The content script loads its files at this session's dynamic id, not at the fixed one.
  const urls = await inContentScript(
    extension.context,
    page,
    `Promise.all(['content/talent_bridge_content.js', 'frame.html'].map(async (f) => {
      const url = chrome.runtime.getURL(f);
      return { url, status: (await fetch(url)).status };
    }))`,
  );
  expect(urls.error).toBeUndefined();
  const dynamicId = new URL(urls.value[0].url).host;
  expect(dynamicId).not.toBe(EXTENSION_ID);
  for (const { url, status } of urls.value) {
    expect(new URL(url).host).toBe(dynamicId);
    expect(status).toBe(200);
  }

  const seen = await page.evaluate(whatThePageSees);
  const all = [...seen.texts, ...seen.frameErrors, ...seen.entries, ...seen.caught];
  for (const id of [dynamicId, EXTENSION_ID]) {
    expect(all.filter((t) => t.includes(id))).toEqual([]);
  }
  expect(seen.texts.filter((t) => t.includes('chrome-extension:'))).toEqual([]);
  expect(seen.entries.filter((t) => t.includes('chrome-extension:'))).toEqual([]);
  expect(seen.frameErrors.filter((t) => t.includes('chrome-extension:'))).toEqual([]);
});
