//! Frame mode, for pages whose content security policy refuses WebAssembly (DESIGN.md §2
//! "Strict page CSP"). The content script (`frames.js`, plain JS) cannot run this module there,
//! so it runs in extension pages framed into the site's page instead (`frame.html`):
//!
//! - one hidden **reader** frame per tab asks the content script for copies of the page, reads
//!   each with the same extraction as the content script (`read_page`), hands the reading to the
//!   same badge rules (`talent_bridge::badge_plan`), and has the content script carry out the
//!   plan; the new people are looked up together, in one message;
//! - one **badge** frame per person, which `frames.js` puts beside the name, shows the same badge,
//!   Export to CRM button, hover card and export panel as the content script does (`BadgeMount`,
//!   and the UI module), sized to what it shows. A badge without the Export to CRM button (a
//!   search result's) gets its frame only when the user reaches for it (a pointer over it, focus
//!   in it): until then `frames.js` draws its look (`look`), the badge row as the reader drew it,
//!   in the badge's closed root (`BadgeKind::frame_on_demand`; a frame each cost the page 4–5×
//!   what page mode costs on a 25-result search).
//!
//! Frames and content script talk over a `chrome.tabs` port, in the messages of
//! `talent_bridge::protocol::frame`: the page can neither read nor forge them, and a frame acts
//! only on what comes through it.

mod badge_frame;
mod fit;
mod look;
mod pace;
mod panel;
mod port;
mod reader;
mod site;

use port::Port;
use wasm_bindgen::prelude::*;

/// Called by `frame.js` once the module is instantiated: opens this frame's port, named by its
/// address (`#reader:<token>` or `#badge:<token>`, with `:now` after the token for a badge the
/// user reached for: all of it is the port's name), and starts the frame's role. A badge frame
/// returns what the UI module asks the site through (`talentBridgeSite`). No panic hook, as in
/// `start` (lib.rs).
#[wasm_bindgen]
pub async fn start_frame() -> Option<site::SiteHub> {
    say_our_language();
    let hash = web_sys::window()?.location().hash().ok()?;
    let name = hash.strip_prefix('#')?;
    let (role, token) = name.split_once(':')?;
    if token.is_empty() {
        return None;
    }
    match role {
        "reader" => {
            reader::start(Port::open(name).await?);
            None
        }
        "badge" => Some(badge_frame::start(Port::open(name).await?)),
        _ => None,
    }
}

/// Called by `frame.js` in `sidepanel.html` once the module is instantiated: starts the side panel (PRODUCT.md
/// Q1); returns what the UI module asks the site through (`talentBridgeSite`).
#[wasm_bindgen]
pub fn start_panel() -> Option<site::SiteHub> {
    say_our_language();
    panel::start()
}

/// The shells (`frame.html`, `sidepanel.html`) say `lang="en"`: the catalogue shown decides, as
/// in the popup.
fn say_our_language() {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", &talent_bridge_web::lang());
    }
}
