//! The bridge to the UI module (`extension/ui`): the hover card and the export panel, in Yew,
//! loaded by `loader.js` on the first hover, focus or click of a badge, once per tab. Both
//! modules live in this script's isolated world: the page can neither see nor call them.

use wasm_bindgen::prelude::*;
use web_sys::{Element, ShadowRoot};

#[wasm_bindgen]
extern "C" {
    /// `loader.js`: imports and starts the UI module once; resolves to its exports.
    #[wasm_bindgen(js_name = talentBridgeLoadUi, catch)]
    async fn load_ui() -> Result<JsValue, JsValue>;

    /// The UI module's exports.
    #[derive(Clone)]
    pub type UiModule;
    #[wasm_bindgen(method, structural)]
    pub fn mount(
        this: &UiModule,
        shadow: &ShadowRoot,
        tip: &Element,
        badge: &JsValue,
        person: &JsValue,
        page: &JsValue,
        hooks: &JsValue,
    ) -> Option<Extras>;

    /// One badge's hover card and export panel (a Yew app).
    #[derive(Clone)]
    pub type Extras;
    #[wasm_bindgen(method, structural)]
    pub fn update(this: &Extras, badge: &JsValue, page: &JsValue);
    #[wasm_bindgen(method, structural, js_name = armCard)]
    pub fn arm_card(this: &Extras);
    #[wasm_bindgen(method, structural, js_name = togglePanel)]
    pub fn toggle_panel(this: &Extras);
    #[wasm_bindgen(method, structural)]
    pub fn destroy(this: &Extras);
}

/// The UI module, loaded if it is not yet; `None` if it cannot be (extension reloaded).
pub async fn module() -> Option<UiModule> {
    load_ui().await.ok().map(JsCast::unchecked_into)
}
