//! Contract and reference-data requests: contract details, matching symbols,
//! option chain parameters, market rules, SMART components, depth exchanges.

use crate::client::EClient;
use crate::errors::{Error, NO_VALID_ID};
use crate::messages::contracts::{
    ReqContractDetails, ReqMarketRule, ReqMatchingSymbols, ReqMktDepthExchanges,
    ReqSecDefOptParams, ReqSmartComponents,
};
use crate::model::Contract;
use crate::server_versions::{
    MIN_SERVER_VER_REQ_MATCHING_SYMBOLS, MIN_SERVER_VER_REQ_SMART_COMPONENTS,
    MIN_SERVER_VER_SEC_DEF_OPT_PARAMS_REQ,
};

impl EClient {
    /// `reqContractDetails`: every contract matching the (partial) description
    /// in `contract`, answered by one `contract_details` (or, for bonds,
    /// `bond_contract_details`) per match, then `contract_details_end`; error
    /// 200 when nothing matches.
    ///
    /// ```no_run
    /// # let client = tws_api::EClient::new();
    /// use tws_api::Contract;
    /// client.req_contract_details(1, &Contract::stock("AAPL", "SMART", "USD"))?;
    /// # Ok::<(), tws_api::Error>(())
    /// ```
    pub fn req_contract_details(&self, req_id: i32, contract: &Contract) -> Result<(), Error> {
        let msg = ReqContractDetails {
            req_id,
            contract: contract.clone(),
        };
        self.send(req_id, &msg)
    }

    /// `cancelContractData` (10.51.1, server version 215 on): stops a
    /// `req_contract_details` still in flight (refused with 503 below 215).
    pub fn cancel_contract_data(&self, req_id: i32) -> Result<(), Error> {
        self.send(
            req_id,
            &crate::messages::config::CancelContractData { req_id },
        )
    }

    /// `reqMatchingSymbols`: contracts whose symbol or name starts with
    /// `pattern`, answered by `symbol_samples`.
    pub fn req_matching_symbols(&self, req_id: i32, pattern: &str) -> Result<(), Error> {
        let msg = ReqMatchingSymbols {
            req_id,
            pattern: pattern.to_owned(),
        };
        self.send(
            self.refusal_id(req_id, MIN_SERVER_VER_REQ_MATCHING_SYMBOLS),
            &msg,
        )
    }

    /// `reqSecDefOptParams`: the option chain of an underlying, answered by
    /// one `security_definition_option_parameter` per exchange, then
    /// `security_definition_option_parameter_end`. `fut_fop_exchange` is empty
    /// except for options on futures.
    pub fn req_sec_def_opt_params(
        &self,
        req_id: i32,
        underlying_symbol: &str,
        fut_fop_exchange: &str,
        underlying_sec_type: &str,
        underlying_con_id: i32,
    ) -> Result<(), Error> {
        let msg = ReqSecDefOptParams {
            req_id,
            underlying_symbol: underlying_symbol.to_owned(),
            fut_fop_exchange: fut_fop_exchange.to_owned(),
            underlying_sec_type: underlying_sec_type.to_owned(),
            underlying_con_id,
        };
        self.send(
            self.refusal_id(req_id, MIN_SERVER_VER_SEC_DEF_OPT_PARAMS_REQ),
            &msg,
        )
    }

    /// `reqMarketRule`: the price increments of a market rule (the ids are in
    /// `ContractDetails::market_rule_ids`), answered by `market_rule`.
    pub fn req_market_rule(&self, market_rule_id: i32) -> Result<(), Error> {
        self.send(NO_VALID_ID, &ReqMarketRule { market_rule_id })
    }

    /// `reqSmartComponents`: the exchanges behind a BBO exchange code (the
    /// `bbo_exchange` of `tick_req_params`), answered by `smart_components`.
    pub fn req_smart_components(&self, req_id: i32, bbo_exchange: &str) -> Result<(), Error> {
        let msg = ReqSmartComponents {
            req_id,
            bbo_exchange: bbo_exchange.to_owned(),
        };
        self.send(
            self.refusal_id(req_id, MIN_SERVER_VER_REQ_SMART_COMPONENTS),
            &msg,
        )
    }

    /// `reqMktDepthExchanges`: the exchanges that offer market depth,
    /// answered by `mkt_depth_exchanges`.
    pub fn req_mkt_depth_exchanges(&self) -> Result<(), Error> {
        self.send(NO_VALID_ID, &ReqMktDepthExchanges)
    }

    /// The id the official client reports a refusal under: `NO_VALID_ID` when
    /// the server is too old for the request, the request's id otherwise
    /// (a string it refuses to send).
    fn refusal_id(&self, req_id: i32, min_server_version: i32) -> i32 {
        let sv = self.server_version();
        if sv > 0 && sv < min_server_version {
            NO_VALID_ID
        } else {
            req_id
        }
    }
}
