//! `placeOrder` in the field encoding (server versions up to 202; from 203
//! the official client sends the protobuf `PlaceOrderRequest`).
//!
//! The refusals come first, in the official order, each with the official
//! text; then the fields, every version gate named by its constant.
//! [`PlaceOrder::decode`] reads what [`PlaceOrder::encode`] writes, for the
//! simulated gateway.

use super::conditions::{read_condition, write_condition};
use super::groups::is_peg_bench;
use super::refusals::refusal;
use crate::messages::ids::outgoing;
use crate::messages::Message;
use crate::model::order::COMPETE_AGAINST_BEST_OFFSET_UP_TO_MID;
use crate::model::{
    ComboLeg, Contract, Decimal, DeltaNeutralContract, Order, OrderComboLeg, TagValue,
    UNSET_DECIMAL, UNSET_DOUBLE, UNSET_INTEGER,
};
use crate::server_versions::*;
use crate::wire::{DecodeError, EncodeError, FieldReader, FieldWriter};

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

/// A float the official client sends with `make_field` whose default is the
/// Python integer 0 (printed `0`, not `0.0`).
fn put_f64_int_default(w: &mut FieldWriter<'_>, v: f64) {
    if v == 0.0 {
        w.put_int(0);
    } else {
        w.put_f64(v);
    }
}

impl Message for PlaceOrder {
    const ID: u32 = outgoing::PLACE_ORDER;
    const PROTOBUF_SINCE: Option<i32> = outgoing::protobuf_since(outgoing::PLACE_ORDER);

    /// `PlaceOrderRequest` (server version 203 on). The official client makes
    /// no version check on this path.
    fn encode_protobuf(&self, _sv: i32, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        use prost::Message as _;
        let p = crate::proto::PlaceOrderRequest {
            order_id: (self.order_id != UNSET_INTEGER).then_some(self.order_id),
            contract: Some(super::proto_in::contract_to_proto(
                &self.contract,
                &self.order,
            )),
            order: None,
        };
        p.encode(out)
            .map_err(|_| EncodeError::Unsupported("protobuf encoding failed"))?;
        // The order (field 3, the last) with its maps as the official
        // client writes them (see `encode_order_proto`).
        let mut order = Vec::new();
        super::proto_in::encode_order_proto(&self.order, &mut order);
        out.push((3 << 3) | 2);
        prost::encode_length_delimiter(order.len(), out)
            .map_err(|_| EncodeError::Unsupported("protobuf encoding failed"))?;
        out.extend_from_slice(&order);
        Ok(())
    }

    fn decode_protobuf(_sv: i32, body: &[u8]) -> Result<Self, DecodeError> {
        use prost::Message as _;
        let p = crate::proto::PlaceOrderRequest::decode(body)
            .map_err(|e| DecodeError::Protobuf(e.to_string()))?;
        let pc = p.contract.unwrap_or_default();
        let po = p.order.unwrap_or_default();
        let mut contract = super::proto_in::contract(&pc);
        if pc.delta_neutral_contract.is_none() {
            contract.delta_neutral_contract = None;
        }
        // What the request carries beyond what the official openOrder
        // decoder reads.
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        contract.primary_exchange = text(&pc.primary_exch);
        contract.sec_id_type = text(&pc.sec_id_type);
        contract.sec_id = text(&pc.sec_id);
        contract.description = text(&pc.description);
        contract.issuer_id = text(&pc.issuer_id);
        contract.include_expired = pc.include_expired.unwrap_or(false);
        for (leg, pl) in contract.combo_legs.iter_mut().zip(&pc.combo_legs) {
            if let Some(v) = pl.short_sales_slot {
                leg.short_sale_slot = v;
            }
        }
        let mut order = super::proto_in::order(&pc, &po);
        // A flag is sent only when set: absent is false (transmit included).
        order.transmit = po.transmit.unwrap_or(false);
        order.override_percentage_constraints = po.override_percentage_constraints.unwrap_or(false);
        order.algo_id = text(&po.algo_id);
        order.active_start_time = text(&po.active_start_time);
        order.active_stop_time = text(&po.active_stop_time);
        order.scale_table = text(&po.scale_table);
        order.delta_neutral_settling_firm = text(&po.delta_neutral_settling_firm);
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
        let order_id = p.order_id.unwrap_or(0);
        order.order_id = order_id;
        Ok(PlaceOrder {
            order_id,
            contract,
            order,
        })
    }

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        let (c, o) = (&self.contract, &self.order);
        if let Some(text) = refusal(sv, c, o) {
            return Err(EncodeError::UpdateTws(text));
        }
        if sv < MIN_SERVER_VER_ORDER_CONTAINER {
            w.put_int(if sv < MIN_SERVER_VER_NOT_HELD { 27 } else { 45 });
        }
        w.put_int(self.order_id);

