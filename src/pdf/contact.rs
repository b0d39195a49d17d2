//! The Contact section: email, phone and profile URL. Values wrap over lines and end with a
//! "(Label)" — except the email, which has none, so a wrapped email's last letters stand on a
//! line of their own and must not run into the next value (issue #14: profile URLs read as
//! "mwww.linkedin.com/…"). The link annotations (`mailto:`, `/in/`) are the truth where the
//! printed text is broken (DESIGN.md §7).

use super::headings::{Section, is_phone_label};
use super::layout::{Layout, Line};
use super::runs::Link;
use crate::case;

/// One entry of the Contact section: a value, maybe wrapped over lines, and its "(Label)".
#[derive(Debug)]
pub(super) struct ContactItem {
    pub(super) value: String,
    pub(super) label: Option<String>,
}

/// Splits "value (Label)" into its parts.
fn split_label(text: &str) -> (&str, Option<&str>) {
    let Some(body) = text.strip_suffix(')') else {
        return (text, None);
    };
    match body.rfind('(') {
        Some(open) => (
            body.get(..open).unwrap_or_default().trim(),
            Some(body.get(open + 1..).unwrap_or_default().trim()),
        ),
        None => (text, None),
    }
}

/// Text that can only begin a new contact value: a URL, an email, a phone number.
fn starts_value(text: &str) -> bool {
    let lower = case::lower(text);
    lower.starts_with("www.")
        || lower.starts_with("http")
        || lower.contains("linkedin.com")
        || text.contains('/')
        || text.contains('@')
        || looks_like_phone(text)
}

pub(super) fn contact_items<'a>(lines: impl Iterator<Item = &'a Line>) -> Vec<ContactItem> {
    let mut items = Vec::new();
    let mut pending: Vec<&str> = Vec::new();
    let flush = |pending: &mut Vec<&str>, items: &mut Vec<ContactItem>| {
        if !pending.is_empty() {
            items.push(ContactItem {
                value: join_pieces(pending),
                label: None,
            });
            pending.clear();
        }
    };
    for line in lines {
        let text = line.text.trim();
        let (body, label) = split_label(text);
        // An email carries no label: a labelled line or one that starts the next value ends
        // it, and any fragment before that line is the email's wrapped tail.
        let pending_email = pending.iter().any(|p| p.contains('@'));
        if pending_email && (label.is_some() || starts_value(body)) {
            flush(&mut pending, &mut items);
        }
        match label {
            Some(label) => {
                if !body.is_empty() {
                    pending.push(body);
                }
                items.push(ContactItem {
                    value: join_pieces(&pending),
                    label: Some(label.to_string()),
                });
                pending.clear();
            }
            None if pending.is_empty() && looks_like_phone(text) => items.push(ContactItem {
                value: text.to_string(),
                label: None,
            }),
            None => pending.push(text),
        }
    }
    flush(&mut pending, &mut items);
    items
}

/// A URL or email wrapped over lines is glued back without spaces; other text gets one space
/// per break.
fn join_pieces(pieces: &[&str]) -> String {
    if pieces.iter().all(|p| !p.contains(' ')) {
        pieces.concat()
    } else {
        super::fields::words(pieces.iter().copied())
    }
}

pub(super) fn looks_like_phone(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    (7..=20).contains(&digits)
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().\u{2010}\u{2011}/".contains(c))
}

/// An email address alone on its text (surrounding punctuation trimmed).
pub(super) fn as_email(text: &str) -> Option<String> {
    let candidate = text
        .trim()
        .trim_matches(|c: char| matches!(c, '<' | '>' | '(' | ')' | ',' | ';' | '.'));
    let (local, domain) = candidate.split_once('@')?;
    let valid = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !candidate.contains(char::is_whitespace)
        && !domain.contains('@')
        && !candidate.contains('/');
    valid.then(|| candidate.to_string())
}

/// Contact details printed outside the Contact section (the 2017 layout's email under the
/// headline) are no headline or location.
pub(super) fn is_contact_detail(text: &str) -> bool {
    let lower = case::lower(text);
    as_email(text).is_some()
        || lower.contains("linkedin.com")
        || lower.starts_with("http")
        || lower.starts_with("www.")
        || looks_like_phone(text)
}

pub(super) fn phone(contact: &[ContactItem]) -> Option<String> {
    contact
        .iter()
        .find(|item| {
            item.label.as_deref().is_some_and(is_phone_label) && looks_like_phone(&item.value)
        })
        .or_else(|| contact.iter().find(|item| looks_like_phone(&item.value)))
        .map(|item| item.value.clone())
}

/// The `mailto:` link first (the printed address can wrap), then the Contact section, then the
/// top of the profile (the 2017 layout prints it under the headline).
pub(super) fn email(layout: &Layout, links: &[Link], contact: &[ContactItem]) -> Option<String> {
    links
        .iter()
        .filter_map(|l| {
            let rest = l
                .uri
                .get(..7)?
                .eq_ignore_ascii_case("mailto:")
                .then(|| l.uri.get(7..))??;
            let address = rest.split('?').next()?;
            as_email(&percent_decode(address))
        })
        .chain(contact.iter().filter_map(|item| as_email(&item.value)))
        .chain(layout.lines(Section::Top).filter_map(|l| as_email(&l.text)))
        .next()
}

