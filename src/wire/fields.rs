//! NUL-terminated fields.
//!
//! [`FieldReader`] is a cursor over one frame's payload. It hands out fields as
//! borrowed bytes or `&str` and parses integers, floats and decimals straight
//! from the bytes: decoding a tick allocates nothing.
//!
//! [`FieldWriter`] appends fields by the official client's rules: booleans as
//! `0`/`1`, floats and decimals as Python's `str` prints them, unset
//! sentinels as empty fields and infinity as `Infinity` where the official
//! client does so, and strings refused unless they are printable ASCII
//! (error 579), as in 10.37.2.

use std::borrow::Cow;
use std::fmt;

use super::float::{parse_f64, write_f64_python};
use crate::model::{Decimal, UNSET_DECIMAL, UNSET_DOUBLE, UNSET_INTEGER, UNSET_LONG};

/// Why a message could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The message ended before the named field.
    Truncated {
        /// The field that was expected.
        field: &'static str,
    },
    /// A field did not parse as the number the protocol puts there.
    InvalidNumber {
        /// The field that was expected.
        field: &'static str,
        /// The offending text (lossily decoded, at most 64 bytes).
        text: String,
    },
    /// A text field is not valid UTF-8.
    InvalidUtf8 {
        /// The field that was expected.
        field: &'static str,
    },
    /// A protobuf body did not decode.
    Protobuf(String),
    /// A value is outside what the protocol allows (a negative count, …).
    Invalid(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Truncated { field } => write!(f, "message ends before field '{field}'"),
            DecodeError::InvalidNumber { field, text } => {
                write!(f, "field '{field}' is not a valid number: {text:?}")
            }
            DecodeError::InvalidUtf8 { field } => write!(f, "field '{field}' is not valid UTF-8"),
            DecodeError::Protobuf(e) => write!(f, "protobuf body does not decode: {e}"),
            DecodeError::Invalid(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Why a request could not be encoded. Each maps to an official error code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EncodeError {
    /// A string holds characters the official client refuses (code 579).
    InvalidSymbol(String),
    /// The connected server is too old for this request or one of its
    /// parameters (code 503); the text says what is unsupported.
    UpdateTws(&'static str),
    /// The request uses something the client does not support.
    Unsupported(&'static str),
    /// The official client refuses the request with this code and text
    /// (e.g. 534 "Request Calculate Implied Volatility Sending Error - not
    /// supported").
    Refused {
        /// The official code.
        code: i32,
        /// The text `error` receives.
        text: &'static str,
    },
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodeError::InvalidSymbol(s) => write!(f, "invalid symbol in string - {s}"),
            EncodeError::UpdateTws(what) => {
                write!(f, "The TWS is out of date and must be upgraded. {what}")
            }
            EncodeError::Unsupported(what) => write!(f, "{what}"),
            EncodeError::Refused { code, text } => write!(f, "[{code}] {text}"),
        }
    }
}

impl std::error::Error for EncodeError {}

/// A cursor over the NUL-terminated fields of one message body.
#[derive(Debug, Clone)]
pub struct FieldReader<'a> {
    buf: &'a [u8],
    pos: usize,
}

/// Integers a [`FieldReader`] can parse.
pub trait WireInt: Sized + Copy {
    /// Converts from the widest integer, `None` when out of range.
    fn from_i128(v: i128) -> Option<Self>;
}

macro_rules! wire_int {
    ($($t:ty),*) => {$(
        impl WireInt for $t {
            #[inline]
            fn from_i128(v: i128) -> Option<Self> {
                <$t>::try_from(v).ok()
            }
        }
    )*};
}
wire_int!(i32, i64, u32, u64, u8, u16, i16, i8, usize);

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(&bytes[..bytes.len().min(64)]).into_owned()
}

impl<'a> FieldReader<'a> {
    /// Starts reading at the beginning of `buf`.
    #[inline]
    pub fn new(buf: &'a [u8]) -> Self {
        FieldReader { buf, pos: 0 }
    }

