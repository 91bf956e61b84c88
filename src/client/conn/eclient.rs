//! `EClient`: the connection and one method per request.

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender};
use parking_lot::Mutex;

use super::direct::Direct;
use super::flow::Flow;
use super::lifecycle::{Registry, RequestInFlight, RequestKey};
use super::metrics::Metrics;
use super::pacer::{Pacer, RateLimit};
use super::reader::{reader_loop, Batch, ReadSide};
use crate::errors::{Error, ALREADY_CONNECTED, CONNECT_FAIL, INVALID_SYMBOL, NO_VALID_ID};
use crate::messages::connection::StartApi;
use crate::messages::{encode_frame, Message};
use crate::server_versions::{MAX_CLIENT_VER, MIN_CLIENT_VER};
use crate::wire::fields::is_ascii_printable;
use crate::wire::frame::frame_len;
use crate::wire::handshake::{decode_server_answer, encode_hello};

pub(crate) use crate::clock::now_millis;

/// What travels from the reader (and from the client's own error reports) to `run()`.
#[derive(Debug)]
pub(crate) enum Incoming {
    /// Whole frames read from the socket.
    Frames(Batch),
    /// An error the client itself produced (502, 504, 507, …).
    Error {
        req_id: i32,
        code: i32,
        msg: String,
        time: i64,
    },
    /// The handshake finished: `connect_ack`.
    ConnectAck,
    /// The connection ended: `connection_closed`. Exactly one per connection attempt.
    Closed,
    /// The reader offers `run()` the socket (client/conn/direct.rs); `run()` takes
    /// it once its queue is empty. Wakes a `run()` that sleeps.
    Lent,
}

impl Incoming {
    pub(crate) fn error(req_id: i32, code: i32, msg: String) -> Incoming {
        Incoming::Error {
            req_id,
            code,
            msg,
            time: now_millis(),
        }
    }
}

/// The live connection: the socket's write half and the reader thread.
#[derive(Debug)]
struct Connection {
    /// For `shutdown` only: never locked for I/O, so closing never waits for
    /// a write that is stuck on a peer that stopped reading.
    stream: TcpStream,
    /// The write half, locked for one whole frame at a time.
    writer: Arc<Mutex<TcpStream>>,
    generation: u64,
    reader: Option<JoinHandle<()>>,
    connection_time: String,
}

/// Shared state behind every clone of an [`EClient`].
#[derive(Debug)]
pub(crate) struct Inner {
    conn: Mutex<Option<Connection>>,
    connected: AtomicBool,
    server_version: AtomicI32,
    client_id: AtomicI32,
    generation: AtomicU64,
    /// The generation being closed on purpose, by `disconnect()` or by the
    /// heartbeat (so its reader stays quiet and stops waiting for room).
    closing: AtomicU64,
    /// The generation `disconnect()` closed (a supervisor must not repair it).
    user_closed: AtomicU64,
    pub(in crate::client) running: AtomicBool,
    /// Connection attempts whose `Closed` marker `run()` has not dispatched yet.
    /// `run()` keeps waiting while this is above zero, so it can never return
    /// between a disconnect and the `connection_closed` it owes.
    pub(in crate::client) undelivered_closes: AtomicUsize,
    pub(in crate::client) tx: Sender<Incoming>,
    pub(in crate::client) rx: Receiver<Incoming>,
    options: Mutex<Options>,
    pub(crate) metrics: Metrics,
    pub(crate) flow: Flow,
    /// The socket lent to `run()` while the feed is light (client/conn/direct.rs).
    pub(crate) direct: Direct,
    pub(in crate::client) spin: Spin,
    pacer: Pacer,
    hist_pacer: super::historical_pacer::HistoricalPacer,
    /// The live-order guard of `place_order` (`client/requests/orders.rs`).
    pub(crate) live_guard: crate::client::requests::orders::LiveOrderGuard,
    /// The requests in flight.
    pub(crate) requests: Registry,
    /// The market data type last asked for with `reqMarketDataType` (0:
    /// never), set again after a reconnect.
    pub(crate) market_data_type: std::sync::atomic::AtomicI32,
    /// The session capture (`capture_to`, `IB_CAPTURE`): off by default.
    pub(crate) capture: crate::transcript::capture::Capture,
}

#[derive(Debug, Clone)]
struct Options {
    connect_options: String,
    /// The highest server version offered in the hello.
    max_server_version: i32,
    optional_capabilities: String,
    connect_timeout: Duration,
    write_timeout: Duration,
}

/// How long `run()` polls an empty queue before it sleeps (see `EClient::set_spin`).
#[derive(Debug)]
pub(in crate::client) struct Spin(pub(in crate::client) AtomicU64);

