//! [`Order`]: everything that describes an order, and per-leg combo prices.
//!
//! Most numeric fields default to the unset sentinels ([`UNSET_DOUBLE`],
//! [`UNSET_INTEGER`], [`UNSET_DECIMAL`]), which are sent as empty fields; use
//! [`Unset`](super::Unset) to test them.

use super::order_condition::OrderCondition;
use super::softdollartier::SoftDollarTier;
use super::tag_value::TagValue;
use super::unset::{Decimal, UNSET_DECIMAL, UNSET_DOUBLE, UNSET_INTEGER};

/// [`Order::origin`]: a customer order.
pub const CUSTOMER: i32 = 0;
/// [`Order::origin`]: a firm order (institutional).
pub const FIRM: i32 = 1;
/// [`Order::origin`]: unknown origin.
pub const UNKNOWN: i32 = 2;

/// [`Order::auction_strategy`]: no auction strategy.
pub const AUCTION_UNSET: i32 = 0;
/// [`Order::auction_strategy`]: match.
pub const AUCTION_MATCH: i32 = 1;
/// [`Order::auction_strategy`]: improvement.
pub const AUCTION_IMPROVEMENT: i32 = 2;
/// [`Order::auction_strategy`]: transparent.
pub const AUCTION_TRANSPARENT: i32 = 3;

/// [`Order::compete_against_best_offset`] value meaning "up to the midpoint"
/// (sent as `Infinity`).
pub const COMPETE_AGAINST_BEST_OFFSET_UP_TO_MID: f64 = f64::INFINITY;

/// The price of one leg of a combo order, in the order of the contract's legs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OrderComboLeg {
    /// Leg price; [`UNSET_DOUBLE`] when not given.
    pub price: f64,
}

impl Default for OrderComboLeg {
    fn default() -> Self {
        Self {
            price: UNSET_DOUBLE,
        }
    }
}

