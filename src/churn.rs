//! The page cannot use us to query the CRM (PRODUCT.md S5): a tab whose page shows more distinct
//! people than a person could look at in a short time gets no more lookups for a while. Outside
//! people-search results that is more than 20 in 10 s; on them, where a page of ten and "show
//! more" are normal, more than 100. The worker keeps one guard per tab.

/// The window in which distinct people are counted.
pub const WINDOW_MS: f64 = 10_000.0;
/// More distinct people than this in the window, outside search results, is not a person
/// browsing.
pub const MAX_PEOPLE: usize = 20;
/// The same on people-search results (ten cards a page, batches appended as one scrolls).
pub const MAX_SEARCH_PEOPLE: usize = 100;
/// How long a tab that went over gets no lookups.
pub const PAUSE_MS: f64 = 60_000.0;

/// What to do with a lookup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Allow,
    /// Refuse it; `first` is the first refusal of this pause (record it for the self-check).
    Throttle {
        first: bool,
    },
}

/// One tab's recent people.
#[derive(Clone, Debug, Default)]
pub struct ChurnGuard {
    /// Everyone looked up in the window, with whether it was outside search results.
    seen: Vec<Seen>,
    paused_until: Option<f64>,
}

#[derive(Clone, Debug)]
struct Seen {
    at: f64,
    person: String,
    outside_search: bool,
}

impl ChurnGuard {
    /// A lookup of `people` (their keys) at `now_ms`, on a search results page or not.
    pub fn check(&mut self, now_ms: f64, search_page: bool, people: &[String]) -> Verdict {
        if let Some(until) = self.paused_until {
            if now_ms < until {
                return Verdict::Throttle { first: false };
            }
            self.paused_until = None;
            self.seen.clear();
        }
        self.seen
            .retain(|seen| now_ms - seen.at < WINDOW_MS && seen.at <= now_ms);
        for person in people {
            match self.seen.iter_mut().find(|seen| &seen.person == person) {
                Some(seen) => seen.outside_search |= !search_page,
                None => self.seen.push(Seen {
                    at: now_ms,
                    person: person.clone(),
                    outside_search: !search_page,
                }),
            }
        }
        // Outside search results only the people looked up there count: a recruiter who read a
        // page of results and opens one of them is one person, not twenty-six.
        let outside = self.seen.iter().filter(|seen| seen.outside_search).count();
        if outside > MAX_PEOPLE || self.seen.len() > MAX_SEARCH_PEOPLE {
            self.paused_until = Some(now_ms + PAUSE_MS);
            return Verdict::Throttle { first: true };
        }
        Verdict::Allow
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(i: usize) -> Vec<String> {
        vec![format!("p{i}")]
    }

    #[test]
    fn a_person_browsing_profiles_is_never_throttled() {
        let mut guard = ChurnGuard::default();
        // One profile every 2 s for ten minutes.
        for i in 0..300 {
            assert_eq!(
                guard.check(i as f64 * 2_000.0, false, &person(i)),
                Verdict::Allow
            );
        }
        // The same person again and again costs nothing.
        for i in 0..100 {
            assert_eq!(
                guard.check(600_000.0 + i as f64, false, &person(1)),
                Verdict::Allow
            );
        }
    }

    #[test]
    fn a_page_churning_through_people_is_paused_then_forgiven() {
        let mut guard = ChurnGuard::default();
        for i in 0..MAX_PEOPLE {
            assert_eq!(
                guard.check(i as f64 * 100.0, false, &person(i)),
                Verdict::Allow
            );
        }
        assert_eq!(
            guard.check(2_500.0, false, &person(99)),
            Verdict::Throttle { first: true }
        );
        // Paused: even one known person gets nothing, and the pause is recorded once.
        assert_eq!(
            guard.check(3_000.0, false, &person(1)),
            Verdict::Throttle { first: false }
        );
        assert_eq!(
            guard.check(3_000.0, true, &person(1)),
            Verdict::Throttle { first: false }
        );
        assert_eq!(
            guard.check(2_500.0 + PAUSE_MS, false, &person(1)),
            Verdict::Allow
        );
    }

    #[test]
    fn a_profile_opened_from_a_page_of_results_is_allowed() {
        let mut guard = ChurnGuard::default();
        let page: Vec<String> = (0..25).map(|i| format!("p{i}")).collect();
        assert_eq!(guard.check(0.0, true, &page), Verdict::Allow);
        // One of them, then two others, opened from the results in the same tab.
        assert_eq!(guard.check(2_000.0, false, &person(3)), Verdict::Allow);
        assert_eq!(guard.check(4_000.0, false, &person(99)), Verdict::Allow);
        assert_eq!(guard.check(5_000.0, true, &page), Verdict::Allow);
    }

    #[test]
    fn search_pages_and_batches_of_many_at_once() {
        let mut guard = ChurnGuard::default();
        let page: Vec<String> = (0..25).map(|i| format!("p{i}")).collect();
        assert_eq!(guard.check(0.0, true, &page), Verdict::Allow);
        assert_eq!(guard.check(100.0, true, &page), Verdict::Allow);
        // Four more pages of 25 people within the window: not a person reading them.
        for batch in 1..4 {
            let next: Vec<String> = (0..25).map(|i| format!("q{batch}-{i}")).collect();
            assert_eq!(
                guard.check(200.0 * batch as f64, true, &next),
                Verdict::Allow
            );
        }
        let more: Vec<String> = (0..25).map(|i| format!("r{i}")).collect();
        assert_eq!(
            guard.check(1_000.0, true, &more),
            Verdict::Throttle { first: true }
        );
        // Outside search results, 25 at once is already too many.
        assert_eq!(
            ChurnGuard::default().check(0.0, false, &page),
            Verdict::Throttle { first: true }
        );
    }
}
