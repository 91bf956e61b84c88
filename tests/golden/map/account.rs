//! Account, portfolio, position, PnL and FA requests.

use super::Args;
use tws_api::{EClient, Error};

pub fn call(c: &EClient, name: &str, a: &Args) -> Option<Result<(), Error>> {
    Some(match name {
        "reqAccountUpdates" => c.req_account_updates(a.bool(0), &a.str(1)),
        "reqAccountSummary" => c.req_account_summary(a.i32(0), &a.str(1), &a.str(2)),
        "cancelAccountSummary" => c.cancel_account_summary(a.i32(0)),
        "reqPositions" => c.req_positions(),
        "cancelPositions" => c.cancel_positions(),
        "reqPositionsMulti" => c.req_positions_multi(a.i32(0), &a.str(1), &a.str(2)),
        "cancelPositionsMulti" => c.cancel_positions_multi(a.i32(0)),
        "reqAccountUpdatesMulti" => {
            c.req_account_updates_multi(a.i32(0), &a.str(1), &a.str(2), a.bool(3))
        }
        "cancelAccountUpdatesMulti" => c.cancel_account_updates_multi(a.i32(0)),
        "reqPnL" => c.req_pnl(a.i32(0), &a.str(1), &a.str(2)),
        "cancelPnL" => c.cancel_pnl(a.i32(0)),
        "reqPnLSingle" => c.req_pnl_single(a.i32(0), &a.str(1), &a.str(2), a.i32(3)),
        "cancelPnLSingle" => c.cancel_pnl_single(a.i32(0)),
        "reqFamilyCodes" => c.req_family_codes(),
        "reqSoftDollarTiers" => c.req_soft_dollar_tiers(a.i32(0)),
        "requestFA" => c.request_fa(a.i32(0)),
        "replaceFA" => c.replace_fa(a.i32(0), a.i32(1), &a.str(2)),
        _ => return None,
    })
}
