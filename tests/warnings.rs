//! TWS's warnings in the middle of an answer end nothing: every blocking
//! helper and every stream of `IBClient` returns the same data with warnings
//! (10090, 10167, 2104, 2158 and an unknown 21xx code) injected before,
//! between and after its answer as without them, the warnings reach
//! `EWrapper::error`, and the helper's caller sees them
//! (`IBClient::last_warnings`, `Stream::warnings`). An error that really ends
//! a request (200, 162, 309) still ends it.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{init_logs, CallLog, CallRecorder};
use tws_api::client::{HistoricalBar, MarketDataTick, RequestKey, TickByTick, SYNC_REQ_ID_BASE};
use tws_api::errors::{classify, CodeClass};
use tws_api::sim::{InjectedWarning, RandomWarnings, SimConfig, SimGateway, WarnAt, WarnTo};
use tws_api::{Contract, ExecutionFilter, IBClient, MarketDepthBook, Order};

const WAIT: Duration = Duration::from_secs(20);

/// The warnings injected: two market data warnings, two farm notices, and a
/// code of the 21xx warning block that the code table does not list.
const CODES: [(i32, &str); 5] = [
    (10090, "Part of requested market data is not subscribed."),
    (
        10167,
        "Requested market data is not subscribed. Displaying delayed market data.",
    ),
    (2104, "Market data farm connection is OK:usfarm"),
    (2158, "Sec-def data farm connection is OK:secdefnj"),
    (2188, "A warning this client has never heard of."),
];

/// Where each of [`CODES`] goes in every answer.
const PLACES: [WarnAt; 3] = [WarnAt::Before, WarnAt::After(1), WarnAt::End];

fn fast() -> SimConfig {
    SimConfig {
        tick_interval: Duration::from_millis(5),
        clock_speed: 100.0,
        account_update_interval: Duration::from_millis(50),
        ..SimConfig::default()
    }
}

/// [`fast`] with every code of [`CODES`] at every place of [`PLACES`] of
/// every answer.
fn warned() -> SimConfig {
    let mut inject = Vec::new();
    for at in PLACES {
        for (code, text) in CODES {
            inject.push(InjectedWarning::new(code, text, at, WarnTo::All));
        }
    }
    SimConfig {
        inject_warnings: inject,
        ..fast()
    }
}

fn started(config: SimConfig) -> (SimGateway, IBClient, Arc<CallLog>) {
    init_logs();
    let gw = SimGateway::start(config).unwrap();
    let (rec, log) = CallRecorder::new();
    let ib = IBClient::with_wrapper(rec);
    ib.connect("127.0.0.1", gw.port(), 0).unwrap();
    ib.start();
    assert!(ib.wait_for_connection(WAIT));
    (gw, ib, log)
}

/// Runs `f` against a plain gateway and one that sends warnings; returns
/// both results, the warned client and its call log.
fn plain_and_warned<T>(
    config: SimConfig,
    f: impl Fn(&IBClient) -> T,
) -> (T, T, SimGateway, IBClient, Arc<CallLog>) {
    let (gw, ib, _log) = started(fast());
    let plain = f(&ib);
    ib.disconnect();
    gw.shutdown();
    let (gw, ib, log) = started(config);
    let warned = f(&ib);
    (plain, warned, gw, ib, log)
}

/// The codes of the `error` callbacks with request id `req_id`.
fn errors_for(log: &CallLog, req_id: i64) -> Vec<i32> {
    log.named("error")
        .iter()
        .filter(|c| c.arg(0).as_i64() == Some(req_id))
        .filter_map(|c| c.arg(2).as_i64())
        .map(|c| c as i32)
        .collect()
}

/// Waits until `EWrapper::error` has had every code of [`CODES`] `times`
/// times with request id `req_id`.
fn wrapper_got_each(log: &CallLog, req_id: i64, times: usize) {
    let all = || {
        let seen = errors_for(log, req_id);
        CODES
            .iter()
            .all(|(c, _)| seen.iter().filter(|s| *s == c).count() >= times)
    };
    assert!(
        common::call_log::wait(all),
        "the wrapper got {:?} for {req_id}",
        errors_for(log, req_id)
    );
}

