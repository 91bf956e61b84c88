//! Small data types shared by many callbacks: bars, tick attributes,
//! historical ticks, news providers, and the like.

use std::fmt;

use super::unset::{Decimal, UNSET_DECIMAL, UNSET_INTEGER};

/// A request id of a market data request (an alias kept for parity with the official API).
pub type TickerId = i32;
/// An order id (an alias kept for parity with the official API).
pub type OrderId = i32;

/// Market data types for `req_market_data_type` and the `market_data_type` callback.
pub mod market_data_type {
    /// Live data (requires a subscription).
    pub const REALTIME: i32 = 1;
    /// The last data recorded at market close.
    pub const FROZEN: i32 = 2;
    /// Delayed data, when there is no live subscription.
    pub const DELAYED: i32 = 3;
    /// Delayed data frozen at market close.
    pub const DELAYED_FROZEN: i32 = 4;

    /// The official name of a market data type, or `"N/A"`/`"NOTFOUND"` like the official enum.
    pub fn name(market_data_type: i32) -> &'static str {
        match market_data_type {
            0 => "N/A",
            REALTIME => "REALTIME",
            FROZEN => "FROZEN",
            DELAYED => "DELAYED",
            DELAYED_FROZEN => "DELAYED_FROZEN",
            _ => "NOTFOUND",
        }
    }
}

/// Financial advisor data types for `request_fa`, `replace_fa` and `receive_fa`.
pub mod fa_data_type {
    /// Account groups.
    pub const GROUPS: i32 = 1;
    /// Account aliases.
    pub const ALIASES: i32 = 3;

    /// The official name of an FA data type, or `"N/A"`/`"NOTFOUND"` like the official enum.
    pub fn name(fa_data_type: i32) -> &'static str {
        match fa_data_type {
            0 | 2 => "N/A",
            GROUPS => "GROUPS",
            ALIASES => "ALIASES",
            _ => "NOTFOUND",
        }
    }
}

/// One bar of historical data (`historical_data`, `historical_data_update`).
#[derive(Debug, Clone, PartialEq)]
pub struct BarData {
    /// Bar start, as TWS formats it (a date, a date-time, or epoch seconds,
    /// depending on the request's `format_date`).
    pub date: String,
    /// Opening price.
    pub open: f64,
    /// Highest price.
    pub high: f64,
    /// Lowest price.
    pub low: f64,
    /// Closing price.
    pub close: f64,
    /// Volume; [`UNSET_DECIMAL`] when not reported.
    pub volume: Decimal,
    /// Volume-weighted average price; [`UNSET_DECIMAL`] when not reported.
    pub wap: Decimal,
    /// Number of trades in the bar.
    pub bar_count: i32,
}

impl Default for BarData {
    fn default() -> Self {
        Self {
            date: String::new(),
            open: 0.0,
            high: 0.0,
            low: 0.0,
            close: 0.0,
            volume: UNSET_DECIMAL,
            wap: UNSET_DECIMAL,
            bar_count: 0,
        }
    }
}

/// A five-second real-time bar.
///
/// The official attribute for the opening price is `open_`; it is `open` here,
/// as in [`BarData`].
#[derive(Debug, Clone, PartialEq)]
pub struct RealTimeBar {
    /// Bar start, epoch seconds.
    pub time: i64,
    /// Bar end, epoch seconds; −1 when not known.
    pub end_time: i64,
    /// Opening price.
    pub open: f64,
    /// Highest price.
    pub high: f64,
    /// Lowest price.
    pub low: f64,
    /// Closing price.
    pub close: f64,
    /// Volume; [`UNSET_DECIMAL`] when not reported.
    pub volume: Decimal,
    /// Volume-weighted average price; [`UNSET_DECIMAL`] when not reported.
    pub wap: Decimal,
    /// Number of trades in the bar.
    pub count: i32,
}

impl Default for RealTimeBar {
    fn default() -> Self {
        Self {
            time: 0,
            end_time: -1,
            open: 0.0,
            high: 0.0,
            low: 0.0,
            close: 0.0,
            volume: UNSET_DECIMAL,
            wap: UNSET_DECIMAL,
            count: 0,
        }
    }
}