impl Default for Spin {
    fn default() -> Self {
        Spin(AtomicU64::new(DEFAULT_SPIN.as_nanos() as u64))
    }
}

/// How long `run()` polls an empty queue by default before it sleeps: 20 µs.
///
/// Waking a sleeping thread costs tens of microseconds (more on a virtual
/// machine); a short poll keeps that cost off the next message when messages
/// come in quick succession. Measured at 100,000 ticks/s on a 2-core VM: p99
/// 219-292 µs without it, about 40 µs with it, and no change in throughput.
/// It costs at most 20 µs of one core per batch of messages (2 % of a core at
/// 1,000 batches per second) and nothing when the stream is idle.
pub const DEFAULT_SPIN: Duration = Duration::from_micros(20);

impl Inner {
    /// Called by the reader when its socket ends: forget the connection if it
    /// is still the current one.
    pub(crate) fn connection_ended(&self, generation: u64) {
        let mut conn = self.conn.lock();
        if conn.as_ref().map(|c| c.generation) == Some(generation) {
            if let Some(c) = conn.take() {
                let _ = c.stream.shutdown(Shutdown::Both);
            }
            self.connected.store(false, Ordering::SeqCst);
            self.capture.ended();
        }
    }

    /// `true` once this generation is being closed on purpose.
    pub(crate) fn closing(&self, generation: u64) -> bool {
        self.closing.load(Ordering::SeqCst) == generation
    }

    fn queue(&self, item: Incoming) {
        // The receiver lives in `self`, so the channel cannot be disconnected.
        let _ = self.tx.send(item);
        self.direct.queued();
    }

    /// `true` while a `run()` is running.
    pub(crate) fn is_running(&self) -> bool {
        self.running.load(Ordering::SeqCst)
    }
}

/// The client: connects to TWS or IB Gateway and sends requests.
///
/// `EClient` is a cheap handle (an `Arc` inside): clone it into your wrapper to
/// send requests from callbacks, or into other threads. Every method may be
/// called from any thread; frames never interleave on the wire.
///
/// The wrapper is not owned by the client. [`run`](EClient::run) borrows it
/// mutably on the thread that calls `run`, so callbacks take `&mut self` and no
/// lock sits between the socket and your code. Errors the client itself
/// produces (502, 504, 507, …) are queued as messages that `run` dispatches in
/// order, so they can never deadlock against a running callback; calls that
/// return `Result` also return them.
///
/// ```no_run
/// use tws_api::{EClient, EWrapper};
///
/// struct App;
/// impl EWrapper for App {
///     fn next_valid_id(&mut self, order_id: i32) {
///         println!("ready, next order id {order_id}");
///     }
/// }
///
/// let client = EClient::new();
/// client.connect("127.0.0.1", 7497, 0)?;
/// let runner = client.clone();
/// let loop_thread = std::thread::spawn(move || runner.run(&mut App));
/// client.req_current_time()?;
/// client.disconnect();
/// loop_thread.join().unwrap();
/// # Ok::<(), tws_api::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct EClient {
    pub(in crate::client) inner: Arc<Inner>,
}

impl Default for EClient {
    fn default() -> Self {
        EClient::new()
    }
}

/// Default time allowed for the TCP connect and for the server's handshake answer.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Default time a request may wait for a peer that does not read.
pub const DEFAULT_WRITE_TIMEOUT: Duration = Duration::from_secs(10);

impl EClient {
    /// A disconnected client.
    pub fn new() -> EClient {
        let (tx, rx) = crossbeam_channel::unbounded();
        EClient {
            inner: Arc::new(Inner {
                conn: Mutex::new(None),
                connected: AtomicBool::new(false),
                server_version: AtomicI32::new(0),
                client_id: AtomicI32::new(-1),
                generation: AtomicU64::new(0),
                closing: AtomicU64::new(0),
                user_closed: AtomicU64::new(0),
                running: AtomicBool::new(false),
                undelivered_closes: AtomicUsize::new(0),
                tx,
                rx,
                options: Mutex::new(Options {
                    connect_options: String::new(),
                    max_server_version: MAX_CLIENT_VER,
                    optional_capabilities: String::new(),
                    connect_timeout: DEFAULT_CONNECT_TIMEOUT,
                    write_timeout: DEFAULT_WRITE_TIMEOUT,
                }),
                metrics: Metrics::default(),
                flow: Flow::default(),
                direct: Direct::default(),
                spin: Spin::default(),
                pacer: Pacer::default(),
                hist_pacer: Default::default(),
                market_data_type: Default::default(),
                live_guard: Default::default(),
                requests: Registry::default(),
                capture: Default::default(),
            }),
        }
    }

