//! Three strategies on one TWS through a pool of clients (issue 23, the
//! connection guide's "connection pool for multiple strategies"): each gets
//! its own client id and connection, streams its own symbol, buys now and
//! then and prints its fills; every second the pool's health is printed.
//!
//! ```text
//! cargo run --example strategies -- --sim              # the simulated gateway
//! cargo run --example strategies -- --sim --seconds 10
//! cargo run --example strategies                       # TWS / Gateway from .env (places paper orders!)
//! ```

#[path = "common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use tws_api::client::{ClientPool, PoolConfig};
use tws_api::{Contract, Decimal, EWrapper, Execution, Order, TickAttrib, TickType};

/// A strategy's callbacks: its last price and its fills.
struct Trader {
    name: &'static str,
}

impl EWrapper for Trader {
    fn tick_price(&mut self, _req_id: i32, _tick: TickType, _price: f64, _attrib: TickAttrib) {}

    fn exec_details(&mut self, _req_id: i32, contract: &Contract, e: &Execution) {
        println!(
            "  [{}] fill: {} {} {} @ {} (order {})",
            self.name, e.side, e.shares, contract.symbol, e.price, e.order_id
        );
    }
}

fn stock(symbol: &str) -> Contract {
    Contract::stock(symbol, "SMART", "USD")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (config, _sim) = common::config()?;
    let seconds: u64 = std::env::args()
        .skip_while(|a| a != "--seconds")
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);

    let pool = ClientPool::new(PoolConfig::from_ib_config(&config));
    pool.on_alert(|a| println!("ALERT {:?} (client {}): {}", a.kind, a.client_id, a.advice));

    let plan = [
        ("momentum", "AAPL"),
        ("mean-reversion", "MSFT"),
        ("pairs", "SPY"),
    ];
    let mut strategies = Vec::new();
    for (i, (name, symbol)) in plan.into_iter().enumerate() {
        let s = pool.acquire_with(name, Trader { name })?;
        println!("{name}: client id {}", s.client_id());
        s.req_mkt_data(100 + i as i32, &stock(symbol), "", false, false, &[])?;
        strategies.push((s, symbol));
    }

    let start = Instant::now();
    let mut tick = 0u64;
    while start.elapsed() < Duration::from_secs(seconds) {
        std::thread::sleep(Duration::from_secs(1));
        tick += 1;
        // Each strategy buys one share every other second.
        for (s, symbol) in &strategies {
            if tick % 2 == 1 {
                if let Some(id) = s.take_order_id() {
                    let order = Order {
                        action: "BUY".into(),
                        order_type: "MKT".into(),
                        total_quantity: Decimal::from(1),
                        ..Order::default()
                    };
                    s.place_order(id, &stock(symbol), &order)?;
                }
            }
        }
        println!("pool health after {tick} s:");
        for c in pool.health().connections {
            println!(
                "  {:<15} client {:>2}  {}  up {:>5.1} s  {} reconnects  in {:>6.0} msg/s  out {:>4.0} msg/s  queued {} B",
                c.strategy,
                c.client_id,
                if c.connected { "connected" } else { "DOWN     " },
                c.uptime.map_or(0.0, |u| u.as_secs_f64()),
                c.reconnects,
                c.messages_in_per_sec,
                c.messages_out_per_sec,
                c.metrics.bytes_queued
            );
        }
    }
    drop(strategies); // each disconnects and returns its id
    println!("done; ids free again: {:?}", pool.strategies());
    Ok(())
}
