//! Blocking helpers for market data snapshots.

use std::sync::Arc;
use std::time::Duration;

use super::{Collector, Wait};
use crate::client::conn::lifecycle::RequestKey;
use crate::client::IBClient;
use crate::errors::Error;
use crate::model::*;
use crate::EWrapper;

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

impl IBClient {
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