/// The codes of a helper's or a stream's warnings include each of [`CODES`]
/// at least `times` times, and nothing else.
fn has_each(warnings: &[tws_api::errors::Warning], times: usize) {
    let codes: Vec<i32> = warnings.iter().map(|w| w.code).collect();
    for (c, _) in CODES {
        assert!(
            codes.iter().filter(|x| **x == c).count() >= times,
            "{c} missing from {codes:?}"
        );
    }
    assert!(codes.iter().all(|c| classify(*c) != CodeClass::Error));
}

fn aapl() -> Contract {
    Contract::stock("AAPL", "SMART", "USD")
}

#[test]
fn the_injected_codes_are_warnings_and_connection_events_not_errors() {
    assert_eq!(classify(10090), CodeClass::Warning);
    assert_eq!(classify(10167), CodeClass::Warning);
    assert_eq!(classify(2104), CodeClass::Connection);
    assert_eq!(classify(2158), CodeClass::Connection);
    assert_eq!(classify(2188), CodeClass::Warning);
}

#[test]
fn contract_details_with_warnings_are_the_same_and_the_caller_sees_them() {
    let (plain, warned, _gw, ib, log) =
        plain_and_warned(warned(), |ib| ib.contract_details(&aapl(), WAIT));
    let (plain, warned) = (plain.unwrap(), warned.unwrap());
    assert!(!plain.is_empty());
    assert_eq!(plain, warned);
    // Before the first message and between the two (details, end): both
    // come before the end; the ones after the end may or may not be seen.
    has_each(&ib.last_warnings(), 2);
    assert!(ib
        .last_warnings()
        .iter()
        .all(|w| w.req_id == SYNC_REQ_ID_BASE));
    wrapper_got_each(&log, i64::from(SYNC_REQ_ID_BASE), 3);
    assert!(ib.requests_in_flight().is_empty());
    // A helper that got no warning leaves none behind.
    let (gw2, ib2, _) = started(fast());
    ib2.contract_details(&aapl(), WAIT).unwrap();
    assert!(ib2.last_warnings().is_empty());
    ib2.disconnect();
    gw2.shutdown();
    ib.disconnect();
}

#[test]
fn a_market_data_snapshot_with_warnings_has_the_same_ticks() {
    let types = |ib: &IBClient| {
        let s = ib
            .market_data_snapshot(&aapl(), "", WAIT)
            .expect("a snapshot");
        let prices: Vec<i32> = s.prices.iter().map(|p| p.0).collect();
        let sizes: Vec<i32> = s.sizes.iter().map(|p| p.0).collect();
        let strings: Vec<i32> = s.strings.iter().map(|p| p.0).collect();
        (prices, sizes, strings, s.bid_ask_last().2.is_some())
    };
    let (plain, warned, _gw, ib, log) = plain_and_warned(warned(), types);
    assert!(!plain.0.is_empty() && plain.3);
    assert_eq!(plain, warned);
    has_each(&ib.last_warnings(), 2);
    wrapper_got_each(&log, i64::from(SYNC_REQ_ID_BASE), 3);
    ib.disconnect();
}

#[test]
fn historical_bars_with_warnings_are_the_same() {
    let bars = |ib: &IBClient| {
        ib.historical_data(
            &aapl(),
            "20261127 16:00:00 US/Eastern",
            "2 D",
            "1 hour",
            "TRADES",
            1,
            1,
            WAIT,
        )
        .expect("bars")
    };
    let (plain, warned, _gw, ib, log) = plain_and_warned(warned(), bars);
    assert_eq!(plain.len(), 14, "two RTH days of hourly bars");
    assert_eq!(plain, warned);
    has_each(&ib.last_warnings(), 2);
    wrapper_got_each(&log, i64::from(SYNC_REQ_ID_BASE), 3);
    ib.disconnect();
}

#[test]
fn account_summary_with_warnings_is_the_same() {
    let summary = |ib: &IBClient| {
        let mut rows = ib
            .account_summary("All", "NetLiquidation,TotalCashValue,AccountType", WAIT)
            .expect("summary");
        rows.sort_by(|a, b| (&a.account, &a.tag).cmp(&(&b.account, &b.tag)));
        rows
    };
    let (plain, warned, _gw, ib, log) = plain_and_warned(warned(), summary);
    assert!(plain.iter().any(|r| r.tag == "NetLiquidation"));
    assert_eq!(plain, warned);
    has_each(&ib.last_warnings(), 2);
    wrapper_got_each(&log, i64::from(SYNC_REQ_ID_BASE), 3);
    ib.disconnect();
}

