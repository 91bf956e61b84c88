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
use crate::model::{tick_type, Contract, Decimal, TickAttrib, TickType};
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
    /// The sink waiting on `key`, if any (an atomic load when none waits).
    #[inline]
    pub(crate) fn get(&self, key: RequestKey) -> Option<SharedSink> {
        if self.active.load(Ordering::Acquire) == 0 {
            return None;
        }
        self.map.lock().get(&key).cloned()
    }

    fn insert(&self, key: RequestKey, sink: SharedSink) {
        let mut map = self.map.lock();
        map.insert(key, sink);
        self.active.store(map.len(), Ordering::Release);
    }

    fn remove(&self, key: RequestKey) {
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

/// One snapshot of top-of-book data ([`IBClient::market_data_snapshot`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MarketDataSnapshot {
    /// Prices by tick type (bid 1, ask 2, last 4, close 9, …), the last of each.
    pub prices: Vec<(TickType, f64, TickAttrib)>,
    /// Sizes by tick type (bid size 0, ask size 3, last size 5, volume 8, …).
    pub sizes: Vec<(TickType, Decimal)>,
    /// String ticks by tick type (last timestamp 45, …).
    pub strings: Vec<(TickType, String)>,
    /// Generic ticks by tick type (halted 49, …).
    pub generics: Vec<(TickType, f64)>,
}

impl MarketDataSnapshot {
    /// The price of tick type `t`, if it came.
    pub fn price(&self, t: TickType) -> Option<f64> {
        self.prices.iter().rev().find(|p| p.0 == t).map(|p| p.1)
    }

    /// The size of tick type `t`, if it came.
    pub fn size(&self, t: TickType) -> Option<Decimal> {
        self.sizes.iter().rev().find(|s| s.0 == t).map(|s| s.1)
    }

    /// Bid, ask and last (live or delayed), as far as they came.
    pub fn bid_ask_last(&self) -> (Option<f64>, Option<f64>, Option<f64>) {
        let either = |a, b| self.price(a).or_else(|| self.price(b));
        (
            either(tick_type::BID, tick_type::DELAYED_BID),
            either(tick_type::ASK, tick_type::DELAYED_ASK),
            either(tick_type::LAST, tick_type::DELAYED_LAST),
        )
    }
}

enum SnapshotTick {
    Price(TickType, f64, TickAttrib),
    Size(TickType, Decimal),
    String(TickType, String),
    Generic(TickType, f64),
}

struct SnapshotSink(Arc<Collector<SnapshotTick>>);

impl EWrapper for SnapshotSink {
    sink_ends!();
    fn tick_price(&mut self, _id: i32, t: TickType, price: f64, attrib: TickAttrib) {
        self.0.push(SnapshotTick::Price(t, price, attrib));
    }
    fn tick_size(&mut self, _id: i32, t: TickType, size: Decimal) {
        self.0.push(SnapshotTick::Size(t, size));
    }
    fn tick_string(&mut self, _id: i32, t: TickType, value: &str) {
        self.0.push(SnapshotTick::String(t, value.to_owned()));
    }
    fn tick_generic(&mut self, _id: i32, t: TickType, value: f64) {
        self.0.push(SnapshotTick::Generic(t, value));
    }
    fn tick_snapshot_end(&mut self, _id: i32) {
        self.0.finish();
    }
}

struct CurrentTimeSink(Arc<Collector<i64>>);

impl EWrapper for CurrentTimeSink {
    sink_ends!();
    fn current_time(&mut self, time: i64) {
        self.0.push(time);
        self.0.finish();
    }
}

impl IBClient {
    /// A request id for a blocking helper: from [`SYNC_REQ_ID_BASE`] up.
    pub(crate) fn sync_req_id(&self) -> i32 {
        self.state.sinks.next_req_id()
    }

    /// `reqCurrentTime`, waited for: the server's clock in seconds since the
    /// epoch. **tws-api extension** (the official `TWSSyncWrapper` has
    /// `get_current_time`).
    pub fn current_time(&self, timeout: Duration) -> Result<i64, Error> {
        let c = Arc::new(Collector::default());
        let sink = Arc::new(Mutex::new(CurrentTimeSink(Arc::clone(&c))));
        let wait = Wait {
            key: RequestKey::Request(outgoing::REQ_CURRENT_TIME),
            what: "reqCurrentTime",
            timeout,
            cancel: None,
        };
        let times = round_trip(self, wait, sink, &c, || self.req_current_time())?;
        times
            .last()
            .copied()
            .ok_or(Error::Timeout("reqCurrentTime"))
    }

    /// `reqMktData` with `snapshot=true`, waited for until `tickSnapshotEnd`:
    /// the prices, sizes and strings of one snapshot of `contract`. On a
    /// timeout the request is cancelled. **tws-api extension** (the official
    /// `TWSSyncWrapper` has `get_market_data_snapshot`).
    pub fn market_data_snapshot(
        &self,
        contract: &Contract,
        generic_tick_list: &str,
        timeout: Duration,
    ) -> Result<MarketDataSnapshot, Error> {
        let req_id = self.sync_req_id();
        let c = Arc::new(Collector::default());
        let sink = Arc::new(Mutex::new(SnapshotSink(Arc::clone(&c))));
        let cancel = || {
            let _ = self.cancel_mkt_data(req_id);
        };
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqMktData (snapshot)",
            timeout,
            cancel: Some(&cancel),
        };
        let ticks = round_trip(self, wait, sink, &c, || {
            self.req_mkt_data(req_id, contract, generic_tick_list, true, false, &[])
        })?;
        let mut snap = MarketDataSnapshot::default();
        for t in ticks {
            match t {
                SnapshotTick::Price(t, p, a) => snap.prices.push((t, p, a)),
                SnapshotTick::Size(t, s) => snap.sizes.push((t, s)),
                SnapshotTick::String(t, s) => snap.strings.push((t, s)),
                SnapshotTick::Generic(t, v) => snap.generics.push((t, v)),
            }
        }
        Ok(snap)
    }
}
