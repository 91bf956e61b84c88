//! The EReader: an OS thread that turns the socket's bytes into frames.
//!
//! It reads as much as the socket has (up to 64 KiB at a time), cuts the
//! bytes into whole frames and sends them to `run()` as one [`Batch`]: one
//! channel operation per read rather than per message, which is what lets a
//! burst of ticks through at millions per second. It checks every length prefix
//! before it allocates for it, and it never decodes a business message.
//!
//! While the feed is light (a read brings less than
//! [`DIRECT_BELOW`] bytes and `run()` is waiting for it), the reader lends the
//! socket to `run()`, which then reads it itself until a read brings more
//! (see `client/conn/direct.rs`): one thread wake-up per batch instead of two.
//! It takes the socket back when `run()` spends a millisecond or more in
//! callbacks meanwhile (it looks every 20 ms), so the socket is drained
//! whatever the callbacks do (up to the queue limit), as the official
//! EReader's is.

use std::io::{self, Read};
use std::net::TcpStream;
use std::sync::Arc;

use crossbeam_channel::Sender;

use super::direct::Lent;
use super::eclient::{Incoming, Inner};
use crate::errors::{BAD_LENGTH, NO_VALID_ID, SOCKET_EXCEPTION};
use crate::wire::frame::Frames;

/// Bytes asked for per socket read; `buf` grows for frames larger than this.
const READ_BUF: usize = 64 * 1024;

/// A read smaller than this is a light feed: the socket may be lent to `run()`.
/// A direct read of this much or more gives it back to the reader thread.
pub(crate) const DIRECT_BELOW: usize = 16 * 1024;

/// Whole frames, back to back with their length prefixes, from one read.
#[derive(Debug)]
pub(crate) struct Batch {
    /// The frames' bytes.
    pub bytes: Vec<u8>,
    /// The server version of the connection they came from.
    pub server_version: i32,
}

/// The read side of one connection: the socket and the bytes of a frame not
/// yet complete. Owned by the reader thread, or lent to `run()`.
#[derive(Debug)]
pub(crate) struct ReadSide {
    pub(crate) stream: TcpStream,
    buf: Vec<u8>,
    scratch: Vec<u8>,
    /// A dispatched batch's buffer, reused for the next cut when `run()`
    /// reads directly (nothing crosses threads then, so nothing needs a
    /// fresh allocation).
    spare: Vec<u8>,
    pub(crate) generation: u64,
    pub(crate) server_version: i32,
}

/// Why a connection's reading ended.
#[derive(Debug)]
pub(crate) enum Outcome {
    Eof,
    Error(io::Error),
    BadLength(String),
    ChannelGone,
}

impl ReadSide {
    pub(crate) fn new(
        stream: TcpStream,
        initial: Vec<u8>,
        generation: u64,
        server_version: i32,
    ) -> ReadSide {
        // Capacity for what is left over plus one whole read, so appending a
        // read reallocates only for a frame larger than that.
        let mut buf: Vec<u8> = Vec::with_capacity(initial.len() + READ_BUF);
        buf.extend_from_slice(&initial);
        ReadSide {
            stream,
            buf,
            // The socket is read into this, and only what arrived is appended
            // to `buf`: a copy of the bytes received rather than zeroing
            // `buf`'s spare room on every read. `buf` grows by what arrives,
            // never by what a length prefix announces.
            scratch: vec![0u8; READ_BUF],
            spare: Vec::new(),
            generation,
            server_version,
        }
    }

    /// `true` when bytes from the handshake are waiting to be cut.
    fn has_leftover(&self) -> bool {
        !self.buf.is_empty()
    }

