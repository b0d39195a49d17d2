// `./build.sh bench` (issue #7): the performance table. Run from tests/e2e with TB_ROOT set,
// after `./build.sh build` and `cargo build --release -p talent-bridge-crm -p talent-bridge-site`.
// Prints progress on stderr and the table on stdout; writes target/bench/report.json and
// tests/bench/README-performance.md. Exit 0: every budget holds; 1: a budget is missed or could
// not be measured; 2: the harness itself failed.
//
// Knobs (environment): TB_BENCH_LOADS (profile loads per series, default 30),
// TB_BENCH_DEADLINE_S (default 360, so that build + bench stay under 10 minutes: phases that
// would not fit are skipped and reported n/a), TB_BENCH_PHASES (comma-separated names of the
// phases to run — size, lookup, login, badge, search, hover, frame, panel, cost, memory, export — for working
// on one figure; a partial run prints its table but does not check budgets or write the README
// section).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../e2e/lib/servers.js';
import { DIST } from '../e2e/lib/browser.js';
import { startCrm, startSite, stopAllServers } from './lib/servers.mjs';
import { BASELINE_DIR, inOwnTab, launchVariant, unpackedExtensionId } from './lib/browser.mjs';
import { summary } from './lib/stats.mjs';
import { checkBudgets, renderTable, performanceSection, summarise } from './lib/report.mjs';
import { measureSizes } from './figures/size.mjs';
import { measureLookup } from './figures/lookup.mjs';
import { badgeSeries, hoverSeries, loadProfile, person, searchLoad } from './figures/badge.mjs';
import { costPerFeedLoad, costPerLoad, costPerMutations } from './figures/cost.mjs';
import { measureMemory } from './figures/memory.mjs';
import { measureExport } from './figures/export.mjs';
import { frameFloor, frameModeSeries } from './figures/frame.mjs';
import { sidePanelSeries, sidePanelVariant } from './figures/panel.mjs';
import { measureLoginMemory } from './lib/login_memory.mjs';
import { RELEASE } from './lib/servers.mjs';

const LOADS = Number(process.env.TB_BENCH_LOADS ?? 30);
const DEADLINE_S = Number(process.env.TB_BENCH_DEADLINE_S ?? 360);
// More samples where a median of few swung from run to run on the 2-core machine (issue #20):
// one load's main-thread figure spreads 2–4× (15 loads, was 9); a run's search ÷ profile read
// 1.65–2.21× over eight whole runs of 9 (now 21); frame ÷ page on search 1.32–2.09× of 3 (now 7);
// a median of 3 mutation windows read the baseline's net time as 0.0 ms (now 5).
const COST_LOADS = 15;
const MUTATION_RUNS = 5;
const MEMORY_SAMPLES = 3;
const EXPORT_RUNS = 3;
const SEARCH_LOADS = 21;
const HOVER_LOADS = 10;
const FRAME_LOADS = 10;
const FRAME_SEARCH_LOADS = 7;
const PANEL_LOADS = 10;

const PHASES = process.env.TB_BENCH_PHASES ? new Set(process.env.TB_BENCH_PHASES.split(',').map((p) => p.trim())) : null;
const wanted = (name) => !PHASES || PHASES.has(name);

const t0 = performance.now();
const elapsed = () => (performance.now() - t0) / 1000;
const left = () => DEADLINE_S - elapsed();
const log = (msg) => process.stderr.write(`[bench ${elapsed().toFixed(0).padStart(3)} s] ${msg}\n`);

function machine() {
  let chromium = 'Chromium (version unknown)';
  try {
    chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').pop().replace(/ built on .*/, '');
  } catch {}
  let osName = `${os.type()} ${os.release()}`;
  try {
    osName = fs.readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)/m)?.[1] ?? osName;
  } catch {}
  return {
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown CPU',
    memoryGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    chromium,
    os: osName,
    node: process.version,
    loadAvgStart: os.loadavg().map((l) => l.toFixed(2)),
  };
}

