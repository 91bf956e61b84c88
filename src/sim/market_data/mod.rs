//! The sim's market data: top-of-book streams and snapshots for `reqMktData`
//! (with the generic tick lists TWS honours, option ticks for options, a limit
//! of concurrent lines), market data types, and the routing to its
//! sub-domains: depth ([`depth`]), tick-by-tick ([`tick_by_tick`]) and option
//! computations ([`options`]). Prices, and the option model behind them, are
//! shared with the other domains ([`crate::sim::prices`]).

mod depth;
mod options;
mod tick_by_tick;

use crate::messages::ids::MarketDataRequest;
use std::collections::BTreeMap;
use std::time::Instant;

use super::prices::{
    black_scholes, dividend_yield, implied_vol, model_vol, resolve, round_price, Terms,
};
use super::session::Session;
use super::time::now_millis;
use super::universe::price_at;
use crate::errors::{
    DUPLICATE_TICKER_ID, INVALID_REQUEST, MAX_TICKERS_REACHED, TICKER_ID_NOT_FOUND,
};
use crate::messages::market_data::depth::RerouteMktDepthReq;
use crate::messages::market_data::ticks::{DeltaNeutralValidation, RerouteMktDataReq, TickNews};
use crate::messages::market_data::{
    MarketDataType, ReqMktData, TickGeneric, TickPrice, TickReqParams, TickSize, TickSnapshotEnd,
    TickString,
};
use crate::model::{tick_type as tt, Contract, Decimal, TickType, UNSET_DECIMAL};
use crate::server_versions::MIN_SERVER_VER_ODD_LOT_BID_ASK_QUOTES;

/// The generic ticks TWS accepts in `reqMktData` (others get error 321).
const KNOWN_GENERIC_TICKS: [u32; 27] = [
    100, 101, 104, 105, 106, 107, 162, 165, 221, 225, 232, 233, 236, 256, 258, 291, 292, 293, 294,
    295, 318, 375, 411, 456, 460, 588, 619,
];

/// Odd-lot bid and ask (tick types 105–110), from server version 225.
const ODD_LOTS: u32 = 787;

/// How often (in rounds) a subscription with generic tick 292 gets a headline.
const NEWS_EVERY: u64 = 50;

/// The contract id of the stock a CFD request is rerouted to (from the
/// universe; 0 when the sim does not know it).
pub(super) fn underlying_con_id(symbol: &str) -> i32 {
    let stock = Contract {
        symbol: symbol.to_owned(),
        sec_type: "STK".into(),
        ..Contract::default()
    };
    super::universe::lookup(&stock)
        .first()
        .map_or(0, |d| d.contract.con_id)
}

/// One market data subscription.
#[derive(Debug)]
struct Subscription {
    symbol: String,
    /// Price increments per unit of the underlying's price.
    scale: f64,
    /// An option's terms (`OPT`/`FOP` with right, strike and expiry).
    option: Option<Terms>,
    /// The generic ticks asked for.
    generics: Vec<u32>,
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
    /// Order books (`reqMktDepth`).
    pub(super) depth: depth::State,
    /// Tick-by-tick streams.
    pub(super) tick_by_tick: tick_by_tick::State,
    /// A competing live session holds the live data (`Fault::CompetingSession`).
    competing: bool,
}

impl State {
    /// 1101: the market data, depth and tick-by-tick subscriptions are gone.
    /// Another session took the live data: the subscriptions end, and new
    /// ones are refused (see `handle`).
    pub(crate) fn competing_session(&mut self) {
        self.competing = true;
        self.data_lost();
    }

    pub(crate) fn data_lost(&mut self) {
        self.subs.clear();
        self.depth.data_lost();
        self.tick_by_tick.data_lost();
    }

    /// The ids of the market data, depth and tick-by-tick subscriptions.
    pub(crate) fn subscription_ids(&self) -> Vec<i32> {
        let mut ids: Vec<i32> = self.subs.keys().copied().collect();
        ids.extend(self.depth.ids());
        ids.extend(self.tick_by_tick.ids());
        ids
    }
}

