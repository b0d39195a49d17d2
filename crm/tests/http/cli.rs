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
