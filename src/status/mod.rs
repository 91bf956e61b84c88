//! The auto-connect document's status service: an HTTP server that reports an
//! [`IBClient`]'s connection, connects and disconnects it on request, and
//! serves a dashboard page. The `tws-status` program runs it; see
//! `docs/service.md`.
//!
//! | request | answer |
//! |---|---|
//! | `GET /api/ibkr/status` | the [`StatusReport`] as JSON |
//! | `POST /api/ibkr/connect` | connects (JSON body with optional `host`, `port`, `client_id`); 200 with the status, or a non-200 [`ConnectFailure`] with the cause and the fix |
//! | `POST /api/ibkr/disconnect` | disconnects; 200 with the status |
//! | `GET /` | the dashboard page (self-contained HTML) |
//!
//! Requests are served by a pool of threads ([`ServerOptions::workers`]), so a
//! connect that takes seconds never holds up a status read; connects and
//! disconnects take turns (a second connect while one is under way gets 409).
//!
//! ```no_run
//! use std::sync::Arc;
//! use tws_api::status::{ServerOptions, Service, StatusServer};
//! use tws_api::{IBClient, IBConfig};
//!
//! let service = Arc::new(Service::new(Arc::new(IBClient::new()), IBConfig::from_env()?));
//! service.auto_connect(); // logs and goes on if it fails
//! let server = StatusServer::serve("127.0.0.1:9101", service, ServerOptions::default())?;
//! println!("dashboard on http://{}/", server.addr());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod http;

pub use http::{ServerOptions, StatusServer, MAX_BODY};

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use parking_lot::Mutex;
use serde::{Deserialize, Serialize};

use crate::config::{IBConfig, MAX_CLIENT_ID};
use crate::errors::Error;
use crate::IBClient;

/// What `GET /api/ibkr/status` answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusReport {
    /// Connected and ready (`next_valid_id` has arrived).
    pub connected: bool,
    /// The API client is present and usable (always `true` here; the
    /// document's dashboard reports whether its IB library could be loaded).
    pub available: bool,
    /// `connected`, `connecting`, `reconnecting` or `disconnected`.
    pub state: &'static str,
    /// Host of the connection (or of the next one).
    pub host: String,
    /// Port of the connection (or of the next one).
    pub port: u16,
    /// Client id of the connection (or of the next one).
    pub client_id: i32,
    /// Server version negotiated by the last handshake; `None` before any.
    pub server_version: Option<i32>,
    /// When the current connection was made (UTC, ISO 8601); `None` when not connected.
    pub connected_since: Option<String>,
    /// Successful reconnects by the supervisor.
    pub reconnects: u64,
    /// Reconnect attempts begun by the supervisor (successful or not).
    pub reconnect_attempts: u64,
    /// The attempt under way, when reconnecting.
    pub reconnect_attempt: Option<u32>,
    /// Why the supervisor gave up, if it did.
    pub gave_up: Option<String>,
    /// The last error (not a notice) TWS or the client reported.
    pub last_error: Option<LastError>,
    /// TWS's connection to IB (1100/1101/1102): `connected`, `lost`,
    /// `restored-data-lost` or `restored-data-kept`.
    pub connectivity: String,
    /// Each data farm's last state (`ok`, `broken`, `inactive`) by name.
    pub farms: std::collections::BTreeMap<String, String>,
    /// The accounts of `managed_accounts`.
    pub managed_accounts: Vec<String>,
    /// `IBKR_AUTO_CONNECT` as the service read it.
    pub auto_connect: bool,
    /// Counters of the client.
    pub metrics: StatusMetrics,
    /// Send → first answer and send → end per kind of request (ms).
    pub request_latencies: Vec<StatusLatency>,
    /// The latest alerts (at most [`MAX_STATUS_ALERTS`], oldest first): lost
    /// and restored connections, heartbeats missed, a queue over its limit,
    /// a supervisor that gave up — as `ClientPool` raises them.
    pub alerts: Vec<StatusAlert>,
}