/// A market order filled, then the orders, executions and positions it left,
/// as comparable values (prices and times move with the clock).
#[derive(Debug, PartialEq)]
struct Trading {
    statuses: Vec<String>,
    executions: Vec<(String, String, String, i32)>,
    positions: Vec<(i32, String)>,
    open: Vec<(i32, String, String)>,
}

/// Trades, and returns what the helpers returned with the warnings of
/// `place_order_and_wait` and `executions`.
fn trade(
    ib: &IBClient,
) -> (
    Trading,
    Vec<tws_api::errors::Warning>,
    Vec<tws_api::errors::Warning>,
) {
    let id = ib.take_order_id().expect("an order id");
    let filled = ib
        .place_order_and_wait(
            id,
            &aapl(),
            &Order::market("BUY", 100.into()),
            &["Filled"],
            WAIT,
        )
        .expect("filled: the warnings with the order id are no refusal");
    let order_warnings = ib.last_warnings();
    let rest_id = ib.take_order_id().expect("an order id");
    ib.place_order_and_wait(
        rest_id,
        &aapl(),
        &Order::limit("BUY", 10.into(), 1.0),
        &["Submitted"],
        WAIT,
    )
    .expect("resting");
    let executions = ib
        .executions(&ExecutionFilter::default(), WAIT)
        .expect("executions");
    let exec_warnings = ib.last_warnings();
    let positions = ib.positions(WAIT).expect("positions");
    let open = ib.open_orders(WAIT).expect("open orders");
    let mut open: Vec<_> = open
        .iter()
        .map(|o| {
            (
                o.order_id,
                o.order.order_type.clone(),
                o.order.total_quantity.to_string(),
            )
        })
        .collect();
    open.sort();
    let trading = Trading {
        statuses: filled.statuses.iter().map(|s| s.status.clone()).collect(),
        executions: executions
            .iter()
            .map(|(c, e)| {
                (
                    c.symbol.clone(),
                    e.side.clone(),
                    e.shares.to_string(),
                    e.order_id,
                )
            })
            .collect(),
        positions: positions
            .iter()
            .map(|p| (p.contract.con_id, p.position.to_string()))
            .collect(),
        open,
    };
    (trading, order_warnings, exec_warnings)
}

#[test]
fn orders_executions_positions_and_open_orders_with_warnings_are_the_same() {
    let ((plain, none, _), (warned, order_warnings, exec_warnings), _gw, ib, log) =
        plain_and_warned(warned(), trade);
    assert_eq!(plain.statuses.last().map(String::as_str), Some("Filled"));
    assert_eq!(plain.executions.len(), 1, "{plain:?}");
    assert_eq!(plain.positions, [(265598, "100".to_string())]);
    assert_eq!(plain.open.len(), 1, "{plain:?}");
    assert_eq!(plain, warned);
    assert!(none.is_empty());
    // The order's warnings came with its id; reqExecutions's with the
    // helper's (the first helper id of this client).
    has_each(&order_warnings, 1);
    assert!(order_warnings.iter().all(|w| w.req_id == 1));
    has_each(&exec_warnings, 2);
    wrapper_got_each(&log, 1, 2);
    wrapper_got_each(&log, i64::from(SYNC_REQ_ID_BASE), 3);
    // Positions and open orders have no id: their warnings came as -1.
    wrapper_got_each(&log, -1, 3);
    ib.disconnect();
}

