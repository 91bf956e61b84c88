//! The protobuf forms of the order messages, incoming (the request
//! builders, outgoing, are in [`super::proto_out`]).
//!
//! Incoming (`openOrder`, `orderStatus`, `executionData`, `completedOrder`
//! as protobuf): the conversions the official decoder of 10.51.1 applies —
//! a missing field keeps the default, the message's order id is copied into
//! the `Order`, a delta-neutral contract only when the message has one, the
//! margin figures become `decimalMaxString` texts. (10.37.2's decoder
//! differed: no order id, an empty delta-neutral contract always, the
//! doubles' exact expansions, and two misspelled assignments that left a
//! combo leg's `shortSaleSlot` and `deltaNeutralSettlingFirm` unset; the
//! differential harness checks the protobuf forms against 10.51.1.)

use crate::model::order_condition::*;
use crate::model::{
    ComboLeg, Contract, Decimal, DeltaNeutralContract, Execution, ExecutionFilter,
    OptionExerciseType, Order, OrderAllocation, OrderCancel, OrderComboLeg, OrderState,
    SoftDollarTier, TagValue, UNSET_DECIMAL, UNSET_DOUBLE, UNSET_INTEGER, UNSET_LONG,
};
use crate::proto;

use super::OrderStatus;

/// A decimal the protobuf messages carry as text, read as the official
/// client's `Decimal(text)` does (exponents, a negative zero); text that is
/// no number is unset here (the official client hands such text over as
/// it is, or raises).
#[inline]
pub(crate) fn dec(s: &Option<String>) -> Option<Decimal> {
    use crate::wire::fields::decimal_from_text;
    // Untrimmed first: the tick path's sizes are plain digits.
    s.as_deref().map(|t| {
        decimal_from_text(t)
            .or_else(|| decimal_from_text(t.trim()))
            .unwrap_or(UNSET_DECIMAL)
    })
}

/// `floatMaxString`: 8 decimals, trailing zeros and point dropped; empty when unset.
fn float_max_string(v: f64) -> String {
    if v == UNSET_DOUBLE {
        return String::new();
    }
    let s = format!("{v:.8}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_owned()
}

/// `decimalMaxString` of a double (10.51.1): `f"{Decimal(str(v)):f}"`, the
/// shortest text that reads back as `v`, in positional notation; Python's
/// `str` gives a whole number below 1e16 a ".0".
pub(crate) fn decimal_max_string(v: f64) -> String {
    if !v.is_finite() {
        return if v.is_nan() {
            "NaN".into()
        } else if v > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        };
    }
    // Rust's Display is the shortest round-trip digits, never an exponent;
    // where two candidates are equally near the double, it rounds up and
    // Python to the even digit.
    let mut t = v.to_string();
    if let Some(dot) = t.find('.') {
        let d = t.len() - dot - 1;
        let exact = format!("{:.*}", d + 30, v);
        if let Some(edot) = exact.find('.') {
            let (head, tail) = exact.split_at(edot + 1 + d);
            let tie = tail.starts_with('5') && tail[1..].bytes().all(|b| b == b'0');
            let even = head.bytes().last().is_some_and(|b| (b - b'0') % 2 == 0);
            if tie && even && head.parse::<f64>() == Ok(v) {
                t = head.to_owned();
            }
        }
    }
    if v.fract() == 0.0 && v.abs() < 1e16 {
        t.push_str(".0");
    }
    t
}

/// A protobuf map as a tag-value list (in key order: protobuf leaves the
/// order open).
pub(crate) fn tag_values(map: &std::collections::BTreeMap<String, String>) -> Vec<TagValue> {
    map.iter()
        .map(|(k, v)| TagValue {
            tag: k.clone(),
            value: v.clone(),
        })
        .collect()
}

