//! One client connection of the simulated gateway.

use crate::messages::ids::Request;
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, Sender};
use prost::Message as _;

use super::time::{now_millis, now_secs};
use super::{Fault, Injected, RecordedRequest, Shared};
use crate::errors::{
    CLIENT_ID_IN_USE, COMPETING_LIVE_SESSION, CONNECTIVITY_LOST, CONNECTIVITY_RESTORED,
    CONNECTIVITY_RESTORED_DATA_LOST, HMDS_DATA_FARM_BROKEN, HMDS_DATA_FARM_OK,
    MARKET_DATA_FARM_BROKEN, MARKET_DATA_FARM_OK, MAX_RATE_EXCEEDED, NO_VALID_ID,
    SEC_DEF_DATA_FARM_BROKEN, SEC_DEF_DATA_FARM_OK, SERVER_API_ERROR,
};
use crate::messages::connection::{CurrentTime, ErrorMessage, ManagedAccounts, NextValidId};
use crate::messages::ids::{incoming, outgoing};
use crate::messages::{encode_frame, to_frame, Message};
use crate::server_versions::MIN_SERVER_VER_PROTOBUF;
use crate::wire::frame::frame_len;
use crate::wire::{begin_protobuf_frame, finish_frame, MessageHeader};

/// How long an idle session waits for a request before it looks for an
/// injected fault (and for the gateway stopping) again.
const IDLE_POLL: Duration = Duration::from_millis(20);

/// What [`Fault::OversizedPrefix`] writes: 16 MiB, one over the largest frame.
const OVERSIZED_PREFIX: u32 = 0x0100_0000;

/// One client connection. The domain modules of the sim (`sim/<domain>`)
/// answer their requests through it: [`Session::send`] and
/// [`Session::send_error`] queue answers, [`Session::wake_at`] asks for a call
/// of their `on_timer` (streams, fills, bars), and each keeps its per-connection
/// state in its own field.
pub(crate) struct Session<'a> {
    pub(super) shared: &'a Shared,
    pub(super) conn_id: u64,
    stream: TcpStream,
    /// The negotiated server version.
    pub(super) sv: i32,
    pub(super) client_id: Option<i32>,
    pub(super) next_order_id: i32,
    /// When the earliest domain timer is due.
    wake: Option<Instant>,
    out: Vec<u8>,
    // Each domain's per-connection state.
    pub(super) account: super::account::State,
    pub(super) display_groups: super::display_groups::State,
    pub(super) historical: super::historical::State,
    pub(super) market_data: super::market_data::State,
    pub(super) news: super::news::State,
    pub(super) orders: super::orders::State,
    pub(super) scanner: super::scanner::State,
    /// Where each answer is, for the injected warnings.
    warnings: super::warnings::State,
    /// Faults injected through [`super::SimGateway::inject`].
    faults: Receiver<Injected>,
    /// Set by a fault that closes the connection: acknowledged once the socket
    /// is closed.
    close_ack: Option<Sender<()>>,
    /// Connectivity to "IB" is down (`Fault::ConnectivityLost`): requests wait.
    offline: bool,
    /// The current one-second window of the message rate, and its count.
    rate_window: (Instant, u32),
}

/// Serves one connection until the client leaves, the gateway stops, or the
/// client is refused.
pub(crate) fn serve(stream: TcpStream, shared: &Shared, conn_id: u64) -> io::Result<()> {
    stream.set_nodelay(true)?;
    let mut stream = stream;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let (sv, hello) = super::negotiate(&mut stream, shared.config.server_version)?;
    log::debug!(
        "session {conn_id}: hello {}..{} {:?}, server version {sv}",
        hello.min_version,
        hello.max_version,
        hello.connect_options
    );
    if shared.config.close_after_handshake {
        log::info!("session {conn_id}: closing right after the handshake, as configured");
        let _ = stream.shutdown(Shutdown::Both);
        return Ok(());
    }

    let (mailbox, faults) = crossbeam_channel::unbounded();
    shared.faults.lock().insert(conn_id, mailbox);
    let mut session = Session {
        shared,
        conn_id,
        stream,
        sv,
        client_id: None,
        next_order_id: 0,
        wake: None,
        out: Vec::with_capacity(4096),
        account: Default::default(),
        display_groups: Default::default(),
        historical: Default::default(),
        market_data: Default::default(),
        news: Default::default(),
        orders: Default::default(),
        scanner: Default::default(),
        warnings: Default::default(),
        faults,
        close_ack: None,
        offline: false,
        rate_window: (Instant::now(), 0),
    };
    let result = session.run();
    let close_ack = session.close_ack.take();
    // Close the session's handle of the socket, then the gateway's: the socket
    // is closed (FIN, or RST after `Fault::Reset`) before the fault is acknowledged.
    drop(session);
    shared.forget(conn_id);
    if let Some(ack) = close_ack {
        let _ = ack.send(());
    }
    result
}

