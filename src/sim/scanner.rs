//! The sim's scanner parameters and subscriptions.
//!
//! `reqScannerParameters` gets a generated XML document of a few hundred KB
//! ([`params`]). A subscription is answered at once with ranked rows from a
//! small list of real US stocks and ETFs (their real contract ids), ordered
//! by the scan code (gainers, losers, most active, 52-week highs, …) with
//! the sim's price model, filtered by price and volume, then again every
//! [`SimConfig::scanner_interval`](super::SimConfig::scanner_interval) until
//! cancelled. A cancel is acknowledged with error 162, as TWS does; an
//! unknown scan code or filter gets error 162 with the reason.

mod params;

use crate::messages::ids::ScannerRequest;
use std::collections::BTreeMap;
use std::time::Instant;

use super::session::Session;
use super::time::now_secs;
use super::universe::{price_at, SCAN_UNIVERSE};
use crate::errors::HISTORICAL_DATA_SERVICE;
use crate::messages::scanner::{ReqScannerSubscription, ScannerData, ScannerParameters};
use crate::model::{ContractDetails, ScanData, ScannerSubscription, TagValue, UNSET_DOUBLE};
use crate::model::{Unset, UNSET_INTEGER};

/// Most rows TWS returns for one scan.
const MAX_ROWS: usize = 50;

/// A connection's scanner subscriptions.
#[derive(Debug, Default)]
pub(crate) struct State {
    subs: BTreeMap<i32, ReqScannerSubscription>,
    next_refresh: Option<Instant>,
}

/// Answers one scanner request.
pub(super) fn handle(s: &mut Session<'_>, req: ScannerRequest) {
    match req {
        ScannerRequest::ReqScannerParameters(_) => {
            s.send(&ScannerParameters {
                xml: params::xml().to_owned(),
            });
        }
        ScannerRequest::ReqScannerSubscription(m) => {
            subscribe(s, m);
        }
        ScannerRequest::CancelScannerSubscription(m) => {
            if s.scanner.subs.remove(&m.req_id).is_some() {
                let text = format!(
                    "{}API scanner subscription cancelled: {}",
                    HISTORICAL_DATA_SERVICE.msg, m.req_id
                );
                s.send_error(m.req_id, HISTORICAL_DATA_SERVICE.code, &text);
            }
        }
    }
}

/// Sends a refresh of every subscription when it is due.
pub(super) fn on_timer(s: &mut Session<'_>, now: Instant) {
    let Some(due) = s.scanner.next_refresh else {
        return;
    };
    if s.scanner.subs.is_empty() {
        s.scanner.next_refresh = None;
        return;
    }
    if now >= due {
        let subs: Vec<ReqScannerSubscription> = s.scanner.subs.values().cloned().collect();
        for m in &subs {
            let rows = scan(m, now_secs() as f64);
            s.send(&ScannerData {
                req_id: m.req_id,
                rows,
            });
        }
        s.scanner.next_refresh = Some(now + s.shared.config.scanner_interval);
    }
    if let Some(next) = s.scanner.next_refresh {
        s.wake_at(next);
    }
}

fn subscribe(s: &mut Session<'_>, m: ReqScannerSubscription) {
    let sub = &m.subscription;
    if !params::SCAN_TYPES.iter().any(|t| t.0 == sub.scan_code) {
        let text = format!(
            "{}Scanner type with code {} is not supported",
            HISTORICAL_DATA_SERVICE.msg, sub.scan_code
        );
        s.send_error(m.req_id, HISTORICAL_DATA_SERVICE.code, &text);
        return;
    }
    if let Some(bad) = m
        .scanner_subscription_filter_options
        .iter()
        .find(|tv| !params::is_known_filter(&tv.tag))
    {
        let text = format!(
            "{}Scanner filter {} is not supported",
            HISTORICAL_DATA_SERVICE.msg, bad.tag
        );
        s.send_error(m.req_id, HISTORICAL_DATA_SERVICE.code, &text);
        return;
    }
    let rows = scan(&m, now_secs() as f64);
    s.send(&ScannerData {
        req_id: m.req_id,
        rows,
    });
    s.scanner.subs.insert(m.req_id, m);
    if s.scanner.next_refresh.is_none() {
        s.scanner.next_refresh = Some(Instant::now() + s.shared.config.scanner_interval);
    }
    if let Some(next) = s.scanner.next_refresh {
        s.wake_at(next);
    }
}

/// One instrument's figures at a time.
struct Figures {
    price: f64,
    change_perc: f64,
    volume: f64,
}

fn figures(symbol: &str, secs: f64) -> Figures {
    let price = price_at(symbol, secs);
    let prev_close = price_at(symbol, secs - 86_400.0);
    let h = symbol
        .bytes()
        .fold(7u64, |h, b| h.wrapping_mul(131).wrapping_add(b as u64));
    // Cheaper stocks trade more shares; a deterministic spread on top.
    let volume = (2.0e9 / price.max(1.0)) * (0.5 + (h % 1000) as f64 / 1000.0);
    Figures {
        price,
        change_perc: (price - prev_close) / prev_close * 100.0,
        volume: volume.round(),
    }
}

/// A filter value of the generic filter list, as a number.
fn filter_value(filters: &[TagValue], tag: &str) -> Option<f64> {
    filters
        .iter()
        .find(|tv| tv.tag == tag)
        .and_then(|tv| tv.value.trim().parse().ok())
}

