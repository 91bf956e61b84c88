//! Scanner requests.

use super::args::Obj;
use super::Args;
use serde_json::Value;
use tws_api::{EClient, Error, ScannerSubscription};

/// A `ScannerSubscription` from its official attributes.
fn subscription(v: &Value) -> ScannerSubscription {
    let o = Obj(v);
    let d = ScannerSubscription::default();
    ScannerSubscription {
        number_of_rows: o.i32("numberOfRows", d.number_of_rows),
        instrument: o.str("instrument"),
        location_code: o.str("locationCode"),
        scan_code: o.str("scanCode"),
        above_price: o.f64("abovePrice", d.above_price),
        below_price: o.f64("belowPrice", d.below_price),
        above_volume: o.i32("aboveVolume", d.above_volume),
        market_cap_above: o.f64("marketCapAbove", d.market_cap_above),
        market_cap_below: o.f64("marketCapBelow", d.market_cap_below),
        moody_rating_above: o.str("moodyRatingAbove"),
        moody_rating_below: o.str("moodyRatingBelow"),
        sp_rating_above: o.str("spRatingAbove"),
        sp_rating_below: o.str("spRatingBelow"),
        maturity_date_above: o.str("maturityDateAbove"),
        maturity_date_below: o.str("maturityDateBelow"),
        coupon_rate_above: o.f64("couponRateAbove", d.coupon_rate_above),
        coupon_rate_below: o.f64("couponRateBelow", d.coupon_rate_below),
        exclude_convertible: o.bool("excludeConvertible", d.exclude_convertible),
        average_option_volume_above: o
            .i32("averageOptionVolumeAbove", d.average_option_volume_above),
        scanner_setting_pairs: o.str("scannerSettingPairs"),
        stock_type_filter: o.str("stockTypeFilter"),
    }
}

pub fn call(c: &EClient, name: &str, a: &Args) -> Option<Result<(), Error>> {
    Some(match name {
        "reqScannerParameters" => c.req_scanner_parameters(),
        "reqScannerSubscription" => c.req_scanner_subscription(
            a.i32(0),
            &subscription(a.value(1)),
            &a.tag_values(2),
            &a.tag_values(3),
        ),
        "cancelScannerSubscription" => c.cancel_scanner_subscription(a.i32(0)),
        _ => return None,
    })
}
