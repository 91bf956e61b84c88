//! Connection requests: ids, time, accounts, log level (and, to come, the
//! verify, user-info and time-in-milliseconds requests).

use crate::client::EClient;
use crate::errors::{Error, NO_VALID_ID};
use crate::messages::connection::{ReqCurrentTime, ReqIds, ReqManagedAccts, SetServerLogLevel};

impl EClient {
    /// `reqIds`: asks for the next valid order id (answered by `next_valid_id`).
    /// `num_ids` is deprecated and ignored by TWS.
    pub fn req_ids(&self, num_ids: i32) -> Result<(), Error> {
        self.send(NO_VALID_ID, &ReqIds { num_ids })
    }

    /// `reqCurrentTime`: asks for the server's clock (answered by `current_time`).
    pub fn req_current_time(&self) -> Result<(), Error> {
        self.send(NO_VALID_ID, &ReqCurrentTime)
    }

    /// `reqManagedAccts`: asks for the accounts list (answered by `managed_accounts`).
    pub fn req_managed_accts(&self) -> Result<(), Error> {
        self.send(NO_VALID_ID, &ReqManagedAccts)
    }

    /// `setServerLogLevel`: TWS's API log detail, 1 (system) to 5 (detail).
    pub fn set_server_log_level(&self, log_level: i32) -> Result<(), Error> {
        self.send(NO_VALID_ID, &SetServerLogLevel { log_level })
    }
}
