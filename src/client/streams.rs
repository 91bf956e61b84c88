//! Streams as iterators on [`IBClient`]: a subscription whose data a
//! blocking script reads with a `for` loop — top-of-book ticks, depth,
//! tick-by-tick, real-time bars, historical bars kept up to date.
//!
//! A stream registers a sink for its request id (as the blocking helpers of
//! `sync.rs` do) that sends each callback, as an item, into a channel; the
//! [`Stream`] is the receiving end. It ends — `next()` returns `None` — when
//! it is dropped or [`cancel`](Stream::cancel)led (the cancel request is sent),
//! when TWS ends it with an error ([`Stream::error`] tells which), or when the
//! connection is lost. A warning with its request id (10090 "part of the
//! requested market data is not subscribed", 10167, 317 "depth reset", …:
//! [`crate::errors::classify`]) does not end it: [`Stream::warnings`] keeps
//! it. Your wrapper still receives every callback too.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use parking_lot::Mutex;

use super::conn::lifecycle::RequestKey;
use super::ibclient::IBState;
use super::sync::SharedSink;
use super::{EClient, IBClient};
use crate::errors::{ends_request, Error, Warning};
use crate::model::{
    BarData, Contract, Decimal, TagValue, TickAttrib, TickAttribBidAsk, TickAttribLast, TickType,
};
use crate::EWrapper;

/// One item of a market data stream ([`IBClient::market_data_stream`]).
#[derive(Debug, Clone, PartialEq)]
pub enum MarketDataTick {
    /// `tickPrice`.
    Price(TickType, f64, TickAttrib),
    /// `tickSize`.
    Size(TickType, Decimal),
    /// `tickString`.
    String(TickType, String),
    /// `tickGeneric`.
    Generic(TickType, f64),
}

/// One row change of an order book ([`IBClient::market_depth_stream`]): apply
/// it to a [`MarketDepthBook`](crate::MarketDepthBook).
#[derive(Debug, Clone, PartialEq)]
pub struct DepthUpdate {
    /// Row, from 0 at the top of the book.
    pub position: i32,
    /// The market maker or exchange (L2 and SMART depth), else empty.
    pub market_maker: String,
    /// 0 insert, 1 update, 2 delete.
    pub operation: i32,
    /// 0 ask, 1 bid.
    pub side: i32,
    /// The row's price.
    pub price: f64,
    /// The row's size.
    pub size: Decimal,
}

/// One tick of a tick-by-tick stream ([`IBClient::tick_by_tick_stream`]).
#[derive(Debug, Clone, PartialEq)]
pub enum TickByTick {
    /// `tickByTickAllLast`: a trade (tick type 1 `Last`, 2 `AllLast`).
    Last {
        /// 1 Last, 2 AllLast.
        tick_type: i32,
        /// Seconds since the epoch.
        time: i64,
        /// Trade price.
        price: f64,
        /// Trade size.
        size: Decimal,
        /// Past limit, unreported.
        attrib: TickAttribLast,
        /// The exchange.
        exchange: String,
        /// Special conditions.
        special_conditions: String,
    },
    /// `tickByTickBidAsk`: a quote.
    BidAsk {
        /// Seconds since the epoch.
        time: i64,
        /// Bid price.
        bid_price: f64,
        /// Ask price.
        ask_price: f64,
        /// Bid size.
        bid_size: Decimal,
        /// Ask size.
        ask_size: Decimal,
        /// Bid past low, ask past high.
        attrib: TickAttribBidAsk,
    },
    /// `tickByTickMidPoint`.
    MidPoint {
        /// Seconds since the epoch.
        time: i64,
        /// The midpoint.
        mid_point: f64,
    },
}

/// One 5-second bar of a real-time bar stream ([`IBClient::realtime_bars_stream`]).
#[derive(Debug, Clone, PartialEq)]
pub struct RealtimeBar {
    /// The bar's start, seconds since the epoch.
    pub time: i64,
    /// Open.
    pub open: f64,
    /// High.
    pub high: f64,
    /// Low.
    pub low: f64,
    /// Close.
    pub close: f64,
    /// Volume.
    pub volume: Decimal,
    /// Volume-weighted average price.
    pub wap: Decimal,
    /// Number of trades.
    pub count: i32,
}

/// One item of a kept-up-to-date historical stream
/// ([`IBClient::historical_data_stream`]).
#[derive(Debug, Clone, PartialEq)]
pub enum HistoricalBar {
    /// A bar of the initial answer (`historicalData`).
    Bar(BarData),
    /// The initial answer is complete (`historicalDataEnd`).
    End,
    /// The last bar, updated (`historicalDataUpdate`).
    Update(BarData),
}