/// An order, as passed to `place_order` and returned by `open_order` and
/// `completed_order`.
///
/// Lists the official API leaves as `None` by default (`algo_params`,
/// `smart_combo_routing_params`, `order_combo_legs`, `order_misc_options`)
/// are empty `Vec`s here; the official client encodes `None` and an empty
/// list the same way.
#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    /// Soft dollar tier of the order.
    pub soft_dollar_tier: SoftDollarTier,

    // Identifiers.
    /// Client-side order id (from `next_valid_id`).
    pub order_id: i32,
    /// Id of the API client that placed the order.
    pub client_id: i32,
    /// TWS's permanent order id, stable across sessions (a long since server
    /// version `PERM_ID_AS_LONG`).
    pub perm_id: i64,

    // Main fields.
    /// `BUY`, `SELL` or `SSHORT`.
    pub action: String,
    /// Quantity; [`UNSET_DECIMAL`] when not given.
    pub total_quantity: Decimal,
    /// Order type: `MKT`, `LMT`, `STP`, `STP LMT`, `TRAIL`, `REL`, …
    pub order_type: String,
    /// Limit price; [`UNSET_DOUBLE`] when not given.
    pub lmt_price: f64,
    /// Stop price, trailing amount or other auxiliary price; [`UNSET_DOUBLE`] when not given.
    pub aux_price: f64,

    // Extended fields.
    /// Time in force: `DAY`, `GTC`, `IOC`, `GTD`, `OPG`, `FOK`, `DTC`, …
    pub tif: String,
    /// Start of the active window of a GTC order.
    pub active_start_time: String,
    /// End of the active window of a GTC order.
    pub active_stop_time: String,
    /// One-cancels-all group name.
    pub oca_group: String,
    /// OCA behaviour: 1 cancel with block, 2 reduce with block, 3 reduce without block.
    pub oca_type: i32,
    /// Free-text reference shown in TWS.
    pub order_ref: String,
    /// When false the order is created in TWS but not sent to the exchange.
    pub transmit: bool,
    /// Order id of the parent order (bracket and attached orders); 0 for none.
    pub parent_id: i32,
    /// ISE block order.
    pub block_order: bool,
    /// Sweep-to-fill order.
    pub sweep_to_fill: bool,
    /// Visible size of an iceberg order.
    pub display_size: i32,
    /// Trigger method of stop and conditional orders (0 default, 1 double bid/ask,
    /// 2 last, 3 double last, 4 bid/ask, 7 last or bid/ask, 8 midpoint).
    pub trigger_method: i32,
    /// Allow the order to trigger or fill outside regular trading hours.
    pub outside_rth: bool,
    /// Hidden order (not shown in the book).
    pub hidden: bool,
    /// Do not activate before this time (`YYYYMMDD hh:mm:ss {tz}`).
    pub good_after_time: String,
    /// Cancel at this time, for `GTD` orders (`YYYYMMDD hh:mm:ss {tz}`).
    pub good_till_date: String,
    /// Rule 80A capacity code (`I`, `A`, `W`, `J`, `U`, `M`, `K`, `Y`, `N`).
    pub rule80_a: String,
    /// Fill all or nothing.
    pub all_or_none: bool,
    /// Minimum fill quantity; [`UNSET_INTEGER`] when not given.
    pub min_qty: i32,
    /// Offset of a relative order, in percent; [`UNSET_DOUBLE`] when not given.
    pub percent_offset: f64,
    /// Skip TWS's price percentage checks.
    pub override_percentage_constraints: bool,
    /// Initial stop price of a trailing stop; [`UNSET_DOUBLE`] when not given.
    pub trail_stop_price: f64,
    /// Trailing amount in percent (trailing limit orders); [`UNSET_DOUBLE`] when not given.
    pub trailing_percent: f64,

    // Financial advisors.
    /// Allocation group.
    pub fa_group: String,
    /// Allocation method.
    pub fa_method: String,
    /// Allocation percentage.
    pub fa_percentage: String,

    // Institutional (non-cleared) accounts.
    /// Where the shares are held when `short_sale_slot` is 2.
    pub designated_location: String,
    /// `O` to open or `C` to close a position.
    pub open_close: String,
    /// [`CUSTOMER`] or [`FIRM`].
    pub origin: i32,
    /// Short sale slot: 1 if you hold the shares, 2 if they are delivered from elsewhere.
    pub short_sale_slot: i32,
    /// Short sale exemption code; −1 when none.
    pub exempt_code: i32,

    // SMART routing.
    /// Discretionary amount of a relative order.
    pub discretionary_amt: f64,
    /// Do not route through SMART's internal crossing.
    pub opt_out_smart_routing: bool,

    // BOX exchange.
    /// One of the `AUCTION_*` constants.
    pub auction_strategy: i32,
    /// Auction starting price; [`UNSET_DOUBLE`] when not given.
    pub starting_price: f64,
    /// Stock reference price; [`UNSET_DOUBLE`] when not given.
    pub stock_ref_price: f64,
    /// Delta; [`UNSET_DOUBLE`] when not given.
    pub delta: f64,

    // Pegged-to-stock and volatility orders.
    /// Lower bound of the stock price range; [`UNSET_DOUBLE`] when not given.
    pub stock_range_lower: f64,
    /// Upper bound of the stock price range; [`UNSET_DOUBLE`] when not given.
    pub stock_range_upper: f64,

    /// Randomize the price of the order's child orders.
    pub randomize_price: bool,
    /// Randomize the size of the order's child orders.
    pub randomize_size: bool,

    // Volatility orders.
    /// Volatility; [`UNSET_DOUBLE`] when not given.
    pub volatility: f64,
    /// 1 daily, 2 annual; [`UNSET_INTEGER`] when not given.
    pub volatility_type: i32,
    /// Order type of the delta-neutral hedge.
    pub delta_neutral_order_type: String,
    /// Auxiliary price of the hedge; [`UNSET_DOUBLE`] when not given.
    pub delta_neutral_aux_price: f64,
    /// Contract id of the hedge.
    pub delta_neutral_con_id: i32,
    /// Settling firm of the hedge.
    pub delta_neutral_settling_firm: String,
    /// Clearing account of the hedge.
    pub delta_neutral_clearing_account: String,
    /// Clearing intent of the hedge.
    pub delta_neutral_clearing_intent: String,
    /// Open/close flag of the hedge.
    pub delta_neutral_open_close: String,
    /// The hedge is a short sale.
    pub delta_neutral_short_sale: bool,
    /// Short sale slot of the hedge.
    pub delta_neutral_short_sale_slot: i32,
    /// Designated location of the hedge.
    pub delta_neutral_designated_location: String,
    /// Keep updating the order as the underlying moves.
    pub continuous_update: bool,
    /// 1 average, 2 bid or ask; [`UNSET_INTEGER`] when not given.
    pub reference_price_type: i32,

    // Combo orders.
    /// EFP basis points; [`UNSET_DOUBLE`] when not given.
    pub basis_points: f64,
    /// EFP basis points type; [`UNSET_INTEGER`] when not given.
    pub basis_points_type: i32,

    // Scale orders.
    /// Size of the first level; [`UNSET_INTEGER`] when not given.
    pub scale_init_level_size: i32,
    /// Size of the following levels; [`UNSET_INTEGER`] when not given.
    pub scale_subs_level_size: i32,
    /// Price step between levels; [`UNSET_DOUBLE`] when not given.
    pub scale_price_increment: f64,
    /// Price adjustment value; [`UNSET_DOUBLE`] when not given.
    pub scale_price_adjust_value: f64,
    /// Price adjustment interval, seconds; [`UNSET_INTEGER`] when not given.
    pub scale_price_adjust_interval: i32,
    /// Profit offset; [`UNSET_DOUBLE`] when not given.
    pub scale_profit_offset: f64,
    /// Restart the scale when done.
    pub scale_auto_reset: bool,
    /// Initial position; [`UNSET_INTEGER`] when not given.
    pub scale_init_position: i32,
    /// Initial filled quantity; [`UNSET_INTEGER`] when not given.
    pub scale_init_fill_qty: i32,
    /// Randomize the scale sizes.
    pub scale_random_percent: bool,
    /// Scale table.
    pub scale_table: String,

    // Hedge orders.
    /// `D` delta, `B` beta, `F` FX, `P` pair.
    pub hedge_type: String,
    /// Beta (`beta=X`) or ratio (`ratio=Y`) of the hedge.
    pub hedge_param: String,

    // Clearing.
    /// Account the order is for.
    pub account: String,
    /// Settling firm.
    pub settling_firm: String,
    /// True beneficiary of the order.
    pub clearing_account: String,
    /// `""` (default), `IB`, `Away` or `PTA` (post-trade allocation).
    pub clearing_intent: String,

    // Algo orders.
    /// IB algo name (`Adaptive`, `Vwap`, …).
    pub algo_strategy: String,
    /// Algo parameters.
    pub algo_params: Vec<TagValue>,
    /// SMART routing parameters of combo orders.
    pub smart_combo_routing_params: Vec<TagValue>,
    /// Identifier of the algo.
    pub algo_id: String,

    /// Ask for margin and commission impact only; the order is not placed.
    pub what_if: bool,
    /// Not-held order.
    pub not_held: bool,
    /// Solicited order.
    pub solicited: bool,
    /// Model code (financial advisor models).
    pub model_code: String,

    /// Per-leg prices of a combo order.
    pub order_combo_legs: Vec<OrderComboLeg>,
    /// Miscellaneous options, for internal use.
    pub order_misc_options: Vec<TagValue>,

    // Pegged-to-benchmark orders.
    /// Contract id of the reference instrument.
    pub reference_contract_id: i32,
    /// Amount the order's price moves per reference change.
    pub pegged_change_amount: f64,
    /// The pegged change is a decrease.
    pub is_pegged_change_amount_decrease: bool,
    /// Amount of reference price change that moves the order.
    pub reference_change_amount: f64,
    /// Exchange of the reference instrument.
    pub reference_exchange_id: String,
    /// Order type after the trigger (adjusted stop orders).
    pub adjusted_order_type: String,

    /// Trigger price of an adjusted order; [`UNSET_DOUBLE`] when not given.
    pub trigger_price: f64,
    /// Stop price after adjustment; [`UNSET_DOUBLE`] when not given.
    pub adjusted_stop_price: f64,
    /// Stop limit price after adjustment; [`UNSET_DOUBLE`] when not given.
    pub adjusted_stop_limit_price: f64,
    /// Trailing amount after adjustment; [`UNSET_DOUBLE`] when not given.
    pub adjusted_trailing_amount: f64,
    /// 0 amount, 1 percent.
    pub adjustable_trailing_unit: i32,
    /// Limit price offset of a trailing stop limit; [`UNSET_DOUBLE`] when not given.
    pub lmt_price_offset: f64,

    /// Conditions that activate or cancel the order.
    pub conditions: Vec<OrderCondition>,
    /// Cancel the order, instead of activating it, when the conditions are met.
    pub conditions_cancel_order: bool,
    /// Evaluate the conditions outside regular trading hours too.
    pub conditions_ignore_rth: bool,

    /// Identifier of the operator entering the order (regulatory).
    pub ext_operator: String,

    /// Cash quantity, for orders sized in currency; [`UNSET_DOUBLE`] when not given.
    pub cash_qty: f64,

    /// MiFID II: decision maker.
    pub mifid2_decision_maker: String,
    /// MiFID II: decision algo.
    pub mifid2_decision_algo: String,
    /// MiFID II: execution trader.
    pub mifid2_execution_trader: String,
    /// MiFID II: execution algo.
    pub mifid2_execution_algo: String,

    /// Do not use the automatic price for the hedge.
    pub dont_use_auto_price_for_hedge: bool,
    /// The order is an OMS container.
    pub is_oms_container: bool,
    /// Discretion up to the limit price.
    pub discretionary_up_to_limit_price: bool,

    /// Date the order is cancelled automatically.
    pub auto_cancel_date: String,
    /// Filled quantity; [`UNSET_DECIMAL`] when not given.
    pub filled_quantity: Decimal,
    /// Contract id of the reference future.
    pub ref_futures_con_id: i32,
    /// Cancel with the parent.
    pub auto_cancel_parent: bool,
    /// Shareholder.
    pub shareholder: String,
    /// Imbalance-only order.
    pub imbalance_only: bool,
    /// Route marketable orders to the best bid/offer.
    pub route_marketable_to_bbo: bool,
    /// Permanent id of the parent order.
    pub parent_perm_id: i64,
    /// Deactivate the order (server version 216 on).
    pub deactivate: bool,
    /// Post only: never take liquidity (server version 216 on).
    pub post_only: bool,
    /// Allow the order to trade before the open (server version 216 on).
    pub allow_pre_open: bool,
    /// Do not take part in the opening auction (server version 216 on).
    pub ignore_open_auction: bool,
    /// Seek price improvement: `None` lets TWS decide (server version 217 on).
    pub seek_price_improvement: Option<bool>,
    /// The kind of what-if answer wanted (server version 217 on; unset:
    /// [`UNSET_INTEGER`]).
    pub what_if_type: i32,
    /// The largest size of a hedge order (server version 223 on; unset:
    /// [`UNSET_INTEGER`]).
    pub hedge_max_size: i32,
    /// Conditions apply in the overnight session too (server version 226 on).
    pub conditions_include_overnight: bool,
    /// The order id of an attached stop-loss order (server version 218 on;
    /// unset: [`UNSET_INTEGER`]).
    pub sl_order_id: i32,
    /// The order type of an attached stop-loss order.
    pub sl_order_type: String,
    /// The order id of an attached profit-taker order (server version 218
    /// on; unset: [`UNSET_INTEGER`]).
    pub pt_order_id: i32,
    /// The order type of an attached profit-taker order.
    pub pt_order_type: String,

    /// Use the price management algo: `None` lets TWS decide.
    pub use_price_mgmt_algo: Option<bool>,
    /// Duration, seconds; [`UNSET_INTEGER`] when not given.
    pub duration: i32,
    /// Post to ATS; [`UNSET_INTEGER`] when not given.
    pub post_to_ats: i32,
    /// Override for advanced order rejections.
    pub advanced_error_override: String,
    /// Time a manual order was entered (regulatory).
    pub manual_order_time: String,
    /// Minimum trade quantity (pegged-to-best orders); [`UNSET_INTEGER`] when not given.
    pub min_trade_qty: i32,
    /// Minimum size to compete against (pegged-to-best); [`UNSET_INTEGER`] when not given.
    pub min_compete_size: i32,
    /// Offset against the best offer (pegged-to-best); [`UNSET_DOUBLE`] when not given,
    /// [`COMPETE_AGAINST_BEST_OFFSET_UP_TO_MID`] for "up to mid".
    pub compete_against_best_offset: f64,
    /// Offset when the midpoint is a whole tick (pegged-to-mid); [`UNSET_DOUBLE`] when not given.
    pub mid_offset_at_whole: f64,
    /// Offset when the midpoint is a half tick (pegged-to-mid); [`UNSET_DOUBLE`] when not given.
    pub mid_offset_at_half: f64,
    /// Customer account (regulatory).
    pub customer_account: String,
    /// Professional customer (regulatory).
    pub professional_customer: bool,
    /// Accrued interest of a bond order.
    pub bond_accrued_interest: String,
    /// Allow the order to trade in the overnight session.
    pub include_overnight: bool,
    /// Whether the order was entered manually (regulatory); [`UNSET_INTEGER`] when not given.
    pub manual_order_indicator: i32,
    /// User who submitted the order.
    pub submitter: String,
}

