//! Extraction of a profile page's top card. Never leans on class names (PRODUCT.md P4).
//!
//! Trust order: the URL; stable attributes (`componentkey`, `aria-*`, `data-*`); document
//! structure (the top card's main heading and the lines under it); embedded JSON whose id is the
//! URL's; JSON-LD; `og:` meta; the document title. Nothing on the card is read until the card is
//! tied to the URL's person (`identity`); when it cannot be, the page is unreadable.

mod corroborate;
mod degree;
mod embedded_json;
pub mod explain;
mod fields;
mod head_meta;
mod hygiene;
mod identity;
#[cfg(not(target_arch = "wasm32"))]
pub mod inspect;
mod json_ld;
pub(crate) mod links;
mod off_card;
pub(crate) mod outline;
mod own;
mod pdf;
pub(crate) mod text;
mod top_card;
pub(crate) mod visibility;

use super::dom::Dom;
use super::{PageRead, Unreadable};
use crate::profile::{Profile, ProfileFacts, ProfileKey, Visibility};
use embedded_json::{EmbeddedPeople, JsonSubject};
use explain::Fill;
use identity::{Identity, Verdict};
use outline::Line;
use top_card::TopCard;

pub use explain::{Source, Sources};
pub use text::collapse_ws;

/// The name sits near the top of a card: lines further down are never taken for it.
const MAX_NAME_LINE: usize = 12;

/// A reading of a page and the strategy behind each of its facts.
#[derive(Clone, Debug)]
pub struct Explained<N> {
    pub read: PageRead<N>,
    pub sources: Sources,
}

/// Reads the profile of `key` from the page.
pub fn read_profile<D: Dom>(dom: &D, key: ProfileKey) -> PageRead<D::Node> {
    read_profile_explained(dom, key).read
}

/// Reads the profile of `key` from the page, saying which strategy produced each fact.
pub fn read_profile_explained<D: Dom>(dom: &D, key: ProfileKey) -> Explained<D::Node> {
    let root = dom.root();
    let main = dom
        .select_first(&root, "main")
        .unwrap_or_else(|| root.clone());
    Reader {
        dom,
        key,
        root,
        main,
        sources: Sources::default(),
        embedded: None,
    }
    .read()
}

struct Reader<'a, D: Dom> {
    dom: &'a D,
    key: ProfileKey,
    root: D::Node,
    main: D::Node,
    sources: Sources,
    /// Scanned on first need: the blobs are large and most readings never need them.
    embedded: Option<EmbeddedPeople>,
}

