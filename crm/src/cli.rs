//! `crm serve` and `crm seed`: the command line.

use crate::app::{self, Config};
use crate::auth::login::{self, LoginLimits};
use crate::db::{Db, DbTarget};
use crate::oauth::{self, clients::ClientRegistration};
use crate::seed;
use clap::{Args, Parser, Subcommand};
use std::error::Error;
use std::io::Write;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpListener;

#[derive(Debug, Parser)]
#[command(name = "crm", about = "Talent Bridge reference CRM server", version)]
// A later option wins over an earlier one: a test harness passes defaults, a test its own.
#[command(args_override_self = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API, the OAuth endpoints and the CRM's pages.
    Serve(ServeArgs),
    /// Add data to a database (either or both of --demo and --synthetic).
    Seed {
        /// The demo data the fixture site is written against.
        #[arg(long)]
        demo: bool,
        /// N made-up contacts (`synthetic-0` …), for measuring lookups at size.
        #[arg(long, value_name = "N")]
        synthetic: Option<usize>,
        /// A SQLite file (`crm.db`, `sqlite:crm.db`) or a PostgreSQL URL
        /// (`postgres://USER:PASSWORD@HOST:PORT/DATABASE`).
        #[arg(long, value_name = "FILE|URL", value_parser = DbTargetParser)]
        db: DbTarget,
    },
    /// Make a user an admin (sees every user's usage at /admin/usage), or with --revoke no
    /// longer one.
    Admin {
        /// The user's email, as they sign in with.
        email: String,
        /// Take the admin capability away instead.
        #[arg(long)]
        revoke: bool,
        /// A SQLite file or a PostgreSQL URL, as for `serve`.
        #[arg(long, value_name = "FILE|URL", value_parser = DbTargetParser)]
        db: DbTarget,
    },
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The database: a SQLite file (`crm.db` or `sqlite:crm.db`, created as needed) or a
    /// PostgreSQL URL (`postgres://USER:PASSWORD@HOST:PORT/DATABASE`, which must exist). Either
    /// is migrated to this build's schema on start.
    #[arg(long, value_name = "FILE|URL", value_parser = DbTargetParser)]
    pub db: DbTarget,
    /// Address to listen on; port 0 picks a free one (printed on stdout).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Add the demo users, contacts, pools and vacancies (and the extension's OAuth client)
    /// before serving.
    #[arg(long)]
    pub seed_demo: bool,
    /// Serve /_test/* counters for end-to-end tests. Never in production.
    #[arg(long)]
    pub test_hooks: bool,
    /// Where people reach this CRM, for contact links (default: the bound address).
    #[arg(long)]
    pub public_url: Option<String>,
    /// Register an OAuth client and one exact redirect URI it may use (kept in the
    /// database). Repeat for more: `--oauth-client talent-bridge-extension=https://<id>.chromiumapp.org/`.
    #[arg(long = "oauth-client", value_name = "ID=REDIRECT_URI")]
    pub oauth_clients: Vec<ClientRegistration>,
    /// Seconds an OAuth access token lives.
    #[arg(long, value_name = "SECONDS", default_value_t = oauth::DEFAULT_ACCESS_TOKEN_TTL_SECS,
        value_parser = clap::value_parser!(u64).range(1..))]
    pub access_token_ttl: u64,
    /// Seconds an OAuth refresh token lives unused (every refresh issues a new one).
    #[arg(long, value_name = "SECONDS", default_value_t = oauth::DEFAULT_REFRESH_TOKEN_TTL_SECS,
        value_parser = clap::value_parser!(u64).range(1..))]
    pub refresh_token_ttl: u64,
    /// Another extension (a fork, a vendor's build) whose id may call the API from the
    /// browser (CORS). Talent Bridge's own id is always allowed; repeat for more.
    #[arg(long = "allow-extension", value_name = "ID")]
    pub allow_extensions: Vec<crate::cors::ExtensionId>,
    /// Password checks (argon2, 19 MiB each) in flight at most; a sign-in that finds them all
    /// busy for a quarter of a second is answered 429 with Retry-After.
    #[arg(long, value_name = "N", default_value_t = login::DEFAULT_HASH_POOL as u64,
        value_parser = clap::value_parser!(u64).range(1..=login::pool::MAX_SIZE as u64))]
    pub login_hash_pool: u64,
    /// Failed sign-ins in a row on one account (email) before it is locked out.
    #[arg(long, value_name = "N", default_value_t = login::DEFAULT_ACCOUNT_FAILURES,
        value_parser = clap::value_parser!(u32).range(1..))]
    pub login_account_failures: u32,
    /// Failed sign-ins in a row from one client address (an IPv6 /64) before it is locked out.
    /// Behind a reverse proxy every client has the proxy's address: raise this there.
    #[arg(long, value_name = "N", default_value_t = login::DEFAULT_ADDRESS_FAILURES,
        value_parser = clap::value_parser!(u32).range(1..))]
    pub login_address_failures: u32,
    /// Seconds of the first lock-out; every further failure doubles it.
    #[arg(long, value_name = "SECONDS", default_value_t = login::DEFAULT_LOCKOUT_SECS,
        value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub login_lockout: u64,
    /// Seconds of the longest lock-out.
    #[arg(long, value_name = "SECONDS", default_value_t = login::DEFAULT_LOCKOUT_MAX_SECS,
        value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub login_lockout_max: u64,
}

