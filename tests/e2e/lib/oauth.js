// Signing in to the CRM with OAuth the way a person does (options page, the CRM's own window).
import { EXTENSION_ID } from './browser.js';

/** The whole sign-in as a person does it: options page, the CRM's log-in and consent window. */
export async function signInThroughCrm({ context }, crm, { allow = true } = {}) {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  await options.locator('[data-tb="options-crm-url"]').fill(crm.url);
  const authWindow = context.waitForEvent('page');
  await options.locator('[data-tb="options-sign-in"]').click();
  const auth = await authWindow;
  await auth.waitForLoadState();
  await auth.locator('input[name="email"]').fill('riley@example.com');
  await auth.locator('input[name="password"]').fill('riley-demo');
  await auth.locator('button[type="submit"]').click();
  await auth.locator(allow ? '[data-test="allow"]' : '[data-test="deny"]').click();
  // The worker stores the tokens after the window closes: wait for it before reading them.
  if (allow) await options.locator('[data-tb="options-status"]').filter({ hasText: /^Connected to / }).waitFor();
  return options;
}
