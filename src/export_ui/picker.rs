//! One catalog's search box and picks (pools or vacancies, PRODUCT.md E2).

use crate::protocol::{CatalogItem, MAX_IDS};

/// Search results and the picked items of one catalog (pools or vacancies).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Picker {
    pub query: String,
    pub results: Vec<CatalogItem>,
    pub selected: Vec<CatalogItem>,
    pub searching: bool,
    pub error: Option<String>,
}

impl Picker {
    /// The options to list: picked ones first (they stay visible whatever the search), then
    /// the results not picked.
    pub fn options(&self) -> Vec<(&CatalogItem, bool)> {
        let picked = self.selected.iter().map(|item| (item, true));
        let others = self
            .results
            .iter()
            .filter(|item| !self.is_selected(item.id))
            .map(|item| (item, false));
        picked.chain(others).collect()
    }

    pub fn is_selected(&self, id: i64) -> bool {
        self.selected.iter().any(|item| item.id == id)
    }

    pub fn ids(&self) -> Vec<i64> {
        self.selected
            .iter()
            .map(|item| item.id)
            .take(MAX_IDS)
            .collect()
    }

    pub(super) fn toggle(&mut self, item: CatalogItem) {
        if self.is_selected(item.id) {
            self.selected.retain(|picked| picked.id != item.id);
        } else if self.selected.len() < MAX_IDS {
            self.selected.push(item);
        }
    }

    /// The contact's current items: ids and names come as two lists in the same order.
    pub(super) fn preselect(&mut self, ids: &[i64], labels: &[String]) {
        self.selected = ids
            .iter()
            .enumerate()
            .map(|(i, id)| CatalogItem {
                id: *id,
                label: labels.get(i).cloned().unwrap_or_else(|| id.to_string()),
            })
            .collect();
    }
}
