//! Writing contacts: a new one from the extension (PRODUCT.md E4), and an update merged by the
//! rule of E5, which is the core's `talent_bridge::merge` (the extension previews an update
//! with the same function, so the preview and the CRM cannot disagree). Both keep the derived
//! match keys in step, in the caller's transaction.

use super::profile_keys::with_keys;
use crate::db::DbError;
use crate::db::Sql;
use crate::matching::{ExactKind, KeySource, MatchKeys, index_contact};
use crate::params;
use talent_bridge::crm::ContactWrite;
use talent_bridge::merge::{ContactFields, Merged, merge};

/// Inserts a contact created by `user_id` (its owner) and returns its id. `creation_source`
/// must have been checked by the caller.
pub fn insert_contact(
    conn: &dyn Sql,
    write: &ContactWrite,
    keys: &MatchKeys,
    user_id: i64,
) -> Result<i64, DbError> {
    let fields = ContactFields::from_write(&with_keys(write, keys));
    let now = crate::clock::now_text();
    let id: i64 = conn.query_row(
        "INSERT INTO contacts (full_name, creation_source, owner_user_id, created_by_user_id,
             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?3, ?4, ?4) RETURNING id",
        params![
            fields.full_name.as_deref().unwrap_or_default(),
            write.creation_source,
            user_id,
            now,
        ],
        |row| row.get(0),
    )?;
    store_fields(conn, id, &fields)?;
    Ok(id)
}

/// Merges `update` into contact `id` by the rule of E5 and stores the result with a fresh
/// `updated_at`; returns how many fields changed. Keys the contact cannot hold in its own
/// columns (it has others) are kept as aliases, so the profile matches exactly from now on.
pub fn update_contact(
    conn: &dyn Sql,
    id: i64,
    update: &ContactWrite,
    keys: &MatchKeys,
) -> Result<usize, DbError> {
    let Some(current) = load_fields(conn, id)? else {
        return Ok(0);
    };
    let Merged { fields, changes } = merge(&current, &with_keys(update, keys));
    store_fields(conn, id, &fields)?;
    for (kind, value) in keys.entries() {
        let own = match kind {
            ExactKind::PublicId => fields.public_id.as_deref(),
            ExactKind::ProfileUrl => fields.profile_url.as_deref(),
            ExactKind::MemberUrn => fields.member_urn.as_deref(),
        };
        if own != Some(value) {
            conn.execute(
                "INSERT INTO contact_aliases (kind, value, contact_id) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
                params![kind.column(), value, id],
            )?;
        }
    }
    Ok(changes.len())
}

/// Contact `id`'s fields as stored (what the E5 merge works on).
pub fn load_fields(conn: &dyn Sql, id: i64) -> Result<Option<ContactFields>, DbError> {
    conn.query_opt(
        "SELECT full_name, headline, title, company, location, email, phone, emails, phones,
                public_id, profile_url, member_urn, summary, skills, positions, education
         FROM contacts WHERE id = ?1",
        params![id],
        |r| {
            let email: Option<String> = r.get(5)?;
            let phone: Option<String> = r.get(6)?;
            Ok((
                ContactFields {
                    full_name: r.get(0)?,
                    headline: r.get(1)?,
                    title: r.get(2)?,
                    company: r.get(3)?,
                    location: r.get(4)?,
                    public_id: r.get(9)?,
                    profile_url: r.get(10)?,
                    member_urn: r.get(11)?,
                    summary: r.get(12)?,
                    ..ContactFields::default()
                },
                // A row written by other means may have `email` without `emails`.
                [(r.get::<String>(7)?, email), (r.get(8)?, phone)],
                [r.get::<String>(13)?, r.get(14)?, r.get(15)?],
            ))
        },
    )?
    .map(
        |(mut fields, [(emails, email), (phones, phone)], [skills, positions, education])| {
            fields.emails = or_single(parse(&emails)?, email);
            fields.phones = or_single(parse(&phones)?, phone);
            fields.skills = parse(&skills)?;
            fields.positions = parse(&positions)?;
            fields.education = parse(&education)?;
            Ok(fields)
        },
    )
    .transpose()
}

/// Writes every field (the first email and phone are the card's), renews `updated_at`, and
/// rebuilds the derived match keys.
fn store_fields(conn: &dyn Sql, id: i64, f: &ContactFields) -> Result<(), DbError> {
    conn.execute(
        "UPDATE contacts SET full_name = ?2, headline = ?3, title = ?4, company = ?5,
             location = ?6, email = ?7, phone = ?8, emails = ?9, phones = ?10, public_id = ?11,
             profile_url = ?12, member_urn = ?13, summary = ?14, skills = ?15, positions = ?16,
             education = ?17, updated_at = ?18
         WHERE id = ?1",
        params![
            id,
            f.full_name.as_deref().unwrap_or_default(),
            f.headline,
            f.title,
            f.company,
            f.location,
            f.emails.first(),
            f.phones.first(),
            json(&f.emails)?,
            json(&f.phones)?,
            f.public_id,
            f.profile_url,
            f.member_urn,
            f.summary,
            json(&f.skills)?,
            json(&f.positions)?,
            json(&f.education)?,
            crate::clock::now_text(),
        ],
    )?;
    index_contact(
        conn,
        id,
        KeySource {
            full_name: f.full_name.as_deref().unwrap_or_default(),
            company: f.company.as_deref(),
            emails: &f.emails,
            phones: &f.phones,
        },
    )
}

fn or_single(list: Vec<String>, single: Option<String>) -> Vec<String> {
    if list.is_empty() {
        single.into_iter().collect()
    } else {
        list
    }
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, DbError> {
    serde_json::to_string(value).map_err(|e| DbError::TaskFailed(e.to_string()))
}

fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, DbError> {
    serde_json::from_str(text).map_err(|e| DbError::TaskFailed(format!("a stored list: {e}")))
}
