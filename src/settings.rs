//! The CRM address a user or an admin gives, checked before anything is sent to it.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

/// A CRM base URL: `http(s)://host[:port]` with an optional path prefix, no query, no fragment,
/// no credentials, stored without a trailing slash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrmUrl(String);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CrmUrlError {
    Empty,
    Scheme,
    Host,
    Extra,
    /// `http://` to a host that is not this computer: tokens and PDFs would cross the network
    /// in cleartext.
    Cleartext,
}

impl fmt::Display for CrmUrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Empty => "Enter the address of your CRM, e.g. https://crm.example.com.",
            Self::Scheme => {
                "The CRM address must start with https:// (or http:// for a local test CRM)."
            }
            Self::Host => "The CRM address has no valid host name.",
            Self::Extra => "The CRM address must not contain a user name, a query or a fragment.",
            Self::Cleartext => {
                "http:// is only allowed for a CRM on this computer (localhost, 127.0.0.1, \
                 [::1]): your sign-in and the profiles you export would cross the network \
                 unencrypted. Use the CRM's https:// address."
            }
        })
    }
}

impl CrmUrl {
    pub fn parse(input: &str) -> Result<Self, CrmUrlError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(CrmUrlError::Empty);
        }
        let (scheme, rest) = s.split_once("://").ok_or(CrmUrlError::Scheme)?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "https" && scheme != "http" {
            return Err(CrmUrlError::Scheme);
        }
        if rest.contains(['?', '#', '@', ' ', '\\']) {
            return Err(CrmUrlError::Extra);
        }
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let host = authority.rsplit_once(':').map_or(authority, |(h, port)| {
            if port.chars().all(|c| c.is_ascii_digit()) && !port.is_empty() {
                h
            } else {
                authority
            }
        });
        let host_ok = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '[' | ']' | ':'));
        if !host_ok {
            return Err(CrmUrlError::Host);
        }
        let authority = authority.to_ascii_lowercase();
        if !CrmOrigin::scheme_allowed(&scheme, &authority) {
            return Err(CrmUrlError::Cleartext);
        }
        // One spelling per CRM (issue #18: one ledger per CRM user): the default port dropped,
        // empty and `.` path segments gone.
        let authority = one_spelling(&scheme, &authority);
        let path: String = path
            .split('/')
            .filter(|segment| !segment.is_empty() && *segment != ".")
            .flat_map(|segment| ["/", segment])
            .collect();
        Ok(Self(format!("{scheme}://{authority}{path}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `scheme://authority`, for CORS and the host-permission request.
    pub fn origin(&self) -> &str {
        let after = self.0.find("://").map_or(0, |i| i + 3);
        let end = self
            .0
            .get(after..)
            .and_then(|r| r.find('/'))
            .map_or(self.0.len(), |i| after + i);
        self.0.get(..end).unwrap_or(&self.0)
    }

    /// The match pattern for `chrome.permissions.request` (`https://crm.example.com/*`). Match
    /// patterns take no port: the permission covers every port of the host.
    pub fn permission_pattern(&self) -> String {
        let origin = self.origin();
        let (scheme, authority) = origin.split_once("://").unwrap_or(("https", origin));
        let host = match authority.rsplit_once(':') {
            Some((h, p))
                if p.chars().all(|c| c.is_ascii_digit()) && !h.ends_with(']')
                    || authority.starts_with('[') && authority.contains("]:") =>
            {
                h
            }
            _ => authority,
        };
        format!("{scheme}://{host}/*")
    }

    /// The CRM's origin, the only place its links may lead.
    pub fn crm_origin(&self) -> CrmOrigin {
        CrmOrigin(self.origin().to_string())
    }

    /// An API URL under this CRM: `join("/api/v1/lookup")`.
    pub fn join(&self, path: &str) -> String {
        format!("{}{}", self.0, path)
    }
}

/// The configured CRM's `scheme://authority` (lower-case). A link the CRM sends (a contact's
/// page) is shown on the site only when it leads there (PRODUCT.md S5): `https:`, or `http:` on
/// loopback, on exactly this origin, without credentials. Anything else is shown as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrmOrigin(String);

impl CrmOrigin {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The one rule for what the extension talks to (PRODUCT.md A4, S5): `https:`, or `http:`
    /// when the host is this computer (`localhost`, `127.0.0.0/8`, `[::1]`), where nothing
    /// crosses a network. Every CRM address (options, policy) and every CRM link passes here.
    pub fn scheme_allowed(scheme: &str, authority: &str) -> bool {
        match scheme {
            "https" => true,
            "http" => is_loopback(authority),
            _ => false,
        }
    }

    /// `url`, if it may be a link on the site's pages.
    pub fn link<'a>(&self, url: &'a str) -> Option<&'a str> {
        let (scheme, rest) = url.split_once("://")?;
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let scheme_ok = Self::scheme_allowed(scheme, authority);
        let authority_lower = authority.to_ascii_lowercase();
        let same = format!(
            "{}://{}",
            scheme.to_ascii_lowercase(),
            one_spelling(scheme, &authority_lower)
        ) == self.0;
        let clean = !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '\\' | '"' | '<' | '>'));
        (scheme_ok && same && clean && !authority.contains('@')).then_some(url)
    }
}

