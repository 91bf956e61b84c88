//! Display group requests (TWS's color-linked window groups).

use crate::client::EClient;
use crate::errors::{Error, NO_VALID_ID};
use crate::messages::display_groups::{
    QueryDisplayGroups, SubscribeToGroupEvents, UnsubscribeFromGroupEvents, UpdateDisplayGroup,
};

impl EClient {
    /// `queryDisplayGroups`: the display groups of TWS, answered by
    /// `display_group_list` (`"1|2|3|…"`).
    pub fn query_display_groups(&self, req_id: i32) -> Result<(), Error> {
        self.send(req_id, &QueryDisplayGroups { req_id })
    }

    /// `subscribeToGroupEvents`: follow the group `group_id`;
    /// `display_group_updated` tells its contract now and at every change.
    pub fn subscribe_to_group_events(&self, req_id: i32, group_id: i32) -> Result<(), Error> {
        self.send(req_id, &SubscribeToGroupEvents { req_id, group_id })
    }

    /// `updateDisplayGroup`: show `contract_info` (`"8314@SMART"`, `"none"`,
    /// `"combo"`) in the group subscribed with `req_id`; subscribers get
    /// `display_group_updated`. (Errors are reported under id -1, as the
    /// official client does.)
    pub fn update_display_group(&self, req_id: i32, contract_info: &str) -> Result<(), Error> {
        let msg = UpdateDisplayGroup {
            req_id,
            contract_info: contract_info.to_owned(),
        };
        self.send(NO_VALID_ID, &msg)
    }

    /// `unsubscribeFromGroupEvents`: stop following the group of `req_id`.
    pub fn unsubscribe_from_group_events(&self, req_id: i32) -> Result<(), Error> {
        self.send(req_id, &UnsubscribeFromGroupEvents { req_id })
    }
}
