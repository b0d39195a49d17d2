// Figure 5: memory per tab. Chromium gives no JS-heap figure per world: `Runtime.getHeapUsage`
// is the whole page isolate (main world + isolated worlds), and
// `performance.measureUserAgentSpecificMemory` needs a cross-origin-isolated page, which the
// site is not. So: the isolate's used heap after two forced GCs on the same profile page, in a
// browser with the extension minus one without any ("none"), plus the content script's wasm
// linear memory read directly in its isolated world (the wasm-bindgen glue's `memory`).
import { EXTENSION_ID, SITE } from '../../e2e/lib/browser.js';
import { loadProfile } from './badge.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs in the content script's isolated world: the wasm instance's linear memory, in bytes. */
const WASM_MEMORY = `(async () => {
  const glue = await import(chrome.runtime.getURL('content/talent_bridge_content.js'));
  const exports = await glue.default(); // already initialised: hands back the instance's exports
  return exports.memory.buffer.byteLength;
})()`;

async function isolatedContexts(cdp) {
  const contexts = [];
  const onCreated = ({ context }) => contexts.push(context);
  cdp.on('Runtime.executionContextCreated', onCreated);
  await cdp.send('Runtime.enable'); // reports the existing contexts
  await sleep(100);
  cdp.off('Runtime.executionContextCreated', onCreated);
  await cdp.send('Runtime.disable');
  // Ours, not the bench's probe extension's (lib/probe.mjs), which has a world in the page too.
  return contexts.filter((c) => c.auxData?.type === 'isolated' && String(c.origin) === `chrome-extension://${EXTENSION_ID}`);
}

export async function measureMemory(variant, { samples }) {
  const out = [];
  for (let i = 0; i < samples; i++) {
    if (variant.name === 'none') {
      await variant.page.goto(`${SITE}/in/ada-lovelace/`, { waitUntil: 'load', timeout: 30_000 });
    } else {
      await loadProfile(variant, 'ada-lovelace');
    }
    await sleep(1_000);
    await variant.cdp.send('HeapProfiler.collectGarbage');
    await variant.cdp.send('HeapProfiler.collectGarbage');
    const heap = await variant.cdp.send('Runtime.getHeapUsage');
    let wasmBytes = null;
    let wasmError = null;
    if (variant.name === 'ours') {
      const [context] = await isolatedContexts(variant.cdp);
      if (!context) wasmError = 'no isolated world of the extension in the page';
      else {
        await variant.cdp.send('Runtime.enable');
        const res = await variant.cdp.send('Runtime.evaluate', { expression: WASM_MEMORY, contextId: context.id, awaitPromise: true, returnByValue: true });
        await variant.cdp.send('Runtime.disable');
        if (res.exceptionDetails) wasmError = res.exceptionDetails.exception?.description ?? res.exceptionDetails.text;
        else wasmBytes = res.result.value;
      }
    }
    out.push({ usedHeap: heap.usedSize, totalHeap: heap.totalSize, backingStorage: heap.backingStorageSize ?? null, wasmBytes, wasmError });
  }
  return out;
}
