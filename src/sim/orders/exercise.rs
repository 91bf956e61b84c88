//! The sim's answer to `exerciseOptions`: the paper broker exercises or lets
//! lapse a long option position.
//!
//! As TWS does, the request id is an order id: refusals come back under it,
//! and an id this client already used is refused with 103. The request is
//! checked in this order, each refusal an `error` and nothing else:
//! the option must be one instrument of the universe of type OPT or FOP
//! (200); its exchange must be named and not SMART (321: an exercise goes to
//! the option's listing exchange, CBOE, …); the action must be 1 (exercise)
//! or 2 (lapse) and the quantity positive (321); the account (empty: the
//! default one) must hold at least that many contracts long (201); an
//! exercise with `override` 0 needs the option in the money at the sim's
//! underlying price (201); the order id must be new (103).
//!
//! Accepted, it is booked in the shared order book as an order of its own
//! kind (`order_type` `EXERCISE`, action `SELL` of the contracts; the
//! official `Order` has no exercise fields), reported `PreSubmitted`,
//! `Submitted`, then filled at once like any order of the sim
//! (`execDetails`, `orderStatus`, `openOrder`, `commissionAndFeesReport` per
//! fill): the option leg (sold at 0.0) and, for an exercise of a
//! physically settled option, the delivery of the underlying at the strike
//! (bought for a call, sold for a put, contracts × multiplier). A
//! cash-settled option (index underlying) has no delivery: its leg is booked
//! at the intrinsic value. Neither leg is commissioned. Each stored
//! execution carries its `opt_exercise_or_lapse_type` (Exercise, Lapse);
//! the sim sends execDetails as text, which has no such field, so clients
//! see it only as the default.

use super::{book_fill, client_id, default_account, now_f64, report, send_fill, Leg};
use crate::errors::{INVALID_REQUEST, NO_SECURITY_DEFINITION};
use crate::messages::orders::ExerciseOptions;
use crate::model::{Contract, ContractDetails, Decimal, OptionExerciseType, Order};
use crate::sim::broker::SimOrder;
use crate::sim::session::Session;
use crate::sim::time::format_connection_time;
use crate::sim::universe::price_at;

/// `exercise_action` of an exercise.
const EXERCISE: i32 = 1;
/// `exercise_action` of a lapse.
const LAPSE: i32 = 2;

/// Whether a `right` (`C`/`CALL`, `P`/`PUT`) option of strike `strike` is in
/// the money with the underlying at `price`: a call above the strike, a put
/// below it.
pub(crate) fn in_the_money(right: &str, strike: f64, price: f64) -> bool {
    if is_call(right) {
        price > strike
    } else {
        price < strike
    }
}

fn is_call(right: &str) -> bool {
    crate::sim::universe::right_of(right) == "C"
}

/// The value of exercising one unit of the option now (0 when out of the money).
pub(crate) fn intrinsic_value(right: &str, strike: f64, price: f64) -> f64 {
    let v = if is_call(right) {
        price - strike
    } else {
        strike - price
    };
    (v.max(0.0) * 100.0).round() / 100.0
}

/// The cause of a 321 for an exercise request's exchange, action and
/// quantity, or `None` when they are acceptable.
pub(crate) fn invalid_cause(exchange: &str, action: i32, quantity: i32) -> Option<String> {
    if exchange.is_empty() || exchange.eq_ignore_ascii_case("SMART") {
        return Some(format!(
            "Exchange '{exchange}' is not accepted for exercise: SMART cannot route an \
             exercise request, name the option's listing exchange (e.g. CBOE)"
        ));
    }
    if action != EXERCISE && action != LAPSE {
        return Some(format!(
            "Invalid exercise action: {action} (1 to exercise, 2 to lapse)"
        ));
    }
    if quantity <= 0 {
        return Some(format!(
            "Invalid exercise quantity: {quantity} (it must be positive)"
        ));
    }
    None
}

fn reject(s: &mut Session<'_>, id: i32, reason: &str) {
    s.send_error(id, 201, &format!("Order rejected - reason:{reason}"));
}

