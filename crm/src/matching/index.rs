//! The derived match keys of a contact (`contact_match_keys`): its emails, phone numbers and
//! name-word pairs, rebuilt whenever the server writes the contact, so that the email, phone
//! and name stages of a lookup are index probes too (PRODUCT.md C2).
//!
//! Name pairs are stored twice: alone (`name`), for a lookup without a company, and with the
//! first word of each of the contact's companies (`name_at`, `ada lovelace@analytical`), for a
//! lookup with one. A scored match needs the companies to agree or one to be unknown, and
//! companies that agree share their first word, so the second probe finds every contact that
//! can pass the threshold without wading through every namesake in the CRM.

use super::company::companies_of;
use super::contact_points::{emails_of, phones_of};
use super::names::{names_of, pair_keys};
use crate::db::{DbError, Sql};
use crate::params;

/// What the keys are derived from.
#[derive(Clone, Copy, Debug)]
pub struct KeySource<'a> {
    pub full_name: &'a str,
    pub company: Option<&'a str>,
    /// Each may hold several, separated by `,` or `;` (as other systems store them).
    pub emails: &'a [String],
    pub phones: &'a [String],
}

/// Replaces the derived keys of contact `id` and marks it indexed.
pub fn index_contact(conn: &dyn Sql, id: i64, source: KeySource<'_>) -> Result<(), DbError> {
    conn.execute(
        "DELETE FROM contact_match_keys WHERE contact_id = ?1",
        params![id],
    )?;
    write_keys(conn, id, source)?;
    conn.execute(
        "UPDATE contacts SET match_indexed = 1 WHERE id = ?1",
        params![id],
    )?;
    Ok(())
}

/// Adds the derived keys of a contact that has none yet (bulk inserts mark it indexed
/// themselves).
pub fn write_keys(conn: &dyn Sql, id: i64, source: KeySource<'_>) -> Result<(), DbError> {
    let insert = |kind: &str, value: &str| {
        conn.execute(
            "INSERT INTO contact_match_keys (kind, value, contact_id) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
            params![kind, value, id],
        )
    };
    for email in source.emails.iter().flat_map(|e| emails_of(e)) {
        insert("email", &email)?;
    }
    for phone in source.phones.iter().flat_map(|p| phones_of(p)) {
        insert("phone", &phone)?;
    }
    let at: Vec<String> = match source.company.map(companies_of).unwrap_or_default() {
        companies if companies.is_empty() => vec![String::new()],
        companies => companies
            .into_iter()
            .filter_map(|words| words.into_iter().next())
            .collect(),
    };
    for name in names_of(source.full_name) {
        for pair in pair_keys(&name) {
            for company in &at {
                insert("name_at", &name_at(&pair, company))?;
            }
            insert("name", &pair)?;
        }
    }
    Ok(())
}

/// The `name_at` key of a name pair and the first word of a company (empty: no company).
pub fn name_at(pair: &str, company_word: &str) -> String {
    format!("{pair}@{company_word}")
}

/// Indexes the contacts written without the server (an import, a test's SQL, a database from
/// before these keys existed). Runs when the database opens; returns how many it indexed.
pub fn index_pending(conn: &dyn Sql) -> Result<usize, DbError> {
    let tx = conn.transaction()?;
    let pending: Vec<i64> = tx.query_map(
        "SELECT id FROM contacts WHERE match_indexed = 0",
        params![],
        |row| row.get(0),
    )?;
    for id in &pending {
        if let Some(fields) = crate::contacts::load_fields(&tx, *id)? {
            index_contact(
                &tx,
                *id,
                KeySource {
                    full_name: fields.full_name.as_deref().unwrap_or_default(),
                    company: fields.company.as_deref(),
                    emails: &fields.emails,
                    phones: &fields.phones,
                },
            )?;
        }
    }
    tx.commit()?;
    Ok(pending.len())
}
