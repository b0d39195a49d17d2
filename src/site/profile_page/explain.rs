//! Which strategy produced each fact, so `tb page --explain` and tests can show why a value was
//! trusted.

use crate::profile::ProfileFacts;
use serde::Serialize;

/// A fact and the strategy that read it.
pub type Found = Option<(String, Source)>;

/// A way of reading a fact off the page, roughly in the order of trust of PRODUCT.md P4.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Url,
    /// `componentkey="…profile.card.ref<member id>Topcard"`.
    ComponentKey,
    /// The link around the name heading.
    HeadingLink,
    /// A link in the top card to a part of the profile (`/overlay/contact-info/`, `/edit/intro/`).
    ProfileSubPageLink,
    /// A link to the URL's profile that names its member in the query (`profileUrn=`).
    ProfileUrnLink,
    /// The top card's "Message" link (`/messaging/compose/?profileUrn=…`).
    ComposeLink,
    /// The top card's main `h1`/`h2`.
    TopCardHeading,
    /// The first text line under the name.
    TopCardLine,
    /// The text line just before "Contact info".
    LineBeforeContactInfo,
    /// The "Company · School" line between headline and location.
    CompanySchoolLine,
    /// `aria-label="Current company…"`.
    CurrentCompanyLabel,
    /// "<title> at <company>" in the headline, for a company read elsewhere.
    HeadlineAtCompany,
    /// A degree label ("· 2nd", "3rd degree connection").
    DegreeLabel,
    /// Several degree labels, settled by a pending invitation or a "Connect" action.
    PendingInvitation,
    /// `/in/<id>/edit/intro/` for the URL's id.
    EditIntroLink,
    /// Controls only the owner sees ("Add profile section", "Open to", "Enhance profile").
    OwnerControls,
    /// Controls only others see (a degree, "Connect", a pending invitation, a non-self message link).
    VisitorControls,
    /// The embedded "/me" record of the signed-in viewer.
    ViewerJson,
    /// An embedded JSON record whose public id or member id is the URL's.
    ProfileJson,
    /// A JSON-LD `Person` whose `url` is the URL's profile.
    JsonLd,
    /// `og:` meta whose `og:url` is the URL's profile.
    OgMeta,
    /// `<link rel="canonical">` naming the URL's profile.
    CanonicalLink,
    /// The document title, when the canonical link names the URL's profile.
    DocumentTitle,
    /// A heading reading "Profile not found" / "… could not be found".
    NotFoundHeading,
    /// A `data-test-id` marking a not-found page.
    NotFoundMarker,
    /// The name heading reads "LinkedIn Member".
    LimitedMemberName,
    /// A search result card's link to a profile: whom the card shows.
    SearchCardLink,
    /// The text of a search result card's profile link.
    SearchCardName,
    /// A search result card's line that is the name its profile link's picture is labelled with.
    SearchCardLinkLabel,
    /// A text line after the name in a search result card: its headline.
    SearchCardLine,
    /// A line after the name in a search result card that reads as a place: its location.
    SearchCardPlace,
    /// A member URN in a stable attribute (`data-entity-urn`, `data-member-urn`).
    MemberUrnAttribute,
}

impl Source {
    /// The snake_case name `tb --explain` prints.
    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

/// The strategy behind each fact of one reading; `None` where the fact was not found.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Sources {
    pub visibility: Option<Source>,
    /// What tied the top card to the URL's person (or showed it is someone else).
    pub identity: Option<Source>,
    pub own: Option<Source>,
    pub name: Option<Source>,
    pub headline: Option<Source>,
    pub location: Option<Source>,
    pub current_company: Option<Source>,
    pub current_title: Option<Source>,
    pub member_urn: Option<Source>,
    pub degree: Option<Source>,
}

/// Sets a fact and its source, unless a more trusted strategy already set it.
fn put(fact: &mut Option<String>, source: &mut Option<Source>, found: Found) {
    if fact.is_some() {
        return;
    }
    if let Some((value, from)) = found {
        *fact = Some(value);
        *source = Some(from);
    }
}

/// Fills the fields a reading has not set yet from a less trusted reading.
pub struct Fill<'a> {
    pub facts: &'a mut ProfileFacts,
    pub sources: &'a mut Sources,
}

impl Fill<'_> {
    pub fn headline(&mut self, found: Found) {
        put(&mut self.facts.headline, &mut self.sources.headline, found);
    }

    pub fn location(&mut self, found: Found) {
        put(&mut self.facts.location, &mut self.sources.location, found);
    }

    pub fn current_company(&mut self, found: Found) {
        put(
            &mut self.facts.current_company,
            &mut self.sources.current_company,
            found,
        );
    }

    pub fn current_title(&mut self, found: Found) {
        put(
            &mut self.facts.current_title,
            &mut self.sources.current_title,
            found,
        );
    }
}
