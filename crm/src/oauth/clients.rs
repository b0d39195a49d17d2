//! Registered clients and their redirect URIs. A redirect URI matches only when it is byte for
//! byte one the client registered: no trailing-slash leniency, no prefix or path matching, so a
//! code can never be sent anywhere an administrator did not name.

use crate::db::{DbError, Sql};
use crate::params;
use std::fmt;
use std::str::FromStr;

/// The extension's client, registered by the demo seed.
pub const EXTENSION_CLIENT_ID: &str = talent_bridge::oauth::DEFAULT_CLIENT_ID;
/// The extension's redirect URI: its id is fixed by the manifest's `key`.
pub const EXTENSION_REDIRECT_URI: &str =
    "https://gnkhiiocdompgpmpfknahhechpbajkmk.chromiumapp.org/";
/// What the consent page calls a registered client.
pub const CLIENT_NAME: &str = "Talent Bridge";

const MAX_CLIENT_ID_LEN: usize = 128;
const MAX_REDIRECT_URI_LEN: usize = 512;

/// One client id and one redirect URI it may use (`crm serve --oauth-client ID=REDIRECT_URI`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientRegistration {
    pub client_id: String,
    pub redirect_uri: String,
}

impl ClientRegistration {
    /// The extension as the manifest's key fixes it.
    pub fn extension() -> Self {
        Self {
            client_id: EXTENSION_CLIENT_ID.to_string(),
            redirect_uri: EXTENSION_REDIRECT_URI.to_string(),
        }
    }
}

impl FromStr for ClientRegistration {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let (client_id, redirect_uri) = s
            .split_once('=')
            .ok_or_else(|| format!("expected ID=REDIRECT_URI, got {s:?}"))?;
        check_client_id(client_id)?;
        check_redirect_uri(redirect_uri)?;
        Ok(Self {
            client_id: client_id.to_string(),
            redirect_uri: redirect_uri.to_string(),
        })
    }
}

impl fmt::Display for ClientRegistration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.client_id, self.redirect_uri)
    }
}

/// 1–128 letters, digits, `.`, `_`, `-`.
pub fn check_client_id(id: &str) -> Result<(), String> {
    let ok = !id.is_empty()
        && id.len() <= MAX_CLIENT_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "a client id is 1–{MAX_CLIENT_ID_LEN} letters, digits, '.', '_' or '-': {id:?}"
        ))
    }
}

/// An absolute `https://` URL (or `http://` on loopback, for tests) with a path, no fragment
/// (RFC 6749 §3.1.2) and nothing that needs escaping. The extension's is
/// `https://<extension-id>.chromiumapp.org/`.
pub fn check_redirect_uri(uri: &str) -> Result<(), String> {
    let fail = |why: &str| Err(format!("redirect URI {uri:?}: {why}"));
    if uri.len() > MAX_REDIRECT_URI_LEN {
        return fail("too long");
    }
    let Some(origin) = origin(uri) else {
        return fail(
            "must be https://host/path (or http://127.0.0.1:port/path), with a path: \
             https://<extension-id>.chromiumapp.org/",
        );
    };
    let host = origin
        .split_once("://")
        .map_or("", |(_, rest)| rest)
        .split(':')
        .next()
        .unwrap_or_default();
    if origin.starts_with("http://") && !matches!(host, "127.0.0.1" | "localhost") {
        return fail("plain http is only for loopback (127.0.0.1, localhost)");
    }
    let path = uri.get(origin.len()..).unwrap_or_default();
    if path
        .bytes()
        .any(|b| !b.is_ascii_graphic() || b"#\"<>\\^`{|}".contains(&b))
    {
        return fail("no fragment, spaces or characters that need escaping");
    }
    Ok(())
}

