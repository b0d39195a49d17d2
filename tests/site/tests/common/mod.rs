//! Drives the site's router in-process (no sockets) and reads its HTML with `scraper`.

#![allow(dead_code)]

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use scraper::{ElementRef, Html, Selector};
use std::sync::Arc;
use talent_bridge_site::{Design, Site, SiteConfig};
use tower::ServiceExt;

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// The body as text (lossy: PDFs are binary).
    pub body: String,
    pub bytes: Vec<u8>,
}

impl Reply {
    pub fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect()
    }
}

pub fn site(design: Design, strict_csp: bool) -> Arc<Site> {
    Site::new(SiteConfig {
        strict_csp,
        design,
        ..SiteConfig::default()
    })
    .unwrap()
}

pub fn current() -> Arc<Site> {
    site(Design::Current, false)
}

pub async fn request(
    site: &Arc<Site>,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
) -> Reply {
    request_with_body(site, method, path, headers, Body::empty()).await
}

pub async fn request_with_body(
    site: &Arc<Site>,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Body,
) -> Reply {
    let mut builder = Request::builder().method(method).uri(path);
    if !headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("host"))
    {
        builder = builder.header("host", "www.linkedin.com");
    }
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    let response = talent_bridge_site::router(site.clone())
        .oneshot(builder.body(body).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes: bytes.to_vec(),
    }
}

pub async fn get(site: &Arc<Site>, path: &str) -> Reply {
    request(site, "GET", path, &[]).await
}

pub fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

pub fn first<'a>(html: &'a Html, css: &str) -> Option<ElementRef<'a>> {
    html.select(&sel(css)).next()
}

pub fn count(html: &Html, css: &str) -> usize {
    html.select(&sel(css)).count()
}

pub fn text(el: ElementRef<'_>) -> String {
    el.text()
        .collect::<Vec<_>>()
        .join("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The texts of every `<p>` under `css`.
pub fn paragraphs(html: &Html, css: &str) -> Vec<String> {
    match first(html, css) {
        Some(root) => root.select(&sel("p")).map(text).collect(),
        None => Vec::new(),
    }
}

pub fn member_id(site: &Site, public_id: &str) -> String {
    site.people()
        .iter()
        .find(|p| p.public_id == public_id)
        .unwrap()
        .member_id
        .clone()
}

/// A browser that visited the site once: its `Cookie` header and the CSRF token page
/// scripts derive from `JSESSIONID`.
pub struct Browser {
    pub cookie: String,
    pub csrf: String,
}

pub async fn signed_in(site: &Arc<Site>) -> Browser {
    let reply = get(site, "/feed/").await;
    let pairs: Vec<String> = reply
        .set_cookies()
        .iter()
        .map(|c| c.split(';').next().unwrap().to_string())
        .collect();
    let csrf = pairs
        .iter()
        .find_map(|p| p.strip_prefix("JSESSIONID="))
        .unwrap()
        .trim_matches('"')
        .to_string();
    Browser {
        cookie: pairs.join("; "),
        csrf,
    }
}

/// The URL path of the "Save to PDF" action for `id` (already percent-encoded).
pub fn pdf_action_path(id: &str) -> String {
    format!("/voyager/api/identity/profiles/{id}/profileActions?action=saveToPdf")
}

/// Step one as the page's script does it.
pub async fn save_to_pdf(site: &Arc<Site>, browser: &Browser, id: &str) -> Reply {
    request(
        site,
        "POST",
        &pdf_action_path(id),
        &[("cookie", &browser.cookie), ("csrf-token", &browser.csrf)],
    )
    .await
}

/// The path of the PDF link step one answered with (`https://host/dms/…` → `/dms/…`).
pub fn link_path(reply: &Reply) -> String {
    let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    let url = json["value"].as_str().unwrap();
    let rest = url.strip_prefix("https://").unwrap();
    rest[rest.find('/').unwrap()..].to_string()
}

/// Step two, with the browser's cookies.
pub async fn download(site: &Arc<Site>, browser: &Browser, path: &str) -> Reply {
    request(site, "GET", path, &[("cookie", &browser.cookie)]).await
}

/// Both steps; the PDF reply.
pub async fn fetch_pdf(site: &Arc<Site>, browser: &Browser, id: &str) -> Reply {
    let action = save_to_pdf(site, browser, id).await;
    assert_eq!(action.status, 200, "{id}: {}", action.body);
    download(site, browser, &link_path(&action)).await
}
