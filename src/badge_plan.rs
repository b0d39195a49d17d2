//! The badge rules, once (PRODUCT.md P2, B4; issue #17): given what a reading of the page found
//! and what the page holds of our badges, which badges go, which stay (with what the page now
//! offers), which are new and looked up together, and when a page that stays unreadable gets
//! "Can't read this profile" and a self-check record. The page watcher (page mode) and the
//! frame reader (frame mode) both carry out these plans; neither decides anything itself.
//!
//! Badges are named by ids that are never reused, so an answer meant for a badge that is gone
//! (a client-side step to the next person, a card the site recycled) lands nowhere.

use crate::export_ui::page_facts;
use crate::profile::{Profile, ProfileKey};
use crate::protocol::{BadgeState, ContentRequest, PageFacts, PersonQuery};
use crate::site::search_page::SearchCard;
use crate::site::{PageRead, url_pattern};
use serde::{Deserialize, Serialize};

mod dim;
mod pacing;
pub use dim::DimInCrm;
pub use pacing::{Due, GLANCE_LINKS, Glance, RENDERING_MS, ReadPacer, SETTLED_AT_MOST_MS};

/// DOM changes come in bursts while the site renders; one reading per burst is enough.
pub const DEBOUNCE_MS: u32 = 120;
/// A profile or search page still unreadable after this long is not loading: the site may have
/// changed (issue #4: "Can't read this profile", and the admins' self-check).
pub const UNREADABLE_AFTER_MS: u32 = 3_000;
/// The one re-read delay of both modes: a page found unreadable is read again this long after,
/// even if nothing in it changes, so that the doubt can settle.
pub const READ_AGAIN_MS: u32 = UNREADABLE_AFTER_MS + DEBOUNCE_MS;
/// Where "Can't read this profile" goes: beside the page's main heading.
pub const MAIN_HEADING: &str = "main h1";

/// A badge that is looked up goes into the page with its answer, when the answer comes within
/// this long: the page then lays out and paints once for it, not for "Checking…" and again for
/// the answer (a search page's 25 badges going in cost its next frame ≈ 23 ms of style, layout
/// and paint, and the worker's reply waited behind it; issue #20). Past this, "Checking…" shows
/// until the answer comes. A warm worker answers in ≈ 20-30 ms, a stopped one in ≈ 130 ms.
pub const CHECKING_AFTER_MS: u32 = 200;

/// Names one badge for the life of the page's script; never reused.
pub type BadgeId = u64;

/// What a badge is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BadgeKind {
    /// The person of a profile page, with the Export to CRM button.
    Profile,
    /// One person of a search results page, badge only.
    Card,
    /// "Can't read this profile" beside a profile page's main heading.
    Unreadable,
}

impl BadgeKind {
    /// Frame mode (DESIGN.md §2): whether the badge is drawn in the page from its look until the
    /// user reaches for it (its frame is made then), rather than in a frame of its own at once.
    /// An extension frame costs the page its own document (25 on a search page are 4–5× what
    /// page mode costs, README "Performance"); a badge without the Export to CRM button shows
    /// nothing but its look until it is hovered or focused.
    pub fn frame_on_demand(self) -> bool {
        self != Self::Profile
    }

    /// Whether the badge waits for its answer before it goes into the page (at most
    /// [`CHECKING_AFTER_MS`]): "Can't read" has no answer to wait for.
    pub fn waits_for_answer(self) -> bool {
        self != Self::Unreadable
    }

    /// What the badge shows before any answer: "Can't read" is all it will show; the others are
    /// checking until the CRM answers.
    pub fn first_state(self) -> BadgeState {
        match self {
            Self::Unreadable => BadgeState::Unreadable,
            Self::Profile | Self::Card => BadgeState::Checking,
        }
    }
}

/// The page as it is now, as far as our badges go: what the browser side alone can tell.
pub trait PageNow<N> {
    /// Whether the badge `id` is still in the page (the site may have thrown it away with the
    /// element it sat beside).
    fn holds(&self, id: BadgeId) -> bool;
    /// Our badge right beside `anchor` (a name), if there is one.
    fn beside(&self, anchor: &N) -> Option<BadgeId>;
    /// The page's main heading ([`MAIN_HEADING`]).
    fn main_heading(&self) -> Option<N>;
}

