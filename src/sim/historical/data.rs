//! The sim's historical data: bars, ticks, histograms and schedules, all
//! derived from the one price model ([`crate::sim::universe::price_at`]) so that
//! they agree with live prices, and deterministic (the same request gives
//! the same answer).

use crate::model::{BarData, Decimal};
use crate::sim::time::{
    civil_from_days, days_from_civil, format_dash, format_day, format_local, from_eastern,
    is_trading_day, to_eastern,
};
use crate::sim::universe::price_at;

/// The legal bar sizes, as TWS lists them in its error 321.
pub(crate) const LEGAL_BAR_SIZES: &str = "1 secs, 5 secs, 10 secs, 15 secs, 30 secs, 1 min, 2 mins, 3 mins, 5 mins, 10 mins, 15 mins, 20 mins, 30 mins, 1 hour, 2 hours, 3 hours, 4 hours, 8 hours, 1 day, 1W, 1M";

/// Most bars one answer may hold (a little over a year of 1-minute bars
/// around the clock); more is refused with 162, as TWS refuses a duration
/// too long for the bar size.
pub(crate) const MAX_BARS: i64 = 600_000;

/// When an instrument trades, in local US/Eastern seconds of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hours {
    /// Session open, seconds after local midnight.
    pub open: i64,
    /// Session close.
    pub close: i64,
}

/// The sim's trading hours: stocks, options, indices and combos 09:30–16:00
/// (regular) or 04:00–20:00 (all hours); forex, crypto, futures and the rest
/// around the clock, Monday to Friday. No holidays.
pub(crate) fn hours(sec_type: &str, use_rth: bool) -> Hours {
    match sec_type {
        "STK" | "OPT" | "IND" | "BAG" | "WAR" | "FOP" | "" if use_rth => Hours {
            open: 9 * 3600 + 1800,
            close: 16 * 3600,
        },
        "STK" | "OPT" | "IND" | "BAG" | "WAR" | "" => Hours {
            open: 4 * 3600,
            close: 20 * 3600,
        },
        _ => Hours {
            open: 0,
            close: 86_400,
        },
    }
}

/// A bar size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BarSize {
    /// Intraday bars of this many seconds.
    Secs(i64),
    /// One bar per trading day.
    Day,
    /// One bar per week.
    Week,
    /// One bar per month.
    Month,
}

impl BarSize {
    /// Reads a bar size setting; `None` when it is not one TWS accepts.
    pub(crate) fn parse(s: &str) -> Option<BarSize> {
        let s = s.trim();
        let (n, unit) = match s.split_once(' ') {
            Some((n, u)) => (n.parse::<i64>().ok()?, u.trim()),
            None => match s {
                "1W" => return Some(BarSize::Week),
                "1M" => return Some(BarSize::Month),
                _ => return None,
            },
        };
        let secs = match unit {
            "secs" | "sec" => n,
            "min" | "mins" => n * 60,
            "hour" | "hours" => n * 3600,
            "day" | "days" if n == 1 => return Some(BarSize::Day),
            "week" | "weeks" | "W" if n == 1 => return Some(BarSize::Week),
            "month" | "months" | "M" if n == 1 => return Some(BarSize::Month),
            _ => return None,
        };
        match secs {
            1 | 5 | 10 | 15 | 30 | 60 | 120 | 180 | 300 | 600 | 900 | 1200 | 1800 | 3600 | 7200
            | 10_800 | 14_400 | 28_800 => Some(BarSize::Secs(secs)),
            _ => None,
        }
    }

    /// The bar's nominal length in seconds (a day's bar: a day).
    pub(crate) fn secs(self) -> i64 {
        match self {
            BarSize::Secs(s) => s,
            BarSize::Day => 86_400,
            BarSize::Week => 7 * 86_400,
            BarSize::Month => 30 * 86_400,
        }
    }
}

/// A duration: `"<n> S|D|W|M|Y"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Span {
    /// Seconds.
    Secs(i64),
    /// Trading days.
    Days(i64),
    /// Calendar weeks.
    Weeks(i64),
    /// Calendar months (30 days each here).
    Months(i64),
    /// Calendar years.
    Years(i64),
}

