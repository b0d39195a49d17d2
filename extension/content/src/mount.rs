//! Where a badge lives in the page: a host element beside the name, with a shadow root holding
//! the Yew app (styles isolated both ways).

use crate::badge::{Badge, BadgeProps, STYLE};
use talent_bridge::protocol::BadgeView;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, ShadowRootInit, ShadowRootMode};
use yew::{AppHandle, Callback};

/// The attribute that marks our host elements, so we can find (and never read) them.
pub const HOST_ATTR: &str = "data-talent-bridge";

pub struct BadgeMount {
    host: Element,
    app: AppHandle<Badge>,
    on_retry: Callback<()>,
    on_open_options: Callback<()>,
}

impl BadgeMount {
    /// Puts a badge beside `anchor`. The host goes after the link that wraps the name, if any:
    /// inside it, a click on the badge would also follow the site's link.
    pub fn attach(
        document: &Document,
        anchor: &Element,
        view: BadgeView,
        on_retry: Callback<()>,
        on_open_options: Callback<()>,
    ) -> Option<Self> {
        let host = document.create_element("span").ok()?;
        host.set_attribute(HOST_ATTR, "badge").ok()?;
        let place = link_around(anchor).unwrap_or_else(|| anchor.clone());
        place.after_with_node_1(&host).ok()?;
        let shadow = host
            .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .ok()?;
        let style = document.create_element("style").ok()?;
        style.set_text_content(Some(STYLE));
        shadow.append_child(&style).ok()?;
        let root = document.create_element("span").ok()?;
        shadow.append_child(&root).ok()?;
        // Clicks inside the badge are ours: the site's single-page router must not see them.
        let stop =
            wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(|e: web_sys::Event| {
                e.stop_propagation()
            });
        host.add_event_listener_with_callback("click", stop.as_ref().unchecked_ref())
            .ok()?;
        stop.forget();
        let props = BadgeProps {
            view,
            on_retry: on_retry.clone(),
            on_open_options: on_open_options.clone(),
        };
        let app = yew::Renderer::<Badge>::with_root_and_props(root, props).render();
        Some(Self {
            host,
            app,
            on_retry,
            on_open_options,
        })
    }

    pub fn show(&mut self, view: BadgeView) {
        self.app.update(BadgeProps {
            view,
            on_retry: self.on_retry.clone(),
            on_open_options: self.on_open_options.clone(),
        });
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
