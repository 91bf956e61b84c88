//! The sim's paper broker: orders, executions and commissions.
//!
//! Orders live in the shared [`OrderBook`](super::broker::OrderBook), next
//! to the accounts, so every session sees them (`reqAllOpenOrders`,
//! `reqCompletedOrders`, `reqExecutions`). The placing session sends the
//! order's `openOrder`/`orderStatus` updates and checks its resting orders on
//! its timer.
//!
//! Lifecycle: `PreSubmitted`, then `Submitted` once transmitted (an order
//! with `transmit = false` waits for a child with `transmit = true`, as a
//! bracket does), then `Filled` when the sim's price
//! ([`market_price`]: an option at its
//! model price) makes it marketable: market,
//! market-on-close, relative and pegged-to-mid orders at once; limit orders
//! when the price is at or through the limit; stop orders when it touches
//! the stop; trailing stops when it retraces the trailing amount from the
//! best price seen. Child orders (`parent_id`) activate when their parent is
//! filled; filling an order cancels the other orders of its OCA group.
//! Large orders fill in parts of at most [`MAX_FILL`] per timer turn.
//!
//! Commissions follow IBKR's fixed US stock schedule: USD 0.005 per share,
//! at least USD 1.00 and at most 1 % of the trade value, per fill.
//!
//! `exerciseOptions` is answered in [`exercise`], with this module's
//! book, reports and fill building ([`book_fill`], [`send_fill`]).

mod exercise;

use crate::messages::ids::OrdersRequest;
use std::time::{Duration, Instant};

use super::broker::{decimal_to_f64, Broker, Fill, SimOrder};
use super::prices::market_price;
use super::session::Session;
use super::time::{format_connection_time, now_secs};
use crate::messages::orders::{
    CancelOrder, CommissionAndFeesReportMsg, CompletedOrder, CompletedOrdersEnd, ExecutionData,
    ExecutionDataEnd, OpenOrder, OpenOrderEnd, OrderStatus, PlaceOrder, ReqExecutions,
};
use crate::model::{
    CommissionAndFeesReport, Contract, Decimal, Execution, ExecutionFilter, OptionExerciseType,
    OrderState, UNSET_DOUBLE,
};

/// Largest quantity one fill takes; the rest fills on the next timer turns.
pub(crate) const MAX_FILL: i64 = 1000;

/// The largest order the paper broker takes (rejected with 201 above).
pub(crate) const MAX_ORDER_SIZE: i64 = 1_000_000_000;

/// How often the session looks at its resting orders.
const CHECK_EVERY: Duration = Duration::from_millis(100);

/// Commission per share (USD).
pub(crate) const PER_SHARE: f64 = 0.005;
/// Minimum commission per fill (USD).
pub(crate) const MIN_PER_ORDER: f64 = 1.0;
/// Maximum commission per fill, as a share of the trade value.
pub(crate) const MAX_SHARE_OF_VALUE: f64 = 0.01;

/// The commission of a fill of `qty` at `price` (see the module docs).
pub(crate) fn commission(qty: f64, price: f64) -> f64 {
    let c = (qty.abs() * PER_SHARE).max(MIN_PER_ORDER);
    let cap = qty.abs() * price * MAX_SHARE_OF_VALUE;
    let c = if cap > 0.0 { c.min(cap.max(0.01)) } else { c };
    (c * 100.0).round() / 100.0
}

/// A connection's state for this domain.
#[derive(Debug, Default)]
pub(crate) struct State {
    /// When the resting orders are next checked.
    next_check: Option<Instant>,
    /// The master client, once it made an order request: it keeps polling
    /// the shared outbox for every client's status changes.
    watching: bool,
}

pub(super) use crate::clock::now_secs_f64 as now_f64;

