//! The wire: bytes only.
//!
//! * [`frame`]: the `u32` big-endian length prefix, refusing lengths over
//!   [`MAX_MSG_LEN`] before anything is allocated.
//! * [`fields`]: NUL-terminated fields, read by a cursor that parses numbers
//!   straight from the bytes ([`FieldReader`]) and written by the official
//!   rules for booleans, unset values, infinity and floats ([`FieldWriter`]).
//! * [`handshake`]: the `"API\0"` + `"v100..203"` hello and the server's answer.
//! * Message-id framing ([`MessageHeader`]): a text field below server version
//!   201, a raw `u32` from 201 on, protobuf payloads with id + 200.
//!
//! Nothing here knows about sockets or threads.

pub mod fields;
mod float;
pub mod frame;
pub mod handshake;

pub use fields::{DecodeError, EncodeError, FieldReader, FieldWriter, WireInt};
pub use frame::{FrameError, MAX_MSG_LEN};

use crate::messages::ids::PROTOBUF_MSG_ID;
use crate::server_versions::MIN_SERVER_VER_PROTOBUF;

/// `true` when message ids travel as a raw big-endian `u32` at this server version.
#[inline]
pub fn uses_raw_msg_id(server_version: i32) -> bool {
    server_version >= MIN_SERVER_VER_PROTOBUF
}

/// The message id at the start of a frame's payload, and where its body starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessageHeader {
    /// The message id, with the protobuf offset already removed.
    pub id: u32,
    /// `true` when the body is a protobuf message rather than NUL-terminated fields.
    pub protobuf: bool,
    /// Offset of the body within the payload.
    pub body_start: usize,
}

impl MessageHeader {
    /// Reads the message id of one frame payload (the bytes after the length prefix).
    ///
    /// ```
    /// use tws_api::wire::MessageHeader;
    /// let h = MessageHeader::parse(176, b"9\x001\x0042\x00").unwrap();
    /// assert_eq!((h.id, h.protobuf, h.body_start), (9, false, 2));
    /// let h = MessageHeader::parse(203, &[0, 0, 0, 204, 8, 1]).unwrap();
    /// assert_eq!((h.id, h.protobuf, h.body_start), (4, true, 4));
    /// ```
    pub fn parse(server_version: i32, payload: &[u8]) -> Result<MessageHeader, DecodeError> {
        if uses_raw_msg_id(server_version) {
            let Some(raw) = payload.get(..4) else {
                return Err(DecodeError::Truncated {
                    field: "message id",
                });
            };
            let raw = u32::from_be_bytes([raw[0], raw[1], raw[2], raw[3]]);
            let (id, protobuf) = if raw > PROTOBUF_MSG_ID {
                (raw - PROTOBUF_MSG_ID, true)
            } else {
                (raw, false)
            };
            Ok(MessageHeader {
                id,
                protobuf,
                body_start: 4,
            })
        } else {
            let mut r = FieldReader::new(payload);
            let id = r.read_int::<u32>()?;
            Ok(MessageHeader {
                id,
                protobuf: false,
                body_start: r.position(),
            })
        }
    }
}

/// Starts a frame for message `id` in `out`: a length placeholder, then the id
/// as the server version wants it. Finish with [`finish_frame`].
pub fn begin_frame(out: &mut Vec<u8>, server_version: i32, id: u32) -> usize {
    let start = out.len();
    out.extend_from_slice(&[0, 0, 0, 0]);
    if uses_raw_msg_id(server_version) {
        out.extend_from_slice(&id.to_be_bytes());
    } else {
        fields::put_display(out, id);
    }
    start
}

/// Starts a protobuf frame: a length placeholder and the raw id + 200.
pub fn begin_protobuf_frame(out: &mut Vec<u8>, id: u32) -> usize {
    let start = out.len();
    out.extend_from_slice(&[0, 0, 0, 0]);
    out.extend_from_slice(&(id + PROTOBUF_MSG_ID).to_be_bytes());
    start
}

/// Writes the length prefix of the frame begun at `start`.
pub fn finish_frame(out: &mut [u8], start: usize) {
    let len = (out.len() - start - 4) as u32;
    out[start..start + 4].copy_from_slice(&len.to_be_bytes());
}
