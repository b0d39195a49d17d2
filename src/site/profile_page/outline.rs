//! The top card as a reader sees it: its visible text lines in document order, each with the
//! link it sits in. Hidden parts (media players, dialogs, buttons, `aria-hidden`) are left out,
//! so a "Video Player is loading." between name and headline never reads as a headline.

use super::text::collapse_ws;
use crate::site::dom::{Content, Dom};
use crate::site::labels::{Label, label_of_element};
use std::cell::OnceCell;
use std::sync::LazyLock;

/// Bounds the work on a page whose "top card" turned out to be all of `main`.
const MAX_LINES: usize = 400;
const MAX_NODES: usize = 20_000;
const MAX_TEXT_DEPTH: usize = 64;

/// Parts of a page that are not text a reader sees as a profile field.
const HIDDEN_TAGS: &[&str] = &[
    "audio", "button", "canvas", "code", "dialog", "figure", "form", "iframe", "img", "input",
    "noscript", "option", "picture", "script", "select", "style", "svg", "template", "textarea",
    "video",
];
/// Widgets: a role like these marks controls or transient text, never a profile field.
const HIDDEN_ROLES: &[&str] = &[
    "alert",
    "alertdialog",
    "button",
    "dialog",
    "listbox",
    "log",
    "marquee",
    "menu",
    "menubar",
    "menuitem",
    "progressbar",
    "region",
    "slider",
    "status",
    "tablist",
    "timer",
    "toolbar",
    "tooltip",
];
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
];

/// The link a line sits in (or that makes up the whole line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub href: String,
    pub id: Option<String>,
}

/// One visible line of text.
#[derive(Clone, Debug)]
pub struct Line<N> {
    pub node: N,
    pub text: String,
    /// 1 for `h1`, 2 for `h2`, …
    pub heading: Option<u8>,
    pub anchor: Option<Anchor>,
    /// The label the line is, once asked (`Line::label`).
    label: OnceCell<Option<Label>>,
}

impl<N> Line<N> {
    /// The label this line is, as a whole or in pieces (`labels::label_of_element`): worked out
    /// once per line, however many rules ask (on a search page every card's lines are asked
    /// several times, and each answer walks the line's elements; issue #20).
    pub fn label<D: Dom<Node = N>>(&self, dom: &D) -> Option<Label> {
        *self
            .label
            .get_or_init(|| label_of_element(dom, &self.node, &self.text))
    }
}

/// Who reads a page: what is hidden from them differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sight {
    /// Text both the eye and a screen reader meet: `aria-hidden` parts left out (a visual label
    /// beside its accessible twin is read once).
    Both,
    /// Text on screen: `aria-hidden` parts count (on search cards the name itself may be one).
    Eye,
}

/// The visible lines under `scope`, in document order.
pub fn lines<D: Dom>(dom: &D, scope: &D::Node) -> Vec<Line<D::Node>> {
    lines_for(dom, scope, Sight::Both)
}

/// The lines under `scope` as `sight` sees them, in document order.
pub fn lines_for<D: Dom>(dom: &D, scope: &D::Node, sight: Sight) -> Vec<Line<D::Node>> {
    lines_except(dom, scope, sight, &[])
}

