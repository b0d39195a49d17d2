//! The layer that dims a search result card whose person is already in the CRM (PRODUCT.md
//! Q3). Drawn inside the badge's closed root, never in the site's DOM: positioned from the
//! card's box relative to the host, `pointer-events: none` (every click and every
//! `elementFromPoint` reaches the site as before). With the user's choice on, every card gets
//! one, dimming or not (`talent_bridge::badge_plan::DimInCrm`), so no host tells the page
//! anything of the CRM's answer, not even by its overflow (S5).

use talent_bridge::badge_plan::{BadgeKind, DimInCrm};
use talent_bridge::protocol::BadgeState;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Element, ResizeObserver};

pub struct Cover {
    rule: DimInCrm,
    layer: Element,
    /// Places the layer again whenever the card or the badge changes size (the site's late
    /// rendering, a narrower window, the badge's answer), after layout, off any forced one.
    observer: ResizeObserver,
    _placed: Closure<dyn FnMut()>,
}

impl Cover {
    /// Lays `layer` (already in the root of `host`) over `card`, to dim it as `rule` says.
    pub fn over(card: &Element, host: &Element, layer: Element, rule: DimInCrm) -> Option<Self> {
        let place = {
            let (card, host, layer) = (card.clone(), host.clone(), layer.clone());
            Closure::<dyn FnMut()>::new(move || place(&card, &host, &layer))
        };
        let observer = ResizeObserver::new(place.as_ref().unchecked_ref()).ok()?;
        observer.observe(card);
        observer.observe(host);
        Some(Self {
            rule,
            layer,
            observer,
            _placed: place,
        })
    }

    /// Dims the card of a person in `state`, or shows it as the site drew it.
    pub fn show(&self, state: BadgeState) {
        let _ = if self.rule.dims(BadgeKind::Card, state) {
            self.layer.set_attribute("data-dim", "")
        } else {
            self.layer.remove_attribute("data-dim")
        };
    }
}

impl Drop for Cover {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// The card's box, relative to the host (the layer's containing block), each edge in whole
/// pixels within half a pixel of the card's. The host is inside the card, so every edge of the
/// layer lies outside the host's: every number is positive (`u32`, whose formatting the module
/// carries already).
fn place(card: &Element, host: &Element, layer: &Element) {
    let (c, h) = (
        card.get_bounding_client_rect(),
        host.get_bounding_client_rect(),
    );
    let px = |n: f64| (n + 0.5) as u32;
    let style = format!(
        "left:-{}px;top:-{}px;right:-{}px;bottom:-{}px",
        px(h.left() - c.left()),
        px(h.top() - c.top()),
        px(c.right() - h.right()),
        px(c.bottom() - h.bottom())
    );
    let _ = layer.set_attribute("style", &style);
}
