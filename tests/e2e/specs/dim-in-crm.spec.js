// "Dim people already in the CRM on search results" (PRODUCT.md Q3, issue #19): the user's own
// choice, off by default, kept by the worker and told to each page as it loads. Page mode only.
// The dimming is a layer inside our closed root over every card (dimming or not), so the site's
// scripts learn nothing of whom the CRM knows from it (S5): the host of every card is the same
// with the choice on as off — attributes, box, every computed property, and what
// `elementFromPoint` finds anywhere on the card — and a click on a dimmed card is the site's.
import { test, expect, SITE, EXTENSION_ID } from '../lib/fixtures.js';
import { settled } from '../lib/search.js';

test.skip(({ strictCsp }) => strictCsp, 'page mode only (Q3): frame mode dims nothing');

const CHECKBOX = '[data-tb="options-dim-in-crm"]';
const COVER = '[data-tb="cover"]';
/** On the 25-result page (crm/src/seed.rs): who is already in the CRM, and who is not. */
const DIMMED = ['ada-lovelace', 'grace-hopper', 'katherine-johnson']; // in-crm, in-crm, out-of-date
const NOT_DIMMED = ['alan-turing', 'margaret-hamilton', 'edsger-dijkstra']; // not-in-crm, multiple, not-in-crm
/**
 * What follows the host's used width: the badge's label ("In CRM" is shorter than "Not in CRM")
 * makes it differ from card to card with or without this feature (README, "What is not protected").
 */
const LABEL_WIDTH = ['width', 'inline-size', 'transform-origin', 'perspective-origin'];

/** Ticks or unticks the choice in the options page, as the user does, and waits for it to be kept. */
async function chooseDimming(context, on) {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  const box = page.locator(CHECKBOX);
  await expect(box).toBeEnabled();
  await box.setChecked(on);
  await expect(page.locator('[data-tb="options-message"]')).toHaveText('Saved.');
  await page.close();
}

/**
 * In the page's main world, as the site's scripts can: a card's badge host (attributes, box
 * relative to the card, every computed property, its root) and what `elementFromPoint` finds at
 * 5 × 4 points of the card (as a path from the document element).
 */
function probe(card) {
  card.scrollIntoView({ block: 'center' });
  const host = card.querySelector('[data-talent-bridge]');
  const c = card.getBoundingClientRect();
  const r = host.getBoundingClientRect();
  const computed = getComputedStyle(host);
  const style = {};
  for (const name of computed) style[name] = computed.getPropertyValue(name);
  const path = (el) => {
    const steps = [];
    for (; el && el.parentElement; el = el.parentElement) steps.unshift([...el.parentElement.children].indexOf(el));
    return steps.join('/');
  };
  const hits = [];
  for (const fx of [0.02, 0.25, 0.5, 0.75, 0.98]) {
    for (const fy of [0.05, 0.35, 0.65, 0.95]) {
      const [x, y] = [c.left + fx * c.width, c.top + fy * c.height];
      const hit = document.elementFromPoint(x, y);
      const onHost = x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
      hits.push({ fx, fy, path: path(hit), ours: !!hit?.closest('[data-talent-bridge]'), onHost });
    }
  }
  return {
    attrs: [...host.attributes].map((a) => [a.name, a.value]),
    root: host.shadowRoot,
    box: { x: r.left - c.left, y: r.top - c.top, width: r.width, height: r.height },
    style,
    hits,
  };
}

const probeAll = async (page, siteLook, slugs) =>
  Object.fromEntries(await Promise.all(slugs.map(async (s) => [s, await siteLook.cardOf(page, s).evaluate(probe)])));

// proves Q3: the choice is in the options page, off by default, and kept.
test('the options page offers the choice, off by default, and keeps it // proves Q3', async ({ extension }) => {
  const page = await extension.context.newPage();
  await page.goto(`chrome-extension://${EXTENSION_ID}/options.html`);
  const box = page.locator(CHECKBOX);
  await expect(box).toBeEnabled();
  await expect(box).not.toBeChecked();
  await expect(page.getByLabel('Dim people already in the CRM on search results')).toHaveCount(1);
  await box.check();
  await expect(page.locator('[data-tb="options-message"]')).toHaveText('Saved.');
  await page.reload();
  await expect(page.locator(CHECKBOX)).toBeEnabled();
  await expect(page.locator(CHECKBOX)).toBeChecked();
  // Kept by the worker with the user's settings, and given back to the page as it loads.
  const said = await extension.worker.evaluate(() => chrome.storage.local.get('settings'));
  expect(said.settings.dim_in_crm).toBe(true);
  await page.locator(CHECKBOX).uncheck();
  await expect(page.locator('[data-tb="options-message"]')).toHaveText('Saved.');
  await page.reload();
  await expect(page.locator(CHECKBOX)).toBeEnabled();
  await expect(page.locator(CHECKBOX)).not.toBeChecked();
});

