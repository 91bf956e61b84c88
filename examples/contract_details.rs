//! Contract lookups and reference data: AAPL's details, the symbols matching
//! "MS", the SPY option chain and one option in it, and a market rule.
//!
//! ```text
//! cargo run --example contract_details -- --sim  # the simulated gateway
//! cargo run --example contract_details           # TWS / Gateway from .env
//! ```

#[path = "common/mod.rs"]
mod common;

use std::sync::mpsc;
use std::time::Duration;

use tws_api::{
    Contract, ContractDescription, ContractDetails, EWrapper, IBClient, PriceIncrement,
    UNSET_DOUBLE,
};

/// What the callbacks hand to `main`.
enum Note {
    /// A request is complete (its id; -1 for a market rule).
    Done(i32),
    /// The SPY chain: expirations and strikes.
    Chain(Vec<String>, Vec<f64>),
}

struct Printer {
    notes: mpsc::Sender<Note>,
}

impl EWrapper for Printer {
    fn contract_details(&mut self, req_id: i32, d: &ContractDetails) {
        let c = &d.contract;
        println!(
            "[{req_id}] {} {} {} on {} ({}) conId {}: {}",
            c.symbol, c.sec_type, c.local_symbol, c.exchange, c.currency, c.con_id, d.long_name
        );
        println!(
            "      min tick {}, size increment {}, rules {}, time zone {}",
            d.min_tick,
            d.size_increment,
            d.market_rule_ids.split(',').next().unwrap_or(""),
            d.time_zone_id
        );
        if let Some(isin) = d.sec_id_list.iter().find(|t| t.tag == "ISIN") {
            println!("      ISIN {}, {} / {}", isin.value, d.industry, d.category);
        }
        if let Some(today) = d.liquid_hours.split(';').find(|s| !s.ends_with("CLOSED")) {
            println!("      next liquid session {today}");
        }
    }

    fn bond_contract_details(&mut self, req_id: i32, d: &ContractDetails) {
        println!(
            "[{req_id}] bond {} {}% {} (CUSIP {})",
            d.contract.symbol, d.coupon, d.maturity, d.cusip
        );
    }

    fn contract_details_end(&mut self, req_id: i32) {
        let _ = self.notes.send(Note::Done(req_id));
    }

    fn symbol_samples(&mut self, req_id: i32, found: &[ContractDescription]) {
        for d in found {
            println!(
                "[{req_id}] {} {} on {} ({}), derivatives {:?}",
                d.contract.symbol,
                d.contract.sec_type,
                d.contract.primary_exchange,
                d.contract.description,
                d.derivative_sec_types
            );
        }
        let _ = self.notes.send(Note::Done(req_id));
    }

    #[allow(clippy::too_many_arguments)]
    fn security_definition_option_parameter(
        &mut self,
        req_id: i32,
        exchange: &str,
        _underlying_con_id: i32,
        trading_class: &str,
        multiplier: &str,
        expirations: &[String],
        strikes: &[f64],
    ) {
        if exchange == "SMART" {
            println!(
                "[{req_id}] chain on {exchange}: class {trading_class} × {multiplier}, expiries {expirations:?}, strikes {strikes:?}"
            );
            let _ = self
                .notes
                .send(Note::Chain(expirations.to_vec(), strikes.to_vec()));
        }
    }

    fn security_definition_option_parameter_end(&mut self, req_id: i32) {
        let _ = self.notes.send(Note::Done(req_id));
    }

    fn market_rule(&mut self, market_rule_id: i32, increments: &[PriceIncrement]) {
        for p in increments {
            println!(
                "market rule {market_rule_id}: from {} in steps of {}",
                p.low_edge, p.increment
            );
        }
        let _ = self.notes.send(Note::Done(-1));
    }

    fn error(&mut self, req_id: i32, _time: i64, code: i32, text: &str, _json: &str) {
        if !tws_api::errors::is_informational(code) {
            println!("[{req_id}] error {code}: {text}");
            if code == 200 {
                let _ = self.notes.send(Note::Done(req_id));
            }
        }
    }
}

/// Waits for `Done(id)`, keeping any chain seen on the way.
fn wait(inbox: &mpsc::Receiver<Note>, id: i32, chain: &mut Option<(Vec<String>, Vec<f64>)>) {
    while let Ok(note) = inbox.recv_timeout(Duration::from_secs(10)) {
        match note {
            Note::Done(done) if done == id => return,
            Note::Chain(e, s) => *chain = Some((e, s)),
            Note::Done(_) => {}
        }
    }
    println!("(no answer to request {id})");
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (config, _sim) = common::config()?;
    let (notes, inbox) = mpsc::channel();
    let client = IBClient::with_wrapper(Printer { notes });
    client.connect_config(&config)?;
    client.start();
    if !client.wait_for_connection(Duration::from_secs(10)) {
        return Err("connection timeout: nextValidId never arrived".into());
    }
    let mut chain = None;

    client.req_contract_details(1, &Contract::stock("AAPL", "SMART", "USD"))?;
    wait(&inbox, 1, &mut chain);

    client.req_matching_symbols(2, "MS")?;
    wait(&inbox, 2, &mut chain);

    client.req_sec_def_opt_params(3, "SPY", "", "STK", 756733)?;
    wait(&inbox, 3, &mut chain);

    if let Some((expirations, strikes)) = &chain {
        if let (Some(expiry), Some(strike)) = (expirations.first(), strikes.get(strikes.len() / 2))
        {
            let call = Contract::option("SPY", expiry.as_str(), *strike, "C", "SMART", "USD");
            client.req_contract_details(4, &call)?;
            wait(&inbox, 4, &mut chain);
        }
    }

    client.req_contract_details(5, &Contract::forex("EUR", "USD"))?;
    wait(&inbox, 5, &mut chain);

    // Not a real instrument: error 200.
    let unknown = Contract::option("NOSUCH", "20261218", UNSET_DOUBLE, "C", "SMART", "USD");
    client.req_contract_details(6, &unknown)?;
    wait(&inbox, 6, &mut chain);

    client.req_market_rule(26)?;
    wait(&inbox, -1, &mut chain);

    client.disconnect();
    Ok(())
}
