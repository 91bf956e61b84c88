//! The protobuf forms of the order messages, outgoing: the official
//! request builders (`createOrderProto`, `createContractProto`, …), which
//! set a field only when it holds a value (not empty, not the unset
//! sentinel), and the order state as TWS fills it for the simulated
//! gateway's answers. The readers are in [`super::proto_in`].

use crate::messages::protobuf::{b, f, full_map_entries, i, s};
use crate::model::order_condition::*;
use crate::model::{
    Contract, Decimal, ExecutionFilter, Order, OrderCancel, OrderState, TagValue, UNSET_DECIMAL,
    UNSET_INTEGER, UNSET_LONG,
};
use crate::proto;

/// An order state in its protobuf form, as TWS fills it (the inverse of
/// [`order_state`]): a margin figure that is no number, an unset double or
/// empty text is left out.
pub fn order_state_to_proto(st: &OrderState) -> proto::OrderState {
    let num = |t: &str| t.parse::<f64>().ok();
    proto::OrderState {
        status: s(&st.status),
        init_margin_before: num(&st.init_margin_before),
        maint_margin_before: num(&st.maint_margin_before),
        equity_with_loan_before: num(&st.equity_with_loan_before),
        init_margin_change: num(&st.init_margin_change),
        maint_margin_change: num(&st.maint_margin_change),
        equity_with_loan_change: num(&st.equity_with_loan_change),
        init_margin_after: num(&st.init_margin_after),
        maint_margin_after: num(&st.maint_margin_after),
        equity_with_loan_after: num(&st.equity_with_loan_after),
        commission_and_fees: f(st.commission_and_fees),
        min_commission_and_fees: f(st.min_commission_and_fees),
        max_commission_and_fees: f(st.max_commission_and_fees),
        commission_and_fees_currency: s(&st.commission_and_fees_currency),
        margin_currency: s(&st.margin_currency),
        init_margin_before_outside_rth: f(st.init_margin_before_outside_rth),
        maint_margin_before_outside_rth: f(st.maint_margin_before_outside_rth),
        equity_with_loan_before_outside_rth: f(st.equity_with_loan_before_outside_rth),
        init_margin_change_outside_rth: f(st.init_margin_change_outside_rth),
        maint_margin_change_outside_rth: f(st.maint_margin_change_outside_rth),
        equity_with_loan_change_outside_rth: f(st.equity_with_loan_change_outside_rth),
        init_margin_after_outside_rth: f(st.init_margin_after_outside_rth),
        maint_margin_after_outside_rth: f(st.maint_margin_after_outside_rth),
        equity_with_loan_after_outside_rth: f(st.equity_with_loan_after_outside_rth),
        suggested_size: (st.suggested_size != UNSET_DECIMAL).then(|| st.suggested_size.to_string()),
        reject_reason: s(&st.reject_reason),
        order_allocations: st
            .order_allocations
            .iter()
            .map(|a| {
                let d = |v: Decimal| (v != UNSET_DECIMAL).then(|| v.to_string());
                proto::OrderAllocation {
                    account: s(&a.account),
                    position: d(a.position),
                    position_desired: d(a.position_desired),
                    position_after: d(a.position_after),
                    desired_alloc_qty: d(a.desired_alloc_qty),
                    allowed_alloc_qty: d(a.allowed_alloc_qty),
                    is_monetary: b(a.is_monetary),
                }
            })
            .collect(),
        warning_text: s(&st.warning_text),
        completed_time: s(&st.completed_time),
        completed_status: s(&st.completed_status),
    }
}

pub(crate) fn map(list: &[TagValue]) -> std::collections::BTreeMap<String, String> {
    list.iter()
        .map(|tv| (tv.tag.clone(), tv.value.clone()))
        .collect()
}

/// `createOrderProto`, encoded as the official client's protobuf library
/// encodes it: its three maps' entries whole (see
/// [`full_map_entries`](crate::messages::protobuf::full_map_entries)).
pub(crate) fn encode_order_proto(sv: i32, o: &Order, out: &mut Vec<u8>) {
    use prost::Message as _;
    let mut p = order_to_proto(o);
    // 10.51.1 (from LATEST_OFFICIAL_FROM on) sends the client id and
    // routeMarketableToBbo too (10.37.2 neither).
    if sv >= crate::server_versions::LATEST_OFFICIAL_FROM {
        p.client_id = i(o.client_id);
        p.route_marketable_to_bbo = o.route_marketable_to_bbo.then_some(1);
    }
    // The field numbers of the maps in Order.proto.
    full_map_entries(&p.encode_to_vec(), &[62, 64, 84], out);
}