impl Default for State {
    fn default() -> Self {
        State {
            market_data_type: 1,
            competing: false,
            subs: BTreeMap::new(),
            next_tick: Instant::now(),
            depth: Default::default(),
            tick_by_tick: Default::default(),
        }
    }
}

/// Answers one market data request.
pub(super) fn handle(s: &mut Session<'_>, req: MarketDataRequest) {
    // Live data belongs to the competing session (Fault::CompetingSession)
    // until the connection ends: new subscriptions get 10197 (delayed data
    // still flows, as with TWS).
    if s.market_data.competing && s.market_data.market_data_type == 1 {
        let id = match &req {
            MarketDataRequest::ReqMktData(m) => Some(m.req_id),
            MarketDataRequest::ReqMktDepth(m) => Some(m.req_id),
            MarketDataRequest::ReqTickByTickData(m) => Some(m.req_id),
            _ => None,
        };
        if let Some(id) = id {
            let c = crate::errors::COMPETING_LIVE_SESSION;
            s.send_error(id, c.code, c.msg);
            return;
        }
    }
    match req {
        MarketDataRequest::ReqMarketDataType(m) => {
            s.market_data.market_data_type = m.market_data_type;
        }
        MarketDataRequest::ReqMktData(m) => {
            req_mkt_data(s, m);
        }
        MarketDataRequest::CancelMktData(m) => {
            if s.market_data.subs.remove(&m.req_id).is_none() {
                let text = format!("{}{}", TICKER_ID_NOT_FOUND.msg, m.req_id);
                s.send_error(m.req_id, TICKER_ID_NOT_FOUND.code, &text);
            }
        }
        MarketDataRequest::ReqMktDepth(m) => {
            if m.contract.sec_type == "CFD" {
                s.send(&RerouteMktDepthReq {
                    req_id: m.req_id,
                    con_id: underlying_con_id(&m.contract.symbol),
                    exchange: "SMART".into(),
                });
            }
            depth::req_mkt_depth(s, m);
        }
        MarketDataRequest::CancelMktDepth(m) => {
            depth::cancel_mkt_depth(s, m);
        }
        MarketDataRequest::ReqTickByTickData(m) => {
            tick_by_tick::req_tick_by_tick_data(s, m);
        }
        MarketDataRequest::CancelTickByTickData(m) => {
            tick_by_tick::cancel_tick_by_tick_data(s, m);
        }
        MarketDataRequest::ReqCalcImpliedVolat(m) => {
            options::calc_implied_vol(s, &m);
        }
        MarketDataRequest::ReqCalcOptionPrice(m) => {
            options::calc_option_price(s, &m);
        }
        // Each calculation is answered at once: there is nothing left to stop.
        MarketDataRequest::CancelCalcImpliedVolat(_) => {}
        MarketDataRequest::CancelCalcOptionPrice(_) => {}
    }
}

/// Sends a round of ticks to every subscription when it is due, and gives
/// depth and tick-by-tick their turns.
pub(super) fn on_timer(s: &mut Session<'_>, now: Instant) {
    depth::on_timer(s, now);
    tick_by_tick::on_timer(s, now);
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

/// Sends error 321 with `cause`, as TWS words its validation errors.
fn refuse_with(s: &mut Session<'_>, req_id: i32, cause: &str) {
    let text = format!("{}-'sim' : cause - {cause}", INVALID_REQUEST.msg);
    s.send_error(req_id, INVALID_REQUEST.code, &text);
}

/// The generic ticks a session at `sv` accepts: [`KNOWN_GENERIC_TICKS`],
/// and odd lots (787) from server version 225.
fn legal_generic_ticks(sv: i32) -> Vec<u32> {
    let mut legal = KNOWN_GENERIC_TICKS.to_vec();
    if sv >= MIN_SERVER_VER_ODD_LOT_BID_ASK_QUOTES {
        legal.push(ODD_LOTS);
    }
    legal
}

/// The generic tick numbers of a list such as `"233,236,mdoff,292:BRFG"`;
/// `Err` with the first number TWS would not take.
fn generic_ticks(list: &str, legal: &[u32]) -> Result<Vec<u32>, String> {
    let mut out = Vec::new();
    for item in list.split(',') {
        let item = item.trim();
        let number = item.split(':').next().unwrap_or("");
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            continue; // names such as `mdoff`
        }
        match number.parse::<u32>() {
            Ok(n) if legal.contains(&n) => out.push(n),
            _ => return Err(number.to_owned()),
        }
    }
    Ok(out)
}

