//! The refusals of `placeOrder`: what each server version cannot take, in
//! the official client's order and with its texts.

use crate::model::{Contract, Order, UNSET_DOUBLE, UNSET_INTEGER};
use crate::server_versions::*;

/// Checks the order against what server version `sv` supports, in the
/// official order; the first refusal wins.
pub(super) fn refusal(sv: i32, c: &Contract, o: &Order) -> Option<&'static str> {
    let gates: &[(bool, &'static str)] = &[
        (
            sv < MIN_SERVER_VER_DELTA_NEUTRAL && c.delta_neutral_contract.is_some(),
            "  It does not support delta-neutral orders.",
        ),
        (
            sv < MIN_SERVER_VER_SCALE_ORDERS2 && o.scale_subs_level_size != UNSET_INTEGER,
            "  It does not support Subsequent Level Size for Scale orders.",
        ),
        (
            sv < MIN_SERVER_VER_ALGO_ORDERS && !o.algo_strategy.is_empty(),
            "  It does not support algo orders.",
        ),
        (
            sv < MIN_SERVER_VER_NOT_HELD && o.not_held,
            "  It does not support notHeld parameter.",
        ),
        (
            sv < MIN_SERVER_VER_SEC_ID_TYPE && (!c.sec_id_type.is_empty() || !c.sec_id.is_empty()),
            "  It does not support secIdType and secId parameters.",
        ),
        (
            sv < MIN_SERVER_VER_PLACE_ORDER_CONID && c.con_id > 0,
            "  It does not support conId parameter.",
        ),
        (
            sv < MIN_SERVER_VER_SSHORTX && o.exempt_code != -1,
            "  It does not support exemptCode parameter.",
        ),
        (
            sv < MIN_SERVER_VER_SSHORTX && c.combo_legs.iter().any(|l| l.exempt_code != -1),
            "  It does not support exemptCode parameter.",
        ),
        (
            sv < MIN_SERVER_VER_HEDGE_ORDERS && !o.hedge_type.is_empty(),
            "  It does not support hedge orders.",
        ),
        (
            sv < MIN_SERVER_VER_OPT_OUT_SMART_ROUTING && o.opt_out_smart_routing,
            "  It does not support optOutSmartRouting parameter.",
        ),
        (
            sv < MIN_SERVER_VER_DELTA_NEUTRAL_CONID
                && (o.delta_neutral_con_id > 0
                    || !o.delta_neutral_settling_firm.is_empty()
                    || !o.delta_neutral_clearing_account.is_empty()
                    || !o.delta_neutral_clearing_intent.is_empty()),
            "  It does not support deltaNeutral parameters: ConId, SettlingFirm, ClearingAccount, ClearingIntent.",
        ),
        (
            sv < MIN_SERVER_VER_DELTA_NEUTRAL_OPEN_CLOSE
                && (!o.delta_neutral_open_close.is_empty()
                    || o.delta_neutral_short_sale
                    || o.delta_neutral_short_sale_slot > 0
                    || !o.delta_neutral_designated_location.is_empty()),
            "  It does not support deltaNeutral parameters: OpenClose, ShortSale, ShortSaleSlot, DesignatedLocation.",
        ),
        (
            sv < MIN_SERVER_VER_SCALE_ORDERS3
                && o.scale_price_increment > 0.0
                && o.scale_price_increment != UNSET_DOUBLE
                && (o.scale_price_adjust_value != UNSET_DOUBLE
                    || o.scale_price_adjust_interval != UNSET_INTEGER
                    || o.scale_profit_offset != UNSET_DOUBLE
                    || o.scale_auto_reset
                    || o.scale_init_position != UNSET_INTEGER
                    || o.scale_init_fill_qty != UNSET_INTEGER
                    || o.scale_random_percent),
            "  It does not support Scale order parameters: PriceAdjustValue, PriceAdjustInterval, ProfitOffset, AutoReset, InitPosition, InitFillQty and RandomPercent",
        ),
        (
            sv < MIN_SERVER_VER_ORDER_COMBO_LEGS_PRICE
                && c.sec_type == "BAG"
                && o.order_combo_legs.iter().any(|l| l.price != UNSET_DOUBLE),
            "  It does not support per-leg prices for order combo legs.",
        ),
        (
            sv < MIN_SERVER_VER_TRAILING_PERCENT && o.trailing_percent != UNSET_DOUBLE,
            "  It does not support trailing percent parameter",
        ),
        (
            sv < MIN_SERVER_VER_TRADING_CLASS && !c.trading_class.is_empty(),
            "  It does not support tradingClass parameter in placeOrder.",
        ),
        (
            sv < MIN_SERVER_VER_SCALE_TABLE
                && (!o.scale_table.is_empty()
                    || !o.active_start_time.is_empty()
                    || !o.active_stop_time.is_empty()),
            "  It does not support scaleTable, activeStartTime and activeStopTime parameters",
        ),
        (
            sv < MIN_SERVER_VER_ALGO_ID && !o.algo_id.is_empty(),
            "  It does not support algoId parameter",
        ),
        (
            sv < MIN_SERVER_VER_ORDER_SOLICITED && o.solicited,
            "  It does not support order solicited parameter.",
        ),
        (
            sv < MIN_SERVER_VER_MODELS_SUPPORT && !o.model_code.is_empty(),
            "  It does not support model code parameter.",
        ),
        (
            sv < MIN_SERVER_VER_EXT_OPERATOR && !o.ext_operator.is_empty(),
            "  It does not support ext operator parameter",
        ),
        (
            sv < MIN_SERVER_VER_SOFT_DOLLAR_TIER
                && (!o.soft_dollar_tier.name.is_empty() || !o.soft_dollar_tier.val.is_empty()),
            " It does not support soft dollar tier",
        ),
        (
            // Truthiness of a float: the unset sentinel counts as given.
            sv < MIN_SERVER_VER_CASH_QTY && o.cash_qty != 0.0,
            " It does not support cash quantity parameter",
        ),
        (
            sv < MIN_SERVER_VER_DECISION_MAKER
                && (!o.mifid2_decision_maker.is_empty() || !o.mifid2_decision_algo.is_empty()),
            " It does not support MIFID II decision maker parameters",
        ),
        (
            sv < MIN_SERVER_VER_MIFID_EXECUTION
                && (!o.mifid2_execution_trader.is_empty() || !o.mifid2_execution_algo.is_empty()),
            " It does not support MIFID II execution parameters",
        ),
        (
            sv < MIN_SERVER_VER_AUTO_PRICE_FOR_HEDGE && o.dont_use_auto_price_for_hedge,
            " It does not support dontUseAutoPriceForHedge parameter",
        ),
        (
            sv < MIN_SERVER_VER_ORDER_CONTAINER && o.is_oms_container,
            " It does not support oms container parameter",
        ),
        (
            sv < MIN_SERVER_VER_PRICE_MGMT_ALGO && o.use_price_mgmt_algo == Some(true),
            " It does not support Use price management algo requests",
        ),
        (
            sv < MIN_SERVER_VER_DURATION && o.duration != UNSET_INTEGER,
            " It does not support duration attribute",
        ),
        (
            sv < MIN_SERVER_VER_POST_TO_ATS && o.post_to_ats != UNSET_INTEGER,
            " It does not support postToAts attribute",
        ),
        (
            sv < MIN_SERVER_VER_AUTO_CANCEL_PARENT && o.auto_cancel_parent,
            " It does not support autoCancelParent attribute",
        ),
        (
            sv < MIN_SERVER_VER_ADVANCED_ORDER_REJECT && !o.advanced_error_override.is_empty(),
            "  It does not support advanced error override attribute",
        ),
        (
            sv < MIN_SERVER_VER_MANUAL_ORDER_TIME && !o.manual_order_time.is_empty(),
            "  It does not support manual order time attribute",
        ),
        (
            sv < MIN_SERVER_VER_PEGBEST_PEGMID_OFFSETS
                && (o.min_trade_qty != UNSET_INTEGER
                    || o.min_compete_size != UNSET_INTEGER
                    || o.compete_against_best_offset != UNSET_DOUBLE
                    || o.mid_offset_at_whole != UNSET_DOUBLE
                    || o.mid_offset_at_half != UNSET_DOUBLE),
            "  It does not support PEG BEST / PEG MID order parameters: minTradeQty, minCompeteSize, competeAgainstBestOffset, midOffsetAtWhole and midOffsetAtHalf",
        ),
        (
            sv < MIN_SERVER_VER_CUSTOMER_ACCOUNT && !o.customer_account.is_empty(),
            "  It does not support customer account parameter",
        ),
        (
            sv < MIN_SERVER_VER_PROFESSIONAL_CUSTOMER && o.professional_customer,
            "  It does not support professional customer parameter",
        ),
        (
            sv < MIN_SERVER_VER_INCLUDE_OVERNIGHT && o.include_overnight,
            "  It does not support include overnight parameter",
        ),
        (
            sv < MIN_SERVER_VER_CME_TAGGING_FIELDS && o.manual_order_indicator != UNSET_INTEGER,
            " It does not support manual order indicator parameters",
        ),
        (
            sv < MIN_SERVER_VER_IMBALANCE_ONLY && o.imbalance_only,
            "  It does not support imbalance only parameter",
        ),
    ];
    gates
        .iter()
        .find(|(refused, _)| *refused)
        .map(|(_, text)| *text)
}