/// Answers `exerciseOptions` (see the module docs).
pub(super) fn handle(s: &mut Session<'_>, m: ExerciseOptions) {
    let id = m.req_id;
    let found = crate::sim::universe::lookup(&m.contract);
    let details = match found.as_slice() {
        [d] if matches!(d.contract.sec_type.as_str(), "OPT" | "FOP") => d.clone(),
        _ => {
            s.send_error(id, NO_SECURITY_DEFINITION.code, NO_SECURITY_DEFINITION.msg);
            return;
        }
    };
    if let Some(cause) = invalid_cause(&m.contract.exchange, m.exercise_action, m.exercise_quantity)
    {
        let text = format!("{}-'bW' : cause - {cause}", INVALID_REQUEST.msg);
        s.send_error(id, INVALID_REQUEST.code, &text);
        return;
    }
    // The exercise goes to the exchange the request names (never SMART).
    let mut option = details.contract.clone();
    option.exchange = m.contract.exchange.clone();
    let account = if m.account.is_empty() {
        default_account(s)
    } else {
        m.account.clone()
    };
    let quantity = Decimal::from(m.exercise_quantity);
    let held = {
        let broker = s.shared.broker.lock();
        broker
            .accounts
            .get(&account)
            .and_then(|a| a.positions.get(&option.con_id))
            .map(|p| p.quantity)
            .unwrap_or(Decimal::ZERO)
    };
    if held < quantity {
        let reason = format!(
            "Account {account} holds {held} long of {} (conId {}), fewer than the {quantity} \
             to {}",
            option.local_symbol,
            option.con_id,
            if m.exercise_action == EXERCISE {
                "exercise"
            } else {
                "lapse"
            }
        );
        reject(s, id, &reason);
        return;
    }
    let secs = now_f64();
    let under_price = price_at(&details.under_symbol, secs);
    let itm = in_the_money(&option.right, option.strike, under_price);
    if m.exercise_action == EXERCISE && m.override_ == 0 && !itm {
        let reason = format!(
            "The option {} is not in the money ({} at {under_price}, strike {}); \
             override=1 would exercise it anyway",
            option.local_symbol, details.under_symbol, option.strike
        );
        reject(s, id, &reason);
        return;
    }
    let cid = client_id(s);
    let time = format_connection_time(secs as i64);
    let (pre, submitted, done, fills) = {
        let mut guard = s.shared.broker.lock();
        let broker = &mut *guard;
        if broker
            .book
            .orders
            .iter()
            .any(|o| o.client_id == cid && o.order_id == id)
        {
            drop(guard);
            s.send_error(id, 103, &format!("Duplicate order id: {id}"));
            return;
        }
        broker.book.last_perm_id += 1;
        let perm_id = 1_000_000_000 + broker.book.last_perm_id;
        let mut o = SimOrder {
            client_id: cid,
            order_id: id,
            perm_id,
            contract: option.clone(),
            order: Order {
                order_id: id,
                client_id: cid,
                perm_id,
                action: "SELL".into(),
                total_quantity: quantity,
                order_type: "EXERCISE".into(),
                account: account.clone(),
                ..Order::default()
            },
            status: "PreSubmitted".into(),
            filled: Decimal::ZERO,
            avg_fill_price: 0.0,
            last_fill_price: 0.0,
            trail_anchor: 0.0,
            completed_time: String::new(),
        };
        let pre = o.clone();
        o.status = "Submitted".into();
        let submitted = o.clone();
        let legs = legs_of(&details, m.exercise_action, under_price);
        o.status = "Filled".into();
        o.filled = quantity;
        o.avg_fill_price = legs.option_price;
        o.last_fill_price = legs.option_price;
        o.completed_time = time.clone();
        let kind = if m.exercise_action == EXERCISE {
            OptionExerciseType::Exercise
        } else {
            OptionExerciseType::Lapse
        };
        let mut fills = vec![book_fill(
            broker,
            &o,
            Leg {
                contract: &option,
                buy: false,
                shares: quantity,
                price: legs.option_price,
                commission: 0.0,
                exchange: option.exchange.clone(),
                cum_qty: quantity,
                avg_price: legs.option_price,
                kind,
            },
            &time,
        )];
        if let Some(under) = &legs.delivery {
            let multiplier = option.multiplier.parse::<i64>().unwrap_or(1).max(1);
            let shares = quantity * Decimal::from(multiplier);
            fills.push(book_fill(
                broker,
                &o,
                Leg {
                    contract: under,
                    buy: is_call(&option.right),
                    shares,
                    price: option.strike,
                    commission: 0.0,
                    exchange: option.exchange.clone(),
                    cum_qty: shares,
                    avg_price: option.strike,
                    kind,
                },
                &time,
            ));
        }
        broker.book.orders.push(o.clone());
        let master = s.shared.config.master_client_id;
        for snapshot in [&pre, &submitted, &o] {
            broker.book.notify(master, cid, snapshot);
        }
        (pre, submitted, o, fills)
    };
    report(s, &pre);
    report(s, &submitted);
    for fill in fills {
        send_fill(s, &done, fill);
    }
}

