//! The protocol: one struct per message, grouped by domain.
//!
//! Every struct implements [`Message`], with both `encode` and `decode`, for
//! requests and responses alike; every incoming message also implements
//! [`Incoming`] (its callback and the request it answers), and the one id
//! table ([`ids`]) maps ids to types in both directions: the client encodes
//! requests and decodes responses, the simulated gateway (`sim`) does the
//! opposite, and both
//! use the same definitions. Every version gate of the protocol is written here,
//! once, named by its [`crate::server_versions`] constant.

pub mod account;
pub mod config;
pub mod connection;
pub mod contracts;
pub mod display_groups;
pub mod fundamentals;
pub mod historical;
pub mod ids;
pub mod incoming;
pub mod layout;
pub mod market_data;
pub mod news;
pub mod orders;
pub mod protobuf;
pub mod route;
pub mod scanner;

pub use incoming::{Handler, Incoming, Pb};
pub use protobuf::{ProtoForm, WithProto};
pub use route::{Ends, RequestKey, Route, SessionFact};

use crate::server_versions::MIN_SERVER_VER_ENCODE_MSG_ASCII7;
use crate::wire::{
    begin_frame, begin_protobuf_frame, finish_frame, DecodeError, EncodeError, FieldReader,
    FieldWriter,
};

/// Reads a text field that the server escapes from version 153 on
/// (`MIN_SERVER_VER_ENCODE_MSG_ASCII7`).
pub(crate) fn read_text(
    sv: i32,
    r: &mut FieldReader<'_>,
    field: &'static str,
) -> Result<String, DecodeError> {
    if sv >= MIN_SERVER_VER_ENCODE_MSG_ASCII7 {
        r.read_str_unescaped(field).map(|c| c.into_owned())
    } else {
        r.read_string(field)
    }
}

/// [`read_text`] without allocating when the text has no escape: borrowed
/// from the frame (the tick path's `tickString`).
pub(crate) fn read_text_borrowed<'a>(
    sv: i32,
    r: &mut FieldReader<'a>,
    field: &'static str,
) -> Result<std::borrow::Cow<'a, str>, DecodeError> {
    if sv >= MIN_SERVER_VER_ENCODE_MSG_ASCII7 {
        r.read_str_unescaped(field)
    } else {
        r.read_str(field).map(std::borrow::Cow::Borrowed)
    }
}

/// Writes a text field as the server does: escaped from version 153 on, as
/// it is before. The inverse of [`read_text`].
pub(crate) fn write_text(sv: i32, w: &mut FieldWriter<'_>, text: &str) {
    if sv >= MIN_SERVER_VER_ENCODE_MSG_ASCII7 {
        w.put_str_escaped(text);
    } else {
        w.put_str_raw(text);
    }
}

/// One protocol message in the field encoding.
pub trait Message: Sized {
    /// The message id (in [`ids::incoming`] or [`ids::outgoing`], by direction).
    const ID: u32;

