//! The order messages: orderStatus, openOrder (every version branch and
//! optional block), openOrderEnd, orderBound, completedOrder,
//! completedOrdersEnd, execDetails, execDetailsEnd, commissionAndFeesReport,
//! and the protobuf forms 10.37.2 accepts (orderStatus, openOrder,
//! openOrderEnd, executionData, executionDataEnd).

use super::{Frames, Rng, VERSIONS};
use tws_api::messages::ids::incoming;
use tws_api::messages::orders::{
    proto_out, CommissionAndFeesReportMsg, CompletedOrder, CompletedOrdersEnd, ExecutionData,
    ExecutionDataEnd, OpenOrder, OpenOrderEnd, OrderBound, OrderStatus,
};
use tws_api::messages::ProtoForm;
use tws_api::model::order_condition::*;
use tws_api::model::*;
use tws_api::proto;

fn contract(r: &mut Rng) -> Contract {
    let mut c = Contract {
        con_id: r.pick(&[265598, 8314, 0, 756733]),
        symbol: r.pick(&["AAPL", "IBM", "SPY", ""]).into(),
        sec_type: r.pick(&["STK", "OPT", "FUT", "BAG"]).into(),
        last_trade_date_or_contract_month: r.pick(&["", "20261218"]).into(),
        strike: r.pick(&[0.0, 600.0, 12.5]),
        right: r.pick(&["", "C", "P"]).into(),
        multiplier: r.pick(&["", "100"]).into(),
        exchange: r.pick(&["SMART", "IBKRATS", "ARCA"]).into(),
        currency: "USD".into(),
        local_symbol: r.text(),
        trading_class: r.pick(&["", "NMS", "SPY"]).into(),
        ..Contract::default()
    };
    if r.bool() {
        c.delta_neutral_contract = Some(DeltaNeutralContract {
            con_id: r.int(),
            delta: r.price(),
            price: r.price(),
        });
    }
    c
}

fn conditions(r: &mut Rng) -> Vec<OrderCondition> {
    let mut all = vec![
        OrderCondition::from(PriceCondition {
            is_more: r.bool(),
            con_id: 265598,
            exchange: "SMART".into(),
            price: r.pick(&[150.5, 0.25, 1e-5]),
            trigger_method: r.pick(&[0, 2, 8]),
            ..Default::default()
        }),
        OrderCondition::from(TimeCondition {
            is_more: r.bool(),
            time: "20261201 10:00:00 US/Eastern".into(),
            ..Default::default()
        })
        .or(),
        OrderCondition::from(MarginCondition {
            is_more: r.bool(),
            percent: r.pick(&[0, 30, 100]),
            ..Default::default()
        }),
        OrderCondition::from(ExecutionCondition {
            sec_type: "STK".into(),
            exchange: "SMART".into(),
            symbol: r.text(),
            ..Default::default()
        }),
        OrderCondition::from(VolumeCondition {
            is_more: r.bool(),
            con_id: 8314,
            exchange: "ARCA".into(),
            volume: r.pick(&[0, 100_000, i32::MAX]),
            ..Default::default()
        })
        .or(),
        OrderCondition::from(PercentChangeCondition {
            is_more: r.bool(),
            con_id: 8314,
            exchange: "ARCA".into(),
            change_percent: r.pick(&[2.5, -1.25, f64::MAX]),
            ..Default::default()
        }),
    ];
    let n = r.pick(&[0usize, 1, 3, 6]);
    all.truncate(n);
    all
}

fn tags(r: &mut Rng) -> Vec<TagValue> {
    let n = r.pick(&[0usize, 1, 2]);
    (0..n)
        .map(|i| TagValue {
            tag: format!("tag{i}"),
            value: r.text(),
        })
        .collect()
}

