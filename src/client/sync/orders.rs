//! Blocking helpers for orders and executions.

use std::sync::Arc;
use std::time::Duration;

use super::{Collector, Wait};
use crate::client::conn::lifecycle::RequestKey;
use crate::client::IBClient;
use crate::errors::Error;
use crate::messages::ids::outgoing;
use crate::model::*;
use crate::EWrapper;

/// One open or completed order, as `openOrder` / `completedOrder` give it.
#[derive(Debug, Clone, PartialEq)]
pub struct OrderInfo {
    /// The order id (0 for completed orders: `completedOrder` has none;
    /// `order.perm_id` identifies them).
    pub order_id: i32,
    /// The instrument.
    pub contract: Contract,
    /// The order.
    pub order: Order,
    /// Its state (status, margin and commission).
    pub order_state: OrderState,
}

sink!(OpenOrdersSink<OrderInfo> {
    fn open_order(&mut self, order_id: i32, contract: &Contract, order: &Order, state: &OrderState) {
        self.0.push(OrderInfo {
            order_id,
            contract: contract.clone(),
            order: order.clone(),
            order_state: state.clone(),
        });
    }
    fn open_order_end(&mut self) {
        self.0.finish();
    }
});

sink!(CompletedOrdersSink<OrderInfo> {
    fn completed_order(&mut self, contract: &Contract, order: &Order, state: &OrderState) {
        self.0.push(OrderInfo {
            order_id: order.order_id,
            contract: contract.clone(),
            order: order.clone(),
            order_state: state.clone(),
        });
    }
    fn completed_orders_end(&mut self) {
        self.0.finish();
    }
});

sink!(ExecutionsSink<(Contract, Execution)> {
    fn exec_details(&mut self, _id: i32, contract: &Contract, execution: &Execution) {
        self.0.push((contract.clone(), execution.clone()));
    }
    fn exec_details_end(&mut self, _id: i32) {
        self.0.finish();
    }
});

/// One `orderStatus` of an order ([`IBClient::place_order_and_wait`]).
#[derive(Debug, Clone, PartialEq)]
pub struct OrderStatusUpdate {
    /// `PreSubmitted`, `Submitted`, `Filled`, `Cancelled`, …
    pub status: String,
    /// Quantity filled so far.
    pub filled: Decimal,
    /// Quantity still to fill.
    pub remaining: Decimal,
    /// Average price of the fills so far.
    pub avg_fill_price: f64,
    /// TWS's permanent id of the order.
    pub perm_id: i64,
    /// The parent's order id (0: none).
    pub parent_id: i32,
    /// Price of the last fill.
    pub last_fill_price: f64,
    /// Why the order is held, if it is.
    pub why_held: String,
}

/// What [`IBClient::place_order_and_wait`] saw of an order until it returned.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrderProgress {
    /// Every `orderStatus`, in order.
    pub statuses: Vec<OrderStatusUpdate>,
    /// The last `openOrder` (the order as TWS holds it, and its state).
    pub open_order: Option<OrderInfo>,
    /// Its executions (`execDetails`), in order.
    pub executions: Vec<Execution>,
}

impl OrderProgress {
    /// The last status, if any came.
    pub fn status(&self) -> Option<&str> {
        self.statuses.last().map(|s| s.status.as_str())
    }
}

enum OrderEvent {
    Status(OrderStatusUpdate),
    Open(Box<OrderInfo>),
    Execution(Execution),
}

/// Statuses after which an order changes no more.
const FINAL_STATUSES: [&str; 4] = ["Filled", "Cancelled", "ApiCancelled", "Inactive"];

/// Waits on one order until one of `until` (or a final status).
struct OrderSink {
    c: Arc<Collector<OrderEvent>>,
    until: Vec<String>,
}

impl EWrapper for OrderSink {
    fn error(&mut self, req_id: i32, _t: i64, code: i32, text: &str, _json: &str) {
        // Warnings about an order that stands (399 "held until the open", 404,
        // 2109, …) are kept, not a refusal: `errors::classify` decides.
        self.c.error(req_id, code, text);
    }
    fn connection_closed(&mut self) {
        self.c.lost();
    }
    #[allow(clippy::too_many_arguments)]
    fn order_status(
        &mut self,
        _order_id: i32,
        status: &str,
        filled: Decimal,
        remaining: Decimal,
        avg_fill_price: f64,
        perm_id: i64,
        parent_id: i32,
        last_fill_price: f64,
        _client_id: i32,
        why_held: &str,
        _mkt_cap_price: f64,
    ) {
        self.c.push(OrderEvent::Status(OrderStatusUpdate {
            status: status.to_owned(),
            filled,
            remaining,
            avg_fill_price,
            perm_id,
            parent_id,
            last_fill_price,
            why_held: why_held.to_owned(),
        }));
        if self.until.iter().any(|u| u == status) || FINAL_STATUSES.contains(&status) {
            self.c.finish();
        }
    }
    fn open_order(
        &mut self,
        order_id: i32,
        contract: &Contract,
        order: &Order,
        state: &OrderState,
    ) {
        self.c.push(OrderEvent::Open(Box::new(OrderInfo {
            order_id,
            contract: contract.clone(),
            order: order.clone(),
            order_state: state.clone(),
        })));
    }
    fn exec_details(&mut self, _id: i32, _contract: &Contract, execution: &Execution) {
        self.c.push(OrderEvent::Execution(execution.clone()));
    }
}

