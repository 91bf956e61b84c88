//! Decode and dispatch: frame payload → message struct → `EWrapper` callback.
//!
//! This table is the only place that maps message ids to domains: the tick
//! path and the connection messages are decoded right here, every other id is
//! handed to the dispatch function of its domain (`dispatch/<domain>.rs`, the
//! same domain names as `messages/`, `client/requests/` and `sim/`), which
//! maps it to its callback. A frame that does not decode becomes
//! `error(-1, 508, …)` and is skipped; an id this client has never heard of
//! becomes `error(-1, 505, …)`; the stream goes on.

mod account;
mod connection;
mod contracts;
mod display_groups;
mod fundamentals;
mod historical;
mod market_data;
mod news;
mod orders;
mod scanner;

use prost::Message as _;

use super::eclient::now_millis;
use super::lifecycle::{Lifecycle, Registry};
use super::reader::Batch;
use crate::errors::{BAD_LENGTH, BAD_MESSAGE, NO_VALID_ID, UNKNOWN_ID};
use crate::messages::connection::{CurrentTime, ErrorMessage, ManagedAccounts, NextValidId};
use crate::messages::ids::{incoming, PROTOBUF_MSG_ID};
use crate::messages::market_data::{
    MarketDataType, TickGeneric, TickPrice, TickReqParams, TickSize, TickSnapshotEnd, TickString,
};
use crate::messages::Message;
use crate::model::tick_type;
use crate::proto;
use crate::wire::frame::Frames;
use crate::wire::{DecodeError, FieldReader, MessageHeader};
use crate::EWrapper;

/// Dispatches every frame of a batch; returns how many frames it held.
/// With `requests` (some are in flight), the messages that can end a request
/// reach the wrapper through the request lifecycle's wrapper.
pub(crate) fn dispatch_batch(
    batch: &Batch,
    wrapper: &mut dyn EWrapper,
    requests: Option<&Registry>,
) -> u64 {
    let mut n = 0;
    for payload in Frames::new(&batch.bytes) {
        dispatch_tracked(batch.server_version, payload, wrapper, requests);
        n += 1;
    }
    n
}

/// Decodes one frame payload and calls the wrapper.
#[inline]
pub fn dispatch_frame(sv: i32, payload: &[u8], wrapper: &mut dyn EWrapper) {
    dispatch_tracked(sv, payload, wrapper, None)
}

/// Whether message `id`'s callbacks can never end a request: the tick path,
/// which then never pays for the lifecycle wrapper.
#[inline]
fn never_ends_a_request(id: u32) -> bool {
    matches!(
        id,
        incoming::TICK_PRICE
            | incoming::TICK_SIZE
            | incoming::TICK_STRING
            | incoming::TICK_GENERIC
            | incoming::TICK_REQ_PARAMS
            | incoming::MARKET_DATA_TYPE
            | incoming::TICK_EFP
            | incoming::TICK_OPTION_COMPUTATION
            | incoming::TICK_NEWS
            | incoming::MARKET_DEPTH
            | incoming::MARKET_DEPTH_L2
            | incoming::TICK_BY_TICK
            | incoming::REAL_TIME_BARS
            | incoming::HISTORICAL_DATA_UPDATE
            | incoming::PNL
            | incoming::PNL_SINGLE
    )
}

#[inline]
fn dispatch_tracked(
    sv: i32,
    payload: &[u8],
    wrapper: &mut dyn EWrapper,
    requests: Option<&Registry>,
) {
    if payload.is_empty() {
        wrapper.error(
            NO_VALID_ID,
            now_millis(),
            BAD_LENGTH.code,
            &format!("{}:0", BAD_LENGTH.msg),
            "",
        );
        return;
    }
    let header = match MessageHeader::parse(sv, payload) {
        Ok(h) => h,
        Err(e) => return bad_message(wrapper, "message id", &e),
    };
    let body = &payload[header.body_start..];
    let id = header.id;
    let result = match requests {
        Some(reqs) if header.protobuf || !never_ends_a_request(id) => {
            let mut tracker = Lifecycle {
                reqs,
                user: &mut *wrapper,
            };
            dispatch_body(sv, header, body, &mut tracker)
        }
        _ => dispatch_body(sv, header, body, wrapper),
    };
    if let Err(e) = result {
        let name = incoming::name(header.id).unwrap_or("?");
        bad_message(wrapper, name, &e);
    }
}

#[inline]
fn dispatch_body(
    sv: i32,
    header: MessageHeader,
    body: &[u8],
    w: &mut dyn EWrapper,
) -> Result<(), DecodeError> {
    if header.protobuf {
        dispatch_protobuf(header.id, body, w)
    } else {
        dispatch_fields(sv, header.id, &mut FieldReader::new(body), w)
    }
}