// proves Q3, S5: off, no card is covered; on, the people already in the CRM are dimmed and no one
// else, by a layer the site cannot see, hit or measure; a click on a dimmed card is the site's.
test('dims the people already in the CRM, and the page cannot tell which cards // proves Q3, S5', { tag: '@search' }, async ({ signedInPage: page, extension, ourUi, siteLook }) => {
  const ui = { ourUi, siteLook };
  const slugs = [...DIMMED, ...NOT_DIMMED];
  const search = `${SITE}/search/results/people/?keywords=a&count=25`;

  // Off (the default): nothing over any card.
  await page.goto(search);
  await expect(siteLook.results(page)).toHaveCount(25);
  await settled(page, 25, ui);
  await page.waitForTimeout(300);
  await expect(ourUi(page).locator(COVER)).toHaveCount(0);
  const off = await probeAll(page, siteLook, slugs);

  // On: the next page load follows it.
  await chooseDimming(extension.context, true);
  await page.reload();
  await expect(siteLook.results(page)).toHaveCount(25);
  await settled(page, 25, ui);
  // Every card has its layer, each laid over its card once the page is laid out.
  await expect(ourUi(page).locator(COVER)).toHaveCount(25);
  await expect(ourUi(page).locator(`${COVER}:not([style])`)).toHaveCount(0);
  for (const slug of DIMMED) {
    await expect(ourUi(page).within(siteLook.cardOf(page, slug)).locator(COVER)).toHaveAttribute('data-dim');
  }
  for (const slug of NOT_DIMMED) {
    await expect(ourUi(page).within(siteLook.cardOf(page, slug)).locator(`${COVER}:not([data-dim])`)).toHaveCount(1);
  }
  const inCrm = (await ourUi.badges(page)).filter((b) => ['in-crm', 'out-of-date'].includes(b.state));
  expect(inCrm.length).toBeGreaterThanOrEqual(DIMMED.length);
  await expect(ourUi(page).locator(`${COVER}[data-dim]`)).toHaveCount(inCrm.length);
  // The layer covers the card it dims (each edge within a pixel: the layer's are whole pixels).
  const edges = (b) => ({ left: b.x, top: b.y, right: b.x + b.width, bottom: b.y + b.height });
  for (const slug of ['ada-lovelace', 'alan-turing']) {
    const card = siteLook.cardOf(page, slug);
    await card.scrollIntoViewIfNeeded();
    const [layer, site] = [edges(await ourUi(page).within(card).locator(COVER).boundingBox()), edges(await card.boundingBox())];
    for (const k of Object.keys(site)) expect(Math.abs(layer[k] - site[k]), `${slug} ${k}: ${layer[k]} vs ${site[k]}`).toBeLessThanOrEqual(1);
  }

  // What the site's scripts see of every host is what they saw with the choice off.
  const on = await probeAll(page, siteLook, slugs);
  for (const slug of slugs) {
    expect(on[slug].root).toBeNull();
    expect(on[slug].attrs).toEqual(off[slug].attrs);
    expect(on[slug].box).toEqual(off[slug].box);
    expect(on[slug].style).toEqual(off[slug].style);
    expect(on[slug].hits).toEqual(off[slug].hits);
    // Only the badge itself is ours to hit: the layer never is.
    expect(on[slug].hits.filter((h) => h.ours && !h.onHost)).toEqual([]);
  }
  // An in-CRM card's host against a not-in-CRM card's: the same attributes, height and
  // properties (but those that follow the label's width, which differ without this feature too).
  const [known, unknown] = [on['ada-lovelace'], on['alan-turing']];
  expect(known.attrs).toEqual(unknown.attrs);
  expect(known.box.height).toBe(unknown.box.height);
  const differ = Object.keys(known.style).filter((k) => known.style[k] !== unknown.style[k]);
  expect(differ.filter((k) => !LABEL_WIDTH.includes(k))).toEqual([]);
  expect(Object.keys(known.style).length).toBeGreaterThan(300);

  // A click on a dimmed card reaches the site: its name link takes the user to the profile.
  const link = siteLook.nameLink(siteLook.cardOf(page, 'ada-lovelace'), 'ada-lovelace');
  // In the middle of the window: the site's sticky header covers its top.
  await link.evaluate((a) => a.scrollIntoView({ block: 'center' }));
  const box = await link.boundingBox();
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('a')?.getAttribute('href'), at)).toContain('/in/ada-lovelace/');
  await page.mouse.click(at.x, at.y);
  await page.waitForURL(/\/in\/ada-lovelace\//, { timeout: 10_000 });
});
