//! Orders, executions and commissions: placeOrder, cancelOrder, the open
//! order stream, completed orders, executions and commission reports.
//!
//! The long messages have their own files: [`place_order`] (the request with
//! every version gate of the official client) and [`open_order`] (`openOrder`
//! and `completedOrder`, which share the official order decoder's field
//! groups). Order conditions are encoded in [`conditions`]. Everything else,
//! short and flat, is here.
//!
//! Text fields of the order messages are not escaped by the official decoder
//! (it reads them as plain UTF-8), so they are read and written as is.

pub mod conditions;
mod groups;
pub mod open_order;
pub mod place_order;
mod proto_forms;
pub mod proto_in;
pub mod proto_out;
mod refusals;

pub use open_order::{CompletedOrder, OpenOrder};
pub use place_order::PlaceOrder;

use super::account::responses::position_contract;
use super::connection::version_only;
use super::ids::{incoming, outgoing};
use super::layout::version;
use super::layout::{int_or_unset, refuse};
use super::layout::{list, Io, Layout};
use super::market_data::{dropped, ContractBlock};
use crate::messages::protobuf::{b, i, l};
use crate::messages::ProtoForm;
use crate::model::{
    CommissionAndFeesReport, Contract, Decimal, Execution, ExecutionFilter, OrderCancel,
};
use crate::model::{UNSET_DOUBLE, UNSET_INTEGER, UNSET_LONG};
use crate::proto;
use crate::protobuf_form;
use crate::server_versions::{
    MIN_SERVER_VER_CME_TAGGING_FIELDS, MIN_SERVER_VER_CUSTOMER_ACCOUNT,
    MIN_SERVER_VER_EXECUTION_DATA_CHAIN, MIN_SERVER_VER_LAST_LIQUIDITY,
    MIN_SERVER_VER_MANUAL_ORDER_TIME, MIN_SERVER_VER_MANUAL_ORDER_TIME_EXERCISE_OPTIONS,
    MIN_SERVER_VER_MARKET_CAP_PRICE, MIN_SERVER_VER_MODELS_SUPPORT,
    MIN_SERVER_VER_PARAMETRIZED_DAYS_OF_EXECUTIONS, MIN_SERVER_VER_PENDING_PRICE_REVISION,
    MIN_SERVER_VER_PROFESSIONAL_CUSTOMER, MIN_SERVER_VER_RFQ_FIELDS, MIN_SERVER_VER_SUBMITTER,
    MIN_SERVER_VER_TRADING_CLASS, MIN_SERVER_VER_UNDO_RFQ_FIELDS,
};
use crate::wire::{DecodeError, EncodeError};
use crate::{flat_message, layout_message};
use groups::Checked;
use prost::Message as _;

/// The refusal of the CME tagging fields below their server version.
fn check_cme_tagging(sv: i32, oc: &OrderCancel) -> Result<(), EncodeError> {
    refuse(
        sv < MIN_SERVER_VER_CME_TAGGING_FIELDS
            && (!oc.ext_operator.is_empty() || oc.manual_order_indicator != UNSET_INTEGER),
        " It does not support ext operator and manual order indicator parameters",
    )
}

/// The CME tagging fields of a cancellation: the ext operator and the
/// manual order indicator.
fn cme_tagging(io: &mut dyn Io, oc: &mut OrderCancel) -> Result<(), DecodeError> {
    io.ascii(&mut oc.ext_operator, "ext operator")?;
    int_or_unset(io, &mut oc.manual_order_indicator, "manual order indicator")
}

/// `cancelOrder`: cancel one order (text form; protobuf from server version 203).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CancelOrder {
    /// The order to cancel.
    pub order_id: i32,
    /// Regulatory attributes of the cancellation.
    pub order_cancel: OrderCancel,
}

