//! Tick types: what a `tick_price`, `tick_size`, `tick_generic`,
//! `tick_string` or `tick_option_computation` value is (bid, ask, last, …).
//!
//! As in the official API a tick type is a plain integer; the constants are in
//! [`tick_type`] and [`tick_type_name`] gives the official name of a code.
//!
//! ```
//! use tws_api::model::ticktype::{tick_type, tick_type_name};
//!
//! assert_eq!(tick_type::BID, 1);
//! assert_eq!(tick_type_name(tick_type::DELAYED_LAST), "DELAYED_LAST");
//! assert_eq!(tick_type_name(9999), "NOTFOUND");
//! ```

/// A tick type code (see [`tick_type`]).
pub type TickType = i32;

/// Every official tick type, by its official name.
pub mod tick_type {
    use super::TickType;

    /// Size at the best bid.
    pub const BID_SIZE: TickType = 0;
    /// Best bid price.
    pub const BID: TickType = 1;
    /// Best ask price.
    pub const ASK: TickType = 2;
    /// Size at the best ask.
    pub const ASK_SIZE: TickType = 3;
    /// Last traded price.
    pub const LAST: TickType = 4;
    /// Size of the last trade.
    pub const LAST_SIZE: TickType = 5;
    /// Day's high.
    pub const HIGH: TickType = 6;
    /// Day's low.
    pub const LOW: TickType = 7;
    /// Day's volume.
    pub const VOLUME: TickType = 8;
    /// Previous day's close.
    pub const CLOSE: TickType = 9;
    /// Option greeks and implied volatility from the bid.
    pub const BID_OPTION_COMPUTATION: TickType = 10;
    /// Option greeks and implied volatility from the ask.
    pub const ASK_OPTION_COMPUTATION: TickType = 11;
    /// Option greeks and implied volatility from the last trade.
    pub const LAST_OPTION_COMPUTATION: TickType = 12;
    /// Option greeks and implied volatility from IB's model.
    pub const MODEL_OPTION: TickType = 13;
    /// Day's opening price.
    pub const OPEN: TickType = 14;
    /// 13-week low.
    pub const LOW_13_WEEK: TickType = 15;
    /// 13-week high.
    pub const HIGH_13_WEEK: TickType = 16;
    /// 26-week low.
    pub const LOW_26_WEEK: TickType = 17;
    /// 26-week high.
    pub const HIGH_26_WEEK: TickType = 18;
    /// 52-week low.
    pub const LOW_52_WEEK: TickType = 19;
    /// 52-week high.
    pub const HIGH_52_WEEK: TickType = 20;
    /// Average daily volume over 90 days.
    pub const AVG_VOLUME: TickType = 21;
    /// Open interest (deprecated; see the call/put variants).
    pub const OPEN_INTEREST: TickType = 22;
    /// Historical volatility of the underlying over 30 days.
    pub const OPTION_HISTORICAL_VOL: TickType = 23;
    /// Implied volatility of the options over 30 days.
    pub const OPTION_IMPLIED_VOL: TickType = 24;
    /// Option bid exchange (unused).
    pub const OPTION_BID_EXCH: TickType = 25;
    /// Option ask exchange (unused).
    pub const OPTION_ASK_EXCH: TickType = 26;
    /// Open interest of the call options.
    pub const OPTION_CALL_OPEN_INTEREST: TickType = 27;
    /// Open interest of the put options.
    pub const OPTION_PUT_OPEN_INTEREST: TickType = 28;
    /// Day's volume of the call options.
    pub const OPTION_CALL_VOLUME: TickType = 29;
    /// Day's volume of the put options.
    pub const OPTION_PUT_VOLUME: TickType = 30;
    /// Premium of the index future over the cash index.
    pub const INDEX_FUTURE_PREMIUM: TickType = 31;
    /// Exchanges at the best bid.
    pub const BID_EXCH: TickType = 32;
    /// Exchanges at the best ask.
    pub const ASK_EXCH: TickType = 33;
    /// Shares matched in the auction.
    pub const AUCTION_VOLUME: TickType = 34;
    /// Auction price.
    pub const AUCTION_PRICE: TickType = 35;
    /// Auction imbalance.
    pub const AUCTION_IMBALANCE: TickType = 36;
    /// Mark price used for P&L.
    pub const MARK_PRICE: TickType = 37;
    /// EFP computation from the bid.
    pub const BID_EFP_COMPUTATION: TickType = 38;
    /// EFP computation from the ask.
    pub const ASK_EFP_COMPUTATION: TickType = 39;
    /// EFP computation from the last trade.
    pub const LAST_EFP_COMPUTATION: TickType = 40;
    /// EFP computation from the open.
    pub const OPEN_EFP_COMPUTATION: TickType = 41;
    /// EFP computation from the high.
    pub const HIGH_EFP_COMPUTATION: TickType = 42;
    /// EFP computation from the low.
    pub const LOW_EFP_COMPUTATION: TickType = 43;
    /// EFP computation from the close.
    pub const CLOSE_EFP_COMPUTATION: TickType = 44;
    /// Time of the last trade, epoch seconds.
    pub const LAST_TIMESTAMP: TickType = 45;
    /// Shortability level.
    pub const SHORTABLE: TickType = 46;
    /// Fundamental ratios.
    pub const FUNDAMENTAL_RATIOS: TickType = 47;
    /// Real-time volume: last trade, size, time, volume, VWAP, single-trade flag.
    pub const RT_VOLUME: TickType = 48;
    /// Trading halt status.
    pub const HALTED: TickType = 49;
    /// Bond yield at the bid.
    pub const BID_YIELD: TickType = 50;
    /// Bond yield at the ask.
    pub const ASK_YIELD: TickType = 51;
    /// Bond yield at the last trade.
    pub const LAST_YIELD: TickType = 52;
    /// Option computation from custom inputs.
    pub const CUST_OPTION_COMPUTATION: TickType = 53;
    /// Number of trades today.
    pub const TRADE_COUNT: TickType = 54;
    /// Trades per minute.
    pub const TRADE_RATE: TickType = 55;
    /// Shares per minute.
    pub const VOLUME_RATE: TickType = 56;
    /// Last trade of regular trading hours.
    pub const LAST_RTH_TRADE: TickType = 57;
    /// Real-time historical volatility.
    pub const RT_HISTORICAL_VOL: TickType = 58;
    /// Dividend summary.
    pub const IB_DIVIDENDS: TickType = 59;
    /// Bond factor multiplier.
    pub const BOND_FACTOR_MULTIPLIER: TickType = 60;
    /// Regulatory imbalance.
    pub const REGULATORY_IMBALANCE: TickType = 61;
    /// News headline.
    pub const NEWS_TICK: TickType = 62;
    /// Volume over the last 3 minutes.
    pub const SHORT_TERM_VOLUME_3_MIN: TickType = 63;
    /// Volume over the last 5 minutes.
    pub const SHORT_TERM_VOLUME_5_MIN: TickType = 64;
    /// Volume over the last 10 minutes.
    pub const SHORT_TERM_VOLUME_10_MIN: TickType = 65;
    /// Delayed best bid price.
    pub const DELAYED_BID: TickType = 66;
    /// Delayed best ask price.
    pub const DELAYED_ASK: TickType = 67;
    /// Delayed last traded price.
    pub const DELAYED_LAST: TickType = 68;
    /// Delayed size at the best bid.
    pub const DELAYED_BID_SIZE: TickType = 69;
    /// Delayed size at the best ask.
    pub const DELAYED_ASK_SIZE: TickType = 70;
    /// Delayed size of the last trade.
    pub const DELAYED_LAST_SIZE: TickType = 71;
    /// Delayed day's high.
    pub const DELAYED_HIGH: TickType = 72;
    /// Delayed day's low.
    pub const DELAYED_LOW: TickType = 73;
    /// Delayed day's volume.
    pub const DELAYED_VOLUME: TickType = 74;
    /// Delayed previous close.
    pub const DELAYED_CLOSE: TickType = 75;
    /// Delayed day's open.
    pub const DELAYED_OPEN: TickType = 76;
    /// Real-time volume counting trades only.
    pub const RT_TRD_VOLUME: TickType = 77;
    /// Mark price used by credit management.
    pub const CREDITMAN_MARK_PRICE: TickType = 78;
    /// Slower mark price used by credit management.
    pub const CREDITMAN_SLOW_MARK_PRICE: TickType = 79;
    /// Delayed option computation from the bid.
    pub const DELAYED_BID_OPTION: TickType = 80;
    /// Delayed option computation from the ask.
    pub const DELAYED_ASK_OPTION: TickType = 81;
    /// Delayed option computation from the last trade.
    pub const DELAYED_LAST_OPTION: TickType = 82;
    /// Delayed option computation from IB's model.
    pub const DELAYED_MODEL_OPTION: TickType = 83;
    /// Exchange of the last trade.
    pub const LAST_EXCH: TickType = 84;
    /// Time of the last regulatory trade.
    pub const LAST_REG_TIME: TickType = 85;
    /// Open interest of the future.
    pub const FUTURES_OPEN_INTEREST: TickType = 86;
    /// Average option volume over 90 days.
    pub const AVG_OPT_VOLUME: TickType = 87;
    /// Delayed time of the last trade.
    pub const DELAYED_LAST_TIMESTAMP: TickType = 88;
    /// Number of shares available to short.
    pub const SHORTABLE_SHARES: TickType = 89;
    /// Delayed trading halt status.
    pub const DELAYED_HALTED: TickType = 90;
    /// Mutual fund data.
    pub const REUTERS_2_MUTUAL_FUNDS: TickType = 91;
    /// ETF net asset value at the close.
    pub const ETF_NAV_CLOSE: TickType = 92;
    /// ETF net asset value at the prior close.
    pub const ETF_NAV_PRIOR_CLOSE: TickType = 93;
    /// ETF net asset value at the bid.
    pub const ETF_NAV_BID: TickType = 94;
    /// ETF net asset value at the ask.
    pub const ETF_NAV_ASK: TickType = 95;
    /// ETF net asset value at the last trade.
    pub const ETF_NAV_LAST: TickType = 96;
    /// Frozen ETF net asset value at the last trade.
    pub const ETF_FROZEN_NAV_LAST: TickType = 97;
    /// ETF net asset value high.
    pub const ETF_NAV_HIGH: TickType = 98;
    /// ETF net asset value low.
    pub const ETF_NAV_LOW: TickType = 99;
    /// Social market analytics.
    pub const SOCIAL_MARKET_ANALYTICS: TickType = 100;
    /// Estimated IPO price midpoint.
    pub const ESTIMATED_IPO_MIDPOINT: TickType = 101;
    /// Final IPO price.
    pub const FINAL_IPO_LAST: TickType = 102;
    /// Delayed bond yield at the bid.
    pub const DELAYED_YIELD_BID: TickType = 103;
    /// Delayed bond yield at the ask.
    pub const DELAYED_YIELD_ASK: TickType = 104;
    /// Best odd-lot bid price (generic tick 787, server version 225).
    pub const ODD_LOT_BID: TickType = 105;
    /// Best odd-lot ask price.
    pub const ODD_LOT_ASK: TickType = 106;
    /// Size at the best odd-lot bid.
    pub const ODD_LOT_BID_SIZE: TickType = 107;
    /// Size at the best odd-lot ask.
    pub const ODD_LOT_ASK_SIZE: TickType = 108;
    /// Exchange of the best odd-lot bid.
    pub const ODD_LOT_BID_EXCH: TickType = 109;
    /// Exchange of the best odd-lot ask.
    pub const ODD_LOT_ASK_EXCH: TickType = 110;
    /// No tick type (111 as in 10.51.1; 10.37.2 had 105, see [`not_set`]).
    pub const NOT_SET: TickType = 111;
    /// NOT_SET in 10.37.2, before the odd-lot tick types took 105–110.
    pub const NOT_SET_10_37: TickType = 105;

