// Force-install (PRODUCT.md A3): with ExtensionInstallForcelist pointing at the update manifest
// served on loopback, Chromium installs the packaged CRX without --load-extension, and its badge
// works on the fixture site.
import { test, expect, SITE } from '../lib/fixtures.js';
import fs from 'node:fs';
import path from 'node:path';
import { NOT_ROOT, canWritePolicy, configureFor, extensionWorker } from '../lib/managed.js';
import { serveUpdates, testPackage } from '../lib/self-hosting.js';
import { startCrm } from '../lib/servers.js';

test.skip(!canWritePolicy(), NOT_ROOT);
// Packing, the update check and the CRX download come on top of the usual start.
test.setTimeout(120_000);

test('the CRX from a loopback update URL is force-installed, and its badge works // proves A3, B1', async ({ machinePolicy, launchManagedBrowser, ourUi }) => {
  // Signed with the dev key when this machine has it (the real id), else with a fresh key whose
  // public half replaces the manifest "key" in a copy of dist/ (so id and key still agree).
  const pkg = testPackage();
  test.info().annotations.push({ type: 'signing key', description: `${pkg.key} key, id ${pkg.id}` });
  const updates = await serveUpdates(pkg);
  // Signed with a fresh key, the package has an id of its own: the CRM answers it as an admin's
  // would (`--allow-extension`, README "Admins"); with the dev key it is ours, allowed anyway.
  const crm = await startCrm({ args: ['--allow-extension', pkg.id] });
  machinePolicy('talent-bridge-test.json', {
    ExtensionInstallForcelist: [`${pkg.id};${updates.updateUrl}`],
    // By default Chromium keeps DevTools — and so Playwright's CDP — away from policy-installed
    // extensions: their worker never shows up and their pages detach. 1 = allowed everywhere.
    DeveloperToolsAvailability: 1,
  });
  try {
    const browser = await launchManagedBrowser(); // no --load-extension: only the policy brings it in
    let worker;
    try {
      worker = await extensionWorker(browser.context, pkg.id);
    } catch (e) {
      throw new Error(`the extension did not start; the update server saw ${JSON.stringify(updates.requests)}\n${e.message}`);
    }
    expect(updates.requests).toContain('/update.xml');
    expect(updates.requests.some((p) => p.endsWith('.crx'))).toBe(true);

    // Installed from the CRX by policy, into the profile — not loaded unpacked from dist/.
    const self = await worker.evaluate(() => ({ id: chrome.runtime.id, version: chrome.runtime.getManifest().version }));
    expect(self).toEqual({ id: pkg.id, version: pkg.version });
    const installed = path.join(browser.userDataDir, 'Default', 'Extensions', pkg.id);
    expect(fs.existsSync(installed), `${installed} exists`).toBe(true);

    await configureFor(browser.context, pkg.id, crm.url, 'tb-demo-riley');
    const page = await browser.context.newPage();
    await page.goto(`${SITE}/in/ada-lovelace/`);
    await expect(ourUi(page).badge).toHaveAttribute('data-state', 'in-crm');
    await expect(ourUi(page).badge).toHaveCount(1);
  } finally {
    await updates.stop();
    await crm.stop();
    pkg.remove();
  }
});
