//! The client's capture: every frame of its sessions, both directions, to a
//! transcript file (`EClient::capture_to`, `IB_CAPTURE`).
//!
//! Off (the default), the socket paths pay one atomic load per write and
//! per read batch, and allocate nothing. On, frames are rendered on the
//! thread that moves them, under a mutex (the reader's batches and the
//! writers' frames never interleave within a line). A write error turns the
//! capture off with a warning: it never ends a session.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use parking_lot::Mutex;

use super::{session_path, Direction, TranscriptWriter};

#[derive(Debug, Default)]
struct State {
    path: Option<PathBuf>,
    mask: bool,
    /// The hello of a connection whose handshake has not been answered yet:
    /// its text, when it was sent, the client id. The file is created only
    /// once the gateway answers, so failed attempts leave no empty files.
    hello: Option<(String, Instant, i32)>,
    /// Sessions begun so far (each gets its own file: see `session_path`).
    sessions: usize,
    writer: Option<TranscriptWriter>,
}

/// The capture slot of one client.
#[derive(Debug, Default)]
pub(crate) struct Capture {
    on: AtomicBool,
    state: Mutex<State>,
}

impl Capture {
    /// Captures the sessions from now on to `path` (`mask`: account ids
    /// masked). `open`: the server version and client id of a connection
    /// already open, whose capture starts at once (without its handshake).
    pub(crate) fn start(
        &self,
        path: PathBuf,
        mask: bool,
        open: Option<(i32, i32)>,
    ) -> std::io::Result<()> {
        let mut s = self.state.lock();
        s.writer = None;
        s.hello = None;
        s.path = Some(path);
        s.mask = mask;
        s.sessions = 0;
        if let Some((sv, client_id)) = open {
            let mut w = open_session(&mut s)?;
            w.set_client_id(client_id);
            w.begin(sv)?;
            s.writer = Some(w);
            self.on.store(true, Ordering::SeqCst);
        }
        Ok(())
    }

    /// Stops capturing; what was captured is flushed to its file.
    pub(crate) fn stop(&self) {
        let mut s = self.state.lock();
        self.on.store(false, Ordering::SeqCst);
        if let Some(mut w) = s.writer.take() {
            let _ = w.flush();
        }
        s.path = None;
    }

    /// `true` while a session is being captured.
    #[inline]
    pub(crate) fn is_on(&self) -> bool {
        self.on.load(Ordering::Relaxed)
    }

    /// A connection begins with this hello: a new transcript, if capturing,
    /// once the gateway answers.
    pub(crate) fn hello(&self, text: &str, client_id: i32) {
        let mut s = self.state.lock();
        if s.path.is_some() {
            if let Some(mut w) = s.writer.take() {
                let _ = w.flush();
            }
            self.on.store(false, Ordering::SeqCst);
            s.hello = Some((text.to_owned(), Instant::now(), client_id));
        }
    }

    /// The gateway's handshake answer (its payload): the transcript begins.
    pub(crate) fn handshake(&self, payload: &[u8]) {
        let mut s = self.state.lock();
        let Some((text, sent, client_id)) = s.hello.take() else {
            return;
        };
        let opened = open_session(&mut s).and_then(|w| {
            let mut w = w.started_at(sent);
            w.set_client_id(client_id);
            w.hello_at_start(&text)?;
            w.handshake(payload)?;
            Ok(w)
        });
        match opened {
            Ok(w) => {
                s.writer = Some(w);
                self.on.store(true, Ordering::SeqCst);
            }
            Err(e) => give_up(&self.on, &mut s, &e),
        }
    }

    /// Frames the client wrote (with their length prefixes).
    #[inline]
    pub(crate) fn client(&self, bytes: &[u8]) {
        if self.is_on() {
            self.with(|w| {
                w.frames(Direction::Client, bytes)?;
                w.flush()
            });
        }
    }

    /// Frames the client read (with their length prefixes).
    #[inline]
    pub(crate) fn server(&self, bytes: &[u8]) {
        if self.is_on() {
            self.with(|w| w.frames(Direction::Server, bytes));
        }
    }

    /// The connection ended: its transcript is complete.
    pub(crate) fn ended(&self) {
        if self.is_on() {
            let mut s = self.state.lock();
            self.on.store(false, Ordering::SeqCst);
            if let Some(mut w) = s.writer.take() {
                let _ = w.flush();
            }
        }
    }

    fn with(&self, f: impl FnOnce(&mut TranscriptWriter) -> std::io::Result<()>) {
        let mut s = self.state.lock();
        let Some(w) = s.writer.as_mut() else {
            return;
        };
        if let Err(e) = f(w) {
            give_up(&self.on, &mut s, &e);
        }
    }
}

fn open_session(s: &mut State) -> std::io::Result<TranscriptWriter> {
    s.sessions += 1;
    let Some(path) = s.path.as_ref() else {
        return Err(std::io::Error::other("no capture path"));
    };
    let path = session_path(path, s.sessions);
    log::info!("capturing the session to {}", path.display());
    TranscriptWriter::create(&path, s.mask)
}

fn give_up(on: &AtomicBool, s: &mut State, e: &std::io::Error) {
    log::warn!("capture stopped: {e}");
    on.store(false, Ordering::SeqCst);
    s.writer = None;
    s.path = None;
}
