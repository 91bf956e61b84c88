//! Connection requests (HELLO and startApi scenarios are handled by golden.rs).

use super::Args;
use tws_api::{EClient, Error};

pub fn call(c: &EClient, name: &str, a: &Args) -> Option<Result<(), Error>> {
    Some(match name {
        "reqIds" => c.req_ids(a.i32(0)),
        "reqCurrentTime" => c.req_current_time(),
        "reqManagedAccts" => c.req_managed_accts(),
        "setServerLogLevel" => c.set_server_log_level(a.i32(0)),
        "reqCurrentTimeInMillis" => c.req_current_time_in_millis(),
        "reqUserInfo" => c.req_user_info(a.i32(0)),
        "verifyRequest" => c.verify_request(&a.str(0), &a.str(1)),
        "verifyMessage" => c.verify_message(&a.str(0)),
        "verifyAndAuthRequest" => c.verify_and_auth_request(&a.str(0), &a.str(1), &a.str(2)),
        "verifyAndAuthMessage" => c.verify_and_auth_message(&a.str(0), &a.str(1)),
        _ => return None,
    })
}
