//! Schema migrations: an append-only list of SQL steps per engine, step N meaning the same in
//! both. SQLite records how many have run in `PRAGMA user_version`, PostgreSQL in the table
//! `tb_schema`. Each step runs in its own write transaction together with the version bump,
//! so a crash mid-migration leaves the database at the previous version, and two instances
//! starting at once on one PostgreSQL migrate it once (the second waits for the write lock,
//! then finds the work done).

mod postgres;
mod sqlite;

use super::DbError;
use super::sql::{Engine, Sql};

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = sqlite::STEPS.len() as i64;

const _: () = assert!(
    sqlite::STEPS.len() == postgres::STEPS.len(),
    "every schema step needs its twin in the other engine"
);

fn steps(engine: Engine) -> &'static [&'static str] {
    match engine {
        Engine::Sqlite => sqlite::STEPS,
        Engine::Postgres => postgres::STEPS,
    }
}

/// Runs every step the database has not seen yet. Safe to call on every start.
pub fn migrate(sql: &dyn Sql) -> Result<(), DbError> {
    loop {
        let tx = sql.transaction()?;
        let found = schema_version(&tx)?;
        if found > SCHEMA_VERSION {
            return Err(DbError::TooNew {
                found,
                known: SCHEMA_VERSION,
            });
        }
        let next = found + 1;
        let Some(step) = usize::try_from(found)
            .ok()
            .and_then(|i| steps(sql.engine()).get(i))
        else {
            tx.commit()?;
            return Ok(());
        };
        tx.execute_batch(step)?;
        set_version(&tx, next)?;
        tx.commit()?;
        eprintln!("crm: database migrated to schema version {next}");
    }
}

/// How many steps have run (0 on an empty database).
pub fn schema_version(sql: &dyn Sql) -> Result<i64, DbError> {
    match sql.engine() {
        Engine::Sqlite => sql.query_row("PRAGMA user_version", &[], |row| row.get(0)),
        Engine::Postgres => {
            sql.execute_batch(
                "CREATE TABLE IF NOT EXISTS tb_schema (
                     one     BIGINT PRIMARY KEY DEFAULT 1 CHECK (one = 1),
                     version BIGINT NOT NULL
                 )",
            )?;
            Ok(sql
                .query_opt("SELECT version FROM tb_schema", &[], |row| row.get(0))?
                .unwrap_or(0))
        }
    }
}

fn set_version(sql: &dyn Sql, version: i64) -> Result<(), DbError> {
    match sql.engine() {
        // A pragma takes no parameters; `version` is a number this code made.
        Engine::Sqlite => sql.execute_batch(&format!("PRAGMA user_version = {version}")),
        Engine::Postgres => sql
            .execute(
                "INSERT INTO tb_schema (one, version) VALUES (1, ?1)
                 ON CONFLICT (one) DO UPDATE SET version = excluded.version",
                crate::params![version],
            )
            .map(drop),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    #[test]
    fn migrating_twice_is_a_no_op() {
        let conn = Connection::open_in_memory().unwrap();
        migrate(&conn).unwrap();
        migrate(&conn).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        assert!(matches!(migrate(&conn), Err(DbError::TooNew { .. })));
    }
}
