//! Order, execution and commission requests, and the live-order guard.
//!
//! # The live-order guard (not in the official client)
//!
//! [`EClient::place_order`] refuses an order, with error
//! [`LIVE_ORDERS_NOT_ALLOWED`](crate::errors::LIVE_ORDERS_NOT_ALLOWED) (code 90001, this crate's own) and nothing
//! sent, when it would go to an account that is not a paper account, unless
//! live orders were enabled. Paper accounts start with `D` (`DU…`, `DF…`).
//! The account checked is the order's `account` when set, else every account
//! of `managedAccounts` (which TWS sends right after the connection, before
//! `nextValidId`). Live orders are enabled by `IB_ALLOW_LIVE_ORDERS=true` in
//! the environment or in `.env`, or by [`EClient::set_allow_live_orders`].

use std::sync::atomic::{AtomicU8, Ordering};

use parking_lot::Mutex;

use crate::client::EClient;
use crate::errors::{Error, NO_VALID_ID};
use crate::messages::orders::{
    CancelOrder, ExerciseOptions, PlaceOrder, ReqAllOpenOrders, ReqAutoOpenOrders,
    ReqCompletedOrders, ReqExecutions, ReqGlobalCancel, ReqOpenOrders,
};
use crate::model::{Contract, ExecutionFilter, Order, OrderCancel};

/// The environment variable (or `.env` entry) that enables live orders.
pub const ALLOW_LIVE_ORDERS_VAR: &str = "IB_ALLOW_LIVE_ORDERS";

/// What the guard knows: the managed accounts, and whether live orders are on.
#[derive(Debug, Default)]
pub(crate) struct LiveOrderGuard {
    /// The accounts of the last `managedAccounts` seen.
    accounts: Mutex<Option<Vec<String>>>,
    /// 0: not decided (read the environment), 1: allowed, 2: refused.
    allow: AtomicU8,
}

impl LiveOrderGuard {
    /// Forgets the accounts: a new connection (maybe another login) tells
    /// them again.
    pub(crate) fn reset(&self) {
        *self.accounts.lock() = None;
    }

    /// Records the managed accounts (a comma-separated list): the
    /// dispatcher calls it with every `managedAccounts`.
    pub(crate) fn set_accounts(&self, list: &str) {
        let accounts = list
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_owned)
            .collect();
        *self.accounts.lock() = Some(accounts);
    }

    fn allowed(&self) -> bool {
        match self.allow.load(Ordering::Relaxed) {
            1 => true,
            2 => false,
            _ => {
                let on = crate::config::env_then_dotenv()
                    .ok()
                    .and_then(|get| get(ALLOW_LIVE_ORDERS_VAR))
                    .is_some_and(|v| {
                        matches!(v.trim().to_ascii_lowercase().as_str(), "true" | "1" | "yes")
                    });
                self.allow.store(if on { 1 } else { 2 }, Ordering::Relaxed);
                on
            }
        }
    }

    /// `Err` with the reason when an order for `account` must not be sent.
    pub(crate) fn check(&self, account: &str) -> Result<(), String> {
        if self.allowed() {
            return Ok(());
        }
        let fix = format!(
            "If you mean to trade real money, set {ALLOW_LIVE_ORDERS_VAR}=true (environment or \
             .env) or call EClient::set_allow_live_orders(true); otherwise connect to a paper \
             account (TWS port 7497, IB Gateway 4002)."
        );
        if !account.is_empty() {
            if is_paper(account) {
                return Ok(());
            }
            return Err(format!(
                "The order's account {account} is not a paper account (paper accounts start \
                 with \"D\"). {fix}"
            ));
        }
        match &*self.accounts.lock() {
            None => Err(format!(
                "The managed accounts of this connection are not known yet, so tws-api cannot \
                 tell a paper account from a live one: wait for next_valid_id before placing \
                 orders. {fix}"
            )),
            Some(list) => match list.iter().find(|a| !is_paper(a)) {
                None if !list.is_empty() => Ok(()),
                None => Err(format!(
                    "TWS reported no managed account, so tws-api cannot tell a paper account \
                     from a live one. {fix}"
                )),
                Some(live) => Err(format!(
                    "This connection manages account {live}, which is not a paper account \
                     (paper accounts start with \"D\"). {fix}"
                )),
            },
        }
    }
}

/// IB's paper accounts start with `D` (`DU…`, `DF…`).
fn is_paper(account: &str) -> bool {
    account.starts_with('D')
}

impl EClient {
    /// Enables (or disables again) orders to live accounts for this client,
    /// overriding `IB_ALLOW_LIVE_ORDERS`. See the module docs of the guard in
    /// `docs/orders.md`; the official client has no such check.
    pub fn set_allow_live_orders(&self, allow: bool) {
        self.live_guard()
            .allow
            .store(if allow { 1 } else { 2 }, Ordering::Relaxed);
    }

    /// `placeOrder`: places `order` for `contract` under `order_id` (or
    /// modifies the open order with that id). Answered by `open_order` and
    /// `order_status` as the order goes through its states, then
    /// `exec_details` and `commission_and_fees_report` for each fill; a
    /// what-if order is answered by one `open_order` whose `OrderState`
    /// carries the margin and commission estimates.
    ///
    /// Sent as fields up to server version 202 and as protobuf
    /// (`PlaceOrderRequest`) from 203, as the official client does.
    ///
    /// Refused with code 90001 ([`LIVE_ORDERS_NOT_ALLOWED`](crate::errors::LIVE_ORDERS_NOT_ALLOWED)) when the account
    /// is not a paper account and live orders are not enabled (see
    /// [`EClient::set_allow_live_orders`]).
    pub fn place_order(
        &self,
        order_id: i32,
        contract: &Contract,
        order: &Order,
    ) -> Result<(), Error> {
        self.guard_live_order(order_id, &order.account)?;
        let msg = PlaceOrder {
            order_id,
            contract: contract.clone(),
            order: order.clone(),
        };
        self.send(order_id, &msg)
    }

