//! Display group requests.

use super::Args;
use tws_api::{EClient, Error};

pub fn call(c: &EClient, name: &str, a: &Args) -> Option<Result<(), Error>> {
    Some(match name {
        "queryDisplayGroups" => c.query_display_groups(a.i32(0)),
        "subscribeToGroupEvents" => c.subscribe_to_group_events(a.i32(0), a.i32(1)),
        "updateDisplayGroup" => c.update_display_group(a.i32(0), &a.str(1)),
        "unsubscribeFromGroupEvents" => c.unsubscribe_from_group_events(a.i32(0)),
        _ => return None,
    })
}
