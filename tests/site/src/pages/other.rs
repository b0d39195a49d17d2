//! Pages with no profile on them: log-in wall, profile not found, jobs, company,
//! messaging, and the site's 404.

use super::parts::{avatar, pill};
use super::{Ctx, Page, column};
use crate::html::el;
use crate::url;
use axum::http::StatusCode;
use talent_bridge::case;

/// Where a logged-out visitor lands; "Sign in" goes back where they came from (and, this
/// being a fixture, signs them in on arrival).
pub fn authwall(ctx: &Ctx<'_>) -> Page {
    let back = ctx
        .query
        .get("sessionRedirect")
        .filter(|r| r.starts_with('/') && !r.starts_with("//"))
        .unwrap_or("/feed/")
        .to_string();
    let main = vec![column(vec![
        el("section", "card pad col gap-8 narrow")
            .child(el("h1", "name").text("Sign in"))
            .child(el("p", "muted").text("Stay updated on your professional world"))
            .child(
                el("form", "col gap-8")
                    .attr("action", back.clone())
                    .attr("method", "get")
                    .child(
                        el("input", "input")
                            .attr("type", "email")
                            .attr("name", "session_key")
                            .attr("aria-label", "Email or phone")
                            .attr("autocomplete", "username"),
                    )
                    .child(
                        el("input", "input")
                            .attr("type", "password")
                            .attr("name", "session_password")
                            .attr("aria-label", "Password")
                            .attr("autocomplete", "current-password"),
                    )
                    .child(
                        el("button", "btn btn-primary wide")
                            .attr("type", "submit")
                            .text("Sign in"),
                    ),
            )
            .child(
                el("p", "small")
                    .text("New to LinkedIn? ")
                    .child(el("a", "link strong").attr("href", back).text("Join now")),
            )
            .into(),
    ])];
    Page::new("LinkedIn Login, Sign in | LinkedIn", main)
}

/// Unknown and private profiles, worded like the real page (HTTP 200, no top card).
pub fn profile_not_found(id: &str) -> Page {
    let main = vec![column(vec![
        el("section", "card pad col gap-8 center")
            .child(avatar("not-found", "photo-152"))
            .child(
                el("h1", "name center-text")
                    .text("An exact match for ")
                    .child(el("strong", "strong").text(id))
                    .text(" could not be found."),
            )
            .child(
                el("p", "muted center-text")
                    .text("The LinkedIn profile you’re looking for isn’t public or doesn’t exist."),
            )
            .child(
                el("a", "btn btn-primary")
                    .attr("href", "/feed/")
                    .text("Go to your feed"),
            )
            .into(),
    ])];
    Page::new("Profile Not Found | LinkedIn", main)
}

pub fn jobs(ctx: &Ctx<'_>) -> Page {
    let openings = [
        (
            "Rust Engineer",
            "Contoso",
            "Amsterdam, North Holland, Netherlands",
        ),
        ("Staff Data Scientist", "Datenwerk GmbH", "Berlin, Germany"),
        ("Engineering Manager", "Globex", "Remote"),
    ];
    let items = openings.iter().map(|(title, company, place)| {
        el("li", "entry").child(avatar(company, "logo-48")).child(
            el("div", "col")
                .child(
                    el("a", "link strong")
                        .attr(
                            "href",
                            format!(
                                "/company/{}/",
                                url::encode(&case::lower(company).replace(' ', "-"))
                            ),
                        )
                        .text(*title),
                )
                .child(el("p", "small").text(*company))
                .child(el("p", "small muted").text(*place)),
        )
    });
    let greeting = ctx
        .site
        .people
        .viewer()
        .map(|v| v.name.split(' ').next().unwrap_or_default().to_string());
    let main = vec![column(vec![
        el("section", "card pad")
            .child(el("h1", "section-title").text("Top job picks for you"))
            .child_opt(
                greeting
                    .map(|g| el("p", "small muted").text(format!("Based on your profile, {g}"))),
            )
            .child(el("ul", "entries").kids(items))
            .into(),
    ])];
    Page::new("Jobs | LinkedIn", main)
}

pub fn company(slug: &str) -> Page {
    let name: String = slug
        .split('-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ");
    let main = vec![column(vec![
        el("section", "card topcard pad")
            .child(avatar(slug, "logo-72"))
            .child(el("h1", "name").text(name.clone()))
            .child(el("p", "").text("Software Development · 1,001-5,000 employees"))
            .child(pill(
                "btn btn-primary",
                "Follow",
                Some(format!("Follow {name}")),
            ))
            .into(),
    ])];
    Page::new(format!("{name}: Overview | LinkedIn"), main)
}

pub fn messaging() -> Page {
    let main = vec![column(vec![
        el("section", "card pad")
            .child(el("h1", "section-title").text("Messaging"))
            .child(el("p", "muted").text("No conversations yet."))
            .into(),
    ])];
    Page::new("Messaging | LinkedIn", main)
}

pub fn not_found() -> Page {
    let main = vec![column(vec![
        el("section", "card pad col gap-8 center")
            .child(el("h1", "name").text("Page not found"))
            .child(
                el("p", "muted").text("Uh oh, we can’t seem to find the page you’re looking for."),
            )
            .child(
                el("a", "btn btn-primary")
                    .attr("href", "/feed/")
                    .text("Go to your feed"),
            )
            .into(),
    ])];
    let mut page = Page::new("Page Not Found | LinkedIn", main);
    page.status = StatusCode::NOT_FOUND;
    page
}
