//! Blocking helpers for fundamental data.

use std::sync::Arc;
use std::time::Duration;

use super::{Collector, Wait};
use crate::client::conn::lifecycle::RequestKey;
use crate::client::IBClient;
use crate::errors::Error;
use crate::model::*;
use crate::EWrapper;

sink!(FundamentalDataSink<String> {
    fn fundamental_data(&mut self, _id: i32, data: &str) {
        self.0.push(data.to_owned());
        self.0.finish();
    }
});

impl IBClient {
    /// `reqFundamentalData`, waited for: the report (XML) of `report_type`
    /// (`ReportSnapshot`, `ReportsFinSummary`, …). **tws-api extension.**
    pub fn fundamental_data(
        &self,
        contract: &Contract,
        report_type: &str,
        timeout: Duration,
    ) -> Result<String, Error> {
        let req_id = self.sync_req_id();
        let cancel = || {
            let _ = self.cancel_fundamental_data(req_id);
        };
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqFundamentalData",
            timeout,
            cancel: Some(&cancel),
        };
        let mut v = self.wait_for(wait, FundamentalDataSink, || {
            self.req_fundamental_data(req_id, contract, report_type, &[])
        })?;
        v.pop().ok_or(Error::Timeout("reqFundamentalData"))
    }
}
