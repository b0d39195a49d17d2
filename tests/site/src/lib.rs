//! The fixture network site: a stand-in for `www.linkedin.com` that the end-to-end tests
//! drive real Chromium against (DESIGN.md §5). Markup shaped like the real site's current
//! design, class names hashed afresh at every start, client-side navigation, a session with
//! a CSRF cookie, and the site's CSP.

mod classes;
mod csp;
mod html;
mod pages;
mod people;
mod router;
mod session;
pub mod stats;
mod style;
mod tls;
mod url;
mod voyager;

use std::net::SocketAddr;
use std::sync::Arc;

pub use people::{Person, Visibility};
pub use router::router;

/// Which generation of the site's markup to serve.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Design {
    /// Shaped like the real site today (`componentkey` top card, name in an `h2`).
    #[default]
    Current,
    /// A plausible redesign: name in an `h1`, other attribute names, other section order.
    Next,
}

impl std::str::FromStr for Design {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "current" => Ok(Self::Current),
            "next" => Ok(Self::Next),
            other => Err(format!(
                "unknown design {other:?} (expected current or next)"
            )),
        }
    }
}

/// How this run of the site behaves.
#[derive(Clone, Debug, Default)]
pub struct SiteConfig {
    /// `script-src 'self'` only: content-script WebAssembly is refused.
    pub strict_csp: bool,
    pub design: Design,
    /// The class-name salt; random when `None` (tests fix it to compare runs).
    pub salt: Option<u64>,
}

/// Everything one run of the site holds.
#[derive(Debug)]
pub struct Site {
    config: SiteConfig,
    classes: classes::Classes,
    people: people::People,
    sessions: session::Sessions,
    stats: stats::Stats,
    stylesheet: String,
    /// Changes with the salt, so a browser never mixes one run's CSS with another's markup.
    asset_version: String,
}

impl Site {
    pub fn new(config: SiteConfig) -> Result<Arc<Self>, String> {
        let salt = config.salt.unwrap_or_else(rand::random);
        let classes = classes::Classes::new(salt);
        let stylesheet = classes.stylesheet();
        let asset_version = classes
            .name("asset-version")
            .trim_start_matches('_')
            .to_string();
        Ok(Arc::new(Self {
            config,
            classes,
            people: people::People::load()?,
            sessions: session::Sessions::default(),
            stats: stats::Stats::default(),
            stylesheet,
            asset_version,
        }))
    }

    pub fn stats(&self) -> stats::Snapshot {
        self.stats.snapshot()
    }

    /// Everyone the site knows, in its stable order.
    pub fn people(&self) -> &[Person] {
        self.people.all()
    }
}

/// Serves the site over TLS on an already bound listener until `handle` shuts it down.
pub async fn serve(
    listener: std::net::TcpListener,
    site: Arc<Site>,
    handle: axum_server::Handle<SocketAddr>,
) -> std::io::Result<()> {
    let tls = tls::server_config().map_err(std::io::Error::other)?;
    listener.set_nonblocking(true)?;
    axum_server::from_tcp_rustls(
        listener,
        axum_server::tls_rustls::RustlsConfig::from_config(tls),
    )?
    .handle(handle)
    .serve(router(site).into_make_service())
    .await
}
