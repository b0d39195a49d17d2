//! Emails and phone numbers in the one form they are compared in: emails without case, phones
//! as their digits with a leading `+` kept (`+44 20 7946 0001` = `+442079460001`).
use talent_bridge::case;

/// Shortest phone number worth matching on; fewer digits are an extension or a typo.
const MIN_PHONE_DIGITS: usize = 7;
const MAX_PHONE_DIGITS: usize = 16;
const MAX_EMAIL_LEN: usize = 254;

/// The emails of a field (an update appends after `,` or `;`), each trimmed and lower-cased.
pub fn emails_of(field: &str) -> Vec<String> {
    let mut out: Vec<String> = field
        .split([',', ';', ' '])
        .map(|e| case::lower(e.trim().trim_start_matches("mailto:")))
        .filter(|e| is_email(e))
        .collect();
    out.dedup();
    out
}

/// The phone numbers of a field (an update appends after `,` or `;`): digits, with a leading `+`
/// kept and `00` read as `+`.
pub fn phones_of(field: &str) -> Vec<String> {
    let mut out: Vec<String> = field.split([',', ';', '/']).filter_map(phone).collect();
    out.dedup();
    out
}

fn phone(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    let (plus, digits) = if raw.starts_with('+') {
        (true, digits.as_str())
    } else if let Some(rest) = digits.strip_prefix("00") {
        (true, rest)
    } else {
        (false, digits.as_str())
    };
    if !(MIN_PHONE_DIGITS..=MAX_PHONE_DIGITS).contains(&digits.len()) {
        return None;
    }
    Some(if plus {
        format!("+{digits}")
    } else {
        digits.to_string()
    })
}

fn is_email(e: &str) -> bool {
    e.len() <= MAX_EMAIL_LEN
        && e.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !domain.contains('@')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_compared_without_case() {
        assert_eq!(emails_of(" Ada@Example.ORG "), ["ada@example.org"]);
        assert_eq!(
            emails_of("ada@example.org, a.king@example.com"),
            ["ada@example.org", "a.king@example.com"]
        );
        assert!(emails_of("not an email").is_empty());
    }

    #[test]
    fn phones_are_compared_as_digits() {
        assert_eq!(phones_of("+44 20 7946 0001"), ["+442079460001"]);
        assert_eq!(phones_of("+44 (20) 7946-0001"), ["+442079460001"]);
        assert_eq!(phones_of("0044 20 7946 0001"), ["+442079460001"]);
        assert_eq!(phones_of("020 7946 0001"), ["02079460001"]);
        assert_eq!(phones_of("(555) 010-9999; +1 555 010 8888").len(), 2);
        assert!(phones_of("12 34").is_empty());
    }
}
