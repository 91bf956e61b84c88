//! Turns a value's `Debug` text into JSON, so that tests can look at any
//! callback argument (`args[1]["contract"]["symbol"]`) without a hand-written
//! recorder per callback, and the differential decoder can compare it with
//! what the official Python client decodes.
//!
//! Structs become objects (the type name is dropped), `Some(x)` becomes `x`,
//! `None` becomes null, sequences become arrays, maps become objects; numbers
//! keep their exact text (serde_json's `arbitrary_precision`), so decimals
//! with many digits survive; `inf`, `-inf` and `NaN` become the strings
//! "inf", "-inf" and "NaN". Text that does not parse is kept as a string.
#![allow(dead_code)]

use serde_json::{Map, Number, Value};

/// The JSON form of `x`'s Debug text.
pub fn to_json<T: std::fmt::Debug + ?Sized>(x: &T) -> Value {
    let text = format!("{x:?}");
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    match p.value() {
        Some(v) if p.rest_is_blank() => v,
        _ => Value::String(text),
    }
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn blank(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn rest_is_blank(&mut self) -> bool {
        self.blank();
        self.i == self.s.len()
    }

    fn peek(&mut self) -> Option<u8> {
        self.blank();
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn ident(&mut self) -> &str {
        self.blank();
        // A raw identifier (`r#type` in prost's Debug) is its name.
        if self.s[self.i..].starts_with(b"r#") {
            self.i += 2;
        }
        let start = self.i;
        while self.i < self.s.len()
            && (self.s[self.i].is_ascii_alphanumeric() || self.s[self.i] == b'_')
        {
            self.i += 1;
        }
        std::str::from_utf8(&self.s[start..self.i]).unwrap_or("")
    }

    fn value(&mut self) -> Option<Value> {
        match self.peek()? {
            b'"' => self.string().map(Value::String),
            b'\'' => self.char_lit().map(Value::String),
            b'[' => self.seq(b']'),
            b'(' => {
                // A tuple: (a, b).
                self.seq(b')')
            }
            b'{' => self.map(),
            b'-' | b'0'..=b'9' => self.number(),
            _ => {
                let name = self.ident().to_owned();
                if name.is_empty() {
                    return None;
                }
                match name.as_str() {
                    "None" => return Some(Value::Null),
                    "true" => return Some(Value::Bool(true)),
                    "false" => return Some(Value::Bool(false)),
                    "inf" | "NaN" => return Some(Value::String(name)),
                    _ => {}
                }
                match self.peek() {
                    Some(b'{') => self.fields(),
                    Some(b'(') => {
                        // Some(x), a newtype or a tuple struct.
                        let v = self.seq(b')')?;
                        match v {
                            Value::Array(mut a) if a.len() == 1 => a.pop(),
                            other => Some(other),
                        }
                    }
                    _ => Some(Value::String(name)), // a unit variant
                }
            }
        }
    }

    fn seq(&mut self, close: u8) -> Option<Value> {
        self.i += 1; // the opening bracket
        let mut out = Vec::new();
        loop {
            if self.eat(close) {
                return Some(Value::Array(out));
            }
            out.push(self.value()?);
            if !self.eat(b',') {
                return self.eat(close).then_some(Value::Array(out));
            }
        }
    }

    /// `{ key: value, … }` after a struct name.
    fn fields(&mut self) -> Option<Value> {
        self.i += 1;
        let mut out = Map::new();
        loop {
            if self.eat(b'}') {
                return Some(Value::Object(out));
            }
            if self.peek() == Some(b'.') {
                // `..` of a non-exhaustive Debug.
                self.i += 2;
                continue;
            }
            let key = self.ident().to_owned();
            if key.is_empty() || !self.eat(b':') {
                return None;
            }
            let v = self.value()?;
            out.insert(key, v);
            if !self.eat(b',') {
                return self.eat(b'}').then_some(Value::Object(out));
            }
        }
    }

    /// `{k: v, …}` of a map.
    fn map(&mut self) -> Option<Value> {
        self.i += 1;
        let mut out = Map::new();
        loop {
            if self.eat(b'}') {
                return Some(Value::Object(out));
            }
            let k = match self.value()? {
                Value::String(s) => s,
                other => other.to_string(),
            };
            if !self.eat(b':') {
                return None;
            }
            out.insert(k, self.value()?);
            if !self.eat(b',') {
                return self.eat(b'}').then_some(Value::Object(out));
            }
        }
    }

    fn number(&mut self) -> Option<Value> {
        let start = self.i;
        if self.s[self.i] == b'-' {
            self.i += 1;
            if self.s[self.i..].starts_with(b"inf") {
                self.i += 3;
                return Some(Value::String("-inf".into()));
            }
        }
        while self.i < self.s.len()
            && (self.s[self.i].is_ascii_digit() || b".eE+-_".contains(&self.s[self.i]))
        {
            self.i += 1;
        }
        let text = std::str::from_utf8(&self.s[start..self.i]).ok()?;
        text.parse::<Number>().ok().map(Value::Number)
    }

    fn char_lit(&mut self) -> Option<String> {
        self.i += 1;
        let start = self.i;
        while self.i < self.s.len() && self.s[self.i] != b'\'' {
            if self.s[self.i] == b'\\' {
                self.i += 1;
            }
            self.i += 1;
        }
        let text = std::str::from_utf8(self.s.get(start..self.i)?)
            .ok()?
            .to_owned();
        self.i += 1;
        Some(text)
    }

    /// A Rust string literal as Debug writes it.
    fn string(&mut self) -> Option<String> {
        self.i += 1;
        let mut out = Vec::new();
        while self.i < self.s.len() {
            let c = self.s[self.i];
            self.i += 1;
            match c {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let e = *self.s.get(self.i)?;
                    self.i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b't' => out.push(b'\t'),
                        b'r' => out.push(b'\r'),
                        b'0' => out.push(0),
                        b'\\' | b'"' | b'\'' => out.push(e),
                        b'u' => {
                            // \u{XXXX}
                            let close = self.s[self.i..].iter().position(|&b| b == b'}')?;
                            let hex =
                                std::str::from_utf8(&self.s[self.i + 1..self.i + close]).ok()?;
                            let ch = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
                            let mut buf = [0u8; 4];
                            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                            self.i += close + 1;
                        }
                        _ => return None,
                    }
                }
                _ => out.push(c),
            }
        }
        None
    }
}

