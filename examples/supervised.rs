//! A supervised, long-running client: reconnects with backoff when the
//! gateway restarts, re-subscribes after each reconnect, checks the connection
//! with a heartbeat, paces its requests, and serves its status over HTTP.
//!
//! ```text
//! cargo run --example supervised -- --sim     # simulated gateway, restarted every 3 s
//! cargo run --example supervised              # TWS / Gateway from .env; Ctrl-C to stop
//! curl http://127.0.0.1:9101/api/ibkr/status  # while it runs
//! ```

#[path = "common/mod.rs"]
mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use tws_api::client::{Heartbeat, RateLimit, ReconnectPolicy};
use tws_api::sim::{SimConfig, SimGateway};
use tws_api::status::StatusServer;
use tws_api::{Contract, EClient, EWrapper, IBClient, TickAttrib, TickType};

/// Subscribes on every (re)connection; counts ticks.
struct Strategy {
    client: EClient,
    ticks: u64,
}

impl Strategy {
    fn subscribe(&self) {
        let spy = Contract {
            symbol: "SPY".into(),
            sec_type: "STK".into(),
            exchange: "SMART".into(),
            currency: "USD".into(),
            ..Contract::default()
        };
        if let Err(e) = self.client.req_mkt_data(1, &spy, "", false, false, &[]) {
            println!("subscribe failed: {e}");
        }
    }
}

impl EWrapper for Strategy {
    fn next_valid_id(&mut self, order_id: i32) {
        println!("ready (next order id {order_id}), subscribing");
        self.subscribe();
    }
    fn tick_price(&mut self, _req_id: i32, _t: TickType, _price: f64, _a: TickAttrib) {
        self.ticks += 1;
    }
    fn connection_closed(&mut self) {
        println!("connection closed after {} ticks", self.ticks);
    }
    fn reconnecting(&mut self, attempt: u32, delay: Duration) {
        println!("reconnecting: attempt {attempt} in {delay:.2?}");
    }
    fn reconnected(&mut self, attempts: u32) {
        // next_valid_id has already re-subscribed; nothing more to do here.
        println!("reconnected after {attempts} attempt(s)");
    }
    fn reconnect_gave_up(&mut self, reason: &str) {
        println!("gave up: {reason}");
    }
    fn error(&mut self, req_id: i32, _t: i64, code: i32, text: &str, _json: &str) {
        if !tws_api::errors::is_informational(code) {
            println!("error {code} (request {req_id}): {text}");
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (config, sim) = common::config()?;
    let simulated = sim.is_some();

    let client = Arc::new(IBClient::with_wrapper_from(|client| Strategy {
        client,
        ticks: 0,
    }));
    client.set_reconnect(Some(ReconnectPolicy {
        initial_delay: Duration::from_millis(200),
        ..ReconnectPolicy::default()
    }));
    client.set_heartbeat(Some(Heartbeat::default()));
    client.set_rate_limit(Some(RateLimit::TWS));

    let status = StatusServer::start("127.0.0.1:9101", Arc::clone(&client))
        .or_else(|_| StatusServer::start("127.0.0.1:0", Arc::clone(&client)))?;
    println!("status: http://{}/api/ibkr/status", status.addr());

    client.connect_config(&config)?;
    client.start();

    if simulated {
        // Restart the simulated gateway a few times, as a nightly restart would.
        let mut gateway = sim;
        let port = config.port;
        for round in 1..=3 {
            std::thread::sleep(Duration::from_secs(3));
            println!("--- restarting the gateway ({round}/3) ---");
            drop(gateway.take());
            std::thread::sleep(Duration::from_millis(500));
            gateway = Some(SimGateway::bind(("127.0.0.1", port), SimConfig::default())?);
        }
        std::thread::sleep(Duration::from_secs(2));
        println!(
            "reconnects: {}, connected: {}",
            client.reconnects(),
            client.is_connected()
        );
        client.disconnect();
    } else {
        let started = Instant::now();
        loop {
            std::thread::sleep(Duration::from_secs(60));
            let m = client.metrics();
            println!(
                "up {:?}: {} reconnects, {} frames in, {} out, queue peak {} bytes",
                started.elapsed(),
                client.reconnects(),
                m.frames_in,
                m.frames_out,
                m.peak_bytes_queued
            );
        }
    }
    Ok(())
}