/// Answers one request of this domain.
pub(super) fn handle(s: &mut Session<'_>, req: OrdersRequest) {
    watch_if_master(s);
    if s.shared.config.read_only {
        let id = match &req {
            OrdersRequest::PlaceOrder(m) => Some(m.order_id),
            OrdersRequest::CancelOrder(m) => Some(m.order_id),
            OrdersRequest::ReqGlobalCancel(_) => Some(crate::errors::NO_VALID_ID),
            OrdersRequest::ExerciseOptions(m) => Some(m.req_id),
            _ => None,
        };
        if let Some(id) = id {
            let text = format!(
                "{}-'bW' : cause - {}",
                crate::errors::INVALID_REQUEST.msg,
                crate::errors::READ_ONLY_CAUSE
            );
            s.send_error(id, crate::errors::INVALID_REQUEST.code, &text);
            return;
        }
    }
    match req {
        OrdersRequest::PlaceOrder(m) => place(s, m),
        OrdersRequest::CancelOrder(m) => cancel(s, m),
        OrdersRequest::ReqGlobalCancel(_) => {
            global_cancel(s);
        }
        OrdersRequest::ReqOpenOrders(_) => open_orders(s, false),
        OrdersRequest::ReqAllOpenOrders(_) => open_orders(s, true),
        OrdersRequest::ReqAutoOpenOrders(_) => {
            // No orders are ever placed in the sim's "TWS": nothing to bind.
        }
        OrdersRequest::ReqCompletedOrders(m) => {
            completed_orders(s, m.api_only);
        }
        OrdersRequest::ReqExecutions(m) => executions(s, m),
        OrdersRequest::ExerciseOptions(m) => exercise::handle(s, m),
    }
}

pub(super) fn client_id(s: &Session<'_>) -> i32 {
    s.client_id.unwrap_or(0)
}

fn master(s: &Session<'_>) -> Option<i32> {
    s.shared.config.master_client_id
}

/// The master client starts watching every client's orders with its first
/// order request.
fn watch_if_master(s: &mut Session<'_>) {
    if !s.orders.watching && s.client_id.is_some() && master(s) == s.client_id {
        s.orders.watching = true;
        arm(s);
    }
}

fn status_msg(o: &SimOrder) -> OrderStatus {
    let total = o.order.total_quantity;
    OrderStatus {
        order_id: o.order_id,
        status: o.status.clone(),
        filled: o.filled,
        remaining: (total - o.filled).max(Decimal::ZERO),
        avg_fill_price: o.avg_fill_price,
        perm_id: o.perm_id,
        parent_id: o.order.parent_id,
        last_fill_price: o.last_fill_price,
        client_id: o.client_id,
        why_held: String::new(),
        mkt_cap_price: 0.0,
    }
}

fn open_msg(o: &SimOrder) -> OpenOrder {
    let mut order = o.order.clone();
    order.filled_quantity = o.filled;
    OpenOrder {
        callback_order_id: None,
        contract: o.contract.clone(),
        order,
        order_state: OrderState {
            status: o.status.clone(),
            ..OrderState::default()
        },
    }
}

/// Sends `openOrder` then `orderStatus` for `o`.
pub(super) fn report(s: &mut Session<'_>, o: &SimOrder) {
    s.send(&open_msg(o));
    s.send(&status_msg(o));
}

pub(super) fn default_account(s: &Session<'_>) -> String {
    s.shared
        .config
        .accounts
        .first()
        .cloned()
        .unwrap_or_default()
}

