//! Standard base64 (RFC 4648, with padding): a PDF crosses the extension's message boundary as
//! text. Small on purpose; the wasm modules would otherwise pull a crate for 60 lines.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let byte = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (byte(0) << 16) | (byte(1) << 8) | byte(2);
        let sextet = |shift: u32| {
            let index = ((n >> shift) & 63) as usize;
            ALPHABET.get(index).map_or('A', |&c| char::from(c))
        };
        out.push(sextet(18));
        out.push(sextet(12));
        out.push(if chunk.len() > 1 { sextet(6) } else { '=' });
        out.push(if chunk.len() > 2 { sextet(0) } else { '=' });
    }
    out
}

/// The URL-safe alphabet without padding (RFC 4648 §5), as PKCE and OAuth use it.
pub fn encode_url(bytes: &[u8]) -> String {
    encode(bytes)
        .trim_end_matches('=')
        .replace('+', "-")
        .replace('/', "_")
}

/// `None` for anything that is not canonical padded base64.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    let chunks = bytes.chunks(4);
    let last = chunks.len().saturating_sub(1);
    for (i, chunk) in chunks.enumerate() {
        let mut n: u32 = 0;
        let mut pad = 0;
        for (j, &c) in chunk.iter().enumerate() {
            let v = match c {
                b'A'..=b'Z' => c - b'A',
                b'a'..=b'z' => c - b'a' + 26,
                b'0'..=b'9' => c - b'0' + 52,
                b'+' => 62,
                b'/' => 63,
                // Padding only at the end of the last chunk.
                b'=' if i == last && j >= 2 => {
                    pad += 1;
                    0
                }
                _ => return None,
            };
            if pad > 0 && c != b'=' {
                return None;
            }
            n = (n << 6) | u32::from(v);
        }
        let [_, a, b, c] = n.to_be_bytes();
        out.push(a);
        if pad < 2 {
            out.push(b);
        }
        if pad < 1 {
            out.push(c);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_length() {
        let data: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        for len in 0..70 {
            let slice = &data[..len];
            assert_eq!(decode(&encode(slice)).as_deref(), Some(slice), "len {len}");
        }
        assert_eq!(encode(b"%PDF-"), "JVBERi0=");
    }

    #[test]
    fn refuses_what_is_not_base64() {
        for bad in ["A", "AB=C", "====", "AB C", "AAA=AAAA", "ü===", "A==="] {
            assert_eq!(decode(bad), None, "{bad}");
        }
        assert_eq!(decode(""), Some(vec![]));
    }
}