impl Span {
    /// Reads a duration; `Err` carries the cause TWS gives with error 321.
    pub(crate) fn parse(s: &str) -> Result<Span, &'static str> {
        let bad = "Historical data query duration is invalid";
        let (n, unit) = s.trim().split_once(' ').ok_or(bad)?;
        let n: i64 = n.parse().map_err(|_| bad)?;
        if n <= 0 {
            return Err(bad);
        }
        match unit.trim() {
            "S" => Ok(Span::Secs(n)),
            "D" if n > 365 => {
                Err("Historical data requests for durations longer than 365 days must be made in years.")
            }
            "D" => Ok(Span::Days(n)),
            "W" => Ok(Span::Weeks(n)),
            "M" => Ok(Span::Months(n)),
            "Y" => Ok(Span::Years(n)),
            _ => Err(bad),
        }
    }
}

/// A small deterministic hash of a symbol and numbers.
pub(crate) fn seed(symbol: &str, a: i64, b: i64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in symbol.bytes().chain(a.to_le_bytes()).chain(b.to_le_bytes()) {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^ (h >> 29)
}

/// The price increment of `symbol` in the sim's price model: a cent, or
/// 0.00005 for prices under 10 (currencies).
pub(crate) fn tick_of(symbol: &str) -> f64 {
    if crate::sim::universe::base_price(symbol) < 10.0 {
        0.00005
    } else {
        0.01
    }
}

/// Rounds to 4 decimals, as a [`Decimal`].
pub(crate) fn dec4(x: f64) -> Decimal {
    Decimal::new((x * 10_000.0).round() as i64, 4).normalize()
}

/// The request as the bar generator needs it.
#[derive(Debug, Clone)]
pub(crate) struct BarQuery<'a> {
    pub symbol: &'a str,
    pub sec_type: &'a str,
    pub what_to_show: &'a str,
    pub use_rth: bool,
    pub format_date: i32,
    pub bar: BarSize,
}

/// The prices of one bar over [`from`, `to`) of `what_to_show`, with
/// `low ≤ open, close ≤ high`.
pub(crate) fn bar_over(q: &BarQuery<'_>, from: i64, to: i64, date: String) -> BarData {
    let to = to.max(from + 1);
    let p = |t: i64| price_at(q.symbol, t as f64);
    let n = (to - from).clamp(1, 16);
    let mut high = f64::MIN;
    let mut low = f64::MAX;
    for i in 0..=n {
        let t = from + (to - 1 - from) * i / n;
        let x = p(t);
        high = high.max(x);
        low = low.min(x);
    }
    let (mut open, mut close) = (p(from), p(to - 1));
    let tick = tick_of(q.symbol);
    let snap = |x: f64| ((x / tick).round() * tick * 1e8).round() / 1e8;
    match q.what_to_show {
        "BID" => {
            open = snap(open - tick);
            close = snap(close - tick);
            high = snap(high - tick);
            low = snap(low - tick);
        }
        "ASK" => {
            open = snap(open + tick);
            close = snap(close + tick);
            high = snap(high + tick);
            low = snap(low + tick);
        }
        "BID_ASK" => {
            open = snap(open - tick);
            close = snap(close + tick);
            high = snap(high + tick);
            low = snap(low - tick);
        }
        "HISTORICAL_VOLATILITY" | "OPTION_IMPLIED_VOLATILITY" => {
            let base = 0.2 + (seed(q.symbol, 0, 0) % 200) as f64 / 1000.0;
            let vol = |x: f64| ((base * x / price_at(q.symbol, 0.0)) * 1e6).round() / 1e6;
            open = vol(open);
            close = vol(close);
            high = vol(high);
            low = vol(low);
        }
        _ => {}
    }
    let trades = matches!(q.what_to_show, "TRADES" | "ADJUSTED_LAST" | "AGGTRADES");
    let (volume, wap, bar_count) = if trades {
        let minutes = ((to - from) / 60).max(1);
        let h = seed(q.symbol, from, to - from);
        let volume = (100 + h % 900) as i64 * minutes;
        let count = (volume / 40).max(1).min(i64::from(i32::MAX)) as i32;
        (
            Decimal::from(volume),
            dec4((open + high + low + close) / 4.0),
            count,
        )
    } else {
        (Decimal::from(-1), Decimal::from(-1), -1)
    };
    BarData {
        date,
        open,
        high,
        low,
        close,
        volume,
        wap,
        bar_count,
    }
}

