//! A byte counter that mirrors hayro-syntax's pure-Rust inflater, for [`super::budget`]: how
//! much work decoding a flate stream would cost, found without storing its output.

/// The work hayro's inflater would do on `data` (bytes produced + symbols + table entries), or
/// `None` past `limit`.
///
/// Mirrors `hayro_syntax::filter::lzw_flate::flate::fallback` step by step (its leniency
/// included: a broken block ends the stream, keeping what came before) but only counts.
/// Building each Huffman table costs its size, so many tiny blocks cannot spin either.
pub(crate) fn inflate_work(data: &[u8], limit: u64) -> Option<u64> {
    let zlib = match (data.first(), data.get(1)) {
        (Some(&cmf), Some(&flg)) => {
            cmf & 0x0f == 8 && ((u16::from(cmf) << 8) | u16::from(flg)) % 31 == 0 && flg & 0x20 == 0
        }
        _ => false,
    };
    let mut counter = Counter {
        bits: Bits {
            data: data.get(if zlib { 2 } else { 0 }..).unwrap_or_default(),
            pos: 0,
            buf: 0,
            size: 0,
        },
        output: 0,
        work: 0,
        limit,
    };
    counter.run().then_some(counter.output + counter.work)
}

struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    buf: u32,
    size: u8,
}

impl Bits<'_> {
    fn byte(&mut self) -> Option<u8> {
        let b = self.data.get(self.pos).copied()?;
        self.pos += 1;
        Some(b)
    }

    fn get(&mut self, bits: u8) -> Option<u32> {
        while self.size < bits {
            let b = self.byte()?;
            self.buf |= u32::from(b) << self.size;
            self.size += 8;
        }
        let value = self.buf & ((1u32 << bits) - 1);
        self.buf >>= bits;
        self.size -= bits;
        Some(value)
    }

    fn code(&mut self, table: &Table) -> Option<u16> {
        while self.size < table.max_len {
            match self.byte() {
                Some(b) => {
                    self.buf |= u32::from(b) << self.size;
                    self.size += 8;
                }
                None => break,
            }
        }
        let code = *table
            .codes
            .get((self.buf & ((1u32 << table.max_len) - 1)) as usize)?;
        let len = (code >> 16) as u8;
        if len < 1 || self.size < len {
            return None;
        }
        self.buf >>= len;
        self.size -= len;
        Some((code & 0xffff) as u16)
    }
}

struct Table {
    codes: Vec<u32>,
    max_len: u8,
}

struct Counter<'a> {
    bits: Bits<'a>,
    output: u64,
    work: u64,
    limit: u64,
}

