//! The recording proxy behind `tws-record`: it sits between any client (the
//! official Python client, ib_async, another language's) and TWS, forwards
//! every byte unchanged both ways, and writes each session's frames to a
//! transcript. The client only changes the port it connects to.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};

use parking_lot::Mutex;

use super::{session_path, Direction, TranscriptWriter};
use crate::wire::frame::frame_len;
use crate::wire::handshake::API_PREFIX;

/// A running recording proxy. Dropping it stops the listener (sessions in
/// progress go on until either side closes).
#[derive(Debug)]
pub struct RecordingProxy {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    sessions: Arc<AtomicUsize>,
    finished: Arc<AtomicUsize>,
    acceptor: Option<JoinHandle<()>>,
}

impl RecordingProxy {
    /// Listens on `listen` and forwards each connection to `upstream`; the
    /// first session is written to `out`, the next ones beside it
    /// ([`session_path`]). `mask` replaces account ids.
    pub fn start(
        listen: impl ToSocketAddrs,
        upstream: &str,
        out: PathBuf,
        mask: bool,
    ) -> io::Result<RecordingProxy> {
        let listener = TcpListener::bind(listen)?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let sessions = Arc::new(AtomicUsize::new(0));
        let finished = Arc::new(AtomicUsize::new(0));
        let acceptor = {
            let (stop, sessions, finished, upstream) = (
                Arc::clone(&stop),
                Arc::clone(&sessions),
                Arc::clone(&finished),
                upstream.to_owned(),
            );
            thread::Builder::new()
                .name("tws-record-accept".into())
                .spawn(move || {
                    for client in listener.incoming() {
                        if stop.load(Ordering::SeqCst) {
                            break;
                        }
                        let Ok(client) = client else { continue };
                        let n = sessions.fetch_add(1, Ordering::SeqCst) + 1;
                        let path = session_path(&out, n);
                        let upstream = upstream.clone();
                        let finished = Arc::clone(&finished);
                        let spawned = thread::Builder::new()
                            .name(format!("tws-record-{n}"))
                            .spawn(move || {
                                match proxy_session(client, &upstream, &path, mask) {
                                    Ok(()) => {
                                        log::info!("session {n} written to {}", path.display())
                                    }
                                    Err(e) => log::warn!("session {n}: {e}"),
                                }
                                finished.fetch_add(1, Ordering::SeqCst);
                            });
                        if let Err(e) = spawned {
                            log::warn!("cannot start a session thread: {e}");
                        }
                    }
                })?
        };
        log::info!("recording proxy on {addr}, forwarding to {upstream}");
        Ok(RecordingProxy {
            addr,
            stop,
            sessions,
            finished,
            acceptor: Some(acceptor),
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// How many sessions it has accepted.
    pub fn sessions(&self) -> usize {
        self.sessions.load(Ordering::SeqCst)
    }

    /// How many sessions have ended with their transcript written whole
    /// (the gateway's frames are flushed at the end of a session, so a
    /// transcript read before then may lack the last answers).
    pub fn sessions_finished(&self) -> usize {
        self.finished.load(Ordering::SeqCst)
    }

    /// Runs until the process ends (the binary's main loop).
    pub fn wait(mut self) {
        if let Some(h) = self.acceptor.take() {
            let _ = h.join();
        }
    }
}

impl Drop for RecordingProxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the acceptor with a connection of our own.
        let _ = TcpStream::connect(self.addr);
        if let Some(h) = self.acceptor.take() {
            let _ = h.join();
        }
    }
}

/// Cuts a byte stream into transcript records as it goes.
struct Splitter {
    dir: Direction,
    buf: Vec<u8>,
    /// The client's `"API\0"` is still to come (client side), or the
    /// handshake answer (gateway side).
    first: bool,
}

impl Splitter {
    fn feed(&mut self, bytes: &[u8], w: &Mutex<TranscriptWriter>) -> io::Result<()> {
        self.buf.extend_from_slice(bytes);
        if self.first && self.dir == Direction::Client {
            if self.buf.len() < API_PREFIX.len() {
                return Ok(());
            }
            if self.buf.starts_with(API_PREFIX) {
                self.buf.drain(..API_PREFIX.len());
            }
        }
        loop {
            let total = match frame_len(&self.buf) {
                Ok(Some(total)) => total,
                Ok(None) => return Ok(()),
                Err(e) => return Err(io::Error::new(io::ErrorKind::InvalidData, e)),
            };
            let payload = &self.buf[4..total];
            let mut w = w.lock();
            match (self.dir, std::mem::take(&mut self.first)) {
                (Direction::Client, true) => w.hello(&String::from_utf8_lossy(payload))?,
                (Direction::Server, true) => w.handshake(payload)?,
                (dir, false) => w.frame(dir, payload)?,
            }
            if self.dir == Direction::Client {
                w.flush()?;
            }
            drop(w);
            self.buf.drain(..total);
        }
    }
}

/// Copies `from` to `to`, feeding the splitter, until either side ends.
fn pump(
    mut from: TcpStream,
    mut to: TcpStream,
    mut split: Splitter,
    w: &Mutex<TranscriptWriter>,
) -> io::Result<()> {
    let mut chunk = vec![0u8; 64 * 1024];
    let result = loop {
        let n = match from.read(&mut chunk) {
            Ok(0) => break Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => break Err(e),
        };
        // Into the transcript before it is forwarded: its answer cannot
        // come first.
        if let Err(e) = split.feed(&chunk[..n], w) {
            // The bytes still flow; only the transcript stops making sense.
            log::warn!("transcript: {e}");
        }
        if let Err(e) = to.write_all(&chunk[..n]) {
            break Err(e);
        }
    };
    let _ = to.shutdown(Shutdown::Both);
    let _ = from.shutdown(Shutdown::Both);
    result
}

fn proxy_session(client: TcpStream, upstream: &str, path: &Path, mask: bool) -> io::Result<()> {
    let up = TcpStream::connect(upstream).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!("cannot reach the upstream {upstream}: {e}"),
        )
    })?;
    client.set_nodelay(true)?;
    up.set_nodelay(true)?;
    let writer = Arc::new(Mutex::new(TranscriptWriter::create(path, mask)?));
    let c2s = {
        let (from, to, w) = (client.try_clone()?, up.try_clone()?, Arc::clone(&writer));
        thread::Builder::new()
            .name("tws-record-c2s".into())
            .spawn(move || {
                let split = Splitter {
                    dir: Direction::Client,
                    buf: Vec::new(),
                    first: true,
                };
                pump(from, to, split, &w)
            })?
    };
    let split = Splitter {
        dir: Direction::Server,
        buf: Vec::new(),
        first: true,
    };
    let down = pump(up, client, split, &writer);
    let up_result = c2s.join().unwrap_or(Ok(()));
    writer.lock().flush()?;
    down.and(up_result)
}
