//! Option computations: the price and greeks of an option at a volatility,
//! the implied volatility of a price, and an option's market data ticks.
//!
//! ```text
//! cargo run --example option_calculations -- --sim   # the simulated gateway
//! cargo run --example option_calculations            # TWS / Gateway from .env
//! ```
//!
//! Against a real TWS, set the expiry and strike below to a listed SPY option.

#[path = "common/mod.rs"]
mod common;

use std::sync::mpsc;
use std::time::Duration;

use tws_api::{tick_type_name, Contract, EWrapper, IBClient, TickType, UNSET_DOUBLE};

/// Prints each computation; sends main() the option price it carried.
struct Printer {
    prices: mpsc::Sender<(i32, f64)>,
}

fn show(v: f64) -> String {
    if v == UNSET_DOUBLE {
        "n/a".into()
    } else {
        format!("{v:.4}")
    }
}

impl EWrapper for Printer {
    fn tick_option_computation(
        &mut self,
        req_id: i32,
        tick_type: TickType,
        tick_attrib: i32,
        implied_vol: f64,
        delta: f64,
        opt_price: f64,
        pv_dividend: f64,
        gamma: f64,
        vega: f64,
        theta: f64,
        und_price: f64,
    ) {
        println!(
            "{req_id} {:<22} attrib {tick_attrib} iv {} price {} delta {} gamma {} vega {} theta {} pv div {} und {}",
            tick_type_name(tick_type),
            show(implied_vol),
            show(opt_price),
            show(delta),
            show(gamma),
            show(vega),
            show(theta),
            show(pv_dividend),
            show(und_price),
        );
        let _ = self.prices.send((req_id, opt_price));
    }

    fn error(&mut self, req_id: i32, _time: i64, code: i32, text: &str, _json: &str) {
        if !tws_api::errors::is_informational(code) {
            println!("Error {code} (request {req_id}): {text}");
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (config, _sim) = common::config()?;
    let (prices, inbox) = mpsc::channel();
    let client = IBClient::with_wrapper(Printer { prices });
    client.connect_config(&config)?;
    client.start();
    if !client.wait_for_connection(Duration::from_secs(10)) {
        return Err("connection timeout: nextValidId never arrived".into());
    }
    let mut call = Contract::option("SPY", "20271217", 600.0, "C", "SMART", "USD");
    call.multiplier = "100".into();
    let wait = Duration::from_secs(20);
    let answer = |id: i32| -> Result<f64, Box<dyn std::error::Error>> {
        loop {
            let (req_id, price) = inbox.recv_timeout(wait)?;
            if req_id == id {
                return Ok(price);
            }
        }
    };

    println!("--- calculateOptionPrice: 25% volatility, underlying at 590");
    client.calculate_option_price(1, &call, 0.25, 590.0, &[])?;
    let price = answer(1)?;

    println!("--- calculateImpliedVolatility of that price: back to 25%");
    client.calculate_implied_volatility(2, &call, price, 590.0, &[])?;
    answer(2)?;

    println!("--- option market data: bid, ask, last and model computations");
    client.req_mkt_data(3, &call, "", false, false, &[])?;
    for _ in 0..8 {
        answer(3)?;
    }
    client.cancel_mkt_data(3)?;
    client.disconnect();
    Ok(())
}
