//! The document around `<main>`: head, the global nav bar (which shows the *viewer*
//! everywhere, a trap for extractors) and the embedded data blob the real site ships.

use super::Page;
use super::parts::{Icon, avatar, icon};
use crate::Site;
use crate::html::{self, El, Node, el, escape};
use crate::lang::Words;
use crate::people::Person;

/// The whole HTML document of a full page load.
pub fn document(site: &Site, page: &Page, signed_in: bool) -> String {
    let viewer = site.people.viewer().filter(|_| signed_in);
    let mut head = String::new();
    head.push_str("<meta charset=\"utf-8\">");
    head.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    head.push_str(&format!("<title>{}</title>", escape(&page.title)));
    head.push_str("<meta property=\"og:site_name\" content=\"LinkedIn\">");
    for (property, content) in &page.og {
        head.push_str(&format!(
            "<meta property=\"{}\" content=\"{}\">",
            escape(property),
            escape(content)
        ));
    }
    let v = &site.asset_version;
    head.push_str(&format!(
        "<link rel=\"stylesheet\" href=\"/static/site.css?v={v}\">"
    ));
    head.push_str(&format!(
        "<script src=\"/static/site.js?v={v}\" defer></script>"
    ));
    if site.config.hostile {
        head.push_str(&format!(
            "<script src=\"/static/hostile.js?v={v}\" defer></script>"
        ));
    }
    // The site's client code comes from its static host; one bundle names the query ids.
    head.push_str(&format!(
        "<script src=\"{}\" defer></script>",
        escape(&site.pdf_query.bundle_url())
    ));

    let body: Vec<Node> = vec![
        nav(site.words(), viewer),
        el("div", "app-body")
            .child(
                el("main", "app-main")
                    .attr("id", "workspace")
                    .kids(page.main.clone()),
            )
            .into(),
        blob(viewer, page.subject.as_ref()),
    ];
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><head>{head}</head><body class=\"{}\">{}</body></html>",
        site.config.lang.code(),
        site.classes.list("page"),
        html::render(&body, &site.classes)
    )
}

/// The bar at the top of every page, outside `<main>`.
fn nav(w: &Words, viewer: Option<&Person>) -> Node {
    let search = el("form", "nav-search")
        .attr("role", "search")
        .attr("action", "/search/results/people/")
        .attr("method", "get")
        .child(
            el("input", "nav-search-input")
                .attr("type", "text")
                .attr("name", "keywords")
                .attr("role", "combobox")
                .attr("aria-label", w.search)
                .attr("aria-autocomplete", "list")
                .attr("aria-expanded", "false")
                .attr("placeholder", w.search),
        );
    let item = |href: &str, which: Icon, label: &str| -> El {
        el("li", "nav-li").child(
            el("a", "nav-item")
                .attr("href", href)
                .child(icon(which))
                .child(el("span", "nav-label").text(label)),
        )
    };
    let mut items = vec![
        item("/feed/", Icon::Home, w.home),
        item(
            "/search/results/people/?keywords=engineer",
            Icon::People,
            w.my_network,
        ),
        item("/jobs/", Icon::Jobs, w.jobs),
    ];
    match viewer {
        Some(me) => items.push(me_menu(w, me)),
        None => items.push(
            el("li", "nav-li").child(
                el("a", "btn btn-secondary")
                    .attr("href", "/authwall")
                    .text(w.sign_in),
            ),
        ),
    }
    el("header", "nav")
        .attr("id", "global-nav")
        .attr("aria-label", w.global_navigation)
        .child(
            el("div", "nav-inner")
                .child(
                    el("a", "nav-logo")
                        .attr("href", "/feed/")
                        .attr("aria-label", "LinkedIn")
                        .child(icon(Icon::Logo)),
                )
                .child(search)
                .child(
                    el("nav", "nav-primary")
                        .attr("aria-label", w.primary_navigation)
                        .child(el("ul", "nav-list").kids(items)),
                ),
        )
        .into()
}

/// "Me": the viewer's photo, and a menu with their name and a link to their profile.
fn me_menu(w: &Words, me: &Person) -> El {
    el("li", "nav-li me")
        .child(
            el("button", "nav-item")
                .attr("type", "button")
                .attr("aria-expanded", "false")
                .attr("aria-haspopup", "menu")
                .attr("data-menu-toggle", "")
                .child(avatar(&me.public_id, "photo-24").attr("aria-label", me.name.clone()))
                .child(el("span", "nav-label").text(w.me)),
        )
        .child(
            el("div", "menu me-menu")
                .attr("role", "menu")
                .attr("hidden", "")
                .child(
                    el("a", "me-card")
                        .attr("href", me.profile_url())
                        .attr("role", "menuitem")
                        .child(avatar(&me.public_id, "photo-56"))
                        .child(
                            el("div", "col")
                                .child(el("h3", "me-name").text(&me.name))
                                .child(el("p", "muted small").text(&me.headline)),
                        ),
                )
                .child(
                    el("a", "btn btn-secondary wide")
                        .attr("href", me.profile_url())
                        .attr("role", "menuitem")
                        .text(w.view_profile),
                )
                .child(
                    el("a", "menu-link")
                        .attr("href", "/authwall?logout=1")
                        .attr("role", "menuitem")
                        .text(w.sign_out),
                ),
        )
}

/// The `<code>` data blob the real site embeds, describing the viewer and (on a full load of
/// a profile) that profile. Client-side navigation does not update it: stale by design.
fn blob(viewer: Option<&Person>, subject: Option<&Person>) -> Node {
    let mini = |p: &Person| {
        let (first, last) = p.name.split_once(' ').unwrap_or((p.name.as_str(), ""));
        serde_json::json!({
            "$type": "com.linkedin.voyager.dash.identity.profile.Profile",
            "entityUrn": p.urn(),
            "publicIdentifier": p.public_id,
            "firstName": first,
            "lastName": last,
            "headline": p.headline,
        })
    };
    let included: Vec<serde_json::Value> = viewer.into_iter().chain(subject).map(mini).collect();
    let data = serde_json::json!({
        "data": { "*elements": included.iter().filter_map(|p| p.get("entityUrn").cloned()).collect::<Vec<_>>() },
        "included": included,
    });
    el("code", "hidden")
        .attr("id", "bpr-guid-1")
        .attr("hidden", "")
        .text(data.to_string())
        .into()
}
