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
use crate::model::{
    tick_type, BarData, Contract, ContractDescription, ContractDetails, Decimal, Execution,
    ExecutionFilter, HistogramData, HistoricalTick, HistoricalTickBidAsk, HistoricalTickLast,
    NewsProvider, Order, OrderState, PriceIncrement, ScanData, ScannerSubscription, TagValue,
    TickAttrib, TickType,
};
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

    pub(crate) fn insert(&self, key: RequestKey, sink: SharedSink) {
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

sink!(SnapshotSink<SnapshotTick> {
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
});

sink!(CurrentTimeSink<i64> {
    fn current_time(&mut self, time: i64) {
        self.0.push(time);
        self.0.finish();
    }
});

sink!(ContractDetailsSink<ContractDetails> {
    fn contract_details(&mut self, _id: i32, details: &ContractDetails) {
        self.0.push(details.clone());
    }
    fn bond_contract_details(&mut self, _id: i32, details: &ContractDetails) {
        self.0.push(details.clone());
    }
    fn contract_details_end(&mut self, _id: i32) {
        self.0.finish();
    }
});

sink!(SymbolSamplesSink<ContractDescription> {
    fn symbol_samples(&mut self, _id: i32, descriptions: &[ContractDescription]) {
        for d in descriptions {
            self.0.push(d.clone());
        }
        self.0.finish();
    }
});

/// One `securityDefinitionOptionParameter`: the option chain of an
/// underlying on one exchange ([`IBClient::sec_def_opt_params`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OptionChain {
    /// The exchange the chain trades on.
    pub exchange: String,
    /// The underlying's conId.
    pub underlying_con_id: i32,
    /// The options' trading class.
    pub trading_class: String,
    /// The options' multiplier.
    pub multiplier: String,
    /// Expiries, `YYYYMMDD`.
    pub expirations: Vec<String>,
    /// Strikes.
    pub strikes: Vec<f64>,
}

sink!(OptionChainSink<OptionChain> {
    fn security_definition_option_parameter(
        &mut self,
        _id: i32,
        exchange: &str,
        underlying_con_id: i32,
        trading_class: &str,
        multiplier: &str,
        expirations: &[String],
        strikes: &[f64],
    ) {
        self.0.push(OptionChain {
            exchange: exchange.to_owned(),
            underlying_con_id,
            trading_class: trading_class.to_owned(),
            multiplier: multiplier.to_owned(),
            expirations: expirations.to_vec(),
            strikes: strikes.to_vec(),
        });
    }
    fn security_definition_option_parameter_end(&mut self, _id: i32) {
        self.0.finish();
    }
});

/// The market rule a [`MarketRuleSink`] waits for, and its increments.
struct MarketRuleSink(Arc<Collector<PriceIncrement>>, i32);

impl EWrapper for MarketRuleSink {
    sink_ends!();
    fn market_rule(&mut self, market_rule_id: i32, increments: &[PriceIncrement]) {
        if market_rule_id == self.1 {
            for i in increments {
                self.0.push(*i);
            }
            self.0.finish();
        }
    }
}

sink!(NewsProvidersSink<NewsProvider> {
    fn news_providers(&mut self, providers: &[NewsProvider]) {
        for p in providers {
            self.0.push(p.clone());
        }
        self.0.finish();
    }
});

sink!(NewsArticleSink<(i32, String)> {
    fn news_article(&mut self, _id: i32, article_type: i32, article_text: &str) {
        self.0.push((article_type, article_text.to_owned()));
        self.0.finish();
    }
});

/// One `historicalNews` headline ([`IBClient::historical_news`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewsHeadline {
    /// When, as TWS writes it (`yyyy-MM-dd HH:mm:ss.0`).
    pub time: String,
    /// The provider (`BRFG`, `DJNL`, …).
    pub provider_code: String,
    /// The id to ask for the article with ([`IBClient::news_article`]).
    pub article_id: String,
    /// The headline.
    pub headline: String,
}

/// Headlines, then `historicalNewsEnd`'s `has_more` as the last item.
enum NewsItem {
    Headline(NewsHeadline),
    HasMore(bool),
}

sink!(HistoricalNewsSink<NewsItem> {
    fn historical_news(
        &mut self,
        _id: i32,
        time: &str,
        provider_code: &str,
        article_id: &str,
        headline: &str,
    ) {
        self.0.push(NewsItem::Headline(NewsHeadline {
            time: time.to_owned(),
            provider_code: provider_code.to_owned(),
            article_id: article_id.to_owned(),
            headline: headline.to_owned(),
        }));
    }
    fn historical_news_end(&mut self, _id: i32, has_more: bool) {
        self.0.push(NewsItem::HasMore(has_more));
        self.0.finish();
    }
});

