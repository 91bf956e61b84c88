//! Replay: the gateway's side of a recorded transcript, played to any client.
//!
//! [`ReplayGateway`] (and `tws-sim --replay FILE`) listens like the
//! simulated gateway, and for every connection plays the transcript from
//! its start:
//!
//! * the hello is answered with the recorded server version and connection
//!   time; a client whose offered range does not include that version is
//!   refused (logged, and closed right after the answer, as TWS closes on a
//!   version it does not support: the client reports the version itself);
//! * each request is matched to a recorded one by message and fields, its
//!   request or order id aside (and startApi whatever its client id); the
//!   first recorded request not yet used wins, then the latest used one (a
//!   request sent again gets the same answers again);
//! * the recorded answers follow, with the request and order ids the new
//!   client chose in place of the recorded ones, at their recorded distance
//!   from the request, scaled by [`ReplayConfig::time_scale`] (0: at once);
//!   a cancel drops what was not due yet for the request it cancels.
//!   An answer belongs to the request whose id it names (a tick to its
//!   `reqMktData`, an order status to its `placeOrder`), or else to the
//!   client frame before it;
//! * a request the transcript cannot answer gets `error(id, 321, …)` naming
//!   the nearest recorded request and the field that differs, never silence.
//!
//! Which fields are ids, the crate's message definitions tell (see
//! `script.rs`); nothing is written twice.

mod script;

use std::collections::{BinaryHeap, HashMap};
use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};

use crate::clock::now_millis;
use crate::messages::connection::ErrorMessage;
use crate::messages::encode_frame;
use crate::transcript::{message_name, Direction, Transcript};
use crate::wire::frame::{frame_len, write_frame};
use crate::wire::handshake::{Hello, API_PREFIX};
use script::{raw_fingerprint, Framed, IdKind, Script};

/// The code of the error a request the transcript cannot answer gets (TWS's
/// "Error validating request").
pub const UNMATCHED_CODE: i32 = 321;

/// How a transcript is replayed.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplayConfig {
    /// The factor the recorded gaps between a request and its answers are
    /// multiplied by: 1.0 keeps the recorded timing, 0.1 plays ten times
    /// faster, 0.0 sends every answer at once.
    pub time_scale: f64,
}

impl Default for ReplayConfig {
    fn default() -> Self {
        ReplayConfig { time_scale: 1.0 }
    }
}

#[derive(Debug, Default)]
struct Shared {
    stop: AtomicBool,
    conns: Mutex<Vec<TcpStream>>,
    unmatched: Mutex<Vec<String>>,
}

/// A gateway that replays a transcript to every client that connects (see
/// the module docs). Dropping it (or [`shutdown`](ReplayGateway::shutdown))
/// closes every connection and stops the listener.
#[derive(Debug)]
pub struct ReplayGateway {
    addr: SocketAddr,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

impl ReplayGateway {
    /// Replays `transcript` on an ephemeral port of 127.0.0.1.
    pub fn start(transcript: &Transcript, config: ReplayConfig) -> io::Result<ReplayGateway> {
        ReplayGateway::bind("127.0.0.1:0", transcript, config)
    }

    /// Replays the transcript file at `path` on an ephemeral port of
    /// 127.0.0.1; a file that does not parse is an error naming its line.
    pub fn open(path: impl AsRef<Path>, config: ReplayConfig) -> io::Result<ReplayGateway> {
        let t = Transcript::read(path)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?;
        ReplayGateway::start(&t, config)
    }

