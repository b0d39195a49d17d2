//! `Sql` on PostgreSQL: the sync `postgres` client, used from blocking tasks exactly as
//! rusqlite is, through a small pool. Statements are prepared once per connection; `?N`
//! placeholders become `$N`; values are converted to the column types the server expects.

use super::DbError;
use super::sql::{Engine, Sql, TxMode};
use super::target::PgTarget;
use super::value::{Param, Row, Value};
use bytes::BytesMut;
use postgres::types::{IsNull, ToSql, Type, to_sql_checked};
use postgres::{Client, NoTls, Statement};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::error::Error;
use std::ops::Deref;
use std::sync::{Condvar, Mutex, MutexGuard};

/// Connections one CRM instance keeps at most: writes take one lock anyway, and lookups are
/// short. Two instances stay far below PostgreSQL's default of 100.
pub const MAX_CONNECTIONS: usize = 8;

/// The key of the database-wide write lock (`pg_advisory_xact_lock`): "tbcrm" in ASCII.
const WRITE_LOCK: i64 = 0x74_62_63_72_6d;

/// Connections to one database, opened as needed up to [`MAX_CONNECTIONS`].
pub struct Pool {
    target: PgTarget,
    state: Mutex<PoolState>,
    freed: Condvar,
}

#[derive(Default)]
struct PoolState {
    idle: Vec<PgConn>,
    open: usize,
}

impl Pool {
    /// Connects once, so a wrong URL or an unreachable server fails at start, not at the first
    /// request.
    pub fn connect(target: &PgTarget) -> Result<Self, DbError> {
        let pool = Self {
            target: target.clone(),
            state: Mutex::new(PoolState::default()),
            freed: Condvar::new(),
        };
        let first = pool.open_one()?;
        pool.lock().idle.push(first);
        pool.lock().open = 1;
        Ok(pool)
    }

    fn lock(&self) -> MutexGuard<'_, PoolState> {
        // The state is two counters and a list: sound whatever a panicking holder did.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn open_one(&self) -> Result<PgConn, DbError> {
        let client = self
            .target
            .config
            .connect(NoTls)
            .map_err(|e| DbError::Unreachable {
                target: self.target.to_string(),
                reason: reason(&e),
            })?;
        Ok(PgConn {
            client: RefCell::new(client),
            statements: RefCell::new(HashMap::new()),
            in_transaction: Cell::new(false),
            broken: Cell::new(false),
        })
    }

    /// An idle connection, a new one, or (all busy) the next one freed.
    pub fn checkout(&self) -> Result<Pooled<'_>, DbError> {
        let mut state = self.lock();
        loop {
            if let Some(conn) = state.idle.pop() {
                if conn.client.borrow().is_closed() {
                    // The server or the network ended it while idle: open another instead.
                    state.open = state.open.saturating_sub(1);
                    let closing = conn;
                    drop(state);
                    drop(closing);
                    state = self.lock();
                    continue;
                }
                return Ok(Pooled {
                    pool: self,
                    conn: Some(conn),
                });
            }
            if state.open < MAX_CONNECTIONS {
                state.open += 1;
                drop(state);
                return match self.open_one() {
                    Ok(conn) => Ok(Pooled {
                        pool: self,
                        conn: Some(conn),
                    }),
                    Err(e) => {
                        self.lock().open -= 1;
                        self.freed.notify_one();
                        Err(e)
                    }
                };
            }
            state = self.freed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }
}

impl Drop for Pool {
    /// Closing a client waits for the server's goodbye on the client's own runtime, which
    /// must not happen on an async thread (where the last `Db` is often dropped): close them
    /// on a thread of their own.
    fn drop(&mut self) {
        let idle = std::mem::take(&mut self.lock().idle);
        if !idle.is_empty() {
            let closing = std::thread::Builder::new()
                .name("crm-pg-close".into())
                .spawn(move || drop(idle));
            if let Err(e) = closing {
                eprintln!("crm: cannot close PostgreSQL connections cleanly: {e}");
            }
        }
    }
}

/// The client's error with its cause (the OS's "connection refused", the server's
/// "password authentication failed"), never the URL.
fn reason(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => db.message().to_string(),
        None => match e.source() {
            Some(cause) => format!("{e}: {cause}"),
            None => e.to_string(),
        },
    }
}

/// A connection out of the pool; back in when dropped, unless it broke or a panic was
/// unwinding through its work (then it is closed, and the pool opens a new one when needed).
pub struct Pooled<'a> {
    pool: &'a Pool,
    conn: Option<PgConn>,
}

impl Deref for Pooled<'_> {
    type Target = dyn Sql;

    fn deref(&self) -> &Self::Target {
        match &self.conn {
            Some(conn) => conn,
            None => &Closed,
        }
    }
}