fn place(s: &mut Session<'_>, m: PlaceOrder) {
    let cid = client_id(s);
    let PlaceOrder {
        order_id,
        mut contract,
        mut order,
    } = m;
    if order.account.is_empty() {
        order.account = default_account(s);
    }
    if contract.exchange.is_empty() {
        contract.exchange = "SMART".into();
    }
    if contract.currency.is_empty() {
        contract.currency = "USD".into();
    }
    // As TWS does: the order's contract completed (conId, …) from what it
    // names, so that fills are booked on the right position.
    if contract.sec_type != "BAG" {
        contract = super::universe::complete(&contract);
    }
    order.order_id = order_id;
    order.client_id = cid;
    if order.what_if {
        what_if(s, order_id, contract, order);
        return;
    }
    let mut qty_ok =
        order.total_quantity > Decimal::ZERO && order.total_quantity != crate::model::UNSET_DECIMAL;
    if !qty_ok && order.cash_qty != UNSET_DOUBLE && order.cash_qty > 0.0 {
        // An order sized in money: the whole shares it buys at the sim's price.
        let price = market_price(&contract, now_f64());
        let shares = (order.cash_qty / price).floor();
        if shares >= 1.0 {
            order.total_quantity = Decimal::from(shares as i64);
            qty_ok = true;
        }
    }
    if !qty_ok {
        s.send_error(order_id, 434, "The order size cannot be zero");
        return;
    }
    if order.total_quantity > Decimal::from(MAX_ORDER_SIZE) {
        // Keeps the broker's arithmetic far from the decimal type's limits.
        s.send_error(
            order_id,
            201,
            &format!("Order rejected - reason:The order size exceeds {MAX_ORDER_SIZE}"),
        );
        return;
    }
    let mut sent: Vec<SimOrder> = Vec::new();
    {
        let mut broker = s.shared.broker.lock();
        let book = &mut broker.book;
        if let Some(existing) = book
            .orders
            .iter_mut()
            .find(|o| o.client_id == cid && o.order_id == order_id)
        {
            if existing.is_done() {
                drop(broker);
                s.send_error(order_id, 103, &format!("Duplicate order id: {order_id}"));
                return;
            }
            // A modification: the new terms replace the old ones.
            order.perm_id = existing.perm_id;
            existing.order = order;
            existing.contract = contract;
            sent.push(existing.clone());
        } else {
            book.last_perm_id += 1;
            let perm_id = 1_000_000_000 + book.last_perm_id;
            order.perm_id = perm_id;
            let status = if order.transmit {
                "Submitted"
            } else {
                "PreSubmitted"
            };
            let o = SimOrder {
                client_id: cid,
                order_id,
                perm_id,
                contract,
                order,
                status: status.to_owned(),
                filled: Decimal::ZERO,
                avg_fill_price: 0.0,
                last_fill_price: 0.0,
                trail_anchor: 0.0,
                completed_time: String::new(),
            };
            // A transmitted child transmits its parent and siblings.
            if o.order.transmit && o.order.parent_id != 0 {
                let parent = o.order.parent_id;
                for other in book.orders.iter_mut() {
                    if other.client_id == cid
                        && (other.order_id == parent || other.order.parent_id == parent)
                        && other.status == "PreSubmitted"
                    {
                        other.order.transmit = true;
                        other.status = "Submitted".into();
                        sent.push(other.clone());
                    }
                }
            }
            book.orders.push(o.clone());
            sent.push(o);
        }
        let master = s.shared.config.master_client_id;
        for o in &sent {
            broker.book.notify(master, cid, o);
        }
    }
    let new_perm_id = sent.last().map(|o| o.perm_id);
    for o in &sent {
        // A new order shows PreSubmitted first, then Submitted.
        if Some(o.perm_id) == new_perm_id && o.status == "Submitted" && o.filled.is_zero() {
            let mut pre = o.clone();
            pre.status = "PreSubmitted".into();
            report(s, &pre);
        }
        report(s, o);
    }
    check_orders(s, now_f64());
    arm(s);
}

