//! The site's pages. A page is a title, the content of `<main>` and some head metadata; it is
//! served either as a whole document or, for client-side navigation (`x-fragment: 1`), as
//! JSON `{title, main, url}` that `site.js` swaps into `<main>`.

mod chrome;
mod dialogs;
mod feed;
mod other;
pub(crate) mod parts;
mod profile;
mod profile_next;
pub mod search;

use crate::html::{self, Node, el};
use crate::lang::Words;
use crate::people::{Person, Visibility};
use crate::session::{self, Visit};
use crate::stats::Counter;
use crate::url::{self, Query};
use crate::{Design, Site};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use std::sync::Arc;

/// What a path asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Root,
    Feed,
    /// `/in/<id>/<rest>`: `id` percent-decoded, `rest` the sub-path (`details/experience/`).
    Profile {
        id: String,
        rest: String,
    },
    PeopleSearch,
    Authwall,
    Jobs,
    Company(String),
    Messaging,
    NotFound,
}

impl Route {
    pub fn parse(path: &str) -> Self {
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        match segments.as_slice() {
            [] => Self::Root,
            ["feed", ..] => Self::Feed,
            ["in", id, rest @ ..] => match url::decode(id, false) {
                Some(id) if !id.trim().is_empty() => Self::Profile {
                    id: id.trim().to_string(),
                    rest: rest.join("/"),
                },
                _ => Self::NotFound,
            },
            ["search", "results", "people", ..] => Self::PeopleSearch,
            ["authwall", ..] => Self::Authwall,
            ["jobs", ..] => Self::Jobs,
            ["company", name, ..] => Self::Company(url::decode(name, false).unwrap_or_default()),
            ["messaging", ..] => Self::Messaging,
            _ => Self::NotFound,
        }
    }
}

/// A rendered page before it is wrapped as a document or a fragment.
pub struct Page {
    pub title: String,
    pub main: Vec<Node>,
    /// `og:` metadata; only full loads carry it, and client-side navigation leaves the old
    /// values in place, as on the real site.
    pub og: Vec<(&'static str, String)>,
    pub status: StatusCode,
    /// The profile the page is about, for the embedded data blob.
    pub subject: Option<Person>,
}

impl Page {
    pub fn new(title: impl Into<String>, main: Vec<Node>) -> Self {
        Self {
            title: title.into(),
            main,
            og: Vec::new(),
            status: StatusCode::OK,
            subject: None,
        }
    }
}

/// What the pages need from the run.
pub struct Ctx<'a> {
    pub site: &'a Site,
    pub query: &'a Query,
}

impl Ctx<'_> {
    pub fn design(&self) -> Design {
        self.site.config.design
    }

    pub fn words(&self) -> &'static Words {
        self.site.words()
    }

    pub fn is_viewer(&self, person: &Person) -> bool {
        self.site.people.is_viewer(person)
    }
}

/// Builds the page for a signed-in visit.
fn render(ctx: &Ctx<'_>, route: &Route) -> Page {
    match route {
        Route::Feed | Route::Root => feed::page(ctx),
        Route::Profile { id, rest } => match ctx.site.people.find(id) {
            Some(person) if person.visibility != Visibility::Private => match ctx.design() {
                Design::Next => profile_next::page(ctx, person, rest),
                Design::Current | Design::Hashed2025 | Design::MemberId2018 => {
                    profile::page(ctx, person, rest)
                }
            },
            _ => other::profile_not_found(id),
        },
        Route::PeopleSearch => search::page(ctx),
        Route::Jobs => other::jobs(ctx),
        Route::Company(name) => other::company(name),
        Route::Messaging => other::messaging(),
        Route::Authwall => other::authwall(ctx),
        Route::NotFound => other::not_found(),
    }
}

/// The host the browser asked for (HTTP/1 `Host` or the HTTP/2 authority).
pub fn request_host(uri: &Uri, headers: &HeaderMap) -> String {
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string)
        .or_else(|| uri.authority().map(|a| a.to_string()))
        .unwrap_or_default()
}

