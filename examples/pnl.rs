//! Daily, unrealized and realized PnL of the first account (`reqPnL`) and of
//! its AAPL position (`reqPnLSingle`), for a few updates.
//!
//! ```text
//! cargo run --example pnl -- --sim    # against the in-process simulated gateway
//! cargo run --example pnl             # against TWS / IB Gateway (IB_HOST, IB_PORT, IB_CLIENT_ID)
//! ```
//!
//! With `--sim` it buys 100 AAPL on the simulated paper account, then sells
//! them, so that the PnL moves: unrealized while held, realized after.
//!
//! A value TWS cannot compute (no position in the contract) arrives as
//! `UNSET_DOUBLE`, printed here as "-".

#[path = "common/mod.rs"]
mod common;

use std::sync::mpsc;
use std::time::Duration;

use tws_api::model::UNSET_DOUBLE;
use tws_api::{Contract, Decimal, EWrapper, IBClient, Order};

const AAPL: i32 = 265598;

fn show(v: f64) -> String {
    if v == UNSET_DOUBLE {
        "-".into()
    } else {
        format!("{v:.2}")
    }
}

struct Pnl {
    seen: mpsc::Sender<()>,
}

impl EWrapper for Pnl {
    fn pnl(&mut self, req_id: i32, daily: f64, unrealized: f64, realized: f64) {
        println!(
            "  [{req_id}] account: daily {} unrealized {} realized {}",
            show(daily),
            show(unrealized),
            show(realized)
        );
        let _ = self.seen.send(());
    }

    fn pnl_single(
        &mut self,
        req_id: i32,
        pos: Decimal,
        daily: f64,
        unrealized: f64,
        realized: f64,
        value: f64,
    ) {
        println!(
            "  [{req_id}] AAPL: position {pos} daily {} unrealized {} realized {} value {}",
            show(daily),
            show(unrealized),
            show(realized),
            show(value)
        );
        let _ = self.seen.send(());
    }

    fn error(&mut self, req_id: i32, _time: i64, code: i32, text: &str, _json: &str) {
        if !tws_api::errors::is_informational(code) {
            println!("Error {code} (request {req_id}): {text}");
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (config, sim) = common::config()?;
    let (seen, inbox) = mpsc::channel();
    let client = IBClient::with_wrapper(Pnl { seen });
    client.connect_config(&config)?;
    client.start();
    if !client.wait_for_connection(Duration::from_secs(10)) {
        return Err("connection timeout".into());
    }
    let account = client
        .managed_accounts()
        .first()
        .cloned()
        .unwrap_or_default();
    println!("PnL of {account}:");
    client.req_pnl(1, &account, "")?;
    client.req_pnl_single(2, &account, "", AAPL)?;
    // TWS sends a PnL update when it changes (about once a second at most).
    let wait = Duration::from_secs(10);
    for _ in 0..2 {
        inbox.recv_timeout(wait)?;
    }
    if sim.is_some() {
        let aapl = Contract {
            con_id: AAPL,
            ..Contract::stock("AAPL", "SMART", "USD")
        };
        for action in ["BUY", "SELL"] {
            println!("{action} 100 AAPL at market:");
            let id = client.take_order_id().ok_or("no order id")?;
            client.place_order(id, &aapl, &Order::market(action, Decimal::from(100)))?;
            // The account's and the position's PnL after the fill.
            for _ in 0..2 {
                inbox.recv_timeout(wait)?;
            }
        }
    }
    client.cancel_pnl(1)?;
    client.cancel_pnl_single(2)?;
    client.disconnect();
    Ok(())
}