const LENGTH_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LENGTH_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_BASE: [u32; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
const CODE_LENGTH_ORDER: [usize; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

impl Counter<'_> {
    /// False once the output or the work passes the limit.
    fn run(&mut self) -> bool {
        loop {
            if self.bits.pos >= self.bits.data.len() {
                return true;
            }
            let Some(header) = self.bits.get(3) else {
                return true;
            };
            self.work += 1;
            let last = header & 1 == 1;
            let carry_on = match header >> 1 {
                0 => self.stored(),
                1 => self.compressed(fixed_tables()),
                2 => match self.dynamic_tables() {
                    Some(tables) => self.compressed(tables),
                    None => false,
                },
                _ => false,
            };
            if self.output + self.work > self.limit {
                return false;
            }
            if last || !carry_on {
                return true;
            }
        }
    }

    fn stored(&mut self) -> bool {
        self.bits.buf = 0;
        self.bits.size = 0;
        let mut header = [0u8; 4];
        for slot in &mut header {
            match self.bits.byte() {
                Some(b) => *slot = b,
                None => return false,
            }
        }
        let len = usize::from(u16::from_le_bytes([header[0], header[1]]));
        if len == 0 {
            return self.bits.pos < self.bits.data.len();
        }
        let available = self.bits.data.len().saturating_sub(self.bits.pos).min(len);
        self.bits.pos += available;
        self.output += available as u64;
        available == len
    }

    /// One compressed block; false when the stream ends inside it.
    fn compressed(&mut self, (lit, dist): (Table, Table)) -> bool {
        loop {
            if self.output + self.work > self.limit {
                return false;
            }
            self.work += 1;
            let Some(symbol) = self.bits.code(&lit) else {
                return false;
            };
            let symbol = usize::from(symbol);
            if symbol < 256 {
                self.output += 1;
                continue;
            }
            if symbol == 256 {
                return true;
            }
            let index = symbol - 257;
            let mut length = u64::from(LENGTH_BASE.get(index).copied().unwrap_or(0));
            let extra = LENGTH_EXTRA.get(index).copied().unwrap_or(0);
            if extra > 0 {
                match self.bits.get(extra) {
                    Some(v) => length += u64::from(v),
                    None => return false,
                }
            }
            let Some(code) = self.bits.code(&dist) else {
                return false;
            };
            let (Some(&base), Some(&extra)) = (
                DIST_BASE.get(usize::from(code)),
                DIST_EXTRA.get(usize::from(code)),
            ) else {
                return false;
            };
            let mut distance = u64::from(base);
            if extra > 0 {
                match self.bits.get(extra) {
                    Some(v) => distance += u64::from(v),
                    None => return false,
                }
            }
            // hayro copies nothing when the distance reaches before the start of the output.
            if distance <= self.output {
                self.output += length;
            }
        }
    }

    fn dynamic_tables(&mut self) -> Option<(Table, Table)> {
        let lit_count = self.bits.get(5)? as usize + 257;
        let dist_count = self.bits.get(5)? as usize + 1;
        let code_len_count = self.bits.get(4)? as usize + 4;
        let mut code_len_lengths = [0u8; 19];
        for &slot in CODE_LENGTH_ORDER.iter().take(code_len_count) {
            let value = self.bits.get(3)? as u8;
            if let Some(target) = code_len_lengths.get_mut(slot) {
                *target = value;
            }
        }
        let code_len_table = self.table(&code_len_lengths);
        let total = lit_count + dist_count;
        let mut lengths = vec![0u8; total];
        let mut i = 0;
        while i < total {
            let (value, repeat) = match self.bits.code(&code_len_table)? {
                code @ 0..=15 => (code as u8, 1),
                16 => {
                    let previous = i.checked_sub(1).and_then(|p| lengths.get(p)).copied();
                    (previous.unwrap_or(0), self.bits.get(2)? as usize + 3)
                }
                17 => (0, self.bits.get(3)? as usize + 3),
                18 => (0, self.bits.get(7)? as usize + 11),
                _ => return None,
            };
            for _ in 0..repeat {
                if let Some(slot) = lengths.get_mut(i) {
                    *slot = value;
                    i += 1;
                }
            }
        }
        let (lit, dist) = lengths.split_at(lit_count.min(lengths.len()));
        Some((self.table(lit), self.table(dist)))
    }

    /// hayro's `generate_huffman_table`, with its size charged to the work budget.
    fn table(&mut self, lengths: &[u8]) -> Table {
        let max_len = lengths.iter().copied().max().unwrap_or(0).min(15);
        if max_len == 0 {
            return Table {
                codes: vec![0],
                max_len: 1,
            };
        }
        let size = 1usize << max_len;
        self.work += size as u64 + lengths.len() as u64 * u64::from(max_len);
        let mut codes = vec![0u32; size];
        let mut code = 0u32;
        for len in 1..=max_len {
            for (value, _) in lengths.iter().enumerate().filter(|(_, l)| **l == len) {
                let mut reversed = 0u32;
                let mut t = code;
                for _ in 0..len {
                    reversed = (reversed << 1) | (t & 1);
                    t >>= 1;
                }
                let mut i = reversed as usize;
                while let Some(slot) = codes.get_mut(i) {
                    *slot = (u32::from(len) << 16) | value as u32;
                    i += 1 << len;
                }
                code += 1;
            }
            code <<= 1;
        }
        Table { codes, max_len }
    }
}

fn fixed_tables() -> (Table, Table) {
    let mut lit = [0u8; 288];
    for (i, slot) in lit.iter_mut().enumerate() {
        *slot = match i {
            0..=143 => 8,
            144..=255 => 9,
            256..=279 => 7,
            _ => 8,
        };
    }
    let mut scratch = Counter {
        bits: Bits {
            data: &[],
            pos: 0,
            buf: 0,
            size: 0,
        },
        output: 0,
        work: 0,
        limit: u64::MAX,
    };
    (scratch.table(&lit), scratch.table(&[5u8; 30]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zlib_stored(payload: &[u8]) -> Vec<u8> {
        let mut out = vec![0x78, 0x01, 0x01];
        let len = payload.len() as u16;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(payload);
        out
    }

    #[test]
    fn counts_a_stored_block() {
        // Five bytes out plus one block header.
        assert_eq!(inflate_work(&zlib_stored(b"hello"), 100), Some(6));
        assert_eq!(inflate_work(&zlib_stored(&[0; 1000]), 100), None);
    }
}
