//! "Dim people already in the CRM" on search results (PRODUCT.md Q3): the user's own choice,
//! off by default, page mode only (frame mode and the side panel have their own filter).
//!
//! The page must not learn from it whom the CRM knows (S5): with the choice on, *every* search
//! card gets the same layer over it, drawn inside our closed root, and only the layer's look
//! depends on the person. So every card's host stays the same in all the page can measure
//! (attributes, box, computed style, scroll overflow, `elementFromPoint`).

use super::BadgeKind;
use crate::protocol::BadgeState;

/// The user's "Dim people already in the CRM on search results", as the worker told it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DimInCrm {
    on: bool,
}

impl DimInCrm {
    pub fn from_setting(on: bool) -> Self {
        Self { on }
    }

    /// Whether a badge of `kind` lays a layer over its card: every search card while the
    /// choice is on, whatever the person's state (a profile, or "Can't read", never).
    pub fn covers(self, kind: BadgeKind) -> bool {
        self.on && kind == BadgeKind::Card
    }

    /// Whether the layer over the card of a badge of `kind` in `state` dims it: the person is
    /// already in the CRM ("In CRM", and "Out of date", which is in it too). Several matches
    /// are not dimmed: which of them is this person is for the user to find out.
    pub fn dims(self, kind: BadgeKind, state: BadgeState) -> bool {
        self.covers(kind) && matches!(state, BadgeState::InCrm | BadgeState::OutOfDate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [BadgeState; 8] = BadgeState::ALL;

    // proves Q3: with the choice on, people already in the CRM are dimmed, no one else.
    #[test]
    fn on_dims_in_crm_and_out_of_date_cards_only() {
        let on = DimInCrm::from_setting(true);
        let dimmed: Vec<BadgeState> = ALL
            .into_iter()
            .filter(|s| on.dims(BadgeKind::Card, *s))
            .collect();
        assert_eq!(dimmed, [BadgeState::InCrm, BadgeState::OutOfDate]);
    }

    // proves Q3: off by default, nothing is covered or dimmed.
    #[test]
    fn off_by_default_nothing_is_dimmed() {
        let off = DimInCrm::default();
        assert_eq!(off, DimInCrm::from_setting(false));
        assert!(!off.covers(BadgeKind::Card));
        assert!(ALL.into_iter().all(|s| !off.dims(BadgeKind::Card, s)));
    }

    // proves Q3, S5: every search card gets the layer, in whatever state, so no host differs
    // from another; profiles never get one.
    #[test]
    fn every_search_card_is_covered_and_only_search_cards() {
        let on = DimInCrm::from_setting(true);
        assert!(on.covers(BadgeKind::Card));
        assert!(!on.covers(BadgeKind::Profile));
        assert!(!on.covers(BadgeKind::Unreadable));
        for kind in [BadgeKind::Profile, BadgeKind::Unreadable] {
            assert!(ALL.into_iter().all(|s| !on.dims(kind, s)));
        }
    }
}
