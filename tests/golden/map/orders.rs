//! Order, execution and commission requests.

use super::args::{boolean, tag_value, Obj};
use super::Args;
use serde_json::Value;
use tws_api::model::order_condition::*;
use tws_api::model::{ExecutionFilter, Order, OrderCancel, OrderComboLeg, SoftDollarTier};
use tws_api::{EClient, Error, UNSET_DOUBLE};

pub fn call(c: &EClient, name: &str, a: &Args) -> Option<Result<(), Error>> {
    Some(match name {
        "placeOrder" => {
            // The capture gateway reports no managed accounts: the live-order
            // guard (not part of the wire form) is turned off.
            c.set_allow_live_orders(true);
            c.place_order(a.i32(0), &a.contract(1), &order(a.value(2)))
        }
        "cancelOrder" => c.cancel_order(a.i32(0), &order_cancel(a.value(1))),
        "reqGlobalCancel" => c.req_global_cancel(&order_cancel(a.value(0))),
        "reqOpenOrders" => c.req_open_orders(),
        "reqAllOpenOrders" => c.req_all_open_orders(),
        "reqAutoOpenOrders" => c.req_auto_open_orders(a.bool(0)),
        "reqCompletedOrders" => c.req_completed_orders(a.bool(0)),
        "reqExecutions" => c.req_executions(a.i32(0), &execution_filter(a.value(1))),
        "exerciseOptions" => c.exercise_options(
            a.i32(0),
            &a.contract(1),
            a.i32(2),
            a.i32(3),
            &a.str(4),
            a.i32(5),
            &a.str(6),
            &a.str(7),
            a.bool(8),
        ),
        _ => return None,
    })
}

fn order_cancel(v: &Value) -> OrderCancel {
    let o = Obj(v);
    let d = OrderCancel::default();
    OrderCancel {
        manual_order_cancel_time: o.str("manualOrderCancelTime"),
        ext_operator: o.str("extOperator"),
        manual_order_indicator: o.i32("manualOrderIndicator", d.manual_order_indicator),
    }
}

fn execution_filter(v: &Value) -> ExecutionFilter {
    let o = Obj(v);
    let d = ExecutionFilter::default();
    ExecutionFilter {
        client_id: o.i32("clientId", d.client_id),
        acct_code: o.str("acctCode"),
        time: o.str("time"),
        symbol: o.str("symbol"),
        sec_type: o.str("secType"),
        exchange: o.str("exchange"),
        side: o.str("side"),
        last_n_days: o.i32("lastNDays", d.last_n_days),
        specific_dates: o
            .list("specificDates")
            .iter()
            .map(|v| super::args::int(v) as i32)
            .collect(),
    }
}

fn soft_dollar_tier(v: &Value) -> SoftDollarTier {
    let o = Obj(v);
    SoftDollarTier {
        name: o.str("name"),
        val: o.str("val"),
        display_name: o.str("displayName"),
    }
}

/// One of the six condition classes, by its "$" name.
fn condition(v: &Value) -> OrderCondition {
    let o = Obj(v);
    let conj = o.bool("isConjunctionConnection", true);
    let is_more = o.bool("isMore", false);
    let mut c = match v.get("$").and_then(Value::as_str).unwrap_or_default() {
        "PriceCondition" => OrderCondition::from(PriceCondition {
            is_more,
            con_id: o.i32("conId", 0),
            exchange: o.str("exchange"),
            price: o.f64("price", 0.0),
            trigger_method: o.i32("triggerMethod", 0),
            ..Default::default()
        }),
        "TimeCondition" => OrderCondition::from(TimeCondition {
            is_more,
            time: o.str("time"),
            ..Default::default()
        }),
        "MarginCondition" => OrderCondition::from(MarginCondition {
            is_more,
            percent: o.i32("percent", 0),
            ..Default::default()
        }),
        "ExecutionCondition" => OrderCondition::from(ExecutionCondition {
            sec_type: o.str("secType"),
            exchange: o.str("exchange"),
            symbol: o.str("symbol"),
            ..Default::default()
        }),
        "VolumeCondition" => OrderCondition::from(VolumeCondition {
            is_more,
            con_id: o.i32("conId", 0),
            exchange: o.str("exchange"),
            volume: o.i32("volume", 0),
            ..Default::default()
        }),
        "PercentChangeCondition" => OrderCondition::from(PercentChangeCondition {
            is_more,
            con_id: o.i32("conId", 0),
            exchange: o.str("exchange"),
            change_percent: o.f64("changePercent", UNSET_DOUBLE),
            ..Default::default()
        }),
        other => panic!("scenario: unknown condition class {other}"),
    };
    c.set_conjunction_connection(conj);
    c
}

