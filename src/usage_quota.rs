//! The month's count kept by the CRM (issue #18, PRODUCT.md E6): one count per CRM user across
//! all their browsers and devices, by the CRM's clock. With a CRM that has the usage API, its
//! count is the count: a unit is reserved there or the export is refused ("nothing spent"),
//! never taken from this browser's ledger instead. The browser's own ledger
//! (`quota::QuotaLedger`) counts only for a CRM without the API (404/501 on the usage routes).
//!
//! - Every PDF the site served is counted in the browser's ledger too: that record is what this
//!   browser reports, by ticket, on its first contact with a usage-capable CRM (a commit is
//!   idempotent by ticket there), so an update never hands out a fresh month.
//! - A commit the CRM did not confirm stays in the record's `unsent` list and is sent again on
//!   the next contact: the site counted the download, so the CRM must too.
//! - The record per owner (`outbox::JobOwner::key`) also keeps the CRM's last answer and when it
//!   came, for the popup, the panel and the toolbar while the CRM is away.

use crate::crm::{Usage, UsageKind, UsageRefusal, UsageReservation, UsageTicket};
use crate::outbox::JobOwner;
use crate::platform::{Answer, Clock, CrmTransport, Host, Method, Quota, QuotaRefusal, Request};
use crate::protocol::{QuotaSource, QuotaView};
use crate::quota::{MAX_TICKET_LEN, YearMonth, rfc3339};
use crate::settings::CrmUrl;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// How long "this CRM has no usage API" is believed before it is asked again: an upgraded CRM
/// takes over the count within the hour.
pub const NO_API_RECHECK_MS: f64 = 60.0 * 60.0 * 1000.0;

/// Commits kept for a CRM that has not confirmed them (a month's worth and some).
const MAX_UNSENT: usize = 400;

/// Whether the owner's CRM keeps the count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UsageApi {
    /// Not asked yet.
    #[default]
    Unknown,
    /// It has the usage API: its count is the count.
    Crm,
    /// It answered 404/501 on the usage routes: this browser's ledger counts.
    None,
}

/// What the browser keeps about one owner's count at the CRM.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UsageRecord {
    pub api: UsageApi,
    /// When `api` was last learnt (ms since the epoch).
    pub checked_at_ms: f64,
    /// This browser's own downloads of the month were reported to the CRM.
    pub reported_local: bool,
    /// Tickets whose PDF arrived but whose commit the CRM has not confirmed yet.
    pub unsent: Vec<String>,
    /// The CRM's last answer about the month.
    pub last: Option<Usage>,
    /// When it came (ms since the epoch).
    pub confirmed_at_ms: Option<f64>,
    /// The limit last asked for (the commit and release routes take it for their answer).
    pub limit: Option<u32>,
    /// The root of the names given to downloads this browser counted without a ticket.
    pub unnamed_base: Option<String>,
}

/// This browser's own ledger and the record of the owner's count at the CRM, each change one
/// read-modify-write under the storage's lock (the worker: `storage.local`).
#[allow(async_fn_in_trait)]
pub trait LocalLedger {
    /// Holds a unit in this browser's ledger; `Err(resets_at)` at the limit.
    async fn local_reserve(&self, owner: &str, ticket: &str, limit: u32) -> Result<(), String>;
    async fn local_commit(&self, owner: &str, ticket: &str);
    async fn local_release(&self, owner: &str, ticket: &str);
    async fn local_view(&self, owner: &str, limit: u32) -> QuotaView;
    /// How many downloads this browser counted in `month` (the CRM's), and their tickets (a
    /// ledger of an older version may count more than it names).
    async fn local_counted(&self, owner: &str, month: YearMonth) -> (u32, Vec<String>);
    async fn usage_record(&self, owner: &str) -> UsageRecord;
    /// Applies `change` to the stored record (a fresh one when none is stored).
    async fn change_usage_record(&self, owner: &str, change: &dyn Fn(&mut UsageRecord));
}

