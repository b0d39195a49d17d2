//! `crm seed --demo`: the demo CRM that the fixture network site (tests/site) is written
//! against: its public ids must match the site's exactly. Running it again adds nothing: every
//! row is found by a natural key (email, token digest, pool name, vacancy id, import key, OAuth
//! client id). It registers the extension as OAuth client `talent-bridge-extension`.

use crate::auth::password::{self, PasswordError};
use crate::auth::token;
use crate::db::{DbError, Sql};
use crate::matching::{KeySource, index_contact};
use crate::oauth::{self, clients::ClientRegistration};
use crate::params;
use std::fmt;
use talent_bridge::profile::ProfileKey;

struct DemoUser {
    name: &'static str,
    email: &'static str,
    password: &'static str,
    permissions: &'static [&'static str],
    /// Sees every user's usage (`/admin/usage`).
    admin: bool,
    token: &'static str,
}

const USERS: &[DemoUser] = &[
    DemoUser {
        name: "Riley Recruiter",
        email: "riley@example.com",
        password: "riley-demo",
        permissions: &["view", "create", "edit"],
        admin: false,
        token: "tb-demo-riley",
    },
    DemoUser {
        name: "Val Viewer",
        email: "val@example.com",
        password: "val-demo",
        permissions: &["view"],
        admin: false,
        token: "tb-demo-val",
    },
    DemoUser {
        name: "Casey Confidential",
        email: "casey@example.com",
        password: "casey-demo",
        permissions: &["view", "create", "edit", "confidential"],
        admin: true,
        token: "tb-demo-casey",
    },
];

/// (name, public)
const POOLS: &[(&str, bool)] = &[
    ("Engineering leaders", true),
    ("Data & AI", true),
    ("Graduates 2027", true),
    ("Exec search", false),
];

/// (CRM id, ATS id, name)
const VACANCIES: &[(&str, &str, &str)] = &[
    ("V-101", "ATS-9001", "Staff Engineer"),
    ("V-102", "ATS-9002", "Data Scientist"),
    ("V-103", "ATS-9003", "Engineering Manager"),
];

#[derive(Default)]
struct DemoContact {
    import_key: &'static str,
    full_name: &'static str,
    headline: Option<&'static str>,
    title: Option<&'static str>,
    company: Option<&'static str>,
    location: Option<&'static str>,
    email: Option<&'static str>,
    phone: Option<&'static str>,
    /// As the site's URL has it; stored with the canonical profile URL.
    public_id: Option<&'static str>,
    member_urn: Option<&'static str>,
    owner_email: &'static str,
    confidential: bool,
    source: &'static str,
    pools: &'static [&'static str],
    /// CRM ids.
    vacancies: &'static [&'static str],
    /// CRM id of a vacancy with an active application (PRODUCT.md E5).
    active_application: Option<&'static str>,
    created_at: &'static str,
    updated_at: &'static str,
}

const RILEY: &str = "riley@example.com";
const CASEY: &str = "casey@example.com";