impl Default for Order {
    fn default() -> Self {
        Self {
            soft_dollar_tier: SoftDollarTier::default(),
            order_id: 0,
            client_id: 0,
            perm_id: 0,
            action: String::new(),
            total_quantity: UNSET_DECIMAL,
            order_type: String::new(),
            lmt_price: UNSET_DOUBLE,
            aux_price: UNSET_DOUBLE,
            tif: String::new(),
            active_start_time: String::new(),
            active_stop_time: String::new(),
            oca_group: String::new(),
            oca_type: 0,
            order_ref: String::new(),
            transmit: true,
            parent_id: 0,
            block_order: false,
            sweep_to_fill: false,
            display_size: 0,
            trigger_method: 0,
            outside_rth: false,
            hidden: false,
            good_after_time: String::new(),
            good_till_date: String::new(),
            rule80_a: String::new(),
            all_or_none: false,
            min_qty: UNSET_INTEGER,
            percent_offset: UNSET_DOUBLE,
            override_percentage_constraints: false,
            trail_stop_price: UNSET_DOUBLE,
            trailing_percent: UNSET_DOUBLE,
            fa_group: String::new(),
            fa_method: String::new(),
            fa_percentage: String::new(),
            designated_location: String::new(),
            open_close: String::new(),
            origin: CUSTOMER,
            short_sale_slot: 0,
            exempt_code: -1,
            discretionary_amt: 0.0,
            opt_out_smart_routing: false,
            auction_strategy: AUCTION_UNSET,
            starting_price: UNSET_DOUBLE,
            stock_ref_price: UNSET_DOUBLE,
            delta: UNSET_DOUBLE,
            stock_range_lower: UNSET_DOUBLE,
            stock_range_upper: UNSET_DOUBLE,
            randomize_price: false,
            randomize_size: false,
            volatility: UNSET_DOUBLE,
            volatility_type: UNSET_INTEGER,
            delta_neutral_order_type: String::new(),
            delta_neutral_aux_price: UNSET_DOUBLE,
            delta_neutral_con_id: 0,
            delta_neutral_settling_firm: String::new(),
            delta_neutral_clearing_account: String::new(),
            delta_neutral_clearing_intent: String::new(),
            delta_neutral_open_close: String::new(),
            delta_neutral_short_sale: false,
            delta_neutral_short_sale_slot: 0,
            delta_neutral_designated_location: String::new(),
            continuous_update: false,
            reference_price_type: UNSET_INTEGER,
            basis_points: UNSET_DOUBLE,
            basis_points_type: UNSET_INTEGER,
            scale_init_level_size: UNSET_INTEGER,
            scale_subs_level_size: UNSET_INTEGER,
            scale_price_increment: UNSET_DOUBLE,
            scale_price_adjust_value: UNSET_DOUBLE,
            scale_price_adjust_interval: UNSET_INTEGER,
            scale_profit_offset: UNSET_DOUBLE,
            scale_auto_reset: false,
            scale_init_position: UNSET_INTEGER,
            scale_init_fill_qty: UNSET_INTEGER,
            scale_random_percent: false,
            scale_table: String::new(),
            hedge_type: String::new(),
            hedge_param: String::new(),
            account: String::new(),
            settling_firm: String::new(),
            clearing_account: String::new(),
            clearing_intent: String::new(),
            algo_strategy: String::new(),
            algo_params: Vec::new(),
            smart_combo_routing_params: Vec::new(),
            algo_id: String::new(),
            what_if: false,
            not_held: false,
            solicited: false,
            model_code: String::new(),
            order_combo_legs: Vec::new(),
            order_misc_options: Vec::new(),
            reference_contract_id: 0,
            pegged_change_amount: 0.0,
            is_pegged_change_amount_decrease: false,
            reference_change_amount: 0.0,
            reference_exchange_id: String::new(),
            adjusted_order_type: String::new(),
            trigger_price: UNSET_DOUBLE,
            adjusted_stop_price: UNSET_DOUBLE,
            adjusted_stop_limit_price: UNSET_DOUBLE,
            adjusted_trailing_amount: UNSET_DOUBLE,
            adjustable_trailing_unit: 0,
            lmt_price_offset: UNSET_DOUBLE,
            conditions: Vec::new(),
            conditions_cancel_order: false,
            conditions_ignore_rth: false,
            ext_operator: String::new(),
            cash_qty: UNSET_DOUBLE,
            mifid2_decision_maker: String::new(),
            mifid2_decision_algo: String::new(),
            mifid2_execution_trader: String::new(),
            mifid2_execution_algo: String::new(),
            dont_use_auto_price_for_hedge: false,
            is_oms_container: false,
            discretionary_up_to_limit_price: false,
            auto_cancel_date: String::new(),
            filled_quantity: UNSET_DECIMAL,
            ref_futures_con_id: 0,
            auto_cancel_parent: false,
            shareholder: String::new(),
            imbalance_only: false,
            route_marketable_to_bbo: false,
            parent_perm_id: 0,
            deactivate: false,
            post_only: false,
            allow_pre_open: false,
            ignore_open_auction: false,
            seek_price_improvement: None,
            what_if_type: UNSET_INTEGER,
            hedge_max_size: UNSET_INTEGER,
            conditions_include_overnight: false,
            sl_order_id: UNSET_INTEGER,
            sl_order_type: String::new(),
            pt_order_id: UNSET_INTEGER,
            pt_order_type: String::new(),
            use_price_mgmt_algo: None,
            duration: UNSET_INTEGER,
            post_to_ats: UNSET_INTEGER,
            advanced_error_override: String::new(),
            manual_order_time: String::new(),
            min_trade_qty: UNSET_INTEGER,
            min_compete_size: UNSET_INTEGER,
            compete_against_best_offset: UNSET_DOUBLE,
            mid_offset_at_whole: UNSET_DOUBLE,
            mid_offset_at_half: UNSET_DOUBLE,
            customer_account: String::new(),
            professional_customer: false,
            bond_accrued_interest: String::new(),
            include_overnight: false,
            manual_order_indicator: UNSET_INTEGER,
            submitter: String::new(),
        }
    }
}

