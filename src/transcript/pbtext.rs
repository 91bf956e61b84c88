//! Protobuf bodies as readable text, exactly: each top-level field a
//! column `N=value`, where a value is
//!
//! * a varint as a signed decimal (`5`, `-1`),
//! * a 64-bit field as `d` and the double (`d189.25`), a 32-bit one as `f`
//!   and the float, or `x`/`y` and the hex of a value that prints no exact
//!   number,
//! * a length-delimited field as a quoted string (`"AAPL"`, with `\"`,
//!   `\\`, `\t`, `\n`, `\r`, `\xHH` escapes) when it is printable text, as
//!   `{N=value …}` when it is a message, or `#` and hex otherwise.
//!
//! The body is rendered only when reading the text back gives the same
//! bytes (varints written minimally, and so on); otherwise it is one column,
//! `#` and the body's hex. No column holds a tab or a newline.

use std::fmt::Write as _;

use super::pbwire::{self, encode_varint};
use super::{from_hex, to_hex};

/// The columns of a protobuf body (see the module docs).
pub fn render(body: &[u8]) -> Vec<String> {
    if let Some(cols) = render_fields(body, 0) {
        if parse(&cols).as_deref() == Ok(body) {
            return cols;
        }
    }
    vec![format!("#{}", to_hex(body))]
}

fn render_fields(body: &[u8], depth: usize) -> Option<Vec<String>> {
    if depth > 16 {
        return None;
    }
    let mut cols = Vec::new();
    for f in pbwire::fields(body)? {
        let v = &body[f.value.clone()];
        let mut s = format!("{}=", f.number);
        match f.wire {
            pbwire::VARINT => {
                let _ = write!(s, "{}", pbwire::varint(body, f.value.start)?.0 as i64);
            }
            1 => {
                let bits = u64::from_le_bytes(v.try_into().ok()?);
                let d = f64::from_bits(bits);
                if d.is_finite() && format!("{d:?}").parse::<f64>().ok()?.to_bits() == bits {
                    let _ = write!(s, "d{d:?}");
                } else {
                    let _ = write!(s, "x{}", to_hex(v));
                }
            }
            5 => {
                let bits = u32::from_le_bytes(v.try_into().ok()?);
                let x = f32::from_bits(bits);
                if x.is_finite() && format!("{x:?}").parse::<f32>().ok()?.to_bits() == bits {
                    let _ = write!(s, "f{x:?}");
                } else {
                    let _ = write!(s, "y{}", to_hex(v));
                }
            }
            _ => match std::str::from_utf8(v) {
                Ok(text) if text.chars().all(|c| !c.is_control()) => {
                    s.push('"');
                    for c in text.chars() {
                        match c {
                            '"' => s.push_str("\\\""),
                            '\\' => s.push_str("\\\\"),
                            c => s.push(c),
                        }
                    }
                    s.push('"');
                }
                _ => match render_fields(v, depth + 1) {
                    Some(inner) if !v.is_empty() => {
                        s.push('{');
                        s.push_str(&inner.join(" "));
                        s.push('}');
                    }
                    _ => {
                        s.push('#');
                        s.push_str(&to_hex(v));
                    }
                },
            },
        }
        cols.push(s);
    }
    Some(cols)
}

/// The body the columns describe.
pub fn parse(cols: &[String]) -> Result<Vec<u8>, String> {
    if let [one] = cols {
        if let Some(hex) = one.strip_prefix('#') {
            return from_hex(hex);
        }
    }
    let mut out = Vec::new();
    for c in cols {
        let mut p = Parser {
            s: c.as_bytes(),
            at: 0,
        };
        p.field(&mut out, 0)?;
        if p.at != p.s.len() {
            return Err(format!("unexpected text after a value in {c:?}"));
        }
    }
    Ok(out)
}

