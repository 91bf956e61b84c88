//! The simulated gateway: the server side of the same protocol.
//!
//! [`SimGateway`] listens on loopback, negotiates the handshake at a
//! configurable server version (100–203), accepts up to any number of clients
//! with distinct client ids (a duplicate gets error 326 and is closed, as TWS
//! does), and answers the requests of the connection core from a small paper
//! broker: managed accounts, next valid ids that never collide between
//! clients, the farm notices 2104/2106/2158, the server clock, market data
//! types, and a stream of ticks for every `reqMktData` until it is cancelled
//! (with the generic ticks asked for, option computations for options, and a
//! limit of concurrent lines), a live order book for every `reqMktDepth`,
//! tick-by-tick streams, and option prices and implied volatilities from a
//! Black-Scholes model for `calculateOptionPrice` / `calculateImpliedVolatility`.
//!
//! It decodes requests and encodes answers with [`crate::messages`], so it
//! speaks exactly what the client speaks — and the official Python client
//! works against it too (`tests/python/official_client_check.py`).
//!
//! It can also misbehave on purpose, for tests of a client's error paths:
//! [`SimGateway::inject`] makes every open session write garbage, an
//! impossible length prefix, half a frame, or close or reset the connection
//! (see [`Fault`]); [`SimConfig::close_after_handshake`] closes every
//! connection right after the handshake; [`SimConfig::inject_warnings`] and
//! [`SimConfig::random_warnings`] put TWS's warnings (10090, 10167, farm
//! notices, …) in the middle of any answer or stream; and
//! [`SimConfig::record_requests`] keeps every request it decodes, for
//! [`SimGateway::recorded_requests`].
//!
//! ```
//! use tws_api::sim::{SimConfig, SimGateway};
//! let gw = SimGateway::start(SimConfig::default()).unwrap();
//! println!("simulated gateway on port {}", gw.port());
//! gw.shutdown();
//! ```
//!
//! # Layout
//!
//! A domain has the same name here as in [`crate::messages`], and a
//! sub-domain sits under its domain, as it does there:
//!
//! * `session` reads a connection's requests and routes each to its domain's
//!   `handle`, and calls every domain's `on_timer`; it holds each domain's
//!   per-connection `State`.
//! * The domains: `connection`, `contracts`, `market_data` (with `depth`,
//!   `tick_by_tick` and `options`), `historical` (with `data`, the bars and
//!   ticks themselves), `orders` (with `exercise`), `account` (with `values`
//!   and `fa`), `news`, `scanner` (with `params`), `fundamentals` and
//!   `display_groups`. A domain uses its own sub-modules and the shared
//!   modules below, never another domain.
//! * Shared by every domain: `universe` (the instruments, their underlying
//!   prices, contract lookup and completion, the scan list), `prices` (the
//!   price of any contract, the option model), `time` (the clock, the
//!   calendar, TWS's date-time forms) and `broker` (the paper broker's
//!   accounts and order book, shared by every session).
//! * `warnings`: TWS's warnings put in the middle of the answers
//!   ([`SimConfig::inject_warnings`], [`SimConfig::random_warnings`]), at the
//!   session's sending, so no domain knows about them.
//! * [`burst`]: a gateway for benchmarks, which streams ticks as fast as the
//!   socket takes them.

mod account;
mod broker;
pub mod burst;
mod connection;
mod contracts;
mod display_groups;
mod fundamentals;
mod historical;
mod market_data;
mod news;
mod orders;
mod prices;
pub mod replay;
pub mod samples;
mod scanner;
mod session;
mod time;
mod universe;
mod warnings;

use std::collections::HashMap;
use std::io;
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crossbeam_channel::Sender;
use parking_lot::Mutex;

pub use time::format_connection_time;
pub use warnings::{InjectedWarning, RandomWarnings, WarnAt, WarnTo};

use crate::server_versions::MIN_CLIENT_VER;
use crate::wire::handshake::{encode_server_answer, Hello, API_PREFIX};

