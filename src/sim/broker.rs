//! The paper broker's state, shared by every session of a simulated gateway:
//! cash and positions per account. Orders (`sim/orders`) change it through
//! [`Broker::apply_fill`]; the account domain (`sim/account`) reads it.
//! Every change bumps [`Broker::revision`], so sessions that stream account
//! data can tell on their timer that something moved.

use std::collections::BTreeMap;

use crate::model::{CommissionAndFeesReport, Contract, Decimal, Execution, Order};

/// One position of an account.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Position {
    /// The instrument, as the broker knows it (conId set).
    pub contract: Contract,
    /// Signed quantity: positive long, negative short.
    pub quantity: Decimal,
    /// Average cost per unit (price × multiplier, commissions included), as
    /// TWS reports `avgCost`.
    pub avg_cost: f64,
    /// Realized PnL of this position since the start of the sim.
    pub realized_pnl: f64,
}

/// One account's money and positions.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Account {
    /// Cash by currency.
    pub cash: BTreeMap<String, f64>,
    /// Positions by conId; a position that goes flat stays, with quantity 0
    /// (TWS reports it with 0 until the next day).
    pub positions: BTreeMap<i32, Position>,
    /// Commissions paid, by currency.
    pub commissions: BTreeMap<String, f64>,
}

/// Every account the gateway manages.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Broker {
    pub accounts: BTreeMap<String, Account>,
    /// Bumped by every change.
    pub revision: u64,
    /// Every order placed since the sim started, and every fill (the order
    /// domain's book, `sim/orders`); shared, so orders are visible across
    /// sessions.
    pub book: OrderBook,
}

/// One order the paper broker holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SimOrder {
    /// The placing client's id.
    pub client_id: i32,
    /// The client's order id.
    pub order_id: i32,
    /// The broker's permanent id.
    pub perm_id: i64,
    /// The instrument.
    pub contract: Contract,
    /// The order as placed (ids and account filled in).
    pub order: Order,
    /// `PreSubmitted`, `Submitted`, `Filled`, `Cancelled`.
    pub status: String,
    /// Quantity filled so far.
    pub filled: Decimal,
    /// Average fill price.
    pub avg_fill_price: f64,
    /// Price of the last fill.
    pub last_fill_price: f64,
    /// Best price seen since a trailing stop became active (its anchor).
    pub trail_anchor: f64,
    /// When it was filled or cancelled (`yyyymmdd hh:mm:ss UTC`).
    pub completed_time: String,
}

impl SimOrder {
    /// Filled or cancelled.
    pub(crate) fn is_done(&self) -> bool {
        matches!(
            self.status.as_str(),
            "Filled" | "Cancelled" | "ApiCancelled"
        )
    }
}

/// One fill, kept for `reqExecutions`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fill {
    /// The instrument.
    pub contract: Contract,
    /// The execution.
    pub execution: Execution,
    /// Its commission.
    pub report: CommissionAndFeesReport,
    /// The symbol's security type (for filters).
    pub sec_type: String,
}

/// The orders and fills of the paper broker.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct OrderBook {
    /// Every order, in placement order.
    pub orders: Vec<SimOrder>,
    /// Every fill, in time order.
    pub fills: Vec<Fill>,
    /// The last permanent id handed out.
    pub last_perm_id: i64,
    /// The last execution sequence number.
    pub last_exec: u64,
    /// Status changes waiting for another client's session to send them
    /// (`openOrder` + `orderStatus`), by client id: an order cancelled by
    /// another client's `reqGlobalCancel`, every order for the master client.
    pub outbox: BTreeMap<i32, Vec<SimOrder>>,
}

impl OrderBook {
    /// Queues a snapshot of `o` for the clients other than `acting` that
    /// should see it: its owner and the master client.
    pub(crate) fn notify(&mut self, master: Option<i32>, acting: i32, o: &SimOrder) {
        let mut to = vec![o.client_id];
        if let Some(m) = master {
            if m != o.client_id {
                to.push(m);
            }
        }
        for cid in to.into_iter().filter(|&c| c != acting) {
            self.outbox.entry(cid).or_default().push(o.clone());
        }
    }
}

/// Starting cash of every account, in USD.
pub(crate) const STARTING_CASH: f64 = 1_000_000.0;