struct Parser<'a> {
    s: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.at).copied()
    }

    fn take_while(&mut self, f: impl Fn(u8) -> bool) -> &str {
        let start = self.at;
        while self.peek().is_some_and(&f) {
            self.at += 1;
        }
        std::str::from_utf8(&self.s[start..self.at]).unwrap_or_default()
    }

    fn err(&self, what: &str) -> String {
        format!(
            "protobuf field: {what} at {:?}",
            String::from_utf8_lossy(&self.s[self.at.min(self.s.len())..])
        )
    }

    /// `N=value`, appended to `out` as a protobuf field.
    fn field(&mut self, out: &mut Vec<u8>, depth: usize) -> Result<(), String> {
        if depth > 16 {
            return Err(self.err("too deeply nested"));
        }
        let number: u64 = self
            .take_while(|b| b.is_ascii_digit())
            .parse()
            .map_err(|_| self.err("a field number was expected"))?;
        if self.peek() != Some(b'=') {
            return Err(self.err("'=' was expected"));
        }
        self.at += 1;
        let key = |wire: u64| encode_varint(number << 3 | wire);
        match self.peek() {
            Some(b'-' | b'0'..=b'9') => {
                let neg = self.peek() == Some(b'-');
                if neg {
                    self.at += 1;
                }
                let digits = self.take_while(|b| b.is_ascii_digit());
                let v: u64 = if neg {
                    format!("-{digits}")
                        .parse::<i64>()
                        .map_err(|_| self.err("not a number"))? as u64
                } else {
                    digits.parse().map_err(|_| self.err("not a number"))?
                };
                out.extend(key(0));
                out.extend(encode_varint(v));
            }
            Some(b'd' | b'f' | b'x' | b'y') => {
                let kind = self.s[self.at];
                self.at += 1;
                let text = self.take_while(|b| !b.is_ascii_whitespace() && b != b'}');
                let bytes = match kind {
                    b'd' => text
                        .parse::<f64>()
                        .map(|d| d.to_le_bytes().to_vec())
                        .map_err(|_| self.err("not a double"))?,
                    b'f' => text
                        .parse::<f32>()
                        .map(|x| x.to_le_bytes().to_vec())
                        .map_err(|_| self.err("not a float"))?,
                    _ => from_hex(text)?,
                };
                let wire = match (kind, bytes.len()) {
                    (b'd' | b'x', 8) => 1,
                    (b'f' | b'y', 4) => 5,
                    _ => return Err(self.err("a fixed value of the wrong size")),
                };
                out.extend(key(wire));
                out.extend(bytes);
            }
            Some(b'"') => {
                self.at += 1;
                let mut v = Vec::new();
                loop {
                    match self.peek() {
                        None => return Err(self.err("an unterminated string")),
                        Some(b'"') => break,
                        Some(b'\\') => {
                            self.at += 1;
                            match self.peek() {
                                Some(c @ (b'"' | b'\\')) => v.push(c),
                                _ => return Err(self.err("an unknown escape")),
                            }
                        }
                        Some(c) => v.push(c),
                    }
                    self.at += 1;
                }
                self.at += 1;
                out.extend(key(2));
                out.extend(encode_varint(v.len() as u64));
                out.extend(v);
            }
            Some(b'{') => {
                self.at += 1;
                let mut inner = Vec::new();
                loop {
                    self.take_while(|b| b == b' ');
                    match self.peek() {
                        Some(b'}') => break,
                        None => return Err(self.err("an unterminated message")),
                        _ => self.field(&mut inner, depth + 1)?,
                    }
                }
                self.at += 1;
                out.extend(key(2));
                out.extend(encode_varint(inner.len() as u64));
                out.extend(inner);
            }
            Some(b'#') => {
                self.at += 1;
                let v = from_hex(self.take_while(|b| b.is_ascii_hexdigit()))?;
                out.extend(key(2));
                out.extend(encode_varint(v.len() as u64));
                out.extend(v);
            }
            _ => return Err(self.err("a value was expected")),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use prost::Message;

    #[test]
    fn bodies_round_trip_and_read_well() {
        let contract = crate::proto::Contract {
            con_id: Some(265598),
            symbol: Some("AAPL \"x\" \\".into()),
            strike: Some(189.25),
            ..Default::default()
        };
        let body = contract.encode_to_vec();
        let cols = render(&body);
        assert!(cols.contains(&"1=265598".to_string()), "{cols:?}");
        assert!(cols.iter().any(|c| c == r#"2="AAPL \"x\" \\""#), "{cols:?}");
        assert_eq!(parse(&cols).unwrap(), body);
        for body in [
            vec![],
            vec![
                0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
            ],
            vec![0x12, 0x03, 0x08, 0x01, 0x10],
            vec![0x12, 0x02, 0x0a, 0x00],
            vec![0x08, 0x80, 0x00], // not minimal: hex
            vec![0x1a, 0x01, 0x00],
        ] {
            let cols = render(&body);
            assert!(cols.iter().all(|c| !c.contains(['\t', '\n'])));
            assert_eq!(parse(&cols).unwrap(), body, "{cols:?}");
        }
        assert!(parse(&["1=\"open".to_string()]).is_err());
        assert!(parse(&["1={2=3".to_string()]).is_err());
        assert!(parse(&["x".to_string()]).is_err());
    }
}
