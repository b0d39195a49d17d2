// The extension in the browser's UI language (issue #21, PRODUCT.md L1): the words are the
// catalogue the browser picks (`--lang`, lib/browser.js), and the plurals and dates follow that
// same catalogue, never the page's or the machine's language.
import { test, expect, SITE, EXTENSION_ID } from '../lib/fixtures.js';
import { configure } from '../lib/browser.js';
import { crmApi } from '../lib/crm-api.js';

test.use({ uiLanguage: 'fr' });

const FRENCH_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

test('a French browser gets French badges, quota plurals and reset date // proves L1, E6, B1', async ({ extension, crm, ourUi }) => {
  await configure(extension.context, crm.url, 'tb-demo-riley', { connected: /^Connecté à / });
  const api = crmApi(crm);

  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${EXTENSION_ID}/popup.html`);
  await expect(popup.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(popup.locator('[data-tb="quota"]')).toHaveText('Il reste 200 exports sur 200 ce mois-ci');
  await api.seedUsage(199);
  await popup.reload();
  await expect(popup.locator('[data-tb="quota"]')).toHaveText('Il reste 1 export sur 200 ce mois-ci');
  await api.seedUsage(200);
  await popup.reload();
  // CLDR: French says "one" for 0 as for 1.
  await expect(popup.locator('[data-tb="quota"]')).toHaveText('Il reste 0 export sur 200 ce mois-ci');

  const page = await extension.context.newPage();
  await page.goto(`${SITE}/in/ada-lovelace/`);
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'in-crm');
  await expect(ourUi(page).badge).toContainText('Dans le CRM');

  await page.goto(`${SITE}/in/alan-turing/`);
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'not-in-crm');
  await expect(ourUi(page).badge).toContainText('Pas dans le CRM');
  await expect(ourUi(page).exportButton).toBeDisabled();
  const next = new Date();
  const month = FRENCH_MONTHS[(next.getUTCMonth() + 1) % 12];
  await expect(ourUi(page).locator('[data-tb="export-reason"]')).toContainText(`Elle sera réinitialisée le 1er ${month} (UTC).`);

  await page.goto(`${SITE}/in/margaret-hamilton/`);
  await expect(ourUi(page).badge).toHaveAttribute('data-state', 'multiple');
  await expect(ourUi(page).badge).toContainText('2 correspondances');
});

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