fn what_if(s: &mut Session<'_>, order_id: i32, contract: Contract, order: crate::model::Order) {
    let price = market_price(&contract, now_f64());
    let qty = decimal_to_f64(order.total_quantity).abs();
    let multiplier = contract.multiplier.parse::<f64>().unwrap_or(1.0).max(1.0);
    let value = qty * price * multiplier;
    let account = order.account.clone();
    let equity = {
        let broker = s.shared.broker.lock();
        broker
            .accounts
            .get(&account)
            .and_then(|a| a.cash.get("USD").copied())
            .unwrap_or(super::broker::STARTING_CASH)
    };
    let c = commission(qty, price);
    let money = |v: f64| format!("{v:.2}");
    let state = OrderState {
        status: "PreSubmitted".into(),
        init_margin_before: money(0.0),
        maint_margin_before: money(0.0),
        equity_with_loan_before: money(equity),
        init_margin_change: money(value * 0.5),
        maint_margin_change: money(value * 0.25),
        equity_with_loan_change: money(-c),
        init_margin_after: money(value * 0.5),
        maint_margin_after: money(value * 0.25),
        equity_with_loan_after: money(equity - c),
        commission_and_fees: c,
        min_commission_and_fees: c,
        max_commission_and_fees: c,
        commission_and_fees_currency: "USD".into(),
        margin_currency: "USD".into(),
        ..OrderState::default()
    };
    let _ = order_id;
    s.send(&OpenOrder {
        callback_order_id: None,
        contract,
        order,
        order_state: state,
    });
}

fn cancel(s: &mut Session<'_>, m: CancelOrder) {
    let cid = client_id(s);
    let id = m.order_id;
    let now = format_connection_time(now_secs());
    let result = {
        let mut broker = s.shared.broker.lock();
        match broker
            .book
            .orders
            .iter_mut()
            .find(|o| o.client_id == cid && o.order_id == id)
        {
            None => Err(format!(
                "OrderId {id} that needs to be cancelled is not found."
            )),
            Some(o) if o.is_done() => Err(format!(
                "OrderId {id} that needs to be cancelled cannot be cancelled, state: {}.",
                o.status
            )),
            Some(o) => {
                o.status = "Cancelled".into();
                o.completed_time = now;
                let o = o.clone();
                let master = s.shared.config.master_client_id;
                broker.book.notify(master, cid, &o);
                Ok(o)
            }
        }
    };
    match result {
        Err(text) if text.contains("not found") => s.send_error(id, 10147, &text),
        Err(text) => s.send_error(id, 10148, &text),
        Ok(o) => {
            s.send_error(id, 202, "Order Canceled - reason:");
            report(s, &o);
        }
    }
}

fn global_cancel(s: &mut Session<'_>) {
    let cid = client_id(s);
    let now = format_connection_time(now_secs());
    let mine: Vec<SimOrder> = {
        let mut broker = s.shared.broker.lock();
        let master = s.shared.config.master_client_id;
        let mut mine = Vec::new();
        let mut changed = Vec::new();
        for o in broker.book.orders.iter_mut().filter(|o| !o.is_done()) {
            o.status = "Cancelled".into();
            o.completed_time = now.clone();
            changed.push(o.clone());
            if o.client_id == cid {
                mine.push(o.clone());
            }
        }
        // The other clients' sessions tell them on their next turn.
        for o in &changed {
            broker.book.notify(master, cid, o);
        }
        mine
    };
    for o in &mine {
        s.send_error(o.order_id, 202, "Order Canceled - reason:");
        report(s, o);
    }
}

fn open_orders(s: &mut Session<'_>, all: bool) {
    let cid = client_id(s);
    let list: Vec<SimOrder> = s
        .shared
        .broker
        .lock()
        .book
        .orders
        .iter()
        .filter(|o| !o.is_done() && (all || o.client_id == cid || cid == 0))
        .cloned()
        .collect();
    for o in &list {
        report(s, o);
    }
    s.send(&OpenOrderEnd);
}

fn completed_orders(s: &mut Session<'_>, _api_only: bool) {
    let list: Vec<SimOrder> = s
        .shared
        .broker
        .lock()
        .book
        .orders
        .iter()
        .filter(|o| o.is_done())
        .cloned()
        .collect();
    for o in &list {
        let mut order = o.order.clone();
        order.filled_quantity = o.filled;
        order.order_id = 0;
        s.send(&CompletedOrder {
            contract: o.contract.clone(),
            order,
            order_state: OrderState {
                status: o.status.clone(),
                completed_time: o.completed_time.clone(),
                completed_status: o.status.clone(),
                ..OrderState::default()
            },
        });
    }
    s.send(&CompletedOrdersEnd);
}

