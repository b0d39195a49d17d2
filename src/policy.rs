//! Managed configuration set by an admin through enterprise policy (PRODUCT.md A2), checked value
//! by value: a wrong value is reported and ignored, the rest still applies, and the extension
//! keeps working on defaults.

use crate::export_ui::site_pdf::QueryId;
use crate::settings::{CrmUrl, CrmUrlError};
use serde_json::Value;

/// The site's own limit; a policy may only lower it.
pub const SITE_MONTHLY_LIMIT: u32 = 200;

/// The admin's settings, each `None` when the policy does not set it (or sets it wrongly).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    pub crm_url: Option<CrmUrl>,
    pub oauth_client_id: Option<String>,
    pub monthly_limit: Option<u32>,
    pub default_pool: Option<String>,
    pub export_enabled: Option<bool>,
    pub search_badges_enabled: Option<bool>,
    /// The site's "Save to PDF" GraphQL query id, when an admin knows it before an update
    /// does (tried after the one read from the site, before the built-in one).
    pub site_pdf_query_id: Option<QueryId>,
    /// Where the extension shows itself (`DisplayMode`, PRODUCT.md Q2); set, it locks the
    /// user's choice.
    pub display_mode: Option<DisplayMode>,
}

/// Where the extension shows itself (PRODUCT.md Q2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DisplayMode {
    /// Badges, card and panel in the site's page (or its frames), and the side panel.
    #[default]
    Page,
    /// Nothing inserted into the site's pages: everything is in the side panel.
    SidePanel,
}

impl DisplayMode {
    /// The policy's spelling (`"page"`, `"side-panel"`).
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "page" => Some(Self::Page),
            "side-panel" => Some(Self::SidePanel),
            _ => None,
        }
    }
}

/// A policy value that was ignored, and why. Names the setting, never echoes its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyProblem {
    pub setting: &'static str,
    pub expected: &'static str,
}

impl std::fmt::Display for PolicyProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} is ignored: it must be {}.",
            self.setting, self.expected
        )
    }
}

