// Talent Bridge frame bootstrap (frame mode, DESIGN.md §2): runs inside `frame.html`, which the
// content script frames into a page whose CSP refuses WebAssembly. It loads the content module
// here, which opens this frame's port to the content script of its tab and plays the role the
// frame's address names (`#reader:<token>` or `#badge:<token>`, `:now` after it for a badge the
// user reached for; extension/content/src/frame/).
// Everything a frame does comes through that port: nothing is taken from the page, and a frame the
// page opened itself gets nothing (the content script knows only the tokens it made).
const load = async (dir, name) => {
  const glue = await import(`./${dir}/${name}.js`);
  await glue.default({ module_or_path: `./${dir}/${name}_bg.wasm` });
  return glue;
};

// The UI module (hover card, export panel), loaded on a badge's first hover, focus or click, as
// `loader.js` does in the page; it asks the site through `talentBridgeSite` (frame/site.rs), so
// it starts once that is set. A badge frame made because the user reached for its look
// (`#badge:<token>:now`, frames.js) is about to show its card: the module loads alongside ours.
let fetched = null;
const fetchUi = () => (fetched ??= load('ui', 'talent_bridge_ui').catch((err) => ((fetched = null), Promise.reject(err))));
let ui = null;
globalThis.talentBridgeLoadUi = () => {
  ui ??= fetchUi()
    .then((glue) => {
      glue.start();
      return glue;
    })
    .catch((err) => {
      ui = null;
      throw err;
    });
  return ui;
};
if (/^#badge:[^:]+:now$/.test(location.hash)) fetchUi().catch(() => {});

// The side panel (`sidepanel.html`, PRODUCT.md Q1) runs the same module and UI module as a frame.
load('frame', 'talent_bridge_content')
  .then((glue) => (document.body.dataset.view === 'panel' ? glue.start_panel() : glue.start_frame()))
  .then((site) => {
    globalThis.talentBridgeSite = site;
  })
  .catch((err) => console.warn('Talent Bridge frame could not start:', err && err.name));
