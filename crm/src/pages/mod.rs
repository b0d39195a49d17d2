//! The CRM's own HTML pages: sign-in, and the contact record the badge links to.

pub mod attachment;
pub mod contact;
mod contact_sections;
pub mod home;
pub mod html;
pub mod login;
