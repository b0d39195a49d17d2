//! When the page is read again after its DOM changed (issue #20: per 1,000 DOM mutations the
//! reader cost the page 10× what a plain script does, because a page that keeps changing was read
//! again every [`DEBOUNCE_MS`] however little the change had to do with us).
//!
//! While the site is still rendering what we read — for [`RENDERING_MS`] after a page load or a
//! client-side navigation, or while the last reading left something to find (a name not there
//! yet, a page in doubt) — one reading comes [`DEBOUNCE_MS`] after the first change of a burst, as
//! before: the badge is as early as the site allows (P2: the next person's badge replaces the
//! previous one as soon as the site shows them). Once the badges are right, the page's own churn
//! (a feed, a chat, an advert) is rarely news: one reading comes after the page has been quiet for
//! [`DEBOUNCE_MS`], and never later than [`SETTLED_AT_MOST_MS`] after the first change.

use super::DEBOUNCE_MS;

/// How long after a page load or a client-side navigation the site is taken to be rendering.
pub const RENDERING_MS: u32 = 2_000;
/// The longest a change waits for a reading once the badges are right.
pub const SETTLED_AT_MOST_MS: u32 = 1_000;

/// The re-read timing of one page watcher (page mode, frame mode's reader, the side panel).
#[derive(Clone, Debug, Default)]
pub struct ReadPacer {
    /// When the page was loaded or navigated to last.
    arrived_ms: Option<f64>,
    /// The first change since the last reading, while a reading is set.
    first_change_ms: Option<f64>,
}

impl ReadPacer {
    /// The page was loaded, or the site navigated to another URL, at `now_ms`.
    pub fn arrived(&mut self, now_ms: f64) {
        self.arrived_ms = Some(now_ms);
    }

    /// A reading starts (set by [`Self::changed`] or for any other reason): the changes so far
    /// are in it.
    pub fn reading(&mut self) {
        self.first_change_ms = None;
    }

    /// The page's DOM changed at `now_ms`; `settled`: the last reading found the badges right
    /// ([`super::ShownBadges::settled`]). In how many ms to read, replacing the reading already
    /// set; `None`: keep the one set.
    pub fn changed(&mut self, now_ms: f64, settled: bool) -> Option<u32> {
        let fast = !settled
            || self
                .arrived_ms
                .is_none_or(|at| now_ms - at < f64::from(RENDERING_MS));
        if fast {
            if self.first_change_ms.is_some() {
                return None;
            }
            self.first_change_ms = Some(now_ms);
            return Some(DEBOUNCE_MS);
        }
        let first = *self.first_change_ms.get_or_insert(now_ms);
        let left = f64::from(SETTLED_AT_MOST_MS) - (now_ms - first);
        // In 0..=DEBOUNCE_MS, so the cast keeps it.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Some(left.min(f64::from(DEBOUNCE_MS)).max(0.0) as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The readings a page gets from changes at `changes` (ms), arrived at 0, settled or not:
    /// the times the readings happen.
    fn readings(changes: &[f64], settled: bool) -> Vec<f64> {
        let mut pacer = ReadPacer::default();
        pacer.arrived(0.0);
        let mut due: Option<f64> = None;
        let mut done = Vec::new();
        for &at in changes {
            if let Some(when) = due.filter(|when| *when <= at) {
                pacer.reading();
                done.push(when);
                due = None;
            }
            if let Some(wait) = pacer.changed(at, settled) {
                due = Some(at + f64::from(wait));
            }
        }
        done.extend(due);
        done
    }

    /// The bench's churn: ten bursts 50 ms apart.
    fn bursts(from: f64) -> Vec<f64> {
        (0..10).map(|i| from + f64::from(i) * 50.0).collect()
    }

    #[test]
    fn while_the_site_renders_the_first_change_of_a_burst_is_read_after_the_debounce() {
        assert_eq!(
            readings(&bursts(100.0), true),
            vec![220.0, 370.0, 520.0, 670.0]
        );
        assert_eq!(readings(&[100.0, 150.0], false), vec![220.0]);
    }

    #[test]
    fn a_page_still_in_doubt_is_read_as_fast_as_while_it_renders() {
        assert_eq!(
            readings(&bursts(10_000.0), false),
            vec![10_120.0, 10_270.0, 10_420.0, 10_570.0]
        );
    }

    #[test]
    fn once_settled_a_churning_page_is_read_once_it_is_quiet() {
        // Ten bursts 50 ms apart: one reading, 120 ms after the last.
        assert_eq!(readings(&bursts(10_000.0), true), vec![10_570.0]);
    }

    #[test]
    fn once_settled_a_change_never_waits_more_than_the_cap() {
        // A change every 100 ms for 3 s: a reading at least every second.
        let changes: Vec<f64> = (0..30).map(|i| 10_000.0 + f64::from(i) * 100.0).collect();
        let done = readings(&changes, true);
        assert_eq!(done.first(), Some(&11_000.0));
        let mut last_change_read = 10_000.0;
        for when in &done {
            assert!(
                when - last_change_read <= f64::from(SETTLED_AT_MOST_MS),
                "{done:?}"
            );
            last_change_read = *when;
        }
        assert!(done.len() >= 3, "{done:?}");
    }

    #[test]
    fn a_navigation_makes_the_pacer_fast_again() {
        let mut pacer = ReadPacer::default();
        pacer.arrived(0.0);
        assert_eq!(pacer.changed(5_000.0, true), Some(DEBOUNCE_MS));
        assert_eq!(pacer.changed(5_050.0, true), Some(DEBOUNCE_MS));
        pacer.reading();
        pacer.arrived(6_000.0);
        assert_eq!(pacer.changed(6_010.0, true), Some(DEBOUNCE_MS));
        assert_eq!(pacer.changed(6_050.0, true), None);
    }

    #[test]
    fn a_page_not_known_to_have_loaded_is_taken_as_rendering() {
        let mut pacer = ReadPacer::default();
        assert_eq!(pacer.changed(50_000.0, true), Some(DEBOUNCE_MS));
        assert_eq!(pacer.changed(50_060.0, true), None);
    }
}
