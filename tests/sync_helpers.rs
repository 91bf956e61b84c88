//! The blocking helpers of `IBClient` against the simulated gateway: they
//! return what the EWrapper path receives, time out when no answer comes, and
//! end with an error when the connection is lost.

mod common;

use std::time::Duration;

use common::{init_logs, stock, CallRecorder};
use tws_api::client::SYNC_REQ_ID_BASE;
use tws_api::sim::{Fault, SimConfig, SimGateway};
use tws_api::{tick_type, Error, IBClient};

const WAIT: Duration = Duration::from_secs(20);

fn started(gw: &SimGateway) -> (IBClient, std::sync::Arc<common::CallLog>) {
    init_logs();
    let (rec, log) = CallRecorder::new();
    let ib = IBClient::with_wrapper(rec);
    ib.connect("127.0.0.1", gw.port(), 0).unwrap();
    ib.start();
    assert!(ib.wait_for_connection(WAIT));
    (ib, log)
}

#[test]
fn current_time_returns_what_the_wrapper_receives() {
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let (ib, log) = started(&gw);
    let t = ib.current_time(WAIT).expect("the server's time");
    assert!(t > 1_700_000_000, "{t}");
    let seen = log.named("current_time");
    assert_eq!(seen.last().map(|c| c.arg(0).clone()), Some(t.into()));
    assert!(ib.requests_in_flight().is_empty());
    ib.disconnect();
}

#[test]
fn a_market_data_snapshot_is_the_ticks_up_to_tick_snapshot_end() {
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let (ib, log) = started(&gw);
    let snap = ib
        .market_data_snapshot(&stock("AAPL"), "", WAIT)
        .expect("a snapshot");
    let (bid, ask, last) = snap.bid_ask_last();
    let (bid, ask, last) = (bid.unwrap(), ask.unwrap(), last.unwrap());
    assert!(bid < ask && bid <= last && last <= ask, "{snap:?}");
    assert!(snap.size(tick_type::VOLUME).is_some(), "{snap:?}");
    // The user's wrapper saw the same ticks, under the helper's request id.
    let prices: Vec<f64> = log
        .named("tick_price")
        .iter()
        .filter(|c| c.arg(0).as_i64() == Some(i64::from(SYNC_REQ_ID_BASE)))
        .filter_map(|c| c.arg(2).as_f64())
        .collect();
    let ours: Vec<f64> = snap.prices.iter().map(|p| p.1).collect();
    assert_eq!(prices, ours);
    ib.disconnect();
}

#[test]
fn a_helper_whose_answer_never_comes_times_out() {
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let (ib, _log) = started(&gw);
    assert_eq!(gw.inject(Fault::StallMidFrame(Duration::from_secs(60))), 1);
    match ib.current_time(Duration::from_millis(200)) {
        Err(Error::Timeout(what)) => assert_eq!(what, "reqCurrentTime"),
        other => panic!("expected a timeout, got {other:?}"),
    }
    gw.shutdown();
    ib.disconnect();
}

#[test]
fn a_lost_connection_ends_every_waiting_helper_with_an_error() {
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let (ib, _log) = started(&gw);
    assert_eq!(gw.inject(Fault::StallMidFrame(Duration::from_secs(60))), 1);
    let ib = std::sync::Arc::new(ib);
    let waiters: Vec<_> = (0..3)
        .map(|i| {
            let ib = std::sync::Arc::clone(&ib);
            std::thread::spawn(move || {
                if i == 0 {
                    ib.current_time(Duration::from_secs(60)).map(|_| ())
                } else {
                    ib.market_data_snapshot(&stock("IBM"), "", Duration::from_secs(60))
                        .map(|_| ())
                }
            })
        })
        .collect();
    // Every helper is waiting (its request in flight) before the gateway goes.
    assert!(common::call_log::wait(|| ib.requests_in_flight().len() == 3));
    gw.shutdown();
    for w in waiters {
        match w.join().unwrap() {
            Err(Error::Timeout(_)) | Ok(()) => panic!("expected the loss to end the helper"),
            Err(e) => assert!(
                matches!(e.code(), 90002 | 504),
                "the request's end names the loss: {e}"
            ),
        }
    }
    ib.disconnect();
}