    /// Connect options sent in the handshake, e.g. `"+PACEAPI"` to have TWS
    /// pace requests instead of disconnecting a client that sends too fast.
    pub fn set_connect_options(&self, options: &str) {
        self.inner.options.lock().connect_options = options.to_owned();
    }

    /// Pins the highest server version this client offers in its hello
    /// (default and upper bound: [`MAX_CLIENT_VER`], the highest it speaks;
    /// lower bound [`MIN_CLIENT_VER`]). A TWS then speaks at most this
    /// version: useful against an old TWS that misbehaves at a newer one, to
    /// keep answers in the text form of an older version, and for tests.
    /// Takes effect at the next [`connect`](EClient::connect). A version
    /// outside the range is refused with [`Error::Config`] and changes
    /// nothing. `IB_MAX_SERVER_VERSION` sets it for
    /// [`IBClient::connect_config`](crate::IBClient::connect_config).
    ///
    /// ```
    /// use tws_api::EClient;
    /// use tws_api::server_versions::MIN_SERVER_VER_PROTOBUF;
    /// let client = EClient::new();
    /// client.set_max_server_version(MIN_SERVER_VER_PROTOBUF).unwrap();
    /// assert_eq!(client.max_server_version(), MIN_SERVER_VER_PROTOBUF);
    /// assert!(client.set_max_server_version(99).is_err());
    /// ```
    pub fn set_max_server_version(&self, version: i32) -> Result<(), Error> {
        if !(MIN_CLIENT_VER..=MAX_CLIENT_VER).contains(&version) {
            return Err(Error::Config(format!(
                "server version {version} is outside the {MIN_CLIENT_VER}-{MAX_CLIENT_VER} this client speaks"
            )));
        }
        self.inner.options.lock().max_server_version = version;
        Ok(())
    }

    /// The highest server version the next hello offers (see
    /// [`set_max_server_version`](EClient::set_max_server_version)).
    pub fn max_server_version(&self) -> i32 {
        self.inner.options.lock().max_server_version
    }

    /// The optional capabilities string sent with startApi.
    pub fn set_optional_capabilities(&self, capabilities: &str) {
        self.inner.options.lock().optional_capabilities = capabilities.to_owned();
    }

    /// How long [`connect`](EClient::connect) waits for the TCP connection and
    /// for the server's handshake answer (default 10 s). The official client
    /// waits forever for the answer.
    pub fn set_connect_timeout(&self, timeout: Duration) {
        self.inner.options.lock().connect_timeout = timeout;
    }

    /// How long a request may wait for a peer that does not read (its
    /// buffers full) before the connection is treated as dead: the request
    /// gets `error(req_id, 509, …)` and the connection is closed (default
    /// 10 s). Takes effect at the next `connect`.
    pub fn set_write_timeout(&self, timeout: Duration) {
        self.inner.options.lock().write_timeout = timeout.max(Duration::from_millis(1));
    }

