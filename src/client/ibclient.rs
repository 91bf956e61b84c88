//! `IBClient`: the connection guide's ready-made client for blocking scripts.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use parking_lot::Mutex;

use super::{EClient, Event};
use crate::config::IBConfig;
use crate::errors::{Error, CLIENT_ID_IN_USE};
use crate::EWrapper;

/// What `IBClient` tracks from the callbacks.
#[derive(Debug, Default)]
pub(crate) struct IBState {
    pub(crate) next_valid_order_id: Mutex<Option<i32>>,
    pub(crate) managed_accounts: Mutex<Vec<String>>,
    pub(crate) connected_event: Event,
    pub(crate) is_running: AtomicBool,
    pub(crate) last_error: Mutex<Option<(i32, i32, String)>>,
    pub(crate) client_id_in_use: AtomicBool,
}

/// The user's wrapper behind the tracking one: taken by the loop while it runs.
type UserWrapper = Box<dyn EWrapper>;

/// A wrapper that records the connection state, then forwards every callback
/// to the user's wrapper.
pub(crate) struct Tracked<'a> {
    pub(crate) state: &'a IBState,
    pub(crate) user: &'a mut dyn EWrapper,
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
    state: Arc<IBState>,
    wrapper: Arc<Mutex<Option<UserWrapper>>>,
    thread: Mutex<Option<JoinHandle<()>>>,
}

impl std::fmt::Debug for IBClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IBClient")
            .field("client", &self.client)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

/// The wrapper of an `IBClient` made with [`IBClient::new`]: every callback logs.
struct LogOnly;
impl EWrapper for LogOnly {}

impl Default for IBClient {
    fn default() -> Self {
        IBClient::new()
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
        IBClient {
            client: EClient::new(),
            state: Arc::new(IBState::default()),
            wrapper: Arc::new(Mutex::new(Some(Box::new(wrapper)))),
            thread: Mutex::new(None),
        }
    }

    /// The underlying [`EClient`] (a cheap clone can be sent to other threads).
    pub fn client(&self) -> &EClient {
        &self.client
    }

    /// Connects (see [`EClient::connect`]). Call [`start`](IBClient::start) or
    /// [`run`](IBClient::run) next so that callbacks are delivered.
    pub fn connect(&self, host: &str, port: u16, client_id: i32) -> Result<(), Error> {
        self.state.client_id_in_use.store(false, Ordering::SeqCst);
        self.client.connect(host, port, client_id)
    }

    /// Connects to the host, port and client id of `config`.
    pub fn connect_config(&self, config: &IBConfig) -> Result<(), Error> {
        self.connect(&config.host, config.port, config.client_id)
    }

    /// Runs the message loop on the calling thread until the connection ends.
    pub fn run(&self) {
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

    /// Disconnects and waits for the background loop (if any) to finish.
    pub fn disconnect(&self) {
        self.client.disconnect();
        let handle = self.thread.lock().take();
        if let Some(h) = handle {
            if h.thread().id() != thread::current().id() {
                let _ = h.join();
            }
        }
        self.state.connected_event.clear();
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

    /// `true` when TWS refused this connection's client id (error 326).
    pub fn client_id_in_use(&self) -> bool {
        self.state.client_id_in_use.load(Ordering::SeqCst)
    }

    /// Runs `f` on the user wrapper when the loop is not running (e.g. after
    /// `disconnect`, to read what it collected). `None` while the loop runs.
    pub fn with_wrapper_mut<R>(&self, f: impl FnOnce(&mut dyn EWrapper) -> R) -> Option<R> {
        let mut w = self.wrapper.lock();
        w.as_mut().map(|w| f(w.as_mut()))
    }
}

fn run_loop(client: &EClient, state: &IBState, wrapper: &Mutex<Option<UserWrapper>>) {
    let Some(mut user) = wrapper.lock().take() else {
        log::warn!("the message loop is already running");
        return;
    };
    state.is_running.store(true, Ordering::SeqCst);
    {
        let mut tracked = Tracked {
            state,
            user: user.as_mut(),
        };
        client.run(&mut tracked);
    }
    state.is_running.store(false, Ordering::SeqCst);
    *wrapper.lock() = Some(user);
}

impl Tracked<'_> {
    pub(crate) fn on_next_valid_id(&mut self, order_id: i32) {
        *self.state.next_valid_order_id.lock() = Some(order_id);
        self.state.connected_event.set();
    }

    pub(crate) fn on_managed_accounts(&mut self, accounts_list: &str) {
        *self.state.managed_accounts.lock() = accounts_list
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_owned)
            .collect();
    }

    pub(crate) fn on_connection_closed(&mut self) {
        self.state.connected_event.clear();
    }

    pub(crate) fn on_error(&mut self, req_id: i32, code: i32, text: &str) {
        if code == CLIENT_ID_IN_USE.code {
            self.state.client_id_in_use.store(true, Ordering::SeqCst);
        }
        *self.state.last_error.lock() = Some((req_id, code, text.to_owned()));
    }
}
