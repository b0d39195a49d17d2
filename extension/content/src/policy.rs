//! The one switch of the organisation's policy the page side follows itself:
//! `Features.SearchBadges` (PRODUCT.md A2). Read from the managed storage the admin's policy
//! fills (no round trip to the worker, which may be stopped) when the script starts and again
//! whenever the admin changes it; the worker refuses a search page's lookups on its own too.

use js_sys::Reflect;
use talent_bridge::badge_plan::SearchBadges;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "storage", "managed"], js_name = get, catch)]
    async fn managed_get(keys: &JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["chrome", "storage", "onChanged"], js_name = addListener)]
    fn on_storage_changed(listener: &Closure<dyn FnMut(JsValue, JsValue)>);
}

const FEATURES: &str = "Features";
const SEARCH_BADGES: &str = "SearchBadges";

/// The switch as the policy sets it now. A browser without managed storage (no policy at
/// all) leaves the badges on.
async fn read() -> SearchBadges {
    let switch = match managed_get(&JsValue::from_str(FEATURES)).await {
        Ok(managed) => Reflect::get(&managed, &FEATURES.into())
            .and_then(|features| Reflect::get(&features, &SEARCH_BADGES.into()))
            .ok()
            .and_then(|on| on.as_bool()),
        Err(_) => None,
    };
    SearchBadges::from_switch(switch)
}

/// Calls `known` with the switch now, and again each time the admin's policy changes.
pub fn follow_search_badges(known: impl Fn(SearchBadges) + Clone + 'static) {
    let first = known.clone();
    wasm_bindgen_futures::spawn_local(async move { first(read().await) });
    let listener = Closure::<dyn FnMut(JsValue, JsValue)>::new(move |_changes, area: JsValue| {
        if area.as_string().as_deref() == Some("managed") {
            let known = known.clone();
            wasm_bindgen_futures::spawn_local(async move { known(read().await) });
        }
    });
    on_storage_changed(&listener);
    // Listens for the life of the page's script.
    listener.forget();
}
