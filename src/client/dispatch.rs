//! Decode and dispatch: frame payload → message struct → `EWrapper` callback.
//!
//! This is the only place that maps message ids to callbacks. A frame that
//! does not decode becomes `error(-1, 508, …)` and is skipped; an id this
//! client has never heard of becomes `error(-1, 505, …)`; the stream goes on.

use prost::Message as _;

use super::eclient::now_millis;
use super::reader::Batch;
use crate::errors::{BAD_LENGTH, BAD_MESSAGE, NO_VALID_ID, UNKNOWN_ID};
use crate::messages::connection::{CurrentTime, ErrorMessage, ManagedAccounts, NextValidId};
use crate::messages::ids::incoming;
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
pub(crate) fn dispatch_batch(batch: &Batch, wrapper: &mut dyn EWrapper) -> u64 {
    let mut n = 0;
    for payload in Frames::new(&batch.bytes) {
        dispatch_frame(batch.server_version, payload, wrapper);
        n += 1;
    }
    n
}

/// Decodes one frame payload and calls the wrapper.
#[inline]
pub fn dispatch_frame(sv: i32, payload: &[u8], wrapper: &mut dyn EWrapper) {
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
    let result = if header.protobuf {
        dispatch_protobuf(header.id, body, wrapper)
    } else {
        dispatch_fields(sv, header.id, &mut FieldReader::new(body), wrapper)
    };
    if let Err(e) = result {
        let name = incoming::name(header.id).unwrap_or("?");
        bad_message(wrapper, name, &e);
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

fn unknown_or_pending(id: u32, protobuf: bool, wrapper: &mut dyn EWrapper) {
    match incoming::name(id) {
        Some(name) => log::debug!(
            "{name} ({}) received; this version of tws-api does not decode it yet",
            if protobuf { "protobuf" } else { "fields" }
        ),
        None => wrapper.error(
            NO_VALID_ID,
            now_millis(),
            UNKNOWN_ID.code,
            &format!("{} {id}", UNKNOWN_ID.msg),
            "",
        ),
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
            let m = TickString::decode(sv, r)?;
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
        other => unknown_or_pending(other, true, w),
    }
    Ok(())
}
