// Talent Bridge service-worker shim. Listeners must be registered synchronously at top level so
// that a stopped worker is woken for them; each one waits for the wasm module, then calls Rust.
import init, * as worker from './background/talent_bridge_background.js';

const ready = init({ module_or_path: new URL('./background/talent_bridge_background_bg.wasm', import.meta.url) })
  .then(() => worker.start());

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  ready
    .then(() => worker.on_message(message, sender))
    .then(sendResponse, () => sendResponse({ v: 1, msg: { type: 'refused', reason: 'internal' } }));
  return true; // answer asynchronously
});

chrome.storage.onChanged.addListener((changes, areaName) => {
  ready.then(() => worker.on_storage_changed(changes, areaName));
});

chrome.runtime.onInstalled.addListener(() => {
  ready.then(() => worker.on_installed());
});