fn matches(f: &ExecutionFilter, fill: &Fill) -> bool {
    let e = &fill.execution;
    let eq = |want: &str, have: &str| want.is_empty() || want.eq_ignore_ascii_case(have);
    let side = match f.side.to_ascii_uppercase().as_str() {
        "BUY" => "BOT",
        "SELL" => "SLD",
        other => return eq(other, &e.side) && rest(f, fill),
    };
    side == e.side && rest(f, fill)
}

fn rest(f: &ExecutionFilter, fill: &Fill) -> bool {
    let e = &fill.execution;
    let eq = |want: &str, have: &str| want.is_empty() || want.eq_ignore_ascii_case(have);
    // 0 and unset (a protobuf filter without a client id): every client.
    (f.client_id == 0 || f.client_id == crate::UNSET_INTEGER || f.client_id == e.client_id)
        && eq(&f.acct_code, &e.acct_number)
        && eq(&f.symbol, &fill.contract.symbol)
        && eq(&f.sec_type, &fill.sec_type)
        && eq(&f.exchange, &e.exchange)
        && (f.time.is_empty() || e.time.as_str() >= f.time.as_str())
}

fn executions(s: &mut Session<'_>, m: ReqExecutions) {
    let fills: Vec<Fill> = s
        .shared
        .broker
        .lock()
        .book
        .fills
        .iter()
        .filter(|fill| matches(&m.filter, fill))
        .cloned()
        .collect();
    for fill in &fills {
        s.send(&ExecutionData {
            req_id: m.req_id,
            contract: fill.contract.clone(),
            execution: fill.execution.clone(),
        });
        s.send(&CommissionAndFeesReportMsg {
            report: fill.report.clone(),
        });
    }
    s.send(&ExecutionDataEnd { req_id: m.req_id });
}

/// Asks for the next turn while this client has open orders, is the
/// watching master client, or has status changes waiting in the outbox.
fn arm(s: &mut Session<'_>) {
    let cid = client_id(s);
    let any = {
        let broker = s.shared.broker.lock();
        broker
            .book
            .orders
            .iter()
            .any(|o| o.client_id == cid && !o.is_done())
            || broker.book.outbox.get(&cid).is_some_and(|v| !v.is_empty())
    };
    if any || s.orders.watching {
        let at = Instant::now() + CHECK_EVERY;
        s.orders.next_check = Some(at);
        s.wake_at(at);
    } else {
        s.orders.next_check = None;
    }
}

/// Sends what is due at `now`, and asks for the next turn with [`Session::wake_at`].
pub(super) fn on_timer(s: &mut Session<'_>, now: Instant) {
    match s.orders.next_check {
        Some(at) if at <= now => {
            deliver_outbox(s);
            check_orders(s, now_f64());
            arm(s);
        }
        Some(at) => s.wake_at(at),
        None => {}
    }
}

/// Sends this client the status changes other sessions queued for it.
fn deliver_outbox(s: &mut Session<'_>) {
    let cid = client_id(s);
    let queued = s.shared.broker.lock().book.outbox.remove(&cid);
    for o in queued.unwrap_or_default() {
        report(s, &o);
    }
}