#[test]
fn contract_details_are_what_the_wrapper_receives_and_an_unknown_contract_is_200() {
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let (ib, log) = started(&gw);
    let aapl = tws_api::Contract::stock("AAPL", "SMART", "USD");
    let details = ib.contract_details(&aapl, WAIT).expect("AAPL");
    assert_eq!(details[0].contract.con_id, 265598);
    let seen: Vec<i64> = log
        .named("contract_details")
        .iter()
        .filter_map(|c| c.arg(1)["contract"]["con_id"].as_i64())
        .collect();
    let ours: Vec<i64> = details
        .iter()
        .map(|d| i64::from(d.contract.con_id))
        .collect();
    assert_eq!(seen, ours);
    let nothing = tws_api::Contract::stock("NOSUCHSYMBOL", "SMART", "USD");
    match ib.contract_details(&nothing, WAIT) {
        Err(e) => assert_eq!(e.code(), 200, "{e}"),
        Ok(d) => panic!("expected 200, got {d:?}"),
    }
    ib.disconnect();
}

#[test]
fn reference_data_news_fundamentals_and_scans_wait_for_their_answers() {
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let (ib, _log) = started(&gw);
    let symbols = ib.matching_symbols("AAP", WAIT).expect("matching symbols");
    assert!(
        symbols.iter().any(|d| d.contract.symbol == "AAPL"),
        "{symbols:?}"
    );

    let chains = ib
        .sec_def_opt_params("SPY", "", "STK", 756733, WAIT)
        .expect("option chains");
    assert!(chains.iter().any(|c| !c.strikes.is_empty()), "{chains:?}");

    let aapl = &ib
        .contract_details(&tws_api::Contract::stock("AAPL", "SMART", "USD"), WAIT)
        .unwrap()[0];
    let rule: i32 = aapl
        .market_rule_ids
        .split(',')
        .next()
        .and_then(|r| r.parse().ok())
        .expect("a market rule id");
    let increments = ib.market_rule(rule, WAIT).expect("market rule");
    assert!(!increments.is_empty());

    let providers = ib.news_providers(WAIT).expect("news providers");
    assert!(!providers.is_empty());
    let codes: Vec<&str> = providers.iter().map(|p| p.code.as_str()).collect();
    let (headlines, _more) = ib
        .historical_news(265598, &codes.join("+"), "", "", 5, WAIT)
        .expect("headlines");
    assert!(!headlines.is_empty() && headlines.len() <= 5);
    let h = &headlines[0];
    let (kind, text) = ib
        .news_article(&h.provider_code, &h.article_id, WAIT)
        .expect("article");
    assert_eq!(kind, 0);
    assert!(!text.is_empty());

    let report = ib
        .fundamental_data(&aapl.contract, "ReportSnapshot", WAIT)
        .expect("a report");
    assert!(report.contains('<'), "XML: {report:.80}");

    let xml = ib.scanner_parameters(WAIT).expect("scanner parameters");
    assert!(xml.len() > 100_000);
    let sub = tws_api::ScannerSubscription {
        number_of_rows: 10,
        instrument: "STK".into(),
        location_code: "STK.US.MAJOR".into(),
        scan_code: "TOP_PERC_GAIN".into(),
        ..Default::default()
    };
    let rows = ib.scanner_data(&sub, &[], &[], WAIT).expect("a scan");
    assert!(!rows.is_empty() && rows.len() <= 10, "{}", rows.len());
    assert_eq!(rows[0].rank, 0);
    ib.disconnect();
}

#[test]
fn historical_bars_ticks_histograms_and_head_timestamps_wait_for_their_answers() {
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let (ib, log) = started(&gw);
    let aapl = tws_api::Contract::stock("AAPL", "SMART", "USD");
    let bars = ib
        .historical_data(&aapl, "", "1 D", "1 hour", "TRADES", 1, 1, WAIT)
        .expect("bars");
    assert_eq!(bars.len(), 7, "one RTH day of hourly bars");
    assert!(bars
        .iter()
        .all(|b| b.low <= b.open.min(b.close) && b.high >= b.open.max(b.close)));
    assert_eq!(
        log.named("historical_data").len(),
        7,
        "the wrapper saw them too"
    );
    match ib.historical_data(&aapl, "", "1 D", "7 mins", "TRADES", 1, 1, WAIT) {
        Err(e) => assert_eq!(e.code(), 321, "{e}"),
        Ok(b) => panic!("an invalid bar size gave {} bars", b.len()),
    }
    let head = ib
        .head_timestamp(&aapl, "TRADES", 1, 1, WAIT)
        .expect("head timestamp");
    assert!(head.starts_with("1980"), "{head}");
    let histogram = ib
        .histogram_data(&aapl, true, "3 days", WAIT)
        .expect("histogram");
    assert!(!histogram.is_empty());
    match ib
        .historical_ticks(
            &aapl,
            "",
            "20261127 15:00:00 US/Eastern",
            10,
            "BID_ASK",
            1,
            false,
            WAIT,
        )
        .expect("ticks")
    {
        tws_api::client::HistoricalTicks::BidAsk(t) => assert_eq!(t.len(), 10),
        other => panic!("expected bid/ask ticks, got {other:?}"),
    }
    ib.disconnect();
}