impl Order {
    fn basic(action: &str, quantity: Decimal, order_type: &str) -> Order {
        Order {
            action: action.to_owned(),
            total_quantity: quantity,
            order_type: order_type.to_owned(),
            ..Order::default()
        }
    }

    /// A market order: `Order::market("BUY", Decimal::from(100))`.
    pub fn market(action: &str, quantity: Decimal) -> Order {
        Order::basic(action, quantity, "MKT")
    }

    /// A limit order at `limit_price`.
    pub fn limit(action: &str, quantity: Decimal, limit_price: f64) -> Order {
        Order {
            lmt_price: limit_price,
            ..Order::basic(action, quantity, "LMT")
        }
    }

    /// A stop order triggered at `stop_price` (sent as `aux_price`).
    pub fn stop(action: &str, quantity: Decimal, stop_price: f64) -> Order {
        Order {
            aux_price: stop_price,
            ..Order::basic(action, quantity, "STP")
        }
    }

    /// A stop-limit order: triggered at `stop_price`, then a limit at `limit_price`.
    pub fn stop_limit(action: &str, quantity: Decimal, limit_price: f64, stop_price: f64) -> Order {
        Order {
            lmt_price: limit_price,
            aux_price: stop_price,
            ..Order::basic(action, quantity, "STP LMT")
        }
    }