/// Longest hello a simulated gateway accepts; real ones are about 20 bytes.
const MAX_HELLO: usize = 4096;

/// Takes the whole frames off the front of `buf` (what a session has read)
/// and returns their payloads; an incomplete frame stays in `buf`.
pub(crate) fn take_frames(buf: &mut Vec<u8>) -> Vec<Vec<u8>> {
    let mut frames = crate::wire::frame::Frames::new(buf);
    let payloads: Vec<Vec<u8>> = frames.by_ref().map(<[u8]>::to_vec).collect();
    let consumed = frames.consumed();
    buf.drain(..consumed);
    payloads
}

/// The gateway's side of the handshake: reads `"API\0"` and the client's
/// hello, picks the highest version both speak (at most `max_version`), and
/// answers with it and the connection time. Refuses a client with no common
/// version, as TWS does, by returning an error (the caller closes).
pub(crate) fn negotiate(stream: &mut TcpStream, max_version: i32) -> io::Result<(i32, Hello)> {
    use std::io::{Read, Write};
    let invalid = |what: String| io::Error::new(io::ErrorKind::InvalidData, what);
    let mut head = [0u8; 8];
    stream.read_exact(&mut head)?;
    if &head[..4] != API_PREFIX {
        return Err(invalid("no API prefix".into()));
    }
    let len = u32::from_be_bytes([head[4], head[5], head[6], head[7]]) as usize;
    if len > MAX_HELLO {
        return Err(invalid(format!("hello of {len} bytes")));
    }
    let mut text = vec![0u8; len];
    stream.read_exact(&mut text)?;
    let hello = Hello::parse(&text).ok_or_else(|| invalid("bad hello".into()))?;
    let sv = max_version.min(hello.max_version);
    if sv < hello.min_version || sv < MIN_CLIENT_VER {
        return Err(invalid(format!(
            "client speaks {}..{}, we speak up to {max_version}",
            hello.min_version, hello.max_version
        )));
    }
    stream.write_all(&encode_server_answer(
        sv,
        &format_connection_time(time::now_secs()),
    ))?;
    Ok((sv, hello))
}

