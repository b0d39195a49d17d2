//! The GraphQL "Save to PDF" query id (issue #15): read from what the site ships, kept per
//! browser with its source and date (`chrome.storage.local`, key `site_pdf_query_id`), then the
//! admin's `SitePdfQueryId`, then the built-in value. The rules are in
//! `talent_bridge::export_ui::site_pdf::query_id`; this module only fetches and stores.
//!
//! The bundles are public static files (`static.licdn.com`), fetched without cookies. The
//! worker fetches them, not the content script: the site serves them without CORS headers, and
//! a content script's cross-origin fetch is subject to those.

use crate::chrome::log;
use crate::settings;
use crate::storage::{self, Area};
use js_sys::Uint8Array;
use talent_bridge::export_ui::site_pdf::query_id::{
    self, Discovered, MAX_BUNDLE_BYTES, MAX_BUNDLES, QueryId, QueryIdSource, bundle_url, find_all,
};
use talent_bridge::protocol::ContentReply;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, RequestCredentials, RequestInit, Response, WorkerGlobalScope};

const KEY: &str = "site_pdf_query_id";
const BUNDLE_TIMEOUT_MS: u32 = 10_000;

/// The ids to try, best first. `in_page`: what the page's own scripts name (trusted as much
/// as its bundles: both are the site's); `bundles` are read when there is no fresh id, or
/// `refresh` says the last one was stale.
pub async fn ids(in_page: &[String], bundles: &[String], refresh: bool) -> ContentReply {
    let now = js_sys::Date::now();
    let kept: Option<Discovered> = storage::get(Area::Local, KEY).await;
    let page_id = in_page.iter().find_map(|text| QueryId::parse(text));
    let stale = kept.as_ref().map(|d| d.id.clone());
    let discovered = match (page_id, kept) {
        // The page's own id, unless it is the one that just failed.
        (Some(id), _) if !(refresh && Some(&id) == stale.as_ref()) => {
            Some(remember(id, QueryIdSource::Page, now).await)
        }
        (_, Some(kept)) if !refresh && kept.fresh(now) => Some(kept),
        _ => match read_bundles(bundles, stale.as_ref()).await {
            Some(id) => Some(remember(id, QueryIdSource::Bundle, now).await),
            None => None,
        },
    };
    let (policy, _) = settings::policy().await;
    let ids = query_id::candidates(discovered.as_ref(), policy.site_pdf_query_id.as_ref())
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    ContentReply::PdfQueryIds { ids }
}

async fn remember(id: QueryId, source: QueryIdSource, now: f64) -> Discovered {
    let found = Discovered {
        id,
        source,
        found_at_ms: now.max(0.0) as u64,
    };
    if storage::set(Area::Local, KEY, &found).await.is_err() {
        log("the Save-to-PDF query id could not be stored");
    }
    found
}

/// The first Save-to-PDF id in the page's bundles that is not `stale`, reading at most
/// [`MAX_BUNDLES`] of them, one at a time.
async fn read_bundles(bundles: &[String], stale: Option<&QueryId>) -> Option<QueryId> {
    let urls = bundles
        .iter()
        .filter_map(|u| bundle_url(u))
        .take(MAX_BUNDLES);
    for url in urls {
        let Some(text) = fetch_text(&url).await else {
            continue;
        };
        if let Some(id) = find_all(&text).into_iter().find(|id| Some(id) != stale) {
            return Some(id);
        }
    }
    None
}

async fn fetch_text(url: &str) -> Option<String> {
    let init = RequestInit::new();
    init.set_method("GET");
    init.set_credentials(RequestCredentials::Omit);
    init.set_signal(Some(&AbortSignal::timeout_with_u32(BUNDLE_TIMEOUT_MS)));
    let scope: WorkerGlobalScope = js_sys::global().dyn_into().ok()?;
    let response: Response = JsFuture::from(scope.fetch_with_str_and_init(url, &init))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    let announced = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|n| n.trim().parse::<usize>().ok());
    if !response.ok() || announced.is_some_and(|n| n > MAX_BUNDLE_BYTES) {
        return None;
    }
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    let bytes = Uint8Array::new(&buffer);
    if bytes.length() as usize > MAX_BUNDLE_BYTES {
        return None;
    }
    Some(String::from_utf8_lossy(&bytes.to_vec()).into_owned())
}