sink!(TextSink<String> {
    fn fundamental_data(&mut self, _id: i32, data: &str) {
        self.0.push(data.to_owned());
        self.0.finish();
    }
    fn scanner_parameters(&mut self, xml: &str) {
        self.0.push(xml.to_owned());
        self.0.finish();
    }
});

sink!(BarsSink<BarData> {
    fn historical_data(&mut self, _id: i32, bar: &BarData) {
        self.0.push(bar.clone());
    }
    fn historical_data_end(&mut self, _id: i32, _start: &str, _end: &str) {
        self.0.finish();
    }
});

sink!(HeadTimestampSink<String> {
    fn head_timestamp(&mut self, _id: i32, head_timestamp: &str) {
        self.0.push(head_timestamp.to_owned());
        self.0.finish();
    }
});

sink!(HistogramSink<HistogramData> {
    fn histogram_data(&mut self, _id: i32, items: &[HistogramData]) {
        for i in items {
            self.0.push(*i);
        }
        self.0.finish();
    }
});

/// The answer of [`IBClient::historical_ticks`], by `what_to_show`.
#[derive(Debug, Clone, PartialEq)]
pub enum HistoricalTicks {
    /// `MIDPOINT`: `historicalTicks`.
    Midpoint(Vec<HistoricalTick>),
    /// `BID_ASK`: `historicalTicksBidAsk`.
    BidAsk(Vec<HistoricalTickBidAsk>),
    /// `TRADES`: `historicalTicksLast`.
    Last(Vec<HistoricalTickLast>),
}

sink!(HistoricalTicksSink<HistoricalTicks> {
    fn historical_ticks(&mut self, _id: i32, ticks: &[HistoricalTick], done: bool) {
        self.0.push(HistoricalTicks::Midpoint(ticks.to_vec()));
        if done {
            self.0.finish();
        }
    }
    fn historical_ticks_bid_ask(&mut self, _id: i32, ticks: &[HistoricalTickBidAsk], done: bool) {
        self.0.push(HistoricalTicks::BidAsk(ticks.to_vec()));
        if done {
            self.0.finish();
        }
    }
    fn historical_ticks_last(&mut self, _id: i32, ticks: &[HistoricalTickLast], done: bool) {
        self.0.push(HistoricalTicks::Last(ticks.to_vec()));
        if done {
            self.0.finish();
        }
    }
});

/// One open or completed order, as `openOrder` / `completedOrder` give it.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderInfo {
    /// The order id (0 for completed orders: `completedOrder` has none;
    /// `order.perm_id` identifies them).
    pub order_id: i32,
    /// The instrument.
    pub contract: Contract,
    /// The order.
    pub order: Order,
    /// Its state (status, margin and commission).
    pub order_state: OrderState,
}

sink!(OpenOrdersSink<OrderInfo> {
    fn open_order(&mut self, order_id: i32, contract: &Contract, order: &Order, state: &OrderState) {
        self.0.push(OrderInfo {
            order_id,
            contract: contract.clone(),
            order: order.clone(),
            order_state: state.clone(),
        });
    }
    fn open_order_end(&mut self) {
        self.0.finish();
    }
});

sink!(CompletedOrdersSink<OrderInfo> {
    fn completed_order(&mut self, contract: &Contract, order: &Order, state: &OrderState) {
        self.0.push(OrderInfo {
            order_id: order.order_id,
            contract: contract.clone(),
            order: order.clone(),
            order_state: state.clone(),
        });
    }
    fn completed_orders_end(&mut self) {
        self.0.finish();
    }
});

sink!(ExecutionsSink<(Contract, Execution)> {
    fn exec_details(&mut self, _id: i32, contract: &Contract, execution: &Execution) {
        self.0.push((contract.clone(), execution.clone()));
    }
    fn exec_details_end(&mut self, _id: i32) {
        self.0.finish();
    }
});

/// One `orderStatus` of an order ([`IBClient::place_order_and_wait`]).
#[derive(Debug, Clone, PartialEq)]
pub struct OrderStatusUpdate {
    /// `PreSubmitted`, `Submitted`, `Filled`, `Cancelled`, …
    pub status: String,
    /// Quantity filled so far.
    pub filled: Decimal,
    /// Quantity still to fill.
    pub remaining: Decimal,
    /// Average price of the fills so far.
    pub avg_fill_price: f64,
    /// TWS's permanent id of the order.
    pub perm_id: i64,
    /// The parent's order id (0: none).
    pub parent_id: i32,
    /// Price of the last fill.
    pub last_fill_price: f64,
    /// Why the order is held, if it is.
    pub why_held: String,
}

