//! The connection degree. The 2026 card can carry two labels at once ("· 1st" and "· 2nd") while
//! an invitation is pending: a pending invitation or a "Connect" action means the person is not
//! a 1st-degree connection yet, so the other label is theirs.

use super::explain::Source;
use super::outline::Line;
use super::text::degree_of;
use crate::case;
use crate::site::dom::Dom;

/// The degree the card shows, if it shows exactly one after the evidence is weighed.
pub fn read<D: Dom>(
    dom: &D,
    card: &D::Node,
    lines: &[Line<D::Node>],
    heading: usize,
) -> Option<(u8, Source)> {
    let labels = card_labels(dom, card);
    let mut degrees: Vec<u8> = lines
        .iter()
        .skip(heading + 1)
        .filter(|l| l.anchor.is_none())
        .filter_map(|l| degree_of(&l.text))
        .chain(labels.iter().filter_map(|label| degree_of(label)))
        .collect();
    degrees.sort_unstable();
    degrees.dedup();
    match degrees.as_slice() {
        [] => None,
        [one] => Some((*one, Source::DegreeLabel)),
        _ => {
            if !labels.iter().any(|l| is_not_connected_cue(l)) {
                return None;
            }
            match degrees
                .iter()
                .filter(|d| **d != 1)
                .collect::<Vec<_>>()
                .as_slice()
            {
                [one] => Some((**one, Source::PendingInvitation)),
                _ => None,
            }
        }
    }
}

/// Every `aria-label` in the card.
pub fn card_labels<D: Dom>(dom: &D, card: &D::Node) -> Vec<String> {
    dom.select_all(card, "[aria-label]")
        .into_iter()
        .filter_map(|n| dom.attr(&n, "aria-label"))
        .collect()
}

/// A control only shown to someone not (yet) connected: a pending invitation to withdraw, or an
/// invitation to connect.
pub fn is_not_connected_cue(label: &str) -> bool {
    let lower = case::lower(label);
    lower.starts_with("pending")
        || lower.contains("withdraw invitation")
        || lower.contains("invitation sent")
        || (lower.starts_with("invite ") && lower.ends_with(" to connect"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::profile_page::outline::lines;
    use crate::site::scraper_dom::ScraperDom;

    fn degree_of_card(card_html: &str) -> Option<(u8, Source)> {
        let dom = ScraperDom::parse(&format!("<main><section>{card_html}</section></main>"));
        let card = dom.select_first(&dom.root(), "section").unwrap();
        let lines = lines(&dom, &card);
        let heading = lines.iter().position(|l| l.heading.is_some()).unwrap();
        read(&dom, &card, &lines, heading)
    }

    // proves P3: with both "· 1st" and "· 2nd" on the card while an invitation is pending, the
    // person's degree is 2nd.
    #[test]
    fn pending_invitation_settles_1st_and_2nd_as_2nd() {
        let card = r#"<h2>Costa</h2><div><p>· 1st</p></div><p>· 2nd</p><p>Founder</p>
            <a href="/in/costa/" aria-label="Pending, click to withdraw invitation sent to Costa"><span>Pending</span></a>"#;
        assert_eq!(degree_of_card(card), Some((2, Source::PendingInvitation)));
    }

    // proves P4: two labels and nothing to settle them: say nothing rather than guess.
    #[test]
    fn conflicting_labels_without_evidence_are_unknown() {
        assert_eq!(
            degree_of_card("<h2>Costa</h2><p>· 1st</p><p>· 2nd</p><p>Founder</p>"),
            None
        );
    }

    // proves P3: the 2022 accessible label "3rd degree connection" is read.
    #[test]
    fn accessible_degree_label() {
        let card = r#"<h1>Austin</h1><span><span aria-label="3rd degree connection">3rd degree connection</span>
            <span aria-hidden="true">3rd</span></span><div>Engineer</div>"#;
        assert_eq!(degree_of_card(card), Some((3, Source::DegreeLabel)));
    }

    #[test]
    fn a_mutual_connections_link_is_not_a_degree() {
        let card = r#"<h2>Costa</h2><p>· 2nd</p><a href="/search/?x"><p>1st</p></a>"#;
        assert_eq!(degree_of_card(card), Some((2, Source::DegreeLabel)));
    }
}