impl Drop for Pooled<'_> {
    fn drop(&mut self) {
        let Some(conn) = self.conn.take() else {
            return;
        };
        let sound = !std::thread::panicking()
            && !conn.in_transaction.get()
            && !conn.broken.get()
            && !conn.client.borrow().is_closed();
        let mut state = self.pool.lock();
        if sound {
            state.idle.push(conn);
        } else {
            state.open = state.open.saturating_sub(1);
        }
        drop(state);
        self.pool.freed.notify_one();
    }
}

/// One connection, with its prepared statements.
pub struct PgConn {
    client: RefCell<Client>,
    statements: RefCell<HashMap<String, Statement>>,
    in_transaction: Cell<bool>,
    /// The last error ended the connection (the server terminated it, the socket failed): it
    /// goes back to nobody, even if the client has not noticed the socket closing yet.
    broken: Cell<bool>,
}

impl PgConn {
    /// The client's result; an error that ended the connection marks it broken.
    fn checked<T>(&self, result: Result<T, postgres::Error>) -> Result<T, DbError> {
        result.map_err(|e| {
            let fatal = match e.as_db_error() {
                // 57P01–57P05: shut down, terminated by an administrator, crash, cannot connect.
                Some(db) => {
                    matches!(db.severity(), "FATAL" | "PANIC")
                        || db.code().code().starts_with("57P")
                }
                // Not the server's answer: the socket or the protocol failed.
                None => true,
            };
            if fatal || e.is_closed() {
                self.broken.set(true);
            }
            e.into()
        })
    }

    fn statement(&self, sql: &str) -> Result<Statement, DbError> {
        if let Some(statement) = self.statements.borrow().get(sql) {
            return Ok(statement.clone());
        }
        let prepared = self.client.borrow_mut().prepare(&dollar_placeholders(sql));
        let statement = self.checked(prepared)?;
        self.statements
            .borrow_mut()
            .insert(sql.to_string(), statement.clone());
        Ok(statement)
    }
}

impl Sql for PgConn {
    fn engine(&self) -> Engine {
        Engine::Postgres
    }

    fn execute(&self, sql: &str, params: &[Param<'_>]) -> Result<u64, DbError> {
        let statement = self.statement(sql)?;
        let bound: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as _).collect();
        let done = self.client.borrow_mut().execute(&statement, &bound);
        self.checked(done)
    }

