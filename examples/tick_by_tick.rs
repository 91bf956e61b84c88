//! Tick-by-tick data: the last 5 trades then live ones, quotes, midpoints.
//!
//! ```text
//! cargo run --example tick_by_tick -- --sim   # the simulated gateway
//! cargo run --example tick_by_tick            # TWS / Gateway from .env
//! ```

#[path = "common/mod.rs"]
mod common;

use std::sync::mpsc;
use std::time::Duration;

use tws_api::{Contract, Decimal, EWrapper, IBClient, TickAttribBidAsk, TickAttribLast};

/// Prints every tick; tells main() about each.
struct Printer {
    ticks: mpsc::Sender<()>,
}

impl EWrapper for Printer {
    fn tick_by_tick_all_last(
        &mut self,
        req_id: i32,
        tick_type: i32,
        time: i64,
        price: f64,
        size: Decimal,
        attrib: TickAttribLast,
        exchange: &str,
        special_conditions: &str,
    ) {
        let kind = if tick_type == 1 { "Last" } else { "AllLast" };
        println!(
            "{req_id} {kind:<8} {time} {size:>5} @ {price:.2} on {exchange:<7} {special_conditions:?} ({attrib})"
        );
        let _ = self.ticks.send(());
    }

    fn tick_by_tick_bid_ask(
        &mut self,
        req_id: i32,
        time: i64,
        bid_price: f64,
        ask_price: f64,
        bid_size: Decimal,
        ask_size: Decimal,
        attrib: TickAttribBidAsk,
    ) {
        println!(
            "{req_id} BidAsk   {time} {bid_size:>5} x {bid_price:.2} / {ask_price:.2} x {ask_size} ({attrib})"
        );
        let _ = self.ticks.send(());
    }

    fn tick_by_tick_mid_point(&mut self, req_id: i32, time: i64, mid_point: f64) {
        println!("{req_id} MidPoint {time} {mid_point:.3}");
        let _ = self.ticks.send(());
    }

    fn error(&mut self, req_id: i32, _time: i64, code: i32, text: &str, _json: &str) {
        if !tws_api::errors::is_informational(code) {
            println!("Error {code} (request {req_id}): {text}");
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (config, _sim) = common::config()?;
    let (ticks, inbox) = mpsc::channel();
    let client = IBClient::with_wrapper(Printer { ticks });
    client.connect_config(&config)?;
    client.start();
    if !client.wait_for_connection(Duration::from_secs(10)) {
        return Err("connection timeout: nextValidId never arrived".into());
    }
    let aapl = Contract::stock("AAPL", "SMART", "USD");
    // One stream at a time: 5 historical ticks first, then 10 live ones.
    for (req_id, tick_type) in [(1, "Last"), (2, "AllLast"), (3, "BidAsk"), (4, "MidPoint")] {
        println!("--- {tick_type}");
        client.req_tick_by_tick_data(req_id, &aapl, tick_type, 5, false)?;
        for _ in 0..15 {
            inbox.recv_timeout(Duration::from_secs(20))?;
        }
        client.cancel_tick_by_tick_data(req_id)?;
    }
    client.disconnect();
    Ok(())
}
