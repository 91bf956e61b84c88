//! `placeOrder` in the field encoding (server versions up to 202; from 203
//! the official client sends the protobuf `PlaceOrderRequest`).
//!
//! The refusals come first ([`Layout::check`]), in the official order, each
//! with the official text; then the fields, one layout for both directions
//! (`messages/layout.rs`), every version gate named by its constant. The
//! simulated gateway decodes what the client encodes.

use super::groups::{self, Checked, VolatilityFields};
use super::refusals::{newer_refusal, refusal};
use crate::layout_message;
use crate::messages::ids::outgoing;
use crate::messages::layout::version;
use crate::messages::layout::{Io, Layout};
use crate::messages::market_data::{dropped, options, ContractBlock};
use crate::model::order::COMPETE_AGAINST_BEST_OFFSET_UP_TO_MID;
use crate::model::{
    Contract, Decimal, Order, TagValue, UNSET_DECIMAL, UNSET_DOUBLE, UNSET_INTEGER,
};
use crate::server_versions::*;
use crate::wire::fields::parse_decimal;
use crate::wire::{DecodeError, EncodeError};

/// How the official client prints an unset decimal quantity (`str(UNSET_DECIMAL)`,
/// 2^127 − 1).
const UNSET_DECIMAL_TEXT: &str = "170141183460469231731687303715884105727";

/// `placeOrder`: place a new order, or modify an open one (same order id).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PlaceOrder {
    /// The order id (from `nextValidId`, then incremented by the client).
    pub order_id: i32,
    /// The instrument.
    pub contract: Contract,
    /// The order.
    pub order: Order,
}

/// `PEG MID` orders carry the mid offsets.
pub(crate) fn is_peg_mid(order_type: &str) -> bool {
    matches!(order_type, "PEG MID" | "PEGMID")
}

/// `PEG BEST` orders carry the compete fields.
pub(crate) fn is_peg_best(order_type: &str) -> bool {
    matches!(order_type, "PEG BEST" | "PEGBEST")
}

impl Layout for PlaceOrder {
    fn check(&self, sv: i32) -> Result<(), EncodeError> {
        match refusal(sv, &self.contract, &self.order).or_else(|| newer_refusal(sv, &self.order)) {
            Some(text) => Err(EncodeError::UpdateTws(text)),
            None => Ok(()),
        }
    }

    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        // A request: its text is the client's.
        let io = &mut Checked(io);
        let sv = io.sv();
        let (c, o) = (&mut self.contract, &mut self.order);
        if sv < MIN_SERVER_VER_ORDER_CONTAINER {
            let v = if sv < MIN_SERVER_VER_NOT_HELD { 27 } else { 45 };
            version(io, v)?;
        }
        io.int(&mut self.order_id, "order id")?;
        if io.reading() {
            o.order_id = self.order_id;
        }

        // The contract.
        ContractBlock {
            con_id: sv >= MIN_SERVER_VER_PLACE_ORDER_CONID,
            primary_exchange: true,
            trading_class: sv >= MIN_SERVER_VER_TRADING_CLASS,
        }
        .layout(io, c)?;
        if sv >= MIN_SERVER_VER_SEC_ID_TYPE {
            io.ascii(&mut c.sec_id_type, "sec id type")?;
            io.ascii(&mut c.sec_id, "sec id")?;
        }

        // The main order fields.
        io.ascii(&mut o.action, "action")?;
        quantity(io, &mut o.total_quantity)?;
        io.ascii(&mut o.order_type, "order type")?;
        price(
            io,
            &mut o.lmt_price,
            MIN_SERVER_VER_ORDER_COMBO_LEGS_PRICE,
            "lmt price",
        )?;
        price(
            io,
            &mut o.aux_price,
            MIN_SERVER_VER_TRAILING_PERCENT,
            "aux price",
        )?;
        if sv >= MIN_SERVER_VER_TRAILING_PERCENT {
            // The extended fields; the official client only sends them here.
            io.ascii(&mut o.tif, "tif")?;
            io.ascii(&mut o.oca_group, "oca group")?;
            io.ascii(&mut o.account, "account")?;
            io.ascii(&mut o.open_close, "open close")?;
            io.int(&mut o.origin, "origin")?;
            io.ascii(&mut o.order_ref, "order ref")?;
            io.boolean(&mut o.transmit, "transmit")?;
            io.int(&mut o.parent_id, "parent id")?;
            io.boolean(&mut o.block_order, "block order")?;
            io.boolean(&mut o.sweep_to_fill, "sweep to fill")?;
            io.int(&mut o.display_size, "display size")?;
            io.int(&mut o.trigger_method, "trigger method")?;
            io.boolean(&mut o.outside_rth, "outside rth")?;
            io.boolean(&mut o.hidden, "hidden")?;
        }