fn contacts() -> Vec<DemoContact> {
    vec![
        DemoContact {
            import_key: "demo:ada-lovelace",
            full_name: "Ada Lovelace",
            headline: Some("Lead Engineer at Analytical Engines"),
            title: Some("Lead Engineer"),
            company: Some("Analytical Engines"),
            location: Some("London, England, United Kingdom"),
            email: Some("ada@example.org"),
            phone: Some("+44 20 7946 0001"),
            public_id: Some("ada-lovelace"),
            owner_email: RILEY,
            source: "Manual",
            pools: &["Engineering leaders"],
            vacancies: &["V-101"],
            created_at: "2025-09-01T09:00:00Z",
            updated_at: "2026-03-02T10:15:00Z",
            ..DemoContact::default()
        },
        DemoContact {
            import_key: "demo:grace-hopper",
            full_name: "Grace Hopper",
            headline: Some("Rear Admiral at US Navy"),
            title: Some("Rear Admiral"),
            company: Some("US Navy"),
            location: Some("Arlington, Virginia, United States"),
            email: Some("grace@example.org"),
            public_id: Some("grace-hopper"),
            owner_email: RILEY,
            source: "Manual",
            pools: &["Engineering leaders"],
            created_at: "2025-10-14T13:30:00Z",
            updated_at: "2026-02-11T08:45:00Z",
            ..DemoContact::default()
        },
        // The CRM still has her old location: the badge shows "Out of date" (PRODUCT.md B1),
        // and the active application makes an update ask for confirmation (E5).
        DemoContact {
            import_key: "demo:katherine-johnson",
            full_name: "Katherine Johnson",
            headline: Some("Research Mathematician at NASA"),
            title: Some("Research Mathematician"),
            company: Some("NASA"),
            location: Some("White Sulphur Springs, West Virginia, United States"),
            public_id: Some("katherine-johnson"),
            owner_email: RILEY,
            source: "Manual",
            pools: &["Data & AI"],
            vacancies: &["V-102"],
            active_application: Some("V-102"),
            created_at: "2024-05-20T11:00:00Z",
            updated_at: "2024-11-02T16:20:00Z",
            ..DemoContact::default()
        },
        DemoContact {
            import_key: "demo:jurgen-muller",
            full_name: "Jürgen Müller",
            headline: Some("Data Scientist at Datenwerk GmbH"),
            title: Some("Data Scientist"),
            company: Some("Datenwerk GmbH"),
            location: Some("Berlin, Germany"),
            public_id: Some("jürgen-müller"),
            owner_email: RILEY,
            source: "Manual",
            pools: &["Data & AI"],
            created_at: "2025-12-03T10:00:00Z",
            updated_at: "2026-01-08T09:10:00Z",
            ..DemoContact::default()
        },
        // Two records of one person (PRODUCT.md B3: "2 matches").
        DemoContact {
            import_key: "demo:margaret-hamilton",
            full_name: "Margaret Hamilton",
            headline: Some("Director of Software Engineering at MIT Instrumentation Lab"),
            title: Some("Director of Software Engineering"),
            company: Some("MIT Instrumentation Lab"),
            location: Some("Cambridge, Massachusetts, United States"),
            email: Some("margaret@example.org"),
            public_id: Some("margaret-hamilton"),
            owner_email: RILEY,
            source: "Manual",
            pools: &["Engineering leaders"],
            created_at: "2025-11-21T15:00:00Z",
            updated_at: "2026-01-20T14:05:00Z",
            ..DemoContact::default()
        },
        DemoContact {
            import_key: "demo:margaret-hamilton-old",
            full_name: "Margaret Hamilton",
            headline: Some("Director of Software Engineering at MIT Instrumentation Lab"),
            title: Some("Director of Software Engineering"),
            company: Some("MIT Instrumentation Lab"),
            location: Some("Cambridge, Massachusetts, United States"),
            public_id: Some("margaret-hamilton"),
            owner_email: RILEY,
            source: "Import",
            created_at: "2019-04-12T08:00:00Z",
            updated_at: "2019-06-01T12:00:00Z",
            ..DemoContact::default()
        },
        // Never shown to users without the confidential permission (PRODUCT.md B5).
        DemoContact {
            import_key: "demo:edsger-dijkstra",
            full_name: "Edsger Dijkstra",
            headline: Some("Professor at University of Texas"),
            title: Some("Professor"),
            company: Some("University of Texas"),
            location: Some("Austin, Texas, United States"),
            public_id: Some("edsger-dijkstra"),
            owner_email: CASEY,
            confidential: true,
            source: "Manual",
            pools: &["Exec search"],
            vacancies: &["V-103"],
            created_at: "2025-08-18T09:30:00Z",
            updated_at: "2026-02-27T17:40:00Z",
            ..DemoContact::default()
        },
        // Known by member URN only (site's profile: barbara-liskov): matched on the URN.
        DemoContact {
            import_key: "demo:barbara-liskov",
            full_name: "Barbara Liskov",
            headline: Some("Institute Professor at MIT"),
            title: Some("Institute Professor"),
            company: Some("MIT"),
            location: Some("Cambridge, Massachusetts, United States"),
            member_urn: Some("urn:li:fsd_profile:ACoAAB1234567890abcdefGHIJKLmnopQRSTuv"),
            owner_email: RILEY,
            source: "Import",
            pools: &["Engineering leaders"],
            created_at: "2025-06-30T10:00:00Z",
            updated_at: "2025-07-01T10:00:00Z",
            ..DemoContact::default()
        },
        // No profile key at all (site's profile: dorothy-vaughan): found only by the scored
        // match on name, company and location (PRODUCT.md B3).
        DemoContact {
            import_key: "demo:dorothy-vaughan",
            full_name: "Dorothy Vaughan",
            headline: Some("Mathematician at NASA"),
            title: Some("Mathematician"),
            company: Some("NASA"),
            location: Some("Hampton, Virginia, United States"),
            owner_email: RILEY,
            source: "Import",
            pools: &["Data & AI"],
            created_at: "2025-03-10T09:00:00Z",
            updated_at: "2025-03-10T09:00:00Z",
            ..DemoContact::default()
        },
    ]
}

