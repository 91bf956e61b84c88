//! The sim's historical bars, head timestamps, histograms, historical ticks
//! and real-time bars (the data itself comes from [`data`]).
//!
//! What it answers as TWS does: bars with `historicalDataEnd` (inline before
//! server version 196), `historicalDataUpdate` of the last bar for
//! `keep_up_to_date` until cancelled, `historicalSchedule` for `SCHEDULE`,
//! error 321 for an invalid bar size or duration, 162 when there is no data
//! and, when [`SimConfig::historical_pacing`](super::SimConfig) is set, 162
//! for a request that breaks IB's pacing rules. Simplified: the pacing log is
//! per connection, not per TWS (a `BID_ASK` request counts twice, as IB
//! counts it); only `keep_up_to_date` requests stay open.

pub(super) mod data;

use crate::messages::ids::HistoricalRequest;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use super::session::Session;
use super::time::{format_local, is_trading_day, now_secs, parse_date_time, to_eastern};
use super::universe::price_at;
use crate::errors::{
    DUPLICATE_TICKER_ID, HISTORICAL_DATA_SERVICE, INVALID_REQUEST, NO_SECURITY_DEFINITION,
};
use crate::messages::historical::pacing::{PacingKey, PacingLog};
use crate::messages::historical::{
    HeadTimestamp, HistogramDataMsg, HistoricalData, HistoricalDataEnd, HistoricalDataHeader,
    HistoricalDataUpdate, HistoricalSchedule, HistoricalTicks, HistoricalTicksBidAsk,
    HistoricalTicksLast, RealTimeBars, ReqHistogramData, ReqHistoricalData, ReqHistoricalTicks,
    ReqRealTimeBars,
};
use crate::model::{
    BarData, Contract, Decimal, HistogramData, HistoricalSession, HistoricalTick,
    HistoricalTickBidAsk, HistoricalTickLast, RealTimeBar, TickAttribBidAsk, TickAttribLast,
};
use crate::server_versions::MIN_SERVER_VER_HISTORICAL_DATA_END;
use data::{
    bar_over, bars, format_time, head_timestamp, hours, period_start, seed, sessions, tick_of,
    BarQuery, BarSize, Span, LEGAL_BAR_SIZES, MAX_BARS,
};

/// TWS's interval for real-time bars and for updates of kept-up-to-date bars.
const STREAM_SECS: i64 = 5;

/// A `keep_up_to_date` request: updates of its last bar until cancelled.
#[derive(Debug)]
struct Live {
    symbol: String,
    sec_type: String,
    what_to_show: String,
    format_date: i32,
    bar_secs: i64,
    due: Instant,
    /// Sim seconds of the next update.
    sim_time: i64,
}

/// A real-time bar subscription.
#[derive(Debug)]
struct RealTime {
    symbol: String,
    what_to_show: String,
    due: Instant,
    /// Start of the next bar, sim seconds.
    time: i64,
}

/// A connection's historical state.
#[derive(Debug, Default)]
pub(crate) struct State {
    live: BTreeMap<i32, Live>,
    realtime: BTreeMap<i32, RealTime>,
    pacing: PacingLog,
}

impl State {
    /// 1101: the real-time bar subscriptions are gone.
    pub(crate) fn data_lost(&mut self) {
        self.realtime.clear();
    }
}

/// Answers one request of this domain.
pub(super) fn handle(s: &mut Session<'_>, req: HistoricalRequest) {
    match req {
        HistoricalRequest::ReqHistoricalData(m) => {
            if paced(
                s,
                m.req_id,
                PacingKey::of_historical_data(&m),
                m.keep_up_to_date,
            ) {
                req_historical_data(s, &m);
            }
        }
        HistoricalRequest::CancelHistoricalData(m) => {
            s.historical.live.remove(&m.req_id);
        }
        HistoricalRequest::ReqHeadTimeStamp(m) => {
            let Some(c) = resolve(s, m.req_id, &m.contract) else {
                return;
            };
            let t = head_timestamp(&c.symbol);
            let head_timestamp = if m.format_date == 2 {
                t.to_string()
            } else {
                format_local(to_eastern(t))
            };
            s.send(&HeadTimestamp {
                req_id: m.req_id,
                head_timestamp,
            });
        }
        HistoricalRequest::CancelHeadTimeStamp(_) => {}
        HistoricalRequest::ReqHistogramData(m) => {
            histogram(s, &m);
        }
        HistoricalRequest::CancelHistogramData(_) => {}
        // Historical ticks are answered at once: nothing is left to stop.
        HistoricalRequest::CancelHistoricalTicks(_) => {}
        HistoricalRequest::ReqHistoricalTicks(m) => {
            if paced(s, m.req_id, PacingKey::of_historical_ticks(&m), false) {
                historical_ticks(s, &m);
            }
        }
        HistoricalRequest::ReqRealTimeBars(m) => {
            req_real_time_bars(s, &m);
        }
        HistoricalRequest::CancelRealTimeBars(m) => {
            s.historical.realtime.remove(&m.req_id);
        }
    }
}

