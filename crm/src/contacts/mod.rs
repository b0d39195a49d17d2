//! Reading contacts as the API's card and as the CRM page's full record.

mod card;
mod record;

pub use card::{contact_url, load_card};
pub use record::{ContactRecord, load_record};
