//! `crm seed --synthetic N`: N made-up contacts, for measuring lookups at a realistic size
//! (PRODUCT.md C2: 100,000 contacts). Deterministic, so runs compare; one transaction, so
//! 100,000 take seconds. Names repeat on purpose (60 × 60 given and family names), as in a
//! real CRM, so the name stage meets crowds of namesakes.

use crate::db::DbError;
use crate::db::Sql;
use crate::matching::{KeySource, write_keys};
use crate::params;

const GIVEN: &[&str] = &[
    "Aisha",
    "Alexander",
    "Amelia",
    "Ana",
    "Andrea",
    "Ben",
    "Carlos",
    "Chen",
    "Chloe",
    "Daniel",
    "David",
    "Elena",
    "Emma",
    "Fatima",
    "Felix",
    "Grace",
    "Hannah",
    "Hugo",
    "Ines",
    "Isabel",
    "Ivan",
    "Jakob",
    "James",
    "Julia",
    "Kai",
    "Karin",
    "Lars",
    "Laura",
    "Leon",
    "Lina",
    "Lucas",
    "Maria",
    "Mark",
    "Maya",
    "Mei",
    "Mohammed",
    "Nadia",
    "Noah",
    "Olga",
    "Omar",
    "Paul",
    "Priya",
    "Rafael",
    "Ravi",
    "Rosa",
    "Sam",
    "Sara",
    "Sofia",
    "Stefan",
    "Tariq",
    "Thomas",
    "Tom",
    "Vera",
    "Victor",
    "Wei",
    "William",
    "Yara",
    "Yusuf",
    "Zoe",
    "Zara",
];
const FAMILY: &[&str] = &[
    "Achebe",
    "Andersen",
    "Bauer",
    "Becker",
    "Bianchi",
    "Brown",
    "Costa",
    "Dubois",
    "Eriksson",
    "Fischer",
    "Garcia",
    "Gonzalez",
    "Hansen",
    "Hoffmann",
    "Ivanova",
    "Jansen",
    "Jensen",
    "Khan",
    "Kim",
    "Klein",
    "Kowalski",
    "Lee",
    "Lopez",
    "Martin",
    "Meyer",
    "Moreau",
    "Müller",
    "Nagy",
    "Nielsen",
    "Novak",
    "Okafor",
    "Olsen",
    "Patel",
    "Perez",
    "Petrov",
    "Rossi",
    "Santos",
    "Schmidt",
    "Schneider",
    "Silva",
    "Singh",
    "Smith",
    "Sousa",
    "Suzuki",
    "Svensson",
    "Tanaka",
    "Taylor",
    "Thompson",
    "Wagner",
    "Wang",
    "Weber",
    "Williams",
    "Wilson",
    "Wójcik",
    "Yamamoto",
    "Yilmaz",
    "Young",
    "Zhang",
    "Zimmermann",
    "Żak",
];
const COMPANIES: &[&str] = &[
    "Acme Corp",
    "Globex GmbH",
    "Initech LLC",
    "Umbrella plc",
    "Stark Industries",
    "Wayne Enterprises",
    "Hooli Inc",
    "Vandelay Industries",
    "Soylent Co",
    "Tyrell Corporation",
    "Cyberdyne Systems",
    "Wonka Ltd",
    "Datenwerk GmbH",
    "Nordlicht AB",
    "Aurora SA",
    "Blue Harbor BV",
];
const PLACES: &[&str] = &[
    "Berlin, Germany",
    "London, England, United Kingdom",
    "Paris, Île-de-France, France",
    "Amsterdam, North Holland, Netherlands",
    "Stockholm, Sweden",
    "Madrid, Spain",
    "New York, New York, United States",
    "Austin, Texas, United States",
    "Toronto, Ontario, Canada",
    "Zürich, Switzerland",
    "Warsaw, Poland",
    "Lisbon, Portugal",
];
const TITLES: &[&str] = &[
    "Software Engineer",
    "Data Scientist",
    "Engineering Manager",
    "Product Manager",
    "Designer",
    "Recruiter",
    "Sales Director",
    "Analyst",
];

/// Adds synthetic contacts 0..count that are not there yet; returns how many it added.
pub fn seed_synthetic(conn: &dyn Sql, count: usize) -> Result<usize, DbError> {
    let tx = conn.transaction()?;
    let mut added = 0;
    {
        for i in 0..count {
            let person = SyntheticPerson::new(i);
            let slug = format!("synthetic-{i}");
            let list = |one: &str| {
                serde_json::to_string(&[one]).map_err(|e| DbError::TaskFailed(e.to_string()))
            };
            let inserted: Option<i64> = tx.query_opt(
                "INSERT INTO contacts (full_name, headline, title, company, location,
                     email, phone, emails, phones, public_id, profile_url, member_urn,
                     creation_source, import_key, match_indexed, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?12, ?13, ?8, ?9, ?10,
                     'Synthetic', ?11, 1,
                     '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
                 ON CONFLICT DO NOTHING
                 RETURNING id",
                params![
                    person.full_name,
                    format!("{} at {}", person.title, person.company),
                    person.title,
                    person.company,
                    person.location,
                    person.email,
                    person.phone,
                    slug,
                    format!("https://www.linkedin.com/in/{slug}/"),
                    format!("urn:li:fsd_profile:ACoAAS{i:020}"),
                    format!("synthetic:{i}"),
                    list(&person.email)?,
                    list(&person.phone)?,
                ],
                |row| row.get(0),
            )?;
            let Some(id) = inserted else {
                continue;
            };
            write_keys(
                &tx,
                id,
                KeySource {
                    full_name: &person.full_name,
                    company: Some(person.company),
                    emails: std::slice::from_ref(&person.email),
                    phones: std::slice::from_ref(&person.phone),
                },
            )?;
            added += 1;
        }
    }
    tx.commit()?;
    Ok(added)
}

/// Synthetic contact `i`, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntheticPerson {
    pub full_name: String,
    pub title: &'static str,
    pub company: &'static str,
    pub location: &'static str,
    pub email: String,
    pub phone: String,
}

impl SyntheticPerson {
    pub fn new(i: usize) -> Self {
        let mut state = splitmix(i as u64);
        let mut pick = |list: &'static [&'static str]| -> &'static str {
            state = splitmix(state);
            // The remainder is below the list's length, so it fits in usize.
            let at = (state % list.len() as u64) as usize;
            list.get(at).copied().unwrap_or_default()
        };
        let given = pick(GIVEN);
        let family = pick(FAMILY);
        let title = pick(TITLES);
        let company = pick(COMPANIES);
        let location = pick(PLACES);
        Self {
            full_name: format!("{given} {family}"),
            title,
            company,
            location,
            email: format!("person{i}@synthetic.example"),
            phone: format!("+1 555 {i:07}"),
        }
    }
}

/// SplitMix64: a fast, well-mixed step for deterministic made-up data (not for secrets).
fn splitmix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
