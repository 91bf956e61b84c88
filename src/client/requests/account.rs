//! Account, portfolio, position, PnL and financial-advisor requests.
//!
//! The official client reports a refusal of these requests under an id that
//! depends on the cause, not always the request's: [`EClient::send_account`]
//! keeps its rule, while the request lifecycle still knows each request by
//! its own id.

use crate::client::conn::eclient::ErrorIds;
use crate::client::EClient;
use crate::errors::{Error, NO_VALID_ID};
use crate::messages::account::{
    fa_data_refusal, CancelAccountSummary, CancelAccountUpdatesMulti, CancelPnL, CancelPnLSingle,
    CancelPositions, CancelPositionsMulti, ReplaceFa, ReqAccountSummary, ReqAccountUpdates,
    ReqAccountUpdatesMulti, ReqFamilyCodes, ReqPnL, ReqPnLSingle, ReqPositions, ReqPositionsMulti,
    ReqSoftDollarTiers, RequestFa,
};
use crate::messages::Message;

impl EClient {
    /// Sends `msg` (known to the request lifecycle by `req_id`), reporting a
    /// failure as the official client does: "not connected" under
    /// `not_connected_id`, "TWS too old" (503) under -1, a string it cannot
    /// send (579) under `symbol_id`.
    fn send_account<M: Message>(
        &self,
        req_id: i32,
        not_connected_id: i32,
        symbol_id: i32,
        msg: &M,
    ) -> Result<(), Error> {
        let ids = ErrorIds {
            not_connected: not_connected_id,
            too_old: NO_VALID_ID,
            invalid: symbol_id,
        };
        self.send_reporting(req_id, ids, msg)
    }

    /// [`send_account`](Self::send_account) for the requests with an id: not
    /// connected and too old under -1, a bad string under `req_id`.
    fn send_with_id<M: Message>(&self, req_id: i32, msg: &M) -> Result<(), Error> {
        self.send_account(req_id, NO_VALID_ID, req_id, msg)
    }

    /// [`send_account`](Self::send_account) for the cancels (and
    /// `reqSoftDollarTiers`): every failure under -1.
    fn send_cancel<M: Message>(&self, req_id: i32, msg: &M) -> Result<(), Error> {
        self.send_account(req_id, NO_VALID_ID, NO_VALID_ID, msg)
    }

    /// `reqAccountUpdates`: starts (`subscribe` true) or stops the stream of
    /// one account's values and portfolio: `update_account_value` for every
    /// value, `update_portfolio` for every position, `update_account_time`,
    /// then `account_download_end`; afterwards what changes, as it changes.
    /// `acct_code` is needed for advisor logins (may be empty otherwise).
    pub fn req_account_updates(&self, subscribe: bool, acct_code: &str) -> Result<(), Error> {
        let msg = ReqAccountUpdates {
            subscribe,
            acct_code: acct_code.to_owned(),
        };
        let result = self.send(NO_VALID_ID, &msg);
        if !subscribe {
            // The same message stops the subscription.
            self.end_request(crate::client::RequestKey::Request(
                crate::messages::ids::outgoing::REQ_ACCT_DATA,
            ));
        }
        result
    }

    /// `reqAccountSummary`: the account window's summary values (`tags`,
    /// comma-separated: [`AccountSummaryTags`](crate::model::AccountSummaryTags),
    /// `$LEDGER`, `$LEDGER:ALL`, `$LEDGER:<currency>`) of every account of
    /// `group_name` (`"All"` or an advisor group), through `account_summary`,
    /// then `account_summary_end(req_id)`; kept up to date until
    /// `cancel_account_summary`.
    pub fn req_account_summary(
        &self,
        req_id: i32,
        group_name: &str,
        tags: &str,
    ) -> Result<(), Error> {
        let msg = ReqAccountSummary {
            req_id,
            group_name: group_name.to_owned(),
            tags: tags.to_owned(),
        };
        self.send_with_id(req_id, &msg)
    }

    /// `cancelAccountSummary`: stops the summary of `req_id`.
    pub fn cancel_account_summary(&self, req_id: i32) -> Result<(), Error> {
        self.send_cancel(req_id, &CancelAccountSummary { req_id })
    }

    /// `reqPositions`: every position of every account through `position`,
    /// then `position_end`; afterwards each change, until `cancel_positions`.
    pub fn req_positions(&self) -> Result<(), Error> {
        self.send(NO_VALID_ID, &ReqPositions)
    }

    /// `cancelPositions`: stops the position updates of `req_positions`.
    pub fn cancel_positions(&self) -> Result<(), Error> {
        self.send(NO_VALID_ID, &CancelPositions)
    }

    /// `reqPositionsMulti`: the positions of `account` and/or `model_code`
    /// through `position_multi`, then `position_multi_end(req_id)`; then the
    /// changes, until `cancel_positions_multi`.
    pub fn req_positions_multi(
        &self,
        req_id: i32,
        account: &str,
        model_code: &str,
    ) -> Result<(), Error> {
        let msg = ReqPositionsMulti {
            req_id,
            account: account.to_owned(),
            model_code: model_code.to_owned(),
        };
        self.send_with_id(req_id, &msg)
    }

