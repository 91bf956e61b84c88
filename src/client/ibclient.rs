//! `IBClient`: the connection guide's ready-made client for blocking scripts.

use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use parking_lot::Mutex;

use super::conn::dispatch::Observer;
use super::conn::supervisor::Jitter;
use super::{EClient, Event, Heartbeat, ReconnectPolicy};
use crate::config::IBConfig;
use crate::errors::{Error, CLIENT_ID_IN_USE, NO_VALID_ID, SOCKET_EXCEPTION};
use crate::messages::{Incoming, SessionFact};
use crate::wire::DecodeError;
use crate::EWrapper;

/// What `IBClient` tracks from the callbacks, and its supervisor's settings.
#[derive(Debug, Default)]
pub(crate) struct IBState {
    pub(crate) next_valid_order_id: Mutex<Option<i32>>,
    pub(crate) managed_accounts: Mutex<Vec<String>>,
    pub(crate) connected_event: Event,
    pub(crate) is_running: AtomicBool,
    pub(crate) last_error: Mutex<Option<(i32, i32, String)>>,
    pub(crate) client_id_in_use: AtomicBool,
    /// Where `connect` went: the supervisor reconnects there.
    target: Mutex<Option<(String, u16, i32)>>,
    /// Set by `disconnect`: the supervisor and the heartbeat stop.
    stop: AtomicBool,
    /// Wakes the supervisor's and the heartbeat's waits at `disconnect`.
    stop_event: Event,
    reconnect: Mutex<Option<ReconnectPolicy>>,
    heartbeat: Mutex<Option<Heartbeat>>,
    /// Attempts of the reconnect whose `next_valid_id` is awaited.
    reconnect_pending: Mutex<Option<u32>>,
    /// Set by `current_time`: the heartbeat's answer.
    pub(crate) time_answer: Event,
    reconnects: AtomicU64,
    /// The blocking helpers waiting now (src/client/sync.rs).
    pub(crate) sinks: super::sync::Sinks,
    /// The warnings of each thread's last blocking helper (`last_warnings`).
    pub(crate) last_warnings: super::sync::LastWarnings,
    /// The supervisor's current attempt (0: not reconnecting).
    reconnect_attempt: AtomicU32,
    /// Every reconnect attempt the supervisor began, successful or not.
    reconnect_attempts: AtomicU64,
    /// Why the supervisor last gave up, until the next `connect`.
    gave_up: Mutex<Option<String>>,
    /// The last error callback that is not a notice (see `errors::is_informational`).
    pub(crate) last_failure: Mutex<Option<(i32, i32, String)>>,
    /// Send the interrupted subscriptions again after a reconnect.
    resubscribe: AtomicBool,
    /// The last heartbeat's round trip in µs (0: none yet).
    heartbeat_rtt_us: AtomicU64,
    /// Heartbeats that got no answer in time.
    heartbeats_missed: AtomicU64,
    /// Error callbacks seen (notices included).
    errors_seen: AtomicU64,
    /// TWS's connection to IB, from 1100/1101/1102.
    connectivity: Mutex<crate::errors::Connectivity>,
    /// Each data farm's last notice (2103–2108, 2157, 2158), by farm name.
    farms: Mutex<std::collections::BTreeMap<String, crate::errors::FarmState>>,
}

/// An `EWrapper` that can also be downcast to its concrete type.
pub(crate) trait AnyWrapper: EWrapper + std::any::Any {}
impl<T: EWrapper + std::any::Any> AnyWrapper for T {}

/// The user's wrapper behind the tracking one: taken by the loop while it runs.
type UserWrapper = Box<dyn AnyWrapper>;

/// `IBClient`'s observer of the decoded messages: records the connection
/// state from the few messages that tell it, delivers every message to the
/// user's wrapper, then to the blocking helper waiting on the request it
/// answers, if any (an atomic load when none waits).
pub(crate) struct Tracked<'a> {
    pub(crate) client: &'a EClient,
    pub(crate) state: &'a IBState,
}