#[test]
fn debug_text_becomes_json() {
    #[derive(Debug)]
    struct Inner {
        a: Option<i32>,
        b: Vec<f64>,
    }
    #[derive(Debug)]
    struct Outer {
        name: String,
        inner: Inner,
        none: Option<u8>,
        big: rust_decimal::Decimal,
        flags: (bool, char),
    }
    let v = to_json(&Outer {
        name: "a \"b\"\n\u{1}".into(),
        inner: Inner {
            a: Some(-3),
            b: vec![1.5, f64::INFINITY, f64::NAN, f64::MAX, -0.0],
        },
        none: None,
        big: rust_decimal::Decimal::MAX,
        flags: (true, 'x'),
    });
    assert_eq!(v["name"], "a \"b\"\n\u{1}");
    assert_eq!(v["inner"]["a"], -3);
    assert_eq!(v["inner"]["b"][0].to_string(), "1.5");
    assert_eq!(v["inner"]["b"][1], "inf");
    assert_eq!(v["inner"]["b"][2], "NaN");
    assert_eq!(v["inner"]["b"][3].as_f64(), Some(f64::MAX));
    assert_eq!(v["none"], Value::Null);
    assert_eq!(v["big"].to_string(), "79228162514264337593543950335");
    assert_eq!(v["flags"][0], true);
    assert_eq!(to_json("plain"), "plain");
}
