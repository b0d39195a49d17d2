//! Messages between the content script, the extension pages and the service worker.
//!
//! Every message travels in an [`Envelope`] with a version; each direction has its own enum,
//! parsed with unknown fields refused and checked against size limits ([`Bounded`]) before the
//! worker acts on it (PRODUCT.md S4).

use crate::crm::{ContactCard, ContactMatch};
use crate::profile::ProfileKey;
use serde::{Deserialize, Serialize};
use std::fmt;

pub const PROTOCOL_VERSION: u16 = 1;
/// A search page shows at most 25 people; anything much larger is not ours.
pub const MAX_PEOPLE_PER_LOOKUP: usize = 50;
/// The longest text field any message may carry.
pub const MAX_TEXT: usize = 2_000;

/// Every message, whichever direction: `{ "v": 1, "msg": { "type": …, … } }`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope<T> {
    pub v: u16,
    pub msg: T,
}

impl<T: Bounded> Envelope<T> {
    pub fn new(msg: T) -> Self {
        Self {
            v: PROTOCOL_VERSION,
            msg,
        }
    }

    /// The message, once its version and sizes are known to be right.
    pub fn open(self) -> Result<T, ProtocolError> {
        if self.v != PROTOCOL_VERSION {
            return Err(ProtocolError::Version(self.v));
        }
        self.msg.check()?;
        Ok(self.msg)
    }
}

/// Why a message was refused. Carries no message content, so it can be logged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProtocolError {
    Version(u16),
    TooMany { field: &'static str, max: usize },
    TooLong { field: &'static str, max: usize },
    Malformed,
    Sender,
}

impl fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Version(v) => write!(f, "unsupported protocol version {v}"),
            Self::TooMany { field, max } => write!(f, "{field}: more than {max} entries"),
            Self::TooLong { field, max } => write!(f, "{field}: longer than {max} characters"),
            Self::Malformed => f.write_str("malformed message"),
            Self::Sender => f.write_str("sender not allowed"),
        }
    }
}

/// Size limits a message must respect before anything acts on it.
pub trait Bounded {
    fn check(&self) -> Result<(), ProtocolError>;
}

fn check_text(field: &'static str, value: Option<&str>) -> Result<(), ProtocolError> {
    match value {
        Some(v) if v.chars().count() > MAX_TEXT => Err(ProtocolError::TooLong {
            field,
            max: MAX_TEXT,
        }),
        _ => Ok(()),
    }
}

/// One person on the page, as the content script read them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonQuery {
    #[serde(default)]
    pub key: Option<ProfileKey>,
    #[serde(default)]
    pub member_urn: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub headline: Option<String>,
    #[serde(default)]
    pub company: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
}

impl Bounded for PersonQuery {
    fn check(&self) -> Result<(), ProtocolError> {
        let key = self.key.as_ref().map(|k| match k {
            ProfileKey::PublicId(id) | ProfileKey::MemberId(id) => id.as_str(),
        });
        check_text("key", key)?;
        check_text("member_urn", self.member_urn.as_deref())?;
        check_text("name", self.name.as_deref())?;
        check_text("headline", self.headline.as_deref())?;
        check_text("company", self.company.as_deref())?;
        check_text("title", self.title.as_deref())?;
        check_text("location", self.location.as_deref())
    }
}

/// Content script → worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ContentRequest {
    /// The badges for everyone on the page, in one batch (PRODUCT.md B4). `fresh` skips the
    /// cache (the user pressed retry).
    Lookup {
        people: Vec<PersonQuery>,
        #[serde(default)]
        fresh: bool,
    },
    /// Open the options page (from a "Sign in to check" badge).
    OpenOptions,
}

impl Bounded for ContentRequest {
    fn check(&self) -> Result<(), ProtocolError> {
        match self {
            Self::Lookup { people, .. } => {
                if people.len() > MAX_PEOPLE_PER_LOOKUP {
                    return Err(ProtocolError::TooMany {
                        field: "people",
                        max: MAX_PEOPLE_PER_LOOKUP,
                    });
                }
                people.iter().try_for_each(Bounded::check)
            }
            Self::OpenOptions => Ok(()),
        }
    }
}

/// The badge's states, as `data-state` names them (DESIGN.md §6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BadgeState {
    InCrm,
    NotInCrm,
    OutOfDate,
    Multiple,
    Checking,
    SignedOut,
    Error,
    Unreadable,
}

impl BadgeState {
    /// The `data-state` attribute value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InCrm => "in-crm",
            Self::NotInCrm => "not-in-crm",
            Self::OutOfDate => "out-of-date",
            Self::Multiple => "multiple",
            Self::Checking => "checking",
            Self::SignedOut => "signed-out",
            Self::Error => "error",
            Self::Unreadable => "unreadable",
        }
    }
}

/// What one badge shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BadgeView {
    pub state: BadgeState,
    /// The contact, for `in-crm` and `out-of-date`.
    #[serde(default)]
    pub contact: Option<ContactCard>,
    /// Every match, for `multiple`.
    #[serde(default)]
    pub matches: Vec<ContactMatch>,
    /// Profile fields that differ from the contact, for `out-of-date`.
    #[serde(default)]
    pub differences: Vec<FieldDifference>,
    /// For `error`: what went wrong, for people.
    #[serde(default)]
    pub message: Option<String>,
}