impl Observer for Tracked<'_> {
    #[inline]
    fn deliver<M: Incoming>(
        &mut self,
        sv: i32,
        m: &M,
        user: &mut dyn EWrapper,
    ) -> Result<(), DecodeError> {
        let fact = m.fact();
        if let Some(fact) = fact {
            self.before(fact);
        }
        m.deliver(sv, user)?;
        let sinks = &self.state.sinks;
        if sinks.any() {
            for key in m.route().keys() {
                if let Some(s) = sinks.get(*key) {
                    m.deliver(sv, &mut *s.lock())?;
                }
            }
        }
        match fact {
            Some(SessionFact::NextValidId(_)) => self.after_next_valid_id(user),
            Some(SessionFact::Error { code, .. })
                if crate::errors::Connectivity::from_code(code)
                    == Some(crate::errors::Connectivity::RestoredDataLost) =>
            {
                self.after_data_lost(user)
            }
            _ => {}
        }
        Ok(())
    }

    fn closed(&mut self, user: &mut dyn EWrapper) {
        self.state.connected_event.clear();
        // The next connection starts afresh: TWS sends its farm notices again.
        *self.state.connectivity.lock() = crate::errors::Connectivity::default();
        self.state.farms.lock().clear();
        user.connection_closed();
        self.state.sinks.connection_closed();
    }
}

/// The connection guide's `IBClient`: an [`EClient`] plus the state a blocking
/// script needs — the next valid order id, the managed accounts, a connection
/// [`Event`] set by `next_valid_id` and cleared by `connection_closed`, and
/// whether its message loop is running.
///
/// It dereferences to [`EClient`], so every request method is available on it
/// directly, as on Python's `IBClient(EWrapper, EClient)`. Your own callbacks
/// go in a wrapper given to [`IBClient::with_wrapper`]; they see every
/// callback after `IBClient` has recorded what it tracks.
///
/// ```no_run
/// use std::time::Duration;
/// use tws_api::{IBClient, IBConfig};
///
/// let config = IBConfig::from_env()?;
/// let client = IBClient::new();
/// client.connect(&config.host, config.port, config.client_id)?;
/// client.start(); // the message loop, on a background thread
/// if client.wait_for_connection(Duration::from_secs(10)) {
///     println!("Next valid order id: {:?}", client.next_valid_order_id());
/// }
/// client.disconnect();
/// # Ok::<(), tws_api::Error>(())
/// ```
pub struct IBClient {
    client: EClient,
    pub(super) state: Arc<IBState>,
    wrapper: Arc<Mutex<Option<UserWrapper>>>,
    thread: Mutex<Option<JoinHandle<()>>>,
    heartbeat_thread: Mutex<Option<JoinHandle<()>>>,
}

impl std::fmt::Debug for IBClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IBClient")
            .field("client", &self.client)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

/// The wrapper of an `IBClient` made with [`IBClient::new`] (and of a pool's
/// `acquire`): every callback logs.
pub(crate) struct LogOnly;
impl EWrapper for LogOnly {}

impl Default for IBClient {
    fn default() -> Self {
        IBClient::new()
    }
}

/// Dropping an `IBClient` disconnects it and joins its message loop.
impl Drop for IBClient {
    fn drop(&mut self) {
        self.disconnect();
    }
}

impl std::ops::Deref for IBClient {
    type Target = EClient;
    fn deref(&self) -> &EClient {
        &self.client
    }
}

impl IBClient {
    /// A client whose callbacks only log (through the `log` crate).
    pub fn new() -> IBClient {
        IBClient::with_wrapper(LogOnly)
    }

    /// A client that forwards every callback to `wrapper`.
    pub fn with_wrapper(wrapper: impl EWrapper + 'static) -> IBClient {
        IBClient::with_wrapper_from(|_| wrapper)
    }

