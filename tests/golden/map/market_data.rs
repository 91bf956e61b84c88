//! Market data requests.

use super::Args;
use tws_api::{EClient, Error};

pub fn call(c: &EClient, name: &str, a: &Args) -> Option<Result<(), Error>> {
    Some(match name {
        "reqMarketDataType" => c.req_market_data_type(a.i32(0)),
        "reqMktData" => c.req_mkt_data(
            a.i32(0),
            &a.contract(1),
            &a.str(2),
            a.bool(3),
            a.bool(4),
            &a.tag_values(5),
        ),
        "cancelMktData" => c.cancel_mkt_data(a.i32(0)),
        _ => return None,
    })
}
