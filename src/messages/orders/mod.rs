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
pub mod proto_in;
mod refusals;

pub use open_order::{CompletedOrder, OpenOrder};
pub use place_order::PlaceOrder;

use super::ids::{incoming, outgoing};
use super::Message;
use crate::model::{
    CommissionAndFeesReport, Contract, Decimal, Execution, ExecutionFilter, OrderCancel,
};
use crate::model::{UNSET_DOUBLE, UNSET_INTEGER};
use crate::proto;
use crate::server_versions::{
    MIN_SERVER_VER_CME_TAGGING_FIELDS, MIN_SERVER_VER_CUSTOMER_ACCOUNT,
    MIN_SERVER_VER_EXECUTION_DATA_CHAIN, MIN_SERVER_VER_LAST_LIQUIDITY,
    MIN_SERVER_VER_MANUAL_ORDER_TIME, MIN_SERVER_VER_MANUAL_ORDER_TIME_EXERCISE_OPTIONS,
    MIN_SERVER_VER_MARKET_CAP_PRICE, MIN_SERVER_VER_MODELS_SUPPORT,
    MIN_SERVER_VER_PARAMETRIZED_DAYS_OF_EXECUTIONS, MIN_SERVER_VER_PENDING_PRICE_REVISION,
    MIN_SERVER_VER_PROFESSIONAL_CUSTOMER, MIN_SERVER_VER_RFQ_FIELDS, MIN_SERVER_VER_SUBMITTER,
    MIN_SERVER_VER_TRADING_CLASS, MIN_SERVER_VER_UNDO_RFQ_FIELDS,
};
use crate::wire::{DecodeError, EncodeError, FieldReader, FieldWriter};
use prost::Message as _;

/// `cancelOrder`: cancel one order (text form; protobuf from server version 203).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CancelOrder {
    /// The order to cancel.
    pub order_id: i32,
    /// Regulatory attributes of the cancellation.
    pub order_cancel: OrderCancel,
}

impl Message for CancelOrder {
    const ID: u32 = outgoing::CANCEL_ORDER;
    const PROTOBUF_SINCE: Option<i32> = outgoing::protobuf_since(outgoing::CANCEL_ORDER);

    fn encode_protobuf(&self, _sv: i32, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        let p = proto::CancelOrderRequest {
            order_id: (self.order_id != UNSET_INTEGER).then_some(self.order_id),
            order_cancel: Some(proto_in::order_cancel_to_proto(&self.order_cancel)),
        };
        p.encode(out)
            .map_err(|_| EncodeError::Unsupported("protobuf encoding failed"))
    }