impl Policy {
    /// Reads what `chrome.storage.managed.get()` returned.
    pub fn from_managed(value: &Value) -> (Self, Vec<PolicyProblem>) {
        let mut problems = Vec::new();
        let mut policy = Self::default();
        let Some(map) = value.as_object() else {
            if !value.is_null() {
                problems.push(PolicyProblem {
                    setting: "policy",
                    expected: "an object",
                });
            }
            return (policy, problems);
        };
        let mut problem = |setting, expected| problems.push(PolicyProblem { setting, expected });

        if let Some(v) = map.get("CrmBaseUrl") {
            match v.as_str().map(CrmUrl::parse) {
                Some(Ok(url)) => policy.crm_url = Some(url),
                Some(Err(CrmUrlError::Cleartext)) => problem(
                    "CrmBaseUrl",
                    "an https:// address (http:// only for a CRM on the same computer: \
                     localhost, 127.0.0.1, [::1])",
                ),
                _ => problem(
                    "CrmBaseUrl",
                    "an https:// address such as https://crm.example.com",
                ),
            }
        }
        if let Some(v) = map.get("OAuthClientId") {
            match v
                .as_str()
                .map(str::trim)
                .filter(|s| !s.is_empty() && s.len() <= 200)
            {
                Some(id) => policy.oauth_client_id = Some(id.to_string()),
                None => problem("OAuthClientId", "a non-empty string"),
            }
        }
        if let Some(v) = map.get("MonthlyLimit") {
            match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
                Some(n) if (1..=SITE_MONTHLY_LIMIT).contains(&n) => policy.monthly_limit = Some(n),
                _ => problem("MonthlyLimit", "a whole number from 1 to 200"),
            }
        }
        if let Some(v) = map.get("DefaultPool") {
            match v
                .as_str()
                .map(str::trim)
                .filter(|s| !s.is_empty() && s.len() <= 200)
            {
                Some(pool) => policy.default_pool = Some(pool.to_string()),
                None => problem("DefaultPool", "a non-empty pool name or id"),
            }
        }
        if let Some(v) = map.get("SitePdfQueryId") {
            match v.as_str().map(str::trim).and_then(QueryId::parse) {
                Some(id) => policy.site_pdf_query_id = Some(id),
                None => problem(
                    "SitePdfQueryId",
                    "voyagerIdentityDashProfileActionsV2. followed by 32 lower-case hex digits",
                ),
            }
        }
        if let Some(v) = map.get("DisplayMode") {
            match v.as_str().and_then(DisplayMode::parse) {
                Some(mode) => policy.display_mode = Some(mode),
                None => problem("DisplayMode", "\"page\" or \"side-panel\""),
            }
        }
        if let Some(v) = map.get("Features") {
            match v.as_object() {
                Some(features) => {
                    for (name, slot) in [
                        ("Export", &mut policy.export_enabled),
                        ("SearchBadges", &mut policy.search_badges_enabled),
                    ] {
                        match features.get(name).map(Value::as_bool) {
                            None => {}
                            Some(Some(on)) => *slot = Some(on),
                            Some(None) => problem("Features", "an object of true/false switches"),
                        }
                    }
                }
                None => problem("Features", "an object of true/false switches"),
            }
        }
        (policy, problems)
    }

    /// The monthly limit in force: the policy's, never above the site's.
    pub fn monthly_limit(&self) -> u32 {
        self.monthly_limit
            .unwrap_or(SITE_MONTHLY_LIMIT)
            .min(SITE_MONTHLY_LIMIT)
    }

    /// The display mode in force: the policy's, else the user's choice; and whether the
    /// policy locks it.
    pub fn display_mode(&self, users: Option<DisplayMode>) -> (DisplayMode, bool) {
        match self.display_mode {
            Some(mode) => (mode, true),
            None => (users.unwrap_or_default(), false),
        }
    }

    /// Whether search results get badges (`Features.SearchBadges`: on unless switched off).
    pub fn search_badges(&self) -> crate::badge_plan::SearchBadges {
        crate::badge_plan::SearchBadges::from_switch(self.search_badges_enabled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    // proves A2: valid values apply, wrong ones are reported and ignored, defaults remain.
    #[test]
    fn reads_valid_and_reports_wrong_values() {
        let (p, problems) = Policy::from_managed(&json!({
            "CrmBaseUrl": "https://crm.example.com/", "MonthlyLimit": 50,
            "DefaultPool": "Graduates", "Features": {"Export": false}
        }));
        assert!(problems.is_empty());
        assert_eq!(
            p.crm_url.map(|u| u.as_str().to_string()).as_deref(),
            Some("https://crm.example.com")
        );
        assert_eq!(p.monthly_limit, Some(50));
        assert_eq!(p.export_enabled, Some(false));

        let (p, problems) = Policy::from_managed(&json!({
            "CrmBaseUrl": 42, "MonthlyLimit": 500, "OAuthClientId": "", "Features": "all"
        }));
        assert_eq!(p, Policy::default());
        assert_eq!(p.monthly_limit(), 200);
        let names: Vec<_> = problems.iter().map(|p| p.setting).collect();
        assert_eq!(
            names,
            ["CrmBaseUrl", "OAuthClientId", "MonthlyLimit", "Features"]
        );
        assert!(!problems[0].to_string().contains("42"));
    }

    // proves A2, C5: a managed CRM address in cleartext is refused like a user's (issue #22),
    // with what to set instead; loopback stays allowed for test CRMs.
    #[test]
    fn a_cleartext_crm_address_by_policy_is_refused() {
        let (p, problems) = Policy::from_managed(&json!({ "CrmBaseUrl": "http://crm.example" }));
        assert_eq!(p.crm_url, None);
        assert_eq!(problems.len(), 1);
        let problem = problems[0].to_string();
        assert!(
            problem.contains("CrmBaseUrl") && problem.contains("https://"),
            "{problem}"
        );
        assert!(problem.contains("127.0.0.1"), "{problem}");
        let (p, problems) = Policy::from_managed(&json!({ "CrmBaseUrl": "http://127.0.0.1:8081" }));
        assert!(problems.is_empty());
        assert!(p.crm_url.is_some());
    }

    // proves Q2: `DisplayMode` locks the mode; without it the user's choice holds, page mode
    // by default; a wrong value is reported and leaves the user's choice.
    #[test]
    fn display_mode_by_policy_locks_the_users_choice() {
        let (p, problems) = Policy::from_managed(&json!({ "DisplayMode": "side-panel" }));
        assert!(problems.is_empty());
        assert_eq!(
            p.display_mode(Some(DisplayMode::Page)),
            (DisplayMode::SidePanel, true)
        );
        let (p, _) = Policy::from_managed(&json!({ "DisplayMode": "page" }));
        assert_eq!(
            p.display_mode(Some(DisplayMode::SidePanel)),
            (DisplayMode::Page, true)
        );
        for bad in [json!("sidepanel"), json!("Side-Panel"), json!(true)] {
            let (p, problems) = Policy::from_managed(&json!({ "DisplayMode": bad }));
            assert_eq!(p.display_mode, None);
            assert_eq!(problems[0].setting, "DisplayMode");
            assert!(problems[0].to_string().contains("side-panel"));
            assert_eq!(
                p.display_mode(Some(DisplayMode::SidePanel)),
                (DisplayMode::SidePanel, false)
            );
        }
        assert_eq!(
            Policy::default().display_mode(None),
            (DisplayMode::Page, false)
        );
        assert_eq!(
            serde_json::to_value(DisplayMode::SidePanel).unwrap(),
            json!("side-panel")
        );
    }

    #[test]
    fn site_pdf_query_id_only_of_the_right_shape() {
        let id = "voyagerIdentityDashProfileActionsV2.0123456789abcdef0123456789abcdef";
        let (p, problems) = Policy::from_managed(&json!({ "SitePdfQueryId": format!(" {id} ") }));
        assert!(problems.is_empty());
        assert_eq!(p.site_pdf_query_id.as_ref().map(QueryId::as_str), Some(id));
        for bad in [
            json!("ca80b3b293240baf5a00226d8d6d78a1"),
            json!("voyagerIdentityDashProfileActionsV2.xyz"),
            json!(42),
        ] {
            let (p, problems) = Policy::from_managed(&json!({ "SitePdfQueryId": bad }));
            assert_eq!(p.site_pdf_query_id, None);
            assert_eq!(problems[0].setting, "SitePdfQueryId");
        }
    }

    #[test]
    fn empty_policy_is_no_policy() {
        assert_eq!(
            Policy::from_managed(&json!({})),
            (Policy::default(), vec![])
        );
        assert_eq!(
            Policy::from_managed(&Value::Null),
            (Policy::default(), vec![])
        );
        assert_eq!(Policy::from_managed(&json!("x")).1.len(), 1);
        assert_eq!(
            Policy::from_managed(&json!({"MonthlyLimit": -1}))
                .0
                .monthly_limit(),
            200
        );
    }
}