    /// `cancelPositionsMulti`: stops `req_positions_multi(req_id, …)`.
    pub fn cancel_positions_multi(&self, req_id: i32) -> Result<(), Error> {
        self.send_cancel(req_id, &CancelPositionsMulti { req_id })
    }

    /// `reqAccountUpdatesMulti`: the account values of `account` and/or
    /// `model_code` through `account_update_multi`, then
    /// `account_update_multi_end(req_id)`; then the changes. With
    /// `ledger_and_nlv` only the cash ledger and the net liquidation value.
    pub fn req_account_updates_multi(
        &self,
        req_id: i32,
        account: &str,
        model_code: &str,
        ledger_and_nlv: bool,
    ) -> Result<(), Error> {
        let msg = ReqAccountUpdatesMulti {
            req_id,
            account: account.to_owned(),
            model_code: model_code.to_owned(),
            ledger_and_nlv,
        };
        self.send_with_id(req_id, &msg)
    }

    /// `cancelAccountUpdatesMulti`: stops `req_account_updates_multi(req_id, …)`.
    pub fn cancel_account_updates_multi(&self, req_id: i32) -> Result<(), Error> {
        self.send_cancel(req_id, &CancelAccountUpdatesMulti { req_id })
    }

    /// `reqPnL`: the daily, unrealized and realized PnL of `account` (and/or
    /// `model_code`), streamed through `pnl(req_id, …)` until `cancel_pnl`.
    pub fn req_pnl(&self, req_id: i32, account: &str, model_code: &str) -> Result<(), Error> {
        let msg = ReqPnL {
            req_id,
            account: account.to_owned(),
            model_code: model_code.to_owned(),
        };
        self.send_with_id(req_id, &msg)
    }

    /// `cancelPnL`: stops `req_pnl(req_id, …)`.
    pub fn cancel_pnl(&self, req_id: i32) -> Result<(), Error> {
        self.send_cancel(req_id, &CancelPnL { req_id })
    }

    /// `reqPnLSingle`: the PnL of the position in `conid` of `account`,
    /// streamed through `pnl_single(req_id, …)` until `cancel_pnl_single`.
    pub fn req_pnl_single(
        &self,
        req_id: i32,
        account: &str,
        model_code: &str,
        conid: i32,
    ) -> Result<(), Error> {
        let msg = ReqPnLSingle {
            req_id,
            account: account.to_owned(),
            model_code: model_code.to_owned(),
            conid,
        };
        self.send_with_id(req_id, &msg)
    }

    /// `cancelPnLSingle`: stops `req_pnl_single(req_id, …)`.
    pub fn cancel_pnl_single(&self, req_id: i32) -> Result<(), Error> {
        self.send_cancel(req_id, &CancelPnLSingle { req_id })
    }

    /// `reqFamilyCodes`: the family code of each account, through `family_codes`.
    pub fn req_family_codes(&self) -> Result<(), Error> {
        self.send(NO_VALID_ID, &ReqFamilyCodes)
    }

    /// `reqSoftDollarTiers`: the soft-dollar tiers of the account, through
    /// `soft_dollar_tiers(req_id, …)`.
    pub fn req_soft_dollar_tiers(&self, req_id: i32) -> Result<(), Error> {
        self.send_cancel(req_id, &ReqSoftDollarTiers { req_id })
    }

    /// `requestFA`: the advisor configuration of kind `fa_data` (1 groups,
    /// 3 aliases; see [`fa_data_type`](crate::messages::account::fa_data_type)),
    /// through `receive_fa`. Profiles (2) are refused from server version 177
    /// with 585, as the official client does. An account that is not an
    /// advisor account gets TWS's error 321.
    pub fn request_fa(&self, fa_data: i32) -> Result<(), Error> {
        if self.is_connected() {
            if let Some(c) = fa_data_refusal(self.server_version(), fa_data) {
                self.report_error(NO_VALID_ID, c.code, c.msg.to_owned());
                return Err(Error::Refused(c));
            }
        }
        self.send(NO_VALID_ID, &RequestFa { fa_data })
    }

    /// `replaceFA`: replaces the advisor configuration of kind `fa_data` with
    /// `cxml`; `replace_fa_end(req_id, …)` confirms it (server version 157
    /// and up). Profiles (2) are refused from server version 177 with 585.
    pub fn replace_fa(&self, req_id: i32, fa_data: i32, cxml: &str) -> Result<(), Error> {
        if self.is_connected() {
            if let Some(c) = fa_data_refusal(self.server_version(), fa_data) {
                self.report_error(req_id, c.code, c.msg.to_owned());
                return Err(Error::Refused(c));
            }
        }
        let msg = ReplaceFa {
            req_id,
            fa_data,
            cxml: cxml.to_owned(),
        };
        // Not connected is reported under req_id, a string it cannot send under -1.
        self.send_account(req_id, req_id, NO_VALID_ID, &msg)
    }
}
