//! Contacts: the card and record views, and the writes (contact, attachments,
//! notes, pools and vacancies), each in the caller's transaction.

mod access;
mod attachments;
mod card;
mod memberships;
mod notes;
mod profile_keys;
mod record;
mod store;

pub use access::{Visible, may_add_to, visible};
pub use attachments::{
    StoredFile, attachment_url, list_attachments, load_attachment, sha256_hex, store_attachment,
};
pub use card::{contact_url, load_card};
pub use memberships::{Catalog, UnknownIds, change_memberships, set_memberships};
pub use notes::{NoteView, add_note, list_notes};
pub use profile_keys::{InvalidKey, canonical_keys};
pub use record::{ContactRecord, load_record};
pub use store::{insert_contact, load_fields, update_contact};
