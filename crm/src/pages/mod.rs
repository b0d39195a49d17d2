//! The CRM's own HTML pages: sign-in, the contact record the badge links to, and the admin's
//! usage page.

pub mod admin_usage;
pub mod attachment;
pub mod contact;
mod contact_sections;
pub mod home;
pub mod html;
pub mod lang;
pub mod login;
pub mod words;
