//! The real `crm` binary: one line on stdout with the bound port, a working server on it, and
//! a clean stop on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;
use tempfile::TempDir;

const CRM: &str = env!("CARGO_BIN_EXE_crm");

/// A bare HTTP/1.1 GET on loopback; returns the whole response as text.
fn http_get(port: u16, path: &str, token: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n\
         Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

#[test]
fn serve_prints_its_port_serves_and_stops_on_sigterm() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("crm.db");
    let seeded = Command::new(CRM)
        .args(["seed", "--demo", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        seeded.status.success(),
        "{}",
        String::from_utf8_lossy(&seeded.stderr)
    );

    let mut child = Command::new(CRM)
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--seed-demo",
            "--test-hooks",
            "--db",
        ])
        .arg(&db)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let port: u16 = line
        .trim()
        .strip_prefix("listening on http://127.0.0.1:")
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .parse()
        .unwrap();

    let me = http_get(port, "/api/v1/me", "tb-demo-riley");
    assert!(me.starts_with("HTTP/1.1 200"), "{me}");
    assert!(me.contains("Riley Recruiter"));
    let stats = http_get(port, "/_test/stats", "");
    assert!(stats.contains("\"lookup_requests\":0"), "{stats}");

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "graceful shutdown exits 0: {status}");
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    assert!(
        rest.is_empty(),
        "exactly one line on stdout, then: {rest:?}"
    );
    let mut log = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    assert!(log.contains("crm: stopped"), "{log}");
    assert!(!log.contains("tb-demo-riley"), "tokens never reach the log");
    assert!(
        !log.contains("riley@example.com"),
        "personal data never reaches the log"
    );
}

// proves C2: `crm seed --synthetic N` adds N made-up contacts once, indexed for every stage.
#[test]
fn seed_synthetic_adds_contacts_once() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("crm.db");
    for expected in ["40 synthetic contacts added", "0 synthetic contacts added"] {
        let seeded = Command::new(CRM)
            .args(["seed", "--synthetic", "40", "--db"])
            .arg(&db)
            .output()
            .unwrap();
        let log = String::from_utf8_lossy(&seeded.stderr);
        assert!(seeded.status.success(), "{log}");
        assert!(log.contains(expected), "{log}");
    }
    let sql = rusqlite::Connection::open(&db).unwrap();
    let (contacts, unindexed, names): (i64, i64, i64) = sql
        .query_row(
            "SELECT count(*), sum(match_indexed = 0),
                    (SELECT count(DISTINCT contact_id) FROM contact_match_keys WHERE kind = 'name')
             FROM contacts",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!((contacts, unindexed, names), (40, 0, 40));
    let nothing = Command::new(CRM)
        .args(["seed", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(!nothing.status.success());
}

/// A bare HTTP/1.1 request on loopback: (status, head, body).
fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut request =
        format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let status = head[9..12].parse().unwrap();
    (status, head.to_string(), body.to_string())
}

fn header_of<'a>(head: &'a str, name: &str) -> &'a str {
    head.lines()
        .find_map(|line| {
            let (k, v) = line.split_once(':')?;
            k.eq_ignore_ascii_case(name).then_some(v.trim())
        })
        .unwrap_or_else(|| panic!("no {name} in {head}"))
}