    /// A client whose wrapper is built from the client's own [`EClient`], so
    /// that callbacks can send requests (the `EClient` is a cheap handle; keep
    /// a clone in the wrapper).
    ///
    /// ```no_run
    /// use tws_api::{EClient, EWrapper, IBClient};
    ///
    /// struct App {
    ///     client: EClient,
    /// }
    /// impl EWrapper for App {
    ///     fn next_valid_id(&mut self, _order_id: i32) {
    ///         let _ = self.client.req_current_time();
    ///     }
    /// }
    /// let ib = IBClient::with_wrapper_from(|client| App { client });
    /// ```
    pub fn with_wrapper_from<W: EWrapper + 'static>(make: impl FnOnce(EClient) -> W) -> IBClient {
        let client = EClient::new();
        // Safe by default: TWS disconnects a client over 50 messages/s.
        client.set_rate_limit(Some(super::RateLimit::TWS));
        let wrapper = make(client.clone());
        IBClient {
            client,
            state: Arc::new(IBState::default()),
            wrapper: Arc::new(Mutex::new(Some(Box::new(wrapper)))),
            thread: Mutex::new(None),
            heartbeat_thread: Mutex::new(None),
        }
    }

    /// The underlying [`EClient`] (a cheap clone can be sent to other threads).
    pub fn client(&self) -> &EClient {
        &self.client
    }

    /// Connects (see [`EClient::connect`]). Call [`start`](IBClient::start) or
    /// [`run`](IBClient::run) next so that callbacks are delivered. When it
    /// fails and no message loop is running, the failure's callbacks (`error`,
    /// `connection_closed`) are delivered at once, on this thread, as the
    /// official client does from inside `connect`.
    pub fn connect(&self, host: &str, port: u16, client_id: i32) -> Result<(), Error> {
        self.state.client_id_in_use.store(false, Ordering::SeqCst);
        self.state.reconnect_attempt.store(0, Ordering::SeqCst);
        *self.state.gave_up.lock() = None;
        self.state.stop.store(false, Ordering::SeqCst);
        self.state.stop_event.clear();
        *self.state.target.lock() = Some((host.to_owned(), port, client_id));
        let result = self.client.connect(host, port, client_id);
        if result.is_err() && !self.is_running() {
            // Deliver the failure (error, connection_closed) now, as the
            // official client does from inside connect, rather than at the
            // next start() or run().
            deliver_pending(&self.client, &self.state, &self.wrapper);
        }
        result
    }

    /// Keeps the connection up: when it ends other than by
    /// [`disconnect`](IBClient::disconnect), the message loop connects again
    /// to the same place after a backoff, and the wrapper hears
    /// `reconnecting`, `reconnected` (after the new `next_valid_id`: re-subscribe
    /// there) or `reconnect_gave_up`. `None` (the default) turns it off. Takes
    /// effect for the next [`start`](IBClient::start) or [`run`](IBClient::run).
    pub fn set_reconnect(&self, policy: Option<ReconnectPolicy>) {
        *self.state.reconnect.lock() = policy;
    }

    /// With `true`, after a reconnect (and its `next_valid_id`) the client
    /// sends again, with their original request ids, the subscriptions the
    /// lost connection interrupted — market data, depth, tick-by-tick,
    /// real-time bars, account updates, positions, PnL, news bulletins, … —
    /// and tells the wrapper with `resubscribed(count)`, before `reconnected`.
    /// One-shot requests are not repeated: each ended with an `error`
    /// (90002, [`REQUEST_INTERRUPTED`](crate::errors::REQUEST_INTERRUPTED))
    /// when the connection dropped. Off by default; with it on, do not
    /// re-subscribe yourself in `reconnected`. **tws-api extension.**
    pub fn set_resubscribe(&self, on: bool) {
        self.state.resubscribe.store(on, Ordering::SeqCst);
    }

    /// Sends `reqCurrentTime` every `interval` and treats a connection whose
    /// answer takes longer than `timeout` as dead: `error(-1, 509, …)`, then
    /// closed (and reconnected, with a reconnect policy). The answers also
    /// reach the wrapper's `current_time`. `None` (the default) turns it off.
    /// Takes effect for the next [`start`](IBClient::start) or
    /// [`run`](IBClient::run); the heartbeat ends with `disconnect` or once the
    /// message loop has ended.
    pub fn set_heartbeat(&self, heartbeat: Option<Heartbeat>) {
        *self.state.heartbeat.lock() = heartbeat;
    }

    /// The round trip of the last answered heartbeat (`None` before the
    /// first, or without a heartbeat).
    pub fn heartbeat_rtt(&self) -> Option<Duration> {
        match self.state.heartbeat_rtt_us.load(Ordering::Relaxed) {
            0 => None,
            us => Some(Duration::from_micros(us)),
        }
    }

    /// Heartbeats that got no answer within their timeout (each closed the
    /// connection as dead).
    pub fn heartbeats_missed(&self) -> u64 {
        self.state.heartbeats_missed.load(Ordering::Relaxed)
    }

    /// Successful reconnects made by the supervisor so far.
    pub fn reconnects(&self) -> u64 {
        self.state.reconnects.load(Ordering::SeqCst)
    }

    /// The attempt the supervisor is making right now (from 1), `None` when it
    /// is not reconnecting.
    pub fn reconnect_attempt(&self) -> Option<u32> {
        match self.state.reconnect_attempt.load(Ordering::SeqCst) {
            0 => None,
            n => Some(n),
        }
    }

    /// Every reconnect attempt the supervisor has begun so far, successful or not.
    pub fn reconnect_attempts(&self) -> u64 {
        self.state.reconnect_attempts.load(Ordering::SeqCst)
    }

    /// Why the supervisor gave up (see `EWrapper::reconnect_gave_up`), until
    /// the next [`connect`](IBClient::connect).
    pub fn gave_up(&self) -> Option<String> {
        self.state.gave_up.lock().clone()
    }

    /// Connects to the host, port and client id of `config`, offering at most
    /// its [`max_server_version`](IBConfig::max_server_version) when set.
    pub fn connect_config(&self, config: &IBConfig) -> Result<(), Error> {
        if let Some(v) = config.max_server_version {
            self.client.set_max_server_version(v)?;
        }
        if let Some(path) = &config.capture {
            self.client.capture_to(path, config.capture_mask)?;
        }
        self.connect(&config.host, config.port, config.client_id)
    }

    /// Runs the message loop on the calling thread until the connection ends
    /// (with a reconnect policy: until `disconnect` or the supervisor gives up).
    /// The heartbeat, if set, runs meanwhile.
    pub fn run(&self) {
        self.start_heartbeat();
        run_loop(&self.client, &self.state, &self.wrapper);
    }

    /// Runs the message loop on a background thread (named `tws-api-run`).
    /// Does nothing if that thread is still running.
    pub fn start(&self) {
        let mut slot = self.thread.lock();
        if slot.as_ref().is_some_and(|h| !h.is_finished()) {
            return;
        }
        if let Some(old) = slot.take() {
            let _ = old.join();
        }
        let client = self.client.clone();
        let state = Arc::clone(&self.state);
        let wrapper = Arc::clone(&self.wrapper);
        // `is_running` is true from here, so a wait right after start() sees it.
        state.is_running.store(true, Ordering::SeqCst);
        match thread::Builder::new()
            .name("tws-api-run".into())
            .spawn(move || run_loop(&client, &state, &wrapper))
        {
            Ok(h) => *slot = Some(h),
            Err(e) => {
                self.state.is_running.store(false, Ordering::SeqCst);
                log::error!("cannot start the message loop thread: {e}");
            }
        }
        drop(slot);
        self.start_heartbeat();
    }

    fn start_heartbeat(&self) {
        let Some(hb) = *self.state.heartbeat.lock() else {
            return;
        };
        let mut slot = self.heartbeat_thread.lock();
        if slot.as_ref().is_some_and(|h| !h.is_finished()) {
            return;
        }
        let client = self.client.clone();
        let state = Arc::clone(&self.state);
        match thread::Builder::new()
            .name("tws-api-heartbeat".into())
            .spawn(move || heartbeat_loop(&client, &state, hb))
        {
            Ok(h) => *slot = Some(h),
            Err(e) => log::error!("cannot start the heartbeat thread: {e}"),
        }
    }

    /// Waits until `next_valid_id` has arrived (the connection is ready for
    /// requests) or `timeout` passes. `false` on timeout, and at once when the
    /// connection is closed before it is ready.
    pub fn wait_for_connection(&self, timeout: Duration) -> bool {
        let step = Duration::from_millis(50);
        let deadline = std::time::Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if self.state.connected_event.wait(left.min(step)) {
                return true;
            }
            if left.is_zero() {
                return false;
            }
            if !self.client.is_connected() && !self.is_running() {
                return self.state.connected_event.is_set();
            }
        }
    }

    /// Disconnects, stops the supervisor and the heartbeat, and waits for the
    /// background threads (if any) to finish.
    pub fn disconnect(&self) {
        self.state.stop.store(true, Ordering::SeqCst);
        self.state.stop_event.set();
        self.client.disconnect();
        let handles = [
            self.thread.lock().take(),
            self.heartbeat_thread.lock().take(),
        ];
        for h in handles.into_iter().flatten() {
            if h.thread().id() != thread::current().id() {
                let _ = h.join();
            }
        }
        self.state.connected_event.clear();
    }

    /// Connected and ready for requests: the socket is up and this
    /// connection's `next_valid_id` has arrived.
    pub(crate) fn is_ready(&self) -> bool {
        self.client.is_connected() && self.state.connected_event.is_set()
    }

    /// The next valid order id: `None` until `next_valid_id` arrives.
    pub fn next_valid_order_id(&self) -> Option<i32> {
        *self.state.next_valid_order_id.lock()
    }

    /// Takes the next valid order id and advances it, for placing orders.
    pub fn take_order_id(&self) -> Option<i32> {
        let mut id = self.state.next_valid_order_id.lock();
        let current = (*id)?;
        *id = Some(current + 1);
        Some(current)
    }

    /// The accounts from `managed_accounts` (empty until it arrives).
    pub fn managed_accounts(&self) -> Vec<String> {
        self.state.managed_accounts.lock().clone()
    }

    /// The connection event: set by `next_valid_id`, cleared by `connection_closed`.
    pub fn connected_event(&self) -> &Event {
        &self.state.connected_event
    }

    /// `true` while the message loop runs.
    pub fn is_running(&self) -> bool {
        self.state.is_running.load(Ordering::SeqCst)
    }

    /// The last error callback seen: (req id, code, text).
    pub fn last_error(&self) -> Option<(i32, i32, String)> {
        self.state.last_error.lock().clone()
    }

    /// TWS's connection to IB's servers as its last 1100/1101/1102 said
    /// ([`Connected`](crate::errors::Connectivity::Connected) until one comes,
    /// and again after each new connection). While it is
    /// [`Lost`](crate::errors::Connectivity::Lost), waiting requests keep
    /// waiting: TWS answers them when it is back, or they time out.
    pub fn connectivity(&self) -> crate::errors::Connectivity {
        *self.state.connectivity.lock()
    }

    /// Each data farm TWS has reported on (2103–2108, 2157, 2158) with its
    /// last state, by farm name (`usfarm`, `ushmds`, `secdefnj`, …), sorted.
    pub fn farms(&self) -> Vec<(String, crate::errors::FarmState)> {
        self.state
            .farms
            .lock()
            .iter()
            .map(|(k, v)| (k.clone(), *v))
            .collect()
    }

    /// How many error callbacks (notices and warnings included) this client
    /// has seen: a change tells that [`last_error`](Self::last_error) is new.
    pub fn errors_seen(&self) -> u64 {
        self.state.errors_seen.load(Ordering::Relaxed)
    }

    /// The last error callback that is not a notice (farm status and the
    /// like, see [`crate::errors::is_informational`]): (req id, code, text).
    pub fn last_failure(&self) -> Option<(i32, i32, String)> {
        self.state.last_failure.lock().clone()
    }

    /// `true` when TWS refused this connection's client id (error 326).
    pub fn client_id_in_use(&self) -> bool {
        self.state.client_id_in_use.load(Ordering::SeqCst)
    }

    /// Runs `f` on the user wrapper, of type `W`, when the message loop is not
    /// running (e.g. after `disconnect`, to read what it collected). `None`
    /// while the loop runs or when the wrapper is not a `W`.
    ///
    /// ```no_run
    /// use tws_api::{EWrapper, IBClient};
    ///
    /// #[derive(Default)]
    /// struct Times(Vec<i64>);
    /// impl EWrapper for Times {
    ///     fn current_time(&mut self, time: i64) {
    ///         self.0.push(time);
    ///     }
    /// }
    /// let ib = IBClient::with_wrapper(Times::default());
    /// // … connect, start, req_current_time, disconnect …
    /// let seen = ib.with_wrapper_mut(|t: &mut Times| t.0.len());
    /// ```
    pub fn with_wrapper_mut<W: EWrapper + 'static, R>(
        &self,
        f: impl FnOnce(&mut W) -> R,
    ) -> Option<R> {
        let mut w = self.wrapper.lock();
        let any: &mut dyn std::any::Any = w.as_mut()?.as_mut();
        any.downcast_mut::<W>().map(f)
    }
}

