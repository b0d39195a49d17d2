//! The side panel's list of the people on the active tab's page (PRODUCT.md Q1, Q2): read from
//! copies of the page, kept by the same badge rules as the page's badges (`badge_plan`), one row
//! per badge the rules would show, in page order, with the state the CRM gave it; and the
//! recruiter's filter over them. The panel inserts nothing into the page: a row knows where its
//! person is in the copy (`path`) only so that the tab can scroll there on request.

use crate::badge_plan::{BadgeId, BadgeKind, BadgePlan, PageNow};
use crate::profile::ProfileKey;
use crate::protocol::{BadgeState, PageFacts, PersonQuery};
use serde::{Deserialize, Serialize};

/// Where a person's name is in the copy of the page that was read, and who they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spot {
    /// Element-child indexes from `<html>` down to the name.
    pub path: Vec<u32>,
    /// The person whose name it is (`None` for the page's main heading).
    pub key: Option<ProfileKey>,
}

/// The recruiter's filter over a search page's people.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Filter {
    #[default]
    All,
    /// Nobody in the CRM answers to them: who is still to be exported.
    NotInCrm,
    /// In the CRM and up to date; several matching records count here too (each is in it).
    InCrm,
    /// In the CRM, but the page says more than the record.
    OutOfDate,
}

impl Filter {
    pub const ALL: [Self; 4] = [Self::All, Self::NotInCrm, Self::InCrm, Self::OutOfDate];

    /// Whether a row in `state` shows under this filter. A row still checking (or in error)
    /// shows only under All: it is not known to be anything yet.
    pub fn shows(self, state: BadgeState) -> bool {
        match self {
            Self::All => true,
            Self::NotInCrm => state == BadgeState::NotInCrm,
            Self::InCrm => matches!(state, BadgeState::InCrm | BadgeState::Multiple),
            Self::OutOfDate => state == BadgeState::OutOfDate,
        }
    }

    /// The filter's message name in `_locales`.
    pub fn message(self) -> &'static str {
        match self {
            Self::All => "panelFilterAll",
            Self::NotInCrm => "panelFilterNotInCrm",
            Self::InCrm => "panelFilterInCrm",
            Self::OutOfDate => "panelFilterOutOfDate",
        }
    }
}

/// One person the page shows, as the panel lists them.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: BadgeId,
    pub kind: BadgeKind,
    pub person: PersonQuery,
    pub page: PageFacts,
    /// Where the name was in the last copy read (for scrolling the tab there).
    pub path: Vec<u32>,
    /// What the CRM said, `Checking` until it answers.
    pub state: BadgeState,
}

/// The people of the page the panel shows, in page order.
#[derive(Clone, Debug, Default)]
pub struct PanelRows {
    rows: Vec<Row>,
    /// The main heading of the copy being read (where "Can't read" goes).
    heading: Option<Spot>,
}

impl PageNow<Spot> for PanelRows {
    /// The panel never loses a row by itself: a row goes when the rules take it out.
    fn holds(&self, id: BadgeId) -> bool {
        self.rows.iter().any(|r| r.id == id)
    }

    /// The row of the person named at `anchor`: in a new copy every element is new, so the
    /// panel knows a person again by who they are.
    fn beside(&self, anchor: &Spot) -> Option<BadgeId> {
        let key = anchor.key.as_ref()?;
        self.rows
            .iter()
            .find(|r| r.kind != BadgeKind::Unreadable && r.person.key.as_ref() == Some(key))
            .map(|r| r.id)
    }

    fn main_heading(&self) -> Option<Spot> {
        self.heading.clone()
    }
}

impl PanelRows {
    /// Before planning a new copy: its main heading.
    pub fn reading(&mut self, heading: Option<Vec<u32>>) {
        self.heading = heading.map(|path| Spot { path, key: None });
    }

