// The bench's outputs: budgets, the printed table, and the README "Performance" section.
import { summary, ratio } from './stats.mjs';

// Budgets: what `./build.sh bench` fails on (its exit status). Issue #20 tightened them to the
// numbers of its own runs (2026-12-06: README "Performance") with room for a noisy 2-core
// machine; its goals, where the budget is not yet the goal, are TARGETS, printed beside them.
// The room is what the same code measured across machines and runs (2026-12-06): main-thread
// time per profile load 5.9 ms (Xeon), 6.9–15.4 ms (EPYC); warm ratio 1.12–1.29×; search ÷
// profile 1.50–2.24× (5 search loads, now 9); per 1,000 mutations 3.9–8.3 ms; frame ÷ page
// search 7.4–9.3×. A budget tighter than that fails on the machine, not on a regression.
// 2026-12-07, after the settled pace's look and the search reader's cuts, three runs on one EPYC
// machine: search ÷ profile 1.44, 1.39, 1.47× (budget 2.4 → 2.0×); per 1,000 mutations 1.1, 1.0,
// 0.7 ms, two partial runs 1.9 and 0.9 (budget 12 → 4 ms).
export const BUDGETS = {
  // Was 250 KiB (issue #7), 200 KiB once the content script came in at 175 KiB; the real-pages
  // reader took it to 227,281 B before issue #20, which cut it to 226,607 B. +512 B for the
  // organisation's Features.SearchBadges (issue #17: the switch handed in at start, a refused
  // lookup taking a search page's badges away): 227,258 B. +1,904 B for the user's "Dim people
  // already in the CRM" (issue #19, Q3: a layer per search card in the closed root, placed by a
  // ResizeObserver; the card element carried through the badge plan): 229,162 B. +2,908 B for the
  // one message-formatting path of the seven UI languages (issue #21: plural rules, dates from the
  // catalogue; the export button's "resets on" reason is written in the page): 232,070 B. +197 B
  // for the badge controls' names that hold their visible words (issue #21's accessibility audit)
  // and +629 B for the reader's "More" menu in six more languages and the French and German
  // spoken degrees (issue #21, the site in its languages): 232,896 B. +477 B for the core's read
  // pacing (issue #20: a page whose badges are right is read once it is quiet, not every 120 ms
  // while it churns; per 1,000 DOM mutations 6.7 → 2.4 ms): 233,373 B. +1,834 B for the look
  // before a settled page is read again (issue #20, `badge_plan::Glance`: people links counted,
  // each badge's place and name text; one timer per burst; per 1,000 mutations 2.6–4.1 → 0.9–1.9
  // ms in two runs): 235,207 B. +1,397 B for the reader's selectors and attribute names made JS
  // strings once per reading (`WebDom::named`; a search page of 25 decoded them on every DOM call,
  // 5.0 → 1.0 ms of main thread per load in the profiler) and its label tests on words split
  // once (`labels::label_of`, 4.4–5.6 → 1.3 ms): 236,604 B. +193 B for a wrapper's lines read
  // without walking into the cards it holds (`outline::lines_except`; the card reader 17.5 →
  // 13.9 ms per search load in the profiler): 236,797 B. +734 B for the messages without
  // substitutions asked of `chrome.i18n` once per module (`talent_bridge_web`; 0.4–0.6 ms of
  // every profile and search load in the profiler): 237,531 B. +53 B for one kept-by-name list
  // for both (`talent_bridge_web::Kept`): 237,584 B. −15,018 B for lower case from the core's
  // table of runs (`talent_bridge::case`, written by build.rs from std's own mapping) instead of
  // std's 11.7 KB table of pairs and its code: 222,566 B, below the 227,281 B this issue began at;
  // −6 B for one lower-casing function instead of two: 222,560 B. +12 B for the badge row built
  // by one function, for the badge and for frame mode's looks (`mount::row`): 222,572 B. −15 B
  // for a badge's first state drawn when it is put in (`BadgeKind::first_state`): 222,557 B.
  // +659 B for climbing in one call (`Dom::contains`, `Dom::closest`, the chrome and plain-text
  // selectors), which took a search page's calls into the page from 30,662 to 19,086: 223,216 B.
  // −187 B for the lookup sent when it is asked (no future around its send) and one chrome
  // check for both card strategies that climb: 223,029 B. −589 B for a list's elements in one
  // call, each card strategy's own selector and the badges' hosts in a WeakSet: 222,440 B.
  // +2,159 B for badges that wait for their answer before they go in (`shown::waiting`, its
  // timer, the rules' view of a waiting badge; a search page lays out once for its 25 badges,
  // not twice) and +89 B for a badge built whole before it goes in: 224,688 B. +94 B for the
  // wait set when the first badge starts waiting (no timer state of its own): 224,782 B.
  contentWasmBytes: 224_900,
  warmBadgeRatio: 1.4,
  profileLoadMainThreadMs: 12,
  // The same samples on the main thread's own clock (lib/trace.mjs): what our code used of the
  // CPU, without the time the 2-core machine ran other threads in the middle of our tasks.
  profileLoadThreadMs: 7,
  notServedMainThreadMs: 0.5,
  searchToProfileRatio: 2.0,
  // Absolute: the baseline's own figure is a fraction of a millisecond, its ratio is noise.
  mutationsPer1000Ms: 4,
  // Was 11 (a frame per badge: 7.4–9.3×). Issue #20: a search result's badge is drawn from its
  // look and framed when reached for; three frame-phase runs on one EPYC machine (2026-12-07):
  // 1.60, 1.74, 1.52×.
  frameSearchRatio: 2.5,
  // The first hover on a search result in frame mode makes that badge's frame (its document, the
  // module, the UI module): 214, 193 ms in two runs, node-timed (figures/frame.mjs).
  frameFirstHoverMs: 400,
  exportDoneMs: 400,
  // The CRM's password-hashing pool (default 4, `--login-hash-pool`) bounds a burst of log-ins:
  // each check holds argon2's 19 MiB; 20 MiB per thread plus 8 MiB of slack (issue #22).
  loginHashPool: 4,
  loginMiBPerCheck: 20,
  loginSlackMiB: 8,
  extensionLongTasks: 0,
  lookupP99Ms: 20,
};