/// [`lines_for`], but for the lines inside the elements `apart`, which the walk does not enter:
/// a wrapper's own lines around the cards it holds (a search page walked each card twice, and
/// then climbed from every line to see whether it was in a card, issue #20).
pub fn lines_except<D: Dom>(
    dom: &D,
    scope: &D::Node,
    sight: Sight,
    apart: &[D::Node],
) -> Vec<Line<D::Node>> {
    let mut lines = Vec::new();
    let mut stack: Vec<(D::Node, Option<Anchor>)> = dom
        .children(scope)
        .into_iter()
        .filter(|child| !apart.contains(child))
        .rev()
        .map(|child| (child, None))
        .collect();
    let mut visited = 0;
    let any_block = any_block();
    while let Some((node, anchor)) = stack.pop() {
        visited += 1;
        if visited > MAX_NODES || lines.len() >= MAX_LINES {
            break;
        }
        let tag = dom.tag(&node);
        if hidden_with_tag(dom, &node, &tag, sight) {
            continue;
        }
        // Only a link's `href` is asked for (every element's was, one call each: issue #20).
        let href = (tag == "a").then(|| dom.attr(&node, "href")).flatten();
        let anchor = match href {
            Some(href) => Some(Anchor {
                href,
                id: dom.attr(&node, "id"),
            }),
            None => anchor,
        };
        let heading = heading_level(&tag);
        let children = dom.children(&node);
        // Inline elements may wrap blocks ("<a><div><h2>Name</h2></div></a>"): look at every
        // descendant, not only the children. An element without element children holds neither
        // a block nor a link (the two queries would say so for every leaf: issue #20).
        let has_block = !children.is_empty() && dom.select_first(&node, any_block).is_some();
        if heading.is_some()
            || !(has_block || (!children.is_empty() && holds_separate_link(dom, &node)))
        {
            // Without element children nothing inside can be hidden, break the line or be a
            // link: the text content is the line (the two queries would say so: issue #20).
            let leaf = children.is_empty();
            let raw = if leaf {
                dom.text(&node)
            } else {
                visible_raw(dom, &node, 0, sight)
            };
            let text = collapse_ws(&raw);
            if !text.is_empty() {
                let anchor = match anchor {
                    None if !leaf => whole_line_anchor(dom, &node, &text, sight),
                    anchor => anchor,
                };
                lines.push(Line {
                    node,
                    text,
                    heading,
                    anchor,
                    label: OnceCell::new(),
                });
            }
            continue;
        }
        stack.extend(
            children
                .into_iter()
                .filter(|child| !apart.contains(child))
                .rev()
                .map(|child| (child, anchor.clone())),
        );
    }
    lines
}

/// Whether `sight` would not see `node` as text: controls, media, hidden or transient parts.
pub fn hidden_from<D: Dom>(dom: &D, node: &D::Node, sight: Sight) -> bool {
    // Most elements have none of the tags or attributes the rules below look at: one `matches`
    // says so, where the rules would read five things of each (issue #20).
    dom.matches(node, maybe_hidden(sight)) && hidden_by_rules(dom, node, &dom.tag(node), sight)
}

/// [`hidden_from`], for a node whose `tag` was read already.
fn hidden_with_tag<D: Dom>(dom: &D, node: &D::Node, tag: &str, sight: Sight) -> bool {
    dom.matches(node, maybe_hidden(sight)) && hidden_by_rules(dom, node, tag, sight)
}

/// The exact rules, for an element the one-call prefilter let through.
fn hidden_by_rules<D: Dom>(dom: &D, node: &D::Node, tag: &str, sight: Sight) -> bool {
    if HIDDEN_TAGS.contains(&tag) || dom.attr(node, "hidden").is_some() {
        return true;
    }
    if sight == Sight::Both
        && dom
            .attr(node, "aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if dom
        .attr(node, "role")
        .is_some_and(|r| HIDDEN_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
    {
        return true;
    }
    dom.attr(node, "style").is_some_and(|s| {
        s.replace(' ', "")
            .to_ascii_lowercase()
            .contains("display:none")
    })
}

/// Every element `hidden_from` may find hidden, as one selector: its tags, and any value of the
/// attributes it reads (a superset: the exact rules decide).
fn maybe_hidden(sight: Sight) -> &'static str {
    static EYE: LazyLock<String> = LazyLock::new(|| maybe_hidden_selector(Sight::Eye));
    static BOTH: LazyLock<String> = LazyLock::new(|| maybe_hidden_selector(Sight::Both));
    match sight {
        Sight::Eye => &EYE,
        Sight::Both => &BOTH,
    }
}

fn maybe_hidden_selector(sight: Sight) -> String {
    let mut selector = HIDDEN_TAGS.join(", ");
    selector.push_str(", [hidden], [role], [style]");
    if sight == Sight::Both {
        selector.push_str(", [aria-hidden]");
    }
    selector
}

/// Any block element, as one selector.
fn any_block() -> &'static str {
    static ANY: LazyLock<String> = LazyLock::new(|| BLOCK_TAGS.join(", "));
    &ANY
}