/// What [`IBClient::place_order_and_wait`] saw of an order until it returned.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrderProgress {
    /// Every `orderStatus`, in order.
    pub statuses: Vec<OrderStatusUpdate>,
    /// The last `openOrder` (the order as TWS holds it, and its state).
    pub open_order: Option<OrderInfo>,
    /// Its executions (`execDetails`), in order.
    pub executions: Vec<Execution>,
}

impl OrderProgress {
    /// The last status, if any came.
    pub fn status(&self) -> Option<&str> {
        self.statuses.last().map(|s| s.status.as_str())
    }
}

enum OrderEvent {
    Status(OrderStatusUpdate),
    Open(Box<OrderInfo>),
    Execution(Execution),
}

/// Statuses after which an order changes no more.
const FINAL_STATUSES: [&str; 4] = ["Filled", "Cancelled", "ApiCancelled", "Inactive"];

/// Waits on one order until one of `until` (or a final status).
struct OrderSink {
    c: Arc<Collector<OrderEvent>>,
    until: Vec<String>,
}

impl EWrapper for OrderSink {
    fn error(&mut self, req_id: i32, _t: i64, code: i32, text: &str, _json: &str) {
        // 399 is TWS's warning about an order that goes on (e.g. held until
        // the open): the order is not refused.
        if code != 399 {
            self.c.error(req_id, code, text);
        }
    }
    fn connection_closed(&mut self) {
        self.c.lost();
    }
    #[allow(clippy::too_many_arguments)]
    fn order_status(
        &mut self,
        _order_id: i32,
        status: &str,
        filled: Decimal,
        remaining: Decimal,
        avg_fill_price: f64,
        perm_id: i64,
        parent_id: i32,
        last_fill_price: f64,
        _client_id: i32,
        why_held: &str,
        _mkt_cap_price: f64,
    ) {
        self.c.push(OrderEvent::Status(OrderStatusUpdate {
            status: status.to_owned(),
            filled,
            remaining,
            avg_fill_price,
            perm_id,
            parent_id,
            last_fill_price,
            why_held: why_held.to_owned(),
        }));
        if self.until.iter().any(|u| u == status) || FINAL_STATUSES.contains(&status) {
            self.c.finish();
        }
    }
    fn open_order(
        &mut self,
        order_id: i32,
        contract: &Contract,
        order: &Order,
        state: &OrderState,
    ) {
        self.c.push(OrderEvent::Open(Box::new(OrderInfo {
            order_id,
            contract: contract.clone(),
            order: order.clone(),
            order_state: state.clone(),
        })));
    }
    fn exec_details(&mut self, _id: i32, _contract: &Contract, execution: &Execution) {
        self.c.push(OrderEvent::Execution(execution.clone()));
    }
}

/// One `position` ([`IBClient::positions`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PositionInfo {
    /// The account.
    pub account: String,
    /// The instrument.
    pub contract: Contract,
    /// Signed quantity.
    pub position: Decimal,
    /// Average cost (price × multiplier, commissions included).
    pub avg_cost: f64,
}

sink!(PositionsSink<PositionInfo> {
    fn position(&mut self, account: &str, contract: &Contract, position: Decimal, avg_cost: f64) {
        self.0.push(PositionInfo {
            account: account.to_owned(),
            contract: contract.clone(),
            position,
            avg_cost,
        });
    }
    fn position_end(&mut self) {
        self.0.finish();
    }
});

/// One `accountSummary` row ([`IBClient::account_summary`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountSummaryRow {
    /// The account.
    pub account: String,
    /// The tag (`NetLiquidation`, `BuyingPower`, …).
    pub tag: String,
    /// Its value, as TWS writes it.
    pub value: String,
    /// Its currency (empty for non-monetary tags).
    pub currency: String,
}

sink!(AccountSummarySink<AccountSummaryRow> {
    fn account_summary(&mut self, _id: i32, account: &str, tag: &str, value: &str, currency: &str) {
        self.0.push(AccountSummaryRow {
            account: account.to_owned(),
            tag: tag.to_owned(),
            value: value.to_owned(),
            currency: currency.to_owned(),
        });
    }
    fn account_summary_end(&mut self, _id: i32) {
        self.0.finish();
    }
});

