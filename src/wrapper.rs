//! The [`EWrapper`] trait: the callbacks through which TWS answers.
//!
//! Every request sent with the client is answered, later and asynchronously,
//! by one or more calls to methods of your `EWrapper`: `req_mkt_data` by
//! [`tick_price`](EWrapper::tick_price) and [`tick_size`](EWrapper::tick_size),
//! `place_order` by [`order_status`](EWrapper::order_status) and
//! [`open_order`](EWrapper::open_order), failures by [`error`](EWrapper::error),
//! and so on. There is one method per callback of the official Python
//! `ibapi.wrapper.EWrapper`, named in snake_case (`tickPrice` → `tick_price`,
//! `nextValidId` → `next_valid_id`), with the official arguments in the
//! official order; each method's docs give its official name.
//!
//! # Implementing it
//!
//! Every method has a default body that only logs its arguments through the
//! [`log`] crate (`debug` for data, `info` for connection events, `warn` for
//! errors), so an implementation overrides just the callbacks it cares about.
//!
//! * **Threading.** Callbacks run on the thread that calls the client's `run`
//!   loop, one at a time, in the order the messages arrived. `run` borrows the
//!   wrapper mutably, so callbacks take `&mut self` and can update plain fields
//!   without locks. The trait requires `Send` so that a wrapper can be moved
//!   to the thread that runs the loop.
//! * **Don't block.** While a callback runs, no other message is dispatched;
//!   a slow callback delays every subscription. Hand heavy work to another
//!   thread (e.g. through a channel).
//! * **Sending requests from a callback** is allowed: keep a clone of the
//!   client handle in the wrapper.
//! * **Borrowed arguments.** Strings, structs and lists are borrowed from the
//!   decoded message (`&str`, `&Contract`, `&[HistoricalTick]`) and are only
//!   valid during the call; clone what you keep. Small `Copy` values
//!   ([`TickAttrib`], [`Decimal`] sizes) come by value. Dispatch allocates
//!   nothing beyond what decoding the message needs.
//! * **Unset values.** Numbers the server leaves unset arrive as the official
//!   sentinels ([`UNSET_DOUBLE`](crate::model::UNSET_DOUBLE), …); see
//!   [`Unset`](crate::model::Unset).
//!
//! # Example
//!
//! ```
//! use tws_api::model::{tick_type, Decimal, TickAttrib, TickType};
//! use tws_api::EWrapper;
//!
//! #[derive(Default)]
//! struct LastPrice {
//!     last: Option<f64>,
//!     failures: Vec<(i32, String)>,
//! }
//!
//! impl EWrapper for LastPrice {
//!     fn tick_price(&mut self, _req_id: i32, tick_type: TickType, price: f64, _attrib: TickAttrib) {
//!         if tick_type == tick_type::LAST {
//!             self.last = Some(price);
//!         }
//!     }
//!
//!     fn error(
//!         &mut self,
//!         req_id: i32,
//!         _error_time: i64,
//!         error_code: i32,
//!         error_string: &str,
//!         _advanced_order_reject_json: &str,
//!     ) {
//!         if !tws_api::errors::is_informational(error_code) {
//!             self.failures.push((req_id, format!("{error_code}: {error_string}")));
//!         }
//!     }
//! }
//!
//! // The client's run loop makes these calls; here we make them by hand.
//! let mut wrapper = LastPrice::default();
//! wrapper.tick_price(1, tick_type::LAST, 187.25, TickAttrib::default());
//! wrapper.tick_size(1, tick_type::LAST_SIZE, Decimal::new(100, 0)); // default body: logs
//! wrapper.error(1, 0, 200, "No security definition has been found", "");
//! assert_eq!(wrapper.last, Some(187.25));
//! assert_eq!(wrapper.failures.len(), 1);
//! ```

#[macro_use]
mod proto_buf;

use log::{debug, info, warn};

use crate::model::{
    BarData, CommissionAndFeesReport, Contract, ContractDescription, ContractDetails, Decimal,
    DeltaNeutralContract, DepthMktDataDescription, Execution, FamilyCode, HistogramData,
    HistoricalSession, HistoricalTick, HistoricalTickBidAsk, HistoricalTickLast, NewsProvider,
    Order, OrderState, PriceIncrement, SmartComponent, SoftDollarTier, TickAttrib,
    TickAttribBidAsk, TickAttribLast, TickType,
};
use crate::proto;

/// Receives everything TWS sends: one method per official callback, each with
/// a default body that logs. See the [module docs](self) for the rules
/// (threading, `&mut self`, borrowed arguments) and an example.
// The signatures mirror the official callbacks one to one, some of which take
// up to eleven arguments.
#[allow(clippy::too_many_arguments)]
pub trait EWrapper: Send {
    /// An error or a notice from TWS, or an error the client itself raised.
    ///
    /// `req_id` is the id of the request it concerns, or −1 when it concerns none (connection
    /// and farm status notices). `error_time` is epoch milliseconds.
    /// `advanced_order_reject_json` is empty unless an order was rejected with details. Codes
    /// for which [`is_informational`](crate::errors::is_informational) is true (1102, 2104,
    /// 2106, …) are notices rather than failures.
    ///
    /// Default: logs at `warn` level, or at `info` level for notices.
    ///
    /// Official name: `error`.
    fn error(
        &mut self,
        req_id: i32,
        error_time: i64,
        error_code: i32,
        error_string: &str,
        advanced_order_reject_json: &str,
    ) {
        if crate::errors::is_informational(error_code) {
            info!("error: req_id={req_id} error_time={error_time} error_code={error_code} error_string={error_string:?} advanced_order_reject_json={advanced_order_reject_json:?}");
        } else {
            warn!("error: req_id={req_id} error_time={error_time} error_code={error_code} error_string={error_string:?} advanced_order_reject_json={advanced_order_reject_json:?}");
        }
    }

    /// An operating system error reported by the official C++/C# socket layer (kept for parity;
    /// this client reports its own errors through [`error`](Self::error)).
    ///
    /// Official name: `winError`.
    fn win_error(&mut self, text: &str, last_error: i32) {
        warn!("win_error: text={text:?} last_error={last_error}");
    }

    /// The handshake with TWS finished and the client has sent `startApi`;
    /// [`next_valid_id`](Self::next_valid_id) and [`managed_accounts`](Self::managed_accounts)
    /// follow.
    ///
    /// Official name: `connectAck`.
    fn connect_ack(&mut self) {
        info!("connect_ack");
    }

