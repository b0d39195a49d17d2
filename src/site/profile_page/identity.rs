//! Whether the top card shows the URL's person. The site is a single-page app: for a moment
//! after a client-side navigation the URL names the next person while the page still shows the
//! previous one (PRODUCT.md P2). The card's own links and keys say whom it shows.

use super::explain::Source;
use super::links::{ProfileLink, compose_member_id, profile_link};
use super::outline::Anchor;
use super::top_card::TopCard;
use crate::profile::ProfileKey;
use crate::site::dom::Dom;

/// What the page says about whose card it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Confirmed(Source),
    /// Nothing in the card names anyone.
    Unknown,
    /// The card names someone else.
    Contradicted(Source),
}

/// The subject as far as the page ties it to the URL.
#[derive(Clone, Debug)]
pub struct Identity {
    pub verdict: Verdict,
    /// The subject's public id: the URL's, or the one a link pairs with the URL's member id.
    pub public_id: Option<String>,
    /// The subject's member id and where it was read.
    pub member_id: Option<(String, Source)>,
    /// Member ids the card names without a public id (componentkey, "Message" link): the
    /// subject's once the card is confirmed.
    card_members: Vec<(String, Source)>,
}

impl Identity {
    /// Records a confirmation found outside the card (embedded JSON, JSON-LD, meta).
    pub fn confirm(&mut self, source: Source) {
        if self.verdict == Verdict::Unknown {
            self.verdict = Verdict::Confirmed(source);
            self.adopt_card_member();
        }
    }

    fn adopt_card_member(&mut self) {
        if self.member_id.is_some() {
            return;
        }
        if let Some((first, rest)) = self.card_members.split_first()
            && rest.iter().all(|(id, _)| *id == first.0)
        {
            self.member_id = Some(first.clone());
        }
    }
}

/// One thing on the page that says "this card is about X".
#[derive(Clone, Debug)]
struct Claim {
    public_id: Option<String>,
    member_id: Option<String>,
    source: Source,
}

impl Claim {
    fn of_link(link: ProfileLink, source: Source) -> Self {
        match link.key {
            ProfileKey::PublicId(id) => Self {
                public_id: Some(id),
                member_id: link.member_id,
                source,
            },
            ProfileKey::MemberId(id) => Self {
                public_id: None,
                member_id: Some(id),
                source,
            },
        }
    }

    /// `Some(true)` when the claim names the subject, `Some(false)` when it names someone else,
    /// `None` when it names them by an id the subject is not known by.
    fn names(&self, public_id: Option<&str>, member_id: Option<&str>) -> Option<bool> {
        if let (Some(claimed), Some(known)) = (self.public_id.as_deref(), public_id) {
            return Some(claimed == known);
        }
        if let (Some(claimed), Some(known)) = (self.member_id.as_deref(), member_id) {
            return Some(claimed == known);
        }
        None
    }
}

/// Decides whose card `card` is, against the URL's `key`.
pub fn resolve<D: Dom>(
    dom: &D,
    main: &D::Node,
    card: &TopCard<D::Node>,
    heading_anchor: Option<&Anchor>,
    key: &ProfileKey,
) -> Identity {
    let claims = card_claims(dom, card, heading_anchor);
    let mut public_id = key.public_id().map(str::to_string);
    let mut member_id = key.member_id().map(|id| (id.to_string(), Source::Url));

    // Links that carry both ids pair the URL's id with the other one.
    let paired = claims.iter().cloned().chain(pairing_links(dom, main, key));
    for claim in paired {
        let (Some(claimed_public), Some(claimed_member)) = (&claim.public_id, &claim.member_id)
        else {
            continue;
        };
        if member_id.is_none() && public_id.as_ref() == Some(claimed_public) {
            member_id = Some((claimed_member.clone(), claim.source));
        } else if public_id.is_none()
            && member_id.as_ref().is_some_and(|(m, _)| m == claimed_member)
        {
            public_id = Some(claimed_public.clone());
        }
    }

    let known_member = member_id.as_ref().map(|(m, _)| m.as_str());
    let verdicts: Vec<(bool, Source)> = claims
        .iter()
        .filter_map(|c| {
            c.names(public_id.as_deref(), known_member)
                .map(|v| (v, c.source))
        })
        .collect();
    let verdict = if let Some((_, source)) = verdicts.iter().find(|(v, _)| !v) {
        Verdict::Contradicted(*source)
    } else if let Some((_, source)) = verdicts.first() {
        Verdict::Confirmed(*source)
    } else {
        Verdict::Unknown
    };
    let card_members = claims
        .into_iter()
        .filter(|c| c.public_id.is_none())
        .filter_map(|c| Some((c.member_id?, c.source)))
        .collect();
    let mut identity = Identity {
        verdict,
        public_id,
        member_id,
        card_members,
    };
    if matches!(identity.verdict, Verdict::Confirmed(_)) {
        identity.adopt_card_member();
    }
    identity
}

