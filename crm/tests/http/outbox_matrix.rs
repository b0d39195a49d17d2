//! The export pipeline the worker ships (`talent_bridge::export_flow` on the core's outbox),
//! run against this reference CRM in-process, under every fault we can name (issue #17):
//! a crash at every step boundary (all in-memory state dropped, the store kept, then resumed),
//! crossed with the CRM's answers {ok, connection refused, 500, timeout, 401 then refresh,
//! 409 exists, 422, 429 + Retry-After} on each request of the export, plus a second tab
//! exporting the same person, another user signed in meanwhile, the CRM address changed,
//! another recruiter adding a pool, and a storage write refused. After each scenario the
//! invariants of E6/E7 are checked on the CRM's database and the browser's storage.

use crate::support::{RILEY, TestCrm, pdf};
use axum::body::Body as AxumBody;
use axum::http::{Request as HttpRequest, header};
use http_body_util::BodyExt;
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::time::Instant;
use talent_bridge::crm::UsageKind;
use talent_bridge::export_flow::{self, Begun};
use talent_bridge::outbox::{ExportJob, JobState};
use talent_bridge::pdf::PdfProfile;
use talent_bridge::platform::{
    Answer, Body, Clock, CrmError, CrmTransport, Host, Method, Pending, Quota, QuotaRefusal,
    Request, Scheduler, Store, StoreError,
};
use talent_bridge::policy::Policy;
use talent_bridge::profile::ProfileKey;
use talent_bridge::protocol::{ExportChoices, ExportStep, PageFacts, PersonQuery};
use talent_bridge::quota::QuotaLedger;
use talent_bridge::settings::CrmUrl;
use tower::ServiceExt;

/// A second valid token of Riley's: what a refresh hands out after a 401.
const RILEY_REFRESHED: &str = "tb-matrix-riley-refreshed";
const VAL: &str = "tb-demo-val";
const CASEY: &str = "tb-demo-casey";
const START_MS: f64 = 1_796_083_200_000.0 + 3.0 * 86_400_000.0;
const NOTE: &str = "Met at the meetup";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Me,
    Check,
    Save,
    Attach,
    Pools,
    Vacancies,
    Note,
    Read,
}