    /// The market data type (see [`market_data_type`](crate::model::common::market_data_type))
    /// of the ticks that follow for `req_id`: real-time, frozen, delayed or delayed-frozen.
    ///
    /// Official name: `marketDataType`.
    fn market_data_type(&mut self, req_id: i32, market_data_type: i32) {
        debug!("market_data_type: req_id={req_id} market_data_type={market_data_type}");
    }

    /// A price tick of a `req_mkt_data` subscription: which price it is (`tick_type`), the
    /// price, and its attributes.
    ///
    /// Official name: `tickPrice`.
    fn tick_price(&mut self, req_id: i32, tick_type: TickType, price: f64, attrib: TickAttrib) {
        debug!("tick_price: req_id={req_id} tick_type={tick_type} price={price} attrib={attrib}");
    }

    /// A size tick of a `req_mkt_data` subscription (bid size, volume, …).
    ///
    /// Official name: `tickSize`.
    fn tick_size(&mut self, req_id: i32, tick_type: TickType, size: Decimal) {
        debug!("tick_size: req_id={req_id} tick_type={tick_type} size={size}");
    }

    /// A snapshot request (`snapshot = true` in `req_mkt_data`) is complete.
    ///
    /// Official name: `tickSnapshotEnd`.
    fn tick_snapshot_end(&mut self, req_id: i32) {
        debug!("tick_snapshot_end: req_id={req_id}");
    }

    /// A numeric tick that is neither a price nor a size (halted flag, shortable level,
    /// volatility, …).
    ///
    /// Official name: `tickGeneric`.
    fn tick_generic(&mut self, req_id: i32, tick_type: TickType, value: f64) {
        debug!("tick_generic: req_id={req_id} tick_type={tick_type} value={value}");
    }

    /// A text tick (last timestamp, RT volume, exchange codes, …).
    ///
    /// Official name: `tickString`.
    fn tick_string(&mut self, req_id: i32, tick_type: TickType, value: &str) {
        debug!("tick_string: req_id={req_id} tick_type={tick_type} value={value:?}");
    }

    /// An exchange-for-physical tick: the basis in points and the data it was computed from.
    ///
    /// Official name: `tickEFP`.
    fn tick_efp(
        &mut self,
        req_id: i32,
        tick_type: TickType,
        basis_points: f64,
        formatted_basis_points: &str,
        total_dividends: f64,
        hold_days: i32,
        future_last_trade_date: &str,
        dividend_impact: f64,
        dividends_to_last_trade_date: f64,
    ) {
        debug!("tick_efp: req_id={req_id} tick_type={tick_type} basis_points={basis_points} formatted_basis_points={formatted_basis_points:?} total_dividends={total_dividends} hold_days={hold_days} future_last_trade_date={future_last_trade_date:?} dividend_impact={dividend_impact} dividends_to_last_trade_date={dividends_to_last_trade_date}");
    }

    /// The status of an order changed or was requested.
    ///
    /// `filled` and `remaining` are quantities, `avg_fill_price` and `last_fill_price` prices
    /// of the fills so far; `why_held` says why an order is held (e.g. `locate`), and
    /// `mkt_cap_price` is the price a market order was capped at, if any. TWS often sends
    /// duplicates; treat this as a state, not an event.
    ///
    /// Official name: `orderStatus`.
    fn order_status(
        &mut self,
        order_id: i32,
        status: &str,
        filled: Decimal,
        remaining: Decimal,
        avg_fill_price: f64,
        perm_id: i64,
        parent_id: i32,
        last_fill_price: f64,
        client_id: i32,
        why_held: &str,
        mkt_cap_price: f64,
    ) {
        debug!("order_status: order_id={order_id} status={status:?} filled={filled} remaining={remaining} avg_fill_price={avg_fill_price} perm_id={perm_id} parent_id={parent_id} last_fill_price={last_fill_price} client_id={client_id} why_held={why_held:?} mkt_cap_price={mkt_cap_price}");
    }

    /// An open order: sent for each order by
    /// `req_open_orders`/`req_all_open_orders`/`req_auto_open_orders`, and when an order's
    /// state changes.
    ///
    /// Official name: `openOrder`.
    fn open_order(
        &mut self,
        order_id: i32,
        contract: &Contract,
        order: &Order,
        order_state: &OrderState,
    ) {
        debug!("open_order: order_id={order_id} contract={contract:?} order={order:?} order_state={order_state:?}");
    }

    /// All open orders have been sent.
    ///
    /// Official name: `openOrderEnd`.
    fn open_order_end(&mut self) {
        debug!("open_order_end");
    }

    /// The connection to TWS was closed (by either side or by a network error).
    ///
    /// Official name: `connectionClosed`.
    fn connection_closed(&mut self) {
        info!("connection_closed");
    }

    /// One value of the account subscribed with `req_account_updates` (`key` like
    /// `NetLiquidation`, in `currency`).
    ///
    /// Official name: `updateAccountValue`.
    fn update_account_value(&mut self, key: &str, val: &str, currency: &str, account_name: &str) {
        debug!("update_account_value: key={key:?} val={val:?} currency={currency:?} account_name={account_name:?}");
    }

    /// One position of the account subscribed with `req_account_updates`, with its market value
    /// and P&L.
    ///
    /// Official name: `updatePortfolio`.
    fn update_portfolio(
        &mut self,
        contract: &Contract,
        position: Decimal,
        market_price: f64,
        market_value: f64,
        average_cost: f64,
        unrealized_pnl: f64,
        realized_pnl: f64,
        account_name: &str,
    ) {
        debug!("update_portfolio: contract={contract:?} position={position} market_price={market_price} market_value={market_value} average_cost={average_cost} unrealized_pnl={unrealized_pnl} realized_pnl={realized_pnl} account_name={account_name:?}");
    }

    /// The time of the last account update, `hh:mm`.
    ///
    /// Official name: `updateAccountTime`.
    fn update_account_time(&mut self, time_stamp: &str) {
        debug!("update_account_time: time_stamp={time_stamp:?}");
    }

    /// The first full set of account values and positions for `account_name` has been sent.
    ///
    /// Official name: `accountDownloadEnd`.
    fn account_download_end(&mut self, account_name: &str) {
        debug!("account_download_end: account_name={account_name:?}");
    }