impl Layout for CancelOrder {
    fn check(&self, sv: i32) -> Result<(), EncodeError> {
        let oc = &self.order_cancel;
        refuse(
            sv < MIN_SERVER_VER_MANUAL_ORDER_TIME && !oc.manual_order_cancel_time.is_empty(),
            "  It does not support manual order cancel time attribute",
        )?;
        check_cme_tagging(sv, oc)
    }

    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let sv = io.sv();
        let oc = &mut self.order_cancel;
        if sv < MIN_SERVER_VER_CME_TAGGING_FIELDS {
            version(io, 1)?;
        }
        io.int(&mut self.order_id, "order id")?;
        if sv >= MIN_SERVER_VER_MANUAL_ORDER_TIME {
            io.ascii(&mut oc.manual_order_cancel_time, "manual order cancel time")?;
        }
        if (MIN_SERVER_VER_RFQ_FIELDS..MIN_SERVER_VER_UNDO_RFQ_FIELDS).contains(&sv) {
            io.skip("rfq 1")?;
            io.skip("rfq 2")?;
            dropped(io, UNSET_INTEGER, "rfq 3")?;
        }
        if sv >= MIN_SERVER_VER_CME_TAGGING_FIELDS {
            cme_tagging(io, oc)?;
        }
        Ok(())
    }
}

layout_message!(CancelOrder = outgoing::CANCEL_ORDER, impl {
    const PROTOBUF_SINCE: Option<i32> = outgoing::protobuf_since(outgoing::CANCEL_ORDER);

    fn encode_protobuf(&self, _sv: i32, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        let p = proto::CancelOrderRequest {
            order_id: (self.order_id != UNSET_INTEGER).then_some(self.order_id),
            order_cancel: Some(proto_out::order_cancel_to_proto(&self.order_cancel)),
        };
        p.encode(out)
            .map_err(|_| EncodeError::Unsupported("protobuf encoding failed"))
    }

    fn decode_protobuf(_sv: i32, body: &[u8]) -> Result<Self, DecodeError> {
        let p = proto::CancelOrderRequest::decode(body)
            .map_err(|e| DecodeError::Protobuf(e.to_string()))?;
        Ok(CancelOrder {
            // The encoder leaves an unset id out; the inverse reads it back unset.
            order_id: p.order_id.unwrap_or(UNSET_INTEGER),
            order_cancel: proto_in::order_cancel(p.order_cancel.as_ref()),
        })
    }
});

/// `reqGlobalCancel`: cancel every open order (text form; protobuf from
/// server version 203).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReqGlobalCancel {
    /// Regulatory attributes of the cancellation.
    pub order_cancel: OrderCancel,
}

impl Layout for ReqGlobalCancel {
    fn check(&self, sv: i32) -> Result<(), EncodeError> {
        check_cme_tagging(sv, &self.order_cancel)
    }

    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        if io.sv() < MIN_SERVER_VER_CME_TAGGING_FIELDS {
            version(io, 1)
        } else {
            cme_tagging(io, &mut self.order_cancel)
        }
    }
}

layout_message!(ReqGlobalCancel = outgoing::REQ_GLOBAL_CANCEL, impl {
    const PROTOBUF_SINCE: Option<i32> = outgoing::protobuf_since(outgoing::REQ_GLOBAL_CANCEL);

    fn encode_protobuf(&self, _sv: i32, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        let p = proto::GlobalCancelRequest {
            order_cancel: Some(proto_out::order_cancel_to_proto(&self.order_cancel)),
        };
        p.encode(out)
            .map_err(|_| EncodeError::Unsupported("protobuf encoding failed"))
    }

    fn decode_protobuf(_sv: i32, body: &[u8]) -> Result<Self, DecodeError> {
        let p = proto::GlobalCancelRequest::decode(body)
            .map_err(|e| DecodeError::Protobuf(e.to_string()))?;
        Ok(ReqGlobalCancel {
            order_cancel: proto_in::order_cancel(p.order_cancel.as_ref()),
        })
    }
});