/// The ranked rows of one scan at `secs`.
pub(crate) fn scan(m: &ReqScannerSubscription, secs: f64) -> Vec<ScanData> {
    let sub: &ScannerSubscription = &m.subscription;
    let filters = &m.scanner_subscription_filter_options;
    let etf_only = sub.instrument.starts_with("ETF.EQ");
    let stocks = sub.instrument == "STK" || etf_only;
    if !stocks || !(sub.location_code.starts_with("STK.US") || sub.location_code.is_empty()) {
        return Vec::new();
    }
    let min_price = [
        Some(sub.above_price).filter(|p| *p != UNSET_DOUBLE),
        filter_value(filters, "priceAbove"),
    ]
    .into_iter()
    .flatten()
    .fold(f64::MIN, f64::max);
    let max_price = [
        Some(sub.below_price).filter(|p| *p != UNSET_DOUBLE),
        filter_value(filters, "priceBelow"),
    ]
    .into_iter()
    .flatten()
    .fold(f64::MAX, f64::min);
    let min_volume = [
        Some(sub.above_volume).filter(|v| v.is_set()).map(f64::from),
        filter_value(filters, "volumeAbove"),
    ]
    .into_iter()
    .flatten()
    .fold(f64::MIN, f64::max);
    let mut picked: Vec<(&str, i32, &str, Figures)> = SCAN_UNIVERSE
        .iter()
        .filter(|(_, _, _, etf)| !etf_only || *etf)
        .map(|(sym, con_id, exch, _)| (*sym, *con_id, *exch, figures(sym, secs)))
        .filter(|(_, _, _, f)| f.price > min_price && f.price < max_price && f.volume > min_volume)
        .collect();
    let code = sub.scan_code.as_str();
    let key = |f: &Figures| -> f64 {
        match code {
            c if c.contains("LOSE") || c.starts_with("LOW_") => f.change_perc,
            c if c.contains("GAIN") || c.contains("HIGH_VS") || c.starts_with("HIGH_") => {
                -f.change_perc
            }
            c if c.contains("ACTIVE") || c.contains("VOLUME") || c.contains("TRADE") => -f.volume,
            _ => -f.price * f.volume,
        }
    };
    picked.sort_by(|a, b| key(&a.3).total_cmp(&key(&b.3)).then_with(|| a.0.cmp(b.0)));
    let limit = match sub.number_of_rows {
        n if n <= 0 || n == UNSET_INTEGER => MAX_ROWS,
        n => (n as usize).min(MAX_ROWS),
    };
    picked
        .into_iter()
        .take(limit)
        .enumerate()
        .map(|(rank, (symbol, con_id, exch, _))| {
            let mut d = ContractDetails::default();
            d.contract.con_id = con_id;
            d.contract.symbol = symbol.into();
            d.contract.sec_type = "STK".into();
            d.contract.exchange = "SMART".into();
            d.contract.currency = "USD".into();
            d.contract.local_symbol = symbol.into();
            let class = if exch == "NASDAQ" { "NMS" } else { symbol };
            d.contract.trading_class = class.into();
            d.market_name = class.into();
            ScanData {
                contract: d,
                rank: rank as i32,
                ..ScanData::default()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(code: &str) -> ReqScannerSubscription {
        ReqScannerSubscription {
            req_id: 1,
            subscription: ScannerSubscription {
                instrument: "STK".into(),
                location_code: "STK.US.MAJOR".into(),
                scan_code: code.into(),
                ..ScannerSubscription::default()
            },
            ..Default::default()
        }
    }

    #[test]
    fn gainers_and_losers_are_opposite_and_ranked() {
        let secs = 1_764_000_000.0;
        let g = scan(&req("TOP_PERC_GAIN"), secs);
        let l = scan(&req("TOP_PERC_LOSE"), secs);
        assert_eq!(g.len(), SCAN_UNIVERSE.len());
        assert_eq!(
            g[0].contract.contract.symbol,
            l[l.len() - 1].contract.contract.symbol
        );
        for (i, row) in g.iter().enumerate() {
            assert_eq!(row.rank, i as i32);
        }
        let changes: Vec<f64> = g
            .iter()
            .map(|r| figures(&r.contract.contract.symbol, secs).change_perc)
            .collect();
        assert!(changes.windows(2).all(|w| w[0] >= w[1]));
        assert_eq!(scan(&req("TOP_PERC_GAIN"), secs), g, "deterministic");
    }

    #[test]
    fn filters_and_row_limits() {
        let secs = 1_764_000_000.0;
        let mut r = req("MOST_ACTIVE");
        r.subscription.number_of_rows = 5;
        assert_eq!(scan(&r, secs).len(), 5);
        r.subscription.number_of_rows = -1;
        r.scanner_subscription_filter_options = vec![TagValue::new("priceAbove", "200")];
        let rows = scan(&r, secs);
        assert!(rows
            .iter()
            .all(|row| price_at(&row.contract.contract.symbol, secs) > 200.0));
        r.subscription.instrument = "FUT.US".into();
        assert!(scan(&r, secs).is_empty());
        let mut etf = req("TOP_PERC_GAIN");
        etf.subscription.instrument = "ETF.EQ.US".into();
        assert_eq!(scan(&etf, secs).len(), 3);
    }
}
