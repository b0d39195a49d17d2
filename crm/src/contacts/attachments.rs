//! Attachments (the profile PDF, PRODUCT.md E3): kept in the database with their SHA-256, so an
//! answered upload is as durable as any committed row (PRODUCT.md C3).

use crate::db::{DbError, Sql};
use crate::params;
use sha2::{Digest, Sha256};
use talent_bridge::crm::Attachment;

/// Where an attachment is downloaded from: the CRM page route, behind its sign-in.
pub fn attachment_url(public_url: &str, id: i64) -> String {
    format!("{}/attachments/{id}", public_url.trim_end_matches('/'))
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub fn store_attachment(
    conn: &dyn Sql,
    contact_id: i64,
    user_id: i64,
    filename: &str,
    content_type: &str,
    bytes: &[u8],
    public_url: &str,
) -> Result<Attachment, DbError> {
    let sha256 = sha256_hex(bytes);
    // Integers are i64 in both engines; a 5 MiB file fits either way.
    let size = i64::try_from(bytes.len()).map_err(|e| DbError::TaskFailed(e.to_string()))?;
    let id: i64 = conn.query_row(
        "INSERT INTO attachments (contact_id, filename, content_type, size, sha256, user_id,
             content, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id",
        params![
            contact_id,
            filename,
            content_type,
            size,
            sha256,
            user_id,
            bytes,
            crate::clock::now_text()
        ],
        |row| row.get(0),
    )?;
    Ok(Attachment {
        id,
        filename: filename.to_string(),
        size: size.unsigned_abs(),
        sha256,
        url: attachment_url(public_url, id),
    })
}

/// The contact's attachments, newest first, without their content.
pub fn list_attachments(
    conn: &dyn Sql,
    contact_id: i64,
    public_url: &str,
) -> Result<Vec<Attachment>, DbError> {
    conn.query_map(
        "SELECT id, filename, size, sha256 FROM attachments WHERE contact_id = ?1
         ORDER BY id DESC",
        params![contact_id],
        |row| {
            let id: i64 = row.get(0)?;
            Ok(Attachment {
                id,
                filename: row.get(1)?,
                size: row.get::<i64>(2)?.unsigned_abs(),
                sha256: row.get(3)?,
                url: attachment_url(public_url, id),
            })
        },
    )
}

/// A stored file, ready to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredFile {
    pub filename: String,
    pub content_type: String,
    pub content: Vec<u8>,
}

/// Attachment `id` when its contact is visible to the viewer (PRODUCT.md B5).
pub fn load_attachment(
    conn: &dyn Sql,
    id: i64,
    see_confidential: bool,
) -> Result<Option<StoredFile>, DbError> {
    conn.query_opt(
        "SELECT a.filename, a.content_type, a.content
         FROM attachments a JOIN contacts c ON c.id = a.contact_id
         WHERE a.id = ?1 AND (c.confidential = 0 OR ?2 = 1)",
        params![id, see_confidential],
        |row| {
            Ok(StoredFile {
                filename: row.get(0)?,
                content_type: row.get(1)?,
                content: row.get(2)?,
            })
        },
    )
}
