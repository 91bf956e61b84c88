//! Blocking request/answer helpers on [`IBClient`]: a request method that
//! waits for its answer, with a timeout — the official client's
//! `TWSSyncWrapper` (ibapi 10.51), for blocking scripts.
//!
//! Each helper picks a request id of its own (from [`SYNC_REQ_ID_BASE`] up, far
//! from the ids scripts use), registers a *sink* for it — a small `EWrapper`
//! that collects the answer — and sends the official request. `IBClient`'s
//! tracking wrapper hands every callback that carries that request id (or,
//! for requests without an id, that answers that request) to the sink as
//! well as to your wrapper, so the helpers sit on top of EClient/EWrapper and
//! change nothing for those who use the callbacks directly. The sink ends at
//! the end marker, at an `error` with its id that is an error (returned as
//! [`Error::Tws`] with the official code; see [`ends_request`]), or when the
//! connection is lost (error 90002 from the request lifecycle, or
//! `connection_closed`); the helper returns at that end or at its timeout,
//! whichever comes first. A warning with its id (10090, 10167, 2104, …: see
//! [`crate::errors::classify`]) ends nothing: the sink keeps it, and
//! [`IBClient::last_warnings`] gives the warnings of the last helper that
//! returned on the calling thread.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI32, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::{self, ThreadId};
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};

use super::lifecycle::RequestKey;
use super::IBClient;
use crate::errors::{ends_request, Error, Warning};
use crate::messages::ids::outgoing;
use crate::EWrapper;

/// The first request id the blocking helpers use; they count up from here.
/// Keep your own request ids below it.
pub const SYNC_REQ_ID_BASE: i32 = 1_000_000_000;

/// A sink shared between the helper that waits and the loop that feeds it.
pub(crate) type SharedSink = Arc<Mutex<dyn EWrapper + Send>>;

/// The sinks of the helpers waiting now, by the request they wait on.
#[derive(Default)]
pub(crate) struct Sinks {
    active: AtomicUsize,
    map: Mutex<HashMap<RequestKey, SharedSink>>,
    next_id: AtomicI32,
}