/// One stream period of wall time at the configured clock speed.
fn stream_period(s: &Session<'_>) -> Duration {
    let speed = s.shared.config.clock_speed;
    let speed = if speed.is_finite() && speed > 0.0 {
        speed
    } else {
        1.0
    };
    Duration::from_secs_f64(STREAM_SECS as f64 / speed)
}

/// Sends what is due at `now`, and asks for the next turn with [`Session::wake_at`].
pub(super) fn on_timer(s: &mut Session<'_>, now: Instant) {
    let period = stream_period(s);
    let mut next: Option<Instant> = None;
    let mut live = std::mem::take(&mut s.historical.live);
    for (req_id, l) in live.iter_mut() {
        while l.due <= now {
            let q = BarQuery {
                symbol: &l.symbol,
                sec_type: &l.sec_type,
                what_to_show: &l.what_to_show,
                use_rth: false,
                format_date: l.format_date,
                bar: BarSize::Secs(l.bar_secs),
            };
            let start = l.sim_time - l.sim_time.rem_euclid(l.bar_secs);
            let bar = bar_over(&q, start, l.sim_time + 1, format_time(l.format_date, start));
            s.send(&HistoricalDataUpdate {
                req_id: *req_id,
                bar,
            });
            l.sim_time += STREAM_SECS;
            l.due += period;
        }
        next = Some(next.map_or(l.due, |n| n.min(l.due)));
    }
    s.historical.live = live;
    let mut realtime = std::mem::take(&mut s.historical.realtime);
    for (req_id, r) in realtime.iter_mut() {
        while r.due <= now {
            s.send(&RealTimeBars {
                req_id: *req_id,
                bar: real_time_bar(&r.symbol, &r.what_to_show, r.time),
            });
            r.time += STREAM_SECS;
            r.due += period;
        }
        next = Some(next.map_or(r.due, |n| n.min(r.due)));
    }
    s.historical.realtime = realtime;
    if let Some(n) = next {
        s.wake_at(n);
    }
}

/// The instrument a request names, from the sim's universe (a contract id
/// alone is enough); a combo as given. `None` after answering error 200 for
/// what the universe does not hold.
fn resolve(s: &mut Session<'_>, req_id: i32, c: &Contract) -> Option<Contract> {
    let found = if c.sec_type == "BAG" {
        (!c.symbol.is_empty()).then(|| c.clone())
    } else {
        super::universe::lookup(c)
            .into_iter()
            .next()
            .map(|d| d.contract)
    };
    if found.is_none() {
        s.send_error(
            req_id,
            NO_SECURITY_DEFINITION.code,
            NO_SECURITY_DEFINITION.msg,
        );
    }
    found
}

fn error_162(s: &mut Session<'_>, req_id: i32, cause: &str) {
    let text = format!("{}{cause}", HISTORICAL_DATA_SERVICE.msg);
    s.send_error(req_id, HISTORICAL_DATA_SERVICE.code, &text);
}

fn error_321(s: &mut Session<'_>, req_id: i32, tag: &str, cause: &str) {
    let text = format!("{}-'{tag}' : cause - {cause}", INVALID_REQUEST.msg);
    s.send_error(req_id, INVALID_REQUEST.code, &text);
}

/// Applies the pacing rules when they are on: `false` (and error 162) for a
/// request that breaks one.
fn paced(s: &mut Session<'_>, req_id: i32, key: PacingKey, stays_open: bool) -> bool {
    let Some(rules) = s.shared.config.historical_pacing else {
        return true;
    };
    let now = Instant::now();
    let too_many_open = stays_open && s.historical.live.len() >= rules.max_open;
    if too_many_open || s.historical.pacing.wait_until(&rules, &key, now).is_some() {
        error_162(s, req_id, "Historical data request pacing violation");
        return false;
    }
    s.historical.pacing.record(key, now);
    true
}

