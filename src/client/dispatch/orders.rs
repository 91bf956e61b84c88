//! Dispatch of the order, execution and commission messages: decoded with
//! [`crate::messages::orders`] and delivered to their callbacks. The table in
//! `dispatch/mod.rs` routes their ids here.

use crate::messages::ids::incoming;
use crate::messages::orders::proto_in;
use crate::messages::orders::{
    CommissionAndFeesReportMsg, CompletedOrder, CompletedOrdersEnd, ExecutionData,
    ExecutionDataEnd, OpenOrder, OpenOrderEnd, OrderBound, OrderStatus,
};
use crate::messages::Message;
use crate::proto;
use crate::wire::{DecodeError, FieldReader};
use crate::EWrapper;

/// Decodes one order, execution and commission message (fields) and calls the wrapper.
pub(super) fn fields(
    sv: i32,
    id: u32,
    r: &mut FieldReader<'_>,
    w: &mut dyn EWrapper,
) -> Result<(), DecodeError> {
    match id {
        incoming::ORDER_STATUS => {
            let m = OrderStatus::decode(sv, r)?;
            deliver_order_status(w, &m);
        }
        incoming::OPEN_ORDER => {
            let m = OpenOrder::decode(sv, r)?;
            w.open_order(m.order.order_id, &m.contract, &m.order, &m.order_state);
        }
        incoming::OPEN_ORDER_END => {
            OpenOrderEnd::decode(sv, r)?;
            w.open_order_end();
        }
        incoming::ORDER_BOUND => {
            let m = OrderBound::decode(sv, r)?;
            w.order_bound(m.perm_id, m.client_id, m.order_id);
        }
        incoming::COMPLETED_ORDER => {
            let m = CompletedOrder::decode(sv, r)?;
            w.completed_order(&m.contract, &m.order, &m.order_state);
        }
        incoming::COMPLETED_ORDERS_END => {
            CompletedOrdersEnd::decode(sv, r)?;
            w.completed_orders_end();
        }
        incoming::EXECUTION_DATA => {
            let m = ExecutionData::decode(sv, r)?;
            w.exec_details(m.req_id, &m.contract, &m.execution);
        }
        incoming::EXECUTION_DATA_END => {
            let m = ExecutionDataEnd::decode(sv, r)?;
            w.exec_details_end(m.req_id);
        }
        incoming::COMMISSION_AND_FEES_REPORT => {
            let m = CommissionAndFeesReportMsg::decode(sv, r)?;
            w.commission_and_fees_report(&m.report);
        }
        other => super::unknown_or_pending(other, false, w),
    }
    Ok(())
}

fn deliver_order_status(w: &mut dyn EWrapper, m: &OrderStatus) {
    w.order_status(
        m.order_id,
        &m.status,
        m.filled,
        m.remaining,
        m.avg_fill_price,
        m.perm_id,
        m.parent_id,
        m.last_fill_price,
        m.client_id,
        &m.why_held,
        m.mkt_cap_price,
    );
}

fn pb<T: prost::Message + Default>(body: &[u8]) -> Result<T, DecodeError> {
    T::decode(body).map_err(|e| DecodeError::Protobuf(e.to_string()))
}

/// Decodes one order or execution message sent as protobuf (the forms
/// 10.37.2 accepts: orderStatus, openOrder, openOrderEnd, executionData,
/// executionDataEnd), delivers it to its `…_proto_buf` callback first and
/// then, converted, to the usual callback, as the official decoder does.
/// `open_order` and `exec_details` are skipped, as there, when the message
/// lacks its contract, order or state.
pub(super) fn protobuf(id: u32, body: &[u8], w: &mut dyn EWrapper) -> Result<(), DecodeError> {
    match id {
        incoming::ORDER_STATUS => {
            let p: proto::OrderStatus = pb(body)?;
            w.order_status_proto_buf(&p);
            deliver_order_status(w, &proto_in::order_status(&p));
        }
        incoming::OPEN_ORDER => {
            let p: proto::OpenOrder = pb(body)?;
            w.open_order_proto_buf(&p);
            let order_id = p.order_id.unwrap_or(0);
            if let (Some(c), Some(o), Some(s)) = (&p.contract, &p.order, &p.order_state) {
                let contract = proto_in::contract(c);
                let order = proto_in::order(c, o);
                let state = proto_in::order_state(s);
                w.open_order(order_id, &contract, &order, &state);
            }
        }
        incoming::OPEN_ORDER_END => {
            let p: proto::OpenOrdersEnd = pb(body)?;
            w.open_orders_end_proto_buf(&p);
            w.open_order_end();
        }
        incoming::EXECUTION_DATA => {
            let p: proto::ExecutionDetails = pb(body)?;
            w.execution_details_proto_buf(&p);
            let req_id = p.req_id.unwrap_or(0);
            if let (Some(c), Some(e)) = (&p.contract, &p.execution) {
                w.exec_details(req_id, &proto_in::contract(c), &proto_in::execution(e));
            }
        }
        incoming::EXECUTION_DATA_END => {
            let p: proto::ExecutionDetailsEnd = pb(body)?;
            w.execution_details_end_proto_buf(&p);
            w.exec_details_end(p.req_id.unwrap_or(0));
        }
        other => super::unknown_or_pending(other, true, w),
    }
    Ok(())
}
