//! Quickstart: no TWS needed.
//!
//! Starts the simulated gateway in this process, connects to it, shows the next
//! valid order id, the managed accounts, the server's time and a few ticks of
//! market data, then disconnects.
//!
//! ```text
//! cargo run --example quickstart
//! ```
//!
//! To run the same flow against a real TWS or IB Gateway, see `basic_connection`.

use std::sync::mpsc;
use std::time::Duration;

use tws_api::sim::{SimConfig, SimGateway};
use tws_api::{tick_type_name, Contract, Decimal, EWrapper, IBClient, TickAttrib, TickType};

/// What the callbacks tell the main thread.
enum Note {
    Time,
    Tick,
}

/// Our callbacks: print what arrives, and tell main() about time and ticks.
struct Printer {
    notes: mpsc::Sender<Note>,
}

impl EWrapper for Printer {
    fn current_time(&mut self, time: i64) {
        println!("Server time: {time} (seconds since 1970)");
        let _ = self.notes.send(Note::Time);
    }

    fn tick_price(&mut self, req_id: i32, tick_type: TickType, price: f64, _attrib: TickAttrib) {
        println!(
            "  tick {req_id}: {:<14} {price:.2}",
            tick_type_name(tick_type)
        );
        let _ = self.notes.send(Note::Tick);
    }

    fn tick_size(&mut self, req_id: i32, tick_type: TickType, size: Decimal) {
        println!("  tick {req_id}: {:<14} {size}", tick_type_name(tick_type));
    }

    fn error(&mut self, req_id: i32, _time: i64, code: i32, text: &str, _json: &str) {
        if tws_api::errors::is_informational(code) {
            println!("Notice {code}: {text}");
        } else {
            println!("Error {code} (request {req_id}): {text}");
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();

    let gateway = SimGateway::start(SimConfig {
        tick_interval: Duration::from_millis(50),
        ..SimConfig::default()
    })?;
    println!("Simulated gateway listening on {}", gateway.addr());

    let (notes, inbox) = mpsc::channel();
    let client = IBClient::with_wrapper(Printer { notes });
    client.connect("127.0.0.1", gateway.port(), 0)?;
    client.start();

    if !client.wait_for_connection(Duration::from_secs(10)) {
        return Err("connection timeout: nextValidId never arrived".into());
    }
    println!("Connected (server version {})", client.server_version());
    println!("Next valid order id: {:?}", client.next_valid_order_id());
    println!("Managed accounts: {:?}", client.managed_accounts());

    client.req_current_time()?;
    let wait = Duration::from_secs(10);
    while !matches!(inbox.recv_timeout(wait)?, Note::Time) {}

    let aapl = Contract {
        symbol: "AAPL".into(),
        sec_type: "STK".into(),
        exchange: "SMART".into(),
        currency: "USD".into(),
        ..Contract::default()
    };
    println!("Market data for AAPL:");
    client.req_mkt_data(1, &aapl, "", false, false, &[])?;
    let mut prices = 0;
    while prices < 9 {
        if let Note::Tick = inbox.recv_timeout(wait)? {
            prices += 1;
        }
    }
    client.cancel_mkt_data(1)?;

    client.disconnect();
    println!("Disconnected");
    gateway.shutdown();
    Ok(())
}