/// The quota of an export: the CRM's count when it has the usage API, else this browser's.
pub struct CrmQuota<'a, P>(pub &'a P);

/// What a usage route answered.
enum Reply<T> {
    Ok(T),
    /// 409 `quota_exhausted`.
    Exhausted(Usage),
    /// 404 `no_such_ticket` (a release of a ticket the CRM never saw).
    NoSuchTicket,
    /// The CRM has no usage API.
    NoApi,
    /// No answer, or one that says nothing about the count (5xx, 401, …).
    Unreachable,
}

fn reply<T: DeserializeOwned>(answer: Option<Answer>) -> Reply<T> {
    let Some(answer) = answer else {
        return Reply::Unreachable;
    };
    let code = || {
        serde_json::from_str::<crate::crm::ApiError>(&answer.body)
            .ok()
            .map(|e| e.error.code)
    };
    match answer.status {
        // A success that is not a usage answer (a page served for every path) is no API.
        200..=299 => serde_json::from_str(&answer.body).map_or(Reply::NoApi, Reply::Ok),
        409 => serde_json::from_str::<UsageRefusal>(&answer.body)
            .map_or(Reply::Unreachable, |r| Reply::Exhausted(r.usage)),
        404 if code().as_deref() == Some("no_such_ticket") => Reply::NoSuchTicket,
        404 | 405 | 501 => Reply::NoApi,
        _ => Reply::Unreachable,
    }
}

/// Whether the CRM's routes can carry `ticket` as it is (its rule: 1–128 of `A–Z a–z 0–9 . _ ~ -`).
fn sendable(ticket: &str) -> bool {
    !ticket.is_empty()
        && ticket.len() <= MAX_TICKET_LEN
        && ticket
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~' | b'-'))
}

/// The view of the CRM's count.
pub fn crm_view(usage: &Usage, confirmed_at_ms: Option<f64>) -> QuotaView {
    QuotaView {
        remaining: usage.remaining,
        limit: usage.limit,
        resets_at: usage.resets_at.clone(),
        source: QuotaSource::Crm,
        confirmed_at: confirmed_at_ms.filter(|t| t.is_finite()).map(rfc3339),
        manual: usage.manual,
    }
}

