//! HTTP-level tests of the reference CRM: the real axum router on a temporary database, driven
//! with `tower::ServiceExt::oneshot`, plus one run of the real binary on a loopback port.

// Helpers here are test code too: a panic is how they report a failed expectation.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod admin_usage;
mod attachments;
mod auth;
mod bench;
mod catalog;
mod cli;
mod confidential;
mod contacts;
mod cors;
mod export_check;
mod headers;
mod hooks;
mod idempotency;
mod instances;
mod links;
mod login;
mod lookup;
mod matching;
mod memberships;
mod oauth;
mod openapi;
mod outbox_matrix;
mod pages;
mod pg;
mod schema;
mod storage;
mod support;
mod usage;
mod usage_browsers;
