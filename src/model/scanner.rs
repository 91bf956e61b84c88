//! Market scanner types: the subscription and its result rows.

use super::contract::ContractDetails;
use super::unset::{UNSET_DOUBLE, UNSET_INTEGER};

/// [`ScannerSubscription::number_of_rows`] value that lets TWS choose.
pub const NO_ROW_NUMBER_SPECIFIED: i32 = -1;

/// One row of a scanner result.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScanData {
    /// The instrument (the decoder fills a [`ContractDetails`]).
    pub contract: ContractDetails,
    /// Rank in the scan, from 0.
    pub rank: i32,
    /// Distance (scan-specific).
    pub distance: String,
    /// Benchmark (scan-specific).
    pub benchmark: String,
    /// Projection (scan-specific).
    pub projection: String,
    /// Description of the combo legs, for combo results.
    pub legs_str: String,
}

/// What to scan for, passed to `req_scanner_subscription`. Numeric filters
/// default to the unset sentinels, which mean "no filter".
#[derive(Debug, Clone, PartialEq)]
pub struct ScannerSubscription {
    /// Maximum rows; [`NO_ROW_NUMBER_SPECIFIED`] by default.
    pub number_of_rows: i32,
    /// Instrument type (`STK`, `FUT.US`, …).
    pub instrument: String,
    /// Location (`STK.US.MAJOR`, …).
    pub location_code: String,
    /// Scan code (`TOP_PERC_GAIN`, …).
    pub scan_code: String,
    /// Minimum price.
    pub above_price: f64,
    /// Maximum price.
    pub below_price: f64,
    /// Minimum volume.
    pub above_volume: i32,
    /// Minimum market capitalization.
    pub market_cap_above: f64,
    /// Maximum market capitalization.
    pub market_cap_below: f64,
    /// Minimum Moody's rating.
    pub moody_rating_above: String,
    /// Maximum Moody's rating.
    pub moody_rating_below: String,
    /// Minimum S&P rating.
    pub sp_rating_above: String,
    /// Maximum S&P rating.
    pub sp_rating_below: String,
    /// Earliest maturity date.
    pub maturity_date_above: String,
    /// Latest maturity date.
    pub maturity_date_below: String,
    /// Minimum coupon rate.
    pub coupon_rate_above: f64,
    /// Maximum coupon rate.
    pub coupon_rate_below: f64,
    /// Leave out convertible bonds.
    pub exclude_convertible: bool,
    /// Minimum average option volume.
    pub average_option_volume_above: i32,
    /// Extra scanner settings, `name=value;` pairs.
    pub scanner_setting_pairs: String,
    /// Stock type filter (`ALL`, `CORP`, `ADR`, `ETF`, `REIT`, `CEF`).
    pub stock_type_filter: String,
}

impl Default for ScannerSubscription {
    fn default() -> Self {
        Self {
            number_of_rows: NO_ROW_NUMBER_SPECIFIED,
            instrument: String::new(),
            location_code: String::new(),
            scan_code: String::new(),
            above_price: UNSET_DOUBLE,
            below_price: UNSET_DOUBLE,
            above_volume: UNSET_INTEGER,
            market_cap_above: UNSET_DOUBLE,
            market_cap_below: UNSET_DOUBLE,
            moody_rating_above: String::new(),
            moody_rating_below: String::new(),
            sp_rating_above: String::new(),
            sp_rating_below: String::new(),
            maturity_date_above: String::new(),
            maturity_date_below: String::new(),
            coupon_rate_above: UNSET_DOUBLE,
            coupon_rate_below: UNSET_DOUBLE,
            exclude_convertible: false,
            average_option_volume_above: UNSET_INTEGER,
            scanner_setting_pairs: String::new(),
            stock_type_filter: String::new(),
        }
    }
}