/// How many alerts the [`StatusReport`] keeps.
pub const MAX_STATUS_ALERTS: usize = 20;

/// One kind of request's latency in the [`StatusReport`], in milliseconds
/// over the latest samples (see `EClient::request_latencies`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusLatency {
    /// The official request name.
    pub request: &'static str,
    /// Requests answered so far.
    pub count: u64,
    /// Send → first answer, median.
    pub first_answer_p50_ms: f64,
    /// Send → first answer, 99th percentile.
    pub first_answer_p99_ms: f64,
    /// Send → end, median (one-shot requests).
    pub end_p50_ms: Option<f64>,
    /// Send → end, 99th percentile (one-shot requests).
    pub end_p99_ms: Option<f64>,
}

/// An alert in the [`StatusReport`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusAlert {
    /// When it was noticed (UTC, ISO 8601).
    pub time: String,
    /// `ConnectionLost`, `ConnectionRestored`, `HeartbeatMissed`,
    /// `QueueOverLimit` or `ReconnectGaveUp`.
    pub kind: String,
    /// What happened and what to do.
    pub advice: String,
}

/// An error in the [`StatusReport`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LastError {
    /// The official code (502, 326, 1100, …).
    pub code: i32,
    /// Its text.
    pub text: String,
}

/// The client's counters in the [`StatusReport`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StatusMetrics {
    /// Messages (frames) received.
    pub messages_in: u64,
    /// Messages (frames) sent.
    pub messages_out: u64,
    /// Messages received but not yet dispatched.
    pub queue_depth: u64,
    /// Bytes received.
    pub bytes_in: u64,
    /// Bytes sent.
    pub bytes_out: u64,
}

/// The body of `POST /api/ibkr/connect`: each field overrides the service's
/// configured target.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConnectRequest {
    /// Host of TWS / IB Gateway.
    pub host: Option<String>,
    /// Its API port.
    pub port: Option<u16>,
    /// Client id, 0–31.
    pub client_id: Option<i32>,
}

/// Why a connect failed, as `POST /api/ibkr/connect` answers it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConnectFailure {
    /// The HTTP status: 400 (bad settings), 409 (client id in use, or a
    /// connect under way), 502 (TWS unreachable or refusing), 504 (TWS silent).
    #[serde(skip)]
    pub http_status: u16,
    /// The official error code where there is one (502, 326, …), else -1.
    pub code: i32,
    /// A one-line summary.
    pub error: String,
    /// What went wrong, as found.
    pub cause: String,
    /// What to do about it.
    pub fix: String,
    /// The status after the attempt.
    pub status: Option<Box<StatusReport>>,
}

/// How the service connects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceOptions {
    /// How long a connect waits for the TCP connection and for the handshake
    /// answer (the client's connect timeout).
    pub connect_timeout: Duration,
    /// How long a connect waits for `next_valid_id` after the handshake.
    pub ready_timeout: Duration,
    /// When an auto-connect at start-up fails, let the supervisor keep trying
    /// in the background (with the client's reconnect policy).
    pub retry_failed_auto_connect: bool,
}

impl Default for ServiceOptions {
    /// 5 s for the handshake, 10 s for `next_valid_id`, retry a failed auto-connect.
    fn default() -> Self {
        ServiceOptions {
            connect_timeout: Duration::from_secs(5),
            ready_timeout: crate::client::READY_TIMEOUT,
            retry_failed_auto_connect: true,
        }
    }
}

/// The connection the service manages: an [`IBClient`], where it connects,
/// and one lock that makes connects and disconnects take turns. Status reads
/// take no lock that a connect holds.
#[derive(Debug)]
pub struct Service {
    client: Arc<IBClient>,
    target: Mutex<IBConfig>,
    control: Mutex<()>,
    connecting: AtomicBool,
    auto_connect: AtomicBool,
    options: ServiceOptions,
    /// The connection under watch for alerts (looked at on each status read).
    watch: Mutex<crate::client::pool::Watch>,
    alerts: Mutex<std::collections::VecDeque<StatusAlert>>,
}