    /// Bytes consumed so far.
    #[inline]
    pub fn position(&self) -> usize {
        self.pos
    }

    /// `true` when every field has been read.
    #[inline]
    pub fn is_at_end(&self) -> bool {
        self.pos >= self.buf.len()
    }

    /// Number of complete fields left.
    pub fn remaining_fields(&self) -> usize {
        self.buf[self.pos..].iter().filter(|&&b| b == 0).count()
    }

    /// The next field's raw bytes, without its NUL.
    #[inline]
    pub fn next_bytes(&mut self, field: &'static str) -> Result<&'a [u8], DecodeError> {
        let rest = &self.buf[self.pos.min(self.buf.len())..];
        match rest.iter().position(|&b| b == 0) {
            Some(n) => {
                self.pos += n + 1;
                Ok(&rest[..n])
            }
            None => Err(DecodeError::Truncated { field }),
        }
    }

    /// Skips one field.
    #[inline]
    pub fn skip(&mut self, field: &'static str) -> Result<(), DecodeError> {
        self.next_bytes(field).map(|_| ())
    }

    /// The next field as text.
    #[inline]
    pub fn read_str(&mut self, field: &'static str) -> Result<&'a str, DecodeError> {
        let b = self.next_bytes(field)?;
        std::str::from_utf8(b).map_err(|_| DecodeError::InvalidUtf8 { field })
    }

    /// The next field as an owned `String`.
    pub fn read_string(&mut self, field: &'static str) -> Result<String, DecodeError> {
        self.read_str(field).map(str::to_owned)
    }

    /// The next field as text with the server's escapes resolved.
    ///
    /// From server version 153 (`MIN_SERVER_VER_ENCODE_MSG_ASCII7`) TWS sends
    /// non-ASCII text in error messages and a few other fields as Python-style
    /// escapes (`\u00e9`). The official client decodes the whole field with
    /// `unicode-escape`, which also turns raw UTF-8 into mojibake; here the field
    /// is read as UTF-8 first and only the escapes are resolved. Borrows when the
    /// field has no backslash.
    pub fn read_str_unescaped(&mut self, field: &'static str) -> Result<Cow<'a, str>, DecodeError> {
        let s = self.read_str(field)?;
        if !s.contains('\\') {
            return Ok(Cow::Borrowed(s));
        }
        Ok(Cow::Owned(unescape(s)))
    }

    /// The next field as an integer; an empty field is 0, as in the official client.
    #[inline]
    pub fn read_int<T: WireInt>(&mut self) -> Result<T, DecodeError> {
        self.read_int_named("integer")
    }

    /// Like [`read_int`](Self::read_int) with the field's name for errors.
    #[inline]
    pub fn read_int_named<T: WireInt>(&mut self, field: &'static str) -> Result<T, DecodeError> {
        let b = self.next_bytes(field)?;
        parse_int(b, field)
    }

    /// The next field as an integer, `unset` when the field is empty.
    pub fn read_int_or<T: WireInt>(
        &mut self,
        field: &'static str,
        unset: T,
    ) -> Result<T, DecodeError> {
        let b = self.next_bytes(field)?;
        if b.is_empty() {
            Ok(unset)
        } else {
            parse_int(b, field)
        }
    }

    /// The next field as an `i32`, empty meaning [`UNSET_INTEGER`].
    pub fn read_i32_max(&mut self, field: &'static str) -> Result<i32, DecodeError> {
        self.read_int_or(field, UNSET_INTEGER)
    }

    /// The next field as an `i64`, empty meaning [`UNSET_LONG`].
    pub fn read_i64_max(&mut self, field: &'static str) -> Result<i64, DecodeError> {
        self.read_int_or(field, UNSET_LONG)
    }

    /// The next field as a boolean: any non-zero integer is `true`.
    #[inline]
    pub fn read_bool(&mut self, field: &'static str) -> Result<bool, DecodeError> {
        Ok(self.read_int_named::<i64>(field)? != 0)
    }

    /// The next field as an `f64`; empty is 0.0 and `Infinity` is infinity.
    #[inline]
    pub fn read_f64(&mut self, field: &'static str) -> Result<f64, DecodeError> {
        let b = self.next_bytes(field)?;
        if b.is_empty() {
            return Ok(0.0);
        }
        parse_f64(b).ok_or_else(|| DecodeError::InvalidNumber {
            field,
            text: lossy(b),
        })
    }

    /// The next field as an `f64`, empty meaning [`UNSET_DOUBLE`].
    pub fn read_f64_max(&mut self, field: &'static str) -> Result<f64, DecodeError> {
        let b = self.next_bytes(field)?;
        if b.is_empty() {
            return Ok(UNSET_DOUBLE);
        }
        parse_f64(b).ok_or_else(|| DecodeError::InvalidNumber {
            field,
            text: lossy(b),
        })
    }

    /// The next field as a [`Decimal`]; the spellings the official client treats
    /// as unset (empty, `2147483647`, `9223372036854775807`,
    /// `-9223372036854775808`, `1.7976931348623157E308`) give [`UNSET_DECIMAL`].
    #[inline(always)]
    pub fn read_decimal(&mut self, field: &'static str) -> Result<Decimal, DecodeError> {
        let b = self.next_bytes(field)?;
        // The two paths meet on the value, not on a `Result` in memory.
        let v = match plain_decimal(b) {
            Some((m, scale, neg)) => from_plain(m, scale, neg),
            None => read_decimal_other(b, field)?,
        };
        Ok(v)
    }

    /// Everything after the current position (for protobuf bodies).
    pub fn rest(&self) -> &'a [u8] {
        &self.buf[self.pos.min(self.buf.len())..]
    }
}

#[inline]
fn parse_int<T: WireInt>(b: &[u8], field: &'static str) -> Result<T, DecodeError> {
    let bad = || DecodeError::InvalidNumber {
        field,
        text: lossy(b),
    };
    if b.is_empty() {
        return T::from_i128(0).ok_or_else(bad);
    }
    let (neg, digits) = match b[0] {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    if digits.is_empty() || digits.len() > 38 {
        return Err(bad());
    }
    let mut v: i128 = 0;
    for &c in digits {
        let d = c.wrapping_sub(b'0');
        if d > 9 {
            return Err(bad());
        }
        v = v * 10 + d as i128;
    }
    T::from_i128(if neg { -v } else { v }).ok_or_else(bad)
}

/// Parses a decimal the way the official client does (see
/// [`FieldReader::read_decimal`]); `None` when the text is not a number.
#[inline(always)]
pub fn parse_decimal(b: &[u8]) -> Option<Decimal> {
    match plain_decimal(b) {
        Some((m, scale, neg)) => Some(from_plain(m, scale, neg)),
        None => parse_decimal_other(b),
    }
}

/// The decimal of [`plain_decimal`]'s parts, built from registers: where
/// the fast and the slow path meet in an `Option<Decimal>` on the stack,
/// the tick path pays a stalled load per size (the parts are stored in
/// halves and read back whole).
#[inline(always)]
fn from_plain(m: u64, scale: u32, neg: bool) -> Decimal {
    Decimal::from_parts(m as u32, (m >> 32) as u32, 0, neg, scale)
}

/// [`FieldReader::read_decimal`] beyond [`plain_decimal`].
#[cold]
#[inline(never)]
fn read_decimal_other(b: &[u8], field: &'static str) -> Result<Decimal, DecodeError> {
    parse_decimal_other(b).ok_or_else(|| DecodeError::InvalidNumber {
        field,
        text: lossy(b),
    })
}

/// The common spelling, `[-]digits[.digits]` with 1 to 18 digits and not
/// zero when negative: its mantissa (fits 64 bits), scale (at most 18) and
/// sign. `None` for anything else, the unset spellings included.
#[inline(always)]
fn plain_decimal(b: &[u8]) -> Option<(u64, u32, bool)> {
    let (neg, body) = match b.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some(_) => (false, b),
        None => return None,
    };
    // `2147483647` and `9223372036854775807` have 10 and 19 digits: the
    // first is an unset spelling, the second too long for this path.
    if body.len() == 10 && body == b"2147483647" {
        return None;
    }
    let mut mantissa: u64 = 0;
    let mut digits = 0u32;
    let mut point: Option<u32> = None;
    for &c in body {
        match c {
            b'0'..=b'9' if digits < 18 => {
                mantissa = mantissa * 10 + (c - b'0') as u64;
                digits += 1;
            }
            b'.' if point.is_none() => point = Some(digits),
            _ => return None,
        }
    }
    if digits == 0 || (neg && mantissa == 0) {
        return None;
    }
    Some((mantissa, point.map_or(0, |p| digits - p), neg))
}

/// [`parse_decimal`] beyond [`plain_decimal`]: the unset spellings,
/// exponents, more than 18 digits, a negative zero.
#[cold]
#[inline(never)]
fn parse_decimal_other(b: &[u8]) -> Option<Decimal> {
    match b {
        b""
        | b"2147483647"
        | b"9223372036854775807"
        | b"-9223372036854775808"
        | b"1.7976931348623157E308" => return Some(UNSET_DECIMAL),
        _ => {}
    }
    decimal_from_text(std::str::from_utf8(b).ok()?)
}

/// A decimal as Python's `Decimal(text)` reads it (no unset spellings):
/// plain or with an exponent, a negative zero keeping its sign (so `-0E-28`
/// and `-0.00` are written back as they came; rust_decimal's parsers drop
/// the sign of a zero). `None` when it is no number.
#[inline]
pub fn decimal_from_text(s: &str) -> Option<Decimal> {
    // The common spelling first, as the text path reads it.
    if let Some((m, scale, neg)) = plain_decimal(s.as_bytes()) {
        return Some(from_plain(m, scale, neg));
    }
    let mut v = s
        .parse::<Decimal>()
        .ok()
        .or_else(|| Decimal::from_scientific(s).ok())?;
    if s.starts_with('-') && v.is_zero() {
        v.set_sign_negative(true);
    }
    Some(v)
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let hex = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>, n: usize| {
            let mut v = 0u32;
            for _ in 0..n {
                let d = chars.peek().and_then(|c| c.to_digit(16))?;
                chars.next();
                v = v * 16 + d;
            }
            char::from_u32(v)
        };
        match chars.peek().copied() {
            Some('n') => {
                chars.next();
                out.push('\n');
            }
            Some('t') => {
                chars.next();
                out.push('\t');
            }
            Some('r') => {
                chars.next();
                out.push('\r');
            }
            Some('\\') => {
                chars.next();
                out.push('\\');
            }
            Some('\'') | Some('"') => {
                out.push(chars.next().unwrap_or('\''));
            }
            Some(k @ ('u' | 'U' | 'x')) => {
                let n = match k {
                    'u' => 4,
                    'U' => 8,
                    _ => 2,
                };
                let mut probe = chars.clone();
                probe.next();
                match hex(&mut probe, n) {
                    Some(ch) => {
                        chars = probe;
                        out.push(ch);
                    }
                    None => out.push('\\'),
                }
            }
            _ => out.push('\\'),
        }
    }
    out
}

/// Appends the fields of one outgoing message.
///
/// A string that the official client would refuse makes the writer remember an
/// [`EncodeError::InvalidSymbol`]; [`FieldWriter::finish`] returns it, so
/// encoders can write fields without checking each one.
#[derive(Debug)]
pub struct FieldWriter<'a> {
    out: &'a mut Vec<u8>,
    error: Option<EncodeError>,
}

