//! The PDF file format at its smallest: numbered objects, a cross-reference table with the
//! byte offset of each, and a trailer. Everything here is plain text except string contents
//! and the binary marker comment, so the output stays readable in a text editor.

/// An indirect object's number (generation is always 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ObjId(usize);

impl ObjId {
    /// `N 0 R`.
    pub fn r(self) -> String {
        format!("{} 0 R", self.0)
    }
}

/// A document being assembled: reserve numbers first (pages point at their parent and the
/// parent lists its pages), fill them in any order, then `finish`.
#[derive(Debug, Default)]
pub struct Writer {
    bodies: Vec<Option<Vec<u8>>>,
}

impl Writer {
    pub fn reserve(&mut self) -> ObjId {
        self.bodies.push(None);
        ObjId(self.bodies.len())
    }

    /// Sets a reserved object's body (a dictionary, array, …).
    pub fn set(&mut self, id: ObjId, body: impl Into<Vec<u8>>) {
        if let Some(slot) = id.0.checked_sub(1).and_then(|i| self.bodies.get_mut(i)) {
            *slot = Some(body.into());
        }
    }

    pub fn add(&mut self, body: impl Into<Vec<u8>>) -> ObjId {
        let id = self.reserve();
        self.set(id, body);
        id
    }

    /// A stream object, uncompressed.
    pub fn add_stream(&mut self, data: &[u8]) -> ObjId {
        let mut body = format!("<< /Length {} >>\nstream\n", data.len()).into_bytes();
        body.extend_from_slice(data);
        body.extend_from_slice(b"\nendstream");
        self.add(body)
    }

    /// The whole file. Objects never filled become `null` so the offsets stay honest.
    pub fn finish(self, root: ObjId, info: ObjId, file_id: [u8; 16]) -> Vec<u8> {
        // The second line's high bytes tell transfer tools the file is binary.
        let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::with_capacity(self.bodies.len());
        for (index, body) in self.bodies.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", index + 1).as_bytes());
            out.extend_from_slice(body.as_deref().unwrap_or(b"null"));
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        let size = self.bodies.len() + 1;
        // Each entry is exactly 20 bytes, the two-byte end of line included.
        out.extend_from_slice(format!("xref\n0 {size}\n0000000000 65535 f \n").as_bytes());
        for offset in offsets {
            out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
        }
        let id = hex(&file_id);
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {size} /Root {} /Info {} /ID [<{id}> <{id}>] >>\nstartxref\n{xref}\n%%EOF\n",
                root.r(),
                info.r()
            )
            .as_bytes(),
        );
        out
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

/// A literal string `( … )` with the three characters that need it escaped. Line breaks are
/// escaped too, so a stray one can't change the string's bytes when read back.
pub fn literal(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + 2);
    out.push(b'(');
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(b),
        }
    }
    out.push(b')');
    out
}

/// A text string for the document information dictionary: UTF-16BE with a byte-order mark,
/// as hex, so any name survives.
pub fn text_string(text: &str) -> String {
    let mut out = String::from("<FEFF");
    for unit in text.encode_utf16() {
        out.push_str(&format!("{unit:04X}"));
    }
    out.push('>');
    out
}

/// A number as content streams want it: at most two decimals, no trailing zeros.
pub fn num(value: f32) -> String {
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_strings_escape_parentheses_and_backslashes() {
        assert_eq!(literal(b"a(b)c\\d"), b"(a\\(b\\)c\\\\d)".to_vec());
        assert_eq!(literal(b"x\ny"), b"(x\\ny)".to_vec());
    }

    #[test]
    fn numbers_are_short_and_never_negative_zero() {
        assert_eq!(num(22.0), "22");
        assert_eq!(num(10.5), "10.5");
        assert_eq!(num(792.123), "792.12");
        assert_eq!(num(-0.001), "0");
    }

    #[test]
    fn info_strings_are_utf16_with_a_bom() {
        assert_eq!(text_string("Jü"), "<FEFF004A00FC>");
    }

    #[test]
    fn the_xref_table_points_at_each_object() {
        let mut w = Writer::default();
        let root = w.reserve();
        let info = w.add("<< /Producer (t) >>");
        w.set(root, "<< /Type /Catalog >>");
        let pdf = w.finish(root, info, [0; 16]);
        let at = |offset: usize, what: &str| pdf[offset..].starts_with(what.as_bytes());
        let tail = String::from_utf8_lossy(&pdf[pdf.len() - 30..]).into_owned();
        let start: usize = tail
            .rsplit("startxref\n")
            .next()
            .and_then(|t| t.lines().next())
            .and_then(|n| n.parse().ok())
            .unwrap();
        assert!(at(start, "xref\n0 3\n0000000000 65535 f \n"));
        for n in 1..=2 {
            let entry = start + 9 + 20 * n;
            let offset: usize = String::from_utf8_lossy(&pdf[entry..entry + 10])
                .parse()
                .unwrap();
            assert!(at(entry + 10, " 00000 n \n"));
            assert!(at(offset, &format!("{n} 0 obj\n")));
        }
    }
}