const TARGETS: [Target; 8] = [
    Target::Me,
    Target::Check,
    Target::Save,
    Target::Attach,
    Target::Pools,
    Target::Vacancies,
    Target::Note,
    Target::Read,
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fault {
    /// No connection: the request never reaches the CRM.
    Refused,
    /// 500 without doing anything.
    ServerError,
    /// The CRM does the work; its answer never arrives.
    Timeout,
    /// 401; the session then holds a refreshed token.
    Unauthorized,
    /// Someone else creates the person just before our create.
    Exists,
    /// 422 without doing anything.
    Invalid,
    /// 429 with `Retry-After: 120`.
    TooMany,
}

const FAULTS: [Fault; 7] = [
    Fault::Refused,
    Fault::ServerError,
    Fault::Timeout,
    Fault::Unauthorized,
    Fault::Exists,
    Fault::Invalid,
    Fault::TooMany,
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Twist {
    None,
    /// A second export of the same person runs whole between the first's check and its PDF.
    SecondTab,
    /// Val signs in on the same CRM while the job waits; Riley comes back later.
    OtherUser,
    /// The CRM address changes while the job waits; it is set back later.
    OtherCrm,
    /// Another recruiter adds the contact to a pool right after our save.
    ConcurrentPool,
    /// The first write of the job with its PDF is refused by the storage.
    StoreFails,
}

const TWISTS: [Twist; 5] = [
    Twist::SecondTab,
    Twist::OtherUser,
    Twist::OtherCrm,
    Twist::ConcurrentPool,
    Twist::StoreFails,
];

#[derive(Clone, Copy, Debug)]
struct Scenario {
    fault: Option<(Target, Fault)>,
    twist: Twist,
    /// The boundary (1-based) at which the worker is stopped, if any.
    crash_at: Option<usize>,
}

/// What survives a stopped worker: IndexedDB, session and local storage.
#[derive(Default)]
struct Disk {
    jobs: BTreeMap<String, serde_json::Value>,
    pdfs: BTreeMap<String, Vec<u8>>,
    pending: BTreeMap<String, Pending>,
    ledgers: BTreeMap<String, QuotaLedger>,
    lookups: BTreeMap<String, talent_bridge::lookup_flow::Cached>,
}

/// Everything outside the worker: the CRMs, the clock, who is signed in, the fault plan.
/// The CRMs are shared by the scenarios of a thread: each scenario exports a person of its
/// own, under tickets of its own.
struct World<'c> {
    scenario: Scenario,
    /// The person's public id, and the root of every ticket and key: unique per scenario.
    name: String,
    crm: &'c TestCrm,
    crm_url: CrmUrl,
    other: Option<&'c TestCrm>,
    other_url: CrmUrl,
    now: Cell<f64>,
    session: RefCell<(CrmUrl, String)>,
    fault: Cell<Option<(Target, Fault)>>,
    boundaries: Cell<usize>,
    crashed: Cell<bool>,
    crash: tokio::sync::Notify,
    store_refusals: Cell<u32>,
    disk: RefCell<Disk>,
    /// Every request sent: (CRM address, token, method, path).
    sent: RefCell<Vec<(String, String, Method, String)>>,
    /// Tickets whose PDF reached the store.
    arrived: RefCell<BTreeSet<String>>,
    /// Tickets whose PDF the site served (verified by the worker).
    served: RefCell<BTreeSet<String>>,
    pool_added: Cell<bool>,
    next_ticket: Cell<u32>,
}

/// A demo CRM that also knows Riley's refreshed token.
fn matrix_crm() -> TestCrm {
    let crm = TestCrm::demo();
    let digest = talent_bridge::sha256::digest(RILEY_REFRESHED.as_bytes());
    crm.sql()
        .execute(
            "INSERT INTO api_tokens (token_sha256, user_id) \
             SELECT ?1, user_id FROM api_tokens WHERE token_sha256 = ?2",
            rusqlite::params![
                digest.to_vec(),
                talent_bridge::sha256::digest(RILEY.as_bytes()).to_vec()
            ],
        )
        .unwrap();
    crm
}

impl<'c> World<'c> {
    fn new(scenario: Scenario, id: usize, crm: &'c TestCrm, other: &'c TestCrm) -> Self {
        let crm_url = CrmUrl::parse("https://crm.example.test").unwrap();
        let other_url = CrmUrl::parse("https://other-crm.example.test").unwrap();
        Self {
            scenario,
            name: format!("matrix-{id}"),
            session: RefCell::new((crm_url.clone(), RILEY.to_string())),
            crm,
            crm_url,
            other: Some(other),
            other_url,
            now: Cell::new(START_MS),
            fault: Cell::new(scenario.fault),
            boundaries: Cell::new(0),
            crashed: Cell::new(false),
            crash: tokio::sync::Notify::new(),
            store_refusals: Cell::new(u32::from(scenario.twist == Twist::StoreFails)),
            disk: RefCell::new(Disk::default()),
            sent: RefCell::new(Vec::new()),
            arrived: RefCell::new(BTreeSet::new()),
            served: RefCell::new(BTreeSet::new()),
            pool_added: Cell::new(false),
            next_ticket: Cell::new(0),
        }
    }

    /// A step boundary: the worker stops here if the scenario says so (the future never
    /// resumes and is dropped; nothing in memory survives).
    async fn boundary(&self) {
        let n = self.boundaries.get() + 1;
        self.boundaries.set(n);
        if !self.crashed.get() && self.scenario.crash_at == Some(n) {
            self.crashed.set(true);
            self.crash.notify_one();
            std::future::pending::<()>().await;
        }
    }

    fn advance(&self, ms: f64) {
        self.now.set(self.now.get() + ms);
    }

    fn sign_in(&self, crm: &CrmUrl, token: &str) {
        *self.session.borrow_mut() = (crm.clone(), token.to_string());
    }

    async fn raw(&self, crm: &TestCrm, token: &str, request: Request) -> Answer {
        let mut builder = HttpRequest::builder()
            .method(request.method.as_str())
            .uri(&request.path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"));
        if let Some(key) = &request.idempotency_key {
            builder = builder.header("idempotency-key", key);
        }
        let body = match request.body {
            Body::Empty => AxumBody::empty(),
            Body::Json(text) => {
                builder = builder.header(header::CONTENT_TYPE, "application/json");
                AxumBody::from(text)
            }
            Body::Pdf(bytes) => {
                builder = builder.header(header::CONTENT_TYPE, "application/pdf");
                AxumBody::from(bytes)
            }
        };
        let response = crm
            .router
            .clone()
            .oneshot(builder.body(body).unwrap())
            .await
            .unwrap();
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        Answer {
            status,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            retry_after,
        }
    }
}

fn target_of(request: &Request) -> Target {
    let path = request.path.split('?').next().unwrap_or_default();
    match (request.method, path) {
        (Method::Get, "/api/v1/me") => Target::Me,
        (Method::Post, "/api/v1/export-check") => Target::Check,
        (_, p) if p.ends_with("/attachments") => Target::Attach,
        (_, p) if p.ends_with("/pools") => Target::Pools,
        (_, p) if p.ends_with("/vacancies") => Target::Vacancies,
        (_, p) if p.ends_with("/notes") => Target::Note,
        (Method::Get, _) => Target::Read,
        _ => Target::Save,
    }
}

fn error_answer(status: u16, code: &str, retry_after: Option<&str>) -> Answer {
    Answer {
        status,
        body: format!(r#"{{"error":{{"code":"{code}","message":"injected"}}}}"#),
        retry_after: retry_after.map(str::to_string),
    }
}

/// One run of the worker: its memory (the running set) dies with it.
struct Worker<'w> {
    world: &'w World<'w>,
    running: RefCell<HashSet<String>>,
}

impl<'w> Worker<'w> {
    fn start(world: &'w World<'w>) -> Self {
        Self {
            world,
            running: RefCell::new(HashSet::new()),
        }
    }
}

impl Clock for Worker<'_> {
    fn now_ms(&self) -> f64 {
        self.world.now.get()
    }

    fn random(&self) -> f64 {
        0.5
    }

    fn new_ticket(&self) -> String {
        let n = self.world.next_ticket.get() + 1;
        self.world.next_ticket.set(n);
        format!("{}-ticket-{n}", self.world.name)
    }
}

impl Store for Worker<'_> {
    async fn put_job(&self, job: &ExportJob, pdf: Option<&[u8]>) -> Result<(), StoreError> {
        if pdf.is_some() && self.world.store_refusals.get() > 0 {
            self.world
                .store_refusals
                .set(self.world.store_refusals.get() - 1);
            return Err(StoreError);
        }
        {
            let mut disk = self.world.disk.borrow_mut();
            disk.jobs
                .insert(job.ticket.clone(), serde_json::to_value(job).unwrap());
            if let Some(bytes) = pdf {
                disk.pdfs.insert(job.ticket.clone(), bytes.to_vec());
                self.world.arrived.borrow_mut().insert(job.ticket.clone());
            }
        }
        self.world.boundary().await;
        Ok(())
    }

    async fn jobs(&self) -> Vec<ExportJob> {
        let values: Vec<_> = self.world.disk.borrow().jobs.values().cloned().collect();
        values
            .into_iter()
            .filter_map(ExportJob::from_stored)
            .collect()
    }

    async fn job(&self, ticket: &str) -> Option<ExportJob> {
        let value = self.world.disk.borrow().jobs.get(ticket).cloned()?;
        ExportJob::from_stored(value)
    }

    async fn pdf(&self, ticket: &str) -> Option<Vec<u8>> {
        self.world.disk.borrow().pdfs.get(ticket).cloned()
    }

    async fn remove_job(&self, ticket: &str) -> Result<(), StoreError> {
        {
            let mut disk = self.world.disk.borrow_mut();
            disk.jobs.remove(ticket);
            disk.pdfs.remove(ticket);
        }
        self.world.boundary().await;
        Ok(())
    }

    async fn put_pending(&self, ticket: &str, pending: &Pending) -> Result<(), StoreError> {
        self.world
            .disk
            .borrow_mut()
            .pending
            .insert(ticket.to_string(), pending.clone());
        self.world.boundary().await;
        Ok(())
    }

    async fn take_pending(&self, ticket: &str) -> Option<Pending> {
        let pending = self.world.disk.borrow_mut().pending.remove(ticket);
        self.world.boundary().await;
        pending
    }
}

