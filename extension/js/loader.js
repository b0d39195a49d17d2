// Talent Bridge content loader: a classic content script can't be a module, so it imports the
// wasm-bindgen glue dynamically and hands control to Rust. No product logic lives here.
// In every tab of the site, it is a URL watcher until the tab shows a profile or people search
// (issue #20; the paths are the core's `SERVED_PATHS`, written in by the build). Then the content
// module (badge, export button) loads, and the UI module (hover card, panel; Yew) on a badge's
// first hover, focus or click. Both run in this isolated world; the page sees neither.
(() => {
  const SERVED_PATHS = /* served-paths */ null;

  // Each file's own `getURL`: only a path listed with `use_dynamic_url` gets this session's
  // dynamic id; a folder's URL has the fixed id, at which these files no longer load (issue #16).
  const url = (path) => chrome.runtime.getURL(path);
  // Asked of the worker while the page loads (the page never pays for storage): whether search
  // results get badges (A2), are dimmed when in the CRM (Q3), or the page is left untouched (Q2:
  // then only the side panel's server below runs here). The core decides what the answers mean.
  const askSearchBadges = () =>
    chrome.runtime
      .sendMessage({ v: 1, msg: { type: 'search_badges' } })
      .then((reply) => reply?.msg, () => undefined);
  // Our plain-JS modules, each imported from here: they cannot import (only the page may fetch).
  const importOurs = (name) => import(url(`content/${name}`));
  let ui = null;
  globalThis.talentBridgeLoadUi = () => {
    // A failed load (extension reloaded, say) is tried again on the next hover or click.
    ui ??= import(url('ui/talent_bridge_ui.js'))
      .then((glue) => glue.default({ module_or_path: url('ui/talent_bridge_ui_bg.wasm') }).then(() => (glue.start(), glue)))
      .catch((err) => {
        ui = null;
        throw err;
      });
    return ui;
  };
  // Chrome checks WebAssembly in content scripts against the page's CSP (DESIGN.md §2). On a
  // page that refuses it the module runs in extension frames instead (`frames.js`); the worker
  // records the page for the admins' self-check either way.
  const wasmAllowed = () => {
    try {
      return new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])) instanceof WebAssembly.Module;
    } catch {
      return false;
    }
  };
  const refused = (frames) => chrome.runtime.sendMessage({ v: 1, msg: { type: 'wasm_refused', frames } }).catch(() => {});
  const startFrames = () =>
    Promise.all(['frames.js', 'page_io.js', 'looks.js'].map(importOurs))
      .then(([frames, io, looks]) => (frames.start(io, looks), refused(true)))
      .catch((err) => (console.warn('Talent Bridge could not start:', err && err.name), refused(false)));
  // The loader runs at `document_start`: on a profile or search URL the module is compiled (off
  // the main thread) and instantiated while the page loads, and the reader starts in the
  // `DOMContentLoaded` listener itself, ahead of the page's own work after it. The CSP is asked
  // only when the module did not load: compiling even the empty module costs a third of a ms.
  const parsed = () =>
    document.readyState === 'loading'
      ? new Promise((resolve) => addEventListener('DOMContentLoaded', resolve, { once: true }))
      : Promise.resolve();
  // The side panel (Q1) reads profiles and search pages from outside, in every mode: `panel.js`
  // serves our side panel's port, and no one else's (other pages pay nothing for a listener).
  const servePanel = () =>
    chrome.runtime.onConnect.addListener((port) => {
      const panel = `chrome-extension://${chrome.runtime.id}/sidepanel.html`;
      if (port.name !== 'panel' || port.sender?.id !== chrome.runtime.id || !String(port.sender?.url).startsWith(panel)) return;
      Promise.all([importOurs('panel.js'), importOurs('page_io.js')]).then(([p, io]) => p.serve(port, io), () => port.disconnect());
    });
  const startReader = () => {
    servePanel();
    const compiled = WebAssembly.compileStreaming(fetch(url('content/talent_bridge_content_bg.wasm')));
    const searchBadges = askSearchBadges();
    // The glue at once too (its import took 15-19 ms of the busy load), the instance once the
    // worker said the page is not left untouched (Q2): most often all before the page is parsed.
    const glue = importOurs('talent_bridge_content.js');
    const instance = Promise.all([searchBadges, compiled, glue]).then(([said, module, ours]) =>
      said?.untouched ? null : ours.default({ module_or_path: module }).then(() => ours),
    );
    glue.catch(() => {});
    instance.catch(() => {});
    return parsed()
      .then(() => searchBadges)
      .then((said) => said?.untouched || instance.then((glue) => glue.start(said?.on, said?.dim_in_crm === true)))
      .catch((err) => {
        if (!wasmAllowed()) return startFrames();
        // Report the kind of error only.
        console.warn('Talent Bridge could not start:', err && err.name);
      });
  };

  const served = () => SERVED_PATHS.some((prefix) => location.pathname.startsWith(prefix));
  if (served()) {
    startReader();
    return;
  }
  // The site's router moves with `history.pushState`; the Navigation API tells every world of
  // it (the reader follows it the same way, `watcher.rs`).
  const wake = () => {
    if (!served()) return;
    navigation.removeEventListener('currententrychange', wake);
    startReader();
  };
  navigation.addEventListener('currententrychange', wake);
})();