/// `orderStatus` from its protobuf form.
pub fn order_status(p: &proto::OrderStatus) -> OrderStatus {
    OrderStatus {
        order_id: p.order_id.unwrap_or(UNSET_INTEGER),
        status: p.status.clone().unwrap_or_default(),
        filled: dec(&p.filled).unwrap_or(UNSET_DECIMAL),
        remaining: dec(&p.remaining).unwrap_or(UNSET_DECIMAL),
        avg_fill_price: p.avg_fill_price.unwrap_or(UNSET_DOUBLE),
        perm_id: p.perm_id.unwrap_or(UNSET_LONG),
        parent_id: p.parent_id.unwrap_or(UNSET_INTEGER),
        last_fill_price: p.last_fill_price.unwrap_or(UNSET_DOUBLE),
        client_id: p.client_id.unwrap_or(UNSET_INTEGER),
        why_held: p.why_held.clone().unwrap_or_default(),
        mkt_cap_price: p.mkt_cap_price.unwrap_or(UNSET_DOUBLE),
    }
}

/// The contract of a request from its protobuf form (the simulated
/// gateway's side): [`contract`] and what a request carries beyond what the
/// answers' decoder reads (the security id, include-expired).
pub fn request_contract(p: &proto::Contract) -> Contract {
    let mut c = contract(p);
    c.sec_id_type = p.sec_id_type.clone().unwrap_or_default();
    c.sec_id = p.sec_id.clone().unwrap_or_default();
    c.include_expired = p.include_expired.unwrap_or(false);
    c
}

/// [`request_contract`] of a request's optional contract; default when
/// absent.
pub fn request_contract_of(p: &Option<proto::Contract>) -> Contract {
    p.as_ref().map(request_contract).unwrap_or_default()
}

/// A contract from its protobuf form (`decodeContract`).
pub fn contract(p: &proto::Contract) -> Contract {
    let mut c = Contract::default();
    macro_rules! set {
        ($($f:ident),*) => { $( if let Some(v) = &p.$f { c.$f = v.clone(); } )* };
    }
    set!(
        con_id,
        symbol,
        sec_type,
        last_trade_date_or_contract_month,
        last_trade_date,
        strike,
        right
    );
    if let Some(v) = &p.primary_exch {
        c.primary_exchange = v.clone();
    }
    set!(issuer_id, description);
    if let Some(m) = p.multiplier {
        c.multiplier = float_max_string(m);
    }
    set!(
        exchange,
        currency,
        local_symbol,
        trading_class,
        combo_legs_descrip
    );
    for l in &p.combo_legs {
        let mut leg = ComboLeg::default();
        set(&mut leg.con_id, l.con_id);
        set(&mut leg.ratio, l.ratio);
        if let Some(v) = &l.action {
            leg.action = v.clone();
        }
        if let Some(v) = &l.exchange {
            leg.exchange = v.clone();
        }
        set(&mut leg.open_close, l.open_close);
        set(&mut leg.short_sale_slot, l.short_sales_slot);
        if let Some(v) = &l.designated_location {
            leg.designated_location = v.clone();
        }
        set(&mut leg.exempt_code, l.exempt_code);
        c.combo_legs.push(leg);
    }
    // Present when the message has one (10.51.1; 10.37.2's decoder made
    // an empty one for every contract).
    if let Some(d) = &p.delta_neutral_contract {
        let mut dn = DeltaNeutralContract::default();
        set(&mut dn.con_id, d.con_id);
        set(&mut dn.delta, d.delta);
        set(&mut dn.price, d.price);
        c.delta_neutral_contract = Some(dn);
    }
    c
}