    /// Writes the message's fields (after the message id) as the given server
    /// version expects them. Refuses with [`EncodeError::UpdateTws`] what that
    /// version cannot take.
    fn encode(&self, server_version: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError>;

    /// Reads the message's fields (after the message id).
    fn decode(server_version: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError>;

    /// For a request the official client sends as protobuf from some server
    /// version on: that version, from [`ids::outgoing::protobuf_since`].
    /// [`encode_frame`] is the one place that chooses the form by it.
    const PROTOBUF_SINCE: Option<i32> = None;

    /// Appends the prost-encoded body of the protobuf form (after the raw
    /// message id + 200). Implemented by the messages that set
    /// [`PROTOBUF_SINCE`](Message::PROTOBUF_SINCE).
    fn encode_protobuf(&self, _server_version: i32, _out: &mut Vec<u8>) -> Result<(), EncodeError> {
        Err(EncodeError::Unsupported(
            "this message has no protobuf form",
        ))
    }

    /// Reads the body of the protobuf form (the simulated gateway's side).
    fn decode_protobuf(_server_version: i32, _body: &[u8]) -> Result<Self, DecodeError> {
        Err(DecodeError::Protobuf(format!(
            "message {} has no protobuf form",
            Self::ID
        )))
    }
}

/// Whether `M` travels as protobuf at `server_version`.
pub fn uses_protobuf<M: Message>(server_version: i32) -> bool {
    M::PROTOBUF_SINCE.is_some_and(|since| server_version >= since)
}

/// Appends `msg` to `out` as one whole frame: length, message id, fields —
/// or, for a request the official client sends as protobuf at
/// `server_version` ([`uses_protobuf`]), length, raw id + 200, protobuf body.
///
/// On error nothing is appended.
pub fn encode_frame<M: Message>(
    msg: &M,
    server_version: i32,
    out: &mut Vec<u8>,
) -> Result<(), EncodeError> {
    let (start, result) = if uses_protobuf::<M>(server_version) {
        let start = begin_protobuf_frame(out, M::ID);
        (start, msg.encode_protobuf(server_version, out))
    } else {
        let start = begin_frame(out, server_version, M::ID);
        let mut w = FieldWriter::new(out);
        (start, msg.encode(server_version, &mut w).and(w.finish()))
    };
    match result {
        Ok(()) => {
            finish_frame(out, start);
            Ok(())
        }
        Err(e) => {
            out.truncate(start);
            Err(e)
        }
    }
}

/// Encodes `msg` as one frame into a new buffer.
pub fn to_frame<M: Message>(msg: &M, server_version: i32) -> Result<Vec<u8>, EncodeError> {
    let mut out = Vec::with_capacity(64);
    encode_frame(msg, server_version, &mut out)?;
    Ok(out)
}

/// Decodes the body of a message whose id has already been read.
pub fn decode_body<M: Message>(server_version: i32, body: &[u8]) -> Result<M, DecodeError> {
    M::decode(server_version, &mut FieldReader::new(body))
}

/// Decodes the body of a message in either form, as its header says.
pub fn decode_either<M: Message>(
    server_version: i32,
    protobuf: bool,
    body: &[u8],
) -> Result<M, DecodeError> {
    if protobuf {
        M::decode_protobuf(server_version, body)
    } else {
        decode_body(server_version, body)
    }
}

/// The id of a text request that did not decode, where one can be read:
/// the request id of a request known by it, or the order id of an order or
/// its cancel. It is the request's first field, or its second when a message
/// version comes first; which, a default request encoded at the same version
/// tells (its id is 0, a message version never is). `None` for a protobuf
/// body, a request without an id, or an id that does not parse.
pub fn failed_request_id<M: Message + Default>(
    sv: i32,
    protobuf: bool,
    body: &[u8],
) -> Option<i32> {
    use route::{Lifecycle, LifecycleKey};
    let by_id = match ids::outgoing::lifecycle(M::ID) {
        Lifecycle::Starts { key, .. } | Lifecycle::Cancels(key) => key == LifecycleKey::ReqId,
        Lifecycle::Nothing => {
            M::ID == ids::outgoing::PLACE_ORDER || M::ID == ids::outgoing::CANCEL_ORDER
        }
    };
    if protobuf || !by_id {
        return None;
    }
    let mut probe = Vec::new();
    let mut w = FieldWriter::new(&mut probe);
    M::default().encode(sv, &mut w).ok()?;
    w.finish().ok()?;
    let at = usize::from(probe.split(|&b| b == 0).next()? != b"0");
    let mut r = FieldReader::new(body);
    for _ in 0..at {
        r.skip("field").ok()?;
    }
    r.read_int_named("id").ok()
}

#[cfg(test)]
pub(crate) mod test_util {
    use super::*;
    use crate::wire::MessageHeader;

    /// Encodes `msg` as a frame in its text form, then reads the frame back
    /// as the peer would. (A message that travels as protobuf at
    /// `server_version` is taken at the last version of its text form: the
    /// protobuf forms have tests of their own.)
    pub fn round_trip<M: Message>(msg: &M, server_version: i32) -> M {
        let server_version = match M::PROTOBUF_SINCE {
            Some(since) if server_version >= since => since - 1,
            _ => server_version,
        };
        let frame = to_frame(msg, server_version).expect("encodes");
        let payload = &frame[4..];
        assert_eq!(
            u32::from_be_bytes([frame[0], frame[1], frame[2], frame[3]]) as usize,
            payload.len()
        );
        let h = MessageHeader::parse(server_version, payload).expect("header");
        assert_eq!(h.id, M::ID);
        assert!(!h.protobuf);
        decode_body(server_version, &payload[h.body_start..]).expect("decodes")
    }

    /// Server versions the round-trip tests run at.
    pub const VERSIONS: [i32; 6] = [100, 153, 176, 187, 200, 203];
}
