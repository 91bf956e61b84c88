//! A bracket order: a limit entry with a take-profit and a stop-loss attached
//! (parentId, one OCA group, only the last order transmits).
//!
//! ```text
//! cargo run --example bracket_order -- --sim
//! ```

#[path = "common/mod.rs"]
mod common;

use std::sync::mpsc;
use std::time::Duration;

use tws_api::{Contract, Decimal, EWrapper, IBClient, Order, OrderCancel, Unset};

/// A price, or "-" when unset.
fn price(v: f64) -> String {
    v.value().map_or("-".into(), |p| format!("{p:.2}"))
}

struct Printer {
    done: mpsc::Sender<(i32, String)>,
}

impl EWrapper for Printer {
    #[allow(clippy::too_many_arguments)]
    fn order_status(
        &mut self,
        order_id: i32,
        status: &str,
        filled: Decimal,
        _remaining: Decimal,
        avg_fill_price: f64,
        _perm_id: i64,
        parent_id: i32,
        _last_fill_price: f64,
        _client_id: i32,
        _why_held: &str,
        _mkt_cap_price: f64,
    ) {
        println!(
            "order #{order_id} (parent {parent_id}): {status:<12} filled {filled} avg {avg_fill_price:.2}"
        );
        let _ = self.done.send((order_id, status.to_owned()));
    }

    fn error(&mut self, req_id: i32, _time: i64, code: i32, text: &str, _json: &str) {
        if !tws_api::errors::is_informational(code) {
            println!("error {code} (id {req_id}): {text}");
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (config, _sim) = common::config()?;
    let (done, inbox) = mpsc::channel();
    let client = IBClient::with_wrapper(Printer { done });
    client.connect_config(&config)?;
    client.start();
    if !client.wait_for_connection(Duration::from_secs(10)) {
        return Err("connection timeout".into());
    }
    let spy = Contract {
        symbol: "SPY".into(),
        sec_type: "STK".into(),
        exchange: "SMART".into(),
        currency: "USD".into(),
        ..Contract::default()
    };
    let parent_id = client.take_order_id().ok_or("no order id")?;
    // Reserve the two ids the children use.
    client.take_order_id();
    client.take_order_id();
    // An entry that is marketable, a take-profit 5 % above, a stop 3 % below
    // (prices for the simulated gateway's SPY; adjust for a real market).
    let [entry, take_profit, stop_loss] = Order::bracket(
        parent_id,
        "BUY",
        Decimal::from(10),
        100_000.0,
        100_000.0,
        1.0,
    );
    for order in [&entry, &take_profit, &stop_loss] {
        println!(
            "placing #{}: {} {} {} lmt {} aux {} parent {} oca {:?} transmit {}",
            order.order_id,
            order.action,
            order.total_quantity,
            order.order_type,
            price(order.lmt_price),
            price(order.aux_price),
            order.parent_id,
            order.oca_group,
            order.transmit
        );
        client.place_order(order.order_id, &spy, order)?;
    }
    let wait = Duration::from_secs(10);
    while inbox.recv_timeout(wait)? != (parent_id, "Filled".to_owned()) {}
    println!("entry filled; the exits are working. Cancelling everything.");
    client.req_global_cancel(&OrderCancel::default())?;
    while inbox.recv_timeout(wait)? != (stop_loss.order_id, "Cancelled".to_owned()) {}
    client.disconnect();
    Ok(())
}
