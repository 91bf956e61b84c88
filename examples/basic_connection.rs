//! The connection guide's "Basic Connection", in Rust.
//!
//! ```text
//! cargo run --example basic_connection           # TWS / Gateway from .env
//! cargo run --example basic_connection -- --sim  # the simulated gateway
//! ```

#[path = "common/mod.rs"]
mod common;

use std::time::Duration;

use tws_api::IBClient;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (config, _sim) = common::config()?;

    let client = IBClient::new();
    client.connect_config(&config)?;
    client.start(); // message processing on a background thread

    if client.wait_for_connection(Duration::from_secs(10)) {
        println!("✓ Connected and ready");
        println!("Next Valid Order ID: {:?}", client.next_valid_order_id());

        // Your trading logic here

        client.disconnect();
    } else {
        println!("✗ Connection timeout");
        client.disconnect();
    }
    Ok(())
}
