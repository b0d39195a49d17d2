//! What `--db` names: a SQLite file (`crm.db`, `sqlite:crm.db`) or a PostgreSQL database
//! (`postgres://user:password@host:5432/crm`, `postgresql://…`, libpq's URL form).

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

/// How long connecting to PostgreSQL may take when the URL does not say
/// (`?connect_timeout=SECONDS`).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Clone, Debug)]
pub enum DbTarget {
    Sqlite(PathBuf),
    Postgres(Box<PgTarget>),
}

/// A PostgreSQL database: the client's configuration, from the URL.
#[derive(Clone)]
pub struct PgTarget {
    pub config: postgres::Config,
}

impl PgTarget {
    pub fn from_url(url: &str) -> Result<Self, String> {
        let mut config = postgres::Config::from_str(url).map_err(|e| {
            // The client's message never repeats the URL, so never its password either.
            format!(
                "--db: not a PostgreSQL URL ({e}); write postgres://USER:PASSWORD@HOST:PORT/DATABASE"
            )
        })?;
        if config.get_dbname().is_none() {
            return Err("--db: the PostgreSQL URL names no database; add /DATABASE \
                        (postgres://USER:PASSWORD@HOST:PORT/DATABASE)"
                .into());
        }
        if config.get_hosts().is_empty() {
            return Err("--db: the PostgreSQL URL names no host; add @HOST:PORT".into());
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        config.application_name("talent-bridge-crm");
        Ok(Self { config })
    }
}

impl fmt::Display for PgTarget {
    /// `user@host:port/database`: enough to find it, never the password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.config;
        if let Some(user) = c.get_user() {
            write!(f, "{user}@")?;
        }
        for (i, host) in c.get_hosts().iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            match host {
                postgres::config::Host::Tcp(name) => f.write_str(name)?,
                #[cfg(unix)]
                postgres::config::Host::Unix(path) => write!(f, "{}", path.display())?,
            }
            if let Some(port) = c.get_ports().get(i).or_else(|| c.get_ports().first()) {
                write!(f, ":{port}")?;
            }
        }
        write!(f, "/{}", c.get_dbname().unwrap_or_default())
    }
}

impl fmt::Debug for PgTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PgTarget({self})")
    }
}

impl FromStr for DbTarget {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        if s.starts_with("postgres://") || s.starts_with("postgresql://") {
            return PgTarget::from_url(s).map(|pg| Self::Postgres(Box::new(pg)));
        }
        if let Some((scheme, _)) = s.split_once("://")
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'+')
        {
            return Err(format!(
                "--db: {scheme}:// is not a database this CRM uses; give a SQLite file \
                 (crm.db, sqlite:crm.db) or a PostgreSQL URL (postgres://USER:PASSWORD@HOST:PORT/DATABASE)"
            ));
        }
        let path = s.strip_prefix("sqlite:").unwrap_or(s);
        if path.is_empty() {
            return Err("--db: give a SQLite file (crm.db) or a PostgreSQL URL".into());
        }
        Ok(Self::Sqlite(PathBuf::from(path)))
    }
}

impl fmt::Display for DbTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Sqlite(path) => write!(f, "sqlite:{}", path.display()),
            Self::Postgres(pg) => write!(f, "postgres://{pg}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn db_names_a_file_or_a_postgres_url() {
        assert!(matches!("crm.db".parse(), Ok(DbTarget::Sqlite(p)) if p.as_os_str() == "crm.db"));
        assert!(
            matches!("sqlite:/tmp/x.db".parse(), Ok(DbTarget::Sqlite(p)) if p.as_os_str() == "/tmp/x.db")
        );
        let pg: DbTarget = "postgres://crm:s3cret@db.internal:5433/talent"
            .parse()
            .unwrap();
        let shown = pg.to_string();
        assert_eq!(shown, "postgres://crm@db.internal:5433/talent");
        assert!(!format!("{pg:?}").contains("s3cret"));
        let socket: DbTarget = "postgres://crm@%2Fvar%2Frun%2Fpostgresql/crm"
            .parse()
            .unwrap();
        assert_eq!(
            socket.to_string(),
            "postgres://crm@/var/run/postgresql:5432/crm"
        );
        for bad in [
            "postgres://crm:s3cret@db.internal:notaport/talent",
            "postgres://crm@db.internal:5432",
            "mysql://crm@db/talent",
            "sqlite:",
            "",
        ] {
            let error = bad.parse::<DbTarget>().unwrap_err();
            assert!(error.starts_with("--db: "), "{error}");
            assert!(!error.contains("s3cret"), "{error}");
        }
    }
}
