//! Where a badge lives in the page: a host element beside the name, with a shadow root holding
//! the Yew app — badge, export button and panel — (styles isolated both ways).

use crate::badge::STYLE;
use crate::card::{Card, CardProps};
use crate::style::CARD_STYLE;
use talent_bridge::protocol::{BadgeView, PageFacts};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, ShadowRootInit, ShadowRootMode};
use yew::AppHandle;

/// The attribute that marks our host elements, so we can find (and never read) them.
pub const HOST_ATTR: &str = "data-talent-bridge";

pub struct BadgeMount {
    host: Element,
    app: AppHandle<Card>,
    props: CardProps,
}

/// Events from inside the badge are ours: the site's single-page router and keyboard shortcuts
/// must not see them (typing in the panel's search box is not a shortcut for the site).
const OURS: &[&str] = &["click", "keydown", "keyup", "keypress"];

/// Search result cards carry the badge only (PRODUCT.md P1): exporting starts from a profile.
const BADGE_ONLY_STYLE: &str = r#"
[data-tb="export"], [data-tb="export-reason"], [data-tb="export-panel"] { display: none !important; }
"#;

impl BadgeMount {
    /// Puts a badge beside `anchor`. The host goes after the link that wraps the name, if any:
    /// inside it, a click on the badge would also follow the site's link.
    pub fn attach(document: &Document, anchor: &Element, props: CardProps) -> Option<Self> {
        Self::attach_styled(document, anchor, props, "")
    }

    /// Like [`BadgeMount::attach`], without the Export to CRM button: for search result cards
    /// and for "Can't read this profile". Pass `PageFacts` with `pdf_offered: false`, so the
    /// card never asks the worker for an export context either.
    pub fn attach_badge_only(
        document: &Document,
        anchor: &Element,
        props: CardProps,
    ) -> Option<Self> {
        Self::attach_styled(document, anchor, props, BADGE_ONLY_STYLE)
    }

    fn attach_styled(
        document: &Document,
        anchor: &Element,
        props: CardProps,
        extra_style: &str,
    ) -> Option<Self> {
        let host = document.create_element("span").ok()?;
        host.set_attribute(HOST_ATTR, "badge").ok()?;
        let place = link_around(anchor).unwrap_or_else(|| anchor.clone());
        place.after_with_node_1(&host).ok()?;
        let shadow = host
            .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .ok()?;
        let style = document.create_element("style").ok()?;
        style.set_text_content(Some(&format!("{STYLE}{CARD_STYLE}{extra_style}")));
        shadow.append_child(&style).ok()?;
        let root = document.create_element("span").ok()?;
        shadow.append_child(&root).ok()?;
        let stop =
            wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(|e: web_sys::Event| {
                e.stop_propagation()
            });
        for event in OURS {
            host.add_event_listener_with_callback(event, stop.as_ref().unchecked_ref())
                .ok()?;
        }
        stop.forget();
        let app = yew::Renderer::<Card>::with_root_and_props(root, props.clone()).render();
        Some(Self { host, app, props })
    }

    pub fn show(&mut self, view: BadgeView) {
        self.props.view = view;
        self.app.update(self.props.clone());
    }

    pub fn set_page(&mut self, page: PageFacts) {
        if self.props.page != page {
            self.props.page = page;
            self.app.update(self.props.clone());
        }
    }

    /// Still in the page (the site's router may have thrown the top card away).
    pub fn is_attached(&self) -> bool {
        self.host.is_connected()
    }

    pub fn remove(self) {
        self.app.destroy();
        self.host.remove();
    }
}

/// The nearest `<a>` around the name, a few levels up at most.
fn link_around(anchor: &Element) -> Option<Element> {
    let mut node = anchor.parent_element();
    for _ in 0..4 {
        let current = node?;
        if current.tag_name().eq_ignore_ascii_case("a") {
            return Some(current);
        }
        node = current.parent_element();
    }
    None
}
