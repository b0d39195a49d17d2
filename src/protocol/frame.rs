//! Frame mode's messages (DESIGN.md §2 "Strict page CSP"): between the tab's content script
//! (`frames.js`, plain JavaScript, since the page refuses WebAssembly there) and the extension
//! frames it puts in the page, over the `chrome.tabs` port each frame opens to it. One enum per
//! role and direction: the hidden reader, and one badge frame per person.
//!
//! No envelope: a port joins two scripts of one extension build in one tab, so there is no
//! version to tell apart; the page can neither read nor write a port. Each enum is still
//! parsed with unknown fields refused and checked against its limits before a frame acts on it.
//! `frames.js` reads and writes these by their wire names, which a test here checks against
//! what it says.

use super::{Bounded, MAX_PDF_BASE64, PageFacts, PersonQuery, ProtocolError};
use crate::badge_plan::{BadgeId, BadgeKind};
use serde::{Deserialize, Serialize};

/// The reader is sent no copy of a page larger than this (it would take too long over it).
pub const MAX_SNAPSHOT_CHARS: u32 = 8 * 1024 * 1024;
/// The longest page address a frame takes.
pub const MAX_URL: usize = 8_000;
/// Badges one plan may place: a search page's worth, many times over.
pub const MAX_PLAN: usize = 400;
/// The longest badge or worker message a frame passes on (a badge of many matches is long).
pub const MAX_PASSED: usize = 1024 * 1024;
/// A frame is never sized past this many pixels either way.
pub const MAX_FRAME_PX: u32 = 4_000;
/// The most elements and texts in one badge's [`Look`] (a badge row holds a handful).
pub const MAX_LOOK_NODES: usize = 64;
/// The elements a [`Look`] may hold: what a badge row is made of.
pub const LOOK_TAGS: [&str; 3] = ["span", "a", "button"];

/// The reader → `frames.js`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum FromReader {
    /// Send a copy of the page now ([`ToReader::Snapshot`]). The reader asks for one at a time,
    /// after the last one's plan: each copy shows what the plan before it changed (issue #13).
    Snapshot { max_chars: u32 },
    /// The badge row's style sheet, for the [`Look`]s to come (sent once, first).
    Style { css: String },
    /// Carry this plan out.
    Apply { plan: FramePlan },
    /// Pass the badge frame `id` its badge (a `BadgeView`, as the worker sent it), and draw its
    /// look, if it is drawn until its frame is made.
    Show {
        id: BadgeId,
        badge: Json,
        look: Option<Look>,
    },
}

/// `frames.js` → the reader.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ToReader {
    /// The page changed since the last copy (its markup, or its address: `url`).
    Changed { url: String },
    /// The copy asked for, its profile links the user does not see marked `data-tb-hidden`;
    /// `html` is null when the page was larger than asked.
    Snapshot { url: String, html: Option<String> },
}

/// A badge frame → `frames.js`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum FromBadge {
    /// Size the host to `row`, the badge row (what the page makes room for), and the frame to
    /// `all`, everything shown (the hover card and the panel are drawn over the page); width and
    /// height in pixels, `all` never smaller than `row`.
    Size { row: [u32; 2], all: [u32; 2] },
    /// The pointer is over this frame (the page's side tells it when it leaves).
    PointerIn,
    /// Ask the site, with the page's session; answered by [`ToBadge::Answer`] with the same `re`.
    Ask { re: u32, ask: SiteAsk },
}

/// `frames.js` → a badge frame.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ToBadge {
    /// Whose badge this frame shows (the reader's plan said so), and the page's viewport.
    Init {
        init: BadgeInit,
        width: u32,
        height: u32,
    },
    /// The page's viewport, which the hover card and panel are sized to.
    Viewport {
        width: u32,
        height: u32,
    },
    /// The badge (a `BadgeView`), as the worker sent it.
    Show {
        badge: Json,
    },
    /// What the page now offers (the site renders its controls late).
    Page {
        page: PageFacts,
    },
    /// A message of the worker to the tab (export progress).
    Event {
        event: Json,
    },
    /// The pointer went back to the page, which this frame does not notice by itself.
    PointerLeft,
    /// The pointer came over the badge's look in the page, which this frame replaced: show what
    /// a hover shows until the page says it left (a frame made under a resting pointer gets no
    /// pointer event of its own).
    PointerOver,
    /// The user moved focus to the badge's look in the page, which this frame replaced: focus
    /// its label.
    Focus,
    /// Escape pressed in the page: an open hover card closes, as in page mode.
    Escape,
    Answer {
        re: u32,
        answer: SiteReply,
    },
}