/// A badge the plan puts beside `anchor`.
#[derive(Clone, Debug, PartialEq)]
pub struct NewBadge<N> {
    pub id: BadgeId,
    pub kind: BadgeKind,
    pub anchor: N,
    /// The search result card the badge is for (a card badge only): what [`DimInCrm`] covers.
    pub card: Option<N>,
    pub person: PersonQuery,
    pub page: PageFacts,
}

/// What to do to the page after one reading.
#[derive(Clone, Debug, PartialEq)]
pub struct BadgePlan<N> {
    /// Badges to take out of the page.
    pub remove: Vec<BadgeId>,
    /// Badges to put in; every one but "Can't read" is looked up (see [`Self::lookups`]).
    pub add: Vec<NewBadge<N>>,
    /// Badges that stay, with what the page now offers (the site renders its controls late).
    pub update: Vec<(BadgeId, PageFacts)>,
    /// The new people are search results (a page of ten is normal there, `churn`).
    pub search: bool,
    /// Read the page again after this long even if nothing changes: doubt has begun.
    pub read_again_ms: Option<u32>,
    /// Report the page to the admins' self-check (once per visit): the URL's shape and the
    /// strategies that failed (`ContentRequest::ReportUnreadable`), never a name or an id.
    pub report: Option<ContentRequest>,
    /// A search page waits for the organisation's `Features.SearchBadges`: ask the worker
    /// (`ContentRequest::SearchBadges`), once, and tell [`ShownBadges::set_search_badges`].
    pub ask_search_badges: bool,
}

impl<N> Default for BadgePlan<N> {
    fn default() -> Self {
        Self {
            remove: Vec::new(),
            add: Vec::new(),
            update: Vec::new(),
            search: false,
            read_again_ms: None,
            report: None,
            ask_search_badges: false,
        }
    }
}

impl<N> BadgePlan<N> {
    /// The new badges to look up, all in one message (PRODUCT.md B4).
    pub fn lookups(&self) -> Vec<(BadgeId, PersonQuery)> {
        self.add
            .iter()
            .filter(|b| b.kind != BadgeKind::Unreadable)
            .map(|b| (b.id, b.person.clone()))
            .collect()
    }
}

/// One badge in the page, as the rules remember it.
#[derive(Clone, Debug)]
struct Badge {
    id: BadgeId,
    kind: BadgeKind,
    key: ProfileKey,
    page: PageFacts,
}

/// A profile or search URL whose page has been unreadable since `since_ms`.
#[derive(Clone, Debug)]
struct Doubt {
    url: String,
    since_ms: f64,
    /// Shown and reported: reported once per visit.
    settled: bool,
}

/// Whether search results get badges: the organisation's `Features.SearchBadges` (PRODUCT.md
/// A2; on unless an admin switched it off).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SearchBadges {
    #[default]
    On,
    Off,
    /// Not known yet (the script has just started and asked): a search page waits, so that a
    /// company that switched them off never sees one flash by.
    Unknown,
}

impl SearchBadges {
    /// From the policy's switch as read: anything but `false` leaves them on.
    pub fn from_switch(switch: Option<bool>) -> Self {
        if switch == Some(false) {
            Self::Off
        } else {
            Self::On
        }
    }
}

/// The badges in one page, and the rules that keep exactly one right badge per person shown.
#[derive(Clone, Debug, Default)]
pub struct ShownBadges {
    badges: Vec<Badge>,
    last_id: BadgeId,
    doubt: Option<Doubt>,
    search_badges: SearchBadges,
    /// The last reading was of a search page.
    on_search: bool,
    /// The worker was asked for the search badges switch.
    asked: bool,
    /// The last reading found what the page shows and left nothing in doubt.
    settled: bool,
}

impl ShownBadges {
    /// Rules that put no badge on a search page until [`Self::set_search_badges`] says
    /// whether the organisation wants them there: the first search reading's plan asks.
    pub fn until_policy_known() -> Self {
        Self {
            search_badges: SearchBadges::Unknown,
            ..Self::default()
        }
    }

    /// The organisation's `Features.SearchBadges`, as now known; the next reading follows it
    /// (switched off, a search page's badges all go). `true` when the page is to be read again
    /// now: the switch changed while on a search page (a profile is not read twice for it).
    /// A worker that could not say leaves the badges on (`from_switch(None)`).
    pub fn set_search_badges(&mut self, search_badges: SearchBadges) -> bool {
        let changed = self.search_badges != search_badges;
        self.search_badges = search_badges;
        changed && self.on_search
    }