impl Session<'_> {
    fn run(&mut self) -> io::Result<()> {
        let mut buf: Vec<u8> = Vec::with_capacity(4096);
        let mut chunk = vec![0u8; 16 * 1024];
        loop {
            if self.shared.stopping() {
                return Ok(());
            }
            let wait = match self.wake {
                None => IDLE_POLL,
                Some(at) => at
                    .saturating_duration_since(Instant::now())
                    .clamp(Duration::from_millis(1), IDLE_POLL),
            };
            self.stream.set_read_timeout(Some(wait))?;
            match self.stream.read(&mut chunk) {
                Ok(0) => return Ok(()),
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock
                            | io::ErrorKind::TimedOut
                            | io::ErrorKind::Interrupted
                    ) => {}
                Err(e) => return Err(e),
            }
            if frame_len(&buf).is_err() {
                return Err(io::Error::new(io::ErrorKind::InvalidData, "frame too long"));
            }
            let mut keep_going = true;
            // While connectivity is down the requests wait, unread, as TWS
            // holds them until it is back (`Fault::ConnectivityLost`).
            let frames = if self.offline {
                Vec::new()
            } else {
                super::take_frames(&mut buf)
            };
            for payload in frames {
                if !self.handle(&payload)? {
                    keep_going = false;
                    break;
                }
            }
            if !keep_going {
                return Ok(());
            }
            let now = Instant::now();
            if !self.offline && self.wake.is_some_and(|at| now >= at) {
                self.wake = None;
                self.on_timer(now);
            }
            self.flush()?;
            // Faults go after every answer to what was read so far.
            if !self.apply_faults()? {
                return Ok(());
            }
        }
    }

    /// Applies the faults injected since the last round, in order; `false`
    /// when one of them ends the session.
    fn apply_faults(&mut self) -> io::Result<bool> {
        while let Ok(Injected { fault, done }) = self.faults.try_recv() {
            match &fault {
                Fault::Raw(bytes) => log::info!(
                    "session {}: injecting {} raw bytes",
                    self.conn_id,
                    bytes.len()
                ),
                other => log::info!("session {}: injecting {other:?}", self.conn_id),
            }
            match fault {
                Fault::Raw(bytes) => self.stream.write_all(&bytes)?,
                Fault::OversizedPrefix => self.stream.write_all(&OVERSIZED_PREFIX.to_be_bytes())?,
                Fault::CloseMidFrame => {
                    self.write_half_frame()?;
                    let _ = self.stream.shutdown(Shutdown::Both);
                    self.close_ack = Some(done);
                    return Ok(false);
                }
                Fault::StallMidFrame(stall) => {
                    self.write_half_frame()?;
                    // Acknowledged now, so that the caller can act during the stall.
                    let _ = done.send(());
                    let until = Instant::now() + stall;
                    while !self.shared.stopping() {
                        let left = until.saturating_duration_since(Instant::now());
                        if left.is_zero() {
                            break;
                        }
                        std::thread::sleep(left.min(Duration::from_millis(10)));
                    }
                    let _ = self.stream.shutdown(Shutdown::Both);
                    return Ok(false);
                }
                Fault::Reset => {
                    // No shutdown here: that would send a FIN first. Closing the
                    // last handle of the socket (in `serve`) sends the RST.
                    if !set_linger_zero(&self.stream) {
                        log::warn!(
                            "session {}: cannot set SO_LINGER here; closing with a FIN instead of an RST",
                            self.conn_id
                        );
                        let _ = self.stream.shutdown(Shutdown::Both);
                    }
                    self.close_ack = Some(done);
                    return Ok(false);
                }
                Fault::ConnectivityLost => {
                    self.offline = true;
                    self.write_error(NO_VALID_ID, CONNECTIVITY_LOST.code, CONNECTIVITY_LOST.msg);
                    for (code, farm) in [
                        (MARKET_DATA_FARM_BROKEN, "usfarm"),
                        (HMDS_DATA_FARM_BROKEN, "ushmds"),
                    ] {
                        self.write_error(NO_VALID_ID, code.code, &format!("{}{farm}", code.msg));
                    }
                    self.flush()?;
                }
                Fault::ConnectivityRestored { data_kept } => {
                    self.offline = false;
                    if !data_kept {
                        // TWS has dropped the market and account data
                        // subscriptions: the client resubmits them
                        // (client::LOST_WITH_DATA).
                        self.market_data.data_lost();
                        self.historical.data_lost();
                        self.account.data_lost();
                    }
                    let code = if data_kept {
                        CONNECTIVITY_RESTORED
                    } else {
                        CONNECTIVITY_RESTORED_DATA_LOST
                    };
                    self.write_error(NO_VALID_ID, code.code, code.msg);
                    for (code, farm) in [
                        (MARKET_DATA_FARM_OK, "usfarm"),
                        (HMDS_DATA_FARM_OK, "ushmds"),
                    ] {
                        self.write_error(NO_VALID_ID, code.code, &format!("{}{farm}", code.msg));
                    }
                    self.flush()?;
                }
                Fault::CompetingSession => {
                    for id in self.market_data.subscription_ids() {
                        self.write_error(
                            id,
                            COMPETING_LIVE_SESSION.code,
                            COMPETING_LIVE_SESSION.msg,
                        );
                    }
                    self.market_data.competing_session();
                    self.flush()?;
                }
                Fault::Close => {
                    let _ = self.stream.shutdown(Shutdown::Both);
                    self.close_ack = Some(done);
                    return Ok(false);
                }
            }
            let _ = done.send(());
        }
        Ok(true)
    }

    /// Writes the first half of a valid `currentTime` frame: its whole length
    /// prefix and part of its payload.
    fn write_half_frame(&mut self) -> io::Result<()> {
        let frame = to_frame(&CurrentTime { time: now_secs() }, self.sv)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?;
        self.stream.write_all(&frame[..frame.len() / 2])
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.out.is_empty() {
            self.stream.write_all(&self.out)?;
            self.out.clear();
        }
        Ok(())
    }

    /// Asks for a call of every domain's `on_timer` at `at` (or earlier).
    pub(super) fn wake_at(&mut self, at: Instant) {
        self.wake = Some(self.wake.map_or(at, |w| w.min(at)));
    }

    /// Gives every domain its timer turn; each one checks its own deadlines
    /// and calls [`Session::wake_at`] again for the next.
    fn on_timer(&mut self, now: Instant) {
        super::market_data::on_timer(self, now);
        super::historical::on_timer(self, now);
        super::orders::on_timer(self, now);
        super::account::on_timer(self, now);
        super::news::on_timer(self, now);
        super::scanner::on_timer(self, now);
    }

    /// Queues `msg` for the client (written after the current round), with
    /// the warnings [`SimConfig::inject_warnings`](super::SimConfig) and
    /// [`random_warnings`](super::SimConfig) put around it: every answer of
    /// every domain goes through here or [`Session::send_error`].
    pub(super) fn send<M: Message>(&mut self, msg: &M) {
        self.with_warnings(|s| s.encode(msg));
    }

    /// Writes the frame that `write` writes, with the injected warnings its
    /// route calls for before and after it. The route is read back from the
    /// frame as the client reads it (`messages::ids::dispatch_incoming`), so
    /// no domain has to say which request a message answers.
    fn with_warnings(&mut self, write: impl FnOnce(&mut Self)) {
        if !super::warnings::enabled(&self.shared.config) {
            return write(self);
        }
        let start = self.out.len();
        write(self);
        let written = self.out.split_off(start);
        let plan = super::warnings::plan_for_frame(
            &mut self.warnings,
            &self.shared.config,
            self.conn_id,
            self.sv,
            &written,
        );
        for (req_id, code, text) in &plan.before {
            self.write_error(*req_id, *code, text);
        }
        self.out.extend_from_slice(&written);
        for (req_id, code, text) in &plan.after {
            self.write_error(*req_id, *code, text);
        }
    }

    fn encode<M: Message>(&mut self, msg: &M) {
        if let Err(e) = encode_frame(msg, self.sv, &mut self.out) {
            log::warn!("simulated gateway cannot encode message {}: {e}", M::ID);
        }
    }

    /// Logs a request that the sim does not answer yet.
    pub(super) fn not_simulated(&self, id: u32) {
        log::debug!(
            "session {}: request {} ({}) not simulated",
            self.conn_id,
            id,
            outgoing::name(id).unwrap_or("?")
        );
    }

    /// Queues an error message (`error` callback) for the client.
    pub(super) fn send_error(&mut self, req_id: i32, code: i32, text: &str) {
        self.with_warnings(|s| s.write_error(req_id, code, text));
    }

    /// Writes an error message, in the form errors take on this connection.
    fn write_error(&mut self, req_id: i32, code: i32, text: &str) {
        let msg = ErrorMessage {
            req_id,
            error_code: code,
            error_string: text.to_owned(),
            advanced_order_reject_json: String::new(),
            error_time: now_millis(),
        };
        if self.shared.config.protobuf_errors && self.sv >= MIN_SERVER_VER_PROTOBUF {
            let start = begin_protobuf_frame(&mut self.out, incoming::ERR_MSG);
            msg.to_proto().encode(&mut self.out).ok();
            finish_frame(&mut self.out, start);
        } else {
            self.encode(&msg);
        }
    }

    /// Handles one request, recording it when asked to; `false` ends the session.
    fn handle(&mut self, payload: &[u8]) -> io::Result<bool> {
        if let Some(max) = self.shared.config.max_messages_per_second {
            let now = Instant::now();
            if now.duration_since(self.rate_window.0) >= Duration::from_secs(1) {
                self.rate_window = (now, 0);
            }
            self.rate_window.1 += 1;
            if self.rate_window.1 > max {
                log::info!(
                    "session {}: over {max} messages/s: error 100, disconnecting",
                    self.conn_id
                );
                self.write_error(NO_VALID_ID, MAX_RATE_EXCEEDED.code, MAX_RATE_EXCEEDED.msg);
                self.flush()?;
                let _ = self.stream.shutdown(Shutdown::Both);
                return Ok(false);
            }
        }
        let header = match MessageHeader::parse(self.sv, payload) {
            Ok(h) => h,
            Err(e) => {
                log::warn!("session {}: bad message id: {e}", self.conn_id);
                return Ok(true);
            }
        };
        let body = payload.get(header.body_start..).unwrap_or_default();
        let go_on = self.handle_request(header, body)?;
        if self.shared.config.record_requests {
            if let Some(client_id) = self.client_id {
                self.shared.recorded.lock().push(RecordedRequest {
                    client_id,
                    server_version: self.sv,
                    msg_id: header.id,
                    protobuf: header.protobuf,
                    body: body.to_vec(),
                });
            }
        }
        Ok(go_on)
    }

    /// Answers one request; `false` ends the session.
    fn handle_request(&mut self, header: MessageHeader, body: &[u8]) -> io::Result<bool> {
        if self.client_id.is_none() && header.id != outgoing::START_API {
            log::debug!(
                "session {}: request {} before startApi ignored",
                self.conn_id,
                header.id
            );
            return Ok(true);
        }
        let request = match Request::decode(self.sv, header, body) {
            Ok(Some(request)) => request,
            Ok(None) => {
                self.not_simulated(header.id);
                return Ok(true);
            }
            Err(e) => {
                // TWS answers a request it cannot read with error 320,
                // under the request's id when that can be read.
                let id = Request::id_of_undecodable(self.sv, header, body).unwrap_or(NO_VALID_ID);
                log::warn!(
                    "session {}: request {} ({}) does not decode: {e}; error 320 under id {id}",
                    self.conn_id,
                    header.id,
                    outgoing::name(header.id).unwrap_or("?")
                );
                self.send_error(id, SERVER_API_ERROR.code, SERVER_API_ERROR.msg);
                return Ok(true);
            }
        };
        // Every request of the id table reaches the domain that answers it:
        // each domain matches its own requests exhaustively.
        match request {
            Request::ConnectionRequest(r) => return Ok(super::connection::handle(self, r)),
            Request::MarketDataRequest(r) => super::market_data::handle(self, r),
            Request::ContractsRequest(r) => super::contracts::handle(self, r),
            Request::HistoricalRequest(r) => super::historical::handle(self, r),
            Request::OrdersRequest(r) => super::orders::handle(self, r),
            Request::AccountRequest(r) => super::account::handle(self, r),
            Request::ScannerRequest(r) => super::scanner::handle(self, r),
            Request::NewsRequest(r) => super::news::handle(self, r),
            Request::FundamentalsRequest(r) => super::fundamentals::handle(self, r),
            Request::DisplayGroupsRequest(r) => super::display_groups::handle(self, r),
        }
        Ok(true)
    }

    /// Registers the client id; `false` when it is taken (after sending 326).
    pub(super) fn start_api(&mut self, client_id: i32) -> bool {
        if self.client_id.is_some() {
            return true;
        }
        {
            let mut ids = self.shared.client_ids.lock();
            if ids.contains_key(&client_id) {
                drop(ids);
                log::info!(
                    "session {}: client id {client_id} already in use",
                    self.conn_id
                );
                self.send_error(NO_VALID_ID, CLIENT_ID_IN_USE.code, CLIENT_ID_IN_USE.msg);
                let _ = self.flush();
                return false;
            }
            ids.insert(client_id, self.conn_id);
        }
        self.client_id = Some(client_id);
        self.next_order_id = self.shared.reserve_order_ids();
        let accounts_list = self.shared.config.accounts.join(",");
        self.send(&ManagedAccounts { accounts_list });
        let order_id = self.next_order_id;
        if self.shared.config.send_next_valid_id {
            self.send(&NextValidId { order_id });
        }
        if self.shared.config.farm_notices {
            let farms = if self.shared.config.broken_farm {
                [
                    (MARKET_DATA_FARM_BROKEN, "usfarm"),
                    (HMDS_DATA_FARM_BROKEN, "ushmds"),
                    (SEC_DEF_DATA_FARM_BROKEN, "secdefnj"),
                ]
            } else {
                [
                    (MARKET_DATA_FARM_OK, "usfarm"),
                    (HMDS_DATA_FARM_OK, "ushmds"),
                    (SEC_DEF_DATA_FARM_OK, "secdefnj"),
                ]
            };
            for (code, farm) in farms {
                self.send_error(NO_VALID_ID, code.code, &format!("{}{farm}", code.msg));
            }
        }
        true
    }
}

