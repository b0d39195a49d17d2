//! Whether the site offers "Save to PDF" for the profile (PRODUCT.md E1), read from the top
//! card's controls by role and label, never by class (P4).
//!
//! The site renders its "More" menu only once it is opened, and we never open it: a menu that
//! is not in the page says nothing. So only a *rendered* menu that lists actions without a PDF
//! one counts as "not offered"; when the page does not tell, the answer is "offered". A wrong
//! "offered" costs one download the site refuses (the reserved unit is released, E6); a wrong
//! "not offered" would block the user with no way around it.

use crate::case;
use crate::site::dom::Dom;

/// Controls that may be the PDF action or the button that opens the site's menu.
const CONTROLS: &str = "button, [role=\"button\"], [role=\"menuitem\"]";
/// Labels of the button that opens the top card's menu ("More", "More actions") in the site's
/// languages: en fr de es pt nl it (issue #21). Apostrophes are compared as `'`.
const MORE_LABELS: &[&str] = &[
    "more",
    "more actions",
    "plus",
    "plus d'actions",
    "mehr",
    "weitere aktionen",
    "más",
    "más acciones",
    "mais",
    "mais ações",
    "meer",
    "meer acties",
    "altro",
    "altre azioni",
];
/// Menus are short; anything longer is not the top card's.
const MAX_CONTROLS: usize = 200;

/// `true` unless a rendered menu of the card lists actions without a PDF one.
pub fn offered<D: Dom>(dom: &D, root: &D::Node, card: &D::Node) -> bool {
    let controls = controls(dom, card);
    if controls.iter().any(|c| is_pdf_action(dom, c)) {
        return true;
    }
    let mut listed_without_pdf = false;
    for more in controls.iter().filter(|c| is_more_button(dom, c)) {
        let items = menu_items(dom, root, more);
        if items.iter().any(|item| is_pdf_action(dom, item)) {
            return true;
        }
        listed_without_pdf |= !items.is_empty();
    }
    !listed_without_pdf
}

fn controls<D: Dom>(dom: &D, scope: &D::Node) -> Vec<D::Node> {
    dom.select_all(scope, CONTROLS)
        .into_iter()
        .take(MAX_CONTROLS)
        .collect()
}

/// The items of the menu `more` opens: the element its `aria-controls` names (the site may
/// render menus elsewhere in the page), else the menu beside it.
fn menu_items<D: Dom>(dom: &D, root: &D::Node, more: &D::Node) -> Vec<D::Node> {
    let controlled = dom
        .attr(more, "aria-controls")
        .filter(|id| is_plain_id(id))
        .and_then(|id| dom.select_first(root, &format!("[id=\"{id}\"]")));
    let scope = controlled.or_else(|| dom.parent(more));
    scope.map_or_else(Vec::new, |scope| {
        dom.select_all(&scope, "[role=\"menuitem\"]")
            .into_iter()
            .take(MAX_CONTROLS)
            .collect()
    })
}

/// An id that can go in a selector as it is.
fn is_plain_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
}

/// "Save to PDF", "Als PDF speichern", "Enregistrer au format PDF": every translation of the
/// site names the format.
fn is_pdf_action<D: Dom>(dom: &D, node: &D::Node) -> bool {
    label(dom, node)
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| word.eq_ignore_ascii_case("pdf"))
}

fn is_more_button<D: Dom>(dom: &D, node: &D::Node) -> bool {
    let label = case::lower(&label(dom, node)).replace('’', "'");
    MORE_LABELS.contains(&label.as_str())
}

