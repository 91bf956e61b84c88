//! Fundamental data and Wall Street Horizon events of IBM, and the display
//! groups of TWS: a report (XML), the WSH meta data and IBM's next events,
//! the groups, and a group's contract updated.
//!
//! ```text
//! cargo run --example fundamentals -- --sim  # the simulated gateway
//! cargo run --example fundamentals           # TWS / Gateway from .env
//! ```

#[path = "common/mod.rs"]
mod common;

use std::sync::mpsc;
use std::time::Duration;

use tws_api::{Contract, EWrapper, IBClient, WshEventData};

struct Printer {
    done: mpsc::Sender<&'static str>,
}

impl EWrapper for Printer {
    fn wsh_meta_data(&mut self, _req_id: i32, data_json: &str) {
        println!("WSH meta data: {} bytes of JSON", data_json.len());
        let _ = self.done.send("meta");
    }
    fn wsh_event_data(&mut self, _req_id: i32, data_json: &str) {
        println!(
            "WSH events of IBM: {}",
            &data_json[..data_json.len().min(160)]
        );
        let _ = self.done.send("events");
    }
    fn display_group_list(&mut self, _req_id: i32, groups: &str) {
        println!("display groups: {groups}");
        let _ = self.done.send("groups");
    }
    fn display_group_updated(&mut self, _req_id: i32, contract_info: &str) {
        println!("group 1 now shows: {contract_info:?}");
        let _ = self.done.send("updated");
    }
    fn error(&mut self, req_id: i32, _t: i64, code: i32, text: &str, _json: &str) {
        if !tws_api::errors::is_informational(code) {
            eprintln!("error {code} for request {req_id}: {text}");
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (config, _sim) = common::config()?;
    let t = Duration::from_secs(20);
    let (tx, rx) = mpsc::channel();
    let client = IBClient::with_wrapper(Printer { done: tx });
    client.connect_config(&config)?;
    client.start();
    if !client.wait_for_connection(t) {
        return Err("no nextValidId: is TWS logged in?".into());
    }
    let ibm = Contract {
        con_id: 8314,
        ..Contract::stock("IBM", "SMART", "USD")
    };
    let report = client.fundamental_data(&ibm, "ReportSnapshot", t)?;
    println!("ReportSnapshot of IBM: {} bytes of XML", report.len());

    client.req_wsh_meta_data(1)?;
    let filter = WshEventData {
        con_id: ibm.con_id,
        total_limit: 3,
        ..WshEventData::default()
    };
    client.req_wsh_event_data(2, &filter)?;
    client.query_display_groups(3)?;
    client.subscribe_to_group_events(4, 1)?;
    client.update_display_group(4, "8314@SMART")?;
    for _ in 0..4 {
        rx.recv_timeout(t)?;
    }
    client.unsubscribe_from_group_events(4)?;
    client.disconnect();
    Ok(())
}
