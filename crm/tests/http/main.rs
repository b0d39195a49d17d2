//! HTTP-level tests of the reference CRM: the real axum router on a temporary database, driven
//! with `tower::ServiceExt::oneshot`, plus one run of the real binary on a loopback port.

// Helpers here are test code too: a panic is how they report a failed expectation.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod auth;
mod catalog;
mod cli;
mod cors;
mod hooks;
mod lookup;
mod openapi;
mod pages;
mod storage;
mod support;