impl Service {
    /// A service for `client` that connects to `target` by default. Set the
    /// client's reconnect policy and heartbeat before connecting.
    pub fn new(client: Arc<IBClient>, target: IBConfig) -> Service {
        Service::with_options(client, target, ServiceOptions::default())
    }

    /// [`Service::new`] with options.
    pub fn with_options(client: Arc<IBClient>, target: IBConfig, options: ServiceOptions) -> Self {
        client.set_connect_timeout(options.connect_timeout);
        Service {
            client,
            target: Mutex::new(target),
            control: Mutex::new(()),
            connecting: AtomicBool::new(false),
            auto_connect: AtomicBool::new(false),
            options,
            watch: Mutex::new(Default::default()),
            alerts: Mutex::new(std::collections::VecDeque::new()),
        }
    }

    /// The client.
    pub fn client(&self) -> &Arc<IBClient> {
        &self.client
    }

    /// The start-up step of the auto-connect document: when `enabled`
    /// (`IBKR_AUTO_CONNECT`), connects to the target and logs the document's
    /// lines. A failure is logged with its cause and fix and does not stop
    /// anything; with [`ServiceOptions::retry_failed_auto_connect`] the
    /// supervisor keeps trying in the background.
    pub fn auto_connect_if(&self, enabled: bool) -> Option<Result<StatusReport, ConnectFailure>> {
        self.auto_connect.store(enabled, Ordering::SeqCst);
        if !enabled {
            log::info!("IBKR auto-connect disabled (set IBKR_AUTO_CONNECT=true in .env to enable)");
            return None;
        }
        let target = self.target.lock().clone();
        log::info!(
            "Attempting to auto-connect to IBKR at {}:{}...",
            target.host,
            target.port
        );
        let result = self.connect(&ConnectRequest::default());
        match &result {
            Ok(_) => log::info!(
                "✓ Auto-connected to IBKR successfully on port {}",
                target.port
            ),
            Err(f) => {
                log::warn!("✗ Auto-connect to IBKR failed: {} — {}", f.cause, f.fix);
                // Bad settings and a client id in use do not mend by waiting.
                let retry = self.options.retry_failed_auto_connect
                    && f.http_status != 400
                    && f.code != crate::errors::CLIENT_ID_IN_USE.code;
                if retry {
                    let _guard = self.control.lock();
                    // A failed connect leaves the target set: the supervisor
                    // (when a reconnect policy is set) retries it with backoff.
                    let _ = self.client.connect_config(&target);
                    self.client.start();
                    log::info!("Retrying in the background; you can also connect via the UI or /api/ibkr/connect");
                } else {
                    log::info!("You can manually connect via the UI or /api/ibkr/connect endpoint");
                }
            }
        }
        Some(result)
    }

    /// [`auto_connect_if`](Service::auto_connect_if) with `IBKR_AUTO_CONNECT`
    /// read from the environment and `.env`.
    pub fn auto_connect(&self) -> Option<Result<StatusReport, ConnectFailure>> {
        let enabled = crate::config::env_then_dotenv()
            .and_then(crate::config::auto_connect_from_vars)
            .unwrap_or_else(|e| {
                log::warn!("✗ Auto-connect to IBKR failed: {e}");
                false
            });
        self.auto_connect_if(enabled)
    }

