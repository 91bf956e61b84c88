//! Exercising an option (`exerciseOptions`): buys 1 SPY call, exercises it on
//! its listing exchange, then prints the executions and the positions that
//! result (the call gone, 100 SPY delivered at the strike).
//!
//! It places an order and exercises it: run it against the simulated gateway
//! or a paper account only.
//!
//! ```text
//! cargo run --example exercise_options -- --sim
//! ```

#[path = "common/mod.rs"]
mod common;

use std::sync::mpsc;
use std::time::Duration;

use tws_api::{
    CommissionAndFeesReport, Contract, ContractDetails, Decimal, EWrapper, Execution,
    ExecutionFilter, Order, OrderState,
};

enum Note {
    Option(Box<Contract>),
    OptionsEnd,
    Filled(i32),
    Refused(i32),
    ExecutionsEnd,
    PositionsEnd,
}

struct Printer {
    notes: mpsc::Sender<Note>,
}

impl EWrapper for Printer {
    fn contract_details(&mut self, _req_id: i32, d: &ContractDetails) {
        let _ = self.notes.send(Note::Option(Box::new(d.contract.clone())));
    }

    fn contract_details_end(&mut self, _req_id: i32) {
        let _ = self.notes.send(Note::OptionsEnd);
    }

    fn error(&mut self, req_id: i32, _time: i64, code: i32, text: &str, _json: &str) {
        if !tws_api::errors::is_informational(code) {
            println!("error [{req_id}] {code}: {text}");
            let _ = self.notes.send(Note::Refused(req_id));
        }
    }

    fn open_order(&mut self, order_id: i32, c: &Contract, o: &Order, state: &OrderState) {
        println!(
            "order #{order_id} {} {} {} {}: {}",
            o.order_type, o.action, o.total_quantity, c.local_symbol, state.status
        );
        if state.status == "Filled" {
            let _ = self.notes.send(Note::Filled(order_id));
        }
    }

    fn exec_details(&mut self, req_id: i32, contract: &Contract, e: &Execution) {
        if req_id >= 0 {
            println!(
                "  {} {:>4} {:<4} {:<22} @ {:>8.2} on {:<6} order #{}",
                e.time, e.side, e.shares, contract.local_symbol, e.price, e.exchange, e.order_id
            );
        }
    }

    fn commission_and_fees_report(&mut self, _r: &CommissionAndFeesReport) {}

    fn exec_details_end(&mut self, _req_id: i32) {
        let _ = self.notes.send(Note::ExecutionsEnd);
    }

    fn position(&mut self, account: &str, contract: &Contract, position: Decimal, avg_cost: f64) {
        println!(
            "  {account} {:<22} {:<4} {position:>5} avg cost {avg_cost:.2}",
            contract.local_symbol, contract.sec_type
        );
    }

    fn position_end(&mut self) {
        let _ = self.notes.send(Note::PositionsEnd);
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (notes, inbox) = mpsc::channel();
    let (client, _sim) = common::connect(Printer { notes })?;
    let wait = Duration::from_secs(10);

    // The SPY calls; the lowest strike of the nearest expiry is in the money.
    let query = Contract {
        symbol: "SPY".into(),
        sec_type: "OPT".into(),
        right: "C".into(),
        exchange: "SMART".into(),
        ..Contract::default()
    };
    client.req_contract_details(1, &query)?;
    let mut calls = Vec::new();
    loop {
        match inbox.recv_timeout(wait)? {
            Note::Option(c) => calls.push(*c),
            Note::OptionsEnd => break,
            _ => {}
        }
    }
    let call = calls
        .into_iter()
        .min_by(|a, b| {
            (&a.last_trade_date_or_contract_month, a.strike)
                .partial_cmp(&(&b.last_trade_date_or_contract_month, b.strike))
                .unwrap_or(std::cmp::Ordering::Equal)
        })
        .ok_or("no SPY call")?;
    println!("option: {} (strike {})", call.local_symbol, call.strike);

    let buy_id = client.take_order_id().ok_or("no order id")?;
    let on_smart = Contract {
        exchange: "SMART".into(),
        ..call.clone()
    };
    client.place_order(buy_id, &on_smart, &Order::market("BUY", Decimal::from(1)))?;
    while !matches!(inbox.recv_timeout(wait)?, Note::Filled(id) if id == buy_id) {}

    // An exercise names the listing exchange (SMART is refused with 321).
    let exercise_id = client.take_order_id().ok_or("no order id")?;
    let on_cboe = Contract {
        exchange: "CBOE".into(),
        ..call
    };
    client.exercise_options(exercise_id, &on_cboe, 1, 1, "", 0, "", "", false)?;
    loop {
        match inbox.recv_timeout(wait)? {
            Note::Filled(id) | Note::Refused(id) if id == exercise_id => break,
            _ => {}
        }
    }

    println!("Executions:");
    client.req_executions(2, &ExecutionFilter::default())?;
    while !matches!(inbox.recv_timeout(wait)?, Note::ExecutionsEnd) {}
    println!("Positions:");
    client.req_positions()?;
    while !matches!(inbox.recv_timeout(wait)?, Note::PositionsEnd) {}
    client.cancel_positions()?;
    client.disconnect();
    Ok(())
}