    fn decode_protobuf(_sv: i32, body: &[u8]) -> Result<Self, DecodeError> {
        let p = proto::CancelOrderRequest::decode(body)
            .map_err(|e| DecodeError::Protobuf(e.to_string()))?;
        Ok(CancelOrder {
            order_id: p.order_id.unwrap_or(0),
            order_cancel: proto_in::order_cancel(p.order_cancel.as_ref()),
        })
    }

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        let oc = &self.order_cancel;
        if sv < MIN_SERVER_VER_MANUAL_ORDER_TIME && !oc.manual_order_cancel_time.is_empty() {
            return Err(EncodeError::UpdateTws(
                "  It does not support manual order cancel time attribute",
            ));
        }
        if sv < MIN_SERVER_VER_CME_TAGGING_FIELDS
            && (!oc.ext_operator.is_empty() || oc.manual_order_indicator != UNSET_INTEGER)
        {
            return Err(EncodeError::UpdateTws(
                " It does not support ext operator and manual order indicator parameters",
            ));
        }
        if sv < MIN_SERVER_VER_CME_TAGGING_FIELDS {
            w.put_int(1);
        }
        w.put_int(self.order_id);
        if sv >= MIN_SERVER_VER_MANUAL_ORDER_TIME {
            w.put_str(&oc.manual_order_cancel_time);
        }
        if (MIN_SERVER_VER_RFQ_FIELDS..MIN_SERVER_VER_UNDO_RFQ_FIELDS).contains(&sv) {
            w.put_str("");
            w.put_str("");
            w.put_int(UNSET_INTEGER);
        }
        if sv >= MIN_SERVER_VER_CME_TAGGING_FIELDS {
            w.put_str(&oc.ext_operator);
            w.put_int(oc.manual_order_indicator);
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        if sv < MIN_SERVER_VER_CME_TAGGING_FIELDS {
            r.skip("version")?;
        }
        let order_id = r.read_int_named("order id")?;
        let mut oc = OrderCancel::default();
        if sv >= MIN_SERVER_VER_MANUAL_ORDER_TIME {
            oc.manual_order_cancel_time = r.read_string("manual order cancel time")?;
        }
        if (MIN_SERVER_VER_RFQ_FIELDS..MIN_SERVER_VER_UNDO_RFQ_FIELDS).contains(&sv) {
            r.skip("rfq 1")?;
            r.skip("rfq 2")?;
            r.skip("rfq 3")?;
        }
        if sv >= MIN_SERVER_VER_CME_TAGGING_FIELDS {
            oc.ext_operator = r.read_string("ext operator")?;
            oc.manual_order_indicator = r.read_i32_max("manual order indicator")?;
        }
        Ok(CancelOrder {
            order_id,
            order_cancel: oc,
        })
    }
}

/// `reqGlobalCancel`: cancel every open order (text form; protobuf from
/// server version 203).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReqGlobalCancel {
    /// Regulatory attributes of the cancellation.
    pub order_cancel: OrderCancel,
}

impl Message for ReqGlobalCancel {
    const ID: u32 = outgoing::REQ_GLOBAL_CANCEL;
    const PROTOBUF_SINCE: Option<i32> = outgoing::protobuf_since(outgoing::REQ_GLOBAL_CANCEL);

    fn encode_protobuf(&self, _sv: i32, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        let p = proto::GlobalCancelRequest {
            order_cancel: Some(proto_in::order_cancel_to_proto(&self.order_cancel)),
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

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        let oc = &self.order_cancel;
        if sv < MIN_SERVER_VER_CME_TAGGING_FIELDS
            && (!oc.ext_operator.is_empty() || oc.manual_order_indicator != UNSET_INTEGER)
        {
            return Err(EncodeError::UpdateTws(
                " It does not support ext operator and manual order indicator parameters",
            ));
        }
        if sv < MIN_SERVER_VER_CME_TAGGING_FIELDS {
            w.put_int(1);
        } else {
            w.put_str(&oc.ext_operator);
            w.put_int(oc.manual_order_indicator);
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let mut oc = OrderCancel::default();
        if sv < MIN_SERVER_VER_CME_TAGGING_FIELDS {
            r.skip("version")?;
        } else {
            oc.ext_operator = r.read_string("ext operator")?;
            oc.manual_order_indicator = r.read_i32_max("manual order indicator")?;
        }
        Ok(ReqGlobalCancel { order_cancel: oc })
    }
}

macro_rules! version_only {
    ($(#[$doc:meta])* $name:ident = $id:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub struct $name;

        impl Message for $name {
            const ID: u32 = $id;

            fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
                w.put_int(1);
                Ok(())
            }

            fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
                r.skip("version")?;
                Ok($name)
            }
        }
    };
}

version_only!(
    /// `reqOpenOrders`: the open orders of this client (client 0: also TWS's).
    ReqOpenOrders = outgoing::REQ_OPEN_ORDERS
);
version_only!(
    /// `reqAllOpenOrders`: the open orders of every client and of TWS.
    ReqAllOpenOrders = outgoing::REQ_ALL_OPEN_ORDERS
);
version_only!(
    /// `openOrderEnd`: the end of the open orders sent for a request.
    OpenOrderEnd = incoming::OPEN_ORDER_END
);

/// `reqAutoOpenOrders`: bind orders created in TWS to this client (client 0 only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReqAutoOpenOrders {
    /// Bind new TWS orders to this client.
    pub auto_bind: bool,
}

