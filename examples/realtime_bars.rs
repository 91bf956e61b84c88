//! Real-time bars: five-second bars of AAPL as they form, then cancel.
//!
//! ```text
//! cargo run --example realtime_bars -- --sim   # the simulated gateway, its clock 10× fast
//! cargo run --example realtime_bars            # TWS / IB Gateway per IB_HOST, IB_PORT
//! ```

use std::sync::mpsc;
use std::time::Duration;

use tws_api::sim::{SimConfig, SimGateway};
use tws_api::{Contract, Decimal, EWrapper, IBClient, IBConfig};

struct Printer {
    bars: mpsc::Sender<()>,
}

impl EWrapper for Printer {
    fn realtime_bar(
        &mut self,
        _req_id: i32,
        time: i64,
        open: f64,
        high: f64,
        low: f64,
        close: f64,
        volume: Decimal,
        wap: Decimal,
        count: i32,
    ) {
        println!(
            "{time}  open {open:>8.2} high {high:>8.2} low {low:>8.2} close {close:>8.2} volume {volume:>6} wap {wap:>9} trades {count}"
        );
        let _ = self.bars.send(());
    }

    fn error(&mut self, req_id: i32, _time: i64, code: i32, text: &str, _json: &str) {
        if !tws_api::errors::is_informational(code) {
            println!("Error {code} (request {req_id}): {text}");
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let mut config = IBConfig::from_env()?;
    let mut _gateway = None;
    if std::env::args().any(|a| a == "--sim") {
        // The sim's clock runs 10× fast: a five-second bar every half second.
        let gw = SimGateway::start(SimConfig {
            clock_speed: 10.0,
            ..SimConfig::default()
        })?;
        config.host = "127.0.0.1".into();
        config.port = gw.port();
        println!("(--sim: simulated gateway on {})", gw.addr());
        _gateway = Some(gw);
    }
    let (bars, inbox) = mpsc::channel();
    let client = IBClient::with_wrapper(Printer { bars });
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
    client.req_real_time_bars(1, &aapl, 5, "TRADES", false, &[])?;
    for _ in 0..6 {
        inbox.recv_timeout(Duration::from_secs(30))?;
    }
    client.cancel_real_time_bars(1)?;
    client.disconnect();
    Ok(())
}
