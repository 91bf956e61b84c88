//! A market scanner: the scanner parameters' size, then one result of
//! "Top % Gainers" among US stocks above $10.
//!
//! ```text
//! cargo run --example scanner           # TWS / Gateway from .env
//! cargo run --example scanner -- --sim  # the simulated gateway
//! ```

#[path = "common/mod.rs"]
mod common;

use std::sync::mpsc;
use std::time::Duration;

use tws_api::{ContractDetails, EWrapper, IBClient, ScannerSubscription, TagValue};

enum Note {
    Parameters,
    ScanDone,
}

struct Printer {
    notes: mpsc::Sender<Note>,
}

impl EWrapper for Printer {
    fn scanner_parameters(&mut self, xml: &str) {
        let scan_codes = xml.matches("<scanCode>").count();
        println!(
            "Scanner parameters: {} KB of XML, {scan_codes} scan codes",
            xml.len() / 1024
        );
        let _ = self.notes.send(Note::Parameters);
    }

    fn scanner_data(
        &mut self,
        _req_id: i32,
        rank: i32,
        details: &ContractDetails,
        _distance: &str,
        _benchmark: &str,
        _projection: &str,
        _legs_str: &str,
    ) {
        let c = &details.contract;
        println!(
            "  #{:<2} {:<6} conId {:<10} {} {}",
            rank + 1,
            c.symbol,
            c.con_id,
            c.currency,
            details.market_name
        );
    }

    fn scanner_data_end(&mut self, _req_id: i32) {
        let _ = self.notes.send(Note::ScanDone);
    }

    fn error(&mut self, req_id: i32, _time: i64, code: i32, text: &str, _json: &str) {
        if !tws_api::errors::is_informational(code) {
            println!("Error {code} (request {req_id}): {text}");
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (config, _sim) = common::config()?;
    let (notes, inbox) = mpsc::channel();
    let client = IBClient::with_wrapper(Printer { notes });
    client.connect_config(&config)?;
    client.start();
    if !client.wait_for_connection(Duration::from_secs(10)) {
        return Err("connection timeout".into());
    }
    let wait = Duration::from_secs(30);

    client.req_scanner_parameters()?;
    while !matches!(inbox.recv_timeout(wait)?, Note::Parameters) {}

    let subscription = ScannerSubscription {
        number_of_rows: 10,
        instrument: "STK".into(),
        location_code: "STK.US.MAJOR".into(),
        scan_code: "TOP_PERC_GAIN".into(),
        ..ScannerSubscription::default()
    };
    let filters = [TagValue::new("priceAbove", "10")];
    println!("Top % gainers above $10:");
    client.req_scanner_subscription(7, &subscription, &[], &filters)?;
    while !matches!(inbox.recv_timeout(wait)?, Note::ScanDone) {}
    client.cancel_scanner_subscription(7)?;
    client.disconnect();
    Ok(())
}