impl Message for ReqAutoOpenOrders {
    const ID: u32 = outgoing::REQ_AUTO_OPEN_ORDERS;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        w.put_bool(self.auto_bind);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(ReqAutoOpenOrders {
            auto_bind: r.read_bool("auto bind")?,
        })
    }
}

/// `reqCompletedOrders`: today's filled and cancelled orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReqCompletedOrders {
    /// Only orders placed through the API.
    pub api_only: bool,
}

impl Message for ReqCompletedOrders {
    const ID: u32 = outgoing::REQ_COMPLETED_ORDERS;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_bool(self.api_only);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(ReqCompletedOrders {
            api_only: r.read_bool("api only")?,
        })
    }
}

/// `completedOrdersEnd`: the end of the answer to `reqCompletedOrders`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CompletedOrdersEnd;

impl Message for CompletedOrdersEnd {
    const ID: u32 = incoming::COMPLETED_ORDERS_END;

    fn encode(&self, _sv: i32, _w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        Ok(())
    }

    fn decode(_sv: i32, _r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(CompletedOrdersEnd)
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

impl Message for ReqExecutions {
    const ID: u32 = outgoing::REQ_EXECUTIONS;
    const PROTOBUF_SINCE: Option<i32> = outgoing::protobuf_since(outgoing::REQ_EXECUTIONS);

    fn encode_protobuf(&self, _sv: i32, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        let p = proto::ExecutionRequest {
            req_id: (self.req_id != UNSET_INTEGER).then_some(self.req_id),
            execution_filter: Some(proto_in::filter_to_proto(&self.filter)),
        };
        p.encode(out)
            .map_err(|_| EncodeError::Unsupported("protobuf encoding failed"))
    }

    fn decode_protobuf(_sv: i32, body: &[u8]) -> Result<Self, DecodeError> {
        let p = proto::ExecutionRequest::decode(body)
            .map_err(|e| DecodeError::Protobuf(e.to_string()))?;
        Ok(ReqExecutions {
            req_id: p.req_id.unwrap_or(0),
            filter: proto_in::filter(p.execution_filter.as_ref()),
        })
    }

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        let f = &self.filter;
        if sv < MIN_SERVER_VER_PARAMETRIZED_DAYS_OF_EXECUTIONS
            && (f.last_n_days != UNSET_INTEGER || !f.specific_dates.is_empty())
        {
            return Err(EncodeError::UpdateTws(
                "  It does not support last N days and specific dates parameters",
            ));
        }
        w.put_int(3);
        if sv >= MIN_SERVER_VER_EXECUTION_DATA_CHAIN {
            w.put_int(self.req_id);
        }
        w.put_int(f.client_id);
        w.put_str(&f.acct_code);
        w.put_str(&f.time);
        w.put_str(&f.symbol);
        w.put_str(&f.sec_type);
        w.put_str(&f.exchange);
        w.put_str(&f.side);
        if sv >= MIN_SERVER_VER_PARAMETRIZED_DAYS_OF_EXECUTIONS {
            w.put_int(f.last_n_days);
            w.put_int(f.specific_dates.len() as i64);
            for d in &f.specific_dates {
                w.put_int(*d);
            }
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        let req_id = if sv >= MIN_SERVER_VER_EXECUTION_DATA_CHAIN {
            r.read_int_named("req id")?
        } else {
            0
        };
        let mut f = ExecutionFilter {
            client_id: r.read_int_named("client id")?,
            acct_code: r.read_string("acct code")?,
            time: r.read_string("time")?,
            symbol: r.read_string("symbol")?,
            sec_type: r.read_string("sec type")?,
            exchange: r.read_string("exchange")?,
            side: r.read_string("side")?,
            ..ExecutionFilter::default()
        };
        if sv >= MIN_SERVER_VER_PARAMETRIZED_DAYS_OF_EXECUTIONS {
            f.last_n_days = r.read_i32_max("last n days")?;
            let n: u16 = r.read_int_named("specific dates count")?;
            for _ in 0..n {
                f.specific_dates.push(r.read_int_named("specific date")?);
            }
        }
        Ok(ReqExecutions { req_id, filter: f })
    }
}

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

impl Message for ExerciseOptions {
    const ID: u32 = outgoing::EXERCISE_OPTIONS;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        let c = &self.contract;
        if sv < MIN_SERVER_VER_TRADING_CLASS && (!c.trading_class.is_empty() || c.con_id > 0) {
            return Err(EncodeError::UpdateTws(
                "  It does not support conId and tradingClass parameters in exerciseOptions.",
            ));
        }
        if sv < MIN_SERVER_VER_MANUAL_ORDER_TIME_EXERCISE_OPTIONS
            && !self.manual_order_time.is_empty()
        {
            return Err(EncodeError::UpdateTws(
                "  It does not support manual order time parameter in exerciseOptions.",
            ));
        }
        if sv < MIN_SERVER_VER_CUSTOMER_ACCOUNT && !self.customer_account.is_empty() {
            return Err(EncodeError::UpdateTws(
                "  It does not support customer account parameter in exerciseOptions.",
            ));
        }
        if sv < MIN_SERVER_VER_PROFESSIONAL_CUSTOMER && self.professional_customer {
            return Err(EncodeError::UpdateTws(
                "  It does not support professional customer parameter in exerciseOptions.",
            ));
        }
        w.put_int(2);
        w.put_int(self.req_id);
        if sv >= MIN_SERVER_VER_TRADING_CLASS {
            w.put_int(c.con_id);
        }
        w.put_str(&c.symbol);
        w.put_str(&c.sec_type);
        w.put_str(&c.last_trade_date_or_contract_month);
        w.put_f64_max(c.strike);
        w.put_str(&c.right);
        w.put_str(&c.multiplier);
        w.put_str(&c.exchange);
        w.put_str(&c.currency);
        w.put_str(&c.local_symbol);
        if sv >= MIN_SERVER_VER_TRADING_CLASS {
            w.put_str(&c.trading_class);
        }
        w.put_int(self.exercise_action);
        w.put_int(self.exercise_quantity);
        w.put_str(&self.account);
        w.put_int(self.override_);
        if sv >= MIN_SERVER_VER_MANUAL_ORDER_TIME_EXERCISE_OPTIONS {
            w.put_str(&self.manual_order_time);
        }
        if sv >= MIN_SERVER_VER_CUSTOMER_ACCOUNT {
            w.put_str(&self.customer_account);
        }
        if sv >= MIN_SERVER_VER_PROFESSIONAL_CUSTOMER {
            w.put_bool(self.professional_customer);
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        let req_id = r.read_int_named("req id")?;
        let mut c = Contract::default();
        if sv >= MIN_SERVER_VER_TRADING_CLASS {
            c.con_id = r.read_int_named("con id")?;
        }
        c.symbol = r.read_string("symbol")?;
        c.sec_type = r.read_string("sec type")?;
        c.last_trade_date_or_contract_month = r.read_string("last trade date")?;
        c.strike = r.read_f64_max("strike")?;
        c.right = r.read_string("right")?;
        c.multiplier = r.read_string("multiplier")?;
        c.exchange = r.read_string("exchange")?;
        c.currency = r.read_string("currency")?;
        c.local_symbol = r.read_string("local symbol")?;
        if sv >= MIN_SERVER_VER_TRADING_CLASS {
            c.trading_class = r.read_string("trading class")?;
        }
        let mut m = ExerciseOptions {
            req_id,
            contract: c,
            exercise_action: r.read_int_named("exercise action")?,
            exercise_quantity: r.read_int_named("exercise quantity")?,
            account: r.read_string("account")?,
            override_: r.read_int_named("override")?,
            ..ExerciseOptions::default()
        };
        if sv >= MIN_SERVER_VER_MANUAL_ORDER_TIME_EXERCISE_OPTIONS {
            m.manual_order_time = r.read_string("manual order time")?;
        }
        if sv >= MIN_SERVER_VER_CUSTOMER_ACCOUNT {
            m.customer_account = r.read_string("customer account")?;
        }
        if sv >= MIN_SERVER_VER_PROFESSIONAL_CUSTOMER {
            m.professional_customer = r.read_bool("professional customer")?;
        }
        Ok(m)
    }
}

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

impl Message for OrderStatus {
    const ID: u32 = incoming::ORDER_STATUS;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        if sv < MIN_SERVER_VER_MARKET_CAP_PRICE {
            w.put_int(6);
        }
        w.put_int(self.order_id);
        w.put_str_raw(&self.status);
        w.put_decimal(self.filled);
        w.put_decimal(self.remaining);
        w.put_f64(self.avg_fill_price);
        w.put_int(self.perm_id);
        w.put_int(self.parent_id);
        w.put_f64(self.last_fill_price);
        w.put_int(self.client_id);
        w.put_str_raw(&self.why_held);
        if sv >= MIN_SERVER_VER_MARKET_CAP_PRICE {
            w.put_f64(self.mkt_cap_price);
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        if sv < MIN_SERVER_VER_MARKET_CAP_PRICE {
            r.skip("version")?;
        }
        Ok(OrderStatus {
            order_id: r.read_int_named("order id")?,
            status: r.read_string("status")?,
            filled: r.read_decimal("filled")?,
            remaining: r.read_decimal("remaining")?,
            avg_fill_price: r.read_f64("avg fill price")?,
            perm_id: r.read_int_named("perm id")?,
            parent_id: r.read_int_named("parent id")?,
            last_fill_price: r.read_f64("last fill price")?,
            client_id: r.read_int_named("client id")?,
            why_held: r.read_string("why held")?,
            mkt_cap_price: if sv >= MIN_SERVER_VER_MARKET_CAP_PRICE {
                r.read_f64("mkt cap price")?
            } else {
                // The official decoder passes None; the callback takes a float.
                UNSET_DOUBLE
            },
        })
    }
}

/// `orderBound`: an order placed in TWS was bound to an API client and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OrderBound {
    /// TWS's permanent order id.
    pub perm_id: i64,
    /// The API client id it was bound to.
    pub client_id: i32,
    /// The API order id it was given.
    pub order_id: i32,
}

impl Message for OrderBound {
    const ID: u32 = incoming::ORDER_BOUND;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.perm_id);
        w.put_int(self.client_id);
        w.put_int(self.order_id);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(OrderBound {
            perm_id: r.read_int_named("perm id")?,
            client_id: r.read_int_named("client id")?,
            order_id: r.read_int_named("order id")?,
        })
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

impl Message for ExecutionData {
    const ID: u32 = incoming::EXECUTION_DATA;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        let version = if sv < MIN_SERVER_VER_LAST_LIQUIDITY {
            w.put_int(EXEC_DETAILS_VERSION);
            EXEC_DETAILS_VERSION
        } else {
            sv
        };
        if version >= 7 {
            w.put_int(self.req_id);
        }
        let (c, e) = (&self.contract, &self.execution);
        w.put_int(e.order_id);
        w.put_int(c.con_id);
        w.put_str_raw(&c.symbol);
        w.put_str_raw(&c.sec_type);
        w.put_str_raw(&c.last_trade_date_or_contract_month);
        w.put_f64(c.strike);
        w.put_str_raw(&c.right);
        if version >= 9 {
            w.put_str_raw(&c.multiplier);
        }
        w.put_str_raw(&c.exchange);
        w.put_str_raw(&c.currency);
        w.put_str_raw(&c.local_symbol);
        if version >= 10 {
            w.put_str_raw(&c.trading_class);
        }
        w.put_str_raw(&e.exec_id);
        w.put_str_raw(&e.time);
        w.put_str_raw(&e.acct_number);
        w.put_str_raw(&e.exchange);
        w.put_str_raw(&e.side);
        w.put_decimal(e.shares);
        w.put_f64(e.price);
        w.put_int(e.perm_id);
        w.put_int(e.client_id);
        w.put_int(e.liquidation);
        if version >= 6 {
            w.put_decimal(e.cum_qty);
            w.put_f64(e.avg_price);
        }
        if version >= 8 {
            w.put_str_raw(&e.order_ref);
        }
        if version >= 9 {
            w.put_str_raw(&e.ev_rule);
            w.put_f64(e.ev_multiplier);
        }
        if sv >= MIN_SERVER_VER_MODELS_SUPPORT {
            w.put_str_raw(&e.model_code);
        }
        if sv >= MIN_SERVER_VER_LAST_LIQUIDITY {
            w.put_int(e.last_liquidity);
        }
        if sv >= MIN_SERVER_VER_PENDING_PRICE_REVISION {
            w.put_bool(e.pending_price_revision);
        }
        if sv >= MIN_SERVER_VER_SUBMITTER {
            w.put_str_raw(&e.submitter);
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let version = if sv < MIN_SERVER_VER_LAST_LIQUIDITY {
            r.read_int_named("version")?
        } else {
            sv
        };
        let req_id = if version >= 7 {
            r.read_int_named("req id")?
        } else {
            -1
        };
        let order_id = r.read_int_named("order id")?;
        let mut c = Contract {
            con_id: r.read_int_named("con id")?,
            symbol: r.read_string("symbol")?,
            sec_type: r.read_string("sec type")?,
            last_trade_date_or_contract_month: r.read_string("last trade date")?,
            strike: r.read_f64("strike")?,
            right: r.read_string("right")?,
            ..Contract::default()
        };
        if version >= 9 {
            c.multiplier = r.read_string("multiplier")?;
        }
        c.exchange = r.read_string("exchange")?;
        c.currency = r.read_string("currency")?;
        c.local_symbol = r.read_string("local symbol")?;
        if version >= 10 {
            c.trading_class = r.read_string("trading class")?;
        }
        let mut e = Execution {
            order_id,
            exec_id: r.read_string("exec id")?,
            time: r.read_string("time")?,
            acct_number: r.read_string("acct number")?,
            exchange: r.read_string("exec exchange")?,
            side: r.read_string("side")?,
            shares: r.read_decimal("shares")?,
            price: r.read_f64("price")?,
            perm_id: r.read_int_named("perm id")?,
            client_id: r.read_int_named("client id")?,
            liquidation: r.read_int_named("liquidation")?,
            ..Execution::default()
        };
        if version >= 6 {
            e.cum_qty = r.read_decimal("cum qty")?;
            e.avg_price = r.read_f64("avg price")?;
        }
        if version >= 8 {
            e.order_ref = r.read_string("order ref")?;
        }
        if version >= 9 {
            e.ev_rule = r.read_string("ev rule")?;
            e.ev_multiplier = r.read_f64("ev multiplier")?;
        }
        if sv >= MIN_SERVER_VER_MODELS_SUPPORT {
            e.model_code = r.read_string("model code")?;
        }
        if sv >= MIN_SERVER_VER_LAST_LIQUIDITY {
            e.last_liquidity = r.read_int_named("last liquidity")?;
        }
        if sv >= MIN_SERVER_VER_PENDING_PRICE_REVISION {
            e.pending_price_revision = r.read_bool("pending price revision")?;
        }
        if sv >= MIN_SERVER_VER_SUBMITTER {
            e.submitter = r.read_string("submitter")?;
        }
        Ok(ExecutionData {
            req_id,
            contract: c,
            execution: e,
        })
    }
}

/// `execDetailsEnd`: the end of the answer to `reqExecutions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExecutionDataEnd {
    /// The `reqExecutions` id.
    pub req_id: i32,
}

