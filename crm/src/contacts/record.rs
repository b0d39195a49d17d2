//! A contact as the CRM's own page shows it: the card plus where it came from, what the
//! extension attached and wrote, and the applications.

use super::attachments::list_attachments;
use super::card::load_card;
use super::notes::{NoteView, list_notes};
use super::store::load_fields;
use crate::db::{DbError, Sql};
use crate::params;
use talent_bridge::crm::{Attachment, ContactCard};
use talent_bridge::merge::ContactFields;

#[derive(Clone, Debug, PartialEq)]
pub struct ContactRecord {
    pub card: ContactCard,
    pub creation_source: String,
    pub created_at: String,
    pub profile_url: Option<String>,
    /// Vacancy name and application status (`active`, `closed`).
    pub applications: Vec<(String, String)>,
    pub attachments: Vec<Attachment>,
    pub notes: Vec<NoteView>,
    /// Every field as stored: all emails and phones, summary, skills, positions, education.
    pub profile: ContactFields,
}

/// The record of contact `id`; `None` when missing or hidden from this viewer (B5).
pub fn load_record(
    conn: &dyn Sql,
    id: i64,
    see_confidential: bool,
    public_url: &str,
) -> Result<Option<ContactRecord>, DbError> {
    let Some(card) = load_card(conn, id, see_confidential, public_url)? else {
        return Ok(None);
    };
    let (creation_source, created_at, profile_url) = conn.query_row(
        "SELECT creation_source, created_at, profile_url FROM contacts WHERE id = ?1",
        params![id],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?;
    let applications = conn.query_map(
        "SELECT v.name, a.status FROM applications a JOIN vacancies v ON v.id = a.vacancy_id
         WHERE a.contact_id = ?1 ORDER BY a.status, v.name",
        params![id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    Ok(Some(ContactRecord {
        card,
        creation_source,
        created_at,
        profile_url,
        applications,
        attachments: list_attachments(conn, id, public_url)?,
        notes: list_notes(conn, id)?,
        profile: load_fields(conn, id)?.unwrap_or_default(),
    }))
}
