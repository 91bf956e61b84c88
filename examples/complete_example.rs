//! The connection guide's appendix, "Complete Working Example": configuration,
//! connection, error handling and cleanup.
//!
//! ```text
//! cargo run --example complete_example           # TWS / Gateway from .env
//! cargo run --example complete_example -- --sim  # the simulated gateway
//! ```

#[path = "common/mod.rs"]
mod common;

use std::thread;
use std::time::Duration;

use tws_api::{EWrapper, IBClient};

/// Prints errors the way the guide's `error()` does.
struct Handler;

impl EWrapper for Handler {
    fn connect_ack(&mut self) {
        println!("✓ API Connection Established");
    }

    fn next_valid_id(&mut self, order_id: i32) {
        println!("✓ Connection Ready - Next Valid Order ID: {order_id}");
    }

    fn error(&mut self, req_id: i32, _time: i64, code: i32, text: &str, _json: &str) {
        if code == 502 {
            println!("✗ ERROR {code}: {text}");
            println!("  → Check that TWS/IB Gateway is running with API enabled");
        } else if tws_api::errors::is_informational(code) {
            println!("IB Message [{code}]: {text}");
        } else {
            println!("✗ ERROR {code} (request {req_id}): {text}");
        }
    }

    fn connection_closed(&mut self) {
        println!("✗ API Connection Closed");
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (config, _sim) = common::config()?;
    println!("Configuration loaded:");
    println!("  Host: {}", config.host);
    println!("  Port: {}", config.port);
    println!("  Client ID: {}", config.client_id);
    println!();

    let client = IBClient::with_wrapper(Handler);

    let outcome = (|| -> Result<(), tws_api::Error> {
        println!("Connecting to IB Gateway...");
        client.connect_config(&config)?;

        client.start();
        println!("Message processing thread started");

        println!("Waiting for connection...");
        if !client.wait_for_connection(Duration::from_secs(10)) {
            println!("✗ Connection timeout - exiting");
            return Ok(());
        }
        println!("✓ Connected successfully!");
        println!("Next Valid Order ID: {:?}", client.next_valid_order_id());
        println!();

        // Your trading logic here
        println!("Running trading logic for 5 seconds...");
        thread::sleep(Duration::from_secs(5));
        println!("Trading logic complete");
        Ok(())
    })();
    if let Err(e) = outcome {
        println!("✗ Error: {e}");
    }

    // Always disconnect
    println!("Disconnecting...");
    client.disconnect();
    println!("✓ Disconnected");
    Ok(())
}