    /// The plan for a reading of the page at `url` at `now_ms`; from then on the rules take the
    /// plan as carried out.
    pub fn plan<N: Clone + PartialEq>(
        &mut self,
        read: PageRead<N>,
        url: &str,
        now_ms: f64,
        page: &impl PageNow<N>,
    ) -> BadgePlan<N> {
        // A search page whose results are not to get badges is not read for people: no badge,
        // no lookup, and no doubt about a reading that was not wanted.
        self.on_search = matches!(read, PageRead::Search(_));
        let unwanted = self.on_search && self.search_badges != SearchBadges::On;
        let ask = self.on_search
            && self.search_badges == SearchBadges::Unknown
            && !std::mem::replace(&mut self.asked, true);
        let failed = if unwanted {
            None
        } else {
            read.failed_strategies()
        };
        let found = !matches!(
            read,
            PageRead::Profile { anchor: None, .. } | PageRead::UnreadableProfile { .. }
        ) && failed.is_none();
        let mut step = Step {
            shown: self,
            page,
            plan: BadgePlan::default(),
        };
        match read {
            PageRead::Profile {
                profile,
                anchor: Some(anchor),
            } => step.show_profile(profile, anchor),
            PageRead::Profile {
                profile,
                anchor: None,
            } => step.keep_profile(Some(&profile.key), false),
            // The site may be re-rendering the card: a badge already right for the URL stays.
            PageRead::UnreadableProfile { key, .. } => step.keep_profile(Some(&key), true),
            PageRead::Search(_) if unwanted => step.keep_profile(None, false),
            PageRead::Search(results) => step.show_cards(results.cards),
            PageRead::Other => step.keep_profile(None, false),
        }
        step.self_check(url, failed, now_ms);
        step.plan.ask_search_badges = ask;
        let plan = step.plan;
        self.settled = found;
        plan
    }

    /// The last reading found the page's people (or that it shows none) with nothing in doubt:
    /// the page's further changes are read at the settled pace ([`ReadPacer`]).
    pub fn settled(&self) -> bool {
        self.settled
    }

    /// Whether an answer for the badge `id` still has a badge to land on.
    pub fn holds(&self, id: BadgeId) -> bool {
        self.badges.iter().any(|b| b.id == id)
    }

    /// How many badges the page holds.
    pub fn len(&self) -> usize {
        self.badges.len()
    }

    pub fn is_empty(&self) -> bool {
        self.badges.is_empty()
    }
}

/// One reading's work: the rules, the page as it is, and the plan so far.
struct Step<'a, N, P> {
    shown: &'a mut ShownBadges,
    page: &'a P,
    plan: BadgePlan<N>,
}

