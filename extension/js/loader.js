// Talent Bridge content loader: a classic content script can't be a module, so it imports the
// wasm-bindgen glue dynamically and hands control to Rust. No product logic lives here.
//
// It runs in every tab of the site, but the reader is needed only on profiles and people search:
// until the tab shows one, this is a URL watcher and nothing else (no wasm fetched, compiled or
// instantiated; issue #20). The paths come from the core (`SERVED_PATHS` in src/site/mod.rs):
// the build writes them in place of the marker below (`tb served-paths`); the core's tests prove
// the prefixes cover every URL the reader serves.
//
// Two modules: the content script proper (badge, export button) and the UI module (hover card,
// export panel; Yew), imported the first time a badge is hovered, focused or clicked. Both run in
// this isolated world; the page sees neither.
(() => {
  const SERVED_PATHS = /* served-paths */ null;

  // Each file's own `getURL`: only a path listed with `use_dynamic_url` gets this session's
  // dynamic id; a folder's URL has the fixed id, at which these files no longer load (issue #16).
  const load = async (dir, name, module, ...args) => {
    const file = (suffix) => chrome.runtime.getURL(`${dir}/${name}${suffix}`);
    const glue = await import(file('.js'));
    await glue.default({ module_or_path: module ?? file('_bg.wasm') });
    glue.start(...args);
    return glue;
  };
  // Whether people-search results get badges (`Features.SearchBadges`, PRODUCT.md A2) and are
  // dimmed when in the CRM (the user's choice, Q3), asked of the worker while the page loads
  // (waking it for the lookup to come; the page never pays for storage); the core's badge rules
  // decide what the answer means (`badge_plan`). No answer: `undefined`.
  const askSearchBadges = () =>
    chrome.runtime
      .sendMessage({ v: 1, msg: { type: 'search_badges' } })
      .then((reply) => reply?.msg, () => undefined);
  let ui = null;
  globalThis.talentBridgeLoadUi = () => {
    // A failed load (extension reloaded, say) is tried again on the next hover or click.
    ui ??= load('ui', 'talent_bridge_ui').catch((err) => {
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
  const startFrames = () => {
    const refused = (frames) =>
      chrome.runtime.sendMessage({ v: 1, msg: { type: 'wasm_refused', frames } }).catch(() => {});
    import(chrome.runtime.getURL('content/frames.js'))
      .then((frames) => {
        frames.start();
        refused(true);
      })
      .catch((err) => {
        console.warn('Talent Bridge could not start:', err && err.name);
        refused(false);
      });
  };
  // The loader runs at `document_start`: on a profile or search URL the module is fetched and
  // compiled (off the main thread) while the page is still loading, and the reader starts once
  // the document is parsed. The CSP is asked only when the module did not load: compiling even
  // the empty module costs every profile load a third of a millisecond.
  const parsed = () =>
    document.readyState === 'loading'
      ? new Promise((resolve) => addEventListener('DOMContentLoaded', resolve, { once: true }))
      : Promise.resolve();
  const startReader = () => {
    const wasm = chrome.runtime.getURL('content/talent_bridge_content_bg.wasm');
    const compiled = WebAssembly.compileStreaming(fetch(wasm));
    const searchBadges = askSearchBadges();
    return parsed()
      .then(() => Promise.all([compiled, searchBadges]))
      .then(([module, said]) => load('content', 'talent_bridge_content', module, said?.on, said?.dim_in_crm === true))
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