/// The fill price of `o` at market price `p`, or `None` when it does not
/// trade now. Updates a trailing stop's anchor.
fn fill_price(o: &mut SimOrder, p: f64) -> Option<f64> {
    let buy = o.order.action.eq_ignore_ascii_case("BUY");
    let ord = &o.order;
    let lmt = ord.lmt_price;
    let aux = ord.aux_price;
    let limit_ok = |p: f64| lmt == UNSET_DOUBLE || if buy { p <= lmt } else { p >= lmt };
    let stop_hit = |p: f64| aux != UNSET_DOUBLE && if buy { p >= aux } else { p <= aux };
    match ord.order_type.to_ascii_uppercase().as_str() {
        "MKT" | "MOC" | "MOO" | "REL" | "PEG MID" | "PEGMID" | "MIDPRICE" => Some(p),
        "LMT" | "LOC" | "LOO" => limit_ok(p).then_some(p),
        "STP" => stop_hit(p).then_some(p),
        "STP LMT" => (stop_hit(p) && limit_ok(p)).then_some(p),
        "TRAIL" | "TRAIL LIMIT" => {
            if o.trail_anchor == 0.0 {
                o.trail_anchor = p;
            }
            o.trail_anchor = if buy {
                o.trail_anchor.min(p)
            } else {
                o.trail_anchor.max(p)
            };
            let amount = if ord.trailing_percent != UNSET_DOUBLE {
                o.trail_anchor * ord.trailing_percent / 100.0
            } else if aux != UNSET_DOUBLE {
                aux
            } else {
                return None;
            };
            let stop = if buy {
                o.trail_anchor + amount
            } else {
                o.trail_anchor - amount
            };
            let hit = if buy { p >= stop } else { p <= stop };
            hit.then_some(p)
        }
        _ => Some(p),
    }
}

/// Fills what trades at the current prices, for this session's orders.
fn check_orders(s: &mut Session<'_>, secs: f64) {
    let cid = client_id(s);
    let time = format_connection_time(secs as i64);
    let mut events: Vec<(SimOrder, Option<Fill>)> = Vec::new();
    {
        let mut guard = s.shared.broker.lock();
        let broker = &mut *guard;
        let filled_parents: Vec<i32> = broker
            .book
            .orders
            .iter()
            .filter(|o| o.client_id == cid && o.status == "Filled")
            .map(|o| o.order_id)
            .collect();
        let n = broker.book.orders.len();
        for idx in 0..n {
            let o = &mut broker.book.orders[idx];
            if o.client_id != cid || o.status != "Submitted" {
                continue;
            }
            if o.order.parent_id != 0 && !filled_parents.contains(&o.order.parent_id) {
                continue;
            }
            let p = market_price(&o.contract, secs);
            let Some(price) = fill_price(o, p) else {
                continue;
            };
            let remaining = o.order.total_quantity - o.filled;
            let chunk = remaining.min(Decimal::from(MAX_FILL));
            if chunk <= Decimal::ZERO {
                continue;
            }
            let qty = decimal_to_f64(chunk);
            let old = decimal_to_f64(o.filled);
            o.filled += chunk;
            // Rounded as TWS reports it: no binary noise (237.61, not
            // 237.61000000000004).
            let avg = (o.avg_fill_price * old + price * qty) / (old + qty);
            o.avg_fill_price = (avg * 1e8).round() / 1e8;
            o.last_fill_price = price;
            if o.filled >= o.order.total_quantity {
                o.status = "Filled".into();
                o.completed_time = time.clone();
            }
            let buy = o.order.action.eq_ignore_ascii_case("BUY");
            let o = broker.book.orders[idx].clone();
            let fill = book_fill(
                broker,
                &o,
                Leg {
                    contract: &o.contract,
                    buy,
                    shares: chunk,
                    price,
                    commission: commission(qty, price),
                    exchange: if o.contract.exchange == "SMART" {
                        "ISLAND".to_owned()
                    } else {
                        o.contract.exchange.clone()
                    },
                    cum_qty: o.filled,
                    avg_price: o.avg_fill_price,
                    kind: OptionExerciseType::NoneItem,
                },
                &time,
            );
            events.push((o.clone(), Some(fill)));
            // One-cancels-all: a fill cancels the rest of the group.
            if !o.order.oca_group.is_empty() {
                for other in broker.book.orders.iter_mut() {
                    if other.perm_id != o.perm_id
                        && other.order.oca_group == o.order.oca_group
                        && !other.is_done()
                    {
                        other.status = "Cancelled".into();
                        other.completed_time = time.clone();
                        events.push((other.clone(), None));
                    }
                }
            }
        }
    }
    {
        let master = s.shared.config.master_client_id;
        let mut broker = s.shared.broker.lock();
        for (o, _) in &events {
            broker.book.notify(master, cid, o);
        }
    }
    for (o, fill) in events {
        match fill {
            Some(fill) => send_fill(s, &o, fill),
            None if o.client_id == cid => report(s, &o),
            None => {}
        }
    }
}

