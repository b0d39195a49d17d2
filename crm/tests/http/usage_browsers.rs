//! Several browsers of one CRM user against this CRM's usage routes (issue #18), through the
//! quota the extension ships (`talent_bridge::usage_quota::CrmQuota`): random interleavings of
//! reserve / the site serving the PDF / commit / release / a stopped worker / the CRM out of
//! reach and back / the browser's clock jumping ±40 days, from seeds (a failure names its seed).
//! After every step: never more units held or counted than the limit; at the end, with every
//! browser back in reach, every PDF the site served is counted exactly once at the CRM, and no
//! browser ever saw the month's downloads go down. One browser starts with downloads of its own
//! ledger from before the update (some by ticket, some only as a count, as older versions kept
//! them): they are reported, so the month is not handed out afresh.

use crate::support::{RILEY, TestCrm};
use axum::body::Body as AxumBody;
use axum::http::{Request as HttpRequest, header};
use http_body_util::BodyExt;
use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use talent_bridge::crm::UsageKind;
use talent_bridge::outbox::JobOwner;
use talent_bridge::pdf::PdfProfile;
use talent_bridge::platform::{
    Answer, Body, Clock, CrmError, CrmTransport, Host, Quota, QuotaRefusal, Request,
};
use talent_bridge::protocol::{ExportStep, QuotaSource, QuotaView};
use talent_bridge::quota::{QuotaLedger, YearMonth};
use talent_bridge::settings::CrmUrl;
use talent_bridge::usage_quota::{CrmQuota, LocalLedger, UsageApi, UsageRecord};
use tower::ServiceExt;

const LIMIT: u32 = 9;
const DAY_MS: f64 = 86_400_000.0;
const SEEDS: u64 = 40;
const STEPS: usize = 60;

/// xorshift64*: the interleavings are reproducible from the seed alone.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}

/// One browser: its storage (the ledger and the usage record survive a stopped worker), its
/// clock, whether it reaches the CRM, and what the CRM answers (a CRM without the API: 404).
struct Browser<'c> {
    name: String,
    crm: &'c TestCrm,
    crm_url: CrmUrl,
    user_id: i64,
    has_api: bool,
    clock_offset: Cell<f64>,
    online: Cell<bool>,
    ledger: RefCell<Option<QuotaLedger>>,
    record: RefCell<UsageRecord>,
    next: Cell<u32>,
}

impl<'c> Browser<'c> {
    fn new(name: &str, crm: &'c TestCrm, user_id: i64, has_api: bool) -> Self {
        Self {
            name: name.to_string(),
            crm,
            crm_url: CrmUrl::parse("https://crm.example.test").unwrap(),
            user_id,
            has_api,
            clock_offset: Cell::new(0.0),
            online: Cell::new(true),
            ledger: RefCell::new(None),
            record: RefCell::new(UsageRecord::default()),
            next: Cell::new(0),
        }
    }

    fn owner(&self) -> String {
        JobOwner::new(&self.crm_url, self.user_id).key()
    }

    fn with_ledger<T>(&self, owner: &str, f: impl FnOnce(&mut QuotaLedger) -> T) -> T {
        let mut slot = self.ledger.borrow_mut();
        let mut ledger = QuotaLedger::for_user(slot.take(), owner);
        let out = f(&mut ledger);
        *slot = Some(ledger);
        out
    }
}

impl Clock for Browser<'_> {
    fn now_ms(&self) -> f64 {
        talent_bridge_crm::clock::now_ms() as f64 + self.clock_offset.get()
    }

    fn random(&self) -> f64 {
        0.5
    }

    fn new_ticket(&self) -> String {
        self.next.set(self.next.get() + 1);
        format!("{}-{}", self.name, self.next.get())
    }
}