impl Quota for Worker<'_> {
    async fn reserve(
        &self,
        owner: &str,
        ticket: &str,
        limit: u32,
        _kind: UsageKind,
    ) -> Result<(), QuotaRefusal> {
        let now = self.now_ms();
        let result = {
            let mut disk = self.world.disk.borrow_mut();
            let ledger = disk
                .ledgers
                .entry(owner.to_string())
                .or_insert_with(|| QuotaLedger::new(owner));
            ledger
                .reserve(ticket, now, limit)
                .map(|_| ())
                .map_err(|_| QuotaRefusal::LimitReached {
                    resets_at: ledger.resets_at(now),
                })
        };
        self.world.boundary().await;
        result
    }

    async fn commit(&self, owner: &str, ticket: &str) {
        let now = self.now_ms();
        {
            let mut disk = self.world.disk.borrow_mut();
            let ledger = disk
                .ledgers
                .entry(owner.to_string())
                .or_insert_with(|| QuotaLedger::new(owner));
            ledger.commit(ticket, now);
        }
        self.world.boundary().await;
    }

    async fn release(&self, owner: &str, ticket: &str) {
        if let Some(ledger) = self.world.disk.borrow_mut().ledgers.get_mut(owner) {
            ledger.release(ticket);
        }
        self.world.boundary().await;
    }

    async fn view(&self, owner: &str, limit: u32) -> talent_bridge::protocol::QuotaView {
        let disk = self.world.disk.borrow();
        let ledger = disk.ledgers.get(owner).cloned();
        QuotaLedger::for_user(ledger, owner).view(self.now_ms(), limit)
    }
}

