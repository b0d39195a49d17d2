//! The CRM API contract (`/api/v1`, JSON, bearer tokens), shared by the extension's worker and
//! the reference server in `crm/`. Requests are strict (unknown fields refused); responses are
//! read leniently so a CRM may add fields without breaking older extensions.

use serde::{Deserialize, Serialize};

pub const API_PREFIX: &str = "/api/v1";
/// The most profiles one lookup may carry (a search page shows at most 25).
pub const MAX_LOOKUP_BATCH: usize = 100;

/// `POST /api/v1/lookup`: who of these people is in the CRM?
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LookupRequest {
    pub profiles: Vec<LookupQuery>,
}

/// One person to look up. Every key is optional; the CRM matches on the strongest it has.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LookupQuery {
    /// The caller's id for this entry, echoed in the result.
    #[serde(rename = "ref")]
    pub reference: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_urn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LookupResponse {
    pub results: Vec<LookupResult>,
}

/// The matches for one query, best first. Empty: not in the CRM (or not visible to this user).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LookupResult {
    #[serde(rename = "ref")]
    pub reference: String,
    #[serde(default)]
    pub matches: Vec<ContactMatch>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactMatch {
    pub contact: ContactCard,
    /// 1.0 for an exact key; below for a scored match on name, company and location.
    pub score: f64,
    /// Which keys matched, strongest first.
    #[serde(default)]
    pub matched_on: Vec<MatchKey>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MatchKey {
    ManualLink,
    PublicId,
    ProfileUrl,
    MemberUrn,
    Email,
    Phone,
    Name,
    Company,
    Location,
    /// A key a newer CRM knows and this build does not.
    #[serde(other)]
    Other,
}

/// What the badge and its hover card show about a contact.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactCard {
    pub id: i64,
    pub full_name: String,
    #[serde(default)]
    pub headline: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub company: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub pools: Vec<String>,
    #[serde(default)]
    pub vacancies: Vec<String>,
    /// RFC 3339, UTC.
    #[serde(default)]
    pub updated_at: String,
    #[serde(default)]
    pub confidential: bool,
    /// The contact's page in the CRM (what the badge links to).
    pub url: String,
    /// Applications still in progress: an update must be confirmed first (PRODUCT.md E5).
    #[serde(default)]
    pub active_applications: u32,
    /// Ids of `pools` and `vacancies`, for `PUT …/pools` and `PUT …/vacancies`.
    #[serde(default)]
    pub pool_ids: Vec<i64>,
    #[serde(default)]
    pub vacancy_ids: Vec<i64>,
    /// Where the contact came from (`Extension` for contacts this extension created, E4).
    #[serde(default)]
    pub creation_source: Option<String>,
}

impl ContactCard {
    /// Every text the UI shows without its unpaired bidi controls (`crate::bidi`, PRODUCT.md L1):
    /// a name from the CRM cannot reorder the labels around it.
    pub fn balance_bidi(&mut self) {
        use crate::bidi::balance;
        balance(&mut self.full_name);
        let optional = [
            &mut self.headline,
            &mut self.title,
            &mut self.company,
            &mut self.location,
            &mut self.email,
            &mut self.phone,
            &mut self.owner,
        ];
        optional.into_iter().flatten().for_each(balance);
        self.pools
            .iter_mut()
            .chain(&mut self.vacancies)
            .for_each(balance);
    }
}

/// `GET /api/v1/pools?q=`: public talent pools whose name contains `q`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PoolList {
    #[serde(default)]
    pub pools: Vec<Pool>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Pool {
    pub id: i64,
    pub name: String,
}

/// `GET /api/v1/vacancies?q=`: public vacancies whose name or CRM id contains `q` (never
/// searched by ATS id, PRODUCT.md E2).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VacancyList {
    #[serde(default)]
    pub vacancies: Vec<Vacancy>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Vacancy {
    pub id: i64,
    /// The vacancy's id in the CRM (`V-101`), the one recruiters search by.
    pub crm_id: String,
    pub name: String,
}

/// The creation source of contacts the extension creates (PRODUCT.md E4). Never the network
/// site's name: that source belongs to the site's own CRM sync.
pub const EXTENSION_SOURCE: &str = "Extension";