/// A contract on its own (`createContractProto(contract, None)`): the
/// contract of every request and answer but the orders'.
pub(crate) fn contract_proto(c: &Contract) -> Option<proto::Contract> {
    Some(contract_to_proto(c, &Order::default()))
}

/// `createContractProto`. The official builder assigns `primaryExchange`,
/// a name the message does not have (it is `primaryExch`): it fails for a
/// contract with a primary exchange; here the field is sent.
pub fn contract_to_proto(c: &Contract, o: &Order) -> proto::Contract {
    proto::Contract {
        con_id: i(c.con_id),
        symbol: s(&c.symbol),
        sec_type: s(&c.sec_type),
        last_trade_date_or_contract_month: s(&c.last_trade_date_or_contract_month),
        strike: f(c.strike),
        right: s(&c.right),
        multiplier: if c.multiplier.is_empty() {
            None
        } else {
            c.multiplier.trim().parse().ok()
        },
        exchange: s(&c.exchange),
        primary_exch: s(&c.primary_exchange),
        currency: s(&c.currency),
        local_symbol: s(&c.local_symbol),
        trading_class: s(&c.trading_class),
        sec_id_type: s(&c.sec_id_type),
        sec_id: s(&c.sec_id),
        description: s(&c.description),
        issuer_id: s(&c.issuer_id),
        delta_neutral_contract: c.delta_neutral_contract.as_ref().map(|d| {
            proto::DeltaNeutralContract {
                con_id: i(d.con_id),
                delta: f(d.delta),
                price: f(d.price),
            }
        }),
        include_expired: b(c.include_expired),
        combo_legs_descrip: s(&c.combo_legs_descrip),
        combo_legs: c
            .combo_legs
            .iter()
            .enumerate()
            .map(|(n, l)| proto::ComboLeg {
                con_id: i(l.con_id),
                ratio: i(l.ratio),
                action: s(&l.action),
                exchange: s(&l.exchange),
                open_close: i(l.open_close),
                short_sales_slot: i(l.short_sale_slot),
                designated_location: s(&l.designated_location),
                exempt_code: i(l.exempt_code),
                per_leg_price: o.order_combo_legs.get(n).and_then(|p| f(p.price)),
            })
            .collect(),
        // The request side never sets it (createContractProto of 10.51.1).
        last_trade_date: None,
    }
}

fn condition_to_proto(c: &OrderCondition) -> proto::OrderCondition {
    let mut p = proto::OrderCondition {
        r#type: Some(c.cond_type()),
        is_conjunction_connection: Some(c.is_conjunction_connection()),
        ..Default::default()
    };
    match c {
        OrderCondition::Price(x) => {
            p.is_more = Some(x.is_more);
            p.con_id = i(x.con_id);
            p.exchange = s(&x.exchange);
            p.price = f(x.price);
            p.trigger_method = i(x.trigger_method);
        }
        OrderCondition::Time(x) => {
            p.is_more = Some(x.is_more);
            p.time = s(&x.time);
        }
        OrderCondition::Margin(x) => {
            p.is_more = Some(x.is_more);
            p.percent = Some(x.percent);
        }
        OrderCondition::Execution(x) => {
            p.sec_type = s(&x.sec_type);
            p.exchange = s(&x.exchange);
            p.symbol = s(&x.symbol);
        }
        OrderCondition::Volume(x) => {
            p.is_more = Some(x.is_more);
            p.con_id = i(x.con_id);
            p.exchange = s(&x.exchange);
            p.volume = i(x.volume);
        }
        OrderCondition::PercentChange(x) => {
            p.is_more = Some(x.is_more);
            p.con_id = i(x.con_id);
            p.exchange = s(&x.exchange);
            p.change_percent = f(x.change_percent);
        }
    }
    p
}