impl CrmTransport for Browser<'_> {
    async fn send(&self, _crm: &CrmUrl, token: &str, request: Request) -> Option<Answer> {
        if !self.online.get() {
            return None;
        }
        if !self.has_api && request.path.starts_with("/api/v1/usage") {
            return Some(Answer {
                status: 404,
                body: r#"{"error":{"code":"not_found","message":"no route"}}"#.into(),
                retry_after: None,
            });
        }
        let mut builder = HttpRequest::builder()
            .method(request.method.as_str())
            .uri(&request.path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"));
        let body = match request.body {
            Body::Json(text) => {
                builder = builder.header(header::CONTENT_TYPE, "application/json");
                AxumBody::from(text)
            }
            _ => AxumBody::empty(),
        };
        let response = self
            .crm
            .router
            .clone()
            .oneshot(builder.body(body).unwrap())
            .await
            .unwrap();
        let status = response.status().as_u16();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Some(Answer {
            status,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            retry_after: None,
        })
    }
}

impl Host for Browser<'_> {
    async fn session(&self) -> Option<(CrmUrl, String)> {
        Some((self.crm_url.clone(), RILEY.to_string()))
    }

    async fn user_id(&self, _crm: &CrmUrl, _token: &str) -> Result<i64, CrmError> {
        // The worker keeps `/me` a few minutes: known even while the CRM is away.
        Ok(self.user_id)
    }

    async fn parse_pdf(&self, _pdf: &[u8]) -> Option<PdfProfile> {
        None
    }

    async fn progress(&self, _tab: Option<i32>, _ticket: &str, _step: ExportStep) {}

    async fn contacts_changed(&self) {}

    fn claim(&self, _ticket: &str) -> bool {
        true
    }

    fn unclaim(&self, _ticket: &str) {}
}

impl LocalLedger for Browser<'_> {
    async fn local_reserve(&self, owner: &str, ticket: &str, limit: u32) -> Result<(), String> {
        let now = self.now_ms();
        self.with_ledger(owner, |l| {
            l.reserve(ticket, now, limit)
                .map(|_| ())
                .map_err(|_| l.resets_at(now))
        })
    }

    async fn local_commit(&self, owner: &str, ticket: &str) {
        let now = self.now_ms();
        self.with_ledger(owner, |l| l.commit(ticket, now));
    }

    async fn local_release(&self, owner: &str, ticket: &str) {
        self.with_ledger(owner, |l| l.release(ticket));
    }

    async fn local_view(&self, owner: &str, limit: u32) -> QuotaView {
        let now = self.now_ms();
        self.with_ledger(owner, |l| l.view(now, limit))
    }

    async fn local_counted(&self, owner: &str, month: YearMonth) -> (u32, Vec<String>) {
        self.with_ledger(owner, |l| (l.used_in(month), l.counted_in(month).to_vec()))
    }

    async fn usage_record(&self, _owner: &str) -> UsageRecord {
        self.record.borrow().clone()
    }

    async fn change_usage_record(&self, _owner: &str, change: &dyn Fn(&mut UsageRecord)) {
        change(&mut self.record.borrow_mut());
    }
}

/// Tickets of one browser by where their export stands.
#[derive(Default)]
struct Exports {
    /// Reserved, PDF not downloaded yet (in memory: a stopped worker forgets them).
    reserved: Vec<String>,
    /// The site served the PDF; the job is on disk, its unit not committed yet.
    served: Vec<String>,
}