/// Delivers what is queued (a failed connect's error and close) without
/// supervising, when no loop is running.
fn deliver_pending(client: &EClient, state: &IBState, wrapper: &Mutex<Option<UserWrapper>>) {
    let Some(mut user) = wrapper.lock().take() else {
        return;
    };
    dispatch(client, state, user.as_mut());
    *wrapper.lock() = Some(user);
}

fn run_loop(client: &EClient, state: &IBState, wrapper: &Mutex<Option<UserWrapper>>) {
    let Some(mut user) = wrapper.lock().take() else {
        log::warn!("the message loop is already running");
        return;
    };
    state.is_running.store(true, Ordering::SeqCst);
    let user_ref: &mut dyn AnyWrapper = user.as_mut();
    let policy = *state.reconnect.lock();
    match policy {
        None => dispatch(client, state, user_ref),
        Some(p) => supervise(client, state, user_ref, &p),
    }
    state.is_running.store(false, Ordering::SeqCst);
    *wrapper.lock() = Some(user);
}

/// Dispatches until the current connection's `connection_closed` is delivered.
fn dispatch(client: &EClient, state: &IBState, user: &mut dyn AnyWrapper) {
    client.run_with(user, &mut Tracked { client, state });
}

/// What one round of reconnect attempts ended with.
enum Retry {
    Connected(u32),
    Stopped,
    GaveUp(String),
}

