//! Values crossing the storage layer: what is bound to a statement (`Param`, `params!`) and
//! what a row holds (`Row`, `Value`), with the Rust types each converts from and to. A value of
//! another type than the code reads is an error, never a panic.

use super::DbError;

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
