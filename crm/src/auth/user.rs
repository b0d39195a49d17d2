//! A CRM user and what they may do.

use crate::db::{DbError, Sql};
use crate::params;
use talent_bridge::crm::{CrmUser, Permission};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Permissions {
    pub view: bool,
    pub create: bool,
    pub edit: bool,
    /// May see confidential contacts (PRODUCT.md B5).
    pub confidential: bool,
}

impl Permissions {
    pub fn has(&self, permission: Permission) -> bool {
        match permission {
            Permission::View => self.view,
            Permission::Create => self.create,
            Permission::Edit => self.edit,
            Permission::Confidential => self.confidential,
            Permission::Other => false,
        }
    }

    /// As the API lists them, in a fixed order.
    pub fn to_list(self) -> Vec<Permission> {
        [
            Permission::View,
            Permission::Create,
            Permission::Edit,
            Permission::Confidential,
        ]
        .into_iter()
        .filter(|p| self.has(*p))
        .collect()
    }

    /// The database's name for a permission.
    pub fn column_name(permission: Permission) -> Option<&'static str> {
        match permission {
            Permission::View => Some("view"),
            Permission::Create => Some("create"),
            Permission::Edit => Some("edit"),
            Permission::Confidential => Some("confidential"),
            Permission::Other => None,
        }
    }

    fn grant(&mut self, name: &str) {
        match name {
            "view" => self.view = true,
            "create" => self.create = true,
            "edit" => self.edit = true,
            "confidential" => self.confidential = true,
            _ => {}
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub permissions: Permissions,
    /// Runs the CRM: sees every user's usage (`/admin/usage`). Not an API permission: the
    /// extension never needs it, so `/api/v1/me` does not list it.
    pub admin: bool,
}

impl User {
    pub fn to_crm_user(&self) -> CrmUser {
        CrmUser {
            id: self.id,
            name: self.name.clone(),
            email: self.email.clone(),
        }
    }
}

/// The user with this id, with their permissions; `None` when there is none.
pub fn load(conn: &dyn Sql, id: i64) -> Result<Option<User>, DbError> {
    let row = conn.query_opt(
        "SELECT name, email, admin FROM users WHERE id = ?1",
        params![id],
        |row| {
            Ok((
                row.get::<String>(0)?,
                row.get::<String>(1)?,
                row.get::<bool>(2)?,
            ))
        },
    )?;
    let Some((name, email, admin)) = row else {
        return Ok(None);
    };
    let mut permissions = Permissions::default();
    let granted = conn.query_map(
        "SELECT permission FROM user_permissions WHERE user_id = ?1",
        params![id],
        |row| row.get::<String>(0),
    )?;
    for name in granted {
        permissions.grant(&name);
    }
    Ok(Some(User {
        id,
        name,
        email,
        permissions,
        admin,
    }))
}

/// Makes the user with this email an admin, or no longer one; false when there is no such user.
pub fn set_admin(conn: &dyn Sql, email: &str, admin: bool) -> Result<bool, DbError> {
    let changed = conn.execute(
        "UPDATE users SET admin = ?2 WHERE lower(email) = lower(?1)",
        params![email, admin],
    )?;
    Ok(changed > 0)
}