version_only!(
    /// `reqOpenOrders`: the open orders of this client (client 0: also TWS's).
    ReqOpenOrders = outgoing::REQ_OPEN_ORDERS,
    impl { protobuf_form!(outgoing::protobuf_since); }
);
version_only!(
    /// `reqAllOpenOrders`: the open orders of every client and of TWS.
    ReqAllOpenOrders = outgoing::REQ_ALL_OPEN_ORDERS,
    impl { protobuf_form!(outgoing::protobuf_since); }
);

crate::empty_proto_form! {
    ReqOpenOrders => OpenOrdersRequest;
    ReqAllOpenOrders => AllOpenOrdersRequest;
}

impl ProtoForm for ReqAutoOpenOrders {
    type Proto = proto::AutoOpenOrdersRequest;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::AutoOpenOrdersRequest {
            auto_bind: b(self.auto_bind),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqAutoOpenOrders {
            auto_bind: p.auto_bind.unwrap_or(false),
        }))
    }
}

impl ProtoForm for ReqCompletedOrders {
    type Proto = proto::CompletedOrdersRequest;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::CompletedOrdersRequest {
            api_only: b(self.api_only),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqCompletedOrders {
            api_only: p.api_only.unwrap_or(false),
        }))
    }
}
version_only!(
    /// `openOrderEnd`: the end of the open orders sent for a request.
    OpenOrderEnd = incoming::OPEN_ORDER_END,
    impl { crate::protobuf_form!(incoming::protobuf_since); }
);

flat_message! {
    /// `reqAutoOpenOrders`: bind orders created in TWS to this client (client 0 only).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct ReqAutoOpenOrders = outgoing::REQ_AUTO_OPEN_ORDERS {
        version 1;
        /// Bind new TWS orders to this client.
        pub auto_bind: bool = Bool,
    }
    impl { protobuf_form!(outgoing::protobuf_since); }
}

flat_message! {
    /// `reqCompletedOrders`: today's filled and cancelled orders.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct ReqCompletedOrders = outgoing::REQ_COMPLETED_ORDERS {
        /// Only orders placed through the API.
        pub api_only: bool = Bool,
    }
    impl { protobuf_form!(outgoing::protobuf_since); }
}

/// `completedOrdersEnd`: the end of the answer to `reqCompletedOrders`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CompletedOrdersEnd;

impl Layout for CompletedOrdersEnd {
    /// No fields.
    fn layout(&mut self, _io: &mut dyn Io) -> Result<(), DecodeError> {
        Ok(())
    }
}

layout_message!(CompletedOrdersEnd = incoming::COMPLETED_ORDERS_END, impl {
    protobuf_form!(incoming::protobuf_since);
});

impl ProtoForm for CompletedOrdersEnd {
    type Proto = proto::CompletedOrdersEnd;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::CompletedOrdersEnd {}
    }
    fn from_proto(_sv: i32, _p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(CompletedOrdersEnd))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn crate::EWrapper) {
        w.completed_orders_end_proto_buf(p);
    }
}

/// `reqExecutions` (message version 3): the executions matching a filter
/// (text form; protobuf from server version 201).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReqExecutions {
    /// Echoed by `execDetails` and `execDetailsEnd`.
    pub req_id: i32,
    /// Which executions.
    pub filter: ExecutionFilter,
}

