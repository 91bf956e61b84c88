//! The sim's market depth: a live book per `reqMktDepth`, 10 rows a side at
//! most, moved by the sim's price (`universe::price_at`). Each round the sim
//! computes the book the instrument has now and sends the insert, update and
//! delete operations that turn the client's copy into it, so that a client
//! applying them in order (e.g. with [`crate::model::MarketDepthBook`]) holds
//! exactly the sim's book. SMART depth comes as level II updates with the
//! exchange of each row as its market maker.

use std::collections::BTreeMap;
use std::time::Instant;

use crate::errors::{DUPLICATE_TICKER_ID, MAX_DEPTH_REQUESTS_REACHED};
use crate::messages::market_data::depth::{
    operation, side, CancelMktDepth, MarketDepth, MarketDepthL2, ReqMktDepth,
};
use crate::model::{Decimal, DepthLevel, MarketDepthBook};
use crate::sim::prices::{resolve, Instrument};
use crate::sim::session::Session;
use crate::sim::time::now_millis;

/// Most rows a side.
pub(crate) const MAX_ROWS: usize = 10;

/// The exchanges a SMART book names as market makers.
const VENUES: [&str; 8] = ["NSDQ", "ARCA", "BATS", "EDGX", "IEX", "NYSE", "BYX", "MEMX"];

fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

fn hash(symbol: &str, a: i64, b: i64) -> u64 {
    let s = symbol.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, c| {
        (h ^ c as u64).wrapping_mul(0x100_0000_01b3)
    });
    mix(s ^ mix(a as u64 ^ mix(b as u64)))
}

/// One row of a computed book: price (a whole number of increments), size,
/// market maker.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    pub price: f64,
    pub size: Decimal,
    pub market_maker: &'static str,
}

/// The book of `symbol` at `secs` around the price `p`: `rows` rows a side,
/// bids below it and asks above it, on the price points (`scale` a unit)
/// populated for this symbol (about three in four), sizes changing at
/// different speeds per row.
pub(crate) fn book_at(symbol: &str, p: f64, secs: f64, rows: usize, scale: f64) -> [Vec<Row>; 2] {
    let mid = (p * scale).round() as i64;
    let tick = (secs * 4.0) as i64;
    let mut sides: [Vec<Row>; 2] = [Vec::new(), Vec::new()];
    for (i, dir) in [(side::ASK, 1i64), (side::BID, -1i64)] {
        let out = &mut sides[i as usize];
        let mut c = mid + dir;
        while out.len() < rows && c > 0 && (c - mid).abs() < 1000 {
            let h = hash(symbol, c, i as i64);
            if h % 4 != 0 {
                let speed = 1 + (h >> 8) % 6;
                let size = 100 * (1 + hash(symbol, c, tick / speed as i64) % 20);
                out.push(Row {
                    price: c as f64 / scale,
                    size: Decimal::from(size),
                    market_maker: VENUES[((h >> 16) % VENUES.len() as u64) as usize],
                });
            }
            c += dir;
        }
    }
    sides
}

/// The operations (position, operation, row) that turn `old` into `new`, one
/// side, rows best first: deletes of the prices gone (last first), then an
/// insert for each new price and an update for each changed row (size, and
/// market maker when `smart`).
pub(crate) fn diff(old: &[DepthLevel], new: &[Row], smart: bool) -> Vec<(i32, i32, Row)> {
    let mut ops = Vec::new();
    let mut work: Vec<&DepthLevel> = old.iter().collect();
    for i in (0..work.len()).rev() {
        if !new.iter().any(|r| r.price == work[i].price) {
            ops.push((
                i as i32,
                operation::DELETE,
                Row {
                    price: work[i].price,
                    size: work[i].size,
                    market_maker: VENUES
                        .iter()
                        .find(|v| **v == work[i].market_maker)
                        .copied()
                        .unwrap_or(""),
                },
            ));
            work.remove(i);
        }
    }
    let mut k = 0;
    for (i, r) in new.iter().enumerate() {
        match work.get(k) {
            Some(l) if l.price == r.price => {
                if l.size != r.size || (smart && l.market_maker != r.market_maker) {
                    ops.push((i as i32, operation::UPDATE, r.clone()));
                }
                k += 1;
            }
            _ => ops.push((i as i32, operation::INSERT, r.clone())),
        }
    }
    ops
}

/// One `reqMktDepth` subscription.
#[derive(Debug)]
struct Book {
    instrument: Instrument,
    rows: usize,
    smart: bool,
    /// The book as the client has it after what was sent.
    sent: MarketDepthBook,
}

/// A connection's depth subscriptions.
#[derive(Debug)]
pub(crate) struct State {
    books: BTreeMap<i32, Book>,
    next: Instant,
}

impl State {
    /// 1101: every subscription is gone.
    pub(crate) fn data_lost(&mut self) {
        self.books.clear();
    }

    /// The ids of the subscriptions.
    pub(crate) fn ids(&self) -> impl Iterator<Item = i32> + '_ {
        self.books.keys().copied()
    }
}

impl Default for State {
    fn default() -> Self {
        State {
            books: BTreeMap::new(),
            next: Instant::now(),
        }
    }
}