/// What a frame passes on unread, as JSON text: the worker's badge to the UI module, which
/// parses it whole, and the worker's messages to the tab. Kept as text, the frame module carries
/// no parser for what it never reads (it is compiled in every badge frame).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Json(pub String);

/// Whose badge a badge frame shows, and what it may offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BadgeInit {
    pub kind: BadgeKind,
    pub person: PersonQuery,
    pub page: PageFacts,
}

/// The reader's plan as `frames.js` carries it out: element paths in the copy it read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FramePlan {
    pub remove: Vec<BadgeId>,
    pub add: Vec<PlacedBadge>,
    pub update: Vec<(BadgeId, PageFacts)>,
}

/// A badge frame to put after the element at `path` (element-child indexes from `<html>`),
/// if that element is still a `tag` (upper case, as `tagName`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlacedBadge {
    pub id: BadgeId,
    pub path: Vec<u32>,
    pub tag: String,
    pub init: BadgeInit,
    /// What `frames.js` draws in the badge's closed root until the user reaches for the badge
    /// (the core's [`BadgeKind::frame_on_demand`]); `None`: its frame is made at once.
    pub look: Option<Look>,
}

/// A badge row as `frames.js` draws it without a frame: elements (tag, attributes, children)
/// and texts, drawn by the reader with the badge's own drawing code in its document and read
/// back. `frames.js` makes the elements one by one (no HTML is parsed) in a closed root.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Look {
    Text(String),
    Element(String, Vec<(String, String)>, Vec<Look>),
}

impl Look {
    /// Within [`MAX_LOOK_NODES`], of [`LOOK_TAGS`] only, and no event handler attribute.
    pub fn check(&self) -> Result<(), ProtocolError> {
        let mut nodes = 0;
        self.count(&mut nodes)?;
        too_many("look", nodes, MAX_LOOK_NODES)
    }

    fn count(&self, nodes: &mut usize) -> Result<(), ProtocolError> {
        *nodes += 1;
        too_many("look", *nodes, MAX_LOOK_NODES)?;
        let Self::Element(tag, attrs, children) = self else {
            return Ok(());
        };
        let handler = attrs.iter().any(|(name, _)| {
            name.get(..2)
                .is_some_and(|on| on.eq_ignore_ascii_case("on"))
        });
        if !LOOK_TAGS.contains(&tag.as_str()) || handler {
            return Err(ProtocolError::Malformed);
        }
        children.iter().try_for_each(|child| child.count(nodes))
    }
}

/// What a badge frame asks of the site (the export's PDF, DESIGN.md §5): an extension frame has
/// neither the site's cookies nor its origin, the tab's content script has both.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum SiteAsk {
    /// `document.cookie` (the CSRF token is read from it).
    Cookies,
    /// The page's `<script>` and `<code>` elements: where the "Save to PDF" query id may be.
    Sources,
    /// A request to the site, same origin, with the page's session; the body is read only up to
    /// `max` bytes.
    Fetch {
        url: String,
        method: SiteMethod,
        headers: Vec<(String, String)>,
        body: Option<String>,
        max: u32,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SiteMethod {
    #[serde(rename = "GET")]
    Get,
    #[serde(rename = "POST")]
    Post,
}

/// The only headers a frame's request carries (the site's CSRF and GraphQL headers).
pub const SITE_HEADERS: [&str; 4] = [
    "csrf-token",
    "accept",
    "content-type",
    "x-restli-protocol-version",
];

/// The site's answer, as the content script read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum SiteReply {
    Cookies {
        cookies: String,
    },
    /// Each element's bundle address (`src`), or else its text.
    Sources {
        bundles: Vec<String>,
        inline: Vec<String>,
    },
    /// Any status, where the request ended up (redirects followed), its body in base64.
    Fetched {
        status: u16,
        content_type: String,
        final_url: String,
        body: String,
    },
    /// Longer than the `max` asked.
    TooLarge,
    /// No answer: the network, or a request the content script does not make.
    Unanswered,
}