impl Layout for ReqExecutions {
    fn check(&self, sv: i32) -> Result<(), EncodeError> {
        let f = &self.filter;
        refuse(
            sv < MIN_SERVER_VER_PARAMETRIZED_DAYS_OF_EXECUTIONS
                && (f.last_n_days != UNSET_INTEGER || !f.specific_dates.is_empty()),
            "  It does not support last N days and specific dates parameters",
        )
    }

    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let sv = io.sv();
        let f = &mut self.filter;
        version(io, 3)?;
        if sv >= MIN_SERVER_VER_EXECUTION_DATA_CHAIN {
            io.int(&mut self.req_id, "req id")?;
        }
        io.int(&mut f.client_id, "client id")?;
        io.ascii(&mut f.acct_code, "acct code")?;
        io.ascii(&mut f.time, "time")?;
        io.ascii(&mut f.symbol, "symbol")?;
        io.ascii(&mut f.sec_type, "sec type")?;
        io.ascii(&mut f.exchange, "exchange")?;
        io.ascii(&mut f.side, "side")?;
        if sv >= MIN_SERVER_VER_PARAMETRIZED_DAYS_OF_EXECUTIONS {
            int_or_unset(io, &mut f.last_n_days, "last n days")?;
            list(
                io,
                &mut f.specific_dates,
                "specific dates count",
                |io, d| {
                    io.int(d, "specific date")?;
                    Ok(())
                },
            )?;
        }
        Ok(())
    }
}

layout_message!(ReqExecutions = outgoing::REQ_EXECUTIONS, impl {
    const PROTOBUF_SINCE: Option<i32> = outgoing::protobuf_since(outgoing::REQ_EXECUTIONS);

    fn encode_protobuf(&self, _sv: i32, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        let p = proto::ExecutionRequest {
            req_id: (self.req_id != UNSET_INTEGER).then_some(self.req_id),
            execution_filter: Some(proto_out::filter_to_proto(&self.filter)),
        };
        p.encode(out)
            .map_err(|_| EncodeError::Unsupported("protobuf encoding failed"))
    }

    fn decode_protobuf(_sv: i32, body: &[u8]) -> Result<Self, DecodeError> {
        let p = proto::ExecutionRequest::decode(body)
            .map_err(|e| DecodeError::Protobuf(e.to_string()))?;
        Ok(ReqExecutions {
            req_id: p.req_id.unwrap_or(UNSET_INTEGER),
            filter: proto_in::filter(p.execution_filter.as_ref()),
        })
    }
});

/// `exerciseOptions` (message version 2): exercise or let lapse an option position.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExerciseOptions {
    /// Request id (errors come back under it).
    pub req_id: i32,
    /// The option.
    pub contract: Contract,
    /// 1 exercise, 2 lapse.
    pub exercise_action: i32,
    /// Number of contracts.
    pub exercise_quantity: i32,
    /// The account.
    pub account: String,
    /// 1 to override the system's natural action, else 0.
    pub override_: i32,
    /// Manual order time (regulatory).
    pub manual_order_time: String,
    /// Customer account (regulatory).
    pub customer_account: String,
    /// Professional customer (regulatory).
    pub professional_customer: bool,
}

impl Layout for ExerciseOptions {
    fn check(&self, sv: i32) -> Result<(), EncodeError> {
        let c = &self.contract;
        refuse(
            sv < MIN_SERVER_VER_TRADING_CLASS && (!c.trading_class.is_empty() || c.con_id > 0),
            "  It does not support conId and tradingClass parameters in exerciseOptions.",
        )?;
        refuse(
            sv < MIN_SERVER_VER_MANUAL_ORDER_TIME_EXERCISE_OPTIONS
                && !self.manual_order_time.is_empty(),
            "  It does not support manual order time parameter in exerciseOptions.",
        )?;
        refuse(
            sv < MIN_SERVER_VER_CUSTOMER_ACCOUNT && !self.customer_account.is_empty(),
            "  It does not support customer account parameter in exerciseOptions.",
        )?;
        refuse(
            sv < MIN_SERVER_VER_PROFESSIONAL_CUSTOMER && self.professional_customer,
            "  It does not support professional customer parameter in exerciseOptions.",
        )
    }

    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        // A request: its text is the client's.
        let io = &mut Checked(io);
        let sv = io.sv();
        version(io, 2)?;
        io.int(&mut self.req_id, "req id")?;
        let trading_class = sv >= MIN_SERVER_VER_TRADING_CLASS;
        ContractBlock {
            con_id: trading_class,
            primary_exchange: false,
            trading_class,
        }
        .layout(io, &mut self.contract)?;
        io.int(&mut self.exercise_action, "exercise action")?;
        io.int(&mut self.exercise_quantity, "exercise quantity")?;
        io.ascii(&mut self.account, "account")?;
        io.int(&mut self.override_, "override")?;
        if sv >= MIN_SERVER_VER_MANUAL_ORDER_TIME_EXERCISE_OPTIONS {
            io.ascii(&mut self.manual_order_time, "manual order time")?;
        }
        if sv >= MIN_SERVER_VER_CUSTOMER_ACCOUNT {
            io.ascii(&mut self.customer_account, "customer account")?;
        }
        if sv >= MIN_SERVER_VER_PROFESSIONAL_CUSTOMER {
            io.boolean(&mut self.professional_customer, "professional customer")?;
        }
        Ok(())
    }
}

