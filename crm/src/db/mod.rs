//! The CRM's database: SQLite (one file, the embedded default) or PostgreSQL (a server several
//! CRM instances share). `Db` opens either, brings its schema up to date and runs work on it
//! off the async threads; the work sees one `Sql` connection, whichever the engine
//! (`sql.rs`), so every repository function is written once.

mod migrations;
mod postgres;
mod sql;
mod sqlite;
mod target;
mod value;

pub use migrations::{SCHEMA_VERSION, migrate, schema_version};
pub use sql::{Engine, Sql, Tx, TxMode};
pub use target::{DbTarget, PgTarget};
pub use value::{FromValue, Param, Row, ToParam, Value};

use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// What can go wrong reaching the database. Never carries personal data: the engines' messages
/// name tables and columns, not values.
#[derive(Debug)]
pub enum DbError {
    Sqlite(rusqlite::Error),
    Postgres(::postgres::Error),
    /// PostgreSQL could not be reached or refused the sign-in (`target` has no password).
    Unreachable {
        target: String,
        reason: String,
    },
    /// A query that must return a row returned none.
    NoRow,
    /// A column missing, or of another type than the code reads it as.
    Column {
        index: usize,
        expected: &'static str,
    },
    /// An earlier task panicked while holding the connection; its transaction was rolled back.
    Poisoned,
    /// The blocking task running the query was cancelled or panicked.
    TaskFailed(String),
    /// The database holds a schema newer than this build knows.
    TooNew {
        found: i64,
        known: i64,
    },
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(e) => write!(f, "sqlite: {e}"),
            Self::Postgres(e) => match e.as_db_error() {
                // The server's own words (and which constraint), not just "db error".
                Some(db) => write!(f, "postgresql: {}: {}", db.code().code(), db.message()),
                None => write!(f, "postgresql: {e}"),
            },
            Self::Unreachable { target, reason } => write!(
                f,
                "cannot use the PostgreSQL database {target}: {reason}. Check that the server \
                 runs and listens there, that the URL's user, password and database name are \
                 right, and that pg_hba.conf admits this client"
            ),
            Self::NoRow => f.write_str("a query that must find a row found none"),
            Self::Column { index, expected } => {
                write!(f, "column {index} of a row is not a {expected}")
            }
            Self::Poisoned => f.write_str("the database connection was poisoned by a panic"),
            Self::TaskFailed(e) => write!(f, "database task failed: {e}"),
            Self::TooNew { found, known } => write!(
                f,
                "the database has schema version {found}, this server knows up to {known}: \
                 run a newer crm binary"
            ),
        }
    }
}

impl std::error::Error for DbError {}

impl From<rusqlite::Error> for DbError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Sqlite(e)
    }
}

impl From<::postgres::Error> for DbError {
    fn from(e: ::postgres::Error) -> Self {
        Self::Postgres(e)
    }
}

/// A shared handle on the database.
#[derive(Clone)]
pub struct Db {
    backend: Arc<Backend>,
}

enum Backend {
    /// One connection, serialised by a mutex: SQLite writes one transaction at a time anyway,
    /// and every query here is an indexed point look-up.
    Sqlite(Mutex<rusqlite::Connection>),
    /// A small pool of connections; write transactions take the database's write lock.
    Postgres(Box<postgres::Pool>),
}

impl Db {
    /// Opens (creating if needed) the SQLite file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, DbError> {
        let conn = sqlite::open(path)?;
        Self::ready(Backend::Sqlite(Mutex::new(conn)))
    }

    /// Opens the database `--db` names. Blocks (PostgreSQL's client runs its own I/O): call it
    /// before the async runtime starts, from a blocking task, or use [`Db::connect`].
    pub fn open_target(target: &DbTarget) -> Result<Self, DbError> {
        match target {
            DbTarget::Sqlite(path) => Self::open(path),
            DbTarget::Postgres(pg) => {
                Self::ready(Backend::Postgres(Box::new(postgres::Pool::connect(pg)?)))
            }
        }
    }

    /// [`Db::open_target`] from async code.
    pub async fn connect(target: DbTarget) -> Result<Self, DbError> {
        tokio::task::spawn_blocking(move || Self::open_target(&target))
            .await
            .map_err(|e| DbError::TaskFailed(e.to_string()))?
    }

    fn ready(backend: Backend) -> Result<Self, DbError> {
        let db = Self {
            backend: Arc::new(backend),
        };
        db.run_blocking(|sql| {
            migrate(sql)?;
            let indexed = crate::matching::index_pending(sql)?;
            if indexed > 0 {
                eprintln!("crm: indexed {indexed} contacts for matching");
            }
            Ok(())
        })?;
        Ok(db)
    }

    pub fn engine(&self) -> Engine {
        match &*self.backend {
            Backend::Sqlite(_) => Engine::Sqlite,
            Backend::Postgres(_) => Engine::Postgres,
        }
    }

    /// Runs `work` on a connection in the blocking thread pool.
    pub async fn run<T, F>(&self, work: F) -> Result<T, DbError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn Sql) -> Result<T, DbError> + Send + 'static,
    {
        let db = self.clone();
        tokio::task::spawn_blocking(move || db.run_blocking(work))
            .await
            .map_err(|e| DbError::TaskFailed(e.to_string()))?
    }

    /// Runs `work` on a connection on this thread (CLI commands, tests). With PostgreSQL, not
    /// on an async runtime's thread: use [`Db::run`] there.
    pub fn run_blocking<T, F>(&self, work: F) -> Result<T, DbError>
    where
        F: FnOnce(&dyn Sql) -> Result<T, DbError>,
    {
        match &*self.backend {
            Backend::Sqlite(conn) => {
                let conn = match conn.lock() {
                    Ok(conn) => conn,
                    Err(_) => {
                        // The panicking task's transaction was rolled back by its guard: the
                        // connection is sound again, so later requests may use it. This one
                        // fails.
                        conn.clear_poison();
                        return Err(DbError::Poisoned);
                    }
                };
                work(&*conn)
            }
            Backend::Postgres(pool) => {
                let conn = pool.checkout()?;
                work(&*conn)
            }
        }
    }
}