// proves A1, A2: `--oauth-client` registers another extension's redirect URI, and
// `--access-token-ttl` sets the lifetime the token endpoint hands out, on the real binary.
#[test]
fn serve_registers_oauth_clients_and_token_lifetimes() {
    const OTHER: &str = "https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/";
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("crm.db");
    let mut child = Command::new(CRM)
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--seed-demo",
            "--access-token-ttl",
            "5",
        ])
        .args(["--oauth-client", &format!("acme={OTHER}")])
        .args([
            "--allow-extension",
            "abcdefghijklmnopabcdefghijklmnop",
            "--db",
        ])
        .arg(&db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let port: u16 = line
        .trim()
        .strip_prefix("listening on http://127.0.0.1:")
        .unwrap()
        .parse()
        .unwrap();

    let crm = talent_bridge::settings::CrmUrl::parse(&format!("http://127.0.0.1:{port}/")).unwrap();
    let random: Vec<u8> = (0..64).collect();
    let flow = talent_bridge::oauth::PkceFlow::new(&random, OTHER, "acme").unwrap();
    let authorize = flow.authorize_url(&crm);
    let authorize = &authorize[authorize.find("/oauth/").unwrap()..];
    let (status, head, _) = http(port, "GET", authorize, &[], "");
    assert_eq!(
        status, 303,
        "a registered client is sent to the log-in: {head}"
    );
    let unknown = authorize.replace("client_id=acme", "client_id=nobody");
    assert_eq!(http(port, "GET", &unknown, &[], "").0, 400);

    let form = ("Content-Type", "application/x-www-form-urlencoded");
    let (status, head, page) = http(port, "GET", "/login", &[], "");
    assert_eq!(status, 200);
    let login_cookie = header_of(&head, "set-cookie").split(';').next().unwrap();
    let token = page
        .split("name=\"csrf_token\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap();
    let (status, head, _) = http(
        port,
        "POST",
        "/login",
        &[form, ("Cookie", login_cookie)],
        &format!("email=riley%40example.com&password=riley-demo&next=%2F&csrf_token={token}"),
    );
    assert_eq!(status, 303);
    let cookie = header_of(&head, "set-cookie")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let (status, _, page) = http(port, "GET", authorize, &[("Cookie", &cookie)], "");
    assert_eq!(status, 200);
    let mut fields: Vec<String> = page
        .split("<input type=\"hidden\" name=\"")
        .skip(1)
        .map(|rest| {
            let (name, rest) = rest.split_once('"').unwrap();
            let value = rest
                .split_once("value=\"")
                .unwrap()
                .1
                .split_once('"')
                .unwrap()
                .0;
            format!(
                "{name}={}",
                talent_bridge::profile::percent_encode_segment(&value.replace("&amp;", "&"))
            )
        })
        .collect();
    fields.push("decision=allow".into());
    let (status, head, _) = http(
        port,
        "POST",
        "/oauth/authorize",
        &[form, ("Cookie", &cookie)],
        &fields.join("&"),
    );
    assert_eq!(status, 302, "{head}");
    let code = flow
        .code_from_redirect(header_of(&head, "location"))
        .unwrap();
    let (status, _, body) = http(
        port,
        "POST",
        "/oauth/token",
        &[form],
        &flow.token_request(&code),
    );
    assert_eq!(status, 200, "{body}");
    let tokens: talent_bridge::oauth::TokenResponse = serde_json::from_str(&body).unwrap();
    assert_eq!(tokens.expires_in, 5);
    let me = http_get(port, "/api/v1/me", &tokens.access_token);
    assert!(me.starts_with("HTTP/1.1 200"), "{me}");

    let preflight = |origin: &str| {
        let (status, head, _) = http(
            port,
            "OPTIONS",
            "/api/v1/me",
            &[("Origin", origin), ("Access-Control-Request-Method", "GET")],
            "",
        );
        let allowed = head.lines().any(|line| {
            line.to_ascii_lowercase()
                .starts_with("access-control-allow-origin:")
        });
        (status, allowed)
    };
    assert_eq!(
        preflight("chrome-extension://abcdefghijklmnopabcdefghijklmnop"),
        (204, true),
        "--allow-extension"
    );
    assert_eq!(
        preflight("chrome-extension://gnkhiiocdompgpmpfknahhechpbajkmk"),
        (204, true),
        "ours is always allowed"
    );
    assert_eq!(
        preflight("chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba"),
        (405, false),
        "any other extension is refused"
    );

    child.kill().unwrap();
    child.wait().unwrap();

    let refused = Command::new(CRM)
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--oauth-client",
            "acme=http://evil.example/",
            "--db",
        ])
        .arg(&db)
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("loopback"));
}

