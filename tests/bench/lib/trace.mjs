// Chromium traces (CDP Tracing) and what the extension costs the page's main thread in them.
//
// Attribution is by the V8 CPU profiler's samples, which the trace carries
// (`disabled-by-default-v8.cpu_profiler`, ~0.1–0.2 ms apart here): a sample counts for the
// extension when any frame of its stack comes from a `chrome-extension://` script — the content
// script's JS glue, its wasm module (wasm frames carry the module's URL) and the DOM calls they
// make (natives are children of the calling frame). Work the browser does later because of
// those calls (style, layout, paint of the badge) is not in the stacks and is not counted.
// Trace events add a cross-check: `v8.callFunction` / `v8.run` / `v8.evaluateModule` in the
// extension's isolated world (`worldName`), which misses promise jobs (no event of their own).
// The bench's own probe extension (lib/probe.mjs) is left out by its origin (`harnessOrigins`)
// and its time reported apart (`harnessMs`).
// Both are wall time. Each also comes on the main thread's own clock (`tdur`, the CPU time the
// thread used): on a machine with fewer cores than busy threads the OS runs other threads in the
// middle of our tasks, and wall time counts that too (issue #20).

export const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'v8',
  'disabled-by-default-v8.cpu_profiler',
  'blink.user_timing',
  'toplevel',
];

export const LONG_TASK_MS = 50;
// A sample stands for the time until the next one, but the profiler pauses while the thread idles:
// the last sample before a pause is capped at 3 sampling intervals (median delta of its profile).
const CAP_INTERVALS = 3;