/// The supervisor: dispatch, and connect again whenever the connection ends
/// other than by `disconnect`.
fn supervise(client: &EClient, state: &IBState, user: &mut dyn AnyWrapper, p: &ReconnectPolicy) {
    let mut jitter = Jitter::new();
    let mut in_use = 0u32;
    loop {
        dispatch(client, state, user);
        if state.stop.load(Ordering::SeqCst) || client.closed_by_user() {
            return;
        }
        if state.client_id_in_use.swap(false, Ordering::SeqCst) {
            in_use += 1;
            let first_connect = state.reconnects.load(Ordering::SeqCst) == 0
                && state.reconnect_pending.lock().is_none();
            if first_connect || in_use > p.client_id_in_use_retries {
                state.client_id_in_use.store(true, Ordering::SeqCst);
                let reason = format!(
                    "client id {} is already in use (326); connect with a unique client id",
                    client.client_id()
                );
                *state.gave_up.lock() = Some(reason.clone());
                user.reconnect_gave_up(&reason);
                return;
            }
        } else {
            in_use = 0;
        }
        let outcome = retry(client, state, user, p, &mut jitter);
        if !matches!(outcome, Retry::Connected(_)) {
            state.reconnect_attempt.store(0, Ordering::SeqCst);
        }
        match outcome {
            Retry::Connected(attempts) => {
                *state.reconnect_pending.lock() = Some(attempts);
            }
            Retry::Stopped => return,
            Retry::GaveUp(reason) => {
                *state.gave_up.lock() = Some(reason.clone());
                user.reconnect_gave_up(&reason);
                return;
            }
        }
    }
}

