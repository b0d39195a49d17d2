//! The fixture network site: a stand-in for `www.linkedin.com` that the end-to-end tests
//! drive real Chromium against (DESIGN.md §5). Markup shaped like the real site's current
//! design, class names hashed afresh at every start, client-side navigation, a session with
//! a CSRF cookie, and the site's CSP.

mod classes;
mod csp;
mod dms;
pub mod graphql;
mod html;
pub mod lang;
mod pages;
mod pdf;
pub mod pdf_mode;
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
use std::time::Duration;

pub use lang::Lang;
pub use pdf::profile_pdf;
pub use pdf_mode::{PdfBehaviour, PdfMode};
pub use people::{Person, Visibility};
pub use router::router;

/// Which generation of the site's markup to serve.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Design {
    /// Shaped like the real site today: `componentkey` top card, name in an `h2`; search as
    /// the 2025-12 server-driven design (`role=listitem` cards sharing a `componentkey`).
    #[default]
    Current,
    /// A plausible redesign: name in an `h1`, other attribute names, other section order;
    /// search cards as plain `li`s around a `data-view-name` hook.
    Next,
    /// Search as the 2024–25 design with hashed classes (presence text in the photo link,
    /// hidden "View …'s profile" and degree labels); profiles as `Current`.
    Hashed2025,
    /// Search as the 2018 design, whose cards link only by member id (`/in/ACoA…`);
    /// profiles as `Current`.
    MemberId2018,
}

impl Design {
    pub const NAMES: &str = "current, next, hashed-2025 or member-id-2018";
}

impl std::str::FromStr for Design {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "current" => Ok(Self::Current),
            "next" => Ok(Self::Next),
            "hashed-2025" => Ok(Self::Hashed2025),
            "member-id-2018" => Ok(Self::MemberId2018),
            other => Err(format!(
                "unknown design {other:?} (expected {})",
                Self::NAMES
            )),
        }
    }
}

/// How this run of the site behaves.
#[derive(Clone, Debug, Default)]
pub struct SiteConfig {
    /// `script-src 'self'` only: content-script WebAssembly is refused.
    pub strict_csp: bool,
    /// Every page also runs `hostile.js`: the site's own scripts attacking extensions in its
    /// pages (issue #16), writing what they learn to `window.__stolen`.
    pub hostile: bool,
    pub design: Design,
    /// The language of the site's own interface text (`--lang`); people's data stays as it is.
    pub lang: Lang,
    /// The class-name salt; random when `None` (tests fix it to compare runs).
    pub salt: Option<u64>,
    /// How PDF downloads behave at start (and after `/_test/reset`).
    pub pdf: PdfBehaviour,
    /// How the GraphQL "Save to PDF" action answers at start (and after `/_test/reset`).
    pub pdf_action: graphql::PdfAction,
    /// How long a "Save to PDF" link works; five minutes when `None`.
    pub pdf_link_ttl: Option<Duration>,
}

/// Everything one run of the site holds.
#[derive(Debug)]
pub struct Site {
    config: SiteConfig,
    classes: classes::Classes,
    people: people::People,
    sessions: session::Sessions,
    stats: stats::Stats,
    links: dms::Links,
    pdf_switch: pdf_mode::PdfSwitch,
    pdf_query: graphql::PdfQuery,
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
            links: dms::Links::new(config.pdf_link_ttl.unwrap_or(dms::DEFAULT_TTL)),
            pdf_switch: pdf_mode::PdfSwitch::new(config.pdf),
            pdf_query: graphql::PdfQuery::new(config.pdf_action),
            config,
            classes,
            people: people::People::load()?,
            sessions: session::Sessions::default(),
            stats: stats::Stats::default(),
            stylesheet,
            asset_version,
        }))
    }

    /// The site's interface text in the language it runs in.
    pub(crate) fn words(&self) -> &'static lang::Words {
        self.config.lang.words()
    }

    pub fn stats(&self) -> stats::Snapshot {
        self.stats.snapshot()
    }

    /// Everyone the site knows, in its stable order.
    pub fn people(&self) -> &[Person] {
        self.people.all()
    }

    /// The people search results for `keywords`, in the order the search pages list them.
    pub fn search(&self, keywords: &str) -> Vec<&Person> {
        self.people.search(keywords)
    }

    /// The PDF "Save to PDF" serves for a slug or member id (`None` for unknown ids; the
    /// action refuses some people this still renders).
    pub fn profile_pdf(&self, id: &str) -> Option<Vec<u8>> {
        self.people
            .find(id)
            .map(|person| pdf::profile_pdf(person, self.config.lang))
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
