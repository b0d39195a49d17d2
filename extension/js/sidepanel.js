// Talent Bridge side panel bootstrap (PRODUCT.md Q1): loads the same module as frame mode's frames
// (extension/content/src/frame/panel.rs) and the UI module on first use, as `frame.js` does.
const load = async (dir, name) => {
  const glue = await import(`./${dir}/${name}.js`);
  await glue.default({ module_or_path: `./${dir}/${name}_bg.wasm` });
  return glue;
};

let ui = null;
globalThis.talentBridgeLoadUi = () => {
  ui ??= load('ui', 'talent_bridge_ui')
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

load('frame', 'talent_bridge_content')
  .then((glue) => {
    globalThis.talentBridgeSite = glue.start_panel();
  })
  .catch((err) => console.warn('Talent Bridge side panel could not start:', err && err.name));
