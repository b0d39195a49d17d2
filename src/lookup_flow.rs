//! Badges for the people on a page (PRODUCT.md B4, S2): from the cache while fresh, else one
//! batched `POST /api/v1/lookup` for the rest. The cache keeps the CRM's answer, not the badge:
//! the badge also depends on what the page shows (a search card has no company or title), so it
//! is decided afresh for every request. An answer is cached under the CRM it came from and the
//! question asked, so another CRM, another user's token (the worker clears the cache on a
//! sign-in) or another question never reads it.

use crate::badge::badge_for;
use crate::badge_plan::SearchBadges;
use crate::crm::{LookupRequest, LookupResponse, LookupResult};
use crate::platform::{self, Clock, CrmError, CrmTransport, Host, Method, Request};
use crate::policy::Policy;
use crate::protocol::{BadgeState, BadgeView, PersonQuery};
use crate::settings::CrmUrl;
use crate::site::PageKind;
use serde::{Deserialize, Serialize};

/// Long enough to cover moving back and forth between profiles, short enough that a change in
/// the CRM shows within a minute.
pub const CACHE_TTL_MS: f64 = 60_000.0;
/// Every cache entry's key starts so (the worker forgets them all at once).
pub const CACHE_PREFIX: &str = "lookup:";

/// One cached answer of the CRM.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cached {
    pub result: LookupResult,
    pub expires_at: f64,
}

/// Where answers are kept between requests (session storage in the worker).
#[allow(async_fn_in_trait)]
pub trait LookupCache {
    /// The entries under `keys`, in order (`None` where there is none).
    async fn cached(&self, keys: &[String]) -> Vec<Option<Cached>>;
    async fn keep(&self, entries: &[(String, Cached)]);
}

/// What a lookup gave for one person.
#[derive(Clone, Debug, PartialEq)]
pub enum Looked {
    Badge(Box<BadgeView>),
    /// The CRM's answer did not mention this person.
    Missing,
    Failed(CrmError),
}

impl Looked {
    /// The badge, with `say` turning a failure into the words it shows.
    pub fn into_badge(self, say: impl Fn(Option<&CrmError>) -> String) -> BadgeView {
        match self {
            Self::Badge(view) => *view,
            Self::Failed(CrmError::Unauthorized) => BadgeView::bare(BadgeState::SignedOut),
            Self::Failed(error) => BadgeView::error(say(Some(&error))),
            Self::Missing => BadgeView::error(say(None)),
        }
    }
}

/// The question asked of the CRM for one person (every key it matches on), as text: what the
/// cache and the churn guard tell people apart by. `None` without a profile key.
pub fn identity(person: &PersonQuery) -> Option<String> {
    person.key.as_ref()?;
    serde_json::to_string(&person.lookup_query("")).ok()
}

/// The cache key of one person's question to `crm`: `None` for a person without a profile key
/// (never cached).
pub fn cache_key(crm: &CrmUrl, person: &PersonQuery) -> Option<String> {
    Some(format!(
        "{CACHE_PREFIX}{}\u{1f}{}",
        crm.as_str(),
        identity(person)?
    ))
}

/// Whether the organisation's policy refuses a lookup: search results while
/// `Features.SearchBadges` is off (PRODUCT.md A2). `said_search` is the sender's word and
/// `sender_url` its page; either one makes the lookup a search page's, so a page that claims
/// otherwise still learns nothing from the CRM.
pub fn refused_by_policy(policy: &Policy, said_search: bool, sender_url: &str) -> bool {
    let search = said_search || PageKind::of_url(sender_url) == PageKind::PeopleSearch;
    search && policy.search_badges() == SearchBadges::Off
}

