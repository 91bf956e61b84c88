//! The protobuf forms of option exercise and of the commission report
//! (server version 211, `MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_1`, on), and
//! of the order status, open order and execution answers (201 and 203),
//! read as the official decoders read them.

use super::open_order::OpenOrder;
use super::{
    CommissionAndFeesReportMsg, ExecutionData, ExecutionDataEnd, ExerciseOptions, OpenOrderEnd,
    OrderStatus,
};
use crate::messages::orders::proto_in;
use crate::messages::orders::proto_in::request_contract_of;
use crate::messages::orders::proto_out::{contract_proto, contract_to_proto};
use crate::messages::orders::proto_out::{order_state_to_proto, order_to_proto};
use crate::messages::protobuf::{b, decimal_text, f, i, l, s, text};
use crate::messages::ProtoForm;
use crate::model::{CommissionAndFeesReport, Execution, UNSET_INTEGER};
use crate::proto;
use crate::wire::DecodeError;
use crate::EWrapper;

impl ProtoForm for ExerciseOptions {
    type Proto = proto::ExerciseOptionsRequest;
    /// `createExerciseOptionsRequestProto` (`override` a flag).
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::ExerciseOptionsRequest {
            order_id: i(self.req_id),
            contract: contract_proto(&self.contract),
            exercise_action: i(self.exercise_action),
            exercise_quantity: i(self.exercise_quantity),
            account: s(&self.account),
            r#override: b(self.override_ != 0),
            manual_order_time: s(&self.manual_order_time),
            customer_account: s(&self.customer_account),
            professional_customer: b(self.professional_customer),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ExerciseOptions {
            req_id: p.order_id.unwrap_or(UNSET_INTEGER),
            contract: request_contract_of(&p.contract),
            exercise_action: p.exercise_action.unwrap_or(UNSET_INTEGER),
            exercise_quantity: p.exercise_quantity.unwrap_or(UNSET_INTEGER),
            account: text(&p.account),
            override_: i32::from(p.r#override.unwrap_or(false)),
            manual_order_time: text(&p.manual_order_time),
            customer_account: text(&p.customer_account),
            professional_customer: p.professional_customer.unwrap_or(false),
        }))
    }
}

impl ProtoForm for CommissionAndFeesReportMsg {
    type Proto = proto::CommissionAndFeesReport;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        let c = &self.report;
        proto::CommissionAndFeesReport {
            exec_id: s(&c.exec_id),
            // Every number set, the unset sentinel too: the official
            // decoder reads an absent one as 0.0, the text form's as sent.
            commission_and_fees: Some(c.commission_and_fees),
            currency: s(&c.currency),
            realized_pnl: Some(c.realized_pnl),
            bond_yield: Some(c.yield_),
            yield_redemption_date: (c.yield_redemption_date != 0)
                .then(|| c.yield_redemption_date.to_string()),
        }
    }
    /// The redemption date comes as text and is read as Python's `int()`
    /// reads it; text that is no integer does not decode (the official
    /// decoder raises).
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        let yield_redemption_date = match p.yield_redemption_date.as_deref() {
            None => 0,
            Some(t) => t.trim().parse::<i32>().map_err(|_| {
                DecodeError::Protobuf(format!("yieldRedemptionDate {t:?} is no integer"))
            })?,
        };
        Ok(Some(CommissionAndFeesReportMsg {
            report: CommissionAndFeesReport {
                exec_id: text(&p.exec_id),
                commission_and_fees: p.commission_and_fees.unwrap_or(0.0),
                currency: text(&p.currency),
                realized_pnl: p.realized_pnl.unwrap_or(0.0),
                yield_: p.bond_yield.unwrap_or(0.0),
                yield_redemption_date,
            },
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.commission_and_fees_report_proto_buf(p);
    }
}

// The order and execution answers TWS sends as protobuf from server
// version 203 (`MIN_SERVER_VER_PROTOBUF_PLACE_ORDER`: order status, open
// orders and their end) and 201 (`MIN_SERVER_VER_PROTOBUF`: executions and
// their end), as the official decoders (10.37.2 and 10.51.1) read them.

crate::empty_proto_form! {
    OpenOrderEnd => OpenOrdersEnd, open_orders_end_proto_buf;
}

crate::req_id_proto_form! {
    ExecutionDataEnd => ExecutionDetailsEnd, crate::errors::NO_VALID_ID, execution_details_end_proto_buf;
}

impl ProtoForm for OrderStatus {
    type Proto = proto::OrderStatus;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::OrderStatus {
            order_id: Some(self.order_id),
            status: s(&self.status),
            filled: decimal_text(self.filled),
            remaining: decimal_text(self.remaining),
            avg_fill_price: f(self.avg_fill_price),
            perm_id: l(self.perm_id),
            parent_id: i(self.parent_id),
            last_fill_price: f(self.last_fill_price),
            client_id: i(self.client_id),
            why_held: s(&self.why_held),
            mkt_cap_price: f(self.mkt_cap_price),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(proto_in::order_status(p)))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.order_status_proto_buf(p);
    }
}

