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
//! the end marker, at an `error` with its id (returned as [`Error::Tws`] with
//! the official code), or when the connection is lost (error 90002 from the
//! request lifecycle, or `connection_closed`); the helper returns at that end
//! or at its timeout, whichever comes first.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI32, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use parking_lot::{Condvar, Mutex};

use super::lifecycle::RequestKey;
use super::IBClient;
use crate::errors::{is_informational, Error};
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

/// The items collected so far, and the end once it came.
type Outcome<T> = (Vec<T>, Option<Result<(), Error>>);

/// What one helper collects, and how it ended.
#[derive(Debug)]
pub(crate) struct Collector<T> {
    state: Mutex<Outcome<T>>,
    cond: Condvar,
}

impl<T> Default for Collector<T> {
    fn default() -> Self {
        Collector {
            state: Mutex::new((Vec::new(), None)),
            cond: Condvar::new(),
        }
    }
}

impl<T> Collector<T> {
    pub(crate) fn push(&self, item: T) {
        self.state.lock().0.push(item);
    }

    fn end(&self, result: Result<(), Error>) {
        let mut s = self.state.lock();
        if s.1.is_none() {
            s.1 = Some(result);
        }
        self.cond.notify_all();
    }

    pub(crate) fn finish(&self) {
        self.end(Ok(()));
    }

    /// An `error` callback for the request: ends it unless it is a notice.
    pub(crate) fn error(&self, req_id: i32, code: i32, message: &str) {
        if !is_informational(code) {
            self.end(Err(Error::Tws {
                req_id,
                code,
                message: message.to_owned(),
            }));
        }
    }

    pub(crate) fn lost(&self) {
        self.end(Err(Error::NotConnected));
    }

    /// Waits for the end; the items on success.
    fn wait(&self, timeout: Duration, what: &'static str) -> Result<Vec<T>, Error> {
        let deadline = Instant::now() + timeout;
        let mut s = self.state.lock();
        while s.1.is_none() {
            if self.cond.wait_until(&mut s, deadline).timed_out() && s.1.is_none() {
                return Err(Error::Timeout(what));
            }
        }
        match s.1.take() {
            Some(Ok(())) => Ok(std::mem::take(&mut s.0)),
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
/// cancels.
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