/// `"AAPL@SMART Trades"`: how TWS names a query in "no data" errors.
fn query_name(m: &ReqHistoricalData) -> String {
    let what = m.what_to_show.to_lowercase();
    let mut chars = what.chars();
    let what = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    format!("{}@{} {}", m.contract.symbol, m.contract.exchange, what)
}

fn req_historical_data(s: &mut Session<'_>, m: &ReqHistoricalData) {
    let req_id = m.req_id;
    let Some(resolved) = resolve(s, req_id, &m.contract) else {
        return;
    };
    let c = &resolved;
    let Some(bar) = BarSize::parse(&m.bar_size_setting) else {
        let cause = format!(
            "Historical data bar size setting is invalid. Legal ones are: {LEGAL_BAR_SIZES}"
        );
        return error_321(s, req_id, "bK", &cause);
    };
    let span = match Span::parse(&m.duration_str) {
        Ok(span) => span,
        Err(cause) => return error_321(s, req_id, "bH", cause),
    };
    const WHATS: [&str; 11] = [
        "TRADES",
        "MIDPOINT",
        "BID",
        "ASK",
        "BID_ASK",
        "ADJUSTED_LAST",
        "HISTORICAL_VOLATILITY",
        "OPTION_IMPLIED_VOLATILITY",
        "FEE_RATE",
        "AGGTRADES",
        "SCHEDULE",
    ];
    if !WHATS.contains(&m.what_to_show.as_str()) {
        let cause = format!("Invalid whatToShow: {}", m.what_to_show);
        return error_321(s, req_id, "bH", &cause);
    }
    if m.keep_up_to_date && !m.end_date_time.is_empty() {
        return error_321(s, req_id, "bH", "End date not supported with live updates");
    }
    let now = now_secs();
    let end = if m.end_date_time.is_empty() {
        now
    } else {
        match parse_date_time(&m.end_date_time) {
            Some(t) => t,
            None => {
                let cause = format!("Invalid end date/time: {}", m.end_date_time);
                return error_321(s, req_id, "bH", &cause);
            }
        }
    };
    let use_rth = m.use_rth != 0;
    let h = hours(&c.sec_type, use_rth);
    let start = period_start(span, end, h).max(head_timestamp(&c.symbol));
    let end = end.min(now);
    if m.what_to_show == "SCHEDULE" {
        let list = sessions(&c.sec_type, use_rth, start, end);
        let dash = |t: i64| format_local(to_eastern(t)).replacen(' ', "-", 1);
        s.send(&HistoricalSchedule {
            req_id,
            start_date_time: dash(start),
            end_date_time: dash(end),
            time_zone: "US/Eastern".into(),
            sessions: list
                .into_iter()
                .map(|(a, b, d)| HistoricalSession {
                    start_date_time: a,
                    end_date_time: b,
                    ref_date: d,
                })
                .collect(),
        });
        return;
    }
    if start < end && (end - start) / bar.secs().max(1) > MAX_BARS {
        return error_162(s, req_id, "Time length exceed max.");
    }
    let q = BarQuery {
        symbol: &c.symbol,
        sec_type: &c.sec_type,
        what_to_show: &m.what_to_show,
        use_rth,
        format_date: m.format_date,
        bar,
    };
    let mut list: Vec<BarData> = Vec::new();
    if start < end {
        bars(&q, start, end, |b| list.push(b));
    }
    if list.is_empty() {
        let cause = format!("HMDS query returned no data: {}", query_name(m));
        return error_162(s, req_id, &cause);
    }
    // The period is written as a date and time in the exchange's zone
    // whatever `format_date` asks of the bars (as TWS writes it: the
    // ibapi crate, tested against TWS, reads it so and nothing else).
    let start_date = format_time(1, start);
    let end_date = format_time(1, end);
    let inline = s.sv < MIN_SERVER_VER_HISTORICAL_DATA_END;
    s.send(&HistoricalData {
        header: HistoricalDataHeader {
            req_id,
            start_date: if inline {
                start_date.clone()
            } else {
                String::new()
            },
            end_date: if inline {
                end_date.clone()
            } else {
                String::new()
            },
        },
        bars: list,
    });
    if !inline {
        s.send(&HistoricalDataEnd {
            req_id,
            start_date_str: start_date,
            end_date_str: end_date,
        });
    }
    if m.keep_up_to_date {
        let bar_secs = match bar {
            BarSize::Secs(n) => n,
            _ => 86_400,
        };
        let due = Instant::now() + stream_period(s);
        s.historical.live.insert(
            req_id,
            Live {
                symbol: c.symbol.clone(),
                sec_type: c.sec_type.clone(),
                what_to_show: m.what_to_show.clone(),
                format_date: m.format_date,
                bar_secs,
                due,
                sim_time: now,
            },
        );
        s.wake_at(due);
    }
}