    fn query(&self, sql: &str, params: &[Param<'_>]) -> Result<Vec<Row>, DbError> {
        let statement = self.statement(sql)?;
        let bound: Vec<&(dyn ToSql + Sync)> = params.iter().map(|p| p as _).collect();
        let rows = self.client.borrow_mut().query(&statement, &bound);
        let rows = self.checked(rows)?;
        rows.iter().map(read_row).collect()
    }

    fn execute_batch(&self, sql: &str) -> Result<(), DbError> {
        let done = self.client.borrow_mut().batch_execute(sql);
        self.checked(done)
    }

    fn begin(&self, mode: TxMode) -> Result<bool, DbError> {
        if self.in_transaction.get() {
            return Ok(false);
        }
        let begin = match mode {
            // One snapshot for the whole batch, as SQLite's read transaction gives.
            TxMode::Read => "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY".to_string(),
            // Read committed, after the write lock: every statement sees what the writers
            // before this one committed.
            TxMode::Write => format!("BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})"),
        };
        self.in_transaction.set(true);
        let begun = self.client.borrow_mut().batch_execute(&begin);
        if let Err(e) = self.checked(begun) {
            let _ = self.client.borrow_mut().batch_execute("ROLLBACK");
            self.in_transaction.set(false);
            return Err(e);
        }
        Ok(true)
    }

    fn commit(&self) -> Result<(), DbError> {
        // Whatever the outcome, the transaction is over (a failed COMMIT rolls back).
        self.in_transaction.set(false);
        let done = self.client.borrow_mut().batch_execute("COMMIT");
        self.checked(done)
    }

    fn rollback(&self) -> Result<(), DbError> {
        self.in_transaction.set(false);
        let done = self.client.borrow_mut().batch_execute("ROLLBACK");
        self.checked(done)
    }
}

/// What a dropped `Pooled` derefs to: never used, but no panic either.
struct Closed;

impl Sql for Closed {
    fn engine(&self) -> Engine {
        Engine::Postgres
    }
    fn execute(&self, _: &str, _: &[Param<'_>]) -> Result<u64, DbError> {
        Err(DbError::TaskFailed("the connection was returned".into()))
    }
    fn query(&self, _: &str, _: &[Param<'_>]) -> Result<Vec<Row>, DbError> {
        Err(DbError::TaskFailed("the connection was returned".into()))
    }
    fn execute_batch(&self, _: &str) -> Result<(), DbError> {
        Err(DbError::TaskFailed("the connection was returned".into()))
    }
    fn begin(&self, _: TxMode) -> Result<bool, DbError> {
        Err(DbError::TaskFailed("the connection was returned".into()))
    }
    fn commit(&self) -> Result<(), DbError> {
        Ok(())
    }
    fn rollback(&self) -> Result<(), DbError> {
        Ok(())
    }
}

/// `?1` → `$1`, outside quoted text, quoted names and comments.
pub fn dollar_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    let mut quote: Option<char> = None;
    let mut comment = false;
    while let Some(c) = chars.next() {
        if comment {
            comment = c != '\n';
        } else if let Some(q) = quote {
            if c == q {
                quote = None;
            }
        } else if c == '\'' || c == '"' {
            quote = Some(c);
        } else if c == '-' && chars.peek() == Some(&'-') {
            comment = true;
        } else if c == '?' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('$');
            continue;
        }
        out.push(c);
    }
    out
}

fn read_row(row: &postgres::Row) -> Result<Row, DbError> {
    let mut values = Vec::with_capacity(row.len());
    for (index, column) in row.columns().iter().enumerate() {
        let ty = column.type_();
        let value = if *ty == Type::INT8 {
            row.try_get::<_, Option<i64>>(index)?
                .map_or(Value::Null, Value::Integer)
        } else if *ty == Type::INT4 {
            row.try_get::<_, Option<i32>>(index)?
                .map_or(Value::Null, |v| Value::Integer(i64::from(v)))
        } else if *ty == Type::INT2 {
            row.try_get::<_, Option<i16>>(index)?
                .map_or(Value::Null, |v| Value::Integer(i64::from(v)))
        } else if *ty == Type::BOOL {
            row.try_get::<_, Option<bool>>(index)?
                .map_or(Value::Null, |v| Value::Integer(i64::from(v)))
        } else if *ty == Type::FLOAT8 {
            row.try_get::<_, Option<f64>>(index)?
                .map_or(Value::Null, Value::Real)
        } else if *ty == Type::FLOAT4 {
            row.try_get::<_, Option<f32>>(index)?
                .map_or(Value::Null, |v| Value::Real(f64::from(v)))
        } else if *ty == Type::BYTEA {
            row.try_get::<_, Option<Vec<u8>>>(index)?
                .map_or(Value::Null, Value::Blob)
        } else if matches!(*ty, Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME) {
            row.try_get::<_, Option<String>>(index)?
                .map_or(Value::Null, Value::Text)
        } else {
            return Err(DbError::TaskFailed(format!(
                "column {} has the type {ty}, which the CRM does not read; cast it in the query",
                column.name()
            )));
        };
        values.push(value);
    }
    Ok(Row(values))
}

impl ToSql for Param<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> Result<IsNull, Box<dyn Error + Sync + Send>> {
        match *self {
            Param::Null => Ok(IsNull::Yes),
            Param::Integer(v) => match *ty {
                Type::INT8 => v.to_sql(ty, out),
                Type::INT4 => i32::try_from(v)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(v)?.to_sql(ty, out),
                Type::BOOL => (v != 0).to_sql(ty, out),
                Type::FLOAT8 => (v as f64).to_sql(ty, out),
                _ => Err(format!("an integer where PostgreSQL expects {ty}").into()),
            },
            Param::Real(v) => match *ty {
                Type::FLOAT8 => v.to_sql(ty, out),
                Type::FLOAT4 => (v as f32).to_sql(ty, out),
                _ => Err(format!("a number where PostgreSQL expects {ty}").into()),
            },
            Param::Text(v) => match *ty {
                Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => {
                    v.to_sql(ty, out)
                }
                _ => Err(format!("text where PostgreSQL expects {ty}").into()),
            },
            Param::Blob(v) => match *ty {
                Type::BYTEA => v.to_sql(ty, out),
                _ => Err(format!("bytes where PostgreSQL expects {ty}").into()),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        // Checked value by value in `to_sql`, which names the mismatch.
        true
    }

    to_sql_checked!();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_numbered_dollars_outside_quotes() {
        assert_eq!(
            dollar_placeholders(
                "SELECT a FROM t WHERE b = ?1 AND c = '?2' AND \"?3\" = ?10 -- ?4\n AND d = ?2"
            ),
            "SELECT a FROM t WHERE b = $1 AND c = '?2' AND \"?3\" = $10 -- ?4\n AND d = $2"
        );
    }
}