/// One `updatePortfolio` row ([`IBClient::portfolio`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioItem {
    /// The instrument.
    pub contract: Contract,
    /// Signed quantity.
    pub position: Decimal,
    /// The market price.
    pub market_price: f64,
    /// The market value.
    pub market_value: f64,
    /// Average cost.
    pub average_cost: f64,
    /// Unrealized PnL.
    pub unrealized_pnl: f64,
    /// Realized PnL.
    pub realized_pnl: f64,
    /// The account.
    pub account_name: String,
}

/// What `reqAccountUpdates` sends until `accountDownloadEnd` ([`IBClient::portfolio`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AccountSnapshot {
    /// Account values: (key, value, currency).
    pub values: Vec<(String, String, String)>,
    /// The positions with their market values and PnL.
    pub portfolio: Vec<PortfolioItem>,
    /// The account time (`updateAccountTime`).
    pub time: String,
}

enum AccountItem {
    Value(String, String, String),
    Portfolio(Box<PortfolioItem>),
    Time(String),
}

sink!(AccountUpdatesSink<AccountItem> {
    fn update_account_value(&mut self, key: &str, val: &str, currency: &str, _account: &str) {
        self.0.push(AccountItem::Value(key.to_owned(), val.to_owned(), currency.to_owned()));
    }
    #[allow(clippy::too_many_arguments)]
    fn update_portfolio(
        &mut self,
        contract: &Contract,
        position: Decimal,
        market_price: f64,
        market_value: f64,
        average_cost: f64,
        unrealized_pnl: f64,
        realized_pnl: f64,
        account_name: &str,
    ) {
        self.0.push(AccountItem::Portfolio(Box::new(PortfolioItem {
            contract: contract.clone(),
            position,
            market_price,
            market_value,
            average_cost,
            unrealized_pnl,
            realized_pnl,
            account_name: account_name.to_owned(),
        })));
    }
    fn update_account_time(&mut self, time: &str) {
        self.0.push(AccountItem::Time(time.to_owned()));
    }
    fn account_download_end(&mut self, _account: &str) {
        self.0.finish();
    }
});

