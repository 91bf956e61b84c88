//! [`Portfolio`]: positions and account values, kept from the account callbacks.
//!
//! Not part of the official API: nearly every trading program writes this
//! table, so here it is. Feed it from your wrapper's callbacks (each method
//! has the callback's name and arguments), or run it as the wrapper itself:
//! it implements [`EWrapper`] for the account callbacks.
//!
//! ```
//! use tws_api::portfolio::Portfolio;
//! use tws_api::{Contract, Decimal};
//!
//! let mut p = Portfolio::new();
//! let aapl = Contract { con_id: 265598, symbol: "AAPL".into(), ..Contract::default() };
//! p.position("DU1", &aapl, Decimal::from(100), 187.5);
//! p.update_account_value("NetLiquidation", "1000000.00", "USD", "DU1");
//! assert_eq!(p.position_of("DU1", 265598).unwrap().position, Decimal::from(100));
//! assert_eq!(p.value_f64("DU1", "NetLiquidation", "USD"), Some(1_000_000.0));
//! ```

use std::collections::BTreeMap;

use crate::model::{Contract, Decimal};
use crate::EWrapper;

/// One position, as the latest callback about it told.
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioPosition {
    /// The account.
    pub account: String,
    /// The instrument.
    pub contract: Contract,
    /// Signed quantity (0 for a position closed today).
    pub position: Decimal,
    /// Average cost per unit, multiplier and commissions included.
    pub avg_cost: f64,
    /// Price per unit (`update_portfolio` only).
    pub market_price: Option<f64>,
    /// Market value (`update_portfolio` only).
    pub market_value: Option<f64>,
    /// Unrealized PnL (`update_portfolio` only).
    pub unrealized_pnl: Option<f64>,
    /// Realized PnL (`update_portfolio` only).
    pub realized_pnl: Option<f64>,
}

/// Positions by account and contract id, account values by account, key and
/// currency. See the [module docs](self).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Portfolio {
    positions: BTreeMap<(String, i32), PortfolioPosition>,
    values: BTreeMap<(String, String, String), String>,
    account_time: String,
}

impl Portfolio {
    /// An empty portfolio.
    pub fn new() -> Portfolio {
        Portfolio::default()
    }

    /// Forgets everything (e.g. before a new `req_positions`).
    pub fn clear(&mut self) {
        *self = Portfolio::default();
    }

    fn entry(&mut self, account: &str, contract: &Contract) -> &mut PortfolioPosition {
        self.positions
            .entry((account.to_owned(), contract.con_id))
            .or_insert_with(|| PortfolioPosition {
                account: account.to_owned(),
                contract: contract.clone(),
                position: Decimal::ZERO,
                avg_cost: 0.0,
                market_price: None,
                market_value: None,
                unrealized_pnl: None,
                realized_pnl: None,
            })
    }

    /// From `updateAccountValue`.
    pub fn update_account_value(&mut self, key: &str, val: &str, currency: &str, account: &str) {
        self.values.insert(
            (account.to_owned(), key.to_owned(), currency.to_owned()),
            val.to_owned(),
        );
    }

    /// From `updatePortfolio`.
    #[allow(clippy::too_many_arguments)]
    pub fn update_portfolio(
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
        let p = self.entry(account_name, contract);
        p.contract = contract.clone();
        p.position = position;
        p.avg_cost = average_cost;
        p.market_price = Some(market_price);
        p.market_value = Some(market_value);
        p.unrealized_pnl = Some(unrealized_pnl);
        p.realized_pnl = Some(realized_pnl);
    }

    /// From `updateAccountTime`.
    pub fn update_account_time(&mut self, time_stamp: &str) {
        self.account_time = time_stamp.to_owned();
    }

    /// From `position` (and `positionMulti`, without its request id and model code).
    pub fn position(
        &mut self,
        account: &str,
        contract: &Contract,
        position: Decimal,
        avg_cost: f64,
    ) {
        let p = self.entry(account, contract);
        p.contract = contract.clone();
        p.position = position;
        p.avg_cost = avg_cost;
    }

    /// From `accountSummary` (the tag is the key).
    pub fn account_summary(&mut self, account: &str, tag: &str, value: &str, currency: &str) {
        self.update_account_value(tag, value, currency, account);
    }

    /// The position of `account` in `con_id`, flat ones included.
    pub fn position_of(&self, account: &str, con_id: i32) -> Option<&PortfolioPosition> {
        self.positions.get(&(account.to_owned(), con_id))
    }

    /// Every position (flat ones included), by account then contract id.
    pub fn positions(&self) -> impl Iterator<Item = &PortfolioPosition> {
        self.positions.values()
    }