/// `--db`, refused in our own words: clap's would repeat the value, password and all.
#[derive(Clone, Copy, Debug)]
struct DbTargetParser;

impl clap::builder::TypedValueParser for DbTargetParser {
    type Value = DbTarget;

    fn parse_ref(
        &self,
        _: &clap::Command,
        _: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<DbTarget, clap::Error> {
        let text = value.to_str().ok_or_else(|| {
            clap::Error::raw(
                clap::error::ErrorKind::InvalidUtf8,
                "--db: the file name or URL is not valid UTF-8\n",
            )
        })?;
        text.parse().map_err(|e: String| {
            clap::Error::raw(clap::error::ErrorKind::ValueValidation, format!("{e}\n"))
        })
    }
}

pub async fn run(cli: Cli) -> Result<(), Box<dyn Error>> {
    match cli.command {
        Command::Serve(args) => serve(args).await,
        Command::Seed {
            demo,
            synthetic,
            db,
        } => {
            if !demo && synthetic.is_none() {
                return Err("nothing to seed: pass --demo and/or --synthetic N".into());
            }
            let db = Db::connect(db).await?;
            if demo {
                seed_demo(&db).await?;
            }
            if let Some(count) = synthetic {
                seed_synthetic(&db, count).await?;
            }
            Ok(())
        }
        Command::Admin { email, revoke, db } => {
            let db = Db::connect(db).await?;
            let who = email.clone();
            let found = db
                .run(move |conn| crate::auth::user::set_admin(conn, &who, !revoke))
                .await?;
            if !found {
                return Err(format!("no CRM user with the email {email}").into());
            }
            let now = if revoke {
                "no longer an admin"
            } else {
                "an admin"
            };
            eprintln!("crm: {email} is {now}");
            Ok(())
        }
    }
}

async fn serve(args: ServeArgs) -> Result<(), Box<dyn Error>> {
    if let Some(url) = &args.public_url
        && !(url.starts_with("http://") || url.starts_with("https://"))
    {
        return Err(format!("--public-url must start with http:// or https://: {url}").into());
    }
    let db = Db::connect(args.db).await?;
    if args.seed_demo {
        seed_demo(&db).await?;
    }
    register_clients(&db, &args.oauth_clients).await?;
    let listener = TcpListener::bind(args.addr).await?;
    let bound = listener.local_addr()?;
    let public_url = args.public_url.unwrap_or_else(|| format!("http://{bound}"));
    if args.test_hooks {
        eprintln!("crm: test hooks are on (/_test/*): never use this in production");
    }
    let mut allowed_extensions = vec![crate::cors::ExtensionId::ours()];
    allowed_extensions.extend(args.allow_extensions);
    let router = app::router(
        db,
        Config {
            allowed_extensions,
            login: LoginLimits {
                hash_pool: usize::try_from(args.login_hash_pool).unwrap_or(login::pool::MAX_SIZE),
                account_failures: args.login_account_failures,
                address_failures: args.login_address_failures,
                lockout: Duration::from_secs(args.login_lockout),
                lockout_max: Duration::from_secs(args.login_lockout_max),
                ..LoginLimits::default()
            },
            test_hooks: args.test_hooks,
            access_token_ttl_secs: args.access_token_ttl,
            refresh_token_ttl_secs: args.refresh_token_ttl,
            ..Config::new(public_url)
        },
    );
    // Tests read this one line to learn the port.
    let mut stdout = std::io::stdout();
    writeln!(stdout, "listening on http://{bound}")?;
    stdout.flush()?;
    // The peer's address is what the sign-in's per-address lock-out counts.
    let router = router.into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, router)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    eprintln!("crm: stopped");
    Ok(())
}