/// One side of a fill for [`book_fill`]: what traded, for whom, at what.
pub(super) struct Leg<'a> {
    /// The instrument booked (the order's, or an exercise's underlying).
    pub contract: &'a Contract,
    /// Bought (`BOT`) rather than sold (`SLD`).
    pub buy: bool,
    /// Quantity of this fill (positive).
    pub shares: Decimal,
    /// Price per unit.
    pub price: f64,
    /// Commission of this fill.
    pub commission: f64,
    /// The execution's exchange.
    pub exchange: String,
    /// The execution's cumulative quantity.
    pub cum_qty: Decimal,
    /// The execution's average price.
    pub avg_price: f64,
    /// Exercise, lapse, or neither (kept in the stored execution).
    pub kind: OptionExerciseType,
}

/// Books one fill of order `o` at `time`: the broker's position and cash
/// ([`Broker::apply_fill`](super::broker::Broker::apply_fill)), a new
/// execution id, the `Execution` and its `CommissionAndFeesReport`, kept in
/// the book for `reqExecutions`. Returns the fill, to send with [`send_fill`].
pub(super) fn book_fill(broker: &mut Broker, o: &SimOrder, leg: Leg<'_>, time: &str) -> Fill {
    broker.book.last_exec += 1;
    let exec_id = format!("0000e1a7.{:08x}.01.01", broker.book.last_exec);
    let signed = if leg.buy { leg.shares } else { -leg.shares };
    let realized = broker.apply_fill(
        &o.order.account,
        leg.contract,
        signed,
        leg.price,
        leg.commission,
    );
    let execution = Execution {
        exec_id: exec_id.clone(),
        time: time.to_owned(),
        acct_number: o.order.account.clone(),
        exchange: leg.exchange,
        side: if leg.buy { "BOT" } else { "SLD" }.into(),
        shares: leg.shares,
        price: leg.price,
        perm_id: o.perm_id,
        client_id: o.client_id,
        order_id: o.order_id,
        liquidation: 0,
        cum_qty: leg.cum_qty,
        avg_price: leg.avg_price,
        order_ref: o.order.order_ref.clone(),
        ev_rule: String::new(),
        ev_multiplier: 0.0,
        model_code: o.order.model_code.clone(),
        last_liquidity: 1,
        pending_price_revision: false,
        submitter: String::new(),
        opt_exercise_or_lapse_type: leg.kind,
    };
    let report = CommissionAndFeesReport {
        exec_id,
        commission_and_fees: leg.commission,
        currency: if leg.contract.currency.is_empty() {
            "USD".into()
        } else {
            leg.contract.currency.clone()
        },
        realized_pnl: if realized == 0.0 {
            UNSET_DOUBLE
        } else {
            realized
        },
        yield_: UNSET_DOUBLE,
        yield_redemption_date: 0,
    };
    let fill = Fill {
        contract: leg.contract.clone(),
        execution,
        report,
        sec_type: leg.contract.sec_type.clone(),
    };
    broker.book.fills.push(fill.clone());
    fill
}

/// Sends one fill of `o` as TWS does: `execDetails`, `orderStatus`,
/// `openOrder`, `commissionAndFeesReport`.
pub(super) fn send_fill(s: &mut Session<'_>, o: &SimOrder, fill: Fill) {
    s.send(&ExecutionData {
        req_id: -1,
        contract: fill.contract,
        execution: fill.execution,
    });
    s.send(&status_msg(o));
    s.send(&open_msg(o));
    s.send(&CommissionAndFeesReportMsg {
        report: fill.report,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commission_is_fixed_per_share_with_a_minimum_and_a_cap() {
        assert_eq!(commission(100.0, 200.0), 1.0);
        assert_eq!(commission(1000.0, 200.0), 5.0);
        assert_eq!(commission(1.0, 20.0), 0.2);
    }
}
