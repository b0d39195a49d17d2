//! The second step of "Save to PDF": short-lived download links
//! (`/dms/prv/document/<token>/Profile.pdf`) that the action hands out, and the GET that
//! serves the PDF behind one, shaped by the failure switch (`pdf_mode`).

use crate::Site;
use crate::pdf_mode::PdfMode;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use rand::RngExt;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a link works when the config says nothing: "a few minutes", like the real one.
pub const DEFAULT_TTL: Duration = Duration::from_secs(5 * 60);

/// Links handed out and not yet expired: token → (public id, expiry).
#[derive(Debug)]
pub struct Links {
    ttl: Duration,
    live: Mutex<HashMap<String, (String, Instant)>>,
}

impl Links {
    pub fn new(ttl: Duration) -> Self {
        Self {
            ttl,
            live: Mutex::new(HashMap::new()),
        }
    }

    /// A fresh token for `public_id`; expired ones are dropped on the way.
    pub fn issue(&self, public_id: &str) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut rng = rand::rng();
        let tail: String = (0..32)
            .map(|_| {
                let i = rng.random_range(0..ALPHABET.len());
                char::from(ALPHABET.get(i).copied().unwrap_or(b'A'))
            })
            .collect();
        // The real tokens start with a short type prefix like this one.
        let token = format!("D4E2DAQ{tail}");
        let now = Instant::now();
        let mut live = self.live.lock().unwrap_or_else(|e| e.into_inner());
        live.retain(|_, (_, expires)| *expires > now);
        live.insert(token.clone(), (public_id.to_string(), now + self.ttl));
        token
    }

    /// The person a live token points at; any number of GETs until it expires.
    pub fn resolve(&self, token: &str) -> Option<String> {
        let live = self.live.lock().unwrap_or_else(|e| e.into_inner());
        live.get(token)
            .filter(|(_, expires)| *expires > Instant::now())
            .map(|(id, _)| id.clone())
    }
}

/// The path a token is served at.
pub fn path(token: &str) -> String {
    format!("/dms/prv/document/{token}/Profile.pdf")
}

pub fn routes() -> Router<Arc<Site>> {
    Router::new().route("/dms/prv/document/{token}/Profile.pdf", get(document))
}

async fn document(
    State(site): State<Arc<Site>>,
    Path(token): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    // Like any page: without the session cookies the browser lands on the log-in wall.
    if site.sessions.current(&headers).is_none() {
        return crate::pages::to_authwall(&uri, false);
    }
    let Some(person) = site
        .links
        .resolve(&token)
        .and_then(|id| site.people.find(&id))
    else {
        return html(
            StatusCode::NOT_FOUND,
            "<!DOCTYPE html><title>Not found</title><h1>This link has expired.</h1>".into(),
        );
    };
    let behaviour = site.pdf_switch.get();
    match behaviour.mode {
        PdfMode::Normal => {}
        PdfMode::Slow => tokio::time::sleep(Duration::from_millis(behaviour.delay_ms)).await,
        PdfMode::HtmlLogin => {
            return html(
                StatusCode::OK,
                crate::pages::login_document(&site, uri.path()),
            );
        }
        PdfMode::ServerError => {
            return html(
                StatusCode::INTERNAL_SERVER_ERROR,
                "<!DOCTYPE html><title>Error</title><h1>Something went wrong.</h1>".into(),
            );
        }
    }
    // Counted once the body is certain to be sent (a client that gave up during a slow
    // answer dropped this future above, and is not counted); HEAD sends no body.
    let bytes = crate::pdf::profile_pdf(person, site.config.lang);
    if method != Method::HEAD {
        site.stats.pdf_download(&person.public_id, &bytes);
    }
    pdf_response(bytes)
}

/// A PDF as the site sends it: a download named `Profile.pdf`.
pub fn pdf_response(bytes: Vec<u8>) -> Response {
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"Profile.pdf\""),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn html(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_resolve_repeatedly_and_expire() {
        let links = Links::new(DEFAULT_TTL);
        let a = links.issue("ada-lovelace");
        let b = links.issue("ada-lovelace");
        assert_ne!(a, b);
        assert_eq!(links.resolve(&a).as_deref(), Some("ada-lovelace"));
        assert_eq!(links.resolve(&a).as_deref(), Some("ada-lovelace"));
        assert_eq!(links.resolve("nope"), None);
        let gone = Links::new(Duration::ZERO);
        let token = gone.issue("ada-lovelace");
        assert_eq!(gone.resolve(&token), None);
    }
}
