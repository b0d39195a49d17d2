//! The side panel's messages (PRODUCT.md Q1, Q2): between the side panel and the content script
//! of the tab it shows (`panel.js`, plain JavaScript, so that a page left untouched runs no
//! WebAssembly at all), over a `chrome.tabs` port the panel opens. The same copies and site
//! requests as frame mode's (`frame.rs`), and one more thing: scroll the page to a person.
//!
//! No envelope, as in frame mode: a port joins two scripts of one build. Each message is still
//! parsed with unknown fields refused and checked against its limits.

use super::Bounded;
use super::ProtocolError;
use super::frame::{
    MAX_SNAPSHOT_CHARS, MAX_URL, SiteAsk, SiteReply, check_copy, too_long, too_many,
};
use serde::{Deserialize, Serialize};

/// The deepest element path the panel asks to scroll to.
pub const MAX_PATH: usize = 512;

/// The side panel → `panel.js`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum FromPanel {
    /// Send a copy of the page now ([`ToPanel::Snapshot`]).
    Snapshot { max_chars: u32 },
    /// Ask the site, with the page's session; answered by [`ToPanel::Answer`] with the same `re`.
    Ask { re: u32, ask: SiteAsk },
    /// Scroll the page so that the element at `path` in the last copy is in view.
    ScrollTo { path: Vec<u32> },
}

/// `panel.js` → the side panel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ToPanel {
    /// The page changed since the last copy (its markup, or its address: `url`); said once per
    /// copy, and once when the port opens.
    Changed {
        url: String,
    },
    /// The copy asked for, as frame mode's reader gets it.
    Snapshot {
        url: String,
        html: Option<String>,
    },
    Answer {
        re: u32,
        answer: SiteReply,
    },
}

impl FromPanel {
    /// A copy of the page, as large as frame mode's reader takes.
    pub fn snapshot() -> Self {
        Self::Snapshot {
            max_chars: MAX_SNAPSHOT_CHARS,
        }
    }
}

impl Bounded for FromPanel {
    fn check(&self) -> Result<(), ProtocolError> {
        match self {
            Self::Snapshot { .. } => Ok(()),
            Self::Ask { ask, .. } => ask.check(),
            Self::ScrollTo { path } => too_many("path", path.len(), MAX_PATH),
        }
    }
}

impl Bounded for ToPanel {
    fn check(&self) -> Result<(), ProtocolError> {
        match self {
            Self::Changed { url } => too_long("url", url.len(), MAX_URL),
            Self::Snapshot { url, html } => check_copy(url, html.as_deref()),
            Self::Answer { answer, .. } => match answer {
                SiteReply::Fetched { body, .. } => {
                    too_long("body", body.len(), super::MAX_PDF_BASE64)
                }
                _ => Ok(()),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    /// `panel.js` and the helpers it shares with frame mode.
    const PANEL_JS: &str = concat!(
        include_str!("../../extension/js/panel.js"),
        include_str!("../../extension/js/page_io.js")
    );

    /// The `type` names `panel.js` writes (`type: '…'`) and reads (`type === '…'`).
    fn names(marker: &str) -> Vec<String> {
        let mut found: Vec<String> = PANEL_JS
            .match_indices(marker)
            .filter_map(|(at, m)| PANEL_JS.get(at + m.len()..))
            .filter_map(|rest| rest.split('\'').next())
            .map(str::to_string)
            .collect();
        found.sort();
        found.dedup();
        found
    }

    fn type_of<T: Serialize>(msg: &T) -> String {
        serde_json::to_value(msg).unwrap()["type"]
            .as_str()
            .unwrap()
            .to_string()
    }

    // `panel.js` reads every message the panel sends and writes only what the panel reads: a
    // name changed on one side alone fails here, not in a browser.
    #[test]
    fn panel_js_speaks_the_protocol() {
        let mut sent = vec![
            type_of(&FromPanel::snapshot()),
            type_of(&FromPanel::Ask {
                re: 1,
                ask: SiteAsk::Cookies,
            }),
            type_of(&FromPanel::ScrollTo { path: vec![1] }),
        ];
        sent.sort();
        assert_eq!(names("msg.type === '"), sent, "what panel.js reads");
        let mut heard = vec![
            type_of(&ToPanel::Changed { url: "u".into() }),
            type_of(&ToPanel::Snapshot {
                url: "u".into(),
                html: None,
            }),
            type_of(&ToPanel::Answer {
                re: 1,
                answer: SiteReply::Unanswered,
            }),
        ];
        heard.sort();
        assert_eq!(names("{ type: '"), heard, "what panel.js writes");
    }

    // What panel.js sends parses, field for field; anything more is refused.
    #[test]
    fn the_tab_side_messages_parse_and_nothing_more() {
        let parse = |v: Value| {
            serde_json::from_value::<ToPanel>(v)
                .ok()
                .filter(|m| m.check().is_ok())
        };
        assert!(parse(json!({"type": "changed", "url": "https://x/"})).is_some());
        assert!(parse(json!({"type": "snapshot", "url": "https://x/", "html": null})).is_some());
        assert!(
            parse(json!({"type": "snapshot", "url": "https://x/", "html": "", "told": false}))
                .is_none()
        );
        assert!(parse(json!({"type": "changed", "url": "x".repeat(MAX_URL + 1)})).is_none());
        let deep = FromPanel::ScrollTo {
            path: vec![0; MAX_PATH + 1],
        };
        assert!(deep.check().is_err());
    }
}