        // Combo legs.
        if c.sec_type == "BAG" {
            groups::combo_legs(io, &mut c.combo_legs, sv >= MIN_SERVER_VER_SSHORTX_OLD)?;
            if sv >= MIN_SERVER_VER_ORDER_COMBO_LEGS_PRICE {
                groups::leg_prices(io, &mut o.order_combo_legs)?;
            }
            if sv >= MIN_SERVER_VER_SMART_COMBO_ROUTING_PARAMS {
                groups::tag_values(io, &mut o.smart_combo_routing_params)?;
            }
        }

        io.skip("shares allocation")?; // deprecated sharesAllocation
        discretionary_amt(io, &mut o.discretionary_amt)?;
        io.ascii(&mut o.good_after_time, "good after time")?;
        io.ascii(&mut o.good_till_date, "good till date")?;
        io.ascii(&mut o.fa_group, "fa group")?;
        io.ascii(&mut o.fa_method, "fa method")?;
        io.ascii(&mut o.fa_percentage, "fa percentage")?;
        if sv < MIN_SERVER_VER_FA_PROFILE_DESUPPORT {
            io.skip("fa profile")?; // deprecated faProfile
        }
        if sv >= MIN_SERVER_VER_MODELS_SUPPORT {
            io.ascii(&mut o.model_code, "model code")?;
        }
        io.int(&mut o.short_sale_slot, "short sale slot")?;
        io.ascii(&mut o.designated_location, "designated location")?;
        if sv >= MIN_SERVER_VER_SSHORTX_OLD {
            io.int(&mut o.exempt_code, "exempt code")?;
        }
        io.int(&mut o.oca_type, "oca type")?;
        io.ascii(&mut o.rule80_a, "rule 80a")?;
        io.ascii(&mut o.settling_firm, "settling firm")?;
        io.boolean(&mut o.all_or_none, "all or none")?;
        io.int_max(&mut o.min_qty, "min qty")?;
        io.float_max(&mut o.percent_offset, "percent offset")?;
        dropped(io, 0, "etrade only")?; // deprecated eTradeOnly: false
        dropped(io, 0, "firm quote only")?; // deprecated firmQuoteOnly: false
        io.skip("nbbo price cap")?; // deprecated nbboPriceCap: unset
        io.int(&mut o.auction_strategy, "auction strategy")?;
        io.float_max(&mut o.starting_price, "starting price")?;
        io.float_max(&mut o.stock_ref_price, "stock ref price")?;
        io.float_max(&mut o.delta, "delta")?;
        io.float_max(&mut o.stock_range_lower, "stock range lower")?;
        io.float_max(&mut o.stock_range_upper, "stock range upper")?;
        io.boolean(
            &mut o.override_percentage_constraints,
            "override percentage constraints",
        )?;

        // Volatility orders.
        let has = VolatilityFields {
            types_unset: true,
            dn_con_id: sv >= MIN_SERVER_VER_DELTA_NEUTRAL_CONID,
            dn_short_sale: sv >= MIN_SERVER_VER_DELTA_NEUTRAL_OPEN_CLOSE,
            dn_clearing: true,
        };
        groups::volatility(io, o, has)?;
        io.float_max(&mut o.trail_stop_price, "trail stop price")?;
        if sv >= MIN_SERVER_VER_TRAILING_PERCENT {
            io.float_max(&mut o.trailing_percent, "trailing percent")?;
        }

        // Scale orders.
        groups::scale(
            io,
            o,
            sv >= MIN_SERVER_VER_SCALE_ORDERS2,
            sv >= MIN_SERVER_VER_SCALE_ORDERS3,
        )?;
        if sv >= MIN_SERVER_VER_SCALE_TABLE {
            io.ascii(&mut o.scale_table, "scale table")?;
            io.ascii(&mut o.active_start_time, "active start time")?;
            io.ascii(&mut o.active_stop_time, "active stop time")?;
        }