    /// Connects, negotiates the server version, starts the EReader thread and
    /// sends startApi. Blocks until the handshake is done.
    ///
    /// `connect_ack` is the first callback `run` delivers after this returns
    /// `Ok`; `next_valid_id` follows when TWS is ready for requests. On failure
    /// `run` delivers `error(-1, 502, …)` and `connection_closed`, and the same
    /// failure is returned here. Connecting while connected gives 501.
    pub fn connect(&self, host: &str, port: u16, client_id: i32) -> Result<(), Error> {
        let inner = &self.inner;
        let mut conn = inner.conn.lock();
        if conn.is_some() {
            inner.queue(Incoming::error(
                NO_VALID_ID,
                ALREADY_CONNECTED.code,
                ALREADY_CONNECTED.msg.into(),
            ));
            return Err(Error::AlreadyConnected);
        }
        let options = inner.options.lock().clone();
        for s in [
            host,
            &options.connect_options,
            &options.optional_capabilities,
        ] {
            if !is_ascii_printable(s) {
                inner.queue(Incoming::error(
                    NO_VALID_ID,
                    INVALID_SYMBOL.code,
                    format!("{}{s}", INVALID_SYMBOL.msg),
                ));
                return Err(Error::Encode(crate::wire::EncodeError::InvalidSymbol(
                    s.to_owned(),
                )));
            }
        }
        let host = if host.is_empty() { "127.0.0.1" } else { host };
        let generation = inner.generation.fetch_add(1, Ordering::SeqCst) + 1;
        // From here on this attempt owes exactly one `Closed` marker.
        inner.undelivered_closes.fetch_add(1, Ordering::SeqCst);
        inner.client_id.store(client_id, Ordering::SeqCst);

        let (stream, server_version, connection_time, leftover) =
            match handshake(host, port, &options, &inner.capture, client_id) {
                Ok(v) => v,
                Err(e) => {
                    log::info!("connect to {host}:{port} failed: {e}");
                    let text = match &e {
                        Error::ConnectFailed { .. } => CONNECT_FAIL.msg.to_owned(),
                        other => other.wrapper_text(),
                    };
                    inner.queue(Incoming::error(NO_VALID_ID, e.code(), text));
                    inner.queue(Incoming::Closed);
                    return Err(e);
                }
            };
        // Three handles on one socket: the reader's, the writer's, and one for
        // `shutdown` that is never locked for I/O. Everything that can fail
        // happens before the reader starts, so a failure here owes the
        // `Closed` marker itself.
        let handles = stream
            .try_clone()
            .and_then(|r| Ok((r, stream.try_clone()?)))
            .and_then(|(r, w)| {
                w.set_write_timeout(Some(options.write_timeout))?;
                Ok((r, w))
            });
        let (reader_stream, writer) = match handles {
            Ok(h) => h,
            Err(e) => {
                let _ = stream.shutdown(Shutdown::Both);
                let e = Error::Io(e);
                inner.queue(Incoming::error(NO_VALID_ID, e.code(), e.wrapper_text()));
                inner.queue(Incoming::Closed);
                return Err(e);
            }
        };
        inner.server_version.store(server_version, Ordering::SeqCst);
        inner.connected.store(true, Ordering::SeqCst);
        inner.metrics.connected();
        inner.live_guard.reset();
        // connect_ack goes into the channel before the reader can put anything there.
        inner.queue(Incoming::ConnectAck);
        let reader = {
            let tx = inner.tx.clone();
            let shared = Arc::clone(inner);
            let spawned = thread::Builder::new()
                .name(format!("tws-api-reader-{client_id}"))
                .spawn(move || {
                    let side = ReadSide::new(reader_stream, leftover, generation, server_version);
                    reader_loop(side, tx, shared)
                });
            match spawned {
                Ok(h) => h,
                Err(e) => {
                    inner.connected.store(false, Ordering::SeqCst);
                    let e = Error::Io(e);
                    inner.queue(Incoming::error(NO_VALID_ID, e.code(), e.wrapper_text()));
                    inner.queue(Incoming::Closed);
                    return Err(e);
                }
            }
        };
        *conn = Some(Connection {
            stream,
            writer: Arc::new(Mutex::new(writer)),
            generation,
            reader: Some(reader),
            connection_time,
        });
        drop(conn);
        log::info!(
            "connected to {host}:{port} as client {client_id}, server version {server_version}"
        );
        // startApi without an error callback of its own: if it cannot be sent,
        // the connection has already ended (the reader saw the close and owes
        // `connection_closed`), and an error queued now would come after it.
        self.send_inner(NO_VALID_ID, &self.start_api_message(), false)
            .map_err(|e| Error::ConnectFailed {
                addr: format!("{host}:{port}"),
                source: io::Error::new(
                    io::ErrorKind::ConnectionAborted,
                    format!("the connection ended right after the handshake: {e}"),
                ),
            })
    }

    fn start_api_message(&self) -> StartApi {
        StartApi {
            client_id: self.inner.client_id.load(Ordering::SeqCst),
            optional_capabilities: self.inner.options.lock().optional_capabilities.clone(),
        }
    }

    /// Sends startApi. [`connect`](EClient::connect) already does; call this
    /// only to send it again.
    pub fn start_api(&self) -> Result<(), Error> {
        self.send(NO_VALID_ID, &self.start_api_message())
    }

    /// Closes the connection. Idempotent. The reader thread is joined before
    /// this returns; `run` then delivers `connection_closed` (once) and returns
    /// when everything received before the close has been dispatched.
    pub fn disconnect(&self) {
        self.close(true);
    }

    /// Closes the connection as `disconnect` does. `by_user` marks it as the
    /// user's wish, which a supervisor must not repair; the heartbeat closes a
    /// dead connection with `by_user` false.
    pub(crate) fn close(&self, by_user: bool) {
        let taken = {
            let mut conn = self.inner.conn.lock();
            let Some(c) = conn.take() else {
                return;
            };
            self.inner.closing.store(c.generation, Ordering::SeqCst);
            if by_user {
                self.inner.user_closed.store(c.generation, Ordering::SeqCst);
            }
            self.inner.connected.store(false, Ordering::SeqCst);
            let _ = c.stream.shutdown(Shutdown::Both);
            c
        };
        // A reader that lent its socket to `run()` looks at the close now.
        self.inner.direct.notify();
        log::info!(
            "disconnecting{}",
            if by_user { "" } else { " (dead connection)" }
        );
        if let Some(reader) = taken.reader {
            if reader.thread().id() != thread::current().id() {
                let _ = reader.join();
            }
        }
        self.inner.capture.ended();
    }