    /// Carries out the rules' plan for the copy just read; `order` is the copy's people in
    /// page order, which the rows take (rows kept from earlier copies move to where their
    /// person is now; a person no longer on the page was taken out by the plan).
    pub fn apply(&mut self, plan: &BadgePlan<Spot>, order: &[ProfileKey]) {
        self.rows.retain(|r| !plan.remove.contains(&r.id));
        for (id, page) in &plan.update {
            if let Some(row) = self.rows.iter_mut().find(|r| r.id == *id) {
                row.page = *page;
            }
        }
        for badge in &plan.add {
            self.rows.push(Row {
                id: badge.id,
                kind: badge.kind,
                person: badge.person.clone(),
                page: badge.page,
                path: badge.anchor.path.clone(),
                state: badge.kind.first_state(),
            });
        }
        let place = |r: &Row| {
            r.person
                .key
                .as_ref()
                .and_then(|k| order.iter().position(|o| o == k))
                .unwrap_or(usize::MAX)
        };
        self.rows.sort_by_key(place);
    }

    /// The copy just read puts `key`'s name at `path` (kept rows follow their person).
    pub fn moved(&mut self, key: &ProfileKey, path: &[u32]) {
        for row in &mut self.rows {
            if row.person.key.as_ref() == Some(key) {
                row.path = path.to_vec();
            }
        }
    }

    /// The CRM's answer for row `id`; `false` when the row is gone (the answer is dropped: it
    /// was for a person no longer shown).
    pub fn show(&mut self, id: BadgeId, state: BadgeState) -> bool {
        match self.rows.iter_mut().find(|r| r.id == id) {
            Some(row) => {
                row.state = state;
                true
            }
            None => false,
        }
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The rows `filter` shows, in page order.
    pub fn shown(&self, filter: Filter) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(move |r| filter.shows(r.state))
    }