#[test]
fn an_order_placed_and_waited_for_then_seen_in_executions_and_completed_orders() {
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let (ib, log) = started(&gw);
    let aapl = tws_api::Contract::stock("AAPL", "SMART", "USD");
    let id = ib.take_order_id().expect("an order id");
    let progress = ib
        .place_order_and_wait(
            id,
            &aapl,
            &tws_api::Order::market("BUY", 100.into()),
            &["Filled"],
            WAIT,
        )
        .expect("filled");
    assert_eq!(progress.status(), Some("Filled"));
    assert!(!progress.executions.is_empty());
    let seen = log
        .named("order_status")
        .iter()
        .filter(|c| c.arg(0).as_i64() == Some(i64::from(id)))
        .count();
    assert_eq!(
        seen,
        progress.statuses.len(),
        "the wrapper saw every status"
    );

    let execs = ib
        .executions(&tws_api::ExecutionFilter::default(), WAIT)
        .expect("executions");
    assert!(execs
        .iter()
        .any(|(c, e)| e.order_id == id && c.symbol == "AAPL"));
    // Completed orders carry no order id (as in TWS): known by the perm id.
    let perm_id = progress.statuses.last().unwrap().perm_id;
    let done = ib.completed_orders(false, WAIT).expect("completed orders");
    assert!(done.iter().any(|o| o.order.perm_id == perm_id), "{perm_id}");

    // A limit far below the price rests: Submitted, and an open order.
    let id2 = ib.take_order_id().expect("an order id");
    let rest = ib
        .place_order_and_wait(
            id2,
            &aapl,
            &tws_api::Order::limit("BUY", 100.into(), 1.0),
            &["Submitted"],
            WAIT,
        )
        .expect("resting");
    assert_eq!(rest.status(), Some("Submitted"));
    let open = ib.open_orders(WAIT).expect("open orders");
    assert!(open.iter().any(|o| o.order_id == id2), "{open:?}");
    ib.disconnect();
}

#[test]
fn positions_account_summary_and_portfolio_after_a_trade() {
    let gw = SimGateway::start(SimConfig::default()).unwrap();
    let (ib, _log) = started(&gw);
    let aapl = tws_api::Contract::stock("AAPL", "SMART", "USD");
    let id = ib.take_order_id().unwrap();
    ib.place_order_and_wait(
        id,
        &aapl,
        &tws_api::Order::market("BUY", 100.into()),
        &["Filled"],
        WAIT,
    )
    .expect("filled");
    let account = ib.managed_accounts()[0].clone();
    let positions = ib.positions(WAIT).expect("positions");
    let p = positions
        .iter()
        .find(|p| p.contract.con_id == 265598)
        .expect("the AAPL position");
    assert_eq!(p.position, 100.into());
    assert_eq!(p.account, account);

    let summary = ib
        .account_summary("All", "NetLiquidation,TotalCashValue", WAIT)
        .expect("summary");
    assert!(summary
        .iter()
        .any(|r| r.tag == "NetLiquidation" && r.account == account));

    let snap = ib.portfolio(&account, WAIT).expect("account updates");
    assert!(snap.values.iter().any(|(k, _, _)| k == "NetLiquidation"));
    assert!(snap
        .portfolio
        .iter()
        .any(|i| i.contract.con_id == 265598 && i.position == 100.into()));
    assert!(common::call_log::wait(|| ib
        .requests_in_flight()
        .is_empty()));
    ib.disconnect();
}
