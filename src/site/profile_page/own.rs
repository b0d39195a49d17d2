//! Whether the page is the viewer's own profile: the owner gets an "Edit intro" link to their
//! own id and owner-only controls; visitors get a degree, "Connect", "Message" links marked
//! `NON_SELF_PROFILE_VIEW`, or a pending invitation.

use super::degree::is_not_connected_cue;
use super::embedded_json::Viewer;
use super::explain::Source;
use super::links::profile_link;
use crate::case;
use crate::profile::ProfileKey;
use crate::site::dom::Dom;

/// Labels of controls only the owner of a profile sees.
const OWNER_LABELS: &[&str] = &[
    "add profile section",
    "add section",
    "open to",
    "enhance profile",
    "edit intro",
];

/// The subject as the page identified it.
pub struct Subject<'a> {
    pub public_id: Option<&'a str>,
    pub member_id: Option<&'a str>,
}

impl Subject<'_> {
    fn is(&self, key: &ProfileKey) -> bool {
        match key {
            ProfileKey::PublicId(id) => self.public_id == Some(id.as_str()),
            ProfileKey::MemberId(id) => self.member_id == Some(id.as_str()),
        }
    }
}

/// Cues the card already gave to a visitor.
pub struct VisitorCues<'a> {
    pub degree_shown: bool,
    pub card_labels: &'a [String],
}

/// Decides own-profile, asking `viewer` (embedded JSON, costly) only when the page's controls
/// do not tell.
pub fn read<D: Dom>(
    dom: &D,
    main: &D::Node,
    card: &D::Node,
    subject: &Subject<'_>,
    cues: &VisitorCues<'_>,
    viewer: impl FnOnce() -> Option<Viewer>,
) -> (bool, Option<Source>) {
    let edit_intro = dom
        .select_all(main, "a[href*=\"/edit/intro\"]")
        .into_iter()
        .any(|a| {
            dom.attr(&a, "href")
                .and_then(|href| profile_link(&href))
                .is_some_and(|link| subject.is(&link.key))
        });
    if edit_intro {
        return (true, Some(Source::EditIntroLink));
    }
    let non_self_message = dom
        .select_all(card, "a[href*=\"/messaging/compose\"]")
        .into_iter()
        .any(|a| {
            dom.attr(&a, "href")
                .is_some_and(|href| href.contains("NON_SELF_PROFILE_VIEW"))
        });
    if cues.degree_shown
        || non_self_message
        || cues.card_labels.iter().any(|l| is_not_connected_cue(l))
    {
        return (false, Some(Source::VisitorControls));
    }
    let owner_control = dom
        .select_all(main, "[aria-label]")
        .into_iter()
        .any(|node| {
            dom.attr(&node, "aria-label").is_some_and(|label| {
                let label = case::lower(label.trim());
                OWNER_LABELS
                    .iter()
                    .any(|owner| label == *owner || label.starts_with("edit intro"))
            })
        });
    if owner_control {
        return (true, Some(Source::OwnerControls));
    }
    match viewer() {
        Some(viewer) => {
            let own = match (subject.public_id, viewer.public_id.as_deref()) {
                (Some(subject), Some(viewer)) => subject == viewer,
                _ => subject.member_id == Some(viewer.member_id.as_str()),
            };
            (own, Some(Source::ViewerJson))
        }
        None => (false, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::scraper_dom::ScraperDom;

    fn own_of(html: &str, viewer: Option<Viewer>) -> (bool, Option<Source>) {
        let dom = ScraperDom::parse(html);
        let main = dom.select_first(&dom.root(), "main").unwrap();
        let card = dom.select_first(&main, "section").unwrap();
        let subject = Subject {
            public_id: Some("jane"),
            member_id: None,
        };
        let cues = VisitorCues {
            degree_shown: false,
            card_labels: &[],
        };
        read(&dom, &main, &card, &subject, &cues, || viewer)
    }

    // proves P3: the "Edit intro" link to the URL's own id marks the viewer's own profile.
    #[test]
    fn edit_intro_link_for_the_urls_id_is_own() {
        let html = r#"<main><section><h2>Jane</h2><a aria-label="Edit intro" href="/in/jane/edit/intro/">e</a></section></main>"#;
        assert_eq!(own_of(html, None), (true, Some(Source::EditIntroLink)));
    }

    // proves P2/P3: an edit link for another id (the viewer's card still on screen) is not "own".
    #[test]
    fn edit_intro_link_for_another_id_is_not_own() {
        let html = r#"<main><section><h2>Jane</h2><a href="/in/someone/edit/intro/">e</a></section></main>"#;
        assert_eq!(own_of(html, None), (false, None));
    }

    #[test]
    fn owner_controls_are_own_and_visitor_controls_win_over_them() {
        let owner = r#"<main><section><h2>Jane</h2></section><button aria-label="Add profile section">+</button></main>"#;
        assert_eq!(own_of(owner, None), (true, Some(Source::OwnerControls)));
        let visitor = r#"<main><section><h2>Jane</h2><a href="/messaging/compose/?recipient=x&screenContext=NON_SELF_PROFILE_VIEW">m</a></section>
            <button aria-label="Open to">o</button></main>"#;
        assert_eq!(
            own_of(visitor, None),
            (false, Some(Source::VisitorControls))
        );
    }

    // proves P3: the embedded "/me" record decides when the controls do not.
    #[test]
    fn viewer_record_decides_last() {
        let html = "<main><section><h2>Jane</h2></section></main>";
        let viewer = |public: &str| {
            Some(Viewer {
                member_id: "ACoAAxxxxxxxxxxxxxxxxxxx".into(),
                public_id: Some(public.into()),
            })
        };
        assert_eq!(
            own_of(html, viewer("jane")),
            (true, Some(Source::ViewerJson))
        );
        assert_eq!(
            own_of(html, viewer("someone")),
            (false, Some(Source::ViewerJson))
        );
    }
}
