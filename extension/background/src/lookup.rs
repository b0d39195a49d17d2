//! Badges for the people on a page: from the cache when fresh, else one batched CRM call
//! (PRODUCT.md B4, S2).

use crate::chrome::{log, t, t_with};
use crate::crm_client::{self, CrmError};
use crate::settings;
use crate::storage::{self, Area};
use serde::{Deserialize, Serialize};
use talent_bridge::badge::badge_for;
use talent_bridge::churn::{ChurnGuard, Verdict};
use talent_bridge::crm::{LinkWrite, LookupQuery, LookupRequest, LookupResponse, LookupResult};
use talent_bridge::platform::Method;
use talent_bridge::protocol::ContentReply;
use talent_bridge::protocol::{BadgeState, BadgeView, PersonQuery};
use talent_bridge::site::{PageKind, url_pattern};

const CACHE_PREFIX: &str = "lookup:";
/// Long enough to cover moving back and forth between profiles, short enough that a change in
/// the CRM shows within a minute.
const CACHE_TTL_MS: f64 = 60_000.0;

#[derive(Serialize, Deserialize)]
/// The CRM's answer, not the badge: the badge also depends on what the page shows (a search card
/// has no company or title), so it is decided afresh for every request.
struct Cached {
    result: LookupResult,
    expires_at: f64,
}

thread_local! {
    /// One guard per tab: a page cannot churn through people to query the CRM (S5).
    static GUARDS: std::cell::RefCell<std::collections::HashMap<i32, ChurnGuard>> =
        std::cell::RefCell::default();
}

/// What the self-check records when a page churns through people.
pub const TOO_MANY_PEOPLE: &str = "too-many-people";

/// The lookup of a page's people, unless its tab is churning through more people than a
/// person could look at; then every badge says so and the first refusal is recorded for the
/// admins' self-check. `url` is the sender's: the page's, or one of our frames' (frame mode:
/// a frame has no page URL of its own, so its word that these are search results is taken).
pub async fn guarded(
    tab: Option<i32>,
    url: &str,
    said_search: bool,
    people: &[PersonQuery],
    fresh: bool,
) -> Vec<BadgeView> {
    let frame = url.starts_with("chrome-extension://");
    let search = said_search && (frame || PageKind::of_url(url) == PageKind::PeopleSearch);
    let names: Vec<String> = people
        .iter()
        .enumerate()
        .map(|(i, p)| cache_key(i, p).unwrap_or_else(|| format!("#{i}")))
        .collect();
    let verdict = match tab {
        Some(tab) => GUARDS.with(|g| {
            g.borrow_mut()
                .entry(tab)
                .or_default()
                .check(js_sys::Date::now(), search, &names)
        }),
        None => Verdict::Allow,
    };
    match verdict {
        Verdict::Allow => lookup(people, fresh).await,
        Verdict::Throttle { first } => {
            if first {
                // A frame's lookups come from a profile or a search page, as it says.
                let pattern = url_pattern(url).unwrap_or_else(|| {
                    let shape = if search {
                        "/search/results/people/"
                    } else {
                        "/in/*/"
                    };
                    shape.to_string()
                });
                crate::site_check::record(pattern, vec![TOO_MANY_PEOPLE.into()]).await;
            }
            let message = t("badgeTooManyPeople");
            people
                .iter()
                .map(|_| BadgeView {
                    message: Some(message.clone()),
                    ..BadgeView::bare(BadgeState::Error)
                })
                .collect()
        }
    }
}

