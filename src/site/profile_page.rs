//! Extraction of a profile page's top card. Never leans on class names (PRODUCT.md P4).

use super::dom::Dom;
use super::{PageRead, Unreadable};
use crate::profile::{Profile, ProfileFacts, ProfileKey, Visibility};

/// Reads the profile of `key` from the page.
pub fn read_profile<D: Dom>(dom: &D, key: ProfileKey) -> PageRead<D::Node> {
    let root = dom.root();
    let Some(main) = dom.select_first(&root, "main") else {
        return PageRead::UnreadableProfile { key, why: Unreadable::NoTopCard };
    };
    let Some(heading) = dom.select_first(&main, "h1, h2") else {
        return PageRead::UnreadableProfile { key, why: Unreadable::NoName };
    };
    let name = collapse_ws(&dom.text(&heading));
    if name.is_empty() {
        return PageRead::UnreadableProfile { key, why: Unreadable::NoName };
    }
    let profile = Profile {
        key,
        visibility: Visibility::Public,
        own: false,
        facts: ProfileFacts { name: Some(name), ..ProfileFacts::default() },
    };
    PageRead::Profile { profile, anchor: Some(heading) }
}

/// Trims and folds runs of white space (including no-break spaces) into one space.
pub fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