fn histogram(s: &mut Session<'_>, m: &ReqHistogramData) {
    let Some(c) = resolve(s, m.ticker_id, &m.contract) else {
        return;
    };
    // "<n> days|weeks|months|years" (also the short "D W M Y" forms).
    let days = m.time_period.trim().split_once(' ').and_then(|(n, unit)| {
        let n: i64 = n.parse().ok()?;
        let per = match unit.trim().trim_end_matches('s') {
            "day" | "D" => 1,
            "week" | "W" => 7,
            "month" | "M" => 30,
            "year" | "Y" => 365,
            _ => return None,
        };
        (n > 0).then_some(n * per)
    });
    let Some(days) = days else {
        let cause = format!("Invalid period: {}", m.time_period);
        return error_321(s, m.ticker_id, "bH", &cause);
    };
    let end = now_secs();
    let start = end - days.min(3650) * 86_400;
    let tick = tick_of(&c.symbol);
    let mut buckets: BTreeMap<i64, i64> = BTreeMap::new();
    for (a, b, _) in sessions(&c.sec_type, m.use_rth, start, end) {
        let (Some(a), Some(b)) = (
            parse_date_time(&a.replacen('-', " ", 1)),
            parse_date_time(&b.replacen('-', " ", 1)),
        ) else {
            continue;
        };
        let mut t = a;
        while t < b.min(end) {
            let price = price_at(&c.symbol, t as f64);
            let ticks = (price / tick).round() as i64;
            let volume = 100 + (seed(&c.symbol, t, 7) % 400) as i64;
            *buckets.entry(ticks - ticks % 5).or_default() += volume;
            t += 300;
        }
    }
    let items = buckets
        .into_iter()
        .map(|(ticks, size)| HistogramData {
            price: ((ticks as f64 * tick) * 1e8).round() / 1e8,
            size: Decimal::from(size),
        })
        .collect();
    s.send(&HistogramDataMsg {
        req_id: m.ticker_id,
        items,
    });
}

