//! Writing a transcript as the session goes: what the client's capture and
//! the `tws-record` proxy share.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use super::{render_header, render_line, Direction, FrameKind, Header, Masker};
use crate::wire::frame::Frames;

/// Writes one session's frames as transcript lines, as they cross the wire.
///
/// The header needs the server version, which the handshake answer brings:
/// the hello is held until then.
pub struct TranscriptWriter {
    out: Box<dyn Write + Send>,
    start: Instant,
    recorded: u64,
    sv: Option<i32>,
    client_id: Option<i32>,
    pending: Vec<(u64, Direction, FrameKind)>,
    masker: Option<Masker>,
}

impl std::fmt::Debug for TranscriptWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TranscriptWriter")
            .field("sv", &self.sv)
            .field("client_id", &self.client_id)
            .field("masked", &self.masker.is_some())
            .finish_non_exhaustive()
    }
}

impl TranscriptWriter {
    /// Writes to `out`; `mask` replaces account ids (see [`Masker`]).
    pub fn new(out: impl Write + Send + 'static, mask: bool) -> TranscriptWriter {
        TranscriptWriter {
            out: Box::new(out),
            start: Instant::now(),
            recorded: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            sv: None,
            client_id: None,
            pending: Vec::new(),
            masker: mask.then(Masker::new),
        }
    }

    /// Creates (or truncates) the file at `path` and writes to it.
    pub fn create(path: &Path, mask: bool) -> io::Result<TranscriptWriter> {
        let file = File::create(path).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("cannot create the transcript {}: {e}", path.display()),
            )
        })?;
        Ok(TranscriptWriter::new(BufWriter::new(file), mask))
    }

    /// Counts the session's time from `start` (when its hello was sent)
    /// rather than from now.
    pub fn started_at(mut self, start: Instant) -> TranscriptWriter {
        self.start = start;
        self
    }

    /// The client id the header names (known to the client before the
    /// handshake ends; the proxy learns it from startApi, too late for it).
    pub fn set_client_id(&mut self, id: i32) {
        self.client_id = Some(id);
    }

    /// The server version, once the handshake answer (or
    /// [`begin`](TranscriptWriter::begin)) gave it.
    pub fn server_version(&self) -> Option<i32> {
        self.sv
    }

    fn micros(&self) -> u64 {
        self.start.elapsed().as_micros() as u64
    }

    /// The client's hello text (after `"API\0"` and its length prefix).
    pub fn hello(&mut self, text: &str) -> io::Result<()> {
        let at = self.micros();
        self.hello_at(at, text)
    }

    /// The hello, sent `at` microseconds after the start.
    fn hello_at(&mut self, at: u64, text: &str) -> io::Result<()> {
        self.record(at, Direction::Client, FrameKind::Hello(text.to_owned()))
    }

    /// The hello, sent at the start (see [`started_at`](TranscriptWriter::started_at)).
    pub fn hello_at_start(&mut self, text: &str) -> io::Result<()> {
        self.hello_at(0, text)
    }

    /// The gateway's handshake answer (its payload): the header is written
    /// with the server version it names, then the frames held until now.
    pub fn handshake(&mut self, payload: &[u8]) -> io::Result<()> {
        let at = self.micros();
        let sv = crate::wire::handshake::decode_server_answer(payload).map_or(0, |(sv, _)| sv);
        self.pending.push((
            at,
            Direction::Server,
            FrameKind::Handshake(payload.to_vec()),
        ));
        self.begin(sv)
    }

    /// Starts the transcript at server version `sv` without a handshake (a
    /// capture started on a connection already open). Does nothing once
    /// begun.
    pub fn begin(&mut self, sv: i32) -> io::Result<()> {
        if self.sv.is_some() {
            return Ok(());
        }
        self.sv = Some(sv);
        let header = Header {
            server_version: sv,
            client_id: self.client_id,
            recorded: Some(self.recorded),
            masked: self.masker.is_some(),
        };
        self.out.write_all(render_header(&header).as_bytes())?;
        for (at, dir, kind) in std::mem::take(&mut self.pending) {
            self.record(at, dir, kind)?;
        }
        Ok(())
    }

    fn record(&mut self, at: u64, dir: Direction, kind: FrameKind) -> io::Result<()> {
        let Some(sv) = self.sv else {
            self.pending.push((at, dir, kind));
            return Ok(());
        };
        let kind = match &mut self.masker {
            Some(m) => m.mask_kind(sv, dir, &kind),
            None => kind,
        };
        self.out
            .write_all(render_line(sv, at, dir, &kind).as_bytes())
    }

    /// One frame's payload.
    pub fn frame(&mut self, dir: Direction, payload: &[u8]) -> io::Result<()> {
        let at = self.micros();
        self.record(at, dir, FrameKind::Frame(payload.to_vec()))
    }

    /// Whole frames, back to back with their length prefixes.
    pub fn frames(&mut self, dir: Direction, bytes: &[u8]) -> io::Result<()> {
        for payload in Frames::new(bytes) {
            self.frame(dir, payload)?;
        }
        Ok(())
    }

    /// Writes out what is buffered.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// The session is over: `#end` (once the header is written), then
/// everything buffered goes out.
impl Drop for TranscriptWriter {
    fn drop(&mut self) {
        if self.sv.is_some() {
            let _ = self.out.write_all(super::END_LINE.as_bytes());
        }
        let _ = self.out.flush();
    }
}