    /// The next order id this client may use. Sent right after connecting and in answer to
    /// `req_ids`.
    ///
    /// Official name: `nextValidId`.
    fn next_valid_id(&mut self, order_id: i32) {
        info!("next_valid_id: order_id={order_id}");
    }

    /// One contract matching a `req_contract_details` request.
    ///
    /// Official name: `contractDetails`.
    fn contract_details(&mut self, req_id: i32, contract_details: &ContractDetails) {
        debug!("contract_details: req_id={req_id} contract_details={contract_details:?}");
    }

    /// One bond matching a `req_contract_details` request for bonds.
    ///
    /// Official name: `bondContractDetails`.
    fn bond_contract_details(&mut self, req_id: i32, contract_details: &ContractDetails) {
        debug!("bond_contract_details: req_id={req_id} contract_details={contract_details:?}");
    }

    /// All contracts of a `req_contract_details` request have been sent.
    ///
    /// Official name: `contractDetailsEnd`.
    fn contract_details_end(&mut self, req_id: i32) {
        debug!("contract_details_end: req_id={req_id}");
    }

    /// One execution (fill), for `req_executions` or as it happens (`req_id` −1).
    ///
    /// Official name: `execDetails`.
    fn exec_details(&mut self, req_id: i32, contract: &Contract, execution: &Execution) {
        debug!("exec_details: req_id={req_id} contract={contract:?} execution={execution:?}");
    }

    /// All executions of a `req_executions` request have been sent.
    ///
    /// Official name: `execDetailsEnd`.
    fn exec_details_end(&mut self, req_id: i32) {
        debug!("exec_details_end: req_id={req_id}");
    }

    /// A change of a row of the order book (`req_mkt_depth`): `operation` 0 insert, 1 update, 2
    /// delete; `side` 0 ask, 1 bid.
    ///
    /// Official name: `updateMktDepth`.
    fn update_mkt_depth(
        &mut self,
        req_id: i32,
        position: i32,
        operation: i32,
        side: i32,
        price: f64,
        size: Decimal,
    ) {
        debug!("update_mkt_depth: req_id={req_id} position={position} operation={operation} side={side} price={price} size={size}");
    }

    /// A change of a row of the level II order book, with the market maker or exchange that
    /// quotes it; `is_smart_depth` for aggregated SMART depth.
    ///
    /// Official name: `updateMktDepthL2`.
    fn update_mkt_depth_l2(
        &mut self,
        req_id: i32,
        position: i32,
        market_maker: &str,
        operation: i32,
        side: i32,
        price: f64,
        size: Decimal,
        is_smart_depth: bool,
    ) {
        debug!("update_mkt_depth_l2: req_id={req_id} position={position} market_maker={market_maker:?} operation={operation} side={side} price={price} size={size} is_smart_depth={is_smart_depth}");
    }

    /// A news bulletin or exchange availability message (`msg_type`, see
    /// [`news`](crate::model::news)).
    ///
    /// Official name: `updateNewsBulletin`.
    fn update_news_bulletin(
        &mut self,
        msg_id: i32,
        msg_type: i32,
        news_message: &str,
        origin_exch: &str,
    ) {
        debug!("update_news_bulletin: msg_id={msg_id} msg_type={msg_type} news_message={news_message:?} origin_exch={origin_exch:?}");
    }

    /// The comma-separated list of accounts this login can use. Sent on connection and for
    /// `req_managed_accts`.
    ///
    /// Official name: `managedAccounts`.
    fn managed_accounts(&mut self, accounts_list: &str) {
        info!("managed_accounts: accounts_list={accounts_list:?}");
    }

    /// Financial advisor configuration XML (`fa_data` is a
    /// [`fa_data_type`](crate::model::common::fa_data_type)), in answer to `request_fa`.
    ///
    /// Official name: `receiveFA`.
    fn receive_fa(&mut self, fa_data: i32, cxml: &str) {
        debug!("receive_fa: fa_data={fa_data} cxml={cxml:?}");
    }

    /// One bar of a `req_historical_data` request.
    ///
    /// Official name: `historicalData`.
    fn historical_data(&mut self, req_id: i32, bar: &BarData) {
        debug!("historical_data: req_id={req_id} bar={bar:?}");
    }

    /// All bars of a `req_historical_data` request have been sent; `start` and `end` delimit
    /// the period.
    ///
    /// Official name: `historicalDataEnd`.
    fn historical_data_end(&mut self, req_id: i32, start: &str, end: &str) {
        debug!("historical_data_end: req_id={req_id} start={start:?} end={end:?}");
    }

    /// The XML description of the available scanner parameters (`req_scanner_parameters`).
    ///
    /// Official name: `scannerParameters`.
    fn scanner_parameters(&mut self, xml: &str) {
        debug!("scanner_parameters: xml={xml:?}");
    }

    /// One row of a scanner subscription's result.
    ///
    /// Official name: `scannerData`.
    fn scanner_data(
        &mut self,
        req_id: i32,
        rank: i32,
        contract_details: &ContractDetails,
        distance: &str,
        benchmark: &str,
        projection: &str,
        legs_str: &str,
    ) {
        debug!("scanner_data: req_id={req_id} rank={rank} contract_details={contract_details:?} distance={distance:?} benchmark={benchmark:?} projection={projection:?} legs_str={legs_str:?}");
    }

    /// The current scanner result is complete; the next one replaces it.
    ///
    /// Official name: `scannerDataEnd`.
    fn scanner_data_end(&mut self, req_id: i32) {
        debug!("scanner_data_end: req_id={req_id}");
    }

    /// A five-second bar of a `req_real_time_bars` subscription; `time` is the bar start in
    /// epoch seconds.
    ///
    /// Official name: `realtimeBar`.
    fn realtime_bar(
        &mut self,
        req_id: i32,
        time: i64,
        open: f64,
        high: f64,
        low: f64,
        close: f64,
        volume: Decimal,
        wap: Decimal,
        count: i32,
    ) {
        debug!("realtime_bar: req_id={req_id} time={time} open={open} high={high} low={low} close={close} volume={volume} wap={wap} count={count}");
    }

    /// TWS's current time, epoch seconds (`req_current_time`).
    ///
    /// Official name: `currentTime`.
    fn current_time(&mut self, time: i64) {
        debug!("current_time: time={time}");
    }