fn bad_message(wrapper: &mut dyn EWrapper, what: &str, e: &DecodeError) {
    log::warn!("skipping a message that does not decode ({what}): {e}");
    wrapper.error(
        NO_VALID_ID,
        now_millis(),
        BAD_MESSAGE.code,
        &format!("{}: {what}: {e}", BAD_MESSAGE.msg),
        "",
    );
}

thread_local! {
    /// Known messages this version cannot decode yet, dispatched on this
    /// thread since the last [`take_not_decoded`].
    static NOT_DECODED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// How many known-but-undecoded messages this thread dispatched since the
/// last call (for the metrics; `run()` asks after every batch).
pub(crate) fn take_not_decoded() -> u64 {
    NOT_DECODED.with(|n| n.replace(0))
}

pub(super) fn unknown_or_pending(id: u32, protobuf: bool, wrapper: &mut dyn EWrapper) {
    match incoming::name(id) {
        Some(name) => {
            NOT_DECODED.with(|n| n.set(n.get() + 1));
            log::debug!(
                "{name} ({}) received; this version of tws-api does not decode it yet",
                if protobuf { "protobuf" } else { "fields" }
            )
        }
        None => {
            // The id as it was on the wire: a protobuf id carries + 200.
            let wire_id = if protobuf { id + PROTOBUF_MSG_ID } else { id };
            wrapper.error(
                NO_VALID_ID,
                now_millis(),
                UNKNOWN_ID.code,
                &format!("Unknown message id {wire_id}; the message was skipped"),
                "",
            )
        }
    }
}

#[inline]
fn dispatch_fields(
    sv: i32,
    id: u32,
    r: &mut FieldReader<'_>,
    w: &mut dyn EWrapper,
) -> Result<(), DecodeError> {
    match id {
        incoming::TICK_PRICE => {
            let m = TickPrice::decode(sv, r)?;
            w.tick_price(m.req_id, m.tick_type, m.price, m.attrib(sv));
            if let Some(size_type) = m.size_tick_type() {
                w.tick_size(m.req_id, size_type, m.size);
            }
        }
        incoming::TICK_SIZE => {
            let m = TickSize::decode(sv, r)?;
            if m.tick_type != tick_type::NOT_SET {
                w.tick_size(m.req_id, m.tick_type, m.size);
            }
        }
        incoming::TICK_STRING => {
            let m = TickString::decode_borrowed(sv, r)?;
            w.tick_string(m.req_id, m.tick_type, &m.value);
        }
        incoming::TICK_GENERIC => {
            let m = TickGeneric::decode(sv, r)?;
            w.tick_generic(m.req_id, m.tick_type, m.value);
        }
        incoming::TICK_REQ_PARAMS => {
            let m = TickReqParams::decode(sv, r)?;
            w.tick_req_params(
                m.ticker_id,
                m.min_tick,
                &m.bbo_exchange,
                m.snapshot_permissions,
            );
        }
        incoming::TICK_SNAPSHOT_END => {
            let m = TickSnapshotEnd::decode(sv, r)?;
            w.tick_snapshot_end(m.req_id);
        }
        incoming::MARKET_DATA_TYPE => {
            let m = MarketDataType::decode(sv, r)?;
            w.market_data_type(m.req_id, m.market_data_type);
        }
        incoming::ERR_MSG => deliver_error(w, &ErrorMessage::decode(sv, r)?),
        incoming::NEXT_VALID_ID => {
            let m = NextValidId::decode(sv, r)?;
            w.next_valid_id(m.order_id);
        }
        incoming::MANAGED_ACCTS => {
            let m = ManagedAccounts::decode(sv, r)?;
            w.managed_accounts(&m.accounts_list);
        }
        incoming::CURRENT_TIME => {
            let m = CurrentTime::decode(sv, r)?;
            w.current_time(m.time);
        }
        incoming::TICK_EFP
        | incoming::TICK_OPTION_COMPUTATION
        | incoming::TICK_NEWS
        | incoming::DELTA_NEUTRAL_VALIDATION
        | incoming::REROUTE_MKT_DATA_REQ
        | incoming::REROUTE_MKT_DEPTH_REQ
        | incoming::MARKET_DEPTH
        | incoming::MARKET_DEPTH_L2
        | incoming::TICK_BY_TICK => market_data::fields(sv, id, r, w)?,
        incoming::CONTRACT_DATA
        | incoming::BOND_CONTRACT_DATA
        | incoming::CONTRACT_DATA_END
        | incoming::SYMBOL_SAMPLES
        | incoming::SECURITY_DEFINITION_OPTION_PARAMETER
        | incoming::SECURITY_DEFINITION_OPTION_PARAMETER_END
        | incoming::MARKET_RULE
        | incoming::SMART_COMPONENTS
        | incoming::MKT_DEPTH_EXCHANGES => contracts::fields(sv, id, r, w)?,
        incoming::HISTORICAL_DATA
        | incoming::HISTORICAL_DATA_UPDATE
        | incoming::HISTORICAL_DATA_END
        | incoming::HISTORICAL_SCHEDULE
        | incoming::HEAD_TIMESTAMP
        | incoming::HISTOGRAM_DATA
        | incoming::HISTORICAL_TICKS
        | incoming::HISTORICAL_TICKS_BID_ASK
        | incoming::HISTORICAL_TICKS_LAST
        | incoming::REAL_TIME_BARS => historical::fields(sv, id, r, w)?,
        incoming::ORDER_STATUS
        | incoming::OPEN_ORDER
        | incoming::OPEN_ORDER_END
        | incoming::ORDER_BOUND
        | incoming::COMPLETED_ORDER
        | incoming::COMPLETED_ORDERS_END
        | incoming::EXECUTION_DATA
        | incoming::EXECUTION_DATA_END
        | incoming::COMMISSION_AND_FEES_REPORT => orders::fields(sv, id, r, w)?,
        incoming::ACCT_VALUE
        | incoming::PORTFOLIO_VALUE
        | incoming::ACCT_UPDATE_TIME
        | incoming::ACCT_DOWNLOAD_END
        | incoming::POSITION_DATA
        | incoming::POSITION_END
        | incoming::ACCOUNT_SUMMARY
        | incoming::ACCOUNT_SUMMARY_END
        | incoming::POSITION_MULTI
        | incoming::POSITION_MULTI_END
        | incoming::ACCOUNT_UPDATE_MULTI
        | incoming::ACCOUNT_UPDATE_MULTI_END
        | incoming::PNL
        | incoming::PNL_SINGLE
        | incoming::FAMILY_CODES
        | incoming::SOFT_DOLLAR_TIERS
        | incoming::RECEIVE_FA
        | incoming::REPLACE_FA_END => account::fields(sv, id, r, w)?,
        incoming::SCANNER_PARAMETERS | incoming::SCANNER_DATA => scanner::fields(sv, id, r, w)?,
        incoming::NEWS_BULLETINS
        | incoming::NEWS_ARTICLE
        | incoming::NEWS_PROVIDERS
        | incoming::HISTORICAL_NEWS
        | incoming::HISTORICAL_NEWS_END => news::fields(sv, id, r, w)?,
        incoming::FUNDAMENTAL_DATA | incoming::WSH_META_DATA | incoming::WSH_EVENT_DATA => {
            fundamentals::fields(sv, id, r, w)?
        }
        incoming::DISPLAY_GROUP_LIST | incoming::DISPLAY_GROUP_UPDATED => {
            display_groups::fields(sv, id, r, w)?
        }
        incoming::VERIFY_MESSAGE_API
        | incoming::VERIFY_COMPLETED
        | incoming::VERIFY_AND_AUTH_MESSAGE_API
        | incoming::VERIFY_AND_AUTH_COMPLETED
        | incoming::USER_INFO
        | incoming::CURRENT_TIME_IN_MILLIS => connection::fields(sv, id, r, w)?,
        other => unknown_or_pending(other, false, w),
    }
    Ok(())
}

fn deliver_error(w: &mut dyn EWrapper, m: &ErrorMessage) {
    w.error(
        m.req_id,
        m.error_time,
        m.error_code,
        &m.error_string,
        &m.advanced_order_reject_json,
    );
}

fn dispatch_protobuf(id: u32, body: &[u8], w: &mut dyn EWrapper) -> Result<(), DecodeError> {
    match id {
        incoming::ERR_MSG => {
            let p = proto::ErrorMessage::decode(body)
                .map_err(|e| DecodeError::Protobuf(e.to_string()))?;
            w.error_proto_buf(&p);
            deliver_error(w, &ErrorMessage::from_proto(&p));
        }
        incoming::ORDER_STATUS
        | incoming::OPEN_ORDER
        | incoming::OPEN_ORDER_END
        | incoming::EXECUTION_DATA
        | incoming::EXECUTION_DATA_END => orders::protobuf(id, body, w)?,
        other => unknown_or_pending(other, true, w),
    }
    Ok(())
}
