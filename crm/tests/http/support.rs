//! A fresh demo CRM per test, on SQLite or (storage tests, issue #23) on PostgreSQL, and
//! small request helpers.

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use rusqlite::Connection;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
pub use talent_bridge_crm::db::Engine;
use talent_bridge_crm::db::{DbError, DbTarget, Sql};
use talent_bridge_crm::{Config, Db, router};
use tempfile::TempDir;
use tower::ServiceExt;

pub const RILEY: &str = "tb-demo-riley";
pub const VAL: &str = "tb-demo-val";
pub const CASEY: &str = "tb-demo-casey";
pub const PUBLIC_URL: &str = "https://crm.example.test";
/// Talent Bridge's own origin, allowed by default.
pub const EXTENSION_ORIGIN: &str = "chrome-extension://gnkhiiocdompgpmpfknahhechpbajkmk";
/// Another extension's origin, allowed only when configured.
pub const OTHER_EXTENSION_ORIGIN: &str = "chrome-extension://abcdefghijklmnopabcdefghijklmnop";

/// The demo database, migrated and seeded once per test run (argon2 hashing of the demo
/// passwords is slow in debug builds), copied into each test's own file.
fn template() -> &'static Mutex<Connection> {
    static TEMPLATE: OnceLock<Mutex<Connection>> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let conn = Connection::open_in_memory().unwrap();
        talent_bridge_crm::db::migrate(&conn).unwrap();
        talent_bridge_crm::seed::seed_demo(&conn).unwrap();
        Mutex::new(conn)
    })
}

pub struct TestCrm {
    _dir: TempDir,
    /// The SQLite file (on PostgreSQL, a path where nothing is).
    pub path: PathBuf,
    pub router: Router,
    pub engine: Engine,
    /// On PostgreSQL: this test's own database on the shared test server.
    pg_database: Option<String>,
    /// The test's own handle on the database, for arranging and checking rows.
    store: OnceLock<Db>,
}