    /// `true` when the last connection was ended by [`disconnect`](EClient::disconnect)
    /// rather than by the peer, the network or a fault.
    pub fn closed_by_user(&self) -> bool {
        let g = self.inner.generation.load(Ordering::SeqCst);
        g != 0 && self.inner.user_closed.load(Ordering::SeqCst) == g
    }

    /// Queues an error for `run()` to deliver, as the client's own errors are.
    pub(crate) fn report_error(&self, req_id: i32, code: i32, msg: String) {
        self.inner.queue(Incoming::error(req_id, code, msg));
    }

    /// `true` while connected (from a successful handshake until the
    /// connection ends or [`disconnect`](EClient::disconnect)).
    pub fn is_connected(&self) -> bool {
        self.inner.connected.load(Ordering::SeqCst)
    }

    /// The server version negotiated by the last handshake (0 before any).
    pub fn server_version(&self) -> i32 {
        self.inner.server_version.load(Ordering::SeqCst)
    }

    /// The connection time TWS reported in the handshake, while connected.
    pub fn tws_connection_time(&self) -> Option<String> {
        self.inner
            .conn
            .lock()
            .as_ref()
            .map(|c| c.connection_time.clone())
    }

    /// The client id of the current or last connection (-1 before any).
    pub fn client_id(&self) -> i32 {
        self.inner.client_id.load(Ordering::SeqCst)
    }

    /// Counters for this client: bytes and frames in and out, queue depth, …
    pub fn metrics(&self) -> super::metrics::MetricsSnapshot {
        let (queued, peak, limit) = self.inner.flow.levels();
        let mut m = self.inner.metrics.snapshot(self.inner.rx.len());
        m.bytes_queued = queued;
        m.peak_bytes_queued = peak;
        m.queue_limit = limit;
        m.requests_in_flight = self.inner.requests.len();
        // Never waits: a connect in progress holds the lock (and has no
        // unread data yet).
        m.bytes_unread = self
            .inner
            .conn
            .try_lock()
            .and_then(|c| c.as_ref().map(|c| super::direct::unread(&c.stream)))
            .unwrap_or(0);
        m
    }

    /// Bytes received on the socket and not read yet; waits for a connect
    /// in progress (for the heartbeat's judgement, not for status reads).
    pub(crate) fn unread_bytes(&self) -> usize {
        self.inner
            .conn
            .lock()
            .as_ref()
            .map_or(0, |c| super::direct::unread(&c.stream))
    }

    /// The requests sent and not yet ended (by their end marker, a cancel or
    /// an error with their id), with the subscriptions a lost connection
    /// interrupted. **tws-api extension.**
    pub fn requests_in_flight(&self) -> Vec<RequestInFlight> {
        self.inner.requests.snapshot()
    }

    /// Per kind of request (its official name): send → first answer and,
    /// for one-shot requests, send → end, with p50/p99/max over the latest
    /// [`LATENCY_WINDOW`](crate::client::LATENCY_WINDOW) samples. Measured
    /// when `run()` dispatches the answer (the time a request waited in the
    /// queue counts). **tws-api extension.**
    pub fn request_latencies(&self) -> Vec<crate::client::RequestLatency> {
        self.inner.requests.latencies()
    }

    /// The market data type last asked for with
    /// [`req_market_data_type`](EClient::req_market_data_type), if any.
    /// **tws-api extension.**
    pub fn market_data_type(&self) -> Option<i32> {
        match self.inner.market_data_type.load(Ordering::Relaxed) {
            0 => None,
            t => Some(t),
        }
    }

    /// TWS reported 1101 (connectivity to IB restored, data lost): its market
    /// and account data subscriptions are gone. They are marked interrupted,
    /// for [`resubscribe`](EClient::resubscribe) to send again.
    pub(crate) fn subscriptions_lost(&self) {
        self.inner.requests.data_lost();
    }

    /// Sends again, with their original request ids, the subscriptions that
    /// a lost connection interrupted (market data, depth, tick-by-tick,
    /// real-time bars, account updates, positions, PnL, news bulletins, …) and
    /// returns how many. One-shot requests are not repeated: they ended with
    /// an error ([`REQUEST_INTERRUPTED`](crate::errors::REQUEST_INTERRUPTED)).
    /// Subscriptions made at another server version are forgotten. The
    /// supervisor of [`IBClient`](crate::client::IBClient) calls this after a
    /// reconnect when asked to ([`IBClient::set_resubscribe`](crate::client::IBClient::set_resubscribe)).
    /// **tws-api extension.**
    pub fn resubscribe(&self) -> Result<usize, Error> {
        let sv = self.server_version();
        let mut n = 0;
        for (key, frame) in self.inner.requests.take_interrupted(sv) {
            let req_id = match key {
                RequestKey::Id(id) | RequestKey::Order(id) => id,
                RequestKey::Request(_) => NO_VALID_ID,
            };
            let request = crate::wire::MessageHeader::parse(sv, frame.get(4..).unwrap_or(&[]))
                .map_or(0, |h| h.id);
            self.write_frame(request, req_id, &frame, true, false)?;
            self.inner.requests.resumed(key);
            n += 1;
        }
        Ok(n)
    }

