//! The lower part of the contact page: the profile's text, attachments and notes.

use super::html::escape;
use super::lang::Lang;
use super::words::Key;
use crate::contacts::ContactRecord;

pub fn sections(record: &ContactRecord, lang: Lang) -> String {
    let mut out = String::new();
    let profile = &record.profile;
    if let Some(summary) = profile.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        out.push_str(&format!(
            "<h2>{}</h2><p data-field=\"summary\" dir=\"auto\" style=\"white-space:pre-line\">{}</p>",
            lang.say(Key::Summary),
            escape(summary)
        ));
    }
    let positions: Vec<String> = profile
        .positions
        .iter()
        .map(|p| {
            let (title, company) = (escape(&p.title), escape(&p.company));
            let mut values = vec![("title", title.as_str()), ("company", company.as_str())];
            let since = p.since.as_deref().map(escape);
            match &since {
                Some(since) => {
                    values.push(("since", since));
                    lang.fill(Key::PositionSince, &values)
                }
                None => lang.fill(Key::PositionAt, &values),
            }
        })
        .collect();
    let skills: Vec<String> = profile.skills.iter().map(|s| escape(s)).collect();
    let education: Vec<String> = profile.education.iter().map(|s| escape(s)).collect();
    for (title, field, items) in [
        (Key::Positions, "positions", positions),
        (Key::Skills, "skills", skills),
        (Key::Education, "education", education),
    ] {
        if !items.is_empty() {
            out.push_str(&format!(
                "<h2>{}</h2><ul data-field=\"{field}\"><li dir=\"auto\">{}</li></ul>",
                lang.say(title),
                items.join("</li><li dir=\"auto\">")
            ));
        }
    }
    let none_yet = lang.say(Key::NoneYet);
    out.push_str(&format!("<h2>{}</h2>", lang.say(Key::Attachments)));
    if record.attachments.is_empty() {
        out.push_str(&format!(
            "<p class=\"sub\" data-field=\"attachments\">{none_yet}</p>"
        ));
    } else {
        let rows: String = record
            .attachments
            .iter()
            .map(|a| {
                format!(
                    "<li data-attachment=\"{id}\"><a href=\"/attachments/{id}\" download>{name}</a> \
                     · {size} · SHA-256 <code>{sha}</code></li>",
                    id = a.id,
                    name = escape(&a.filename),
                    size = human_size(a.size, lang.say(Key::Bytes)),
                    sha = escape(&a.sha256),
                )
            })
            .collect();
        out.push_str(&format!("<ul data-field=\"attachments\">{rows}</ul>"));
    }
    out.push_str(&format!("<h2>{}</h2>", lang.say(Key::Notes)));
    if record.notes.is_empty() {
        out.push_str(&format!(
            "<p class=\"sub\" data-field=\"notes\">{none_yet}</p>"
        ));
    } else {
        let rows: String = record
            .notes
            .iter()
            .map(|n| {
                format!(
                    "<li><p dir=\"auto\" style=\"white-space:pre-line;margin:0\">{}</p>\
                     <span class=\"sub\">{} · {}</span></li>",
                    escape(&n.text),
                    escape(n.author.as_deref().unwrap_or(lang.say(Key::UnknownAuthor))),
                    escape(&n.created_at)
                )
            })
            .collect();
        out.push_str(&format!("<ul data-field=\"notes\">{rows}</ul>"));
    }
    out
}

/// `1.2 MB (1,234,567 bytes)`: readable, and exact for anyone comparing files.
fn human_size(bytes: u64, unit: &str) -> String {
    // Display only: the precision of f64 is plenty for sizes up to 5 MiB.
    let kb = bytes as f64 / 1000.0;
    let short = if kb < 1000.0 {
        format!("{kb:.1} kB")
    } else {
        format!("{:.1} MB", kb / 1000.0)
    };
    format!("{short} ({bytes} {unit})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_size(1500, "bytes"), "1.5 kB (1500 bytes)");
        assert_eq!(human_size(2_500_000, "octets"), "2.5 MB (2500000 octets)");
    }
}
