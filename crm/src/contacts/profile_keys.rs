//! The profile keys a write carries, in the canonical form the CRM stores and matches them in.

use crate::matching::MatchKeys;
use talent_bridge::crm::{ContactWrite, LookupQuery};

/// A profile key in the write that is not a key of the site (`profile_url` of another site, a
/// slug with a slash): refused rather than stored as something it is not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidKey(pub &'static str);

/// The write's profile keys in the canonical form the CRM stores and matches them in.
pub fn canonical_keys(write: &ContactWrite) -> Result<MatchKeys, InvalidKey> {
    let one = |field: &'static str, query: LookupQuery| {
        let keys = MatchKeys::from_query(&query);
        if keys.is_empty() {
            Err(InvalidKey(field))
        } else {
            Ok(keys)
        }
    };
    let mut all = MatchKeys::default();
    if let Some(id) = write.public_id.as_deref().filter(|v| !v.trim().is_empty()) {
        let query = LookupQuery {
            public_id: Some(id.into()),
            ..LookupQuery::default()
        };
        merge_keys(&mut all, one("public_id", query)?);
    }
    if let Some(url) = write
        .profile_url
        .as_deref()
        .filter(|v| !v.trim().is_empty())
    {
        let query = LookupQuery {
            profile_url: Some(url.into()),
            ..LookupQuery::default()
        };
        merge_keys(&mut all, one("profile_url", query)?);
    }
    if let Some(urn) = write.member_urn.as_deref().filter(|v| !v.trim().is_empty()) {
        let query = LookupQuery {
            member_urn: Some(urn.into()),
            ..LookupQuery::default()
        };
        merge_keys(&mut all, one("member_urn", query)?);
    }
    Ok(all)
}

fn merge_keys(into: &mut MatchKeys, from: MatchKeys) {
    for (list, new) in [
        (&mut into.public_ids, from.public_ids),
        (&mut into.profile_urls, from.profile_urls),
        (&mut into.member_urns, from.member_urns),
    ] {
        for value in new {
            if !list.contains(&value) {
                list.push(value);
            }
        }
    }
}

/// The write with its keys replaced by their canonical forms (the first of each kind).
pub fn with_keys(write: &ContactWrite, keys: &MatchKeys) -> ContactWrite {
    ContactWrite {
        public_id: keys.public_ids.first().cloned(),
        profile_url: keys.profile_urls.first().cloned(),
        member_urn: keys.member_urns.first().cloned(),
        ..write.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_stored_canonical_and_junk_is_refused() {
        let write = ContactWrite {
            public_id: Some("Ada-Lovelace".into()),
            profile_url: Some("https://de.linkedin.com/in/ada-lovelace/details/".into()),
            ..ContactWrite::default()
        };
        let keys = canonical_keys(&write).unwrap();
        assert_eq!(keys.public_ids, ["ada-lovelace"]);
        assert_eq!(
            keys.profile_urls,
            ["https://www.linkedin.com/in/ada-lovelace/"]
        );
        let junk = ContactWrite {
            profile_url: Some("https://evil.example/in/ada/".into()),
            ..ContactWrite::default()
        };
        assert_eq!(canonical_keys(&junk), Err(InvalidKey("profile_url")));
    }
}