#[test]
fn market_data_streams_go_on_through_warnings() {
    let kinds = |ib: &IBClient| {
        let mut s = ib.market_data_stream(&aapl(), "").unwrap();
        let mut kinds = Vec::new();
        while kinds.len() < 40 {
            match s.next_timeout(WAIT).unwrap() {
                Some(MarketDataTick::Price(t, p, _)) => {
                    assert!(p > 0.0);
                    kinds.push(("price", t));
                }
                Some(MarketDataTick::Size(t, _)) => kinds.push(("size", t)),
                Some(MarketDataTick::String(t, _)) => kinds.push(("string", t)),
                Some(MarketDataTick::Generic(t, _)) => kinds.push(("generic", t)),
                None => panic!("the stream ended: {:?}", s.error()),
            }
        }
        assert!(s.error().is_none());
        // Still a request in flight: no warning ended it.
        let id = s.req_id();
        assert!(ib
            .requests_in_flight()
            .iter()
            .any(|r| r.key == RequestKey::Id(id)));
        (kinds, s.warnings())
    };
    let ((plain, none), (warned, warnings), _gw, ib, log) = plain_and_warned(warned(), kinds);
    assert_eq!(plain, warned);
    assert!(none.is_empty());
    // A stream has no end: the warnings before it and between its first two
    // messages.
    has_each(&warnings, 2);
    wrapper_got_each(&log, i64::from(SYNC_REQ_ID_BASE), 2);
    assert!(common::call_log::wait(|| ib
        .requests_in_flight()
        .is_empty()));
    ib.disconnect();
}

#[test]
fn market_depth_streams_go_on_through_warnings() {
    let first = |ib: &IBClient| {
        let mut s = ib.market_depth_stream(&aapl(), 5, false).unwrap();
        let mut book = MarketDepthBook::new();
        let mut head = Vec::new();
        for _ in 0..40 {
            let u = s.next_timeout(WAIT).unwrap().expect("the stream goes on");
            book.apply_l2(
                u.position,
                &u.market_maker,
                u.operation,
                u.side,
                u.price,
                u.size,
            )
            .expect("every update fits the book");
            if head.len() < 10 {
                head.push((u.position, u.operation, u.side));
            }
        }
        assert!(s.error().is_none() && book.is_sorted());
        (head, s.warnings())
    };
    let ((plain, _), (warned, warnings), _gw, ib, _log) = plain_and_warned(warned(), first);
    assert_eq!(plain, warned, "the book is built the same");
    has_each(&warnings, 2);
    ib.disconnect();
}

#[test]
fn tick_by_tick_and_real_time_bar_streams_go_on_through_warnings() {
    let run = |ib: &IBClient| {
        let mut ticks = ib.tick_by_tick_stream(&aapl(), "BidAsk", 0, false).unwrap();
        let mut quotes = 0;
        for _ in 0..5 {
            match ticks.next_timeout(WAIT).unwrap() {
                Some(TickByTick::BidAsk {
                    bid_price,
                    ask_price,
                    ..
                }) => {
                    assert!(bid_price < ask_price);
                    quotes += 1;
                }
                other => panic!("expected a quote, got {other:?} ({:?})", ticks.error()),
            }
        }
        let tbt_warnings = ticks.warnings();
        drop(ticks);
        let mut bars = ib
            .realtime_bars_stream(&aapl(), "TRADES", false, &[])
            .unwrap();
        let mut times = Vec::new();
        for _ in 0..3 {
            let bar = bars.next_timeout(WAIT).unwrap().expect("the bars go on");
            assert!(bar.low <= bar.high);
            times.push(bar.time);
        }
        assert!(times.windows(2).all(|w| w[1] - w[0] == 5));
        (quotes, times.len(), tbt_warnings, bars.warnings())
    };
    let (plain, warned, _gw, ib, _log) = plain_and_warned(warned(), run);
    assert_eq!((plain.0, plain.1), (warned.0, warned.1));
    has_each(&warned.2, 2);
    has_each(&warned.3, 2);
    ib.disconnect();
}

#[test]
fn kept_up_to_date_historical_bars_go_on_through_warnings() {
    let run = |ib: &IBClient| {
        let mut s = ib
            .historical_data_stream(&aapl(), "1 D", "1 hour", "TRADES", 1, 1)
            .unwrap();
        let mut items = Vec::new();
        loop {
            let item = s.next_timeout(WAIT).unwrap().expect("the stream goes on");
            let update = matches!(item, HistoricalBar::Update(_));
            items.push(item);
            if update {
                break;
            }
        }
        let end = items
            .iter()
            .position(|i| *i == HistoricalBar::End)
            .expect("the end of the first download");
        (end, s.warnings())
    };
    let ((plain, _), (warned, warnings), _gw, ib, _log) = plain_and_warned(warned(), run);
    assert!(plain > 0);
    assert_eq!(plain, warned, "as many bars before the end");
    // Before, between, and after historicalDataEnd (the updates go on).
    has_each(&warnings, 3);
    ib.disconnect();
}

