//! When the page is read again after its DOM changed (issue #20: per 1,000 DOM mutations the
//! reader cost the page 10× what a plain script does, because a page that keeps changing was read
//! again every [`DEBOUNCE_MS`] however little the change had to do with us).
//!
//! While the site is still rendering what we read — for [`RENDERING_MS`] after a page load or a
//! client-side navigation, or while the last reading left something to find (a name not there
//! yet, a page in doubt) — one reading comes [`DEBOUNCE_MS`] after the first change of a burst, as
//! before: the badge is as early as the site allows (P2: the next person's badge replaces the
//! previous one as soon as the site shows them). Once the badges are right, the page's own churn
//! (a feed, a chat, an advert) is rarely news: the page is looked at once it has been quiet for
//! [`DEBOUNCE_MS`], and never later than [`SETTLED_AT_MOST_MS`] after the first change; it is read
//! again only when that look ([`Glance`]) differs from the look at the last reading.
//!
//! One timer per burst: a change while a reading is set only notes its time ([`ReadPacer::changed`]
//! says `None`), and the timer, when it fires, asks [`ReadPacer::due`] whether to wait on.

use super::DEBOUNCE_MS;

/// How long after a page load or a client-side navigation the site is taken to be rendering.
pub const RENDERING_MS: u32 = 2_000;
/// The longest a change waits for a reading once the badges are right.
pub const SETTLED_AT_MOST_MS: u32 = 1_000;
/// What a [`Glance`] counts: links to people's profiles, the ones a search page's results and a
/// profile's name are found by.
pub use crate::site::search_page::PROFILE_LINKS as GLANCE_LINKS;

/// What a settled page is looked at for before it is read again (page mode, where a reading costs
/// the page's main thread a few ms and a look a few µs): the page's address, how many links to
/// people it holds ([`GLANCE_LINKS`]: a result, a person or the top card more or less), and for
/// each badge whether it is still in the page beside its name element, and that element's text.
/// A change that leaves all of it as it was is the site's own churn beside the people we show.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Glance {
    pub url: String,
    pub people_links: u32,
    /// Per badge, in the order shown: in place, and the text of the element it is beside.
    pub badges: Vec<(bool, String)>,
}

/// What a reading timer is to do when it fires.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
    /// Read the page now.
    Read,
    /// The page is settled and quiet: take a [`Glance`] and read only if
    /// [`ReadPacer::worth_reading`] says so.
    Look,
    /// The page changed since: set the timer again, for this many ms.
    Wait(u32),
}

