//! The top-level fields of a protobuf body, as bytes: enough to find a
//! request id or an account in a body whose type is not needed (masking,
//! replay's id remapping). Decoding into types is prost's job.

use std::ops::Range;

/// Wire type of a varint field.
pub const VARINT: u8 = 0;
/// Wire type of a length-delimited field (strings, bytes, messages).
pub const LEN: u8 = 2;

/// One top-level field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Its field number.
    pub number: u32,
    /// Its wire type.
    pub wire: u8,
    /// Where its value lies in the body (for a varint, the varint's bytes;
    /// for a length-delimited field, the bytes after the length).
    pub value: Range<usize>,
}

/// Reads a varint at `at`: its value and where it ends.
pub fn varint(body: &[u8], at: usize) -> Option<(u64, usize)> {
    let mut v = 0u64;
    for (i, &b) in body.get(at..)?.iter().enumerate().take(10) {
        v |= u64::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Some((v, at + i + 1));
        }
    }
    None
}

/// A value as a varint.
pub fn encode_varint(mut v: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(10);
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return out;
        }
        out.push(b | 0x80);
    }
}

/// An `int32` as protobuf writes it (negative numbers as ten bytes).
pub fn encode_int32(v: i32) -> Vec<u8> {
    encode_varint(i64::from(v) as u64)
}

/// The `int32` a varint holds.
pub fn as_int32(v: u64) -> i32 {
    v as i64 as i32
}

/// The top-level fields of `body`, or `None` when it is not protobuf.
pub fn fields(body: &[u8]) -> Option<Vec<Field>> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < body.len() {
        let (key, after) = varint(body, at)?;
        let number = u32::try_from(key >> 3).ok()?;
        let wire = (key & 7) as u8;
        let value = match wire {
            VARINT => after..varint(body, after)?.1,
            1 => after..after.checked_add(8)?,
            LEN => {
                let (len, start) = varint(body, after)?;
                start..start.checked_add(usize::try_from(len).ok()?)?
            }
            5 => after..after.checked_add(4)?,
            _ => return None,
        };
        if number == 0 || value.end > body.len() {
            return None;
        }
        at = value.end;
        out.push(Field {
            number,
            wire,
            value,
        });
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_top_level_fields() {
        // reqId = 1 (varint 300), name = 2 ("ab")
        let body = [0x08, 0xac, 0x02, 0x12, 0x02, b'a', b'b'];
        let f = fields(&body).unwrap();
        assert_eq!(f.len(), 2);
        assert_eq!(varint(&body, f[0].value.start).unwrap().0, 300);
        assert_eq!(&body[f[1].value.clone()], b"ab");
        assert_eq!(encode_varint(300), vec![0xac, 0x02]);
        assert_eq!(as_int32(varint(&encode_int32(-1), 0).unwrap().0), -1);
        assert_eq!(fields(&[0x12, 0x05, b'a']), None);
        assert_eq!(fields(&[0x80]), None);
    }
}