    /// Fundamental data XML (`req_fundamental_data`).
    ///
    /// Official name: `fundamentalData`.
    fn fundamental_data(&mut self, req_id: i32, data: &str) {
        debug!("fundamental_data: req_id={req_id} data={data:?}");
    }

    /// TWS's answer to a delta-neutral (hedged) order: the underlying contract it will use.
    ///
    /// Official name: `deltaNeutralValidation`.
    fn delta_neutral_validation(
        &mut self,
        req_id: i32,
        delta_neutral_contract: &DeltaNeutralContract,
    ) {
        debug!("delta_neutral_validation: req_id={req_id} delta_neutral_contract={delta_neutral_contract:?}");
    }

    /// The commission and fees of an execution, sent after its
    /// [`exec_details`](Self::exec_details).
    ///
    /// Official name: `commissionAndFeesReport`.
    fn commission_and_fees_report(&mut self, commission_and_fees_report: &CommissionAndFeesReport) {
        debug!(
            "commission_and_fees_report: commission_and_fees_report={commission_and_fees_report:?}"
        );
    }

    /// One position, for `req_positions`.
    ///
    /// Official name: `position`.
    fn position(&mut self, account: &str, contract: &Contract, position: Decimal, avg_cost: f64) {
        debug!("position: account={account:?} contract={contract:?} position={position} avg_cost={avg_cost}");
    }

    /// All positions of `req_positions` have been sent.
    ///
    /// Official name: `positionEnd`.
    fn position_end(&mut self) {
        debug!("position_end");
    }

    /// One value of an account summary (`req_account_summary`).
    ///
    /// Official name: `accountSummary`.
    fn account_summary(
        &mut self,
        req_id: i32,
        account: &str,
        tag: &str,
        value: &str,
        currency: &str,
    ) {
        debug!("account_summary: req_id={req_id} account={account:?} tag={tag:?} value={value:?} currency={currency:?}");
    }

    /// The account summary of `req_id` has been sent in full.
    ///
    /// Official name: `accountSummaryEnd`.
    fn account_summary_end(&mut self, req_id: i32) {
        debug!("account_summary_end: req_id={req_id}");
    }

    /// Data of the API verification handshake (not used by IB's public API).
    ///
    /// Official name: `verifyMessageAPI`.
    fn verify_message_api(&mut self, api_data: &str) {
        debug!("verify_message_api: api_data={api_data:?}");
    }

    /// Result of the API verification handshake (not used by IB's public API).
    ///
    /// Official name: `verifyCompleted`.
    fn verify_completed(&mut self, is_successful: bool, error_text: &str) {
        debug!("verify_completed: is_successful={is_successful} error_text={error_text:?}");
    }

    /// Data and challenge of the verify-and-authenticate handshake (not used by IB's public
    /// API). The argument name keeps the official spelling.
    ///
    /// Official name: `verifyAndAuthMessageAPI`.
    fn verify_and_auth_message_api(&mut self, api_data: &str, xyz_challange: &str) {
        debug!(
            "verify_and_auth_message_api: api_data={api_data:?} xyz_challange={xyz_challange:?}"
        );
    }

    /// Result of the verify-and-authenticate handshake (not used by IB's public API).
    ///
    /// Official name: `verifyAndAuthCompleted`.
    fn verify_and_auth_completed(&mut self, is_successful: bool, error_text: &str) {
        debug!(
            "verify_and_auth_completed: is_successful={is_successful} error_text={error_text:?}"
        );
    }

    /// The display groups of TWS, a `|`-separated list of ids (`query_display_groups`).
    ///
    /// Official name: `displayGroupList`.
    fn display_group_list(&mut self, req_id: i32, groups: &str) {
        debug!("display_group_list: req_id={req_id} groups={groups:?}");
    }

    /// The contract shown in a display group changed (`subscribe_to_group_events`);
    /// `contract_info` is `conId@exchange` or `none`.
    ///
    /// Official name: `displayGroupUpdated`.
    fn display_group_updated(&mut self, req_id: i32, contract_info: &str) {
        debug!("display_group_updated: req_id={req_id} contract_info={contract_info:?}");
    }

    /// One position of an account or model (`req_positions_multi`).
    ///
    /// Official name: `positionMulti`.
    fn position_multi(
        &mut self,
        req_id: i32,
        account: &str,
        model_code: &str,
        contract: &Contract,
        pos: Decimal,
        avg_cost: f64,
    ) {
        debug!("position_multi: req_id={req_id} account={account:?} model_code={model_code:?} contract={contract:?} pos={pos} avg_cost={avg_cost}");
    }

    /// All positions of `req_positions_multi` have been sent.
    ///
    /// Official name: `positionMultiEnd`.
    fn position_multi_end(&mut self, req_id: i32) {
        debug!("position_multi_end: req_id={req_id}");
    }

    /// One account value of an account or model (`req_account_updates_multi`).
    ///
    /// Official name: `accountUpdateMulti`.
    fn account_update_multi(
        &mut self,
        req_id: i32,
        account: &str,
        model_code: &str,
        key: &str,
        value: &str,
        currency: &str,
    ) {
        debug!("account_update_multi: req_id={req_id} account={account:?} model_code={model_code:?} key={key:?} value={value:?} currency={currency:?}");
    }

    /// All values of `req_account_updates_multi` have been sent.
    ///
    /// Official name: `accountUpdateMultiEnd`.
    fn account_update_multi_end(&mut self, req_id: i32) {
        debug!("account_update_multi_end: req_id={req_id}");
    }

    /// Option greeks and implied volatility (bid, ask, last, model or custom).
    ///
    /// `tick_attrib` is 0 when the values come from the return-based model and 1 when
    /// price-based ([`UNSET_INTEGER`](crate::model::UNSET_INTEGER) from servers too old to
    /// say). A value the server marks as not computed (−1 or −2 on the wire, `None` in the
    /// Python client) arrives as [`UNSET_DOUBLE`](crate::model::UNSET_DOUBLE).
    ///
    /// Official name: `tickOptionComputation`.
    fn tick_option_computation(
        &mut self,
        req_id: i32,
        tick_type: TickType,
        tick_attrib: i32,
        implied_vol: f64,
        delta: f64,
        opt_price: f64,
        pv_dividend: f64,
        gamma: f64,
        vega: f64,
        theta: f64,
        und_price: f64,
    ) {
        debug!("tick_option_computation: req_id={req_id} tick_type={tick_type} tick_attrib={tick_attrib} implied_vol={implied_vol} delta={delta} opt_price={opt_price} pv_dividend={pv_dividend} gamma={gamma} vega={vega} theta={theta} und_price={und_price}");
    }