/// Every element inside which the visible text may differ from the text content: one that may
/// be hidden, or a block (a line's gap). Without one, the text content is the visible text.
fn plain_text_breaker(sight: Sight) -> &'static str {
    static EYE: LazyLock<String> = LazyLock::new(|| breaker(Sight::Eye));
    static BOTH: LazyLock<String> = LazyLock::new(|| breaker(Sight::Both));
    fn breaker(sight: Sight) -> String {
        format!("{}, {}", maybe_hidden_selector(sight), any_block())
    }
    match sight {
        Sight::Eye => &EYE,
        Sight::Both => &BOTH,
    }
}

/// `textContent` without the hidden parts, white space folded.
pub fn visible_text<D: Dom>(dom: &D, node: &D::Node) -> String {
    collapse_ws(&visible_raw(dom, node, 0, Sight::Both))
}

fn visible_raw<D: Dom>(dom: &D, node: &D::Node, depth: usize, sight: Sight) -> String {
    // Most of a line is plain text in inline elements: one query says so, and the text content
    // is then the answer, where the walk below asks for every node of it (issue #20).
    if depth >= MAX_TEXT_DEPTH || dom.select_first(node, plain_text_breaker(sight)).is_none() {
        return dom.text(node);
    }
    let mut out = String::new();
    for piece in dom.content(node) {
        match piece {
            Content::Text(text) => out.push_str(&text),
            Content::Element(child) if !hidden_from(dom, &child, sight) => {
                // Block children are separate lines to a reader; inline ones run on ("O'<b>Boyle</b>").
                let gap = if BLOCK_TAGS.contains(&dom.tag(&child).as_str()) {
                    " "
                } else {
                    ""
                };
                out.push_str(gap);
                out.push_str(&visible_raw(dom, &child, depth + 1, sight));
                out.push_str(gap);
            }
            Content::Element(_) => {}
        }
    }
    out
}

/// Whether a reader sees an element with this tag as its own line.
pub fn is_block_tag(tag: &str) -> bool {
    BLOCK_TAGS.contains(&tag)
}

fn heading_level(tag: &str) -> Option<u8> {
    let digit = tag.strip_prefix('h')?;
    let level = digit.parse::<u8>().ok()?;
    (1..=6).contains(&level).then_some(level)
}

