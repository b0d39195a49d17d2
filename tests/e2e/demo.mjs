// `./build.sh demo`: the reference CRM (seeded, database under .data/demo), the fixture site and
// Chromium with the extension. With a display it stays open until Ctrl-C; without one it takes a
// short scripted tour headless, saves screenshots and exits. Either way it stops what it started.
import fs from 'node:fs';
import path from 'node:path';
import { startCrm, startSite, ROOT } from './lib/servers.js';
import { launch, configure, SITE } from './lib/browser.js';
import { ourUi } from './lib/our-ui.js';
import { openSidePanel } from './lib/side-panel.js';

const shots = path.join(ROOT, 'target', 'demo');
const dataDir = path.join(ROOT, '.data', 'demo');
fs.mkdirSync(shots, { recursive: true });
fs.mkdirSync(dataDir, { recursive: true });

const interactive = Boolean(process.env.DISPLAY);
const stops = [];
let stopping = false;
async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const stop of stops.reverse()) await stop().catch(() => {});
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

try {
  const crm = await startCrm({ dir: dataDir });
  stops.push(() => crm.stop());
  const site = await startSite();
  stops.push(() => site.stop());
  console.log(`CRM:          ${crm.url}  (sign in as riley@example.com / riley-demo)`);
  console.log(`Fixture site: ${site.url}  (reached as ${SITE})`);

  const { context } = await launch(site, { headless: !interactive });
  stops.push(() => context.close());
  await configure(context, crm.url, 'tb-demo-riley');
  const page = await context.newPage();

  if (interactive) {
    await page.goto(`${SITE}/in/ada-lovelace/`);
    console.log('Chromium is open on a demo profile. Browse /in/alan-turing/, /in/katherine-johnson/, /feed/ …');
    console.log('Press Ctrl-C to stop everything.');
    await new Promise(() => {});
  }

  const tour = [
    ['in-crm', '/in/ada-lovelace/'],
    ['not-in-crm', '/in/alan-turing/'],
    ['out-of-date', '/in/katherine-johnson/'],
    ['multiple', '/in/margaret-hamilton/'],
  ];
  const seen = [];
  for (const [expected, url] of tour) {
    await page.goto(`${SITE}${url}`);
    const state = await settledState(page);
    const file = path.join(shots, `${url.split('/')[2]}-${state}.png`);
    await page.screenshot({ path: file });
    seen.push({ url, state, expected, file });
  }
  // The side panel (issue #19), beside a profile and beside search results.
  await page.goto(`${SITE}/in/ada-lovelace/`);
  const panel = await openSidePanel(context, page);
  const panelShows = async (count) => {
    const end = Date.now() + 15_000;
    for (;;) {
      const rows = await panel.rows();
      if (rows.length === count && rows.every((r) => r.state !== 'checking')) return rows;
      if (Date.now() > end) throw new Error(`the side panel shows ${rows.length} people, not ${count}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  for (const [url, count, name] of [['/in/ada-lovelace/', 1, 'side-panel-profile'], ['/search/results/people/?keywords=a', 10, 'side-panel-search']]) {
    await page.goto(`${SITE}${url}`);
    const rows = await panelShows(count);
    const file = path.join(shots, `${name}.png`);
    await panel.screenshot(file);
    seen.push({ url: `${url} (side panel, ${rows.length} people)`, state: rows[0].state, expected: rows[0].state, file });
  }

  await crm.stop();
  await page.goto(`${SITE}/in/grace-hopper/`);
  const stopped = await settledState(page);
  const file = path.join(shots, 'grace-hopper-crm-stopped.png');
  await page.screenshot({ path: file });
  seen.push({ url: '/in/grace-hopper/ (CRM stopped)', state: stopped, expected: 'error', file });

  console.log('\nBadge states seen:');
  for (const s of seen) console.log(`  ${s.state.padEnd(12)} ${s.url}  →  ${s.file}`);
  const wrong = seen.filter((s) => s.state !== s.expected);
  if (wrong.length) {
    console.error(`\nUnexpected states: ${wrong.map((s) => `${s.url}: ${s.state} (expected ${s.expected})`).join(', ')}`);
    await stopAll(1);
  }
  await stopAll(0);
} catch (err) {
  console.error(`demo failed: ${err.message}`);
  await stopAll(1);
}

/**
 * The badge's state once it has an answer. The badge lives in a closed shadow root (issue #16):
 * it is read the way the tests read it (`ourUi`, over CDP), never through a door in the product.
 */
async function settledState(page) {
  const badge = ourUi(page).badge;
  const end = Date.now() + 15_000;
  for (;;) {
    const state = await badge.getAttribute('data-state', { timeout: Math.max(1, end - Date.now()) });
    if (state !== 'checking') return state;
    if (Date.now() > end) throw new Error(`the badge on ${page.url()} still says "checking" after 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
