//! Who may talk to the worker (PRODUCT.md S4): decided from what the browser says of a
//! message's sender (`runtime.MessageSender`), never from the message itself.

use crate::profile::is_site_host;

/// The extension page that stands in for the content script in frame mode.
pub const FRAME_PAGE: &str = "frame.html";
/// The side panel, which stands in for the content script of the tab it shows (PRODUCT.md Q1).
pub const SIDE_PANEL_PAGE: &str = "sidepanel.html";

/// What the browser says of a sender.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SenderFacts {
    /// The sending extension's id.
    pub id: Option<String>,
    /// The sending document's URL.
    pub url: Option<String>,
    /// Whether the sender is in a tab, and the tab's id when it has one.
    pub in_tab: bool,
    pub tab_id: Option<i32>,
    /// The sending frame (0: the tab's top frame).
    pub frame_id: Option<f64>,
}

/// A sender the worker answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sender {
    /// A content script in a top-level page of the site at `url`, in this tab; or one of the
    /// extension's frames that stand in for it on pages whose CSP refuses WebAssembly
    /// (`frame.html`, with the frame's own URL: the page's is not the frame's to tell).
    Content { tab: Option<i32>, url: String },
    /// One of this extension's own pages (popup, options). The side panel is a `Content`
    /// sender without a tab: it does what the content script does, for the tab it shows.
    Page,
}

impl Sender {
    /// The sender, or `None` for anyone else: another extension, a page of another site, a
    /// frame inside a page of the site, our frame page opened outside a tab.
    pub fn classify(facts: &SenderFacts, own_id: &str) -> Option<Self> {
        let id = facts.id.as_deref()?;
        if id != own_id || own_id.is_empty() {
            return None;
        }
        let url = facts.url.clone()?;
        let own = format!("chrome-extension://{id}/");
        if let Some(path) = url.strip_prefix(&own) {
            let page = path.split(['#', '?']).next();
            // The side panel is never in a tab: it acts for the tab it shows, which the browser
            // does not name; the worker answers it by broadcast (`progress.rs`).
            if page == Some(SIDE_PANEL_PAGE) {
                return (!facts.in_tab).then_some(Self::Content { tab: None, url });
            }
            let framed = page == Some(FRAME_PAGE);
            return match (framed, facts.in_tab) {
                (true, true) => Some(Self::Content {
                    tab: facts.tab_id,
                    url,
                }),
                // The frame page opened anywhere but inside a tab of the site is nobody.
                (true, false) => None,
                (false, _) => Some(Self::Page),
            };
        }
        let top_frame = facts.frame_id == Some(0.0);
        let site = url
            .strip_prefix("https://")
            .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or_default())
            .is_some_and(is_site_host);
        (facts.in_tab && top_frame && site).then_some(Self::Content {
            tab: facts.tab_id,
            url,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OURS: &str = "gnkhiiocdompgpmpfknahhechpbajkmk";

    fn facts(url: &str, in_tab: bool, frame_id: f64) -> SenderFacts {
        SenderFacts {
            id: Some(OURS.into()),
            url: Some(url.into()),
            in_tab,
            tab_id: in_tab.then_some(7),
            frame_id: Some(frame_id),
        }
    }

    // proves S4: only our content script in the site's top frames, our frame page in a tab, and
    // our own pages are answered.
    #[test]
    fn only_our_parts_in_their_places_are_answered() {
        let site = "https://www.linkedin.com/in/ada/";
        assert_eq!(
            Sender::classify(&facts(site, true, 0.0), OURS),
            Some(Sender::Content {
                tab: Some(7),
                url: site.into()
            })
        );
        assert_eq!(
            Sender::classify(&facts(site, true, 3.0), OURS),
            None,
            "a sub-frame"
        );
        assert_eq!(
            Sender::classify(&facts(site, false, 0.0), OURS),
            None,
            "no tab"
        );
        for elsewhere in [
            "http://www.linkedin.com/in/ada/",
            "https://www.linkedin.com.evil.example/in/ada/",
            "https://evil.example/?https://www.linkedin.com/",
        ] {
            assert_eq!(
                Sender::classify(&facts(elsewhere, true, 0.0), OURS),
                None,
                "{elsewhere}"
            );
        }
        let frame = format!("chrome-extension://{OURS}/frame.html#p");
        assert!(matches!(
            Sender::classify(&facts(&frame, true, 2.0), OURS),
            Some(Sender::Content { tab: Some(7), .. })
        ));
        assert_eq!(Sender::classify(&facts(&frame, false, 0.0), OURS), None);
        let popup = format!("chrome-extension://{OURS}/popup.html");
        assert_eq!(
            Sender::classify(&facts(&popup, false, 0.0), OURS),
            Some(Sender::Page)
        );
        let panel = format!("chrome-extension://{OURS}/sidepanel.html");
        assert_eq!(
            Sender::classify(&facts(&panel, false, 0.0), OURS),
            Some(Sender::Content {
                tab: None,
                url: panel.clone()
            })
        );
        assert_eq!(
            Sender::classify(&facts(&panel, true, 0.0), OURS),
            None,
            "the side panel's page opened in a tab"
        );
        let other = SenderFacts {
            id: Some("abcdefghijklmnopabcdefghijklmnop".into()),
            ..facts(&popup, false, 0.0)
        };
        assert_eq!(Sender::classify(&other, OURS), None, "another extension");
        assert_eq!(Sender::classify(&SenderFacts::default(), OURS), None);
        assert_eq!(Sender::classify(&facts(&popup, false, 0.0), ""), None);
    }
}