    /// Paces requests on the client side: with `Some(limit)`, a request that
    /// would exceed the rate waits in the sending thread until it may go
    /// ([`RateLimit::TWS`] keeps under TWS's 50 messages per second). `None`
    /// sends at once: `EClient`'s default, as the official client;
    /// [`IBClient`](crate::IBClient) starts with `RateLimit::TWS`. Cancels
    /// never wait, but count. The alternative is the `+PACEAPI` connect
    /// option, with which TWS itself queues the excess.
    pub fn set_rate_limit(&self, limit: Option<RateLimit>) {
        self.inner.pacer.set(limit);
    }

    /// The opt-in historical pacer (see `set_historical_pacing`).
    pub(crate) fn historical_pacer(&self) -> &super::historical_pacer::HistoricalPacer {
        &self.inner.hist_pacer
    }

    /// Lets `run()` poll the queue for up to `spin` before it sleeps when the
    /// queue is empty (default [`DEFAULT_SPIN`], 20 µs; `Duration::ZERO`
    /// sleeps at once).
    ///
    /// Waking a sleeping thread costs tens of microseconds on a virtual
    /// machine; polling keeps that off the latency of the next message at the
    /// price of CPU time after each batch. See docs/performance.md.
    pub fn set_spin(&self, spin: Duration) {
        self.inner.spin.0.store(
            spin.as_nanos().min(u64::MAX as u128) as u64,
            Ordering::Relaxed,
        );
    }

    /// The most frame bytes that may wait between the EReader and `run()`
    /// (default [`DEFAULT_QUEUE_LIMIT`](crate::client::DEFAULT_QUEUE_LIMIT), 4 MiB).
    /// Past it the reader stops reading the socket until `run()` catches up,
    /// so TCP flow control slows the sender instead of memory growing. The
    /// official client's queue is unbounded.
    pub fn set_queue_limit(&self, bytes: usize) {
        self.inner.flow.set_limit(bytes);
    }

    /// Lets `run()` read the socket itself while the feed is light (on by
    /// default on Unix; elsewhere the reader thread always reads).
    ///
    /// When a read brings less than 16 KiB and `run()` has dispatched
    /// everything before it, the reader thread lends `run()` the socket:
    /// `run()` waits on it and dispatches what arrives on its own thread, one
    /// thread wake-up per batch instead of two (the reader's and then
    /// `run()`'s), which halves the CPU time and the latency tail of a
    /// light feed (docs/performance.md). A read of 16 KiB or more (a burst)
    /// gives the socket back, and the reader reads in parallel with `run()`
    /// again. The socket is read whatever the callbacks do, as with the
    /// official reader thread: when callbacks run for more than 1 ms while
    /// `run()` has the socket, the reader takes it back (within about 20 ms
    /// of their start) and reads on into the queue, up to
    /// [`set_queue_limit`](EClient::set_queue_limit).
    /// `false` keeps the reader thread reading at all times.
    pub fn set_direct_read(&self, on: bool) {
        self.inner.direct.set_enabled(on);
    }

    /// The live-order guard of `place_order`.
    pub(crate) fn live_guard(&self) -> &crate::client::requests::orders::LiveOrderGuard {
        &self.inner.live_guard
    }

    /// Queues `e` for the wrapper's `error` callback, under `req_id`.
    pub(crate) fn queue_error(&self, req_id: i32, e: &Error) {
        self.inner
            .queue(Incoming::error(req_id, e.code(), e.wrapper_text()));
    }

    /// Encodes `msg` and writes it as one frame. `req_id` is the id errors are reported under.
    pub(crate) fn send<M: Message>(&self, req_id: i32, msg: &M) -> Result<(), Error> {
        self.send_inner(req_id, msg, true)
    }

    /// `send`; with `report` false no error callback is queued (the caller
    /// reports the failure its own way).
    fn send_inner<M: Message>(&self, req_id: i32, msg: &M, report: bool) -> Result<(), Error> {
        self.send_tracked(req_id, msg, report.then_some(ErrorIds::all(req_id)), None)
    }

    /// `send` for a request that is a subscription although its message id
    /// alone says one-shot (`reqHistoricalData` with `keepUpToDate`).
    pub(crate) fn send_subscription<M: Message>(&self, req_id: i32, msg: &M) -> Result<(), Error> {
        self.send_tracked(
            req_id,
            msg,
            Some(ErrorIds::all(req_id)),
            Some(super::lifecycle::RequestKind::Subscription),
        )
    }

