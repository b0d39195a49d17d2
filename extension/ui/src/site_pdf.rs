//! Downloads the profile PDF with the page's own session (DESIGN.md §5): same-origin requests
//! from the content script carry the site's cookies, exactly as the site's "Save to PDF" does.
//! The worker could not: it has neither the cookies nor the page's origin. Which action is
//! asked, and when to stop, is the core's [`Chain`]; this module only sends and reads.

use js_sys::{Reflect, Uint8Array};
use talent_bridge::base64;
use talent_bridge::export_ui::site_pdf::failure::classify;
use talent_bridge::export_ui::site_pdf::query_id::{QueryId, find_all};
use talent_bridge::export_ui::site_pdf::{
    Action, Chain, GRAPHQL_HEADERS, Next, SiteAnswer, action_path, csrf_token, download_url,
    graphql_body, graphql_path, member_urn, too_large,
};
use talent_bridge::pdf::MAX_PDF_BYTES;
use talent_bridge::profile::ProfileKey;
use talent_bridge::protocol::frame::{SiteAsk, SiteMethod, SiteReply};
use talent_bridge::protocol::{ContentReply, ContentRequest, MAX_BUNDLE_URLS, PdfFailure};
use talent_bridge_web::{request, to_js};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, HtmlDocument, RequestCredentials, RequestInit, Response, Window};

/// An action's answer is JSON of a few KB; an error page is read only this far.
const MAX_ANSWER_BYTES: usize = 512 * 1024;
/// Enough of a refused answer's body to tell a CSRF refusal from an opt-out.
const CLASSIFY_BYTES: usize = 4096;

/// Why the download stopped: what the worker is told, and whether the PDF was too large.
pub enum DownloadError {
    Site(PdfFailure),
    TooLarge,
}

fn err(failure: PdfFailure) -> DownloadError {
    DownloadError::Site(failure)
}

/// The PDF's bytes, as the site serves them (the worker checks that they are a PDF).
/// `urn`: the person's member URN as the page gives it; without one, only the REST action
/// can be asked.
pub async fn download(key: &ProfileKey, urn: Option<&str>) -> Result<Vec<u8>, DownloadError> {
    let site = Site::here()?;
    let token = csrf_token(&site.cookies().await).ok_or(err(PdfFailure::SiteRefused))?;
    let urn = member_urn(urn).or_else(|| member_urn(key.member_urn().as_deref()));
    let sources = match urn {
        Some(_) => site.sources().await,
        None => Sources::default(),
    };
    let ids = match urn {
        Some(_) => query_ids(&sources, false).await,
        None => Vec::new(),
    };
    let mut chain = Chain::default();
    let mut next = chain.start(urn.is_some(), &ids);
    loop {
        let (action, answer) = match next {
            Next::Stop(failure) => return Err(err(failure)),
            Next::Rediscover => {
                let ids = query_ids(&sources, true).await;
                next = chain.rediscovered(&ids);
                continue;
            }
            Next::Graphql(ref id) => {
                let body = graphql_body(id, urn.as_deref().unwrap_or_default());
                let path = graphql_path(id);
                (Action::Graphql, site.call(&path, &token, Some(&body)).await)
            }
            Next::Rest => (
                Action::Rest,
                site.call(&action_path(key), &token, None).await,
            ),
        };
        let answer = answer?;
        if (200..300).contains(&answer.status)
            && let Some(url) = std::str::from_utf8(&answer.body)
                .ok()
                .and_then(download_url)
        {
            return site.pdf(&url).await;
        }
        let failure = classify(&answer.summary());
        let _ =
            request::<_, ContentReply>(ContentRequest::ReportPdfAction { action, failure }).await;
        next = chain.failed(action, failure);
    }
}

/// The worker's ids, best first; the built-in one if the worker cannot be asked.
async fn query_ids(sources: &Sources, refresh: bool) -> Vec<QueryId> {
    let ask = ContentRequest::PdfQueryIds {
        in_page: sources.in_page.clone(),
        bundles: sources.bundles.clone(),
        refresh,
    };
    match request::<_, ContentReply>(ask).await {
        Ok(ContentReply::PdfQueryIds { ids }) if !ids.is_empty() => ids,
        _ => vec![QueryId::built_in()],
    }
}

/// What the page ships that may name the query id: ids in its inline scripts and embedded
/// data, and its script bundles' addresses.
#[derive(Default)]
struct Sources {
    in_page: Vec<String>,
    bundles: Vec<String>,
}