fn riley_id(crm: &TestCrm) -> i64 {
    crm.number(&format!(
        "SELECT user_id FROM api_tokens WHERE token_sha256 = x'{}'",
        talent_bridge::sha256::digest(RILEY.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    ))
}

fn committed_at_crm(crm: &TestCrm, user_id: i64) -> BTreeSet<String> {
    let sql = crm.sql();
    let mut statement = sql
        .prepare("SELECT ticket FROM usage_tickets WHERE user_id = ?1 AND state = 'committed'")
        .unwrap();
    statement
        .query_map([user_id], |row| row.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// (held, committed) at the CRM: what no reservation may take past the limit.
fn held_at_crm(crm: &TestCrm, user_id: i64) -> (i64, i64) {
    let now = talent_bridge_crm::clock::now_ms();
    let committed = crm.number(&format!(
        "SELECT COUNT(*) FROM usage_tickets WHERE user_id = {user_id} AND state = 'committed'"
    ));
    let reserved = crm.number(&format!(
        "SELECT COUNT(*) FROM usage_tickets WHERE user_id = {user_id} AND state = 'reserved' \
         AND expires_at_ms > {now}"
    ));
    (committed + reserved, committed)
}

/// One random run; returns the tickets the site served.
/// `clock_jumps`: the browsers' clocks jump ±40 days (only the CRM's count is proof against
/// them so far: the browser's ledger follows its clock into another month).
async fn run(
    seed: u64,
    browsers: &[Browser<'_>],
    check_crm: bool,
    clock_jumps: bool,
) -> BTreeSet<String> {
    let mut dice = Dice(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut exports: Vec<Exports> = browsers.iter().map(|_| Exports::default()).collect();
    let mut served = BTreeSet::new();
    let mut seen_committed: Vec<u32> = vec![0; browsers.len()];
    let crm = browsers[0].crm;
    let user = browsers[0].user_id;
    for step in 0..STEPS {
        let b = dice.below(browsers.len() as u64) as usize;
        let browser = &browsers[b];
        let owner = browser.owner();
        let quota = CrmQuota(browser);
        let context = format!("seed {seed}, step {step}, browser {b}");
        match dice.below(10) {
            0..=2 => {
                let ticket = browser.new_ticket();
                match quota
                    .reserve(&owner, &ticket, LIMIT, UsageKind::Create)
                    .await
                {
                    Ok(()) => exports[b].reserved.push(ticket),
                    Err(QuotaRefusal::Unreachable) => {
                        assert!(!browser.online.get(), "{context}: refused while reachable")
                    }
                    Err(QuotaRefusal::LimitReached { .. }) => {}
                }
            }
            3 | 4 if !exports[b].reserved.is_empty() => {
                // The site served the PDF: the job goes to disk, then its unit is committed.
                let ticket = exports[b].reserved.remove(0);
                served.insert(ticket.clone());
                exports[b].served.push(ticket.clone());
                if dice.below(2) == 0 {
                    quota.commit(&owner, &ticket).await;
                    exports[b].served.retain(|t| *t != ticket);
                }
            }
            5 if !exports[b].reserved.is_empty() => {
                let ticket = exports[b].reserved.remove(0);
                quota.release(&owner, &ticket).await;
            }
            6 => {
                // The worker stops: downloads in progress are forgotten; stored jobs resume and
                // commit (the outbox's `drive`), in reach or not.
                exports[b].reserved.clear();
                for ticket in std::mem::take(&mut exports[b].served) {
                    quota.commit(&owner, &ticket).await;
                }
            }
            7 => browser.online.set(!browser.online.get()),
            8 if clock_jumps => {
                let jump = (dice.below(81) as f64 - 40.0) * DAY_MS;
                browser.clock_offset.set(jump);
            }
            _ => {
                let view = quota.view(&owner, LIMIT).await;
                assert!(view.remaining <= LIMIT, "{context}: {view:?}");
            }
        }
        if let Some(usage) = &browser.record.borrow().last {
            assert!(
                usage.committed >= seen_committed[b],
                "{context}: the month's downloads went down: {usage:?}"
            );
            seen_committed[b] = usage.committed;
        }
        if check_crm {
            let (held, committed) = held_at_crm(crm, user);
            assert!(held <= i64::from(LIMIT), "{context}: {held} held");
            assert!(
                committed <= i64::from(LIMIT),
                "{context}: {committed} counted"
            );
        }
        assert!(
            served.len() <= LIMIT as usize,
            "{context}: served past the limit"
        );
    }
    // Everyone back in reach; stored jobs resume; a look at the popup sends what is owed.
    for (b, browser) in browsers.iter().enumerate() {
        browser.online.set(true);
        let quota = CrmQuota(browser);
        for ticket in std::mem::take(&mut exports[b].served) {
            quota.commit(&browser.owner(), &ticket).await;
        }
        quota.view(&browser.owner(), LIMIT).await;
    }
    served
}

// proves E6 (issue #18): one count per user across browsers, through the CRM's usage API.
#[tokio::test]
async fn browsers_of_one_user_count_every_served_pdf_once_and_never_past_the_limit() {
    let crm = TestCrm::demo();
    let user = riley_id(&crm);
    for seed in 0..SEEDS {
        crm.exec("DELETE FROM usage_tickets");
        let browsers: Vec<Browser> = ["a", "b", "c"]
            .iter()
            .map(|name| Browser::new(&format!("s{seed}{name}"), &crm, user, true))
            .collect();
        // Before the update, browser a counted three downloads in its own ledger, as an older
        // version stored them (a count, no tickets), then two more by ticket.
        let owner = browsers[0].owner();
        let month = talent_bridge::quota::YearMonth::from_ms(browsers[0].now_ms());
        *browsers[0].ledger.borrow_mut() = Some(
            serde_json::from_value(serde_json::json!({
                "user": owner, "month": month, "used": 3, "committed": [],
            }))
            .unwrap(),
        );
        let before: Vec<String> = (0..2).map(|i| format!("s{seed}-old-{i}")).collect();
        for ticket in &before {
            browsers[0].local_commit(&owner, ticket).await;
        }
        let mut served = run(seed, &browsers, true, true).await;
        served.extend(before);
        let counted = committed_at_crm(&crm, user);
        assert!(
            served.is_subset(&counted),
            "seed {seed}: every served PDF counted at the CRM: {served:?} {counted:?}"
        );
        assert_eq!(
            counted.len(),
            served.len() + 3,
            "seed {seed}: counted once, with the three unnamed: {counted:?}"
        );
        for browser in &browsers {
            let record = browser.record.borrow();
            assert_eq!(record.api, UsageApi::Crm, "seed {seed}");
            assert!(record.unsent.is_empty(), "seed {seed}: {:?}", record.unsent);
        }
        let view = CrmQuota(&browsers[1]).view(&owner, LIMIT).await;
        assert_eq!(view.source, QuotaSource::Crm);
        assert!(view.confirmed_at.is_some());
        // Downloads counted, and units still held by exports a stopped worker forgot (they
        // lapse at the CRM after ten minutes).
        let (held, _) = held_at_crm(&crm, user);
        assert_eq!(
            view.remaining,
            LIMIT.saturating_sub(u32::try_from(held).unwrap()),
            "seed {seed}"
        );
    }
}

// proves E6 (issue #18): with the CRM out of reach, an export is refused and nothing is spent
// anywhere; back in reach, the CRM's count is the count.
#[tokio::test]
async fn a_usage_capable_crm_out_of_reach_refuses_and_spends_nothing() {
    let crm = TestCrm::demo();
    let user = riley_id(&crm);
    let browser = Browser::new("offline", &crm, user, true);
    let owner = browser.owner();
    let quota = CrmQuota(&browser);
    quota
        .reserve(&owner, "offline-1", LIMIT, UsageKind::Create)
        .await
        .unwrap();
    browser.online.set(false);
    assert_eq!(
        quota
            .reserve(&owner, "offline-2", LIMIT, UsageKind::Create)
            .await,
        Err(QuotaRefusal::Unreachable)
    );
    assert_eq!(
        browser.with_ledger(&owner, |l| l.pending(browser.now_ms())),
        0
    );
    assert_eq!(held_at_crm(&crm, user), (1, 0));
    // The shown count is the CRM's last answer, with when it came.
    let view = quota.view(&owner, LIMIT).await;
    assert_eq!((view.source, view.remaining), (QuotaSource::Crm, LIMIT - 1));
}

// proves E6 (issue #18): a CRM without the usage API (404) leaves the count to the browser's
// ledger, which then keeps the limit on its own (without clock jumps: see `run`).
#[tokio::test]
async fn a_crm_without_the_usage_api_leaves_the_count_to_the_browser() {
    let crm = TestCrm::demo();
    let user = riley_id(&crm);
    for seed in 0..10 {
        let browser = Browser::new(&format!("local{seed}"), &crm, user, false);
        let served = run(seed, std::slice::from_ref(&browser), false, false).await;
        let owner = browser.owner();
        let now = browser.now_ms();
        let counted: BTreeSet<String> = browser
            .with_ledger(&owner, |l| l.counted_tickets(now).to_vec())
            .into_iter()
            .collect();
        // Every served PDF counted once in the browser's ledger; nothing reached the CRM.
        assert_eq!(counted, served, "seed {seed}");
        assert_eq!(browser.record.borrow().api, UsageApi::None, "seed {seed}");
        let view = CrmQuota(&browser).view(&owner, LIMIT).await;
        assert_eq!(view.source, QuotaSource::Browser);
    }
    assert_eq!(held_at_crm(&crm, user), (0, 0));
}
