//! Reading one candidate as a card: its own lines (those of inner candidates are parts of it),
//! its name (`name_run`), whom it shows (`identity`), and its fields (`fields`).

use super::name_run::{self, Found};
use super::{SearchCard, fields, identity};
use crate::profile::{Profile, ProfileFacts, ProfileKey, Visibility};
use crate::site::dom::Dom;
use crate::site::profile_page::explain::{Source, Sources};
use crate::site::profile_page::links::urn_of;
use crate::site::profile_page::outline::{self, Line, Sight};

/// Bounds what `tb --explain` lists per card.
const MAX_DROPPED: usize = 24;
const MAX_DROPPED_CHARS: usize = 120;

/// What a candidate turned out to be.
pub(super) enum Reading<N> {
    Card(Box<SearchCard<N>>),
    /// Nothing of its own but other candidates: read those instead.
    Wrapper,
    Nothing,
}

/// Reads `node` as a card; `inner` are the candidates inside it, `viewer` whom the page's own
/// navigation names.
pub(super) fn read<D: Dom>(
    dom: &D,
    node: &D::Node,
    inner: &[D::Node],
    viewer: &[ProfileKey],
) -> Reading<D::Node> {
    let lines: Vec<Line<D::Node>> = outline::lines_except(dom, node, Sight::Eye, inner);
    let run = match name_run::find(dom, node, &lines) {
        Found::Name(run) => run,
        Found::Nothing if !inner.is_empty() => return Reading::Wrapper,
        Found::Nothing | Found::LimitedWithoutLink | Found::Unsure => return Reading::Nothing,
    };
    let Some(ids) = identity::resolve(dom, node, inner, &run.link, &run.subject) else {
        return Reading::Nothing;
    };
    let key = ids.key(&run.subject.key);
    if viewer.contains(&key) || viewer.contains(&run.subject.key) {
        return Reading::Nothing;
    }
    let limited = run.name.limited;
    let mut sources = Sources {
        identity: Some(Source::SearchCardLink),
        visibility: Some(if limited {
            Source::LimitedMemberName
        } else {
            Source::SearchCardName
        }),
        ..Sources::default()
    };
    let mut facts = ProfileFacts {
        member_urn: ids.member_id.as_deref().map(urn_of),
        ..ProfileFacts::default()
    };
    sources.member_urn = facts.member_urn.as_ref().and(ids.member_source);
    let fields = fields::read(dom, node, &lines, &run);
    if fields.viewer {
        return Reading::Nothing;
    }
    facts.degree = fields.degree;
    sources.degree = fields.degree.map(|_| Source::DegreeLabel);
    if !limited {
        facts.name = Some(run.name.text.clone());
        sources.name = Some(run.source);
        (facts.headline, sources.headline) = split(fields.headline);
        (facts.location, sources.location) = split(fields.location);
    }
    let dropped = run
        .name
        .dropped
        .iter()
        .chain(&fields.dropped)
        .take(MAX_DROPPED)
        .map(|d| d.chars().take(MAX_DROPPED_CHARS).collect())
        .collect();
    Reading::Card(Box::new(SearchCard {
        profile: Profile {
            key,
            visibility: if limited {
                Visibility::Limited
            } else {
                Visibility::Public
            },
            own: false,
            facts,
            pdf_offered: false,
        },
        anchor: run.name.node,
        card: node.clone(),
        sources,
        found_by: Vec::new(),
        dropped,
    }))
}

fn split(found: Option<(String, Source)>) -> (Option<String>, Option<Source>) {
    match found {
        Some((value, source)) => (Some(value), Some(source)),
        None => (None, None),
    }
}
