//! Employers compared by name without their legal form: "Datenwerk GmbH", "Datenwerk" and
//! "DATENWERK gmbh" are one company.

use super::fold::{PART_SEPARATORS, words};

/// Legal forms and their abbreviations, dropped from the end of a company name.
const LEGAL_FORMS: &[&str] = &[
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "llc",
    "llp",
    "lp",
    "gmbh",
    "mbh",
    "ag",
    "kg",
    "se",
    "sa",
    "sas",
    "sarl",
    "spa",
    "srl",
    "bv",
    "nv",
    "corp",
    "corporation",
    "co",
    "company",
    "plc",
    "oy",
    "ab",
    "as",
    "asa",
    "pty",
    "pte",
    "kk",
];

/// The words of a company name without its legal form; never empty when the name had words.
pub fn company_words(name: &str) -> Vec<String> {
    let mut out = words(name);
    while out.len() > 1
        && out
            .last()
            .is_some_and(|w| LEGAL_FORMS.contains(&w.as_str()))
    {
        out.pop();
    }
    out
}

/// Every company a contact's company field holds (an update appends after `;` or `|`).
pub fn companies_of(field: &str) -> Vec<Vec<String>> {
    field
        .split(PART_SEPARATORS)
        .map(company_words)
        .filter(|words| !words.is_empty())
        .collect()
}

/// 1 when the names are the same company, 0.5 when one name starts with the whole other
/// ("Google" and "Google Cloud": related, maybe not the same), 0 otherwise.
pub fn company_similarity(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        0.0
    } else if a == b {
        1.0
    } else if a.starts_with(b) || b.starts_with(a) {
        0.5
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_forms_are_ignored() {
        assert_eq!(company_words("Datenwerk GmbH"), ["datenwerk"]);
        assert_eq!(
            company_words("Foo Holdings GmbH & Co. KG"),
            ["foo", "holdings"]
        );
        assert_eq!(company_words("Acme, Inc."), ["acme"]);
        assert_eq!(company_words("Co"), ["co"]);
    }

    #[test]
    fn same_related_and_other_companies() {
        let c = |s: &str| company_words(s);
        assert_eq!(company_similarity(&c("NASA"), &c("nasa")), 1.0);
        assert_eq!(company_similarity(&c("Acme Ltd"), &c("ACME Corp")), 1.0);
        assert_eq!(company_similarity(&c("Google"), &c("Google Cloud")), 0.5);
        assert_eq!(company_similarity(&c("Google"), &c("Alphabet")), 0.0);
    }
}