impl<D: Dom> Reader<'_, D> {
    fn read(mut self) -> Explained<D::Node> {
        if let Some(notice) = visibility::not_found(self.dom, &self.main) {
            self.sources.visibility = Some(notice.source);
            return self.private(notice.heading);
        }
        let Some(card) = top_card::locate(self.dom, &self.main, &self.key) else {
            return self.head_or(Unreadable::NoTopCard);
        };
        let lines = outline::lines(self.dom, &card.node);
        let heading = top_card::name_heading(&lines, &self.key);
        let heading_line = heading.and_then(|i| lines.get(i));
        let heading_anchor = heading_line.and_then(|l| l.anchor.as_ref());
        let mut identity =
            identity::resolve(self.dom, &self.main, &card, heading_anchor, &self.key);
        if let Verdict::Contradicted(source) = identity.verdict {
            self.sources.identity = Some(source);
            return self.unreadable(Unreadable::OtherPerson);
        }
        let (Some(mut heading), Some(mut line)) = (heading, heading_line) else {
            return self.head_or(Unreadable::NoName);
        };
        if visibility::is_not_found_message(&line.text) {
            self.sources.visibility = Some(Source::NotFoundHeading);
            return self.private(Some(line.node.clone()));
        }
        if identity.verdict == Verdict::Unknown {
            self.corroborate(&mut identity, &line.text);
        }
        if identity.verdict == Verdict::Unknown
            && let Some((at, source)) = self.line_named_by_url(&identity, &lines)
            && let Some(named) = lines.get(at)
        {
            (heading, line) = (at, named);
            identity.confirm(source);
        }
        let limited = visibility::is_limited_name(&line.text);
        match identity.verdict {
            Verdict::Confirmed(source) => self.sources.identity = Some(source),
            _ if limited => return self.limited_unconfirmed(line.node.clone()),
            _ => return self.unreadable(Unreadable::Unconfirmed),
        }
        let profile = self.card_profile(&card, &lines, heading, &identity, limited);
        let anchor = Some(line.node.clone());
        self.explained(PageRead::Profile { profile, anchor })
    }

    /// Reads a card already tied to the URL's person.
    fn card_profile(
        &mut self,
        card: &TopCard<D::Node>,
        lines: &[Line<D::Node>],
        heading: usize,
        identity: &Identity,
        limited: bool,
    ) -> Profile {
        let mut facts = self.card_facts(card, lines, heading, limited);
        let mut member = identity.member_id.clone();
        if member.is_none() || facts.headline.is_none() {
            let subject = self.embedded_subject(identity).unwrap_or_default();
            member = member.or_else(|| subject.member_id.map(|m| (m, Source::ProfileJson)));
            self.fill(&mut facts)
                .headline(subject.headline.map(|h| (h, Source::ProfileJson)));
        }
        let own = self.own(
            card,
            identity,
            &facts,
            member.as_ref().map(|(m, _)| m.as_str()),
        );
        // A member id that is the viewer's, on a page that is not the viewer's, came from a
        // record of the viewer: never hand it out as the subject's.
        let viewer = self.embedded.as_ref().and_then(EmbeddedPeople::viewer);
        if !own && viewer.is_some_and(|v| member.as_ref().is_some_and(|(m, _)| *m == v.member_id)) {
            member = None;
        }
        facts.member_urn = member.as_ref().map(|(m, _)| links::urn_of(m));
        self.sources.member_urn = member.map(|(_, s)| s);
        Profile {
            pdf_offered: pdf::offered(self.dom, &self.root, &card.node),
            ..self.profile(visibility_of(limited), own, facts)
        }
    }

    /// The name, text fields and degree the card shows, completed from JSON-LD.
    fn card_facts(
        &mut self,
        card: &TopCard<D::Node>,
        lines: &[Line<D::Node>],
        heading: usize,
        limited: bool,
    ) -> ProfileFacts {
        let mut facts = ProfileFacts::default();
        if limited {
            self.sources.visibility = Some(Source::LimitedMemberName);
        } else {
            self.sources.visibility = Some(Source::TopCardHeading);
            facts.name = lines
                .get(heading)
                .and_then(|l| hygiene::clean_name(&l.text));
            self.sources.name = facts.name.as_ref().map(|_| Source::TopCardHeading);
        }
        fields::read(self.dom, &card.node, lines, heading).fill(self.fill(&mut facts));
        let degree = degree::read(self.dom, &card.node, lines, heading);
        facts.degree = degree.map(|(d, _)| d);
        self.sources.degree = degree.map(|(_, s)| s);
        self.fill_from_json_ld(&mut facts);
        facts
    }

    /// Whether the page is the viewer's own profile; asks the embedded "/me" record last.
    fn own(
        &mut self,
        card: &TopCard<D::Node>,
        identity: &Identity,
        facts: &ProfileFacts,
        member_id: Option<&str>,
    ) -> bool {
        let labels = degree::card_labels(self.dom, &card.node);
        let cues = own::VisitorCues {
            degree_shown: facts.degree.is_some(),
            card_labels: &labels,
        };
        let subject = own::Subject {
            public_id: identity.public_id.as_deref(),
            member_id,
        };
        let (dom, main) = (self.dom, self.main.clone());
        let (own, source) = own::read(dom, &main, &card.node, &subject, &cues, || {
            self.embedded().viewer()
        });
        self.sources.own = source;
        own
    }

    /// Fields the card did not show, from a JSON-LD `Person` at the URL's profile.
    fn fill_from_json_ld(&mut self, facts: &mut ProfileFacts) {
        let complete = facts.location.is_some()
            && facts.current_company.is_some()
            && facts.current_title.is_some();
        if complete {
            return;
        }
        if let Some(person) = json_ld::person(self.dom, &self.root, &self.key) {
            person.fill(self.fill(facts));
        }
    }

    fn fill<'f>(&'f mut self, facts: &'f mut ProfileFacts) -> Fill<'f> {
        Fill {
            facts,
            sources: &mut self.sources,
        }
    }

    fn profile(&self, visibility: Visibility, own: bool, facts: ProfileFacts) -> Profile {
        Profile {
            key: self.key.clone(),
            visibility,
            own,
            facts,
            pdf_offered: false,
        }
    }

    fn private(mut self, heading: Option<D::Node>) -> Explained<D::Node> {
        let facts = self.url_facts();
        let profile = self.profile(Visibility::Private, false, facts);
        self.explained(PageRead::Profile {
            profile,
            anchor: heading,
        })
    }

    /// A "LinkedIn Member" card nothing ties to the URL: the URL's own facts only.
    fn limited_unconfirmed(mut self, heading: D::Node) -> Explained<D::Node> {
        self.sources.visibility = Some(Source::LimitedMemberName);
        let facts = self.url_facts();
        let profile = self.profile(Visibility::Limited, false, facts);
        self.explained(PageRead::Profile {
            profile,
            anchor: Some(heading),
        })
    }

    fn unreadable(self, why: Unreadable) -> Explained<D::Node> {
        let key = self.key.clone();
        self.explained(PageRead::UnreadableProfile { key, why })
    }

    fn explained(self, read: PageRead<D::Node>) -> Explained<D::Node> {
        Explained {
            read,
            sources: self.sources,
        }
    }

    /// What the URL alone says: the member URN of a member-id URL.
    fn url_facts(&mut self) -> ProfileFacts {
        let member_urn = self.key.member_urn();
        if member_urn.is_some() {
            self.sources.member_urn = Some(Source::Url);
        }
        ProfileFacts {
            member_urn,
            ..ProfileFacts::default()
        }
    }

    fn embedded(&mut self) -> &EmbeddedPeople {
        self.embedded
            .get_or_insert_with(|| EmbeddedPeople::scan(self.dom, &self.root))
    }

    fn embedded_subject(&mut self, identity: &Identity) -> Option<JsonSubject> {
        let member = identity.member_id.as_ref().map(|(m, _)| m.as_str());
        self.embedded()
            .subject(identity.public_id.as_deref(), member)
    }
}

fn visibility_of(limited: bool) -> Visibility {
    if limited {
        Visibility::Limited
    } else {
        Visibility::Public
    }
}

#[cfg(test)]
mod design_tests;
#[cfg(test)]
mod tests;
