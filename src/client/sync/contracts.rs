//! Blocking helpers for contracts and reference data.

use std::sync::Arc;
use std::time::Duration;

use super::{Collector, Wait};
use crate::client::conn::lifecycle::RequestKey;
use crate::client::IBClient;
use crate::errors::Error;
use crate::messages::ids::outgoing;
use crate::model::*;
use crate::EWrapper;

sink!(ContractDetailsSink<ContractDetails> {
    fn contract_details(&mut self, _id: i32, details: &ContractDetails) {
        self.0.push(details.clone());
    }
    fn bond_contract_details(&mut self, _id: i32, details: &ContractDetails) {
        self.0.push(details.clone());
    }
    fn contract_details_end(&mut self, _id: i32) {
        self.0.finish();
    }
});

sink!(SymbolSamplesSink<ContractDescription> {
    fn symbol_samples(&mut self, _id: i32, descriptions: &[ContractDescription]) {
        for d in descriptions {
            self.0.push(d.clone());
        }
        self.0.finish();
    }
});

/// One `securityDefinitionOptionParameter`: the option chain of an
/// underlying on one exchange ([`IBClient::sec_def_opt_params`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OptionChain {
    /// The exchange the chain trades on.
    pub exchange: String,
    /// The underlying's conId.
    pub underlying_con_id: i32,
    /// The options' trading class.
    pub trading_class: String,
    /// The options' multiplier.
    pub multiplier: String,
    /// Expiries, `YYYYMMDD`.
    pub expirations: Vec<String>,
    /// Strikes.
    pub strikes: Vec<f64>,
}

sink!(OptionChainSink<OptionChain> {
    fn security_definition_option_parameter(
        &mut self,
        _id: i32,
        exchange: &str,
        underlying_con_id: i32,
        trading_class: &str,
        multiplier: &str,
        expirations: &[String],
        strikes: &[f64],
    ) {
        self.0.push(OptionChain {
            exchange: exchange.to_owned(),
            underlying_con_id,
            trading_class: trading_class.to_owned(),
            multiplier: multiplier.to_owned(),
            expirations: expirations.to_vec(),
            strikes: strikes.to_vec(),
        });
    }
    fn security_definition_option_parameter_end(&mut self, _id: i32) {
        self.0.finish();
    }
});

/// The market rule a [`MarketRuleSink`] waits for, and its increments.
struct MarketRuleSink(Arc<Collector<PriceIncrement>>, i32);

impl EWrapper for MarketRuleSink {
    sink_ends!();
    fn market_rule(&mut self, market_rule_id: i32, increments: &[PriceIncrement]) {
        if market_rule_id == self.1 {
            for i in increments {
                self.0.push(*i);
            }
            self.0.finish();
        }
    }
}

impl IBClient {
    /// `reqContractDetails`, waited for until `contractDetailsEnd`: every
    /// contract that matches `contract` (bonds too). An unknown contract is
    /// `Error::Tws` with code 200. **tws-api extension** (`TWSSyncWrapper`:
    /// `get_contract_details`).
    ///
    /// ```no_run
    /// # use std::time::Duration;
    /// # use tws_api::{Contract, IBClient};
    /// # let client = IBClient::new();
    /// let details = client.contract_details(&Contract::stock("AAPL", "SMART", "USD"), Duration::from_secs(10))?;
    /// println!("{} ({})", details[0].long_name, details[0].contract.con_id);
    /// # Ok::<(), tws_api::Error>(())
    /// ```
    pub fn contract_details(
        &self,
        contract: &Contract,
        timeout: Duration,
    ) -> Result<Vec<ContractDetails>, Error> {
        let req_id = self.sync_req_id();
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqContractDetails",
            timeout,
            cancel: None,
        };
        self.wait_for(wait, ContractDetailsSink, || {
            self.req_contract_details(req_id, contract)
        })
    }

    /// `reqMatchingSymbols`, waited for: the contracts whose symbol or name
    /// starts with `pattern`. **tws-api extension.**
    pub fn matching_symbols(
        &self,
        pattern: &str,
        timeout: Duration,
    ) -> Result<Vec<ContractDescription>, Error> {
        let req_id = self.sync_req_id();
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqMatchingSymbols",
            timeout,
            cancel: None,
        };
        self.wait_for(wait, SymbolSamplesSink, || {
            self.req_matching_symbols(req_id, pattern)
        })
    }

    /// `reqSecDefOptParams`, waited for until its end: the option chains of
    /// an underlying, one per exchange. **tws-api extension.**
    pub fn sec_def_opt_params(
        &self,
        underlying_symbol: &str,
        fut_fop_exchange: &str,
        underlying_sec_type: &str,
        underlying_con_id: i32,
        timeout: Duration,
    ) -> Result<Vec<OptionChain>, Error> {
        let req_id = self.sync_req_id();
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqSecDefOptParams",
            timeout,
            cancel: None,
        };
        self.wait_for(wait, OptionChainSink, || {
            self.req_sec_def_opt_params(
                req_id,
                underlying_symbol,
                fut_fop_exchange,
                underlying_sec_type,
                underlying_con_id,
            )
        })
    }

    /// `reqMarketRule`, waited for: the price increments of market rule
    /// `market_rule_id`. **tws-api extension.**
    pub fn market_rule(
        &self,
        market_rule_id: i32,
        timeout: Duration,
    ) -> Result<Vec<PriceIncrement>, Error> {
        let wait = Wait {
            key: RequestKey::Request(outgoing::REQ_MARKET_RULE),
            what: "reqMarketRule",
            timeout,
            cancel: None,
        };
        self.wait_for(
            wait,
            |c| MarketRuleSink(c, market_rule_id),
            || self.req_market_rule(market_rule_id),
        )
    }
}
