//! The connection guide's "Multiple Simultaneous Connections": two clients,
//! ids 0 and 1, each with its own message loop.
//!
//! ```text
//! cargo run --example multiple_connections           # TWS / Gateway from .env
//! cargo run --example multiple_connections -- --sim  # the simulated gateway
//! ```

#[path = "common/mod.rs"]
mod common;

use std::time::Duration;

use tws_api::IBClient;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (config, _sim) = common::config()?;

    let client1 = IBClient::new();
    let client2 = IBClient::new();

    client1.connect(&config.host, config.port, 0)?;
    client1.start();
    client2.connect(&config.host, config.port, 1)?;
    client2.start();

    let wait = Duration::from_secs(10);
    if client1.wait_for_connection(wait) && client2.wait_for_connection(wait) {
        println!("✓ Both connected");
        println!("Client 1 order ID: {:?}", client1.next_valid_order_id());
        println!("Client 2 order ID: {:?}", client2.next_valid_order_id());

        // Use both clients

        client1.disconnect();
        client2.disconnect();
    } else {
        println!("✗ At least one client did not connect");
        client1.disconnect();
        client2.disconnect();
    }
    Ok(())
}
