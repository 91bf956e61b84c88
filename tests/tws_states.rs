//! What TWS answers in states a paper script rarely meets, played by the
//! simulated gateway: read-only API mode (orders refused with 321, which
//! ends the order's wait at once with advice on how to enable orders) and a
//! competing live session (10197 under each market data subscription, which
//! ends a snapshot and a stream with advice).

mod common;

use std::time::Duration;

use tws_api::sim::{Fault, SimConfig, SimGateway};
use tws_api::{Contract, Decimal, Error, IBClient, Order};

const WAIT: Duration = Duration::from_secs(20);

fn connected(gw: &SimGateway) -> IBClient {
    common::init_logs();
    let client = IBClient::new();
    client.connect("127.0.0.1", gw.port(), 3).unwrap();
    client.start();
    assert!(client.wait_for_connection(WAIT));
    client
}

#[test]
fn read_only_mode_refuses_orders_at_once_and_says_how_to_enable_them() {
    let gw = SimGateway::start(SimConfig {
        read_only: true,
        ..SimConfig::default()
    })
    .unwrap();
    let client = connected(&gw);
    let id = client.take_order_id().expect("an order id");
    let order = Order::market("BUY", Decimal::from(10));
    let err = client
        .place_order_and_wait(
            id,
            &Contract::stock("AAPL", "SMART", "USD"),
            &order,
            &["Filled"],
            WAIT,
        )
        .unwrap_err();
    assert_eq!(err.code(), 321, "{err}");
    let Error::Tws {
        req_id, message, ..
    } = &err
    else {
        panic!("{err}");
    };
    assert_eq!(*req_id, id);
    assert!(message.contains("Read-Only mode"), "{message}");
    assert!(
        err.to_string().contains("uncheck \"Read-Only API\""),
        "{err}"
    );
    // Everything but orders works as usual.
    assert!(client.req_current_time().is_ok());
    client.disconnect();
}

#[test]
fn a_competing_session_ends_snapshots_and_streams_with_10197_and_advice() {
    let gw = SimGateway::start(SimConfig {
        tick_interval: Duration::from_millis(5),
        ..SimConfig::default()
    })
    .unwrap();
    let client = connected(&gw);
    let aapl = Contract::stock("AAPL", "SMART", "USD");
    let mut stream = client.market_data_stream(&aapl, "").unwrap();
    assert!(stream.next_timeout(WAIT).unwrap().is_some(), "ticks first");
    assert_eq!(gw.inject(Fault::CompetingSession), 1);
    // The stream ends (its remaining ticks drained), with the error.
    while stream.next_timeout(WAIT).unwrap().is_some() {}
    let err = stream.take_error().expect("the stream's error");
    assert_eq!(err.code(), 10197, "{err}");
    assert!(err.to_string().contains("req_market_data_type(3)"), "{err}");
    // While the other session holds it, a snapshot ends with the same error …
    let err = client.market_data_snapshot(&aapl, "", WAIT).unwrap_err();
    assert_eq!(err.code(), 10197, "{err}");
    // … and delayed data still flows.
    client.req_market_data_type(3).unwrap();
    assert!(client.market_data_snapshot(&aapl, "", WAIT).is_ok());
    client.disconnect();
}