fn retry(
    client: &EClient,
    state: &IBState,
    user: &mut dyn AnyWrapper,
    p: &ReconnectPolicy,
    jitter: &mut Jitter,
) -> Retry {
    let Some((host, port, client_id)) = state.target.lock().clone() else {
        return Retry::GaveUp("no connect() to repeat".into());
    };
    let mut attempt = 0u32;
    loop {
        attempt += 1;
        if p.max_attempts.is_some_and(|max| attempt > max) {
            return Retry::GaveUp(format!(
                "no connection to {host}:{port} after {} attempts",
                attempt - 1
            ));
        }
        let delay = p.delay(attempt, jitter.next_unit());
        state.reconnect_attempt.store(attempt, Ordering::SeqCst);
        state.reconnect_attempts.fetch_add(1, Ordering::SeqCst);
        user.reconnecting(attempt, delay);
        if state.stop_event.wait(delay) || state.stop.load(Ordering::SeqCst) {
            return Retry::Stopped;
        }
        match client.connect(&host, port, client_id) {
            Ok(()) => return Retry::Connected(attempt),
            Err(Error::AlreadyConnected) => return Retry::Connected(attempt),
            Err(e @ Error::UnsupportedServerVersion { .. }) => {
                dispatch(client, state, user); // delivers the error and the close
                return Retry::GaveUp(e.to_string());
            }
            Err(e) => {
                log::info!("reconnect attempt {attempt} to {host}:{port} failed: {e}");
                dispatch(client, state, user); // delivers 502 and connection_closed
                if state.stop.load(Ordering::SeqCst) {
                    return Retry::Stopped;
                }
            }
        }
    }
}