impl talent_bridge::lookup_flow::LookupCache for Worker<'_> {
    async fn cached(&self, keys: &[String]) -> Vec<Option<talent_bridge::lookup_flow::Cached>> {
        let disk = self.world.disk.borrow();
        keys.iter().map(|k| disk.lookups.get(k).cloned()).collect()
    }

    async fn keep(&self, entries: &[(String, talent_bridge::lookup_flow::Cached)]) {
        self.world
            .disk
            .borrow_mut()
            .lookups
            .extend(entries.iter().cloned());
    }
}

impl Scheduler for Worker<'_> {
    async fn wake_at(&self, _at_ms: f64) {}
}

impl CrmTransport for Worker<'_> {
    async fn send(&self, crm: &CrmUrl, token: &str, request: Request) -> Option<Answer> {
        let world = self.world;
        world.sent.borrow_mut().push((
            crm.as_str().to_string(),
            token.to_string(),
            request.method,
            request.path.clone(),
        ));
        let server = if *crm == world.crm_url {
            world.crm
        } else if *crm == world.other_url {
            world.other?
        } else {
            return None;
        };
        world.boundary().await;
        let target = target_of(&request);
        let fault = match world.fault.get() {
            Some((t, f)) if t == target => {
                world.fault.set(None);
                Some(f)
            }
            _ => None,
        };
        let answer = match fault {
            Some(Fault::Refused) => None,
            Some(Fault::ServerError) => Some(error_answer(500, "internal", None)),
            Some(Fault::Invalid) => Some(error_answer(422, "invalid", None)),
            Some(Fault::TooMany) => Some(error_answer(429, "rate_limited", Some("120"))),
            Some(Fault::Unauthorized) => {
                world.sign_in(crm, RILEY_REFRESHED);
                Some(error_answer(401, "unauthorized", None))
            }
            Some(Fault::Timeout) => {
                world.raw(server, token, request).await;
                None
            }
            Some(Fault::Exists) => {
                let theirs = serde_json::json!({
                    "full_name": person(&world.name).name, "public_id": world.name,
                    "creation_source": "Extension"
                });
                let create = Request::json(
                    Method::Post,
                    "/api/v1/contacts",
                    &theirs,
                    Some(format!("{}-casey", world.name)),
                );
                world.raw(server, CASEY, create).await;
                Some(world.raw(server, token, request).await)
            }
            None => Some(world.raw(server, token, request).await),
        };
        if target == Target::Save
            && world.scenario.twist == Twist::ConcurrentPool
            && !world.pool_added.get()
            && let Some(id) = answer
                .as_ref()
                .filter(|a| a.status < 300)
                .and_then(|a| serde_json::from_str::<serde_json::Value>(&a.body).ok())
                .and_then(|v| v["id"].as_i64())
        {
            world.pool_added.set(true);
            let add = Request::json(
                Method::Patch,
                format!("/api/v1/contacts/{id}/pools"),
                &serde_json::json!({ "add": [2] }),
                Some(format!("{}-casey-pool", world.name)),
            );
            let done = world.raw(server, CASEY, add).await;
            assert!(done.status < 300, "concurrent pool add: {}", done.body);
        }
        world.boundary().await;
        answer
    }
}

impl Host for Worker<'_> {
    async fn session(&self) -> Option<(CrmUrl, String)> {
        Some(self.world.session.borrow().clone())
    }

    async fn user_id(&self, crm: &CrmUrl, token: &str) -> Result<i64, CrmError> {
        let me: talent_bridge::crm::Me =
            talent_bridge::platform::get(self, crm, token, "/api/v1/me").await?;
        Ok(me.user.id)
    }

    async fn parse_pdf(&self, _pdf: &[u8]) -> Option<PdfProfile> {
        None
    }

    async fn progress(&self, _tab: Option<i32>, ticket: &str, step: ExportStep) {
        if step == ExportStep::Verify {
            self.world.served.borrow_mut().insert(ticket.to_string());
        }
    }

    async fn contacts_changed(&self) {}

    fn claim(&self, ticket: &str) -> bool {
        self.running.borrow_mut().insert(ticket.to_string())
    }

    fn unclaim(&self, ticket: &str) {
        self.running.borrow_mut().remove(ticket);
    }
}