/// The re-read timing of one page watcher (page mode, frame mode's reader, the side panel).
#[derive(Clone, Debug, Default)]
pub struct ReadPacer {
    /// When the page was loaded or navigated to last.
    arrived_ms: Option<f64>,
    /// The first change since the last reading, while a reading is set.
    first_change_ms: Option<f64>,
    /// The last change since the last reading.
    last_change_ms: Option<f64>,
    /// A change since the last reading came while the site was taken to be rendering.
    fast: bool,
    /// The page as it looked at the last reading (page mode).
    read_as: Option<Glance>,
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
        self.last_change_ms = None;
        self.fast = false;
    }

    /// The reading that just ended found the page looking like `glance` (page mode).
    pub fn read_as(&mut self, glance: Glance) {
        self.read_as = Some(glance);
    }

    /// Whether a change at `now_ms` is read as fast as the site renders: the page was loaded or
    /// navigated to less than [`RENDERING_MS`] ago, or its last reading was not `settled`
    /// ([`super::ShownBadges::settled`]).
    pub fn is_fast(&self, now_ms: f64, settled: bool) -> bool {
        !settled
            || self
                .arrived_ms
                .is_none_or(|at| now_ms - at < f64::from(RENDERING_MS))
    }

    /// The page's DOM changed at `now_ms`; `settled`: the last reading found the badges right.
    /// In how many ms to fire a reading timer; `None`: one is set (it asks [`Self::due`]).
    pub fn changed(&mut self, now_ms: f64, settled: bool) -> Option<u32> {
        self.fast |= self.is_fast(now_ms, settled);
        self.last_change_ms = Some(now_ms);
        if self.first_change_ms.is_some() {
            return None;
        }
        self.first_change_ms = Some(now_ms);
        Some(DEBOUNCE_MS)
    }

    /// A reading timer fired at `now_ms`.
    pub fn due(&self, now_ms: f64) -> Due {
        let (Some(first), Some(last)) = (self.first_change_ms, self.last_change_ms) else {
            return Due::Read;
        };
        if self.fast {
            return Due::Read;
        }
        let quiet = last + f64::from(DEBOUNCE_MS);
        let at_most = first + f64::from(SETTLED_AT_MOST_MS);
        let at = quiet.min(at_most);
        if now_ms >= at {
            return Due::Look;
        }
        // In 1..=DEBOUNCE_MS, so the cast keeps it.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Due::Wait((at - now_ms).ceil().max(1.0) as u32)
    }

    /// After [`Due::Look`]: whether the page, looking like `now`, is to be read. When it looks
    /// as it did at the last reading it is not, and the changes so far count as seen.
    pub fn worth_reading(&mut self, now: &Glance) -> bool {
        let worth = self.read_as.as_ref() != Some(now);
        if !worth {
            self.reading();
        }
        worth
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page as the last reading found it: one badge beside "Ada", three people links.
    fn ada() -> Glance {
        Glance {
            url: "https://www.linkedin.com/in/ada/".into(),
            people_links: 3,
            badges: vec![(true, "Ada".into())],
        }
    }

    /// Fires the timer set for up to `until`, as a page watcher does; `looks`: the page's look at
    /// a time. Pushes the times the page is read at.
    fn fire(
        pacer: &mut ReadPacer,
        timer: &mut Option<f64>,
        until: f64,
        looks: &dyn Fn(f64) -> Glance,
        done: &mut Vec<f64>,
    ) {
        while let Some(at) = timer.filter(|at| *at <= until) {
            *timer = None;
            match pacer.due(at) {
                Due::Read => {
                    pacer.reading();
                    pacer.read_as(looks(at));
                    done.push(at);
                }
                Due::Look => {
                    if pacer.worth_reading(&looks(at)) {
                        pacer.reading();
                        pacer.read_as(looks(at));
                        done.push(at);
                    }
                }
                Due::Wait(ms) => *timer = Some(at + f64::from(ms)),
            }
        }
    }

    /// The readings a page gets from changes at `changes` (ms), arrived at 0 and read then,
    /// settled or not, looking at each moment as `looks` says: the times it is read at.
    fn readings_looking(changes: &[f64], settled: bool, looks: &dyn Fn(f64) -> Glance) -> Vec<f64> {
        let mut pacer = ReadPacer::default();
        pacer.arrived(0.0);
        pacer.read_as(looks(0.0));
        let mut timer = None;
        let mut done = Vec::new();
        for &at in changes {
            fire(&mut pacer, &mut timer, at, looks, &mut done);
            if let Some(wait) = pacer.changed(at, settled) {
                assert!(timer.is_none(), "a second timer at {at}");
                timer = Some(at + f64::from(wait));
            }
        }
        fire(&mut pacer, &mut timer, f64::INFINITY, looks, &mut done);
        done
    }

    /// The same, for a page whose every change is news (it never looks the same twice).
    fn readings(changes: &[f64], settled: bool) -> Vec<f64> {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        readings_looking(changes, settled, &|at| Glance {
            people_links: at as u32,
            ..ada()
        })
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
        // Read whatever the page looks like: the site is still rendering what we read.
        assert_eq!(
            readings_looking(&bursts(100.0), true, &|_| ada()),
            vec![220.0, 370.0, 520.0, 670.0]
        );
    }

    #[test]
    fn a_page_still_in_doubt_is_read_as_fast_as_while_it_renders() {
        assert_eq!(
            readings(&bursts(10_000.0), false),
            vec![10_120.0, 10_270.0, 10_420.0, 10_570.0]
        );
        assert_eq!(
            readings_looking(&bursts(10_000.0), false, &|_| ada()),
            vec![10_120.0, 10_270.0, 10_420.0, 10_570.0]
        );
    }

    #[test]
    fn once_settled_a_churning_page_is_looked_at_once_it_is_quiet() {
        // Ten bursts 50 ms apart: one look, 120 ms after the last; a reading if it differs.
        assert_eq!(readings(&bursts(10_000.0), true), vec![10_570.0]);
        assert_eq!(
            readings_looking(&bursts(10_000.0), true, &|_| ada()),
            Vec::<f64>::new(),
            "the site's churn beside the people shown is not read"
        );
    }

    #[test]
    fn once_settled_any_difference_in_the_look_is_read() {
        let differs: [&dyn Fn(f64) -> Glance; 4] = [
            &|at| Glance {
                url: format!("https://www.linkedin.com/in/ada/?at={at}"),
                ..ada()
            },
            &|_| Glance {
                people_links: 4,
                ..ada()
            },
            &|_| Glance {
                badges: vec![(false, "Ada".into())],
                ..ada()
            },
            &|_| Glance {
                badges: vec![(true, "Alan".into())],
                ..ada()
            },
        ];
        for looks in differs {
            let seen = std::cell::Cell::new(false);
            // The page looks as read until the burst, then different.
            let looks = |at: f64| {
                if at > 5_000.0 {
                    seen.set(true);
                    looks(at)
                } else {
                    ada()
                }
            };
            assert_eq!(
                readings_looking(&bursts(10_000.0), true, &looks),
                vec![10_570.0]
            );
            assert!(seen.get());
        }
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
    fn one_timer_per_burst() {
        let mut pacer = ReadPacer::default();
        pacer.arrived(0.0);
        assert_eq!(pacer.changed(5_000.0, true), Some(DEBOUNCE_MS));
        for at in [5_010.0, 5_020.0, 5_050.0] {
            assert_eq!(pacer.changed(at, true), None);
        }
        assert_eq!(pacer.due(5_120.0), Due::Wait(50));
        assert_eq!(pacer.due(5_170.0), Due::Look);
    }

    #[test]
    fn a_change_while_rendering_makes_the_set_reading_fast() {
        let mut pacer = ReadPacer::default();
        pacer.arrived(0.0);
        assert_eq!(pacer.changed(5_000.0, true), Some(DEBOUNCE_MS));
        assert_eq!(pacer.due(5_120.0), Due::Look);
        assert!(pacer.worth_reading(&ada()), "nothing read yet");
        pacer.reading();
        pacer.read_as(ada());
        assert_eq!(pacer.changed(6_000.0, true), Some(DEBOUNCE_MS));
        // The site navigated; the change after it comes while a settled reading is set.
        pacer.arrived(6_050.0);
        assert_eq!(pacer.changed(6_060.0, true), None);
        assert_eq!(pacer.due(6_120.0), Due::Read);
    }

    #[test]
    fn a_look_like_the_last_reading_counts_the_changes_as_seen() {
        let mut pacer = ReadPacer::default();
        pacer.arrived(0.0);
        pacer.read_as(ada());
        assert_eq!(pacer.changed(5_000.0, true), Some(DEBOUNCE_MS));
        assert_eq!(pacer.due(5_120.0), Due::Look);
        assert!(!pacer.worth_reading(&ada()));
        // The next change sets a timer of its own.
        assert_eq!(pacer.changed(6_000.0, true), Some(DEBOUNCE_MS));
    }

    #[test]
    fn a_navigation_makes_the_pacer_fast_again() {
        let mut pacer = ReadPacer::default();
        pacer.arrived(0.0);
        assert_eq!(pacer.changed(5_000.0, true), Some(DEBOUNCE_MS));
        assert_eq!(pacer.changed(5_050.0, true), None);
        pacer.reading();
        pacer.arrived(6_000.0);
        assert_eq!(pacer.changed(6_010.0, true), Some(DEBOUNCE_MS));
        assert_eq!(pacer.changed(6_050.0, true), None);
        assert_eq!(pacer.due(6_130.0), Due::Read);
    }

    #[test]
    fn a_page_not_known_to_have_loaded_is_taken_as_rendering() {
        let mut pacer = ReadPacer::default();
        assert!(pacer.is_fast(50_000.0, true));
        assert_eq!(pacer.changed(50_000.0, true), Some(DEBOUNCE_MS));
        assert_eq!(pacer.changed(50_060.0, true), None);
        assert_eq!(pacer.due(50_120.0), Due::Read);
    }

    #[test]
    fn a_timer_with_no_change_noted_reads() {
        assert_eq!(ReadPacer::default().due(1.0), Due::Read);
    }
}
