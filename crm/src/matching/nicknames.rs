//! Given names people go by: "Bill" is William, "Kate" is Katherine. Each group's first entry
//! is the form names are compared in. Small on purpose: a wrong pairing would merge two people.

const GROUPS: &[&[&str]] = &[
    &["william", "bill", "billy", "will", "willy", "liam"],
    &["robert", "bob", "bobby", "rob", "robbie"],
    &[
        "katherine",
        "kate",
        "katie",
        "kathy",
        "kat",
        "catherine",
        "kathryn",
        "katharine",
        "cathy",
    ],
    &["margaret", "maggie", "meg", "peggy", "marge", "margie"],
    &["alexander", "alex", "alexandra", "sasha", "xander"],
    &["elizabeth", "liz", "lizzie", "beth", "betty", "eliza"],
    &["richard", "rick", "ricky", "dick", "rich"],
    &["james", "jim", "jimmy", "jamie"],
    &["john", "jack", "johnny"],
    &["michael", "mike", "mick", "mickey"],
    &["thomas", "tom", "tommy"],
    &["joseph", "joe", "joey"],
    &["daniel", "dan", "danny"],
    &["david", "dave"],
    &["edward", "ed", "eddie", "ted", "ned"],
    &["charles", "charlie", "chuck"],
    &["christopher", "chris"],
    &["jennifer", "jen", "jenny"],
    &["patricia", "patty", "trish"],
    &["susan", "sue", "susie"],
    &["deborah", "debbie", "deb"],
    &["anthony", "tony"],
    &["nicholas", "nick", "nicky"],
    &["matthew", "matt"],
    &["andrew", "andy", "drew"],
    &["benjamin", "ben"],
    &["steven", "stephen", "steve"],
    &["jonathan", "jon"],
    &["gregory", "greg"],
    &["timothy", "tim"],
    &["kenneth", "ken", "kenny"],
    &["ronald", "ron"],
    &["donald", "don"],
    &["peter", "pete"],
    &["frederick", "fred", "freddie"],
    &["dorothy", "dot", "dottie"],
    &["rebecca", "becky", "becca"],
    &["victoria", "vicky", "tori"],
    // German transliteration: "ü" written "ue" (the fold turns "ü" into "u").
    &["jurgen", "juergen"],
];

/// The form a given name is compared in (`bill` → `william`); other words come back as they are.
pub fn formal(word: &str) -> &str {
    GROUPS
        .iter()
        .find(|group| group.contains(&word))
        .and_then(|group| group.first())
        .copied()
        .unwrap_or(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nicknames_map_to_one_form() {
        assert_eq!(formal("bill"), "william");
        assert_eq!(formal("william"), "william");
        assert_eq!(formal("kate"), "katherine");
        assert_eq!(formal("catherine"), "katherine");
        assert_eq!(formal("maggie"), "margaret");
        assert_eq!(formal("lovelace"), "lovelace");
    }

    #[test]
    fn no_name_is_in_two_groups() {
        let mut seen = std::collections::HashSet::new();
        for group in GROUPS {
            for name in *group {
                assert!(seen.insert(*name), "{name} is in two groups");
            }
        }
    }
}
