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

/// One value bound to a statement.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Param<'a> {
    Null,
    Integer(i64),
    Real(f64),
    Text(&'a str),
    Blob(&'a [u8]),
}

/// One value read from a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
    Blob(Vec<u8>),
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

/// A row as read: its values in column order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row(pub Vec<Value>);

impl Row {
    /// Column `index` as `T`; a missing column or another type is an error, never a panic.
    pub fn get<T: FromValue>(&self, index: usize) -> Result<T, DbError> {
        let value = self.0.get(index).ok_or(DbError::Column {
            index,
            expected: T::NAME,
        })?;
        T::from_value(value).ok_or(DbError::Column {
            index,
            expected: T::NAME,
        })
    }
}

/// A Rust type a column can be read as.
pub trait FromValue: Sized {
    const NAME: &'static str;
    fn from_value(value: &Value) -> Option<Self>;
}

impl FromValue for i64 {
    const NAME: &'static str = "integer";
    fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::Integer(v) => Some(*v),
            _ => None,
        }
    }
}

impl FromValue for u16 {
    const NAME: &'static str = "integer 0–65535";
    fn from_value(value: &Value) -> Option<Self> {
        i64::from_value(value).and_then(|v| u16::try_from(v).ok())
    }
}

impl FromValue for u32 {
    const NAME: &'static str = "integer 0–4294967295";
    fn from_value(value: &Value) -> Option<Self> {
        i64::from_value(value).and_then(|v| u32::try_from(v).ok())
    }
}

impl FromValue for bool {
    const NAME: &'static str = "flag (0 or 1)";
    fn from_value(value: &Value) -> Option<Self> {
        i64::from_value(value).map(|v| v != 0)
    }
}

impl FromValue for f64 {
    const NAME: &'static str = "number";
    fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::Real(v) => Some(*v),
            Value::Integer(v) => Some(*v as f64),
            _ => None,
        }
    }
}

impl FromValue for String {
    const NAME: &'static str = "text";
    fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::Text(v) => Some(v.clone()),
            _ => None,
        }
    }
}

impl FromValue for Vec<u8> {
    const NAME: &'static str = "bytes";
    fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::Blob(v) => Some(v.clone()),
            _ => None,
        }
    }
}

impl<T: FromValue> FromValue for Option<T> {
    const NAME: &'static str = T::NAME;
    fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::Null => Some(None),
            other => T::from_value(other).map(Some),
        }
    }
}

/// A Rust value that can be bound to a statement (see [`params!`](crate::params)).
pub trait ToParam {
    fn to_param(&self) -> Param<'_>;
}

impl<T: ToParam + ?Sized> ToParam for &T {
    fn to_param(&self) -> Param<'_> {
        (**self).to_param()
    }
}

impl ToParam for i64 {
    fn to_param(&self) -> Param<'_> {
        Param::Integer(*self)
    }
}

impl ToParam for i32 {
    fn to_param(&self) -> Param<'_> {
        Param::Integer(i64::from(*self))
    }
}

impl ToParam for u16 {
    fn to_param(&self) -> Param<'_> {
        Param::Integer(i64::from(*self))
    }
}

impl ToParam for u32 {
    fn to_param(&self) -> Param<'_> {
        Param::Integer(i64::from(*self))
    }
}

impl ToParam for bool {
    fn to_param(&self) -> Param<'_> {
        Param::Integer(i64::from(*self))
    }
}

impl ToParam for f64 {
    fn to_param(&self) -> Param<'_> {
        Param::Real(*self)
    }
}

impl ToParam for str {
    fn to_param(&self) -> Param<'_> {
        Param::Text(self)
    }
}

impl ToParam for String {
    fn to_param(&self) -> Param<'_> {
        Param::Text(self)
    }
}

impl ToParam for [u8] {
    fn to_param(&self) -> Param<'_> {
        Param::Blob(self)
    }
}

impl ToParam for Vec<u8> {
    fn to_param(&self) -> Param<'_> {
        Param::Blob(self)
    }
}

impl<T: ToParam> ToParam for Option<T> {
    fn to_param(&self) -> Param<'_> {
        match self {
            Some(v) => v.to_param(),
            None => Param::Null,
        }
    }
}

impl ToParam for Param<'_> {
    fn to_param(&self) -> Param<'_> {
        *self
    }
}

/// `params![a, b, c]`: the values of `?1`, `?2`, `?3`, borrowed for the statement.
#[macro_export]
macro_rules! params {
    () => {
        &[] as &[$crate::db::Param<'_>]
    };
    ($($value:expr),+ $(,)?) => {
        &[$($crate::db::ToParam::to_param(&$value)),+] as &[$crate::db::Param<'_>]
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_read_as_asked_or_say_why_not() {
        let row = Row(vec![
            Value::Integer(7),
            Value::Null,
            Value::Text("a".into()),
        ]);
        assert_eq!(row.get::<i64>(0).unwrap(), 7);
        assert!(row.get::<bool>(0).unwrap());
        assert_eq!(row.get::<Option<String>>(1).unwrap(), None);
        assert_eq!(row.get::<String>(2).unwrap(), "a");
        assert!(row.get::<String>(0).is_err());
        assert!(row.get::<i64>(1).is_err());
        assert!(row.get::<i64>(3).is_err());
        assert!(row.get::<u16>(0).is_ok());
    }

    #[test]
    fn params_borrow_what_they_bind() {
        let name = String::from("Ada");
        let missing: Option<&str> = None;
        let bytes = vec![1u8, 2];
        let bound = params![1i64, name, missing, bytes, true, "x"];
        assert_eq!(
            bound,
            [
                Param::Integer(1),
                Param::Text("Ada"),
                Param::Null,
                Param::Blob(&[1, 2]),
                Param::Integer(1),
                Param::Text("x"),
            ]
        );
    }
}
