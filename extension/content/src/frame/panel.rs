//! The side panel (PRODUCT.md Q1, Q2): the product beside the page instead of in it. It follows
//! the active tab of its window; on a page of the site it asks the tab's content script
//! (`panel.js`) for copies of the page, reads each with the same extraction and the same badge
//! rules as the page (`read_page`, `badge_plan`), kept per person (`talent_bridge::side_panel`),
//! and shows one row per person with the same badge, hover card and export panel as the page
//! (`BadgeMount`, the UI module). Nothing is inserted into the page: the tab is only asked for
//! copies, for the site's answers with its session (the export's PDF), and to scroll.
//! Elsewhere the panel shows what the popup shows.

use super::pace::{self, Paced};
use super::port::Port;
use super::reader::{follow_up, parse, path_of};
use super::site::{Hub, SiteHub};
use crate::badge::element;
use crate::mount::{BadgeMount, MountArgs, link_around};
use crate::reply::Badge;
use crate::shown::{Answer, look_up, look_up_each};
use gloo::timers::callback::{Interval, Timeout};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use talent_bridge::badge_plan::{
    BadgeId, BadgeKind, MAIN_HEADING, ReadPacer, SearchBadges, ShownBadges,
};
use talent_bridge::profile::ProfileKey;
use talent_bridge::protocol::BadgeState;
use talent_bridge::protocol::panel::{FromPanel, ToPanel};
use talent_bridge::side_panel::{Filter, PanelRows, Row, Spot};
use talent_bridge::site::{PageRead, read_page};
use talent_bridge_web::{by_user, t, t_with};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, Event};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = query, catch)]
    async fn query_tabs(query: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "tabs"], js_name = update, catch)]
    async fn update_tab(id: f64, props: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "windows"], js_name = getCurrent, catch)]
    async fn current_window() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = ["chrome", "tabs", "onActivated"], js_name = addListener)]
    fn on_activated(listener: &Closure<dyn Fn(JsValue)>);
    #[wasm_bindgen(js_namespace = ["chrome", "tabs", "onUpdated"], js_name = addListener)]
    fn on_updated(listener: &Closure<dyn Fn(JsValue, JsValue)>);
    #[wasm_bindgen(js_namespace = ["chrome", "runtime", "onMessage"], js_name = addListener)]
    fn on_runtime_message(listener: &Closure<dyn Fn(JsValue, JsValue)>);
}

/// A copy asked for and not come this long after is asked for again.
const COPY_LATE_MS: f64 = 10_000.0;
/// While the tab's content script does not serve the panel, it is asked again this often: the
/// tab may move to a profile by the site's own navigation, of which the panel hears nothing
/// (without the `tabs` permission it does not see the tab's address).
const RETRY_MS: u32 = 1_000;

/// One person's row: the row element and the badge in it.
struct Shown {
    id: BadgeId,
    item: Element,
    badge: BadgeMount,
}

struct Panel {
    document: Document,
    title: Element,
    summary: Element,
    filters: Element,
    list: Element,
    home: Element,
    window: Option<f64>,
    /// The tab shown, and the port to its content script while it is open.
    tab: Option<f64>,
    port: Option<Port>,
    /// Counts connections: a closed port's late messages are not the current tab's.
    generation: u32,
    rules: ShownBadges,
    search_badges: SearchBadges,
    rows: PanelRows,
    shown: Vec<Shown>,
    filter: Filter,
    last_url: String,
    asked_at: Option<f64>,
    /// When the page's changes are read (the core's pace, as in page mode).
    pacer: ReadPacer,
    pending: Option<Timeout>,
    again: Option<Timeout>,
}

type Shared = Rc<RefCell<Panel>>;

thread_local! {
    static PANEL: RefCell<Option<Shared>> = const { RefCell::new(None) };
}