/// What stops a stream's subscription.
type CancelFn = Box<dyn Fn(&EClient) + Send>;

/// How many warnings a [`Stream`] keeps: the latest ones (older ones reached
/// `EWrapper::error` and are dropped here).
pub const MAX_STREAM_WARNINGS: usize = 64;

/// The warnings a stream got, the latest [`MAX_STREAM_WARNINGS`].
type Warnings = Arc<Mutex<VecDeque<Warning>>>;

/// A subscription read as an iterator. Dropping it cancels the subscription.
pub struct Stream<T> {
    rx: Receiver<T>,
    req_id: i32,
    state: Arc<IBState>,
    cancel: Option<CancelFn>,
    client: EClient,
    error: Arc<Mutex<Option<Error>>>,
    warnings: Warnings,
}

impl<T> std::fmt::Debug for Stream<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Stream")
            .field("req_id", &self.req_id)
            .finish_non_exhaustive()
    }
}

impl<T> Stream<T> {
    /// The request id the subscription runs under.
    pub fn req_id(&self) -> i32 {
        self.req_id
    }

    /// The next item, waiting at most `timeout`: `Ok(Some(item))`,
    /// `Ok(None)` when the stream has ended, `Err(Error::Timeout)` when
    /// nothing came in time (the stream goes on).
    pub fn next_timeout(&mut self, timeout: Duration) -> Result<Option<T>, Error> {
        match self.rx.recv_timeout(timeout) {
            Ok(item) => Ok(Some(item)),
            Err(RecvTimeoutError::Disconnected) => Ok(None),
            Err(RecvTimeoutError::Timeout) => Err(Error::Timeout("the next item of a stream")),
        }
    }

    /// Why the stream ended, if TWS ended it with an error (its official
    /// code in [`Error::code`]) or the connection was lost.
    pub fn error(&self) -> Option<String> {
        self.error.lock().as_ref().map(|e| e.to_string())
    }

    /// The error that ended the stream, taken.
    pub fn take_error(&mut self) -> Option<Error> {
        self.error.lock().take()
    }

    /// The warnings TWS sent with the stream's request id so far (the latest
    /// [`MAX_STREAM_WARNINGS`]), oldest first: notices that ended nothing —
    /// 10090 "part of the requested market data is not subscribed", 10167
    /// "displaying delayed market data", 317 "market depth data reset", … (see
    /// [`crate::errors::classify`]). Each also reached `EWrapper::error`.
    /// **tws-api extension.**
    pub fn warnings(&self) -> Vec<Warning> {
        self.warnings.lock().iter().cloned().collect()
    }

    /// Stops the subscription (sends its cancel) and ends the stream.
    pub fn cancel(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.state.sinks.remove(RequestKey::Id(self.req_id));
        if let Some(cancel) = self.cancel.take() {
            cancel(&self.client);
        }
    }
}

impl<T> Iterator for Stream<T> {
    type Item = T;

    /// Blocks for the next item; `None` once the stream has ended.
    fn next(&mut self) -> Option<T> {
        self.rx.recv().ok()
    }
}

impl<T> Drop for Stream<T> {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The sending end of a stream, inside its sink.
struct Feed<T> {
    tx: Option<Sender<T>>,
    error: Arc<Mutex<Option<Error>>>,
    warnings: Warnings,
}

impl<T> Feed<T> {
    fn send(&mut self, item: T) {
        if let Some(tx) = &self.tx {
            if tx.send(item).is_err() {
                self.tx = None;
            }
        }
    }

    fn end(&mut self, error: Error) {
        if self.tx.is_some() {
            // The error first: the reader sees the end as soon as the
            // sender is dropped, and reads the error right after.
            *self.error.lock() = Some(error);
            self.tx = None;
        }
    }

