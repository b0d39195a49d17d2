//! Notes on a contact: written from the export panel (PRODUCT.md E2), shown on its page.

use crate::db::{DbError, Sql};
use crate::params;
use talent_bridge::crm::Note;

/// A note as the contact page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteView {
    pub author: Option<String>,
    pub text: String,
    pub created_at: String,
}

pub fn add_note(
    conn: &dyn Sql,
    contact_id: i64,
    user_id: i64,
    text: &str,
) -> Result<Note, DbError> {
    let (id, created_at) = conn.query_row(
        "INSERT INTO notes (contact_id, user_id, text, created_at) VALUES (?1, ?2, ?3, ?4)
         RETURNING id, created_at",
        params![contact_id, user_id, text, crate::clock::now_text()],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    Ok(Note {
        id,
        text: text.to_string(),
        created_at,
    })
}

/// The contact's notes, newest first.
pub fn list_notes(conn: &dyn Sql, contact_id: i64) -> Result<Vec<NoteView>, DbError> {
    conn.query_map(
        "SELECT u.name, n.text, n.created_at FROM notes n LEFT JOIN users u ON u.id = n.user_id
         WHERE n.contact_id = ?1 ORDER BY n.created_at DESC, n.id DESC",
        params![contact_id],
        |row| {
            Ok(NoteView {
                author: row.get(0)?,
                text: row.get(1)?,
                created_at: row.get(2)?,
            })
        },
    )
}