function policyFiles() {
  const dir = '/etc/chromium/policies/managed';
  try {
    return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

/** Runs a phase if it can still fit; its failure becomes an n/a with the reason, not a crash. */
async function phase(key, name, needSeconds, fn) {
  if (!wanted(key)) return { na: 'not asked for (TB_BENCH_PHASES)' };
  if (left() < needSeconds) {
    log(`${name}: skipped (${left().toFixed(0)} s left of the ${DEADLINE_S} s limit, needs ~${needSeconds} s)`);
    return { na: `skipped to stay within ${DEADLINE_S} s` };
  }
  log(`${name} …`);
  try {
    return await fn();
  } catch (err) {
    log(`${name} failed: ${err.stack ?? err}`);
    return { na: `failed: ${String(err.message ?? err).split('\n')[0]}` };
  }
}

const answered = (loads) => loads.filter((l) => l.valid);
/** How long after the page's DOMContentLoaded each load's `end` (a badge's time) came. */
const afterDcl = (loads, end = 'badgeMs') =>
  summary(loads.map((l) => (Number.isFinite(l[end]) && Number.isFinite(l.domContentLoadedMs) ? l[end] - l.domContentLoadedMs : NaN)));
const validBadge = (loads) => summarise(answered(loads), 'badgeMs');

function summariseCost(loads, mutations) {
  const runs = mutations?.runs ?? [];
  const longTasks = [...loads.flatMap((l) => l.longTasks), ...runs.flatMap((r) => r.longTasks)];
  const functions = new Map();
  for (const l of loads) for (const [f, t] of l.topFunctions) functions.set(f, (functions.get(f) ?? 0) + t);
  const entries = {};
  for (const l of loads) for (const [e, t] of Object.entries(l.byEntry)) entries[e] = (entries[e] ?? 0) + t / loads.length;
  return {
    loads: loads.length,
    mutationRuns: runs.length,
    perLoad: summarise(loads, 'extensionMs'),
    perLoadEvents: summarise(loads, 'extensionWorldEventsMs'),
    perLoadThread: summarise(loads, 'extensionThreadMs'),
    perLoadEventsThread: summarise(loads, 'extensionWorldEventsThreadMs'),
    pageBusy: summarise(loads, 'pageBusyMs'),
    harness: summarise(loads, 'harnessMs'),
    workerBusy: summarise(loads, 'workerBusyMs'),
    per1000: runs.length ? summary(runs.map((r) => r.netPer1000Ms)) : undefined,
    longTasksAll: longTasks.length,
    longTasksByExtension: longTasks.filter((t) => t.byExtension).length,
    longTasks,
    maxExtensionInOneTaskMs: Math.max(0, ...loads.map((l) => l.maxExtensionInOneTaskMs), ...runs.map((r) => r.maxExtensionInOneTaskMs)),
    topFunctions: [...functions.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([f, t]) => [f, t / loads.length]),
    perLoadByEntry: entries,
    raw: { loads, mutations },
  };
}

async function main() {
  const report = { startedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), machine: machine(), notes: [] };
  const policies = policyFiles();
  if (policies.length) {
    // Another test on this machine may be trying enterprise policy; it can block or force our id.
    report.notes.push(`Chromium managed policy present during the run (${policies.join(', ')}): it may block or replace the extension`);
  }
  const variants = {};
  let crm;
  let site;
  const stop = async () => {
    for (const v of Object.values(variants)) await v.close();
    await stopAllServers();
  };
  process.once('SIGINT', () => stop().then(() => process.exit(130)));
  process.once('SIGTERM', () => stop().then(() => process.exit(143)));

  try {
    log('size of dist/');
    try {
      report.size = measureSizes(DIST);
    } catch (err) {
      report.size = { files: [], error: err.message };
    }

    const lookup = await phase('lookup', 'CRM lookup at 10,000 and 100,000 contacts', 60, async () => {
      const out = [];
      for (const contacts of [10_000, 100_000]) {
        out.push(await measureLookup(contacts));
        log(`  ${contacts} contacts: p50 ${out.at(-1).p50.toFixed(2)} ms, p99 ${out.at(-1).p99.toFixed(2)} ms`);
      }
      return out;
    });
    if (lookup.na) report.lookupError = lookup.na;
    else report.lookup = lookup;

    const login = await phase('login', 'CRM memory under 200 concurrent log-ins', 30, () => measureLoginMemory({ crmBin: path.join(RELEASE, 'crm') }));
    report.login = login;
    if (!login.na) log(`  peak ${(login.peakKiB / 1024).toFixed(1)} MiB, idle ${(login.baselineKiB / 1024).toFixed(1)} MiB`);

    log('starting the CRM, the fixture site and three browsers (ours, baseline, none)');
    [crm, site] = await Promise.all([startCrm({ allowExtensions: [unpackedExtensionId(BASELINE_DIR)] }), startSite()]);
    for (const name of ['ours', 'baseline', 'none']) {
      // On a shared machine another test's enterprise policy can block the extension for a while.
      for (let attempt = 1; attempt <= 3 && !variants[name]; attempt++) {
        try {
          variants[name] = await launchVariant(name, site, crm);
        } catch (err) {
          const blocked = policyFiles().length ? ' (a managed policy is present)' : '';
          log(`browser "${name}" failed to start, attempt ${attempt}${blocked}: ${err.message.split('\n')[0]}`);
          if (attempt === 3) {
            report.notes.push(`browser "${name}" failed to start${blocked}: ${err.message.split('\n')[0]}`);
            report.missing = [...(report.missing ?? []), `${name}: ${err.message.split('\n')[0]}`];
          }
          else await new Promise((r) => setTimeout(r, 10_000));
        }
      }
    }
    const { ours, baseline, none } = variants;
    const pair = [ours, baseline].filter(Boolean);

    report.badge = {};
    if (!ours) report.badge.na = 'n/a (our extension did not start)';
    else {
      for (const [key, cold] of [['warm', false], ['cold', true]]) {
        const series = await phase('badge', `time to badge, worker ${cold ? 'stopped' : 'warm'}, ${LOADS} loads each`, LOADS * 3, () =>
          badgeSeries(pair, { loads: LOADS, cold, log }),
        );
        if (series.na) {
          report.badge[key] = { ours: `n/a (${series.na})` };
          continue;
        }
        report.badge[key] = {
          ours: validBadge(series.ours),
          baseline: series.baseline && validBadge(series.baseline),
          oursAfterDcl: afterDcl(answered(series.ours)),
          baselineAfterDcl: series.baseline && afterDcl(answered(series.baseline)),
          invalid: Object.fromEntries(Object.entries(series).map(([k, loads]) => [k, loads.filter((l) => !l.valid).length])),
          raw: series,
        };
        log(`  ours ${report.badge[key].ours.median?.toFixed(1)} ms, baseline ${report.badge[key].baseline?.median?.toFixed(1)} ms (median)`);
      }
      const search = await phase('search', 'search page, 25 results', 40, async () => {
        // Each search load is followed by a profile load in the main tab: the ratio compares
        // loads of the same minutes (the machine's speed drifts between phases: the warm series'
        // profile ran 1.5 minutes earlier, and one whole run's ratio read 2.05× for it).
        const loads = [];
        const profiles = [];
        await inOwnTab(ours, async (tab) => {
          for (let i = 0; i < SEARCH_LOADS && loads.at(-1)?.hosts !== 0; i++) {
            loads.push(await searchLoad(tab));
            profiles.push(await loadProfile(ours, person(i)));
          }
        });
        if (!loads.at(-1).hosts) return { na: 'n/a (no search badges yet)', loads };
        const last = summary(loads.map((l) => l.lastBadgeMs));
        // Where the page's own part ends: its DOMContentLoaded, search and profile alike.
        const dcl = (xs) => summary(xs.map((l) => l.domContentLoadedMs));
        return { last, profile: validBadge(profiles), dcl: dcl(loads), profileDcl: dcl(answered(profiles)), lastAfterDcl: afterDcl(loads, 'lastBadgeMs'), profileAfterDcl: afterDcl(answered(profiles)), loads, profiles };
      });
      report.badge.search = search.na && !search.loads ? { na: `n/a (${search.na})` } : search;
      const hover = await phase('hover', `hover card, ${HOVER_LOADS} profile loads`, 20, () => hoverSeries(ours, { loads: HOVER_LOADS }));
      report.badge.hover = hover.na ? { na: `n/a (${hover.na})` } : { first: summary(hover.first), again: summary(hover.again), unanswered: hover.unanswered };
      const framed = await phase('frame', `frame mode (strict CSP), ${FRAME_LOADS} profile + ${FRAME_SEARCH_LOADS} search loads each`, 60, async () => {
        const strictSite = await startSite({ strictCsp: true });
        const frameMode = await launchVariant('ours', strictSite, crm);
        try {
          const series = await frameModeSeries(ours, frameMode, { loads: FRAME_LOADS, searchLoads: FRAME_SEARCH_LOADS });
          await frameMode.close();
          const floor = await launchVariant('floor', strictSite, crm);
          try {
            series.floor = await frameFloor(floor, { loads: FRAME_SEARCH_LOADS });
          } finally {
            await floor.close();
          }
          return series;
        } finally {
          await frameMode.close();
          await strictSite.stop();
        }
      });
      const of = (xs) => (xs.some((x) => x === null) ? `n/a (${xs.filter((x) => x === null).length} loads timed out)` : summary(xs));
      report.badge.frame = framed.na
        ? { na: `n/a (${framed.na})` }
        : {
            profile: of(framed.profile.frame),
            profilePage: of(framed.profile.page),
            search: of(framed.search.frame),
            searchPage: of(framed.search.page),
            hover: of(framed.hover.frame),
            hoverPage: of(framed.hover.page),
            floor: of(framed.floor),
          };
    }

    if (ours) {
      const panel = await phase('panel', `side panel (page untouched) vs in-page badge, ${PANEL_LOADS} profile loads each`, 40, async () => {
        const second = await launchVariant('ours', site, crm);
        try {
          return await sidePanelSeries(ours, await sidePanelVariant(second), { loads: PANEL_LOADS });
        } finally {
          await second.close();
        }
      });
      const timed = (xs) => (xs.some((x) => x === null) ? `n/a (${xs.filter((x) => x === null).length} loads timed out)` : summary(xs));
      report.badge.panel = panel.na ? { na: `n/a (${panel.na})` } : { panel: timed(panel.panel), page: timed(panel.page) };
    }

    report.cost = {};
    for (const v of [ours, baseline, none].filter(Boolean)) {
      const result = await phase('cost', `cost to the page: ${v.name}, ${COST_LOADS} traced profile loads${v.name === 'none' ? '' : ` + ${MUTATION_RUNS} mutation runs`} + ${COST_LOADS} feed loads`, 80, async () => {
        const loads = await costPerLoad(v, { loads: COST_LOADS });
        const mutations = v.name === 'none' ? null : await costPerMutations(v, { runs: MUTATION_RUNS });
        const feed = await costPerFeedLoad(v, { loads: COST_LOADS });
        return { ...summariseCost(loads, mutations), feed: summarise(feed, 'extensionMs'), feedThread: summarise(feed, 'extensionThreadMs'), feedPageBusy: summarise(feed, 'pageBusyMs') };
      });
      report.cost[v.name] = result.na ? undefined : result;
      if (result.na && v === ours) report.cost.na = `n/a (${result.na})`;
      if (!result.na) log(`  ${v.name}: ${result.perLoad.median?.toFixed(1)} ms per load, ${result.longTasksByExtension} long tasks by the extension`);
    }

    report.memory = {};
    for (const v of [ours, baseline, none].filter(Boolean)) {
      const samples = await phase('memory', `memory: ${v.name}`, 20, () => measureMemory(v, { samples: MEMORY_SAMPLES }));
      if (samples.na) {
        if (v === ours) report.memory.na = samples.na;
        continue;
      }
      report.memory[v.name] = {
        usedHeap: summarise(samples, 'usedHeap'),
        backingStorage: summarise(samples, 'backingStorage'),
        wasmBytes: v.name === 'ours' ? summarise(samples, 'wasmBytes') : undefined,
        wasmError: samples.find((s) => s.wasmError)?.wasmError,
        raw: samples,
      };
    }
    const noneHeap = report.memory.none?.usedHeap?.median;
    if (Number.isFinite(noneHeap)) {
      if (report.memory.ours) report.memory.oursExtraHeap = report.memory.ours.usedHeap.median - noneHeap;
      if (report.memory.baseline) report.memory.baselineExtraHeap = report.memory.baseline.usedHeap.median - noneHeap;
    }

    const exported = ours
      ? await phase('export', `export, ${EXPORT_RUNS} runs`, 45, () => measureExport(ours, { runs: EXPORT_RUNS, log }))
      : { na: 'our extension did not start' };
    report.export = exported.na ? { na: exported.na, runs: exported.runs ?? [] } : { runs: exported.runs, summary: summary(exported.runs.map((r) => r.ms)) };
  } finally {
    await stop();
  }

  report.seconds = elapsed();
  report.machine.loadAvgEnd = os.loadavg().map((l) => l.toFixed(2));
  report.budgets = checkBudgets(report);
  const table = renderTable(report);
  console.log(table);

  const out = path.join(ROOT, 'target', 'bench');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  if (PHASES) {
    log(`partial run (TB_BENCH_PHASES=${[...PHASES].join(',')}): wrote ${path.join(out, 'report.json')}; budgets not checked`);
    return 0;
  }
  fs.writeFileSync(path.join(import.meta.dirname, 'README-performance.md'), performanceSection(report, table));
  log(`wrote ${path.join(out, 'report.json')} and tests/bench/README-performance.md`);
  return report.budgets.every((b) => b.pass) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`bench: ${err.stack ?? err}\n`);
    process.exit(2);
  },
);
