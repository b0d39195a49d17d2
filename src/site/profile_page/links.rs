//! What a link's address says about whom it points to: the profile in its path and the member
//! id its query names (`profileUrn=`, `profileId=`, `recipient=`).

use crate::profile::{ProfileKey, percent_decode, site_path};

/// A link to a profile page of the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileLink {
    pub key: ProfileKey,
    /// The link opens a part of the profile (`/overlay/contact-info/`, `/edit/intro/`,
    /// `/details/…`): only the profile's own page links there.
    pub sub_page: bool,
    /// The member id the query names, when it names one.
    pub member_id: Option<String>,
}

/// Reads a link to a profile; `None` for any other link.
pub fn profile_link(href: &str) -> Option<ProfileLink> {
    let key = ProfileKey::from_url(href)?;
    let path = site_path(href.trim())?;
    let after_id = path
        .strip_prefix("/in/")?
        .split_once('/')
        .map(|(_, rest)| rest)
        .unwrap_or("");
    Some(ProfileLink {
        key,
        sub_page: after_id.split('/').any(|segment| !segment.is_empty()),
        member_id: query_member_id(href, &["profileUrn", "profileId", "miniProfileUrn"]),
    })
}

/// The member id of the person a "Message" link opens a conversation with.
pub fn compose_member_id(href: &str) -> Option<String> {
    let path = site_path(href.trim())?;
    if !path.starts_with("/messaging/compose") {
        return None;
    }
    query_member_id(href, &["profileUrn", "recipient"])
}

/// The first of `names` in the query whose value reads as one member id.
pub fn query_member_id(href: &str, names: &[&str]) -> Option<String> {
    let query = href.split('#').next()?.split_once('?')?.1;
    names.iter().find_map(|name| {
        query.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            if k != *name {
                return None;
            }
            member_id_of_urn(&percent_decode(v)?)
        })
    })
}

/// The member id in a profile URN (`urn:li:fsd_profile:ACoAA…`, `urn:li:fs_miniProfile:ACoAA…`)
/// or a bare member id.
pub fn member_id_of_urn(urn: &str) -> Option<String> {
    const PREFIXES: &[&str] = &[
        "urn:li:fsd_profile:",
        "urn:li:fs_miniProfile:",
        "urn:li:fs_profile:",
        "urn:li:fs_normalized_profile:",
    ];
    let urn = urn.trim();
    let id = PREFIXES
        .iter()
        .find_map(|p| urn.strip_prefix(p))
        .unwrap_or(urn);
    match ProfileKey::from_slug(id)? {
        ProfileKey::MemberId(id) => Some(id),
        ProfileKey::PublicId(_) => None,
    }
}

/// The member id in a top card's `componentkey`
/// (`com.linkedin.sdui.profile.card.ref<ACoAA…>Topcard`).
pub fn componentkey_member_id(componentkey: &str) -> Option<String> {
    let without_suffix = componentkey.strip_suffix("Topcard")?;
    let start = without_suffix.find("ACoAA")?;
    member_id_of_urn(without_suffix.get(start..)?)
}

/// The URN the CRM stores for a member id.
pub fn urn_of(member_id: &str) -> String {
    format!("urn:li:fsd_profile:{member_id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const COSTA: &str = "ACoAAAq_vXIB7ddQiLbkdzTDNjlHLlc3eQ7DOR4";

    // proves P3: the member URN is read from the top card's stable componentkey.
    #[test]
    fn member_id_from_topcard_componentkey() {
        let key = format!("com.linkedin.sdui.profile.card.ref{COSTA}Topcard");
        assert_eq!(componentkey_member_id(&key).as_deref(), Some(COSTA));
        assert_eq!(
            componentkey_member_id(&format!("com.linkedin.sdui.profile.card.ref{COSTA}About")),
            None
        );
        assert_eq!(
            componentkey_member_id("topcard-logo-image-referencekey"),
            None
        );
    }

    // proves P3: profile links name the person in their path and sometimes the member in the query.
    #[test]
    fn profile_links_and_their_member_ids() {
        let link = profile_link(&format!(
            "https://www.linkedin.com/in/austinoboyle/details/experience?profileUrn=urn%3Ali%3Afsd_profile%3A{COSTA}"
        ))
        .unwrap();
        assert_eq!(link.key, ProfileKey::PublicId("austinoboyle".into()));
        assert!(link.sub_page);
        assert_eq!(link.member_id.as_deref(), Some(COSTA));

        let plain = profile_link("https://www.linkedin.com/in/costavasili/").unwrap();
        assert!(!plain.sub_page);
        assert_eq!(plain.member_id, None);
        assert!(
            profile_link("/in/costavasili/overlay/contact-info/")
                .unwrap()
                .sub_page
        );
        assert_eq!(profile_link("#"), None);
        assert_eq!(
            profile_link("https://www.linkedin.com/search/results/people/?connectionOf=x"),
            None
        );
    }

    #[test]
    fn compose_links_name_the_recipient() {
        let href = format!(
            "/messaging/compose/?profileUrn=urn%3Ali%3Afsd_profile%3A{COSTA}&recipient={COSTA}&screenContext=NON_SELF_PROFILE_VIEW"
        );
        assert_eq!(compose_member_id(&href).as_deref(), Some(COSTA));
        assert_eq!(compose_member_id("/in/costavasili/?profileUrn=x"), None);
    }

    #[test]
    fn urns_of_every_profile_kind() {
        assert_eq!(
            member_id_of_urn(&format!("urn:li:fs_miniProfile:{COSTA}")).as_deref(),
            Some(COSTA)
        );
        assert_eq!(member_id_of_urn("urn:li:member:347932122"), None);
        assert_eq!(member_id_of_urn("costavasili"), None);
        assert_eq!(urn_of(COSTA), format!("urn:li:fsd_profile:{COSTA}"));
    }
}
