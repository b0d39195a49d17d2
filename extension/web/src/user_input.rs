//! Only the user acts (PRODUCT.md S5, issue #16): the site's scripts can `click()` or
//! `dispatchEvent` on anything they reach, so every handler that shows a card or a panel,
//! starts, confirms or changes anything asks [`by_user`] first.

use web_sys::Event;

/// Whether `event` is the user's: input the browser made (`isTrusted`), never a script's.
///
/// In frame mode our UI runs in an extension page framed into the site (`frame.html`), where
/// the site can dispatch nothing and the only scripts are ours: `frame.js` replays there the
/// pointer's return from the page, which the frame's document is not told of (a synthetic
/// `mouseenter`). Events in an extension page are taken as they come.
pub fn by_user(event: &Event) -> bool {
    event.is_trusted() || in_extension_page()
}

fn in_extension_page() -> bool {
    web_sys::window()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|protocol| protocol == "chrome-extension:")
}