layout_message!(ExerciseOptions = outgoing::EXERCISE_OPTIONS, impl { crate::protobuf_form!(outgoing::protobuf_since); });

/// `orderStatus`: the status of an order changed (or was asked for).
#[derive(Debug, Clone, PartialEq)]
pub struct OrderStatus {
    /// The order id.
    pub order_id: i32,
    /// `PreSubmitted`, `Submitted`, `Filled`, `Cancelled`, …
    pub status: String,
    /// Quantity filled so far.
    pub filled: Decimal,
    /// Quantity still to fill.
    pub remaining: Decimal,
    /// Average price of the fills.
    pub avg_fill_price: f64,
    /// TWS's permanent order id.
    pub perm_id: i64,
    /// The parent order's id (0 for none).
    pub parent_id: i32,
    /// Price of the last fill.
    pub last_fill_price: f64,
    /// The client that placed the order.
    pub client_id: i32,
    /// Why the order is held, if it is.
    pub why_held: String,
    /// Price cap of a market order (server version 131 on).
    pub mkt_cap_price: f64,
}

impl Default for OrderStatus {
    fn default() -> Self {
        OrderStatus {
            order_id: 0,
            status: String::new(),
            filled: Decimal::ZERO,
            remaining: Decimal::ZERO,
            avg_fill_price: 0.0,
            perm_id: 0,
            parent_id: 0,
            last_fill_price: 0.0,
            client_id: 0,
            why_held: String::new(),
            mkt_cap_price: 0.0,
        }
    }
}

impl Layout for OrderStatus {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let sv = io.sv();
        if sv < MIN_SERVER_VER_MARKET_CAP_PRICE {
            version(io, 6)?;
        }
        io.int(&mut self.order_id, "order id")?;
        io.text(&mut self.status, "status")?;
        io.decimal(&mut self.filled, "filled")?;
        io.decimal(&mut self.remaining, "remaining")?;
        io.float(&mut self.avg_fill_price, "avg fill price")?;
        io.long(&mut self.perm_id, "perm id")?;
        io.int(&mut self.parent_id, "parent id")?;
        io.float(&mut self.last_fill_price, "last fill price")?;
        io.int(&mut self.client_id, "client id")?;
        io.text(&mut self.why_held, "why held")?;
        if sv >= MIN_SERVER_VER_MARKET_CAP_PRICE {
            io.float(&mut self.mkt_cap_price, "mkt cap price")?;
        } else if io.reading() {
            // The official decoder passes None; the callback takes a float.
            self.mkt_cap_price = UNSET_DOUBLE;
        }
        Ok(())
    }
}

layout_message!(OrderStatus = incoming::ORDER_STATUS, impl { crate::protobuf_form!(incoming::protobuf_since); });