    fn warn(&self, warning: Warning) {
        let mut w = self.warnings.lock();
        if w.len() == MAX_STREAM_WARNINGS {
            w.pop_front();
        }
        w.push_back(warning);
    }
}

/// An `error` that is an error ([`ends_request`]) and `connection_closed`
/// end every stream; a warning or a connection event is kept.
macro_rules! stream_ends {
    () => {
        fn error(&mut self, req_id: i32, _t: i64, code: i32, text: &str, _json: &str) {
            if ends_request(code) {
                self.0.end(Error::Tws {
                    req_id,
                    code,
                    message: text.to_owned(),
                });
            } else {
                self.0.warn(Warning {
                    req_id,
                    code,
                    message: text.to_owned(),
                });
            }
        }
        fn connection_closed(&mut self) {
            self.0.end(Error::NotConnected);
        }
    };
}

struct TicksSink(Feed<MarketDataTick>);
impl EWrapper for TicksSink {
    stream_ends!();
    fn tick_price(&mut self, _id: i32, t: TickType, price: f64, attrib: TickAttrib) {
        self.0.send(MarketDataTick::Price(t, price, attrib));
    }
    fn tick_size(&mut self, _id: i32, t: TickType, size: Decimal) {
        self.0.send(MarketDataTick::Size(t, size));
    }
    fn tick_string(&mut self, _id: i32, t: TickType, value: &str) {
        self.0.send(MarketDataTick::String(t, value.to_owned()));
    }
    fn tick_generic(&mut self, _id: i32, t: TickType, value: f64) {
        self.0.send(MarketDataTick::Generic(t, value));
    }
}

struct DepthSink(Feed<DepthUpdate>);
impl EWrapper for DepthSink {
    stream_ends!();
    fn update_mkt_depth(
        &mut self,
        _id: i32,
        position: i32,
        operation: i32,
        side: i32,
        price: f64,
        size: Decimal,
    ) {
        self.0.send(DepthUpdate {
            position,
            market_maker: String::new(),
            operation,
            side,
            price,
            size,
        });
    }
    fn update_mkt_depth_l2(
        &mut self,
        _id: i32,
        position: i32,
        market_maker: &str,
        operation: i32,
        side: i32,
        price: f64,
        size: Decimal,
        _is_smart_depth: bool,
    ) {
        self.0.send(DepthUpdate {
            position,
            market_maker: market_maker.to_owned(),
            operation,
            side,
            price,
            size,
        });
    }
}

struct TickByTickSink(Feed<TickByTick>);
impl EWrapper for TickByTickSink {
    stream_ends!();
    fn tick_by_tick_all_last(
        &mut self,
        _id: i32,
        tick_type: i32,
        time: i64,
        price: f64,
        size: Decimal,
        attrib: TickAttribLast,
        exchange: &str,
        special_conditions: &str,
    ) {
        self.0.send(TickByTick::Last {
            tick_type,
            time,
            price,
            size,
            attrib,
            exchange: exchange.to_owned(),
            special_conditions: special_conditions.to_owned(),
        });
    }
    fn tick_by_tick_bid_ask(
        &mut self,
        _id: i32,
        time: i64,
        bid_price: f64,
        ask_price: f64,
        bid_size: Decimal,
        ask_size: Decimal,
        attrib: TickAttribBidAsk,
    ) {
        self.0.send(TickByTick::BidAsk {
            time,
            bid_price,
            ask_price,
            bid_size,
            ask_size,
            attrib,
        });
    }
    fn tick_by_tick_mid_point(&mut self, _id: i32, time: i64, mid_point: f64) {
        self.0.send(TickByTick::MidPoint { time, mid_point });
    }
}

struct RealtimeBarsSink(Feed<RealtimeBar>);
impl EWrapper for RealtimeBarsSink {
    stream_ends!();
    fn realtime_bar(
        &mut self,
        _id: i32,
        time: i64,
        open: f64,
        high: f64,
        low: f64,
        close: f64,
        volume: Decimal,
        wap: Decimal,
        count: i32,
    ) {
        self.0.send(RealtimeBar {
            time,
            open,
            high,
            low,
            close,
            volume,
            wap,
            count,
        });
    }
}

struct HistoricalSink(Feed<HistoricalBar>);
impl EWrapper for HistoricalSink {
    stream_ends!();
    fn historical_data(&mut self, _id: i32, bar: &BarData) {
        self.0.send(HistoricalBar::Bar(bar.clone()));
    }
    fn historical_data_end(&mut self, _id: i32, _start: &str, _end: &str) {
        self.0.send(HistoricalBar::End);
    }
    fn historical_data_update(&mut self, _id: i32, bar: &BarData) {
        self.0.send(HistoricalBar::Update(bar.clone()));
    }
}

impl IBClient {
    /// Registers a stream's sink, sends its request, and returns the stream.
    fn stream<T: Send + 'static, S: EWrapper + Send + 'static>(
        &self,
        make: impl FnOnce(Feed<T>) -> S,
        send: impl FnOnce(i32) -> Result<(), Error>,
        cancel: impl Fn(&EClient, i32) + Send + 'static,
    ) -> Result<Stream<T>, Error> {
        let req_id = self.sync_req_id();
        let (tx, rx) = crossbeam_channel::unbounded();
        let error = Arc::new(Mutex::new(None));
        let warnings = Warnings::default();
        let feed = Feed {
            tx: Some(tx),
            error: Arc::clone(&error),
            warnings: Arc::clone(&warnings),
        };
        let sink: SharedSink = Arc::new(Mutex::new(make(feed)));
        self.state.sinks.insert(RequestKey::Id(req_id), sink);
        if let Err(e) = send(req_id) {
            self.state.sinks.remove(RequestKey::Id(req_id));
            return Err(e);
        }
        Ok(Stream {
            rx,
            req_id,
            state: Arc::clone(&self.state),
            cancel: Some(Box::new(move |c: &EClient| cancel(c, req_id))),
            client: self.client().clone(),
            error,
            warnings,
        })
    }