impl TestCrm {
    /// The demo CRM on SQLite, test hooks on.
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
            engine: Engine::Sqlite,
            pg_database: None,
            store: OnceLock::new(),
        }
    }

    /// The demo CRM on `engine`, test hooks on. PostgreSQL's must have been checked to be
    /// there (`on_both_engines!` does).
    pub fn demo_on(engine: Engine) -> Self {
        match engine {
            Engine::Sqlite => Self::demo(),
            Engine::Postgres => {
                let server = crate::pg::server().expect("no PostgreSQL test server");
                let dir = TempDir::new().unwrap();
                let mut crm = Self {
                    path: dir.path().join("no-sqlite-file"),
                    _dir: dir,
                    router: Router::new(),
                    engine,
                    pg_database: Some(server.fresh_database()),
                    store: OnceLock::new(),
                };
                crm.router = crm.router_with(Config {
                    test_hooks: true,
                    ..Config::new(PUBLIC_URL)
                });
                crm
            }
        }
    }

    /// What `--db` would say for this test's database.
    pub fn target(&self) -> DbTarget {
        match &self.pg_database {
            Some(name) => {
                let server = crate::pg::server().expect("a PostgreSQL test's server");
                crate::pg::target(server.port, name)
            }
            None => DbTarget::Sqlite(self.path.clone()),
        }
    }

    /// A new handle on the test's database, as another server process would open it.
    pub fn open_db(&self) -> Db {
        let target = self.target();
        crate::pg::off_runtime(move || Db::open_target(&target).unwrap())
    }

    /// A new server on the test's database with this configuration.
    pub fn router_with(&self, config: Config) -> Router {
        router(self.open_db(), config)
    }

    /// Stops the server (closing its database) and starts a new one on the same database, as
    /// a restart would.
    pub fn restart(mut self) -> Self {
        self.router = Router::new();
        self.router = self.router_with(Config {
            test_hooks: true,
            ..Config::new(PUBLIC_URL)
        });
        self
    }

    /// The same database behind another router (one built by the test itself).
    pub fn serving(mut self, router: Router) -> Self {
        self.router = router;
        self
    }

    /// A direct connection to the test's SQLite file, for arranging and checking rows. Tests
    /// that run on both engines use [`TestCrm::store`].
    pub fn sql(&self) -> Connection {
        assert_eq!(
            self.engine,
            Engine::Sqlite,
            "crm.sql() is SQLite's own connection: use crm.store(…) in a test on both engines"
        );
        let conn = Connection::open(&self.path).unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        conn
    }

    /// Runs `work` on the test's database, whichever the engine, through the CRM's own storage
    /// layer (SQL as the CRM writes it: `?1` parameters).
    pub fn store<T: Send>(&self, work: impl FnOnce(&dyn Sql) -> Result<T, DbError> + Send) -> T {
        let db = self.store.get_or_init(|| self.open_db());
        crate::pg::off_runtime(|| db.run_blocking(work)).unwrap()
    }

    /// One number the query returns.
    pub fn number(&self, sql: &str) -> i64 {
        self.store(|s| s.query_row(sql, &[], |r| r.get(0)))
    }

    /// Runs one statement without parameters; returns the rows it changed.
    pub fn exec(&self, sql: &str) -> u64 {
        self.store(|s| s.execute(sql, &[]))
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        send_to(&self.router, request).await
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

    /// A write (`POST`, `PUT`, `PATCH`) with a JSON body and, when given, an Idempotency-Key.
    pub async fn write(
        &self,
        method: Method,
        path: &str,
        token: &str,
        key: Option<&str>,
        body: &Value,
    ) -> Reply {
        let mut request = request(method, path, Some(token), Some(body.to_string()));
        if let Some(key) = key {
            request
                .headers_mut()
                .insert("idempotency-key", key.parse().unwrap());
        }
        self.send(request).await
    }

    /// `POST /api/v1/contacts` with a fresh Idempotency-Key.
    pub async fn create(&self, token: &str, body: &Value) -> Reply {
        self.write(
            Method::POST,
            "/api/v1/contacts",
            token,
            Some(&fresh_key()),
            body,
        )
        .await
    }

    /// `PATCH /api/v1/contacts/{id}` with a fresh Idempotency-Key.
    pub async fn patch(&self, token: &str, id: i64, body: &Value) -> Reply {
        let path = format!("/api/v1/contacts/{id}");
        self.write(Method::PATCH, &path, token, Some(&fresh_key()), body)
            .await
    }

    /// `POST /api/v1/contacts/{id}/attachments?filename=…` with raw bytes.
    pub async fn upload(
        &self,
        token: &str,
        id: i64,
        key: &str,
        content_type: &str,
        filename: &str,
        bytes: Vec<u8>,
    ) -> Reply {
        let request = Request::post(format!(
            "/api/v1/contacts/{id}/attachments?filename={}",
            form_encode(filename)
        ))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, content_type)
        .header("idempotency-key", key)
        .body(Body::from(bytes))
        .unwrap();
        self.send(request).await
    }

    /// `POST /api/v1/export-check` for this profile (and picked contact).
    pub async fn export_check(
        &self,
        token: &str,
        profile: Value,
        contact_id: Option<i64>,
    ) -> Reply {
        let mut body = serde_json::json!({ "profile": profile });
        if let Some(id) = contact_id {
            body["contact_id"] = id.into();
        }
        self.post_json("/api/v1/export-check", Some(token), &body)
            .await
    }

    /// The id of the (first, by id) contact with this public id.
    pub fn id_of(&self, public_id: &str) -> i64 {
        self.store(|s| {
            s.query_row(
                "SELECT id FROM contacts WHERE public_id = ?1 ORDER BY id",
                talent_bridge_crm::params![public_id],
                |r| r.get(0),
            )
        })
    }

    /// The id of the (first, by id) contact with this name.
    pub fn id_named(&self, full_name: &str) -> i64 {
        self.store(|s| {
            s.query_row(
                "SELECT id FROM contacts WHERE full_name = ?1 ORDER BY id",
                talent_bridge_crm::params![full_name],
                |r| r.get(0),
            )
        })
    }

    /// Rows in `table`.
    pub fn count(&self, table: &str) -> i64 {
        self.number(&format!("SELECT count(*) FROM {table}"))
    }

    /// Signs in through the login form; returns the `Cookie` header value to send.
    pub async fn sign_in(&self, email: &str, password: &str) -> String {
        let reply = self.login(email, password, "/").await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text());
        let set_cookie = reply.header(header::SET_COOKIE.as_str()).unwrap();
        set_cookie.split(';').next().unwrap().to_string()
    }

    /// Signs in as a person does: the form page first (its cookie and token), then the post.
    pub async fn login(&self, email: &str, password: &str, next: &str) -> Reply {
        let form = self.login_form().await;
        self.send(form.post(email, password, next)).await
    }

    /// The log-in form page's cookie and token.
    pub async fn login_form(&self) -> LoginForm {
        let page = self.get_page("/login", None).await;
        assert_eq!(page.status, StatusCode::OK);
        let cookie = page
            .header(header::SET_COOKIE.as_str())
            .expect("the form page sets its cookie")
            .split(';')
            .next()
            .unwrap()
            .to_string();
        let token = page
            .text()
            .split("name=\"csrf_token\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("the form carries its token")
            .to_string();
        LoginForm { cookie, token }
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

impl Drop for TestCrm {
    fn drop(&mut self) {
        let Some(name) = self.pg_database.take() else {
            return;
        };
        // Every handle first, so the database has no session of ours left.
        self.router = Router::new();
        drop(self.store.take());
        if let Some(server) = crate::pg::server() {
            server.drop_database(&name);
        }
    }
}

/// Storage tests, run once per engine (issue #23): for each `async fn name(engine: Engine)`
/// named, `on_both_engines!(name, …)` makes the tests `name::sqlite` and `name::postgres`.
macro_rules! on_both_engines {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$name($crate::support::Engine::Sqlite).await
            }

            #[tokio::test]
            async fn postgres() {
                if $crate::pg::server().is_some() {
                    super::$name($crate::support::Engine::Postgres).await
                }
            }
        }
    )+};
}
pub(crate) use on_both_engines;

