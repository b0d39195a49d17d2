//! The few replies the content script reads, taken apart field by field. The worker's reply
//! type is large; serde's code for all of it would double the script shipped into every tab,
//! so this reads only what the badge and the export button need, and keeps each badge's raw
//! object for the UI module, which parses it whole (`extension/ui`). The names read are the
//! core's `protocol::wire`, checked there against what serde writes.

use js_sys::{Array, Reflect};
use talent_bridge::export_ui::Context;
use talent_bridge::protocol::wire::*;
use talent_bridge::protocol::{BadgeState, ExportBlock, ExportContextView};
use wasm_bindgen::JsValue;

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn text(object: &JsValue, key: &str) -> Option<String> {
    get(object, key).as_string()
}

/// The reply's `type`.
pub fn kind(msg: &JsValue) -> Option<String> {
    text(msg, TYPE)
}

/// What a badge shows of its contact.
#[derive(Clone, Debug, PartialEq)]
pub struct Contact {
    pub url: String,
    pub full_name: String,
    pub confidential: bool,
}

/// One badge of a lookup reply: what the badge itself shows, and the whole object.
#[derive(Clone, Debug)]
pub struct Badge {
    pub state: BadgeState,
    pub contact: Option<Contact>,
    pub matches: u32,
    pub message: Option<String>,
    /// The worker's object, as sent: the UI module's hover card reads all of it.
    pub raw: JsValue,
}

impl PartialEq for Badge {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state
            && self.contact == other.contact
            && self.matches == other.matches
            && self.message == other.message
    }
}

impl Badge {
    /// A badge with nothing but a state (`checking`, `unreadable`).
    pub fn bare(state: BadgeState) -> Self {
        let raw = js_sys::Object::new();
        let _ = Reflect::set(&raw, &STATE.into(), &state.as_str().into());
        Self {
            state,
            contact: None,
            matches: 0,
            message: None,
            raw: raw.into(),
        }
    }

    /// The `error` badge with `message` for people.
    pub fn error(message: String) -> Self {
        let bare = Self::bare(BadgeState::Error);
        let _ = Reflect::set(&bare.raw, &MESSAGE.into(), &message.as_str().into());
        Self {
            message: Some(message),
            ..bare
        }
    }

    /// One badge as the worker sent it; `None` if it is not one.
    pub fn read(raw: JsValue) -> Option<Self> {
        let state = BadgeState::from_wire(&text(&raw, STATE)?)?;
        let contact = get(&raw, CONTACT);
        let contact = if contact.is_object() {
            Some(Contact {
                url: text(&contact, URL)?,
                full_name: text(&contact, FULL_NAME)?,
                confidential: get(&contact, CONFIDENTIAL).as_bool().unwrap_or(false),
            })
        } else {
            None
        };
        let matches = get(&raw, MATCHES);
        let matches = if Array::is_array(&matches) {
            Array::from(&matches).length()
        } else {
            0
        };
        let message = text(&raw, MESSAGE);
        Some(Self {
            state,
            contact,
            matches,
            message,
            raw,
        })
    }
}

/// The switch of a `search_badges` reply; `None` if `msg` is not one.
#[cfg(feature = "frame")]
pub fn search_badges(msg: &JsValue) -> Option<bool> {
    (kind(msg).as_deref() == Some(SEARCH_BADGES))
        .then(|| get(msg, ON).as_bool())
        .flatten()
}

/// Whether the worker refused a lookup because the organisation switched search badges off.
pub fn search_badges_off(msg: &JsValue) -> bool {
    kind(msg).as_deref() == Some(SEARCH_BADGES_OFF)
}

/// The badges of a `lookup` reply, in the order asked; `None` if `msg` is not one.
pub fn lookup(msg: &JsValue) -> Option<Vec<Badge>> {
    if kind(msg).as_deref() != Some(LOOKUP) {
        return None;
    }
    let badges = get(msg, BADGES);
    if !Array::is_array(&badges) {
        return None;
    }
    Array::from(&badges).iter().map(Badge::read).collect()
}

/// The worker's view of exporting, as far as the button needs it.
pub fn context(msg: &JsValue, fallback: impl FnOnce() -> String) -> Context {
    match kind(msg).as_deref() {
        Some(k) if k == EXPORT_CONTEXT => {
            let block = get(msg, BLOCK);
            let block = if block.is_object() {
                let reason = text(&block, REASON).unwrap_or_default();
                match ExportBlock::from_wire(&reason, text(&block, RESETS_AT)) {
                    Some(block) => Some(block),
                    None => return Context::Unavailable(fallback()),
                }
            } else {
                None
            };
            Context::Ready(ExportContextView {
                quota: None,
                block,
                can_assign: false,
                default_pool: None,
            })
        }
        Some(k) if k == FAILED => Context::Unavailable(text(msg, MESSAGE).unwrap_or_else(fallback)),
        Some(k) if k == REFUSED => Context::Unavailable(text(msg, REASON).unwrap_or_else(fallback)),
        _ => Context::Unavailable(fallback()),
    }
}