/// Starts the panel in `sidepanel.html`; returns what its UI module asks the site through.
pub fn start() -> Option<SiteHub> {
    let document = web_sys::window()?.document()?;
    let by_id = |id: &str| document.get_element_by_id(id);
    let panel = Rc::new(RefCell::new(Panel {
        title: by_id("tb-panel-title")?,
        summary: by_id("tb-panel-summary")?,
        filters: by_id("tb-panel-filters")?,
        list: by_id("tb-panel-people")?,
        home: by_id("tb-panel-home")?,
        document,
        window: None,
        tab: None,
        port: None,
        generation: 0,
        rules: ShownBadges::until_policy_known(),
        search_badges: SearchBadges::Unknown,
        rows: PanelRows::default(),
        shown: Vec::new(),
        filter: Filter::All,
        last_url: String::new(),
        asked_at: None,
        pacer: ReadPacer::default(),
        pending: None,
        again: None,
    }));
    draw_filters(&panel);
    let weak = Rc::downgrade(&panel);
    let hub = Hub::new(move |re, ask| {
        if let Some(port) = weak.upgrade().and_then(|p| p.borrow().port.clone()) {
            port.send(&FromPanel::Ask { re, ask });
        }
    });
    HUB.with(|h| *h.borrow_mut() = Some(hub.clone()));
    listen_to_browser(&panel, &hub);
    let weak = Rc::downgrade(&panel);
    let retry = Interval::new(RETRY_MS, move || {
        if let Some(panel) = weak.upgrade().filter(|p| p.borrow().port.is_none()) {
            connect(&panel);
        }
    });
    retry.forget();
    PANEL.with(|p| *p.borrow_mut() = Some(panel.clone()));
    wasm_bindgen_futures::spawn_local(async move {
        let window = current_window().await.ok().and_then(|w| number(&w, "id"));
        panel.borrow_mut().window = window;
        follow_active_tab(&panel).await;
    });
    Some(SiteHub::new(hub))
}

fn number(value: &JsValue, field: &str) -> Option<f64> {
    js_sys::Reflect::get(value, &field.into()).ok()?.as_f64()
}

/// The active tab of this window, the worker's broadcasts, and the tab's own navigations.
fn listen_to_browser(panel: &Shared, hub: &Rc<Hub>) {
    let weak = Rc::downgrade(panel);
    let activated = Closure::<dyn Fn(JsValue)>::new(move |info: JsValue| {
        let Some(panel) = weak.upgrade() else { return };
        let ours = number(&info, "windowId") == panel.borrow().window;
        if let Some(tab) = number(&info, "tabId").filter(|_| ours) {
            show_tab(&panel, Some(tab));
        }
    });
    on_activated(&activated);
    activated.forget();
    let weak = Rc::downgrade(panel);
    let updated = Closure::<dyn Fn(JsValue, JsValue)>::new(move |tab: JsValue, change: JsValue| {
        let Some(panel) = weak.upgrade() else { return };
        let (current, closed) = {
            let p = panel.borrow();
            (p.tab == tab.as_f64(), p.port.is_none())
        };
        let complete = js_sys::Reflect::get(&change, &"status".into())
            .ok()
            .and_then(|s| s.as_string())
            .is_some_and(|s| s == "complete");
        // A new document in the tab: its content script is there to serve the panel again.
        if current && closed && complete {
            connect(&panel);
        }
    });
    on_updated(&updated);
    updated.forget();
    // The worker's progress of an export the panel started (it has no tab to be sent to).
    let hub = hub.clone();
    let heard = Closure::<dyn Fn(JsValue, JsValue)>::new(move |msg: JsValue, sender: JsValue| {
        let from_tab = js_sys::Reflect::get(&sender, &"tab".into()).is_ok_and(|t| t.is_object());
        if !from_tab {
            hub.event(&msg);
        }
    });
    on_runtime_message(&heard);
    heard.forget();
}

async fn follow_active_tab(panel: &Shared) {
    let query = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&query, &"active".into(), &true.into());
    let _ = js_sys::Reflect::set(&query, &"currentWindow".into(), &true.into());
    let tabs = query_tabs(&query).await.ok();
    let tab = tabs
        .and_then(|t| t.dyn_into::<js_sys::Array>().ok())
        .map(|t| t.get(0))
        .and_then(|t| number(&t, "id"));
    show_tab(panel, tab);
}

/// Shows the tab `tab` from scratch (P2: nothing of the previous page stays).
fn show_tab(panel: &Shared, tab: Option<f64>) {
    {
        let mut p = panel.borrow_mut();
        if let Some(port) = p.port.take() {
            port.close();
        }
        p.tab = tab;
    }
    forget_page(panel);
    connect(panel);
}

