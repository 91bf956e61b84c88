//! Every position of every account (`reqPositions`), then the portfolio of the
//! first account with market values and PnL (`reqAccountUpdates`), collected
//! in a [`Portfolio`](tws_api::portfolio::Portfolio).
//!
//! ```text
//! cargo run --example positions -- --sim    # against the in-process simulated gateway
//! cargo run --example positions             # against TWS / IB Gateway (IB_HOST, IB_PORT, IB_CLIENT_ID)
//! ```
//!
//! With `--sim` it first buys 100 AAPL and sells 40 MSFT short on the
//! simulated paper account, so that there is something to show.

#[path = "common/mod.rs"]
mod common;

use std::sync::mpsc;
use std::time::Duration;

use tws_api::portfolio::Portfolio;
use tws_api::{CommissionAndFeesReport, Contract, Decimal, EWrapper, IBClient, Order};

enum Done {
    Filled,
    Positions,
    Download,
}

struct Positions {
    portfolio: Portfolio,
    done: mpsc::Sender<Done>,
}

impl EWrapper for Positions {
    fn position(&mut self, account: &str, contract: &Contract, position: Decimal, avg_cost: f64) {
        println!(
            "  {account:<10} {:<8} {:<4} {position:>10} @ {avg_cost:.4}",
            contract.symbol, contract.sec_type
        );
        self.portfolio
            .position(account, contract, position, avg_cost);
    }

    fn commission_and_fees_report(&mut self, _report: &CommissionAndFeesReport) {
        let _ = self.done.send(Done::Filled);
    }

    fn position_end(&mut self) {
        let _ = self.done.send(Done::Positions);
    }

    fn update_account_value(&mut self, key: &str, val: &str, currency: &str, account: &str) {
        self.portfolio
            .update_account_value(key, val, currency, account);
    }

    fn update_portfolio(
        &mut self,
        contract: &Contract,
        position: Decimal,
        market_price: f64,
        market_value: f64,
        average_cost: f64,
        unrealized_pnl: f64,
        realized_pnl: f64,
        account: &str,
    ) {
        println!(
            "  {account:<10} {:<8} {position:>10} price {market_price:>10.2} value {market_value:>12.2} unrealized {unrealized_pnl:>10.2} realized {realized_pnl:>10.2}",
            contract.symbol
        );
        self.portfolio.update_portfolio(
            contract,
            position,
            market_price,
            market_value,
            average_cost,
            unrealized_pnl,
            realized_pnl,
            account,
        );
    }

    fn account_download_end(&mut self, account: &str) {
        let p = &self.portfolio;
        for key in [
            "NetLiquidation",
            "TotalCashValue",
            "GrossPositionValue",
            "BuyingPower",
        ] {
            if let Some(v) = p.value(account, key, "USD") {
                println!("  {key:<20} {v:>16} USD");
            }
        }
        println!("  open positions: {}", p.open_positions(account).count());
        let _ = self.done.send(Done::Download);
    }

    fn error(&mut self, req_id: i32, _time: i64, code: i32, text: &str, _json: &str) {
        if !tws_api::errors::is_informational(code) {
            println!("Error {code} (request {req_id}): {text}");
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (config, sim) = common::config()?;
    let (done, inbox) = mpsc::channel();
    let client = IBClient::with_wrapper(Positions {
        portfolio: Portfolio::new(),
        done,
    });
    client.connect_config(&config)?;
    client.start();
    if !client.wait_for_connection(Duration::from_secs(10)) {
        return Err("connection timeout".into());
    }
    let wait = Duration::from_secs(10);

    if sim.is_some() {
        for (symbol, con_id, action, qty) in
            [("AAPL", 265598, "BUY", 100), ("MSFT", 272093, "SELL", 40)]
        {
            let contract = Contract {
                con_id,
                ..Contract::stock(symbol, "SMART", "USD")
            };
            let id = client.take_order_id().ok_or("no order id")?;
            client.place_order(id, &contract, &Order::market(action, Decimal::from(qty)))?;
            while !matches!(inbox.recv_timeout(wait)?, Done::Filled) {}
            println!("{action} {qty} {symbol}: filled");
        }
    }

    println!("Positions:");
    client.req_positions()?;
    while !matches!(inbox.recv_timeout(wait)?, Done::Positions) {}
    client.cancel_positions()?;

    let account = client
        .managed_accounts()
        .first()
        .cloned()
        .unwrap_or_default();
    println!("Portfolio of {account}:");
    client.req_account_updates(true, &account)?;
    while !matches!(inbox.recv_timeout(wait)?, Done::Download) {}
    client.req_account_updates(false, &account)?;

    client.disconnect();
    Ok(())
}
