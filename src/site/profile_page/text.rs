//! Small judgements about one line of top-card text: degree labels, separators, pronouns.
use crate::case;

/// Trims and folds runs of white space (including no-break spaces) into one space. Bidi
/// controls stay: the UI isolates page text and balances it where it shows it (`crate::bidi`),
/// which costs the content script, whose size is budgeted, nothing.
pub fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The connection degree a label names, in any of the site's languages (`site::labels`).
pub use crate::site::labels::degree_of;

/// A line that only separates others ("·", "|", "•").
pub fn is_separator(line: &str) -> bool {
    line.chars()
        .all(|c| c.is_whitespace() || is_separator_char(c))
}

fn is_separator_char(c: char) -> bool {
    matches!(c, '·' | '•' | '|' | '-' | '–' | '—' | ',')
}

/// Pronouns the site prints beside the name ("He/Him", "(she/they)", "Elle/Elle", "Er/Ihm"),
/// en fr de es pt nl it.
pub fn is_pronouns(line: &str) -> bool {
    const PRONOUNS: &[&[&str]] = &[
        &[
            "he", "him", "his", "she", "her", "hers", "they", "them", "theirs", "xe", "xem", "ze",
            "zir", "any",
        ],
        &["il", "lui", "elle", "iel", "elles", "ils"],
        &["er", "ihm", "sie", "ihr", "es", "dey"],
        &["él", "ella", "elle", "ellos", "ellas"],
        &["ele", "dele", "ela", "dela", "elu"],
        &["hij", "hem", "zij", "haar", "hen", "die"],
        &["lei", "loro"],
    ];
    let is_pronoun = |w: &str| PRONOUNS.iter().any(|lang| lang.contains(&w));
    let bare = line.trim().trim_start_matches('(').trim_end_matches(')');
    bare.contains('/')
        && bare
            .split('/')
            .all(|part| is_pronoun(case::lower(part.trim()).as_str()))
}

/// The two halves of a "Company · School" line; `None` unless it has exactly two parts.
pub fn split_company_school(line: &str) -> Option<(String, String)> {
    let mut parts = line.split(['·', '•']).map(str::trim);
    let (first, second) = (parts.next()?, parts.next()?);
    if parts.next().is_some() || first.is_empty() || second.is_empty() {
        return None;
    }
    Some((first.to_string(), second.to_string()))
}

/// The title in a headline that reads "<title> at <company>", for a company read elsewhere.
pub fn title_before_company(headline: &str, company: &str) -> Option<String> {
    const CONNECTORS: &[&str] = &[
        " at ", " @ ", " bei ", " chez ", " presso ", " en ", " na ", " w ",
    ];
    CONNECTORS.iter().find_map(|connector| {
        let title = strip_suffix_ignore_case(headline, &format!("{connector}{company}"))?.trim();
        (!title.is_empty()).then(|| title.to_string())
    })
}

fn strip_suffix_ignore_case<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let n = suffix.chars().count();
    let start = s.char_indices().rev().nth(n.checked_sub(1)?)?.0;
    let tail = s.get(start..)?;
    (case::lower(tail) == case::lower(suffix))
        .then(|| s.get(..start))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    // proves P3: every way the designs write a degree reads as the same number.
    #[test]
    fn degree_labels_of_every_design() {
        assert_eq!(degree_of("· 2nd"), Some(2));
        assert_eq!(degree_of("·\u{a0}1st"), Some(1));
        assert_eq!(degree_of("3rd+"), Some(3));
        assert_eq!(degree_of("3rd degree connection"), Some(3));
        assert_eq!(degree_of("2nd"), Some(2));
        assert_eq!(degree_of("Founder & CEO"), None);
        assert_eq!(degree_of("1st place winner"), None);
    }

    #[test]
    fn separators_and_pronouns_are_not_content() {
        assert!(is_separator("·"));
        assert!(is_separator(" | "));
        assert!(!is_separator("Melbourne"));
        assert!(is_pronouns("He/Him"));
        assert!(is_pronouns("(she/they)"));
        assert!(!is_pronouns("CEO/CTO"));
        assert!(!is_pronouns("Founder"));
    }

    #[test]
    fn company_school_line_needs_two_parts() {
        assert_eq!(
            split_company_school("Ethnolink · Monash University"),
            Some(("Ethnolink".into(), "Monash University".into()))
        );
        assert_eq!(split_company_school("Ethnolink"), None);
        assert_eq!(split_company_school("A · B · C"), None);
    }

    #[test]
    fn title_only_when_the_headline_ends_with_the_company() {
        assert_eq!(
            title_before_company("Software Engineer at Google", "Google").as_deref(),
            Some("Software Engineer")
        );
        assert_eq!(
            title_before_company("Founder & CEO | Ethnolink - Agency", "Ethnolink"),
            None
        );
        assert_eq!(title_before_company("at Google", "Google"), None);
    }
}
