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
    pub body: String,
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
        salt: None,
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
    let mut builder = Request::builder()
        .method(method)
        .uri(path)
        .header("host", "www.linkedin.com");
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    let response = talent_bridge_site::router(site.clone())
        .oneshot(builder.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
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