    /// How many rows each filter shows, in [`Filter::ALL`]'s order.
    pub fn counts(&self) -> [usize; 4] {
        Filter::ALL.map(|f| self.shown(f).count())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::badge_plan::{SearchBadges, ShownBadges};
    use crate::profile::{Profile, Visibility};
    use crate::site::PageRead;
    use crate::site::search_page::{SearchCard, SearchResults};

    const SEARCH: &str = "https://www.linkedin.com/search/results/people/?keywords=x";

    fn key(id: &str) -> ProfileKey {
        ProfileKey::from_url(&format!("https://www.linkedin.com/in/{id}/")).unwrap()
    }

    fn profile(id: &str) -> Profile {
        Profile {
            key: key(id),
            visibility: Visibility::Public,
            own: false,
            facts: Default::default(),
            pdf_offered: true,
        }
    }

    /// A search page listing `ids`, each name at its own element.
    fn search(ids: &[&str]) -> PageRead<u32> {
        PageRead::Search(SearchResults {
            cards: ids
                .iter()
                .zip(0u32..)
                .map(|(id, at)| SearchCard {
                    profile: profile(id),
                    anchor: at,
                    card: at,
                    sources: Default::default(),
                    found_by: Vec::new(),
                    dropped: Vec::new(),
                })
                .collect(),
            links_profiles: true,
        })
    }

    /// Reads one copy of the page into the rows, as the panel does; returns the lookups asked.
    fn read(
        rules: &mut ShownBadges,
        rows: &mut PanelRows,
        page: PageRead<u32>,
        url: &str,
    ) -> Vec<(BadgeId, PersonQuery)> {
        let page = page.map_anchors(|at, key| Spot {
            path: vec![at],
            key: Some(key.clone()),
        });
        let order: Vec<ProfileKey> = match &page {
            PageRead::Search(r) => r.cards.iter().map(|c| c.profile.key.clone()).collect(),
            PageRead::Profile { profile, .. } => vec![profile.key.clone()],
            _ => Vec::new(),
        };
        rows.reading(None);
        let plan = rules.plan(page, url, 0.0, rows);
        rows.apply(&plan, &order);
        plan.lookups()
    }

    fn names(rows: &PanelRows, filter: Filter) -> Vec<String> {
        rows.shown(filter)
            .map(|r| r.person.key.as_ref().unwrap().to_string())
            .collect()
    }

    fn answer(rows: &mut PanelRows, asked: &[(BadgeId, PersonQuery)], states: &[BadgeState]) {
        for ((id, _), state) in asked.iter().zip(states) {
            assert!(rows.show(*id, *state));
        }
    }

    // proves Q1: the panel lists the page's people in page order, looks them up together once,
    // and its filters show exactly the people in each state.
    #[test]
    fn every_person_once_in_page_order_and_each_filter_shows_exactly_its_state() {
        let mut rules = ShownBadges::default();
        let mut rows = PanelRows::default();
        let asked = read(&mut rules, &mut rows, search(&["a", "b", "c", "d"]), SEARCH);
        assert_eq!(asked.len(), 4, "one lookup for everyone on the page");
        use BadgeState::*;
        answer(&mut rows, &asked, &[InCrm, NotInCrm, OutOfDate, Multiple]);
        assert_eq!(names(&rows, Filter::All), ["a", "b", "c", "d"]);
        assert_eq!(names(&rows, Filter::NotInCrm), ["b"]);
        assert_eq!(names(&rows, Filter::InCrm), ["a", "d"]);
        assert_eq!(names(&rows, Filter::OutOfDate), ["c"]);
        assert_eq!(rows.counts(), [4, 1, 2, 1]);
        // A copy of the same page (the site re-rendered it) asks nothing again.
        let asked = read(&mut rules, &mut rows, search(&["a", "b", "c", "d"]), SEARCH);
        assert!(asked.is_empty());
        assert_eq!(names(&rows, Filter::NotInCrm), ["b"]);
        // Checking is nobody's state yet: only All shows it.
        assert!(Filter::ALL.iter().skip(1).all(|f| !f.shows(Checking)));
    }

    // proves Q1, P2: the next page of results replaces the list; an answer for a person no
    // longer listed is dropped, never shown for someone else.
    #[test]
    fn the_next_page_replaces_the_list_and_late_answers_are_dropped() {
        let mut rules = ShownBadges::default();
        let mut rows = PanelRows::default();
        let first = read(&mut rules, &mut rows, search(&["a", "b"]), SEARCH);
        let second = read(&mut rules, &mut rows, search(&["c", "d", "e"]), SEARCH);
        assert_eq!(names(&rows, Filter::All), ["c", "d", "e"]);
        assert_eq!(second.len(), 3);
        assert!(!rows.show(first[0].0, BadgeState::InCrm), "a is gone");
        assert!(rows.rows().iter().all(|r| r.state == BadgeState::Checking));
        // Lazy loading puts a person above the others: the list follows the page's order.
        let more = read(&mut rules, &mut rows, search(&["f", "c", "d", "e"]), SEARCH);
        assert_eq!(more.len(), 1);
        assert_eq!(names(&rows, Filter::All), ["f", "c", "d", "e"]);
    }

    // proves P2 in the panel: moving from one profile to the next never keeps the previous
    // person's row.
    #[test]
    fn a_profile_then_the_next_profile_never_the_previous_person() {
        let mut rules = ShownBadges::default();
        let mut rows = PanelRows::default();
        let ada = PageRead::Profile {
            profile: profile("ada"),
            anchor: Some(0u32),
        };
        let asked = read(
            &mut rules,
            &mut rows,
            ada,
            "https://www.linkedin.com/in/ada/",
        );
        answer(&mut rows, &asked, &[BadgeState::InCrm]);
        let bob = PageRead::Profile {
            profile: profile("bob"),
            anchor: Some(0u32),
        };
        let asked = read(
            &mut rules,
            &mut rows,
            bob,
            "https://www.linkedin.com/in/bob/",
        );
        assert_eq!(asked.len(), 1);
        assert_eq!(names(&rows, Filter::All), ["bob"]);
        assert_eq!(rows.rows()[0].state, BadgeState::Checking);
        assert_eq!(rows.rows()[0].kind, BadgeKind::Profile);
    }

    // proves A2 in the panel: with search badges switched off, a search page lists nobody and
    // asks the CRM nothing.
    #[test]
    fn search_badges_off_lists_nobody() {
        let mut rules = ShownBadges::default();
        rules.set_search_badges(SearchBadges::Off);
        let mut rows = PanelRows::default();
        let asked = read(&mut rules, &mut rows, search(&["a", "b"]), SEARCH);
        assert!(asked.is_empty());
        assert!(rows.rows().is_empty());
    }
}