/// Sends a heartbeat every interval; closes a connection that does not
/// answer. Ends with `disconnect`, or once the message loop has ended.
fn heartbeat_loop(client: &EClient, state: &IBState, hb: Heartbeat) {
    loop {
        if state.stop_event.wait(hb.interval) || state.stop.load(Ordering::SeqCst) {
            return;
        }
        if !state.is_running.load(Ordering::SeqCst) && !client.is_connected() {
            return;
        }
        if !client.is_connected() {
            continue;
        }
        state.time_answer.clear();
        let sent_ms = crate::clock::now_millis().max(0) as u64;
        if client.heartbeat_request().is_err() {
            continue;
        }
        let sent = std::time::Instant::now();
        if state.time_answer.wait(hb.timeout) {
            let rtt = sent.elapsed().as_micros().clamp(1, u64::MAX as u128) as u64;
            state.heartbeat_rtt_us.store(rtt, Ordering::Relaxed);
            continue;
        }
        if state.stop.load(Ordering::SeqCst) {
            continue;
        }
        // No answer in time. Under a backlog the answer waits behind data in
        // our own queue or in the socket: the connection is alive when bytes
        // arrived since the request, or while run() has not yet reached the
        // end of what was received.
        let m = client.metrics();
        let unread = client.unread_bytes();
        if m.last_message_ms >= sent_ms || m.bytes_queued > 0 || unread > 0 {
            log::debug!(
                "heartbeat answer not dispatched yet, but the connection is alive ({} bytes queued, {unread} unread)",
                m.bytes_queued
            );
            continue;
        }
        if client.is_connected() {
            state.heartbeats_missed.fetch_add(1, Ordering::Relaxed);
            log::warn!(
                "no heartbeat answer within {:?}: closing the connection",
                hb.timeout
            );
            client.report_error(
                NO_VALID_ID,
                SOCKET_EXCEPTION.code,
                format!(
                    "{}no answer to the heartbeat (reqCurrentTime) within {:?}",
                    SOCKET_EXCEPTION.msg, hb.timeout
                ),
            );
            client.close(false);
        }
    }
}

