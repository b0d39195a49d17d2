//! The storage layer every repository function goes through (issue #23): `Sql`, one
//! connection of either engine. SQLite and PostgreSQL each implement it (`sqlite.rs`,
//! `postgres.rs`); the code above writes one SQL text for both:
//!
//! - parameters are `?1`, `?2`, … (PostgreSQL's `$1` is written by its implementation);
//! - only SQL both engines read the same way: `INSERT … ON CONFLICT`, `RETURNING id`, no
//!   `INSERT OR …`, no `strftime`/`unixepoch()`: times come from Rust (`clock`);
//! - integers are 64-bit, flags are integers 0/1, text compares byte for byte (PostgreSQL
//!   columns are `COLLATE "C"`), `lower()` where a comparison ignores case.

use super::DbError;
use super::value::{Param, Row};
use std::ops::Deref;

/// Which engine a connection talks to: the few statements that differ ask it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// What a transaction is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TxMode {
    /// Reads that must agree with each other (a lookup batch).
    Read,
    /// Writes, one at a time for the whole database, as SQLite always did: SQLite's
    /// `BEGIN IMMEDIATE`, PostgreSQL's transaction-scoped advisory lock. Every check-then-write
    /// (an idempotency key, a quota count, a code spent once) is then exact across instances.
    Write,
}

/// One connection of either engine. Implementations run each statement as given, inside the
/// transaction the connection is in, if any.
pub trait Sql {
    fn engine(&self) -> Engine;
    /// Runs one statement; returns how many rows it changed.
    fn execute(&self, sql: &str, params: &[Param<'_>]) -> Result<u64, DbError>;
    /// Runs one query and reads every row.
    fn query(&self, sql: &str, params: &[Param<'_>]) -> Result<Vec<Row>, DbError>;
    /// Runs statements without parameters (migrations).
    fn execute_batch(&self, sql: &str) -> Result<(), DbError>;
    /// Starts a transaction; `Ok(false)` when one is already open (the caller's work then
    /// joins it, and only the outer one commits).
    fn begin(&self, mode: TxMode) -> Result<bool, DbError>;
    fn commit(&self) -> Result<(), DbError>;
    fn rollback(&self) -> Result<(), DbError>;
}

impl dyn Sql + '_ {
    /// The first row, read by `read`; `DbError::NoRow` when there is none.
    pub fn query_row<T>(
        &self,
        sql: &str,
        params: &[Param<'_>],
        read: impl FnOnce(&Row) -> Result<T, DbError>,
    ) -> Result<T, DbError> {
        self.query_opt(sql, params, read)?.ok_or(DbError::NoRow)
    }

    /// The first row, read by `read`, if there is one.
    pub fn query_opt<T>(
        &self,
        sql: &str,
        params: &[Param<'_>],
        read: impl FnOnce(&Row) -> Result<T, DbError>,
    ) -> Result<Option<T>, DbError> {
        self.query(sql, params)?.first().map(read).transpose()
    }

    /// Every row, each read by `read`.
    pub fn query_map<T>(
        &self,
        sql: &str,
        params: &[Param<'_>],
        read: impl FnMut(&Row) -> Result<T, DbError>,
    ) -> Result<Vec<T>, DbError> {
        self.query(sql, params)?.iter().map(read).collect()
    }

    /// Whether the query returns a row.
    pub fn exists(&self, sql: &str, params: &[Param<'_>]) -> Result<bool, DbError> {
        Ok(!self.query(sql, params)?.is_empty())
    }

    /// A write transaction (see [`TxMode::Write`]): rolled back unless committed.
    pub fn transaction(&self) -> Result<Tx<'_>, DbError> {
        self.transaction_for(TxMode::Write)
    }

    pub fn transaction_for(&self, mode: TxMode) -> Result<Tx<'_>, DbError> {
        let owned = self.begin(mode)?;
        Ok(Tx {
            sql: self,
            owned,
            done: false,
        })
    }
}

/// An open transaction. Dereferences to the connection; dropping it uncommitted rolls back.
pub struct Tx<'a> {
    sql: &'a dyn Sql,
    /// False when it joined a transaction the caller opened.
    owned: bool,
    done: bool,
}

impl Tx<'_> {
    pub fn commit(mut self) -> Result<(), DbError> {
        self.done = true;
        if self.owned {
            self.sql.commit()?;
        }
        Ok(())
    }
}

impl<'a> Deref for Tx<'a> {
    type Target = dyn Sql + 'a;

    fn deref(&self) -> &Self::Target {
        self.sql
    }
}

/// A transaction is a connection too: functions take `&dyn Sql` and run inside it.
impl Sql for Tx<'_> {
    fn engine(&self) -> Engine {
        self.sql.engine()
    }
    fn execute(&self, sql: &str, params: &[Param<'_>]) -> Result<u64, DbError> {
        self.sql.execute(sql, params)
    }
    fn query(&self, sql: &str, params: &[Param<'_>]) -> Result<Vec<Row>, DbError> {
        self.sql.query(sql, params)
    }
    fn execute_batch(&self, sql: &str) -> Result<(), DbError> {
        self.sql.execute_batch(sql)
    }
    fn begin(&self, _: TxMode) -> Result<bool, DbError> {
        // Already in one: the caller's work joins it.
        Ok(false)
    }
    fn commit(&self) -> Result<(), DbError> {
        Ok(())
    }
    fn rollback(&self) -> Result<(), DbError> {
        Ok(())
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if self.owned
            && !self.done
            && let Err(e) = self.sql.rollback()
        {
            eprintln!("crm: error: rolling a transaction back: {e}");
        }
    }
}