pub async fn lookup(people: &[PersonQuery], fresh: bool) -> Vec<BadgeView> {
    let config = settings::current().await;
    let Some((crm, token)) = config.crm() else {
        return people
            .iter()
            .map(|_| BadgeView::bare(BadgeState::SignedOut))
            .collect();
    };
    let keys: Vec<Option<String>> = people
        .iter()
        .enumerate()
        .map(|(i, p)| cache_key(i, p))
        .collect();
    let now = js_sys::Date::now();
    let mut views: Vec<Option<BadgeView>> = if fresh {
        vec![None; people.len()]
    } else {
        let present: Vec<String> = keys.iter().flatten().cloned().collect();
        let mut cached = storage::get_many::<Cached>(Area::Session, &present)
            .await
            .into_iter();
        keys.iter()
            .zip(people)
            .map(|(k, person)| {
                let hit = k.as_ref().and_then(|_| cached.next().flatten());
                hit.filter(|c| c.expires_at > now)
                    .map(|c| badge_for(person, &c.result))
            })
            .collect()
    };

    let missing: Vec<usize> = views
        .iter()
        .enumerate()
        .filter(|(_, v)| v.is_none())
        .map(|(i, _)| i)
        .collect();
    if missing.is_empty() {
        return views.into_iter().flatten().collect();
    }
    let request = LookupRequest {
        profiles: missing
            .iter()
            .filter_map(|&i| people.get(i).map(|p| query(i, p)))
            .collect(),
    };
    let answer =
        crm_client::post::<_, LookupResponse>(crm, token, "/api/v1/lookup", &request).await;
    let mut to_cache = Vec::new();
    for &i in &missing {
        let (Some(person), Some(slot)) = (people.get(i), views.get_mut(i)) else {
            continue;
        };
        let view = match &answer {
            Ok(response) => match response
                .results
                .iter()
                .find(|r| r.reference == i.to_string())
            {
                Some(result) => {
                    if let Some(Some(key)) = keys.get(i) {
                        to_cache.push((
                            key.clone(),
                            Cached {
                                result: result.clone(),
                                expires_at: now + CACHE_TTL_MS,
                            },
                        ));
                    }
                    badge_for(person, result)
                }
                None => BadgeView::error(t("errorCrmAnswer")),
            },
            Err(error) => error_view(error),
        };
        *slot = Some(view);
    }
    if let Err(e) = &answer {
        log(&format!("lookup failed: {e:?}"));
    }
    if !to_cache.is_empty() && storage::set_many(Area::Session, &to_cache).await.is_err() {
        log("lookup cache could not be written");
    }
    views
        .into_iter()
        .map(|v| v.unwrap_or_else(|| BadgeView::error(t("errorInternal"))))
        .collect()
}

fn error_view(error: &CrmError) -> BadgeView {
    match error {
        CrmError::Unauthorized => BadgeView::bare(BadgeState::SignedOut),
        CrmError::Unreachable => BadgeView::error(t("errorCrmUnreachable")),
        CrmError::Refused { status, .. } => {
            BadgeView::error(t_with("errorCrmRefused", &[&status.to_string()]))
        }
        CrmError::BadAnswer => BadgeView::error(t("errorCrmAnswer")),
    }
}

/// One entry per distinct question asked of the CRM (every key it matches on).
fn cache_key(index: usize, person: &PersonQuery) -> Option<String> {
    person.key.as_ref()?;
    let mut asked = query(index, person);
    asked.reference = String::new();
    serde_json::to_string(&asked)
        .ok()
        .map(|q| format!("{CACHE_PREFIX}{q}"))
}

fn query(index: usize, person: &PersonQuery) -> LookupQuery {
    person.lookup_query(index.to_string())
}

/// Drops every cached answer (settings changed, an export changed the CRM, policy changed).
pub async fn forget_cache() {
    if storage::remove_prefixed(Area::Session, CACHE_PREFIX)
        .await
        .is_err()
    {
        log("lookup cache could not be cleared");
    }
}

/// Stores "this is / is not the person" in the CRM for the whole team, then answers with the
/// person's badge as the CRM now sees it.
pub async fn link(person: &PersonQuery, contact_id: i64, same: bool) -> ContentReply {
    let config = settings::current().await;
    let Some((crm, token)) = config.crm() else {
        return ContentReply::Lookup {
            badges: vec![BadgeView::bare(BadgeState::SignedOut)],
        };
    };
    let write = LinkWrite {
        profile: query(0, person),
        contact_id,
        same,
    };
    let key = format!("link-{contact_id}-{same}-{}", js_sys::Date::now());
    let answer: Result<LookupResult, _> =
        crm_client::write(crm, token, Method::Post, "/api/v1/links", &write, &key).await;
    forget_cache().await;
    let view = match answer {
        Ok(result) => badge_for(person, &result),
        Err(error) => error_view(&error),
    };
    ContentReply::Lookup { badges: vec![view] }
}