/// How the simulated gateway behaves.
#[derive(Debug, Clone, PartialEq)]
pub struct SimConfig {
    /// The highest server version it negotiates (100–203). The handshake picks
    /// the lower of this and the client's maximum.
    pub server_version: i32,
    /// The accounts reported by `managedAccounts`.
    pub accounts: Vec<String>,
    /// Time between two rounds of ticks for each market data subscription.
    pub tick_interval: Duration,
    /// Time between two refreshes of each market scanner subscription.
    pub scanner_interval: Duration,
    /// The white-branding id `userInfo` reports (empty for IB's own logins).
    pub white_branding_id: String,
    /// Send the farm notices 2104, 2106 and 2158 after startApi.
    pub farm_notices: bool,
    /// Send error messages as protobuf (server version 201 and up), as a newer
    /// TWS may; otherwise as fields.
    pub protobuf_errors: bool,
    /// How many order ids each connection reserves; ids of two connections
    /// never overlap unless one places more orders than this.
    pub order_id_block: i32,
    /// The first order id handed out.
    pub first_order_id: i32,
    /// Close every connection right after sending the handshake answer, before
    /// startApi is read (a fault: the client sees its connection end at once).
    pub close_after_handshake: bool,
    /// Keep every request the sessions decode, for
    /// [`SimGateway::recorded_requests`]. Off by default: it grows without bound.
    pub record_requests: bool,
    /// How many `reqMktData` streams a connection may hold at once (TWS's
    /// market data lines); one more is refused with error 101.
    pub max_market_data_lines: usize,
    /// How many `reqMktDepth` books a connection may hold at once; one more
    /// is refused with error 309 (TWS allows 3 without booster packs).
    pub max_depth_requests: usize,
    /// IB's historical pacing rules, enforced as TWS enforces them (error 162,
    /// "Historical data request pacing violation"), per connection. `None`
    /// (the default) enforces none, so benchmarks and tests that send many
    /// historical requests are not held back; use
    /// `Some(PacingRules::IB)`, or [`PacingRules::scaled`](crate::messages::historical::PacingRules::scaled)
    /// for tests.
    pub historical_pacing: Option<crate::messages::historical::PacingRules>,
    /// How fast the sim's clock runs for streams that TWS paces by its clock:
    /// a real-time bar every 5 s of sim time, and the updates of
    /// `keep_up_to_date` bars. 1.0 (the default) is real time; 100.0 sends
    /// a real-time bar every 50 ms (bar times still advance by 5 s each).
    pub clock_speed: f64,
    /// The "Master API client ID" of TWS's API settings: that client also
    /// gets `openOrder` and `orderStatus` for the orders of every other
    /// client (from its first order request on). `None` by default.
    pub master_client_id: Option<i32>,
    /// Send the farm notices as broken (2103, 2105, 2157) instead of OK, as
    /// TWS does when it has lost its data farms (a fault, for the doctor).
    pub broken_farm: bool,
    /// Send `nextValidId` after startApi and answer reqIds (default). Off, the
    /// gateway behaves as a TWS that is not logged in or has a dialog open.
    pub send_next_valid_id: bool,
    /// An advisor login: the first of [`accounts`](SimConfig::accounts) is the
    /// advisor's own account, the others its sub-accounts (which hold the
    /// money and positions, and make up the group `All`). `requestFA` and
    /// `replaceFA` are answered; otherwise they get TWS's error 321.
    pub advisor: bool,
    /// How often account streams (`reqAccountUpdates`, summaries, multi)
    /// send the values that moved with prices; a fill is reported at once.
    pub account_update_interval: Duration,
    /// Warnings to send in the middle of the answers, as TWS does: before an
    /// answer's first message, between two of its messages, or after its
    /// end, for every request or one (see [`InjectedWarning`]). Each is an
    /// `errMsg` frame with the request's id. Empty by default.
    pub inject_warnings: Vec<InjectedWarning>,
    /// Warnings at random places of every answer, from a seed (see
    /// [`RandomWarnings`]). `None` by default.
    pub random_warnings: Option<RandomWarnings>,
    /// Enforce TWS's message rate: a client that sends more than this many
    /// messages within one second gets error 100 ("Max rate of messages per
    /// second has been exceeded") and is disconnected, as TWS does with 50.
    /// `None` (the default) accepts any rate.
    pub max_messages_per_second: Option<u32>,
    /// TWS's "Read-Only API" setting: order requests (`placeOrder`,
    /// `cancelOrder`, `reqGlobalCancel`, `exerciseOptions`) are answered
    /// with error 321 ("… The API interface is currently in Read-Only
    /// mode.") and do nothing. Off by default.
    pub read_only: bool,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            server_version: crate::server_versions::MAX_CLIENT_VER,
            accounts: vec!["DU1234567".into()],
            tick_interval: Duration::from_millis(100),
            scanner_interval: Duration::from_secs(1),
            white_branding_id: String::new(),
            farm_notices: true,
            protobuf_errors: false,
            order_id_block: 1000,
            first_order_id: 1,
            close_after_handshake: false,
            record_requests: false,
            max_market_data_lines: 100,
            max_depth_requests: 3,
            historical_pacing: None,
            clock_speed: 1.0,
            master_client_id: None,
            broken_farm: false,
            send_next_valid_id: true,
            advisor: false,
            account_update_interval: Duration::from_secs(3),
            inject_warnings: Vec::new(),
            random_warnings: None,
            max_messages_per_second: None,
            read_only: false,
        }
    }
}