        // The contract.
        if sv >= MIN_SERVER_VER_PLACE_ORDER_CONID {
            w.put_int(c.con_id);
        }
        w.put_str(&c.symbol);
        w.put_str(&c.sec_type);
        w.put_str(&c.last_trade_date_or_contract_month);
        w.put_f64_max(c.strike);
        w.put_str(&c.right);
        w.put_str(&c.multiplier);
        w.put_str(&c.exchange);
        w.put_str(&c.primary_exchange);
        w.put_str(&c.currency);
        w.put_str(&c.local_symbol);
        if sv >= MIN_SERVER_VER_TRADING_CLASS {
            w.put_str(&c.trading_class);
        }
        if sv >= MIN_SERVER_VER_SEC_ID_TYPE {
            w.put_str(&c.sec_id_type);
            w.put_str(&c.sec_id);
        }

        // The main order fields.
        w.put_str(&o.action);
        if sv >= MIN_SERVER_VER_FRACTIONAL_POSITIONS {
            if o.total_quantity == UNSET_DECIMAL {
                w.put_str(UNSET_DECIMAL_TEXT);
            } else {
                w.put_decimal(o.total_quantity);
            }
        } else {
            // The official client sends int(quantity).
            w.put_int(decimal_trunc(o.total_quantity));
        }
        w.put_str(&o.order_type);
        if sv < MIN_SERVER_VER_ORDER_COMBO_LEGS_PRICE {
            put_f64_or_zero(w, o.lmt_price);
        } else {
            w.put_f64_max(o.lmt_price);
        }
        if sv < MIN_SERVER_VER_TRAILING_PERCENT {
            put_f64_or_zero(w, o.aux_price);
        } else {
            w.put_f64_max(o.aux_price);
            // The extended fields; the official client only sends them here.
            w.put_str(&o.tif);
            w.put_str(&o.oca_group);
            w.put_str(&o.account);
            w.put_str(&o.open_close);
            w.put_int(o.origin);
            w.put_str(&o.order_ref);
            w.put_bool(o.transmit);
            w.put_int(o.parent_id);
            w.put_bool(o.block_order);
            w.put_bool(o.sweep_to_fill);
            w.put_int(o.display_size);
            w.put_int(o.trigger_method);
            w.put_bool(o.outside_rth);
            w.put_bool(o.hidden);
        }

        // Combo legs.
        if c.sec_type == "BAG" {
            w.put_int(c.combo_legs.len() as i64);
            for leg in &c.combo_legs {
                w.put_int(leg.con_id);
                w.put_int(leg.ratio);
                w.put_str(&leg.action);
                w.put_str(&leg.exchange);
                w.put_int(leg.open_close);
                w.put_int(leg.short_sale_slot);
                w.put_str(&leg.designated_location);
                if sv >= MIN_SERVER_VER_SSHORTX_OLD {
                    w.put_int(leg.exempt_code);
                }
            }
            if sv >= MIN_SERVER_VER_ORDER_COMBO_LEGS_PRICE {
                w.put_int(o.order_combo_legs.len() as i64);
                for leg in &o.order_combo_legs {
                    w.put_f64_max(leg.price);
                }
            }
            if sv >= MIN_SERVER_VER_SMART_COMBO_ROUTING_PARAMS {
                put_tag_values(w, &o.smart_combo_routing_params);
            }
        }