/// What the card says about whom it shows: the link around the name, links to parts of a
/// profile (only the profile's own page has them), its componentkey and its "Message" link.
fn card_claims<D: Dom>(
    dom: &D,
    card: &TopCard<D::Node>,
    heading_anchor: Option<&Anchor>,
) -> Vec<Claim> {
    let mut claims = Vec::new();
    if let Some(link) = heading_anchor.and_then(|a| profile_link(&a.href)) {
        claims.push(Claim::of_link(link, Source::HeadingLink));
    }
    for a in dom.select_all(&card.node, "a[href*=\"/in/\"]") {
        let Some(link) = dom.attr(&a, "href").and_then(|href| profile_link(&href)) else {
            continue;
        };
        if link.sub_page {
            claims.push(Claim::of_link(link, Source::ProfileSubPageLink));
        }
    }
    if let Some(member) = &card.componentkey_member {
        claims.push(Claim {
            public_id: None,
            member_id: Some(member.clone()),
            source: Source::ComponentKey,
        });
    }
    for a in dom.select_all(&card.node, "a[href*=\"/messaging/compose\"]") {
        if let Some(member) = dom
            .attr(&a, "href")
            .and_then(|href| compose_member_id(&href))
        {
            claims.push(Claim {
                public_id: None,
                member_id: Some(member),
                source: Source::ComposeLink,
            });
        }
    }
    claims
}