    /// The live-order guard of both forms of `placeOrder`: refused with
    /// 90001 (reported under the order id) unless `account` may trade.
    pub(crate) fn guard_live_order(&self, order_id: i32, account: &str) -> Result<(), Error> {
        if let Err(why) = self.live_guard().check(account) {
            let e = Error::LiveOrdersNotAllowed(why);
            if self.is_connected() {
                self.queue_error(order_id, &e);
            }
            return Err(e);
        }
        Ok(())
    }

    /// `cancelOrder`: cancels the order `order_id`. Answered by `order_status`
    /// `Cancelled` (or error 10147/10148 for an unknown or finished order).
    /// Protobuf from server version 203.
    pub fn cancel_order(&self, order_id: i32, order_cancel: &OrderCancel) -> Result<(), Error> {
        let msg = CancelOrder {
            order_id,
            order_cancel: order_cancel.clone(),
        };
        self.send(order_id, &msg)
    }

    /// `reqOpenOrders`: the open orders of this client (client 0 also gets
    /// those placed in TWS), each as `open_order` + `order_status`, then
    /// `open_order_end`.
    pub fn req_open_orders(&self) -> Result<(), Error> {
        self.send(NO_VALID_ID, &ReqOpenOrders)
    }

    /// `reqAutoOpenOrders`: (client 0 only) binds orders placed in TWS to
    /// this client as they are created; they then arrive as `open_order`
    /// and `order_status` (with `order_bound` for the id given).
    pub fn req_auto_open_orders(&self, b_auto_bind: bool) -> Result<(), Error> {
        self.send(
            NO_VALID_ID,
            &ReqAutoOpenOrders {
                auto_bind: b_auto_bind,
            },
        )
    }

    /// `reqAllOpenOrders`: the open orders of every client and of TWS, then
    /// `open_order_end`.
    pub fn req_all_open_orders(&self) -> Result<(), Error> {
        self.send(NO_VALID_ID, &ReqAllOpenOrders)
    }

    /// `reqGlobalCancel`: cancels every open order, of every client and of
    /// TWS; each answers with `order_status` `Cancelled`. Protobuf from
    /// server version 203.
    pub fn req_global_cancel(&self, order_cancel: &OrderCancel) -> Result<(), Error> {
        let msg = ReqGlobalCancel {
            order_cancel: order_cancel.clone(),
        };
        self.send(NO_VALID_ID, &msg)
    }

    /// `reqCompletedOrders`: today's filled and cancelled orders (only those
    /// placed through the API when `api_only`), each as `completed_order`,
    /// then `completed_orders_end`.
    pub fn req_completed_orders(&self, api_only: bool) -> Result<(), Error> {
        self.send(NO_VALID_ID, &ReqCompletedOrders { api_only })
    }

    /// `reqExecutions`: the executions matching `exec_filter`, each as
    /// `exec_details(req_id, …)` followed by its `commission_and_fees_report`,
    /// then `exec_details_end(req_id)`. Protobuf from server version 201.
    ///
    /// The official client refuses a filter with `specificDates` set (even
    /// empty) before server version 200; here an empty list is "not set".
    pub fn req_executions(&self, req_id: i32, exec_filter: &ExecutionFilter) -> Result<(), Error> {
        let msg = ReqExecutions {
            req_id,
            filter: exec_filter.clone(),
        };
        self.send(req_id, &msg)
    }

    /// `exerciseOptions`: exercises (`exercise_action` 1) or lets lapse (2)
    /// `exercise_quantity` contracts of an option position. The position
    /// change arrives through the account and execution callbacks; refusals
    /// through `error(req_id, …)`.
    #[allow(clippy::too_many_arguments)]
    pub fn exercise_options(
        &self,
        req_id: i32,
        contract: &Contract,
        exercise_action: i32,
        exercise_quantity: i32,
        account: &str,
        override_: i32,
        manual_order_time: &str,
        customer_account: &str,
        professional_customer: bool,
    ) -> Result<(), Error> {
        let msg = ExerciseOptions {
            req_id,
            contract: contract.clone(),
            exercise_action,
            exercise_quantity,
            account: account.to_owned(),
            override_,
            manual_order_time: manual_order_time.to_owned(),
            customer_account: customer_account.to_owned(),
            professional_customer,
        };
        self.send(req_id, &msg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_accounts_pass_live_ones_are_refused() {
        let g = LiveOrderGuard::default();
        g.allow.store(2, Ordering::Relaxed);
        assert!(g.check("").is_err(), "unknown accounts are refused");
        g.set_accounts("DU1234567,");
        assert!(g.check("").is_ok());
        assert!(g.check("DU7654321").is_ok());
        assert!(g.check("U1234567").is_err());
        g.set_accounts("DU1,U2");
        assert!(g.check("").unwrap_err().contains("U2"));
        g.allow.store(1, Ordering::Relaxed);
        assert!(g.check("U2").is_ok());
    }
}