/// An `Order` from its official attributes.
pub fn order(v: &Value) -> Order {
    let o = Obj(v);
    let d = Order::default();
    Order {
        soft_dollar_tier: o
            .get("softDollarTier")
            .map(soft_dollar_tier)
            .unwrap_or_default(),
        order_id: o.i32("orderId", d.order_id),
        client_id: o.i32("clientId", d.client_id),
        perm_id: o.i64("permId", d.perm_id),
        action: o.str("action"),
        total_quantity: o.decimal("totalQuantity", d.total_quantity),
        order_type: o.str("orderType"),
        lmt_price: o.f64("lmtPrice", d.lmt_price),
        aux_price: o.f64("auxPrice", d.aux_price),
        tif: o.str("tif"),
        active_start_time: o.str("activeStartTime"),
        active_stop_time: o.str("activeStopTime"),
        oca_group: o.str("ocaGroup"),
        oca_type: o.i32("ocaType", d.oca_type),
        order_ref: o.str("orderRef"),
        transmit: o.bool("transmit", d.transmit),
        parent_id: o.i32("parentId", d.parent_id),
        block_order: o.bool("blockOrder", d.block_order),
        sweep_to_fill: o.bool("sweepToFill", d.sweep_to_fill),
        display_size: o.i32("displaySize", d.display_size),
        trigger_method: o.i32("triggerMethod", d.trigger_method),
        outside_rth: o.bool("outsideRth", d.outside_rth),
        hidden: o.bool("hidden", d.hidden),
        good_after_time: o.str("goodAfterTime"),
        good_till_date: o.str("goodTillDate"),
        rule80_a: o.str("rule80A"),
        all_or_none: o.bool("allOrNone", d.all_or_none),
        min_qty: o.i32("minQty", d.min_qty),
        percent_offset: o.f64("percentOffset", d.percent_offset),
        override_percentage_constraints: o.bool(
            "overridePercentageConstraints",
            d.override_percentage_constraints,
        ),
        trail_stop_price: o.f64("trailStopPrice", d.trail_stop_price),
        trailing_percent: o.f64("trailingPercent", d.trailing_percent),
        fa_group: o.str("faGroup"),
        fa_method: o.str("faMethod"),
        fa_percentage: o.str("faPercentage"),
        designated_location: o.str("designatedLocation"),
        open_close: o.str("openClose"),
        origin: o.i32("origin", d.origin),
        short_sale_slot: o.i32("shortSaleSlot", d.short_sale_slot),
        exempt_code: o.i32("exemptCode", d.exempt_code),
        discretionary_amt: o.f64("discretionaryAmt", d.discretionary_amt),
        opt_out_smart_routing: o.bool("optOutSmartRouting", d.opt_out_smart_routing),
        auction_strategy: o.i32("auctionStrategy", d.auction_strategy),
        starting_price: o.f64("startingPrice", d.starting_price),
        stock_ref_price: o.f64("stockRefPrice", d.stock_ref_price),
        delta: o.f64("delta", d.delta),
        stock_range_lower: o.f64("stockRangeLower", d.stock_range_lower),
        stock_range_upper: o.f64("stockRangeUpper", d.stock_range_upper),
        randomize_price: o.bool("randomizePrice", d.randomize_price),
        randomize_size: o.bool("randomizeSize", d.randomize_size),
        volatility: o.f64("volatility", d.volatility),
        volatility_type: o.i32("volatilityType", d.volatility_type),
        delta_neutral_order_type: o.str("deltaNeutralOrderType"),
        delta_neutral_aux_price: o.f64("deltaNeutralAuxPrice", d.delta_neutral_aux_price),
        delta_neutral_con_id: o.i32("deltaNeutralConId", d.delta_neutral_con_id),
        delta_neutral_settling_firm: o.str("deltaNeutralSettlingFirm"),
        delta_neutral_clearing_account: o.str("deltaNeutralClearingAccount"),
        delta_neutral_clearing_intent: o.str("deltaNeutralClearingIntent"),
        delta_neutral_open_close: o.str("deltaNeutralOpenClose"),
        delta_neutral_short_sale: o.bool("deltaNeutralShortSale", d.delta_neutral_short_sale),
        delta_neutral_short_sale_slot: o
            .i32("deltaNeutralShortSaleSlot", d.delta_neutral_short_sale_slot),
        delta_neutral_designated_location: o.str("deltaNeutralDesignatedLocation"),
        continuous_update: o.bool("continuousUpdate", d.continuous_update),
        reference_price_type: o.i32("referencePriceType", d.reference_price_type),
        basis_points: o.f64("basisPoints", d.basis_points),
        basis_points_type: o.i32("basisPointsType", d.basis_points_type),
        scale_init_level_size: o.i32("scaleInitLevelSize", d.scale_init_level_size),
        scale_subs_level_size: o.i32("scaleSubsLevelSize", d.scale_subs_level_size),
        scale_price_increment: o.f64("scalePriceIncrement", d.scale_price_increment),
        scale_price_adjust_value: o.f64("scalePriceAdjustValue", d.scale_price_adjust_value),
        scale_price_adjust_interval: o
            .i32("scalePriceAdjustInterval", d.scale_price_adjust_interval),
        scale_profit_offset: o.f64("scaleProfitOffset", d.scale_profit_offset),
        scale_auto_reset: o.bool("scaleAutoReset", d.scale_auto_reset),
        scale_init_position: o.i32("scaleInitPosition", d.scale_init_position),
        scale_init_fill_qty: o.i32("scaleInitFillQty", d.scale_init_fill_qty),
        scale_random_percent: o.bool("scaleRandomPercent", d.scale_random_percent),
        scale_table: o.str("scaleTable"),
        hedge_type: o.str("hedgeType"),
        hedge_param: o.str("hedgeParam"),
        account: o.str("account"),
        settling_firm: o.str("settlingFirm"),
        clearing_account: o.str("clearingAccount"),
        clearing_intent: o.str("clearingIntent"),
        algo_strategy: o.str("algoStrategy"),
        algo_params: o.list("algoParams").iter().map(tag_value).collect(),
        smart_combo_routing_params: o
            .list("smartComboRoutingParams")
            .iter()
            .map(tag_value)
            .collect(),
        algo_id: o.str("algoId"),
        what_if: o.bool("whatIf", d.what_if),
        not_held: o.bool("notHeld", d.not_held),
        solicited: o.bool("solicited", d.solicited),
        model_code: o.str("modelCode"),
        order_combo_legs: o
            .list("orderComboLegs")
            .iter()
            .map(|v| OrderComboLeg {
                price: Obj(v).f64("price", UNSET_DOUBLE),
            })
            .collect(),
        order_misc_options: o.list("orderMiscOptions").iter().map(tag_value).collect(),
        reference_contract_id: o.i32("referenceContractId", d.reference_contract_id),
        pegged_change_amount: o.f64("peggedChangeAmount", d.pegged_change_amount),
        is_pegged_change_amount_decrease: o.bool(
            "isPeggedChangeAmountDecrease",
            d.is_pegged_change_amount_decrease,
        ),
        reference_change_amount: o.f64("referenceChangeAmount", d.reference_change_amount),
        reference_exchange_id: o.str("referenceExchangeId"),
        adjusted_order_type: o.str("adjustedOrderType"),
        trigger_price: o.f64("triggerPrice", d.trigger_price),
        adjusted_stop_price: o.f64("adjustedStopPrice", d.adjusted_stop_price),
        adjusted_stop_limit_price: o.f64("adjustedStopLimitPrice", d.adjusted_stop_limit_price),
        adjusted_trailing_amount: o.f64("adjustedTrailingAmount", d.adjusted_trailing_amount),
        adjustable_trailing_unit: o.i32("adjustableTrailingUnit", d.adjustable_trailing_unit),
        lmt_price_offset: o.f64("lmtPriceOffset", d.lmt_price_offset),
        conditions: o.list("conditions").iter().map(condition).collect(),
        conditions_cancel_order: o.bool("conditionsCancelOrder", d.conditions_cancel_order),
        conditions_ignore_rth: o.bool("conditionsIgnoreRth", d.conditions_ignore_rth),
        ext_operator: o.str("extOperator"),
        cash_qty: o.f64("cashQty", d.cash_qty),
        mifid2_decision_maker: o.str("mifid2DecisionMaker"),
        mifid2_decision_algo: o.str("mifid2DecisionAlgo"),
        mifid2_execution_trader: o.str("mifid2ExecutionTrader"),
        mifid2_execution_algo: o.str("mifid2ExecutionAlgo"),
        dont_use_auto_price_for_hedge: o
            .bool("dontUseAutoPriceForHedge", d.dont_use_auto_price_for_hedge),
        is_oms_container: o.bool("isOmsContainer", d.is_oms_container),
        discretionary_up_to_limit_price: o.bool(
            "discretionaryUpToLimitPrice",
            d.discretionary_up_to_limit_price,
        ),
        auto_cancel_date: o.str("autoCancelDate"),
        filled_quantity: o.decimal("filledQuantity", d.filled_quantity),
        ref_futures_con_id: o.i32("refFuturesConId", d.ref_futures_con_id),
        auto_cancel_parent: o.bool("autoCancelParent", d.auto_cancel_parent),
        shareholder: o.str("shareholder"),
        imbalance_only: o.bool("imbalanceOnly", d.imbalance_only),
        route_marketable_to_bbo: o.bool("routeMarketableToBbo", d.route_marketable_to_bbo),
        parent_perm_id: o.i64("parentPermId", d.parent_perm_id),
        deactivate: o.bool("deactivate", d.deactivate),
        post_only: o.bool("postOnly", d.post_only),
        allow_pre_open: o.bool("allowPreOpen", d.allow_pre_open),
        ignore_open_auction: o.bool("ignoreOpenAuction", d.ignore_open_auction),
        seek_price_improvement: o
            .get("seekPriceImprovement")
            .filter(|v| !v.is_null())
            .map(boolean),
        what_if_type: o.i32("whatIfType", d.what_if_type),
        hedge_max_size: o.i32("hedgeMaxSize", d.hedge_max_size),
        conditions_include_overnight: o
            .bool("conditionsIncludeOvernight", d.conditions_include_overnight),
        sl_order_id: o.i32("slOrderId", d.sl_order_id),
        sl_order_type: o.str("slOrderType"),
        pt_order_id: o.i32("ptOrderId", d.pt_order_id),
        pt_order_type: o.str("ptOrderType"),
        use_price_mgmt_algo: o
            .get("usePriceMgmtAlgo")
            .filter(|v| !v.is_null())
            .map(boolean),
        duration: o.i32("duration", d.duration),
        post_to_ats: o.i32("postToAts", d.post_to_ats),
        advanced_error_override: o.str("advancedErrorOverride"),
        manual_order_time: o.str("manualOrderTime"),
        min_trade_qty: o.i32("minTradeQty", d.min_trade_qty),
        min_compete_size: o.i32("minCompeteSize", d.min_compete_size),
        compete_against_best_offset: o
            .f64("competeAgainstBestOffset", d.compete_against_best_offset),
        mid_offset_at_whole: o.f64("midOffsetAtWhole", d.mid_offset_at_whole),
        mid_offset_at_half: o.f64("midOffsetAtHalf", d.mid_offset_at_half),
        customer_account: o.str("customerAccount"),
        professional_customer: o.bool("professionalCustomer", d.professional_customer),
        bond_accrued_interest: o.str("bondAccruedInterest"),
        include_overnight: o.bool("includeOvernight", d.include_overnight),
        manual_order_indicator: o.i32("manualOrderIndicator", d.manual_order_indicator),
        submitter: o.str("submitter"),
    }
}
