//! Who may see and write a contact. A confidential contact is visible only to users with the
//! confidential permission (PRODUCT.md B5); for everyone else every route answers as if it did
//! not exist.

use crate::auth::User;
use crate::db::{DbError, Sql};
use crate::params;

/// A contact this user may see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Visible {
    pub id: i64,
    pub created_by: Option<i64>,
}

/// Contact `id` when it exists and `user` may see it.
pub fn visible(conn: &dyn Sql, id: i64, user: &User) -> Result<Option<Visible>, DbError> {
    conn.query_opt(
        "SELECT created_by_user_id FROM contacts
         WHERE id = ?1 AND (confidential = 0 OR ?2 = 1)",
        params![id, user.permissions.confidential],
        |row| {
            Ok(Visible {
                id,
                created_by: row.get(0)?,
            })
        },
    )
}

/// Whether `user` may add to `contact` (attachment, pools, vacancies, a note): with `edit`, or
/// with `create` on a contact they created themselves, so an export by a user who may create
/// but not edit can still finish (PRODUCT.md E3).
pub fn may_add_to(user: &User, contact: &Visible) -> bool {
    user.permissions.edit || (user.permissions.create && contact.created_by == Some(user.id))
}