/// The log-in form's cookie (`name=value`) and token, from `GET /login`.
fn login_form(port: u16) -> (String, String) {
    let (status, head, page) = http(port, "GET", "/login", &[], "");
    assert_eq!(status, 200);
    let cookie = header_of(&head, "set-cookie").split(';').next().unwrap();
    let token = page
        .split("name=\"csrf_token\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap();
    (cookie.to_string(), token.to_string())
}

// proves C5: on the real binary, a burst of log-ins against a pool of one is answered 401 or
// 429 with Retry-After, never a 5xx; `--login-account-failures` and `--login-lockout` lock an
// account out, counted on the real peer address.
#[test]
fn serve_bounds_and_locks_out_log_ins() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("crm.db");
    let mut child = Command::new(CRM)
        .args(["serve", "--addr", "127.0.0.1:0", "--seed-demo"])
        .args(["--login-hash-pool", "1", "--login-account-failures", "2"])
        .args(["--login-address-failures", "1000", "--login-lockout", "30"])
        .arg("--db")
        .arg(&db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let port: u16 = line
        .trim()
        .strip_prefix("listening on http://127.0.0.1:")
        .unwrap()
        .parse()
        .unwrap();
    let (cookie, token) = login_form(port);
    let post = |email: &str, password: &str| {
        let body = format!(
            "email={}&password={password}&next=%2F&csrf_token={token}",
            talent_bridge::profile::percent_encode_segment(email)
        );
        let headers = [
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Cookie", cookie.as_str()),
        ];
        let (status, head, _) = http(port, "POST", "/login", &headers, &body);
        let retry_after = head.lines().find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("retry-after:")
                .map(|v| v.trim().to_string())
        });
        (status, retry_after)
    };

    let answers: Vec<(u16, Option<String>)> = std::thread::scope(|s| {
        let burst: Vec<_> = (0..40)
            .map(|i| s.spawn(move || post(&format!("nobody-{i}@example.com"), "wrong")))
            .collect();
        burst.into_iter().map(|t| t.join().unwrap()).collect()
    });
    assert!(
        answers.iter().all(|(s, _)| *s == 401 || *s == 429),
        "{answers:?}"
    );
    assert!(answers.iter().any(|(s, _)| *s == 429), "{answers:?}");
    assert!(
        answers
            .iter()
            .all(|(s, r)| *s != 429 || r.as_deref().is_some_and(|r| r.parse::<u64>().is_ok())),
        "{answers:?}"
    );

    assert_eq!(post("riley@example.com", "wrong").0, 401);
    assert_eq!(post("riley@example.com", "wrong").0, 401);
    assert_eq!(
        post("riley@example.com", "riley-demo"),
        (429, Some("30".to_string()))
    );
    assert_eq!(
        post("val@example.com", "val-demo").0,
        303,
        "other accounts are not locked"
    );

    child.kill().unwrap();
    child.wait().unwrap();
}

