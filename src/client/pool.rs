//! Many strategies, one TWS: a pool of supervised clients with distinct
//! client ids, their health in numbers, and alerts.
//!
//! The connection guide lists "a connection pool for multiple strategies",
//! "heartbeat monitoring with alerts" and "metrics of connection uptime and
//! message latency" as enhancements; [`ClientPool`] is all three. Each
//! strategy gets its own [`IBClient`] (its own socket, reader thread and
//! message loop: nothing mutable is shared between strategies), connected
//! with the next free client id of the pool's range, reconnected with the
//! supervisor's backoff and resubscription when its connection drops, and
//! its id returned to the pool when the strategy lets go of it.
//!
//! ```no_run
//! use tws_api::client::{ClientPool, PoolConfig};
//!
//! let pool = ClientPool::new(PoolConfig::new("127.0.0.1", 7497));
//! pool.on_alert(|a| eprintln!("[{:?}] client {}: {}", a.kind, a.client_id, a.advice));
//! let momentum = pool.acquire("momentum")?; // an IBClient, connected and running
//! momentum.req_current_time()?;
//! for c in pool.health().connections {
//!     println!("{} (client {}): up {:?}, {} reconnects", c.strategy, c.client_id, c.uptime, c.reconnects);
//! }
//! drop(momentum); // disconnects; the id is free again
//! # Ok::<(), tws_api::Error>(())
//! ```
//!
//! Orders across clients, as TWS defines it: an order belongs to the client
//! id that placed it. Each client sees the status of its own orders; client
//! 0 also sees orders placed in TWS itself, and the *master client id* set
//! in TWS (Configure → API → Settings) sees the orders of every client.
//! `reqOpenOrders` lists the caller's orders, `reqAllOpenOrders` everyone's
//! (without binding them), `reqAutoOpenOrders(true)` on client 0 binds TWS's
//! orders to it. Order ids are per client too: each connection gets its own
//! `nextValidId`, and an id once used by one client is refused for that
//! client (103), so every strategy takes ids from its own client
//! ([`IBClient::take_order_id`]). See docs/connection.md, "A pool of
//! clients".

use std::collections::BTreeMap;
use std::ops::{Deref, RangeInclusive};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Weak};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use parking_lot::Mutex;

use super::{Event, Heartbeat, IBClient, MetricsSnapshot, ReconnectPolicy, RequestLatency};
use crate::config::IBConfig;
use crate::errors::Error;
use crate::EWrapper;

/// Where the pool connects and how it keeps its clients up.
#[derive(Debug, Clone)]
pub struct PoolConfig {
    /// TWS / IB Gateway host.
    pub host: String,
    /// Its API port.
    pub port: u16,
    /// The client ids the pool may use, taken lowest first (TWS allows
    /// 0–31 at once; default `0..=31`).
    pub client_ids: RangeInclusive<i32>,
    /// How each client reconnects when its connection drops.
    pub reconnect: ReconnectPolicy,
    /// Resubscribe the interrupted subscriptions after a reconnect (default
    /// on; see [`IBClient::set_resubscribe`]).
    pub resubscribe: bool,
    /// A heartbeat per client (default: every 30 s, 10 s to answer).
    pub heartbeat: Option<Heartbeat>,
    /// How long a connection may take to be ready (`nextValidId`).
    pub connect_timeout: Duration,
    /// How often the monitor looks at every connection (alerts and rates).
    pub monitor_interval: Duration,
    /// A connection whose unprocessed bytes exceed this fraction of its
    /// queue limit raises [`AlertKind::QueueOverLimit`] (default 0.8).
    pub queue_alert_fraction: f64,
}

impl PoolConfig {
    /// Defaults for `host:port`.
    pub fn new(host: &str, port: u16) -> PoolConfig {
        PoolConfig {
            host: host.to_owned(),
            port,
            client_ids: 0..=31,
            reconnect: ReconnectPolicy::default(),
            resubscribe: true,
            heartbeat: Some(Heartbeat::default()),
            connect_timeout: Duration::from_secs(10),
            monitor_interval: Duration::from_millis(250),
            queue_alert_fraction: 0.8,
        }
    }