impl Message for ExecutionDataEnd {
    const ID: u32 = incoming::EXECUTION_DATA_END;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        w.put_int(self.req_id);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(ExecutionDataEnd {
            req_id: r.read_int_named("req id")?,
        })
    }
}

/// `commissionAndFeesReport`: the commission of one execution, sent after its
/// `execDetails`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CommissionAndFeesReportMsg {
    /// The report.
    pub report: CommissionAndFeesReport,
}

impl Message for CommissionAndFeesReportMsg {
    const ID: u32 = incoming::COMMISSION_AND_FEES_REPORT;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        let c = &self.report;
        w.put_int(1);
        w.put_str_raw(&c.exec_id);
        w.put_f64(c.commission_and_fees);
        w.put_str_raw(&c.currency);
        w.put_f64(c.realized_pnl);
        w.put_f64(c.yield_);
        w.put_int(c.yield_redemption_date);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(CommissionAndFeesReportMsg {
            report: CommissionAndFeesReport {
                exec_id: r.read_string("exec id")?,
                commission_and_fees: r.read_f64("commission and fees")?,
                currency: r.read_string("currency")?,
                realized_pnl: r.read_f64("realized pnl")?,
                yield_: r.read_f64("yield")?,
                yield_redemption_date: r.read_int_named("yield redemption date")?,
            },
        })
    }
}