impl IBClient {
    /// `reqOpenOrders`, waited for until `openOrderEnd`: this client's open
    /// orders (client 0 also gets the orders placed in TWS). **tws-api
    /// extension** (`TWSSyncWrapper`: `get_open_orders`).
    pub fn open_orders(&self, timeout: Duration) -> Result<Vec<OrderInfo>, Error> {
        let wait = Wait {
            key: RequestKey::Request(outgoing::REQ_OPEN_ORDERS),
            what: "reqOpenOrders",
            timeout,
            cancel: None,
        };
        self.wait_for(wait, OpenOrdersSink, || self.req_open_orders())
    }

    /// `reqAllOpenOrders`, waited for until `openOrderEnd`: the open orders
    /// of every client and of TWS. **tws-api extension.**
    pub fn all_open_orders(&self, timeout: Duration) -> Result<Vec<OrderInfo>, Error> {
        let wait = Wait {
            key: RequestKey::Request(outgoing::REQ_ALL_OPEN_ORDERS),
            what: "reqAllOpenOrders",
            timeout,
            cancel: None,
        };
        self.wait_for(wait, OpenOrdersSink, || self.req_all_open_orders())
    }

    /// `reqCompletedOrders`, waited for until `completedOrdersEnd`: today's
    /// filled and cancelled orders (`api_only`: only those placed through the
    /// API). **tws-api extension.**
    pub fn completed_orders(
        &self,
        api_only: bool,
        timeout: Duration,
    ) -> Result<Vec<OrderInfo>, Error> {
        let wait = Wait {
            key: RequestKey::Request(outgoing::REQ_COMPLETED_ORDERS),
            what: "reqCompletedOrders",
            timeout,
            cancel: None,
        };
        self.wait_for(wait, CompletedOrdersSink, || {
            self.req_completed_orders(api_only)
        })
    }

    /// `reqExecutions`, waited for until `execDetailsEnd`: the executions
    /// that `filter` selects, with their contracts. **tws-api extension**
    /// (`TWSSyncWrapper`: `get_executions`).
    pub fn executions(
        &self,
        filter: &ExecutionFilter,
        timeout: Duration,
    ) -> Result<Vec<(Contract, Execution)>, Error> {
        let req_id = self.sync_req_id();
        let wait = Wait {
            key: RequestKey::Id(req_id),
            what: "reqExecutions",
            timeout,
            cancel: None,
        };
        self.wait_for(wait, ExecutionsSink, || self.req_executions(req_id, filter))
    }

    /// `placeOrder`, then waits until the order reaches one of `until`
    /// (e.g. `&["Filled"]`, `&["Submitted", "Filled"]`) or a final status
    /// (Filled, Cancelled, ApiCancelled, Inactive): its status history, its
    /// last `openOrder` and its executions. TWS's refusal of the order is
    /// `Error::Tws` with TWS's code (201, 202, 103, …); its warnings about an
    /// order that stands (399, 404, 2109, …, see
    /// [`crate::errors::classify`]) are not refusals: they are in
    /// [`last_warnings`](IBClient::last_warnings). On a timeout the order stays as it is (it is not cancelled):
    /// check it with [`open_orders`](IBClient::open_orders). The live-order
    /// guard applies as for `place_order`. **tws-api extension**
    /// (`TWSSyncWrapper`: `place_order_sync`).
    ///
    /// ```no_run
    /// # use std::time::Duration;
    /// # use tws_api::{Contract, IBClient, Order};
    /// # let client = IBClient::new();
    /// let id = client.take_order_id().expect("connected");
    /// let order = Order::market("BUY", 100.into());
    /// let progress = client.place_order_and_wait(
    ///     id, &Contract::stock("AAPL", "SMART", "USD"), &order, &["Filled"], Duration::from_secs(30))?;
    /// println!("{:?} at {}", progress.status(), progress.statuses.last().map_or(0.0, |s| s.avg_fill_price));
    /// # Ok::<(), tws_api::Error>(())
    /// ```
    pub fn place_order_and_wait(
        &self,
        order_id: i32,
        contract: &Contract,
        order: &Order,
        until: &[&str],
        timeout: Duration,
    ) -> Result<OrderProgress, Error> {
        let wait = Wait {
            key: RequestKey::Order(order_id),
            what: "placeOrder",
            timeout,
            cancel: None,
        };
        let until: Vec<String> = until.iter().map(|s| (*s).to_owned()).collect();
        let events = self.wait_for(
            wait,
            |c| OrderSink { c, until },
            || self.place_order(order_id, contract, order),
        )?;
        let mut progress = OrderProgress::default();
        for e in events {
            match e {
                OrderEvent::Status(s) => progress.statuses.push(s),
                OrderEvent::Open(o) => progress.open_order = Some(*o),
                OrderEvent::Execution(x) => progress.executions.push(x),
            }
        }
        Ok(progress)
    }
}
