//! The log-in made safe to expose (C5, issue #22): a bounded pool for password checks, one path
//! for unknown emails and wrong passwords, the form's anti-forgery token, lock-outs per account
//! and per address.

use crate::support::*;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use talent_bridge::case;
use talent_bridge_crm::Config;
use talent_bridge_crm::auth::login::LoginLimits;
use talent_bridge_crm::auth::password::{Argon2Check, PasswordCheck};
use tower::ServiceExt;

/// A password check that counts: calls, checks in flight and their peak, and the hashes it was
/// given. `hold` keeps each check busy that long (as argon2 would); `real` answers as argon2.
#[derive(Debug, Default)]
struct CountingCheck {
    hold: Duration,
    real: bool,
    calls: AtomicUsize,
    in_flight: AtomicUsize,
    peak: AtomicUsize,
    hashes: Mutex<Vec<String>>,
}

impl PasswordCheck for CountingCheck {
    fn verify(&self, password: &str, stored: &str) -> bool {
        self.calls.fetch_add(1, Ordering::SeqCst);
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak.fetch_max(now, Ordering::SeqCst);
        self.hashes.lock().unwrap().push(stored.to_string());
        std::thread::sleep(self.hold);
        let matches = self.real && Argon2Check.verify(password, stored);
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
        matches
    }
}

/// The demo CRM with these sign-in limits and this password check.
fn crm_with(limits: LoginLimits, check: Arc<CountingCheck>) -> TestCrm {
    let crm = TestCrm::demo();
    let router = open_router_with(
        &crm.path,
        Config {
            login: limits,
            password_check: check,
            ..Config::new(PUBLIC_URL)
        },
    );
    crm.serving(router)
}

/// Limits that never lock anyone out, to look at the pool alone.
fn no_lockouts() -> LoginLimits {
    LoginLimits {
        account_failures: 1_000_000,
        address_failures: 1_000_000,
        ..LoginLimits::default()
    }
}

fn from(addr: &str, mut request: Request<Body>) -> Request<Body> {
    let addr: SocketAddr = addr.parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(addr));
    request
}

// proves C5: with a pool of N, never more than N password checks run at once, and the attempts
// that find it full are told to come back (429, Retry-After), never a server error.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_pool_bounds_password_checks_and_answers_the_excess_429() {
    const POOL: usize = 2;
    const ATTEMPTS: usize = 24;
    let check = Arc::new(CountingCheck {
        hold: Duration::from_millis(300),
        ..CountingCheck::default()
    });
    let limits = LoginLimits {
        hash_pool: POOL,
        hash_wait: Duration::from_millis(100),
        ..no_lockouts()
    };
    let crm = crm_with(limits, check.clone());
    let form = crm.login_form().await;
    let mut attempts = tokio::task::JoinSet::new();
    for i in 0..ATTEMPTS {
        let email = match i % 3 {
            0 => format!("nobody-{i}@example.com"),
            1 => "riley@example.com".to_string(),
            _ => "val@example.com".to_string(),
        };
        let request = form.post(&email, "wrong", "/");
        let router = crm.router.clone();
        attempts.spawn(async move {
            let reply = router.oneshot(request).await.unwrap();
            let retry_after = reply
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
            (reply.status(), retry_after)
        });
    }
    let mut answers: BTreeMap<u16, usize> = BTreeMap::new();
    while let Some(answer) = attempts.join_next().await {
        let (status, retry_after) = answer.unwrap();
        *answers.entry(status.as_u16()).or_default() += 1;
        if status == StatusCode::TOO_MANY_REQUESTS {
            assert!(retry_after.is_some_and(|s| s >= 1), "Retry-After on 429");
        }
    }
    let peak = check.peak.load(Ordering::SeqCst);
    assert!(
        peak <= POOL,
        "{peak} checks in flight with a pool of {POOL}"
    );
    assert_eq!(peak, POOL, "the attempts did overlap");
    let refused = answers.get(&401).copied().unwrap_or_default();
    let busy = answers.get(&429).copied().unwrap_or_default();
    assert_eq!(refused + busy, ATTEMPTS, "401 or 429 only: {answers:?}");
    assert!(busy > 0, "the excess is answered 429: {answers:?}");
    assert_eq!(
        check.calls.load(Ordering::SeqCst),
        refused,
        "one check per answered attempt, none for a 429"
    );
}

// proves C5: an unknown email and a wrong password run the same check once, against a hash of
// the same cost, and get the same status and the same bytes: the form tells no one who has an
// account.
#[tokio::test]
async fn an_unknown_email_and_a_wrong_password_are_one_answer() {
    let check = Arc::new(CountingCheck {
        real: true,
        ..CountingCheck::default()
    });
    let crm = crm_with(LoginLimits::default(), check.clone());
    let form = crm.login_form().await;
    let unknown = crm
        .send(form.post("nobody@example.com", "riley-demo", "/contacts/1"))
        .await;
    assert_eq!(check.calls.load(Ordering::SeqCst), 1);
    let wrong = crm
        .send(form.post("riley@example.com", "not-riley", "/contacts/1"))
        .await;
    assert_eq!(check.calls.load(Ordering::SeqCst), 2);
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        (unknown.status, &unknown.headers, &unknown.body),
        (wrong.status, &wrong.headers, &wrong.body),
        "{}",
        unknown.text()
    );
    let hashes = check.hashes.lock().unwrap().clone();
    let cost = |phc: &str| phc.split('$').take(4).collect::<Vec<_>>().join("$");
    let riley: String = crm
        .sql()
        .query_row(
            "SELECT password_hash FROM users WHERE email = 'riley@example.com'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(hashes[1], riley);
    assert_ne!(
        hashes[0], riley,
        "the unknown email has a stand-in of its own"
    );
    assert_eq!(cost(&hashes[0]), cost(&riley), "at the same cost");

    let right = crm
        .send(form.post("riley@example.com", "riley-demo", "/"))
        .await;
    assert_eq!(right.status, StatusCode::SEE_OTHER);
    assert_eq!(check.calls.load(Ordering::SeqCst), 3);
}

