//! The CRM's one SQLite database: opening it (WAL, foreign keys, migrations) and running work
//! on it off the async threads.

mod migrations;

use rusqlite::Connection;
use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use migrations::{SCHEMA_VERSION, migrate};

/// How long a statement waits for another connection's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// What can go wrong reaching the database. Never carries personal data: SQLite's messages name
/// tables and columns, not values.
#[derive(Debug)]
pub enum DbError {
    Sqlite(rusqlite::Error),
    /// An earlier task panicked while holding the connection; its transaction was rolled back.
    Poisoned,
    /// The blocking task running the query was cancelled or panicked.
    TaskFailed(String),
    /// The file holds a schema newer than this build knows.
    TooNew {
        found: i64,
        known: i64,
    },
}

impl fmt::Display for DbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(e) => write!(f, "sqlite: {e}"),
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

/// A shared handle on the database. One connection, serialised by a mutex: SQLite writes one
/// transaction at a time anyway, and every query here is an indexed point look-up.
#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
}

impl Db {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self, DbError> {
        let mut conn = Connection::open(path)?;
        configure(&conn)?;
        migrate(&mut conn)?;
        let indexed = crate::matching::index_pending(&mut conn)?;
        if indexed > 0 {
            eprintln!("crm: indexed {indexed} contacts for matching");
        }
        Ok(Self {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Runs `work` on the connection in the blocking thread pool.
    pub async fn run<T, F>(&self, work: F) -> Result<T, DbError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, DbError> + Send + 'static,
    {
        let db = self.clone();
        tokio::task::spawn_blocking(move || db.run_blocking(work))
            .await
            .map_err(|e| DbError::TaskFailed(e.to_string()))?
    }

    /// Runs `work` on the connection on this thread (CLI commands, tests).
    pub fn run_blocking<T, F>(&self, work: F) -> Result<T, DbError>
    where
        F: FnOnce(&mut Connection) -> Result<T, DbError>,
    {
        let mut conn = match self.conn.lock() {
            Ok(conn) => conn,
            Err(_) => {
                // The panicking task's transaction was dropped, hence rolled back: the
                // connection is sound again, so later requests may use it. This one fails.
                self.conn.clear_poison();
                return Err(DbError::Poisoned);
            }
        };
        work(&mut conn)
    }
}

fn configure(conn: &Connection) -> Result<(), DbError> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // WAL: readers never block the writer. FULL: every commit is fsynced before the API
    // answers, so an acknowledged write (a contact, an attachment, an idempotency key) survives
    // a power cut too (PRODUCT.md C3, E7). Writes are rare next to lookups.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // Lookups at 100k contacts touch index pages all over the file: keep them in memory
    // (64 MiB of page cache, reads through a 256 MiB map) rather than copy them in per query.
    conn.pragma_update(None, "cache_size", -64 * 1024)?;
    conn.pragma_update(None, "mmap_size", 256 * 1024 * 1024)?;
    Ok(())
}
