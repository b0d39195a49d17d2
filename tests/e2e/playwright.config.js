import { defineConfig } from '@playwright/test';

// Specs that write the machine's Chromium policy directory change every Chromium on the machine
// (lib/managed.js): they run one at a time, after the rest, with no other browser open.
const MACHINE_WIDE = /(policy|policy-kit|force-install)\.spec\.js$/;
// Tests for the hostile site run only in the hostile projects.
const HOSTILE = /@hostile-site/;
// Specs whose subject works the same in frame mode: the worker's sign-in and tokens, its PDF
// retrieval from the site, the catalogue a language picks, and the side panel (an extension page
// that reads the page and puts nothing in it). What they show in the page is a badge state,
// which the badge, search and export specs check in frame mode too. They run once.
const SAME_IN_FRAME_MODE = /(auth|pdf-action|languages|side-panel)\.spec\.js$/;

// The projects (README "Tests"): the whole suite as the site is, and again in the strict-CSP
// fallback (frame mode) but for the specs above; every other configuration runs only the tests
// tagged for it; the machine-policy specs once per run. The site's configuration reaches the tests as fixture
// options (lib/fixtures.js), never as a global.
export default defineConfig({
  testDir: './specs',
  // Each test starts its own browser and CRM and mostly waits on them: two at a time on CI's two
  // cores (TB_WORKERS=1 for one at a time).
  workers: Number(process.env.TB_WORKERS) || 2,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    { name: 'page', testIgnore: MACHINE_WIDE, grepInvert: HOSTILE },
    { name: 'strict-csp', testIgnore: [MACHINE_WIDE, SAME_IN_FRAME_MODE], grepInvert: HOSTILE, use: { strictCsp: true } },
    // The site attacking us from its own scripts (issue #16), in page mode and in frame mode.
    { name: 'hostile', testIgnore: MACHINE_WIDE, grep: HOSTILE, use: { hostile: true } },
    { name: 'hostile-strict-csp', testIgnore: MACHINE_WIDE, grep: HOSTILE, use: { hostile: true, strictCsp: true } },
    // The site's second design (issue #4): the badge, search and export-panel scenarios.
    { name: 'design-next', testIgnore: MACHINE_WIDE, grep: /@badge|@search|@export-ui/, use: { design: 'next' } },
    // The site in French and German (issue #21): a few badge, search and export scenarios.
    { name: 'site-fr', testIgnore: MACHINE_WIDE, grep: /@site-lang/, use: { siteLang: 'fr' } },
    { name: 'site-de', testIgnore: MACHINE_WIDE, grep: /@site-lang/, use: { siteLang: 'de' } },
    { name: 'machine-policy', testMatch: MACHINE_WIDE, workers: 1 },
  ],
});