fn condition(p: &proto::OrderCondition) -> Option<OrderCondition> {
    let mut c = OrderCondition::create(p.r#type.unwrap_or(0))?;
    let is_more = p.is_more;
    match &mut c {
        OrderCondition::Price(x) => {
            set(&mut x.is_more, is_more);
            set(&mut x.con_id, p.con_id);
            set(&mut x.exchange, p.exchange.clone());
            set(&mut x.price, p.price);
            set(&mut x.trigger_method, p.trigger_method);
        }
        OrderCondition::Time(x) => {
            set(&mut x.is_more, is_more);
            set(&mut x.time, p.time.clone());
        }
        OrderCondition::Margin(x) => {
            set(&mut x.is_more, is_more);
            set(&mut x.percent, p.percent);
        }
        OrderCondition::Execution(x) => {
            set(&mut x.sec_type, p.sec_type.clone());
            set(&mut x.exchange, p.exchange.clone());
            set(&mut x.symbol, p.symbol.clone());
        }
        OrderCondition::Volume(x) => {
            set(&mut x.is_more, is_more);
            set(&mut x.con_id, p.con_id);
            set(&mut x.exchange, p.exchange.clone());
            // Absent: not given (10.51.1's condition keeps None).
            x.volume = p.volume.unwrap_or(UNSET_INTEGER);
        }
        OrderCondition::PercentChange(x) => {
            set(&mut x.is_more, is_more);
            set(&mut x.con_id, p.con_id);
            set(&mut x.exchange, p.exchange.clone());
            set(&mut x.change_percent, p.change_percent);
        }
    }
    if let Some(v) = p.is_conjunction_connection {
        c.set_conjunction_connection(v);
    }
    Some(c)
}

/// An order from its protobuf form (`decodeOrder`); the per-leg prices come
/// from the contract's legs.
pub fn order(order_id: i32, pc: &proto::Contract, p: &proto::Order) -> Order {
    let mut o = Order::default();
    // The message's order id, then the order's own when it has one (10.51.1;
    // 10.37.2's decoder copied neither).
    if order_id != UNSET_INTEGER {
        o.order_id = order_id;
    }
    if let Some(id) = p.order_id {
        o.order_id = id;
    }
    macro_rules! set {
        ($($f:ident),*) => { $( if let Some(v) = &p.$f { o.$f = v.clone(); } )* };
    }
    set!(action);
    if let Some(q) = dec(&p.total_quantity) {
        o.total_quantity = q;
    }
    set!(
        order_type,
        lmt_price,
        aux_price,
        tif,
        oca_group,
        account,
        open_close,
        origin,
        order_ref,
        client_id,
        perm_id,
        outside_rth,
        hidden,
        discretionary_amt,
        good_after_time,
        fa_group,
        fa_method,
        fa_percentage,
        model_code,
        good_till_date,
        rule80_a,
        percent_offset,
        settling_firm,
        short_sale_slot,
        designated_location,
        exempt_code,
        starting_price,
        stock_ref_price,
        delta,
        stock_range_lower,
        stock_range_upper,
        display_size,
        block_order,
        sweep_to_fill,
        all_or_none,
        min_qty,
        oca_type,
        parent_id,
        trigger_method,
        volatility,
        volatility_type,
        delta_neutral_order_type,
        delta_neutral_aux_price,
        delta_neutral_con_id
    );
    set!(
        delta_neutral_clearing_account,
        delta_neutral_clearing_intent,
        delta_neutral_open_close,
        delta_neutral_short_sale,
        delta_neutral_short_sale_slot,
        delta_neutral_designated_location,
        continuous_update,
        reference_price_type,
        trail_stop_price,
        trailing_percent
    );
    for l in &pc.combo_legs {
        o.order_combo_legs.push(OrderComboLeg {
            price: l.per_leg_price.unwrap_or(UNSET_DOUBLE),
        });
    }
    o.smart_combo_routing_params = tag_values(&p.smart_combo_routing_params);
    set!(
        scale_init_level_size,
        scale_subs_level_size,
        scale_price_increment,
        scale_price_adjust_value,
        scale_price_adjust_interval,
        scale_profit_offset,
        scale_auto_reset,
        scale_init_position,
        scale_init_fill_qty,
        scale_random_percent,
        hedge_type
    );
    if let (Some(t), Some(v)) = (&p.hedge_type, &p.hedge_param) {
        if !t.is_empty() {
            o.hedge_param = v.clone();
        }
    }
    set!(
        opt_out_smart_routing,
        clearing_account,
        clearing_intent,
        not_held
    );
    if let Some(a) = &p.algo_strategy {
        o.algo_strategy = a.clone();
        o.algo_params = tag_values(&p.algo_params);
    }
    set!(
        solicited,
        what_if,
        randomize_size,
        randomize_price,
        reference_contract_id,
        is_pegged_change_amount_decrease,
        pegged_change_amount,
        reference_change_amount,
        reference_exchange_id
    );
    o.conditions = p.conditions.iter().filter_map(condition).collect();
    set!(
        conditions_ignore_rth,
        conditions_cancel_order,
        adjusted_order_type,
        trigger_price,
        lmt_price_offset,
        adjusted_stop_price,
        adjusted_stop_limit_price,
        adjusted_trailing_amount,
        adjustable_trailing_unit
    );
    let t = p.soft_dollar_tier.clone().unwrap_or_default();
    o.soft_dollar_tier = SoftDollarTier {
        name: t.name.unwrap_or_default(),
        val: t.value.unwrap_or_default(),
        display_name: t.display_name.unwrap_or_default(),
    };
    set!(
        cash_qty,
        dont_use_auto_price_for_hedge,
        is_oms_container,
        discretionary_up_to_limit_price
    );
    if let Some(v) = p.use_price_mgmt_algo {
        o.use_price_mgmt_algo = Some(v != 0);
    }
    set!(
        duration,
        post_to_ats,
        auto_cancel_parent,
        min_trade_qty,
        min_compete_size,
        compete_against_best_offset,
        mid_offset_at_whole,
        mid_offset_at_half,
        customer_account,
        professional_customer,
        bond_accrued_interest,
        include_overnight,
        ext_operator,
        manual_order_indicator,
        submitter,
        imbalance_only,
        delta_neutral_settling_firm,
        shareholder,
        auto_cancel_date,
        ref_futures_con_id,
        parent_perm_id,
        active_start_time,
        active_stop_time,
        conditions_include_overnight,
        post_only,
        allow_pre_open,
        ignore_open_auction,
        deactivate,
        what_if_type
    );
    if p.hedge_type.is_some() {
        set!(hedge_max_size);
    }
    if let Some(q) = dec(&p.filled_quantity) {
        o.filled_quantity = q;
    }
    if let Some(v) = p.route_marketable_to_bbo {
        o.route_marketable_to_bbo = v != 0;
    }
    if let Some(v) = p.seek_price_improvement {
        o.seek_price_improvement = Some(v != 0);
    }
    o
}

/// An order state from its protobuf form (`decodeOrderState`).
pub fn order_state(p: &proto::OrderState) -> OrderState {
    let mut s = OrderState::default();
    if let Some(v) = &p.status {
        s.status = v.clone();
    }
    macro_rules! text {
        ($($f:ident),*) => { $( if let Some(v) = p.$f { s.$f = decimal_max_string(v); } )* };
    }
    text!(
        init_margin_before,
        maint_margin_before,
        equity_with_loan_before,
        init_margin_change,
        maint_margin_change,
        equity_with_loan_change,
        init_margin_after,
        maint_margin_after,
        equity_with_loan_after
    );
    macro_rules! set {
        ($($f:ident),*) => { $( if let Some(v) = &p.$f { s.$f = v.clone(); } )* };
    }
    set!(
        commission_and_fees,
        min_commission_and_fees,
        max_commission_and_fees,
        commission_and_fees_currency,
        warning_text,
        margin_currency,
        init_margin_before_outside_rth,
        maint_margin_before_outside_rth,
        equity_with_loan_before_outside_rth,
        init_margin_change_outside_rth,
        maint_margin_change_outside_rth,
        equity_with_loan_change_outside_rth,
        init_margin_after_outside_rth,
        maint_margin_after_outside_rth,
        equity_with_loan_after_outside_rth
    );
    set(&mut s.suggested_size, dec(&p.suggested_size));
    set!(reject_reason, completed_time, completed_status);
    for a in &p.order_allocations {
        s.order_allocations.push(OrderAllocation {
            account: a.account.clone().unwrap_or_default(),
            position: dec(&a.position).unwrap_or(UNSET_DECIMAL),
            position_desired: dec(&a.position_desired).unwrap_or(UNSET_DECIMAL),
            position_after: dec(&a.position_after).unwrap_or(UNSET_DECIMAL),
            desired_alloc_qty: dec(&a.desired_alloc_qty).unwrap_or(UNSET_DECIMAL),
            allowed_alloc_qty: dec(&a.allowed_alloc_qty).unwrap_or(UNSET_DECIMAL),
            is_monetary: a.is_monetary.unwrap_or(false),
        });
    }
    s
}

/// An execution from its protobuf form (`decodeExecution`).
pub fn execution(p: &proto::Execution) -> Execution {
    let mut e = Execution::default();
    macro_rules! set {
        ($($f:ident),*) => { $( if let Some(v) = &p.$f { e.$f = v.clone(); } )* };
    }
    set!(
        order_id,
        client_id,
        exec_id,
        time,
        acct_number,
        exchange,
        side
    );
    set(&mut e.shares, dec(&p.shares));
    set!(price, perm_id);
    if let Some(v) = p.is_liquidation {
        e.liquidation = i32::from(v);
    }
    set(&mut e.cum_qty, dec(&p.cum_qty));
    set!(
        avg_price,
        order_ref,
        ev_rule,
        ev_multiplier,
        model_code,
        last_liquidity,
        submitter
    );
    set(&mut e.pending_price_revision, p.is_price_revision_pending);
    if let Some(v) = p.opt_exercise_or_lapse_type {
        e.opt_exercise_or_lapse_type = OptionExerciseType::from_code(v);
    }
    e
}

/// The inverse of [`order_cancel_to_proto`] (the simulated gateway's side).
pub fn order_cancel(p: Option<&proto::OrderCancel>) -> OrderCancel {
    let mut c = OrderCancel::default();
    if let Some(p) = p {
        c.manual_order_cancel_time = p.manual_order_cancel_time.clone().unwrap_or_default();
        c.ext_operator = p.ext_operator.clone().unwrap_or_default();
        c.manual_order_indicator = p.manual_order_indicator.unwrap_or(UNSET_INTEGER);
    }
    c
}

/// The inverse of [`filter_to_proto`] (the simulated gateway's side).
pub fn filter(p: Option<&proto::ExecutionFilter>) -> ExecutionFilter {
    let mut x = ExecutionFilter::default();
    if let Some(p) = p {
        // The encoder leaves an unset client id out: read back unset.
        x.client_id = p.client_id.unwrap_or(UNSET_INTEGER);
        x.acct_code = p.acct_code.clone().unwrap_or_default();
        x.time = p.time.clone().unwrap_or_default();
        x.symbol = p.symbol.clone().unwrap_or_default();
        x.sec_type = p.sec_type.clone().unwrap_or_default();
        x.exchange = p.exchange.clone().unwrap_or_default();
        x.side = p.side.clone().unwrap_or_default();
        x.last_n_days = p.last_n_days.unwrap_or(UNSET_INTEGER);
        x.specific_dates = p.specific_dates.clone();
    }
    x
}

/// Sets `dst` to the value of a field the peer sent; leaves it (the
/// default, as the official client does) when the field is absent.
fn set<T>(dst: &mut T, src: Option<T>) {
    if let Some(v) = src {
        *dst = v;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_max_string_as_official() {
        // Python: f"{Decimal(str(v)):f}".
        for (v, text) in [
            (1.0, "1.0"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (0.1, "0.1"),
            (1e16, "10000000000000000"),
            (1e-9, "0.000000001"),
            (-2.25, "-2.25"),
            (123456.5, "123456.5"),
            (123456789012345.12, "123456789012345.12"),
            (f64::INFINITY, "Infinity"),
        ] {
            assert_eq!(decimal_max_string(v), text, "{v}");
        }
        assert_eq!(decimal_max_string(1e300), format!("1{}", "0".repeat(300)));
    }

    #[test]
    fn float_max_string_as_official() {
        assert_eq!(float_max_string(100.0), "100");
        assert_eq!(float_max_string(0.5), "0.5");
        assert_eq!(float_max_string(UNSET_DOUBLE), "");
    }
}
