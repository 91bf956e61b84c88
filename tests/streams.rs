//! Streams as iterators on `IBClient`, against the simulated gateway: they
//! yield what the wrapper receives, end when dropped (the subscription is
//! cancelled), when TWS ends them with an error, and when the connection is
//! lost.

mod common;

use std::time::Duration;

use common::{init_logs, CallRecorder};
use tws_api::client::{HistoricalBar, MarketDataTick, TickByTick};
use tws_api::sim::{SimConfig, SimGateway};
use tws_api::{Contract, IBClient, MarketDepthBook};

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

fn fast() -> SimConfig {
    SimConfig {
        tick_interval: Duration::from_millis(5),
        clock_speed: 100.0,
        ..SimConfig::default()
    }
}

fn aapl() -> Contract {
    Contract::stock("AAPL", "SMART", "USD")
}

#[test]
fn market_data_ticks_stream_until_the_stream_is_dropped() {
    let gw = SimGateway::start(fast()).unwrap();
    let (ib, log) = started(&gw);
    let stream = ib.market_data_stream(&aapl(), "").unwrap();
    let id = stream.req_id();
    let ticks: Vec<MarketDataTick> = stream.take(30).collect();
    assert_eq!(ticks.len(), 30);
    assert!(ticks
        .iter()
        .any(|t| matches!(t, MarketDataTick::Price(1, p, _) if *p > 0.0)));
    // `take` dropped the stream: the subscription is cancelled.
    assert!(common::call_log::wait(|| ib
        .requests_in_flight()
        .is_empty()));
    let seen = log
        .named("tick_price")
        .iter()
        .filter(|c| c.arg(0).as_i64() == Some(i64::from(id)))
        .count();
    assert!(seen >= 1);
    ib.disconnect();
}

#[test]
fn depth_updates_build_a_consistent_book() {
    let gw = SimGateway::start(fast()).unwrap();
    let (ib, _log) = started(&gw);
    let mut book = MarketDepthBook::new();
    for u in ib.market_depth_stream(&aapl(), 5, false).unwrap().take(60) {
        book.apply_l2(
            u.position,
            &u.market_maker,
            u.operation,
            u.side,
            u.price,
            u.size,
        )
        .expect("every update fits the book");
    }
    let (bid, ask) = (book.best_bid().unwrap(), book.best_ask().unwrap());
    assert!(bid.price < ask.price, "{bid:?} {ask:?}");
    assert!(book.is_sorted());
    ib.disconnect();
}

#[test]
fn tick_by_tick_real_time_bars_and_kept_up_to_date_bars_stream() {
    let gw = SimGateway::start(fast()).unwrap();
    let (ib, _log) = started(&gw);
    let quotes: Vec<TickByTick> = ib
        .tick_by_tick_stream(&aapl(), "BidAsk", 0, false)
        .unwrap()
        .take(3)
        .collect();
    assert!(quotes.iter().all(
        |q| matches!(q, TickByTick::BidAsk { bid_price, ask_price, .. } if bid_price < ask_price)
    ));

    let bars: Vec<_> = ib
        .realtime_bars_stream(&aapl(), "TRADES", false, &[])
        .unwrap()
        .take(2)
        .collect();
    assert_eq!(bars.len(), 2);
    assert!(bars[1].time > bars[0].time);

    let mut stream = ib
        .historical_data_stream(&aapl(), "1 D", "1 hour", "TRADES", 1, 1)
        .unwrap();
    let mut items = Vec::new();
    while let Some(item) = stream.next_timeout(WAIT).unwrap() {
        let update = matches!(item, HistoricalBar::Update(_));
        items.push(item);
        if update {
            break;
        }
    }
    let end = items
        .iter()
        .position(|i| *i == HistoricalBar::End)
        .expect("the end of the initial bars");
    assert!(
        end > 0
            && items[..end]
                .iter()
                .all(|i| matches!(i, HistoricalBar::Bar(_)))
    );
    assert!(matches!(items.last(), Some(HistoricalBar::Update(_))));
    stream.cancel();
    ib.disconnect();
}

#[test]
fn a_stream_ends_with_twss_error_or_with_the_connection() {
    let gw = SimGateway::start(SimConfig {
        max_depth_requests: 1,
        ..fast()
    })
    .unwrap();
    let (ib, _log) = started(&gw);
    let _first = ib.market_depth_stream(&aapl(), 5, false).unwrap();
    let mut second = ib.market_depth_stream(&aapl(), 5, false).unwrap();
    assert_eq!(second.next_timeout(WAIT).unwrap(), None, "ended by TWS");
    assert_eq!(second.take_error().map(|e| e.code()), Some(309));

    let mut ticks = ib.market_data_stream(&aapl(), "").unwrap();
    assert!(ticks.next().is_some());
    gw.shutdown();
    // Whatever was already queued, then the end.
    while ticks.next_timeout(WAIT).unwrap().is_some() {}
    assert!(ticks.error().is_some());
    ib.disconnect();
}