#[test]
fn the_request_registry_keeps_a_request_that_got_a_warning() {
    let config = SimConfig {
        inject_warnings: CODES
            .iter()
            .map(|(c, t)| InjectedWarning::new(*c, *t, WarnAt::Before, WarnTo::Id(7)))
            .collect(),
        ..fast()
    };
    let (gw, ib, log) = started(config);
    ib.req_mkt_data(7, &aapl(), "", false, false, &[]).unwrap();
    wrapper_got_each(&log, 7, 1);
    // The user's wrapper sees an error after the registry did: it is kept.
    assert!(log.wait_for("tick_price", 7));
    assert!(ib
        .requests_in_flight()
        .iter()
        .any(|r| r.key == RequestKey::Id(7)));
    // An error with an id ends that request.
    ib.req_contract_details(8, &Contract::stock("NOSUCHSYMBOL", "SMART", "USD"))
        .unwrap();
    assert!(common::call_log::wait(|| errors_for(&log, 8).contains(&200)));
    assert!(!ib
        .requests_in_flight()
        .iter()
        .any(|r| r.key == RequestKey::Id(8)));
    ib.cancel_mkt_data(7).unwrap();
    assert!(ib.requests_in_flight().is_empty());
    ib.disconnect();
    gw.shutdown();
}

#[test]
fn errors_that_end_a_request_still_end_it_among_warnings() {
    let (gw, ib, _log) = started(SimConfig {
        max_depth_requests: 1,
        ..warned()
    });
    match ib.contract_details(&Contract::stock("NOSUCHSYMBOL", "SMART", "USD"), WAIT) {
        Err(e) => assert_eq!(e.code(), 200, "{e}"),
        Ok(d) => panic!("expected 200, got {d:?}"),
    }
    // The warnings before the error are the caller's to see.
    has_each(&ib.last_warnings(), 1);
    match ib.historical_data(&aapl(), "", "1 Y", "1 secs", "TRADES", 1, 1, WAIT) {
        Err(e) => assert_eq!(e.code(), 162, "{e}"),
        Ok(b) => panic!("expected 162, got {} bars", b.len()),
    }
    let _first = ib.market_depth_stream(&aapl(), 5, false).unwrap();
    let mut second = ib.market_depth_stream(&aapl(), 5, false).unwrap();
    assert_eq!(second.next_timeout(WAIT).unwrap(), None, "ended by TWS");
    assert_eq!(second.take_error().map(|e| e.code()), Some(309));
    has_each(&second.warnings(), 1);
    ib.disconnect();
    gw.shutdown();
}

#[test]
fn warnings_at_random_places_change_no_answer() {
    let config = || SimConfig {
        random_warnings: Some(RandomWarnings {
            seed: 20,
            probability: 0.7,
            warnings: CODES.iter().map(|(c, t)| (*c, (*t).to_string())).collect(),
        }),
        protobuf_errors: true,
        ..fast()
    };
    let run = |ib: &IBClient| {
        let details = ib.contract_details(&aapl(), WAIT).expect("details");
        let bars = ib
            .historical_data(
                &aapl(),
                "20261127 16:00:00 US/Eastern",
                "5 D",
                "30 mins",
                "MIDPOINT",
                1,
                1,
                WAIT,
            )
            .expect("bars");
        let summary = ib
            .account_summary("All", "TotalCashValue", WAIT)
            .expect("summary");
        (details, bars, summary)
    };
    let (plain, warned, _gw, ib, log) = plain_and_warned(config(), run);
    assert_eq!(plain, warned);
    // Most of the answer messages had a warning before them.
    let warnings = log
        .named("error")
        .iter()
        .filter(|c| {
            c.arg(0)
                .as_i64()
                .is_some_and(|id| id >= i64::from(SYNC_REQ_ID_BASE))
        })
        .count();
    assert!(warnings >= 2, "{warnings} warnings");
    // With protobuf errors, as a newer TWS sends them.
    assert!(!log.named("error_proto_buf").is_empty());
    ib.disconnect();
}

