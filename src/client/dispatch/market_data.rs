//! Dispatch of the market data messages beyond the tick path of `dispatch/mod.rs`:
//! depth, tick-by-tick, option computations, EFP, news ticks, delta-neutral
//! validation and reroutes. The table in `dispatch/mod.rs` routes their ids here.
//!
//! Depth and tick-by-tick updates are decoded without allocating: their text
//! is borrowed from the frame.

use crate::messages::ids::incoming;
use crate::messages::market_depth::{MarketDepth, MarketDepthL2, RerouteMktDepthReq};
use crate::messages::options::TickOptionComputation;
use crate::messages::tick_by_tick::{
    tick_attrib_bid_ask, tick_attrib_last, TickByTick, TickByTickData,
};
use crate::messages::ticks::{DeltaNeutralValidation, RerouteMktDataReq, TickEfp, TickNews};
use crate::messages::Message;
use crate::wire::{DecodeError, FieldReader};
use crate::EWrapper;

/// Decodes one market data message (fields) and calls the wrapper.
#[inline]
pub(super) fn fields(
    sv: i32,
    id: u32,
    r: &mut FieldReader<'_>,
    w: &mut dyn EWrapper,
) -> Result<(), DecodeError> {
    match id {
        incoming::MARKET_DEPTH => {
            let m = MarketDepth::decode(sv, r)?;
            w.update_mkt_depth(m.req_id, m.position, m.operation, m.side, m.price, m.size);
        }
        incoming::MARKET_DEPTH_L2 => {
            let m = MarketDepthL2::decode_borrowed(sv, r)?;
            w.update_mkt_depth_l2(
                m.req_id,
                m.position,
                &m.market_maker,
                m.operation,
                m.side,
                m.price,
                m.size,
                m.is_smart_depth,
            );
        }
        incoming::TICK_BY_TICK => {
            let m = TickByTick::decode_borrowed(sv, r)?;
            match m.data {
                TickByTickData::None => {}
                TickByTickData::Last {
                    price,
                    size,
                    mask,
                    exchange,
                    special_conditions,
                } => w.tick_by_tick_all_last(
                    m.req_id,
                    m.tick_type,
                    m.time,
                    price,
                    size,
                    tick_attrib_last(mask),
                    &exchange,
                    &special_conditions,
                ),
                TickByTickData::BidAsk {
                    bid_price,
                    ask_price,
                    bid_size,
                    ask_size,
                    mask,
                } => w.tick_by_tick_bid_ask(
                    m.req_id,
                    m.time,
                    bid_price,
                    ask_price,
                    bid_size,
                    ask_size,
                    tick_attrib_bid_ask(mask),
                ),
                TickByTickData::MidPoint { mid_point } => {
                    w.tick_by_tick_mid_point(m.req_id, m.time, mid_point)
                }
            }
        }
        incoming::TICK_OPTION_COMPUTATION => {
            let m = TickOptionComputation::decode(sv, r)?;
            let v = m.values(sv);
            w.tick_option_computation(
                m.req_id,
                m.tick_type,
                m.tick_attrib,
                v.implied_vol,
                v.delta,
                v.opt_price,
                v.pv_dividend,
                v.gamma,
                v.vega,
                v.theta,
                v.und_price,
            );
        }
        incoming::TICK_EFP => {
            let m = TickEfp::decode(sv, r)?;
            w.tick_efp(
                m.req_id,
                m.tick_type,
                m.basis_points,
                &m.formatted_basis_points,
                m.total_dividends,
                m.hold_days,
                &m.future_last_trade_date,
                m.dividend_impact,
                m.dividends_to_last_trade_date,
            );
        }
        incoming::TICK_NEWS => {
            let m = TickNews::decode(sv, r)?;
            w.tick_news(
                m.ticker_id,
                m.time_stamp,
                &m.provider_code,
                &m.article_id,
                &m.headline,
                &m.extra_data,
            );
        }
        incoming::DELTA_NEUTRAL_VALIDATION => {
            let m = DeltaNeutralValidation::decode(sv, r)?;
            w.delta_neutral_validation(m.req_id, &m.delta_neutral_contract);
        }
        incoming::REROUTE_MKT_DATA_REQ => {
            let m = RerouteMktDataReq::decode(sv, r)?;
            w.reroute_mkt_data_req(m.req_id, m.con_id, &m.exchange);
        }
        incoming::REROUTE_MKT_DEPTH_REQ => {
            let m = RerouteMktDepthReq::decode(sv, r)?;
            w.reroute_mkt_depth_req(m.req_id, m.con_id, &m.exchange);
        }
        other => super::unknown_or_pending(other, false, w),
    }
    Ok(())
}
