//! Whom a card shows: the person of the link its name uses, checked against the card's other
//! links and member ids. Links before the name, the card's first picture link, links sharing
//! the card's `componentkey`, member URNs and "Message" links are the card's own: if one names
//! someone else, the card is ambiguous and gets nothing. Links after the name to other people are mentions (mutual
//! connections, "people also viewed") and say nothing about the card's person.

use super::{PROFILE_LINKS, component_keys};
use crate::profile::ProfileKey;
use crate::site::dom::Dom;
use crate::site::profile_page::explain::Source;
use crate::site::profile_page::links::{
    ProfileLink, compose_member_id, member_id_of_urn, profile_link,
};

const COMPOSE_LINKS: &str = "a[href*=\"/messaging/compose\"]";
const PICTURES: &str = "img, figure, picture, svg";
const MEMBER_URN_ATTRS: [(&str, &str); 2] = [
    ("data-entity-urn", "[data-entity-urn]"),
    ("data-member-urn", "[data-member-urn]"),
];

/// The ids a card names its person by.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Ids {
    pub public_id: Option<String>,
    pub member_id: Option<String>,
    /// Where the member id came from.
    pub member_source: Option<Source>,
}

impl Ids {
    pub fn of(link: &ProfileLink) -> Self {
        let (member_id, member_source) = match (link.key.member_id(), &link.member_id) {
            (Some(id), _) => (Some(id.to_string()), Some(Source::Url)),
            (None, Some(id)) => (Some(id.clone()), Some(Source::ProfileUrnLink)),
            (None, None) => (None, None),
        };
        Self {
            public_id: link.key.public_id().map(str::to_string),
            member_id,
            member_source,
        }
    }

    /// Folds `other` in; `false` when it names someone else.
    pub fn merge(&mut self, other: Ids) -> bool {
        for (mine, theirs) in [
            (&mut self.public_id, other.public_id),
            (&mut self.member_id, other.member_id),
        ] {
            match (mine.as_ref(), theirs) {
                (Some(a), Some(b)) if *a != b => return false,
                (None, Some(b)) => *mine = Some(b),
                _ => {}
            }
        }
        self.member_source = self.member_source.or(other.member_source);
        true
    }

    /// The key the CRM stores first: the vanity id when any link gave one.
    pub fn key(&self, subject: &ProfileKey) -> ProfileKey {
        match (&self.public_id, subject) {
            (Some(public), ProfileKey::MemberId(_)) => ProfileKey::PublicId(public.clone()),
            _ => subject.clone(),
        }
    }
}

/// The ids of the person the card's name link shows, or `None` when the card's own links or
/// member ids name two people.
pub(super) fn resolve<D: Dom>(
    dom: &D,
    card: &D::Node,
    inner: &[D::Node],
    name_link: &D::Node,
    subject: &ProfileLink,
) -> Option<Ids> {
    let mut ids = Ids::of(subject);
    let own_keys = [
        component_keys::key_of(dom, card),
        component_keys::key_of(dom, name_link),
    ];
    let mut before_name = true;
    let mut first_picture = true;
    for a in dom.select_all(card, PROFILE_LINKS) {
        if a == *name_link {
            before_name = false;
        }
        let Some(link) = dom.attr(&a, "href").and_then(|h| profile_link(&h)) else {
            continue;
        };
        // A result's first picture is its person's, wherever the name is.
        let picture = first_picture && dom.select_first(&a, PICTURES).is_some();
        first_picture &= !picture;
        if picture && link.key != subject.key && !ids.merge(Ids::of(&link)) {
            return None;
        }
        let shares_key = component_keys::key_of(dom, &a)
            .is_some_and(|k| own_keys.iter().flatten().any(|own| *own == k));
        let same_person = link.key == subject.key;
        if (before_name || shares_key || same_person) && !ids.merge(Ids::of(&link)) {
            return None;
        }
    }
    for member in card_member_ids(dom, card, inner) {
        if !ids.merge(member) {
            return None;
        }
    }
    Some(ids)
}

/// Member ids the card names besides its links: "Message" links and URN attributes, outside the
/// card's inner parts.
fn card_member_ids<D: Dom>(dom: &D, card: &D::Node, inner: &[D::Node]) -> Vec<Ids> {
    let outside = |n: &D::Node| !inner.iter().any(|i| dom.contains(i, n));
    let member = |id: String, source: Source| Ids {
        public_id: None,
        member_id: Some(id),
        member_source: Some(source),
    };
    let mut found = Vec::new();
    for a in dom
        .select_all(card, COMPOSE_LINKS)
        .into_iter()
        .filter(outside)
    {
        if let Some(id) = dom.attr(&a, "href").and_then(|h| compose_member_id(&h)) {
            found.push(member(id, Source::ComposeLink));
        }
    }
    for (attr, selector) in MEMBER_URN_ATTRS {
        let nodes = std::iter::once(card.clone()).chain(dom.select_all(card, selector));
        for node in nodes.filter(outside) {
            if let Some(id) = dom.attr(&node, attr).and_then(|v| member_id_of_urn(&v)) {
                found.push(member(id, Source::MemberUrnAttribute));
            }
        }
    }
    found
}
