//! Market depth: keeps a live order book from `update_mkt_depth` /
//! `update_mkt_depth_l2` with [`MarketDepthBook`] and prints it.
//!
//! ```text
//! cargo run --example market_depth -- --sim            # the simulated gateway
//! cargo run --example market_depth                      # TWS / Gateway from .env
//! cargo run --example market_depth -- --sim --smart     # SMART depth (level II)
//! ```

#[path = "common/mod.rs"]
mod common;

use std::sync::mpsc;
use std::time::Duration;

use tws_api::{Contract, Decimal, EWrapper, IBClient, MarketDepthBook};

/// Keeps the book and prints it every 100 updates; tells main() how many
/// updates it applied.
struct Depth {
    book: MarketDepthBook,
    updates: u64,
    applied: mpsc::Sender<u64>,
}

impl Depth {
    fn applied(&mut self, result: Result<(), tws_api::DepthBookError>) {
        if let Err(e) = result {
            println!("book out of step ({e}): a real client would re-request");
        }
        self.updates += 1;
        if self.updates % 100 == 0 {
            println!("AAPL after {} updates:", self.updates);
            println!("    bid size  bid price       | ask size  ask price");
            print!("{}", self.book);
            if let (Some(b), Some(a)) = (self.book.best_bid(), self.book.best_ask()) {
                println!(
                    "best {} / {}, spread {:.2}\n",
                    b.price,
                    a.price,
                    a.price - b.price
                );
            }
        }
        let _ = self.applied.send(self.updates);
    }
}

impl EWrapper for Depth {
    fn update_mkt_depth(
        &mut self,
        _req_id: i32,
        position: i32,
        operation: i32,
        side: i32,
        price: f64,
        size: Decimal,
    ) {
        let r = self.book.apply(position, operation, side, price, size);
        self.applied(r);
    }

    fn update_mkt_depth_l2(
        &mut self,
        _req_id: i32,
        position: i32,
        market_maker: &str,
        operation: i32,
        side: i32,
        price: f64,
        size: Decimal,
        _is_smart_depth: bool,
    ) {
        let r = self
            .book
            .apply_l2(position, market_maker, operation, side, price, size);
        self.applied(r);
    }

    fn error(&mut self, req_id: i32, _time: i64, code: i32, text: &str, _json: &str) {
        if !tws_api::errors::is_informational(code) {
            println!("Error {code} (request {req_id}): {text}");
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (config, _sim) = common::config()?;
    let smart = std::env::args().any(|a| a == "--smart");
    let (applied, inbox) = mpsc::channel();
    let client = IBClient::with_wrapper(Depth {
        book: MarketDepthBook::new(),
        updates: 0,
        applied,
    });
    client.connect_config(&config)?;
    client.start();
    if !client.wait_for_connection(Duration::from_secs(10)) {
        return Err("connection timeout: nextValidId never arrived".into());
    }

    let exchange = if smart { "SMART" } else { "ISLAND" };
    let aapl = Contract::stock("AAPL", exchange, "USD");
    client.req_mkt_depth(1, &aapl, 10, smart, &[])?;

    // The wrapper prints the book every 100 updates: wait for three of them.
    while inbox.recv_timeout(Duration::from_secs(20))? < 300 {}
    client.cancel_mkt_depth(1, smart)?;
    client.disconnect();
    Ok(())
}
