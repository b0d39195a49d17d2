//! A fresh demo CRM per test, and small request helpers.

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use rusqlite::Connection;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use talent_bridge_crm::{Config, Db, router};
use tempfile::TempDir;
use tower::ServiceExt;

pub const RILEY: &str = "tb-demo-riley";
pub const VAL: &str = "tb-demo-val";
pub const CASEY: &str = "tb-demo-casey";
pub const PUBLIC_URL: &str = "https://crm.example.test";
pub const EXTENSION_ORIGIN: &str = "chrome-extension://abcdefghijklmnopabcdefghijklmnop";

/// The demo database, migrated and seeded once per test run (argon2 hashing of the demo
/// passwords is slow in debug builds), copied into each test's own file.
fn template() -> &'static Mutex<Connection> {
    static TEMPLATE: OnceLock<Mutex<Connection>> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let mut conn = Connection::open_in_memory().unwrap();
        talent_bridge_crm::db::migrate(&mut conn).unwrap();
        talent_bridge_crm::seed::seed_demo(&mut conn).unwrap();
        Mutex::new(conn)
    })
}

pub struct TestCrm {
    _dir: TempDir,
    pub path: PathBuf,
    pub router: Router,
}

impl TestCrm {
    /// The demo CRM, test hooks on.
    pub fn demo() -> Self {
        Self::with_hooks(true)
    }

    pub fn with_hooks(test_hooks: bool) -> Self {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("crm.db");
        template()
            .lock()
            .unwrap()
            .execute("VACUUM INTO ?1", [path.to_str().unwrap()])
            .unwrap();
        let router = open_router(&path, test_hooks);
        Self {
            _dir: dir,
            path,
            router,
        }
    }

    /// Stops the server (closing its database) and starts a new one on the same file, as a
    /// restart would.
    pub fn restart(self) -> Self {
        let Self { _dir, path, router } = self;
        drop(router);
        let router = open_router(&path, true);
        Self { _dir, path, router }
    }

    /// The same database behind another router (one built by the test itself).
    pub fn serving(self, router: Router) -> Self {
        Self { router, ..self }
    }

    /// A direct connection to the test's database, for arranging and checking rows.
    pub fn sql(&self) -> Connection {
        let conn = Connection::open(&self.path).unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        conn
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.send(request(Method::GET, path, token, None)).await
    }

    pub async fn post_json(&self, path: &str, token: Option<&str>, body: &Value) -> Reply {
        self.send(request(Method::POST, path, token, Some(body.to_string())))
            .await
    }

    /// `POST /api/v1/lookup` with these queries.
    pub async fn lookup(&self, token: &str, profiles: Value) -> Reply {
        self.post_json(
            "/api/v1/lookup",
            Some(token),
            &serde_json::json!({ "profiles": profiles }),
        )
        .await
    }

    /// Signs in through the login form; returns the `Cookie` header value to send.
    pub async fn sign_in(&self, email: &str, password: &str) -> String {
        let reply = self.login(email, password, "/").await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text());
        let set_cookie = reply.header(header::SET_COOKIE.as_str()).unwrap();
        set_cookie.split(';').next().unwrap().to_string()
    }

    pub async fn login(&self, email: &str, password: &str, next: &str) -> Reply {
        let form = format!(
            "email={}&password={}&next={}",
            form_encode(email),
            form_encode(password),
            form_encode(next)
        );
        let request = Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form))
            .unwrap();
        self.send(request).await
    }

    /// `GET path` with a session cookie.
    pub async fn get_page(&self, path: &str, cookie: Option<&str>) -> Reply {
        let mut builder = Request::get(path);
        if let Some(cookie) = cookie {
            builder = builder.header(header::COOKIE, cookie);
        }
        self.send(builder.body(Body::empty()).unwrap()).await
    }
}

pub fn open_router(path: &Path, test_hooks: bool) -> Router {
    let db = Db::open(path).unwrap();
    router(
        db,
        Config {
            public_url: PUBLIC_URL.to_string(),
            test_hooks,
        },
    )
}

pub fn request(
    method: Method,
    path: &str,
    token: Option<&str>,
    json: Option<String>,
) -> Request<Body> {
    let mut builder = Request::builder().method(method).uri(path);
    if let Some(token) = token {
        builder = builder.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    match json {
        Some(json) => builder
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(json))
            .unwrap(),
        None => builder.body(Body::empty()).unwrap(),
    }
}

fn form_encode(s: &str) -> String {
    talent_bridge::profile::percent_encode_segment(s)
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts the API's error shape and returns the code.
    pub fn error_code(&self) -> String {
        let json = self.json();
        let message = json["error"]["message"].as_str().unwrap_or_default();
        assert!(!message.is_empty(), "an error message for people: {json}");
        json["error"]["code"].as_str().unwrap().to_string()
    }
}

/// The matches of the lookup result with this ref.
pub fn matches<'a>(response: &'a Value, reference: &str) -> &'a Vec<Value> {
    let results = response["results"].as_array().unwrap();
    let result = results.iter().find(|r| r["ref"] == reference).unwrap();
    result["matches"].as_array().unwrap()
}

/// The names of the matches of the lookup result with this ref.
pub fn matched_names(response: &Value, reference: &str) -> Vec<String> {
    matches(response, reference)
        .iter()
        .map(|m| m["contact"]["full_name"].as_str().unwrap().to_string())
        .collect()
}