// proves C5: a log-in post without its form's token, or with a token that is not the one of
// its cookie, is refused before any password is checked (log-in CSRF).
#[tokio::test]
async fn a_forged_log_in_is_refused() {
    let check = Arc::new(CountingCheck {
        real: true,
        ..CountingCheck::default()
    });
    let crm = crm_with(LoginLimits::default(), check.clone());
    let form = crm.login_form().await;
    let other = crm.login_form().await;
    assert_ne!(form.token, other.token);
    let (email, password) = ("riley@example.com", "riley-demo");
    for (what, request) in [
        (
            "no token, no cookie",
            form.post_with(email, password, "/", None, None),
        ),
        (
            "no token",
            form.post_with(email, password, "/", None, Some(&form.cookie)),
        ),
        (
            "no cookie",
            form.post_with(email, password, "/", Some(&form.token), None),
        ),
        (
            "another form's token",
            form.post_with(email, password, "/", Some(&other.token), Some(&form.cookie)),
        ),
        (
            "the cookie as token",
            form.post_with(
                email,
                password,
                "/",
                form.cookie.split_once('=').map(|(_, v)| v),
                Some(&form.cookie),
            ),
        ),
    ] {
        let reply = crm.send(request).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{what}");
        let cookies: Vec<_> = reply.headers.get_all("set-cookie").iter().collect();
        assert!(
            cookies
                .iter()
                .all(|c| !c.to_str().unwrap().starts_with("tb_crm_session=")),
            "{what}: nobody signed in"
        );
        assert!(
            reply.text().contains("name=\"csrf_token\""),
            "{what}: a new form"
        );
    }
    assert_eq!(check.calls.load(Ordering::SeqCst), 0, "no password checked");
    let cookie = case::lower(&form.cookie);
    assert!(cookie.starts_with("tb_crm_login="));
    let page = crm.get_page("/login", None).await;
    let set = page.header("set-cookie").unwrap();
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/login", "Secure"] {
        assert!(set.contains(attribute), "{set}");
    }
    let ok = crm.send(form.post(email, password, "/")).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
}

// proves C5: failures lock the account (an unknown email exactly as a real one), then the
// address; a lock refuses even the right password without checking it; another address is
// not locked out by someone else's failures.
#[tokio::test]
async fn failures_lock_the_account_then_the_address() {
    let check = Arc::new(CountingCheck {
        real: true,
        ..CountingCheck::default()
    });
    let limits = LoginLimits {
        account_failures: 3,
        address_failures: 7,
        lockout: Duration::from_secs(60),
        lockout_max: Duration::from_secs(600),
        ..LoginLimits::default()
    };
    let crm = crm_with(limits, check.clone());
    let form = crm.login_form().await;
    let here = "192.0.2.7:50000";
    for email in ["riley@example.com", "nobody@example.com"] {
        for _ in 0..3 {
            let reply = crm.send(from(here, form.post(email, "wrong", "/"))).await;
            assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{email}");
        }
    }
    let calls = check.calls.load(Ordering::SeqCst);
    assert_eq!(calls, 6);
    let riley = crm
        .send(from(
            here,
            form.post("riley@example.com", "riley-demo", "/"),
        ))
        .await;
    let nobody = crm
        .send(from(
            here,
            form.post("nobody@example.com", "riley-demo", "/"),
        ))
        .await;
    assert_eq!(riley.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(riley.header("retry-after"), Some("60"));
    assert_eq!(
        (riley.status, &riley.headers, &riley.body),
        (nobody.status, &nobody.headers, &nobody.body),
        "a locked unknown email looks like a locked account"
    );
    assert_eq!(check.calls.load(Ordering::SeqCst), calls, "nothing checked");
    let elsewhere = "198.51.100.9:40000";
    let locked = crm
        .send(from(
            elsewhere,
            form.post("riley@example.com", "riley-demo", "/"),
        ))
        .await;
    assert_eq!(
        locked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the account is"
    );

    // One more failure from here locks the address for every account.
    let reply = crm
        .send(from(here, form.post("val@example.com", "wrong", "/")))
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    let casey = crm
        .send(from(
            here,
            form.post("casey@example.com", "casey-demo", "/"),
        ))
        .await;
    assert_eq!(casey.status, StatusCode::TOO_MANY_REQUESTS);
    let casey = crm
        .send(from(
            elsewhere,
            form.post("casey@example.com", "casey-demo", "/"),
        ))
        .await;
    assert_eq!(casey.status, StatusCode::SEE_OTHER, "{}", casey.text());
}