/** Issue #20's goals that the budgets do not reach yet (README "Performance" says which). */
export const TARGETS = {
  contentWasmBytes: 150 * 1024,
  warmBadgeRatio: 1.1,
  profileLoadMainThreadMs: 5,
  searchToProfileRatio: 1.3,
  mutationsRatio: 2,
  frameSearchRatio: 2,
};

const int = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const ms = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const times = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : '–');
const kib = (n) => (Number.isFinite(n) ? `${(n / 1024).toFixed(1)} KiB` : '–');
const serverCol = (s) => (s?.n ? `${s.p50} / ${s.p99}` : '–');
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

const SKIPPED_FOR_TIME = /^(n\/a \()?skipped to stay within/;

/**
 * What the run could not measure because the product (or the harness) misbehaved — a phase that
 * threw, a badge in `error`, an export that failed, a load that timed out — and what it skipped
 * to stay within its time limit. Only the latter is an allowed n/a (issue #20): the former fails
 * the bench with its reason, never hides behind a median of the loads that did work.
 */
export function problems(r) {
  const failures = [];
  const skipped = [];
  const na = (what, reason) => {
    if (reason === undefined || reason === null) return;
    (SKIPPED_FOR_TIME.test(String(reason)) ? skipped : failures).push(`${what}: ${reason}`);
  };
  if (r.size?.error) failures.push(`size: ${r.size.error}`);
  // Without the baseline (or the page with no extension) every ratio is missing.
  for (const missing of r.missing ?? []) failures.push(`browser did not start: ${missing}`);
  na('CRM lookup', r.lookupError);
  na('CRM log-in memory', r.login?.na);
  const b = r.badge ?? {};
  na('time to badge', b.na);
  const unanswered = (loads) => (loads ?? []).filter((l) => !l.valid).map((l) => `${l.slug} ${l.state ?? 'no answer'}`);
  for (const key of ['warm', 'cold']) {
    const series = b[key];
    if (!series) continue;
    if (typeof series.ours === 'string') na(`time to badge, worker ${key}`, series.ours);
    for (const v of ['ours', 'baseline']) {
      const bad = unanswered(series.raw?.[v]);
      if (bad.length) failures.push(`time to badge, worker ${key}, ${v}: ${bad.length} of ${series.raw[v].length} loads showed no answer (${bad.slice(0, 3).join(', ')})`);
    }
  }
  na('search', b.search?.na);
  const partial = (b.search?.loads ?? []).filter((l) => !l.complete);
  if (partial.length) failures.push(`search: ${partial.length} of ${b.search.loads.length} loads answered fewer badges than results (${partial.map((l) => `${l.answered}/${l.results}`).join(', ')})`);
  na('hover card', b.hover?.na);
  if (b.hover?.unanswered) failures.push(`hover card: ${b.hover.unanswered} loads had no badge to hover`);
  na('frame mode', b.frame?.na);
  for (const [what, value] of Object.entries(b.frame ?? {})) if (typeof value === 'string' && what !== 'na') na(`frame mode, ${what}`, value);
  na('side panel', b.panel?.na);
  for (const [what, value] of Object.entries(b.panel ?? {})) if (typeof value === 'string' && what !== 'na') na(`side panel, ${what}`, value);
  const c = r.cost ?? {};
  na('cost to the page', c.na);
  const badLoads = (c.ours?.raw?.loads ?? []).filter((l) => l.badge && !(l.badge.ok && ANSWERED.has(l.badge.state)));
  if (badLoads.length) failures.push(`cost to the page: ${badLoads.length} traced loads showed no answer (${badLoads.map((l) => `${l.slug} ${l.badge.state ?? 'none'}`).join(', ')})`);
  const m = r.memory ?? {};
  na('memory', m.na);
  na('wasm memory', m.ours?.wasmError);
  na('export', r.export?.na);
  return { failures, skipped };
}

const ANSWERED = new Set(['in-crm', 'not-in-crm', 'out-of-date', 'multiple']);

/** Which budgets hold; each `{ name, limit, value, pass, detail }`. */
export function checkBudgets(r) {
  const out = [];
  const { failures, skipped } = problems(r);
  out.push({
    name: 'every figure measured (n/a only if skipped for time)',
    limit: 'no failure',
    value: failures.length ? failures.join('; ') : skipped.length ? `skipped for time: ${skipped.join('; ')}` : 'all measured',
    pass: failures.length === 0,
  });
  // One row per figure: its budget decides PASS/FAIL, its target (if any) is reported beside.
  const atMost = (name, [limit, limitText], value, text, target) =>
    out.push({
      name,
      limit: limitText,
      value: Number.isFinite(value) ? text : 'not measured',
      pass: Number.isFinite(value) && value <= limit,
      target: target && { limit: target[1], met: Number.isFinite(target[2] ?? value) && (target[2] ?? value) <= target[0] },
    });
  const wasm = r.size?.contentWasm?.bytes;
  // The module every profile and search tab loads; the UI module (hover card, export panel)
  // loads on a badge's first hover, focus or click and is listed with the sizes, not budgeted.
  atMost('content-script wasm (profile and search tabs), after wasm-opt', [BUDGETS.contentWasmBytes, `≤ ${int(BUDGETS.contentWasmBytes)} B`], wasm, `${kib(wasm)} (${int(wasm)} B)`, [TARGETS.contentWasmBytes, `≤ ${kib(TARGETS.contentWasmBytes)}`]);
  const warm = r.badge?.warm;
  const rw = ratio(warm?.ours?.median, warm?.baseline?.median);
  atMost('median time to badge, worker warm, ÷ baseline', [BUDGETS.warmBadgeRatio, `≤ ${BUDGETS.warmBadgeRatio}×`], rw ?? NaN, `${times(rw)} (${ms(warm?.ours?.median)} vs ${ms(warm?.baseline?.median)} ms)`, [TARGETS.warmBadgeRatio, `≤ ${TARGETS.warmBadgeRatio}×`]);
  const perLoad = r.cost?.ours?.perLoad?.median;
  atMost('extension main-thread time per profile load (median)', [BUDGETS.profileLoadMainThreadMs, `≤ ${BUDGETS.profileLoadMainThreadMs} ms`], perLoad, `${ms(perLoad)} ms`, [TARGETS.profileLoadMainThreadMs, `≤ ${TARGETS.profileLoadMainThreadMs} ms`]);
  const perLoadThread = r.cost?.ours?.perLoadThread?.median;
  atMost('same on the main thread\'s own clock (median)', [BUDGETS.profileLoadThreadMs, `≤ ${BUDGETS.profileLoadThreadMs} ms`], perLoadThread, `${ms(perLoadThread)} ms (trace events in our world: ${ms(r.cost?.ours?.perLoadEventsThread?.median)} ms)`, [TARGETS.profileLoadMainThreadMs, `≤ ${TARGETS.profileLoadMainThreadMs} ms`]);
  const feed = r.cost?.ours?.feed?.median;
  atMost('same on a page we don\'t serve (the feed)', [BUDGETS.notServedMainThreadMs, `≤ ${BUDGETS.notServedMainThreadMs} ms`], feed, `${ms(feed, 2)} ms`);
  const search = ratio(r.badge?.search?.last?.median, r.badge?.search?.profile?.median);
  atMost('search, 25 results: last badge ÷ profile badge', [BUDGETS.searchToProfileRatio, `≤ ${BUDGETS.searchToProfileRatio}×`], search ?? NaN, `${times(search)} (${ms(r.badge?.search?.last?.median)} vs ${ms(r.badge?.search?.profile?.median)} ms, interleaved)`, [TARGETS.searchToProfileRatio, `≤ ${TARGETS.searchToProfileRatio}×`]);
  const per1000 = r.cost?.ours?.per1000?.median;
  const mut = ratio(per1000, r.cost?.baseline?.per1000?.median);
  atMost('time per 1,000 DOM mutations (net)', [BUDGETS.mutationsPer1000Ms, `≤ ${BUDGETS.mutationsPer1000Ms} ms`], per1000, `${ms(per1000)} ms (${times(mut)} the baseline's ${ms(r.cost?.baseline?.per1000?.median)} ms)`, [TARGETS.mutationsRatio, `≤ ${TARGETS.mutationsRatio}× the baseline`, mut ?? NaN]);
  const frame = ratio(r.badge?.frame?.search?.median, r.badge?.frame?.searchPage?.median);
  const floor = ratio(r.badge?.frame?.floor?.median, r.badge?.frame?.searchPage?.median);
  atMost('frame mode ÷ page mode, search, 25 badges', [BUDGETS.frameSearchRatio, `≤ ${BUDGETS.frameSearchRatio}×`], frame ?? NaN, `${times(frame)} (${ms(r.badge?.frame?.search?.median)} vs ${ms(r.badge?.frame?.searchPage?.median)} ms; 25 empty extension frames alone ${times(floor)})`, [TARGETS.frameSearchRatio, `≤ ${TARGETS.frameSearchRatio}×`]);
  const hovered = r.badge?.frame?.hover?.median;
  atMost('frame mode, search: first hover → card (its frame made)', [BUDGETS.frameFirstHoverMs, `≤ ${BUDGETS.frameFirstHoverMs} ms`], hovered, `${ms(hovered)} ms (page mode ${ms(r.badge?.frame?.hoverPage?.median)} ms)`);
  const exported = r.export?.summary?.median;
  atMost('export click → done, ≈100 KB PDF (median)', [BUDGETS.exportDoneMs, `≤ ${BUDGETS.exportDoneMs} ms`], exported, `${ms(exported)} ms`);
  const login = r.login?.na ? null : r.login;
  const loginBound = login ? login.baselineKiB / 1024 + BUDGETS.loginHashPool * BUDGETS.loginMiBPerCheck + BUDGETS.loginSlackMiB : NaN;
  out.push({
    name: 'CRM peak resident memory, 200 concurrent log-ins',
    limit: `≤ idle + ${BUDGETS.loginHashPool} × ${BUDGETS.loginMiBPerCheck} + ${BUDGETS.loginSlackMiB} MiB`,
    value: login ? `${(login.peakKiB / 1024).toFixed(1)} MiB (idle ${(login.baselineKiB / 1024).toFixed(1)}, bound ${loginBound.toFixed(1)}; answers ${Object.entries(login.answers ?? {}).map(([k, v]) => `${k}×${v}`).join(' ')})` : 'not measured',
    pass: Boolean(login) && login.peakKiB / 1024 <= loginBound && !Object.keys(login.answers ?? {}).some((status) => status.startsWith('5')),
  });
  const lt = r.cost?.ours?.longTasksByExtension;
  out.push({
    name: 'long tasks (> 50 ms) caused by the extension',
    limit: `= ${BUDGETS.extensionLongTasks}`,
    value: Number.isFinite(lt) ? String(lt) : 'not measured',
    pass: Number.isFinite(lt) && lt <= BUDGETS.extensionLongTasks,
  });
  const big = r.lookup?.find?.((l) => l.contacts === 100_000);
  out.push({
    name: 'CRM lookup p99, 25 keys, 100,000 contacts',
    limit: `≤ ${BUDGETS.lookupP99Ms} ms`,
    value: Number.isFinite(big?.p99) ? `${ms(big.p99)} ms` : 'not measured',
    pass: Number.isFinite(big?.p99) && big.p99 <= BUDGETS.lookupP99Ms,
  });
  return out;
}

/** Rows of `[label, n, median, min, max, baseline median, ratio]` for the timing figures. */
function timingRows(r) {
  const rows = [];
  const row = (label, ours, base, unit = 'ms') => {
    if (typeof ours === 'string') return rows.push([label, ours]);
    rows.push([label, ours?.n ?? 0, ms(ours?.median), ms(ours?.min), ms(ours?.max), base ? ms(base.median) : '', base ? times(ratio(ours?.median, base.median)) : '', unit]);
  };
  const b = r.badge ?? {};
  row('Time to badge, profile, worker warm', b.warm?.ours ?? b.na, b.warm?.baseline);
  row('  of which after DOMContentLoaded', b.warm?.oursAfterDcl, b.warm?.baselineAfterDcl);
  row('Time to badge, profile, worker stopped', b.cold?.ours ?? b.na, b.cold?.baseline);
  row('  of which after DOMContentLoaded', b.cold?.oursAfterDcl, b.cold?.baselineAfterDcl);
  row('Time to last badge, search (25 results)', b.search?.na ?? b.search?.last);
  row('  profile loads between them (the ratio\'s base)', b.search?.na ?? b.search?.profile);
  row('  search DCL ÷ profile DCL (the page\'s own)', b.search?.dcl, b.search?.profileDcl);
  row('  search after DCL ÷ profile after DCL', b.search?.lastAfterDcl, b.search?.profileAfterDcl);
  row('Hover → card, first hover (loads UI module)', b.hover?.na ?? b.hover?.first);
  row('Hover → card, later hovers on the same page', b.hover?.na ?? b.hover?.again);
  row('Frame mode ÷ page mode, profile (strict CSP)', b.frame?.na ?? b.frame?.profile, b.frame?.profilePage);
  row('Frame mode ÷ page mode, search, 25 badges', b.frame?.na ?? b.frame?.search, b.frame?.searchPage);
  row('  floor: 25 empty extension frames ÷ page mode', b.frame?.na ?? b.frame?.floor, b.frame?.searchPage);
  row('Frame mode ÷ page mode, search: first hover → card', b.frame?.na ?? b.frame?.hover, b.frame?.hoverPage);
  row('Side panel (page untouched) ÷ in-page badge, profile', b.panel?.na ?? b.panel?.panel, b.panel?.page);
  row('Export click → done, ≈100 KB PDF', r.export?.na ? `n/a (${r.export.na})` : r.export?.summary);
  const c = r.cost ?? {};
  row('Extension main-thread time per profile load', c.ours?.perLoad ?? c.na, c.baseline?.perLoad);
  row('  same, trace-event cross-check (world entry)', c.ours?.perLoadEvents, c.baseline?.perLoadEvents);
  row('  on the main thread\'s own clock (CPU used)', c.ours?.perLoadThread, c.baseline?.perLoadThread);
  row('  same clock, trace-event cross-check', c.ours?.perLoadEventsThread, c.baseline?.perLoadEventsThread);
  row('  page\'s own main-thread busy time per load', c.none?.pageBusy);
  row('  bench probe\'s time per load (not counted)', c.ours?.harness, c.baseline?.harness);
  row('  service-worker busy time per load', c.ours?.workerBusy, c.baseline?.workerBusy);
  row('Extension time per 1,000 DOM mutations (net)', c.ours?.per1000 ?? c.na, c.baseline?.per1000);
  row('Extension main-thread time per feed load', c.ours?.feed ?? c.na, c.baseline?.feed);
  row('  on the thread\'s own clock', c.ours?.feedThread, c.baseline?.feedThread);
  row('  page\'s own main-thread busy time per feed load', c.none?.feedPageBusy);
  return rows;
}

export function renderTable(r) {
  const lines = [];
  const m = r.machine;
  lines.push(`Talent Bridge bench — ${r.startedAt} — ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.chromium}`);
  lines.push(`load average at start ${m.loadAvgStart.join(' / ')}, at end ${(m.loadAvgEnd ?? []).join(' / ')}; run took ${ms(r.seconds, 0)} s`);
  lines.push('');
  lines.push('Size (dist/)                                          bytes        gzip');
  for (const f of r.size?.files ?? []) lines.push(`  ${pad(f.file, 48)} ${lpad(int(f.bytes), 10)}  ${lpad(int(f.gzip), 10)}`);
  if (r.size?.error) lines.push(`  n/a (${r.size.error})`);
  lines.push('');
  lines.push(`${pad('Timing (ms)', 50)} ${lpad('n', 4)} ${lpad('median', 8)} ${lpad('min', 8)} ${lpad('max', 8)} ${lpad('baseline', 9)} ${lpad('ours÷base', 9)}`);
  for (const row of timingRows(r)) {
    if (row.length === 2) lines.push(`  ${pad(row[0], 48)} ${row[1]}`);
    else lines.push(`  ${pad(row[0], 48)} ${lpad(row[1], 4)} ${lpad(row[2], 8)} ${lpad(row[3], 8)} ${lpad(row[4], 8)} ${lpad(row[5], 9)} ${lpad(row[6], 9)}`);
  }
  const c = r.cost ?? {};
  if (c.ours) {
    lines.push(`  long tasks > 50 ms on the page: ${c.ours.longTasksAll} in ${c.ours.loads} loads + ${c.ours.mutationRuns} mutation runs; caused by the extension: ${c.ours.longTasksByExtension} (baseline: ${c.baseline?.longTasksByExtension ?? '–'}); most extension time in one task: ${ms(c.ours.maxExtensionInOneTaskMs)} ms`);
    const entries = Object.entries(c.ours.perLoadByEntry ?? {}).sort((a, b) => b[1] - a[1]);
    if (entries.length) {
      lines.push(`  per load, by the extension script that was entered: ${entries.map(([e, t]) => `${e} ${t.toFixed(1)} ms`).join(', ')} (loader.js = start-up: glue import, wasm fetch + instantiate, start())`);
    }
    if (c.ours.topFunctions?.length) {
      lines.push(`  per load, hottest leaves (self time, ms): ${c.ours.topFunctions.map(([f, t]) => `${f} ${t.toFixed(1)}`).join(', ')}`);
    }
  }
  lines.push('');
  lines.push(`${pad('Memory per tab', 50)} ${lpad('median', 12)} ${lpad('min', 12)} ${lpad('max', 12)}`);
  const mem = r.memory ?? {};
  if (mem.na) lines.push(`  n/a (${mem.na})`);
  const memRow = (label, s, fmt = kib) => s && lines.push(`  ${pad(label, 48)} ${lpad(fmt(s.median), 12)} ${lpad(fmt(s.min), 12)} ${lpad(fmt(s.max), 12)}`);
  memRow('page isolate JS heap, ours (after GC)', mem.ours?.usedHeap);
  memRow('page isolate JS heap, baseline', mem.baseline?.usedHeap);
  memRow('page isolate JS heap, none (bench probe only)', mem.none?.usedHeap);
  if (mem.oursExtraHeap !== undefined) lines.push(`  ${pad('  JS heap added by ours (median − none)', 48)} ${lpad(kib(mem.oursExtraHeap), 12)}`);
  if (mem.baselineExtraHeap !== undefined) lines.push(`  ${pad('  JS heap added by baseline (median − none)', 48)} ${lpad(kib(mem.baselineExtraHeap), 12)}`);
  memRow('content-script wasm linear memory, ours', mem.ours?.wasmBytes);
  if (mem.ours?.wasmError) lines.push(`  wasm memory: n/a (${mem.ours.wasmError})`);
  lines.push('');
  lines.push(`${pad('CRM lookup, 25 keys, sequential, loopback (ms)', 50)} ${lpad('n', 4)} ${lpad('p50', 8)} ${lpad('p99', 8)} ${lpad('min', 8)} ${lpad('max', 8)} ${lpad('server p50/p99', 15)}`);
  if (r.lookupError) lines.push(`  n/a (${r.lookupError})`);
  for (const l of r.lookup ?? []) {
    lines.push(`  ${pad(`${int(l.contacts)} contacts, as the extension asks`, 48)} ${lpad(l.n, 4)} ${lpad(ms(l.p50, 2), 8)} ${lpad(ms(l.p99, 2), 8)} ${lpad(ms(l.min, 2), 8)} ${lpad(ms(l.max, 2), 8)} ${lpad(serverCol(l.server), 15)}`);
    const k = l.keysOnly;
    if (k) lines.push(`  ${pad(`  profile keys only (no name stage)`, 48)} ${lpad(k.n, 4)} ${lpad(ms(k.p50, 2), 8)} ${lpad(ms(k.p99, 2), 8)} ${lpad(ms(k.min, 2), 8)} ${lpad(ms(k.max, 2), 8)} ${lpad(serverCol(k.server), 15)}`);
  }
  lines.push('');
  lines.push('Budgets');
  for (const b of r.budgets ?? []) {
    const target = b.target ? `   [issue #20 target ${b.target.limit}: ${b.target.met ? 'met' : 'NOT MET'}]` : '';
    lines.push(`  ${b.pass ? 'PASS' : 'FAIL'}  ${pad(b.name, 48)} ${pad(b.limit, 20)} ${b.value}${target}`);
  }
  for (const note of r.notes ?? []) lines.push(`note: ${note}`);
  return lines.join('\n');
}

export function performanceSection(r, table) {
  const m = r.machine;
  return `## Performance

\`./build.sh bench\` builds everything, then measures the built extension in Debian's Chromium
(headless) against the release CRM and fixture site on loopback, next to a minimal hand-written
JavaScript extension that shows the same badge (\`tests/bench/baseline/\`), loaded the same way in
its own browser and measured in the same run (loads interleaved). It prints the table below,
writes \`target/bench/report.json\` and exits non-zero when a budget is missed or a figure could not
be measured because something misbehaved (a badge in \`error\`, an export that failed, a browser
that did not start, a load that timed out): only a phase skipped to stay within the time limit
may be n/a. The budgets are issue #20's own numbers with room for a noisy 2-core machine; where
its goals are stricter, each row names the goal ("target") and whether this run met it.
\`TB_BENCH_PHASES=cost,search\` (etc.) runs only some phases, for work on one figure.

Latest run: ${r.startedAt} on ${m.os}, ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB RAM,
${m.chromium} (headless), node ${m.node}. Load average at the start: ${m.loadAvgStart.join(' / ')}
(on a shared machine absolute times are noisy; read the ratios to the baseline).

\`\`\`
${table}
\`\`\`

What is measured, and how:
- **Time to badge**: a MutationObserver notes \`performance.now()\` (ms since the navigation
  started) when the badge first shows an answer inside its shadow root: its \`data-state\` leaves
  "checking", or it goes into the page with the answer (ours does when the answer comes within
  200 ms, issue #20; the baseline's goes in checking). Our roots are closed (issue #16) and nothing in \`dist/\` opens them, so the observer is the content script of
  a bench-only probe extension (\`tests/bench/probe-extension/\`, loaded in all three browsers, the
  baseline's and the one without an extension too), which gets each root from
  \`chrome.dom.openOrClosedShadowRoot\` and hands the time to the page's probe at once (a
  \`tb-bench\` event; one clock for both worlds). Full page loads of profiles, in-CRM and unknown
  people in turn (17 in all: our worker pauses a tab that shows more than 20 people in 10 s
  outside search, PRODUCT.md S5, and a series of 22 once tripped it); our lookup cache is cleared
  before each load (the baseline has none), so every badge costs one CRM round trip. "Worker stopped": CDP \`ServiceWorker.stopAllWorkers\` before each load.
  The baseline loads at \`document_idle\`; our loader at \`document_start\`, where on a profile or
  search URL it fetches and compiles the module while the page still parses and starts the
  reader at DOMContentLoaded (one A/B pair of runs, 2026-12-06: time to badge warm 1.27× → 1.12×
  the baseline, after DOMContentLoaded 47.8 → 41.5 ms). Most of the time is the page's own load;
  the "after DOMContentLoaded" rows show the extensions' share. Search: a full load of 25
  results, to the last of their badges showing an answer, each followed by a profile load in
  the main tab; the search ÷ profile budget compares the medians of these interleaved loads
  (until 2026-12-07 it took the warm series' profile, measured a minute and a half earlier: on
  a shared machine whose speed drifted, one whole run read 2.05× where the next read 1.78×). The two
  rows under it split that ratio where the page's own load ends: the search page's
  DOMContentLoaded against the profile's (the page's part: the fixture's 25 results are a
  larger document), and each page's last badge after it (the extension's part, with the CRM's
  round trip).
  Before and after this wave's page-side work (issue #16: closed roots, trusted input only,
  dynamic ids; #20: URL watcher, \`document_start\`), this harness on the commit before it
  (a552f03) and on this one, one machine, 2026-12-06: time to badge warm 1.05× the baseline
  both (111.1 vs 105.9 ms; 116.1 vs 110.4 ms), after DOMContentLoaded 44.4 → 43.6 ms; worker
  stopped 1.13× → 1.05×; extension main-thread time per profile load 10.1 → 9.9 ms (trace
  cross-check 8.3 → 6.4 ms); per feed load 3.3 → 0.2 ms; per 1,000 mutations 5.6 → 7.4 ms.
  The probe extension's own cost, measured once (2026-12-06, 20 profile loads with and without
  it in a browser with no other extension): +8 ms of main-thread time per load (1.9 ms in its
  script, the rest its isolated world's set-up), no change to the load event, +326 KiB of JS
  heap; the same in all three browsers (in their times to badge alike), and left out of the
  extension's main-thread and heap figures.
- **Size**: every tab of the site loads \`content/loader.js\` (2 KB of JavaScript); until the tab
  shows a profile or people search it is a URL watcher and nothing else (issue #20: the paths
  are the core's \`SERVED_PATHS\`, written into it by the build), then it loads the content
  module \`content/\` (budgeted); the UI
  module \`ui/\` (hover card and export panel, Yew) is imported on a badge's first hover, focus
  or click, so only tabs where the user reaches for it pay for it.
- **Hover → card**: the real mouse onto the badge of a freshly loaded profile (aimed over CDP,
  \`ourUi\` as in the e2e tests), timed in the page by the probe extension: from the pointer's
  arrival (a trusted \`mouseenter\` on the badge's host) to the first animation frame in which
  the card is visible (it shows by CSS, so it is looked at in every frame). The first hover
  includes importing and instantiating the UI module; "later" is the same page again, pointer
  away past the card's 0.3 s hide delay first: the card is in the next frame. (Runs before the
  roots were closed, #16, timed both from node, Playwright's round trips included, ≈50 ms.)
- **Frame mode**: the same extension on the fixture site started with \`--strict-csp\`, where
  the page refuses WebAssembly and the module runs in extension frames (DESIGN.md §2): a hidden
  reader per tab, a frame for the profile's badge, and for a search result's badge a frame only
  once the user reaches for it (pointer or focus; until then the reader's look of the badge is
  drawn in its closed root). The page's probe cannot see into frames, so both modes are timed
  alike from node: \`goto\` (commit) to every expected badge showing an answer, polled every
  10 ms (page mode and search looks: the probe's count; a profile in frame mode: its frame's own
  document); page mode, same run and CRM, is the baseline. The floor row is the same search page
  in a browser with only \`tests/bench/frame-floor\`, which puts 25 empty extension frames into
  it as frame mode put its badge frames until issue #20, timed alike: what a frame per badge costs
  before any module runs. The first-hover row: after each search load, the real mouse from the
  page's corner onto Ada Lovelace's badge; page mode as the hover rows above (the probe, from
  the pointer's arrival), frame mode from node, from the move's start to the card showing in the
  frame made for that badge, polled every 10 ms. Search pages load in tabs of their own:
  our worker pauses a tab that shows more people than a person reads in 10 s (\`src/churn.rs\`),
  and 25 results then a profile in one tab would.
- **Side panel**: navigation (\`goto\`, commit) to the side panel showing the person's answer,
  in page-untouched mode (\`DisplayMode\` "side-panel": the panel reads a copy of the page that
  \`panel.js\` sends it, and looks the person up itself), against the in-page badge of page mode
  in another browser of the same run, same CRM and people, loads interleaved; both timed from
  node, the panel through its CDP target, polled every 10 ms.
- **Export**: click on the panel's Export to the "done" step, for \`test-person-30\` (≈100 KB,
  23-page PDF), a fresh CRM database per run. Clicks of the real mouse through \`ourUi\`; the
  probe extension sees the click and the "done" step.
- **Cost to the page**: Chromium traces with the V8 sampling profiler; a sample counts for the
  extension when a \`chrome-extension://\` script (JS glue or wasm) is on its stack, but for the
  probe extension's (by its id; its own time is the "bench probe" row). Style, layout and paint
  that the browser does later because of our DOM changes are not attributed. A long
  task is "caused by the extension" when its samples are at least half of the task. The rows "on the main thread's own
  clock" count each such sample at its task's share of thread time (the trace's \`tdur\` over
  \`dur\`, Chromium's thread clock): the CPU our code used, without the time the OS ran other
  threads in the middle of our tasks. On the bench's 2 cores, with the browser, its GPU and
  network processes, the worker, the CRM and the site all busy, the main thread held the CPU for
  about half of our tasks' wall time (2026-12-07, 10 profile loads: samples 9.7 ms wall, 4.6 ms
  thread; trace events in our world 10.5 ms wall, 4.6 ms thread). Issue #20's 5 ms is checked on
  both rows; the thread-clock row is budgeted, the wall-clock row keeps its own budget. DOM
  mutations: 1,000 nodes appended to and removed from \`<main>\` in 10 tasks 50 ms apart, minus the
  same window idle. "Per feed load": the same trace over full loads of the fixture's feed, a page
  the extension does not serve (the URL watcher's whole cost). Hottest leaves named after \`chrome.*\` functions the content script never calls
  (\`setUninstallURL\`, \`getUILanguage\`, and since the probe extension \`openOrClosedShadowRoot\`,
  found under \`loader.js\`'s \`runtime.getURL\`) are the extension-API bindings it does call
  (\`runtime.getURL\`, \`i18n.getMessage\`, \`runtime.sendMessage\`) under the profiler's label.
- **Memory**: Chromium has no per-world heap figure (\`measureUserAgentSpecificMemory\` needs a
  cross-origin-isolated page), so the page isolate's used JS heap after two forced GCs, minus the
  same page in a browser with no extension but the probe (its isolated world is in all three);
  plus the content script's wasm linear memory, read in its isolated world (no hover: the UI
  module is not loaded).
- **CRM lookup**: \`crm seed --demo --synthetic N\`, the release server, then from node 50 warm-up
  and 500 sequential 25-profile lookups as the extension asks (10 hits by public id with name,
  company, title and place; 15 unknown people named like synthetic ones, so the name stage meets
  namesakes), and 250 with the profile keys alone. "server" is the CRM's own access-log time
  (whole ms), without node and the socket.
- **CRM log-in memory** (issue #22): the release CRM on a fresh demo database, 200 concurrent
  log-in POSTs (a third unknown emails, a third wrong passwords, a third right), its peak
  resident memory (\`VmHWM\`, reset to the idle value first) against the bound its hashing pool
  sets: idle + pool × 20 MiB + 8 MiB; no answer may be a 5xx.
- Cold-worker loads include Playwright attaching to the starting worker (for both extensions).
`;
}

/** Medians etc. of a list of loads' field. */
export const summarise = (loads, field) => summary(loads.map((l) => l[field]));