/// One bucket of a price histogram (`histogram_data`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HistogramData {
    /// The price.
    pub price: f64,
    /// Volume traded at that price; [`UNSET_DECIMAL`] when not reported.
    pub size: Decimal,
}

impl Default for HistogramData {
    fn default() -> Self {
        Self {
            price: 0.0,
            size: UNSET_DECIMAL,
        }
    }
}

/// A news provider the user is subscribed to (`news_providers`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct NewsProvider {
    /// Provider code, used in news requests.
    pub code: String,
    /// Provider name.
    pub name: String,
}

/// An exchange offering market depth (`mkt_depth_exchanges`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DepthMktDataDescription {
    /// Exchange.
    pub exchange: String,
    /// Security type.
    pub sec_type: String,
    /// Listing exchange.
    pub listing_exch: String,
    /// Service data type (`Deep`, `Deep2`, …).
    pub service_data_type: String,
    /// Aggregation group; [`UNSET_INTEGER`] when not reported.
    pub agg_group: i32,
}

impl Default for DepthMktDataDescription {
    fn default() -> Self {
        Self {
            exchange: String::new(),
            sec_type: String::new(),
            listing_exch: String::new(),
            service_data_type: String::new(),
            agg_group: UNSET_INTEGER,
        }
    }
}

/// An exchange behind a SMART depth entry (`smart_components`): maps the bit
/// number and single-letter code used in tick data to an exchange name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct SmartComponent {
    /// Bit number identifying the exchange.
    pub bit_number: i32,
    /// Exchange name.
    pub exchange: String,
    /// Single-letter exchange code.
    pub exchange_letter: String,
}

/// Attributes of a `tick_price` tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TickAttrib {
    /// The bid or ask can be executed automatically.
    pub can_auto_execute: bool,
    /// The bid is below the day's low or the ask above the day's high.
    pub past_limit: bool,
    /// The price is from the pre-open session.
    pub pre_open: bool,
}

/// Same layout as the official `__str__`: flags as 0/1.
impl fmt::Display for TickAttrib {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "CanAutoExecute: {}, PastLimit: {}, PreOpen: {}",
            u8::from(self.can_auto_execute),
            u8::from(self.past_limit),
            u8::from(self.pre_open)
        )
    }
}

/// Attributes of a bid/ask tick-by-tick tick or historical tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TickAttribBidAsk {
    /// The bid is below the day's low.
    pub bid_past_low: bool,
    /// The ask is above the day's high.
    pub ask_past_high: bool,
}

/// Same layout as the official `__str__`: flags as 0/1.
impl fmt::Display for TickAttribBidAsk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "BidPastLow: {}, AskPastHigh: {}",
            u8::from(self.bid_past_low),
            u8::from(self.ask_past_high)
        )
    }
}

/// Attributes of a last-trade tick-by-tick tick or historical tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TickAttribLast {
    /// The trade price is outside the day's range.
    pub past_limit: bool,
    /// The trade was not reported to the tape.
    pub unreported: bool,
}

/// Same layout as the official `__str__`: flags as 0/1.
impl fmt::Display for TickAttribLast {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "PastLimit: {}, Unreported: {}",
            u8::from(self.past_limit),
            u8::from(self.unreported)
        )
    }
}

/// An account's family code (`family_codes`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct FamilyCode {
    /// The account (official `accountID`).
    pub account_id: String,
    /// Its family code.
    pub family_code_str: String,
}

/// One rung of a market rule's price ladder (`market_rule`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PriceIncrement {
    /// Prices from this level up use `increment`.
    pub low_edge: f64,
    /// The tick size above `low_edge`.
    pub increment: f64,
}

/// A historical midpoint tick (`historical_ticks`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HistoricalTick {
    /// Epoch seconds.
    pub time: i64,
    /// Midpoint price.
    pub price: f64,
    /// Size (always zero for midpoint ticks); [`UNSET_DECIMAL`] when not reported.
    pub size: Decimal,
}

impl Default for HistoricalTick {
    fn default() -> Self {
        Self {
            time: 0,
            price: 0.0,
            size: UNSET_DECIMAL,
        }
    }
}

