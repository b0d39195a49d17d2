//! Tying a card that links to nobody to the URL's person: a source that names the URL's id
//! (its embedded record, its JSON-LD, a head naming its profile) gives the same name as a line
//! of the card (PRODUCT.md P4). Labels around either name do not count (P3).

use super::identity::Identity;
use super::outline::Line;
use super::{MAX_NAME_LINE, Reader, Source, head_meta, hygiene, json_ld};
use crate::case;
use crate::site::dom::Dom;

impl<D: Dom> Reader<'_, D> {
    /// Ties an anonymous card to the URL's person when a source that names the URL's id gives
    /// the same name as the card's heading.
    pub(super) fn corroborate(&mut self, identity: &mut Identity, name: &str) {
        let names = self.url_names(identity);
        if let Some(source) = vouching(&names, name) {
            identity.confirm(source);
        }
    }

    /// The card's line that is the name the URL's sources give, in designs whose name is no
    /// heading (2019–2021: a list item above the `h2` headline); the name vouches for the line.
    pub(super) fn line_named_by_url(
        &mut self,
        identity: &Identity,
        lines: &[Line<D::Node>],
    ) -> Option<(usize, Source)> {
        let names = self.url_names(identity);
        lines
            .iter()
            .take(MAX_NAME_LINE)
            .enumerate()
            .find_map(|(i, line)| Some((i, vouching(&names, &line.text)?)))
    }

    /// The names the sources naming the URL's id give, most trusted first, labels taken out.
    fn url_names(&mut self, identity: &Identity) -> Vec<(String, Source)> {
        let subject = self.embedded_subject(identity).and_then(|s| s.name);
        let person = json_ld::person(self.dom, &self.root, &self.key).and_then(|p| p.name);
        let head = head_meta::names(self.dom, &self.root, &self.key);
        [
            (subject, Source::ProfileJson),
            (person, Source::JsonLd),
            (head.og, Source::OgMeta),
            (head.title, Source::DocumentTitle),
        ]
        .into_iter()
        .filter_map(|(name, source)| {
            let name = case::lower(&hygiene::clean_name(&name?)?);
            Some((name, source))
        })
        .collect()
    }
}

/// The most trusted source whose name is `text`'s, labels aside.
fn vouching(names: &[(String, Source)], text: &str) -> Option<Source> {
    let text = case::lower(&hygiene::clean_name(text)?);
    names
        .iter()
        .find(|(name, _)| *name == text)
        .map(|(_, source)| *source)
}
