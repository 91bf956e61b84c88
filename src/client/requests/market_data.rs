//! Market data requests: top of book, market data type (and, to come, depth,
//! tick-by-tick and option computations).

use crate::client::EClient;
use crate::errors::{Error, NO_VALID_ID};
use crate::messages::market_data::{CancelMktData, ReqMarketDataType, ReqMktData};
use crate::model::{Contract, TagValue};

impl EClient {
    /// `reqMarketDataType`: 1 live, 2 frozen, 3 delayed, 4 delayed-frozen.
    pub fn req_market_data_type(&self, market_data_type: i32) -> Result<(), Error> {
        self.send(NO_VALID_ID, &ReqMarketDataType { market_data_type })
    }

    /// `reqMktData`: streams (or snapshots) top-of-book data for `contract`,
    /// delivered through `tick_price`, `tick_size`, `tick_string`,
    /// `tick_generic`, `tick_req_params` and, for snapshots, `tick_snapshot_end`.
    pub fn req_mkt_data(
        &self,
        req_id: i32,
        contract: &Contract,
        generic_tick_list: &str,
        snapshot: bool,
        regulatory_snapshot: bool,
        mkt_data_options: &[TagValue],
    ) -> Result<(), Error> {
        let msg = ReqMktData {
            req_id,
            contract: contract.clone(),
            generic_tick_list: generic_tick_list.to_owned(),
            snapshot,
            regulatory_snapshot,
            mkt_data_options: mkt_data_options.to_vec(),
        };
        self.send(req_id, &msg)
    }

    /// `cancelMktData`: stops the stream started with `req_mkt_data(req_id, …)`.
    pub fn cancel_mkt_data(&self, req_id: i32) -> Result<(), Error> {
        self.send(req_id, &CancelMktData { req_id })
    }
}