#[cfg(test)]
mod tests;

mod deliver {
    //! How the order, execution and commission messages reach the
    //! `EWrapper`, in both forms: the protobuf form goes to its `…ProtoBuf`
    //! callback first and then, converted, to the ordinary one, as the
    //! official decoder does (`openOrder` and `execDetails` are skipped
    //! there when the message lacks its contract, order or state).
    use super::*;
    use crate::messages::incoming::{Incoming, Pb};
    use crate::messages::route::{RequestKey, Route};
    use crate::proto;
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

    impl Incoming for Pb<proto::OrderStatus> {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.order_status_proto_buf(&self.0);
            deliver_order_status(w, &proto_in::order_status(&self.0));
            Ok(())
        }
        fn route(&self) -> Route {
            order_route(self.0.order_id.unwrap_or(0))
        }
    }

    impl Incoming for OpenOrder {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.open_order(
                self.order.order_id,
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

    impl Incoming for Pb<proto::OpenOrder> {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            let p = &self.0;
            w.open_order_proto_buf(p);
            if let (Some(c), Some(o), Some(s)) = (&p.contract, &p.order, &p.order_state) {
                let contract = proto_in::contract(c);
                let order = proto_in::order(c, o);
                let state = proto_in::order_state(s);
                w.open_order(p.order_id.unwrap_or(0), &contract, &order, &state);
            }
            Ok(())
        }
        fn route(&self) -> Route {
            order_route(self.0.order_id.unwrap_or(0))
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

    impl Incoming for Pb<proto::OpenOrdersEnd> {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.open_orders_end_proto_buf(&self.0);
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

    impl Incoming for Pb<proto::ExecutionDetails> {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            let p = &self.0;
            w.execution_details_proto_buf(p);
            if let (Some(c), Some(e)) = (&p.contract, &p.execution) {
                w.exec_details(
                    p.req_id.unwrap_or(0),
                    &proto_in::contract(c),
                    &proto_in::execution(e),
                );
            }
            Ok(())
        }
        fn route(&self) -> Route {
            let order_id = self
                .0
                .execution
                .as_ref()
                .and_then(|e| e.order_id)
                .unwrap_or(0);
            exec_route(self.0.req_id.unwrap_or(0), order_id)
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

    impl Incoming for Pb<proto::ExecutionDetailsEnd> {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.execution_details_end_proto_buf(&self.0);
            w.exec_details_end(self.0.req_id.unwrap_or(0));
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.0.req_id.unwrap_or(0)).ending()
        }
    }

    impl Incoming for CommissionAndFeesReportMsg {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.commission_and_fees_report(&self.report);
            Ok(())
        }
    }
}