    /// Defaults for the host and port of `config` (IB_HOST / IB_PORT); the
    /// range of ids starts at its client id.
    pub fn from_ib_config(config: &IBConfig) -> PoolConfig {
        PoolConfig {
            client_ids: config.client_id..=config.client_id.max(31),
            ..PoolConfig::new(&config.host, config.port)
        }
    }
}

/// What an alert is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AlertKind {
    /// A strategy's connection dropped (the supervisor is reconnecting it).
    ConnectionLost,
    /// It is back (resubscribed when that is on).
    ConnectionRestored,
    /// A heartbeat got no answer in time; the connection was closed as dead.
    HeartbeatMissed,
    /// Unprocessed data passed the alert fraction of the queue limit: the
    /// strategy's callbacks are slower than its feed.
    QueueOverLimit,
    /// The supervisor gave up reconnecting.
    ReconnectGaveUp,
    /// Every client id of the range is in use (326 on each one tried).
    ClientIdsExhausted,
    /// TWS reported a data farm broken (2103 market data, 2105 historical
    /// data, 2157 security definitions): its data stops until TWS reports
    /// it OK again.
    FarmBroken,
}

/// One alert: which connection, what happened, and what to do.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    /// What happened.
    pub kind: AlertKind,
    /// The strategy's name (empty for [`AlertKind::ClientIdsExhausted`]).
    pub strategy: String,
    /// The client id (-1 for [`AlertKind::ClientIdsExhausted`]).
    pub client_id: i32,
    /// A sentence saying what happened and what to do.
    pub advice: String,
}

/// One connection's health.
#[derive(Debug, Clone, PartialEq)]
pub struct ConnectionHealth {
    /// The strategy that holds it.
    pub strategy: String,
    /// Its client id.
    pub client_id: i32,
    /// Whether its connection is up now.
    pub connected: bool,
    /// Since when the current connection is up (`None` while down).
    pub uptime: Option<Duration>,
    /// Since the strategy got it.
    pub held_for: Duration,
    /// Successful reconnects.
    pub reconnects: u64,
    /// The last heartbeat's round trip.
    pub heartbeat_rtt: Option<Duration>,
    /// Heartbeats missed.
    pub heartbeats_missed: u64,
    /// Frames received per second, over the monitor's last interval.
    pub messages_in_per_sec: f64,
    /// Frames sent per second, over the monitor's last interval.
    pub messages_out_per_sec: f64,
    /// The connection's counters and queues.
    pub metrics: MetricsSnapshot,
    /// Send → first answer and send → end, per kind of request.
    pub latencies: Vec<RequestLatency>,
}

impl ConnectionHealth {
    /// The health of `client`, held by `strategy` (no rates: those come
    /// from the pool's monitor, which looks at its connections regularly).
    pub fn of(strategy: &str, client: &IBClient) -> ConnectionHealth {
        let metrics = client.metrics();
        let connected = client.is_ready();
        let now_ms = crate::clock::now_millis().max(0) as u64;
        ConnectionHealth {
            strategy: strategy.to_owned(),
            client_id: client.client_id(),
            connected,
            uptime: (connected && metrics.connected_since_ms > 0)
                .then(|| Duration::from_millis(now_ms.saturating_sub(metrics.connected_since_ms))),
            held_for: Duration::ZERO,
            reconnects: client.reconnects(),
            heartbeat_rtt: client.heartbeat_rtt(),
            heartbeats_missed: client.heartbeats_missed(),
            messages_in_per_sec: 0.0,
            messages_out_per_sec: 0.0,
            metrics,
            latencies: client.request_latencies(),
        }
    }
}

