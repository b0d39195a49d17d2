//! Who in the CRM a looked-up person is (PRODUCT.md B3, C2): the keys a query carries, the
//! comparable forms of names, companies, places, emails and phones, the derived index that makes
//! each stage a probe, manual links, and the ranked matches, with the confidentiality rule of B5
//! applied in the queries themselves.

mod company;
mod contact_points;
mod find;
mod fold;
mod index;
mod keys;
mod links;
mod location;
mod names;
mod nicknames;
mod score;

pub use contact_points::{emails_of, phones_of};
pub use find::{Found, Match, Strength, find_matches};
pub use fold::folded;
pub use index::{KeySource, index_contact, index_pending, write_keys};
pub use keys::{ExactKind, MatchKeys};
pub use links::{Links, links_for, store_link};
pub use score::{CONTACT_POINT, EXACT, Person, THRESHOLD, score};
