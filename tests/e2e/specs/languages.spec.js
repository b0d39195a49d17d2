// The extension in the browser's UI language (issue #21, PRODUCT.md L1): the words are the
// catalogue the browser picks (`--lang` and the context's `locale`, lib/browser.js), and the
// plurals and dates follow that same catalogue, never the page's or the machine's language.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, SITE, EXTENSION_ID } from '../lib/fixtures.js';
import { configure } from '../lib/browser.js';
import { crmApi } from '../lib/crm-api.js';
import { ROOT } from '../lib/servers.js';

const catalogue = (folder) => JSON.parse(fs.readFileSync(path.join(ROOT, 'static/_locales', folder, 'messages.json'), 'utf8'));

/** The literal pieces of a message: what is left between placeholders and list separators. */
const pieces = (message) =>
  message
    .split(/\$[A-Za-z0-9_@]+\$|\$\d|\|/)
    .map((p) => p.replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, ''))
    .filter((p) => (p.match(/\p{L}/gu) || []).length >= 3);

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const word = (s) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(s)}(?![\\p{L}\\p{N}])`, 'u');

/**
 * Every English piece that the target catalogue does not use itself: none may show. (A piece
 * both catalogues share — "Talent Bridge", "CRM" — proves nothing either way.)
 */
function englishLeft(texts, folder) {
  const theirs = Object.values(catalogue(folder)).map((m) => m.message).join('\n');
  const english = new Set(Object.entries(catalogue('en')).filter(([name]) => name !== 'locale').flatMap(([, m]) => pieces(m.message)));
  const shown = texts.join('\n');
  return [...english].filter((p) => !word(p).test(theirs) && word(p).test(shown));
}

// Everything of ours a user sees or hears in the shadow root holding this badge: the rendered
// text, and the names and descriptions given to screen readers.
const SURFACE_TEXT = (el) => {
  const root = el.getRootNode();
  const out = [];
  for (const child of root.children) {
    if (child.tagName !== 'STYLE' && child.tagName !== 'SCRIPT') out.push(child.innerText);
  }
  for (const e of root.querySelectorAll('[aria-label], [title], [placeholder]')) {
    out.push(e.getAttribute('aria-label') || '', e.getAttribute('title') || '', e.getAttribute('placeholder') || '');
  }
  return out.join('\n');
};

const DOCUMENT_TEXT = () =>
  [document.body.innerText, document.title, ...[...document.querySelectorAll('[aria-label], [title], [placeholder]')].map((e) => `${e.getAttribute('aria-label') || ''}\n${e.getAttribute('title') || ''}\n${e.getAttribute('placeholder') || ''}`)].join('\n');

const LANGUAGES = {
  fr: {
    folder: 'fr',
    connected: /^Connecté à /,
    quota: (n) => `Il reste ${n} export${n > 1 ? 's' : ''} sur 200 ce mois-ci`,
    inCrm: 'Dans le CRM',
    notInCrm: 'Pas dans le CRM',
    multiple: '2 correspondances',
    adaUpdated: '2 mars 2026',
    months: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
    resets: (month) => `Elle sera réinitialisée le 1er ${month} (UTC).`,
  },
  de: {
    folder: 'de',
    connected: /^Verbunden mit /,
    quota: (n) => `Noch ${n} von 200 Exporten diesen Monat`,
    inCrm: 'Im CRM',
    notInCrm: 'Nicht im CRM',
    multiple: '2 Treffer',
    adaUpdated: '2. März 2026',
    months: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
    resets: (month) => `Es wird am 1. ${month} zurückgesetzt (UTC).`,
  },
};

for (const [lang, want] of Object.entries(LANGUAGES)) {
  test.describe(`Chromium in ${lang}`, () => {
    test.use({ uiLanguage: lang });

    test(`badge, hover card, export panel and popup say nothing in English; quota and dates in ${lang}'s form // proves L1, E6, B1`, async ({ extension, crm, ourUi }) => {
      await configure(extension.context, crm.url, 'tb-demo-riley', { connected: want.connected });
      const api = crmApi(crm);
      const seen = [];

      // The popup, and its plurals: French says "one" for 0 as for 1 (CLDR).
      const popup = await extension.context.newPage();
      await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
      await expect(popup.locator('html')).toHaveAttribute('lang', lang);
      await expect(popup.locator('[data-tb="quota"]')).toHaveText(want.quota(200));
      seen.push(await popup.evaluate(DOCUMENT_TEXT));

      // Badge and hover card: the last update is a day in the catalogue's words.
      const page = await extension.context.newPage();
      await page.goto(`${SITE}/in/ada-lovelace/`);
      await expect(ourUi(page).badge).toHaveAttribute('data-state', 'in-crm');
      await expect(ourUi(page).badge).toContainText(want.inCrm);
      await ourUi(page).badge.hover();
      await expect(ourUi(page).hoverCard).toBeVisible();
      await expect(ourUi(page).hoverCard).toContainText(want.adaUpdated);
      seen.push(await ourUi(page).badge.evaluate(SURFACE_TEXT));

      // The export panel, with the month's quota.
      await page.goto(`${SITE}/in/alan-turing/`);
      await expect(ourUi(page).badge).toHaveAttribute('data-state', 'not-in-crm');
      await expect(ourUi(page).badge).toContainText(want.notInCrm);
      await ourUi(page).exportButton.click();
      await expect(ourUi(page).panel).toBeVisible();
      await expect(ourUi(page).panel).toContainText(want.quota(200));
      await expect(ourUi(page).panel.locator('[data-tb="pool-option"]').first()).toBeVisible();
      seen.push(await ourUi(page).badge.evaluate(SURFACE_TEXT));

      await page.goto(`${SITE}/in/margaret-hamilton/`);
      await expect(ourUi(page).badge).toHaveAttribute('data-state', 'multiple');
      await expect(ourUi(page).badge).toContainText(want.multiple);
      await ourUi(page).badge.hover();
      await expect(ourUi(page).hoverCard).toBeVisible();
      seen.push(await ourUi(page).badge.evaluate(SURFACE_TEXT));

      expect(englishLeft(seen, want.folder), `English words in the ${lang} UI`).toEqual([]);

      // Spent: the quota's other plural forms, and the day the month starts again.
      await api.seedUsage(199);
      await popup.reload();
      await expect(popup.locator('[data-tb="quota"]')).toHaveText(want.quota(1));
      await api.seedUsage(200);
      await popup.reload();
      await expect(popup.locator('[data-tb="quota"]')).toHaveText(want.quota(0));
      await page.goto(`${SITE}/in/alan-turing/`);
      await expect(ourUi(page).exportButton).toBeDisabled();
      const month = want.months[(new Date().getUTCMonth() + 1) % 12];
      await expect(ourUi(page).locator('[data-tb="export-reason"]')).toContainText(want.resets(month));
    });
  });
}