fn order(r: &mut Rng, c: &Contract) -> Order {
    let mut o = Order {
        order_id: r.int(),
        client_id: r.int(),
        perm_id: r.long(),
        action: r.pick(&["BUY", "SELL", "SSHORT"]).into(),
        total_quantity: r.decimal(),
        order_type: r
            .pick(&[
                "LMT",
                "MKT",
                "STP",
                "STP LMT",
                "TRAIL",
                "REL",
                "PEG BENCH",
                "PEG MID",
                "PEG BEST",
            ])
            .into(),
        lmt_price: r.pick(&[150.25, UNSET_DOUBLE, 0.0, 1e-9]),
        aux_price: r.pick(&[UNSET_DOUBLE, 1.5, 140.0]),
        tif: r.pick(&["DAY", "GTC", ""]).into(),
        oca_group: r.pick(&["", "bracket-1"]).into(),
        account: r.pick(&["DU1234567", ""]).into(),
        open_close: r.pick(&["", "O", "C"]).into(),
        origin: r.pick(&[0, 1]),
        order_ref: r.text(),
        outside_rth: r.bool(),
        hidden: r.bool(),
        discretionary_amt: r.price(),
        good_after_time: r.pick(&["", "20261201 09:30:00 US/Eastern"]).into(),
        fa_group: r.text(),
        fa_method: r.pick(&["", "EqualQuantity"]).into(),
        fa_percentage: r.pick(&["", "50"]).into(),
        model_code: r.text(),
        good_till_date: r.pick(&["", "20261231 16:00:00 US/Eastern"]).into(),
        rule80_a: r.pick(&["", "I", "A"]).into(),
        percent_offset: r.pick(&[UNSET_DOUBLE, 0.01]),
        settling_firm: r.text(),
        short_sale_slot: r.pick(&[0, 1, 2]),
        designated_location: r.text(),
        exempt_code: r.pick(&[-1, 0, 5]),
        auction_strategy: r.pick(&[0, 1, 2, 3]),
        starting_price: r.pick(&[UNSET_DOUBLE, 150.0]),
        stock_ref_price: r.pick(&[UNSET_DOUBLE, 151.0]),
        delta: r.pick(&[UNSET_DOUBLE, 0.4]),
        stock_range_lower: r.pick(&[UNSET_DOUBLE, 140.0]),
        stock_range_upper: r.pick(&[UNSET_DOUBLE, 160.0]),
        display_size: r.pick(&[UNSET_INTEGER, 0, 100]),
        block_order: r.bool(),
        sweep_to_fill: r.bool(),
        all_or_none: r.bool(),
        min_qty: r.pick(&[UNSET_INTEGER, 10]),
        oca_type: r.pick(&[0, 1, 2, 3]),
        parent_id: r.pick(&[0, 1001]),
        trigger_method: r.pick(&[0, 2, 7]),
        volatility: r.pick(&[UNSET_DOUBLE, 0.25]),
        volatility_type: r.pick(&[UNSET_INTEGER, 1, 2]),
        delta_neutral_order_type: r.pick(&["", "LMT", "None"]).into(),
        delta_neutral_aux_price: r.pick(&[UNSET_DOUBLE, 0.5]),
        continuous_update: r.bool(),
        reference_price_type: r.pick(&[UNSET_INTEGER, 1, 2]),
        trail_stop_price: r.pick(&[UNSET_DOUBLE, 148.25]),
        trailing_percent: r.pick(&[UNSET_DOUBLE, 2.5]),
        basis_points: r.pick(&[UNSET_DOUBLE, 1.5]),
        basis_points_type: r.pick(&[UNSET_INTEGER, 1]),
        smart_combo_routing_params: tags(r),
        scale_init_level_size: r.pick(&[UNSET_INTEGER, 100]),
        scale_subs_level_size: r.pick(&[UNSET_INTEGER, 50]),
        scale_price_increment: r.pick(&[UNSET_DOUBLE, 0.05, 0.0]),
        scale_price_adjust_value: r.pick(&[UNSET_DOUBLE, 0.01]),
        scale_price_adjust_interval: r.pick(&[UNSET_INTEGER, 60]),
        scale_profit_offset: r.pick(&[UNSET_DOUBLE, 0.5]),
        scale_auto_reset: r.bool(),
        scale_init_position: r.pick(&[UNSET_INTEGER, 0]),
        scale_init_fill_qty: r.pick(&[UNSET_INTEGER, 0]),
        scale_random_percent: r.bool(),
        hedge_type: r.pick(&["", "D", "B"]).into(),
        opt_out_smart_routing: r.bool(),
        clearing_account: r.text(),
        clearing_intent: r.pick(&["", "IB", "Away"]).into(),
        not_held: r.bool(),
        algo_strategy: r.pick(&["", "Adaptive", "Vwap"]).into(),
        solicited: r.bool(),
        what_if: r.bool(),
        randomize_size: r.bool(),
        randomize_price: r.bool(),
        conditions: conditions(r),
        adjusted_order_type: r.pick(&["", "STP LMT"]).into(),
        trigger_price: r.pick(&[UNSET_DOUBLE, 155.0]),
        lmt_price_offset: r.pick(&[UNSET_DOUBLE, 0.5]),
        adjusted_stop_price: r.pick(&[UNSET_DOUBLE, 150.0]),
        adjusted_stop_limit_price: r.pick(&[UNSET_DOUBLE, 149.5]),
        adjusted_trailing_amount: r.pick(&[UNSET_DOUBLE, 1.0]),
        adjustable_trailing_unit: r.pick(&[0, 1]),
        soft_dollar_tier: SoftDollarTier {
            name: r.text(),
            val: r.pick(&["", "1"]).into(),
            display_name: r.text(),
        },
        cash_qty: r.pick(&[UNSET_DOUBLE, 1000.5]),
        dont_use_auto_price_for_hedge: r.bool(),
        is_oms_container: r.bool(),
        discretionary_up_to_limit_price: r.bool(),
        use_price_mgmt_algo: Some(r.bool()),
        duration: r.pick(&[UNSET_INTEGER, 3600]),
        post_to_ats: r.pick(&[UNSET_INTEGER, 1]),
        auto_cancel_parent: r.bool(),
        min_trade_qty: r.pick(&[UNSET_INTEGER, 100]),
        min_compete_size: r.pick(&[UNSET_INTEGER, 100]),
        compete_against_best_offset: r.pick(&[UNSET_DOUBLE, f64::INFINITY, 0.02]),
        mid_offset_at_whole: r.pick(&[UNSET_DOUBLE, 0.01]),
        mid_offset_at_half: r.pick(&[UNSET_DOUBLE, 0.005]),
        customer_account: r.text(),
        professional_customer: r.bool(),
        bond_accrued_interest: r.pick(&["", "12.5"]).into(),
        include_overnight: r.bool(),
        ext_operator: r.text(),
        manual_order_indicator: r.pick(&[UNSET_INTEGER, 0, 1]),
        submitter: r.text(),
        imbalance_only: r.bool(),
        auto_cancel_date: r.pick(&["", "20261231"]).into(),
        filled_quantity: r.decimal(),
        ref_futures_con_id: r.pick(&[0, 495512563]),
        shareholder: r.text(),
        route_marketable_to_bbo: r.bool(),
        parent_perm_id: r.long(),
        ..Order::default()
    };
    if !o.hedge_type.is_empty() {
        o.hedge_param = "beta=1.2".into();
    }
    if !o.algo_strategy.is_empty() {
        o.algo_params = tags(r);
    }
    if !o.delta_neutral_order_type.is_empty() {
        o.delta_neutral_con_id = r.int();
        o.delta_neutral_settling_firm = r.text();
        o.delta_neutral_clearing_account = r.text();
        o.delta_neutral_clearing_intent = r.text();
        o.delta_neutral_open_close = r.pick(&["", "O"]).into();
        o.delta_neutral_short_sale = r.bool();
        o.delta_neutral_short_sale_slot = r.pick(&[0, 1]);
        o.delta_neutral_designated_location = r.text();
    }
    if o.order_type == "PEG BENCH" {
        o.reference_contract_id = r.int();
        o.is_pegged_change_amount_decrease = r.bool();
        o.pegged_change_amount = r.price();
        o.reference_change_amount = r.price();
        o.reference_exchange_id = r.text();
    }
    if c.sec_type == "BAG" {
        o.order_combo_legs = (0..r.pick(&[0usize, 1, 2]))
            .map(|_| OrderComboLeg {
                price: r.pick(&[UNSET_DOUBLE, 1.5]),
            })
            .collect();
    }
    o
}

