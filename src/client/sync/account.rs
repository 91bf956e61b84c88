//! Blocking helpers for positions and account data.

use std::sync::Arc;
use std::time::Duration;

use super::{Collector, Wait};
use crate::client::conn::lifecycle::RequestKey;
use crate::client::IBClient;
use crate::errors::Error;
use crate::messages::ids::outgoing;
use crate::model::*;
use crate::EWrapper;

/// One `position` ([`IBClient::positions`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PositionInfo {
    /// The account.
    pub account: String,
    /// The instrument.
    pub contract: Contract,
    /// Signed quantity.
    pub position: Decimal,
    /// Average cost (price × multiplier, commissions included).
    pub avg_cost: f64,
}

sink!(PositionsSink<PositionInfo> {
    fn position(&mut self, account: &str, contract: &Contract, position: Decimal, avg_cost: f64) {
        self.0.push(PositionInfo {
            account: account.to_owned(),
            contract: contract.clone(),
            position,
            avg_cost,
        });
    }
    fn position_end(&mut self) {
        self.0.finish();
    }
});

/// One `accountSummary` row ([`IBClient::account_summary`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountSummaryRow {
    /// The account.
    pub account: String,
    /// The tag (`NetLiquidation`, `BuyingPower`, …).
    pub tag: String,
    /// Its value, as TWS writes it.
    pub value: String,
    /// Its currency (empty for non-monetary tags).
    pub currency: String,
}

sink!(AccountSummarySink<AccountSummaryRow> {
    fn account_summary(&mut self, _id: i32, account: &str, tag: &str, value: &str, currency: &str) {
        self.0.push(AccountSummaryRow {
            account: account.to_owned(),
            tag: tag.to_owned(),
            value: value.to_owned(),
            currency: currency.to_owned(),
        });
    }
    fn account_summary_end(&mut self, _id: i32) {
        self.0.finish();
    }
});

/// One `updatePortfolio` row ([`IBClient::portfolio`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioItem {
    /// The instrument.
    pub contract: Contract,
    /// Signed quantity.
    pub position: Decimal,
    /// The market price.
    pub market_price: f64,
    /// The market value.
    pub market_value: f64,
    /// Average cost.
    pub average_cost: f64,
    /// Unrealized PnL.
    pub unrealized_pnl: f64,
    /// Realized PnL.
    pub realized_pnl: f64,
    /// The account.
    pub account_name: String,
}

/// What `reqAccountUpdates` sends until `accountDownloadEnd` ([`IBClient::portfolio`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AccountSnapshot {
    /// Account values: (key, value, currency).
    pub values: Vec<(String, String, String)>,
    /// The positions with their market values and PnL.
    pub portfolio: Vec<PortfolioItem>,
    /// The account time (`updateAccountTime`).
    pub time: String,
}

enum AccountItem {
    Value(String, String, String),
    Portfolio(Box<PortfolioItem>),
    Time(String),
}

sink!(AccountUpdatesSink<AccountItem> {
    fn update_account_value(&mut self, key: &str, val: &str, currency: &str, _account: &str) {
        self.0.push(AccountItem::Value(key.to_owned(), val.to_owned(), currency.to_owned()));
    }
    #[allow(clippy::too_many_arguments)]
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
        self.0.push(AccountItem::Portfolio(Box::new(PortfolioItem {
            contract: contract.clone(),
            position,
            market_price,
            market_value,
            average_cost,
            unrealized_pnl,
            realized_pnl,
            account_name: account_name.to_owned(),
        })));
    }
    fn update_account_time(&mut self, time: &str) {
        self.0.push(AccountItem::Time(time.to_owned()));
    }
    fn account_download_end(&mut self, _account: &str) {
        self.0.finish();
    }
});

impl IBClient {
    /// `reqPositions`, waited for until `positionEnd`, then cancelled: every
    /// position of every account. **tws-api extension** (`TWSSyncWrapper`:
    /// `get_positions`).
    pub fn positions(&self, timeout: Duration) -> Result<Vec<PositionInfo>, Error> {
        let wait = Wait {
            key: RequestKey::Request(outgoing::REQ_POSITIONS),
            what: "reqPositions",
            timeout,
            cancel: None,
        };
        let result = self.wait_for(wait, PositionsSink, || self.req_positions());
        let _ = self.cancel_positions();
        result
    }

    /// `reqAccountSummary`, waited for until `accountSummaryEnd`, then
    /// cancelled: the `tags` (comma-separated, see
    /// [`AccountSummaryTags`](crate::model::AccountSummaryTags)) of every
    /// account of `group_name` (`"All"`). **tws-api extension**
    /// (`TWSSyncWrapper`: `get_account_summary`).
    pub fn account_summary(
        &self,
        group_name: &str,
        tags: &str,
        timeout: Duration,
    ) -> Result<Vec<AccountSummaryRow>, Error> {
        let req_id = self.sync_req_id();
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqAccountSummary",
            timeout,
            cancel: None,
        };
        let result = self.wait_for(wait, AccountSummarySink, || {
            self.req_account_summary(req_id, group_name, tags)
        });
        let _ = self.cancel_account_summary(req_id);
        result
    }

    /// `reqAccountUpdates(true, account)`, waited for until
    /// `accountDownloadEnd`, then unsubscribed: the account's values and its
    /// portfolio. **tws-api extension** (`TWSSyncWrapper`: `get_portfolio`).
    pub fn portfolio(&self, account: &str, timeout: Duration) -> Result<AccountSnapshot, Error> {
        let wait = Wait {
            key: RequestKey::Request(outgoing::REQ_ACCT_DATA),
            what: "reqAccountUpdates",
            timeout,
            cancel: None,
        };
        let result = self.wait_for(wait, AccountUpdatesSink, || {
            self.req_account_updates(true, account)
        });
        let _ = self.req_account_updates(false, account);
        let mut snap = AccountSnapshot::default();
        for item in result? {
            match item {
                AccountItem::Value(k, v, c) => snap.values.push((k, v, c)),
                AccountItem::Portfolio(p) => snap.portfolio.push(*p),
                AccountItem::Time(t) => snap.time = t,
            }
        }
        Ok(snap)
    }
}
