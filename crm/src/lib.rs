//! The Talent Bridge reference CRM: the `/api/v1` contract of `talent_bridge::crm` served from
//! SQLite (embedded, the default) or PostgreSQL, with the CRM's own sign-in and contact pages.
//! CRM vendors can read it as a working implementation of the contract; the extension's
//! end-to-end tests run against it.

pub mod access_log;
pub mod api;
pub mod app;
pub mod auth;
pub mod cli;
pub mod clock;
pub mod contacts;
pub mod cors;
pub mod db;
pub mod download;
pub mod error;
pub mod idempotency;
pub mod matching;
pub mod oauth;
pub mod pages;
pub mod security_headers;
pub mod seed;
pub mod synthetic;
pub mod test_hooks;
pub mod usage;
pub mod usage_report;

pub use app::{Config, router};
pub use db::Db;
