//! Subscriptions that survive a reconnect: the client re-sends them after the
//! new connection's `nextValidId`, with their original request ids, and the
//! ticks flow again without code of yours. With `--sim` the example restarts
//! the simulated gateway under it to show it.
//!
//! ```text
//! cargo run --example resubscribe -- --sim
//! ```

#[path = "common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use tws_api::client::ReconnectPolicy;
use tws_api::sim::{SimConfig, SimGateway};
use tws_api::{Contract, EWrapper, IBClient, TickAttrib, TickType};

struct Ticks;

impl EWrapper for Ticks {
    fn tick_price(&mut self, req_id: i32, tick_type: TickType, price: f64, _: TickAttrib) {
        if tick_type == 4 {
            println!("[{req_id}] last {price}");
        }
    }
    fn connection_closed(&mut self) {
        println!("-- connection lost");
    }
    fn resubscribed(&mut self, count: usize) {
        println!("-- resubscribed {count} subscriptions");
    }
    fn reconnected(&mut self, attempts: u32) {
        println!("-- reconnected after {attempts} attempt(s)");
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (config, mut sim) = common::config()?;
    let client = IBClient::with_wrapper(Ticks);
    client.set_reconnect(Some(ReconnectPolicy {
        initial_delay: Duration::from_millis(200),
        ..ReconnectPolicy::default()
    }));
    client.set_resubscribe(true);
    client.connect_config(&config)?;
    client.start();
    if !client.wait_for_connection(Duration::from_secs(30)) {
        return Err("no nextValidId: is TWS logged in?".into());
    }
    client.req_mkt_data(
        1,
        &Contract::stock("AAPL", "SMART", "USD"),
        "",
        false,
        false,
        &[],
    )?;
    client.req_mkt_data(
        2,
        &Contract::stock("MSFT", "SMART", "USD"),
        "",
        false,
        false,
        &[],
    )?;
    std::thread::sleep(Duration::from_millis(500));
    if let Some(gw) = sim.take() {
        println!("-- restarting the simulated gateway");
        let port = gw.port();
        gw.shutdown();
        sim = Some(SimGateway::bind(("127.0.0.1", port), SimConfig::default())?);
    }
    let until = Instant::now() + Duration::from_secs(2);
    while Instant::now() < until {
        std::thread::sleep(Duration::from_millis(100));
    }
    println!(
        "requests in flight: {:?}",
        client.requests_in_flight().len()
    );
    client.disconnect();
    drop(sim);
    Ok(())
}
