use super::*;
use crate::profile::{ProfileFacts, Visibility};
use crate::site::Unreadable;
use crate::site::search_page::SearchResults;

/// A page in memory: which of our badges sit beside which element, and the main heading. It
/// carries out plans as the page watcher and `frames.js` do.
#[derive(Default)]
struct Page {
    hosts: Vec<(BadgeId, &'static str)>,
    heading: Option<&'static str>,
}

impl PageNow<&'static str> for Page {
    fn holds(&self, id: BadgeId) -> bool {
        self.hosts.iter().any(|(h, _)| *h == id)
    }
    fn beside(&self, anchor: &&'static str) -> Option<BadgeId> {
        self.hosts
            .iter()
            .find(|(_, a)| a == anchor)
            .map(|(id, _)| *id)
    }
    fn main_heading(&self) -> Option<&'static str> {
        self.heading
    }
}

impl Page {
    fn carry_out(&mut self, plan: &BadgePlan<&'static str>) {
        self.hosts.retain(|(id, _)| !plan.remove.contains(id));
        self.hosts.extend(plan.add.iter().map(|b| (b.id, b.anchor)));
    }

    /// The site threw away whatever sat beside `anchor`, our badge with it.
    fn rerender(&mut self, anchor: &str) {
        self.hosts.retain(|(_, a)| *a != anchor);
    }

    /// P2's two rules, as the user would see them: each element has at most one badge, and
    /// every badge is of the person the reading put there.
    fn badges_beside(&self, anchor: &str) -> usize {
        self.hosts.iter().filter(|(_, a)| *a == anchor).count()
    }
}

const ADA: &str = "https://www.linkedin.com/in/ada-lovelace/";
const ALAN: &str = "https://www.linkedin.com/in/alan-turing/";
const SEARCH: &str = "https://www.linkedin.com/search/results/people/?keywords=x";
const FEED: &str = "https://www.linkedin.com/feed/";

fn profile(url: &str, pdf_offered: bool) -> Profile {
    let key = ProfileKey::from_url(url).unwrap_or(ProfileKey::PublicId("x".into()));
    Profile {
        facts: ProfileFacts {
            name: Some(key.to_string()),
            ..ProfileFacts::default()
        },
        key,
        visibility: Visibility::Public,
        own: false,
        pdf_offered,
    }
}

fn shows(url: &str, anchor: &'static str) -> PageRead<&'static str> {
    PageRead::Profile {
        profile: profile(url, true),
        anchor: Some(anchor),
    }
}

/// The profile URL's page does not show its person (yet): the top card is someone else's,
/// or missing.
fn unreadable(url: &str) -> PageRead<&'static str> {
    PageRead::UnreadableProfile {
        key: profile(url, false).key,
        why: Unreadable::OtherPerson,
    }
}