/// `POST /api/v1/export-check`: may this user export this person, and would it create a contact
/// or update one? Asked before any PDF is downloaded, so a refusal spends no quota (B5, E3).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ExportCheckRequest {
    /// The person, by the same keys as a lookup (`ref` is ignored).
    pub profile: LookupQuery,
    /// The contact the user picked to update, when the lookup found several or a manual link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportCheck {
    /// What the export would do; `None` when it is refused.
    #[serde(default)]
    pub action: Option<ExportAction>,
    /// The contact an update would write to.
    #[serde(default)]
    pub contact: Option<ContactCard>,
    /// Why it is refused: `not_exportable` (neutral: confidential or otherwise off limits),
    /// `forbidden` (missing create/edit permission), `several_matches` (pick one first).
    #[serde(default)]
    pub refusal: Option<ApiErrorBody>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ExportAction {
    Create,
    Update,
}

/// A current position as the profile PDF lists it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Position {
    pub company: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
}

/// `POST /api/v1/contacts` (create) and `PATCH /api/v1/contacts/{id}` (update). On update every
/// field is appended to what the CRM has, except `location`, which overwrites (PRODUCT.md E5).
/// Both take an `Idempotency-Key` header: the same key returns the first answer again.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ContactWrite {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_urn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub positions: Vec<Position>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub education: Vec<String>,
    /// Create only: must be [`EXTENSION_SOURCE`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_source: Option<String>,
    /// Update only: the user saw the warning about active applications and confirmed
    /// (without it, such an update answers 409 `active_applications`).
    #[serde(default)]
    pub confirm_active_applications: bool,
}

/// `POST /api/v1/contacts/{id}/attachments?filename=…`, body: the PDF (`application/pdf`, at
/// most 5 MB). Stored durably with its SHA-256.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Attachment {
    pub id: i64,
    pub filename: String,
    pub size: u64,
    /// Lower-case hex.
    pub sha256: String,
    /// Where the attachment can be downloaded (the contact page links it).
    pub url: String,
}

/// `PUT /api/v1/contacts/{id}/pools` and `…/vacancies`: the full set of ids the contact is in.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct IdSet {
    pub ids: Vec<i64>,
}

/// `PATCH /api/v1/contacts/{id}/pools` and `…/vacancies`: ids to add the contact to and ids to
/// take it out of; every other membership stays as it is. The export writes what the user
/// picked this way (`add` only, in a canonical order: see [`IdChanges::adding`]), so a retry
/// is the same request and someone else's change in between survives.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct IdChanges {
    #[serde(default)]
    pub add: Vec<i64>,
    #[serde(default)]
    pub remove: Vec<i64>,
}

impl IdChanges {
    /// Adds `ids`, sorted and without repeats: the same choice is always the same body, so a
    /// retry under the same `Idempotency-Key` is never a different request.
    pub fn adding(ids: &[i64]) -> Self {
        let mut add = ids.to_vec();
        add.sort_unstable();
        add.dedup();
        Self {
            add,
            remove: Vec::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.add.is_empty() && self.remove.is_empty()
    }
}

/// `POST /api/v1/contacts/{id}/notes`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NoteWrite {
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Note {
    pub id: i64,
    pub text: String,
    pub created_at: String,
}

/// `POST /api/v1/links`: a user says a profile is (`same: true`) or is not (`same: false`) a
/// contact. Stored for the whole team; a link wins over every other match, an unlink removes
/// that contact from the profile's matches (PRODUCT.md B3).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LinkWrite {
    /// The person, by the same keys as a lookup (`ref` is ignored).
    pub profile: LookupQuery,
    pub contact_id: i64,
    pub same: bool,
}

/// `GET /api/v1/me`: who the token belongs to and what they may do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub user: CrmUser,
    pub permissions: Vec<Permission>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CrmUser {
    pub id: i64,
    pub name: String,
    pub email: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    View,
    Create,
    Edit,
    Confidential,
    #[serde(other)]
    Other,
}

