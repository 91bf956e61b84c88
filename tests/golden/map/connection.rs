//! Connection requests (HELLO and startApi scenarios are handled by golden.rs).

use super::Args;
use tws_api::{EClient, Error};

pub fn call(c: &EClient, name: &str, a: &Args) -> Option<Result<(), Error>> {
    Some(match name {
        "reqIds" => c.req_ids(a.i32(0)),
        "reqCurrentTime" => c.req_current_time(),
        "reqManagedAccts" => c.req_managed_accts(),
        "setServerLogLevel" => c.set_server_log_level(a.i32(0)),
        _ => return None,
    })
}