/// The metrics of `connections` in the Prometheus text exposition format
/// (version 0.0.4), one sample per connection and metric, labelled with
/// `client_id` and `strategy`. The names and units are listed in
/// docs/service.md ("Metrics").
pub fn prometheus_text(connections: &[ConnectionHealth]) -> String {
    use std::fmt::Write as _;
    type Get = fn(&ConnectionHealth) -> f64;
    let metrics: [(&str, &str, &str, Get); 16] = [
        (
            "tws_connected",
            "gauge",
            "1 while the connection is up and ready",
            |c| f64::from(u8::from(c.connected)),
        ),
        (
            "tws_uptime_seconds",
            "gauge",
            "seconds since the current connection was made",
            |c| c.uptime.map_or(0.0, |u| u.as_secs_f64()),
        ),
        (
            "tws_reconnects_total",
            "counter",
            "reconnects made by the supervisor",
            |c| c.reconnects as f64,
        ),
        (
            "tws_messages_received_total",
            "counter",
            "frames received",
            |c| c.metrics.frames_in as f64,
        ),
        ("tws_messages_sent_total", "counter", "frames sent", |c| {
            c.metrics.frames_out as f64
        }),
        (
            "tws_messages_received_per_second",
            "gauge",
            "frames received per second over the last interval",
            |c| c.messages_in_per_sec,
        ),
        (
            "tws_messages_sent_per_second",
            "gauge",
            "frames sent per second over the last interval",
            |c| c.messages_out_per_sec,
        ),
        (
            "tws_received_bytes_total",
            "counter",
            "bytes read from the socket",
            |c| c.metrics.bytes_in as f64,
        ),
        (
            "tws_sent_bytes_total",
            "counter",
            "bytes written to the socket",
            |c| c.metrics.bytes_out as f64,
        ),
        (
            "tws_queued_bytes",
            "gauge",
            "bytes read and not yet dispatched",
            |c| c.metrics.bytes_queued as f64,
        ),
        (
            "tws_unread_bytes",
            "gauge",
            "bytes received by the system and not yet read",
            |c| c.metrics.bytes_unread as f64,
        ),
        (
            "tws_queue_limit_bytes",
            "gauge",
            "the back-pressure limit of the queue",
            |c| c.metrics.queue_limit as f64,
        ),
        (
            "tws_queued_frames",
            "gauge",
            "frames read and not yet dispatched",
            |c| c.metrics.frames_queued as f64,
        ),
        (
            "tws_requests_in_flight",
            "gauge",
            "requests sent and not yet ended",
            |c| c.metrics.requests_in_flight as f64,
        ),
        (
            "tws_heartbeat_rtt_seconds",
            "gauge",
            "round trip of the last answered heartbeat (0: none yet)",
            |c| c.heartbeat_rtt.map_or(0.0, |d| d.as_secs_f64()),
        ),
        (
            "tws_heartbeats_missed_total",
            "counter",
            "heartbeats without an answer in time",
            |c| c.heartbeats_missed as f64,
        ),
    ];
    let mut out = String::new();
    for (name, kind, help, get) in metrics {
        let _ = writeln!(out, "# HELP {name} {help}");
        let _ = writeln!(out, "# TYPE {name} {kind}");
        for c in connections {
            let _ = writeln!(
                out,
                "{name}{{client_id=\"{}\",strategy=\"{}\"}} {}",
                c.client_id,
                label_value(&c.strategy),
                get(c)
            );
        }
    }
    // The request latencies: a summary per measure, one series per kind of
    // request (quantiles over the latest samples; _sum and _count over all).
    type Pick = fn(&RequestLatency) -> Option<super::LatencyStats>;
    let summaries: [(&str, &str, Pick); 2] = [
        (
            "tws_request_first_answer_seconds",
            "send to the first answer, per kind of request",
            |l| Some(l.first_answer),
        ),
        (
            "tws_request_end_seconds",
            "send to the end of a one-shot request, per kind of request",
            |l| l.end,
        ),
    ];
    for (name, help, pick) in summaries {
        let _ = writeln!(out, "# HELP {name} {help}");
        let _ = writeln!(out, "# TYPE {name} summary");
        for c in connections {
            let labels = format!(
                "client_id=\"{}\",strategy=\"{}\"",
                c.client_id,
                label_value(&c.strategy)
            );
            for l in &c.latencies {
                let Some(st) = pick(l) else { continue };
                let labels = format!("{labels},request=\"{}\"", l.request);
                for (q, v) in [("0.5", st.p50), ("0.99", st.p99)] {
                    let _ = writeln!(
                        out,
                        "{name}{{{labels},quantile=\"{q}\"}} {}",
                        v.as_secs_f64()
                    );
                }
                let _ = writeln!(out, "{name}_sum{{{labels}}} {}", st.sum.as_secs_f64());
                let _ = writeln!(out, "{name}_count{{{labels}}} {}", st.count);
            }
        }
    }
    out
}