impl Sources {
    /// One `<script>` or `<code>` element of the page: its bundle's address, or else the ids its
    /// text names (each once, and only so many of either).
    fn add(&mut self, bundle: Option<String>, text: impl FnOnce() -> String) {
        match bundle {
            Some(src) if self.bundles.len() < MAX_BUNDLE_URLS => self.bundles.push(src),
            Some(_) => {}
            None => {
                for id in find_all(&text()) {
                    if self.in_page.len() < MAX_BUNDLE_URLS
                        && !self.in_page.iter().any(|s| s == id.as_str())
                    {
                        self.in_page.push(id.into());
                    }
                }
            }
        }
    }
}

/// An answer of the site: its status and type, where it came from, its body (bounded).
struct Answer {
    status: u16,
    content_type: String,
    final_path: String,
    body: Vec<u8>,
}

impl Answer {
    fn summary(&self) -> SiteAnswer {
        let start = self.body.get(..CLASSIFY_BYTES).unwrap_or(&self.body);
        SiteAnswer {
            status: self.status,
            content_type: self.content_type.clone(),
            final_path: self.final_path.clone(),
            body_start: String::from_utf8_lossy(start).into_owned(),
        }
    }

    fn none() -> Self {
        Self {
            status: 0,
            content_type: String::new(),
            final_path: String::new(),
            body: Vec::new(),
        }
    }
}

/// Who makes the site's requests: this script itself, in the site's page (same origin: the
/// site's cookies go with them); or, in frame mode, the content script of the tab, on this
/// frame's behalf (`talentBridgeSite`, the content module's `frame/site.rs`, asks `frames.js`
/// in `protocol::frame`'s `SiteAsk`), since an extension frame has neither the page's cookies
/// nor its origin.
enum Site {
    Page(Window),
    Frame(FrameSite),
}

#[wasm_bindgen]
extern "C" {
    /// `talentBridgeSite` in a badge frame.
    type FrameSite;
    #[wasm_bindgen(method, structural)]
    fn ask(this: &FrameSite, ask: &JsValue) -> js_sys::Promise;
}

/// The content script's answer to `ask`; `unanswered` if none came.
async fn ask(site: &FrameSite, ask: &SiteAsk) -> SiteReply {
    let Some(value) = to_js(ask) else {
        return SiteReply::Unanswered;
    };
    match JsFuture::from(site.ask(&value)).await {
        Ok(answer) => serde_wasm_bindgen::from_value(answer).unwrap_or(SiteReply::Unanswered),
        Err(_) => SiteReply::Unanswered,
    }
}

impl Site {
    fn here() -> Result<Self, DownloadError> {
        let hub = Reflect::get(&js_sys::global(), &JsValue::from_str("talentBridgeSite"))
            .unwrap_or(JsValue::UNDEFINED);
        if hub.is_object() {
            return Ok(Self::Frame(hub.unchecked_into()));
        }
        web_sys::window()
            .map(Self::Page)
            .ok_or(err(PdfFailure::SiteError))
    }

    async fn cookies(&self) -> String {
        match self {
            Self::Page(window) => window
                .document()
                .and_then(|d| d.dyn_into::<HtmlDocument>().ok())
                .and_then(|d| d.cookie().ok())
                .unwrap_or_default(),
            Self::Frame(site) => match ask(site, &SiteAsk::Cookies).await {
                SiteReply::Cookies { cookies } => cookies,
                _ => String::new(),
            },
        }
    }

    /// The page's query-id sources. In frame mode the tab's content script reads them.
    async fn sources(&self) -> Sources {
        match self {
            Self::Page(window) => page_sources(window),
            Self::Frame(site) => {
                let mut sources = Sources::default();
                if let SiteReply::Sources { bundles, inline } = ask(site, &SiteAsk::Sources).await {
                    for bundle in bundles {
                        sources.add(Some(bundle), String::new);
                    }
                    for text in inline {
                        sources.add(None, || text);
                    }
                }
                sources
            }
        }
    }

    /// `POST` to one of the site's actions, with the CSRF header (and the GraphQL headers and
    /// body when there is a body). Any status comes back as an answer.
    async fn call(
        &self,
        path: &str,
        csrf: &str,
        body: Option<&str>,
    ) -> Result<Answer, DownloadError> {
        let mut headers = vec![("csrf-token", csrf)];
        if body.is_some() {
            headers.extend(GRAPHQL_HEADERS);
        }
        self.send(path, "POST", &headers, body, MAX_ANSWER_BYTES)
            .await
    }