// proves issue #23: a bad `--db`, and a PostgreSQL that cannot be reached, stop the server at
// once with words that say what to fix, never with the password.
#[test]
fn serve_explains_a_bad_or_unreachable_database() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("postgres://crm:s3cret-pw@127.0.0.1:{port}/talent");
    let run = |db: &str| {
        let out = Command::new(CRM)
            .args(["serve", "--addr", "127.0.0.1:0", "--db", db])
            .output()
            .unwrap();
        assert!(!out.status.success(), "{db}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let unreachable = run(&url);
    assert!(
        unreachable.contains(&format!(
            "cannot use the PostgreSQL database crm@127.0.0.1:{port}/talent"
        )),
        "{unreachable}"
    );
    assert!(unreachable.contains("pg_hba.conf"), "{unreachable}");
    assert!(!unreachable.contains("s3cret-pw"), "{unreachable}");
    let no_database = run("postgres://crm:s3cret-pw@127.0.0.1:5432");
    assert!(no_database.contains("names no database"), "{no_database}");
    assert!(!no_database.contains("s3cret-pw"), "{no_database}");
    let other = run("mysql://crm@db/talent");
    assert!(other.contains("is not a database this CRM uses"), "{other}");
}

// proves issue #23: `crm seed` and `crm serve --db postgres://…` on a PostgreSQL database.
#[test]
fn serve_on_postgres() {
    let Some(server) = crate::pg::server() else {
        return;
    };
    let database = server.fresh_database();
    let url = format!("postgres://postgres@127.0.0.1:{}/{database}", server.port);
    // The client has no TLS: a URL that requires it is refused, not served in the clear.
    let tls = Command::new(CRM)
        .args(["seed", "--demo", "--db", &format!("{url}?sslmode=require")])
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&tls.stderr);
    assert!(!tls.status.success(), "{log}");
    assert!(log.contains("cannot use the PostgreSQL database"), "{log}");
    let seeded = Command::new(CRM)
        .args(["seed", "--synthetic", "5", "--db", &url])
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&seeded.stderr);
    assert!(seeded.status.success(), "{log}");
    assert!(log.contains("5 synthetic contacts added"), "{log}");
    let mut child = Command::new(CRM)
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--seed-demo",
            "--db",
            &url,
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let port: u16 = line
        .trim()
        .strip_prefix("listening on http://127.0.0.1:")
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .parse()
        .unwrap();
    let me = http_get(port, "/api/v1/me", "tb-demo-riley");
    let (lookup, _, body) = http(
        port,
        "POST",
        "/api/v1/lookup",
        &[
            ("Authorization", "Bearer tb-demo-val"),
            ("Content-Type", "application/json"),
        ],
        r#"{"profiles":[{"ref":"0","public_id":"synthetic-3"},{"ref":"1","public_id":"ada-lovelace"}]}"#,
    );
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    server.drop_database(&database);
    assert!(me.starts_with("HTTP/1.1 200"), "{me}");
    assert_eq!(lookup, 200, "{body}");
    assert!(body.contains("Ada Lovelace"), "{body}");
    assert!(body.contains("person3@synthetic.example"), "{body}");
    assert!(status.success(), "graceful shutdown exits 0: {status}");
}

// proves A2 (issue #18 item 6): `crm seed --demo` makes one demo admin; `crm admin EMAIL` makes
// another (the email's case aside), `--revoke` undoes it, and an unknown email is refused.
#[test]
fn admins_are_made_and_revoked_by_email() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("crm.db");
    let crm = |args: &[&str]| {
        Command::new(CRM)
            .args(args)
            .arg("--db")
            .arg(&db)
            .output()
            .unwrap()
    };
    let admin = |email: &str| -> i64 {
        rusqlite::Connection::open(&db)
            .unwrap()
            .query_row("SELECT admin FROM users WHERE email = ?1", [email], |r| {
                r.get(0)
            })
            .unwrap()
    };
    assert!(crm(&["seed", "--demo"]).status.success());
    assert_eq!(admin("casey@example.com"), 1, "the demo admin");
    assert_eq!(admin("riley@example.com"), 0);

    let made = crm(&["admin", "RILEY@example.com"]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    assert_eq!(admin("riley@example.com"), 1);
    let revoked = crm(&["admin", "riley@example.com", "--revoke"]);
    assert!(revoked.status.success());
    assert!(String::from_utf8_lossy(&revoked.stderr).contains("no longer an admin"));
    assert_eq!(admin("riley@example.com"), 0);
    assert_eq!(admin("casey@example.com"), 1, "only the one named");

    let unknown = crm(&["admin", "nobody@example.com"]);
    assert!(!unknown.status.success());
    assert!(
        String::from_utf8_lossy(&unknown.stderr).contains("no CRM user with the email"),
        "{}",
        String::from_utf8_lossy(&unknown.stderr)
    );
}
