//! The EReader: an OS thread that turns the socket's bytes into frames.
//!
//! It reads as much as the socket has (up to 64 KiB at a time), cuts the
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
use crate::wire::frame::Frames;

/// Bytes asked for per socket read; `buf` grows for frames larger than this.
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
    // Capacity for what is left over plus one whole read, so appending a read
    // reallocates only for a frame larger than that.
    let mut buf: Vec<u8> = Vec::with_capacity(initial.len() + READ_BUF);
    buf.extend_from_slice(&initial);
    if !initial.is_empty() {
        inner.metrics.bytes_in(initial.len());
    }
    // The socket is read into this, and only what arrived is appended to
    // `buf`: a copy of the bytes received rather than zeroing `buf`'s spare
    // room on every read. `buf` grows by what arrives, never by what a length
    // prefix announces.
    let mut scratch = vec![0u8; READ_BUF];
    let mut first = !buf.is_empty();
    let outcome = loop {
        if !std::mem::take(&mut first) {
            inner.flow.wait_for_room(|| inner.closing(generation));
            match stream.read(&mut scratch) {
                Ok(0) => break Outcome::Eof,
                Ok(n) => {
                    inner.metrics.bytes_in(n);
                    buf.extend_from_slice(&scratch[..n]);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => break Outcome::Error(e),
            }
        }
        // The whole frames at the start of `buf`; every prefix is checked.
        let mut whole = Frames::new(&buf);
        let frames = whole.by_ref().count() as u64;
        let end = whole.consumed();
        let bad_len = whole.error();
        if end > 0 {
            let mut next = Vec::with_capacity(buf.len() - end + READ_BUF);
            next.extend_from_slice(&buf[end..]);
            let mut bytes = std::mem::replace(&mut buf, next);
            bytes.truncate(end);
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