/// `scheme://host[:port]` of a redirect URI whose path starts right after it; `None` for
/// anything else. This is what the consent page's `form-action` allows.
pub fn origin(uri: &str) -> Option<&str> {
    let rest = uri
        .strip_prefix("https://")
        .or_else(|| uri.strip_prefix("http://"))?;
    let authority_len = rest.find('/')?;
    let authority = rest.get(..authority_len)?;
    let (host, port) = match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    let host_ok = !host.is_empty()
        && !host.starts_with('.')
        && !host.starts_with('-')
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'));
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    (host_ok && port_ok).then(|| uri.get(..uri.len() - rest.len() + authority_len))?
}

/// Registers the client (named `name` if new) and the redirect URI. Registering again is a
/// no-op.
pub fn register(conn: &dyn Sql, client: &ClientRegistration, name: &str) -> Result<(), DbError> {
    conn.execute(
        "INSERT INTO oauth_clients (client_id, name, created_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (client_id) DO NOTHING",
        params![client.client_id, name, crate::clock::now_text()],
    )?;
    conn.execute(
        "INSERT INTO oauth_redirect_uris (client_id, redirect_uri) VALUES (?1, ?2)
         ON CONFLICT DO NOTHING",
        params![client.client_id, client.redirect_uri],
    )?;
    Ok(())
}

/// What the registry says about a client and a redirect URI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Registered {
    UnknownClient,
    /// The client exists but never registered this exact URI.
    UnknownRedirect,
    /// Both match; the client's name for the consent page.
    Yes {
        name: String,
    },
}

pub fn lookup(conn: &dyn Sql, client_id: &str, redirect_uri: &str) -> Result<Registered, DbError> {
    let name: Option<String> = conn.query_opt(
        "SELECT name FROM oauth_clients WHERE client_id = ?1",
        params![client_id],
        |row| row.get(0),
    )?;
    let Some(name) = name else {
        return Ok(Registered::UnknownClient);
    };
    let registered = conn.exists(
        "SELECT 1 FROM oauth_redirect_uris WHERE client_id = ?1 AND redirect_uri = ?2",
        params![client_id, redirect_uri],
    )?;
    Ok(if registered {
        Registered::Yes { name }
    } else {
        Registered::UnknownRedirect
    })
}

pub fn exists(conn: &dyn Sql, client_id: &str) -> Result<bool, DbError> {
    conn.exists(
        "SELECT 1 FROM oauth_clients WHERE client_id = ?1",
        params![client_id],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registrations_parse_from_the_command_line() {
        let r: ClientRegistration =
            "other-ext=https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/"
                .parse()
                .unwrap();
        assert_eq!(r.client_id, "other-ext");
        assert_eq!(
            r.redirect_uri,
            "https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/"
        );
        let with_query: ClientRegistration = "a=https://x.example/cb?tenant=1".parse().unwrap();
        assert_eq!(with_query.redirect_uri, "https://x.example/cb?tenant=1");
        for bad in [
            "no-equals",
            "=https://x.example/",
            "a b=https://x.example/",
            "a=https://x.example",
            "a=https://x.example/#frag",
            "a=https://x.example/a b",
            "a=http://x.example/",
            "a=ftp://x.example/",
            "a=https://user@x.example/",
            "a=https://x.example:99999999/",
            "a=https:///",
        ] {
            assert!(bad.parse::<ClientRegistration>().is_err(), "{bad}");
        }
        assert!(
            "a=http://127.0.0.1:8765/cb"
                .parse::<ClientRegistration>()
                .is_ok()
        );
    }

    #[test]
    fn the_origin_is_scheme_host_and_port() {
        assert_eq!(
            origin(EXTENSION_REDIRECT_URI),
            Some("https://gnkhiiocdompgpmpfknahhechpbajkmk.chromiumapp.org")
        );
        assert_eq!(
            origin("http://127.0.0.1:8765/cb?x=1"),
            Some("http://127.0.0.1:8765")
        );
        assert_eq!(origin("https://x.example"), None);
        assert_eq!(origin("https://x;y.example/"), None);
        assert!(check_redirect_uri(EXTENSION_REDIRECT_URI).is_ok());
    }
}
