//! Class names hashed from a random salt drawn at every start, like the real site's build
//! output (`fe6f45b1 _06ef1717`): markup and stylesheet agree within one run, and nothing
//! outside the site can learn a class name that still holds after a restart (PRODUCT.md P4).

use std::hash::{DefaultHasher, Hash, Hasher};

/// The per-start salt and the names it derives.
#[derive(Clone, Debug)]
pub struct Classes {
    salt: u64,
}

impl Classes {
    pub fn new(salt: u64) -> Self {
        Self { salt }
    }

    /// The hashed class of one style token: eight hex digits, with a leading `_` when the
    /// first one is a digit (a CSS class name can't start with a digit).
    pub fn name(&self, token: &str) -> String {
        let mut hasher = DefaultHasher::new();
        self.salt.hash(&mut hasher);
        token.hash(&mut hasher);
        let hex = format!("{:08x}", hasher.finish() & 0xffff_ffff);
        if hex.starts_with(|c: char| c.is_ascii_digit()) {
            format!("_{hex}")
        } else {
            hex
        }
    }

    /// The `class` attribute value for space-separated style tokens.
    pub fn list(&self, tokens: &str) -> String {
        tokens
            .split_whitespace()
            .map(|t| self.name(t))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The stylesheet, with every rule of [`crate::style::RULES`] under its hashed name.
    pub fn stylesheet(&self) -> String {
        let mut css = String::from(crate::style::GLOBAL);
        for (token, declarations) in crate::style::RULES {
            css.push('.');
            css.push_str(&self.name(token));
            css.push('{');
            css.push_str(declarations);
            css.push_str("}\n");
        }
        css
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_look_like_the_real_sites_and_depend_on_the_salt() {
        let a = Classes::new(1);
        let b = Classes::new(2);
        let name = a.name("topcard");
        let hex = name.trim_start_matches('_');
        assert_eq!(hex.len(), 8);
        assert!(hex.chars().all(|c| c.is_ascii_hexdigit()));
        assert!(!name.starts_with(|c: char| c.is_ascii_digit()));
        assert_eq!(name, a.name("topcard"));
        assert_ne!(name, b.name("topcard"));
    }

    #[test]
    fn every_style_token_gets_its_own_name() {
        let classes = Classes::new(7);
        let mut names: Vec<String> = crate::style::RULES
            .iter()
            .map(|(t, _)| classes.name(t))
            .collect();
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count);
    }
}
