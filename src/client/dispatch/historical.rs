//! Dispatch of the historical data and real-time bar messages: decoded with
//! [`crate::messages::historical`] and delivered to their callbacks. The table
//! in `dispatch/mod.rs` routes their ids here.

use crate::messages::historical::{
    HeadTimestamp, HistogramDataMsg, HistoricalData, HistoricalDataEnd, HistoricalDataUpdate,
    HistoricalSchedule, HistoricalTicks, HistoricalTicksBidAsk, HistoricalTicksLast, RealTimeBars,
};
use crate::messages::ids::incoming;
use crate::messages::Message;
use crate::server_versions::MIN_SERVER_VER_HISTORICAL_DATA_END;
use crate::wire::{DecodeError, FieldReader};
use crate::EWrapper;

/// Decodes one historical data or real-time bar message (fields) and calls the wrapper.
pub(super) fn fields(
    sv: i32,
    id: u32,
    r: &mut FieldReader<'_>,
    w: &mut dyn EWrapper,
) -> Result<(), DecodeError> {
    match id {
        incoming::HISTORICAL_DATA => {
            // One callback per bar as it is read, from one reused bar: a
            // year of minute bars is never held twice.
            let header =
                HistoricalData::decode_each(sv, r, |req_id, bar| w.historical_data(req_id, bar))?;
            if sv < MIN_SERVER_VER_HISTORICAL_DATA_END {
                w.historical_data_end(header.req_id, &header.start_date, &header.end_date);
            }
        }
        incoming::HISTORICAL_DATA_END => {
            let m = HistoricalDataEnd::decode(sv, r)?;
            w.historical_data_end(m.req_id, &m.start_date_str, &m.end_date_str);
        }
        incoming::HISTORICAL_DATA_UPDATE => {
            let m = HistoricalDataUpdate::decode(sv, r)?;
            w.historical_data_update(m.req_id, &m.bar);
        }
        incoming::HISTORICAL_SCHEDULE => {
            let m = HistoricalSchedule::decode(sv, r)?;
            w.historical_schedule(
                m.req_id,
                &m.start_date_time,
                &m.end_date_time,
                &m.time_zone,
                &m.sessions,
            );
        }
        incoming::HEAD_TIMESTAMP => {
            let m = HeadTimestamp::decode(sv, r)?;
            w.head_timestamp(m.req_id, &m.head_timestamp);
        }
        incoming::HISTOGRAM_DATA => {
            let m = HistogramDataMsg::decode(sv, r)?;
            w.histogram_data(m.req_id, &m.items);
        }
        incoming::HISTORICAL_TICKS => {
            let m = HistoricalTicks::decode(sv, r)?;
            w.historical_ticks(m.req_id, &m.ticks, m.done);
        }
        incoming::HISTORICAL_TICKS_BID_ASK => {
            let m = HistoricalTicksBidAsk::decode(sv, r)?;
            w.historical_ticks_bid_ask(m.req_id, &m.ticks, m.done);
        }
        incoming::HISTORICAL_TICKS_LAST => {
            let m = HistoricalTicksLast::decode(sv, r)?;
            w.historical_ticks_last(m.req_id, &m.ticks, m.done);
        }
        incoming::REAL_TIME_BARS => {
            let m = RealTimeBars::decode(sv, r)?;
            let b = &m.bar;
            w.realtime_bar(
                m.req_id, b.time, b.open, b.high, b.low, b.close, b.volume, b.wap, b.count,
            );
        }
        other => super::unknown_or_pending(other, false, w),
    }
    Ok(())
}
