//! The content script's UI module: the badge's hover card (PRODUCT.md B2, B3, B5) and the
//! export panel (PRODUCT.md E2–E7), in Yew. The content script (`extension/content`) draws the
//! badge and the export button in every tab; `loader.js` loads this module on the first hover,
//! focus or click of a badge, and the content script mounts one [`Extras`] per badge into the
//! badge's own shadow root.

mod card;
mod export_panel;
mod flow;
mod hover_card;
mod site_pdf;
mod state;
mod style;
mod user_input;
mod vdom;
mod worker_events;

use card::{Card, CardProps, Hooks};
use talent_bridge::protocol::{BadgeView, PageFacts, PersonQuery};
use wasm_bindgen::prelude::*;
use web_sys::{Element, ShadowRoot};
use yew::AppHandle;

/// Called once by `loader.js` after the module is instantiated.
#[wasm_bindgen]
pub fn start() {
    console_error_panic_hook::set_once();
    worker_events::listen();
}

/// One badge's hover card and export panel.
#[wasm_bindgen]
pub struct Extras {
    app: AppHandle<Card>,
    props: CardProps,
}

/// Mounts the hover card and the export panel of the badge in `shadow`: the card hangs in
/// `tip` (with the badge), the panel at the end of the badge's row. `badge`, `person` and
/// `page` are the content script's `BadgeView`, `PersonQuery` and `PageFacts`; `hooks` is
/// `{ changed(), view(badge), pinned }`. `None` if any of them is not what it should be.
#[wasm_bindgen]
pub fn mount(
    shadow: ShadowRoot,
    tip: Element,
    badge: JsValue,
    person: JsValue,
    page: JsValue,
    hooks: JsValue,
) -> Option<Extras> {
    let view: BadgeView = serde_wasm_bindgen::from_value(badge).ok()?;
    let person: PersonQuery = serde_wasm_bindgen::from_value(person).ok()?;
    let page: PageFacts = serde_wasm_bindgen::from_value(page).ok()?;
    let document = web_sys::window()?.document()?;
    if shadow.query_selector("style[data-tb-ui]").ok()?.is_none() {
        let style = document.create_element("style").ok()?;
        style.set_attribute("data-tb-ui", "").ok()?;
        style.set_text_content(Some(style::CARD_STYLE));
        shadow.append_child(&style).ok()?;
    }
    // The side panel pins the card open beside the badge (`hooks.pinned`).
    let pinned = js_sys::Reflect::get(&hooks, &"pinned".into())
        .ok()
        .and_then(|p| p.as_bool())
        .unwrap_or(false);
    let row = shadow.query_selector(".row").ok()??;
    let root = document.create_element("span").ok()?;
    row.append_child(&root).ok()?;
    let card_host = document.create_element("span").ok()?;
    tip.append_child(&card_host).ok()?;
    let props = CardProps {
        view,
        person,
        page,
        shadow,
        tip,
        card_host,
        hooks: Hooks(hooks),
        arm: 0,
        toggle: 0,
        pinned,
    };
    let app = yew::Renderer::<Card>::with_root_and_props(root, props.clone()).render();
    Some(Extras { app, props })
}

#[wasm_bindgen]
impl Extras {
    /// The badge shows another answer, or the page offers something else.
    pub fn update(&mut self, badge: JsValue, page: JsValue) {
        if let Ok(view) = serde_wasm_bindgen::from_value::<BadgeView>(badge) {
            self.props.view = view;
        }
        if let Ok(page) = serde_wasm_bindgen::from_value::<PageFacts>(page) {
            self.props.page = page;
        }
        self.app.update(self.props.clone());
    }

    /// The badge was hovered, focused or clicked: its card may show.
    #[wasm_bindgen(js_name = armCard)]
    pub fn arm_card(&mut self) {
        self.props.arm += 1;
        self.app.update(self.props.clone());
    }

    /// The Export to CRM button was pressed: the panel opens, or closes if open.
    #[wasm_bindgen(js_name = togglePanel)]
    pub fn toggle_panel(&mut self) {
        self.props.toggle += 1;
        self.app.update(self.props.clone());
    }

    /// The badge leaves the page.
    pub fn destroy(self) {
        let Extras { app, props } = self;
        app.destroy();
        props.card_host.remove();
    }
}