impl Tracked<'_> {
    /// What `IBClient` records before the user's wrapper sees the message.
    fn before(&mut self, fact: SessionFact<'_>) {
        match fact {
            SessionFact::NextValidId(order_id) => {
                *self.state.next_valid_order_id.lock() = Some(order_id);
                self.state.connected_event.set();
            }
            SessionFact::ManagedAccounts(list) => {
                *self.state.managed_accounts.lock() = list
                    .split(',')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(str::to_owned)
                    .collect();
            }
            SessionFact::CurrentTime => self.state.time_answer.set(),
            SessionFact::Error { req_id, code, text } => self.on_error(req_id, code, text),
        }
    }

    /// 1101: TWS is back in touch with IB but its market and account data
    /// subscriptions are gone; with resubscription on they are sent again
    /// (TWS asks the client to), and `resubscribed(n)` says so.
    fn after_data_lost(&mut self, user: &mut dyn EWrapper) {
        if !self.state.resubscribe.load(Ordering::SeqCst) {
            log::warn!(
                "1101: market and account data subscriptions were lost; resubscription is off"
            );
            return;
        }
        self.client.subscriptions_lost();
        match self.client.resubscribe() {
            Ok(n) => user.resubscribed(n),
            Err(e) => log::warn!("resubscribing after 1101 failed: {e}"),
        }
    }

    fn after_next_valid_id(&mut self, user: &mut dyn EWrapper) {
        let pending = self.state.reconnect_pending.lock().take();
        self.state.reconnect_attempt.store(0, Ordering::SeqCst);
        if let Some(attempts) = pending {
            self.state.reconnects.fetch_add(1, Ordering::SeqCst);
            // TWS forgets the market data type with the connection: set it
            // again before the subscriptions that depend on it.
            if let Some(t) = self.client.market_data_type() {
                if let Err(e) = self.client.req_market_data_type(t) {
                    log::warn!(
                        "setting the market data type again after the reconnect failed: {e}"
                    );
                }
            }
            if self.state.resubscribe.load(Ordering::SeqCst) {
                match self.client.resubscribe() {
                    Ok(n) => user.resubscribed(n),
                    Err(e) => log::warn!("resubscribing after the reconnect failed: {e}"),
                }
            }
            user.reconnected(attempts);
        }
    }

    fn on_error(&mut self, req_id: i32, code: i32, text: &str) {
        if code == CLIENT_ID_IN_USE.code {
            self.state.client_id_in_use.store(true, Ordering::SeqCst);
        }
        if let Some(now) = crate::errors::Connectivity::from_code(code) {
            *self.state.connectivity.lock() = now;
        }
        if let Some((farm, farm_state)) = crate::errors::farm_notice(code, text) {
            self.state.farms.lock().insert(farm, farm_state);
        }
        *self.state.last_error.lock() = Some((req_id, code, text.to_owned()));
        self.state.errors_seen.fetch_add(1, Ordering::Relaxed);
        if !crate::errors::is_informational(code) {
            *self.state.last_failure.lock() = Some((req_id, code, text.to_owned()));
        }
    }
}