/// Nothing of the page shown so far stays: its rows, its reading, its timers.
fn forget_page(panel: &Shared) {
    {
        let mut p = panel.borrow_mut();
        p.last_url.clear();
        p.asked_at = None;
        p.pacer = ReadPacer::default();
        p.pending = None;
        p.again = None;
        p.rules = ShownBadges::until_policy_known();
        let search_badges = p.search_badges;
        p.rules.set_search_badges(search_badges);
        p.rows = PanelRows::default();
        for shown in std::mem::take(&mut p.shown) {
            shown.badge.remove();
            shown.item.remove();
        }
    }
    draw_view(panel, View::Elsewhere);
}

/// Opens the port to the shown tab's content script; a tab without one (not the site, or the
/// extension was loaded after it) closes it at once and the panel shows the popup's content.
fn connect(panel: &Shared) {
    let Some(tab) = panel.borrow().tab else {
        return;
    };
    let Some(port) = Port::to_tab(tab, "panel") else {
        return;
    };
    let generation = {
        let mut p = panel.borrow_mut();
        p.generation = p.generation.wrapping_add(1);
        p.port = Some(port.clone());
        // No copy is on its way over a new port: the first "changed" asks for one at once.
        p.asked_at = None;
        p.pending = None;
        p.generation
    };
    let weak = Rc::downgrade(panel);
    port.listen(move |msg: ToPanel| {
        if let Some(panel) = weak
            .upgrade()
            .filter(|p| p.borrow().generation == generation)
        {
            heard(&panel, msg);
        }
    });
    let weak = Rc::downgrade(panel);
    port.on_close(move || {
        let Some(panel) = weak.upgrade() else { return };
        if panel.borrow().generation != generation {
            return;
        }
        // The tab's document went, or it has no content script serving the panel (not the
        // site, or a page of it the panel does not read): what was shown goes; the panel
        // tries again (`RETRY_MS`).
        panel.borrow_mut().port = None;
        forget_page(&panel);
    });
}

fn heard(panel: &Shared, msg: ToPanel) {
    match msg {
        ToPanel::Changed { url } => {
            let (waiting, moved) = {
                let p = panel.borrow();
                let waiting = p
                    .asked_at
                    .is_some_and(|at| js_sys::Date::now() - at < COPY_LATE_MS);
                (waiting, url != p.last_url)
            };
            if waiting {
                pace::schedule(panel);
            } else if moved {
                panel.borrow_mut().pacer.arrived(js_sys::Date::now());
                ask(panel);
            } else {
                pace::schedule(panel);
            }
        }
        ToPanel::Snapshot { url, html } => {
            {
                let mut p = panel.borrow_mut();
                p.asked_at = None;
                p.last_url.clone_from(&url);
            }
            if let Some(html) = html {
                read(panel, &url, &html);
            }
        }
        ToPanel::Answer { re, answer } => {
            if let Some(hub) = site_hub() {
                hub.answer(re, &answer);
            }
        }
    }
}

/// The hub the UI module asks through (`frame.js` keeps it as `talentBridgeSite`).
fn site_hub() -> Option<Rc<Hub>> {
    HUB.with(|h| h.borrow().clone())
}

thread_local! {
    static HUB: RefCell<Option<Rc<Hub>>> = const { RefCell::new(None) };
}

fn ask(panel: &Shared) {
    let mut p = panel.borrow_mut();
    p.pending = None;
    p.pacer.reading();
    let now = js_sys::Date::now();
    if p.asked_at.is_some_and(|at| now - at < COPY_LATE_MS) {
        return;
    }
    p.asked_at = Some(now);
    if let Some(port) = &p.port {
        port.send(&FromPanel::snapshot());
    }
}

impl Paced for Panel {
    fn pacer(&mut self) -> &mut ReadPacer {
        &mut self.pacer
    }

    fn settled(&self) -> bool {
        self.rules.settled()
    }

    fn pending(&mut self) -> &mut Option<Timeout> {
        &mut self.pending
    }