    /// Replays `transcript` on `addr` (port 0 for an ephemeral one).
    pub fn bind(
        addr: impl ToSocketAddrs,
        transcript: &Transcript,
        config: ReplayConfig,
    ) -> io::Result<ReplayGateway> {
        let script = Arc::new(Script::new(transcript));
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::default());
        let acceptor = {
            let shared = Arc::clone(&shared);
            thread::Builder::new()
                .name("tws-replay-accept".into())
                .spawn(move || accept_loop(listener, script, config, shared))?
        };
        log::info!(
            "replaying a transcript of server version {} on {addr}",
            transcript.header.server_version
        );
        Ok(ReplayGateway {
            addr,
            shared,
            acceptor: Some(acceptor),
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// The texts of the errors sent for requests the transcript could not
    /// answer, on every connection so far.
    pub fn unmatched(&self) -> Vec<String> {
        self.shared.unmatched.lock().clone()
    }

    /// Closes every connection and stops the listener.
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        for c in self.shared.conns.lock().drain(..) {
            let _ = c.shutdown(Shutdown::Both);
        }
        let _ = TcpStream::connect(self.addr);
        if let Some(h) = self.acceptor.take() {
            let _ = h.join();
        }
    }

    /// Runs until the process ends (the binary's main loop).
    pub fn wait(mut self) {
        if let Some(h) = self.acceptor.take() {
            let _ = h.join();
        }
    }
}

impl Drop for ReplayGateway {
    fn drop(&mut self) {
        self.stop();
    }
}

fn accept_loop(
    listener: TcpListener,
    script: Arc<Script>,
    config: ReplayConfig,
    shared: Arc<Shared>,
) {
    for (n, stream) in listener.incoming().enumerate() {
        if shared.stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        if let Ok(c) = stream.try_clone() {
            let mut conns = shared.conns.lock();
            conns.retain(|c| c.peer_addr().is_ok());
            conns.push(c);
        }
        let (script, config, shared) = (Arc::clone(&script), config.clone(), Arc::clone(&shared));
        let spawned = thread::Builder::new()
            .name(format!("tws-replay-{n}"))
            .spawn(move || {
                if let Err(e) = serve(stream, &script, &config, &shared) {
                    log::debug!("replay session {n} ended: {e}");
                }
            });
        if let Err(e) = spawned {
            log::warn!("cannot start a replay session: {e}");
        }
    }
}

/// The frames due to the client, by time, written by a thread of their own.
#[derive(Default)]
struct Outbox {
    queue: Mutex<(BinaryHeap<std::cmp::Reverse<Due>>, bool)>,
    ready: Condvar,
}

/// A frame due at a time: (when, order of queueing, the request id it
/// answers if any, the frame).
type Due = (Instant, u64, Option<i32>, Vec<u8>);

impl Outbox {
    fn push(&self, due: Instant, seq: u64, req_id: Option<i32>, frame: Vec<u8>) {
        self.queue
            .lock()
            .0
            .push(std::cmp::Reverse((due, seq, req_id, frame)));
        self.ready.notify_one();
    }

    /// Drops the frames for request `req_id` (it was cancelled) that are
    /// due later than now. Those due already (all of them at a time scale
    /// of 0) are still sent: the client asked for them before it cancelled,
    /// and which of them the writer has reached must not decide what the
    /// client gets.
    fn cancel(&self, req_id: i32) {
        let now = Instant::now();
        self.queue
            .lock()
            .0
            .retain(|std::cmp::Reverse((due, _, id, _))| *id != Some(req_id) || *due <= now);
    }

    fn close(&self) {
        self.queue.lock().1 = true;
        self.ready.notify_one();
    }

    fn run(&self, mut out: TcpStream) {
        let mut q = self.queue.lock();
        loop {
            if q.1 {
                return;
            }
            let due = match q.0.peek() {
                Some(std::cmp::Reverse((due, _, _, _))) => *due,
                None => {
                    self.ready.wait(&mut q);
                    continue;
                }
            };
            if due > Instant::now() {
                self.ready.wait_until(&mut q, due);
                continue;
            }
            let Some(std::cmp::Reverse((_, _, _, frame))) = q.0.pop() else {
                continue;
            };
            drop(q);
            if out.write_all(&frame).is_err() {
                return;
            }
            q = self.queue.lock();
        }
    }
}

/// One connection's replay state.
struct Session<'a> {
    script: &'a Script,
    config: &'a ReplayConfig,
    outbox: &'a Outbox,
    seq: u64,
    used: Vec<bool>,
    cursor: usize,
    /// Recorded id → the new client's id.
    ids: HashMap<(IdKind, i32), i32>,
}

fn read_exact_or_eof(stream: &mut TcpStream, buf: &mut [u8]) -> io::Result<bool> {
    match stream.read_exact(buf) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(false),
        Err(e) => Err(e),
    }
}

/// Reads one frame's payload (`None` at the end of the stream).
fn read_frame(stream: &mut TcpStream) -> io::Result<Option<Vec<u8>>> {
    let mut prefix = [0u8; 4];
    if !read_exact_or_eof(stream, &mut prefix)? {
        return Ok(None);
    }
    frame_len(&prefix).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    let mut payload = vec![0u8; u32::from_be_bytes(prefix) as usize];
    if !read_exact_or_eof(stream, &mut payload)? {
        return Ok(None);
    }
    Ok(Some(payload))
}