/// Appends `v` and a NUL using its `Display` form.
pub(crate) fn put_display(out: &mut Vec<u8>, v: impl fmt::Display) {
    use std::io::Write;
    // Writing into a Vec cannot fail.
    let _ = write!(out, "{v}");
    out.push(0);
}

/// Appends `v` as Python's `str(Decimal)` prints it: the coefficient's digits
/// with the scale kept (`1.50`, `0.000`), in plain notation while the adjusted
/// exponent (that of the first digit) is -6 or more, otherwise as
/// `d.dddE-XX` (`2.5E-8`, `0E-7`); a `-` for any negative value, zero
/// included. A rust_decimal has no positive exponent, so the `E+` form of
/// Python (`Decimal('1E+2')`) never arises: such a value is held, and
/// printed, as the integer (`100`).
pub(crate) fn write_decimal_python(out: &mut Vec<u8>, v: Decimal) {
    use std::io::Write;
    // The coefficient (< 2^96, so at most 29 digits), most significant first.
    let mut buf = [0u8; 40];
    let mut start = buf.len();
    let mut m = v.mantissa().unsigned_abs();
    loop {
        start -= 1;
        buf[start] = b'0' + (m % 10) as u8;
        m /= 10;
        if m == 0 {
            break;
        }
    }
    let digits = &buf[start..];
    let n = digits.len() as i64;
    let scale = i64::from(v.scale());
    let adjusted = n - 1 - scale;
    if v.is_sign_negative() {
        out.push(b'-');
    }
    if adjusted >= -6 {
        // Plain: the point goes `n - scale` digits in (before the first digit
        // when that is zero or less, after leading zeros).
        let point = n - scale;
        if scale == 0 {
            out.extend_from_slice(digits);
        } else if point > 0 {
            let (int, frac) = digits.split_at(point as usize);
            out.extend_from_slice(int);
            out.push(b'.');
            out.extend_from_slice(frac);
        } else {
            out.extend_from_slice(b"0.");
            out.extend(std::iter::repeat_n(b'0', (-point) as usize));
            out.extend_from_slice(digits);
        }
    } else {
        out.push(digits[0]);
        if n > 1 {
            out.push(b'.');
            out.extend_from_slice(&digits[1..]);
        }
        let _ = write!(out, "E{adjusted}");
    }
}

