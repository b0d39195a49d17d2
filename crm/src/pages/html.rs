//! Building pages: escaping, the shared layout, and the error pages.

use super::lang::Lang;
use super::words::Key;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

/// No scripts, no outside resources, no framing: these pages show personal data.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; \
                   frame-ancestors 'none'; base-uri 'none'";

const STYLE: &str = "body{font:15px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;\
padding:0 1rem;color:#1d2226}h1{margin-bottom:.2rem}.sub{color:#56687a;margin-top:0}\
dl{display:grid;grid-template-columns:9rem 1fr;gap:.3rem 1rem}dt{color:#56687a}dd{margin:0}\
.confidential{display:inline-block;background:#b42318;color:#fff;border-radius:4px;\
padding:0 .5rem;font-size:.85rem}.error{color:#b42318}label{display:block;margin:.6rem 0}\
input{display:block;width:100%;max-width:20rem;padding:.3rem}nav{text-align:right}form.inline{display:inline}\
.wide{overflow-x:auto}table{border-collapse:collapse}th,td{padding:.2rem .5rem;\
border-bottom:1px solid #dce3e8;text-align:right}tbody th{text-align:left;font-weight:normal}";

/// Signing out changes state: a form that posts, never a link (`GET /logout` is refused).
pub fn sign_out(lang: Lang) -> String {
    format!(
        "<form class=\"inline\" method=\"post\" action=\"/logout\">\
         <button type=\"submit\">{}</button></form>",
        lang.say(Key::SignOut)
    )
}

/// Text made safe for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A whole page in `lang`. `title` is escaped here; `body` must already be safe HTML.
pub fn page(lang: Lang, status: StatusCode, title: &str, body: &str) -> Response {
    page_with_csp(lang, status, title, body, HeaderValue::from_static(CSP))
}

/// A page whose form may end on another origin: the OAuth consent form posts here and is
/// redirected to the client's registered redirect URI, which `form-action` must allow.
pub fn page_posting_to(
    lang: Lang,
    status: StatusCode,
    title: &str,
    body: &str,
    origin: &str,
) -> Response {
    let csp = CSP.replace(
        "form-action 'self'",
        &format!("form-action 'self' {origin}"),
    );
    match HeaderValue::from_str(&csp) {
        Ok(csp) => page_with_csp(lang, status, title, body, csp),
        Err(_) => server_error_in(lang),
    }
}

fn page_with_csp(
    lang: Lang,
    status: StatusCode,
    title: &str,
    body: &str,
    csp: HeaderValue,
) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <meta name=\"referrer\" content=\"no-referrer\">\
         <title>{} · Talent CRM</title><style>{STYLE}</style></head><body>{body}</body></html>",
        lang.tag(),
        escape(title)
    );
    let mut response = (status, Html(html)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// The same page for a missing contact and for one this user may not see (PRODUCT.md B5).
pub fn not_found() -> Response {
    not_found_in(Lang::En)
}

pub fn not_found_in(lang: Lang) -> Response {
    let title = lang.say(Key::NotFoundTitle);
    let body = format!(
        "<h1>{title}</h1><p>{} <a href=\"/\">{}</a>.</p>",
        lang.say(Key::NotFoundBody),
        lang.say(Key::BackToStart)
    );
    page(lang, StatusCode::NOT_FOUND, title, &body)
}

pub fn server_error() -> Response {
    server_error_in(Lang::En)
}

pub fn server_error_in(lang: Lang) -> Response {
    let title = lang.say(Key::ServerErrorTitle);
    let body = format!("<h1>{title}</h1><p>{}</p>", lang.say(Key::ServerErrorBody));
    page(lang, StatusCode::INTERNAL_SERVER_ERROR, title, &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>"x" & 'y'</script>"#),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;"
        );
        assert_eq!(escape("Jürgen Müller"), "Jürgen Müller");
    }
}