        w.put_str(""); // deprecated sharesAllocation
        put_f64_int_default(w, o.discretionary_amt);
        w.put_str(&o.good_after_time);
        w.put_str(&o.good_till_date);
        w.put_str(&o.fa_group);
        w.put_str(&o.fa_method);
        w.put_str(&o.fa_percentage);
        if sv < MIN_SERVER_VER_FA_PROFILE_DESUPPORT {
            w.put_str(""); // deprecated faProfile
        }
        if sv >= MIN_SERVER_VER_MODELS_SUPPORT {
            w.put_str(&o.model_code);
        }
        w.put_int(o.short_sale_slot);
        w.put_str(&o.designated_location);
        if sv >= MIN_SERVER_VER_SSHORTX_OLD {
            w.put_int(o.exempt_code);
        }
        w.put_int(o.oca_type);
        w.put_str(&o.rule80_a);
        w.put_str(&o.settling_firm);
        w.put_bool(o.all_or_none);
        w.put_i32_max(o.min_qty);
        w.put_f64_max(o.percent_offset);
        w.put_bool(false); // deprecated eTradeOnly
        w.put_bool(false); // deprecated firmQuoteOnly
        w.put_f64_max(UNSET_DOUBLE); // deprecated nbboPriceCap
        w.put_int(o.auction_strategy);
        w.put_f64_max(o.starting_price);
        w.put_f64_max(o.stock_ref_price);
        w.put_f64_max(o.delta);
        w.put_f64_max(o.stock_range_lower);
        w.put_f64_max(o.stock_range_upper);
        w.put_bool(o.override_percentage_constraints);
        w.put_f64_max(o.volatility);
        w.put_i32_max(o.volatility_type);
        w.put_str(&o.delta_neutral_order_type);
        w.put_f64_max(o.delta_neutral_aux_price);
        if sv >= MIN_SERVER_VER_DELTA_NEUTRAL_CONID && !o.delta_neutral_order_type.is_empty() {
            w.put_int(o.delta_neutral_con_id);
            w.put_str(&o.delta_neutral_settling_firm);
            w.put_str(&o.delta_neutral_clearing_account);
            w.put_str(&o.delta_neutral_clearing_intent);
        }
        if sv >= MIN_SERVER_VER_DELTA_NEUTRAL_OPEN_CLOSE && !o.delta_neutral_order_type.is_empty() {
            w.put_str(&o.delta_neutral_open_close);
            w.put_bool(o.delta_neutral_short_sale);
            w.put_int(o.delta_neutral_short_sale_slot);
            w.put_str(&o.delta_neutral_designated_location);
        }
        w.put_bool(o.continuous_update);
        w.put_i32_max(o.reference_price_type);
        w.put_f64_max(o.trail_stop_price);
        if sv >= MIN_SERVER_VER_TRAILING_PERCENT {
            w.put_f64_max(o.trailing_percent);
        }

        // Scale orders.
        if sv >= MIN_SERVER_VER_SCALE_ORDERS2 {
            w.put_i32_max(o.scale_init_level_size);
            w.put_i32_max(o.scale_subs_level_size);
        } else {
            w.put_str(""); // scaleNumComponents, not supported
            w.put_i32_max(o.scale_init_level_size);
        }
        w.put_f64_max(o.scale_price_increment);
        if sv >= MIN_SERVER_VER_SCALE_ORDERS3
            && o.scale_price_increment != UNSET_DOUBLE
            && o.scale_price_increment > 0.0
        {
            w.put_f64_max(o.scale_price_adjust_value);
            w.put_i32_max(o.scale_price_adjust_interval);
            w.put_f64_max(o.scale_profit_offset);
            w.put_bool(o.scale_auto_reset);
            w.put_i32_max(o.scale_init_position);
            w.put_i32_max(o.scale_init_fill_qty);
            w.put_bool(o.scale_random_percent);
        }
        if sv >= MIN_SERVER_VER_SCALE_TABLE {
            w.put_str(&o.scale_table);
            w.put_str(&o.active_start_time);
            w.put_str(&o.active_stop_time);
        }