impl<'a> FieldWriter<'a> {
    /// Writes into `out` (appending).
    pub fn new(out: &'a mut Vec<u8>) -> Self {
        FieldWriter { out, error: None }
    }

    /// The first error met while writing, if any.
    pub fn finish(self) -> Result<(), EncodeError> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Records an encoding error (the first one wins).
    pub fn fail(&mut self, e: EncodeError) {
        if self.error.is_none() {
            self.error = Some(e);
        }
    }

    /// A text field. Characters outside printable ASCII (plus tab, LF, CR) are
    /// refused as the official client refuses them (error 579).
    pub fn put_str(&mut self, s: &str) {
        if !is_ascii_printable(s) {
            self.fail(EncodeError::InvalidSymbol(s.to_owned()));
        }
        self.out.extend_from_slice(s.as_bytes());
        self.out.push(0);
    }

    /// A text field written as is, without the printable-ASCII check (used by
    /// the simulated gateway, whose messages may carry any UTF-8).
    pub fn put_str_raw(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
        self.out.push(0);
    }

    /// A text field escaped the way TWS escapes text from server version 153
    /// (`MIN_SERVER_VER_ENCODE_MSG_ASCII7`): a backslash as two backslashes,
    /// and every character outside printable ASCII as `\uXXXX` (`\UXXXXXXXX`
    /// above U+FFFF). The exact inverse of [`FieldReader::read_str_unescaped`], and
    /// pure ASCII, so a NUL inside the text cannot end the field.
    pub fn put_str_escaped(&mut self, s: &str) {
        use std::io::Write;
        for c in s.chars() {
            match c {
                '\\' => self.out.extend_from_slice(b"\\\\"),
                ' '..='~' => self.out.push(c as u8),
                c if (c as u32) <= 0xFFFF => {
                    let _ = write!(self.out, "\\u{:04x}", c as u32);
                }
                c => {
                    let _ = write!(self.out, "\\U{:08x}", c as u32);
                }
            }
        }
        self.out.push(0);
    }