impl Broker {
    /// A broker with `accounts`, each holding [`STARTING_CASH`] USD and no positions.
    pub(crate) fn new(accounts: &[String]) -> Broker {
        let mut b = Broker::default();
        for a in accounts {
            let mut acc = Account::default();
            acc.cash.insert("USD".into(), STARTING_CASH);
            b.accounts.insert(a.clone(), acc);
        }
        b
    }

    /// Books a fill: `quantity` (positive buys, negative sells) of `contract`
    /// at `price` per unit, with `commission` in the contract's currency.
    /// Moves cash, the position and its average cost, and realizes PnL on
    /// the part that closes. Returns the PnL realized by this fill
    /// (commission included on a closing fill, as TWS reports it).
    pub(crate) fn apply_fill(
        &mut self,
        account: &str,
        contract: &Contract,
        quantity: Decimal,
        price: f64,
        commission: f64,
    ) -> f64 {
        let multiplier = contract.multiplier.parse::<f64>().unwrap_or(1.0).max(1.0);
        let ccy = if contract.currency.is_empty() {
            "USD".to_owned()
        } else {
            contract.currency.clone()
        };
        let acc = self.accounts.entry(account.to_owned()).or_default();
        let qty = decimal_to_f64(quantity);
        *acc.cash.entry(ccy.clone()).or_default() -= qty * price * multiplier + commission;
        *acc.commissions.entry(ccy).or_default() += commission;
        let pos = acc
            .positions
            .entry(contract.con_id)
            .or_insert_with(|| Position {
                contract: contract.clone(),
                quantity: Decimal::ZERO,
                avg_cost: 0.0,
                realized_pnl: 0.0,
            });
        let old = decimal_to_f64(pos.quantity);
        let new = old + qty;
        let mut realized = 0.0;
        if old == 0.0 || old.signum() == qty.signum() {
            // Opening or adding: the average cost takes the commission in,
            // against the position: a long costs more, a short brings less.
            let cost = pos.avg_cost * old.abs()
                + price * multiplier * qty.abs()
                + commission * qty.signum();
            pos.avg_cost = if new == 0.0 { 0.0 } else { cost / new.abs() };
        } else {
            // Closing (and maybe reversing).
            let closed = qty.abs().min(old.abs());
            realized = (price * multiplier - pos.avg_cost) * closed * old.signum() - commission;
            pos.realized_pnl += realized;
            if new == 0.0 {
                pos.avg_cost = 0.0;
            } else if new.signum() != old.signum() {
                pos.avg_cost = price * multiplier;
            }
        }
        pos.quantity += quantity;
        self.revision += 1;
        realized
    }
}

/// A decimal quantity as a float, for money arithmetic.
pub(crate) fn decimal_to_f64(d: Decimal) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    d.to_f64().unwrap_or(0.0)
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
    fn a_short_sale_lowers_its_basis_by_the_commission_and_realizes_on_the_cover() {
        let mut b = Broker::new(&["DU1".to_owned()]);
        b.apply_fill("DU1", &aapl(), Decimal::from(-100), 200.0, 1.0);
        let pos = &b.accounts["DU1"].positions[&265598];
        assert!((pos.avg_cost - 199.99).abs() < 1e-9, "{}", pos.avg_cost);
        let realized = b.apply_fill("DU1", &aapl(), Decimal::from(100), 190.0, 1.0);
        // Sold for 19,999 net, bought back for 19,000 + 1.
        assert!((realized - 998.0).abs() < 1e-9, "{realized}");
    }

    #[test]
    fn buy_then_sell_realizes_the_difference_less_commissions() {
        let mut b = Broker::new(&["DU1".to_owned()]);
        b.apply_fill("DU1", &aapl(), Decimal::from(100), 200.0, 1.0);
        let pos = &b.accounts["DU1"].positions[&265598];
        assert_eq!(pos.quantity, Decimal::from(100));
        assert!((pos.avg_cost - 200.01).abs() < 1e-9);
        let realized = b.apply_fill("DU1", &aapl(), Decimal::from(-100), 210.0, 1.0);
        assert!((realized - (1000.0 - 2.0)).abs() < 1e-9);
        let acc = &b.accounts["DU1"];
        assert!((acc.cash["USD"] - (STARTING_CASH + 1000.0 - 2.0)).abs() < 1e-6);
        assert_eq!(acc.positions[&265598].quantity, Decimal::ZERO);
        assert_eq!(b.revision, 2);
    }
}