/// `createAttachedOrdersProto` (10.51.1).
pub fn attached_orders_to_proto(o: &Order) -> proto::AttachedOrders {
    proto::AttachedOrders {
        sl_order_id: i(o.sl_order_id),
        sl_order_type: s(&o.sl_order_type),
        pt_order_id: i(o.pt_order_id),
        pt_order_type: s(&o.pt_order_type),
    }
}

/// `createOrderProto`.
pub fn order_to_proto(o: &Order) -> proto::Order {
    proto::Order {
        perm_id: (o.perm_id != UNSET_LONG).then_some(o.perm_id),
        parent_id: i(o.parent_id),
        action: s(&o.action),
        total_quantity: (o.total_quantity != UNSET_DECIMAL).then(|| o.total_quantity.to_string()),
        display_size: i(o.display_size),
        order_type: s(&o.order_type),
        lmt_price: f(o.lmt_price),
        aux_price: f(o.aux_price),
        tif: s(&o.tif),
        account: s(&o.account),
        settling_firm: s(&o.settling_firm),
        clearing_account: s(&o.clearing_account),
        clearing_intent: s(&o.clearing_intent),
        all_or_none: b(o.all_or_none),
        block_order: b(o.block_order),
        hidden: b(o.hidden),
        outside_rth: b(o.outside_rth),
        sweep_to_fill: b(o.sweep_to_fill),
        percent_offset: f(o.percent_offset),
        trailing_percent: f(o.trailing_percent),
        trail_stop_price: f(o.trail_stop_price),
        min_qty: i(o.min_qty),
        good_after_time: s(&o.good_after_time),
        good_till_date: s(&o.good_till_date),
        oca_group: s(&o.oca_group),
        order_ref: s(&o.order_ref),
        rule80_a: s(&o.rule80_a),
        oca_type: i(o.oca_type),
        trigger_method: i(o.trigger_method),
        active_start_time: s(&o.active_start_time),
        active_stop_time: s(&o.active_stop_time),
        fa_group: s(&o.fa_group),
        fa_method: s(&o.fa_method),
        fa_percentage: s(&o.fa_percentage),
        volatility: f(o.volatility),
        volatility_type: i(o.volatility_type),
        continuous_update: b(o.continuous_update),
        reference_price_type: i(o.reference_price_type),
        delta_neutral_order_type: s(&o.delta_neutral_order_type),
        delta_neutral_aux_price: f(o.delta_neutral_aux_price),
        delta_neutral_con_id: i(o.delta_neutral_con_id),
        delta_neutral_open_close: s(&o.delta_neutral_open_close),
        delta_neutral_short_sale: b(o.delta_neutral_short_sale),
        delta_neutral_short_sale_slot: i(o.delta_neutral_short_sale_slot),
        delta_neutral_designated_location: s(&o.delta_neutral_designated_location),
        scale_init_level_size: i(o.scale_init_level_size),
        scale_subs_level_size: i(o.scale_subs_level_size),
        scale_price_increment: f(o.scale_price_increment),
        scale_price_adjust_value: f(o.scale_price_adjust_value),
        scale_price_adjust_interval: i(o.scale_price_adjust_interval),
        scale_profit_offset: f(o.scale_profit_offset),
        scale_auto_reset: b(o.scale_auto_reset),
        scale_init_position: i(o.scale_init_position),
        scale_init_fill_qty: i(o.scale_init_fill_qty),
        scale_random_percent: b(o.scale_random_percent),
        scale_table: s(&o.scale_table),
        hedge_type: s(&o.hedge_type),
        hedge_param: s(&o.hedge_param),
        algo_strategy: s(&o.algo_strategy),
        algo_params: map(&o.algo_params),
        algo_id: s(&o.algo_id),
        smart_combo_routing_params: map(&o.smart_combo_routing_params),
        what_if: b(o.what_if),
        transmit: b(o.transmit),
        override_percentage_constraints: b(o.override_percentage_constraints),
        open_close: s(&o.open_close),
        origin: i(o.origin),
        short_sale_slot: i(o.short_sale_slot),
        designated_location: s(&o.designated_location),
        exempt_code: i(o.exempt_code),
        delta_neutral_settling_firm: s(&o.delta_neutral_settling_firm),
        delta_neutral_clearing_account: s(&o.delta_neutral_clearing_account),
        delta_neutral_clearing_intent: s(&o.delta_neutral_clearing_intent),
        // A double the official builder checks with isValidIntValue: left
        // out when it equals UNSET_INTEGER (found by the random golden
        // scenarios), sent otherwise, UNSET_DOUBLE included.
        discretionary_amt: (o.discretionary_amt != f64::from(UNSET_INTEGER))
            .then_some(o.discretionary_amt),
        opt_out_smart_routing: b(o.opt_out_smart_routing),
        starting_price: f(o.starting_price),
        stock_ref_price: f(o.stock_ref_price),
        delta: f(o.delta),
        stock_range_lower: f(o.stock_range_lower),
        stock_range_upper: f(o.stock_range_upper),
        not_held: b(o.not_held),
        order_misc_options: map(&o.order_misc_options),
        solicited: b(o.solicited),
        randomize_size: b(o.randomize_size),
        randomize_price: b(o.randomize_price),
        reference_contract_id: i(o.reference_contract_id),
        pegged_change_amount: f(o.pegged_change_amount),
        is_pegged_change_amount_decrease: b(o.is_pegged_change_amount_decrease),
        reference_change_amount: f(o.reference_change_amount),
        reference_exchange_id: s(&o.reference_exchange_id),
        adjusted_order_type: s(&o.adjusted_order_type),
        trigger_price: f(o.trigger_price),
        adjusted_stop_price: f(o.adjusted_stop_price),
        adjusted_stop_limit_price: f(o.adjusted_stop_limit_price),
        adjusted_trailing_amount: f(o.adjusted_trailing_amount),
        adjustable_trailing_unit: i(o.adjustable_trailing_unit),
        lmt_price_offset: f(o.lmt_price_offset),
        conditions: o.conditions.iter().map(condition_to_proto).collect(),
        conditions_cancel_order: b(o.conditions_cancel_order),
        conditions_ignore_rth: b(o.conditions_ignore_rth),
        model_code: s(&o.model_code),
        ext_operator: s(&o.ext_operator),
        soft_dollar_tier: Some(proto::SoftDollarTier {
            name: s(&o.soft_dollar_tier.name),
            value: s(&o.soft_dollar_tier.val),
            display_name: s(&o.soft_dollar_tier.display_name),
        }),
        cash_qty: f(o.cash_qty),
        mifid2_decision_maker: s(&o.mifid2_decision_maker),
        mifid2_decision_algo: s(&o.mifid2_decision_algo),
        mifid2_execution_trader: s(&o.mifid2_execution_trader),
        mifid2_execution_algo: s(&o.mifid2_execution_algo),
        dont_use_auto_price_for_hedge: b(o.dont_use_auto_price_for_hedge),
        is_oms_container: b(o.is_oms_container),
        discretionary_up_to_limit_price: b(o.discretionary_up_to_limit_price),
        use_price_mgmt_algo: o.use_price_mgmt_algo.map(i32::from),
        duration: i(o.duration),
        post_to_ats: i(o.post_to_ats),
        advanced_error_override: s(&o.advanced_error_override),
        manual_order_time: s(&o.manual_order_time),
        min_trade_qty: i(o.min_trade_qty),
        min_compete_size: i(o.min_compete_size),
        compete_against_best_offset: f(o.compete_against_best_offset),
        mid_offset_at_whole: f(o.mid_offset_at_whole),
        mid_offset_at_half: f(o.mid_offset_at_half),
        customer_account: s(&o.customer_account),
        professional_customer: b(o.professional_customer),
        bond_accrued_interest: s(&o.bond_accrued_interest),
        include_overnight: b(o.include_overnight),
        manual_order_indicator: i(o.manual_order_indicator),
        submitter: s(&o.submitter),
        auto_cancel_parent: b(o.auto_cancel_parent),
        imbalance_only: b(o.imbalance_only),
        hedge_max_size: i(o.hedge_max_size),
        conditions_include_overnight: b(o.conditions_include_overnight),
        post_only: b(o.post_only),
        allow_pre_open: b(o.allow_pre_open),
        ignore_open_auction: b(o.ignore_open_auction),
        deactivate: b(o.deactivate),
        seek_price_improvement: o.seek_price_improvement.map(i32::from),
        what_if_type: i(o.what_if_type),
        ..Default::default()
    }
}

