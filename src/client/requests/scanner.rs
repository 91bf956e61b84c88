//! Market scanner requests: parameters, subscriptions, cancels.

use crate::client::EClient;
use crate::errors::{Error, NO_VALID_ID};
use crate::messages::scanner::{
    CancelScannerSubscription, ReqScannerParameters, ReqScannerSubscription,
};
use crate::model::{ScannerSubscription, TagValue};

impl EClient {
    /// `reqScannerParameters`: asks for the XML document that lists every
    /// instrument, location, scan code and filter, answered by
    /// `scanner_parameters`.
    pub fn req_scanner_parameters(&self) -> Result<(), Error> {
        self.send(NO_VALID_ID, &ReqScannerParameters)
    }

    /// `reqScannerSubscription`: starts a market scan. Each refresh of the
    /// result arrives as one `scanner_data` call per row, then
    /// `scanner_data_end`; refreshes go on until
    /// [`cancel_scanner_subscription`](EClient::cancel_scanner_subscription).
    ///
    /// `scanner_subscription_options` is for IB's internal use (pass `&[]`);
    /// `scanner_subscription_filter_options` takes the filters of the
    /// scanner parameters' XML (`priceAbove`, `marketCapAbove1e6`, …). The
    /// official client refuses a filter list, even an empty one, below server
    /// version 143; here an empty slice counts as none.
    pub fn req_scanner_subscription(
        &self,
        req_id: i32,
        subscription: &ScannerSubscription,
        scanner_subscription_options: &[TagValue],
        scanner_subscription_filter_options: &[TagValue],
    ) -> Result<(), Error> {
        let msg = ReqScannerSubscription {
            req_id,
            subscription: subscription.clone(),
            scanner_subscription_options: scanner_subscription_options.to_vec(),
            scanner_subscription_filter_options: scanner_subscription_filter_options.to_vec(),
        };
        self.send(req_id, &msg)
    }

    /// `cancelScannerSubscription`: stops the scan started with `req_id`.
    pub fn cancel_scanner_subscription(&self, req_id: i32) -> Result<(), Error> {
        self.send(req_id, &CancelScannerSubscription { req_id })
    }
}
