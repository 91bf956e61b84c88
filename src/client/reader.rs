//! The EReader: an OS thread that turns the socket's bytes into frames.
//!
//! It reads as much as the socket has (up to the buffer's capacity), cuts the
//! bytes into whole frames and sends them to `run()` as one [`Batch`]: one
//! channel operation per read rather than per message, which is what lets a
//! burst of ticks through at millions per second. It checks every length prefix
//! before it allocates for it, and it never decodes a business message.

use std::io::{self, Read};
use std::net::TcpStream;
use std::sync::Arc;

use crossbeam_channel::Sender;

use super::eclient::{Incoming, Inner};
use crate::errors::{BAD_LENGTH, NO_VALID_ID, SOCKET_EXCEPTION};
use crate::wire::frame::frame_len;

/// Initial size of the read buffer; it grows for frames larger than this.
const READ_BUF: usize = 64 * 1024;

/// Whole frames, back to back with their length prefixes, from one read.
#[derive(Debug)]
pub(crate) struct Batch {
    /// The frames' bytes.
    pub bytes: Vec<u8>,
    /// The server version of the connection they came from.
    pub server_version: i32,
}

/// Reads frames until the socket ends, then marks the connection closed and
/// sends the one `Closed` marker for it.
pub(crate) fn reader_loop(
    mut stream: TcpStream,
    initial: Vec<u8>,
    tx: Sender<Incoming>,
    inner: Arc<Inner>,
    generation: u64,
    server_version: i32,
) {
    let mut buf: Vec<u8> = Vec::with_capacity(READ_BUF.max(initial.len()));
    buf.extend_from_slice(&initial);
    if !initial.is_empty() {
        inner.metrics.bytes_in(initial.len());
    }
    let mut first = !buf.is_empty();
    let outcome = loop {
        if buf.capacity() - buf.len() < 4096 {
            buf.reserve(READ_BUF);
        }
        if !std::mem::take(&mut first) {
            inner.flow.wait_for_room(|| inner.closing(generation));
            match read_into(&mut stream, &mut buf) {
                Ok(0) => break Outcome::Eof,
                Ok(n) => inner.metrics.bytes_in(n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => break Outcome::Error(e),
            }
        }
        // Find the end of the last whole frame, checking every prefix.
        let mut end = 0;
        let mut frames = 0u64;
        let mut bad_len = None;
        loop {
            match frame_len(&buf[end..]) {
                Ok(Some(total)) => {
                    end += total;
                    frames += 1;
                }
                Ok(None) => break,
                Err(e) => {
                    bad_len = Some(e);
                    break;
                }
            }
        }
        if end > 0 {
            let rest = buf.split_off(end);
            let mut next = Vec::with_capacity(READ_BUF.max(rest.len() + 4096));
            next.extend_from_slice(&rest);
            let bytes = std::mem::replace(&mut buf, next);
            inner.metrics.frames_in(frames);
            inner.flow.queued(bytes.len());
            if tx
                .send(Incoming::Frames(Batch {
                    bytes,
                    server_version,
                }))
                .is_err()
            {
                break Outcome::ChannelGone;
            }
        }
        if let Some(e) = bad_len {
            let _ = tx.send(Incoming::error(
                NO_VALID_ID,
                BAD_LENGTH.code,
                format!("{}:{}", BAD_LENGTH.msg, e),
            ));
            break Outcome::BadLength;
        }
        // A frame longer than the buffer: make room for all of it at once
        // (its length was checked above, so this is at most 16 MiB).
        if let Ok(None) = frame_len(&buf) {
            if buf.len() >= 4 {
                let need = 4 + u32::from_be_bytes([buf[0], buf[1], buf[2], buf[3]]) as usize;
                if need > buf.capacity() {
                    buf.reserve(need - buf.len());
                }
            }
        }
    };
    let on_purpose = inner.closing(generation);
    if let Outcome::Error(e) = &outcome {
        if !on_purpose {
            let _ = tx.send(Incoming::error(
                NO_VALID_ID,
                SOCKET_EXCEPTION.code,
                format!("{}{e}", SOCKET_EXCEPTION.msg),
            ));
        }
    }
    log::debug!("reader for connection {generation} ends: {outcome:?}");
    inner.connection_ended(generation);
    let _ = tx.send(Incoming::Closed);
}

#[derive(Debug)]
enum Outcome {
    Eof,
    Error(io::Error),
    BadLength,
    ChannelGone,
}

/// Reads into the spare capacity of `buf`.
fn read_into(stream: &mut TcpStream, buf: &mut Vec<u8>) -> io::Result<usize> {
    let len = buf.len();
    let cap = buf.capacity();
    // Zero-filling the spare room keeps this safe Rust; it is one memset per read.
    buf.resize(cap, 0);
    let result = stream.read(&mut buf[len..]);
    let n = *result.as_ref().unwrap_or(&0);
    buf.truncate(len + n);
    result
}