/// Every page request that no other route took.
pub async fn serve(
    State(site): State<Arc<Site>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    let query = Query::parse(uri.query());
    let route = Route::parse(uri.path());
    if route == Route::Root {
        return Redirect::to("/feed/").into_response();
    }
    let fragment = headers
        .get("x-fragment")
        .is_some_and(|v| v.as_bytes() == b"1");
    let host = request_host(&uri, &headers);
    let ctx = Ctx {
        site: &site,
        query: &query,
    };

    if route == Route::Authwall {
        let mut cookies = Vec::new();
        if query.flag("logout") {
            site.sessions.end(&headers);
            cookies = session::clear_cookies(&host);
        }
        let page = other::authwall(&ctx);
        return respond(&site, page, fragment, false, cookies, &uri);
    }

    let cookies = match site.sessions.visit(&headers, query.flag("loggedout")) {
        Visit::SignedIn => Vec::new(),
        Visit::JustSignedIn(s) => {
            site.stats.bump(Counter::SignIn);
            session::set_cookies(&s, &host)
        }
        Visit::LoggedOut => return to_authwall(&uri, fragment),
    };
    let page = render(&ctx, &route);
    respond(&site, page, fragment, true, cookies, &uri)
}

/// The log-in page as a whole document, for responses that should have been something
/// else (an expired session answering a PDF link with HTML, as the real site does).
pub fn login_document(site: &Site, back: &str) -> String {
    let query = Query::parse(Some(&format!("sessionRedirect={}", url::encode(back))));
    let ctx = Ctx {
        site,
        query: &query,
    };
    chrome::document(site, &other::authwall(&ctx), false)
}

/// The log-in wall, remembering where the visitor wanted to go (without the query, so the
/// way back signs in).
pub fn to_authwall(uri: &Uri, fragment: bool) -> Response {
    let target = format!("/authwall?sessionRedirect={}", url::encode(uri.path()));
    if fragment {
        let body = serde_json::json!({ "redirect": target });
        return (StatusCode::UNAUTHORIZED, axum::Json(body)).into_response();
    }
    Redirect::to(&target).into_response()
}

fn respond(
    site: &Site,
    page: Page,
    fragment: bool,
    signed_in: bool,
    cookies: Vec<HeaderValue>,
    uri: &Uri,
) -> Response {
    let status = page.status;
    let mut response = if fragment {
        site.stats.bump(Counter::FragmentLoad);
        let body = serde_json::json!({
            "title": page.title,
            "main": html::render(&page.main, &site.classes),
            "url": uri.to_string(),
        });
        (status, axum::Json(body)).into_response()
    } else {
        site.stats.bump(Counter::PageLoad);
        let body = chrome::document(site, &page, signed_in);
        let mut r = (status, body).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        r
    };
    let headers = response.headers_mut();
    if let Ok(csp) = HeaderValue::from_str(&crate::csp::policy(site.config.strict_csp)) {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::VARY, HeaderValue::from_static("x-fragment"));
    headers.insert("x-frame-options", HeaderValue::from_static("sameorigin"));
    for cookie in cookies {
        headers.append(header::SET_COOKIE, cookie);
    }
    response
}

/// A `<main>`-level wrapper most pages share.
pub fn column(kids: Vec<Node>) -> Node {
    el("div", "layout").kids(kids).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_read_profile_ids_decoded_with_any_sub_path() {
        assert_eq!(
            Route::parse("/in/j%C3%BCrgen-m%C3%BCller/"),
            Route::Profile {
                id: "jürgen-müller".into(),
                rest: String::new()
            }
        );
        assert_eq!(
            Route::parse("/in/ada-lovelace/details/experience/"),
            Route::Profile {
                id: "ada-lovelace".into(),
                rest: "details/experience".into()
            }
        );
        assert_eq!(
            Route::parse("/in/ada-lovelace"),
            Route::Profile {
                id: "ada-lovelace".into(),
                rest: String::new()
            }
        );
        assert_eq!(Route::parse("/in/"), Route::NotFound);
        assert_eq!(Route::parse("/"), Route::Root);
        assert_eq!(Route::parse("/feed/"), Route::Feed);
        assert_eq!(Route::parse("/search/results/people/"), Route::PeopleSearch);
        assert_eq!(
            Route::parse("/company/contoso/life/"),
            Route::Company("contoso".into())
        );
        assert_eq!(Route::parse("/nope"), Route::NotFound);
    }
}