    fn ask(shared: &Shared) {
        ask(shared);
    }
}

/// Reads the copy of the page at `url` and shows its people.
fn read(panel: &Shared, url: &str, html: &str) {
    let Some((copy, dom)) = parse(html) else {
        return;
    };
    // People by who they are: every element of a new copy is new.
    let read = read_page(&dom, url).map_anchors(|anchor, key| Spot {
        path: path_of(&link_around(&anchor).unwrap_or(anchor)),
        key: Some(key.clone()),
    });
    let order: Vec<(ProfileKey, Vec<u32>)> = match &read {
        PageRead::Search(results) => results
            .cards
            .iter()
            .map(|c| (c.profile.key.clone(), c.anchor.path.clone()))
            .collect(),
        PageRead::Profile {
            profile,
            anchor: Some(anchor),
        } => vec![(profile.key.clone(), anchor.path.clone())],
        _ => Vec::new(),
    };
    let view = match &read {
        PageRead::Search(_) => View::Search,
        PageRead::Profile { .. } | PageRead::UnreadableProfile { .. } => View::Profile,
        PageRead::Other => View::Elsewhere,
    };
    let heading = copy
        .query_selector(MAIN_HEADING)
        .ok()
        .flatten()
        .map(|h| path_of(&h));
    let plan = {
        let mut p = panel.borrow_mut();
        let p = &mut *p;
        p.rows.reading(heading);
        let plan = p.rules.plan(read, url, js_sys::Date::now(), &p.rows);
        let keys: Vec<ProfileKey> = order.iter().map(|(k, _)| k.clone()).collect();
        p.rows.apply(&plan, &keys);
        for (key, path) in &order {
            p.rows.moved(key, path);
        }
        plan
    };
    for id in &plan.remove {
        drop_row(panel, *id);
    }
    for badge in &plan.add {
        add_row(panel, badge.id, badge.kind == BadgeKind::Profile);
    }
    draw_view(panel, view);
    lookup(panel, plan.lookups(), plan.search);
    let (known, again) = (Rc::downgrade(panel), Rc::downgrade(panel));
    let timer = follow_up(
        &plan,
        move |on| {
            if let Some(panel) = known.upgrade() {
                search_badges_known(&panel, on);
            }
        },
        move || {
            if let Some(panel) = again.upgrade() {
                ask(&panel);
            }
        },
    );
    if timer.is_some() {
        panel.borrow_mut().again = timer;
    }
}

fn search_badges_known(panel: &Shared, search_badges: SearchBadges) {
    let again = {
        let mut p = panel.borrow_mut();
        p.search_badges = search_badges;
        p.rules.set_search_badges(search_badges)
    };
    if again {
        ask(panel);
    }
}

fn row(panel: &Shared, id: BadgeId) -> Option<Row> {
    panel
        .borrow()
        .rows
        .rows()
        .iter()
        .find(|r| r.id == id)
        .cloned()
}

fn drop_row(panel: &Shared, id: BadgeId) {
    let mut p = panel.borrow_mut();
    if let Some(at) = p.shown.iter().position(|s| s.id == id) {
        let shown = p.shown.remove(at);
        shown.badge.remove();
        shown.item.remove();
    }
}