/// `reqMktDepth`: the whole book as inserts, then a round of changes every tick interval.
pub(super) fn req_mkt_depth(s: &mut Session<'_>, m: ReqMktDepth) {
    if s.market_data.depth.books.contains_key(&m.req_id) {
        let text = format!("{}: {}", DUPLICATE_TICKER_ID.msg, m.req_id);
        s.send_error(m.req_id, DUPLICATE_TICKER_ID.code, &text);
        return;
    }
    if s.market_data.depth.books.len() >= s.shared.config.max_depth_requests {
        s.send_error(
            m.req_id,
            MAX_DEPTH_REQUESTS_REACHED.code,
            MAX_DEPTH_REQUESTS_REACHED.msg,
        );
        return;
    }
    let mut book = Book {
        instrument: resolve(&m.contract),
        rows: (m.num_rows.max(1) as usize).min(MAX_ROWS),
        smart: m.is_smart_depth,
        sent: MarketDepthBook::new(),
    };
    round(s, m.req_id, &mut book, now_millis());
    if s.market_data.depth.books.is_empty() {
        s.market_data.depth.next = Instant::now() + s.shared.config.tick_interval;
    }
    s.market_data.depth.books.insert(m.req_id, book);
    let next = s.market_data.depth.next;
    s.wake_at(next);
}

/// `cancelMktDepth`: stops the book (an unknown id is ignored, as TWS does).
pub(super) fn cancel_mkt_depth(s: &mut Session<'_>, m: CancelMktDepth) {
    s.market_data.depth.books.remove(&m.req_id);
}

/// Sends a round of changes to every book when it is due.
pub(super) fn on_timer(s: &mut Session<'_>, now: Instant) {
    if s.market_data.depth.books.is_empty() {
        return;
    }
    if now >= s.market_data.depth.next {
        let mut books = std::mem::take(&mut s.market_data.depth.books);
        let ms = now_millis();
        for (req_id, book) in books.iter_mut() {
            round(s, *req_id, book, ms);
        }
        s.market_data.depth.books = books;
        s.market_data.depth.next = now + s.shared.config.tick_interval;
    }
    let next = s.market_data.depth.next;
    s.wake_at(next);
}

/// Sends the operations from the client's book to the book at `ms`.
fn round(s: &mut Session<'_>, req_id: i32, book: &mut Book, ms: i64) {
    let i = &book.instrument;
    let target = book_at(
        &i.symbol,
        i.price_at(ms),
        ms as f64 / 1000.0,
        book.rows,
        i.scale,
    );
    for side in [side::BID, side::ASK] {
        let old = if side == side::BID {
            book.sent.bids()
        } else {
            book.sent.asks()
        };
        let ops = diff(old, &target[side as usize], book.smart);
        for (position, op, row) in ops {
            let price = row.price;
            let size = row.size;
            let mm = if book.smart { row.market_maker } else { "" };
            if let Err(e) = book.sent.apply_l2(position, mm, op, side, price, size) {
                log::warn!("sim depth book out of step: {e}");
            }
            if book.smart {
                s.send(&MarketDepthL2 {
                    req_id,
                    position,
                    market_maker: mm.into(),
                    operation: op,
                    side,
                    price,
                    size,
                    is_smart_depth: true,
                });
            } else {
                s.send(&MarketDepth {
                    req_id,
                    position,
                    operation: op,
                    side,
                    price,
                    size,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Random pairs of books: applying the diff of each step to a
    /// MarketDepthBook gives exactly the next book, sorted and uncrossed.
    #[test]
    fn diffs_rebuild_every_book() {
        for sym in ["AAPL", "IBM", "SPY", "EUR", "ES"] {
            for smart in [false, true] {
                let mut book = MarketDepthBook::new();
                for step in 0..400 {
                    let secs = 1_763_900_000.0 + step as f64 * 0.37;
                    let rows = 1 + (step % 13).min(9);
                    let scale = [100.0, 4.0, 20_000.0][step % 3];
                    let p = crate::sim::universe::price_at(sym, secs);
                    let target = book_at(sym, p, secs, rows, scale);
                    for side in [side::BID, side::ASK] {
                        let old = if side == side::BID {
                            book.bids().to_vec()
                        } else {
                            book.asks().to_vec()
                        };
                        for (pos, op, row) in diff(&old, &target[side as usize], smart) {
                            let mm = if smart { row.market_maker } else { "" };
                            book.apply_l2(pos, mm, op, side, row.price, row.size)
                                .unwrap();
                            assert!(book.bids().len() <= MAX_ROWS && book.asks().len() <= MAX_ROWS);
                        }
                    }
                    for (side, rows) in [(side::ASK, book.asks()), (side::BID, book.bids())] {
                        let want = &target[side as usize];
                        assert_eq!(rows.len(), want.len());
                        for (l, r) in rows.iter().zip(want) {
                            assert_eq!(l.price, r.price);
                            assert_eq!(l.size, r.size);
                            if smart {
                                assert_eq!(l.market_maker, r.market_maker);
                            }
                        }
                    }
                    assert!(book.is_sorted(), "{sym} step {step}:\n{book}");
                }
            }
        }
    }
}
