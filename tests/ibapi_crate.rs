//! A Rust client nobody here wrote, against the simulated gateway: the
//! crates.io `ibapi` 5.5 crate with its blocking (`sync`) client. It speaks
//! server versions 213 and up only and reads the answers of those versions
//! in protobuf only, so it works only with a gateway that speaks them as
//! TWS does. It connects, asks for contract details, a market data
//! snapshot and historical bars, places an order that fills, and reads the
//! positions and the account summary.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use ibapi::accounts::types::AccountGroup;
use ibapi::accounts::{AccountSummaryResult, AccountSummaryTags, PositionUpdate};
use ibapi::client::blocking::Client;
use ibapi::orders::PlaceOrder;
use ibapi::prelude::*;
use tws_api::sim::{SimConfig, SimGateway};

mod common;

/// What the session saw.
#[derive(Debug, Default)]
struct Seen {
    server_version: i32,
    con_id: Option<i32>,
    ticks: usize,
    bars: usize,
    order_events: Vec<&'static str>,
    aapl_position: Option<f64>,
    net_liquidation: Option<String>,
    summary_ended: bool,
}

fn session(port: u16) -> Seen {
    let mut seen = Seen::default();
    let client = Client::connect(&format!("127.0.0.1:{port}"), 7).expect("connects");
    seen.server_version = client.server_version();

    let contract = Contract::stock("AAPL").build();
    let details = client
        .contract_details(&contract)
        .expect("contract details");
    seen.con_id = details.first().map(|d| d.contract.contract_id);

    let ticks = client
        .market_data(&contract)
        .snapshot_once(Duration::from_secs(30))
        .expect("snapshot");
    seen.ticks = ticks.len();

    let bars = client
        .historical_data(&contract, HistoricalBarSize::Hour)
        .what_to_show(HistoricalWhatToShow::Trades)
        .duration(1.days())
        .fetch()
        .expect("historical bars");
    seen.bars = bars.bars.len();

    let order = client
        .order(&contract)
        .buy(10)
        .market()
        .build_order()
        .expect("an order");
    let events = client
        .place_order(client.next_order_id(), &contract, &order)
        .expect("order placed");
    for event in events.iter_data() {
        let name = match event.expect("order event") {
            PlaceOrder::OpenOrder(_) => "open_order",
            PlaceOrder::OrderStatus(_) => "order_status",
            PlaceOrder::ExecutionData(_) => "execution",
            PlaceOrder::CommissionReport(_) => "commission",
        };
        seen.order_events.push(name);
        if name == "commission" {
            break;
        }
    }

    let positions = client.positions().expect("positions");
    while let Some(update) = positions.next_data() {
        match update.expect("position") {
            PositionUpdate::Position(p) if p.contract.symbol == "AAPL" => {
                seen.aapl_position = Some(p.position)
            }
            PositionUpdate::Position(_) => {}
            PositionUpdate::PositionEnd => break,
        }
    }

    let summary = client
        .account_summary(
            &AccountGroup("All".into()),
            &[AccountSummaryTags::NET_LIQUIDATION],
        )
        .expect("account summary");
    for update in summary.iter_data() {
        match update.expect("summary") {
            AccountSummaryResult::Summary(s) if s.tag == AccountSummaryTags::NET_LIQUIDATION => {
                seen.net_liquidation = Some(s.value)
            }
            AccountSummaryResult::Summary(_) => {}
            AccountSummaryResult::End => {
                seen.summary_ended = true;
                break;
            }
        }
    }
    seen
}

#[test]
fn the_ibapi_crate_trades_against_the_simulated_gateway() {
    common::init_logs();
    let gw = SimGateway::start(SimConfig {
        farm_notices: false,
        ..SimConfig::default()
    })
    .expect("sim starts");
    let port = gw.port();
    // The crate blocks; a session that never ends fails the test instead
    // of hanging it (a guard, not a timing assertion).
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(session(port));
    });
    let seen = rx
        .recv_timeout(Duration::from_secs(120))
        .expect("the ibapi session finishes");

    println!("{seen:?}");
    assert_eq!(
        seen.server_version,
        tws_api::server_versions::MAX_CLIENT_VER
    );
    assert_eq!(seen.con_id, Some(265598), "{seen:?}");
    assert!(seen.ticks > 0, "{seen:?}");
    assert!(seen.bars > 0, "{seen:?}");
    for event in ["open_order", "order_status", "execution", "commission"] {
        assert!(seen.order_events.contains(&event), "{event}: {seen:?}");
    }
    assert_eq!(seen.aapl_position, Some(10.0), "{seen:?}");
    assert!(seen.net_liquidation.is_some(), "{seen:?}");
    assert!(seen.summary_ended, "{seen:?}");
}