    /// The option chain of an underlying on one exchange: expirations and strikes
    /// (`req_sec_def_opt_params`).
    ///
    /// Official name: `securityDefinitionOptionParameter`.
    fn security_definition_option_parameter(
        &mut self,
        req_id: i32,
        exchange: &str,
        underlying_con_id: i32,
        trading_class: &str,
        multiplier: &str,
        expirations: &[String],
        strikes: &[f64],
    ) {
        debug!("security_definition_option_parameter: req_id={req_id} exchange={exchange:?} underlying_con_id={underlying_con_id} trading_class={trading_class:?} multiplier={multiplier:?} expirations={expirations:?} strikes={strikes:?}");
    }

    /// All exchanges of `req_sec_def_opt_params` have been sent.
    ///
    /// Official name: `securityDefinitionOptionParameterEnd`.
    fn security_definition_option_parameter_end(&mut self, req_id: i32) {
        debug!("security_definition_option_parameter_end: req_id={req_id}");
    }

    /// The soft dollar tiers available to the account (`req_soft_dollar_tiers`).
    ///
    /// Official name: `softDollarTiers`.
    fn soft_dollar_tiers(&mut self, req_id: i32, tiers: &[SoftDollarTier]) {
        debug!("soft_dollar_tiers: req_id={req_id} tiers={tiers:?}");
    }

    /// The family codes of the accounts (`req_family_codes`).
    ///
    /// Official name: `familyCodes`.
    fn family_codes(&mut self, family_codes: &[FamilyCode]) {
        debug!("family_codes: family_codes={family_codes:?}");
    }

    /// Contracts matching a `req_matching_symbols` pattern.
    ///
    /// Official name: `symbolSamples`.
    fn symbol_samples(&mut self, req_id: i32, contract_descriptions: &[ContractDescription]) {
        debug!("symbol_samples: req_id={req_id} contract_descriptions={contract_descriptions:?}");
    }

    /// Exchanges that offer market depth (`req_mkt_depth_exchanges`).
    ///
    /// Official name: `mktDepthExchanges`.
    fn mkt_depth_exchanges(&mut self, depth_mkt_data_descriptions: &[DepthMktDataDescription]) {
        debug!("mkt_depth_exchanges: depth_mkt_data_descriptions={depth_mkt_data_descriptions:?}");
    }

    /// A news headline tick; `time_stamp` is epoch milliseconds.
    ///
    /// Official name: `tickNews`.
    fn tick_news(
        &mut self,
        ticker_id: i32,
        time_stamp: i64,
        provider_code: &str,
        article_id: &str,
        headline: &str,
        extra_data: &str,
    ) {
        debug!("tick_news: ticker_id={ticker_id} time_stamp={time_stamp} provider_code={provider_code:?} article_id={article_id:?} headline={headline:?} extra_data={extra_data:?}");
    }

    /// The exchanges behind a SMART depth BBO exchange code (`req_smart_components`).
    ///
    /// Official name: `smartComponents`.
    fn smart_components(&mut self, req_id: i32, smart_component_map: &[SmartComponent]) {
        debug!("smart_components: req_id={req_id} smart_component_map={smart_component_map:?}");
    }

    /// Parameters of a market data subscription: minimum tick, the BBO exchange (for
    /// `smart_components`) and snapshot permissions.
    ///
    /// Official name: `tickReqParams`.
    fn tick_req_params(
        &mut self,
        ticker_id: i32,
        min_tick: f64,
        bbo_exchange: &str,
        snapshot_permissions: i32,
    ) {
        debug!("tick_req_params: ticker_id={ticker_id} min_tick={min_tick} bbo_exchange={bbo_exchange:?} snapshot_permissions={snapshot_permissions}");
    }

    /// The news providers the user is subscribed to (`req_news_providers`).
    ///
    /// Official name: `newsProviders`.
    fn news_providers(&mut self, news_providers: &[NewsProvider]) {
        debug!("news_providers: news_providers={news_providers:?}");
    }

    /// The body of a news article (`req_news_article`); `article_type` 0 is text or HTML, 1 is
    /// binary data in Base64.
    ///
    /// Official name: `newsArticle`.
    fn news_article(&mut self, request_id: i32, article_type: i32, article_text: &str) {
        debug!("news_article: request_id={request_id} article_type={article_type} article_text={article_text:?}");
    }

    /// One historical headline (`req_historical_news`).
    ///
    /// Official name: `historicalNews`.
    fn historical_news(
        &mut self,
        request_id: i32,
        time: &str,
        provider_code: &str,
        article_id: &str,
        headline: &str,
    ) {
        debug!("historical_news: request_id={request_id} time={time:?} provider_code={provider_code:?} article_id={article_id:?} headline={headline:?}");
    }

    /// All headlines of `req_historical_news` have been sent; `has_more` if more are available.
    ///
    /// Official name: `historicalNewsEnd`.
    fn historical_news_end(&mut self, request_id: i32, has_more: bool) {
        debug!("historical_news_end: request_id={request_id} has_more={has_more}");
    }

    /// The earliest date with data for a contract (`req_head_time_stamp`).
    ///
    /// Official name: `headTimestamp`.
    fn head_timestamp(&mut self, req_id: i32, head_timestamp: &str) {
        debug!("head_timestamp: req_id={req_id} head_timestamp={head_timestamp:?}");
    }

    /// A price/volume histogram (`req_histogram_data`).
    ///
    /// Official name: `histogramData`.
    fn histogram_data(&mut self, req_id: i32, items: &[HistogramData]) {
        debug!("histogram_data: req_id={req_id} items={items:?}");
    }

    /// An update of the last bar of a `req_historical_data` request with `keep_up_to_date`.
    ///
    /// Official name: `historicalDataUpdate`.
    fn historical_data_update(&mut self, req_id: i32, bar: &BarData) {
        debug!("historical_data_update: req_id={req_id} bar={bar:?}");
    }

    /// A market data request for a CFD was rerouted to the underlying contract `con_id` on
    /// `exchange`.
    ///
    /// Official name: `rerouteMktDataReq`.
    fn reroute_mkt_data_req(&mut self, req_id: i32, con_id: i32, exchange: &str) {
        debug!("reroute_mkt_data_req: req_id={req_id} con_id={con_id} exchange={exchange:?}");
    }