fn historical_ticks(s: &mut Session<'_>, m: &ReqHistoricalTicks) {
    let req_id = m.req_id;
    let Some(c) = resolve(s, req_id, &m.contract) else {
        return;
    };
    let from_start = !m.start_date_time.is_empty();
    if from_start != m.end_date_time.is_empty() {
        return error_321(
            s,
            req_id,
            "bH",
            "Exactly one of start date and end date must be specified",
        );
    }
    let text = if from_start {
        &m.start_date_time
    } else {
        &m.end_date_time
    };
    let Some(anchor) = parse_date_time(text) else {
        let cause = format!("Invalid date/time: {text}");
        return error_321(s, req_id, "bH", &cause);
    };
    if !matches!(m.what_to_show.as_str(), "TRADES" | "BID_ASK" | "MIDPOINT") {
        let cause = format!("Invalid whatToShow: {}", m.what_to_show);
        return error_321(s, req_id, "bH", &cause);
    }
    let n = m.number_of_ticks.clamp(0, 1000) as usize;
    let symbol = c.symbol.as_str();
    let h = hours(&c.sec_type, m.use_rth != 0);
    let now = now_secs();
    // Tick times: a deterministic 1–3 s apart, within the trading hours.
    let in_session = |t: i64| {
        let local = to_eastern(t);
        let day = local.div_euclid(86_400);
        let sec = local.rem_euclid(86_400);
        is_trading_day(day) && sec >= h.open && sec < h.close
    };
    let mut times = Vec::with_capacity(n);
    let mut t = anchor;
    let mut guard = 0;
    while times.len() < n && guard < 5_000_000 {
        guard += 1;
        let step = 1 + (seed(symbol, t, 3) % 3) as i64;
        if in_session(t) && t <= now {
            times.push(t);
        }
        if from_start {
            if t > now {
                break;
            }
            t += step;
        } else {
            t -= step;
        }
    }
    if !from_start {
        times.reverse();
    }
    match m.what_to_show.as_str() {
        "MIDPOINT" => {
            let ticks = times
                .iter()
                .map(|&t| HistoricalTick {
                    time: t,
                    price: price_at(symbol, t as f64),
                    size: Decimal::ZERO,
                })
                .collect();
            s.send(&HistoricalTicks {
                req_id,
                ticks,
                done: true,
            });
        }
        "BID_ASK" => {
            let ticks = times
                .iter()
                .map(|&t| {
                    let p = price_at(symbol, t as f64);
                    let tick = tick_of(symbol);
                    let snap = |x: f64| ((x / tick).round() * tick * 1e8).round() / 1e8;
                    let hs = seed(symbol, t, 5);
                    HistoricalTickBidAsk {
                        time: t,
                        tick_attrib_bid_ask: TickAttribBidAsk::default(),
                        price_bid: snap(p - tick),
                        price_ask: snap(p + tick),
                        size_bid: Decimal::from(100 * (1 + hs % 9) as i64),
                        size_ask: Decimal::from(100 * (1 + (hs >> 8) % 9) as i64),
                    }
                })
                .collect();
            s.send(&HistoricalTicksBidAsk {
                req_id,
                ticks,
                done: true,
            });
        }
        _ => {
            const VENUES: [&str; 4] = ["NASDAQ", "ARCA", "NYSE", "IEX"];
            let ticks = times
                .iter()
                .map(|&t| {
                    let hs = seed(symbol, t, 9);
                    HistoricalTickLast {
                        time: t,
                        tick_attrib_last: TickAttribLast {
                            past_limit: false,
                            unreported: hs % 17 == 0,
                        },
                        price: price_at(symbol, t as f64),
                        size: Decimal::from((1 + hs % 20) as i64 * 10),
                        exchange: VENUES[(hs % 4) as usize].into(),
                        special_conditions: if hs % 5 == 0 {
                            "  I".into()
                        } else {
                            String::new()
                        },
                    }
                })
                .collect();
            s.send(&HistoricalTicksLast {
                req_id,
                ticks,
                done: true,
            });
        }
    }
}

/// A five-second bar starting at `time`.
fn real_time_bar(symbol: &str, what_to_show: &str, time: i64) -> RealTimeBar {
    let q = BarQuery {
        symbol,
        sec_type: "",
        what_to_show,
        use_rth: false,
        format_date: 2,
        bar: BarSize::Secs(STREAM_SECS),
    };
    let b = bar_over(&q, time, time + STREAM_SECS, String::new());
    let trades = what_to_show == "TRADES";
    RealTimeBar {
        time,
        end_time: -1,
        open: b.open,
        high: b.high,
        low: b.low,
        close: b.close,
        volume: if trades { b.volume } else { Decimal::from(-1) },
        wap: if trades { b.wap } else { Decimal::from(-1) },
        count: if trades { b.bar_count } else { -1 },
    }
}

fn req_real_time_bars(s: &mut Session<'_>, m: &ReqRealTimeBars) {
    if m.bar_size != STREAM_SECS as i32 {
        let cause = format!(
            "Invalid bar size: {} (only 5 seconds is supported)",
            m.bar_size
        );
        return error_321(s, m.req_id, "bH", &cause);
    }
    if !matches!(
        m.what_to_show.as_str(),
        "TRADES" | "BID" | "ASK" | "MIDPOINT"
    ) {
        let cause = format!("Invalid whatToShow: {}", m.what_to_show);
        return error_321(s, m.req_id, "bH", &cause);
    }
    if s.historical.realtime.contains_key(&m.req_id) {
        let text = format!("{}: {}", DUPLICATE_TICKER_ID.msg, m.req_id);
        s.send_error(m.req_id, DUPLICATE_TICKER_ID.code, &text);
        return;
    }
    let Some(c) = resolve(s, m.req_id, &m.contract) else {
        return;
    };
    let now = now_secs();
    let due = Instant::now() + stream_period(s);
    s.historical.realtime.insert(
        m.req_id,
        RealTime {
            symbol: c.symbol.clone(),
            what_to_show: m.what_to_show.clone(),
            due,
            time: now - now.rem_euclid(STREAM_SECS),
        },
    );
    s.wake_at(due);
}