        // Hedge orders, and what follows.
        if sv >= MIN_SERVER_VER_HEDGE_ORDERS {
            groups::hedge(io, o)?;
        }
        if sv >= MIN_SERVER_VER_OPT_OUT_SMART_ROUTING {
            io.boolean(&mut o.opt_out_smart_routing, "opt out smart routing")?;
        }
        if sv >= MIN_SERVER_VER_PTA_ORDERS {
            io.ascii(&mut o.clearing_account, "clearing account")?;
            io.ascii(&mut o.clearing_intent, "clearing intent")?;
        }
        if sv >= MIN_SERVER_VER_NOT_HELD {
            io.boolean(&mut o.not_held, "not held")?;
        }
        if sv >= MIN_SERVER_VER_DELTA_NEUTRAL {
            groups::delta_neutral(io, &mut c.delta_neutral_contract)?;
        }
        if sv >= MIN_SERVER_VER_ALGO_ORDERS {
            groups::algo(io, o)?;
        }
        if sv >= MIN_SERVER_VER_ALGO_ID {
            io.ascii(&mut o.algo_id, "algo id")?;
        }
        io.boolean(&mut o.what_if, "what if")?;
        if sv >= MIN_SERVER_VER_LINKING {
            options(io, &mut o.order_misc_options, "misc options")?;
        }
        if sv >= MIN_SERVER_VER_ORDER_SOLICITED {
            io.boolean(&mut o.solicited, "solicited")?;
        }
        if sv >= MIN_SERVER_VER_RANDOMIZE_SIZE_AND_PRICE {
            io.boolean(&mut o.randomize_size, "randomize size")?;
            io.boolean(&mut o.randomize_price, "randomize price")?;
        }
        if sv >= MIN_SERVER_VER_PEGGED_TO_BENCHMARK {
            groups::peg_bench(io, o)?;
            groups::conditions(io, o)?;
            groups::adjusted(io, o, false)?;
        }
        if sv >= MIN_SERVER_VER_EXT_OPERATOR {
            io.ascii(&mut o.ext_operator, "ext operator")?;
        }
        if sv >= MIN_SERVER_VER_SOFT_DOLLAR_TIER {
            io.ascii(&mut o.soft_dollar_tier.name, "soft dollar tier name")?;
            io.ascii(&mut o.soft_dollar_tier.val, "soft dollar tier value")?;
        }
        if sv >= MIN_SERVER_VER_CASH_QTY {
            io.float(&mut o.cash_qty, "cash qty")?;
        }
        if sv >= MIN_SERVER_VER_DECISION_MAKER {
            io.ascii(&mut o.mifid2_decision_maker, "mifid2 decision maker")?;
            io.ascii(&mut o.mifid2_decision_algo, "mifid2 decision algo")?;
        }
        if sv >= MIN_SERVER_VER_MIFID_EXECUTION {
            io.ascii(&mut o.mifid2_execution_trader, "mifid2 execution trader")?;
            io.ascii(&mut o.mifid2_execution_algo, "mifid2 execution algo")?;
        }
        if sv >= MIN_SERVER_VER_AUTO_PRICE_FOR_HEDGE {
            io.boolean(
                &mut o.dont_use_auto_price_for_hedge,
                "dont use auto price for hedge",
            )?;
        }
        if sv >= MIN_SERVER_VER_ORDER_CONTAINER {
            io.boolean(&mut o.is_oms_container, "is oms container")?;
        }
        if sv >= MIN_SERVER_VER_D_PEG_ORDERS {
            io.boolean(
                &mut o.discretionary_up_to_limit_price,
                "discretionary up to limit price",
            )?;
        }
        if sv >= MIN_SERVER_VER_PRICE_MGMT_ALGO {
            let mut v = match o.use_price_mgmt_algo {
                None => UNSET_INTEGER,
                Some(b) => b.into(),
            };
            io.int_max(&mut v, "use price mgmt algo")?;
            o.use_price_mgmt_algo = (v != UNSET_INTEGER).then_some(v != 0);
        }
        if sv >= MIN_SERVER_VER_DURATION {
            io.int(&mut o.duration, "duration")?;
        }
        if sv >= MIN_SERVER_VER_POST_TO_ATS {
            io.int(&mut o.post_to_ats, "post to ats")?;
        }
        if sv >= MIN_SERVER_VER_AUTO_CANCEL_PARENT {
            io.boolean(&mut o.auto_cancel_parent, "auto cancel parent")?;
        }
        if sv >= MIN_SERVER_VER_ADVANCED_ORDER_REJECT {
            io.ascii(&mut o.advanced_error_override, "advanced error override")?;
        }
        if sv >= MIN_SERVER_VER_MANUAL_ORDER_TIME {
            io.ascii(&mut o.manual_order_time, "manual order time")?;
        }
        if sv >= MIN_SERVER_VER_PEGBEST_PEGMID_OFFSETS {
            let mut mid_offsets = false;
            if c.exchange == "IBKRATS" {
                io.int_max(&mut o.min_trade_qty, "min trade qty")?;
            }
            if is_peg_best(&o.order_type) {
                io.int_max(&mut o.min_compete_size, "min compete size")?;
                io.float_max(
                    &mut o.compete_against_best_offset,
                    "compete against best offset",
                )?;
                mid_offsets =
                    o.compete_against_best_offset == COMPETE_AGAINST_BEST_OFFSET_UP_TO_MID;
            } else if is_peg_mid(&o.order_type) {
                mid_offsets = true;
            }
            if mid_offsets {
                io.float_max(&mut o.mid_offset_at_whole, "mid offset at whole")?;
                io.float_max(&mut o.mid_offset_at_half, "mid offset at half")?;
            }
        }
        if sv >= MIN_SERVER_VER_CUSTOMER_ACCOUNT {
            io.ascii(&mut o.customer_account, "customer account")?;
        }
        if sv >= MIN_SERVER_VER_PROFESSIONAL_CUSTOMER {
            io.boolean(&mut o.professional_customer, "professional customer")?;
        }
        if (MIN_SERVER_VER_RFQ_FIELDS..MIN_SERVER_VER_UNDO_RFQ_FIELDS).contains(&sv) {
            io.skip("rfq 1")?;
            dropped(io, UNSET_INTEGER, "rfq 2")?;
        }
        if sv >= MIN_SERVER_VER_INCLUDE_OVERNIGHT {
            io.boolean(&mut o.include_overnight, "include overnight")?;
        }
        if sv >= MIN_SERVER_VER_CME_TAGGING_FIELDS {
            io.int(&mut o.manual_order_indicator, "manual order indicator")?;
        }
        if sv >= MIN_SERVER_VER_IMBALANCE_ONLY {
            io.boolean(&mut o.imbalance_only, "imbalance only")?;
        }
        Ok(())
    }
}

