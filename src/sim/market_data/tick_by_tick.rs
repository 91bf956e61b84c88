//! The sim's tick-by-tick streams: trades (`Last`, `AllLast`), quotes
//! (`BidAsk`) and midpoints (`MidPoint`) from the sim's price, with
//! `numberOfTicks` recent ticks first.

use std::collections::BTreeMap;
use std::time::Instant;

use crate::errors::DUPLICATE_TICKER_ID;
use crate::messages::market_data::tick_by_tick::{
    tick_by_tick_type, CancelTickByTickData, ReqTickByTickData, TickByTick, TickByTickData,
};
use crate::model::Decimal;
use crate::sim::prices::{resolve, Instrument};
use crate::sim::session::Session;
use crate::sim::time::now_millis;

/// Most historical ticks sent before a stream (TWS sends up to 1000).
const MAX_HISTORY: i32 = 1000;

/// The venues trades are reported on.
const EXCHANGES: [&str; 6] = ["NASDAQ", "ARCA", "NYSE", "BATS", "IEX", "EDGX"];

/// One stream.
#[derive(Debug)]
struct Stream {
    instrument: Instrument,
    kind: i32,
    ignore_size: bool,
    /// Ticks made so far (history included): the seed of the next one.
    step: i64,
    /// The last quote sent (BidAsk with ignore_size).
    last_quote: Option<(f64, f64)>,
}

/// A connection's tick-by-tick streams.
#[derive(Debug)]
pub(crate) struct State {
    streams: BTreeMap<i32, Stream>,
    next: Instant,
}

impl State {
    /// 1101: every subscription is gone.
    pub(crate) fn data_lost(&mut self) {
        self.streams.clear();
    }

    /// The ids of the subscriptions.
    pub(crate) fn ids(&self) -> impl Iterator<Item = i32> + '_ {
        self.streams.keys().copied()
    }
}

impl Default for State {
    fn default() -> Self {
        State {
            streams: BTreeMap::new(),
            next: Instant::now(),
        }
    }
}

fn noise(symbol: &str, step: i64) -> u64 {
    let mut h = symbol.bytes().fold(0x9E37_79B9_7F4A_7C15u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    }) ^ (step as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93);
    h ^= h >> 32;
    h = h.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    h ^ (h >> 29)
}

/// The tick of `stream` number `step`, at `ms` (epoch milliseconds).
fn make(req_id: i32, stream: &Stream, step: i64, ms: i64) -> TickByTick<'static> {
    let i = &stream.instrument;
    let p = i.price_at(ms);
    let n = noise(&i.symbol, step);
    let time = ms.div_euclid(1000);
    let scale = i.scale;
    let ticks = |c: i64| ((p * scale).round() as i64 + c) as f64 / scale;
    let data = match stream.kind {
        tick_by_tick_type::LAST | tick_by_tick_type::ALL_LAST => {
            let size = 1 + n % 500;
            let venues = if stream.kind == tick_by_tick_type::LAST {
                3
            } else {
                EXCHANGES.len() as u64
            };
            TickByTickData::Last {
                price: ticks((n >> 12) as i64 % 3 - 1),
                size: Decimal::from(size),
                // Unreported (bit 1) now and then for AllLast's off-exchange trades.
                mask: if stream.kind == tick_by_tick_type::ALL_LAST && (n >> 20) % 9 == 0 {
                    2
                } else {
                    0
                },
                exchange: EXCHANGES[((n >> 24) % venues) as usize].into(),
                special_conditions: if size < 100 { "   I" } else { "" }.into(),
            }
        }
        tick_by_tick_type::BID_ASK => TickByTickData::BidAsk {
            bid_price: ticks(-1),
            ask_price: ticks(1),
            bid_size: Decimal::from(100 * (1 + n % 30)),
            ask_size: Decimal::from(100 * (1 + (n >> 8) % 30)),
            mask: 0,
        },
        _ => TickByTickData::MidPoint {
            mid_point: (ticks(-1) + ticks(1)) / 2.0,
        },
    };
    TickByTick {
        req_id,
        tick_type: stream.kind,
        time,
        data,
    }
}

/// `reqTickByTickData`: `number_of_ticks` recent ticks (a second apart), then
/// one tick every tick interval.
pub(super) fn req_tick_by_tick_data(s: &mut Session<'_>, m: ReqTickByTickData) {
    if s.market_data.tick_by_tick.streams.contains_key(&m.req_id) {
        let text = format!("{}: {}", DUPLICATE_TICKER_ID.msg, m.req_id);
        s.send_error(m.req_id, DUPLICATE_TICKER_ID.code, &text);
        return;
    }
    let Some(kind) = tick_by_tick_type::from_name(&m.tick_type) else {
        let cause = format!(
            "Invalid tick type '{}': Last, AllLast, BidAsk or MidPoint",
            m.tick_type
        );
        super::refuse_with(s, m.req_id, &cause);
        return;
    };
    let mut stream = Stream {
        instrument: resolve(&m.contract),
        kind,
        ignore_size: m.ignore_size,
        step: 0,
        last_quote: None,
    };
    let now = now_millis();
    let history = m.number_of_ticks.clamp(0, MAX_HISTORY) as i64;
    for i in 0..history {
        let tick = make(m.req_id, &stream, stream.step, now - (history - i) * 1000);
        stream.step += 1;
        send(s, &mut stream, &tick);
    }
    if s.market_data.tick_by_tick.streams.is_empty() {
        s.market_data.tick_by_tick.next = Instant::now() + s.shared.config.tick_interval;
    }
    s.market_data.tick_by_tick.streams.insert(m.req_id, stream);
    let next = s.market_data.tick_by_tick.next;
    s.wake_at(next);
}

/// Sends `tick`, unless it is a quote that changed in size only and the
/// stream ignores those.
fn send(s: &mut Session<'_>, stream: &mut Stream, tick: &TickByTick<'_>) {
    if let TickByTickData::BidAsk {
        bid_price,
        ask_price,
        ..
    } = tick.data
    {
        if stream.ignore_size && stream.last_quote == Some((bid_price, ask_price)) {
            return;
        }
        stream.last_quote = Some((bid_price, ask_price));
    }
    s.send(tick);
}

/// `cancelTickByTickData`: stops the stream (an unknown id is ignored).
pub(super) fn cancel_tick_by_tick_data(s: &mut Session<'_>, m: CancelTickByTickData) {
    s.market_data.tick_by_tick.streams.remove(&m.req_id);
}

/// Sends one tick of every stream when it is due.
pub(super) fn on_timer(s: &mut Session<'_>, now: Instant) {
    if s.market_data.tick_by_tick.streams.is_empty() {
        return;
    }
    if now >= s.market_data.tick_by_tick.next {
        let mut streams = std::mem::take(&mut s.market_data.tick_by_tick.streams);
        let ms = now_millis();
        for (req_id, stream) in streams.iter_mut() {
            let tick = make(*req_id, stream, stream.step, ms);
            stream.step += 1;
            send(s, stream, &tick);
        }
        s.market_data.tick_by_tick.streams = streams;
        s.market_data.tick_by_tick.next = now + s.shared.config.tick_interval;
    }
    let next = s.market_data.tick_by_tick.next;
    s.wake_at(next);
}