/// A person's row: the name (a button that scrolls the page to them), the headline, the badge
/// (with its hover card; on a profile also Export to CRM, the card pinned open), and a link that
/// opens their profile in the tab.
fn add_row(panel: &Shared, id: BadgeId, profile: bool) -> Option<()> {
    let row = row(panel, id)?;
    let document = panel.borrow().document.clone();
    let item = element(&document, "li", &[("data-tb", "panel-person")], None)?;
    let _ = item.set_attribute("data-state", row.state.as_str());
    let who = element(&document, "div", &[("class", "who")], None)?;
    item.append_child(&who).ok()?;
    let name = row.person.name.clone().unwrap_or_else(|| t("panelNoName"));
    let show = element(
        &document,
        "button",
        &[
            ("type", "button"),
            ("class", "name"),
            ("data-tb", "panel-show"),
            // The page's text in its own direction (an Arabic or Hebrew name, issue #21).
            ("dir", "auto"),
        ],
        Some(&name),
    )?;
    let _ = show.set_attribute("title", &t("panelShowInPage"));
    who.append_child(&show).ok()?;
    if let Some(headline) = row.person.headline.as_deref() {
        let line = element(
            &document,
            "span",
            &[("class", "headline"), ("dir", "auto")],
            Some(headline),
        )?;
        who.append_child(&line).ok()?;
    }
    let anchor = element(&document, "span", &[("class", "anchor")], None)?;
    item.append_child(&anchor).ok()?;
    if let Some(key) = row.person.key.as_ref().filter(|_| !profile) {
        let url = key.canonical_url();
        let open = element(
            &document,
            "a",
            &[("href", &url), ("data-tb", "panel-open"), ("class", "open")],
            Some(&t("panelOpenProfile")),
        )?;
        item.append_child(&open).ok()?;
        on_click(&open, Rc::downgrade(panel), move |panel| {
            open_in_tab(panel, url.clone())
        });
    }
    let path = row.path.clone();
    let weak = Rc::downgrade(panel);
    on_click(&show, weak, move |panel| {
        let path = panel
            .borrow()
            .rows
            .rows()
            .iter()
            .find(|r| r.id == id)
            .map_or_else(|| path.clone(), |r| r.path.clone());
        if let Some(port) = &panel.borrow().port {
            port.send(&FromPanel::ScrollTo { path });
        }
    });
    panel.borrow().list.append_child(&item).ok()?;
    let relookup = relookup(panel, id, row.person.clone(), !profile);
    let args = MountArgs {
        person: row.person.clone(),
        page: row.page,
        export: profile,
        first: Badge::bare(row.kind.first_state()),
        relookup,
        // The panel dims nobody: its filter is the way to see who is still to be exported.
        cover: None,
    };
    let mut badge = BadgeMount::attach(&document, &anchor, args)?;
    if profile {
        badge.pin();
    }
    panel.borrow_mut().shown.push(Shown { id, item, badge });
    Some(())
}

/// A click by the user (never a script's) on `target` runs `run`.
fn on_click(target: &Element, panel: Weak<RefCell<Panel>>, run: impl Fn(&Shared) + 'static) {
    let listener = Closure::<dyn Fn(Event)>::new(move |e: Event| {
        e.prevent_default();
        if let Some(panel) = panel.upgrade().filter(|_| by_user(&e)) {
            run(&panel);
        }
    });
    let _ = target.add_event_listener_with_callback("click", listener.as_ref().unchecked_ref());
    listener.forget();
}

fn open_in_tab(panel: &Shared, url: String) {
    let Some(tab) = panel.borrow().tab else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let props = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&props, &"url".into(), &url.into());
        let _ = update_tab(tab, &props).await;
    });
}

fn relookup(
    panel: &Shared,
    id: BadgeId,
    person: talent_bridge::protocol::PersonQuery,
    search: bool,
) -> Rc<dyn Fn()> {
    let weak = Rc::downgrade(panel);
    Rc::new(move || {
        let (weak, person) = (weak.clone(), person.clone());
        if let Some(panel) = weak.upgrade() {
            show_answer(&panel, id, Badge::bare(BadgeState::Checking));
        }
        wasm_bindgen_futures::spawn_local(async move {
            let view = look_up(vec![person], true, search)
                .await
                .and_then(|views| views.into_iter().next());
            if let (Some(panel), Some(view)) = (weak.upgrade(), view) {
                show_answer(&panel, id, view);
            }
        });
    })
}

/// The new people, looked up together; each answer goes to its row if it is still listed.
fn lookup(
    panel: &Shared,
    asked: Vec<(BadgeId, talent_bridge::protocol::PersonQuery)>,
    search: bool,
) {
    let weak = Rc::downgrade(panel);
    look_up_each(asked, false, search, move |answer| {
        let Some(panel) = weak.upgrade() else { return };
        match answer {
            Answer::Badge(id, view) => show_answer(&panel, id, view),
            Answer::SearchBadgesOff => search_badges_known(&panel, SearchBadges::Off),
        }
    });
}