/// `createOrderCancelProto`.
pub fn order_cancel_to_proto(c: &OrderCancel) -> proto::OrderCancel {
    proto::OrderCancel {
        manual_order_cancel_time: s(&c.manual_order_cancel_time),
        ext_operator: s(&c.ext_operator),
        manual_order_indicator: i(c.manual_order_indicator),
    }
}

/// `createExecutionRequestProto`'s filter.
pub fn filter_to_proto(x: &ExecutionFilter) -> proto::ExecutionFilter {
    proto::ExecutionFilter {
        client_id: i(x.client_id),
        acct_code: s(&x.acct_code),
        time: s(&x.time),
        symbol: s(&x.symbol),
        sec_type: s(&x.sec_type),
        exchange: s(&x.exchange),
        side: s(&x.side),
        last_n_days: i(x.last_n_days),
        specific_dates: x.specific_dates.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tv(tag: &str, value: &str) -> TagValue {
        TagValue {
            tag: tag.into(),
            value: value.into(),
        }
    }

    /// Without an empty key or value, the maps' entries are what prost
    /// writes, at the same places: the field numbers and the splicing agree
    /// with the generated encoder.
    #[test]
    fn order_maps_without_empty_entries_encode_as_prost_does() {
        use prost::Message as _;
        let o = Order {
            action: "BUY".into(),
            total_quantity: Decimal::from(100),
            order_type: "LMT".into(),
            lmt_price: 150.0,
            algo_strategy: "Vwap".into(),
            algo_params: vec![tv("maxPctVol", "0.2"), tv("startTime", "09:30")],
            algo_id: "a1".into(),
            smart_combo_routing_params: vec![tv("NonGuaranteed", "1")],
            what_if: true,
            order_misc_options: vec![tv("a", "b"), tv("c", "d")],
            solicited: true,
            ..Order::default()
        };
        let mut ours = Vec::new();
        encode_order_proto(203, &o, &mut ours);
        assert_eq!(ours, order_to_proto(&o).encode_to_vec());
        let mut none = Order::default();
        none.algo_params.clear();
        let mut ours = Vec::new();
        encode_order_proto(203, &none, &mut ours);
        assert_eq!(ours, order_to_proto(&none).encode_to_vec());
    }

    /// A map entry with an empty value or key keeps both fields, as the
    /// official client (10.37.2, `createPlaceOrderRequestProto` then
    /// `SerializeToString`) writes them. The expected bytes were printed by
    /// it for this order; one entry a map, so the entry order is fixed.
    #[test]
    fn place_order_keeps_empty_map_keys_and_values_as_official() {
        use crate::messages::Message as _;
        let m = crate::messages::orders::PlaceOrder {
            order_id: 7,
            contract: Contract {
                con_id: 265598,
                symbol: "AAPL".into(),
                sec_type: "STK".into(),
                exchange: "SMART".into(),
                currency: "USD".into(),
                ..Contract::default()
            },
            order: Order {
                action: "BUY".into(),
                total_quantity: Decimal::new(25, 9),
                order_type: "LMT".into(),
                lmt_price: 1e15 + 0.25,
                algo_strategy: "Adaptive".into(),
                algo_params: vec![tv("adaptivePriority", "")],
                smart_combo_routing_params: vec![tv("", "1")],
                order_misc_options: vec![tv("", "")],
                transmit: true,
                ..Order::default()
            },
        };
        let official = "0807121b08fe9a1012044141504c1a0353544b4205534d41525452035553441a9f\
            01180020002a03425559320b302e303030303030303235380042034c4d544902003426f56b0c43f001\
            00f80100d80200f00200ea03084164617074697665f203140a1061646170746976655072696f726974\
            7912008204050a00120131900401a80400b00400c004ffffffffffffffffff01e10400000000000000\
            00a205040a001200c00500c9050000000000000000d9050000000000000000900600ca0600";
        let mut ours = Vec::new();
        m.encode_protobuf(203, &mut ours).unwrap();
        let hex: String = ours.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, official);
    }
}