impl<P: CrmTransport + Clock + Host + LocalLedger> CrmQuota<'_, P> {
    /// The CRM and token to use for `owner`: its CRM must be the one in force, and the token
    /// its user's.
    async fn session_of(&self, owner: &str) -> Option<(CrmUrl, String)> {
        let who = JobOwner::from_key(owner)?;
        let (crm, token) = self.0.session().await?;
        if crm.as_str() != who.crm {
            return None;
        }
        let id = self.0.user_id(&crm, &token).await.ok()?;
        (id == who.user_id).then_some((crm, token))
    }

    async fn ask<T: DeserializeOwned>(
        &self,
        crm: &CrmUrl,
        token: &str,
        request: Request,
    ) -> Reply<T> {
        reply(self.0.send(crm, token, request).await)
    }

    async fn confirmed(&self, owner: &str, usage: &Usage, limit: Option<u32>) {
        let now = self.0.now_ms();
        let usage = usage.clone();
        self.0
            .change_usage_record(owner, &|r| {
                r.api = UsageApi::Crm;
                r.checked_at_ms = now;
                r.last = Some(usage.clone());
                r.confirmed_at_ms = Some(now);
                if limit.is_some() {
                    r.limit = limit;
                }
            })
            .await;
    }

    async fn local_reserve(
        &self,
        owner: &str,
        ticket: &str,
        limit: u32,
    ) -> Result<(), QuotaRefusal> {
        self.0
            .local_reserve(owner, ticket, limit)
            .await
            .map_err(|resets_at| QuotaRefusal::LimitReached { resets_at })
    }

    async fn no_api(&self, owner: &str) {
        let now = self.0.now_ms();
        self.0
            .change_usage_record(owner, &|r| {
                r.api = UsageApi::None;
                r.checked_at_ms = now;
            })
            .await;
    }

    /// Learns whether the CRM keeps the count (when not known, or when "no" is old), and sends
    /// it what it has not confirmed: this browser's month on first contact, then the commits
    /// that did not reach it. `Some(true)`: the CRM keeps the count and knows every download
    /// of this browser; `Some(false)`: it has no usage API; `None`: it did not answer.
    async fn settle(&self, owner: &str, crm: &CrmUrl, token: &str, limit: u32) -> Option<bool> {
        let record = self.0.usage_record(owner).await;
        let stale = self.0.now_ms() - record.checked_at_ms >= NO_API_RECHECK_MS
            || self.0.now_ms() < record.checked_at_ms;
        match record.api {
            UsageApi::None if !stale => return Some(false),
            UsageApi::Crm => {}
            UsageApi::Unknown | UsageApi::None => {
                match self
                    .ask::<Usage>(crm, token, Request::get(usage_path(limit)))
                    .await
                {
                    Reply::Ok(usage) => self.confirmed(owner, &usage, Some(limit)).await,
                    Reply::NoApi => {
                        self.no_api(owner).await;
                        return Some(false);
                    }
                    _ => return None,
                }
            }
        }
        let record = self.0.usage_record(owner).await;
        let mut to_send = record.unsent.clone();
        let crm_month = record
            .last
            .as_ref()
            .and_then(|u| YearMonth::parse(&u.month));
        if let (false, Some(month)) = (record.reported_local, crm_month) {
            let (used, tickets) = self.0.local_counted(owner, month).await;
            let unnamed = used.saturating_sub(u32::try_from(tickets.len()).unwrap_or(u32::MAX));
            for ticket in tickets {
                if !to_send.contains(&ticket) {
                    to_send.push(ticket);
                }
            }
            if unnamed > 0 {
                // Units counted without a ticket get names of this browser's own, kept before
                // they are sent, so a report cut short is resent under the same names.
                let base = match record.unnamed_base.clone() {
                    Some(base) => base,
                    None => {
                        let base = self.0.new_ticket();
                        let kept = base.clone();
                        self.0
                            .change_usage_record(owner, &|r| {
                                r.unnamed_base.get_or_insert_with(|| kept.clone());
                            })
                            .await;
                        self.0
                            .usage_record(owner)
                            .await
                            .unnamed_base
                            .unwrap_or(base)
                    }
                };
                let count = unnamed.min(crate::policy::SITE_MONTHLY_LIMIT);
                to_send.extend((0..count).map(|i| format!("{base}-u{i}")));
            }
        }
        for ticket in &to_send {
            if !self.send_commit(owner, crm, token, ticket, limit).await {
                return None;
            }
        }
        if !record.reported_local && crm_month.is_some() {
            self.0
                .change_usage_record(owner, &|r| r.reported_local = true)
                .await;
        }
        Some(true)
    }

    /// Sends one commit; `true` once the CRM counted it (or can never take it).
    async fn send_commit(
        &self,
        owner: &str,
        crm: &CrmUrl,
        token: &str,
        ticket: &str,
        limit: u32,
    ) -> bool {
        let done = if sendable(ticket) {
            // A manual download was never reserved: the commit says what it was.
            let kind = if crate::manual_download::is_manual(ticket) {
                "&kind=manual"
            } else {
                ""
            };
            let path = format!("/api/v1/usage/reservations/{ticket}/commit?limit={limit}{kind}");
            match self
                .ask::<UsageTicket>(crm, token, Request::json(Method::Post, path, &(), None))
                .await
            {
                Reply::Ok(answer) => {
                    self.confirmed(owner, &answer.usage, None).await;
                    true
                }
                Reply::Unreachable | Reply::Exhausted(_) => false,
                Reply::NoSuchTicket | Reply::NoApi => true,
            }
        } else {
            true
        };
        if done {
            self.0
                .change_usage_record(owner, &|r| r.unsent.retain(|t| t != ticket))
                .await;
        }
        done
    }
}

