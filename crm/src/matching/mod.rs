//! Who in the CRM a looked-up person is (PRODUCT.md B3, C2): the keys a query carries, and the
//! contacts that share them, with the confidentiality rule of B5 applied in the query itself.

mod find;
mod keys;

pub use find::{Match, find_matches};
pub use keys::MatchKeys;