    /// The positions of `account` that are not flat.
    pub fn open_positions<'a>(
        &'a self,
        account: &'a str,
    ) -> impl Iterator<Item = &'a PortfolioPosition> + 'a {
        self.positions
            .values()
            .filter(move |p| p.account == account && !p.position.is_zero())
    }

    /// The value of `key` in `currency` (`"USD"`, `"BASE"`, or `""`) for `account`.
    pub fn value(&self, account: &str, key: &str, currency: &str) -> Option<&str> {
        self.values
            .get(&(account.to_owned(), key.to_owned(), currency.to_owned()))
            .map(String::as_str)
    }

    /// [`value`](Self::value) as a number, when it is one.
    pub fn value_f64(&self, account: &str, key: &str, currency: &str) -> Option<f64> {
        self.value(account, key, currency)?.parse().ok()
    }

    /// Every `(key, currency, value)` of `account`, sorted.
    pub fn values_of<'a>(
        &'a self,
        account: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a str, &'a str)> + 'a {
        self.values
            .iter()
            .filter(move |((a, _, _), _)| a == account)
            .map(|((_, k, c), v)| (k.as_str(), c.as_str(), v.as_str()))
    }

    /// The accounts seen, sorted.
    pub fn accounts(&self) -> Vec<&str> {
        let mut a: Vec<&str> = self
            .values
            .keys()
            .map(|(a, _, _)| a.as_str())
            .chain(self.positions.keys().map(|(a, _)| a.as_str()))
            .collect();
        a.sort_unstable();
        a.dedup();
        a
    }

    /// The last `updateAccountTime` (`HH:MM`), empty before any.
    pub fn account_time(&self) -> &str {
        &self.account_time
    }
}

/// The account callbacks feed the portfolio; every other callback keeps its
/// default (logging) body.
impl EWrapper for Portfolio {
    fn update_account_value(&mut self, key: &str, val: &str, currency: &str, account_name: &str) {
        Portfolio::update_account_value(self, key, val, currency, account_name);
    }

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
        Portfolio::update_portfolio(
            self,
            contract,
            position,
            market_price,
            market_value,
            average_cost,
            unrealized_pnl,
            realized_pnl,
            account_name,
        );
    }

    fn update_account_time(&mut self, time_stamp: &str) {
        Portfolio::update_account_time(self, time_stamp);
    }

    fn position(&mut self, account: &str, contract: &Contract, position: Decimal, avg_cost: f64) {
        Portfolio::position(self, account, contract, position, avg_cost);
    }

    fn position_multi(
        &mut self,
        _req_id: i32,
        account: &str,
        _model_code: &str,
        contract: &Contract,
        pos: Decimal,
        avg_cost: f64,
    ) {
        Portfolio::position(self, account, contract, pos, avg_cost);
    }

    fn account_summary(
        &mut self,
        _req_id: i32,
        account: &str,
        tag: &str,
        value: &str,
        currency: &str,
    ) {
        Portfolio::account_summary(self, account, tag, value, currency);
    }

    fn account_update_multi(
        &mut self,
        _req_id: i32,
        account: &str,
        _model_code: &str,
        key: &str,
        value: &str,
        currency: &str,
    ) {
        Portfolio::update_account_value(self, key, value, currency, account);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aapl() -> Contract {
        Contract {
            con_id: 265598,
            symbol: "AAPL".into(),
            sec_type: "STK".into(),
            currency: "USD".into(),
            ..Contract::default()
        }
    }

    #[test]
    fn positions_by_account_and_contract() {
        let mut p = Portfolio::new();
        p.position("DU1", &aapl(), Decimal::from(100), 187.5);
        p.position("DU2", &aapl(), Decimal::from(-5), 190.0);
        p.update_portfolio(
            &aapl(),
            Decimal::from(100),
            190.0,
            19000.0,
            187.5,
            250.0,
            0.0,
            "DU1",
        );
        let one = p.position_of("DU1", 265598).unwrap();
        assert_eq!(one.position, Decimal::from(100));
        assert_eq!(one.unrealized_pnl, Some(250.0));
        assert_eq!(p.position_of("DU2", 265598).unwrap().market_price, None);
        assert_eq!(p.open_positions("DU1").count(), 1);
        p.position("DU1", &aapl(), Decimal::ZERO, 0.0);
        assert_eq!(p.open_positions("DU1").count(), 0);
        assert_eq!(p.positions().count(), 2);
        assert_eq!(p.accounts(), ["DU1", "DU2"]);
    }

    #[test]
    fn values_by_key_and_currency() {
        let mut p = Portfolio::new();
        let w: &mut dyn EWrapper = &mut p;
        w.update_account_value("CashBalance", "100.00", "BASE", "DU1");
        w.update_account_value("CashBalance", "90.00", "USD", "DU1");
        w.account_summary(1, "DU1", "NetLiquidation", "200.00", "USD");
        w.account_update_multi(2, "DU2", "", "NetLiquidation", "5", "USD");
        w.update_account_time("14:05");
        assert_eq!(p.value("DU1", "CashBalance", "BASE"), Some("100.00"));
        assert_eq!(p.value_f64("DU1", "CashBalance", "USD"), Some(90.0));
        assert_eq!(p.value_f64("DU1", "NetLiquidation", "USD"), Some(200.0));
        assert_eq!(p.value_f64("DU2", "NetLiquidation", "USD"), Some(5.0));
        assert_eq!(p.value("DU1", "Nope", ""), None);
        assert_eq!(p.values_of("DU1").count(), 3);
        assert_eq!(p.account_time(), "14:05");
        p.clear();
        assert!(p.accounts().is_empty());
    }
}