/// How an intraday time is written in bars and end markers: text with the
/// zone (format 1) or epoch seconds (format 2).
pub(crate) fn format_time(format_date: i32, utc: i64) -> String {
    if format_date == 2 {
        utc.to_string()
    } else {
        format!("{} US/Eastern", format_local(to_eastern(utc)))
    }
}

/// The first instant of the period that ends at `end`.
pub(crate) fn period_start(span: Span, end: i64, h: Hours) -> i64 {
    match span {
        Span::Secs(n) => end - n,
        Span::Weeks(n) => end - n * 7 * 86_400,
        Span::Months(n) => end - n * 30 * 86_400,
        Span::Years(n) => end - n * 365 * 86_400,
        Span::Days(n) => {
            // n trading days back, counting the end's day if its session has begun.
            let local_end = to_eastern(end);
            let mut day = local_end.div_euclid(86_400);
            let mut counted = 0;
            if is_trading_day(day) && local_end.rem_euclid(86_400) > h.open {
                counted = 1;
            }
            while counted < n {
                day -= 1;
                if is_trading_day(day) {
                    counted += 1;
                }
            }
            from_eastern(day * 86_400)
        }
    }
}

/// The bars of the period [`start`, `end`), oldest first, within the
/// trading hours; `on_bar` gets each.
pub(crate) fn bars(q: &BarQuery<'_>, start: i64, end: i64, mut on_bar: impl FnMut(BarData)) {
    let h = hours(q.sec_type, q.use_rth);
    let first_day = to_eastern(start).div_euclid(86_400);
    let last_day = to_eastern(end).div_euclid(86_400);
    let mut group: Option<(i64, BarData)> = None;
    for day in first_day..=last_day {
        if !is_trading_day(day) {
            continue;
        }
        let open = from_eastern(day * 86_400 + h.open);
        let close = from_eastern(day * 86_400 + h.close);
        let (from, to) = (open.max(start), close.min(end));
        if from >= to {
            continue;
        }
        match q.bar {
            BarSize::Secs(len) => {
                let midnight = from_eastern(day * 86_400);
                let mut t = from;
                while t < to {
                    let next = midnight + ((t - midnight) / len + 1) * len;
                    let bar_end = next.min(to);
                    on_bar(bar_over(q, t, bar_end, format_time(q.format_date, t)));
                    t = next;
                }
            }
            BarSize::Day => on_bar(bar_over(q, from, to, format_day(day))),
            BarSize::Week | BarSize::Month => {
                let bar = bar_over(q, from, to, format_day(day));
                let (y, m, _) = civil_from_days(day);
                let key = if q.bar == BarSize::Week {
                    (day + 3).div_euclid(7)
                } else {
                    days_from_civil(y, m, 1)
                };
                group = match group.take() {
                    Some((k, mut g)) if k == key => {
                        g.high = g.high.max(bar.high);
                        g.low = g.low.min(bar.low);
                        g.close = bar.close;
                        if g.bar_count >= 0 {
                            g.volume += bar.volume;
                            g.bar_count = g.bar_count.saturating_add(bar.bar_count);
                            g.wap = dec4((g.open + g.high + g.low + g.close) / 4.0);
                        }
                        Some((k, g))
                    }
                    Some((_, g)) => {
                        on_bar(g);
                        Some((key, bar))
                    }
                    None => Some((key, bar)),
                };
            }
        }
    }
    if let Some((_, g)) = group {
        on_bar(g);
    }
}

