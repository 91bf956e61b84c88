//! The sim's market data: top-of-book streams and snapshots for `reqMktData`,
//! market data types (and, to come, depth, tick-by-tick and option
//! computations).

use std::collections::BTreeMap;
use std::time::Instant;

use super::session::Session;
use super::time::now_secs;
use super::universe::base_price;
use crate::errors::{DUPLICATE_TICKER_ID, TICKER_ID_NOT_FOUND};
use crate::messages::decode_body;
use crate::messages::ids::outgoing;
use crate::messages::market_data::{
    CancelMktData, MarketDataType, ReqMarketDataType, ReqMktData, TickGeneric, TickPrice,
    TickReqParams, TickSize, TickSnapshotEnd, TickString,
};
use crate::model::{tick_type, Decimal, TickType};
use crate::wire::DecodeError;

/// One market data subscription.
#[derive(Debug)]
struct Subscription {
    price: f64,
    step: u64,
    delayed: bool,
}

/// A connection's market data state.
#[derive(Debug)]
pub(crate) struct State {
    /// 1 live, 2 frozen, 3 delayed, 4 delayed-frozen (`reqMarketDataType`).
    market_data_type: i32,
    subs: BTreeMap<i32, Subscription>,
    next_tick: Instant,
}

impl Default for State {
    fn default() -> Self {
        State {
            market_data_type: 1,
            subs: BTreeMap::new(),
            next_tick: Instant::now(),
        }
    }
}

/// Answers one market data request.
pub(super) fn handle(s: &mut Session<'_>, id: u32, body: &[u8]) -> Result<(), DecodeError> {
    let sv = s.sv;
    match id {
        outgoing::REQ_MARKET_DATA_TYPE => {
            let m: ReqMarketDataType = decode_body(sv, body)?;
            s.market_data.market_data_type = m.market_data_type;
        }
        outgoing::REQ_MKT_DATA => {
            let m: ReqMktData = decode_body(sv, body)?;
            req_mkt_data(s, m);
        }
        outgoing::CANCEL_MKT_DATA => {
            let m: CancelMktData = decode_body(sv, body)?;
            if s.market_data.subs.remove(&m.req_id).is_none() {
                let text = format!("{}{}", TICKER_ID_NOT_FOUND.msg, m.req_id);
                s.send_error(m.req_id, TICKER_ID_NOT_FOUND.code, &text);
            }
        }
        other => s.not_simulated(other),
    }
    Ok(())
}

/// Sends a round of ticks to every subscription when it is due.
pub(super) fn on_timer(s: &mut Session<'_>, now: Instant) {
    if s.market_data.subs.is_empty() {
        return;
    }
    if now >= s.market_data.next_tick {
        let mut subs = std::mem::take(&mut s.market_data.subs);
        for (req_id, sub) in subs.iter_mut() {
            tick(s, *req_id, sub);
        }
        s.market_data.subs = subs;
        s.market_data.next_tick = now + s.shared.config.tick_interval;
    }
    let next = s.market_data.next_tick;
    s.wake_at(next);
}

fn req_mkt_data(s: &mut Session<'_>, m: ReqMktData) {
    if s.market_data.subs.contains_key(&m.req_id) {
        let text = format!("{}: {}", DUPLICATE_TICKER_ID.msg, m.req_id);
        s.send_error(m.req_id, DUPLICATE_TICKER_ID.code, &text);
        return;
    }
    let market_data_type = s.market_data.market_data_type;
    let delayed = matches!(market_data_type, 3 | 4);
    s.send(&TickReqParams {
        ticker_id: m.req_id,
        min_tick: 0.01,
        bbo_exchange: "9c0001".into(),
        snapshot_permissions: 3,
    });
    s.send(&MarketDataType {
        req_id: m.req_id,
        market_data_type,
    });
    let mut sub = Subscription {
        price: base_price(&m.contract.symbol),
        step: 0,
        delayed,
    };
    s.send(&TickGeneric {
        req_id: m.req_id,
        tick_type: tick_type::HALTED,
        value: 0.0,
    });
    tick(s, m.req_id, &mut sub);
    if m.snapshot || m.regulatory_snapshot {
        s.send(&TickSnapshotEnd { req_id: m.req_id });
    } else {
        if s.market_data.subs.is_empty() {
            s.market_data.next_tick = Instant::now() + s.shared.config.tick_interval;
        }
        s.market_data.subs.insert(m.req_id, sub);
        let next = s.market_data.next_tick;
        s.wake_at(next);
    }
}

/// One round of ticks: bid, ask and last with sizes, volume, last timestamp.
fn tick(s: &mut Session<'_>, req_id: i32, sub: &mut Subscription) {
    sub.step += 1;
    // A small deterministic walk: +1, +1, -1, … cents, never below 1.00.
    let cents = [1.0, 1.0, -1.0, 2.0, -2.0, -1.0, 1.0, -1.0][(sub.step % 8) as usize];
    sub.price = (sub.price + cents * 0.01).max(1.0);
    let p = (sub.price * 100.0).round() / 100.0;
    let (bid, ask, last, volume, ts): (TickType, TickType, TickType, TickType, TickType) =
        if sub.delayed {
            (
                tick_type::DELAYED_BID,
                tick_type::DELAYED_ASK,
                tick_type::DELAYED_LAST,
                tick_type::DELAYED_VOLUME,
                tick_type::DELAYED_LAST_TIMESTAMP,
            )
        } else {
            (
                tick_type::BID,
                tick_type::ASK,
                tick_type::LAST,
                tick_type::VOLUME,
                tick_type::LAST_TIMESTAMP,
            )
        };
    let size = Decimal::from(100 + (sub.step % 7) * 100);
    for (t, price) in [(bid, p - 0.01), (ask, p + 0.01), (last, p)] {
        s.send(&TickPrice {
            req_id,
            tick_type: t,
            price: (price * 100.0).round() / 100.0,
            size,
            attr_mask: 0,
        });
    }
    s.send(&TickSize {
        req_id,
        tick_type: volume,
        size: Decimal::from(10_000 + sub.step * 300),
    });
    s.send(&TickString {
        req_id,
        tick_type: ts,
        value: now_secs().to_string(),
    });
}
