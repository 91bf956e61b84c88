//! Fundamental data and Wall Street Horizon (WSH) requests.

use crate::client::EClient;
use crate::errors::Error;
use crate::messages::fundamentals::{
    CancelFundamentalData, CancelWshEventData, CancelWshMetaData, ReqFundamentalData,
    ReqWshEventData, ReqWshMetaData,
};
use crate::model::{Contract, TagValue, WshEventData};

impl EClient {
    /// `reqFundamentalData`: an XML report on a stock (`report_type`:
    /// `ReportSnapshot`, `ReportsFinSummary`, `ReportRatios`,
    /// `ReportsFinStatements`, `RESC`, `ReportsOwnership`), answered by
    /// `fundamental_data`; TWS answers error 430 when it has no such data.
    pub fn req_fundamental_data(
        &self,
        req_id: i32,
        contract: &Contract,
        report_type: &str,
        fundamental_data_options: &[TagValue],
    ) -> Result<(), Error> {
        let msg = ReqFundamentalData {
            req_id,
            contract: contract.clone(),
            report_type: report_type.to_owned(),
            fundamental_data_options: fundamental_data_options.to_vec(),
        };
        self.send(req_id, &msg)
    }

    /// `cancelFundamentalData`: cancels a pending `req_fundamental_data`.
    pub fn cancel_fundamental_data(&self, req_id: i32) -> Result<(), Error> {
        self.send(req_id, &CancelFundamentalData { req_id })
    }

    /// `reqWshMetaData`: the WSH event types and filters (JSON), answered by
    /// `wsh_meta_data`. TWS wants it before `req_wsh_event_data`.
    pub fn req_wsh_meta_data(&self, req_id: i32) -> Result<(), Error> {
        self.send(req_id, &ReqWshMetaData { req_id })
    }

    /// `cancelWshMetaData`.
    pub fn cancel_wsh_meta_data(&self, req_id: i32) -> Result<(), Error> {
        self.send(req_id, &CancelWshMetaData { req_id })
    }

    /// `reqWshEventData`: WSH calendar events (JSON) of a contract or of a
    /// filter, answered by `wsh_event_data`.
    pub fn req_wsh_event_data(
        &self,
        req_id: i32,
        wsh_event_data: &WshEventData,
    ) -> Result<(), Error> {
        let msg = ReqWshEventData {
            req_id,
            wsh_event_data: wsh_event_data.clone(),
        };
        self.send(req_id, &msg)
    }

    /// `cancelWshEventData`.
    pub fn cancel_wsh_event_data(&self, req_id: i32) -> Result<(), Error> {
        self.send(req_id, &CancelWshEventData { req_id })
    }
}
