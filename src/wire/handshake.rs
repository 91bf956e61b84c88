//! The v100+ handshake.
//!
//! The client opens with `"API\0"` followed by one length-prefixed text frame,
//! `"v{min}..{max}"`, with connect options such as `+PACEAPI` appended after a
//! space. The server answers with one frame of two fields: the server version
//! it chose and its connection time. Only then does the client send startApi.

use super::fields::FieldReader;
use super::frame::write_frame;
use crate::server_versions::{MAX_CLIENT_VER, MIN_CLIENT_VER};

/// The four bytes that open every API connection.
pub const API_PREFIX: &[u8; 4] = b"API\0";

/// The client's hello: `"API\0"` + frame(`"v100..203[ options]"`).
///
/// ```
/// use tws_api::wire::handshake::encode_hello;
/// let hello = encode_hello(100, 203, "");
/// assert_eq!(&hello[..], b"API\0\0\0\0\x09v100..203");
/// assert!(encode_hello(100, 203, "+PACEAPI").ends_with(b"v100..203 +PACEAPI"));
/// ```
pub fn encode_hello(min_version: i32, max_version: i32, connect_options: &str) -> Vec<u8> {
    let mut text = format!("v{min_version}..{max_version}");
    if !connect_options.is_empty() {
        text.push(' ');
        text.push_str(connect_options);
    }
    let mut out = Vec::with_capacity(8 + text.len());
    out.extend_from_slice(API_PREFIX);
    write_frame(&mut out, text.as_bytes());
    out
}

/// What a client announced in its hello (the server's side of the handshake).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hello {
    /// Lowest version the client speaks.
    pub min_version: i32,
    /// Highest version the client speaks.
    pub max_version: i32,
    /// Connect options after the version range (`+PACEAPI`, …), or empty.
    pub connect_options: String,
}

impl Hello {
    /// Parses the text of the hello frame (after `"API\0"` and the length prefix).
    /// `None` when it is not `v{min}..{max}[ options]` with `min <= max`.
    pub fn parse(text: &[u8]) -> Option<Hello> {
        let text = std::str::from_utf8(text).ok()?;
        let rest = text.strip_prefix('v')?;
        let (range, options) = match rest.split_once(' ') {
            Some((r, o)) => (r, o.trim()),
            None => (rest, ""),
        };
        let (min, max) = match range.split_once("..") {
            Some((a, b)) => (a.parse().ok()?, b.parse().ok()?),
            None => {
                let v = range.parse().ok()?;
                (v, v)
            }
        };
        if min > max {
            return None;
        }
        Some(Hello {
            min_version: min,
            max_version: max,
            connect_options: options.to_owned(),
        })
    }
}

/// The hello of this client: the whole range it speaks.
pub fn client_hello(connect_options: &str) -> Vec<u8> {
    encode_hello(MIN_CLIENT_VER, MAX_CLIENT_VER, connect_options)
}

/// The server's answer: one frame with the chosen version and the connection time.
pub fn encode_server_answer(server_version: i32, connection_time: &str) -> Vec<u8> {
    let payload = format!("{server_version}\0{connection_time}\0");
    let mut out = Vec::with_capacity(4 + payload.len());
    write_frame(&mut out, payload.as_bytes());
    out
}

/// Parses the server's answer frame payload into (server version, connection time).
///
/// `None` when the payload is not exactly two fields with an integer first; the
/// official client skips such frames while it waits for the answer.
pub fn decode_server_answer(payload: &[u8]) -> Option<(i32, String)> {
    let mut r = FieldReader::new(payload);
    if r.remaining_fields() != 2 {
        return None;
    }
    let version = r.read_int_named::<i32>("server version").ok()?;
    let time = r.read_str("connection time").ok()?.to_owned();
    Some((version, time))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hello_round_trip() {
        let h = client_hello("+PACEAPI");
        assert_eq!(&h[..4], API_PREFIX);
        let parsed = Hello::parse(&h[8..]).unwrap();
        assert_eq!(
            parsed,
            Hello {
                min_version: 100,
                max_version: MAX_CLIENT_VER,
                connect_options: "+PACEAPI".into()
            }
        );
        assert_eq!(Hello::parse(b"v150").unwrap().max_version, 150);
        assert_eq!(Hello::parse(b"x100..203"), None);
        assert_eq!(Hello::parse(b"v200..100"), None);
        assert_eq!(Hello::parse(b"v1a..2"), None);
    }

    #[test]
    fn server_answer_round_trip() {
        let a = encode_server_answer(187, "20261123 16:53:52 UTC");
        assert_eq!(
            decode_server_answer(&a[4..]),
            Some((187, "20261123 16:53:52 UTC".into()))
        );
        assert_eq!(decode_server_answer(b"187\0"), None);
        assert_eq!(decode_server_answer(b"x\0t\0"), None);
        assert_eq!(decode_server_answer(b"1\0t\0extra\0"), None);
    }
}