/// A log-in form as the browser holds it: the `tb_crm_login` cookie and the form's token.
#[derive(Clone, Debug)]
pub struct LoginForm {
    pub cookie: String,
    pub token: String,
}

impl LoginForm {
    /// The form's post with these fields.
    pub fn post(&self, email: &str, password: &str, next: &str) -> Request<Body> {
        self.post_with(email, password, next, Some(&self.token), Some(&self.cookie))
    }

    /// A post with any token and cookie (none, another form's, forged).
    pub fn post_with(
        &self,
        email: &str,
        password: &str,
        next: &str,
        token: Option<&str>,
        cookie: Option<&str>,
    ) -> Request<Body> {
        let mut form = format!(
            "email={}&password={}&next={}",
            form_encode(email),
            form_encode(password),
            form_encode(next)
        );
        if let Some(token) = token {
            form.push_str(&format!("&csrf_token={}", form_encode(token)));
        }
        let mut builder = Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(cookie) = cookie {
            builder = builder.header(header::COOKIE, cookie);
        }
        builder.body(Body::from(form)).unwrap()
    }
}

/// Sends `request` to `router` (another instance on the same database, say).
pub async fn send_to(router: &Router, request: Request<Body>) -> Reply {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        headers,
        body,
    }
}

pub fn open_router(path: &Path, test_hooks: bool) -> Router {
    open_router_with(
        path,
        Config {
            test_hooks,
            ..Config::new(PUBLIC_URL)
        },
    )
}

/// A router on `path` with this configuration (token lifetimes, say).
pub fn open_router_with(path: &Path, config: Config) -> Router {
    router(Db::open(path).unwrap(), config)
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

/// A new Idempotency-Key, unique within the test run.
pub fn fresh_key() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!("test-key-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// A small valid PDF of `len` bytes (header, padding, trailer).
pub fn pdf(len: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    let trailer = b"\n%%EOF\n";
    let mut i = 0u8;
    while bytes.len() + trailer.len() < len {
        bytes.push(b'a' + i % 26);
        i = i.wrapping_add(7);
    }
    bytes.extend_from_slice(trailer);
    bytes
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