#[derive(Debug)]
pub enum SeedError {
    Db(DbError),
    Password(PasswordError),
    /// The seed's own data is inconsistent (a bug in this file).
    Data(String),
}

impl fmt::Display for SeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Db(e) => write!(f, "{e}"),
            Self::Password(e) => write!(f, "{e}"),
            Self::Data(e) => write!(f, "demo data: {e}"),
        }
    }
}

impl std::error::Error for SeedError {}

impl From<DbError> for SeedError {
    fn from(e: DbError) -> Self {
        Self::Db(e)
    }
}

/// What one run added (all zero on a second run).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub users: usize,
    pub contacts: usize,
}

/// Adds whatever of the demo data is missing, in one transaction.
pub fn seed_demo(conn: &dyn Sql) -> Result<SeedReport, SeedError> {
    let tx = conn.transaction()?;
    let mut report = SeedReport::default();
    for user in USERS {
        report.users += usize::from(ensure_user(&tx, user)?);
    }
    for (name, public) in POOLS {
        tx.execute(
            "INSERT INTO pools (name, public) VALUES (?1, ?2) ON CONFLICT (name) DO NOTHING",
            params![name, public],
        )?;
    }
    for (crm_ref, ats_ref, name) in VACANCIES {
        tx.execute(
            "INSERT INTO vacancies (crm_ref, ats_ref, name) VALUES (?1, ?2, ?3)
             ON CONFLICT (crm_ref) DO NOTHING",
            params![crm_ref, ats_ref, name],
        )?;
    }
    for contact in contacts() {
        report.contacts += usize::from(ensure_contact(&tx, &contact)?);
    }
    oauth::clients::register(
        &tx,
        &ClientRegistration::extension(),
        oauth::clients::CLIENT_NAME,
    )?;
    tx.commit()?;
    Ok(report)
}

/// Adds the user, permissions and token when missing; true when the user was new.
fn ensure_user(tx: &dyn Sql, user: &DemoUser) -> Result<bool, SeedError> {
    let existing = id_of(
        tx,
        "SELECT id FROM users WHERE lower(email) = ?1",
        user.email,
    )?;
    let (id, added) = match existing {
        Some(id) => (id, false),
        None => {
            let hash = password::hash(user.password).map_err(SeedError::Password)?;
            let id = tx.query_row(
                "INSERT INTO users (name, email, password_hash) VALUES (?1, ?2, ?3) RETURNING id",
                params![user.name, user.email, hash],
                |row| row.get(0),
            )?;
            (id, true)
        }
    };
    for permission in user.permissions {
        tx.execute(
            "INSERT INTO user_permissions (user_id, permission) VALUES (?1, ?2)
             ON CONFLICT DO NOTHING",
            params![id, permission],
        )?;
    }
    if user.admin {
        tx.execute("UPDATE users SET admin = 1 WHERE id = ?1", params![id])?;
    }
    token::issue(tx, id, user.token, "demo")?;
    Ok(added)
}