    /// `send`, reporting a refusal under the id the official client uses for
    /// that kind of refusal of this request (`ids`); the request is still
    /// known to the lifecycle by `req_id`.
    pub(crate) fn send_reporting<M: Message>(
        &self,
        req_id: i32,
        ids: ErrorIds,
        msg: &M,
    ) -> Result<(), Error> {
        self.send_tracked(req_id, msg, Some(ids), None)
    }

    /// The id the official client reports a request's errors under: `req_id`,
    /// except while disconnected or when the server is older than
    /// `min_version` (the request's own gate), where it reports under -1.
    pub(crate) fn error_id(&self, req_id: i32, min_version: i32) -> i32 {
        if self.is_connected() && self.server_version() >= min_version {
            req_id
        } else {
            NO_VALID_ID
        }
    }

    /// Sends `msg`; `ids` (None: not reported, nor tracked) say under which
    /// id each kind of failure reaches `error`.
    fn send_tracked<M: Message>(
        &self,
        req_id: i32,
        msg: &M,
        ids: Option<ErrorIds>,
        kind: Option<super::lifecycle::RequestKind>,
    ) -> Result<(), Error> {
        let inner = &self.inner;
        let report = ids.is_some();
        let fail = |e: Error| {
            if let Some(ids) = ids {
                let id = match &e {
                    Error::NotConnected => ids.not_connected,
                    Error::Encode(crate::wire::EncodeError::UpdateTws(_)) => ids.too_old,
                    Error::Encode(_) => ids.invalid,
                    _ => req_id,
                };
                inner.queue(Incoming::error(id, e.code(), e.wrapper_text()));
            }
            e
        };
        if !self.is_connected() {
            return Err(fail(Error::NotConnected));
        }
        let sv = inner.server_version.load(Ordering::SeqCst);
        let mut frame = Vec::with_capacity(128);
        if let Err(e) = encode_frame(msg, sv, &mut frame) {
            return Err(fail(Error::Encode(e)));
        }
        // Known before it is written: its answer may come at once. The
        // client's own requests (startApi, the heartbeat) are not tracked:
        // they are reported unanswered their own way.
        if report {
            inner.requests.sent(M::ID, req_id, sv, &frame, kind);
        }
        let result = self.write_frame(M::ID, req_id, &frame, report, never_paced(M::ID));
        if result.is_err() && report {
            inner.requests.unsent(M::ID, req_id);
        }
        result
    }

    /// Ends a request in flight whose end its request method knows
    /// (`reqAccountUpdates` with `subscribe` false).
    pub(crate) fn end_request(&self, key: RequestKey) {
        self.inner.requests.end(key);
    }

    /// The heartbeat's `reqCurrentTime`: neither reported nor tracked (a
    /// lost connection is the heartbeat's own finding, not a user request's).
    pub(crate) fn heartbeat_request(&self) -> Result<(), Error> {
        self.send_inner(
            NO_VALID_ID,
            &crate::messages::connection::ReqCurrentTime,
            false,
        )
    }

    /// Writes one encoded frame of request `request` (its outgoing message
    /// id; paced, unless `urgent`: a cancel); `req_id` is the id errors are
    /// reported under, `report` as in `send_inner`. A failed write is
    /// reported as 10.51.1 reports it: the request's `FAIL_SEND_…` code, its
    /// text and what went wrong ([`crate::errors::fail_send`]).
    fn write_frame(
        &self,
        request: u32,
        req_id: i32,
        frame: &[u8],
        report: bool,
        urgent: bool,
    ) -> Result<(), Error> {
        let inner = &self.inner;
        let fail = |e: Error| {
            if report {
                let official = match &e {
                    Error::Io(io) => crate::errors::fail_send(request)
                        .map(|c| (c.code, format!("{}{io}", c.msg))),
                    _ => None,
                };
                let (code, text) = official.unwrap_or_else(|| (e.code(), e.wrapper_text()));
                inner.queue(Incoming::error(req_id, code, text));
            }
            e
        };
        if urgent {
            inner.pacer.count();
        } else {
            inner.pacer.acquire();
        }
        // Take the write half out of the connection lock: a write that blocks
        // (a peer that stopped reading) must not keep `disconnect` waiting.
        let (writer, generation) = match inner.conn.lock().as_ref() {
            Some(c) => (Arc::clone(&c.writer), c.generation),
            None => return Err(fail(Error::NotConnected)),
        };
        let mut w = writer.lock();
        // Captured before it is written: its answer cannot come first.
        inner.capture.client(frame);
        match w.write_all(frame) {
            Ok(()) => {
                inner.metrics.sent(frame.len());
                Ok(())
            }
            Err(e) => {
                // Part of the frame may be out: the stream cannot go on.
                if inner.closing(generation) {
                    // Closed on purpose while this write waited: not an error.
                    return Err(Error::NotConnected);
                }
                let timed_out = matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                );
                let err = fail(if timed_out {
                    Error::Io(io::Error::new(
                        io::ErrorKind::TimedOut,
                        "the peer has not read for longer than the write timeout; the connection is closed",
                    ))
                } else {
                    Error::Io(e)
                });
                // Close only after the error is queued: the reader then sees
                // the closed socket and queues `connection_closed` behind it.
                let _ = w.shutdown(Shutdown::Both);
                Err(err)
            }
        }
    }
}

