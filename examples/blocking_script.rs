//! A blocking script: qualify a contract, fetch a week of hourly bars, print a
//! summary, then buy 10 shares on a paper account and wait for the fill — with
//! no wrapper, no channel and no end-marker check of your own.
//!
//! ```text
//! cargo run --example blocking_script -- --sim  # the simulated gateway
//! cargo run --example blocking_script           # TWS / Gateway from .env (paper!)
//! ```

#[path = "common/mod.rs"]
mod common;

use std::time::Duration;

use tws_api::{Contract, IBClient, Order};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (config, _sim) = common::config()?;
    let t = Duration::from_secs(30);
    let client = IBClient::new();
    client.connect_config(&config)?;
    client.start();
    if !client.wait_for_connection(t) {
        return Err("no nextValidId: is TWS logged in?".into());
    }

    let details = client.contract_details(&Contract::stock("AAPL", "SMART", "USD"), t)?;
    let aapl = &details[0].contract;
    println!(
        "{} conId {}: {}",
        aapl.symbol, aapl.con_id, details[0].long_name
    );

    let bars = client.historical_data(aapl, "", "5 D", "1 hour", "TRADES", 1, 1, t)?;
    let high = bars.iter().map(|b| b.high).fold(f64::MIN, f64::max);
    let low = bars.iter().map(|b| b.low).fold(f64::MAX, f64::min);
    if let (Some(first), Some(last)) = (bars.first(), bars.last()) {
        println!(
            "{} bars from {} to {}: low {low}, high {high}, last close {}",
            bars.len(),
            first.date,
            last.date,
            last.close
        );
    }

    let id = client.take_order_id().ok_or("no order id")?;
    let fill =
        client.place_order_and_wait(id, aapl, &Order::market("BUY", 10.into()), &["Filled"], t)?;
    for s in &fill.statuses {
        println!(
            "order {id}: {} (filled {}, avg {})",
            s.status, s.filled, s.avg_fill_price
        );
    }
    client.disconnect();
    Ok(())
}