/// Adds the contact and its links when missing; true when the contact was new.
fn ensure_contact(tx: &dyn Sql, c: &DemoContact) -> Result<bool, SeedError> {
    if id_of(
        tx,
        "SELECT id FROM contacts WHERE import_key = ?1",
        c.import_key,
    )?
    .is_some()
    {
        return Ok(false);
    }
    let key = match c.public_id {
        Some(slug) => Some(
            ProfileKey::from_slug(slug)
                .ok_or_else(|| SeedError::Data(format!("bad public id for {}", c.import_key)))?,
        ),
        None => None,
    };
    let owner = id_of(
        tx,
        "SELECT id FROM users WHERE lower(email) = ?1",
        c.owner_email,
    )?;
    let json_list = |one: Option<&str>| {
        serde_json::to_string(&one.into_iter().collect::<Vec<_>>())
            .map_err(|e| SeedError::Data(e.to_string()))
    };
    let id: i64 = tx.query_row(
        "INSERT INTO contacts (full_name, headline, title, company, location, email, phone,
             emails, phones, public_id, profile_url, member_urn, owner_user_id, confidential,
             creation_source, import_key, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?17, ?18,
             ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
         RETURNING id",
        params![
            c.full_name,
            c.headline,
            c.title,
            c.company,
            c.location,
            c.email,
            c.phone,
            key.as_ref().and_then(ProfileKey::public_id),
            key.as_ref().map(ProfileKey::canonical_url),
            c.member_urn,
            owner,
            c.confidential,
            c.source,
            c.import_key,
            c.created_at,
            c.updated_at,
            json_list(c.email)?,
            json_list(c.phone)?,
        ],
        |row| row.get(0),
    )?;
    let emails: Vec<String> = c.email.map(String::from).into_iter().collect();
    let phones: Vec<String> = c.phone.map(String::from).into_iter().collect();
    index_contact(
        tx,
        id,
        KeySource {
            full_name: c.full_name,
            company: c.company,
            emails: &emails,
            phones: &phones,
        },
    )?;
    for pool in c.pools {
        let pool_id = required(tx, "SELECT id FROM pools WHERE name = ?1", pool)?;
        tx.execute(
            "INSERT INTO contact_pools (contact_id, pool_id, added_at) VALUES (?1, ?2, ?3)",
            params![id, pool_id, c.updated_at],
        )?;
    }
    for vacancy in c.vacancies {
        let vacancy_id = required(tx, "SELECT id FROM vacancies WHERE crm_ref = ?1", vacancy)?;
        tx.execute(
            "INSERT INTO contact_vacancies (contact_id, vacancy_id, added_at) VALUES (?1, ?2, ?3)",
            params![id, vacancy_id, c.updated_at],
        )?;
    }
    if let Some(vacancy) = c.active_application {
        let vacancy_id = required(tx, "SELECT id FROM vacancies WHERE crm_ref = ?1", vacancy)?;
        tx.execute(
            "INSERT INTO applications (contact_id, vacancy_id, status, created_at, updated_at)
             VALUES (?1, ?2, 'active', ?3, ?3)",
            params![id, vacancy_id, c.updated_at],
        )?;
    }
    Ok(true)
}

fn id_of(tx: &dyn Sql, sql: &str, key: &str) -> Result<Option<i64>, SeedError> {
    Ok(tx.query_opt(sql, params![key], |row| row.get(0))?)
}

fn required(tx: &dyn Sql, sql: &str, key: &str) -> Result<i64, SeedError> {
    id_of(tx, sql, key)?.ok_or_else(|| SeedError::Data(format!("{key} is not seeded")))
}