    /// `reqMktData` as an iterator of ticks until dropped, cancelled, ended
    /// by TWS or the connection. **tws-api extension.**
    ///
    /// ```no_run
    /// # use tws_api::{Contract, IBClient};
    /// # let client = IBClient::new();
    /// for tick in client.market_data_stream(&Contract::stock("AAPL", "SMART", "USD"), "")?.take(10) {
    ///     println!("{tick:?}");
    /// }
    /// # Ok::<(), tws_api::Error>(())
    /// ```
    pub fn market_data_stream(
        &self,
        contract: &Contract,
        generic_tick_list: &str,
    ) -> Result<Stream<MarketDataTick>, Error> {
        self.stream(
            TicksSink,
            |id| self.req_mkt_data(id, contract, generic_tick_list, false, false, &[]),
            |c, id| {
                let _ = c.cancel_mkt_data(id);
            },
        )
    }

    /// `reqMktDepth` as an iterator of book updates (apply them to a
    /// [`MarketDepthBook`](crate::MarketDepthBook)). **tws-api extension.**
    pub fn market_depth_stream(
        &self,
        contract: &Contract,
        num_rows: i32,
        is_smart_depth: bool,
    ) -> Result<Stream<DepthUpdate>, Error> {
        self.stream(
            DepthSink,
            |id| self.req_mkt_depth(id, contract, num_rows, is_smart_depth, &[]),
            move |c, id| {
                let _ = c.cancel_mkt_depth(id, is_smart_depth);
            },
        )
    }

    /// `reqTickByTickData` as an iterator of ticks (`tick_type` `"Last"`,
    /// `"AllLast"`, `"BidAsk"` or `"MidPoint"`). **tws-api extension.**
    pub fn tick_by_tick_stream(
        &self,
        contract: &Contract,
        tick_type: &str,
        number_of_ticks: i32,
        ignore_size: bool,
    ) -> Result<Stream<TickByTick>, Error> {
        self.stream(
            TickByTickSink,
            |id| self.req_tick_by_tick_data(id, contract, tick_type, number_of_ticks, ignore_size),
            |c, id| {
                let _ = c.cancel_tick_by_tick_data(id);
            },
        )
    }

    /// `reqRealTimeBars` as an iterator of 5-second bars. **tws-api extension.**
    pub fn realtime_bars_stream(
        &self,
        contract: &Contract,
        what_to_show: &str,
        use_rth: bool,
        options: &[TagValue],
    ) -> Result<Stream<RealtimeBar>, Error> {
        self.stream(
            RealtimeBarsSink,
            |id| self.req_real_time_bars(id, contract, 5, what_to_show, use_rth, options),
            |c, id| {
                let _ = c.cancel_real_time_bars(id);
            },
        )
    }

    /// `reqHistoricalData` with `keepUpToDate`: the bars, `End`, then the
    /// updates of the last bar, as an iterator. **tws-api extension.**
    #[allow(clippy::too_many_arguments)]
    pub fn historical_data_stream(
        &self,
        contract: &Contract,
        duration_str: &str,
        bar_size_setting: &str,
        what_to_show: &str,
        use_rth: i32,
        format_date: i32,
    ) -> Result<Stream<HistoricalBar>, Error> {
        self.stream(
            HistoricalSink,
            |id| {
                self.req_historical_data(
                    id,
                    contract,
                    "",
                    duration_str,
                    bar_size_setting,
                    what_to_show,
                    use_rth,
                    format_date,
                    true,
                    &[],
                )
            },
            |c, id| {
                let _ = c.cancel_historical_data(id);
            },
        )
    }
}