    /// An integer field.
    pub fn put_int(&mut self, v: impl Into<i64>) {
        put_display(self.out, v.into());
    }

    /// An integer field, empty when `v` is [`UNSET_INTEGER`].
    pub fn put_i32_max(&mut self, v: i32) {
        self.put_i64_max(if v == UNSET_INTEGER {
            UNSET_LONG
        } else {
            v.into()
        });
    }

    /// An integer field, empty when `v` is [`UNSET_LONG`].
    pub fn put_i64_max(&mut self, v: i64) {
        if v == UNSET_LONG {
            self.out.push(0);
        } else {
            put_display(self.out, v);
        }
    }

    /// A boolean field: `1` or `0`.
    pub fn put_bool(&mut self, v: bool) {
        self.out.push(if v { b'1' } else { b'0' });
        self.out.push(0);
    }

    /// A float field, printed exactly as Python's `str(float)` prints it.
    pub fn put_f64(&mut self, v: f64) {
        write_f64_python(self.out, v);
        self.out.push(0);
    }

    /// A float field, empty for [`UNSET_DOUBLE`] and `Infinity` for +∞ (the
    /// official `make_field_handle_empty`). That function also empties a
    /// value equal to [`UNSET_INTEGER`] (Python compares `2147483647 ==
    /// 2147483647.0` as equal), so 2147483647.0 is sent empty too.
    pub fn put_f64_max(&mut self, v: f64) {
        if v == UNSET_DOUBLE || v == f64::from(UNSET_INTEGER) {
            self.out.push(0);
        } else if v == f64::INFINITY {
            self.out.extend_from_slice(b"Infinity\0");
        } else {
            self.put_f64(v);
        }
    }

