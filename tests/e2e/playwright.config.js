import { defineConfig } from '@playwright/test';

// Specs that write the machine's Chromium policy directory change every Chromium on the machine
// (lib/managed.js): they run one at a time, after the rest, with no other browser open.
const MACHINE_WIDE = /(policy|policy-kit|force-install)\.spec\.js$/;

export default defineConfig({
  testDir: './specs',
  // Each test starts its own browser and servers and mostly waits on them: two at a time on
  // CI's two cores (TB_WORKERS=1 for one at a time).
  workers: Number(process.env.TB_WORKERS) || 2,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
  projects: [
    { name: 'extension', testIgnore: MACHINE_WIDE },
    { name: 'machine-policy', testMatch: MACHINE_WIDE, dependencies: ['extension'], workers: 1 },
  ],
});