    /// One blocking read: the number of bytes that arrived.
    pub(crate) fn read(&mut self, inner: &Inner) -> Result<usize, Outcome> {
        loop {
            match self.stream.read(&mut self.scratch) {
                Ok(0) => return Err(Outcome::Eof),
                Ok(n) => {
                    inner.metrics.bytes_in(n);
                    self.buf.extend_from_slice(&self.scratch[..n]);
                    return Ok(n);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(Outcome::Error(e)),
            }
        }
    }

    /// The whole frames at the start of the buffer, as a batch (if any),
    /// and the error of a bad length prefix after them (which ends the
    /// connection once the frames before it are delivered).
    pub(crate) fn cut(&mut self, inner: &Inner) -> (Option<Batch>, Option<Outcome>) {
        let mut whole = Frames::new(&self.buf);
        let frames = whole.by_ref().count() as u64;
        let end = whole.consumed();
        let bad = whole.error().map(|e| Outcome::BadLength(e.to_string()));
        let batch = (end > 0).then(|| {
            let mut next = std::mem::take(&mut self.spare);
            next.reserve(self.buf.len() - end + READ_BUF);
            next.extend_from_slice(&self.buf[end..]);
            let mut bytes = std::mem::replace(&mut self.buf, next);
            bytes.truncate(end);
            inner.metrics.frames_in(frames);
            inner.capture.server(&bytes);
            Batch {
                bytes,
                server_version: self.server_version,
            }
        });
        (batch, bad)
    }

    /// Takes back a dispatched batch's buffer for the next cut.
    pub(crate) fn recycle(&mut self, mut bytes: Vec<u8>) {
        bytes.clear();
        self.spare = bytes;
    }
}

/// Ends a connection's reading: the error it owes (unless closed on
/// purpose), the connection forgotten, and the one `Closed` marker.
pub(crate) fn finish(inner: &Inner, tx: &Sender<Incoming>, generation: u64, outcome: Outcome) {
    let on_purpose = inner.closing(generation);
    match &outcome {
        Outcome::Error(e) if !on_purpose => {
            let _ = tx.send(Incoming::error(
                NO_VALID_ID,
                SOCKET_EXCEPTION.code,
                format!("{}{e}", SOCKET_EXCEPTION.msg),
            ));
        }
        Outcome::BadLength(e) => {
            let _ = tx.send(Incoming::error(
                NO_VALID_ID,
                BAD_LENGTH.code,
                format!("{}:{}", BAD_LENGTH.msg, e),
            ));
        }
        _ => {}
    }
    log::debug!("reading connection {generation} ends: {outcome:?}");
    inner.connection_ended(generation);
    let _ = tx.send(Incoming::Closed);
}

/// Reads frames until the socket ends, then marks the connection closed and
/// sends the one `Closed` marker for it.
pub(crate) fn reader_loop(mut side: ReadSide, tx: Sender<Incoming>, inner: Arc<Inner>) {
    let generation = side.generation;
    if side.has_leftover() {
        inner.metrics.bytes_in(side.buf.len());
    }
    let mut first = side.has_leftover();
    let outcome = loop {
        let mut read = 0;
        if !std::mem::take(&mut first) {
            inner.flow.wait_for_room(|| inner.closing(generation));
            match side.read(&inner) {
                Ok(n) => read = n,
                Err(o) => break o,
            }
        }
        let (batch, bad) = side.cut(&inner);
        let mut sent = 0;
        if let Some(batch) = batch {
            sent = batch.bytes.len();
            inner.flow.queued(sent);
            if tx.send(Incoming::Frames(batch)).is_err() {
                break Outcome::ChannelGone;
            }
        }
        if let Some(o) = bad {
            break o;
        }
        // A light feed and `run()` waiting for this batch: lend it the socket.
        if sent > 0 && read < DIRECT_BELOW && inner.flow.queued_bytes() <= sent {
            let lent = inner.direct.lend(
                side,
                || inner.is_running(),
                || inner.closing(generation),
                || {
                    let _ = tx.send(Incoming::Lent);
                },
            );
            match lent {
                Lent::Back(s) => side = s,
                Lent::TakenOver(s) => {
                    inner.metrics.take_over();
                    side = s;
                }
                Lent::Kept => return,
            }
        }
    };
    finish(&inner, &tx, generation, outcome);
}
