// Talent Bridge content loader: a classic content script can't be a module, so it imports the
// wasm-bindgen glue dynamically and hands control to Rust. No product logic lives here.
(async () => {
  const base = chrome.runtime.getURL('content/');
  try {
    const glue = await import(base + 'talent_bridge_content.js');
    await glue.default({ module_or_path: base + 'talent_bridge_content_bg.wasm' });
    glue.start();
  } catch (err) {
    // The page's CSP may refuse WebAssembly (DESIGN.md §2); report the kind of error only.
    console.warn('Talent Bridge could not start:', err && err.name);
  }
})();