        // Hedge orders.
        if sv >= MIN_SERVER_VER_HEDGE_ORDERS {
            w.put_str(&o.hedge_type);
            if !o.hedge_type.is_empty() {
                w.put_str(&o.hedge_param);
            }
        }
        if sv >= MIN_SERVER_VER_OPT_OUT_SMART_ROUTING {
            w.put_bool(o.opt_out_smart_routing);
        }
        if sv >= MIN_SERVER_VER_PTA_ORDERS {
            w.put_str(&o.clearing_account);
            w.put_str(&o.clearing_intent);
        }
        if sv >= MIN_SERVER_VER_NOT_HELD {
            w.put_bool(o.not_held);
        }
        if sv >= MIN_SERVER_VER_DELTA_NEUTRAL {
            match &c.delta_neutral_contract {
                Some(dn) => {
                    w.put_bool(true);
                    w.put_int(dn.con_id);
                    w.put_f64(dn.delta);
                    w.put_f64(dn.price);
                }
                None => w.put_bool(false),
            }
        }
        if sv >= MIN_SERVER_VER_ALGO_ORDERS {
            w.put_str(&o.algo_strategy);
            if !o.algo_strategy.is_empty() {
                put_tag_values(w, &o.algo_params);
            }
        }
        if sv >= MIN_SERVER_VER_ALGO_ID {
            w.put_str(&o.algo_id);
        }
        w.put_bool(o.what_if);
        if sv >= MIN_SERVER_VER_LINKING {
            let mut misc = String::new();
            for tv in &o.order_misc_options {
                misc.push_str(&tv.tag);
                misc.push('=');
                misc.push_str(&tv.value);
                misc.push(';');
            }
            w.put_str(&misc);
        }
        if sv >= MIN_SERVER_VER_ORDER_SOLICITED {
            w.put_bool(o.solicited);
        }
        if sv >= MIN_SERVER_VER_RANDOMIZE_SIZE_AND_PRICE {
            w.put_bool(o.randomize_size);
            w.put_bool(o.randomize_price);
        }
        if sv >= MIN_SERVER_VER_PEGGED_TO_BENCHMARK {
            if is_peg_bench(&o.order_type) {
                w.put_int(o.reference_contract_id);
                w.put_bool(o.is_pegged_change_amount_decrease);
                w.put_f64(o.pegged_change_amount);
                w.put_f64(o.reference_change_amount);
                w.put_str(&o.reference_exchange_id);
            }
            w.put_int(o.conditions.len() as i64);
            if !o.conditions.is_empty() {
                for cond in &o.conditions {
                    write_condition(w, cond, false);
                }
                w.put_bool(o.conditions_ignore_rth);
                w.put_bool(o.conditions_cancel_order);
            }
            w.put_str(&o.adjusted_order_type);
            w.put_f64(o.trigger_price);
            w.put_f64(o.lmt_price_offset);
            w.put_f64(o.adjusted_stop_price);
            w.put_f64(o.adjusted_stop_limit_price);
            w.put_f64(o.adjusted_trailing_amount);
            w.put_int(o.adjustable_trailing_unit);
        }
        if sv >= MIN_SERVER_VER_EXT_OPERATOR {
            w.put_str(&o.ext_operator);
        }
        if sv >= MIN_SERVER_VER_SOFT_DOLLAR_TIER {
            w.put_str(&o.soft_dollar_tier.name);
            w.put_str(&o.soft_dollar_tier.val);
        }
        if sv >= MIN_SERVER_VER_CASH_QTY {
            w.put_f64(o.cash_qty);
        }
        if sv >= MIN_SERVER_VER_DECISION_MAKER {
            w.put_str(&o.mifid2_decision_maker);
            w.put_str(&o.mifid2_decision_algo);
        }
        if sv >= MIN_SERVER_VER_MIFID_EXECUTION {
            w.put_str(&o.mifid2_execution_trader);
            w.put_str(&o.mifid2_execution_algo);
        }
        if sv >= MIN_SERVER_VER_AUTO_PRICE_FOR_HEDGE {
            w.put_bool(o.dont_use_auto_price_for_hedge);
        }
        if sv >= MIN_SERVER_VER_ORDER_CONTAINER {
            w.put_bool(o.is_oms_container);
        }
        if sv >= MIN_SERVER_VER_D_PEG_ORDERS {
            w.put_bool(o.discretionary_up_to_limit_price);
        }
        if sv >= MIN_SERVER_VER_PRICE_MGMT_ALGO {
            w.put_i32_max(match o.use_price_mgmt_algo {
                None => UNSET_INTEGER,
                Some(true) => 1,
                Some(false) => 0,
            });
        }
        if sv >= MIN_SERVER_VER_DURATION {
            w.put_int(o.duration);
        }
        if sv >= MIN_SERVER_VER_POST_TO_ATS {
            w.put_int(o.post_to_ats);
        }
        if sv >= MIN_SERVER_VER_AUTO_CANCEL_PARENT {
            w.put_bool(o.auto_cancel_parent);
        }
        if sv >= MIN_SERVER_VER_ADVANCED_ORDER_REJECT {
            w.put_str(&o.advanced_error_override);
        }
        if sv >= MIN_SERVER_VER_MANUAL_ORDER_TIME {
            w.put_str(&o.manual_order_time);
        }
        if sv >= MIN_SERVER_VER_PEGBEST_PEGMID_OFFSETS {
            let mut send_mid_offsets = false;
            if c.exchange == "IBKRATS" {
                w.put_i32_max(o.min_trade_qty);
            }
            if is_peg_best(&o.order_type) {
                w.put_i32_max(o.min_compete_size);
                w.put_f64_max(o.compete_against_best_offset);
                if o.compete_against_best_offset == COMPETE_AGAINST_BEST_OFFSET_UP_TO_MID {
                    send_mid_offsets = true;
                }
            } else if is_peg_mid(&o.order_type) {
                send_mid_offsets = true;
            }
            if send_mid_offsets {
                w.put_f64_max(o.mid_offset_at_whole);
                w.put_f64_max(o.mid_offset_at_half);
            }
        }
        if sv >= MIN_SERVER_VER_CUSTOMER_ACCOUNT {
            w.put_str(&o.customer_account);
        }
        if sv >= MIN_SERVER_VER_PROFESSIONAL_CUSTOMER {
            w.put_bool(o.professional_customer);
        }
        if (MIN_SERVER_VER_RFQ_FIELDS..MIN_SERVER_VER_UNDO_RFQ_FIELDS).contains(&sv) {
            w.put_str("");
            w.put_int(UNSET_INTEGER);
        }
        if sv >= MIN_SERVER_VER_INCLUDE_OVERNIGHT {
            w.put_bool(o.include_overnight);
        }
        if sv >= MIN_SERVER_VER_CME_TAGGING_FIELDS {
            w.put_int(o.manual_order_indicator);
        }
        if sv >= MIN_SERVER_VER_IMBALANCE_ONLY {
            w.put_bool(o.imbalance_only);
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        if sv < MIN_SERVER_VER_ORDER_CONTAINER {
            r.skip("version")?;
        }
        let order_id = r.read_int_named("order id")?;
        let mut c = Contract::default();
        let mut o = Order::default();
        if sv >= MIN_SERVER_VER_PLACE_ORDER_CONID {
            c.con_id = r.read_int_named("con id")?;
        }
        c.symbol = r.read_string("symbol")?;
        c.sec_type = r.read_string("sec type")?;
        c.last_trade_date_or_contract_month = r.read_string("last trade date")?;
        c.strike = r.read_f64_max("strike")?;
        c.right = r.read_string("right")?;
        c.multiplier = r.read_string("multiplier")?;
        c.exchange = r.read_string("exchange")?;
        c.primary_exchange = r.read_string("primary exchange")?;
        c.currency = r.read_string("currency")?;
        c.local_symbol = r.read_string("local symbol")?;
        if sv >= MIN_SERVER_VER_TRADING_CLASS {
            c.trading_class = r.read_string("trading class")?;
        }
        if sv >= MIN_SERVER_VER_SEC_ID_TYPE {
            c.sec_id_type = r.read_string("sec id type")?;
            c.sec_id = r.read_string("sec id")?;
        }
        o.action = r.read_string("action")?;
        o.total_quantity = if r.clone().read_str("total quantity")? == UNSET_DECIMAL_TEXT {
            r.skip("total quantity")?;
            UNSET_DECIMAL
        } else {
            r.read_decimal("total quantity")?
        };
        o.order_type = r.read_string("order type")?;
        o.lmt_price = r.read_f64_max("lmt price")?;
        o.aux_price = r.read_f64_max("aux price")?;
        if sv >= MIN_SERVER_VER_TRAILING_PERCENT {
            o.tif = r.read_string("tif")?;
            o.oca_group = r.read_string("oca group")?;
            o.account = r.read_string("account")?;
            o.open_close = r.read_string("open close")?;
            o.origin = r.read_int_named("origin")?;
            o.order_ref = r.read_string("order ref")?;
            o.transmit = r.read_bool("transmit")?;
            o.parent_id = r.read_int_named("parent id")?;
            o.block_order = r.read_bool("block order")?;
            o.sweep_to_fill = r.read_bool("sweep to fill")?;
            o.display_size = r.read_int_named("display size")?;
            o.trigger_method = r.read_int_named("trigger method")?;
            o.outside_rth = r.read_bool("outside rth")?;
            o.hidden = r.read_bool("hidden")?;
        }
        if c.sec_type == "BAG" {
            let n: u16 = r.read_int_named("combo legs count")?;
            for _ in 0..n {
                let mut leg = ComboLeg {
                    con_id: r.read_int_named("leg con id")?,
                    ratio: r.read_int_named("leg ratio")?,
                    action: r.read_string("leg action")?,
                    exchange: r.read_string("leg exchange")?,
                    open_close: r.read_int_named("leg open close")?,
                    short_sale_slot: r.read_int_named("leg short sale slot")?,
                    designated_location: r.read_string("leg designated location")?,
                    ..ComboLeg::default()
                };
                if sv >= MIN_SERVER_VER_SSHORTX_OLD {
                    leg.exempt_code = r.read_int_named("leg exempt code")?;
                }
                c.combo_legs.push(leg);
            }
            if sv >= MIN_SERVER_VER_ORDER_COMBO_LEGS_PRICE {
                let n: u16 = r.read_int_named("order combo legs count")?;
                for _ in 0..n {
                    o.order_combo_legs.push(OrderComboLeg {
                        price: r.read_f64_max("leg price")?,
                    });
                }
            }
            if sv >= MIN_SERVER_VER_SMART_COMBO_ROUTING_PARAMS {
                o.smart_combo_routing_params = read_tag_values(r)?;
            }
        }
        r.skip("shares allocation")?;
        o.discretionary_amt = r.read_f64("discretionary amt")?;
        o.good_after_time = r.read_string("good after time")?;
        o.good_till_date = r.read_string("good till date")?;
        o.fa_group = r.read_string("fa group")?;
        o.fa_method = r.read_string("fa method")?;
        o.fa_percentage = r.read_string("fa percentage")?;
        if sv < MIN_SERVER_VER_FA_PROFILE_DESUPPORT {
            r.skip("fa profile")?;
        }
        if sv >= MIN_SERVER_VER_MODELS_SUPPORT {
            o.model_code = r.read_string("model code")?;
        }
        o.short_sale_slot = r.read_int_named("short sale slot")?;
        o.designated_location = r.read_string("designated location")?;
        if sv >= MIN_SERVER_VER_SSHORTX_OLD {
            o.exempt_code = r.read_int_named("exempt code")?;
        }
        o.oca_type = r.read_int_named("oca type")?;
        o.rule80_a = r.read_string("rule 80a")?;
        o.settling_firm = r.read_string("settling firm")?;
        o.all_or_none = r.read_bool("all or none")?;
        o.min_qty = r.read_i32_max("min qty")?;
        o.percent_offset = r.read_f64_max("percent offset")?;
        r.skip("etrade only")?;
        r.skip("firm quote only")?;
        r.skip("nbbo price cap")?;
        o.auction_strategy = r.read_int_named("auction strategy")?;
        o.starting_price = r.read_f64_max("starting price")?;
        o.stock_ref_price = r.read_f64_max("stock ref price")?;
        o.delta = r.read_f64_max("delta")?;
        o.stock_range_lower = r.read_f64_max("stock range lower")?;
        o.stock_range_upper = r.read_f64_max("stock range upper")?;
        o.override_percentage_constraints = r.read_bool("override percentage constraints")?;
        o.volatility = r.read_f64_max("volatility")?;
        o.volatility_type = r.read_i32_max("volatility type")?;
        o.delta_neutral_order_type = r.read_string("delta neutral order type")?;
        o.delta_neutral_aux_price = r.read_f64_max("delta neutral aux price")?;
        if sv >= MIN_SERVER_VER_DELTA_NEUTRAL_CONID && !o.delta_neutral_order_type.is_empty() {
            o.delta_neutral_con_id = r.read_int_named("delta neutral con id")?;
            o.delta_neutral_settling_firm = r.read_string("delta neutral settling firm")?;
            o.delta_neutral_clearing_account = r.read_string("delta neutral clearing account")?;
            o.delta_neutral_clearing_intent = r.read_string("delta neutral clearing intent")?;
        }
        if sv >= MIN_SERVER_VER_DELTA_NEUTRAL_OPEN_CLOSE && !o.delta_neutral_order_type.is_empty() {
            o.delta_neutral_open_close = r.read_string("delta neutral open close")?;
            o.delta_neutral_short_sale = r.read_bool("delta neutral short sale")?;
            o.delta_neutral_short_sale_slot = r.read_int_named("delta neutral short sale slot")?;
            o.delta_neutral_designated_location =
                r.read_string("delta neutral designated location")?;
        }
        o.continuous_update = r.read_bool("continuous update")?;
        o.reference_price_type = r.read_i32_max("reference price type")?;
        o.trail_stop_price = r.read_f64_max("trail stop price")?;
        if sv >= MIN_SERVER_VER_TRAILING_PERCENT {
            o.trailing_percent = r.read_f64_max("trailing percent")?;
        }
        if sv >= MIN_SERVER_VER_SCALE_ORDERS2 {
            o.scale_init_level_size = r.read_i32_max("scale init level size")?;
            o.scale_subs_level_size = r.read_i32_max("scale subs level size")?;
        } else {
            r.skip("scale num components")?;
            o.scale_init_level_size = r.read_i32_max("scale init level size")?;
        }
        o.scale_price_increment = r.read_f64_max("scale price increment")?;
        if sv >= MIN_SERVER_VER_SCALE_ORDERS3
            && o.scale_price_increment != UNSET_DOUBLE
            && o.scale_price_increment > 0.0
        {
            o.scale_price_adjust_value = r.read_f64_max("scale price adjust value")?;
            o.scale_price_adjust_interval = r.read_i32_max("scale price adjust interval")?;
            o.scale_profit_offset = r.read_f64_max("scale profit offset")?;
            o.scale_auto_reset = r.read_bool("scale auto reset")?;
            o.scale_init_position = r.read_i32_max("scale init position")?;
            o.scale_init_fill_qty = r.read_i32_max("scale init fill qty")?;
            o.scale_random_percent = r.read_bool("scale random percent")?;
        }
        if sv >= MIN_SERVER_VER_SCALE_TABLE {
            o.scale_table = r.read_string("scale table")?;
            o.active_start_time = r.read_string("active start time")?;
            o.active_stop_time = r.read_string("active stop time")?;
        }
        if sv >= MIN_SERVER_VER_HEDGE_ORDERS {
            o.hedge_type = r.read_string("hedge type")?;
            if !o.hedge_type.is_empty() {
                o.hedge_param = r.read_string("hedge param")?;
            }
        }
        if sv >= MIN_SERVER_VER_OPT_OUT_SMART_ROUTING {
            o.opt_out_smart_routing = r.read_bool("opt out smart routing")?;
        }
        if sv >= MIN_SERVER_VER_PTA_ORDERS {
            o.clearing_account = r.read_string("clearing account")?;
            o.clearing_intent = r.read_string("clearing intent")?;
        }
        if sv >= MIN_SERVER_VER_NOT_HELD {
            o.not_held = r.read_bool("not held")?;
        }
        if sv >= MIN_SERVER_VER_DELTA_NEUTRAL && r.read_bool("has delta neutral")? {
            c.delta_neutral_contract = Some(DeltaNeutralContract {
                con_id: r.read_int_named("delta neutral con id")?,
                delta: r.read_f64("delta neutral delta")?,
                price: r.read_f64("delta neutral price")?,
            });
        }
        if sv >= MIN_SERVER_VER_ALGO_ORDERS {
            o.algo_strategy = r.read_string("algo strategy")?;
            if !o.algo_strategy.is_empty() {
                o.algo_params = read_tag_values(r)?;
            }
        }
        if sv >= MIN_SERVER_VER_ALGO_ID {
            o.algo_id = r.read_string("algo id")?;
        }
        o.what_if = r.read_bool("what if")?;
        if sv >= MIN_SERVER_VER_LINKING {
            for pair in r.read_str("misc options")?.split(';') {
                if let Some((tag, value)) = pair.split_once('=') {
                    o.order_misc_options.push(TagValue {
                        tag: tag.to_owned(),
                        value: value.to_owned(),
                    });
                }
            }
        }
        if sv >= MIN_SERVER_VER_ORDER_SOLICITED {
            o.solicited = r.read_bool("solicited")?;
        }
        if sv >= MIN_SERVER_VER_RANDOMIZE_SIZE_AND_PRICE {
            o.randomize_size = r.read_bool("randomize size")?;
            o.randomize_price = r.read_bool("randomize price")?;
        }
        if sv >= MIN_SERVER_VER_PEGGED_TO_BENCHMARK {
            if is_peg_bench(&o.order_type) {
                o.reference_contract_id = r.read_int_named("reference contract id")?;
                o.is_pegged_change_amount_decrease =
                    r.read_bool("is pegged change amount decrease")?;
                o.pegged_change_amount = r.read_f64("pegged change amount")?;
                o.reference_change_amount = r.read_f64("reference change amount")?;
                o.reference_exchange_id = r.read_string("reference exchange id")?;
            }
            let n: u16 = r.read_int_named("conditions count")?;
            if n > 0 {
                for _ in 0..n {
                    o.conditions.push(read_condition(r)?);
                }
                o.conditions_ignore_rth = r.read_bool("conditions ignore rth")?;
                o.conditions_cancel_order = r.read_bool("conditions cancel order")?;
            }
            o.adjusted_order_type = r.read_string("adjusted order type")?;
            o.trigger_price = r.read_f64("trigger price")?;
            o.lmt_price_offset = r.read_f64("lmt price offset")?;
            o.adjusted_stop_price = r.read_f64("adjusted stop price")?;
            o.adjusted_stop_limit_price = r.read_f64("adjusted stop limit price")?;
            o.adjusted_trailing_amount = r.read_f64("adjusted trailing amount")?;
            o.adjustable_trailing_unit = r.read_int_named("adjustable trailing unit")?;
        }
        if sv >= MIN_SERVER_VER_EXT_OPERATOR {
            o.ext_operator = r.read_string("ext operator")?;
        }
        if sv >= MIN_SERVER_VER_SOFT_DOLLAR_TIER {
            o.soft_dollar_tier.name = r.read_string("soft dollar tier name")?;
            o.soft_dollar_tier.val = r.read_string("soft dollar tier value")?;
        }
        if sv >= MIN_SERVER_VER_CASH_QTY {
            o.cash_qty = r.read_f64("cash qty")?;
        }
        if sv >= MIN_SERVER_VER_DECISION_MAKER {
            o.mifid2_decision_maker = r.read_string("mifid2 decision maker")?;
            o.mifid2_decision_algo = r.read_string("mifid2 decision algo")?;
        }
        if sv >= MIN_SERVER_VER_MIFID_EXECUTION {
            o.mifid2_execution_trader = r.read_string("mifid2 execution trader")?;
            o.mifid2_execution_algo = r.read_string("mifid2 execution algo")?;
        }
        if sv >= MIN_SERVER_VER_AUTO_PRICE_FOR_HEDGE {
            o.dont_use_auto_price_for_hedge = r.read_bool("dont use auto price for hedge")?;
        }
        if sv >= MIN_SERVER_VER_ORDER_CONTAINER {
            o.is_oms_container = r.read_bool("is oms container")?;
        }
        if sv >= MIN_SERVER_VER_D_PEG_ORDERS {
            o.discretionary_up_to_limit_price = r.read_bool("discretionary up to limit price")?;
        }
        if sv >= MIN_SERVER_VER_PRICE_MGMT_ALGO {
            o.use_price_mgmt_algo = match r.read_i32_max("use price mgmt algo")? {
                UNSET_INTEGER => None,
                v => Some(v != 0),
            };
        }
        if sv >= MIN_SERVER_VER_DURATION {
            o.duration = r.read_int_named("duration")?;
        }
        if sv >= MIN_SERVER_VER_POST_TO_ATS {
            o.post_to_ats = r.read_int_named("post to ats")?;
        }
        if sv >= MIN_SERVER_VER_AUTO_CANCEL_PARENT {
            o.auto_cancel_parent = r.read_bool("auto cancel parent")?;
        }
        if sv >= MIN_SERVER_VER_ADVANCED_ORDER_REJECT {
            o.advanced_error_override = r.read_string("advanced error override")?;
        }
        if sv >= MIN_SERVER_VER_MANUAL_ORDER_TIME {
            o.manual_order_time = r.read_string("manual order time")?;
        }
        if sv >= MIN_SERVER_VER_PEGBEST_PEGMID_OFFSETS {
            let mut read_mid_offsets = false;
            if c.exchange == "IBKRATS" {
                o.min_trade_qty = r.read_i32_max("min trade qty")?;
            }
            if is_peg_best(&o.order_type) {
                o.min_compete_size = r.read_i32_max("min compete size")?;
                o.compete_against_best_offset = r.read_f64_max("compete against best offset")?;
                read_mid_offsets =
                    o.compete_against_best_offset == COMPETE_AGAINST_BEST_OFFSET_UP_TO_MID;
            } else if is_peg_mid(&o.order_type) {
                read_mid_offsets = true;
            }
            if read_mid_offsets {
                o.mid_offset_at_whole = r.read_f64_max("mid offset at whole")?;
                o.mid_offset_at_half = r.read_f64_max("mid offset at half")?;
            }
        }
        if sv >= MIN_SERVER_VER_CUSTOMER_ACCOUNT {
            o.customer_account = r.read_string("customer account")?;
        }
        if sv >= MIN_SERVER_VER_PROFESSIONAL_CUSTOMER {
            o.professional_customer = r.read_bool("professional customer")?;
        }
        if (MIN_SERVER_VER_RFQ_FIELDS..MIN_SERVER_VER_UNDO_RFQ_FIELDS).contains(&sv) {
            r.skip("rfq 1")?;
            r.skip("rfq 2")?;
        }
        if sv >= MIN_SERVER_VER_INCLUDE_OVERNIGHT {
            o.include_overnight = r.read_bool("include overnight")?;
        }
        if sv >= MIN_SERVER_VER_CME_TAGGING_FIELDS {
            o.manual_order_indicator = r.read_int_named("manual order indicator")?;
        }
        if sv >= MIN_SERVER_VER_IMBALANCE_ONLY {
            o.imbalance_only = r.read_bool("imbalance only")?;
        }
        o.order_id = order_id;
        Ok(PlaceOrder {
            order_id,
            contract: c,
            order: o,
        })
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

/// A float as the official client sends it before version gates made it
/// optional: 0 (the Python integer) when unset.
fn put_f64_or_zero(w: &mut FieldWriter<'_>, v: f64) {
    if v == UNSET_DOUBLE {
        w.put_int(0);
    } else {
        w.put_f64(v);
    }
}

/// A count, then tag and value of each pair.
pub(crate) fn put_tag_values(w: &mut FieldWriter<'_>, list: &[TagValue]) {
    w.put_int(list.len() as i64);
    for tv in list {
        w.put_str(&tv.tag);
        w.put_str(&tv.value);
    }
}

/// The inverse of [`put_tag_values`].
pub(crate) fn read_tag_values(r: &mut FieldReader<'_>) -> Result<Vec<TagValue>, DecodeError> {
    let n: u16 = r.read_int_named("tag values count")?;
    let mut out = Vec::with_capacity(n.min(64) as usize);
    for _ in 0..n {
        out.push(TagValue {
            tag: r.read_string("tag")?,
            value: r.read_string("value")?,
        });
    }
    Ok(out)
}
