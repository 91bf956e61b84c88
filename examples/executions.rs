//! Today's executions with their commissions (`reqExecutions`), filtered by
//! symbol. With `--sim`, buys and sells a little first so there is something
//! to list.
//!
//! ```text
//! cargo run --example executions -- --sim
//! ```

#[path = "common/mod.rs"]
mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

use tws_api::{
    CommissionAndFeesReport, Contract, Decimal, EWrapper, Execution, ExecutionFilter, IBClient,
    Order,
};

enum Note {
    Report,
    End,
}

struct Printer {
    notes: mpsc::Sender<Note>,
    /// Set once the listing starts (the example's own fills are not printed).
    listing: Arc<AtomicBool>,
}

impl EWrapper for Printer {
    fn exec_details(&mut self, req_id: i32, contract: &Contract, e: &Execution) {
        if self.listing.load(Ordering::SeqCst) {
            println!(
                "[{req_id}] {} {} {:>5} {:<5} @ {:>8.2}  order #{} (client {})  cum {} avg {:.2}",
                e.time,
                e.side,
                e.shares,
                contract.symbol,
                e.price,
                e.order_id,
                e.client_id,
                e.cum_qty,
                e.avg_price
            );
        }
    }

    fn commission_and_fees_report(&mut self, r: &CommissionAndFeesReport) {
        if self.listing.load(Ordering::SeqCst) {
            let pnl = if r.realized_pnl == tws_api::UNSET_DOUBLE {
                String::from("-")
            } else {
                format!("{:.2}", r.realized_pnl)
            };
            println!(
                "      commission {:.2} {}  realized PnL {pnl}",
                r.commission_and_fees, r.currency
            );
        }
        let _ = self.notes.send(Note::Report);
    }

    fn exec_details_end(&mut self, req_id: i32) {
        println!("[{req_id}] end of executions");
        let _ = self.notes.send(Note::End);
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (config, sim) = common::config()?;
    let (notes, inbox) = mpsc::channel();
    let listing = Arc::new(AtomicBool::new(false));
    let client = IBClient::with_wrapper(Printer {
        notes,
        listing: Arc::clone(&listing),
    });
    client.connect_config(&config)?;
    client.start();
    if !client.wait_for_connection(Duration::from_secs(10)) {
        return Err("connection timeout".into());
    }
    let wait = Duration::from_secs(10);
    let stock = |symbol: &str| Contract {
        symbol: symbol.into(),
        sec_type: "STK".into(),
        exchange: "SMART".into(),
        currency: "USD".into(),
        ..Contract::default()
    };
    if sim.is_some() {
        for (symbol, action, qty) in [
            ("AAPL", "BUY", 100),
            ("AAPL", "SELL", 40),
            ("MSFT", "BUY", 5),
        ] {
            let id = client.take_order_id().ok_or("no order id")?;
            client.place_order(
                id,
                &stock(symbol),
                &Order::market(action, Decimal::from(qty)),
            )?;
            while !matches!(inbox.recv_timeout(wait)?, Note::Report) {}
        }
    }
    listing.store(true, Ordering::SeqCst);
    println!("All executions:");
    client.req_executions(1, &ExecutionFilter::default())?;
    while !matches!(inbox.recv_timeout(wait)?, Note::End) {}
    println!("AAPL only:");
    let filter = ExecutionFilter {
        symbol: "AAPL".into(),
        ..ExecutionFilter::default()
    };
    client.req_executions(2, &filter)?;
    while !matches!(inbox.recv_timeout(wait)?, Note::End) {}
    client.disconnect();
    Ok(())
}