/// A person of this scenario's own: their key, and a name no other scenario's resembles (the
/// CRM's matching compares names; digits would not tell them apart).
fn person(public_id: &str) -> PersonQuery {
    let mut n: usize = public_id
        .trim_start_matches("matrix-")
        .parse()
        .unwrap_or_default();
    let mut letters = String::new();
    while n > 0 || letters.is_empty() {
        letters.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
    }
    PersonQuery {
        key: Some(ProfileKey::PublicId(public_id.into())),
        name: Some(format!("Zq{letters} Xv{letters}")),
        ..PersonQuery::default()
    }
}

fn choices() -> ExportChoices {
    ExportChoices {
        // Graduates 2027 and Engineering leaders, in the user's order; the vacancy V-102.
        pool_ids: vec![3, 1],
        vacancy_ids: vec![2],
        note: Some(NOTE.into()),
        contact_id: None,
        confirm_active_applications: false,
    }
}

fn page() -> PageFacts {
    PageFacts {
        restricted: false,
        own: false,
        pdf_offered: true,
    }
}

/// Runs `work` on a fresh worker; `None` if the worker was stopped inside it.
async fn crashable<'w, T>(
    world: &'w World<'w>,
    work: impl AsyncFnOnce(&Worker<'w>) -> T,
) -> Option<T> {
    let worker = Worker::start(world);
    tokio::select! {
        biased;
        out = work(&worker) => Some(out),
        () = world.crash.notified() => None,
    }
}

/// An export as a user makes it: the check (clicked again if the CRM did not answer), the
/// PDF, then the outbox until nothing waits; the user retries what stops and signs back in.
async fn play<'w>(world: &'w World<'w>, pdf_bytes: &[u8]) -> Result<(), String> {
    let policy = Policy::default();
    let export = async |world: &'w World<'w>| -> Option<String> {
        for _click in 0..3 {
            let begun = crashable(world, async |w| {
                export_flow::begin(w, &policy, person(&world.name), &page(), choices()).await
            })
            .await?;
            match begun {
                Begun::Ticket { ticket, .. } => return Some(ticket),
                Begun::Blocked(talent_bridge::protocol::ExportBlock::SignedOut)
                | Begun::Unreachable => continue,
                other => panic!("check refused: {other:?}"),
            }
        }
        None
    };
    let first = export(world).await;
    if world.scenario.twist == Twist::SecondTab
        && let Some(second) = export(world).await
    {
        crashable(world, async |w| {
            export_flow::pdf_arrived(w, &second, pdf_bytes.to_vec(), None).await
        })
        .await;
    }
    if let Some(ticket) = &first {
        crashable(world, async |w| {
            export_flow::pdf_arrived(w, ticket, pdf_bytes.to_vec(), None).await
        })
        .await;
    }
    // The twists that happen while a job waits.
    match world.scenario.twist {
        Twist::OtherUser => world.sign_in(&world.crm_url, VAL),
        Twist::OtherCrm => world.sign_in(&world.other_url, RILEY),
        _ => {}
    }
    for round in 0..40 {
        world.advance(61.0 * 60_000.0);
        if round == 1 {
            // The owner is back (settings saved or signed in again).
            world.sign_in(&world.crm_url, RILEY);
        }
        crashable(world, async |w| {
            export_flow::wake(w).await;
            export_flow::resume(w).await;
            export_flow::run_due(w).await;
        })
        .await;
        let waiting: Vec<ExportJob> = Worker::start(world).jobs().await;
        if waiting.is_empty() {
            return Ok(());
        }
        for job in waiting.iter().filter(|j| j.state == JobState::Failed) {
            // The user reads the popup and presses retry.
            crashable(world, async |w| {
                export_flow::retry(w, &job.ticket, false).await
            })
            .await;
        }
    }
    Err(format!(
        "jobs still waiting: {:?}",
        Worker::start(world)
            .jobs()
            .await
            .iter()
            .map(|j| (j.state, j.last_error.clone(), j.attempts))
            .collect::<Vec<_>>()
    ))
}