/// A label value escaped as the exposition format wants (`\\`, `\"`, `\n`).
fn label_value(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Every connection of the pool.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PoolHealth {
    /// One per strategy, by client id.
    pub connections: Vec<ConnectionHealth>,
    /// Alerts raised so far.
    pub alerts: u64,
}

type AlertHook = Arc<dyn Fn(&Alert) + Send + Sync>;

/// What the pool knows of one strategy's connection.
struct Entry {
    name: String,
    client: Weak<IBClient>,
    since: Instant,
    watch: Watch,
}

/// One connection under watch: its message rates and what changed since the
/// last look, as alerts. The pool's monitor looks at each of its
/// connections regularly; the status service at its one connection at every
/// status read.
#[derive(Debug, Default)]
pub(crate) struct Watch {
    /// The last look: (when, frames in, frames out).
    last: Option<(Instant, u64, u64)>,
    /// Frames in and out per second between the last two looks.
    pub(crate) rates: (f64, f64),
    /// Seen connected: only then can the connection be lost.
    seen_up: bool,
    /// Reported lost, not yet restored.
    down: bool,
    /// Reconnects at the last look.
    reconnects: u64,
    missed: u64,
    over_limit: bool,
    gave_up: bool,
    /// Error callbacks seen at the last look, to notice a new farm notice.
    errors_seen: u64,
}

impl Watch {
    /// Looks at `client` (held by `name` as client `id`): the alerts of what
    /// changed since the last look. `queue_fraction`: the share of the queue
    /// limit that counts as over it.
    pub(crate) fn look(
        &mut self,
        name: &str,
        id: i32,
        client: &IBClient,
        queue_fraction: f64,
    ) -> Vec<(AlertKind, String)> {
        let mut raised = Vec::new();
        let now = Instant::now();
        let m = client.metrics();
        // The first look takes the counters as they are: only changes after
        // it are alerts.
        if self.last.is_none() {
            self.reconnects = client.reconnects();
            self.missed = client.heartbeats_missed();
            self.gave_up = client.gave_up().is_some();
        }
        // A farm broken is a state: reported at the first look too. (Only
        // the last error is kept: a farm notice followed by another error
        // before the next look goes unseen.)
        let errors_seen = client.errors_seen();
        if errors_seen != self.errors_seen {
            self.errors_seen = errors_seen;
            if let Some((_, code, text)) = client.last_error().filter(|(_, code, _)| {
                crate::errors::farm_state(*code) == Some(crate::errors::FarmState::Broken)
            }) {
                raised.push((AlertKind::FarmBroken,
                    format!("{name}: TWS reports a data farm broken ({code}: {text}, client {id}); its data stops until TWS reports it OK: check TWS's own connection to IB")));
            }
        }
        if let Some((t, fin, fout)) = self.last {
            let dt = now.duration_since(t).as_secs_f64().max(1e-6);
            self.rates = (
                m.frames_in.saturating_sub(fin) as f64 / dt,
                m.frames_out.saturating_sub(fout) as f64 / dt,
            );
        }
        self.last = Some((now, m.frames_in, m.frames_out));
        let connected = client.is_ready();
        let reconnects = client.reconnects();
        // A reconnect quicker than the time between two looks shows only in
        // the count: it is reported as lost and restored too.
        let flapped = reconnects > self.reconnects;
        self.seen_up |= connected || flapped;
        if self.seen_up && !self.down && (!connected || flapped) {
            self.down = true;
            raised.push((AlertKind::ConnectionLost,
                format!("{name} lost its connection (client {id}); it reconnects with backoff and resubscribes: check TWS / IB Gateway and the network if it does not come back")));
        }
        if self.down && connected && (flapped || reconnects > 0) {
            self.down = false;
            raised.push((AlertKind::ConnectionRestored,
                format!("{name} is connected again (client {id}, {reconnects} reconnects); its subscriptions were sent again")));
        }
        self.reconnects = reconnects;
        let missed = client.heartbeats_missed();
        if missed > self.missed {
            raised.push((AlertKind::HeartbeatMissed,
                format!("{name}: TWS did not answer a heartbeat in time (client {id}); the connection was closed as dead and is being reconnected: check that TWS is responsive")));
        }
        self.missed = missed;
        let limit = m.queue_limit as f64 * queue_fraction;
        let waiting = m.bytes_queued + m.bytes_unread;
        let over = m.queue_limit > 0 && waiting as f64 > limit;
        if over && !self.over_limit {
            raised.push((AlertKind::QueueOverLimit,
                format!("{name}: {waiting} bytes wait to be processed (limit {}, client {id}); its callbacks are slower than its feed: do less in them or hand work to another thread", m.queue_limit)));
        }
        self.over_limit = over;
        let gave_up = client.gave_up();
        if let (Some(why), false) = (&gave_up, self.gave_up) {
            raised.push((
                AlertKind::ReconnectGaveUp,
                format!("{name}: reconnecting gave up ({why}); connect it again once TWS is back"),
            ));
        }
        self.gave_up = gave_up.is_some();
        raised
    }
}

struct Inner {
    config: PoolConfig,
    entries: Mutex<BTreeMap<i32, Entry>>,
    hooks: Mutex<Vec<AlertHook>>,
    alerts: std::sync::atomic::AtomicU64,
    stop: AtomicBool,
    stop_event: Event,
}

impl Inner {
    fn raise(&self, kind: AlertKind, strategy: &str, client_id: i32, advice: String) {
        let alert = Alert {
            kind,
            strategy: strategy.to_owned(),
            client_id,
            advice,
        };
        log::warn!("pool alert {kind:?} (client {client_id}): {}", alert.advice);
        self.alerts.fetch_add(1, Ordering::Relaxed);
        let hooks: Vec<AlertHook> = self.hooks.lock().clone();
        for hook in hooks {
            hook(&alert);
        }
    }

    /// One look at every connection: rates, and alerts on what changed.
    fn look(&self) {
        let mut raised = Vec::new();
        {
            let mut entries = self.entries.lock();
            for (&id, e) in entries.iter_mut() {
                let Some(client) = e.client.upgrade() else {
                    continue;
                };
                let what = format!("strategy {}", e.name);
                for (kind, advice) in
                    e.watch
                        .look(&what, id, &client, self.config.queue_alert_fraction)
                {
                    raised.push((kind, e.name.clone(), id, advice));
                }
            }
        }
        for (kind, name, id, advice) in raised {
            self.raise(kind, &name, id, advice);
        }
    }
}

/// A pool of supervised [`IBClient`]s with distinct client ids, one per
/// strategy: `acquire` a connected client for a strategy, read the pool's
/// `health()` (also as Prometheus text), be told of trouble with
/// `on_alert`. docs/connection.md ("A pool of clients for many
/// strategies") walks through it.
pub struct ClientPool {
    inner: Arc<Inner>,
    monitor: Mutex<Option<JoinHandle<()>>>,
}

impl std::fmt::Debug for ClientPool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientPool")
            .field("config", &self.inner.config)
            .field("strategies", &self.strategies())
            .finish_non_exhaustive()
    }
}