layout_message!(PlaceOrder = outgoing::PLACE_ORDER, impl {
    const PROTOBUF_SINCE: Option<i32> = outgoing::protobuf_since(outgoing::PLACE_ORDER);

    /// `PlaceOrderRequest` (server version 203 on). 10.37.2 makes no
    /// version check on this path; 10.51.1 (from LATEST_OFFICIAL_FROM on)
    /// checks its own order parameters, and sends the attached orders
    /// (empty when there are none).
    fn encode_protobuf(&self, sv: i32, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        use prost::Message as _;
        if let Some(text) = newer_refusal(sv, &self.order) {
            return Err(EncodeError::UpdateTws(text));
        }
        let p = crate::proto::PlaceOrderRequest {
            order_id: (self.order_id != UNSET_INTEGER).then_some(self.order_id),
            contract: Some(super::proto_out::contract_to_proto(
                &self.contract,
                &self.order,
            )),
            order: None,
            attached_orders: None,
        };
        p.encode(out)
            .map_err(|_| EncodeError::Unsupported("protobuf encoding failed"))?;
        // The order (field 3, the last) with its maps as the official
        // client writes them (see `encode_order_proto`).
        let mut order = Vec::new();
        super::proto_out::encode_order_proto(sv, &self.order, &mut order);
        out.push((3 << 3) | 2);
        prost::encode_length_delimiter(order.len(), out)
            .map_err(|_| EncodeError::Unsupported("protobuf encoding failed"))?;
        out.extend_from_slice(&order);
        // The attached orders (field 4), after the order.
        if sv >= LATEST_OFFICIAL_FROM {
            let attached = super::proto_out::attached_orders_to_proto(&self.order).encode_to_vec();
            out.push((4 << 3) | 2);
            prost::encode_length_delimiter(attached.len(), out)
                .map_err(|_| EncodeError::Unsupported("protobuf encoding failed"))?;
            out.extend_from_slice(&attached);
        }
        Ok(())
    }

    fn decode_protobuf(_sv: i32, body: &[u8]) -> Result<Self, DecodeError> {
        use prost::Message as _;
        let p = crate::proto::PlaceOrderRequest::decode(body)
            .map_err(|e| DecodeError::Protobuf(e.to_string()))?;
        let pc = p.contract.unwrap_or_default();
        let po = p.order.unwrap_or_default();
        let contract = super::proto_in::request_contract(&pc);
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let mut order = super::proto_in::order(UNSET_INTEGER, &pc, &po);
        // Left out by the encoder when it equals UNSET_INTEGER (as the
        // official builder does): absent reads back as that.
        order.discretionary_amt = po
            .discretionary_amt
            .unwrap_or(f64::from(crate::model::UNSET_INTEGER));
        // A flag is sent only when set: absent is false (transmit included).
        order.transmit = po.transmit.unwrap_or(false);
        order.override_percentage_constraints = po.override_percentage_constraints.unwrap_or(false);
        order.algo_id = text(&po.algo_id);
        order.scale_table = text(&po.scale_table);
        order.mifid2_decision_maker = text(&po.mifid2_decision_maker);
        order.mifid2_decision_algo = text(&po.mifid2_decision_algo);
        order.mifid2_execution_trader = text(&po.mifid2_execution_trader);
        order.mifid2_execution_algo = text(&po.mifid2_execution_algo);
        order.advanced_error_override = text(&po.advanced_error_override);
        order.manual_order_time = text(&po.manual_order_time);
        let mut misc: Vec<TagValue> = po
            .order_misc_options
            .iter()
            .map(|(k, v)| TagValue {
                tag: k.clone(),
                value: v.clone(),
            })
            .collect();
        misc.sort_by(|a, b| a.tag.cmp(&b.tag));
        order.order_misc_options = misc;
        if po.algo_strategy.is_none() {
            order.algo_params.clear();
        }
        let order_id = p.order_id.unwrap_or(UNSET_INTEGER);
        order.order_id = order_id;
        Ok(PlaceOrder {
            order_id,
            contract,
            order,
        })
    }
});

