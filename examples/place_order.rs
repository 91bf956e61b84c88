//! Place a limit order, watch its status change, its fill and its commission.
//!
//! ```text
//! cargo run --example place_order -- --sim   # the simulated gateway (paper broker)
//! cargo run --example place_order            # TWS / Gateway from .env (paper account!)
//! ```
//!
//! The limit is set above the market so that the order fills at once. Against
//! a live account `place_order` is refused (error 90001) unless
//! `IB_ALLOW_LIVE_ORDERS=true`: see docs/orders.md.

#[path = "common/mod.rs"]
mod common;

use std::sync::mpsc;
use std::time::Duration;

use tws_api::{
    CommissionAndFeesReport, Contract, Decimal, EWrapper, Execution, IBClient, Order, OrderState,
};

enum Note {
    Price(f64),
    Commission,
}

struct Printer {
    notes: mpsc::Sender<Note>,
}

impl EWrapper for Printer {
    fn tick_price(&mut self, _req_id: i32, tick_type: i32, price: f64, _: tws_api::TickAttrib) {
        if tick_type == tws_api::tick_type::LAST && price > 0.0 {
            let _ = self.notes.send(Note::Price(price));
        }
    }

    fn open_order(
        &mut self,
        order_id: i32,
        contract: &Contract,
        order: &Order,
        state: &OrderState,
    ) {
        println!(
            "openOrder   #{order_id}: {} {} {} {} @ {}  [{}]",
            order.action,
            order.total_quantity,
            contract.symbol,
            order.order_type,
            order.lmt_price,
            state.status
        );
    }

    #[allow(clippy::too_many_arguments)]
    fn order_status(
        &mut self,
        order_id: i32,
        status: &str,
        filled: Decimal,
        remaining: Decimal,
        avg_fill_price: f64,
        _perm_id: i64,
        _parent_id: i32,
        _last_fill_price: f64,
        _client_id: i32,
        _why_held: &str,
        _mkt_cap_price: f64,
    ) {
        println!(
            "orderStatus #{order_id}: {status:<12} filled {filled} remaining {remaining} avg {avg_fill_price:.2}"
        );
    }

    fn exec_details(&mut self, _req_id: i32, contract: &Contract, e: &Execution) {
        println!(
            "execution   {}: {} {} {} @ {:.2} on {} ({})",
            e.exec_id, e.side, e.shares, contract.symbol, e.price, e.exchange, e.time
        );
    }

    fn commission_and_fees_report(&mut self, r: &CommissionAndFeesReport) {
        println!(
            "commission  {}: {:.2} {}",
            r.exec_id, r.commission_and_fees, r.currency
        );
        let _ = self.notes.send(Note::Commission);
    }

    fn error(&mut self, req_id: i32, _time: i64, code: i32, text: &str, _json: &str) {
        if !tws_api::errors::is_informational(code) {
            println!("error {code} (id {req_id}): {text}");
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
    println!("Accounts: {:?}", client.managed_accounts());

    let aapl = Contract {
        symbol: "AAPL".into(),
        sec_type: "STK".into(),
        exchange: "SMART".into(),
        currency: "USD".into(),
        ..Contract::default()
    };
    // The last price, for a limit that is sure to trade.
    client.req_mkt_data(1, &aapl, "", false, false, &[])?;
    let wait = Duration::from_secs(10);
    let last = loop {
        if let Note::Price(p) = inbox.recv_timeout(wait)? {
            break p;
        }
    };
    client.cancel_mkt_data(1)?;

    let limit = ((last * 1.01) * 100.0).round() / 100.0;
    println!("AAPL last {last:.2}: buying 100 with a limit at {limit:.2}");
    let order_id = client.take_order_id().ok_or("no order id")?;
    client.place_order(
        order_id,
        &aapl,
        &Order::limit("BUY", Decimal::from(100), limit),
    )?;
    while !matches!(inbox.recv_timeout(wait)?, Note::Commission) {}

    client.disconnect();
    Ok(())
}