fn state(r: &mut Rng) -> OrderState {
    OrderState {
        status: r
            .pick(&["PreSubmitted", "Submitted", "Filled", "Cancelled", ""])
            .into(),
        init_margin_before: r.pick(&["", "1000.5", "1.7976931348623157E308"]).into(),
        maint_margin_before: r.pick(&["", "800"]).into(),
        equity_with_loan_before: r.pick(&["", "1000000"]).into(),
        init_margin_change: r.pick(&["", "7500.25"]).into(),
        maint_margin_change: r.pick(&["", "3750"]).into(),
        equity_with_loan_change: r.pick(&["", "-1"]).into(),
        init_margin_after: r.pick(&["", "8500.75"]).into(),
        maint_margin_after: r.pick(&["", "4550"]).into(),
        equity_with_loan_after: r.pick(&["", "999999"]).into(),
        commission_and_fees: r.pick(&[UNSET_DOUBLE, 1.0, 0.35]),
        min_commission_and_fees: r.pick(&[UNSET_DOUBLE, 1.0]),
        max_commission_and_fees: r.pick(&[UNSET_DOUBLE, 1.5]),
        commission_and_fees_currency: r.pick(&["", "USD"]).into(),
        margin_currency: r.pick(&["", "USD"]).into(),
        init_margin_before_outside_rth: r.pick(&[UNSET_DOUBLE, 1000.5]),
        maint_margin_before_outside_rth: r.pick(&[UNSET_DOUBLE, 800.0]),
        equity_with_loan_before_outside_rth: r.pick(&[UNSET_DOUBLE, 1e6]),
        init_margin_change_outside_rth: r.pick(&[UNSET_DOUBLE, 7500.25]),
        maint_margin_change_outside_rth: r.pick(&[UNSET_DOUBLE, 3750.0]),
        equity_with_loan_change_outside_rth: r.pick(&[UNSET_DOUBLE, -1.0]),
        init_margin_after_outside_rth: r.pick(&[UNSET_DOUBLE, 8500.75]),
        maint_margin_after_outside_rth: r.pick(&[UNSET_DOUBLE, 4550.0]),
        equity_with_loan_after_outside_rth: r.pick(&[UNSET_DOUBLE, 999999.0]),
        suggested_size: r.decimal(),
        reject_reason: r.text(),
        order_allocations: (0..r.pick(&[0usize, 1, 2]))
            .map(|i| OrderAllocation {
                account: format!("DU{i}"),
                position: r.decimal(),
                position_desired: r.decimal(),
                position_after: r.decimal(),
                desired_alloc_qty: r.decimal(),
                allowed_alloc_qty: r.decimal(),
                is_monetary: r.bool(),
            })
            .collect(),
        warning_text: r.text(),
        completed_time: r.pick(&["", "20261129 10:00:00 UTC"]).into(),
        completed_status: r.pick(&["", "Filled", "Cancelled by Trader"]).into(),
    }
}