/// The accessible name as far as the site sets it: `aria-label`, else the text.
fn label<D: Dom>(dom: &D, node: &D::Node) -> String {
    let label = dom
        .attr(node, "aria-label")
        .filter(|l| !l.trim().is_empty())
        .unwrap_or_else(|| dom.text(node));
    super::collapse_ws(&label)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::scraper_dom::ScraperDom;

    fn offered_in(html: &str) -> bool {
        let dom = ScraperDom::parse(html);
        let root = dom.root();
        let card = dom.select_first(&root, "section").unwrap();
        offered(&dom, &root, &card)
    }

    const MORE: &str =
        r#"<button aria-label="More actions" aria-expanded="false"><span>More</span></button>"#;

    // proves E1: a rendered menu with the PDF item offers it, hidden or not, by label not class.
    #[test]
    fn menu_item_offers_the_pdf() {
        let html = format!(
            r#"<section><div>{MORE}<div role="menu" hidden><div role="menuitem" class="x9"
               aria-label="Save to PDF"><span>Save to PDF</span></div>
               <div role="menuitem">Report or block</div></div></div></section>"#
        );
        assert!(offered_in(&html));
    }

    // proves E1: a rendered menu that lists actions without a PDF one: the site offers none.
    #[test]
    fn menu_without_the_item_offers_none() {
        let html = format!(
            r#"<section><div>{MORE}<div role="menu" hidden>
               <div role="menuitem" aria-label="Send profile in a message">Send</div>
               <div role="menuitem" aria-label="Report or block">Report</div></div></div></section>"#
        );
        assert!(!offered_in(&html));
    }

    // The real site renders its menu only when opened: nothing rendered tells nothing.
    #[test]
    fn unrendered_menu_is_taken_as_offered() {
        assert!(offered_in(&format!(
            "<section><h2>Jane</h2>{MORE}</section>"
        )));
        assert!(offered_in("<section><h2>Jane</h2></section>"));
    }

    // proves E1: translated labels and text-only items are recognised.
    #[test]
    fn translated_and_text_only_items() {
        let german = r#"<section><div><button aria-label="More">Mehr</button><ul role="menu">
               <li role="menuitem"><span>Als PDF speichern</span></li></ul></div></section>"#;
        assert!(offered_in(german));
        let button = r#"<section><div role="button" aria-label="Save to PDF"></div></section>"#;
        assert!(offered_in(button));
    }

    // proves E1, L2: the French and German "More" menus without the PDF item say "not offered",
    // as the English one does.
    #[test]
    fn translated_more_menu_without_the_item_offers_none() {
        for (more, items) in [
            (
                r#"<button aria-label="Plus d’actions"><span>Plus</span></button>"#,
                "Envoyer le profil par message",
            ),
            (
                r#"<button aria-label="Weitere Aktionen"><span>Mehr</span></button>"#,
                "Melden oder blockieren",
            ),
            (r#"<button><span>Altro</span></button>"#, "Segnala o blocca"),
        ] {
            let html = format!(
                r#"<section><div>{more}<div role="menu" hidden>
                   <div role="menuitem">{items}</div></div></div></section>"#
            );
            assert!(!offered_in(&html), "{more}");
        }
    }

    // A menu the site renders elsewhere in the page, tied to the card's button by
    // `aria-controls`, counts as the card's.
    #[test]
    fn menu_named_by_aria_controls() {
        let with = r#"<section><button aria-label="More" aria-controls="m1">…</button></section>
            <div id="m1" role="menu"><div role="menuitem">Save to PDF</div></div>"#;
        assert!(offered_in(with));
        let without = r#"<section><button aria-label="More" aria-controls="m1">…</button></section>
            <div id="m1" role="menu"><div role="menuitem">Report or block</div></div>"#;
        assert!(!offered_in(without));
    }

    // A word that merely contains "pdf" is not the action; other menus of the card do not count.
    #[test]
    fn only_the_more_menu_and_whole_words_count() {
        let html = r#"<section><div><button aria-label="Open to">Open to</button>
            <div role="menu"><div role="menuitem">Hiring</div></div></div>
            <button aria-label="Pdfium fans">x</button></section>"#;
        assert!(offered_in(html));
    }
}