impl std::fmt::Debug for Sinks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sinks")
            .field("active", &self.active.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

/// How many threads' warnings [`LastWarnings`] keeps at most.
const MAX_WARNING_THREADS: usize = 64;

/// The warnings of the last blocking helper that returned, per calling
/// thread ([`IBClient::last_warnings`]).
#[derive(Debug, Default)]
pub(crate) struct LastWarnings(Mutex<HashMap<ThreadId, Vec<Warning>>>);

impl LastWarnings {
    /// Keeps `warnings` as the calling thread's last ones. A thread whose last
    /// helper got none holds no entry; past [`MAX_WARNING_THREADS`] threads
    /// with warnings the others' are forgotten (threads that ended keep no
    /// memory alive for long).
    fn record(&self, warnings: Vec<Warning>) {
        let me = thread::current().id();
        let mut map = self.0.lock();
        if warnings.is_empty() {
            map.remove(&me);
            return;
        }
        if map.len() >= MAX_WARNING_THREADS && !map.contains_key(&me) {
            map.clear();
        }
        map.insert(me, warnings);
    }

    fn get(&self) -> Vec<Warning> {
        self.0
            .lock()
            .get(&thread::current().id())
            .cloned()
            .unwrap_or_default()
    }
}

impl Sinks {
    /// Whether any helper waits (an atomic load).
    #[inline]
    pub(crate) fn any(&self) -> bool {
        self.active.load(Ordering::Acquire) != 0
    }

    /// The sink waiting on `key`, if any: an atomic load when none waits,
    /// and no lock for a request id below [`SYNC_REQ_ID_BASE`] (the user's
    /// ids: no helper listens there), so the user's own ticks never take a
    /// lock while a helper waits elsewhere.
    #[inline]
    pub(crate) fn get(&self, key: RequestKey) -> Option<SharedSink> {
        if !self.any() || matches!(key, RequestKey::Id(id) if id < SYNC_REQ_ID_BASE) {
            return None;
        }
        self.map.lock().get(&key).cloned()
    }

    pub(crate) fn insert(&self, key: RequestKey, sink: SharedSink) {
        debug_assert!(
            !matches!(key, RequestKey::Id(id) if id < SYNC_REQ_ID_BASE),
            "a helper's request id comes from sync_req_id"
        );
        let mut map = self.map.lock();
        map.insert(key, sink);
        self.active.store(map.len(), Ordering::Release);
    }

    pub(crate) fn remove(&self, key: RequestKey) {
        let mut map = self.map.lock();
        map.remove(&key);
        self.active.store(map.len(), Ordering::Release);
    }

    /// The connection ended: every sink hears `connection_closed`.
    pub(crate) fn connection_closed(&self) {
        if self.active.load(Ordering::Acquire) == 0 {
            return;
        }
        let sinks: Vec<SharedSink> = self.map.lock().values().cloned().collect();
        for s in sinks {
            s.lock().connection_closed();
        }
    }

    fn next_req_id(&self) -> i32 {
        SYNC_REQ_ID_BASE + self.next_id.fetch_add(1, Ordering::Relaxed)
    }
}

/// The most warnings one blocking helper keeps for
/// [`IBClient::last_warnings`] (the first ones); any more reach only
/// `EWrapper::error`.
pub const MAX_HELPER_WARNINGS: usize = 256;

/// The items collected so far, the warnings, and the end once it came.
#[derive(Debug)]
struct Outcome<T> {
    items: Vec<T>,
    end: Option<Result<(), Error>>,
    warnings: Vec<Warning>,
}

/// What one helper collects, and how it ended.
#[derive(Debug)]
pub(crate) struct Collector<T> {
    state: Mutex<Outcome<T>>,
    cond: Condvar,
}

impl<T> Default for Collector<T> {
    fn default() -> Self {
        Collector {
            state: Mutex::new(Outcome {
                items: Vec::new(),
                end: None,
                warnings: Vec::new(),
            }),
            cond: Condvar::new(),
        }
    }
}

impl<T> Collector<T> {
    pub(crate) fn push(&self, item: T) {
        self.state.lock().items.push(item);
    }

    fn end(&self, result: Result<(), Error>) {
        let mut s = self.state.lock();
        if s.end.is_none() {
            s.end = Some(result);
        }
        self.cond.notify_all();
    }

    pub(crate) fn finish(&self) {
        self.end(Ok(()));
    }

    /// An `error` callback for the request: an error ([`ends_request`]) ends
    /// it; a warning or a connection event is kept, and the request goes on.
    pub(crate) fn error(&self, req_id: i32, code: i32, message: &str) {
        if ends_request(code) {
            self.end(Err(Error::Tws {
                req_id,
                code,
                message: message.to_owned(),
            }));
        } else {
            let mut s = self.state.lock();
            if s.warnings.len() < MAX_HELPER_WARNINGS {
                s.warnings.push(Warning {
                    req_id,
                    code,
                    message: message.to_owned(),
                });
            }
        }
    }

    /// The warnings received so far, taken.
    fn take_warnings(&self) -> Vec<Warning> {
        std::mem::take(&mut self.state.lock().warnings)
    }

    pub(crate) fn lost(&self) {
        self.end(Err(Error::NotConnected));
    }

    /// Waits for the end; the items on success.
    fn wait(&self, timeout: Duration, what: &'static str) -> Result<Vec<T>, Error> {
        let deadline = Instant::now() + timeout;
        let mut s = self.state.lock();
        while s.end.is_none() {
            if self.cond.wait_until(&mut s, deadline).timed_out() && s.end.is_none() {
                return Err(Error::Timeout(what));
            }
        }
        match s.end.take() {
            Some(Ok(())) => Ok(std::mem::take(&mut s.items)),
            Some(Err(e)) => Err(e),
            None => Err(Error::Timeout(what)),
        }
    }
}

/// The `error` and `connection_closed` callbacks every sink has.
macro_rules! sink_ends {
    () => {
        fn error(&mut self, req_id: i32, _t: i64, code: i32, text: &str, _json: &str) {
            self.0.error(req_id, code, text);
        }
        fn connection_closed(&mut self) {
            self.0.lost();
        }
    };
}

/// One blocking request: what it waits on and for how long.
pub(crate) struct Wait<'a> {
    /// The request the sink hears.
    pub(crate) key: RequestKey,
    /// The official request name, for a timeout's error.
    pub(crate) what: &'static str,
    pub(crate) timeout: Duration,
    /// What stops the request after a timeout, if anything must.
    pub(crate) cancel: Option<&'a dyn Fn()>,
}