#[test]
fn every_other_helper_returns_the_same_through_warnings() {
    let run = |ib: &IBClient| {
        let mut out: Vec<String> = Vec::new();
        let mut warned = 0;
        let mut note = |ib: &IBClient, what: String| {
            out.push(what);
            warned += usize::from(!ib.last_warnings().is_empty());
        };
        note(ib, format!("{}", ib.current_time(WAIT).expect("time") > 0));
        note(
            ib,
            format!("{:?}", ib.matching_symbols("AAP", WAIT).expect("symbols")),
        );
        note(
            ib,
            format!(
                "{:?}",
                ib.sec_def_opt_params("SPY", "", "STK", 756733, WAIT)
                    .expect("chains")
            ),
        );
        let details = ib
            .contract_details(&aapl(), WAIT)
            .expect("details")
            .remove(0);
        let rule: i32 = details
            .market_rule_ids
            .split(',')
            .next()
            .and_then(|r| r.parse().ok())
            .expect("a market rule id");
        note(
            ib,
            format!("{:?}", ib.market_rule(rule, WAIT).expect("rule")),
        );
        note(
            ib,
            ib.head_timestamp(&aapl(), "TRADES", 1, 1, WAIT)
                .expect("head"),
        );
        note(
            ib,
            format!(
                "{}",
                !ib.histogram_data(&aapl(), true, "3 days", WAIT)
                    .expect("histogram")
                    .is_empty()
            ),
        );
        note(
            ib,
            format!(
                "{:?}",
                ib.historical_ticks(
                    &aapl(),
                    "",
                    "20261127 15:00:00 US/Eastern",
                    10,
                    "BID_ASK",
                    1,
                    false,
                    WAIT
                )
                .expect("ticks")
            ),
        );
        let providers = ib.news_providers(WAIT).expect("providers");
        note(ib, format!("{providers:?}"));
        let codes: Vec<&str> = providers.iter().map(|p| p.code.as_str()).collect();
        let (headlines, _) = ib
            .historical_news(265598, &codes.join("+"), "", "", 5, WAIT)
            .expect("headlines");
        note(ib, format!("{}", headlines.len()));
        let h = &headlines[0];
        let (kind, text) = ib
            .news_article(&h.provider_code, &h.article_id, WAIT)
            .expect("article");
        note(ib, format!("{kind} {}", !text.is_empty()));
        // The report up to its ratios: those follow the sim's price, which
        // moves with the clock between the two runs.
        let report = ib
            .fundamental_data(&details.contract, "ReportSnapshot", WAIT)
            .expect("report");
        let stable = report.split("<Ratios").next().unwrap_or_default();
        note(ib, stable.to_owned());
        note(
            ib,
            format!("{}", ib.scanner_parameters(WAIT).expect("params").len()),
        );
        let sub = tws_api::ScannerSubscription {
            number_of_rows: 10,
            instrument: "STK".into(),
            location_code: "STK.US.MAJOR".into(),
            scan_code: "TOP_PERC_GAIN".into(),
            ..Default::default()
        };
        note(
            ib,
            format!(
                "{}",
                ib.scanner_data(&sub, &[], &[], WAIT).expect("scan").len()
            ),
        );
        note(
            ib,
            format!(
                "{}",
                ib.completed_orders(false, WAIT).expect("completed").len()
            ),
        );
        let account = ib.managed_accounts()[0].clone();
        let snap = ib.portfolio(&account, WAIT).expect("portfolio");
        note(
            ib,
            format!(
                "{}",
                snap.values.iter().any(|(k, _, _)| k == "NetLiquidation")
            ),
        );
        (out, warned)
    };
    let ((plain, none), (warned, got), _gw, ib, _log) = plain_and_warned(warned(), run);
    assert_eq!(plain, warned);
    assert_eq!(none, 0);
    // Every helper with a request id saw warnings (the ones without an id —
    // current time, market rule, news providers, scanner parameters,
    // completed orders, portfolio — get them as -1, in the wrapper only).
    assert!(got >= 9, "{got} helpers saw warnings");
    ib.disconnect();
}