/// The profile URL as the Contact section prints it (`www.linkedin.com/in/…`, no scheme), its
/// host and path taken from the link annotation when there is one (the printed URL wraps,
/// sometimes percent-encoded over three lines, and a wrapped email may run into it); the link
/// alone when nothing is printed (the 2017 layout).
pub(super) fn profile_url(links: &[Link], contact: &[ContactItem]) -> Option<String> {
    let link = links
        .iter()
        .map(|l| l.uri.as_str())
        .find(|uri| uri.contains("linkedin.com/in/"))
        .map(|uri| {
            let end = uri.find(['?', '#']).unwrap_or(uri.len());
            uri.get(..end).unwrap_or(uri).trim_end_matches('/')
        });
    let printed = contact
        .iter()
        .map(|item| item.value.as_str())
        .find(|value| value.contains("linkedin.com/in/"));
    match (printed, link) {
        (Some(printed), Some(link)) => {
            let link = link.split_once("://").map_or(link, |(_, rest)| rest);
            // "linkedin.com/in/x" printed for "www.linkedin.com/in/x": as printed.
            let printed_host = printed.get(..printed.find("/in/")?)?;
            let link_host = link.get(..link.find("/in/")?)?;
            let host = if link_host.ends_with(printed_host) {
                printed_host
            } else {
                link_host
            };
            Some(format!("{host}{}", link.get(link.find("/in/")?..)?))
        }
        (Some(printed), None) => Some(printed.trim_end_matches('/').to_string()),
        (None, Some(link)) => Some(link.to_string()),
        (None, None) => None,
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(value)) => {
                out.push(value);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(y: f32, text: &str) -> Line {
        Line {
            page: 1,
            x: 21.6,
            y,
            size: 11.0,
            text: text.into(),
            bold: false,
            color: 0xffffff,
        }
    }

    #[test]
    fn contact_values_wrap_and_carry_labels() {
        let lines = [
            line(73.0, "+44 20 8638 8170 (Work)"),
            line(86.0, "carlos@cmpsoares.com"),
            line(110.0, "stackexchange.com/"),
            line(123.0, "users/3911310/cmpsoares (Other)"),
        ];
        let items = contact_items(lines.iter());
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].value, "+44 20 8638 8170");
        assert_eq!(items[1].value, "carlos@cmpsoares.com");
        assert_eq!(items[2].value, "stackexchange.com/users/3911310/cmpsoares");
        assert_eq!(items[2].label.as_deref(), Some("Other"));
    }

    #[test]
    fn a_wrapped_emails_last_letters_stay_with_the_email() {
        let lines = [
            line(73.0, "margaret.hamilton@example.co"),
            line(86.0, "m"),
            line(99.0, "+1 617 555 0134 (Mobile)"),
            line(112.0, "anna@bäckerei-"),
            line(125.0, "größe.de"),
            line(138.0, "www.linkedin.com/in/anna-"),
            line(151.0, "weiss (LinkedIn)"),
            line(164.0, "x@example.co"),
            line(177.0, "m"),
            line(190.0, "example.com (Company)"),
            line(203.0, "a.very.long.first.and.last.name"),
            line(216.0, "@example.org"),
            line(229.0, "www.linkedin.com/in/y (LinkedIn)"),
        ];
        let items = contact_items(lines.iter());
        let values: Vec<&str> = items.iter().map(|i| i.value.as_str()).collect();
        assert_eq!(
            values,
            [
                "margaret.hamilton@example.com",
                "+1 617 555 0134",
                "anna@bäckerei-größe.de",
                "www.linkedin.com/in/anna-weiss",
                "x@example.com",
                "example.com",
                "a.very.long.first.and.last.name@example.org",
                "www.linkedin.com/in/y"
            ]
        );
        assert_eq!(phone(&items).as_deref(), Some("+1 617 555 0134"));
    }

    #[test]
    fn the_profile_url_takes_its_path_from_the_link_and_drops_a_leaked_prefix() {
        let link = |uri: &str| Link {
            page: 1,
            uri: uri.into(),
        };
        let printed = |value: &str| ContactItem {
            value: value.into(),
            label: Some("LinkedIn".into()),
        };
        let links = [link("https://www.linkedin.com/in/ada-lovelace?trk=pdf")];
        assert_eq!(
            profile_url(&links, &[printed("mwww.linkedin.com/in/ada-lovelace")]).as_deref(),
            Some("www.linkedin.com/in/ada-lovelace")
        );
        assert_eq!(
            profile_url(&links, &[printed("linkedin.com/in/ada-")]).as_deref(),
            Some("linkedin.com/in/ada-lovelace")
        );
        assert_eq!(
            profile_url(&links, &[]).as_deref(),
            Some("https://www.linkedin.com/in/ada-lovelace")
        );
    }
}