/// Whether `node` is inline pieces side by side, one of them a link
/// ("<span>Stockholm</span><span><a>Contact info</a></span>"): the pieces are separate lines.
/// Text of `node`'s own around a link ("Engineer at <a>Acme</a>") keeps it one line.
fn holds_separate_link<D: Dom>(dom: &D, node: &D::Node) -> bool {
    let Some(a) = dom.select_first(node, "a[href]") else {
        return false;
    };
    let whole = squeeze(&dom.text(node));
    if squeeze(&dom.text(&a)) == whole {
        return false;
    }
    let children_text: String = dom.children(node).iter().map(|c| dom.text(c)).collect();
    squeeze(&children_text) == whole
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The link inside `node` whose text is the whole line ("<p><a>Contact info</a></p>").
fn whole_line_anchor<D: Dom>(dom: &D, node: &D::Node, text: &str, sight: Sight) -> Option<Anchor> {
    let a = dom.select_first(node, "a[href]")?;
    if collapse_ws(&visible_raw(dom, &a, 0, sight)) != text {
        return None;
    }
    Some(Anchor {
        href: dom.attr(&a, "href")?,
        id: dom.attr(&a, "id"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::counted_dom::{Counted, Node};
    use crate::site::scraper_dom::ScraperDom;

    // proves issue #20: the one-call prefilter never hides a rule's element from the rules
    // (every tag, and the attributes in their odd spellings), and lets a plain one through.
    #[test]
    fn prefilter_keeps_every_hidden_rule() {
        let mut html = String::from("<main>");
        for tag in HIDDEN_TAGS {
            html.push_str(&format!("<{tag} data-t=\"h\"></{tag}>"));
        }
        for attrs in [
            "hidden",
            "aria-hidden=\" TRUE \"",
            "role=\" Dialog \"",
            "style=\"color:red; DISPLAY : none\"",
        ] {
            html.push_str(&format!("<span data-t=\"h\" {attrs}>x</span>"));
        }
        html.push_str("<span data-t=\"v\" class=\"a\" role=\"link\" style=\"color:red\">x</span>");
        html.push_str(
            "<span data-t=\"v\" aria-hidden=\"false\">x</span><b data-t=\"v\">x</b></main>",
        );
        let dom = ScraperDom::parse(&html);
        let root = dom.root();
        let hidden = dom.select_all(&root, "[data-t=h]");
        // `template` content and the like may parse elsewhere: most tags must still be there.
        assert!(hidden.len() >= HIDDEN_TAGS.len(), "{}", hidden.len());
        for node in hidden {
            assert!(hidden_from(&dom, &node, Sight::Both), "{}", dom.tag(&node));
        }
        for node in dom.select_all(&root, "[data-t=v]") {
            assert!(!hidden_from(&dom, &node, Sight::Both), "{}", dom.tag(&node));
        }
        let eye_only = ScraperDom::parse("<main><span aria-hidden=\"true\">x</span></main>");
        let span = eye_only.select_first(&eye_only.root(), "span").unwrap();
        assert!(hidden_from(&eye_only, &span, Sight::Both));
        assert!(!hidden_from(&eye_only, &span, Sight::Eye));
    }

    // proves issue #20: a wrapper's own lines, without walking into the cards it holds, are its
    // lines but for those inside the cards (at any depth), in the same order.
    #[test]
    fn lines_apart_from_inner_cards() {
        let dom = ScraperDom::parse(
            "<main><div id=w><p>Note</p><section><div id=c><p>Ada</p><div><div><p>Engineer</p>\
             </div></div></div><p>Between</p></section><div id=d><h3>Alan</h3></div><p>Tail</p>\
             </div></main>",
        );
        let root = dom.root();
        let wrapper = dom.select_first(&root, "#w").unwrap();
        let cards = dom.select_all(&root, "#c, #d");
        let text = |lines: Vec<Line<_>>| lines.into_iter().map(|l| l.text).collect::<Vec<_>>();
        assert_eq!(
            text(lines_for(&dom, &wrapper, Sight::Eye)),
            ["Note", "Ada", "Engineer", "Between", "Alan", "Tail"]
        );
        assert_eq!(
            text(lines_except(&dom, &wrapper, Sight::Eye, &cards)),
            ["Note", "Between", "Tail"]
        );
    }

    // proves issue #20: a line of plain inline text is its text content, read in one query and
    // one call instead of a walk of its nodes; anything that may hide a part or break the line
    // is still walked, and every line reads as the walk reads it.
    #[test]
    fn plain_lines_read_as_the_walk_reads_them() {
        let html = r#"<main><section><h2>Ada <span>Love<b>lace</b></span></h2>
            <div><span>Engineer at <a href="/company/x/">X</a></span></div>
            <p><span>3rd</span><span aria-hidden="true">3rd degree</span></p>
            <h3>Two <div>blocks</div> in a heading</h3>
            <div><span>Play</span><!-- note --><button>Skip</button> on</div>
            <p><span style="display: none">secret</span>shown</p>
            <p><span role="status">Loading</span>Done</p>
            <li><em>Stockholm</em>, <i>Sweden</i></li></section></main>"#;
        let parsed = ScraperDom::parse(html);
        let main = parsed.select_first(&parsed.root(), "main").unwrap();
        for sight in [Sight::Eye, Sight::Both] {
            let read = |always_walk| {
                let breakers = [Sight::Eye, Sight::Both].map(plain_text_breaker);
                let spy =
                    Counted::finding_always(&parsed, if always_walk { &breakers } else { &[] });
                let main = Node(main);
                let texts: Vec<String> = lines_for(&spy, &main, sight)
                    .into_iter()
                    .map(|l| l.text)
                    .collect();
                (texts, spy.asked().get("content").copied().unwrap_or(0))
            };
            let ((short, short_walks), (walked, walks)) = (read(false), read(true));
            assert_eq!(short, walked, "{sight:?}");
            assert!(walked.contains(&"Ada Lovelace".to_string()), "{walked:?}");
            assert!(
                walked.contains(&"Stockholm, Sweden".to_string()),
                "{walked:?}"
            );
            // Only the lines with a hidden part or a block inside are walked.
            assert!(
                short_walks <= 5 && walks >= 3 * short_walks,
                "{short_walks} {walks}"
            );
        }
    }

    fn texts(html: &str) -> Vec<String> {
        let dom = ScraperDom::parse(html);
        let main = dom.select_first(&dom.root(), "main").unwrap();
        lines(&dom, &main).into_iter().map(|l| l.text).collect()
    }

    // proves P4: a media player's "Video Player is loading." between name and headline is not
    // a line of the top card.
    #[test]
    fn media_player_text_is_not_a_line() {
        let html = r#"<main><section><h2>Jane Doe</h2>
            <div role="region" aria-label="Audio Player"><div><span>Video Player is loading.</span></div>
              <div role="dialog" aria-hidden="true"><p>This is a modal window.</p></div></div>
            <button><span>Play</span></button>
            <p>Headline here</p></section></main>"#;
        assert_eq!(texts(html), vec!["Jane Doe", "Headline here"]);
    }

    // proves P4: the accessible label is read and its aria-hidden visual twin is not.
    #[test]
    fn aria_hidden_twin_is_left_out() {
        let html = r#"<main><div><h1>Jane</h1><span><span>3rd degree connection</span>
            <span aria-hidden="true">3rd</span></span></div></main>"#;
        assert_eq!(texts(html), vec!["Jane", "3rd degree connection"]);
    }

    #[test]
    fn inline_children_make_one_line_and_links_are_kept() {
        let dom = ScraperDom::parse(
            r#"<main><div><p><span>500+</span> connections</p><p><a href="/in/x/overlay/contact-info/">Contact info</a></p></div></main>"#,
        );
        let main = dom.select_first(&dom.root(), "main").unwrap();
        let got = lines(&dom, &main);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].text, "500+ connections");
        assert_eq!(got[0].anchor, None);
        assert_eq!(
            got[1].anchor.as_ref().map(|a| a.href.as_str()),
            Some("/in/x/overlay/contact-info/")
        );
    }

    // proves P4: the location and the "Contact info" link beside it (2022/2024) are two lines.
    #[test]
    fn location_and_contact_link_side_by_side_are_two_lines() {
        let html = r#"<main><div><span>Palo Alto</span><span><a href="/in/x/overlay/contact-info/">Contact info</a></span></div>
            <div>Engineer at <a href="/company/acme/">Acme</a></div></main>"#;
        assert_eq!(
            texts(html),
            vec!["Palo Alto", "Contact info", "Engineer at Acme"]
        );
    }

    #[test]
    fn heading_keeps_its_whole_text_and_its_link() {
        let dom = ScraperDom::parse(
            r#"<main><a href="https://www.linkedin.com/in/jane/"><div><div><h2>Jane <span>Doe</span><svg><title>Verified</title></svg></h2></div></div></a></main>"#,
        );
        let main = dom.select_first(&dom.root(), "main").unwrap();
        let got = lines(&dom, &main);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].text, "Jane Doe");
        assert_eq!(got[0].heading, Some(2));
        assert_eq!(
            got[0].anchor.as_ref().map(|a| a.href.as_str()),
            Some("https://www.linkedin.com/in/jane/")
        );
    }
}
