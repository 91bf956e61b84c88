//! Historical bars: a day of hourly bars of AAPL, printed as they arrive, then
//! the earliest date with data.
//!
//! ```text
//! cargo run --example historical_data -- --sim     # the simulated gateway
//! cargo run --example historical_data              # TWS / IB Gateway per IB_HOST, IB_PORT
//! ```

#[path = "common/mod.rs"]
mod common;

use std::sync::mpsc;
use std::time::Duration;

use tws_api::{BarData, Contract, EWrapper, IBClient};

enum Note {
    End,
    Head,
    Failed,
}

struct Printer {
    notes: mpsc::Sender<Note>,
}

impl EWrapper for Printer {
    fn historical_data(&mut self, _req_id: i32, bar: &BarData) {
        println!(
            "{:<28} open {:>8.2} high {:>8.2} low {:>8.2} close {:>8.2} volume {:>8} wap {:>9} trades {}",
            bar.date, bar.open, bar.high, bar.low, bar.close, bar.volume, bar.wap, bar.bar_count
        );
    }

    fn historical_data_end(&mut self, _req_id: i32, start: &str, end: &str) {
        println!("-- bars from {start} to {end}");
        let _ = self.notes.send(Note::End);
    }

    fn head_timestamp(&mut self, _req_id: i32, head_timestamp: &str) {
        println!("AAPL trades are available from {head_timestamp}");
        let _ = self.notes.send(Note::Head);
    }

    fn error(&mut self, req_id: i32, _time: i64, code: i32, text: &str, _json: &str) {
        if tws_api::errors::is_informational(code) {
            return;
        }
        println!("Error {code} (request {req_id}): {text}");
        if req_id > 0 {
            let _ = self.notes.send(Note::Failed);
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (config, _gateway) = common::config()?;
    let (notes, inbox) = mpsc::channel();
    let client = IBClient::with_wrapper(Printer { notes });
    client.connect_config(&config)?;
    client.start();
    if !client.wait_for_connection(Duration::from_secs(10)) {
        return Err("connection timeout: nextValidId never arrived".into());
    }

    let aapl = Contract {
        symbol: "AAPL".into(),
        sec_type: "STK".into(),
        exchange: "SMART".into(),
        currency: "USD".into(),
        ..Contract::default()
    };
    // The last trading day, regular hours, one bar per hour, dates as text.
    client.req_historical_data(1, &aapl, "", "1 D", "1 hour", "TRADES", 1, 1, false, &[])?;
    let wait = Duration::from_secs(30);
    match inbox.recv_timeout(wait)? {
        Note::End => {}
        _ => return Err("no bars".into()),
    }
    client.req_head_time_stamp(2, &aapl, "TRADES", 1, 1)?;
    while !matches!(inbox.recv_timeout(wait)?, Note::Head | Note::Failed) {}

    client.disconnect();
    Ok(())
}