    /// A market depth request for a CFD was rerouted to the underlying contract `con_id` on
    /// `exchange`.
    ///
    /// Official name: `rerouteMktDepthReq`.
    fn reroute_mkt_depth_req(&mut self, req_id: i32, con_id: i32, exchange: &str) {
        debug!("reroute_mkt_depth_req: req_id={req_id} con_id={con_id} exchange={exchange:?}");
    }

    /// The price increments of a market rule (`req_market_rule`).
    ///
    /// Official name: `marketRule`.
    fn market_rule(&mut self, market_rule_id: i32, price_increments: &[PriceIncrement]) {
        debug!(
            "market_rule: market_rule_id={market_rule_id} price_increments={price_increments:?}"
        );
    }

    /// Daily, unrealized and realized P&L of an account or model (`req_pnl`).
    ///
    /// Official name: `pnl`.
    fn pnl(&mut self, req_id: i32, daily_pnl: f64, unrealized_pnl: f64, realized_pnl: f64) {
        debug!("pnl: req_id={req_id} daily_pnl={daily_pnl} unrealized_pnl={unrealized_pnl} realized_pnl={realized_pnl}");
    }

    /// P&L of a single position (`req_pnl_single`): position, daily, unrealized and realized
    /// P&L, and market value.
    ///
    /// Official name: `pnlSingle`.
    fn pnl_single(
        &mut self,
        req_id: i32,
        pos: Decimal,
        daily_pnl: f64,
        unrealized_pnl: f64,
        realized_pnl: f64,
        value: f64,
    ) {
        debug!("pnl_single: req_id={req_id} pos={pos} daily_pnl={daily_pnl} unrealized_pnl={unrealized_pnl} realized_pnl={realized_pnl} value={value}");
    }

    /// Historical midpoint ticks (`req_historical_ticks` with `MIDPOINT`); `done` on the last
    /// batch.
    ///
    /// Official name: `historicalTicks`.
    fn historical_ticks(&mut self, req_id: i32, ticks: &[HistoricalTick], done: bool) {
        debug!("historical_ticks: req_id={req_id} ticks={ticks:?} done={done}");
    }

    /// Historical bid/ask ticks (`req_historical_ticks` with `BID_ASK`); `done` on the last
    /// batch.
    ///
    /// Official name: `historicalTicksBidAsk`.
    fn historical_ticks_bid_ask(
        &mut self,
        req_id: i32,
        ticks: &[HistoricalTickBidAsk],
        done: bool,
    ) {
        debug!("historical_ticks_bid_ask: req_id={req_id} ticks={ticks:?} done={done}");
    }

    /// Historical trade ticks (`req_historical_ticks` with `TRADES`); `done` on the last batch.
    ///
    /// Official name: `historicalTicksLast`.
    fn historical_ticks_last(&mut self, req_id: i32, ticks: &[HistoricalTickLast], done: bool) {
        debug!("historical_ticks_last: req_id={req_id} ticks={ticks:?} done={done}");
    }

    /// A trade of a `req_tick_by_tick_data` subscription; `tick_type` is 1 for `Last` and 2 for
    /// `AllLast`, `time` epoch seconds.
    ///
    /// Official name: `tickByTickAllLast`.
    fn tick_by_tick_all_last(
        &mut self,
        req_id: i32,
        tick_type: i32,
        time: i64,
        price: f64,
        size: Decimal,
        tick_attrib_last: TickAttribLast,
        exchange: &str,
        special_conditions: &str,
    ) {
        debug!("tick_by_tick_all_last: req_id={req_id} tick_type={tick_type} time={time} price={price} size={size} tick_attrib_last={tick_attrib_last} exchange={exchange:?} special_conditions={special_conditions:?}");
    }

    /// A bid/ask change of a `req_tick_by_tick_data` subscription; `time` is epoch seconds.
    ///
    /// Official name: `tickByTickBidAsk`.
    fn tick_by_tick_bid_ask(
        &mut self,
        req_id: i32,
        time: i64,
        bid_price: f64,
        ask_price: f64,
        bid_size: Decimal,
        ask_size: Decimal,
        tick_attrib_bid_ask: TickAttribBidAsk,
    ) {
        debug!("tick_by_tick_bid_ask: req_id={req_id} time={time} bid_price={bid_price} ask_price={ask_price} bid_size={bid_size} ask_size={ask_size} tick_attrib_bid_ask={tick_attrib_bid_ask}");
    }

    /// A midpoint change of a `req_tick_by_tick_data` subscription; `time` is epoch seconds.
    ///
    /// Official name: `tickByTickMidPoint`.
    fn tick_by_tick_mid_point(&mut self, req_id: i32, time: i64, mid_point: f64) {
        debug!("tick_by_tick_mid_point: req_id={req_id} time={time} mid_point={mid_point}");
    }

    /// An order placed in TWS (API client id 0 orders) was bound to an API order id.
    ///
    /// Official name: `orderBound`.
    fn order_bound(&mut self, perm_id: i64, client_id: i32, order_id: i32) {
        debug!("order_bound: perm_id={perm_id} client_id={client_id} order_id={order_id}");
    }

    /// One completed (filled or cancelled) order (`req_completed_orders`).
    ///
    /// Official name: `completedOrder`.
    fn completed_order(&mut self, contract: &Contract, order: &Order, order_state: &OrderState) {
        debug!(
            "completed_order: contract={contract:?} order={order:?} order_state={order_state:?}"
        );
    }

    /// All completed orders have been sent.
    ///
    /// Official name: `completedOrdersEnd`.
    fn completed_orders_end(&mut self) {
        debug!("completed_orders_end");
    }

    /// A `replace_fa` request finished; `text` describes the result.
    ///
    /// Official name: `replaceFAEnd`.
    fn replace_fa_end(&mut self, req_id: i32, text: &str) {
        debug!("replace_fa_end: req_id={req_id} text={text:?}");
    }

    /// Wall Street Horizon metadata, JSON (`req_wsh_meta_data`).
    ///
    /// Official name: `wshMetaData`.
    fn wsh_meta_data(&mut self, req_id: i32, data_json: &str) {
        debug!("wsh_meta_data: req_id={req_id} data_json={data_json:?}");
    }