fn serve(
    mut stream: TcpStream,
    script: &Script,
    config: &ReplayConfig,
    shared: &Shared,
) -> io::Result<()> {
    stream.set_nodelay(true)?;
    let mut prefix = [0u8; 4];
    if !read_exact_or_eof(&mut stream, &mut prefix)? || &prefix != API_PREFIX {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "the client did not open with API\\0",
        ));
    }
    let Some(hello) = read_frame(&mut stream)?.and_then(|p| Hello::parse(&p)) else {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "no valid hello"));
    };
    let mut answer = Vec::new();
    write_frame(&mut answer, &script.handshake);
    if !(hello.min_version..=hello.max_version).contains(&script.sv) {
        let text = format!(
            "replay refused: the transcript was recorded at server version {}, and the client \
             offers {}..{}; record again at a version the client speaks, or let it offer {}",
            script.sv, hello.min_version, hello.max_version, script.sv
        );
        log::warn!("{text}");
        shared.unmatched.lock().push(text);
        stream.write_all(&answer)?;
        let _ = stream.shutdown(Shutdown::Both);
        return Ok(());
    }
    let outbox = Arc::new(Outbox::default());
    let writer = {
        let (outbox, out) = (Arc::clone(&outbox), stream.try_clone()?);
        thread::Builder::new()
            .name("tws-replay-out".into())
            .spawn(move || outbox.run(out))?
    };
    let mut session = Session {
        script,
        config,
        outbox: &outbox,
        seq: 0,
        used: vec![false; script.exchanges.len()],
        cursor: 0,
        ids: HashMap::new(),
    };
    let now = Instant::now();
    session.send_at(now, None, answer);
    for a in &script.preamble {
        session.send_after(now, a.offset, None, a.payload.clone());
    }
    let result = loop {
        match read_frame(&mut stream) {
            Ok(Some(payload)) => session.request(&payload, shared),
            Ok(None) => break Ok(()),
            Err(e) => break Err(e),
        }
        if shared.stop.load(Ordering::SeqCst) {
            break Ok(());
        }
    };
    outbox.close();
    let _ = writer.join();
    let _ = stream.shutdown(Shutdown::Both);
    result
}

/// The request id a cancel (`cancelMktData`, `cancelHistoricalData`, …)
/// cancels, when `request` is one.
fn cancelled(request: Option<&Framed>) -> Option<i32> {
    use crate::messages::route::{Lifecycle, LifecycleKey};
    let r = request?;
    match crate::messages::ids::outgoing::lifecycle(r.id) {
        Lifecycle::Cancels(LifecycleKey::ReqId) => r.slots.first().map(|s| s.value),
        _ => None,
    }
}

