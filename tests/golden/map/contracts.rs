//! Contract and reference-data requests.

use super::Args;
use tws_api::{EClient, Error};

pub fn call(c: &EClient, name: &str, a: &Args) -> Option<Result<(), Error>> {
    Some(match name {
        "reqContractDetails" => c.req_contract_details(a.i32(0), &a.contract(1)),
        "cancelContractData" => c.cancel_contract_data(a.i32(0)),
        "reqMatchingSymbols" => c.req_matching_symbols(a.i32(0), &a.str(1)),
        "reqSecDefOptParams" => {
            c.req_sec_def_opt_params(a.i32(0), &a.str(1), &a.str(2), &a.str(3), a.i32(4))
        }
        "reqMarketRule" => c.req_market_rule(a.i32(0)),
        "reqSmartComponents" => c.req_smart_components(a.i32(0), &a.str(1)),
        "reqMktDepthExchanges" => c.req_mkt_depth_exchanges(),
        _ => return None,
    })
}