/// `POST /api/v1/usage/reservations`: hold one unit of the user's monthly profile-PDF
/// downloads for an export (issue #18). Idempotent by ticket: asking again for the same ticket
/// answers it as it stands and never takes a second unit.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UsageReservation {
    /// The export's id: 1–128 of `A–Z a–z 0–9 . _ ~ -` (a UUID, say).
    pub ticket: String,
    /// The organisation's monthly limit (policy `MonthlyLimit`, 1 or more); the CRM applies
    /// at most the site's 200. Without it, 200.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// What the download is for, when the extension knows it before the PDF (an export learns
    /// create or update at its check). Without it the CRM records "export, kind not recorded".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<UsageKind>,
}

/// Why a profile PDF was downloaded: what an admin's usage page splits the month's count by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UsageKind {
    /// An export that created a contact.
    Create,
    /// An export that updated a contact.
    Update,
    /// The user saved the PDF through the site's own "Save to PDF" menu (reported by the
    /// extension after the fact, by a commit of a ticket never reserved).
    Manual,
}

impl UsageKind {
    /// The name on the wire and in the CRM's storage.
    pub fn as_str(self) -> &'static str {
        match self {
            UsageKind::Create => "create",
            UsageKind::Update => "update",
            UsageKind::Manual => "manual",
        }
    }
}

/// One user's downloads this month (`GET /api/v1/usage`, and in every usage answer).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Usage {
    /// The UTC month by the CRM's clock, `2026-12`.
    pub month: String,
    /// Committed downloads plus live reservations: what counts against the limit.
    pub used: u32,
    pub committed: u32,
    /// Reservations neither committed, released nor lapsed.
    pub reserved: u32,
    /// min(the limit asked, 200).
    pub limit: u32,
    pub remaining: u32,
    /// When the count starts again: the first instant of next month, UTC (RFC 3339).
    pub resets_at: String,
    /// Of `committed`, the PDFs the user saved with the site's own "Save to PDF" menu (kind
    /// `manual`: the extension sees those downloads finish and commits them).
    #[serde(default)]
    pub manual: u32,
}

/// Where a ticket stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TicketState {
    /// Holds a unit until `expires_at`.
    Reserved,
    /// Counted for good: the PDF arrived.
    Committed,
    /// Given back; counts nothing.
    Released,
    /// Reserved, but neither committed nor released in time; counts nothing.
    Expired,
}

/// The answer to reserve, commit and release: the ticket and the month's usage after it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsageTicket {
    pub ticket: String,
    pub state: TicketState,
    /// The month the ticket's unit counts in (the month it was reserved).
    pub month: String,
    /// Until when a reservation holds its unit (RFC 3339, UTC); only while `reserved`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<String>,
    /// The kind recorded with the ticket; absent when none was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<UsageKind>,
    pub usage: Usage,
}

/// 409 `quota_exhausted`: the API's error, with the month's usage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UsageRefusal {
    pub error: ApiErrorBody,
    pub usage: Usage,
}

/// Every error the API returns: `{ "error": { "code", "message" } }`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub error: ApiErrorBody,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiErrorBody {
    /// Machine-readable: `unauthorized`, `not_found`, `bad_request`, `too_many_requests`, …
    pub code: String,
    /// For people: what went wrong and what to do.
    pub message: String,
}

impl ApiError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            error: ApiErrorBody {
                code: code.to_string(),
                message: message.into(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_request_refuses_unknown_fields() {
        let bad = r#"{"profiles":[{"ref":"0","public_id":"x","surprise":1}]}"#;
        assert!(serde_json::from_str::<LookupRequest>(bad).is_err());
        let good = r#"{"profiles":[{"ref":"0","public_id":"x"}]}"#;
        let req: LookupRequest = serde_json::from_str(good).unwrap();
        assert_eq!(req.profiles[0].public_id.as_deref(), Some("x"));
    }

    #[test]
    fn responses_tolerate_new_fields_and_keys() {
        let json = r#"{"results":[{"ref":"0","extra":true,"matches":[{"score":1.0,
            "matched_on":["public_id","telepathy"],"contact":{"id":7,"full_name":"A B",
            "url":"http://crm/contacts/7","new_field":[]}}]}]}"#;
        let resp: LookupResponse = serde_json::from_str(json).unwrap();
        let m = &resp.results[0].matches[0];
        assert_eq!(m.matched_on, vec![MatchKey::PublicId, MatchKey::Other]);
        assert_eq!(m.contact.id, 7);
    }
}