impl ClientPool {
    /// A pool for `config` (nothing connects until a strategy acquires a
    /// client).
    pub fn new(config: PoolConfig) -> ClientPool {
        ClientPool {
            inner: Arc::new(Inner {
                config,
                entries: Mutex::new(BTreeMap::new()),
                hooks: Mutex::new(Vec::new()),
                alerts: std::sync::atomic::AtomicU64::new(0),
                stop: AtomicBool::new(false),
                stop_event: Event::new(),
            }),
            monitor: Mutex::new(None),
        }
    }

    /// Calls `hook` for every alert, on the pool's monitor thread (or on the
    /// thread that called [`acquire`](Self::acquire), for
    /// [`AlertKind::ClientIdsExhausted`]). Keep it short.
    pub fn on_alert(&self, hook: impl Fn(&Alert) + Send + Sync + 'static) {
        self.inner.hooks.lock().push(Arc::new(hook));
    }

    /// A connected, running client for strategy `name`, whose callbacks only
    /// log; see [`acquire_with`](Self::acquire_with).
    pub fn acquire(&self, name: &str) -> Result<Strategy, Error> {
        self.acquire_with(name, super::ibclient::LogOnly)
    }

    /// A connected, running client for strategy `name`, with `wrapper` for
    /// its callbacks: connected with the lowest free client id of the range
    /// (one that TWS refuses with 326, in use by a client outside the pool,
    /// is skipped for the next), its message loop started, supervised
    /// (reconnect, resubscription and heartbeat as configured). The id goes
    /// back to the pool when the [`Strategy`] is dropped.
    ///
    /// Errors: [`Error::Config`] for a name already held;
    /// [`Error::Refused`] (326) when every id is in use (an
    /// [`AlertKind::ClientIdsExhausted`] alert too); the connect error when
    /// TWS cannot be reached; [`Error::Timeout`] when the connection is not
    /// ready within `connect_timeout`.
    pub fn acquire_with(
        &self,
        name: &str,
        wrapper: impl EWrapper + 'static,
    ) -> Result<Strategy, Error> {
        let c = &self.inner.config;
        let client = Arc::new(IBClient::with_wrapper(wrapper));
        client.set_reconnect(Some(c.reconnect));
        client.set_resubscribe(c.resubscribe);
        client.set_heartbeat(c.heartbeat);
        let mut tried = Vec::new();
        loop {
            let id = {
                let mut entries = self.inner.entries.lock();
                if entries.values().any(|e| e.name == name) {
                    return Err(Error::Config(format!(
                        "strategy {name} already holds a client of this pool"
                    )));
                }
                let free = c
                    .client_ids
                    .clone()
                    .find(|id| !entries.contains_key(id) && !tried.contains(id));
                let Some(id) = free else {
                    drop(entries);
                    let advice = format!(
                        "no client id left for strategy {name}: ids {}–{} are all in use ({} by this pool; 326 from TWS on {:?}); release a strategy or widen the range",
                        c.client_ids.start(),
                        c.client_ids.end(),
                        self.inner.entries.lock().len(),
                        tried
                    );
                    self.inner
                        .raise(AlertKind::ClientIdsExhausted, "", -1, advice.clone());
                    return Err(Error::Refused(crate::errors::CLIENT_ID_IN_USE));
                };
                // Reserved while connecting, so that two strategies acquiring
                // at once take different ids.
                entries.insert(
                    id,
                    Entry {
                        name: name.to_owned(),
                        // Not looked at until it is ready (set below).
                        client: Weak::new(),
                        since: Instant::now(),
                        watch: Watch::default(),
                    },
                );
                id
            };
            let release = |inner: &Inner| {
                inner.entries.lock().remove(&id);
            };
            if let Err(e) = client.connect(&c.host, c.port, id) {
                release(&self.inner);
                return Err(e);
            }
            client.start();
            if client.wait_for_connection(c.connect_timeout) {
                if let Some(e) = self.inner.entries.lock().get_mut(&id) {
                    e.client = Arc::downgrade(&client);
                    e.since = Instant::now();
                }
                log::info!("pool: strategy {name} has client id {id}");
                self.start_monitor();
                return Ok(Strategy {
                    name: name.to_owned(),
                    client_id: id,
                    client,
                    pool: Arc::downgrade(&self.inner),
                });
            }
            let in_use = client.client_id_in_use();
            client.disconnect();
            release(&self.inner);
            if !in_use {
                return Err(Error::Timeout(
                    "the connection was not ready (nextValidId) within the pool's connect_timeout",
                ));
            }
            log::info!("pool: client id {id} is in use outside the pool (326); trying the next");
            tried.push(id);
        }
    }