impl Session<'_> {
    fn send_at(&mut self, due: Instant, req_id: Option<i32>, frame: Vec<u8>) {
        self.seq += 1;
        self.outbox.push(due, self.seq, req_id, frame);
    }

    /// Frames `payload` (an answer to request `req_id`, if any) and queues it
    /// `offset` recorded microseconds after `base`.
    fn send_after(&mut self, base: Instant, offset: u64, req_id: Option<i32>, payload: Vec<u8>) {
        let scale = if self.config.time_scale.is_finite() {
            self.config.time_scale.max(0.0)
        } else {
            0.0
        };
        let delay = Duration::from_secs_f64(offset as f64 / 1e6 * scale);
        let mut frame = Vec::with_capacity(payload.len() + 4);
        write_frame(&mut frame, &payload);
        self.send_at(base + delay, req_id, frame);
    }

    /// The recorded exchange a request matches.
    fn find(&self, fingerprint: &[u8]) -> Option<usize> {
        let same = |i: &usize| self.script.exchanges[*i].fingerprint == fingerprint;
        let n = self.script.exchanges.len();
        (self.cursor..n)
            .chain(0..self.cursor)
            .find(|i| !self.used[*i] && same(i))
            .or_else(|| (0..n).rev().find(|i| self.used[*i] && same(i)))
    }

    fn request(&mut self, payload: &[u8], shared: &Shared) {
        let sv = self.script.sv;
        let framed = Framed::new(sv, Direction::Client, payload);
        let fingerprint = framed
            .as_ref()
            .map_or_else(|| raw_fingerprint(payload), Framed::fingerprint);
        let now = Instant::now();
        let Some(i) = self.find(&fingerprint) else {
            let text = self.nearest(framed.as_ref());
            log::warn!("{text}");
            shared.unmatched.lock().push(text.clone());
            let req_id = framed
                .as_ref()
                .and_then(|f| f.slots.first())
                .map_or(-1, |s| s.value);
            self.send_error(req_id, &text);
            return;
        };
        self.used[i] = true;
        self.cursor = i + 1;
        let e = &self.script.exchanges[i];
        if let (Some(rec), Some(new)) = (&e.request, &framed) {
            for (r, n) in rec.slots.iter().zip(&new.slots) {
                self.ids.insert((r.kind, r.value), n.value);
            }
        }
        if let Some(id) = cancelled(framed.as_ref()) {
            // What is still due for the request it cancels stops, as TWS stops it.
            self.outbox.cancel(id);
        }
        for a in &e.answers {
            let (payload, req_id) = match &a.framed {
                Some(f) if !f.slots.is_empty() => (
                    f.payload_with(sv, |kind, v| self.remap(kind, v)),
                    f.slots
                        .iter()
                        .find(|s| s.kind == IdKind::Req)
                        .map(|s| self.remap(IdKind::Req, s.value)),
                ),
                _ => (a.payload.clone(), None),
            };
            self.send_after(now, a.offset, req_id, payload);
        }
    }

    fn remap(&self, kind: IdKind, v: i32) -> i32 {
        let other = match kind {
            IdKind::Req => IdKind::Order,
            IdKind::Order => IdKind::Req,
        };
        self.ids
            .get(&(kind, v))
            .or_else(|| self.ids.get(&(other, v)))
            .copied()
            .unwrap_or(v)
    }

    /// The text of the error for a request without a recorded answer.
    fn nearest(&self, framed: Option<&Framed>) -> String {
        let Some(f) = framed else {
            return "replay: no recorded answer for a frame that is not a request".into();
        };
        let name =
            message_name(Direction::Client, f.id).map_or_else(|| f.id.to_string(), str::to_owned);
        let mine = f.fields();
        let best = self
            .script
            .exchanges
            .iter()
            .filter_map(|e| {
                let r = e.request.as_ref()?;
                (r.id == f.id && r.protobuf == f.protobuf).then_some((e, r.fields()))
            })
            .map(|(e, theirs)| {
                let diffs: Vec<usize> = (0..mine.len().max(theirs.len()))
                    .filter(|&i| mine.get(i) != theirs.get(i))
                    .collect();
                (diffs.len(), e, theirs, diffs)
            })
            .min_by_key(|(n, e, _, _)| (*n, e.line));
        let text = match best {
            Some((_, e, theirs, diffs)) => {
                let at = diffs.first().copied().unwrap_or(0);
                let show = |v: Option<&String>| {
                    v.map_or_else(|| "nothing".to_owned(), |s| format!("{s:?}"))
                };
                format!(
                    "replay: no recorded answer for {name}; the nearest recorded request is line {} \
                     ({}): field {} is {} here and {} there ({} field(s) differ)",
                    e.line,
                    e.rendered.split('\t').next().unwrap_or_default(),
                    at + 1,
                    show(mine.get(at)),
                    show(theirs.get(at)),
                    diffs.len()
                )
            }
            None => {
                let mut names: Vec<&str> = self
                    .script
                    .exchanges
                    .iter()
                    .filter_map(|e| e.rendered.split('\t').next())
                    .collect();
                names.dedup();
                names.truncate(12);
                format!(
                    "replay: no recorded answer for {name}: the transcript has no such request \
                     (it has {})",
                    names.join(", ")
                )
            }
        };
        // Printable ASCII only: the error's text travels as a field.
        text.chars()
            .map(|c| {
                if c == ' ' || c.is_ascii_graphic() {
                    c
                } else {
                    '?'
                }
            })
            .collect()
    }

    fn send_error(&mut self, req_id: i32, text: &str) {
        let msg = ErrorMessage {
            req_id,
            error_code: UNMATCHED_CODE,
            error_string: text.to_owned(),
            advanced_order_reject_json: String::new(),
            error_time: now_millis(),
        };
        let mut frame = Vec::new();
        if encode_frame(&msg, self.script.sv, &mut frame).is_ok() {
            self.send_at(Instant::now(), None, frame);
        }
    }
}