fn show_answer(panel: &Shared, id: BadgeId, view: Badge) {
    let state = view.state;
    {
        let mut p = panel.borrow_mut();
        if !p.rows.show(id, state) {
            return;
        }
        if let Some(shown) = p.shown.iter_mut().find(|s| s.id == id) {
            let _ = shown.item.set_attribute("data-state", state.as_str());
            shown.badge.show(view);
        }
    }
    apply_filter(panel);
}

#[derive(Clone, Copy, PartialEq)]
enum View {
    Profile,
    Search,
    Elsewhere,
}

/// What the panel shows for the page: a profile, a search page's people, or the popup's
/// content (quota, pending exports, sign-in).
fn draw_view(panel: &Shared, view: View) {
    {
        let p = panel.borrow();
        let hide = |el: &Element, hidden: bool| {
            let _ = if hidden {
                el.set_attribute("hidden", "")
            } else {
                el.remove_attribute("hidden")
            };
        };
        hide(&p.home, view != View::Elsewhere);
        hide(&p.list, view == View::Elsewhere);
        hide(&p.filters, view != View::Search);
        let _ = p.list.set_attribute(
            "data-view",
            match view {
                View::Profile => "profile",
                View::Search => "search",
                View::Elsewhere => "elsewhere",
            },
        );
        let title = match view {
            View::Profile => t("panelTitleProfile"),
            View::Search => t("panelTitleSearch"),
            View::Elsewhere => t("extName"),
        };
        p.title.set_text_content(Some(&title));
        // The home view is the popup's page: loaded the first time it shows.
        if view == View::Elsewhere && !p.home.has_attribute("src") {
            let _ = p.home.set_attribute("src", "popup.html");
        }
        // Rows follow the page's order.
        for row in p.rows.rows() {
            if let Some(shown) = p.shown.iter().find(|s| s.id == row.id) {
                let _ = p.list.append_child(&shown.item);
            }
        }
    }
    apply_filter(panel);
}

/// The filter's buttons, each with how many people it shows.
fn draw_filters(panel: &Shared) -> Option<()> {
    let document = panel.borrow().document.clone();
    for filter in Filter::ALL {
        let button = element(
            &document,
            "button",
            &[
                ("type", "button"),
                ("data-tb", "panel-filter"),
                ("data-filter", filter_name(filter)),
                (
                    "aria-pressed",
                    if filter == Filter::All {
                        "true"
                    } else {
                        "false"
                    },
                ),
            ],
            None,
        )?;
        panel.borrow().filters.append_child(&button).ok()?;
        on_click(&button, Rc::downgrade(panel), move |panel| {
            panel.borrow_mut().filter = filter;
            apply_filter(panel);
        });
    }
    Some(())
}

fn filter_name(filter: Filter) -> &'static str {
    match filter {
        Filter::All => "all",
        Filter::NotInCrm => "not_in_crm",
        Filter::InCrm => "in_crm",
        Filter::OutOfDate => "out_of_date",
    }
}

/// Hides the rows the filter does not show; the buttons say how many each shows.
fn apply_filter(panel: &Shared) {
    let p = panel.borrow();
    let counts = p.rows.counts();
    let buttons = p.filters.children();
    for (i, filter) in Filter::ALL.into_iter().enumerate() {
        let count = counts.get(i).copied().unwrap_or(0).to_string();
        if let Some(button) = u32::try_from(i).ok().and_then(|i| buttons.item(i)) {
            button.set_text_content(Some(&t_with(filter.message(), &[&count])));
            let pressed = if filter == p.filter { "true" } else { "false" };
            let _ = button.set_attribute("aria-pressed", pressed);
        }
    }
    for row in p.rows.rows() {
        if let Some(shown) = p.shown.iter().find(|s| s.id == row.id) {
            let _ = if p.filter.shows(row.state) {
                shown.item.remove_attribute("hidden")
            } else {
                shown.item.set_attribute("hidden", "")
            };
        }
    }
    let total = counts.first().copied().unwrap_or(0).to_string();
    let shown = p.rows.shown(p.filter).count().to_string();
    let summary = match p.list.get_attribute("data-view").as_deref() {
        Some("search") => t_with("panelSummarySearch", &[&shown, &total]),
        _ => String::new(),
    };
    p.summary.set_text_content(Some(&summary));
}