/// State shared by the acceptor and every session.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) config: SimConfig,
    stop: AtomicBool,
    /// Client ids in use → the connection that holds each.
    pub(crate) client_ids: Mutex<HashMap<i32, u64>>,
    /// Live sockets, so that shutdown can close them.
    conns: Mutex<HashMap<u64, TcpStream>>,
    next_conn: AtomicU64,
    next_order_id: AtomicI32,
    /// Each session's fault mailbox, by connection (sessions past the handshake).
    pub(crate) faults: Mutex<HashMap<u64, Sender<Injected>>>,
    /// What `record_requests` keeps.
    pub(crate) recorded: Mutex<Vec<RecordedRequest>>,
    /// The paper broker: cash and positions of every account.
    pub(crate) broker: Mutex<broker::Broker>,
}

impl Shared {
    /// Forgets connection `conn_id`: its socket clone (closing it when the
    /// session's own handle is gone too), its client id and its fault mailbox.
    /// Idempotent.
    pub(crate) fn forget(&self, conn_id: u64) {
        self.faults.lock().remove(&conn_id);
        self.conns.lock().remove(&conn_id);
        self.client_ids.lock().retain(|_, conn| *conn != conn_id);
    }

    pub(crate) fn stopping(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// Reserves a block of order ids and returns its first id.
    pub(crate) fn reserve_order_ids(&self) -> i32 {
        self.next_order_id
            .fetch_add(self.config.order_id_block.max(1), Ordering::SeqCst)
    }
}

/// A running simulated gateway. Dropping it (or [`shutdown`](SimGateway::shutdown))
/// closes every connection and stops the listener.
#[derive(Debug)]
pub struct SimGateway {
    addr: SocketAddr,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
    workers: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl SimGateway {
    /// Starts on an ephemeral port of 127.0.0.1.
    pub fn start(config: SimConfig) -> io::Result<SimGateway> {
        SimGateway::bind("127.0.0.1:0", config)
    }

    /// Starts on `addr` (use port 0 for an ephemeral one).
    pub fn bind(addr: impl ToSocketAddrs, config: SimConfig) -> io::Result<SimGateway> {
        let range = crate::server_versions::MIN_CLIENT_VER..=crate::server_versions::MAX_CLIENT_VER;
        if !range.contains(&config.server_version) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "server version {} is outside {}..={}",
                    config.server_version,
                    range.start(),
                    range.end()
                ),
            ));
        }
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        let first = config.first_order_id;
        let shared = Arc::new(Shared {
            stop: AtomicBool::new(false),
            client_ids: Mutex::new(HashMap::new()),
            conns: Mutex::new(HashMap::new()),
            next_conn: AtomicU64::new(1),
            next_order_id: AtomicI32::new(first),
            faults: Mutex::new(HashMap::new()),
            recorded: Mutex::new(Vec::new()),
            broker: Mutex::new(broker::Broker::new(&config.accounts)),
            config,
        });
        let workers = Arc::new(Mutex::new(Vec::new()));
        let acceptor = {
            let shared = Arc::clone(&shared);
            let workers = Arc::clone(&workers);
            thread::Builder::new()
                .name("tws-sim-accept".into())
                .spawn(move || accept_loop(listener, shared, workers))?
        };
        log::info!("simulated gateway listening on {addr}");
        Ok(SimGateway {
            addr,
            shared,
            acceptor: Some(acceptor),
            workers,
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

    /// The client ids connected right now, sorted.
    pub fn client_ids(&self) -> Vec<i32> {
        let mut ids: Vec<i32> = self.shared.client_ids.lock().keys().copied().collect();
        ids.sort_unstable();
        ids
    }

    /// Number of open connections (including ones that have not sent startApi yet).
    pub fn connection_count(&self) -> usize {
        self.shared.conns.lock().len()
    }

    /// How many connections were accepted since the start (open or not).
    pub fn connections_accepted(&self) -> u64 {
        self.shared.next_conn.load(Ordering::SeqCst) - 1
    }

    /// Makes every open session (every connection past the handshake) commit
    /// `fault`, and returns how many did.
    ///
    /// Each session applies it between two rounds of its loop: after it has
    /// answered every request it has read and written every answer, so
    /// whatever the client was sent before the fault precedes it on the wire.
    /// `inject` returns once every session has applied the fault: its bytes are
    /// written and, for the faults that end the connection, the socket is
    /// closed and the client id released — except [`Fault::StallMidFrame`],
    /// which returns as soon as the half frame is written, while the session
    /// stalls. A session that is gone, or still busy after 10 s (a client that
    /// does not read), does not count.
    ///
    /// ```
    /// use tws_api::sim::{Fault, SimConfig, SimGateway};
    /// use tws_api::wire::frame::write_frame;
    ///
    /// let gw = SimGateway::start(SimConfig::default()).unwrap();
    /// let mut garbage = Vec::new();
    /// write_frame(&mut garbage, &999u32.to_be_bytes()); // an unknown message id
    /// assert_eq!(gw.inject(Fault::Raw(garbage)), 0); // nobody is connected
    /// gw.shutdown();
    /// ```
    pub fn inject(&self, fault: Fault) -> usize {
        let mailboxes: Vec<Sender<Injected>> =
            self.shared.faults.lock().values().cloned().collect();
        let mut acks = Vec::with_capacity(mailboxes.len());
        for mailbox in mailboxes {
            let (done, ack) = crossbeam_channel::bounded(1);
            let injected = Injected {
                fault: fault.clone(),
                done,
            };
            if mailbox.send(injected).is_ok() {
                acks.push(ack);
            }
        }
        acks.into_iter()
            .filter(|ack| ack.recv_timeout(INJECT_TIMEOUT).is_ok())
            .count()
    }

    /// The requests decoded so far, in the order each session read them, when
    /// [`SimConfig::record_requests`] is on (empty otherwise). Requests of one
    /// connection keep their order; those of different connections interleave.
    pub fn recorded_requests(&self) -> Vec<RecordedRequest> {
        self.shared.recorded.lock().clone()
    }

    /// Closes the connection that holds `client_id`, as a network failure
    /// of that one client would; the others go on. `false` when no
    /// connection holds that id.
    pub fn drop_client(&self, client_id: i32) -> bool {
        let conn = self.shared.client_ids.lock().get(&client_id).copied();
        let Some(conn) = conn else {
            return false;
        };
        match self.shared.conns.lock().get(&conn) {
            Some(s) => s.shutdown(Shutdown::Both).is_ok(),
            None => false,
        }
    }

    /// Closes every open connection, as a gateway restart would; keeps listening.
    pub fn drop_connections(&self) {
        for (_, s) in self.shared.conns.lock().iter() {
            let _ = s.shutdown(Shutdown::Both);
        }
    }

    /// Stops listening, closes every connection and joins every thread.
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        if self.shared.stop.swap(true, Ordering::SeqCst) {
            return;
        }
        // Wake the acceptor.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        self.drop_connections();
        if let Some(a) = self.acceptor.take() {
            let _ = a.join();
        }
        let workers: Vec<_> = std::mem::take(&mut *self.workers.lock());
        for w in workers {
            let _ = w.join();
        }
    }
}

