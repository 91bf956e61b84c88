//! Market data messages: tickPrice (with its derived tickSize), tickSize,
//! tickString, tickGeneric, tickReqParams, tickSnapshotEnd, marketDataType.

use super::{Frames, Rng, VERSIONS};
use tws_api::messages::market_data::{
    MarketDataType, TickGeneric, TickPrice, TickReqParams, TickSize, TickSnapshotEnd, TickString,
};

pub fn frames(f: &mut Frames) {
    let mut r = Rng::new(2);
    // Price tick types with and without a derived size (1, 2, 4 have one;
    // 6, 9, 14, 66-68 do not), and an unknown one.
    let price_types = [1, 2, 4, 6, 9, 14, 37, 66, 67, 68, 75, 99];
    for sv in VERSIONS {
        for i in 0..40 {
            let price = if i % 9 == 0 { -1.0 } else { r.price() };
            f.add(
                sv,
                &TickPrice {
                    req_id: r.int(),
                    tick_type: r.pick(&price_types),
                    price,
                    size: r.decimal(),
                    attr_mask: r.pick(&[0, 1, 2, 3, 4, 7]),
                },
            );
        }
        for _ in 0..20 {
            f.add(
                sv,
                &TickSize {
                    req_id: r.int(),
                    tick_type: r.pick(&[0, 3, 5, 8, 21, 27, 74, 89]),
                    size: r.decimal(),
                },
            );
            f.add(
                sv,
                &TickString {
                    req_id: r.int(),
                    tick_type: r.pick(&[32, 33, 45, 48, 59, 84]),
                    value: r.text(),
                },
            );
            f.add(
                sv,
                &TickGeneric {
                    req_id: r.int(),
                    tick_type: r.pick(&[23, 24, 46, 49, 54, 56]),
                    value: r.float(),
                },
            );
        }
        for _ in 0..6 {
            f.add(
                sv,
                &TickReqParams {
                    ticker_id: r.int(),
                    min_tick: r.pick(&[0.01, 0.0001, 0.25, f64::MAX]),
                    bbo_exchange: r.pick(&["9c0001", "", "a60001"]).into(),
                    snapshot_permissions: r.pick(&[0, 3, 1 << 20]),
                },
            );
            f.add(sv, &TickSnapshotEnd { req_id: r.int() });
            f.add(
                sv,
                &MarketDataType {
                    req_id: r.int(),
                    market_data_type: r.pick(&[1, 2, 3, 4]),
                },
            );
        }
    }
}
