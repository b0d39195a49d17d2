//! One PostgreSQL 15 server for the whole test run (issue #23): Debian's binaries
//! (`/usr/lib/postgresql/15/bin`, or `TB_PG_BIN`), a cluster in a temporary directory, on a
//! loopback port. As root (CI) through `runuser -u postgres` on a directory it chowns, since
//! `initdb` refuses root. The demo database is made once as a template; each test gets a copy
//! of its own (`CREATE DATABASE … TEMPLATE`), dropped when the test ends.
//!
//! The server stops and its directory goes when this process ends, however it ends: the shell
//! that started it waits on a pipe only this process holds.
//!
//! Without the binaries a PostgreSQL test fails under CI (`CI=true`) and is skipped, with a
//! message, elsewhere.

use postgres::{Client, NoTls};
use std::io::{BufRead, BufReader, Read};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};
use talent_bridge_crm::db::{Db, DbTarget};

const DEFAULT_BIN: &str = "/usr/lib/postgresql/15/bin";
const TEMPLATE: &str = "tb_template";

/// The running server.
pub struct PgServer {
    pub port: u16,
    admin: Mutex<Client>,
    /// Its write end is the server's life line: closed when this process ends.
    _keeper: Mutex<(Child, ChildStdin)>,
}

/// The server, started on first use; `None` when PostgreSQL is not installed here (and not in
/// CI, where that fails the test).
pub fn server() -> Option<&'static PgServer> {
    static SERVER: OnceLock<Result<PgServer, String>> = OnceLock::new();
    let started = SERVER.get_or_init(|| off_runtime(start));
    match started {
        Ok(server) => Some(server),
        Err(why) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("PostgreSQL is required in CI (./build.sh setup installs it): {why}")
        }
        Err(why) => {
            eprintln!("skipped: no PostgreSQL for this test: {why}");
            None
        }
    }
}

/// Runs `work` on a thread of its own: the sync PostgreSQL client runs its own I/O and must
/// not be driven from an async test's thread.
pub fn off_runtime<T: Send>(work: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| match scope.spawn(work).join() {
        Ok(value) => value,
        Err(panic) => std::panic::resume_unwind(panic),
    })
}

fn start() -> Result<PgServer, String> {
    let began = Instant::now();
    let bin = std::env::var("TB_PG_BIN").unwrap_or_else(|_| DEFAULT_BIN.to_string());
    for tool in ["initdb", "pg_ctl", "postgres"] {
        if !Path::new(&bin).join(tool).exists() {
            return Err(format!(
                "{bin}/{tool} is missing (Debian: apt-get install postgresql, version 15)"
            ));
        }
    }
    // The free port may be taken before the server binds it: a few tries.
    let mut tries = 0;
    let (port, child, stdin) = loop {
        tries += 1;
        match launch(&bin) {
            Ok(started) => break started,
            Err(e) if tries < 3 => eprintln!("PostgreSQL for the tests, try {tries}: {e}"),
            Err(e) => return Err(e),
        }
    };
    let mut admin = connect(port, "postgres")?;
    admin
        .batch_execute(&format!("CREATE DATABASE {TEMPLATE}"))
        .map_err(|e| e.to_string())?;
    let db = Db::open_target(&target(port, TEMPLATE)).map_err(|e| e.to_string())?;
    db.run_blocking(|sql| {
        talent_bridge_crm::seed::seed_demo(sql)
            .map_err(|e| talent_bridge_crm::db::DbError::TaskFailed(e.to_string()))
    })
    .map_err(|e| e.to_string())?;
    drop(db);
    let started_in = began.elapsed();
    eprintln!("PostgreSQL for the storage tests: port {port}, ready in {started_in:?}");
    Ok(PgServer {
        port,
        admin: Mutex::new(admin),
        _keeper: Mutex::new((child, stdin)),
    })
}

/// Runs [`SCRIPT`] on a free port; returns once the server accepts connections.
fn launch(bin: &str) -> Result<(u16, Child, ChildStdin), String> {
    let port = free_port()?;
    let mut child = Command::new("sh")
        .args(["-c", SCRIPT, "pg-for-tests", bin, &port.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run sh: {e}"))?;
    let stdin = child.stdin.take().ok_or("no stdin")?;
    let mut stdout = BufReader::new(child.stdout.take().ok_or("no stdout")?);
    let mut line = String::new();
    let _ = stdout.read_line(&mut line);
    if line.trim() != "ready" {
        let mut stderr = String::new();
        if let Some(mut err) = child.stderr.take() {
            let _ = err.read_to_string(&mut stderr);
        }
        let _ = child.wait();
        return Err(format!("the test server did not start: {line}{stderr}"));
    }
    Ok((port, child, stdin))
}

/// Makes the cluster, starts it (no fsync: a test database needs no durability), prints
/// `ready`, then waits until this process closes the pipe, and cleans up.
const SCRIPT: &str = r#"
set -eu
bin=$1 port=$2
dir=$(mktemp -d "${TMPDIR:-/tmp}/tb-pg-XXXXXX")
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
# pg_ctl detaches the server from the terminal: a Ctrl-C must still end in cleanup.
trap 'exit 130' INT TERM HUP
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
if ! as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1; then cat "$dir/initdb.log" >&2; exit 1; fi
if ! as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -h 127.0.0.1 -k $dir -F -c full_page_writes=off -c synchronous_commit=off -c max_connections=400" \
    start >/dev/null 2>&1; then cat "$dir/server.log" >&2; exit 1; fi
echo ready
read -r _ || true
"#;

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

fn connect(port: u16, database: &str) -> Result<Client, String> {
    Client::connect(
        &format!("host=127.0.0.1 port={port} user=postgres dbname={database}"),
        NoTls,
    )
    .map_err(|e| e.to_string())
}

/// The `--db` URL of a database on the test server.
pub fn target(port: u16, database: &str) -> DbTarget {
    format!("postgres://postgres@127.0.0.1:{port}/{database}")
        .parse()
        .unwrap()
}

impl PgServer {
    /// A fresh copy of the demo database; returns its name.
    pub fn fresh_database(&self) -> String {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let name = format!(
            "tb_test_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        off_runtime(|| {
            let mut admin = self.admin.lock().unwrap_or_else(|e| e.into_inner());
            // The template's last connection may still be closing: retry for a moment.
            let mut tries = 0;
            loop {
                match admin.batch_execute(&format!("CREATE DATABASE {name} TEMPLATE {TEMPLATE}")) {
                    Ok(()) => break,
                    Err(e) if tries < 50 => {
                        tries += 1;
                        let _ = e;
                        std::thread::sleep(Duration::from_millis(20));
                    }
                    Err(e) => panic!("CREATE DATABASE {name}: {e}"),
                }
            }
        });
        name
    }

    /// Drops a test's database, closing whatever connection is left.
    pub fn drop_database(&self, name: &str) {
        off_runtime(|| {
            let mut admin = self.admin.lock().unwrap_or_else(|e| e.into_inner());
            if let Err(e) =
                admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            {
                eprintln!("DROP DATABASE {name}: {e}");
            }
        });
    }
}
