//! Who is calling: bearer tokens for the API, cookie sessions for the CRM's own pages, and the
//! permissions both carry.

pub mod login;
pub mod password;
pub mod secret;
pub mod session;
pub mod token;
pub mod user;

pub use session::SignedIn;
pub use token::ApiUser;
pub use user::{Permissions, User};
