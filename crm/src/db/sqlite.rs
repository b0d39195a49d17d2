//! `Sql` on SQLite (rusqlite): the embedded engine, one file.

use super::DbError;
use super::sql::{Engine, Sql, TxMode};
use super::value::{Param, Row, Value};
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, params_from_iter};
use std::path::Path;
use std::time::Duration;

/// How long a statement waits for another connection's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Opens (creating if needed) the file, configured for the CRM.
pub fn open(path: &Path) -> Result<Connection, DbError> {
    let conn = Connection::open(path)?;
    configure(&conn)?;
    Ok(conn)
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

impl rusqlite::ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match *self {
            Param::Null => ValueRef::Null,
            Param::Integer(v) => ValueRef::Integer(v),
            Param::Real(v) => ValueRef::Real(v),
            Param::Text(v) => ValueRef::Text(v.as_bytes()),
            Param::Blob(v) => ValueRef::Blob(v),
        }))
    }
}

impl Sql for Connection {
    fn engine(&self) -> Engine {
        Engine::Sqlite
    }

    fn execute(&self, sql: &str, params: &[Param<'_>]) -> Result<u64, DbError> {
        let changed = self
            .prepare_cached(sql)?
            .execute(params_from_iter(params.iter()))?;
        Ok(u64::try_from(changed).unwrap_or(u64::MAX))
    }

    fn query(&self, sql: &str, params: &[Param<'_>]) -> Result<Vec<Row>, DbError> {
        let mut stmt = self.prepare_cached(sql)?;
        let columns = stmt.column_count();
        let mut rows = stmt.query(params_from_iter(params.iter()))?;
        let mut read = Vec::new();
        while let Some(row) = rows.next()? {
            let mut values = Vec::with_capacity(columns);
            for index in 0..columns {
                values.push(match row.get_ref(index)? {
                    ValueRef::Null => Value::Null,
                    ValueRef::Integer(v) => Value::Integer(v),
                    ValueRef::Real(v) => Value::Real(v),
                    ValueRef::Text(v) => Value::Text(String::from_utf8_lossy(v).into_owned()),
                    ValueRef::Blob(v) => Value::Blob(v.to_vec()),
                });
            }
            read.push(Row(values));
        }
        Ok(read)
    }

    fn execute_batch(&self, sql: &str) -> Result<(), DbError> {
        Ok(Connection::execute_batch(self, sql)?)
    }

    fn begin(&self, mode: TxMode) -> Result<bool, DbError> {
        if !self.is_autocommit() {
            return Ok(false);
        }
        // IMMEDIATE takes the write lock at once: a second process on the same file waits
        // (busy timeout) instead of failing when both later try to write.
        Connection::execute_batch(
            self,
            match mode {
                TxMode::Read => "BEGIN",
                TxMode::Write => "BEGIN IMMEDIATE",
            },
        )?;
        Ok(true)
    }

    fn commit(&self) -> Result<(), DbError> {
        Ok(Connection::execute_batch(self, "COMMIT")?)
    }

    fn rollback(&self) -> Result<(), DbError> {
        if self.is_autocommit() {
            return Ok(());
        }
        Ok(Connection::execute_batch(self, "ROLLBACK")?)
    }
}