/// The total quantity: from fractional sizes on a decimal (the unset one
/// spelled as the official client prints it), before them `int(quantity)`.
fn quantity(io: &mut dyn Io, q: &mut Decimal) -> Result<(), DecodeError> {
    const F: &str = "total quantity";
    if io.reading() {
        let mut text = String::new();
        io.text(&mut text, F)?;
        *q = if text == UNSET_DECIMAL_TEXT {
            UNSET_DECIMAL
        } else {
            parse_decimal(text.as_bytes()).ok_or_else(|| DecodeError::InvalidNumber {
                field: F,
                text: String::from_utf8_lossy(&text.as_bytes()[..text.len().min(64)]).into_owned(),
            })?
        };
        Ok(())
    } else if io.sv() < MIN_SERVER_VER_FRACTIONAL_POSITIONS {
        io.long(&mut decimal_trunc(*q), F)
    } else if *q == UNSET_DECIMAL {
        io.ascii(&mut UNSET_DECIMAL_TEXT.to_owned(), F)
    } else {
        io.decimal(q, F)
    }
}

/// A price read with an empty field meaning unset, and written so from
/// server version `since` on; before it the official client sends the
/// Python integer 0 for unset.
fn price(io: &mut dyn Io, v: &mut f64, since: i32, f: &'static str) -> Result<(), DecodeError> {
    if io.reading() || io.sv() >= since {
        io.float_max(v, f)
    } else if *v == UNSET_DOUBLE {
        io.int(&mut 0, f)
    } else {
        io.float(v, f)
    }
}

/// The discretionary amount: a float whose default is the Python integer 0
/// in the official client (printed `0`, not `0.0`); a negative zero is a
/// float set by the caller (printed `-0.0`).
fn discretionary_amt(io: &mut dyn Io, v: &mut f64) -> Result<(), DecodeError> {
    if !io.reading() && v.to_bits() == 0 {
        io.int(&mut 0, "discretionary amt")
    } else {
        io.float(v, "discretionary amt")
    }
}

/// `int(quantity)` as the official client sends it before fractional sizes.
fn decimal_trunc(d: Decimal) -> i64 {
    use rust_decimal::prelude::ToPrimitive;
    if d == UNSET_DECIMAL {
        return i64::MAX;
    }
    d.trunc().to_i64().unwrap_or(0)
}