sink!(ScannerSink<ScanData> {
    fn scanner_data(
        &mut self,
        _id: i32,
        rank: i32,
        contract: &ContractDetails,
        distance: &str,
        benchmark: &str,
        projection: &str,
        legs_str: &str,
    ) {
        self.0.push(ScanData {
            contract: contract.clone(),
            rank,
            distance: distance.to_owned(),
            benchmark: benchmark.to_owned(),
            projection: projection.to_owned(),
            legs_str: legs_str.to_owned(),
        });
    }
    fn scanner_data_end(&mut self, _id: i32) {
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

    /// `reqContractDetails`, waited for until `contractDetailsEnd`: every
    /// contract that matches `contract` (bonds too). An unknown contract is
    /// `Error::Tws` with code 200. **tws-api extension** (`TWSSyncWrapper`:
    /// `get_contract_details`).
    ///
    /// ```no_run
    /// # use std::time::Duration;
    /// # use tws_api::{Contract, IBClient};
    /// # let client = IBClient::new();
    /// let details = client.contract_details(&Contract::stock("AAPL", "SMART", "USD"), Duration::from_secs(10))?;
    /// println!("{} ({})", details[0].long_name, details[0].contract.con_id);
    /// # Ok::<(), tws_api::Error>(())
    /// ```
    pub fn contract_details(
        &self,
        contract: &Contract,
        timeout: Duration,
    ) -> Result<Vec<ContractDetails>, Error> {
        let req_id = self.sync_req_id();
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqContractDetails",
            timeout,
            cancel: None,
        };
        self.wait_for(wait, ContractDetailsSink, || {
            self.req_contract_details(req_id, contract)
        })
    }

    /// `reqMatchingSymbols`, waited for: the contracts whose symbol or name
    /// starts with `pattern`. **tws-api extension.**
    pub fn matching_symbols(
        &self,
        pattern: &str,
        timeout: Duration,
    ) -> Result<Vec<ContractDescription>, Error> {
        let req_id = self.sync_req_id();
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqMatchingSymbols",
            timeout,
            cancel: None,
        };
        self.wait_for(wait, SymbolSamplesSink, || {
            self.req_matching_symbols(req_id, pattern)
        })
    }

    /// `reqSecDefOptParams`, waited for until its end: the option chains of
    /// an underlying, one per exchange. **tws-api extension.**
    pub fn sec_def_opt_params(
        &self,
        underlying_symbol: &str,
        fut_fop_exchange: &str,
        underlying_sec_type: &str,
        underlying_con_id: i32,
        timeout: Duration,
    ) -> Result<Vec<OptionChain>, Error> {
        let req_id = self.sync_req_id();
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqSecDefOptParams",
            timeout,
            cancel: None,
        };
        self.wait_for(wait, OptionChainSink, || {
            self.req_sec_def_opt_params(
                req_id,
                underlying_symbol,
                fut_fop_exchange,
                underlying_sec_type,
                underlying_con_id,
            )
        })
    }

    /// `reqMarketRule`, waited for: the price increments of market rule
    /// `market_rule_id`. **tws-api extension.**
    pub fn market_rule(
        &self,
        market_rule_id: i32,
        timeout: Duration,
    ) -> Result<Vec<PriceIncrement>, Error> {
        let wait = Wait {
            key: RequestKey::Request(outgoing::REQ_MARKET_RULE),
            what: "reqMarketRule",
            timeout,
            cancel: None,
        };
        self.wait_for(
            wait,
            |c| MarketRuleSink(c, market_rule_id),
            || self.req_market_rule(market_rule_id),
        )
    }

    /// `reqNewsProviders`, waited for. **tws-api extension.**
    pub fn news_providers(&self, timeout: Duration) -> Result<Vec<NewsProvider>, Error> {
        let wait = Wait {
            key: RequestKey::Request(outgoing::REQ_NEWS_PROVIDERS),
            what: "reqNewsProviders",
            timeout,
            cancel: None,
        };
        self.wait_for(wait, NewsProvidersSink, || self.req_news_providers())
    }

    /// `reqNewsArticle`, waited for: the article's type (0 text, 1 binary as
    /// base64) and text. **tws-api extension.**
    pub fn news_article(
        &self,
        provider_code: &str,
        article_id: &str,
        timeout: Duration,
    ) -> Result<(i32, String), Error> {
        let req_id = self.sync_req_id();
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqNewsArticle",
            timeout,
            cancel: None,
        };
        let mut v = self.wait_for(wait, NewsArticleSink, || {
            self.req_news_article(req_id, provider_code, article_id, &[])
        })?;
        v.pop().ok_or(Error::Timeout("reqNewsArticle"))
    }

    /// `reqHistoricalNews`, waited for until `historicalNewsEnd`: the
    /// headlines, and whether there are more. **tws-api extension.**
    pub fn historical_news(
        &self,
        con_id: i32,
        provider_codes: &str,
        start_date_time: &str,
        end_date_time: &str,
        total_results: i32,
        timeout: Duration,
    ) -> Result<(Vec<NewsHeadline>, bool), Error> {
        let req_id = self.sync_req_id();
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqHistoricalNews",
            timeout,
            cancel: None,
        };
        let items = self.wait_for(wait, HistoricalNewsSink, || {
            self.req_historical_news(
                req_id,
                con_id,
                provider_codes,
                start_date_time,
                end_date_time,
                total_results,
                &[],
            )
        })?;
        let mut headlines = Vec::new();
        let mut more = false;
        for i in items {
            match i {
                NewsItem::Headline(h) => headlines.push(h),
                NewsItem::HasMore(m) => more = m,
            }
        }
        Ok((headlines, more))
    }

    /// `reqFundamentalData`, waited for: the report (XML) of `report_type`
    /// (`ReportSnapshot`, `ReportsFinSummary`, …). **tws-api extension.**
    pub fn fundamental_data(
        &self,
        contract: &Contract,
        report_type: &str,
        timeout: Duration,
    ) -> Result<String, Error> {
        let req_id = self.sync_req_id();
        let cancel = || {
            let _ = self.cancel_fundamental_data(req_id);
        };
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqFundamentalData",
            timeout,
            cancel: Some(&cancel),
        };
        let mut v = self.wait_for(wait, TextSink, || {
            self.req_fundamental_data(req_id, contract, report_type, &[])
        })?;
        v.pop().ok_or(Error::Timeout("reqFundamentalData"))
    }

    /// `reqHistoricalData` without `keepUpToDate`, waited for until
    /// `historicalDataEnd`: the bars. TWS's refusals come back as
    /// `Error::Tws` (162 no data or pacing, 321 an invalid bar size or
    /// duration, 200 an unknown contract). With the client's historical
    /// pacer on (`set_historical_pacing`), the request first waits its turn.
    /// **tws-api extension** (`TWSSyncWrapper`: `get_historical_data`).
    ///
    /// ```no_run
    /// # use std::time::Duration;
    /// # use tws_api::{Contract, IBClient};
    /// # let client = IBClient::new();
    /// let aapl = Contract::stock("AAPL", "SMART", "USD");
    /// let bars = client.historical_data(&aapl, "", "5 D", "1 hour", "TRADES", 1, 1, Duration::from_secs(30))?;
    /// for b in &bars {
    ///     println!("{} {} {} {} {}", b.date, b.open, b.high, b.low, b.close);
    /// }
    /// # Ok::<(), tws_api::Error>(())
    /// ```
    #[allow(clippy::too_many_arguments)]
    pub fn historical_data(
        &self,
        contract: &Contract,
        end_date_time: &str,
        duration_str: &str,
        bar_size_setting: &str,
        what_to_show: &str,
        use_rth: i32,
        format_date: i32,
        timeout: Duration,
    ) -> Result<Vec<BarData>, Error> {
        let req_id = self.sync_req_id();
        let cancel = || {
            let _ = self.cancel_historical_data(req_id);
        };
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqHistoricalData",
            timeout,
            cancel: Some(&cancel),
        };
        self.wait_for(wait, BarsSink, || {
            self.req_historical_data(
                req_id,
                contract,
                end_date_time,
                duration_str,
                bar_size_setting,
                what_to_show,
                use_rth,
                format_date,
                false,
                &[],
            )
        })
    }

    /// `reqHeadTimeStamp`, waited for: the earliest data point of
    /// `what_to_show`. **tws-api extension.**
    pub fn head_timestamp(
        &self,
        contract: &Contract,
        what_to_show: &str,
        use_rth: i32,
        format_date: i32,
        timeout: Duration,
    ) -> Result<String, Error> {
        let req_id = self.sync_req_id();
        let cancel = || {
            let _ = self.cancel_head_time_stamp(req_id);
        };
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqHeadTimeStamp",
            timeout,
            cancel: Some(&cancel),
        };
        let mut v = self.wait_for(wait, HeadTimestampSink, || {
            self.req_head_time_stamp(req_id, contract, what_to_show, use_rth, format_date)
        })?;
        v.pop().ok_or(Error::Timeout("reqHeadTimeStamp"))
    }

    /// `reqHistogramData`, waited for: volume by price over `time_period`
    /// (`"3 days"`, `"1 week"`, …). **tws-api extension.**
    pub fn histogram_data(
        &self,
        contract: &Contract,
        use_rth: bool,
        time_period: &str,
        timeout: Duration,
    ) -> Result<Vec<HistogramData>, Error> {
        let req_id = self.sync_req_id();
        let cancel = || {
            let _ = self.cancel_histogram_data(req_id);
        };
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqHistogramData",
            timeout,
            cancel: Some(&cancel),
        };
        self.wait_for(wait, HistogramSink, || {
            self.req_histogram_data(req_id, contract, use_rth, time_period)
        })
    }

    /// `reqHistoricalTicks`, waited for until the part marked done: up to
    /// `number_of_ticks` ticks of `what_to_show` (`TRADES`, `BID_ASK`,
    /// `MIDPOINT`), from `start_date_time` or back from `end_date_time`.
    /// **tws-api extension.**
    #[allow(clippy::too_many_arguments)]
    pub fn historical_ticks(
        &self,
        contract: &Contract,
        start_date_time: &str,
        end_date_time: &str,
        number_of_ticks: i32,
        what_to_show: &str,
        use_rth: i32,
        ignore_size: bool,
        timeout: Duration,
    ) -> Result<HistoricalTicks, Error> {
        let req_id = self.sync_req_id();
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqHistoricalTicks",
            timeout,
            cancel: None,
        };
        let parts = self.wait_for(wait, HistoricalTicksSink, || {
            self.req_historical_ticks(
                req_id,
                contract,
                start_date_time,
                end_date_time,
                number_of_ticks,
                what_to_show,
                use_rth,
                ignore_size,
                &[],
            )
        })?;
        let mut out: Option<HistoricalTicks> = None;
        for part in parts {
            out = Some(match (out, part) {
                (Some(HistoricalTicks::Midpoint(mut a)), HistoricalTicks::Midpoint(b)) => {
                    a.extend(b);
                    HistoricalTicks::Midpoint(a)
                }
                (Some(HistoricalTicks::BidAsk(mut a)), HistoricalTicks::BidAsk(b)) => {
                    a.extend(b);
                    HistoricalTicks::BidAsk(a)
                }
                (Some(HistoricalTicks::Last(mut a)), HistoricalTicks::Last(b)) => {
                    a.extend(b);
                    HistoricalTicks::Last(a)
                }
                (_, part) => part,
            });
        }
        Ok(out.unwrap_or(match what_to_show {
            "BID_ASK" => HistoricalTicks::BidAsk(Vec::new()),
            "TRADES" => HistoricalTicks::Last(Vec::new()),
            _ => HistoricalTicks::Midpoint(Vec::new()),
        }))
    }

    /// `reqOpenOrders`, waited for until `openOrderEnd`: this client's open
    /// orders (client 0 also gets the orders placed in TWS). **tws-api
    /// extension** (`TWSSyncWrapper`: `get_open_orders`).
    pub fn open_orders(&self, timeout: Duration) -> Result<Vec<OrderInfo>, Error> {
        let wait = Wait {
            key: RequestKey::Request(outgoing::REQ_OPEN_ORDERS),
            what: "reqOpenOrders",
            timeout,
            cancel: None,
        };
        self.wait_for(wait, OpenOrdersSink, || self.req_open_orders())
    }

    /// `reqAllOpenOrders`, waited for until `openOrderEnd`: the open orders
    /// of every client and of TWS. **tws-api extension.**
    pub fn all_open_orders(&self, timeout: Duration) -> Result<Vec<OrderInfo>, Error> {
        let wait = Wait {
            key: RequestKey::Request(outgoing::REQ_ALL_OPEN_ORDERS),
            what: "reqAllOpenOrders",
            timeout,
            cancel: None,
        };
        self.wait_for(wait, OpenOrdersSink, || self.req_all_open_orders())
    }

    /// `reqCompletedOrders`, waited for until `completedOrdersEnd`: today's
    /// filled and cancelled orders (`api_only`: only those placed through the
    /// API). **tws-api extension.**
    pub fn completed_orders(
        &self,
        api_only: bool,
        timeout: Duration,
    ) -> Result<Vec<OrderInfo>, Error> {
        let wait = Wait {
            key: RequestKey::Request(outgoing::REQ_COMPLETED_ORDERS),
            what: "reqCompletedOrders",
            timeout,
            cancel: None,
        };
        self.wait_for(wait, CompletedOrdersSink, || {
            self.req_completed_orders(api_only)
        })
    }

    /// `reqExecutions`, waited for until `execDetailsEnd`: the executions
    /// that `filter` selects, with their contracts. **tws-api extension**
    /// (`TWSSyncWrapper`: `get_executions`).
    pub fn executions(
        &self,
        filter: &ExecutionFilter,
        timeout: Duration,
    ) -> Result<Vec<(Contract, Execution)>, Error> {
        let req_id = self.sync_req_id();
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqExecutions",
            timeout,
            cancel: None,
        };
        self.wait_for(wait, ExecutionsSink, || self.req_executions(req_id, filter))
    }

    /// `placeOrder`, then waits until the order reaches one of `until`
    /// (e.g. `&["Filled"]`, `&["Submitted", "Filled"]`) or a final status
    /// (Filled, Cancelled, ApiCancelled, Inactive): its status history, its
    /// last `openOrder` and its executions. TWS's refusal of the order is
    /// `Error::Tws` with TWS's code (201, 202, 103, …); warning 399 is not a
    /// refusal. On a timeout the order stays as it is (it is not cancelled):
    /// check it with [`open_orders`](IBClient::open_orders). The live-order
    /// guard applies as for `place_order`. **tws-api extension**
    /// (`TWSSyncWrapper`: `place_order_sync`).
    ///
    /// ```no_run
    /// # use std::time::Duration;
    /// # use tws_api::{Contract, IBClient, Order};
    /// # let client = IBClient::new();
    /// let id = client.take_order_id().expect("connected");
    /// let order = Order::market("BUY", 100.into());
    /// let progress = client.place_order_and_wait(
    ///     id, &Contract::stock("AAPL", "SMART", "USD"), &order, &["Filled"], Duration::from_secs(30))?;
    /// println!("{:?} at {}", progress.status(), progress.statuses.last().map_or(0.0, |s| s.avg_fill_price));
    /// # Ok::<(), tws_api::Error>(())
    /// ```
    pub fn place_order_and_wait(
        &self,
        order_id: i32,
        contract: &Contract,
        order: &Order,
        until: &[&str],
        timeout: Duration,
    ) -> Result<OrderProgress, Error> {
        let wait = Wait {
            key: RequestKey::Order(order_id),
            what: "placeOrder",
            timeout,
            cancel: None,
        };
        let until: Vec<String> = until.iter().map(|s| (*s).to_owned()).collect();
        let events = self.wait_for(
            wait,
            |c| OrderSink { c, until },
            || self.place_order(order_id, contract, order),
        )?;
        let mut progress = OrderProgress::default();
        for e in events {
            match e {
                OrderEvent::Status(s) => progress.statuses.push(s),
                OrderEvent::Open(o) => progress.open_order = Some(*o),
                OrderEvent::Execution(x) => progress.executions.push(x),
            }
        }
        Ok(progress)
    }

    /// `reqPositions`, waited for until `positionEnd`, then cancelled: every
    /// position of every account. **tws-api extension** (`TWSSyncWrapper`:
    /// `get_positions`).
    pub fn positions(&self, timeout: Duration) -> Result<Vec<PositionInfo>, Error> {
        let wait = Wait {
            key: RequestKey::Request(outgoing::REQ_POSITIONS),
            what: "reqPositions",
            timeout,
            cancel: None,
        };
        let result = self.wait_for(wait, PositionsSink, || self.req_positions());
        let _ = self.cancel_positions();
        result
    }

    /// `reqAccountSummary`, waited for until `accountSummaryEnd`, then
    /// cancelled: the `tags` (comma-separated, see
    /// [`AccountSummaryTags`](crate::model::AccountSummaryTags)) of every
    /// account of `group_name` (`"All"`). **tws-api extension**
    /// (`TWSSyncWrapper`: `get_account_summary`).
    pub fn account_summary(
        &self,
        group_name: &str,
        tags: &str,
        timeout: Duration,
    ) -> Result<Vec<AccountSummaryRow>, Error> {
        let req_id = self.sync_req_id();
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqAccountSummary",
            timeout,
            cancel: None,
        };
        let result = self.wait_for(wait, AccountSummarySink, || {
            self.req_account_summary(req_id, group_name, tags)
        });
        let _ = self.cancel_account_summary(req_id);
        result
    }

    /// `reqAccountUpdates(true, account)`, waited for until
    /// `accountDownloadEnd`, then unsubscribed: the account's values and its
    /// portfolio. **tws-api extension** (`TWSSyncWrapper`: `get_portfolio`).
    pub fn portfolio(&self, account: &str, timeout: Duration) -> Result<AccountSnapshot, Error> {
        let wait = Wait {
            key: RequestKey::Request(outgoing::REQ_ACCT_DATA),
            what: "reqAccountUpdates",
            timeout,
            cancel: None,
        };
        let result = self.wait_for(wait, AccountUpdatesSink, || {
            self.req_account_updates(true, account)
        });
        let _ = self.req_account_updates(false, account);
        let mut snap = AccountSnapshot::default();
        for item in result? {
            match item {
                AccountItem::Value(k, v, c) => snap.values.push((k, v, c)),
                AccountItem::Portfolio(p) => snap.portfolio.push(*p),
                AccountItem::Time(t) => snap.time = t,
            }
        }
        Ok(snap)
    }

    /// `reqScannerParameters`, waited for: the XML document of scan codes,
    /// instruments, locations and filters. **tws-api extension.**
    pub fn scanner_parameters(&self, timeout: Duration) -> Result<String, Error> {
        let wait = Wait {
            key: RequestKey::Request(outgoing::REQ_SCANNER_PARAMETERS),
            what: "reqScannerParameters",
            timeout,
            cancel: None,
        };
        let mut v = self.wait_for(wait, TextSink, || self.req_scanner_parameters())?;
        v.pop().ok_or(Error::Timeout("reqScannerParameters"))
    }

    /// `reqScannerSubscription`, waited for until the first `scannerDataEnd`,
    /// then cancelled: one scan's ranked rows. **tws-api extension.**
    pub fn scanner_data(
        &self,
        subscription: &ScannerSubscription,
        scanner_subscription_options: &[TagValue],
        scanner_subscription_filter_options: &[TagValue],
        timeout: Duration,
    ) -> Result<Vec<ScanData>, Error> {
        let req_id = self.sync_req_id();
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqScannerSubscription",
            timeout,
            cancel: None,
        };
        let rows = self.wait_for(wait, ScannerSink, || {
            self.req_scanner_subscription(
                req_id,
                subscription,
                scanner_subscription_options,
                scanner_subscription_filter_options,
            )
        });
        // One scan is enough: stop the subscription whatever happened.
        let _ = self.cancel_scanner_subscription(req_id);
        rows
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
        let cancel = || {
            let _ = self.cancel_mkt_data(req_id);
        };
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqMktData (snapshot)",
            timeout,
            cancel: Some(&cancel),
        };
        let ticks = self.wait_for(wait, SnapshotSink, || {
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