    /// The "no tick type" code a `tickSize` of that type is dropped for, as
    /// the official decoder of the version does: 10.37.2's 105 for server
    /// versions up to 203, 10.51.1's 111 from 204 (where 105 is
    /// `ODD_LOT_BID`).
    #[inline]
    pub fn not_set(server_version: i32) -> TickType {
        if server_version >= crate::server_versions::LATEST_OFFICIAL_FROM {
            NOT_SET
        } else {
            NOT_SET_10_37
        }
    }
}

/// The official name of a tick type (`"BID"`, `"LAST_SIZE"`, …), or
/// `"NOTFOUND"` for a code the official API does not list.
pub fn tick_type_name(tick_type: TickType) -> &'static str {
    match tick_type {
        tick_type::BID_SIZE => "BID_SIZE",
        tick_type::BID => "BID",
        tick_type::ASK => "ASK",
        tick_type::ASK_SIZE => "ASK_SIZE",
        tick_type::LAST => "LAST",
        tick_type::LAST_SIZE => "LAST_SIZE",
        tick_type::HIGH => "HIGH",
        tick_type::LOW => "LOW",
        tick_type::VOLUME => "VOLUME",
        tick_type::CLOSE => "CLOSE",
        tick_type::BID_OPTION_COMPUTATION => "BID_OPTION_COMPUTATION",
        tick_type::ASK_OPTION_COMPUTATION => "ASK_OPTION_COMPUTATION",
        tick_type::LAST_OPTION_COMPUTATION => "LAST_OPTION_COMPUTATION",
        tick_type::MODEL_OPTION => "MODEL_OPTION",
        tick_type::OPEN => "OPEN",
        tick_type::LOW_13_WEEK => "LOW_13_WEEK",
        tick_type::HIGH_13_WEEK => "HIGH_13_WEEK",
        tick_type::LOW_26_WEEK => "LOW_26_WEEK",
        tick_type::HIGH_26_WEEK => "HIGH_26_WEEK",
        tick_type::LOW_52_WEEK => "LOW_52_WEEK",
        tick_type::HIGH_52_WEEK => "HIGH_52_WEEK",
        tick_type::AVG_VOLUME => "AVG_VOLUME",
        tick_type::OPEN_INTEREST => "OPEN_INTEREST",
        tick_type::OPTION_HISTORICAL_VOL => "OPTION_HISTORICAL_VOL",
        tick_type::OPTION_IMPLIED_VOL => "OPTION_IMPLIED_VOL",
        tick_type::OPTION_BID_EXCH => "OPTION_BID_EXCH",
        tick_type::OPTION_ASK_EXCH => "OPTION_ASK_EXCH",
        tick_type::OPTION_CALL_OPEN_INTEREST => "OPTION_CALL_OPEN_INTEREST",
        tick_type::OPTION_PUT_OPEN_INTEREST => "OPTION_PUT_OPEN_INTEREST",
        tick_type::OPTION_CALL_VOLUME => "OPTION_CALL_VOLUME",
        tick_type::OPTION_PUT_VOLUME => "OPTION_PUT_VOLUME",
        tick_type::INDEX_FUTURE_PREMIUM => "INDEX_FUTURE_PREMIUM",
        tick_type::BID_EXCH => "BID_EXCH",
        tick_type::ASK_EXCH => "ASK_EXCH",
        tick_type::AUCTION_VOLUME => "AUCTION_VOLUME",
        tick_type::AUCTION_PRICE => "AUCTION_PRICE",
        tick_type::AUCTION_IMBALANCE => "AUCTION_IMBALANCE",
        tick_type::MARK_PRICE => "MARK_PRICE",
        tick_type::BID_EFP_COMPUTATION => "BID_EFP_COMPUTATION",
        tick_type::ASK_EFP_COMPUTATION => "ASK_EFP_COMPUTATION",
        tick_type::LAST_EFP_COMPUTATION => "LAST_EFP_COMPUTATION",
        tick_type::OPEN_EFP_COMPUTATION => "OPEN_EFP_COMPUTATION",
        tick_type::HIGH_EFP_COMPUTATION => "HIGH_EFP_COMPUTATION",
        tick_type::LOW_EFP_COMPUTATION => "LOW_EFP_COMPUTATION",
        tick_type::CLOSE_EFP_COMPUTATION => "CLOSE_EFP_COMPUTATION",
        tick_type::LAST_TIMESTAMP => "LAST_TIMESTAMP",
        tick_type::SHORTABLE => "SHORTABLE",
        tick_type::FUNDAMENTAL_RATIOS => "FUNDAMENTAL_RATIOS",
        tick_type::RT_VOLUME => "RT_VOLUME",
        tick_type::HALTED => "HALTED",
        tick_type::BID_YIELD => "BID_YIELD",
        tick_type::ASK_YIELD => "ASK_YIELD",
        tick_type::LAST_YIELD => "LAST_YIELD",
        tick_type::CUST_OPTION_COMPUTATION => "CUST_OPTION_COMPUTATION",
        tick_type::TRADE_COUNT => "TRADE_COUNT",
        tick_type::TRADE_RATE => "TRADE_RATE",
        tick_type::VOLUME_RATE => "VOLUME_RATE",
        tick_type::LAST_RTH_TRADE => "LAST_RTH_TRADE",
        tick_type::RT_HISTORICAL_VOL => "RT_HISTORICAL_VOL",
        tick_type::IB_DIVIDENDS => "IB_DIVIDENDS",
        tick_type::BOND_FACTOR_MULTIPLIER => "BOND_FACTOR_MULTIPLIER",
        tick_type::REGULATORY_IMBALANCE => "REGULATORY_IMBALANCE",
        tick_type::NEWS_TICK => "NEWS_TICK",
        tick_type::SHORT_TERM_VOLUME_3_MIN => "SHORT_TERM_VOLUME_3_MIN",
        tick_type::SHORT_TERM_VOLUME_5_MIN => "SHORT_TERM_VOLUME_5_MIN",
        tick_type::SHORT_TERM_VOLUME_10_MIN => "SHORT_TERM_VOLUME_10_MIN",
        tick_type::DELAYED_BID => "DELAYED_BID",
        tick_type::DELAYED_ASK => "DELAYED_ASK",
        tick_type::DELAYED_LAST => "DELAYED_LAST",
        tick_type::DELAYED_BID_SIZE => "DELAYED_BID_SIZE",
        tick_type::DELAYED_ASK_SIZE => "DELAYED_ASK_SIZE",
        tick_type::DELAYED_LAST_SIZE => "DELAYED_LAST_SIZE",
        tick_type::DELAYED_HIGH => "DELAYED_HIGH",
        tick_type::DELAYED_LOW => "DELAYED_LOW",
        tick_type::DELAYED_VOLUME => "DELAYED_VOLUME",
        tick_type::DELAYED_CLOSE => "DELAYED_CLOSE",
        tick_type::DELAYED_OPEN => "DELAYED_OPEN",
        tick_type::RT_TRD_VOLUME => "RT_TRD_VOLUME",
        tick_type::CREDITMAN_MARK_PRICE => "CREDITMAN_MARK_PRICE",
        tick_type::CREDITMAN_SLOW_MARK_PRICE => "CREDITMAN_SLOW_MARK_PRICE",
        tick_type::DELAYED_BID_OPTION => "DELAYED_BID_OPTION",
        tick_type::DELAYED_ASK_OPTION => "DELAYED_ASK_OPTION",
        tick_type::DELAYED_LAST_OPTION => "DELAYED_LAST_OPTION",
        tick_type::DELAYED_MODEL_OPTION => "DELAYED_MODEL_OPTION",
        tick_type::LAST_EXCH => "LAST_EXCH",
        tick_type::LAST_REG_TIME => "LAST_REG_TIME",
        tick_type::FUTURES_OPEN_INTEREST => "FUTURES_OPEN_INTEREST",
        tick_type::AVG_OPT_VOLUME => "AVG_OPT_VOLUME",
        tick_type::DELAYED_LAST_TIMESTAMP => "DELAYED_LAST_TIMESTAMP",
        tick_type::SHORTABLE_SHARES => "SHORTABLE_SHARES",
        tick_type::DELAYED_HALTED => "DELAYED_HALTED",
        tick_type::REUTERS_2_MUTUAL_FUNDS => "REUTERS_2_MUTUAL_FUNDS",
        tick_type::ETF_NAV_CLOSE => "ETF_NAV_CLOSE",
        tick_type::ETF_NAV_PRIOR_CLOSE => "ETF_NAV_PRIOR_CLOSE",
        tick_type::ETF_NAV_BID => "ETF_NAV_BID",
        tick_type::ETF_NAV_ASK => "ETF_NAV_ASK",
        tick_type::ETF_NAV_LAST => "ETF_NAV_LAST",
        tick_type::ETF_FROZEN_NAV_LAST => "ETF_FROZEN_NAV_LAST",
        tick_type::ETF_NAV_HIGH => "ETF_NAV_HIGH",
        tick_type::ETF_NAV_LOW => "ETF_NAV_LOW",
        tick_type::SOCIAL_MARKET_ANALYTICS => "SOCIAL_MARKET_ANALYTICS",
        tick_type::ESTIMATED_IPO_MIDPOINT => "ESTIMATED_IPO_MIDPOINT",
        tick_type::FINAL_IPO_LAST => "FINAL_IPO_LAST",
        tick_type::DELAYED_YIELD_BID => "DELAYED_YIELD_BID",
        tick_type::DELAYED_YIELD_ASK => "DELAYED_YIELD_ASK",
        tick_type::ODD_LOT_BID => "ODD_LOT_BID",
        tick_type::ODD_LOT_ASK => "ODD_LOT_ASK",
        tick_type::ODD_LOT_BID_SIZE => "ODD_LOT_BID_SIZE",
        tick_type::ODD_LOT_ASK_SIZE => "ODD_LOT_ASK_SIZE",
        tick_type::ODD_LOT_BID_EXCH => "ODD_LOT_BID_EXCH",
        tick_type::ODD_LOT_ASK_EXCH => "ODD_LOT_ASK_EXCH",
        tick_type::NOT_SET => "NOT_SET",
        _ => "NOTFOUND",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [TickType; 112] = [
        tick_type::BID_SIZE,
        tick_type::BID,
        tick_type::ASK,
        tick_type::ASK_SIZE,
        tick_type::LAST,
        tick_type::LAST_SIZE,
        tick_type::HIGH,
        tick_type::LOW,
        tick_type::VOLUME,
        tick_type::CLOSE,
        tick_type::BID_OPTION_COMPUTATION,
        tick_type::ASK_OPTION_COMPUTATION,
        tick_type::LAST_OPTION_COMPUTATION,
        tick_type::MODEL_OPTION,
        tick_type::OPEN,
        tick_type::LOW_13_WEEK,
        tick_type::HIGH_13_WEEK,
        tick_type::LOW_26_WEEK,
        tick_type::HIGH_26_WEEK,
        tick_type::LOW_52_WEEK,
        tick_type::HIGH_52_WEEK,
        tick_type::AVG_VOLUME,
        tick_type::OPEN_INTEREST,
        tick_type::OPTION_HISTORICAL_VOL,
        tick_type::OPTION_IMPLIED_VOL,
        tick_type::OPTION_BID_EXCH,
        tick_type::OPTION_ASK_EXCH,
        tick_type::OPTION_CALL_OPEN_INTEREST,
        tick_type::OPTION_PUT_OPEN_INTEREST,
        tick_type::OPTION_CALL_VOLUME,
        tick_type::OPTION_PUT_VOLUME,
        tick_type::INDEX_FUTURE_PREMIUM,
        tick_type::BID_EXCH,
        tick_type::ASK_EXCH,
        tick_type::AUCTION_VOLUME,
        tick_type::AUCTION_PRICE,
        tick_type::AUCTION_IMBALANCE,
        tick_type::MARK_PRICE,
        tick_type::BID_EFP_COMPUTATION,
        tick_type::ASK_EFP_COMPUTATION,
        tick_type::LAST_EFP_COMPUTATION,
        tick_type::OPEN_EFP_COMPUTATION,
        tick_type::HIGH_EFP_COMPUTATION,
        tick_type::LOW_EFP_COMPUTATION,
        tick_type::CLOSE_EFP_COMPUTATION,
        tick_type::LAST_TIMESTAMP,
        tick_type::SHORTABLE,
        tick_type::FUNDAMENTAL_RATIOS,
        tick_type::RT_VOLUME,
        tick_type::HALTED,
        tick_type::BID_YIELD,
        tick_type::ASK_YIELD,
        tick_type::LAST_YIELD,
        tick_type::CUST_OPTION_COMPUTATION,
        tick_type::TRADE_COUNT,
        tick_type::TRADE_RATE,
        tick_type::VOLUME_RATE,
        tick_type::LAST_RTH_TRADE,
        tick_type::RT_HISTORICAL_VOL,
        tick_type::IB_DIVIDENDS,
        tick_type::BOND_FACTOR_MULTIPLIER,
        tick_type::REGULATORY_IMBALANCE,
        tick_type::NEWS_TICK,
        tick_type::SHORT_TERM_VOLUME_3_MIN,
        tick_type::SHORT_TERM_VOLUME_5_MIN,
        tick_type::SHORT_TERM_VOLUME_10_MIN,
        tick_type::DELAYED_BID,
        tick_type::DELAYED_ASK,
        tick_type::DELAYED_LAST,
        tick_type::DELAYED_BID_SIZE,
        tick_type::DELAYED_ASK_SIZE,
        tick_type::DELAYED_LAST_SIZE,
        tick_type::DELAYED_HIGH,
        tick_type::DELAYED_LOW,
        tick_type::DELAYED_VOLUME,
        tick_type::DELAYED_CLOSE,
        tick_type::DELAYED_OPEN,
        tick_type::RT_TRD_VOLUME,
        tick_type::CREDITMAN_MARK_PRICE,
        tick_type::CREDITMAN_SLOW_MARK_PRICE,
        tick_type::DELAYED_BID_OPTION,
        tick_type::DELAYED_ASK_OPTION,
        tick_type::DELAYED_LAST_OPTION,
        tick_type::DELAYED_MODEL_OPTION,
        tick_type::LAST_EXCH,
        tick_type::LAST_REG_TIME,
        tick_type::FUTURES_OPEN_INTEREST,
        tick_type::AVG_OPT_VOLUME,
        tick_type::DELAYED_LAST_TIMESTAMP,
        tick_type::SHORTABLE_SHARES,
        tick_type::DELAYED_HALTED,
        tick_type::REUTERS_2_MUTUAL_FUNDS,
        tick_type::ETF_NAV_CLOSE,
        tick_type::ETF_NAV_PRIOR_CLOSE,
        tick_type::ETF_NAV_BID,
        tick_type::ETF_NAV_ASK,
        tick_type::ETF_NAV_LAST,
        tick_type::ETF_FROZEN_NAV_LAST,
        tick_type::ETF_NAV_HIGH,
        tick_type::ETF_NAV_LOW,
        tick_type::SOCIAL_MARKET_ANALYTICS,
        tick_type::ESTIMATED_IPO_MIDPOINT,
        tick_type::FINAL_IPO_LAST,
        tick_type::DELAYED_YIELD_BID,
        tick_type::DELAYED_YIELD_ASK,
        tick_type::ODD_LOT_BID,
        tick_type::ODD_LOT_ASK,
        tick_type::ODD_LOT_BID_SIZE,
        tick_type::ODD_LOT_ASK_SIZE,
        tick_type::ODD_LOT_BID_EXCH,
        tick_type::ODD_LOT_ASK_EXCH,
        tick_type::NOT_SET,
    ];

    #[test]
    fn codes_are_dense_and_named() {
        for (index, code) in ALL.iter().enumerate() {
            assert_eq!(usize::try_from(*code).ok(), Some(index));
            assert_ne!(tick_type_name(*code), "NOTFOUND");
        }
        assert_eq!(tick_type_name(tick_type::BID_SIZE), "BID_SIZE");
        assert_eq!(tick_type_name(tick_type::NOT_SET), "NOT_SET");
        assert_eq!(tick_type_name(-1), "NOTFOUND");
    }
}