    /// The strategies holding a client: (name, client id), by id.
    pub fn strategies(&self) -> Vec<(String, i32)> {
        self.inner
            .entries
            .lock()
            .iter()
            .map(|(id, e)| (e.name.clone(), *id))
            .collect()
    }

    /// The health of every connection, in one snapshot.
    pub fn health(&self) -> PoolHealth {
        let entries = self.inner.entries.lock();
        let connections = entries
            .values()
            .filter_map(|e| {
                let client = e.client.upgrade()?;
                Some(ConnectionHealth {
                    held_for: e.since.elapsed(),
                    messages_in_per_sec: e.watch.rates.0,
                    messages_out_per_sec: e.watch.rates.1,
                    ..ConnectionHealth::of(&e.name, &client)
                })
            })
            .collect();
        PoolHealth {
            connections,
            alerts: self.inner.alerts.load(Ordering::Relaxed),
        }
    }

    /// [`health`](Self::health) in the Prometheus text format (see
    /// [`prometheus_text`]).
    pub fn prometheus(&self) -> String {
        prometheus_text(&self.health().connections)
    }

    fn start_monitor(&self) {
        let mut slot = self.monitor.lock();
        if slot.is_some() {
            return;
        }
        let inner = Arc::downgrade(&self.inner);
        let interval = self.inner.config.monitor_interval;
        let stop = Arc::clone(&self.inner);
        let spawned = thread::Builder::new()
            .name("tws-api-pool".into())
            .spawn(move || loop {
                if stop.stop_event.wait(interval) || stop.stop.load(Ordering::SeqCst) {
                    return;
                }
                match inner.upgrade() {
                    Some(inner) => inner.look(),
                    None => return,
                }
            });
        match spawned {
            Ok(h) => *slot = Some(h),
            Err(e) => log::error!("cannot start the pool's monitor thread: {e}"),
        }
    }
}

/// Dropping the pool stops its monitor; the strategies' clients stay
/// connected until each [`Strategy`] is dropped.
impl Drop for ClientPool {
    fn drop(&mut self) {
        self.inner.stop.store(true, Ordering::SeqCst);
        self.inner.stop_event.set();
        if let Some(h) = self.monitor.lock().take() {
            let _ = h.join();
        }
    }
}

/// A strategy's client: an [`IBClient`] (it dereferences to one) with the
/// strategy's name and client id. Dropping it disconnects and returns the
/// id to the pool.
pub struct Strategy {
    name: String,
    client_id: i32,
    client: Arc<IBClient>,
    pool: Weak<Inner>,
}

impl std::fmt::Debug for Strategy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Strategy")
            .field("name", &self.name)
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

impl Strategy {
    /// The strategy's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its client id.
    pub fn client_id(&self) -> i32 {
        self.client_id
    }
}

impl Deref for Strategy {
    type Target = IBClient;
    fn deref(&self) -> &IBClient {
        &self.client
    }
}

impl Drop for Strategy {
    fn drop(&mut self) {
        self.client.disconnect();
        if let Some(pool) = self.pool.upgrade() {
            pool.entries.lock().remove(&self.client_id);
        }
    }
}