/// Links anywhere in `main` to the URL's own profile that name its member in the query. They
/// cannot name anyone else (their path is the URL's), so they only pair ids; if they disagree
/// among themselves none is used.
fn pairing_links<D: Dom>(dom: &D, main: &D::Node, key: &ProfileKey) -> Option<Claim> {
    const SELECTOR: &str =
        "a[href*=\"profileUrn=\"], a[href*=\"profileId=\"], a[href*=\"miniProfileUrn=\"]";
    let mut found: Option<Claim> = None;
    for a in dom.select_all(main, SELECTOR) {
        let Some(link) = dom.attr(&a, "href").and_then(|href| profile_link(&href)) else {
            continue;
        };
        if link.key != *key || link.member_id.is_none() {
            continue;
        }
        let claim = Claim::of_link(link, Source::ProfileUrnLink);
        match &found {
            Some(seen) if seen.member_id != claim.member_id => return None,
            Some(_) => {}
            None => found = Some(claim),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::profile_page::outline::lines;
    use crate::site::profile_page::top_card::{locate, name_heading};
    use crate::site::scraper_dom::ScraperDom;

    const JANE_MEMBER: &str = "ACoAAAq_vXIB7ddQiLbkdzTDNjlHLlc3eQ7DOR4";
    const OTHER_MEMBER: &str = "ACoAABS9BdoBSJFfAvbRCM0dr7lB5Eggww93Ld0";

    fn identity_of(html: &str, url: &str) -> Identity {
        let key = ProfileKey::from_url(url).unwrap();
        let dom = ScraperDom::parse(html);
        let main = dom.select_first(&dom.root(), "main").unwrap();
        let card = locate(&dom, &main, &key).unwrap();
        let lines = lines(&dom, &card.node);
        let anchor = name_heading(&lines, &key).and_then(|i| lines[i].anchor.clone());
        resolve(&dom, &main, &card, anchor.as_ref(), &key)
    }

    fn card_2026(slug: &str, member: &str) -> String {
        format!(
            r#"<main><section componentkey="com.linkedin.sdui.profile.card.ref{member}Topcard">
            <a href="https://www.linkedin.com/in/{slug}/"><div><div><h2>Someone</h2></div></div></a>
            <p>Headline</p></section></main>"#
        )
    }

    // proves P2: right after a client-side navigation the page still shows the previous person;
    // their card must not be read as the URL's person.
    #[test]
    fn previous_persons_card_after_navigation_is_contradicted() {
        let id = identity_of(
            &card_2026("jane", JANE_MEMBER),
            "https://www.linkedin.com/in/john/",
        );
        assert_eq!(id.verdict, Verdict::Contradicted(Source::HeadingLink));
    }

    // proves P3: the member URN comes from the card's componentkey once its name link confirms it.
    #[test]
    fn componentkey_member_is_adopted_once_the_card_is_confirmed() {
        let id = identity_of(
            &card_2026("jane", JANE_MEMBER),
            "https://www.linkedin.com/in/jane/",
        );
        assert_eq!(id.verdict, Verdict::Confirmed(Source::HeadingLink));
        assert_eq!(
            id.member_id,
            Some((JANE_MEMBER.to_string(), Source::ComponentKey))
        );
    }

    // proves P2: a member-id URL whose card carries another member's componentkey is contradicted.
    #[test]
    fn member_id_url_against_another_componentkey() {
        let url = format!("https://www.linkedin.com/in/{OTHER_MEMBER}/");
        let id = identity_of(&card_2026("jane", JANE_MEMBER), &url);
        assert_eq!(id.verdict, Verdict::Contradicted(Source::ComponentKey));
        let id = identity_of(&card_2026("jane", OTHER_MEMBER), &url);
        assert_eq!(id.verdict, Verdict::Confirmed(Source::ComponentKey));
    }

    // proves P3: links to the URL's profile that carry profileUrn pair the public id with the
    // member id (2022 design), and a contact-info link confirms the card.
    #[test]
    fn profile_urn_links_pair_public_and_member_ids() {
        let html = format!(
            r#"<main><section><h1>Jane</h1><a href="/in/jane/overlay/contact-info/">Contact info</a></section>
            <section><a href="https://www.linkedin.com/in/jane/details/experience?profileUrn=urn%3Ali%3Afsd_profile%3A{JANE_MEMBER}">Show all</a></section></main>"#
        );
        let id = identity_of(&html, "https://www.linkedin.com/in/jane/");
        assert_eq!(id.verdict, Verdict::Confirmed(Source::ProfileSubPageLink));
        assert_eq!(
            id.member_id,
            Some((JANE_MEMBER.to_string(), Source::ProfileUrnLink))
        );
    }

    // proves P4: when links to the URL's profile disagree about its member id, none is used.
    #[test]
    fn disagreeing_profile_urn_links_are_not_used() {
        let html = format!(
            r#"<main><section><h1>Jane</h1><a href="/in/jane/overlay/contact-info/">Contact info</a></section>
            <a href="/in/jane/details/x?profileUrn=urn%3Ali%3Afsd_profile%3A{JANE_MEMBER}">a</a>
            <a href="/in/jane/details/y?profileUrn=urn%3Ali%3Afsd_profile%3A{OTHER_MEMBER}">b</a></main>"#
        );
        let id = identity_of(&html, "https://www.linkedin.com/in/jane/");
        assert_eq!(id.member_id, None);
    }

    #[test]
    fn a_card_naming_nobody_is_unknown() {
        let id = identity_of(
            "<main><section><h1>Jane</h1><p>Headline</p></section></main>",
            "https://www.linkedin.com/in/jane/",
        );
        assert_eq!(id.verdict, Verdict::Unknown);
        assert_eq!(id.member_id, None);
    }
}
