// Talent Bridge service-worker shim. Listeners must be registered synchronously at top level so
// that a stopped worker is woken for them; each one waits for the wasm module, then calls Rust.
import init, * as worker from './background/talent_bridge_background.js';
import initPdf, { parse as parsePdfBytes } from './pdf/talent_bridge_pdf.js';

// The PDF parser is its own wasm instance, loaded on first use: a trap in it cannot take the
// worker's instance down (DESIGN.md §7).
let pdfReady;
const parsePdf = (bytes) => {
  pdfReady ??= initPdf({ module_or_path: new URL('./pdf/talent_bridge_pdf_bg.wasm', import.meta.url) });
  return pdfReady.then(() => parsePdfBytes(bytes));
};

const ready = init({ module_or_path: new URL('./background/talent_bridge_background_bg.wasm', import.meta.url) })
  .then(() => worker.start(parsePdf));

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  ready
    .then(() => worker.on_message(message, sender))
    .then(sendResponse, () => sendResponse({ v: 1, msg: { type: 'refused', reason: 'internal' } }));
  return true; // answer asynchronously
});

chrome.storage.onChanged.addListener((changes, areaName) => {
  ready.then(() => worker.on_storage_changed(changes, areaName));
});

// PDFs the user saves with the site's own menu count against the month (issue #18). Optional
// chaining: a browser that withholds the API must not take the other listeners down with it.
chrome.downloads?.onChanged.addListener((delta) => {
  ready.then(() => worker.on_download_changed(delta));
});

// The keyboard shortcut for the side panel (PRODUCT.md Q1). `sidePanel.open` needs the user's
// gesture, which lasts only while this listener runs: it is called here, before anything waits.
chrome.commands?.onCommand.addListener((command, tab) => {
  if (command === 'open-side-panel' && tab) chrome.sidePanel.open({ windowId: tab.windowId }).catch(() => {});
});

chrome.alarms.onAlarm.addListener((alarm) => {
  ready.then(() => worker.on_alarm(alarm.name));
});

chrome.runtime.onStartup.addListener(() => {
  ready.then(() => worker.on_startup());
});

chrome.runtime.onInstalled.addListener(() => {
  ready.then(() => worker.on_installed());
});
