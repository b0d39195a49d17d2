//! The CRM's own HTML pages: sign-in, and the contact record the badge links to.

pub mod contact;
pub mod home;
pub mod html;
pub mod login;
