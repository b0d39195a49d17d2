//! The failure switch for profile PDF downloads, so end-to-end tests can make the site
//! misbehave the ways the real one does: a log-in page instead of the PDF, a server error,
//! or a slow answer. Set at start (`--pdf-mode`) or live (`POST /_test/pdf-mode`).

use serde::{Deserialize, Serialize};
use std::sync::Mutex;

/// The slow mode's delay when none is given.
pub const DEFAULT_DELAY_MS: u64 = 5_000;
/// Longer than any test should wait; keeps a typo from hanging a run for hours.
pub const MAX_DELAY_MS: u64 = 120_000;

/// How `GET /dms/prv/document/…` answers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PdfMode {
    /// The PDF.
    #[default]
    Normal,
    /// 200 `text/html`: the log-in page (a session the PDF service no longer accepts).
    HtmlLogin,
    /// 500.
    ServerError,
    /// The PDF, after `delay_ms`.
    Slow,
}

impl std::str::FromStr for PdfMode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "normal" => Ok(Self::Normal),
            "html_login" => Ok(Self::HtmlLogin),
            "server_error" => Ok(Self::ServerError),
            "slow" => Ok(Self::Slow),
            other => Err(format!(
                "unknown PDF mode {other:?} (expected normal, html_login, server_error or slow)"
            )),
        }
    }
}

/// The mode and the slow mode's delay; also the JSON of `/_test/pdf-mode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PdfBehaviour {
    pub mode: PdfMode,
    pub delay_ms: u64,
}

impl Default for PdfBehaviour {
    fn default() -> Self {
        Self {
            mode: PdfMode::Normal,
            delay_ms: DEFAULT_DELAY_MS,
        }
    }
}

/// What `POST /_test/pdf-mode` accepts: `delay_ms` is optional.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PdfModeRequest {
    pub mode: PdfMode,
    #[serde(default)]
    pub delay_ms: Option<u64>,
}

/// The live switch; `reset` goes back to what the site started with.
#[derive(Debug)]
pub struct PdfSwitch {
    start: PdfBehaviour,
    now: Mutex<PdfBehaviour>,
}

impl PdfSwitch {
    pub fn new(start: PdfBehaviour) -> Self {
        Self {
            start,
            now: Mutex::new(start),
        }
    }

    pub fn get(&self) -> PdfBehaviour {
        *self.now.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Applies a request; the delay is kept when the request names none, and capped.
    pub fn set(&self, request: PdfModeRequest) -> PdfBehaviour {
        let mut now = self.now.lock().unwrap_or_else(|e| e.into_inner());
        *now = PdfBehaviour {
            mode: request.mode,
            delay_ms: request.delay_ms.unwrap_or(now.delay_ms).min(MAX_DELAY_MS),
        };
        *now
    }

    pub fn reset(&self) {
        *self.now.lock().unwrap_or_else(|e| e.into_inner()) = self.start;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_parse_from_the_cli_and_json_names() {
        assert_eq!("html_login".parse::<PdfMode>(), Ok(PdfMode::HtmlLogin));
        assert!("broken".parse::<PdfMode>().is_err());
        let request: PdfModeRequest =
            serde_json::from_str(r#"{"mode": "slow", "delay_ms": 250}"#).unwrap();
        assert_eq!(request.mode, PdfMode::Slow);
        assert!(serde_json::from_str::<PdfModeRequest>(r#"{"mode": "slow", "x": 1}"#).is_err());
    }

    #[test]
    fn the_switch_keeps_the_delay_caps_it_and_resets_to_the_start() {
        let switch = PdfSwitch::new(PdfBehaviour {
            mode: PdfMode::ServerError,
            delay_ms: 100,
        });
        let slow = switch.set(PdfModeRequest {
            mode: PdfMode::Slow,
            delay_ms: None,
        });
        assert_eq!(slow.delay_ms, 100);
        let capped = switch.set(PdfModeRequest {
            mode: PdfMode::Slow,
            delay_ms: Some(u64::MAX),
        });
        assert_eq!(capped.delay_ms, MAX_DELAY_MS);
        switch.reset();
        assert_eq!(switch.get().mode, PdfMode::ServerError);
    }
}
