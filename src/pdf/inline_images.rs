//! Inline images cut out of content streams before hayro tokenises them.

use std::borrow::Cow;

/// The content with inline images (`BI … ID … EI`) cut out.
///
/// hayro's search for the end of an inline image can take quadratic time on crafted data, and
/// profile PDFs carry no inline images, so they are removed before hayro tokenises the content.
/// Strings and comments are skipped so that "BI" inside text is left alone.
pub(crate) fn without_inline_images(content: &[u8]) -> Cow<'_, [u8]> {
    let mut kept: Option<Vec<u8>> = None;
    let mut copied_to = 0;
    let mut i = 0;
    let mut depth = 0usize;
    while let Some(&byte) = content.get(i) {
        if depth > 0 {
            match byte {
                b'\\' => i += 1,
                b'(' => depth += 1,
                b')' => depth -= 1,
                _ => {}
            }
            i += 1;
            continue;
        }
        match byte {
            b'(' => depth = 1,
            b'%' => {
                while content.get(i).is_some_and(|b| !matches!(b, b'\n' | b'\r')) {
                    i += 1;
                }
            }
            b'B' if content.get(i + 1) == Some(&b'I')
                && is_boundary(content, i.wrapping_sub(1))
                && is_boundary(content, i + 2) =>
            {
                let end = inline_image_end(content, i + 2);
                let out = kept.get_or_insert_with(Vec::new);
                out.extend_from_slice(content.get(copied_to..i).unwrap_or_default());
                out.push(b' ');
                copied_to = end;
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    match kept {
        None => Cow::Borrowed(content),
        Some(mut out) => {
            out.extend_from_slice(content.get(copied_to..).unwrap_or_default());
            Cow::Owned(out)
        }
    }
}

fn is_boundary(content: &[u8], at: usize) -> bool {
    content
        .get(at)
        .is_none_or(|b| b.is_ascii_whitespace() || b"()<>[]{}/%".contains(b))
}

/// Where the inline image starting after `BI` at `from` ends: after the first `EI` that stands
/// alone after the `ID` keyword, or at the end of the content.
fn inline_image_end(content: &[u8], from: usize) -> usize {
    let standalone = |at: usize, token: &[u8; 2]| {
        content.get(at..at + 2) == Some(token.as_slice())
            && is_boundary(content, at.wrapping_sub(1))
            && is_boundary(content, at + 2)
    };
    let Some(data) = (from..content.len()).find(|&at| standalone(at, b"ID")) else {
        return content.len();
    };
    (data + 2..content.len())
        .find(|&at| standalone(at, b"EI"))
        .map_or(content.len(), |at| at + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_images_are_cut_out_but_text_saying_bi_stays() {
        let content = b"BT (BI team) Tj ET BI /W 1 /H 1 ID \x00\x01EI x EI Q";
        let cleaned = without_inline_images(content);
        assert_eq!(&*cleaned, b"BT (BI team) Tj ET   Q".as_slice());
    }
}
