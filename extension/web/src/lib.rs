//! Browser glue shared by the three wasm modules: user-facing strings from `_locales` (put in
//! words by the core's `i18n`), the typed message round trip to the service worker, and which
//! input is the user's.

mod kept;
mod user_input;

pub use kept::Kept;
pub use user_input::by_user;

use serde::{Serialize, de::DeserializeOwned};
use talent_bridge::i18n::{self, Catalogue, Day, Text};
use talent_bridge::protocol::{Bounded, Envelope, PROTOCOL_VERSION};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "runtime"], js_name = sendMessage, catch)]
    fn send_message(message: &JsValue) -> Result<js_sys::Promise, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "i18n"], js_name = getMessage)]
    fn get_message(name: &str, substitutions: &JsValue) -> String;
}

/// The catalogue the browser shows: `_locales` in its UI language, English when we have none.
struct Browser;

impl Catalogue for Browser {
    // Once in each module, not once per call site of the core's formatting (content size).
    #[inline(never)]
    fn message(&self, name: &str, args: &[&str]) -> Option<String> {
        // A message without substitutions is the same for the module's life (the browser's UI
        // language does not change under a running page): asked of the browser once, where a
        // search page of 25 badges asked it for each (issue #20).
        let text = if args.is_empty() {
            SAID.with(|said| said.get(name, || get_message(name, &js_sys::Array::new())))
        } else {
            let subs: js_sys::Array = args.iter().map(|s| JsValue::from_str(s)).collect();
            get_message(name, &subs)
        };
        (!text.is_empty()).then_some(text)
    }
}

thread_local! {
    /// The messages without substitutions asked so far (the badge and its card use about 40).
    static SAID: Kept<String> = const { Kept::new(128) };
}

/// A user-facing string from `_locales` (falls back to the message name, never to nothing).
pub fn t(name: &str) -> String {
    t_with(name, &[])
}

/// A user-facing string with `$1`, `$2`… substitutions.
pub fn t_with(name: &str, substitutions: &[&str]) -> String {
    Browser
        .message(name, substitutions)
        .unwrap_or_else(|| name.to_string())
}

/// A message worded by `count` (`{name}_one`, `{name}_other`…), the count as `$1`.
pub fn t_count(name: &'static str, count: u32, substitutions: &[&str]) -> String {
    i18n::counted(&Browser, name, count, substitutions)
}

/// A day as the catalogue shown writes it ("2 March 2026", "2. März 2026").
pub fn t_day(day: Day) -> String {
    i18n::day_text(&Browser, day)
}

/// The catalogue's language as a `lang` attribute (`pt-BR`).
pub fn lang() -> String {
    i18n::language_tag(&t("locale"))
}

/// A core text in the user's language.
pub fn say(text: &Text) -> String {
    i18n::say(&Browser, text)
}

/// Why a round trip to the worker failed.
#[derive(Debug)]
pub enum SendError {
    /// The extension was reloaded or updated: this script is orphaned.
    ExtensionGone,
    /// The answer did not parse as the expected reply.
    BadReply,
}

/// Serialises for `chrome.*` APIs: plain objects, `null` for `None` (never `undefined`, which
/// messaging drops).
pub fn to_js<T: Serialize>(value: &T) -> Option<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()
}

/// Sends `msg` in its envelope to the service worker when called, not when first awaited (the
/// caller may have more to do in this task: a search page's lookup goes before its 25 badges
/// are put in, issue #20); the reply as it comes.
fn send<Req: Serialize + Bounded>(
    msg: Req,
) -> impl Future<Output = Result<JsValue, SendError>> + use<Req> {
    let sent = to_js(&Envelope::new(msg))
        .ok_or(SendError::BadReply)
        .and_then(|value| send_message(&value).map_err(|_| SendError::ExtensionGone));
    async move {
        wasm_bindgen_futures::JsFuture::from(sent?)
            .await
            .map_err(|_| SendError::ExtensionGone)
    }
}

/// Sends `msg` to the service worker (now) and reads its reply.
pub fn request<Req, Reply>(msg: Req) -> impl Future<Output = Result<Reply, SendError>>
where
    Req: Serialize + Bounded,
    Reply: DeserializeOwned + Bounded,
{
    let reply = send(msg);
    async move {
        let envelope: Envelope<Reply> =
            serde_wasm_bindgen::from_value(reply.await?).map_err(|_| SendError::BadReply)?;
        envelope.open().map_err(|_| SendError::BadReply)
    }
}

/// Sends `msg` to the service worker (now) and returns the reply's message, its envelope's
/// version checked, for callers that read it themselves: the content script reads a few fields
/// of a few replies, and serde's code for the whole reply type would double its size.
pub fn request_msg<Req>(msg: Req) -> impl Future<Output = Result<JsValue, SendError>>
where
    Req: Serialize + Bounded,
{
    let reply = send(msg);
    async move { open_msg(reply.await?) }
}

/// The message of a reply, its envelope's version checked.
fn open_msg(reply: JsValue) -> Result<JsValue, SendError> {
    let version = js_sys::Reflect::get(&reply, &JsValue::from_str("v"))
        .ok()
        .and_then(|v| v.as_f64());
    if version != Some(f64::from(PROTOCOL_VERSION)) {
        return Err(SendError::BadReply);
    }
    js_sys::Reflect::get(&reply, &JsValue::from_str("msg"))
        .ok()
        .filter(JsValue::is_object)
        .ok_or(SendError::BadReply)
}
