//! Blocking helpers for scanners: the parameters, one scan.

use std::sync::Arc;
use std::time::Duration;

use super::{Collector, Wait};
use crate::client::conn::lifecycle::RequestKey;
use crate::client::IBClient;
use crate::errors::Error;
use crate::messages::ids::outgoing;
use crate::model::*;
use crate::EWrapper;

sink!(ScannerParametersSink<String> {
    fn scanner_parameters(&mut self, xml: &str) {
        self.0.push(xml.to_owned());
        self.0.finish();
    }
});

sink!(ScannerSink<ScanData> {
    fn scanner_data(
        &mut self,
        _id: i32,
        rank: i32,
        contract: &ContractDetails,
        distance: &str,
        benchmark: &str,
        projection: &str,
        legs_str: &str,
    ) {
        self.0.push(ScanData {
            contract: contract.clone(),
            rank,
            distance: distance.to_owned(),
            benchmark: benchmark.to_owned(),
            projection: projection.to_owned(),
            legs_str: legs_str.to_owned(),
        });
    }
    fn scanner_data_end(&mut self, _id: i32) {
        self.0.finish();
    }
});

impl IBClient {
    /// `reqScannerParameters`, waited for: the XML document of scan codes,
    /// instruments, locations and filters. **tws-api extension.**
    pub fn scanner_parameters(&self, timeout: Duration) -> Result<String, Error> {
        let wait = Wait {
            key: RequestKey::Request(outgoing::REQ_SCANNER_PARAMETERS),
            what: "reqScannerParameters",
            timeout,
            cancel: None,
        };
        let mut v = self.wait_for(wait, ScannerParametersSink, || {
            self.req_scanner_parameters()
        })?;
        v.pop().ok_or(Error::Timeout("reqScannerParameters"))
    }

    /// `reqScannerSubscription`, waited for until the first `scannerDataEnd`,
    /// then cancelled: one scan's ranked rows. **tws-api extension.**
    pub fn scanner_data(
        &self,
        subscription: &ScannerSubscription,
        scanner_subscription_options: &[TagValue],
        scanner_subscription_filter_options: &[TagValue],
        timeout: Duration,
    ) -> Result<Vec<ScanData>, Error> {
        let req_id = self.sync_req_id();
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqScannerSubscription",
            timeout,
            cancel: None,
        };
        let rows = self.wait_for(wait, ScannerSink, || {
            self.req_scanner_subscription(
                req_id,
                subscription,
                scanner_subscription_options,
                scanner_subscription_filter_options,
            )
        });
        // One scan is enough: stop the subscription whatever happened.
        let _ = self.cancel_scanner_subscription(req_id);
        rows
    }
}