/// How long [`SimGateway::inject`] waits for one session to apply a fault.
const INJECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A way for the simulated gateway to misbehave, on purpose, for tests of a
/// client's error paths. Given to [`SimGateway::inject`].
///
/// Build garbage for [`Fault::Raw`] with [`crate::wire::frame::write_frame`]
/// (any payload behind a correct length prefix) or
/// [`crate::messages::to_frame`] (a well-formed message).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// Write these bytes as they are, then go on serving.
    Raw(Vec<u8>),
    /// Write a length prefix of 16 MiB (`0x0100_0000`, one byte over the
    /// largest frame the API accepts) and nothing else, then go on serving
    /// (the client is expected to close).
    OversizedPrefix,
    /// Write the first half of a valid `currentTime` frame, then close (FIN).
    CloseMidFrame,
    /// Reset the connection: close it so that the client sees a TCP RST rather
    /// than a FIN, by closing with `SO_LINGER` set to zero. Where that option
    /// cannot be set (anything but Unix), this falls back to a plain close (FIN).
    Reset,
    /// Write the first half of a valid `currentTime` frame, stall for this
    /// long without reading or writing, then close without the rest (FIN;
    /// followed by an RST if the client sent requests during the stall, which
    /// are never read). A gateway shutdown cuts the stall short.
    StallMidFrame(Duration),
    /// Close the connection (FIN), as TWS does when it exits.
    Close,
    /// TWS loses its connection to IB, the socket staying open: send 1100
    /// and the farm notices 2103/2105 (`usfarm`, `ushmds`), then hold
    /// everything — requests stay unread, no ticks — until
    /// [`Fault::ConnectivityRestored`].
    ConnectivityLost,
    /// Connectivity is back: send 1102 (`data_kept`) or 1101 (market data
    /// lost) and the farm notices 2104/2106, then answer the held requests.
    ConnectivityRestored {
        /// `true`: 1102, subscriptions kept; `false`: 1101, data lost.
        data_kept: bool,
    },
    /// Another session of the same user (TWS, the mobile app) takes the live
    /// market data: 10197 under each market data, depth and tick-by-tick
    /// subscription, which stop.
    CompetingSession,
}