/// The order parameters of 10.51.1 that server version `sv` cannot take,
/// with its texts (`validateOrderParameters`, then
/// `validateAttachedOrdersParameters`); the first refusal wins. Below
/// [`LATEST_OFFICIAL_FROM`] the official client (10.37.2) has none of these
/// parameters but `routeMarketableToBbo`, which it sends; here the others
/// are refused there too, rather than dropped.
pub(super) fn newer_refusal(sv: i32, o: &Order) -> Option<&'static str> {
    macro_rules! order {
        ($name:literal) => {
            concat!(
                " The following order parameter is not supported by your TWS version - ",
                $name
            )
        };
    }
    macro_rules! attached {
        ($name:literal) => {
            concat!(
                " The following attached orders parameter is not supported by your TWS version - ",
                $name
            )
        };
    }
    let params_1 = sv < MIN_SERVER_VER_ADDITIONAL_ORDER_PARAMS_1;
    let params_2 = sv < MIN_SERVER_VER_ADDITIONAL_ORDER_PARAMS_2;
    let attach = sv < MIN_SERVER_VER_ATTACHED_ORDERS;
    let gates: &[(bool, &'static str)] = &[
        (params_1 && o.deactivate, order!("deactivate")),
        (params_1 && o.post_only, order!("postOnly")),
        (params_1 && o.allow_pre_open, order!("allowPreOpen")),
        (
            params_1 && o.ignore_open_auction,
            order!("ignoreOpenAuction"),
        ),
        (
            params_2 && sv >= LATEST_OFFICIAL_FROM && o.route_marketable_to_bbo,
            order!("routeMarketableToBbo"),
        ),
        (
            params_2 && o.seek_price_improvement.is_some(),
            order!("seekPriceImprovement"),
        ),
        (
            params_2 && o.what_if_type != UNSET_INTEGER,
            order!("whatIfType"),
        ),
        (
            sv < MIN_SERVER_VER_HEDGE_MAX_SIZE && o.hedge_max_size != UNSET_INTEGER,
            order!("hedgeMaxSize"),
        ),
        (
            sv < UNIFIED_VERSION_COND_ORDER_WITH_OVERNIGHT_PARAM && o.conditions_include_overnight,
            order!("conditionsIncludeOvernight"),
        ),
        (
            attach && o.sl_order_id != UNSET_INTEGER,
            attached!("slOrderId"),
        ),
        (
            attach && !o.sl_order_type.is_empty(),
            attached!("slOrderType"),
        ),
        (
            attach && o.pt_order_id != UNSET_INTEGER,
            attached!("ptOrderId"),
        ),
        (
            attach && !o.pt_order_type.is_empty(),
            attached!("ptOrderType"),
        ),
    ];
    gates
        .iter()
        .find(|(refused, _)| *refused)
        .map(|(_, text)| *text)
}
