//! Market data requests: top of book, market data type, depth, tick-by-tick
//! and option computations.

use crate::client::EClient;
use crate::errors::{Error, NO_VALID_ID};
use crate::messages::market_data::depth::{CancelMktDepth, ReqMktDepth};
use crate::messages::market_data::options::{
    CancelCalcImpliedVolat, CancelCalcOptionPrice, ReqCalcImpliedVolat, ReqCalcOptionPrice,
};
use crate::messages::market_data::tick_by_tick::{CancelTickByTickData, ReqTickByTickData};
use crate::messages::market_data::{CancelMktData, ReqMarketDataType, ReqMktData};
use crate::model::{Contract, TagValue};
use crate::server_versions::{
    MIN_SERVER_VER_TICK_BY_TICK, MIN_SERVER_VER_TICK_BY_TICK_IGNORE_SIZE,
};

impl EClient {
    /// `reqMarketDataType`: 1 live, 2 frozen, 3 delayed, 4 delayed-frozen.
    pub fn req_market_data_type(&self, market_data_type: i32) -> Result<(), Error> {
        self.send(NO_VALID_ID, &ReqMarketDataType { market_data_type })?;
        self.inner
            .market_data_type
            .store(market_data_type, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    }

    /// `reqMktData`: streams (or snapshots) top-of-book data for `contract`,
    /// delivered through `tick_price`, `tick_size`, `tick_string`,
    /// `tick_generic`, `tick_req_params` and, for snapshots, `tick_snapshot_end`.
    pub fn req_mkt_data(
        &self,
        req_id: i32,
        contract: &Contract,
        generic_tick_list: &str,
        snapshot: bool,
        regulatory_snapshot: bool,
        mkt_data_options: &[TagValue],
    ) -> Result<(), Error> {
        let msg = ReqMktData {
            req_id,
            contract: contract.clone(),
            generic_tick_list: generic_tick_list.to_owned(),
            snapshot,
            regulatory_snapshot,
            mkt_data_options: mkt_data_options.to_vec(),
        };
        self.send(req_id, &msg)
    }

    /// `cancelMktData`: stops the stream started with `req_mkt_data(req_id, …)`.
    pub fn cancel_mkt_data(&self, req_id: i32) -> Result<(), Error> {
        self.send(req_id, &CancelMktData { req_id })
    }
}

impl EClient {
    /// `reqMktDepth`: subscribes to the order book of `contract`, `num_rows`
    /// rows a side, answered with `update_mkt_depth` (or `update_mkt_depth_l2`
    /// with the market maker of each row, for level II and SMART depth) until
    /// `cancel_mkt_depth`. `mkt_depth_options` is for IB's internal use: leave
    /// it empty (the Python client refuses any).
    pub fn req_mkt_depth(
        &self,
        req_id: i32,
        contract: &Contract,
        num_rows: i32,
        is_smart_depth: bool,
        mkt_depth_options: &[TagValue],
    ) -> Result<(), Error> {
        let msg = ReqMktDepth {
            req_id,
            contract: contract.clone(),
            num_rows,
            is_smart_depth,
            mkt_depth_options: mkt_depth_options.to_vec(),
        };
        self.send(self.error_id(req_id, 0), &msg)
    }

    /// `cancelMktDepth`: stops the book started with `req_mkt_depth(req_id, …)`.
    pub fn cancel_mkt_depth(&self, req_id: i32, is_smart_depth: bool) -> Result<(), Error> {
        let msg = CancelMktDepth {
            req_id,
            is_smart_depth,
        };
        self.send(self.error_id(req_id, 0), &msg)
    }

    /// `reqTickByTickData`: streams every trade (`"Last"`, `"AllLast"`), quote
    /// (`"BidAsk"`) or midpoint (`"MidPoint"`) change of `contract`, through
    /// `tick_by_tick_all_last`, `tick_by_tick_bid_ask` or
    /// `tick_by_tick_mid_point`; `number_of_ticks` > 0 sends that many recent
    /// ticks first; `ignore_size` skips bid/ask changes of size only.
    ///
    /// As in the official client, "not connected" and a server too old for it
    /// (before 140) are reported under id -1, other refusals under `req_id`.
    pub fn req_tick_by_tick_data(
        &self,
        req_id: i32,
        contract: &Contract,
        tick_type: &str,
        number_of_ticks: i32,
        ignore_size: bool,
    ) -> Result<(), Error> {
        let msg = ReqTickByTickData {
            req_id,
            contract: contract.clone(),
            tick_type: tick_type.to_owned(),
            number_of_ticks,
            ignore_size,
        };
        let id = self.error_id(req_id, MIN_SERVER_VER_TICK_BY_TICK_IGNORE_SIZE);
        self.send(id, &msg)
    }

    /// `cancelTickByTickData`: stops the stream of `req_tick_by_tick_data(req_id, …)`.
    pub fn cancel_tick_by_tick_data(&self, req_id: i32) -> Result<(), Error> {
        let id = self.error_id(req_id, MIN_SERVER_VER_TICK_BY_TICK);
        self.send(id, &CancelTickByTickData { req_id })
    }

    /// `calculateImpliedVolatility`: the implied volatility and greeks of the
    /// option `contract` at `option_price` with the underlying at
    /// `under_price`, answered with `tick_option_computation` (tick type 53,
    /// custom option computation).
    pub fn calculate_implied_volatility(
        &self,
        req_id: i32,
        contract: &Contract,
        option_price: f64,
        under_price: f64,
        impl_vol_options: &[TagValue],
    ) -> Result<(), Error> {
        let msg = ReqCalcImpliedVolat {
            req_id,
            contract: contract.clone(),
            option_price,
            under_price,
            impl_vol_options: impl_vol_options.to_vec(),
        };
        self.send(req_id, &msg)
    }

    /// `calculateOptionPrice`: the price and greeks of the option `contract`
    /// at `volatility` with the underlying at `under_price`, answered with
    /// `tick_option_computation` (tick type 53).
    pub fn calculate_option_price(
        &self,
        req_id: i32,
        contract: &Contract,
        volatility: f64,
        under_price: f64,
        opt_prc_options: &[TagValue],
    ) -> Result<(), Error> {
        let msg = ReqCalcOptionPrice {
            req_id,
            contract: contract.clone(),
            volatility,
            under_price,
            opt_prc_options: opt_prc_options.to_vec(),
        };
        self.send(req_id, &msg)
    }

    /// `cancelCalculateImpliedVolatility`: cancels `calculate_implied_volatility(req_id, …)`.
    pub fn cancel_calculate_implied_volatility(&self, req_id: i32) -> Result<(), Error> {
        self.send(req_id, &CancelCalcImpliedVolat { req_id })
    }

    /// `cancelCalculateOptionPrice`: cancels `calculate_option_price(req_id, …)`.
    pub fn cancel_calculate_option_price(&self, req_id: i32) -> Result<(), Error> {
        self.send(req_id, &CancelCalcOptionPrice { req_id })
    }
}
