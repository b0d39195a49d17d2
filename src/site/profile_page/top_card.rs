//! Finding the top card (the block that introduces the person) and its name heading, by stable
//! attributes first and document structure second, never by class names (PRODUCT.md P4).

use super::links::{componentkey_member_id, profile_link};
use super::outline::Line;
use crate::profile::ProfileKey;
use crate::site::dom::Dom;

const MAX_NAME_CHARS: usize = 200;
const MAX_H2_CANDIDATES: usize = 50;
const MAX_CLIMB: usize = 8;

/// The top card of a profile page.
#[derive(Clone, Debug)]
pub struct TopCard<N> {
    pub node: N,
    /// The member id in the card's `componentkey`, when the card has one.
    pub componentkey_member: Option<String>,
}

/// The top card under `main`: the section keyed `…profile.card.ref<id>Topcard`, else the
/// section around the main heading.
pub fn locate<D: Dom>(dom: &D, main: &D::Node, key: &ProfileKey) -> Option<TopCard<D::Node>> {
    for node in dom.select_all(main, "[componentkey$=\"Topcard\"]") {
        let Some(componentkey) = dom.attr(&node, "componentkey") else {
            continue;
        };
        if componentkey.contains("profile.card") {
            return Some(TopCard {
                componentkey_member: componentkey_member_id(&componentkey),
                node,
            });
        }
    }
    let heading = dom
        .select_first(main, "h1")
        .or_else(|| main_h2(dom, main, key))?;
    Some(TopCard {
        node: enclosing_section(dom, heading),
        componentkey_member: None,
    })
}

/// The first `h2` inside a link to the URL's profile, else the first `h2`.
fn main_h2<D: Dom>(dom: &D, main: &D::Node, key: &ProfileKey) -> Option<D::Node> {
    let h2s: Vec<_> = dom
        .select_all(main, "h2")
        .into_iter()
        .take(MAX_H2_CANDIDATES)
        .collect();
    let linked = h2s.iter().find(|h2| {
        ancestors(dom, h2)
            .take(MAX_CLIMB)
            .filter(|a| dom.tag(a) == "a")
            .filter_map(|a| dom.attr(&a, "href"))
            .any(|href| profile_link(&href).is_some_and(|l| l.key == *key))
    });
    linked.or(h2s.first()).cloned()
}

/// The nearest `section` around `node`, else the nearest `main`, else the outermost element.
fn enclosing_section<D: Dom>(dom: &D, node: D::Node) -> D::Node {
    let mut last = node.clone();
    for ancestor in ancestors(dom, &node) {
        let tag = dom.tag(&ancestor);
        if tag == "section" || tag == "main" {
            return ancestor;
        }
        last = ancestor;
    }
    last
}

fn ancestors<'a, D: Dom>(dom: &'a D, node: &D::Node) -> impl Iterator<Item = D::Node> + 'a {
    std::iter::successors(dom.parent(node), move |n| dom.parent(n))
}

/// The line holding the person's name: a main heading that links to the URL's profile, else the
/// first `h1`, else the first `h2`.
pub fn name_heading<N>(lines: &[Line<N>], key: &ProfileKey) -> Option<usize> {
    let candidates = || {
        lines.iter().enumerate().filter(|(_, l)| {
            matches!(l.heading, Some(1 | 2)) && l.text.chars().count() <= MAX_NAME_CHARS
        })
    };
    let links_to_key = |line: &Line<N>| {
        line.anchor
            .as_ref()
            .and_then(|a| profile_link(&a.href))
            .is_some_and(|l| l.key == *key)
    };
    candidates()
        .find(|(_, l)| links_to_key(l))
        .or_else(|| candidates().find(|(_, l)| l.heading == Some(1)))
        .or_else(|| candidates().next())
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::profile_page::outline::lines;
    use crate::site::scraper_dom::ScraperDom;

    fn key(id: &str) -> ProfileKey {
        ProfileKey::PublicId(id.into())
    }

    // proves P4: the 2026 top card is found by its componentkey, whatever its classes.
    #[test]
    fn top_card_by_componentkey_not_by_class() {
        let dom = ScraperDom::parse(
            r#"<main><section class="x1"><h2>Highlights</h2></section>
               <section class="_9f3a" componentkey="com.linkedin.sdui.profile.card.refACoAAAq_vXIB7ddQiLbkdzTDNjlHLlc3eQ7DOR4Topcard">
               <a href="https://www.linkedin.com/in/jane/"><h2>Jane Doe</h2></a></section></main>"#,
        );
        let main = dom.select_first(&dom.root(), "main").unwrap();
        let card = locate(&dom, &main, &key("jane")).unwrap();
        assert_eq!(
            card.componentkey_member.as_deref(),
            Some("ACoAAAq_vXIB7ddQiLbkdzTDNjlHLlc3eQ7DOR4")
        );
        let lines = lines(&dom, &card.node);
        let heading = name_heading(&lines, &key("jane")).unwrap();
        assert_eq!(lines[heading].text, "Jane Doe");
    }

    // proves P4: without componentkey, the card is the section around the main heading.
    #[test]
    fn top_card_is_the_section_around_the_h1() {
        let dom = ScraperDom::parse(
            r#"<main><section><div><h1>Jane Doe</h1></div><div>Headline</div></section>
               <section><h2>About</h2></section></main>"#,
        );
        let main = dom.select_first(&dom.root(), "main").unwrap();
        let card = locate(&dom, &main, &key("jane")).unwrap();
        assert_eq!(dom.tag(&card.node), "section");
        let lines = lines(&dom, &card.node);
        assert_eq!(
            lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            vec!["Jane Doe", "Headline"]
        );
    }

    // proves P4: a section title h2 before the name does not become the name when the name
    // heading links to the URL's profile.
    #[test]
    fn name_heading_prefers_the_one_linking_to_the_profile() {
        let dom = ScraperDom::parse(
            r#"<main><section><h2>Profile</h2><a href="/in/jane/"><h2>Jane Doe</h2></a></section></main>"#,
        );
        let main = dom.select_first(&dom.root(), "main").unwrap();
        let card = locate(&dom, &main, &key("jane")).unwrap();
        let lines = lines(&dom, &card.node);
        assert_eq!(
            lines[name_heading(&lines, &key("jane")).unwrap()].text,
            "Jane Doe"
        );
    }
}