    /// Wall Street Horizon event data, JSON (`req_wsh_event_data`).
    ///
    /// Official name: `wshEventData`.
    fn wsh_event_data(&mut self, req_id: i32, data_json: &str) {
        debug!("wsh_event_data: req_id={req_id} data_json={data_json:?}");
    }

    /// The trading sessions of a `req_historical_data` request with `what_to_show =
    /// "SCHEDULE"`.
    ///
    /// Official name: `historicalSchedule`.
    fn historical_schedule(
        &mut self,
        req_id: i32,
        start_date_time: &str,
        end_date_time: &str,
        time_zone: &str,
        sessions: &[HistoricalSession],
    ) {
        debug!("historical_schedule: req_id={req_id} start_date_time={start_date_time:?} end_date_time={end_date_time:?} time_zone={time_zone:?} sessions={sessions:?}");
    }

    /// Information about the logged-in user (`req_user_info`).
    ///
    /// Official name: `userInfo`.
    fn user_info(&mut self, req_id: i32, white_branding_id: &str) {
        debug!("user_info: req_id={req_id} white_branding_id={white_branding_id:?}");
    }

    /// TWS's current time, epoch milliseconds (`req_current_time_in_millis`).
    ///
    /// Official name: `currentTimeInMillis`.
    fn current_time_in_millis(&mut self, time_in_millis: i64) {
        debug!("current_time_in_millis: time_in_millis={time_in_millis}");
    }

    // ---------------------------------------------------------------------
    // tws-api extensions: not in the official API. They come from the
    // reconnecting supervisor of `IBClient` (see `IBClient::set_reconnect`).
    // ---------------------------------------------------------------------

    /// **tws-api extension.** The connection was lost (not by `disconnect`) and
    /// the supervisor will try again after `delay`; `attempt` counts from 1.
    fn reconnecting(&mut self, attempt: u32, delay: std::time::Duration) {
        info!("reconnecting: attempt={attempt} delay={delay:?}");
    }

    /// **tws-api extension.** A reconnect succeeded and TWS is ready again: it
    /// comes right after that connection's `next_valid_id`. Subscriptions do
    /// not survive a lost connection: re-subscribe here, or let the client do
    /// it ([`IBClient::set_resubscribe`](crate::IBClient::set_resubscribe)). `attempts` is how many
    /// tries it took.
    fn reconnected(&mut self, attempts: u32) {
        info!("reconnected: attempts={attempts}");
    }

    /// **tws-api extension.** After a reconnect, with
    /// [`IBClient::set_resubscribe`](crate::IBClient::set_resubscribe) on: the
    /// client sent again, with their original request ids, the `count`
    /// subscriptions the lost connection had interrupted (right before
    /// `reconnected`). Their data flows again with no action of yours.
    fn resubscribed(&mut self, count: usize) {
        info!("resubscribed: count={count}");
    }

    /// **tws-api extension.** The supervisor stopped trying: the client id is in
    /// use (326), the server's version is not supported, or the attempts ran
    /// out. `reason` says which.
    fn reconnect_gave_up(&mut self, reason: &str) {
        warn!("reconnect_gave_up: reason={reason:?}");
    }

    // The `…ProtoBuf` callbacks of 10.51.1: one row each in wrapper/proto_buf.rs.
    proto_buf_callbacks!();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Implements nothing: every callback uses its default body.
    struct Silent;

    impl EWrapper for Silent {}