test.describe('Portuguese (Brazil)', () => {
  test.use({ uiLanguage: 'pt-BR' });

  test('a Brazilian browser gets the pt_BR catalogue and says so to screen readers // proves L1', async ({ extension, crm }) => {
    await configure(extension.context, crm.url, 'tb-demo-riley', { connected: /^Conectado a / });
    const popup = await extension.context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
    await expect(popup.locator('html')).toHaveAttribute('lang', 'pt-BR');
    await expect(popup).toHaveTitle('Talent Bridge');
    await expect(popup.locator('[data-tb="quota"]')).toHaveText('200 de 200 exportações restantes este mês');
  });
});

// Right-to-left (issue #21 deliver 3): Arabic and Hebrew names from the CRM and from the page in
// their own direction, and an override left open in a name cannot reverse our words after it.
const RLO = '\u202E';

test('an Arabic name from the CRM reads right to left; an open override in a page name cannot reverse our labels // proves L1', async ({ extension, crm, signIn, ourUi }) => {
  await signIn();
  const api = crmApi(crm);
  await api.createContact({ full_name: `هدى ${RLO}لامار`, public_id: 'hedy-lamarr', headline: 'مهندسة' });

  const page = await extension.context.newPage();
  await page.goto(`${SITE}/in/hedy-lamarr/`);
  await expect(ourUi(page).badge).toHaveAttribute('data-state', /^(in-crm|out-of-date)$/);
  await ourUi(page).badge.hover();
  const name = ourUi(page).hoverCard.locator('[data-tb="card-contact-link"]');
  // The worker dropped the override the CRM sent; the name keeps its letters and its direction.
  await expect(name).toHaveText('هدى لامار');
  const DIRECTION = (el) => ({ dir: el.getAttribute('dir'), direction: getComputedStyle(el).direction, text: el.textContent });
  expect(await name.evaluate(DIRECTION)).toEqual({ dir: 'auto', direction: 'rtl', text: 'هدى لامار' });
  expect((await ourUi(page).hoverCard.locator('dt').first().evaluate(DIRECTION)).direction).toBe('ltr');

  // The site shows a name with a RIGHT-TO-LEFT OVERRIDE and no end to it.
  // (The site's own answer, fetched by the page: the test's Node does not resolve the site.)
  // Its CSP too: under the strict-csp project the page stays one that refuses wasm (frame mode).
  const { html, csp } = await page.evaluate(
    (url) => fetch(url).then(async (r) => ({ html: await r.text(), csp: r.headers.get('content-security-policy') })),
    `${SITE}/in/alan-turing/`,
  );
  const hostile = html.replaceAll('Turing', `${RLO}טיורינג`);
  const headers = csp ? { 'content-security-policy': csp } : {};
  await page.route(`${SITE}/in/alan-turing/`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', headers, body: hostile }));
  await page.goto(`${SITE}/in/alan-turing/`);
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'not-in-crm');
  await ourUi(page).exportButton.click();
  const title = ourUi(page).panel.locator('#tb-export-title');
  await expect(title).toHaveText('Export Alan טיורינג to the CRM');
  // Our words stay where they are, in their order: "Export" first, then the name isolated in its
  // own direction, then "to the CRM" from left to right. Reversed, "CRM" would come before "to".
  const order = await title.evaluate((el, rlo) => {
    const box = (node, from, to) => {
      const range = document.createRange();
      range.setStart(node, from);
      range.setEnd(node, to);
      return range.getBoundingClientRect();
    };
    const bdi = el.querySelector('bdi');
    const texts = [...el.querySelectorAll('*'), el].flatMap((e) => [...e.childNodes]).filter((n) => n.nodeType === Node.TEXT_NODE);
    const before = texts.find((n) => n.data.startsWith('Export'));
    const after = texts.find((n) => n.data.includes('to the CRM'));
    const at = after.data.indexOf('to the CRM');
    return {
      override: el.textContent.includes(rlo),
      bdi: bdi && bdi.getAttribute('dir'),
      exportBeforeName: box(before, 0, 6).right <= bdi.getBoundingClientRect().left + 1,
      nameBeforeTo: bdi.getBoundingClientRect().right <= box(after, at, at + 2).left + 1,
      toBeforeCrm: box(after, at, at + 2).right <= box(after, at + 7, at + 10).left,
    };
  }, RLO);
  expect(order).toEqual({ override: false, bdi: 'auto', exportBeforeName: true, nameBeforeTo: true, toBeforeCrm: true });
});