    /// Connects to the target, with the request's fields overriding it, and
    /// waits for `next_valid_id`. Already connected and ready there: answers
    /// at once. Connected elsewhere, or reconnecting: disconnects first.
    pub fn connect(&self, req: &ConnectRequest) -> Result<StatusReport, ConnectFailure> {
        let mut config = self.target.lock().clone();
        if let Some(h) = &req.host {
            let h = h.trim();
            if h.is_empty() || !h.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(self.failure(
                    400,
                    -1,
                    "bad host",
                    format!("host {h:?} is not a host name or address"),
                    "give a host name or an IP address, e.g. 127.0.0.1".into(),
                ));
            }
            config.host = h.to_owned();
        }
        if let Some(p) = req.port {
            if p == 0 {
                return Err(self.failure(
                    400,
                    -1,
                    "bad port",
                    "port 0 is not a port".into(),
                    PORT_TABLE.into(),
                ));
            }
            config.port = p;
        }
        if let Some(id) = req.client_id {
            if !(0..=MAX_CLIENT_ID).contains(&id) {
                return Err(self.failure(
                    400,
                    -1,
                    "bad client id",
                    format!("client id {id} is outside 0-{MAX_CLIENT_ID}"),
                    format!(
                        "use a whole number from 0 to {MAX_CLIENT_ID}, unique per TWS instance"
                    ),
                ));
            }
            config.client_id = id;
        }
        let Some(_guard) = self.control.try_lock() else {
            return Err(self.failure(
                409,
                -1,
                "busy",
                "another connect or disconnect is under way".into(),
                "wait for it to finish (GET /api/ibkr/status shows its outcome) and try again"
                    .into(),
            ));
        };
        let same = *self.target.lock() == config;
        if same && self.is_ready() {
            return Ok(self.status());
        }
        self.connecting.store(true, Ordering::SeqCst);
        struct Clear<'a>(&'a AtomicBool);
        impl Drop for Clear<'_> {
            fn drop(&mut self) {
                self.0.store(false, Ordering::SeqCst);
            }
        }
        let _clear = Clear(&self.connecting);
        // Stop whatever runs: a connection elsewhere, or a supervisor retrying.
        self.client.disconnect();
        // A disconnect asked for is no alert: watch the new connection afresh.
        *self.watch.lock() = Default::default();
        *self.target.lock() = config.clone();
        log::info!("connecting to {config}");
        let result = self
            .client
            .connect_config(&config)
            .and_then(|()| {
                self.client.start();
                self.wait_ready()
            })
            .map_err(|e| {
                self.client.disconnect();
                self.explain(&config, e)
            });
        match result {
            Ok(()) => {
                log::info!("✓ Connected to IBKR on port {}", config.port);
                Ok(self.status())
            }
            Err(f) => {
                log::warn!("connect to {config} failed: {}", f.cause);
                Err(f)
            }
        }
    }

    /// Disconnects (and stops the supervisor). Waits for a connect under way
    /// to end first, up to its timeouts.
    pub fn disconnect(&self) -> Result<StatusReport, ConnectFailure> {
        let wait =
            self.options.connect_timeout + self.options.ready_timeout + Duration::from_secs(1);
        let Some(_guard) = self.control.try_lock_for(wait) else {
            return Err(self.failure(
                409,
                -1,
                "busy",
                "a connect is still under way".into(),
                "try again in a few seconds".into(),
            ));
        };
        self.client.disconnect();
        *self.watch.lock() = Default::default();
        log::info!("disconnected");
        Ok(self.status())
    }

    fn is_ready(&self) -> bool {
        self.client.is_ready()
    }

    /// Waits for `next_valid_id`; fails early when TWS refuses the client id
    /// or closes the connection before it is ready.
    fn wait_ready(&self) -> Result<(), Error> {
        let deadline = Instant::now() + self.options.ready_timeout;
        loop {
            if self
                .client
                .connected_event()
                .wait(Duration::from_millis(25))
            {
                return Ok(());
            }
            if self.client.client_id_in_use() {
                return Err(Error::Timeout("client id in use"));
            }
            if !self.client.is_running() || self.client.reconnect_attempt().is_some() {
                return Err(Error::ConnectFailed {
                    addr: String::new(),
                    source: io::Error::new(
                        io::ErrorKind::ConnectionAborted,
                        "the connection ended before it was ready",
                    ),
                });
            }
            if Instant::now() >= deadline {
                return Err(Error::Timeout("nextValidId"));
            }
        }
    }

    fn failure(
        &self,
        http_status: u16,
        code: i32,
        error: &str,
        cause: String,
        fix: String,
    ) -> ConnectFailure {
        ConnectFailure {
            http_status,
            code,
            error: error.to_owned(),
            cause,
            fix,
            status: Some(Box::new(self.status())),
        }
    }

    /// The cause and the fix of a failed connect.
    fn explain(&self, config: &IBConfig, e: Error) -> ConnectFailure {
        let at = format!("{}:{}", config.host, config.port);
        if self.client.client_id_in_use() {
            return self.failure(
                409,
                crate::errors::CLIENT_ID_IN_USE.code,
                "client id in use",
                format!("TWS at {at} refused client id {} (326): another connection uses it", config.client_id),
                format!(
                    "connect with another client id (0-{MAX_CLIENT_ID}); `tws-doctor --host {} --port {} --client-id {}` finds a free one",
                    config.host, config.port, config.client_id
                ),
            );
        }
        match e {
            Error::ConnectFailed { source, .. } => match source.kind() {
                io::ErrorKind::ConnectionRefused => self.failure(
                    502,
                    502,
                    "connection refused",
                    format!("nothing listens on {at} (connection refused)"),
                    format!("start TWS or IB Gateway and log in, and check the port. {PORT_TABLE}"),
                ),
                io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => self.failure(
                    504,
                    502,
                    "no answer",
                    format!(
                        "{at} did not answer the API handshake within {:?}",
                        self.options.connect_timeout
                    ),
                    HELLO_SILENCE_FIX.into(),
                ),
                io::ErrorKind::ConnectionAborted => self.failure(
                    502,
                    502,
                    "connection closed",
                    format!("TWS at {at} closed the connection right after the handshake, before it was ready"),
                    CLOSED_FIX.into(),
                ),
                _ => self.failure(
                    502,
                    502,
                    "connect failed",
                    format!("could not connect to {at}: {source}"),
                    format!(
                        "check that the host resolves and TWS / IB Gateway runs there with the API enabled. {PORT_TABLE}"
                    ),
                ),
            },
            Error::UnsupportedServerVersion { version } => self.failure(
                502,
                e.code(),
                "unsupported server version",
                format!("TWS at {at} speaks API version {version}, outside the {}-{} this client speaks",
                    crate::server_versions::MIN_CLIENT_VER, crate::server_versions::MAX_CLIENT_VER),
                "update TWS / IB Gateway (or this client) so that their API versions overlap".into(),
            ),
            Error::Timeout(_) => self.failure(
                504,
                -1,
                "not ready",
                format!(
                    "connected to {at}, but TWS did not send nextValidId within {:?}",
                    self.options.ready_timeout
                ),
                NOT_READY_FIX.into(),
            ),
            Error::Config(c) => self.failure(400, -1, "bad settings", c, "fix the setting named above".into()),
            other => self.failure(502, other.code(), "connect failed", other.to_string(), PORT_TABLE.into()),
        }
    }

    /// The connection's metrics in the Prometheus text format (what
    /// `GET /metrics` serves; names and units in docs/service.md).
    pub fn metrics_text(&self) -> String {
        crate::client::prometheus_text(&[crate::client::ConnectionHealth::of(
            "service",
            &self.client,
        )])
    }

    /// The current status. Reads only atomics and short-held locks: never
    /// waits for a connect under way.
    pub fn status(&self) -> StatusReport {
        let c = &self.client;
        let target = self.target.lock().clone();
        let connected = self.is_ready();
        let socket_up = c.is_connected();
        let reconnect_attempt = c.reconnect_attempt();
        let state = if connected {
            "connected"
        } else if self.connecting.load(Ordering::SeqCst) {
            "connecting"
        } else if reconnect_attempt.is_some() || (c.is_running() && !socket_up) {
            "reconnecting"
        } else if socket_up {
            "connecting"
        } else {
            "disconnected"
        };
        let m = c.metrics();
        let sv = c.server_version();
        let alerts = {
            let mut watch = self.watch.lock();
            let mut kept = self.alerts.lock();
            let name = "the service's connection";
            let now = iso8601_ms(crate::clock::now_millis().max(0) as u64);
            for (kind, advice) in watch.look(name, target.client_id, c, 0.8) {
                if kept.len() == MAX_STATUS_ALERTS {
                    kept.pop_front();
                }
                kept.push_back(StatusAlert {
                    time: now.clone(),
                    kind: format!("{kind:?}"),
                    advice,
                });
            }
            kept.iter().cloned().collect()
        };
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
        let request_latencies = c
            .request_latencies()
            .into_iter()
            .map(|l| StatusLatency {
                request: l.request,
                count: l.first_answer.count,
                first_answer_p50_ms: ms(l.first_answer.p50),
                first_answer_p99_ms: ms(l.first_answer.p99),
                end_p50_ms: l.end.map(|e| ms(e.p50)),
                end_p99_ms: l.end.map(|e| ms(e.p99)),
            })
            .collect();
        StatusReport {
            connected,
            available: true,
            state,
            host: target.host,
            port: target.port,
            client_id: target.client_id,
            server_version: (sv > 0).then_some(sv),
            connected_since: (socket_up && m.connected_since_ms > 0)
                .then(|| iso8601_ms(m.connected_since_ms)),
            reconnects: c.reconnects(),
            reconnect_attempts: c.reconnect_attempts(),
            reconnect_attempt,
            gave_up: c.gave_up(),
            last_error: c
                .last_failure()
                .map(|(_, code, text)| LastError { code, text }),
            connectivity: c.connectivity().as_str().to_owned(),
            farms: c
                .farms()
                .into_iter()
                .map(|(name, st)| (name, st.as_str().to_owned()))
                .collect(),
            managed_accounts: if socket_up {
                c.managed_accounts()
            } else {
                Vec::new()
            },
            auto_connect: self.auto_connect.load(Ordering::SeqCst),
            metrics: StatusMetrics {
                messages_in: m.frames_in,
                messages_out: m.frames_out,
                queue_depth: m.frames_queued,
                bytes_in: m.bytes_in,
                bytes_out: m.bytes_out,
            },
            request_latencies,
            alerts,
        }
    }
}