export async function startTrace(cdp) {
  const events = [];
  const onData = ({ value }) => events.push(...value);
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordAsMuchAsPossible' },
    transferMode: 'ReportEvents',
  });
  return async function end() {
    const complete = new Promise((resolve) => cdp.on('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
    return events;
  };
}

/** `pid:tid` → thread name, and pid → process name. */
function names(events) {
  const threads = new Map();
  const processes = new Map();
  for (const e of events) {
    if (e.ph !== 'M') continue;
    if (e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
    if (e.name === 'process_name') processes.set(e.pid, e.args.name);
  }
  return { threads, processes };
}

/** Every CPU profile in the trace: its thread and samples `[{ ts, dur, ext }]`, time-ordered. */
export function profiles(events, isExtensionUrl, isHarnessUrl) {
  const byId = new Map();
  const get = (pid, id) => {
    const key = `${pid}/${id}`;
    if (!byId.has(key)) byId.set(key, { pid, tid: null, start: null, nodes: new Map(), raw: [] });
    return byId.get(key);
  };
  for (const e of events) {
    if (e.cat !== 'disabled-by-default-v8.cpu_profiler') continue;
    const p = get(e.pid, e.id);
    if (e.name === 'Profile') {
      p.tid = e.tid;
      p.start = e.args.data.startTime;
    } else if (e.name === 'ProfileChunk') {
      const cpu = e.args.data.cpuProfile ?? {};
      for (const node of cpu.nodes ?? []) {
        const parent = node.parent === undefined ? null : p.nodes.get(node.parent);
        const url = node.callFrame?.url ?? '';
        const ext = Boolean(parent?.ext) || isExtensionUrl(url);
        const harness = Boolean(parent?.harness) || isHarnessUrl(url);
        // The outermost extension script on the stack: loader.js (start-up) or the glue (callbacks).
        const entry = parent?.entry ?? (isExtensionUrl(url) ? url.split('/').pop() : null);
        p.nodes.set(node.id, { ext, harness, entry, name: node.callFrame?.functionName, url, parent });
      }
      const samples = cpu.samples ?? [];
      const deltas = e.args.data.timeDeltas ?? [];
      for (let i = 0; i < samples.length; i++) p.raw.push([samples[i], deltas[i] ?? 0]);
    }
  }
  const out = [];
  for (const p of byId.values()) {
    if (p.start === null) continue;
    let ts = p.start;
    const samples = p.raw.map(([node, delta]) => {
      ts += delta;
      return { ts, node: p.nodes.get(node) };
    });
    samples.sort((a, b) => a.ts - b.ts);
    const gaps = samples.slice(1).map((s, i) => s.ts - samples[i].ts).filter((g) => g > 0).sort((a, b) => a - b);
    const cap = CAP_INTERVALS * Math.max(50, gaps[gaps.length >> 1] ?? 100);
    for (let i = 0; i < samples.length; i++) {
      const next = samples[i + 1]?.ts ?? samples[i].ts;
      samples[i].dur = Math.min(cap, next - samples[i].ts);
      samples[i].ext = Boolean(samples[i].node?.ext);
      samples[i].harness = Boolean(samples[i].node?.harness);
    }
    out.push({ pid: p.pid, tid: p.tid, samples });
  }
  return out;
}

/**
 * What the extension cost the page's main thread(s) in this trace, from `fromTs` (trace clock,
 * µs; default: the last page navigation's start) to the end.
 */
export function analyzeTrace(events, { siteOrigin = 'https://www.linkedin.com', worlds: known = [], harnessOrigins = [] } = {}) {
  const isHarnessUrl = (url) => harnessOrigins.some((origin) => url.startsWith(`${origin}/`));
  const isExtensionUrl = (url) => url.startsWith('chrome-extension://') && !isHarnessUrl(url);
  const { threads, processes } = names(events);
  const isPageMain = (pid, tid) => processes.get(pid) === 'Renderer' && threads.get(`${pid}:${tid}`) === 'CrRendererMain';
  const isWorker = (pid, tid) => processes.get(pid) === 'Extension Renderer' && threads.get(`${pid}:${tid}`) === 'ServiceWorker thread';

  // The page's navigation start, from Blink's own user-timing mark on the main frame.
  let fromTs = -Infinity;
  for (const e of events) {
    if (e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame && String(e.args.data.documentLoaderURL ?? '').startsWith(siteOrigin)) {
      fromTs = Math.max(fromTs, e.ts);
    }
  }
  const endTs = Math.max(...events.filter((e) => e.ts).map((e) => e.ts + (e.dur ?? 0)));

  const all = profiles(events, isExtensionUrl, isHarnessUrl);
  const pageSamples = all.filter((p) => isPageMain(p.pid, p.tid)).flatMap((p) => p.samples).filter((s) => s.ts >= fromTs);
  const workerSamples = all.filter((p) => isWorker(p.pid, p.tid)).flatMap((p) => p.samples).filter((s) => s.ts >= fromTs);
  const ms = (samples) => samples.reduce((sum, s) => sum + s.dur, 0) / 1000;
  const extSamples = pageSamples.filter((s) => s.ext);
  pageSamples.sort((a, b) => a.ts - b.ts);

  // Top-level tasks of a thread kind (a nested RunTask is part of its parent).
  const topLevelTasks = (isThread) => {
    const tasks = events
      .filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.ts >= fromTs && isThread(e.pid, e.tid) && String(e.cat).includes('devtools.timeline'))
      .sort((a, b) => a.ts - b.ts);
    const top = [];
    const until = new Map();
    for (const t of tasks) {
      const thread = `${t.pid}:${t.tid}`;
      if (t.ts >= (until.get(thread) ?? -Infinity)) {
        top.push(t);
        until.set(thread, t.ts + (t.dur ?? 0));
      }
    }
    return top;
  };
  const busyMs = (tasks) => tasks.reduce((sum, t) => sum + (t.dur ?? 0), 0) / 1000;
  const topTasks = topLevelTasks(isPageMain);
  const extInside = (task) => {
    const end = task.ts + (task.dur ?? 0);
    let sum = 0;
    for (const s of extSamples) if (s.ts >= task.ts && s.ts < end) sum += s.dur;
    return sum / 1000;
  };
  const longTasks = topTasks
    .filter((t) => (t.dur ?? 0) / 1000 > LONG_TASK_MS)
    .map((t) => {
      const ext = extInside(t);
      return { ms: t.dur / 1000, extensionMs: ext, byExtension: ext >= (t.dur / 1000) * 0.5 };
    });
  // The most extension time inside one task: how close the extension alone comes to 50 ms.
  let maxExtensionInOneTaskMs = 0;
  for (const t of topTasks) maxExtensionInOneTaskMs = Math.max(maxExtensionInOneTaskMs, extInside(t));

  // Cross-check from trace events: script entry points in the extension's world, outermost only.
  // The content script's world is the one its files run in (`v8.run` of a chrome-extension:// file).
  const worlds = new Set([
    ...known,
    ...events
      .filter((e) => e.name === 'v8.run' && isExtensionUrl(String(e.args?.fileName ?? '')) && e.args?.worldName)
      .map((e) => e.args.worldName),
  ]);
  let worldUs = 0;
  let worldThreadUs = 0;
  {
    const entries = events
      .filter((e) => e.ph === 'X' && e.ts >= fromTs && isPageMain(e.pid, e.tid) && ['v8.callFunction', 'v8.run', 'v8.evaluateModule'].includes(e.name) && worlds.has(e.args?.worldName))
      .sort((a, b) => a.ts - b.ts);
    let end = -Infinity;
    for (const e of entries) {
      if (e.ts >= end) {
        worldUs += e.dur ?? 0;
        worldThreadUs += e.tdur ?? e.dur ?? 0;
        end = e.ts + (e.dur ?? 0);
      }
    }
  }

  // Where the extension's time goes, by function (self time of the sampled leaf).
  const byFunction = new Map();
  for (const s of extSamples) {
    const key = `${s.node?.name || '(anonymous)'} ${String(s.node?.url ?? '').split('/').pop()}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + s.dur / 1000);
  }

  // The same samples on the thread's own clock. A sample's time is wall time until the next one,
  // and on a machine with fewer cores than busy threads the main thread is often off the CPU in
  // it (on the bench's 2 cores, about half of our tasks' wall time). Each top-level task carries
  // the thread time it used (`tdur`, Chromium's thread clock): a sample counts that task's share
  // of thread time in its wall time; a sample outside any task counts whole.
  let extensionThreadUs = 0;
  {
    let k = 0;
    for (const s of extSamples.slice().sort((a, b) => a.ts - b.ts)) {
      while (k < topTasks.length && topTasks[k].ts + (topTasks[k].dur ?? 0) <= s.ts) k++;
      const task = topTasks[k];
      const inside = task && task.ts <= s.ts && task.dur > 0 && Number.isFinite(task.tdur);
      extensionThreadUs += s.dur * (inside ? Math.min(1, task.tdur / task.dur) : 1);
    }
  }

  const byEntry = new Map();
  for (const s of extSamples) byEntry.set(s.node.entry, (byEntry.get(s.node.entry) ?? 0) + s.dur / 1000);

  return {
    worlds: [...worlds],
    byEntry: Object.fromEntries(byEntry),
    windowMs: Number.isFinite(fromTs) ? (endTs - fromTs) / 1000 : null,
    navigationFound: Number.isFinite(fromTs),
    extensionMs: ms(extSamples),
    harnessMs: ms(pageSamples.filter((s) => s.harness)),
    extensionWorldEventsMs: worldUs / 1000,
    extensionThreadMs: extensionThreadUs / 1000,
    extensionWorldEventsThreadMs: worldThreadUs / 1000,
    pageBusyMs: busyMs(topTasks),
    workerBusyMs: busyMs(topLevelTasks(isWorker)),
    workerScriptMs: ms(workerSamples.filter((s) => !['(idle)', '(program)', '(root)', '(garbage collector)'].includes(s.node?.name))),
    tasks: topTasks.length,
    longTasks,
    maxExtensionInOneTaskMs,
    topFunctions: [...byFunction.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8),
  };
}