fn req_mkt_data(s: &mut Session<'_>, m: ReqMktData) {
    if s.market_data.subs.contains_key(&m.req_id) {
        let text = format!("{}: {}", DUPLICATE_TICKER_ID.msg, m.req_id);
        s.send_error(m.req_id, DUPLICATE_TICKER_ID.code, &text);
        return;
    }
    let snapshot = m.snapshot || m.regulatory_snapshot;
    if !snapshot && s.market_data.subs.len() >= s.shared.config.max_market_data_lines {
        s.send_error(m.req_id, MAX_TICKERS_REACHED.code, MAX_TICKERS_REACHED.msg);
        return;
    }
    let legal = legal_generic_ticks(s.sv);
    let generics = match generic_ticks(&m.generic_tick_list, &legal) {
        Ok(g) => g,
        Err(bad) => {
            let legal: Vec<String> = legal.iter().map(|n| n.to_string()).collect();
            let cause = format!(
                "Incorrect generic tick list of {bad}.  Legal ones for ({}) are: {}",
                m.contract.sec_type,
                legal.join(",")
            );
            return refuse_with(s, m.req_id, &cause);
        }
    };
    if snapshot && !generics.is_empty() {
        return refuse_with(
            s,
            m.req_id,
            "Snapshot market data subscription is not applicable to generic ticks",
        );
    }
    let c = &m.contract;
    if c.sec_type == "CFD" {
        s.send(&RerouteMktDataReq {
            req_id: m.req_id,
            con_id: underlying_con_id(&c.symbol),
            exchange: "SMART".into(),
        });
    }
    if let Some(dn) = &c.delta_neutral_contract {
        s.send(&DeltaNeutralValidation {
            req_id: m.req_id,
            delta_neutral_contract: *dn,
        });
    }
    let market_data_type = s.market_data.market_data_type;
    let instrument = resolve(c);
    s.send(&TickReqParams {
        ticker_id: m.req_id,
        min_tick: 1.0 / instrument.scale,
        bbo_exchange: "9c0001".into(),
        snapshot_permissions: 3,
    });
    s.send(&MarketDataType {
        req_id: m.req_id,
        market_data_type,
    });
    let mut sub = Subscription {
        symbol: instrument.symbol,
        scale: instrument.scale,
        option: instrument.option,
        generics,
        step: 0,
        delayed: matches!(market_data_type, 3 | 4),
    };
    s.send(&TickGeneric {
        req_id: m.req_id,
        tick_type: tt::HALTED,
        value: 0.0,
    });
    once(s, m.req_id, &sub, c);
    tick(s, m.req_id, &mut sub);
    if snapshot {
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

fn price(s: &mut Session<'_>, req_id: i32, tick_type: TickType, price: f64, size: Decimal) {
    s.send(&TickPrice {
        req_id,
        tick_type,
        price,
        size,
        attr_mask: 0,
    });
}

fn size(s: &mut Session<'_>, req_id: i32, tick_type: TickType, size: u64) {
    s.send(&TickSize {
        req_id,
        tick_type,
        size: Decimal::from(size),
    });
}

fn generic(s: &mut Session<'_>, req_id: i32, tick_type: TickType, value: f64) {
    s.send(&TickGeneric {
        req_id,
        tick_type,
        value,
    });
}

/// The ticks sent once, at the start, for the generic ticks asked for.
fn once(s: &mut Session<'_>, req_id: i32, sub: &Subscription, c: &Contract) {
    let p = price_at(&sub.symbol, now_millis() as f64 / 1000.0);
    let atm_vol = model_vol(&sub.symbol, p, p);
    for g in sub.generics.clone() {
        match g {
            100 => {
                size(s, req_id, tt::OPTION_CALL_VOLUME, 18_250);
                size(s, req_id, tt::OPTION_PUT_VOLUME, 12_730);
            }
            101 => {
                size(s, req_id, tt::OPTION_CALL_OPEN_INTEREST, 412_000);
                size(s, req_id, tt::OPTION_PUT_OPEN_INTEREST, 389_500);
            }
            104 => generic(s, req_id, tt::OPTION_HISTORICAL_VOL, atm_vol * 0.9),
            106 => generic(s, req_id, tt::OPTION_IMPLIED_VOL, atm_vol),
            165 => {
                let lows = [0.92, 0.85, 0.74];
                let highs = [1.05, 1.11, 1.23];
                let types = [
                    (tt::LOW_13_WEEK, tt::HIGH_13_WEEK),
                    (tt::LOW_26_WEEK, tt::HIGH_26_WEEK),
                    (tt::LOW_52_WEEK, tt::HIGH_52_WEEK),
                ];
                for ((lo, hi), (tl, th)) in lows.iter().zip(highs).zip(types) {
                    price(s, req_id, tl, round_price(p * lo, sub.scale), UNSET_DECIMAL);
                    price(s, req_id, th, round_price(p * hi, sub.scale), UNSET_DECIMAL);
                }
                size(s, req_id, tt::AVG_VOLUME, 5_412_300);
            }
            236 => {
                generic(s, req_id, tt::SHORTABLE, 3.0);
                size(s, req_id, tt::SHORTABLE_SHARES, 25_000_000);
            }
            258 => {
                let value = format!(
                    "TTMNPMGN=24.3;NLOW={:.2};NHIG={:.2};TTMEPSXCLX=6.42;APENORM={:.2};QCURRATIO=0.87;TTMREV=391035;MKTCAP=3512000;CURRENCY={}",
                    p * 0.74,
                    p * 1.23,
                    p / 6.42,
                    if c.currency.is_empty() { "USD" } else { &c.currency }
                );
                s.send(&TickString {
                    req_id,
                    tick_type: tt::FUNDAMENTAL_RATIOS,
                    value: value.into(),
                });
            }
            292 => news(s, req_id, &sub.symbol, 0),
            ODD_LOTS => {
                for (t, exchange) in [(tt::ODD_LOT_BID_EXCH, "P"), (tt::ODD_LOT_ASK_EXCH, "Q")] {
                    s.send(&TickString {
                        req_id,
                        tick_type: t,
                        value: exchange.into(),
                    });
                }
            }
            _ => {}
        }
    }
}

/// A headline for `symbol` (the `n`-th).
fn news(s: &mut Session<'_>, req_id: i32, symbol: &str, n: u64) {
    let headlines = [
        "shares active in early trading",
        "analyst reiterates rating",
        "options volume above average",
        "company to present at industry conference",
    ];
    s.send(&TickNews {
        ticker_id: req_id,
        time_stamp: now_millis(),
        provider_code: "BRFG".into(),
        article_id: format!("BRFG${}{:04}", symbol, n),
        headline: format!("{symbol}: {}", headlines[(n % 4) as usize]),
        extra_data: "K:0.50;C:0.80".into(),
    });
}

/// One round of ticks: bid, ask and last with sizes, volume, last timestamp;
/// for an option its computations; RT volume and news when asked for.
fn tick(s: &mut Session<'_>, req_id: i32, sub: &mut Subscription) {
    sub.step += 1;
    let ms = now_millis();
    let und = price_at(&sub.symbol, ms as f64 / 1000.0);
    let (bid, ask, last, volume, ts) = if sub.delayed {
        (
            tt::DELAYED_BID,
            tt::DELAYED_ASK,
            tt::DELAYED_LAST,
            tt::DELAYED_VOLUME,
            tt::DELAYED_LAST_TIMESTAMP,
        )
    } else {
        (tt::BID, tt::ASK, tt::LAST, tt::VOLUME, tt::LAST_TIMESTAMP)
    };
    let lot = Decimal::from(100 + (sub.step % 7) * 100);
    let (b, a, l) = match &sub.option {
        None => {
            let tick = 1.0 / sub.scale;
            (
                round_price(und - tick, sub.scale),
                round_price(und + tick, sub.scale),
                round_price(und, sub.scale),
            )
        }
        Some(terms) => option_prices(s, req_id, sub, terms, und, ms),
    };
    for (t, p) in [(bid, b), (ask, a), (last, l)] {
        price(s, req_id, t, p, lot);
    }
    let total = 10_000 + sub.step * 300;
    size(s, req_id, volume, total);
    s.send(&TickString {
        req_id,
        tick_type: ts,
        value: (ms / 1000).to_string().into(),
    });
    if sub.generics.contains(&233) {
        let digits = if sub.scale > 100.0 { 5 } else { 2 };
        let value = format!("{l:.digits$};{lot};{ms};{total};{und:.4};true");
        s.send(&TickString {
            req_id,
            tick_type: tt::RT_VOLUME,
            value: value.into(),
        });
    }
    if sub.generics.contains(&ODD_LOTS) {
        // Odd-lot quotes at the round-lot prices, for fewer than 100 shares.
        let odd = 1 + sub.step % 99;
        price(s, req_id, tt::ODD_LOT_BID, b, UNSET_DECIMAL);
        size(s, req_id, tt::ODD_LOT_BID_SIZE, odd);
        price(s, req_id, tt::ODD_LOT_ASK, a, UNSET_DECIMAL);
        size(s, req_id, tt::ODD_LOT_ASK_SIZE, 100 - odd);
    }
    if sub.generics.contains(&292) && sub.step % NEWS_EVERY == 0 {
        news(s, req_id, &sub.symbol.clone(), sub.step / NEWS_EVERY);
    }
}

/// An option's bid, ask and last from the model, and its computations
/// (tick types 10–13, or 80–83 delayed): implied volatilities from each
/// price by the root finder, the model's at its own volatility.
fn option_prices(
    s: &mut Session<'_>,
    req_id: i32,
    sub: &Subscription,
    terms: &Terms,
    und: f64,
    ms: i64,
) -> (f64, f64, f64) {
    let t = terms.years(ms);
    let q = dividend_yield(&sub.symbol);
    let vol = model_vol(&sub.symbol, und, terms.strike);
    let theo = black_scholes(terms, und, t, vol, q).price;
    let half = (theo * 0.005).max(0.01);
    let round = |p: f64| (p * 100.0).round() / 100.0; // option prices in cents
    let (b, a, l) = (
        round((theo - half).max(0.0)),
        round(theo + half),
        round(theo),
    );
    let types = if sub.delayed {
        [
            tt::DELAYED_BID_OPTION,
            tt::DELAYED_ASK_OPTION,
            tt::DELAYED_LAST_OPTION,
            tt::DELAYED_MODEL_OPTION,
        ]
    } else {
        [
            tt::BID_OPTION_COMPUTATION,
            tt::ASK_OPTION_COMPUTATION,
            tt::LAST_OPTION_COMPUTATION,
            tt::MODEL_OPTION,
        ]
    };
    for (tick_type, p) in types.iter().zip([b, a, l]) {
        let iv = implied_vol(terms, und, t, q, p);
        let mut m = options::computation(req_id, *tick_type, 1, terms, und, t, q, iv);
        if iv.is_some() {
            m.opt_price = p;
        }
        s.send(&m);
    }
    s.send(&options::computation(
        req_id,
        types[3],
        0,
        terms,
        und,
        t,
        q,
        Some(vol),
    ));
    (b, a, l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_tick_lists() {
        let known = KNOWN_GENERIC_TICKS.to_vec();
        assert_eq!(generic_ticks("", &known), Ok(vec![]));
        assert_eq!(
            generic_ticks("233, 236,mdoff,292:BRFG", &known),
            Ok(vec![233, 236, 292])
        );
        assert_eq!(generic_ticks("233,999", &known), Err("999".into()));
        assert_eq!(generic_ticks("787", &known), Err("787".into()));
        assert_eq!(
            generic_ticks("787", &legal_generic_ticks(225)),
            Ok(vec![787])
        );
        assert_eq!(legal_generic_ticks(224), known);
    }
}