/// Sets `SO_LINGER` to zero on `stream`, so that closing its last handle
/// aborts the connection with an RST instead of a FIN; `false` where it cannot.
///
/// std offers this only on nightly (`TcpStream::set_linger`), so on Unix this
/// calls `setsockopt` through `libc` (a dependency of the crate on Unix).
#[cfg(unix)]
fn set_linger_zero(stream: &TcpStream) -> bool {
    use std::os::fd::AsRawFd;

    let linger = libc::linger {
        l_onoff: 1,
        l_linger: 0,
    };
    // SAFETY: the descriptor is an open socket, owned by `stream` for the whole
    // call; `value` points to a live `struct linger` whose size is `len`, and
    // setsockopt only reads it.
    let rc = unsafe {
        libc::setsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_LINGER,
            (&linger as *const libc::linger).cast::<libc::c_void>(),
            std::mem::size_of::<libc::linger>() as libc::socklen_t,
        )
    };
    if rc != 0 {
        log::warn!(
            "setsockopt(SO_LINGER) failed: {}",
            io::Error::last_os_error()
        );
    }
    rc == 0
}

/// Elsewhere `SO_LINGER` is not set: [`Fault::Reset`] closes with a FIN.
#[cfg(not(unix))]
fn set_linger_zero(_stream: &TcpStream) -> bool {
    false
}
