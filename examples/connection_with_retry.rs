//! The connection guide's "Connection with Error Handling": three attempts,
//! five seconds apart.
//!
//! ```text
//! cargo run --example connection_with_retry           # TWS / Gateway from .env
//! cargo run --example connection_with_retry -- --sim  # the simulated gateway
//! ```

#[path = "common/mod.rs"]
mod common;

use std::thread;
use std::time::Duration;

use tws_api::{IBClient, IBConfig};

fn connect_with_retry(config: &IBConfig, max_retries: u32) -> Option<IBClient> {
    for attempt in 1..=max_retries {
        println!("Connection attempt {attempt}/{max_retries}");
        let client = IBClient::new();
        match client.connect_config(config) {
            Ok(()) => {
                client.start();
                if client.wait_for_connection(Duration::from_secs(10)) {
                    println!("✓ Connection successful");
                    return Some(client);
                }
                println!("✗ Connection timeout");
                client.disconnect();
            }
            Err(e) => println!("✗ Connection error: {e}"),
        }
        if attempt < max_retries {
            println!("Retrying in 5 seconds...");
            thread::sleep(Duration::from_secs(5));
        }
    }
    None
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (config, _sim) = common::config()?;
    match connect_with_retry(&config, 3) {
        Some(client) => {
            // Trading logic
            client.disconnect();
        }
        None => println!("Giving up after 3 attempts"),
    }
    Ok(())
}