/// The badges for `people`, in order; `fresh` skips the cache (after an export or a link).
pub async fn lookup(
    p: &(impl Host + CrmTransport + Clock + LookupCache),
    people: &[PersonQuery],
    fresh: bool,
) -> Vec<Looked> {
    let Some((crm, token)) = p.session().await else {
        return people
            .iter()
            .map(|_| Looked::Failed(CrmError::Unauthorized))
            .collect();
    };
    let keys: Vec<Option<String>> = people.iter().map(|p| cache_key(&crm, p)).collect();
    let now = p.now_ms();
    let mut looked: Vec<Option<Looked>> = vec![None; people.len()];
    if !fresh {
        let present: Vec<String> = keys.iter().flatten().cloned().collect();
        let mut cached = p.cached(&present).await.into_iter();
        for ((key, person), slot) in keys.iter().zip(people).zip(looked.iter_mut()) {
            let hit = key.as_ref().and_then(|_| cached.next().flatten());
            *slot = hit
                .filter(|c| c.expires_at > now)
                .map(|c| Looked::Badge(Box::new(badge_for(person, &c.result))));
        }
    }
    let missing: Vec<usize> = (0..people.len())
        .filter(|&i| looked.get(i).is_some_and(Option::is_none))
        .collect();
    if missing.is_empty() {
        return looked.into_iter().flatten().collect();
    }
    let request = LookupRequest {
        profiles: missing
            .iter()
            .filter_map(|&i| people.get(i).map(|p| p.lookup_query(i.to_string())))
            .collect(),
    };
    let answer: Result<LookupResponse, CrmError> = platform::call(
        p,
        &crm,
        &token,
        Request::json(Method::Post, "/api/v1/lookup", &request, None),
    )
    .await;
    let mut to_cache = Vec::new();
    for &i in &missing {
        let (Some(person), Some(slot)) = (people.get(i), looked.get_mut(i)) else {
            continue;
        };
        *slot = Some(match &answer {
            Ok(response) => {
                let reference = i.to_string();
                match response.results.iter().find(|r| r.reference == reference) {
                    Some(result) => {
                        if let Some(Some(key)) = keys.get(i) {
                            let entry = Cached {
                                result: result.clone(),
                                expires_at: now + CACHE_TTL_MS,
                            };
                            to_cache.push((key.clone(), entry));
                        }
                        Looked::Badge(Box::new(badge_for(person, result)))
                    }
                    None => Looked::Missing,
                }
            }
            Err(error) => Looked::Failed(error.clone()),
        });
    }
    if !to_cache.is_empty() {
        p.keep(&to_cache).await;
    }
    looked
        .into_iter()
        .map(|l| l.unwrap_or(Looked::Missing))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::ProfileKey;

    fn person(id: &str) -> PersonQuery {
        PersonQuery {
            key: Some(ProfileKey::PublicId(id.into())),
            name: Some("Ada Lovelace".into()),
            ..PersonQuery::default()
        }
    }

    // proves S2: an answer of one CRM is never read for another, nor for another question.
    #[test]
    fn cache_keys_name_the_crm_and_the_question() {
        let a = CrmUrl::parse("https://crm.example.com").unwrap();
        let b = CrmUrl::parse("https://crm.example.org").unwrap();
        let ada = person("ada");
        let key = cache_key(&a, &ada).unwrap();
        assert!(key.starts_with(CACHE_PREFIX));
        assert_ne!(Some(key.clone()), cache_key(&b, &ada));
        assert_ne!(Some(key.clone()), cache_key(&a, &person("grace")));
        let renamed = PersonQuery {
            name: Some("Ada King".into()),
            ..ada.clone()
        };
        assert_ne!(Some(key), cache_key(&a, &renamed));
        let keyless = PersonQuery { key: None, ..ada };
        assert_eq!(cache_key(&a, &keyless), None);
    }

    // proves A2 (issue #17): with search badges switched off, a search page's lookup is refused
    // whatever the sender says of itself; profiles, and everything while the switch is on, go.
    #[test]
    fn search_lookups_follow_the_organisations_switch() {
        let off = Policy {
            search_badges_enabled: Some(false),
            ..Policy::default()
        };
        let on = Policy {
            search_badges_enabled: Some(true),
            ..Policy::default()
        };
        let search = "https://www.linkedin.com/search/results/people/?keywords=ada";
        let profile = "https://www.linkedin.com/in/ada-lovelace/";
        let frame = "chrome-extension://abcdefghijklmnopabcdefghijklmnop/frame.html";
        assert!(refused_by_policy(&off, true, search));
        assert!(refused_by_policy(&off, false, search));
        assert!(refused_by_policy(&off, true, frame));
        assert!(refused_by_policy(&off, true, profile));
        assert!(!refused_by_policy(&off, false, profile));
        assert!(!refused_by_policy(&off, false, frame));
        for (said, url) in [(true, search), (false, search), (true, frame)] {
            assert!(!refused_by_policy(&on, said, url));
            assert!(!refused_by_policy(&Policy::default(), said, url));
        }
    }

    #[test]
    fn a_failure_reads_as_the_badge_it_shows() {
        let say = |e: Option<&CrmError>| format!("{e:?}");
        assert_eq!(
            Looked::Failed(CrmError::Unauthorized).into_badge(say),
            BadgeView::bare(BadgeState::SignedOut)
        );
        assert_eq!(
            Looked::Failed(CrmError::Unreachable).into_badge(say),
            BadgeView::error("Some(Unreachable)")
        );
        assert_eq!(Looked::Missing.into_badge(say), BadgeView::error("None"));
    }
}
