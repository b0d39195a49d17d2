// The one fixture layer every spec builds on (issue #13): the fixture site (one per worker and
// configuration, its counters and switches reset before each test), a reference CRM on a fresh
// database per test, a fresh browser profile with the built extension, signing in as a user
// would, and `ourUi` — the only way a spec reaches inside our UI (lib/our-ui.js).
//
// The site's configuration comes from the Playwright project (playwright.config.js): `strictCsp`
// (frame mode, DESIGN.md §2) and `design` ('current' | 'next' | 'hashed-2025' | 'member-id-2018':
// the last two change only the search page); a spec that needs one pins it with
// `test.use({ design: 'next' })`.
import { test as base, expect as baseExpect } from '@playwright/test';
import { startCrm, startSite } from './servers.js';
import { launch, configure, SITE } from './browser.js';
import { launchManaged, writePolicy, removePolicy } from './managed.js';
import { ourUi as uiOf, uiMatchers, badgesOf } from './our-ui.js';
import { designHelpers } from './design.js';

export const expect = baseExpect.extend(uiMatchers);

export const test = base.extend({
  strictCsp: [false, { option: true, scope: 'worker' }],
  design: ['current', { option: true, scope: 'worker' }],
  /** The site's own interface language (`--lang en|fr|de`, issue #21); people's data stays as it is. */
  siteLang: ['en', { option: true, scope: 'worker' }],
  /** The site's own scripts attack extensions in its pages (`--hostile`, issue #16). */
  hostile: [false, { option: true, scope: 'worker' }],
  /** The browser's UI language (`--lang`), which picks our `_locales` catalogue (issue #21). */
  uiLanguage: ['en-US', { option: true }],
  /** Extra arguments for the reference CRM (`test.use({ crmArgs: [...] })`). */
  crmArgs: [[], { option: true }],

  siteServer: [
    async ({ strictCsp, design, hostile, siteLang }, use) => {
      const site = await startSite({ strictCsp, design, hostile, lang: siteLang });
      await use(site);
      await site.stop();
    },
    { scope: 'worker' },
  ],

  /** The fixture site, with its counters and PDF switch as at start. */
  site: async ({ siteServer }, use) => {
    await siteServer.reset();
    await use(siteServer);
  },

  /** The reference CRM on its own database, seeded with the demo data. */
  crm: async ({ crmArgs }, use) => {
    const crm = await startCrm({ args: crmArgs });
    await use(crm);
    await crm.stop();
  },

  /**
   * Starts more browsers (a second profile; `{ others: [dir] }` loads more extensions beside
   * ours); every one is closed after the test.
   */
  launchBrowser: async ({ site, uiLanguage }, use) => {
    const opened = [];
    await use(async (options = {}) => {
      const b = await launch(site, { lang: uiLanguage, ...options });
      opened.push(b);
      return b;
    });
    await Promise.all(opened.map((b) => b.context.close().catch(() => {})));
  },

  /**
   * Chromium under enterprise policy (lib/managed.js), for the machine-policy project:
   * `launchManagedBrowser({ extensionDir })`; every one is closed after the test.
   */
  launchManagedBrowser: async ({ site }, use) => {
    const opened = [];
    await use(async (options) => {
      const b = await launchManaged(site, options);
      opened.push(b);
      return b;
    });
    await Promise.all(opened.map((b) => b.context.close().catch(() => {})));
  },

  /** Writes a file of the machine's Chromium policy; every one is removed after the test. */
  machinePolicy: async ({}, use) => {
    const files = [];
    await use((name, policy) => {
      const file = writePolicy(name, policy);
      files.push(file);
      return file;
    });
    files.forEach(removePolicy);
  },

  /** A fresh Chromium profile with the built extension: `{ context, worker, userDataDir }`. */
  extension: async ({ launchBrowser }, use) => {
    await use(await launchBrowser());
  },

  /** Signs in as a user would, in the options page: `await signIn('tb-demo-val')`. */
  signIn: async ({ extension, crm }, use) => {
    await use((token = 'tb-demo-riley', into = extension) => configure(into.context, crm.url, token));
  },

  /** Signed in as Riley (the demo recruiter), a new tab open: the page to go from. */
  signedInPage: async ({ extension, signIn }, use) => {
    await signIn();
    await use(await extension.context.newPage());
  },

  /** Opens a profile in a new tab and waits for its one badge to settle. */
  openProfile: async ({ extension, ourUi }, use) => {
    await use(async (path) => {
      const page = await extension.context.newPage();
      await page.goto(`${SITE}${path}`);
      await expect(ourUi(page).badge).toHaveCount(1);
      await expect(ourUi(page).badge).not.toHaveAttribute('data-state', 'checking');
      return page;
    });
  },

  /**
   * `ourUi(page)`: a locator over our UI in that page (lib/our-ui.js); `ourUi(page).within(card)`
   * for one site element's badge; `ourUi.badges(page)` for every badge with the person it is for.
   */
  ourUi: async ({ siteLook }, use) => {
    const ui = (page) => uiOf(page);
    ui.badges = (page, names = siteLook.NAMES) => badgesOf(page, names);
    ui.settled = async (page) => (await badgesOf(page, siteLook.NAMES)).filter((b) => b.state && b.state !== 'checking').length;
    await use(ui);
  },

  /** Where the tests find the site's own parts in the design the site renders (lib/design.js). */
  siteLook: async ({ design, siteLang }, use) => {
    await use(designHelpers(design, siteLang));
  },
});

export { SITE, clientSideTo, EXTENSION_ID } from './browser.js';