flat_message! {
    /// `orderBound`: an order placed in TWS was bound to an API client and id.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct OrderBound = incoming::ORDER_BOUND {
        /// TWS's permanent order id.
        pub perm_id: i64 = Int,
        /// The API client id it was bound to.
        pub client_id: i32 = Int,
        /// The API order id it was given.
        pub order_id: i32 = Int,
    }
    impl { protobuf_form!(incoming::protobuf_since); }
}

impl ProtoForm for OrderBound {
    type Proto = proto::OrderBound;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::OrderBound {
            perm_id: l(self.perm_id),
            client_id: i(self.client_id),
            order_id: i(self.order_id),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(OrderBound {
            perm_id: p.perm_id.unwrap_or(UNSET_LONG),
            client_id: p.client_id.unwrap_or(UNSET_INTEGER),
            order_id: p.order_id.unwrap_or(UNSET_INTEGER),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn crate::EWrapper) {
        w.order_bound_proto_buf(p);
    }
}

/// `execDetails`: one execution (fill), for `reqExecutions` (with its request
/// id) or as it happens (request id −1).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExecutionData {
    /// The `reqExecutions` id, or −1 for a live fill.
    pub req_id: i32,
    /// The instrument.
    pub contract: Contract,
    /// The fill (its `order_id` is the message's order id).
    pub execution: Execution,
}

/// The message version TWS writes on `execDetails` before server version 136.
const EXEC_DETAILS_VERSION: i32 = 10;

impl Layout for ExecutionData {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let sv = io.sv();
        let mut version = EXEC_DETAILS_VERSION;
        if sv < MIN_SERVER_VER_LAST_LIQUIDITY {
            io.int(&mut version, "version")?;
        } else {
            version = sv;
        }
        if version >= 7 {
            io.int(&mut self.req_id, "req id")?;
        } else if io.reading() {
            self.req_id = -1;
        }
        let e = &mut self.execution;
        io.int(&mut e.order_id, "order id")?;
        position_contract(io, &mut self.contract, version >= 9, version >= 10)?;
        io.text(&mut e.exec_id, "exec id")?;
        io.text(&mut e.time, "time")?;
        io.text(&mut e.acct_number, "acct number")?;
        io.text(&mut e.exchange, "exec exchange")?;
        io.text(&mut e.side, "side")?;
        io.decimal(&mut e.shares, "shares")?;
        io.float(&mut e.price, "price")?;
        io.long(&mut e.perm_id, "perm id")?;
        io.int(&mut e.client_id, "client id")?;
        io.int(&mut e.liquidation, "liquidation")?;
        if version >= 6 {
            io.decimal(&mut e.cum_qty, "cum qty")?;
            io.float(&mut e.avg_price, "avg price")?;
        }
        if version >= 8 {
            io.text(&mut e.order_ref, "order ref")?;
        }
        if version >= 9 {
            io.text(&mut e.ev_rule, "ev rule")?;
            io.float(&mut e.ev_multiplier, "ev multiplier")?;
        }
        if sv >= MIN_SERVER_VER_MODELS_SUPPORT {
            io.text(&mut e.model_code, "model code")?;
        }
        if sv >= MIN_SERVER_VER_LAST_LIQUIDITY {
            io.int(&mut e.last_liquidity, "last liquidity")?;
        }
        if sv >= MIN_SERVER_VER_PENDING_PRICE_REVISION {
            io.boolean(&mut e.pending_price_revision, "pending price revision")?;
        }
        if sv >= MIN_SERVER_VER_SUBMITTER {
            io.text(&mut e.submitter, "submitter")?;
        }
        Ok(())
    }
}

layout_message!(ExecutionData = incoming::EXECUTION_DATA, impl { crate::protobuf_form!(incoming::protobuf_since); });

flat_message! {
    /// `execDetailsEnd`: the end of the answer to `reqExecutions`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct ExecutionDataEnd = incoming::EXECUTION_DATA_END {
        version 1;
        /// The `reqExecutions` id.
        pub req_id: i32 = Int,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

/// `commissionAndFeesReport`: the commission of one execution, sent after its
/// `execDetails`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CommissionAndFeesReportMsg {
    /// The report.
    pub report: CommissionAndFeesReport,
}