/// A historical bid/ask tick (`historical_ticks_bid_ask`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HistoricalTickBidAsk {
    /// Epoch seconds.
    pub time: i64,
    /// Bid/ask attributes.
    pub tick_attrib_bid_ask: TickAttribBidAsk,
    /// Bid price.
    pub price_bid: f64,
    /// Ask price.
    pub price_ask: f64,
    /// Bid size; [`UNSET_DECIMAL`] when not reported.
    pub size_bid: Decimal,
    /// Ask size; [`UNSET_DECIMAL`] when not reported.
    pub size_ask: Decimal,
}

impl Default for HistoricalTickBidAsk {
    fn default() -> Self {
        Self {
            time: 0,
            tick_attrib_bid_ask: TickAttribBidAsk::default(),
            price_bid: 0.0,
            price_ask: 0.0,
            size_bid: UNSET_DECIMAL,
            size_ask: UNSET_DECIMAL,
        }
    }
}

/// A historical trade tick (`historical_ticks_last`).
#[derive(Debug, Clone, PartialEq)]
pub struct HistoricalTickLast {
    /// Epoch seconds.
    pub time: i64,
    /// Trade attributes.
    pub tick_attrib_last: TickAttribLast,
    /// Trade price.
    pub price: f64,
    /// Trade size; [`UNSET_DECIMAL`] when not reported.
    pub size: Decimal,
    /// Exchange of the trade.
    pub exchange: String,
    /// Trade condition codes.
    pub special_conditions: String,
}

impl Default for HistoricalTickLast {
    fn default() -> Self {
        Self {
            time: 0,
            tick_attrib_last: TickAttribLast::default(),
            price: 0.0,
            size: UNSET_DECIMAL,
            exchange: String::new(),
            special_conditions: String::new(),
        }
    }
}

/// One trading session of a historical schedule (`historical_schedule`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct HistoricalSession {
    /// Session start.
    pub start_date_time: String,
    /// Session end.
    pub end_date_time: String,
    /// Reference (trading) date of the session.
    pub ref_date: String,
}

/// What to ask Wall Street Horizon for in `req_wsh_event_data`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WshEventData {
    /// Contract id of the instrument; [`UNSET_INTEGER`] when a filter is used instead.
    pub con_id: i32,
    /// JSON filter, instead of a contract id.
    pub filter: String,
    /// Include events of the watchlist.
    pub fill_watchlist: bool,
    /// Include events of the portfolio.
    pub fill_portfolio: bool,
    /// Include events of competitors.
    pub fill_competitors: bool,
    /// Earliest date, `YYYYMMDD`.
    pub start_date: String,
    /// Latest date, `YYYYMMDD`.
    pub end_date: String,
    /// Maximum number of events; [`UNSET_INTEGER`] for no limit.
    pub total_limit: i32,
}

impl Default for WshEventData {
    fn default() -> Self {
        Self {
            con_id: UNSET_INTEGER,
            filter: String::new(),
            fill_watchlist: false,
            fill_portfolio: false,
            fill_competitors: false,
            start_date: String::new(),
            end_date: String::new(),
            total_limit: UNSET_INTEGER,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Unset;

    #[test]
    fn tick_attribs_display_flags_as_digits() {
        let attrib = TickAttrib {
            can_auto_execute: true,
            past_limit: false,
            pre_open: true,
        };
        assert_eq!(
            attrib.to_string(),
            "CanAutoExecute: 1, PastLimit: 0, PreOpen: 1"
        );
        assert_eq!(
            TickAttribBidAsk::default().to_string(),
            "BidPastLow: 0, AskPastHigh: 0"
        );
        assert_eq!(
            TickAttribLast::default().to_string(),
            "PastLimit: 0, Unreported: 0"
        );
    }

    #[test]
    fn defaults_match_the_official_ones() {
        assert_eq!(RealTimeBar::default().end_time, -1);
        assert!(!BarData::default().volume.is_set());
        assert!(!WshEventData::default().con_id.is_set());
        assert!(!DepthMktDataDescription::default().agg_group.is_set());
    }
}
