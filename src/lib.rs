//! Talent Bridge core: every decision that can be made without a browser. Builds natively (tests,
//! the `tb` inspector, the reference CRM) and to wasm (the extension). Never imports web-sys.

pub mod badge;
pub mod badge_plan;
pub mod base64;
pub mod bidi;
pub mod case;
pub mod churn;
#[cfg(test)]
mod corpus;
pub mod crm;
pub mod export_flow;
pub mod export_ui;
pub mod i18n;
pub mod lookup_flow;
pub mod manual_download;
pub mod merge;
pub mod oauth;
pub mod outbox;
pub mod pdf;
pub mod platform;
pub mod policy;
pub mod profile;
pub mod protocol;
pub mod quota;
pub mod sender;
pub mod settings;
pub mod sha256;
pub mod side_panel;
pub mod site;
pub mod usage_quota;