impl Layout for CommissionAndFeesReportMsg {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let c = &mut self.report;
        version(io, 1)?;
        io.text(&mut c.exec_id, "exec id")?;
        io.float(&mut c.commission_and_fees, "commission and fees")?;
        io.text(&mut c.currency, "currency")?;
        io.float(&mut c.realized_pnl, "realized pnl")?;
        io.float(&mut c.yield_, "yield")?;
        io.int(&mut c.yield_redemption_date, "yield redemption date")
    }
}

layout_message!(CommissionAndFeesReportMsg = incoming::COMMISSION_AND_FEES_REPORT, impl { crate::protobuf_form!(incoming::protobuf_since); });

#[cfg(test)]
mod tests;

mod deliver {
    //! How the order, execution and commission messages reach the
    //! `EWrapper`, in both forms: the protobuf form goes to its `…ProtoBuf`
    //! callback first and then, converted, to the ordinary one, as the
    //! official decoder does (`openOrder` and `execDetails` are skipped
    //! there when the message lacks its contract, order or state).
    use super::*;
    use crate::messages::incoming::Incoming;
    use crate::messages::route::{RequestKey, Route};
    use crate::EWrapper;

    /// Who hears about an order's status and its open order: the order's
    /// waiter and the open-orders requests.
    fn order_route(order_id: i32) -> Route {
        Route::of(&[
            RequestKey::Request(outgoing::REQ_OPEN_ORDERS),
            RequestKey::Request(outgoing::REQ_ALL_OPEN_ORDERS),
            RequestKey::Order(order_id),
        ])
    }

    const OPEN_ORDERS_END: Route =
        Route::requests(&[outgoing::REQ_OPEN_ORDERS, outgoing::REQ_ALL_OPEN_ORDERS]).ending();

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

    impl Incoming for OrderStatus {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            deliver_order_status(w, self);
            Ok(())
        }
        fn route(&self) -> Route {
            order_route(self.order_id)
        }
    }

    impl Incoming for OpenOrder {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.open_order(
                self.callback_order_id.unwrap_or(self.order.order_id),
                &self.contract,
                &self.order,
                &self.order_state,
            );
            Ok(())
        }
        fn route(&self) -> Route {
            order_route(self.order.order_id)
        }
    }

    impl Incoming for OpenOrderEnd {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.open_order_end();
            Ok(())
        }
        fn route(&self) -> Route {
            OPEN_ORDERS_END
        }
    }

    impl Incoming for OrderBound {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.order_bound(self.perm_id, self.client_id, self.order_id);
            Ok(())
        }
    }

    impl Incoming for CompletedOrder {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.completed_order(&self.contract, &self.order, &self.order_state);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::requests(&[outgoing::REQ_COMPLETED_ORDERS])
        }
    }

    impl Incoming for CompletedOrdersEnd {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.completed_orders_end();
            Ok(())
        }
        fn route(&self) -> Route {
            Route::requests(&[outgoing::REQ_COMPLETED_ORDERS]).ending()
        }
    }

    fn exec_route(req_id: i32, order_id: i32) -> Route {
        Route::of(&[RequestKey::Id(req_id), RequestKey::Order(order_id)])
    }

    impl Incoming for ExecutionData {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.exec_details(self.req_id, &self.contract, &self.execution);
            Ok(())
        }
        fn route(&self) -> Route {
            exec_route(self.req_id, self.execution.order_id)
        }
    }

    impl Incoming for ExecutionDataEnd {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.exec_details_end(self.req_id);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id).ending()
        }
    }

    impl Incoming for CommissionAndFeesReportMsg {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.commission_and_fees_report(&self.report);
            Ok(())
        }
    }
}