    /// A decimal field as Python's `str(Decimal)` prints it (`2.5E-8` for
    /// 0.000000025), empty for [`UNSET_DECIMAL`].
    pub fn put_decimal(&mut self, v: Decimal) {
        if v != UNSET_DECIMAL {
            write_decimal_python(self.out, v);
        }
        self.out.push(0);
    }

    /// Raw bytes (a protobuf body), no terminator.
    pub fn put_raw(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }
}

/// The official rule for strings a client may send: printable ASCII, tab, LF, CR.
pub fn is_ascii_printable(s: &str) -> bool {
    s.bytes()
        .all(|b| (32..127).contains(&b) || b == 9 || b == 10 || b == 13)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(parts: &[&str]) -> Vec<u8> {
        let mut v = Vec::new();
        for p in parts {
            v.extend_from_slice(p.as_bytes());
            v.push(0);
        }
        v
    }

    #[test]
    fn reads_ints_floats_strings() {
        let buf = fields(&["42", "-7", "", "1.5", "Infinity", "abc", "1", "0"]);
        let mut r = FieldReader::new(&buf);
        assert_eq!(r.read_int::<i32>().unwrap(), 42);
        assert_eq!(r.read_int::<i64>().unwrap(), -7);
        assert_eq!(r.read_int::<i32>().unwrap(), 0);
        assert_eq!(r.read_f64("p").unwrap(), 1.5);
        assert_eq!(r.read_f64("p").unwrap(), f64::INFINITY);
        assert_eq!(r.read_str("s").unwrap(), "abc");
        assert!(r.read_bool("b").unwrap());
        assert!(!r.read_bool("b").unwrap());
        assert!(r.is_at_end());
        assert_eq!(
            r.read_int::<i32>(),
            Err(DecodeError::Truncated { field: "integer" })
        );
    }

    #[test]
    fn bad_numbers_are_errors_not_panics() {
        for bad in ["abc", "1.5", "--1", "-", "99999999999999999999", "1 "] {
            let buf = fields(&[bad]);
            assert!(
                FieldReader::new(&buf).read_int::<i32>().is_err(),
                "{bad:?} parsed"
            );
        }
        let buf = fields(&["x1.5"]);
        assert!(FieldReader::new(&buf).read_f64("p").is_err());
        assert!(FieldReader::new(&fields(&["1..2"]))
            .read_decimal("d")
            .is_err());
    }

    #[test]
    fn missing_terminator_is_truncation() {
        let mut r = FieldReader::new(b"12");
        assert!(matches!(
            r.read_int::<i32>(),
            Err(DecodeError::Truncated { .. })
        ));
    }

    #[test]
    fn invalid_utf8_is_an_error() {
        let mut r = FieldReader::new(b"\xff\xfe\0");
        assert_eq!(
            r.read_str("name"),
            Err(DecodeError::InvalidUtf8 { field: "name" })
        );
    }

    #[test]
    fn unset_spellings() {
        let buf = fields(&["", "", ""]);
        let mut r = FieldReader::new(&buf);
        assert_eq!(r.read_i32_max("i").unwrap(), UNSET_INTEGER);
        assert_eq!(r.read_f64_max("f").unwrap(), UNSET_DOUBLE);
        assert_eq!(r.read_decimal("d").unwrap(), UNSET_DECIMAL);
        for s in [
            "2147483647",
            "9223372036854775807",
            "-9223372036854775808",
            "1.7976931348623157E308",
        ] {
            assert_eq!(parse_decimal(s.as_bytes()), Some(UNSET_DECIMAL));
        }
    }

    #[test]
    fn decimals() {
        assert_eq!(parse_decimal(b"100"), Some(Decimal::new(100, 0)));
        assert_eq!(parse_decimal(b"-1.25"), Some(Decimal::new(-125, 2)));
        assert_eq!(parse_decimal(b"0.0001"), Some(Decimal::new(1, 4)));
        assert_eq!(parse_decimal(b"1e3"), Some(Decimal::new(1000, 0)));
        assert_eq!(
            parse_decimal(b"12345678901234567890.5"),
            Some("12345678901234567890.5".parse().unwrap())
        );
        for (text, scale) in [("-0E-28", 28), ("-0.00", 2), ("-0", 0)] {
            let v = parse_decimal(text.as_bytes()).unwrap();
            assert!(v.is_zero() && v.is_sign_negative(), "{text}: {v:?}");
            assert_eq!(v.scale(), scale, "{text}");
        }
        assert_eq!(parse_decimal(b"abc"), None);
        assert_eq!(parse_decimal(b"-"), None);
        assert_eq!(parse_decimal(b"."), None);
    }

    #[test]
    fn unescapes_like_unicode_escape() {
        let buf = fields(&[r"caf\u00e9 \x41\\n", "plain"]);
        let mut r = FieldReader::new(&buf);
        assert_eq!(r.read_str_unescaped("t").unwrap(), "café A\\n");
        assert!(matches!(
            r.read_str_unescaped("t").unwrap(),
            Cow::Borrowed("plain")
        ));
        assert_eq!(unescape(r"bad \u12 end\"), r"bad \u12 end\");
    }

    #[test]
    fn escaped_text_round_trips() {
        for text in [
            "plain",
            "a\\nb",
            "tab\there",
            "nul\u{0}mid",
            "caf\u{e9} \u{1F600}",
            "\\u0041",
            "",
        ] {
            let mut out = Vec::new();
            FieldWriter::new(&mut out).put_str_escaped(text);
            assert!(
                out[..out.len() - 1].iter().all(|b| (32..127).contains(b)),
                "{out:?}"
            );
            let mut r = FieldReader::new(&out);
            assert_eq!(r.read_str_unescaped("t").unwrap(), text);
            assert!(r.is_at_end());
        }
    }

    #[test]
    fn writer_rules() {
        let mut out = Vec::new();
        let mut w = FieldWriter::new(&mut out);
        w.put_int(5);
        w.put_bool(true);
        w.put_f64(0.0);
        w.put_f64_max(UNSET_DOUBLE);
        w.put_f64_max(f64::INFINITY);
        w.put_i32_max(UNSET_INTEGER);
        w.put_str("AAPL");
        w.put_decimal(Decimal::new(1500, 2));
        w.put_f64_max(2147483647.0);
        w.put_f64_max(-2147483647.0);
        w.put_f64_max(f64::NEG_INFINITY);
        w.finish().unwrap();
        assert_eq!(
            out,
            b"5\x001\x000.0\x00\x00Infinity\x00\x00AAPL\x0015.00\x00\x00-2147483647.0\x00-inf\x00"
        );
    }

    fn decimal_text(v: Decimal) -> String {
        let mut out = Vec::new();
        FieldWriter::new(&mut out).put_decimal(v);
        assert_eq!(out.pop(), Some(0));
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn decimals_print_like_python_str() {
        assert_eq!(decimal_text(Decimal::new(25, 9)), "2.5E-8");
        assert_eq!(decimal_text(Decimal::new(-1, 7)), "-1E-7");
        assert_eq!(decimal_text(Decimal::new(1, 6)), "0.000001");
        assert_eq!(decimal_text(Decimal::new(0, 7)), "0E-7");
        assert_eq!(decimal_text(Decimal::new(150, 2)), "1.50");
        assert_eq!(decimal_text(Decimal::new(100, 0)), "100");
        assert_eq!(decimal_text(UNSET_DECIMAL), "");
        // What is written reads back as the same value and scale.
        for v in [
            Decimal::new(25, 9),
            Decimal::new(-12345, 12),
            Decimal::new(0, 9),
        ] {
            let back = parse_decimal(decimal_text(v).as_bytes()).unwrap();
            assert_eq!((back, back.scale()), (v, v.scale()));
        }
    }

    /// `tests/data/python_decimals.txt` holds `str(Decimal)` and
    /// `format(Decimal, 'f')` from Python for values a rust_decimal can hold
    /// (written by `tools/gen_format_vectors.py`). The first is the text
    /// field; the second is what `Display` (the protobuf quantity) must give.
    #[test]
    fn decimals_print_like_python_on_generated_vectors() {
        let data = include_str!("../../tests/data/python_decimals.txt");
        let mut checked = 0;
        let mut wrong = Vec::new();
        for line in data
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let parts: Vec<&str> = line.split(' ').collect();
            let [m, scale, want_str, want_f] = parts[..] else {
                panic!("bad vector line {line}");
            };
            let mantissa: i128 = m.parse().expect("mantissa");
            let mut v = Decimal::from_i128_with_scale(mantissa, scale.parse().expect("scale"));
            v.set_sign_negative(m.starts_with('-'));
            let got = decimal_text(v);
            if got != want_str {
                wrong.push(format!("{m}e-{scale}: str {want_str}, ours {got}"));
            }
            if v.to_string() != want_f {
                wrong.push(format!("{m}e-{scale}: format f {want_f}, ours {v}"));
            }
            checked += 1;
        }
        assert!(checked > 200, "only {checked} vectors");
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn writer_refuses_non_printable_strings() {
        let mut out = Vec::new();
        let mut w = FieldWriter::new(&mut out);
        w.put_str("caf\u{e9}");
        assert_eq!(
            w.finish(),
            Err(EncodeError::InvalidSymbol("caf\u{e9}".into()))
        );
    }
}