impl BadgeView {
    pub fn bare(state: BadgeState) -> Self {
        Self {
            state,
            contact: None,
            matches: Vec::new(),
            differences: Vec::new(),
            message: None,
        }
    }

    pub fn error(message: impl Into<String>) -> Self {
        Self {
            message: Some(message.into()),
            ..Self::bare(BadgeState::Error)
        }
    }
}

/// A field where the CRM's record and the profile disagree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldDifference {
    pub field: String,
    pub crm: Option<String>,
    pub profile: Option<String>,
}

/// Worker → content script.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ContentReply {
    /// One badge per person asked, in the same order.
    Lookup {
        badges: Vec<BadgeView>,
    },
    Done,
    Refused {
        reason: String,
    },
}

impl Bounded for ContentReply {
    fn check(&self) -> Result<(), ProtocolError> {
        Ok(())
    }
}

/// Popup and options page → worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum PageRequest {
    GetStatus,
    /// Save the user's own settings (used when no policy sets them, PRODUCT.md A4).
    SaveSettings {
        crm_url: String,
        api_token: String,
    },
    /// Forget the token, the cache and every personal datum held (sign-out).
    SignOut,
}

impl Bounded for PageRequest {
    fn check(&self) -> Result<(), ProtocolError> {
        match self {
            Self::SaveSettings { crm_url, api_token } => {
                check_text("crm_url", Some(crm_url))?;
                check_text("api_token", Some(api_token))
            }
            Self::GetStatus | Self::SignOut => Ok(()),
        }
    }
}

/// Where a setting's value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SettingSource {
    Policy,
    User,
    Unset,
}

/// Worker → popup and options page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum PageReply {
    Status(Status),
    Saved { status: Status },
    Refused { reason: String },
}

impl Bounded for PageReply {
    fn check(&self) -> Result<(), ProtocolError> {
        Ok(())
    }
}

/// What the popup and the options page show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Status {
    pub crm_url: Option<String>,
    pub crm_url_source: SettingSource,
    pub signed_in: bool,
    /// The CRM user's display name, when signed in and the CRM answered.
    #[serde(default)]
    pub user_name: Option<String>,
    /// Problems with the managed configuration, for the options page.
    #[serde(default)]
    pub policy_problems: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse<T: for<'de> Deserialize<'de> + Bounded>(
        v: serde_json::Value,
    ) -> Result<T, ProtocolError> {
        serde_json::from_value::<Envelope<T>>(v)
            .map_err(|_| ProtocolError::Malformed)?
            .open()
    }

    // proves S4: unknown fields, wrong versions and oversize messages are refused.
    #[test]
    fn content_requests_are_checked() {
        let ok =
            json!({"v":1,"msg":{"type":"lookup","people":[{"key":{"kind":"public_id","id":"a"}}]}});
        assert!(matches!(
            parse::<ContentRequest>(ok),
            Ok(ContentRequest::Lookup { fresh: false, .. })
        ));

        let extra = json!({"v":1,"msg":{"type":"lookup","people":[],"token":"x"}});
        assert_eq!(
            parse::<ContentRequest>(extra),
            Err(ProtocolError::Malformed)
        );
        let extra_outer = json!({"v":1,"msg":{"type":"open_options"},"x":1});
        assert_eq!(
            parse::<ContentRequest>(extra_outer),
            Err(ProtocolError::Malformed)
        );
        let version = json!({"v":2,"msg":{"type":"open_options"}});
        assert_eq!(
            parse::<ContentRequest>(version),
            Err(ProtocolError::Version(2))
        );
        let unknown = json!({"v":1,"msg":{"type":"steal_tokens"}});
        assert_eq!(
            parse::<ContentRequest>(unknown),
            Err(ProtocolError::Malformed)
        );

        let many: Vec<_> = (0..=MAX_PEOPLE_PER_LOOKUP)
            .map(|_| json!({"key":null}))
            .collect();
        let too_many = json!({"v":1,"msg":{"type":"lookup","people":many}});
        assert!(matches!(
            parse::<ContentRequest>(too_many),
            Err(ProtocolError::TooMany { .. })
        ));
        let long = json!({"v":1,"msg":{"type":"lookup","people":[{"key":null,"name":"x".repeat(MAX_TEXT + 1)}]}});
        assert!(matches!(
            parse::<ContentRequest>(long),
            Err(ProtocolError::TooLong { .. })
        ));
    }

    #[test]
    fn page_requests_do_not_cross_directions() {
        let as_content =
            json!({"v":1,"msg":{"type":"save_settings","crm_url":"x","api_token":"y"}});
        assert!(parse::<ContentRequest>(as_content.clone()).is_err());
        assert!(parse::<PageRequest>(as_content).is_ok());
    }

    #[test]
    fn badge_states_name_their_data_state() {
        for (state, name) in [
            (BadgeState::InCrm, "in-crm"),
            (BadgeState::NotInCrm, "not-in-crm"),
            (BadgeState::OutOfDate, "out-of-date"),
            (BadgeState::SignedOut, "signed-out"),
        ] {
            assert_eq!(state.as_str(), name);
            assert_eq!(serde_json::to_value(state).unwrap(), json!(name));
        }
    }
}