fn combo(r: &mut Rng, c: &mut Contract) {
    if c.sec_type == "BAG" {
        c.combo_legs_descrip = "756733|1,8314|-2".into();
        c.combo_legs = (0..r.pick(&[0usize, 1, 2]))
            .map(|i| ComboLeg {
                con_id: 756733 + i as i32,
                ratio: 1 + i as i32,
                action: r.pick(&["BUY", "SELL"]).into(),
                exchange: "SMART".into(),
                open_close: r.pick(&[0, 1, 2]),
                short_sale_slot: r.pick(&[0, 1]),
                designated_location: r.text(),
                exempt_code: r.pick(&[-1, 0]),
            })
            .collect();
    }
}

fn execution(r: &mut Rng) -> Execution {
    Execution {
        exec_id: r.pick(&["0000e1a7.00000001.01.01", ""]).into(),
        time: r.pick(&["20261129 10:00:00 UTC", ""]).into(),
        acct_number: r.pick(&["DU1234567", ""]).into(),
        exchange: r.pick(&["ISLAND", "ARCA"]).into(),
        side: r.pick(&["BOT", "SLD"]).into(),
        shares: r.decimal(),
        price: r.price(),
        perm_id: r.long(),
        client_id: r.int(),
        order_id: r.int(),
        liquidation: r.pick(&[0, 1]),
        cum_qty: r.decimal(),
        avg_price: r.price(),
        order_ref: r.text(),
        ev_rule: r.pick(&["", "aussieBond:YearsToExpiration=3"]).into(),
        ev_multiplier: r.price(),
        model_code: r.text(),
        last_liquidity: r.pick(&[0, 1, 2, 3]),
        pending_price_revision: r.bool(),
        submitter: r.text(),
        ..Execution::default()
    }
}

