//! Market data requests: top of book, depth, tick-by-tick, option computations.

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
        "reqMktDepth" => c.req_mkt_depth(
            a.i32(0),
            &a.contract(1),
            a.i32(2),
            a.bool(3),
            &a.tag_values(4),
        ),
        "cancelMktDepth" => c.cancel_mkt_depth(a.i32(0), a.bool(1)),
        "reqTickByTickData" => {
            c.req_tick_by_tick_data(a.i32(0), &a.contract(1), &a.str(2), a.i32(3), a.bool(4))
        }
        "cancelTickByTickData" => c.cancel_tick_by_tick_data(a.i32(0)),
        "calculateImpliedVolatility" => c.calculate_implied_volatility(
            a.i32(0),
            &a.contract(1),
            a.f64(2),
            a.f64(3),
            &a.tag_values(4),
        ),
        "calculateOptionPrice" => c.calculate_option_price(
            a.i32(0),
            &a.contract(1),
            a.f64(2),
            a.f64(3),
            &a.tag_values(4),
        ),
        "cancelCalculateImpliedVolatility" => c.cancel_calculate_implied_volatility(a.i32(0)),
        "cancelCalculateOptionPrice" => c.cancel_calculate_option_price(a.i32(0)),
        _ => return None,
    })
}