    #[test]
    fn empty_implementation_compiles_and_every_default_can_be_called() {
        let mut w = Silent;
        let contract = Contract::default();
        let details = ContractDetails::default();
        let order = Order::default();
        let state = OrderState::default();
        let size = Decimal::ONE;

        w.error(-1, 0, 2104, "Market data farm connection is OK:usfarm", "");
        w.error(
            7,
            1_700_000_000_000,
            200,
            "No security definition has been found",
            "",
        );
        w.win_error("socket", 10054);
        w.connect_ack();
        w.market_data_type(1, 3);
        w.tick_price(1, crate::model::tick_type::BID, 1.5, TickAttrib::default());
        w.tick_size(1, crate::model::tick_type::BID_SIZE, size);
        w.tick_snapshot_end(1);
        w.tick_generic(1, crate::model::tick_type::HALTED, 0.0);
        w.tick_string(1, crate::model::tick_type::LAST_TIMESTAMP, "1700000000");
        w.tick_efp(1, 38, 1.0, "1.0", 0.5, 30, "20250101", 0.1, 0.2);
        w.order_status(
            1,
            "Filled",
            size,
            Decimal::ZERO,
            1.5,
            i64::MAX,
            0,
            1.5,
            0,
            "",
            0.0,
        );
        w.open_order(1, &contract, &order, &state);
        w.open_order_end();
        w.connection_closed();
        w.update_account_value("NetLiquidation", "1000", "USD", "DU1");
        w.update_portfolio(&contract, size, 1.0, 1.0, 1.0, 0.0, 0.0, "DU1");
        w.update_account_time("12:00");
        w.account_download_end("DU1");
        w.next_valid_id(1);
        w.contract_details(1, &details);
        w.bond_contract_details(1, &details);
        w.contract_details_end(1);
        w.exec_details(1, &contract, &Execution::default());
        w.exec_details_end(1);
        w.update_mkt_depth(1, 0, 0, 1, 1.5, size);
        w.update_mkt_depth_l2(1, 0, "NSDQ", 0, 1, 1.5, size, true);
        w.update_news_bulletin(1, 1, "news", "NYSE");
        w.managed_accounts("DU1,DU2");
        w.receive_fa(1, "<xml/>");
        w.historical_data(1, &BarData::default());
        w.historical_data_end(1, "start", "end");
        w.scanner_parameters("<xml/>");
        w.scanner_data(1, 0, &details, "", "", "", "");
        w.scanner_data_end(1);
        w.realtime_bar(1, 1_700_000_000, 1.0, 2.0, 0.5, 1.5, size, size, 3);
        w.current_time(1_700_000_000);
        w.fundamental_data(1, "<xml/>");
        w.delta_neutral_validation(1, &DeltaNeutralContract::default());
        w.commission_and_fees_report(&CommissionAndFeesReport::default());
        w.position("DU1", &contract, size, 1.0);
        w.position_end();
        w.account_summary(1, "DU1", "NetLiquidation", "1000", "USD");
        w.account_summary_end(1);
        w.verify_message_api("data");
        w.verify_completed(true, "");
        w.verify_and_auth_message_api("data", "challenge");
        w.verify_and_auth_completed(false, "error");
        w.display_group_list(1, "1|2|3");
        w.display_group_updated(1, "265598@SMART");
        w.position_multi(1, "DU1", "", &contract, size, 1.0);
        w.position_multi_end(1);
        w.account_update_multi(1, "DU1", "", "NetLiquidation", "1000", "USD");
        w.account_update_multi_end(1);
        w.tick_option_computation(1, 13, 0, 0.2, 0.5, 1.0, 0.0, 0.1, 0.1, -0.01, 100.0);
        w.security_definition_option_parameter(
            1,
            "SMART",
            265598,
            "AAPL",
            "100",
            &["20250117".to_owned()],
            &[100.0, 105.0],
        );
        w.security_definition_option_parameter_end(1);
        w.soft_dollar_tiers(1, &[SoftDollarTier::default()]);
        w.family_codes(&[FamilyCode::default()]);
        w.symbol_samples(1, &[ContractDescription::default()]);
        w.mkt_depth_exchanges(&[DepthMktDataDescription::default()]);
        w.tick_news(1, 1_700_000_000_000, "BZ", "BZ$1", "headline", "");
        w.smart_components(1, &[SmartComponent::default()]);
        w.tick_req_params(1, 0.01, "a6", 3);
        w.news_providers(&[NewsProvider::default()]);
        w.news_article(1, 0, "text");
        w.historical_news(1, "2025-01-01 00:00:00.0", "BZ", "BZ$1", "headline");
        w.historical_news_end(1, false);
        w.head_timestamp(1, "20000101");
        w.histogram_data(1, &[HistogramData::default()]);
        w.historical_data_update(1, &BarData::default());
        w.reroute_mkt_data_req(1, 2, "SMART");
        w.reroute_mkt_depth_req(1, 2, "SMART");
        w.market_rule(26, &[PriceIncrement::default()]);
        w.pnl(1, 1.0, 2.0, 3.0);
        w.pnl_single(1, size, 1.0, 2.0, 3.0, 4.0);
        w.historical_ticks(1, &[HistoricalTick::default()], true);
        w.historical_ticks_bid_ask(1, &[HistoricalTickBidAsk::default()], true);
        w.historical_ticks_last(1, &[HistoricalTickLast::default()], true);
        w.tick_by_tick_all_last(
            1,
            1,
            1_700_000_000,
            1.5,
            size,
            TickAttribLast::default(),
            "ARCA",
            "",
        );
        w.tick_by_tick_bid_ask(
            1,
            1_700_000_000,
            1.4,
            1.6,
            size,
            size,
            TickAttribBidAsk::default(),
        );
        w.tick_by_tick_mid_point(1, 1_700_000_000, 1.5);
        w.order_bound(i64::from(i32::MAX) + 1, 0, 1);
        w.completed_order(&contract, &order, &state);
        w.completed_orders_end();
        w.replace_fa_end(1, "ok");
        w.wsh_meta_data(1, "{}");
        w.wsh_event_data(1, "{}");
        w.historical_schedule(1, "a", "b", "US/Eastern", &[HistoricalSession::default()]);
        w.user_info(1, "brand");
        w.current_time_in_millis(1_700_000_000_000);
        w.order_status_proto_buf(&proto::OrderStatus::default());
        w.open_order_proto_buf(&proto::OpenOrder::default());
        w.open_orders_end_proto_buf(&proto::OpenOrdersEnd::default());
        w.error_proto_buf(&proto::ErrorMessage::default());
        w.execution_details_proto_buf(&proto::ExecutionDetails::default());
        w.execution_details_end_proto_buf(&proto::ExecutionDetailsEnd::default());
        w.completed_order_proto_buf(&proto::CompletedOrder::default());
        w.completed_orders_end_proto_buf(&proto::CompletedOrdersEnd::default());
        w.order_bound_proto_buf(&proto::OrderBound::default());
        w.contract_data_proto_buf(&proto::ContractData::default());
        w.bond_contract_data_proto_buf(&proto::ContractData::default());
        w.contract_data_end_proto_buf(&proto::ContractDataEnd::default());
        w.tick_price_proto_buf(&proto::TickPrice::default());
        w.tick_size_proto_buf(&proto::TickSize::default());
        w.tick_option_computation_proto_buf(&proto::TickOptionComputation::default());
        w.tick_generic_proto_buf(&proto::TickGeneric::default());
        w.tick_string_proto_buf(&proto::TickString::default());
        w.tick_snapshot_end_proto_buf(&proto::TickSnapshotEnd::default());
        w.update_market_depth_proto_buf(&proto::MarketDepth::default());
        w.update_market_depth_l2_proto_buf(&proto::MarketDepthL2::default());
        w.update_market_data_type_proto_buf(&proto::MarketDataType::default());
        w.tick_req_params_proto_buf(&proto::TickReqParams::default());
        w.update_account_value_proto_buf(&proto::AccountValue::default());
        w.update_portfolio_proto_buf(&proto::PortfolioValue::default());
        w.update_account_time_proto_buf(&proto::AccountUpdateTime::default());
        w.account_data_end_proto_buf(&proto::AccountDataEnd::default());
        w.managed_accounts_proto_buf(&proto::ManagedAccounts::default());
        w.position_proto_buf(&proto::Position::default());
        w.position_end_proto_buf(&proto::PositionEnd::default());
        w.account_summary_proto_buf(&proto::AccountSummary::default());
        w.account_summary_end_proto_buf(&proto::AccountSummaryEnd::default());
        w.position_multi_proto_buf(&proto::PositionMulti::default());
        w.position_multi_end_proto_buf(&proto::PositionMultiEnd::default());
        w.account_update_multi_proto_buf(&proto::AccountUpdateMulti::default());
        w.account_update_multi_end_proto_buf(&proto::AccountUpdateMultiEnd::default());
    }

    #[test]
    fn usable_as_a_trait_object_across_threads() {
        struct Counter(u32);
        impl EWrapper for Counter {
            fn next_valid_id(&mut self, _order_id: i32) {
                self.0 += 1;
            }
        }
        let mut boxed: Box<dyn EWrapper> = Box::new(Counter(0));
        let handle = std::thread::spawn(move || {
            boxed.next_valid_id(1);
            boxed.connection_closed();
        });
        assert!(handle.join().is_ok());
    }
}
