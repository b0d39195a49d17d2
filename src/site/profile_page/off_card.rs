//! Pages with no card to read — saved before the app rendered, or a guest page whose card is
//! gone — still say who the URL's person is through records that name the URL's id, in order
//! of trust (PRODUCT.md P4). Anything else on them may be another person: it is never read.

use super::embedded_json::JsonSubject;
use super::{
    Explained, PageRead, Reader, Source, Unreadable, head_meta, hygiene, json_ld, links,
    visibility, visibility_of,
};
use crate::site::dom::Dom;

impl<D: Dom> Reader<'_, D> {
    /// No usable card: what the page says elsewhere about the URL's person, in order of trust —
    /// its embedded record (a page saved before the app rendered), its JSON-LD (a guest page),
    /// then a server-rendered head naming the URL's profile.
    pub(super) fn head_or(mut self, why: Unreadable) -> Explained<D::Node> {
        let subject = self.url_subject().unwrap_or_default();
        let person = json_ld::person(self.dom, &self.root, &self.key).unwrap_or_default();
        let head = head_meta::names(self.dom, &self.root, &self.key);
        let name = (subject.name.clone().map(|n| (n, Source::ProfileJson)))
            .or_else(|| person.name.clone().map(|n| (n, Source::JsonLd)))
            .or_else(|| head.og.map(|n| (n, Source::OgMeta)))
            .or_else(|| head.title.map(|n| (n, Source::DocumentTitle)));
        let Some((name, source)) = name else {
            return self.unreadable(why);
        };
        self.sources.identity = Some(source);
        let mut facts = self.url_facts();
        let limited = visibility::is_limited_name(&name);
        if limited {
            self.sources.visibility = Some(Source::LimitedMemberName);
        } else if let Some(clean) = hygiene::clean_name(&name) {
            self.sources.visibility = Some(source);
            self.sources.name = Some(source);
            facts.name = Some(clean);
        } else {
            return self.unreadable(why);
        }
        if facts.member_urn.is_none()
            && let Some(member) = &subject.member_id
        {
            facts.member_urn = Some(links::urn_of(member));
            self.sources.member_urn = Some(Source::ProfileJson);
        }
        let from_json = |v: Option<String>| v.map(|v| (v, Source::ProfileJson));
        let mut fill = self.fill(&mut facts);
        fill.headline(from_json(subject.headline));
        fill.location(from_json(subject.location));
        person.fill(self.fill(&mut facts));
        let own = self.own_by_viewer_record(subject.member_id.as_deref());
        let profile = self.profile(visibility_of(limited), own, facts);
        self.explained(PageRead::Profile {
            profile,
            anchor: None,
        })
    }

    /// Whether the embedded "/me" record is the URL's person, for pages with no card whose
    /// controls could tell.
    fn own_by_viewer_record(&mut self, member_id: Option<&str>) -> bool {
        let key = self.key.clone();
        let Some(viewer) = self.embedded().viewer() else {
            return false;
        };
        self.sources.own = Some(Source::ViewerJson);
        match (key.public_id(), viewer.public_id.as_deref()) {
            (Some(subject), Some(viewer)) => subject == viewer,
            _ => member_id.or(key.member_id()) == Some(viewer.member_id.as_str()),
        }
    }

    /// The embedded record of the URL's person, by the URL's id alone.
    fn url_subject(&mut self) -> Option<JsonSubject> {
        let key = self.key.clone();
        self.embedded().subject(key.public_id(), key.member_id())
    }
}
