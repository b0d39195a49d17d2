//! Values made once per name and kept: the few dozen names a module asks the browser about again
//! and again (selectors, attribute names, catalogue messages; issue #20). Bounded: past `max`
//! names, a value is made each time and not kept.

use std::cell::RefCell;

pub struct Kept<V> {
    kept: RefCell<Vec<(String, V)>>,
    max: usize,
}

impl<V: Clone> Kept<V> {
    pub const fn new(max: usize) -> Self {
        Self {
            kept: RefCell::new(Vec::new()),
            max,
        }
    }

    /// The value kept for `name`, or the one `make` makes (kept while there is room).
    pub fn get(&self, name: &str, make: impl FnOnce() -> V) -> V {
        if let Some((_, value)) = self.kept.borrow().iter().find(|(n, _)| n == name) {
            return value.clone();
        }
        let value = make();
        let mut kept = self.kept.borrow_mut();
        if kept.len() < self.max {
            kept.push((name.to_owned(), value.clone()));
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn a_value_is_made_once_per_name_while_there_is_room() {
        let kept = Kept::new(2);
        let made = Cell::new(0);
        let make = |v: u32| {
            made.set(made.get() + 1);
            v
        };
        assert_eq!(kept.get("a", || make(1)), 1);
        assert_eq!(kept.get("a", || make(9)), 1);
        assert_eq!(kept.get("b", || make(2)), 2);
        assert_eq!(made.get(), 2);
        // Full: a third name is made each time, and what is kept stays.
        assert_eq!(kept.get("c", || make(3)), 3);
        assert_eq!(kept.get("c", || make(4)), 4);
        assert_eq!(kept.get("b", || make(9)), 2);
        assert_eq!(made.get(), 4);
    }
}
