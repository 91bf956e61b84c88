//! The account summary of every account: net liquidation, cash, buying power,
//! margin, … (`reqAccountSummary` with every tag of `AccountSummaryTags`),
//! then the cash ledger in every currency (`$LEDGER:ALL`).
//!
//! ```text
//! cargo run --example account_summary -- --sim    # against the in-process simulated gateway
//! cargo run --example account_summary             # against TWS / IB Gateway (IB_HOST, IB_PORT, IB_CLIENT_ID)
//! ```

#[path = "common/mod.rs"]
mod common;

use std::sync::mpsc;
use std::time::Duration;

use tws_api::model::AccountSummaryTags;
use tws_api::{EWrapper, IBClient};

struct Summary {
    done: mpsc::Sender<i32>,
}

impl EWrapper for Summary {
    fn account_summary(
        &mut self,
        req_id: i32,
        account: &str,
        tag: &str,
        value: &str,
        currency: &str,
    ) {
        println!("  [{req_id}] {account:<10} {tag:<32} {value:>18} {currency}");
    }

    fn account_summary_end(&mut self, req_id: i32) {
        let _ = self.done.send(req_id);
    }

    fn error(&mut self, req_id: i32, _time: i64, code: i32, text: &str, _json: &str) {
        if !tws_api::errors::is_informational(code) {
            println!("Error {code} (request {req_id}): {text}");
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (config, _sim) = common::config()?;
    let (done, ends) = mpsc::channel();
    let client = IBClient::with_wrapper(Summary { done });
    client.connect_config(&config)?;
    client.start();
    if !client.wait_for_connection(Duration::from_secs(10)) {
        return Err("connection timeout".into());
    }

    println!("Account summary (group All):");
    client.req_account_summary(1, "All", AccountSummaryTags::ALL_TAGS)?;
    ends.recv_timeout(Duration::from_secs(10))?;
    client.cancel_account_summary(1)?;

    println!("Cash ledger, every currency:");
    client.req_account_summary(2, "All", "$LEDGER:ALL")?;
    ends.recv_timeout(Duration::from_secs(10))?;
    client.cancel_account_summary(2)?;

    client.disconnect();
    Ok(())
}
