//! Talent Bridge core: every decision that can be made without a browser. Builds natively (tests,
//! the `tb` inspector, the reference CRM) and to wasm (the extension). Never imports web-sys.

pub mod badge;
pub mod crm;
pub mod policy;
pub mod profile;
pub mod protocol;
pub mod settings;
pub mod site;
