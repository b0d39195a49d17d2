// Talent Bridge content loader: a classic content script can't be a module, so it imports the
// wasm-bindgen glue dynamically and hands control to Rust. No product logic lives here.
//
// Two modules: the content script proper (badge, export button; every tab of the site) and the
// UI module (hover card, export panel; Yew), imported the first time a badge is hovered,
// focused or clicked. Both run in this isolated world; the page sees neither.
(() => {
  // Each file's own `getURL`: only a path listed with `use_dynamic_url` gets this session's
  // dynamic id; a folder's URL has the fixed id, at which these files no longer load (issue #16).
  const load = async (dir, name) => {
    const file = (suffix) => chrome.runtime.getURL(`${dir}/${name}${suffix}`);
    const glue = await import(file('.js'));
    await glue.default({ module_or_path: file('_bg.wasm') });
    glue.start();
    return glue;
  };
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
  if (!wasmAllowed()) {
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
    return;
  }
  load('content', 'talent_bridge_content').catch((err) => {
    // Report the kind of error only.
    console.warn('Talent Bridge could not start:', err && err.name);
  });
})();
