//! Fundamental data and WSH requests.

use super::args::Obj;
use super::Args;
use serde_json::Value;
use tws_api::{EClient, Error, WshEventData};

/// A `WshEventData` from its official attributes.
fn wsh_event_data(v: &Value) -> WshEventData {
    let o = Obj(v);
    let d = WshEventData::default();
    WshEventData {
        con_id: o.i32("conId", d.con_id),
        filter: o.str("filter"),
        fill_watchlist: o.bool("fillWatchlist", d.fill_watchlist),
        fill_portfolio: o.bool("fillPortfolio", d.fill_portfolio),
        fill_competitors: o.bool("fillCompetitors", d.fill_competitors),
        start_date: o.str("startDate"),
        end_date: o.str("endDate"),
        total_limit: o.i32("totalLimit", d.total_limit),
    }
}

pub fn call(c: &EClient, name: &str, a: &Args) -> Option<Result<(), Error>> {
    Some(match name {
        "reqFundamentalData" => {
            c.req_fundamental_data(a.i32(0), &a.contract(1), &a.str(2), &a.tag_values(3))
        }
        "cancelFundamentalData" => c.cancel_fundamental_data(a.i32(0)),
        "reqWshMetaData" => c.req_wsh_meta_data(a.i32(0)),
        "cancelWshMetaData" => c.cancel_wsh_meta_data(a.i32(0)),
        "reqWshEventData" => c.req_wsh_event_data(a.i32(0), &wsh_event_data(a.value(1))),
        "cancelWshEventData" => c.cancel_wsh_event_data(a.i32(0)),
        _ => return None,
    })
}