/// The trading sessions (local start, local end, day) of [`start`, `end`).
pub(crate) fn sessions(
    sec_type: &str,
    use_rth: bool,
    start: i64,
    end: i64,
) -> Vec<(String, String, String)> {
    let h = hours(sec_type, use_rth);
    let mut out = Vec::new();
    let first_day = to_eastern(start).div_euclid(86_400);
    let last_day = to_eastern(end).div_euclid(86_400);
    for day in first_day..=last_day {
        if is_trading_day(day) {
            out.push((
                format_dash(day * 86_400 + h.open),
                format_dash(day * 86_400 + h.close),
                format_day(day),
            ));
        }
    }
    out
}

/// The first day with data: a fixed, plausible date per symbol (AAPL's is
/// its real one, 1980-12-12 14:30 UTC).
pub(crate) fn head_timestamp(symbol: &str) -> i64 {
    if symbol == "AAPL" {
        return 345_479_400;
    }
    let years = (seed(symbol, 1, 0) % 30) as i64;
    let day = days_from_civil(1990 + years, 1 + (seed(symbol, 2, 0) % 12) as i64, 2);
    let day = (day..day + 7).find(|d| is_trading_day(*d)).unwrap_or(day);
    from_eastern(day * 86_400 + 9 * 3600 + 1800)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::time::parse_date_time;

    fn q(bar: BarSize, use_rth: bool) -> BarQuery<'static> {
        BarQuery {
            symbol: "AAPL",
            sec_type: "STK",
            what_to_show: "TRADES",
            use_rth,
            format_date: 1,
            bar,
        }
    }

    #[test]
    fn parses_bar_sizes_and_durations() {
        assert_eq!(BarSize::parse("1 min"), Some(BarSize::Secs(60)));
        assert_eq!(BarSize::parse("1 secs"), Some(BarSize::Secs(1)));
        assert_eq!(BarSize::parse("4 hours"), Some(BarSize::Secs(14_400)));
        assert_eq!(BarSize::parse("1 day"), Some(BarSize::Day));
        assert_eq!(BarSize::parse("7 mins"), None);
        assert_eq!(BarSize::parse("bogus"), None);
        assert_eq!(Span::parse("2 D"), Ok(Span::Days(2)));
        assert!(Span::parse("400 D").is_err());
        assert!(Span::parse("2 X").is_err());
        assert!(Span::parse("D").is_err());
    }

    #[test]
    fn one_rth_day_of_hour_bars() {
        let end = parse_date_time("20250102 16:00:00 US/Eastern").unwrap();
        let start = period_start(Span::Days(1), end, hours("STK", true));
        let mut got = Vec::new();
        bars(&q(BarSize::Secs(3600), true), start, end, |b| got.push(b));
        let dates: Vec<&str> = got.iter().map(|b| b.date.as_str()).collect();
        assert_eq!(dates.len(), 7);
        assert_eq!(dates[0], "20250102 09:30:00 US/Eastern");
        assert_eq!(dates[6], "20250102 15:00:00 US/Eastern");
        for b in &got {
            assert!(b.low <= b.open && b.open <= b.high);
            assert!(b.low <= b.close && b.close <= b.high);
        }
        // A day of minute bars: 390.
        let mut n = 0;
        bars(&q(BarSize::Secs(60), true), start, end, |_| n += 1);
        assert_eq!(n, 390);
        // All hours: 04:00-20:00 is 16 hours, but the period ends at 16:00.
        let mut n = 0;
        let start = period_start(Span::Days(1), end, hours("STK", false));
        bars(&q(BarSize::Secs(3600), false), start, end, |_| n += 1);
        assert_eq!(n, 12);
    }

    #[test]
    fn daily_bars_skip_weekends() {
        // Monday 2025-01-06 back two weeks: 10 trading days.
        let end = parse_date_time("20250110 16:00:00").unwrap();
        let start = period_start(Span::Weeks(2), end, hours("STK", true));
        let mut days = Vec::new();
        bars(&q(BarSize::Day, true), start, end, |b| days.push(b.date));
        assert_eq!(days.len(), 10);
        assert_eq!(days.last().unwrap(), "20250110");
    }
}
