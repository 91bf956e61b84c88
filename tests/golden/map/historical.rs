//! Historical requests: bars, head timestamps, histograms, historical ticks,
//! real-time bars.

use super::Args;
use tws_api::{EClient, Error};

pub fn call(c: &EClient, name: &str, a: &Args) -> Option<Result<(), Error>> {
    Some(match name {
        "reqHistoricalData" => c.req_historical_data(
            a.i32(0),
            &a.contract(1),
            &a.str(2),
            &a.str(3),
            &a.str(4),
            &a.str(5),
            a.i32(6),
            a.i32(7),
            a.bool(8),
            &a.tag_values(9),
        ),
        "cancelHistoricalData" => c.cancel_historical_data(a.i32(0)),
        "reqHeadTimeStamp" => {
            c.req_head_time_stamp(a.i32(0), &a.contract(1), &a.str(2), a.i32(3), a.i32(4))
        }
        "cancelHeadTimeStamp" => c.cancel_head_time_stamp(a.i32(0)),
        "reqHistogramData" => c.req_histogram_data(a.i32(0), &a.contract(1), a.bool(2), &a.str(3)),
        "cancelHistogramData" => c.cancel_histogram_data(a.i32(0)),
        "cancelHistoricalTicks" => c.cancel_historical_ticks(a.i32(0)),
        "reqHistoricalTicks" => c.req_historical_ticks(
            a.i32(0),
            &a.contract(1),
            &a.str(2),
            &a.str(3),
            a.i32(4),
            &a.str(5),
            a.i32(6),
            a.bool(7),
            &a.tag_values(8),
        ),
        "reqRealTimeBars" => c.req_real_time_bars(
            a.i32(0),
            &a.contract(1),
            a.i32(2),
            &a.str(3),
            a.bool(4),
            &a.tag_values(5),
        ),
        "cancelRealTimeBars" => c.cancel_real_time_bars(a.i32(0)),
        _ => return None,
    })
}