/// Runs one blocking request: registers `sink`, sends with `send`, waits for
/// `collector`'s end (at most the timeout), unregisters; after a timeout,
/// cancels. The warnings the request got become the calling thread's
/// [`IBClient::last_warnings`], whatever the outcome.
pub(crate) fn round_trip<T>(
    ib: &IBClient,
    wait: Wait<'_>,
    sink: SharedSink,
    collector: &Collector<T>,
    send: impl FnOnce() -> Result<(), Error>,
) -> Result<Vec<T>, Error> {
    let sinks = &ib.state.sinks;
    sinks.insert(wait.key, sink);
    let result = send().and_then(|()| collector.wait(wait.timeout, wait.what));
    sinks.remove(wait.key);
    ib.state.last_warnings.record(collector.take_warnings());
    if matches!(result, Err(Error::Timeout(_))) {
        if let Some(cancel) = wait.cancel {
            cancel();
        }
    }
    result
}

/// A sink: a small `EWrapper` that collects `$t` into its collector, with the
/// `error` and `connection_closed` every sink has.
macro_rules! sink {
    ($name:ident<$t:ty> { $($body:tt)* }) => {
        struct $name(Arc<Collector<$t>>);
        impl EWrapper for $name {
            sink_ends!();
            $($body)*
        }
    };
}

mod account;
mod contracts;
mod fundamentals;
mod historical;
mod market_data;
mod news;
mod orders;
mod scanner;

pub use account::{AccountSnapshot, AccountSummaryRow, PortfolioItem, PositionInfo};
pub use contracts::OptionChain;
pub use historical::HistoricalTicks;
pub use market_data::MarketDataSnapshot;
pub use news::NewsHeadline;
pub use orders::{OrderInfo, OrderProgress, OrderStatusUpdate};

sink!(CurrentTimeSink<i64> {
    fn current_time(&mut self, time: i64) {
        self.0.push(time);
        self.0.finish();
    }
});

impl IBClient {
    /// The warnings (and notices) the last blocking helper that returned on
    /// this thread received with its request id, in order: 10090 "part of
    /// the requested market data is not subscribed", 10167 "displaying
    /// delayed market data", 399 order messages, … — every `error` callback
    /// that [`crate::errors::classify`] does not call an error. They ended
    /// nothing (the helper returned its data), and each also reached
    /// `EWrapper::error`. Empty when it got none. **tws-api extension.**
    ///
    /// Per thread, so that helpers running on several threads each see their
    /// own; the first [`MAX_HELPER_WARNINGS`] of one helper are kept. Requests without an id (`positions`,
    /// `open_orders`, `portfolio`, …) get none here: TWS's notices for them
    /// carry the id −1 and reach only `EWrapper::error`.
    ///
    /// ```no_run
    /// # use std::time::Duration;
    /// # use tws_api::{Contract, IBClient};
    /// # let client = IBClient::new();
    /// let snap = client.market_data_snapshot(&Contract::stock("AAPL", "SMART", "USD"), "", Duration::from_secs(10))?;
    /// for w in client.last_warnings() {
    ///     eprintln!("TWS warned {}: {}", w.code, w.message); // e.g. 10167: delayed data
    /// }
    /// # Ok::<(), tws_api::Error>(())
    /// ```
    pub fn last_warnings(&self) -> Vec<Warning> {
        self.state.last_warnings.get()
    }

    /// A request id for a blocking helper: from [`SYNC_REQ_ID_BASE`] up.
    pub(crate) fn sync_req_id(&self) -> i32 {
        self.state.sinks.next_req_id()
    }

    /// Runs one blocking request whose sink `make` builds around its
    /// collector: see [`round_trip`].
    fn wait_for<T: Send + 'static, S: EWrapper + Send + 'static>(
        &self,
        wait: Wait<'_>,
        make: impl FnOnce(Arc<Collector<T>>) -> S,
        send: impl FnOnce() -> Result<(), Error>,
    ) -> Result<Vec<T>, Error> {
        let c = Arc::new(Collector::default());
        let sink: SharedSink = Arc::new(Mutex::new(make(Arc::clone(&c))));
        round_trip(self, wait, sink, &c, send)
    }

    /// `reqCurrentTime`, waited for: the server's clock in seconds since the
    /// epoch. **tws-api extension** (the official `TWSSyncWrapper` has
    /// `get_current_time`).
    pub fn current_time(&self, timeout: Duration) -> Result<i64, Error> {
        let wait = Wait {
            key: RequestKey::Request(outgoing::REQ_CURRENT_TIME),
            what: "reqCurrentTime",
            timeout,
            cancel: None,
        };
        let times = self.wait_for(wait, CurrentTimeSink, || self.req_current_time())?;
        times
            .last()
            .copied()
            .ok_or(Error::Timeout("reqCurrentTime"))
    }
}