/// The four standard ports, for fixes.
pub const PORT_TABLE: &str =
    "TWS listens on 7497 (paper) or 7496 (live), IB Gateway on 4002 (paper) or 4001 (live); \
     the port is set in TWS under Edit > Global Configuration > API > Settings > Socket port.";

/// The fix for a TWS that accepts the TCP connection but never answers the hello.
pub const HELLO_SILENCE_FIX: &str = "in TWS: Edit > Global Configuration > API > Settings: check \"Enable ActiveX and Socket Clients\"; \
     add this machine's address to Trusted IPs (or connect from localhost); and close any dialog \
     open in TWS (it waits for it before answering).";

/// The fix for a connection TWS closes right after the handshake.
pub const CLOSED_FIX: &str = "another client may use this client id, or TWS rejected the connection: check Trusted IPs and \
     \"Allow connections from localhost only\" in the API settings, and TWS's log (Help > Log Viewer).";

/// The fix for a connection that never becomes ready.
pub const NOT_READY_FIX: &str = "log in to TWS / IB Gateway completely and close any dialog it shows (it waits for them before \
     it sends nextValidId); an expired session or an outdated TWS can do this too.";

/// Milliseconds since the epoch as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
///
/// ```
/// assert_eq!(tws_api::status::iso8601_ms(0), "1970-01-01T00:00:00.000Z");
/// assert_eq!(tws_api::status::iso8601_ms(1_700_000_000_123), "2023-11-14T22:13:20.123Z");
/// ```
pub fn iso8601_ms(ms: u64) -> String {
    let secs = ms / 1000;
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        ms % 1000
    )
}
