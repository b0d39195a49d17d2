//! The exact keys of a lookup query, in the canonical form the CRM stores them in.

use talent_bridge::crm::{LookupQuery, MatchKey};
use talent_bridge::profile::ProfileKey;

/// Longest member URN accepted; real ones are about 60 characters.
const MAX_URN_LEN: usize = 200;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MatchKeys {
    /// Percent-decoded, lower-cased vanity slugs.
    pub public_ids: Vec<String>,
    /// Canonical `https://www.linkedin.com/in/<id>/` URLs.
    pub profile_urls: Vec<String>,
    pub member_urns: Vec<String>,
}

impl MatchKeys {
    /// Reads the keys of a query. The public id and the profile URL name the same person, so
    /// each yields both forms; a member id (`/in/ACoAA…`) yields the member URN. Keys that are
    /// not valid (a URL of another site, a slug with a slash) are dropped, never guessed.
    pub fn from_query(query: &LookupQuery) -> Self {
        let mut keys = Self::default();
        let profile_keys = [
            query.public_id.as_deref().and_then(ProfileKey::from_slug),
            query.profile_url.as_deref().and_then(ProfileKey::from_url),
        ];
        for key in profile_keys.into_iter().flatten() {
            push_new(&mut keys.profile_urls, key.canonical_url());
            if let Some(id) = key.public_id() {
                push_new(&mut keys.public_ids, id.to_string());
            }
            if let Some(urn) = key.member_urn() {
                push_new(&mut keys.member_urns, urn);
            }
        }
        if let Some(urn) = query.member_urn.as_deref().map(str::trim)
            && urn.starts_with("urn:li:")
            && urn.len() <= MAX_URN_LEN
        {
            push_new(&mut keys.member_urns, urn.to_string());
        }
        keys
    }

    pub fn is_empty(&self) -> bool {
        self.public_ids.is_empty() && self.profile_urls.is_empty() && self.member_urns.is_empty()
    }

    /// Every key with the name of its kind (the column it is stored in), strongest first.
    pub fn entries(&self) -> Vec<(ExactKind, &str)> {
        [
            (ExactKind::PublicId, &self.public_ids),
            (ExactKind::ProfileUrl, &self.profile_urls),
            (ExactKind::MemberUrn, &self.member_urns),
        ]
        .into_iter()
        .flat_map(|(kind, values)| values.iter().map(move |v| (kind, v.as_str())))
        .collect()
    }
}

/// The kinds of exact key, named as the database's columns are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExactKind {
    PublicId,
    ProfileUrl,
    MemberUrn,
}

impl ExactKind {
    pub const ALL: [Self; 3] = [Self::PublicId, Self::ProfileUrl, Self::MemberUrn];

    /// The column of `contacts` (and the `kind` of `contact_aliases` and `profile_links`).
    pub fn column(self) -> &'static str {
        match self {
            Self::PublicId => "public_id",
            Self::ProfileUrl => "profile_url",
            Self::MemberUrn => "member_urn",
        }
    }

    pub fn match_key(self) -> MatchKey {
        match self {
            Self::PublicId => MatchKey::PublicId,
            Self::ProfileUrl => MatchKey::ProfileUrl,
            Self::MemberUrn => MatchKey::MemberUrn,
        }
    }
}

fn push_new(list: &mut Vec<String>, value: String) {
    if !list.contains(&value) {
        list.push(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(public_id: Option<&str>, url: Option<&str>, urn: Option<&str>) -> LookupQuery {
        LookupQuery {
            reference: "0".into(),
            public_id: public_id.map(Into::into),
            profile_url: url.map(Into::into),
            member_urn: urn.map(Into::into),
            ..LookupQuery::default()
        }
    }

    #[test]
    fn public_id_and_url_give_the_same_canonical_keys() {
        let by_id = MatchKeys::from_query(&query(Some("Ada-Lovelace"), None, None));
        let by_url = MatchKeys::from_query(&query(
            None,
            Some("https://de.linkedin.com/in/ada-lovelace/details/experience/?x=1"),
            None,
        ));
        assert_eq!(by_id, by_url);
        assert_eq!(by_id.public_ids, vec!["ada-lovelace"]);
        assert_eq!(
            by_id.profile_urls,
            vec!["https://www.linkedin.com/in/ada-lovelace/"]
        );
    }

    #[test]
    fn unicode_public_ids_are_decoded_and_folded() {
        let encoded = MatchKeys::from_query(&query(Some("J%C3%BCrgen-M%C3%BCller"), None, None));
        let decoded = MatchKeys::from_query(&query(Some("jürgen-müller"), None, None));
        assert_eq!(encoded, decoded);
        assert_eq!(decoded.public_ids, vec!["jürgen-müller"]);
    }

    #[test]
    fn member_ids_become_urns_and_junk_is_dropped() {
        let keys = MatchKeys::from_query(&query(
            None,
            Some("https://www.linkedin.com/in/ACoAAB1234567890abcdefGHIJKLmnopQRSTuv/"),
            Some("not a urn"),
        ));
        assert!(keys.public_ids.is_empty());
        assert_eq!(
            keys.member_urns,
            vec!["urn:li:fsd_profile:ACoAAB1234567890abcdefGHIJKLmnopQRSTuv"]
        );
        let junk =
            MatchKeys::from_query(&query(Some("a/b"), Some("https://evil.example/in/x"), None));
        assert!(junk.is_empty());
    }
}