fn card(slug: &str, anchor: &'static str) -> SearchCard<&'static str> {
    SearchCard {
        profile: profile(&format!("https://www.linkedin.com/in/{slug}/"), true),
        anchor,
        card: anchor,
        sources: Default::default(),
        found_by: Vec::new(),
        dropped: Vec::new(),
    }
}

fn search(cards: Vec<SearchCard<&'static str>>) -> PageRead<&'static str> {
    PageRead::Search(SearchResults {
        cards,
        links_profiles: true,
    })
}

fn key(url: &str) -> Option<ProfileKey> {
    ProfileKey::from_url(url)
}

/// Reads, plans and carries the plan out, as both modes do.
fn read(
    shown: &mut ShownBadges,
    page: &mut Page,
    read: PageRead<&'static str>,
    url: &str,
    now_ms: f64,
) -> BadgePlan<&'static str> {
    let plan = shown.plan(read, url, now_ms, page);
    page.carry_out(&plan);
    plan
}

fn people(plan: &BadgePlan<&'static str>) -> Vec<Option<ProfileKey>> {
    plan.lookups().into_iter().map(|(_, p)| p.key).collect()
}

// proves P2: a client-side step from one profile to the next never leaves the previous person's
// badge, neither while the page still shows them under the new URL nor once it shows the new
// person in the same heading; an answer for the old badge has nowhere to land.
#[test]
fn the_next_person_never_gets_the_previous_persons_badge() {
    let mut shown = ShownBadges::default();
    let mut page = Page::default();
    let first = read(&mut shown, &mut page, shows(ADA, "h1"), ADA, 0.0);
    assert_eq!(people(&first), vec![key(ADA)]);
    let ada = first.add[0].id;

    // The URL already names Alan; the page still shows Ada's top card.
    let stale = read(&mut shown, &mut page, unreadable(ALAN), ALAN, 50.0);
    assert_eq!(stale.remove, vec![ada]);
    assert!(stale.add.is_empty());
    assert!(!shown.holds(ada), "Ada's late answer lands nowhere");

    let next = read(&mut shown, &mut page, shows(ALAN, "h1"), ALAN, 100.0);
    assert_eq!(people(&next), vec![key(ALAN)]);
    assert_eq!(page.badges_beside("h1"), 1);

    // The site swaps the person in place, its heading and our badge beside it kept.
    let back = read(&mut shown, &mut page, shows(ADA, "h1"), ADA, 200.0);
    assert_eq!(back.remove, vec![next.add[0].id]);
    assert_eq!(people(&back), vec![key(ADA)]);
    assert_ne!(back.add[0].id, ada, "ids are never reused");
    assert_eq!(page.badges_beside("h1"), 1);
    assert_eq!(shown.len(), 1);
}

// proves P2: however often the page is read, one badge per person; what the page offers late
// (the site's "Save to PDF") updates the badge in place.
#[test]
fn one_badge_per_person_however_often_the_page_is_read() {
    let mut shown = ShownBadges::default();
    let mut page = Page::default();
    let late = PageRead::Profile {
        profile: profile(ADA, false),
        anchor: Some("h1"),
    };
    let first = read(&mut shown, &mut page, late, ADA, 0.0);
    assert_eq!(first.add.len(), 1);
    assert!(!first.add[0].page.pdf_offered);
    for at in 1..5 {
        let again = read(
            &mut shown,
            &mut page,
            shows(ADA, "h1"),
            ADA,
            f64::from(at) * 100.0,
        );
        assert!(again.add.is_empty() && again.remove.is_empty(), "{again:?}");
        let expected: Vec<(BadgeId, PageFacts)> = if at == 1 {
            vec![(first.add[0].id, page_facts(&profile(ADA, true)))]
        } else {
            Vec::new()
        };
        assert_eq!(again.update, expected);
    }
    // A re-render with a new heading element keeps the badge that is still in the page.
    let moved = read(&mut shown, &mut page, shows(ADA, "h1-new"), ADA, 600.0);
    assert!(moved.add.is_empty() && moved.remove.is_empty());
    // No anchor for now (the card is half rendered): the right badge stays.
    let half = PageRead::Profile {
        profile: profile(ADA, true),
        anchor: None,
    };
    assert_eq!(
        read(&mut shown, &mut page, half, ADA, 700.0),
        BadgePlan::default()
    );
    assert_eq!(page.hosts.len(), 1);
}

// proves P2: a badge the site threw away with its markup is replaced, once.
#[test]
fn a_badge_the_site_threw_away_is_put_back_once() {
    let mut shown = ShownBadges::default();
    let mut page = Page::default();
    let first = read(&mut shown, &mut page, shows(ADA, "h1"), ADA, 0.0);
    page.rerender("h1");
    let back = read(&mut shown, &mut page, shows(ADA, "h1"), ADA, 100.0);
    assert_eq!(back.remove, vec![first.add[0].id]);
    assert_eq!(people(&back), vec![key(ADA)]);
    let again = read(&mut shown, &mut page, shows(ADA, "h1"), ADA, 200.0);
    assert!(again.add.is_empty());
    assert_eq!(page.badges_beside("h1"), 1);
}

// proves P5, P2: leaving for the feed takes every badge out.
#[test]
fn pages_we_do_not_read_get_no_badge() {
    let mut shown = ShownBadges::default();
    let mut page = Page::default();
    read(&mut shown, &mut page, shows(ADA, "h1"), ADA, 0.0);
    let feed = read(&mut shown, &mut page, PageRead::Other, FEED, 100.0);
    assert_eq!(feed.remove.len(), 1);
    assert!(feed.add.is_empty() && feed.report.is_none() && feed.read_again_ms.is_none());
    assert!(shown.is_empty() && page.hosts.is_empty());
}

// proves B4, P2: search results keep their badges while the cards stay; new cards (lazy
// loading) are looked up together; a card the site recycles for another person gets that
// person's badge, never the previous one's; the next page replaces them all.
#[test]
fn search_results_keep_their_badges_and_new_cards_are_looked_up_together() {
    let mut shown = ShownBadges::default();
    let mut page = Page::default();
    let first = read(
        &mut shown,
        &mut page,
        search(vec![
            card("ada", "c1"),
            card("alan", "c2"),
            card("grace", "c3"),
        ]),
        SEARCH,
        0.0,
    );
    assert!(first.search);
    assert_eq!(first.lookups().len(), 3);
    assert!(
        first
            .add
            .iter()
            .all(|b| b.kind == BadgeKind::Card && !b.page.pdf_offered)
    );
    // Frame mode: the search results' badges get frames only when reached for; the profile's,
    // with its Export to CRM button, at once.
    assert!(first.add.iter().all(|b| b.kind.frame_on_demand()));
    assert!(!BadgeKind::Profile.frame_on_demand());
    assert!(BadgeKind::Unreadable.frame_on_demand());
    assert_eq!(BadgeKind::Card.first_state(), BadgeState::Checking);
    assert_eq!(BadgeKind::Profile.first_state(), BadgeState::Checking);
    assert_eq!(BadgeKind::Unreadable.first_state(), BadgeState::Unreadable);
    // Looked-up badges wait for their answer (a while) before they go in; "Can't read" does not.
    assert!(BadgeKind::Card.waits_for_answer());
    assert!(BadgeKind::Profile.waits_for_answer());
    assert!(!BadgeKind::Unreadable.waits_for_answer());

    // Lazy loading: two more cards below the first three.
    let more = read(
        &mut shown,
        &mut page,
        search(vec![
            card("ada", "c1"),
            card("alan", "c2"),
            card("grace", "c3"),
            card("linus", "c4"),
            card("barbara", "c5"),
        ]),
        SEARCH,
        100.0,
    );
    assert!(more.remove.is_empty());
    assert_eq!(
        people(&more),
        vec![
            Some(ProfileKey::PublicId("linus".into())),
            Some(ProfileKey::PublicId("barbara".into()))
        ]
    );

    // The site re-uses the first card's element for someone else.
    let recycled = read(
        &mut shown,
        &mut page,
        search(vec![
            card("edsger", "c1"),
            card("alan", "c2"),
            card("grace", "c3"),
        ]),
        SEARCH,
        200.0,
    );
    let ada = first.add[0].id;
    assert!(recycled.remove.contains(&ada) && recycled.remove.len() == 3);
    assert_eq!(
        people(&recycled),
        vec![Some(ProfileKey::PublicId("edsger".into()))]
    );
    assert_eq!(page.badges_beside("c1"), 1);
    assert!(!shown.holds(ada));

    // Page 2: new cards everywhere.
    let next = read(
        &mut shown,
        &mut page,
        search(vec![card("ken", "d1"), card("dennis", "d2")]),
        SEARCH,
        300.0,
    );
    assert_eq!(next.remove.len(), 3);
    assert_eq!(next.lookups().len(), 2);
    assert_eq!(page.hosts.len(), 2);
}

// proves P2: one element read twice in a reading (two strategies agreeing on a card) gets one
// badge; a profile badge does not survive on a search page.
#[test]
fn never_two_badges_beside_one_name() {
    let mut shown = ShownBadges::default();
    let mut page = Page::default();
    read(&mut shown, &mut page, shows(ADA, "h1"), ADA, 0.0);
    let twice = read(
        &mut shown,
        &mut page,
        search(vec![
            card("ada", "c1"),
            card("ada", "c1"),
            card("alan", "c2"),
        ]),
        SEARCH,
        100.0,
    );
    assert_eq!(twice.remove.len(), 1, "the profile's badge goes");
    assert_eq!(twice.add.len(), 2);
    assert_eq!(page.badges_beside("c1"), 1);
    assert_eq!(page.hosts.len(), 2);
}

// proves issue #4 (self-check) and P4: a profile page that stays unreadable says so beside its
// heading after UNREADABLE_AFTER_MS, not before; it is read again by itself to get there; it is
// reported once per visit; the badge comes back if the site throws it away; a readable page
// replaces it with the person's badge.
#[test]
fn unreadable_after_doubt() {
    let mut shown = ShownBadges::default();
    let mut page = Page {
        heading: Some("h1"),
        ..Page::default()
    };
    let doubt = read(&mut shown, &mut page, unreadable(ADA), ADA, 0.0);
    assert_eq!(doubt.read_again_ms, Some(READ_AGAIN_MS));
    assert!(doubt.add.is_empty() && doubt.report.is_none());
    let soon = read(&mut shown, &mut page, unreadable(ADA), ADA, 2_999.0);
    assert_eq!(soon, BadgePlan::default(), "still in doubt: nothing yet");

    let at = f64::from(READ_AGAIN_MS);
    let settled = read(&mut shown, &mut page, unreadable(ADA), ADA, at);
    assert_eq!(settled.add.len(), 1);
    assert_eq!(settled.add[0].kind, BadgeKind::Unreadable);
    assert_eq!(settled.add[0].anchor, "h1");
    assert!(settled.lookups().is_empty(), "nobody to look up");
    let report = settled.report.clone();
    assert!(matches!(
        report,
        Some(ContentRequest::ReportUnreadable { ref pattern, ref failed })
            if pattern == "/in/*/" && failed == &["identity".to_string()]
    ));

    let later = read(&mut shown, &mut page, unreadable(ADA), ADA, at + 500.0);
    assert_eq!(later, BadgePlan::default(), "one badge, one report");
    page.rerender("h1");
    let thrown = read(&mut shown, &mut page, unreadable(ADA), ADA, at + 1_000.0);
    assert_eq!(thrown.add.len(), 1);
    assert!(thrown.report.is_none());
    assert_eq!(page.badges_beside("h1"), 1);

    let readable = read(&mut shown, &mut page, shows(ADA, "h1"), ADA, at + 2_000.0);
    assert_eq!(readable.remove, vec![thrown.add[0].id]);
    assert_eq!(people(&readable), vec![key(ADA)]);
    // Unreadable again later: the count starts over.
    let again = read(&mut shown, &mut page, unreadable(ALAN), ALAN, at + 3_000.0);
    assert_eq!(again.read_again_ms, Some(READ_AGAIN_MS));
}

// proves P2 with the self-check: a right badge stays while the site re-renders its card, and
// doubt about the same person never adds "Can't read" beside it.
#[test]
fn doubt_keeps_a_badge_already_right_for_the_url() {
    let mut shown = ShownBadges::default();
    let mut page = Page {
        heading: Some("h1"),
        ..Page::default()
    };
    read(&mut shown, &mut page, shows(ADA, "h1"), ADA, 0.0);
    read(&mut shown, &mut page, unreadable(ADA), ADA, 100.0);
    let long = read(
        &mut shown,
        &mut page,
        unreadable(ADA),
        ADA,
        100.0 + f64::from(READ_AGAIN_MS),
    );
    assert!(long.add.is_empty() && long.remove.is_empty());
    assert!(long.report.is_some(), "reported all the same");
    assert_eq!(page.hosts.len(), 1);
}

// proves issue #4: doubt is per URL: a step to another unreadable profile starts a new count.
#[test]
fn doubt_starts_over_on_another_url() {
    let mut shown = ShownBadges::default();
    let mut page = Page {
        heading: Some("h1"),
        ..Page::default()
    };
    read(&mut shown, &mut page, unreadable(ADA), ADA, 0.0);
    let other = read(&mut shown, &mut page, unreadable(ALAN), ALAN, 2_000.0);
    assert_eq!(other.read_again_ms, Some(READ_AGAIN_MS));
    let early = read(&mut shown, &mut page, unreadable(ALAN), ALAN, 4_000.0);
    assert_eq!(early, BadgePlan::default());
}

// proves issue #4 on search pages: results listed but no card read are reported, with no badge.
#[test]
fn an_unreadable_search_page_is_reported_without_a_badge() {
    let mut shown = ShownBadges::default();
    let mut page = Page {
        heading: Some("h1"),
        ..Page::default()
    };
    read(&mut shown, &mut page, search(Vec::new()), SEARCH, 0.0);
    let settled = read(&mut shown, &mut page, search(Vec::new()), SEARCH, 5_000.0);
    assert!(settled.add.is_empty());
    assert_eq!(
        match settled.report {
            Some(ContentRequest::ReportUnreadable { pattern, .. }) => Some(pattern),
            _ => None,
        }
        .as_deref(),
        Some("/search/results/people/")
    );
}

// proves A2 (issue #17): with `Features.SearchBadges` off, a search page gets no badge and
// asks the CRM about nobody, the badges it had go, and profiles keep theirs.
#[test]
fn search_badges_switched_off_leave_search_pages_alone() {
    let mut shown = ShownBadges::default();
    let mut page = Page::default();
    let on = read(
        &mut shown,
        &mut page,
        search(vec![card("ada-lovelace", "a"), card("alan-turing", "b")]),
        SEARCH,
        0.0,
    );
    assert_eq!(on.lookups().len(), 2);

    assert!(shown.set_search_badges(SearchBadges::Off));
    let off = read(
        &mut shown,
        &mut page,
        search(vec![card("ada-lovelace", "a"), card("alan-turing", "b")]),
        SEARCH,
        100.0,
    );
    assert!(off.add.is_empty() && off.lookups().is_empty());
    assert_eq!(off.remove.len(), 2);
    assert!(page.hosts.is_empty() && shown.is_empty());
    assert!(!off.search);

    // An unreadable search page is not in doubt when nobody wanted it read.
    let later = read(&mut shown, &mut page, search(Vec::new()), SEARCH, 200.0);
    let settled = read(&mut shown, &mut page, search(Vec::new()), SEARCH, 9_000.0);
    assert!(later.read_again_ms.is_none() && settled.report.is_none());

    let profile = read(&mut shown, &mut page, shows(ADA, "h1"), ADA, 9_100.0);
    assert_eq!(people(&profile), vec![key(ADA)]);
}

// proves A2: until the switch is known a search page waits (no badge flashes by for a company
// that switched them off); once known to be on, the next reading badges every card.
#[test]
fn search_badges_wait_for_the_policy() {
    let mut shown = ShownBadges::until_policy_known();
    let mut page = Page::default();
    let cards = || search(vec![card("ada-lovelace", "a"), card("alan-turing", "b")]);
    let waiting = read(&mut shown, &mut page, cards(), SEARCH, 0.0);
    assert!(waiting.add.is_empty() && page.hosts.is_empty());
    // The worker is asked once, however often the page is read meanwhile.
    assert!(waiting.ask_search_badges);
    let again = read(&mut shown, &mut page, cards(), SEARCH, 20.0);
    assert!(!again.ask_search_badges && again.add.is_empty());
    // A profile does not wait, and is not read again when the switch becomes known.
    let mut profile_rules = ShownBadges::until_policy_known();
    let profile = read(
        &mut profile_rules,
        &mut Page::default(),
        shows(ADA, "h1"),
        ADA,
        0.0,
    );
    assert_eq!(people(&profile), vec![key(ADA)]);
    assert!(!profile.ask_search_badges);
    assert!(!profile_rules.set_search_badges(SearchBadges::On));

    assert!(shown.set_search_badges(SearchBadges::from_switch(None)));
    assert!(!shown.set_search_badges(SearchBadges::On));
    let known = read(&mut shown, &mut page, cards(), SEARCH, 50.0);
    assert_eq!(known.lookups().len(), 2);
    assert_eq!(SearchBadges::from_switch(Some(false)), SearchBadges::Off);
    assert_eq!(SearchBadges::from_switch(Some(true)), SearchBadges::On);
}

// issue #20: a page whose badges are right is read at the settled pace (`ReadPacer`); one still
// showing another person, missing its name or in doubt is read as fast as before.
#[test]
fn settled_only_when_the_reading_found_the_page_right() {
    let mut shown = ShownBadges::default();
    let mut page = Page::default();
    assert!(!shown.settled(), "nothing read yet");
    read(&mut shown, &mut page, shows(ADA, "h1"), ADA, 0.0);
    assert!(shown.settled());
    read(&mut shown, &mut page, unreadable(ALAN), ALAN, 100.0);
    assert!(
        !shown.settled(),
        "the next person's page still shows the previous one"
    );
    let nameless = PageRead::Profile {
        profile: profile(ALAN, true),
        anchor: None,
    };
    read(&mut shown, &mut page, nameless, ALAN, 200.0);
    assert!(!shown.settled(), "the name is not in the page yet");
    read(&mut shown, &mut page, shows(ALAN, "h1"), ALAN, 300.0);
    assert!(shown.settled());
    read(
        &mut shown,
        &mut page,
        search(vec![card("ada-lovelace", "a1")]),
        SEARCH,
        400.0,
    );
    assert!(shown.settled());
    read(&mut shown, &mut page, search(Vec::new()), SEARCH, 500.0);
    assert!(
        !shown.settled(),
        "a search page with no card read is in doubt"
    );
    read(&mut shown, &mut page, PageRead::Other, FEED, 600.0);
    assert!(
        shown.settled(),
        "a page we do not read has nothing to wait for"
    );
}
