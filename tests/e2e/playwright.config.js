import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './specs',
  // One Chromium at a time: CI has two cores, and each test starts its own browser and servers.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: [['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
