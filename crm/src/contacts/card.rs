//! A contact as the badge and its hover card show it (PRODUCT.md B2).

use crate::db::{DbError, Sql};
use crate::params;
use talent_bridge::crm::ContactCard;

/// The contact's page on this CRM: what the badge links to.
pub fn contact_url(public_url: &str, id: i64) -> String {
    format!("{}/contacts/{id}", public_url.trim_end_matches('/'))
}

/// The card of contact `id`, or `None` when there is none or the viewer may not see it
/// (a confidential contact for a viewer without the permission, PRODUCT.md B5).
pub fn load_card(
    conn: &dyn Sql,
    id: i64,
    see_confidential: bool,
    public_url: &str,
) -> Result<Option<ContactCard>, DbError> {
    let card = conn.query_opt(
        "SELECT c.full_name, c.headline, c.title, c.company, c.location, c.email, c.phone,
                    u.name, c.updated_at, c.confidential,
                    (SELECT count(*) FROM applications a
                     WHERE a.contact_id = c.id AND a.status = 'active'),
                    c.creation_source
             FROM contacts c LEFT JOIN users u ON u.id = c.owner_user_id
             WHERE c.id = ?1 AND (c.confidential = 0 OR ?2 = 1)",
        params![id, see_confidential],
        |row| {
            Ok(ContactCard {
                id,
                full_name: row.get(0)?,
                headline: row.get(1)?,
                title: row.get(2)?,
                company: row.get(3)?,
                location: row.get(4)?,
                email: row.get(5)?,
                phone: row.get(6)?,
                owner: row.get(7)?,
                updated_at: row.get(8)?,
                confidential: row.get(9)?,
                active_applications: row.get(10)?,
                creation_source: row.get(11)?,
                url: contact_url(public_url, id),
                pools: Vec::new(),
                vacancies: Vec::new(),
                pool_ids: Vec::new(),
                vacancy_ids: Vec::new(),
            })
        },
    )?;
    let Some(mut card) = card else {
        return Ok(None);
    };
    (card.pool_ids, card.pools) = named_ids(
        conn,
        "SELECT p.id, p.name FROM contact_pools cp JOIN pools p ON p.id = cp.pool_id
         WHERE cp.contact_id = ?1 ORDER BY p.name, p.id",
        id,
    )?;
    (card.vacancy_ids, card.vacancies) = named_ids(
        conn,
        "SELECT v.id, v.name FROM contact_vacancies cv JOIN vacancies v ON v.id = cv.vacancy_id
         WHERE cv.contact_id = ?1 ORDER BY v.name, v.id",
        id,
    )?;
    Ok(Some(card))
}

/// Ids and names, in the same order.
fn named_ids(conn: &dyn Sql, sql: &str, id: i64) -> Result<(Vec<i64>, Vec<String>), DbError> {
    let rows = conn.query_map(sql, params![id], |row| {
        Ok((row.get::<i64>(0)?, row.get::<String>(1)?))
    })?;
    Ok(rows.into_iter().unzip())
}