/// The invariants of E6/E7 after a scenario.
fn check(world: &World<'_>, pdf_bytes: &[u8]) -> Result<(), String> {
    let served = world.served.borrow().len();
    // Without a stopped worker, every PDF the site served lands (a refused storage write
    // included); a stop while a PDF was only in memory loses that PDF, nothing stored.
    let arrived = if world.crashed.get() {
        world.arrived.borrow().len()
    } else {
        served
    };
    let conn = world.crm.sql();
    let ids: Vec<i64> = conn
        .prepare("SELECT id FROM contacts WHERE public_id = ?1")
        .unwrap()
        .query_map([&world.name], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    // An injected "someone created them first" made the contact itself.
    let extra = usize::from(
        matches!(world.scenario.fault, Some((_, Fault::Exists))) && world.fault.get().is_none(),
    );
    let expected_contacts = usize::from(arrived > 0 || extra > 0);
    if ids.len() != expected_contacts {
        return Err(format!("{} contacts, {arrived} PDFs arrived", ids.len()));
    }
    // Quota: every PDF that reached the store counted, once; never more than the site served
    // (a PDF the site served but a stopped worker never stored may count or not: the site
    // counted it, and its bytes died with the worker); nothing held once lapsed.
    let now = world.now.get();
    let disk = world.disk.borrow();
    let used = disk.ledgers.values().map(|l| l.used(now)).sum::<u32>() as usize;
    let held: u32 = disk.ledgers.values().map(|l| l.pending(now)).sum();
    if used < arrived || used > served || held != 0 {
        return Err(format!(
            "quota used {used}, held {held}; {arrived} PDFs stored, {served} served"
        ));
    }
    if !disk.jobs.is_empty() || !disk.pdfs.is_empty() {
        return Err("a job or PDF is left in the store".into());
    }
    // Nothing to another CRM, nothing written as another user.
    for (crm, token, method, path) in world.sent.borrow().iter() {
        if crm != world.crm_url.as_str() {
            return Err(format!("{method:?} {path} sent to {crm}"));
        }
        let owner = token == RILEY || token == RILEY_REFRESHED;
        let asks_who = *method == Method::Get && path == "/api/v1/me";
        if !(owner || asks_who) {
            return Err(format!("{method:?} {path} sent as {token}"));
        }
    }
    let Some(&id) = ids.first() else {
        return Ok(());
    };
    let attachments: Vec<Vec<u8>> = conn
        .prepare("SELECT content FROM attachments WHERE contact_id = ?1")
        .unwrap()
        .query_map([id], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    if attachments.len() != arrived || attachments.iter().any(|a| a != pdf_bytes) {
        return Err(format!(
            "{} attachments for {arrived} PDFs (or not the PDF served)",
            attachments.len()
        ));
    }
    let set = |table: &str, column: &str| -> BTreeSet<i64> {
        conn.prepare(&format!(
            "SELECT {column} FROM {table} WHERE contact_id = ?1"
        ))
        .unwrap()
        .query_map([id], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
    };
    let mut pools: BTreeSet<i64> = [1, 3].into();
    if world.pool_added.get() {
        pools.insert(2);
    }
    if arrived > 0 && set("contact_pools", "pool_id") != pools {
        return Err(format!("pools {:?}", set("contact_pools", "pool_id")));
    }
    if arrived > 0 && set("contact_vacancies", "vacancy_id") != [2].into() {
        return Err(format!(
            "vacancies {:?}",
            set("contact_vacancies", "vacancy_id")
        ));
    }
    let notes: u32 = conn
        .query_row(
            "SELECT count(*) FROM notes WHERE contact_id = ?1 AND text = ?2",
            rusqlite::params![id, NOTE],
            |r| r.get(0),
        )
        .unwrap();
    if notes as usize != arrived {
        return Err(format!("{notes} notes for {arrived} exports"));
    }
    Ok(())
}

/// The CRMs and runtime a thread's scenarios share.
struct Bench {
    crm: TestCrm,
    other: TestCrm,
    runtime: tokio::runtime::Runtime,
}

impl Bench {
    fn new() -> Self {
        Self {
            crm: matrix_crm(),
            other: matrix_crm(),
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap(),
        }
    }
}

/// Runs one scenario; returns how many boundaries it passed.
fn run(bench: &Bench, scenario: Scenario, id: usize) -> Result<usize, String> {
    bench.runtime.block_on(async {
        let world = World::new(scenario, id, &bench.crm, &bench.other);
        let bytes = pdf(2_000);
        play(&world, &bytes).await?;
        check(&world, &bytes)?;
        Ok(world.boundaries.get())
    })
}

#[test]
fn every_export_lands_once_whatever_fails_and_wherever_the_worker_stops() {
    let started = Instant::now();
    let mut plans: Vec<(Option<(Target, Fault)>, Twist)> = vec![(None, Twist::None)];
    for target in TARGETS {
        for fault in FAULTS {
            // "Someone created them first" is about the create only.
            if fault != Fault::Exists || target == Target::Save {
                plans.push((Some((target, fault)), Twist::None));
            }
        }
    }
    for twist in TWISTS {
        plans.push((None, twist));
        // A twist while the job waits for a CRM that failed on the attachment.
        plans.push((Some((Target::Attach, Fault::ServerError)), twist));
    }
    let failures = std::sync::Mutex::new(Vec::new());
    let count = std::sync::atomic::AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    let chunk = plans.len().div_ceil(threads);
    std::thread::scope(|scope| {
        for (thread, part) in plans.chunks(chunk).enumerate() {
            let (failures, count) = (&failures, &count);
            scope.spawn(move || {
                let bench = Bench::new();
                let mut id = thread * 1_000_000;
                let mut next = || {
                    id += 1;
                    id
                };
                for &(fault, twist) in part {
                    let clean = Scenario {
                        fault,
                        twist,
                        crash_at: None,
                    };
                    let boundaries = match run(&bench, clean, next()) {
                        Ok(n) => n,
                        Err(e) => {
                            failures.lock().unwrap().push(format!("{clean:?}: {e}"));
                            continue;
                        }
                    };
                    count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    for crash in 1..=boundaries {
                        let scenario = Scenario {
                            crash_at: Some(crash),
                            ..clean
                        };
                        count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if let Err(e) = run(&bench, scenario, next()) {
                            failures.lock().unwrap().push(format!("{scenario:?}: {e}"));
                        }
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    let count = count.into_inner();
    eprintln!(
        "fault matrix: {count} scenarios in {:.1} s, {} failed",
        started.elapsed().as_secs_f64(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {count} scenarios broke an invariant:\n{}",
        failures.len(),
        failures[..failures.len().min(30)].join("\n")
    );
    assert!(count >= 1_000, "only {count} scenarios");
}

// proves E6 (issue #17 Deliver 9): a PDF the site served counts even when we refuse it (too
// large: the site counted the download); an answer that is no PDF at all (a log-in page)
// gives the unit back at once. Neither reaches the CRM.
#[test]
fn a_refused_pdf_counts_when_the_site_served_one_and_a_log_in_page_does_not() {
    let bench = Bench::new();
    bench.runtime.block_on(async {
        let world = World::new(
            Scenario {
                fault: None,
                twist: Twist::None,
                crash_at: None,
            },
            1,
            &bench.crm,
            &bench.other,
        );
        let worker = Worker::start(&world);
        let begin = async || match export_flow::begin(
            &worker,
            &Policy::default(),
            person(&world.name),
            &page(),
            choices(),
        )
        .await
        {
            Begun::Ticket { ticket, .. } => ticket,
            other => panic!("{other:?}"),
        };
        let used = || -> (u32, u32) {
            let disk = world.disk.borrow();
            let now = world.now.get();
            (
                disk.ledgers.values().map(|l| l.used(now)).sum(),
                disk.ledgers.values().map(|l| l.pending(now)).sum(),
            )
        };
        let huge = pdf(talent_bridge::pdf::MAX_PDF_BYTES + 1);
        let ticket = begin().await;
        assert_eq!(used(), (0, 1), "held while it downloads");
        let outcome = export_flow::pdf_arrived(&worker, &ticket, huge, None).await;
        assert_eq!(
            outcome,
            export_flow::Outcome::Stopped {
                step: ExportStep::Verify,
                reason: export_flow::Stop::TooLarge
            }
        );
        assert_eq!(used(), (1, 0), "the site counted it");

        let ticket = begin().await;
        let page = b"<!doctype html><title>Sign in</title>".to_vec();
        let outcome = export_flow::pdf_arrived(&worker, &ticket, page, None).await;
        assert_eq!(
            outcome,
            export_flow::Outcome::Stopped {
                step: ExportStep::Verify,
                reason: export_flow::Stop::NotPdf
            }
        );
        assert_eq!(used(), (1, 0), "given back at once");

        let ticket = begin().await;
        export_flow::pdf_failed(&worker, &ticket).await;
        assert_eq!(used(), (1, 0), "a failed download is given back");
        assert!(world.disk.borrow().jobs.is_empty());
        let writes = world
            .sent
            .borrow()
            .iter()
            .filter(|(_, _, m, _)| *m != Method::Get && *m != Method::Post)
            .count();
        assert_eq!(writes, 0);
        assert!(
            !world
                .sent
                .borrow()
                .iter()
                .any(|(_, _, _, path)| path == "/api/v1/contacts"),
            "nothing was created"
        );
    });
}

// proves B4, S2 (issue #17 Deliver 3, the lookup decided in the core): one batched request for
// the people not cached, the cache for the rest until it lapses, none for another CRM; the
// badges as the CRM's matches say.
#[test]
fn badges_come_from_one_batched_lookup_then_from_the_cache_of_that_crm_only() {
    use talent_bridge::lookup_flow::{CACHE_TTL_MS, Looked, lookup};
    use talent_bridge::protocol::BadgeState;
    let bench = Bench::new();
    bench.runtime.block_on(async {
        let clean = Scenario {
            fault: None,
            twist: Twist::None,
            crash_at: None,
        };
        let world = World::new(clean, 1, &bench.crm, &bench.other);
        let worker = Worker::start(&world);
        let ada = PersonQuery {
            key: Some(ProfileKey::PublicId("ada-lovelace".into())),
            name: Some("Ada Lovelace".into()),
            ..PersonQuery::default()
        };
        let nobody = person(&world.name);
        let keyless = PersonQuery {
            name: Some("Nameless".into()),
            ..PersonQuery::default()
        };
        let people = [ada, nobody, keyless];
        let lookups = || {
            world
                .sent
                .borrow()
                .iter()
                .filter(|(_, _, _, path)| path == "/api/v1/lookup")
                .count()
        };
        let states = |looked: Vec<Looked>| -> Vec<BadgeState> {
            looked
                .into_iter()
                .map(|l| match l {
                    Looked::Badge(view) => view.state,
                    other => panic!("{other:?}"),
                })
                .collect()
        };
        let first = states(lookup(&worker, &people, false).await);
        assert_eq!(first[..2], [BadgeState::InCrm, BadgeState::NotInCrm]);
        assert_eq!(lookups(), 1, "one request for the page");
        states(lookup(&worker, &people[..2], false).await);
        assert_eq!(lookups(), 1, "both cached");
        lookup(&worker, &people[..2], true).await;
        assert_eq!(lookups(), 2, "fresh asks again");
        world.advance(CACHE_TTL_MS + 1.0);
        lookup(&worker, &people[..2], false).await;
        assert_eq!(lookups(), 3, "lapsed");
        // Another CRM: nothing of the first one's answers is read.
        world.sign_in(&world.other_url, RILEY);
        lookup(&worker, &people[..2], false).await;
        assert_eq!(lookups(), 4);
        world.sign_in(&world.crm_url, "not-a-token");
        assert_eq!(
            lookup(&worker, &people[..1], true).await,
            [Looked::Failed(CrmError::Unauthorized)]
        );
    });
}

// proves E5 (issue #17): a create that finds the person added meanwhile becomes an update; when
// that contact has active applications the CRM refuses the unconfirmed update, the popup offers
// "Update anyway", and the confirmed update lands once under a key of its own.
#[test]
fn an_update_the_crm_refuses_for_active_applications_lands_once_the_user_confirms() {
    let bench = Bench::new();
    bench.runtime.block_on(async {
        let clean = Scenario {
            fault: None,
            twist: Twist::None,
            crash_at: None,
        };
        let world = World::new(clean, 1, &bench.crm, &bench.other);
        let worker = Worker::start(&world);
        let begun = export_flow::begin(
            &worker,
            &Policy::default(),
            person(&world.name),
            &page(),
            choices(),
        )
        .await;
        let Begun::Ticket { ticket, .. } = begun else {
            panic!("{begun:?}")
        };
        // Meanwhile another recruiter adds the person, who applies to a vacancy.
        let theirs = serde_json::json!({ "full_name": person(&world.name).name,
            "public_id": world.name, "creation_source": "Extension" });
        let create = Request::json(Method::Post, "/api/v1/contacts", &theirs, Some("c".into()));
        let created = world.raw(world.crm, CASEY, create).await;
        let id = serde_json::from_str::<serde_json::Value>(&created.body).unwrap()["id"]
            .as_i64()
            .unwrap();
        world
            .crm
            .sql()
            .execute(
                "INSERT INTO applications (contact_id, vacancy_id, status) VALUES (?1, 1, 'active')",
                [id],
            )
            .unwrap();
        let bytes = pdf(2_000);
        let outcome = export_flow::pdf_arrived(&worker, &ticket, bytes.clone(), None).await;
        assert!(
            matches!(&outcome, export_flow::Outcome::Stopped { reason: export_flow::Stop::Refused { code, .. }, .. } if code == "active_applications"),
            "{outcome:?}"
        );
        let job = worker.job(&ticket).await.unwrap();
        assert!(job.entry(false, None).needs_confirmation);
        assert_eq!(job.contact_id, Some(id));
        let outcome = export_flow::retry(&worker, &ticket, true).await;
        assert!(
            matches!(outcome, Some(export_flow::Outcome::Done(ref card)) if card.id == id),
            "{outcome:?}"
        );
        let conn = world.crm.sql();
        let count = |sql: &str| -> i64 { conn.query_row(sql, [id], |r| r.get(0)).unwrap() };
        assert_eq!(
            count("SELECT count(*) FROM contacts WHERE public_id = (SELECT public_id FROM contacts WHERE id = ?1)"),
            1
        );
        assert_eq!(count("SELECT count(*) FROM attachments WHERE contact_id = ?1"), 1);
        assert_eq!(count("SELECT count(*) FROM notes WHERE contact_id = ?1"), 1);
        assert!(world.disk.borrow().jobs.is_empty());
    });
}