    /// `GET` of the PDF link: the body of a successful answer, read only if not too large.
    async fn pdf(&self, url: &str) -> Result<Vec<u8>, DownloadError> {
        let answer = self.send(url, "GET", &[], None, MAX_PDF_BYTES).await?;
        match answer.status {
            200..=299 => Ok(answer.body),
            0 => Err(err(PdfFailure::Network)),
            401 | 403 => Err(err(PdfFailure::SiteRefused)),
            429 | 999 => Err(err(PdfFailure::RateLimited)),
            _ => Err(err(PdfFailure::SiteError)),
        }
    }

    async fn send(
        &self,
        url: &str,
        method: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
        max: usize,
    ) -> Result<Answer, DownloadError> {
        match self {
            Self::Page(window) => page_send(window, url, method, headers, body, max).await,
            Self::Frame(site) => {
                let method = if method == "POST" {
                    SiteMethod::Post
                } else {
                    SiteMethod::Get
                };
                let request = SiteAsk::Fetch {
                    url: url.to_string(),
                    method,
                    headers: headers
                        .iter()
                        .map(|(n, v)| (n.to_string(), v.to_string()))
                        .collect(),
                    body: body.map(str::to_string),
                    max: u32::try_from(max).unwrap_or(u32::MAX),
                };
                match ask(site, &request).await {
                    SiteReply::Fetched {
                        status,
                        content_type,
                        final_url,
                        body,
                    } => {
                        let body = base64::decode(&body).unwrap_or_default();
                        if body.len() > max {
                            return Err(too_large_for(max));
                        }
                        let final_path = web_sys::Url::new(&final_url)
                            .map(|u| u.pathname())
                            .unwrap_or_default();
                        Ok(Answer {
                            status,
                            content_type,
                            final_path,
                            body,
                        })
                    }
                    SiteReply::TooLarge => Err(too_large_for(max)),
                    _ => Ok(Answer::none()),
                }
            }
        }
    }
}

/// Ids in the page's inline scripts and `<code>` data blocks, and its script bundles.
fn page_sources(window: &Window) -> Sources {
    let mut sources = Sources::default();
    let Some(document) = window.document() else {
        return sources;
    };
    let Ok(scripts) = document.query_selector_all("script, code") else {
        return sources;
    };
    let base = window.location().href().unwrap_or_default();
    for i in 0..scripts.length() {
        let Some(element) = scripts
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let bundle = element.get_attribute("src").map(|src| {
            web_sys::Url::new_with_base(&src, &base)
                .map(|u| u.href())
                .unwrap_or(src)
        });
        sources.add(bundle, || element.text_content().unwrap_or_default());
    }
    sources
}

async fn page_send(
    window: &Window,
    url: &str,
    method: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
    max: usize,
) -> Result<Answer, DownloadError> {
    let init = RequestInit::new();
    init.set_method(method);
    init.set_credentials(RequestCredentials::Include);
    let set = Headers::new().map_err(|_| err(PdfFailure::SiteError))?;
    for (name, value) in headers {
        set.set(name, value)
            .map_err(|_| err(PdfFailure::SiteError))?;
    }
    init.set_headers(&set);
    if let Some(body) = body {
        init.set_body(&JsValue::from_str(body));
    }
    let Ok(response) = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await else {
        return Ok(Answer::none());
    };
    let Ok(response) = response.dyn_into::<Response>() else {
        return Ok(Answer::none());
    };
    let announced = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|n| n.trim().parse::<u64>().ok());
    if announced.is_some_and(|n| n > max as u64) {
        return Err(too_large_for(max));
    }
    let content_type = response
        .headers()
        .get("content-type")
        .ok()
        .flatten()
        .unwrap_or_default();
    let final_path = web_sys::Url::new(&response.url())
        .map(|u| u.pathname())
        .unwrap_or_default();
    let status = response.status();
    let Ok(promise) = response.array_buffer() else {
        return Ok(Answer::none());
    };
    let Ok(buffer) = JsFuture::from(promise).await else {
        return Ok(Answer::none());
    };
    let bytes = Uint8Array::new(&buffer);
    if bytes.length() as usize > max {
        return Err(too_large_for(max));
    }
    Ok(Answer {
        status,
        content_type,
        final_path,
        body: bytes.to_vec(),
    })
}

/// Too large: the PDF (which the worker could not take), or an action's answer (which is no
/// answer of the action's at all).
fn too_large_for(max: usize) -> DownloadError {
    if max >= MAX_PDF_BYTES || too_large(max as u64) {
        DownloadError::TooLarge
    } else {
        err(PdfFailure::SiteError)
    }
}