/// A lower-case authority without its scheme's default port: one spelling per CRM, for the
/// address the settings keep and for the links checked against it alike.
fn one_spelling<'a>(scheme: &str, authority: &'a str) -> &'a str {
    let default_port = if scheme.eq_ignore_ascii_case("https") {
        ":443"
    } else {
        ":80"
    };
    authority
        .strip_suffix(default_port)
        .filter(|host| !host.is_empty())
        .unwrap_or(authority)
}

/// `localhost`, an address in `127.0.0.0/8`, or `[::1]`, with or without a port.
fn is_loopback(authority: &str) -> bool {
    let host = match authority.rsplit_once(':') {
        Some((h, port)) if !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => h,
        _ => authority,
    };
    let host = host.to_ascii_lowercase();
    if host == "localhost" {
        return true;
    }
    if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return v6.parse::<Ipv6Addr>().is_ok_and(|ip| ip.is_loopback());
    }
    host.parse::<Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    // proves A4: the address a user types is checked and normalised.
    #[test]
    fn parses_and_normalises() {
        let url = CrmUrl::parse(" HTTPS://CRM.Example.com/ ").unwrap();
        assert_eq!(url.as_str(), "https://crm.example.com");
        assert_eq!(url.join("/api/v1/me"), "https://crm.example.com/api/v1/me");
        let local = CrmUrl::parse("http://127.0.0.1:8081/tenant/").unwrap();
        assert_eq!(local.as_str(), "http://127.0.0.1:8081/tenant");
        assert_eq!(local.origin(), "http://127.0.0.1:8081");
        assert_eq!(local.permission_pattern(), "http://127.0.0.1/*");
        assert_eq!(url.permission_pattern(), "https://crm.example.com/*");
    }

    // proves E6 (issue #18): every spelling of one CRM is one address, so one ledger.
    #[test]
    fn aliases_of_one_crm_are_one_address() {
        for (spellings, address) in [
            (
                &[
                    "https://crm.example.com",
                    "HTTPS://CRM.EXAMPLE.COM/",
                    "https://crm.example.com:443",
                    "https://crm.example.com:443//",
                    " https://Crm.Example.com/./ ",
                ][..],
                "https://crm.example.com",
            ),
            (
                &[
                    "https://crm.example.com/talent",
                    "https://crm.example.com:443/talent/",
                    "https://crm.example.com//talent//",
                    "https://crm.example.com/./talent",
                ][..],
                "https://crm.example.com/talent",
            ),
            (
                &["http://127.0.0.1:80/", "http://127.0.0.1"][..],
                "http://127.0.0.1",
            ),
            (
                &["http://localhost:8081/", "HTTP://LOCALHOST:8081//"][..],
                "http://localhost:8081",
            ),
        ] {
            for spelling in spellings {
                assert_eq!(
                    CrmUrl::parse(spelling).unwrap().as_str(),
                    address,
                    "{spelling}"
                );
            }
        }
        // Other ports, schemes and paths stay other CRMs.
        for other in [
            "https://crm.example.com:8443",
            "https://crm.example.com:80",
            "https://crm.example.com/other",
        ] {
            assert_ne!(
                CrmUrl::parse(other).unwrap().as_str(),
                "https://crm.example.com"
            );
        }
        assert_eq!(
            CrmUrl::parse("http://crm.example.com:80"),
            Err(CrmUrlError::Cleartext)
        );
    }

    // proves S5: only links to the configured CRM are links on the site.
    #[test]
    fn crm_links_only_to_the_crm_origin() {
        let crm = CrmUrl::parse("https://crm.example.com/tenant")
            .unwrap()
            .crm_origin();
        assert_eq!(crm.as_str(), "https://crm.example.com");
        let ok = "https://crm.example.com/contacts/7";
        assert_eq!(crm.link(ok), Some(ok));
        assert!(crm.link("https://CRM.example.com/contacts/7").is_some());
        // The CRM's own spelling with its default port is the same CRM (issue #18: one rule
        // for the address and its links).
        assert!(crm.link("https://crm.example.com:443/contacts/7").is_some());
        let typed = CrmUrl::parse("https://crm.example.com:443//tenant/./").unwrap();
        assert_eq!(typed.crm_origin(), crm);
        for bad in [
            "javascript:alert(document.cookie)",
            "JAVASCRIPT://crm.example.com/%0aalert(1)",
            "data:text/html,<script>x</script>",
            "http://crm.example.com/contacts/7",
            "https://crm.example.com.evil.example/contacts/7",
            "https://evil.example/https://crm.example.com/",
            "https://user@crm.example.com/contacts/7",
            "https://crm.example.com:8443/contacts/7",
            "https://crm.example.com:80/contacts/7",
            "//crm.example.com/contacts/7",
            "/contacts/7",
            "https://crm.example.com/a b",
            "https://crm.example.com/a\"onmouseover=\"x",
            "",
        ] {
            assert_eq!(crm.link(bad), None, "{bad}");
        }
        let local = CrmUrl::parse("http://127.0.0.1:8081").unwrap().crm_origin();
        assert!(local.link("http://127.0.0.1:8081/contacts/1").is_some());
        assert!(local.link("http://127.0.0.1:9999/contacts/1").is_none());
        let local = CrmUrl::parse("http://localhost:8081").unwrap().crm_origin();
        assert!(local.link("http://localhost:8081/contacts/1").is_some());
        assert_eq!(
            CrmOrigin("http://crm.internal".into()).link("http://crm.internal/contacts/1"),
            None
        );
    }

    // proves A4, C5: http:// only where nothing crosses a network (issue #22); the same rule
    // for the options page and for policy, which both parse through CrmUrl.
    #[test]
    fn cleartext_only_on_loopback() {
        for local in [
            "http://127.0.0.1:8081",
            "http://127.0.0.1",
            "http://127.1.2.3:9000/crm",
            "http://localhost:3000",
            "http://LOCALHOST",
            "http://[::1]:8080",
            "http://[::1]",
            "https://crm.example.com",
            "https://10.0.0.5",
        ] {
            assert!(CrmUrl::parse(local).is_ok(), "{local}");
        }
        for remote in [
            "http://crm.example",
            "http://crm.example.com:8080/tenant",
            "http://10.0.0.5",
            "http://192.168.1.10:8080",
            "http://128.0.0.1",
            "http://127.0.0.1.evil.example",
            "http://localhost.evil.example",
            "http://[::2]:8080",
            "http://[::ffff:7f00:1]",
            "http://0.0.0.0:8080",
        ] {
            assert_eq!(
                CrmUrl::parse(remote),
                Err(CrmUrlError::Cleartext),
                "{remote}"
            );
        }
        let message = CrmUrlError::Cleartext.to_string();
        assert!(
            message.contains("https://") && message.contains("127.0.0.1"),
            "{message}"
        );
    }

    #[test]
    fn refuses_what_is_not_a_crm_address() {
        assert_eq!(CrmUrl::parse(""), Err(CrmUrlError::Empty));
        assert_eq!(CrmUrl::parse("crm.example.com"), Err(CrmUrlError::Scheme));
        assert_eq!(
            CrmUrl::parse("ftp://crm.example.com"),
            Err(CrmUrlError::Scheme)
        );
        assert_eq!(CrmUrl::parse("javascript://x"), Err(CrmUrlError::Scheme));
        assert_eq!(
            CrmUrl::parse("https://user@crm.example.com"),
            Err(CrmUrlError::Extra)
        );
        assert_eq!(
            CrmUrl::parse("https://crm.example.com/?a=1"),
            Err(CrmUrlError::Extra)
        );
        assert_eq!(CrmUrl::parse("https:///path"), Err(CrmUrlError::Host));
        assert_eq!(CrmUrl::parse("https://bad_host!/"), Err(CrmUrlError::Host));
    }
}
