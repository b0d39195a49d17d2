use super::*;

#[test]
#[allow(clippy::disallowed_methods)] // std is what this is checked against
fn every_character_lowercases_as_std_does() {
    let mut checked = 0;
    for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
        let std: String = c.to_lowercase().collect();
        assert_eq!(lower(&c.to_string()), std, "U+{:04X}", u32::from(c));
        checked += 1;
    }
    assert_eq!(checked, 0x110000 - 0x800);
}

#[test]
#[allow(clippy::disallowed_methods)] // std is what this is checked against
fn text_lowercases_as_std_does_but_sigma_is_always_sigma() {
    for text in [
        "Jürgen MÜLLER",
        "ÉLODIE Ñúñez",
        "İstanbul",
        "ΑΘΗΝΑ",
        "Łódź",
        "ǅemal",
        "Ǆ",
        "ПЁТР",
        "ՀԱՅԿ",
        "ᏣᎳᎩ",
        "𐐀𐐁",
    ] {
        assert_eq!(lower(text), text.to_lowercase(), "{text}");
    }
    // std writes a word-final capital sigma as `ς`; the CRM's folding, and this, as `σ`.
    assert_eq!("ΟΔΥΣΣΕΥΣ".to_lowercase(), "οδυσσευς");
    assert_eq!(lower("ΟΔΥΣΣΕΥΣ"), "οδυσσευσ");
}

#[test]
fn the_table_is_runs_not_pairs() {
    assert!(
        RUNS.len() < 200,
        "{} runs: did the packing in build.rs stop merging?",
        RUNS.len()
    );
    assert!(
        RUNS.windows(2).all(|w| w[0] & FIRST < w[1] & FIRST),
        "runs in order"
    );
}