pub fn frames(f: &mut Frames) {
    let mut r = Rng::new(10);
    for sv in VERSIONS {
        for _ in 0..12 {
            f.add(
                sv,
                &OrderStatus {
                    order_id: r.int(),
                    status: r
                        .pick(&["PreSubmitted", "Submitted", "Filled", "Cancelled", ""])
                        .into(),
                    filled: r.decimal(),
                    remaining: r.decimal(),
                    avg_fill_price: r.price(),
                    perm_id: r.long(),
                    parent_id: r.int(),
                    last_fill_price: r.price(),
                    client_id: r.int(),
                    why_held: r.pick(&["", "locate", "child,locate"]).into(),
                    mkt_cap_price: r.price(),
                },
            );
        }
        for _ in 0..40 {
            let mut c = contract(&mut r);
            combo(&mut r, &mut c);
            let o = order(&mut r, &c);
            let s = state(&mut r);
            f.add(
                sv,
                &OpenOrder {
                    callback_order_id: None,
                    contract: c.clone(),
                    order: o.clone(),
                    order_state: s.clone(),
                },
            );
            f.add(
                sv,
                &CompletedOrder {
                    contract: c,
                    order: o,
                    order_state: s,
                },
            );
        }
        f.add(sv, &OpenOrderEnd);
        f.add(sv, &CompletedOrdersEnd);
        for _ in 0..6 {
            f.add(
                sv,
                &OrderBound {
                    perm_id: r.long(),
                    client_id: r.int(),
                    order_id: r.int(),
                },
            );
            f.add(sv, &ExecutionDataEnd { req_id: r.int() });
        }
        for _ in 0..20 {
            let mut c = contract(&mut r);
            c.delta_neutral_contract = None;
            f.add(
                sv,
                &ExecutionData {
                    req_id: r.pick(&[-1, 7, 9000]),
                    contract: c,
                    execution: execution(&mut r),
                },
            );
            f.add(
                sv,
                &CommissionAndFeesReportMsg {
                    report: CommissionAndFeesReport {
                        exec_id: r.pick(&["0000e1a7.00000001.01.01", ""]).into(),
                        commission_and_fees: r.price(),
                        currency: r.pick(&["USD", ""]).into(),
                        realized_pnl: r.pick(&[UNSET_DOUBLE, 0.0, -12.5, 1e300]),
                        yield_: r.pick(&[UNSET_DOUBLE, 0.0, 4.25]),
                        yield_redemption_date: r.pick(&[0, 20301231]),
                    },
                },
            );
        }
        // Hand-made: an openOrderEnd with its version only.
        f.add_fields(sv, incoming::OPEN_ORDER_END, &["1"]);
        f.add_fields(sv, incoming::EXECUTION_DATA_END, &["1", "42"]);
    }
    protobuf(f, &mut r);
}

/// A decimal as protobuf text (not the unset sentinel, whose text the
/// official decoder keeps as is).
fn proto_decimal(r: &mut Rng) -> String {
    let d = r.decimal();
    if d == UNSET_DECIMAL {
        "100".into()
    } else {
        d.to_string()
    }
}