/// What an accepted request books, besides the option leg's quantity.
#[derive(Debug, PartialEq)]
struct Legs {
    /// The option leg's price: 0.0, or the intrinsic value when cash-settled.
    option_price: f64,
    /// The underlying delivered at the strike (physical exercise only).
    delivery: Option<Contract>,
}

fn legs_of(details: &ContractDetails, action: i32, under_price: f64) -> Legs {
    let c = &details.contract;
    let cash_settled = details.under_sec_type.eq_ignore_ascii_case("IND");
    if action != EXERCISE {
        return Legs {
            option_price: 0.0,
            delivery: None,
        };
    }
    if cash_settled {
        return Legs {
            option_price: intrinsic_value(&c.right, c.strike, under_price),
            delivery: None,
        };
    }
    let mut under = crate::sim::universe::complete(&Contract {
        con_id: details.under_con_id,
        ..Contract::default()
    });
    if under.con_id <= 0 {
        under = Contract {
            symbol: details.under_symbol.clone(),
            sec_type: details.under_sec_type.clone(),
            currency: c.currency.clone(),
            exchange: "SMART".into(),
            ..Contract::default()
        };
    }
    Legs {
        option_price: 0.0,
        delivery: Some(under),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calls_are_in_the_money_above_the_strike_puts_below() {
        assert!(in_the_money("C", 100.0, 100.5));
        assert!(!in_the_money("C", 100.0, 100.0));
        assert!(!in_the_money("CALL", 100.0, 99.0));
        assert!(in_the_money("P", 100.0, 99.0));
        assert!(!in_the_money("PUT", 100.0, 100.0));
        assert!(!in_the_money("P", 100.0, 101.0));
    }

    #[test]
    fn intrinsic_value_is_never_negative() {
        assert_eq!(intrinsic_value("C", 100.0, 103.25), 3.25);
        assert_eq!(intrinsic_value("C", 100.0, 90.0), 0.0);
        assert_eq!(intrinsic_value("P", 100.0, 90.5), 9.5);
        assert_eq!(intrinsic_value("P", 100.0, 110.0), 0.0);
    }

    #[test]
    fn smart_empty_exchange_bad_action_and_quantity_are_invalid() {
        assert!(invalid_cause("SMART", 1, 1).unwrap().contains("CBOE"));
        assert!(invalid_cause("smart", 1, 1).is_some());
        assert!(invalid_cause("", 1, 1).is_some());
        assert!(invalid_cause("CBOE", 3, 1).unwrap().contains("action"));
        assert!(invalid_cause("CBOE", 0, 1).is_some());
        assert!(invalid_cause("CBOE", 1, 0).unwrap().contains("quantity"));
        assert!(invalid_cause("CBOE", 2, -1).is_some());
        assert_eq!(invalid_cause("CBOE", 1, 1), None);
        assert_eq!(invalid_cause("AMEX", 2, 5), None);
    }

    fn spy_call() -> ContractDetails {
        let c = Contract {
            symbol: "SPY".into(),
            sec_type: "OPT".into(),
            right: "C".into(),
            exchange: "CBOE".into(),
            ..Contract::default()
        };
        crate::sim::universe::lookup(&c)
            .into_iter()
            .next()
            .expect("the universe has SPY calls")
    }

    #[test]
    fn a_physical_exercise_delivers_the_underlying_a_lapse_nothing() {
        let d = spy_call();
        let legs = legs_of(&d, EXERCISE, 1.0);
        assert_eq!(legs.option_price, 0.0);
        let under = legs.delivery.expect("SPY is delivered");
        assert_eq!(under.con_id, 756733);
        assert_eq!(under.sec_type, "STK");
        assert_eq!(legs_of(&d, LAPSE, 1.0).delivery, None);
    }

    #[test]
    fn a_cash_settled_exercise_books_the_intrinsic_value() {
        let mut d = spy_call();
        d.under_sec_type = "IND".into();
        let price = d.contract.strike + 12.5;
        let legs = legs_of(&d, EXERCISE, price);
        assert_eq!(legs.delivery, None);
        assert_eq!(legs.option_price, 12.5);
    }
}