impl<N: Clone + PartialEq, P: PageNow<N>> Step<'_, N, P> {
    /// Takes out every badge `keep` refuses, given the page as it is. (Only badges the page
    /// already holds are taken out: a reading adds badges after it took out the ones it had.)
    fn retain(&mut self, keep: impl Fn(&P, &Badge) -> bool) {
        let page = self.page;
        let remove = &mut self.plan.remove;
        self.shown.badges.retain(|b| {
            let kept = keep(page, b);
            if !kept {
                remove.push(b.id);
            }
            kept
        });
    }

    /// Keeps only a profile badge (or "Can't read", with `keep_unreadable`) of `key` that is
    /// still in the page; with `None`, takes every badge out.
    fn keep_profile(&mut self, key: Option<&ProfileKey>, keep_unreadable: bool) {
        self.retain(|page, b| {
            let kind_ok = b.kind == BadgeKind::Profile
                || (keep_unreadable && b.kind == BadgeKind::Unreadable);
            kind_ok && Some(&b.key) == key && page.holds(b.id)
        });
    }

    fn add(
        &mut self,
        kind: BadgeKind,
        key: ProfileKey,
        anchor: N,
        card: Option<N>,
        person: PersonQuery,
        page: PageFacts,
    ) {
        self.shown.last_id += 1;
        let id = self.shown.last_id;
        self.shown.badges.push(Badge {
            id,
            kind,
            key,
            page,
        });
        self.plan.add.push(NewBadge {
            id,
            kind,
            anchor,
            card,
            person,
            page,
        });
    }

    /// The profile page's one badge, beside the name.
    fn show_profile(&mut self, profile: Profile, anchor: N) {
        let page = page_facts(&profile);
        let same = self.shown.badges.iter().position(|b| {
            b.kind == BadgeKind::Profile && b.key == profile.key && self.page.holds(b.id)
        });
        if let Some(i) = same
            && let Some(b) = self.shown.badges.get_mut(i)
        {
            if b.page != page {
                b.page = page;
                self.plan.update.push((b.id, page));
            }
            let id = b.id;
            self.retain(|_, b| b.id == id);
            return;
        }
        self.keep_profile(None, false);
        let person = person_query(&profile);
        self.add(BadgeKind::Profile, profile.key, anchor, None, person, page);
    }

    /// A badge beside every search result card: cards already badged keep theirs, the new ones
    /// (first render, lazy loading, the next page) are looked up together.
    fn show_cards(&mut self, cards: Vec<SearchCard<N>>) {
        self.plan.search = true;
        let beside: Vec<Option<BadgeId>> =
            cards.iter().map(|c| self.page.beside(&c.anchor)).collect();
        self.retain(|page, b| {
            b.kind == BadgeKind::Card
                && page.holds(b.id)
                && cards
                    .iter()
                    .zip(&beside)
                    .any(|(c, at)| c.profile.key == b.key && *at == Some(b.id))
        });
        for (card, at) in cards.into_iter().zip(beside) {
            let badged = at.is_some_and(|id| self.shown.holds(id));
            // Two readings of one card (two strategies, one element): one badge.
            let twice = self.plan.add.iter().any(|b| b.anchor == card.anchor);
            if badged || twice {
                continue;
            }
            // Exporting starts from the profile page: a card offers no PDF (and asks nothing).
            let page = PageFacts {
                pdf_offered: false,
                ..page_facts(&card.profile)
            };
            let person = person_query(&card.profile);
            let (key, anchor, cover) = (card.profile.key, card.anchor, Some(card.card));
            self.add(BadgeKind::Card, key, anchor, cover, person, page);
        }
    }

    /// Counts how long the page at `url` has been unreadable; once that is long enough, says so
    /// beside the page's main heading and reports it to the admins' self-check (once per visit).
    fn self_check(&mut self, url: &str, failed: Option<Vec<&'static str>>, now_ms: f64) {
        let Some(failed) = failed else {
            self.shown.doubt = None;
            return;
        };
        let first_time = match self.shown.doubt.as_mut() {
            Some(doubt) if doubt.url == url => {
                if now_ms - doubt.since_ms < f64::from(UNREADABLE_AFTER_MS) {
                    return;
                }
                !std::mem::replace(&mut doubt.settled, true)
            }
            _ => {
                self.shown.doubt = Some(Doubt {
                    url: url.to_string(),
                    since_ms: now_ms,
                    settled: false,
                });
                self.plan.read_again_ms = Some(READ_AGAIN_MS);
                return;
            }
        };
        // Again after each reading: the site may have thrown the badge away with its heading.
        self.show_unreadable(url);
        if first_time && let Some(pattern) = url_pattern(url) {
            self.plan.report = Some(ContentRequest::ReportUnreadable {
                pattern,
                failed: failed.into_iter().map(str::to_string).collect(),
            });
        }
    }

    /// "Can't read this profile" beside the main heading of the profile page at `url`, unless
    /// a badge read earlier for the same person is still there. Search pages get no such badge.
    fn show_unreadable(&mut self, url: &str) {
        let Some(key) = ProfileKey::from_url(url) else {
            return;
        };
        let already = self
            .shown
            .badges
            .iter()
            .any(|b| b.kind != BadgeKind::Card && b.key == key && self.page.holds(b.id));
        if already {
            return;
        }
        self.keep_profile(None, false);
        let Some(heading) = self.page.main_heading() else {
            return;
        };
        let person = PersonQuery {
            key: Some(key.clone()),
            ..PersonQuery::default()
        };
        self.add(
            BadgeKind::Unreadable,
            key,
            heading,
            None,
            person,
            PageFacts::default(),
        );
    }
}

/// Who to look up for a profile read from the page.
pub fn person_query(profile: &Profile) -> PersonQuery {
    let facts = &profile.facts;
    PersonQuery {
        key: Some(profile.key.clone()),
        member_urn: facts.member_urn.clone(),
        name: facts.name.clone(),
        headline: facts.headline.clone(),
        company: facts.current_company.clone(),
        title: facts.current_title.clone(),
        location: facts.location.clone(),
    }
}

#[cfg(test)]
mod tests;