/// A copy of the page and its address within their limits (frame mode's reader, the side panel).
pub(super) fn check_copy(url: &str, html: Option<&str>) -> Result<(), ProtocolError> {
    too_long("url", url.len(), MAX_URL)?;
    // `max_chars` counts UTF-16 units, each at most three bytes here.
    let max = MAX_SNAPSHOT_CHARS as usize * 3;
    too_long("html", html.map_or(0, str::len), max)
}

pub(super) fn too_long(field: &'static str, len: usize, max: usize) -> Result<(), ProtocolError> {
    if len > max {
        return Err(ProtocolError::TooLong { field, max });
    }
    Ok(())
}

pub(super) fn too_many(field: &'static str, len: usize, max: usize) -> Result<(), ProtocolError> {
    if len > max {
        return Err(ProtocolError::TooMany { field, max });
    }
    Ok(())
}

impl Bounded for FromReader {
    fn check(&self) -> Result<(), ProtocolError> {
        match self {
            Self::Apply { plan } => {
                too_many("remove", plan.remove.len(), MAX_PLAN)?;
                too_many("add", plan.add.len(), MAX_PLAN)?;
                too_many("update", plan.update.len(), MAX_PLAN)?;
                plan.add.iter().try_for_each(|b| {
                    b.init.person.check()?;
                    b.look.as_ref().map_or(Ok(()), Look::check)
                })
            }
            Self::Show { badge, look, .. } => {
                too_long("badge", badge.0.len(), MAX_PASSED)?;
                look.as_ref().map_or(Ok(()), Look::check)
            }
            Self::Style { css } => too_long("css", css.len(), MAX_PASSED),
            Self::Snapshot { .. } => Ok(()),
        }
    }
}

impl Bounded for ToReader {
    fn check(&self) -> Result<(), ProtocolError> {
        match self {
            Self::Changed { url } => too_long("url", url.len(), MAX_URL),
            Self::Snapshot { url, html } => check_copy(url, html.as_deref()),
        }
    }
}

impl Bounded for FromBadge {
    fn check(&self) -> Result<(), ProtocolError> {
        match self {
            Self::Size { row, all } => {
                let px = row.iter().chain(all).copied().max().unwrap_or(0);
                too_long("size", px as usize, MAX_FRAME_PX as usize)
            }
            Self::PointerIn => Ok(()),
            Self::Ask { ask, .. } => ask.check(),
        }
    }
}

impl Bounded for SiteAsk {
    /// Only `https:` addresses, only the site's own headers.
    fn check(&self) -> Result<(), ProtocolError> {
        let Self::Fetch {
            url, headers, body, ..
        } = self
        else {
            return Ok(());
        };
        too_long("url", url.len(), MAX_URL)?;
        if !url.starts_with("https://") && !url.starts_with('/') {
            return Err(ProtocolError::Malformed);
        }
        if headers
            .iter()
            .any(|(name, _)| !SITE_HEADERS.contains(&name.as_str()))
        {
            return Err(ProtocolError::Malformed);
        }
        too_many("headers", headers.len(), SITE_HEADERS.len())?;
        too_long(
            "body",
            body.as_ref().map_or(0, String::len),
            super::MAX_TEXT,
        )
    }
}

impl Bounded for ToBadge {
    fn check(&self) -> Result<(), ProtocolError> {
        match self {
            Self::Init { init, .. } => init.person.check(),
            Self::Answer { answer, .. } => match answer {
                SiteReply::Fetched { body, .. } => too_long("body", body.len(), MAX_PDF_BASE64),
                SiteReply::Cookies { .. }
                | SiteReply::Sources { .. }
                | SiteReply::TooLarge
                | SiteReply::Unanswered => Ok(()),
            },
            Self::Show { badge: json } | Self::Event { event: json } => {
                too_long("passed", json.0.len(), MAX_PASSED)
            }
            Self::Viewport { .. }
            | Self::Page { .. }
            | Self::PointerLeft
            | Self::Escape
            | Self::PointerOver
            | Self::Focus => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests;
