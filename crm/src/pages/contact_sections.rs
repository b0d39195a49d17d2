//! The lower part of the contact page: the profile's text, attachments and notes.

use super::html::escape;
use crate::contacts::ContactRecord;

pub fn sections(record: &ContactRecord) -> String {
    let mut out = String::new();
    let profile = &record.profile;
    if let Some(summary) = profile.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        out.push_str(&format!(
            "<h2>Summary</h2><p data-field=\"summary\" style=\"white-space:pre-line\">{}</p>",
            escape(summary)
        ));
    }
    let positions: Vec<String> = profile
        .positions
        .iter()
        .map(|p| {
            let since = p
                .since
                .as_deref()
                .map(|s| format!(" (since {})", escape(s)))
                .unwrap_or_default();
            format!("{} at {}{since}", escape(&p.title), escape(&p.company))
        })
        .collect();
    let skills: Vec<String> = profile.skills.iter().map(|s| escape(s)).collect();
    let education: Vec<String> = profile.education.iter().map(|s| escape(s)).collect();
    for (title, field, items) in [
        ("Positions", "positions", positions),
        ("Skills", "skills", skills),
        ("Education", "education", education),
    ] {
        if !items.is_empty() {
            out.push_str(&format!(
                "<h2>{title}</h2><ul data-field=\"{field}\"><li>{}</li></ul>",
                items.join("</li><li>")
            ));
        }
    }
    out.push_str("<h2>Attachments</h2>");
    if record.attachments.is_empty() {
        out.push_str("<p class=\"sub\" data-field=\"attachments\">None yet.</p>");
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
                    size = human_size(a.size),
                    sha = escape(&a.sha256),
                )
            })
            .collect();
        out.push_str(&format!("<ul data-field=\"attachments\">{rows}</ul>"));
    }
    out.push_str("<h2>Notes</h2>");
    if record.notes.is_empty() {
        out.push_str("<p class=\"sub\" data-field=\"notes\">None yet.</p>");
    } else {
        let rows: String = record
            .notes
            .iter()
            .map(|n| {
                format!(
                    "<li><p style=\"white-space:pre-line;margin:0\">{}</p>\
                     <span class=\"sub\">{} · {}</span></li>",
                    escape(&n.text),
                    escape(n.author.as_deref().unwrap_or("Unknown")),
                    escape(&n.created_at)
                )
            })
            .collect();
        out.push_str(&format!("<ul data-field=\"notes\">{rows}</ul>"));
    }
    out
}

/// `1.2 MB (1,234,567 bytes)`: readable, and exact for anyone comparing files.
fn human_size(bytes: u64) -> String {
    // Display only: the precision of f64 is plenty for sizes up to 5 MiB.
    let kb = bytes as f64 / 1000.0;
    let short = if kb < 1000.0 {
        format!("{kb:.1} kB")
    } else {
        format!("{:.1} MB", kb / 1000.0)
    };
    format!("{short} ({bytes} bytes)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_size(1500), "1.5 kB (1500 bytes)");
        assert_eq!(human_size(2_500_000), "2.5 MB (2500000 bytes)");
    }
}