fn protobuf(f: &mut Frames, r: &mut Rng) {
    // Server version 204: the completed orders and orderBound, as the
    // simulated gateway sends them (their ProtoForm).
    for _ in 0..20 {
        let mut c = contract(r);
        combo(r, &mut c);
        let mut o = order(r, &c);
        o.algo_params.truncate(1);
        o.smart_combo_routing_params.truncate(1);
        let mut order_state = state(r);
        order_state.completed_time = "20261205 10:00:00 America/New_York".into();
        order_state.completed_status = r.pick(&["Filled", "Cancelled by Trader"]).into();
        let m = tws_api::messages::orders::CompletedOrder {
            contract: c,
            order: o,
            order_state,
        };
        f.add_proto(204, incoming::COMPLETED_ORDER, &m.to_proto(204));
    }
    f.add_proto(
        204,
        incoming::COMPLETED_ORDERS_END,
        &proto::CompletedOrdersEnd::default(),
    );
    for _ in 0..8 {
        let m = tws_api::messages::orders::OrderBound {
            perm_id: r.long(),
            client_id: r.int(),
            order_id: r.int(),
        };
        f.add_proto(204, incoming::ORDER_BOUND, &m.to_proto(204));
    }
    f.add_proto(204, incoming::ORDER_BOUND, &proto::OrderBound::default());
    for sv in [201, 203, 204] {
        for _ in 0..10 {
            f.add_proto(
                sv,
                incoming::ORDER_STATUS,
                &proto::OrderStatus {
                    order_id: Some(r.int()),
                    status: Some("Filled".into()),
                    filled: Some(proto_decimal(r)),
                    remaining: r.bool().then(|| "0".into()),
                    avg_fill_price: Some(r.price()),
                    perm_id: r.bool().then(|| r.long()),
                    parent_id: Some(0),
                    last_fill_price: Some(r.price()),
                    client_id: Some(r.int()),
                    why_held: r.bool().then(|| r.text()),
                    mkt_cap_price: r.bool().then(|| r.price()),
                },
            );
        }
        for _ in 0..20 {
            let mut c = contract(r);
            combo(r, &mut c);
            let mut o = order(r, &c);
            // One entry per map: a protobuf map has no order.
            o.algo_params.truncate(1);
            o.smart_combo_routing_params.truncate(1);
            let s = state(r);
            let pc = proto_out::contract_to_proto(&c, &o);
            let mut po = proto_out::order_to_proto(&o);
            if o.total_quantity == UNSET_DECIMAL {
                po.total_quantity = Some("100".into());
            }
            po.order_id = Some(o.order_id);
            po.client_id = Some(o.client_id);
            let ps = proto::OrderState {
                status: Some(s.status.clone()),
                init_margin_before: Some(r.price()),
                maint_margin_before: r.bool().then(|| r.price()),
                init_margin_after: Some(0.1),
                commission_and_fees: Some(1.0),
                commission_and_fees_currency: Some("USD".into()),
                suggested_size: r.bool().then(|| "100".into()),
                warning_text: Some(s.warning_text.clone()),
                ..Default::default()
            };
            f.add_proto(
                sv,
                incoming::OPEN_ORDER,
                &proto::OpenOrder {
                    order_id: Some(o.order_id),
                    contract: Some(pc),
                    order: Some(po),
                    order_state: r.bool().then_some(ps),
                },
            );
        }
        f.add_proto(
            sv,
            incoming::OPEN_ORDER_END,
            &proto::OpenOrdersEnd::default(),
        );
        for _ in 0..10 {
            let mut c = contract(r);
            c.delta_neutral_contract = None;
            let e = execution(r);
            f.add_proto(
                sv,
                incoming::EXECUTION_DATA,
                &proto::ExecutionDetails {
                    req_id: Some(r.pick(&[-1, 7])),
                    contract: Some(proto_out::contract_to_proto(&c, &Order::default())),
                    execution: Some(proto::Execution {
                        order_id: Some(e.order_id),
                        exec_id: Some(e.exec_id),
                        time: Some(e.time),
                        acct_number: Some(e.acct_number),
                        exchange: Some(e.exchange),
                        side: Some(e.side),
                        shares: Some(proto_decimal(r)),
                        price: Some(e.price),
                        perm_id: Some(e.perm_id),
                        client_id: Some(e.client_id),
                        is_liquidation: Some(e.liquidation == 1),
                        cum_qty: Some(proto_decimal(r)),
                        avg_price: Some(e.avg_price),
                        order_ref: Some(e.order_ref),
                        ev_rule: Some(e.ev_rule),
                        ev_multiplier: Some(e.ev_multiplier),
                        model_code: Some(e.model_code),
                        last_liquidity: Some(e.last_liquidity),
                        is_price_revision_pending: Some(e.pending_price_revision),
                        submitter: Some(e.submitter),
                        opt_exercise_or_lapse_type: r.bool().then_some(1),
                    }),
                },
            );
            f.add_proto(
                sv,
                incoming::EXECUTION_DATA_END,
                &proto::ExecutionDetailsEnd {
                    req_id: Some(r.int()),
                },
            );
        }
    }
}
