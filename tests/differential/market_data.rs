//! Market data messages: tickPrice (with its derived tickSize), tickSize,
//! tickString, tickGeneric, tickReqParams, tickSnapshotEnd, marketDataType.

use super::{Frames, Rng, VERSIONS};
use tws_api::messages::market_data::{
    MarketDataType, TickGeneric, TickPrice, TickReqParams, TickSize, TickSnapshotEnd, TickString,
};

pub fn frames(f: &mut Frames) {
    beyond_top_of_book(f);
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
                    value: r.text().into(),
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

/// Market data beyond top of book: depth (L1 and L2), tick-by-tick (every
/// tick type), option computations (every version branch, not-computed
/// markers), tickEFP, tickNews, deltaNeutralValidation and the reroutes.
pub fn beyond_top_of_book(f: &mut Frames) {
    use std::borrow::Cow;
    use tws_api::messages::market_data::depth::{MarketDepth, MarketDepthL2, RerouteMktDepthReq};
    use tws_api::messages::market_data::options::TickOptionComputation;
    use tws_api::messages::market_data::tick_by_tick::{TickByTick, TickByTickData};
    use tws_api::messages::market_data::ticks::{
        DeltaNeutralValidation, RerouteMktDataReq, TickEfp, TickNews,
    };
    use tws_api::DeltaNeutralContract;

    let mut r = Rng::new(8);
    // Old servers too: L2 before SMART depth (146), option computations with
    // a version field (before 156), the model-only prices of version 5.
    let versions = [100, 140, 146, 155, 156, 176, 187, 200, 203];
    for sv in versions {
        for _ in 0..12 {
            f.add(
                sv,
                &MarketDepth {
                    req_id: r.int(),
                    position: r.pick(&[0, 1, 9, 10, -1]),
                    operation: r.pick(&[0, 1, 2, 3]),
                    side: r.pick(&[0, 1, 2]),
                    price: r.price(),
                    size: r.decimal(),
                },
            );
            f.add(
                sv,
                &MarketDepthL2 {
                    req_id: r.int(),
                    position: r.pick(&[0, 1, 9]),
                    market_maker: Cow::Owned(text_or(&mut r, &["NSDQ", ""])),
                    operation: r.pick(&[0, 1, 2]),
                    side: r.pick(&[0, 1]),
                    price: r.price(),
                    size: r.decimal(),
                    is_smart_depth: sv >= 146 && r.bool(),
                },
            );
        }
        for _ in 0..10 {
            let tick_type = r.pick(&[10, 11, 12, 13, 53, 80, 81, 82, 83]);
            let version = if sv < 156 { r.pick(&[5, 6]) } else { 6 };
            // Not-computed markers (-1, -2, any negative volatility) mixed with values.
            let mut v = || {
                r.pick(&[
                    -1.0,
                    -2.0,
                    -0.5,
                    0.0,
                    0.2512,
                    1.0,
                    12.75,
                    1e-9,
                    -0.0312,
                    f64::MAX,
                    f64::NAN,
                ])
            };
            f.add(
                sv,
                &TickOptionComputation {
                    version,
                    req_id: 7,
                    tick_type,
                    tick_attrib: if sv < 156 { i32::MAX } else { sv % 2 },
                    implied_vol: v(),
                    delta: v(),
                    opt_price: v(),
                    pv_dividend: v(),
                    gamma: v(),
                    vega: v(),
                    theta: v(),
                    und_price: v(),
                },
            );
        }
    }
    for sv in VERSIONS {
        for tick_type in [0, 1, 2, 3, 4, 5] {
            for _ in 0..4 {
                let data = match tick_type {
                    1 | 2 => TickByTickData::Last {
                        price: r.price(),
                        size: r.decimal(),
                        mask: r.pick(&[0, 1, 2, 3, 4]),
                        exchange: Cow::Owned(text_or(&mut r, &["NYSE", ""])),
                        special_conditions: Cow::Owned(text_or(&mut r, &["   I"])),
                    },
                    3 => TickByTickData::BidAsk {
                        bid_price: r.price(),
                        ask_price: r.price(),
                        bid_size: r.decimal(),
                        ask_size: r.decimal(),
                        mask: r.pick(&[0, 1, 2, 3]),
                    },
                    4 => TickByTickData::MidPoint {
                        mid_point: r.price(),
                    },
                    _ => TickByTickData::None,
                };
                f.add(
                    sv,
                    &TickByTick {
                        req_id: r.int(),
                        tick_type,
                        time: r.pick(&[0, 1_700_000_000, 1_795_452_832, i64::from(i32::MAX) + 1]),
                        data,
                    },
                );
            }
        }
        for _ in 0..6 {
            f.add(
                sv,
                &TickEfp {
                    req_id: r.int(),
                    tick_type: r.pick(&[38, 39, 40, 41, 42, 43, 44, 45]),
                    basis_points: r.float(),
                    formatted_basis_points: r.text(),
                    total_dividends: r.price(),
                    hold_days: r.int(),
                    future_last_trade_date: text_or(&mut r, &["20261218"]),
                    dividend_impact: r.price(),
                    dividends_to_last_trade_date: r.float(),
                },
            );
            f.add(
                sv,
                &TickNews {
                    ticker_id: r.int(),
                    time_stamp: r.long(),
                    provider_code: r.pick(&["BRFG".to_owned(), String::new()]),
                    article_id: text_or(&mut r, &["BRFG$0a1b2c"]),
                    headline: r.text(),
                    extra_data: text_or(&mut r, &["K:0.50;C:0.80"]),
                },
            );
            f.add(
                sv,
                &DeltaNeutralValidation {
                    req_id: r.int(),
                    delta_neutral_contract: DeltaNeutralContract {
                        con_id: r.int(),
                        delta: r.float(),
                        price: r.price(),
                    },
                },
            );
            f.add(
                sv,
                &RerouteMktDataReq {
                    req_id: r.int(),
                    con_id: r.int(),
                    exchange: text_or(&mut r, &["SMART", ""]),
                },
            );
            f.add(
                sv,
                &RerouteMktDepthReq {
                    req_id: r.int(),
                    con_id: r.int(),
                    exchange: text_or(&mut r, &["NYSE"]),
                },
            );
        }
    }
    // Hand-made: an L2 row from an old server with no SMART flag, and a
    // tick-by-tick midpoint with an empty time.
    f.add_fields(140, 13, &["1", "5", "0", "ARCA", "0", "1", "187.25", "300"]);
    f.add_fields(176, 99, &["5", "4", "", "187.255"]);
}

/// One of `fixed`, or one of the generator's varied texts.
fn text_or(r: &mut Rng, fixed: &[&str]) -> String {
    let varied = r.text();
    let mut all: Vec<String> = fixed.iter().map(|s| (*s).to_owned()).collect();
    all.push(varied);
    r.pick(&all)
}