    /// A trailing stop: `trailing_percent` when given, else the trailing
    /// `trailing_amount` (sent as `aux_price`); `trail_stop_price` is the
    /// initial stop, when given.
    pub fn trailing(
        action: &str,
        quantity: Decimal,
        trailing_amount: Option<f64>,
        trailing_percent: Option<f64>,
        trail_stop_price: Option<f64>,
    ) -> Order {
        Order {
            aux_price: trailing_amount.unwrap_or(UNSET_DOUBLE),
            trailing_percent: trailing_percent.unwrap_or(UNSET_DOUBLE),
            trail_stop_price: trail_stop_price.unwrap_or(UNSET_DOUBLE),
            ..Order::basic(action, quantity, "TRAIL")
        }
    }

    /// A bracket: a limit entry (`parent_order_id`), a take-profit limit and
    /// a stop-loss, both children of the entry, on the opposite side, in one
    /// OCA group (`oca_type` 1: a fill of one cancels the other). Only the
    /// last one transmits, so TWS receives the three together; place them in
    /// the order returned, with ids `parent_order_id`, `+1`, `+2`.
    ///
    /// ```
    /// use tws_api::model::{Decimal, Order};
    /// let [entry, profit, loss] = Order::bracket(10, "BUY", Decimal::from(100), 190.0, 200.0, 185.0);
    /// assert!(!entry.transmit && !profit.transmit && loss.transmit);
    /// assert_eq!((profit.parent_id, loss.parent_id), (10, 10));
    /// assert_eq!(profit.action, "SELL");
    /// ```
    pub fn bracket(
        parent_order_id: i32,
        action: &str,
        quantity: Decimal,
        limit_price: f64,
        take_profit_limit_price: f64,
        stop_loss_price: f64,
    ) -> [Order; 3] {
        let reverse = if action.eq_ignore_ascii_case("BUY") {
            "SELL"
        } else {
            "BUY"
        };
        let oca = format!("bracket-{parent_order_id}");
        let parent = Order {
            order_id: parent_order_id,
            transmit: false,
            ..Order::limit(action, quantity, limit_price)
        };
        let take_profit = Order {
            order_id: parent_order_id + 1,
            parent_id: parent_order_id,
            oca_group: oca.clone(),
            oca_type: 1,
            transmit: false,
            ..Order::limit(reverse, quantity, take_profit_limit_price)
        };
        let stop_loss = Order {
            order_id: parent_order_id + 2,
            parent_id: parent_order_id,
            oca_group: oca,
            oca_type: 1,
            transmit: true,
            ..Order::stop(reverse, quantity, stop_loss_price)
        };
        [parent, take_profit, stop_loss]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Unset;

    #[test]
    fn defaults_match_the_official_ones() {
        let order = Order::default();
        assert!(order.transmit);
        assert!(!order.total_quantity.is_set());
        assert!(!order.lmt_price.is_set());
        assert!(!order.min_qty.is_set());
        assert_eq!(order.exempt_code, -1);
        assert_eq!(order.origin, CUSTOMER);
        assert_eq!(order.use_price_mgmt_algo, None);
        assert!(order.discretionary_amt.is_set());
        assert!(!OrderComboLeg::default().price.is_set());
    }
}