/// Under which id the official client reports each kind of refusal of a
/// request (it varies by request: see `EClient::send_reporting`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ErrorIds {
    /// "Not connected" (504).
    pub(crate) not_connected: i32,
    /// "TWS is out of date" (503).
    pub(crate) too_old: i32,
    /// Anything else the encoder refuses (579, …).
    pub(crate) invalid: i32,
}

impl ErrorIds {
    /// Every refusal under `id`.
    pub(crate) fn all(id: i32) -> ErrorIds {
        ErrorIds {
            not_connected: id,
            too_old: id,
            invalid: id,
        }
    }
}

/// TCP connect, hello, and the server's answer.
/// What a successful handshake leaves: the socket, the server version, its
/// connection time, and any bytes that arrived after the answer.
type Handshake = (TcpStream, i32, String, Vec<u8>);

fn handshake(
    host: &str,
    port: u16,
    options: &Options,
    capture: &crate::transcript::capture::Capture,
    client_id: i32,
) -> Result<Handshake, Error> {
    let addr = format!("{host}:{port}");
    let failed = |source: io::Error| Error::ConnectFailed {
        addr: addr.clone(),
        source,
    };
    let deadline = Instant::now() + options.connect_timeout;
    let mut last_err = io::Error::new(io::ErrorKind::NotFound, "host resolved to no address");
    let mut stream = None;
    for sa in (host, port).to_socket_addrs().map_err(failed)? {
        match TcpStream::connect_timeout(&sa, options.connect_timeout) {
            Ok(s) => {
                stream = Some(s);
                break;
            }
            Err(e) => last_err = e,
        }
    }
    let mut stream = stream.ok_or_else(|| failed(last_err))?;
    stream.set_nodelay(true).map_err(failed)?;
    let hello = encode_hello(
        MIN_CLIENT_VER,
        options.max_server_version,
        &options.connect_options,
    );
    stream.write_all(&hello).map_err(failed)?;
    capture.hello(&String::from_utf8_lossy(&hello[8..]), client_id);

    // Read frames until the two-field answer; the official client skips others.
    let mut buf = Vec::with_capacity(256);
    let answer = loop {
        match frame_len(&buf) {
            Ok(Some(total)) => {
                let payload = buf[4..total].to_vec();
                buf.drain(..total);
                if let Some(answer) = decode_server_answer(&payload) {
                    capture.handshake(&payload);
                    break answer;
                }
                log::debug!("skipping a frame before the handshake answer");
                continue;
            }
            Ok(None) => {}
            Err(e) => return Err(failed(io::Error::new(io::ErrorKind::InvalidData, e))),
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(failed(io::Error::new(
                io::ErrorKind::TimedOut,
                "no handshake answer from the server",
            )));
        }
        stream.set_read_timeout(Some(left)).map_err(failed)?;
        let mut chunk = [0u8; 1024];
        match stream.read(&mut chunk) {
            Ok(0) => {
                return Err(failed(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the server closed the connection during the handshake",
                )))
            }
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Err(failed(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "no handshake answer from the server",
                )))
            }
            Err(e) => return Err(failed(e)),
        }
    };
    let (server_version, connection_time) = answer;
    if !(MIN_CLIENT_VER..=options.max_server_version).contains(&server_version) {
        let _ = stream.shutdown(Shutdown::Both);
        return Err(Error::UnsupportedServerVersion {
            version: server_version,
        });
    }
    stream.set_read_timeout(None).map_err(failed)?;
    // Bytes after the answer belong to the reader.
    Ok((stream, server_version, connection_time, buf))
}

/// The requests the pacer never delays: the cancels (of subscriptions, of
/// orders, the global cancel). They still count towards the rate.
fn never_paced(id: u32) -> bool {
    use crate::messages::ids::outgoing;
    matches!(
        outgoing::lifecycle(id),
        crate::messages::route::Lifecycle::Cancels(_)
    ) || id == outgoing::CANCEL_ORDER
        || id == outgoing::REQ_GLOBAL_CANCEL
}