/// A fault on its way to one session, with the channel that says it was applied.
#[derive(Debug)]
pub(crate) struct Injected {
    pub(crate) fault: Fault,
    pub(crate) done: Sender<()>,
}

/// One request as a session decoded it (see [`SimConfig::record_requests`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// The client id of the connection that sent it.
    pub client_id: i32,
    /// The server version of that connection.
    pub server_version: i32,
    /// The message id (protobuf offset removed).
    pub msg_id: u32,
    /// `true` when the body is protobuf rather than fields.
    pub protobuf: bool,
    /// The frame's payload after the message id.
    pub body: Vec<u8>,
}

impl RecordedRequest {
    /// Decodes the body as `M`, in the form it came in (fields or protobuf),
    /// at the connection's server version.
    ///
    /// ```
    /// use tws_api::messages::connection::SetServerLogLevel;
    /// use tws_api::sim::RecordedRequest;
    /// let r = RecordedRequest {
    ///     client_id: 0,
    ///     server_version: 203,
    ///     msg_id: 14,
    ///     protobuf: false,
    ///     body: b"1\x005\x00".to_vec(),
    /// };
    /// assert_eq!(r.decode::<SetServerLogLevel>().unwrap().log_level, 5);
    /// ```
    pub fn decode<M: crate::messages::Message>(&self) -> Result<M, crate::wire::DecodeError> {
        crate::messages::decode_either(self.server_version, self.protobuf, &self.body)
    }
}

impl Drop for SimGateway {
    fn drop(&mut self) {
        self.stop();
    }
}

fn accept_loop(
    listener: TcpListener,
    shared: Arc<Shared>,
    workers: Arc<Mutex<Vec<JoinHandle<()>>>>,
) {
    for stream in listener.incoming() {
        if shared.stopping() {
            break;
        }
        let stream = match stream {
            Ok(s) => s,
            Err(e) => {
                log::warn!("accept failed: {e}");
                continue;
            }
        };
        let id = shared.next_conn.fetch_add(1, Ordering::SeqCst);
        match stream.try_clone() {
            Ok(c) => {
                shared.conns.lock().insert(id, c);
            }
            Err(e) => {
                log::warn!("cannot track connection: {e}");
                continue;
            }
        }
        let s = Arc::clone(&shared);
        let spawned = thread::Builder::new()
            .name(format!("tws-sim-conn-{id}"))
            .spawn(move || {
                if let Err(e) = session::serve(stream, &s, id) {
                    log::debug!("session {id} ended: {e}");
                }
                s.forget(id);
            });
        match spawned {
            Ok(h) => {
                let mut w = workers.lock();
                w.retain(|h| !h.is_finished());
                w.push(h);
            }
            Err(e) => {
                log::warn!("cannot start a session thread: {e}");
                shared.conns.lock().remove(&id);
            }
        }
    }
}