async fn register_clients(db: &Db, clients: &[ClientRegistration]) -> Result<(), Box<dyn Error>> {
    for client in clients {
        let registration = client.clone();
        db.run(move |conn| {
            oauth::clients::register(conn, &registration, oauth::clients::CLIENT_NAME)
        })
        .await?;
        eprintln!("crm: oauth client registered: {client}");
    }
    Ok(())
}

async fn seed_demo(db: &Db) -> Result<(), Box<dyn Error>> {
    let report = db
        .run(|conn| {
            seed::seed_demo(conn).map_err(|e| crate::db::DbError::TaskFailed(e.to_string()))
        })
        .await?;
    eprintln!(
        "crm: demo data in place ({} users and {} contacts added)",
        report.users, report.contacts
    );
    Ok(())
}

async fn seed_synthetic(db: &Db, count: usize) -> Result<(), Box<dyn Error>> {
    let started = std::time::Instant::now();
    let added = db
        .run(move |conn| crate::synthetic::seed_synthetic(conn, count))
        .await?;
    eprintln!(
        "crm: {added} synthetic contacts added in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Ctrl-C or SIGTERM: stop accepting, finish the requests in flight, close the database.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            eprintln!("crm: cannot listen for Ctrl-C: {e}");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                eprintln!("crm: cannot listen for SIGTERM: {e}");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    eprintln!("crm: shutting down");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serve(args: &[&str]) -> ServeArgs {
        let cli = Cli::try_parse_from(["crm", "serve", "--db", "x.db"].iter().chain(args));
        match cli.map(|c| c.command) {
            Ok(Command::Serve(args)) => args,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_later_option_wins_and_lists_accumulate() {
        let args = serve(&[
            "--login-lockout",
            "5",
            "--login-lockout",
            "6",
            "--allow-extension",
            "abcdefghijklmnopabcdefghijklmnop",
            "--allow-extension",
            "ponmlkjihgfedcbaponmlkjihgfedcba",
        ]);
        assert_eq!(args.login_lockout, 6);
        assert_eq!(args.allow_extensions.len(), 2);
        let defaults = serve(&[]);
        assert_eq!(defaults.login_hash_pool, 4);
        assert_eq!(defaults.login_account_failures, 5);
        assert!(
            Cli::try_parse_from(["crm", "serve", "--db", "x", "--login-hash-pool", "0"]).is_err()
        );
        assert!(
            Cli::try_parse_from(["crm", "serve", "--db", "x", "--allow-extension", "x"]).is_err()
        );
    }
}