fn usage_path(limit: u32) -> String {
    format!("/api/v1/usage?limit={limit}")
}

impl<P: CrmTransport + Clock + Host + LocalLedger> Quota for CrmQuota<'_, P> {
    async fn reserve(
        &self,
        owner: &str,
        ticket: &str,
        limit: u32,
        kind: UsageKind,
    ) -> Result<(), QuotaRefusal> {
        let Some((crm, token)) = self.session_of(owner).await else {
            return Err(QuotaRefusal::Unreachable);
        };
        match self.settle(owner, &crm, &token, limit).await {
            Some(false) => return self.local_reserve(owner, ticket, limit).await,
            None => return Err(QuotaRefusal::Unreachable),
            Some(true) => {}
        }
        if !sendable(ticket) {
            return Err(QuotaRefusal::Unreachable);
        }
        let body = UsageReservation {
            ticket: ticket.to_string(),
            limit: Some(limit),
            kind: Some(kind),
        };
        let request = Request::json(Method::Post, "/api/v1/usage/reservations", &body, None);
        match self.ask::<UsageTicket>(&crm, &token, request).await {
            Reply::Ok(answer) => {
                self.confirmed(owner, &answer.usage, Some(limit)).await;
                Ok(())
            }
            Reply::Exhausted(usage) => {
                self.confirmed(owner, &usage, Some(limit)).await;
                Err(QuotaRefusal::LimitReached {
                    resets_at: usage.resets_at,
                })
            }
            Reply::NoApi => {
                self.no_api(owner).await;
                self.local_reserve(owner, ticket, limit).await
            }
            Reply::NoSuchTicket | Reply::Unreachable => Err(QuotaRefusal::Unreachable),
        }
    }

    async fn commit(&self, owner: &str, ticket: &str) {
        // This browser's record first: it is what a later contact reports.
        self.0.local_commit(owner, ticket).await;
        let record = self.0.usage_record(owner).await;
        if record.api == UsageApi::Unknown {
            // Not asked yet (a manual download before any export): on first contact the CRM
            // learns this browser's month, this unit with it.
            if let Some((crm, token)) = self.session_of(owner).await {
                let limit = record.limit.unwrap_or(crate::policy::SITE_MONTHLY_LIMIT);
                self.settle(owner, &crm, &token, limit).await;
            }
            return;
        }
        if record.api != UsageApi::Crm {
            return;
        }
        let ticket_owned = ticket.to_string();
        self.0
            .change_usage_record(owner, &|r| {
                if !r.unsent.contains(&ticket_owned) {
                    r.unsent.push(ticket_owned.clone());
                    let excess = r.unsent.len().saturating_sub(MAX_UNSENT);
                    r.unsent.drain(..excess);
                }
            })
            .await;
        if let Some((crm, token)) = self.session_of(owner).await {
            let limit = record.limit.unwrap_or(crate::policy::SITE_MONTHLY_LIMIT);
            self.send_commit(owner, &crm, &token, ticket, limit).await;
        }
    }

    async fn release(&self, owner: &str, ticket: &str) {
        self.0.local_release(owner, ticket).await;
        let record = self.0.usage_record(owner).await;
        if record.api != UsageApi::Crm || !sendable(ticket) {
            return;
        }
        // Unanswered, the reservation lapses at the CRM on its own.
        if let Some((crm, token)) = self.session_of(owner).await {
            let limit = record.limit.unwrap_or(crate::policy::SITE_MONTHLY_LIMIT);
            let path = format!("/api/v1/usage/reservations/{ticket}/release?limit={limit}");
            let request = Request::json(Method::Post, path, &(), None);
            if let Reply::Ok(answer) = self.ask::<UsageTicket>(&crm, &token, request).await {
                self.confirmed(owner, &answer.usage, None).await;
            }
        }
    }

    async fn view(&self, owner: &str, limit: u32) -> QuotaView {
        if let Some((crm, token)) = self.session_of(owner).await {
            match self.settle(owner, &crm, &token, limit).await {
                Some(false) => return self.0.local_view(owner, limit).await,
                Some(true) => {
                    if let Reply::Ok(usage) = self
                        .ask::<Usage>(&crm, &token, Request::get(usage_path(limit)))
                        .await
                    {
                        self.confirmed(owner, &usage, Some(limit)).await;
                        return crm_view(&usage, Some(self.0.now_ms()));
                    }
                }
                None => {}
            }
        }
        self.known_view(owner, limit).await
    }
}