impl ProtoForm for OpenOrder {
    type Proto = proto::OpenOrder;
    /// As TWS fills it: the order with its ids.
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        let o = &self.order;
        let mut order = order_to_proto(o);
        order.client_id = i(o.client_id);
        proto::OpenOrder {
            order_id: Some(o.order_id),
            contract: Some(contract_to_proto(&self.contract, o)),
            order: Some(order),
            order_state: Some(order_state_to_proto(&self.order_state)),
        }
    }
    /// As the official decoder: the `…ProtoBuf` callback alone without the
    /// contract, the order or its state.
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        let (Some(c), Some(o), Some(st)) = (&p.contract, &p.order, &p.order_state) else {
            return Ok(None);
        };
        let order_id = p.order_id.unwrap_or(0);
        let order = proto_in::order(order_id, c, o);
        Ok(Some(OpenOrder {
            contract: proto_in::contract(c),
            callback_order_id: (order.order_id != order_id).then_some(order_id),
            order,
            order_state: proto_in::order_state(st),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.open_order_proto_buf(p);
    }
}

/// An execution as TWS fills `Execution` (the inverse of
/// [`proto_in::execution`]).
fn execution_to_proto(e: &Execution) -> proto::Execution {
    proto::Execution {
        order_id: Some(e.order_id),
        exec_id: s(&e.exec_id),
        time: s(&e.time),
        acct_number: s(&e.acct_number),
        exchange: s(&e.exchange),
        side: s(&e.side),
        shares: decimal_text(e.shares),
        price: Some(e.price),
        perm_id: Some(e.perm_id),
        client_id: Some(e.client_id),
        is_liquidation: b(e.liquidation != 0),
        cum_qty: decimal_text(e.cum_qty),
        avg_price: Some(e.avg_price),
        order_ref: s(&e.order_ref),
        ev_rule: s(&e.ev_rule),
        ev_multiplier: Some(e.ev_multiplier),
        model_code: s(&e.model_code),
        last_liquidity: Some(e.last_liquidity),
        is_price_revision_pending: b(e.pending_price_revision),
        submitter: s(&e.submitter),
        opt_exercise_or_lapse_type: Some(e.opt_exercise_or_lapse_type.code()),
    }
}

impl ProtoForm for ExecutionData {
    type Proto = proto::ExecutionDetails;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::ExecutionDetails {
            req_id: Some(self.req_id),
            contract: contract_proto(&self.contract),
            execution: Some(execution_to_proto(&self.execution)),
        }
    }
    /// As the official decoder: the `…ProtoBuf` callback alone without the
    /// contract or the execution; no request id is -1.
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        let (Some(c), Some(e)) = (&p.contract, &p.execution) else {
            return Ok(None);
        };
        Ok(Some(ExecutionData {
            req_id: p.req_id.unwrap_or(crate::errors::NO_VALID_ID),
            contract: proto_in::contract(c),
            execution: proto_in::execution(e),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.execution_details_proto_buf(p);
    }
}
