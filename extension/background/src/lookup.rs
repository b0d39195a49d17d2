//! Badges for the people on a page: from the cache when fresh, else one batched CRM call
//! (PRODUCT.md B4, S2).

use crate::chrome::{log, t, t_with};
use crate::crm_client::{self, CrmError};
use crate::settings;
use crate::storage::{self, Area};
use crate::worker::Worker;
use talent_bridge::badge::badge_for;
use talent_bridge::churn::{ChurnGuard, Verdict};
use talent_bridge::crm::{LinkWrite, LookupResult};
use talent_bridge::lookup_flow::{self, Cached, Looked, LookupCache};
use talent_bridge::platform::Method;
use talent_bridge::protocol::ContentReply;
use talent_bridge::protocol::{BadgeState, BadgeView, PersonQuery};
use talent_bridge::site::{PageKind, url_pattern};

impl LookupCache for Worker {
    async fn cached(&self, keys: &[String]) -> Vec<Option<Cached>> {
        storage::get_many::<Cached>(Area::Session, keys).await
    }

    /// The write is asked of the browser before the answer goes, and not waited for: the badges
    /// showed 3-7 ms later for it (issue #20). A read asked after it finds it (the browser takes
    /// an area's calls in order); a write that fails costs a CRM call later, nothing more.
    async fn keep(&self, entries: &[(String, Cached)]) {
        let entries = entries.to_vec();
        wasm_bindgen_futures::spawn_local(async move {
            if storage::set_many(Area::Session, &entries).await.is_err() {
                log("lookup cache could not be written");
            }
        });
    }
}

thread_local! {
    /// One guard per tab: a page cannot churn through people to query the CRM (S5).
    static GUARDS: std::cell::RefCell<std::collections::HashMap<i32, ChurnGuard>> =
        std::cell::RefCell::default();
}

/// What the self-check records when a page churns through people.
pub const TOO_MANY_PEOPLE: &str = "too-many-people";

/// The lookup of a page's people, unless the organisation switched search badges off and
/// these are search results, or its tab is churning through more people than a person could
/// look at; then every badge says so and the first refusal is recorded for the admins'
/// self-check. `url` is the sender's: the page's, or one of our frames' (frame mode: a frame
/// has no page URL of its own, so its word that these are search results is taken).
pub async fn guarded(
    tab: Option<i32>,
    url: &str,
    said_search: bool,
    people: &[PersonQuery],
    fresh: bool,
) -> ContentReply {
    let (policy, _) = settings::policy().await;
    if lookup_flow::refused_by_policy(&policy, said_search, url) {
        return ContentReply::SearchBadgesOff;
    }
    let badges = paced(tab, url, said_search, people, fresh).await;
    ContentReply::Lookup { badges }
}

/// The side panel's key among the tabs' paces (no tab has a negative id).
const SIDE_PANEL: i32 = i32::MIN;

/// The lookup, at a pace a person could keep (S5).
async fn paced(
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
        .map(|(i, p)| lookup_flow::identity(p).unwrap_or_else(|| format!("#{i}")))
        .collect();
    // A sender without a tab is the side panel (`Sender::classify`): its lookups are paced as
    // one tab's, whichever tab it shows, so a page cannot churn people past it either.
    let verdict = GUARDS.with(|g| {
        g.borrow_mut()
            .entry(tab.unwrap_or(SIDE_PANEL))
            .or_default()
            .check(js_sys::Date::now(), search, &names)
    });
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

/// The badges for `people` (the core's `lookup_flow`), in the user's words.
pub async fn lookup(people: &[PersonQuery], fresh: bool) -> Vec<BadgeView> {
    lookup_flow::lookup(&Worker, people, fresh)
        .await
        .into_iter()
        .map(|looked| looked.into_badge(failure_text))
        .collect()
}

/// What a badge says when the CRM did not answer for the person.
fn failure_text(error: Option<&CrmError>) -> String {
    match error {
        Some(CrmError::Unreachable) => t("errorCrmUnreachable"),
        Some(CrmError::Refused { status, .. }) => t_with("errorCrmRefused", &[&status.to_string()]),
        Some(_) | None => t("errorCrmAnswer"),
    }
}

/// Drops every cached answer (settings changed, an export changed the CRM, policy changed).
pub async fn forget_cache() {
    if storage::remove_prefixed(Area::Session, lookup_flow::CACHE_PREFIX)
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
        profile: person.lookup_query("0"),
        contact_id,
        same,
    };
    let key = format!("link-{contact_id}-{same}-{}", js_sys::Date::now());
    let answer: Result<LookupResult, _> =
        crm_client::write(crm, token, Method::Post, "/api/v1/links", &write, &key).await;
    forget_cache().await;
    let view = match answer {
        Ok(result) => badge_for(person, &result),
        Err(error) => Looked::Failed(error).into_badge(failure_text),
    };
    ContentReply::Lookup { badges: vec![view] }
}