impl<P: LocalLedger> CrmQuota<'_, P> {
    /// The view without asking the CRM: its count as it last confirmed it (the view says
    /// when), or this browser's for a CRM without the usage API.
    pub async fn known_view(&self, owner: &str, limit: u32) -> QuotaView {
        let record = self.0.usage_record(owner).await;
        match (&record.api, &record.last) {
            (UsageApi::Crm, Some(usage)) => crm_view(usage, record.confirmed_at_ms),
            _ => self.0.local_view(owner, limit).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> Option<Answer> {
        Some(Answer {
            status,
            body: body.into(),
            retry_after: None,
        })
    }

    const USAGE: &str = r#"{"month":"2026-12","used":200,"committed":200,"reserved":0,
        "limit":200,"remaining":0,"resets_at":"2027-01-01T00:00:00Z"}"#;

    // proves E6 (issue #18): which answers mean "this CRM keeps no count" (the browser's ledger
    // then counts), which mean "it does, and did not answer" (the export is refused).
    #[test]
    fn usage_answers_tell_a_crm_without_the_api_from_one_out_of_reach() {
        let no_route = r#"{"error":{"code":"not_found","message":"There is no API route"}}"#;
        assert!(matches!(
            reply::<Usage>(answer(404, no_route)),
            Reply::NoApi
        ));
        assert!(matches!(reply::<Usage>(answer(501, "")), Reply::NoApi));
        assert!(matches!(
            reply::<Usage>(answer(200, "<html>")),
            Reply::NoApi
        ));
        let no_ticket = r#"{"error":{"code":"no_such_ticket","message":"No such ticket"}}"#;
        assert!(matches!(
            reply::<UsageTicket>(answer(404, no_ticket)),
            Reply::NoSuchTicket
        ));
        for unreachable in [None, answer(500, ""), answer(401, ""), answer(503, "")] {
            assert!(matches!(reply::<Usage>(unreachable), Reply::Unreachable));
        }
        let refusal = format!(
            r#"{{"error":{{"code":"quota_exhausted","message":"used up"}},"usage":{USAGE}}}"#
        );
        match reply::<UsageTicket>(answer(409, &refusal)) {
            Reply::Exhausted(usage) => assert_eq!(usage.resets_at, "2027-01-01T00:00:00Z"),
            _ => panic!("a 409 with the usage is the limit"),
        }
        match reply::<Usage>(answer(200, USAGE)) {
            Reply::Ok(usage) => {
                let view = crm_view(&usage, Some(0.0));
                assert_eq!((view.remaining, view.source), (0, QuotaSource::Crm));
                assert_eq!(view.confirmed_at.as_deref(), Some("1970-01-01T00:00:00Z"));
            }
            _ => panic!("a usage answer"),
        }
    }

    #[test]
    fn tickets_sent_only_as_the_crm_takes_them() {
        assert!(sendable("0b7e2c1a-5d9f-4e3b-a1c2-3d4e5f607182"));
        for bad in ["", "a/b", "a b", "../x", &"x".repeat(129)] {
            assert!(!sendable(bad), "{bad}");
        }
    }
}
