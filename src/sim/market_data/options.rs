//! The sim's option computations: `calculateImpliedVolatility` /
//! `calculateOptionPrice`, and the `tickOptionComputation` messages that
//! they and the option ticks (10–13) of `reqMktData` send, with the values
//! of the option model in [`crate::sim::prices`].

use super::refuse_with;
use crate::messages::market_data::options::{
    ReqCalcImpliedVolat, ReqCalcOptionPrice, TickOptionComputation,
};
use crate::model::{tick_type, Contract, TickType};
use crate::sim::prices::{black_scholes, dividend_yield, implied_vol, resolve, Terms};
use crate::sim::session::Session;
use crate::sim::time::now_millis;
use crate::sim::universe::price_at;

/// A `tickOptionComputation` with the model's values at volatility `vol`,
/// or the "not computed" markers when `vol` is `None`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn computation(
    req_id: i32,
    tick_type: TickType,
    tick_attrib: i32,
    terms: &Terms,
    s: f64,
    t: f64,
    q: f64,
    vol: Option<f64>,
) -> TickOptionComputation {
    let base = TickOptionComputation {
        req_id,
        tick_type,
        tick_attrib,
        und_price: s,
        ..TickOptionComputation::default()
    };
    match vol {
        None => base,
        Some(vol) => {
            let g = black_scholes(terms, s, t, vol, q);
            TickOptionComputation {
                implied_vol: vol,
                delta: g.delta,
                opt_price: g.price,
                pv_dividend: g.pv_dividend,
                gamma: g.gamma,
                vega: g.vega,
                theta: g.theta,
                ..base
            }
        }
    }
}

/// The underlying's price for a calculation: the one given, or the sim's
/// when it is not a positive number.
fn under(symbol: &str, given: f64) -> f64 {
    if given > 0.0 && given.is_finite() && given < 1e12 {
        given
    } else {
        price_at(symbol, now_millis() as f64 / 1000.0)
    }
}

fn refuse(s: &mut Session<'_>, req_id: i32) {
    refuse_with(
        s,
        req_id,
        "an option needs a right (C/P), a strike and an expiry (YYYYMMDD); a volatility above 0",
    );
}

/// The underlying's symbol and the terms of an option contract: from the
/// universe (a contract id is enough), else from the contract's own fields.
fn option_of(c: &Contract) -> Option<(String, Terms)> {
    let i = resolve(c);
    let terms = i.option.or_else(|| Terms::of(c))?;
    Some((i.symbol, terms))
}

/// `calculateImpliedVolatility`: one custom computation (tick type 53, price-based).
pub(super) fn calc_implied_vol(s: &mut Session<'_>, m: &ReqCalcImpliedVolat) {
    let Some((sym, terms)) = option_of(&m.contract) else {
        return refuse(s, m.req_id);
    };
    let sym = &sym;
    let spot = under(sym, m.under_price);
    let t = terms.years(now_millis());
    let q = dividend_yield(sym);
    let vol = implied_vol(&terms, spot, t, q, m.option_price);
    let mut msg = computation(
        m.req_id,
        tick_type::CUST_OPTION_COMPUTATION,
        1,
        &terms,
        spot,
        t,
        q,
        vol,
    );
    if vol.is_some() {
        // The price asked about, not the model's re-computation of it.
        msg.opt_price = m.option_price;
    }
    s.send(&msg);
}

/// `calculateOptionPrice`: one custom computation (tick type 53, return-based).
pub(super) fn calc_option_price(s: &mut Session<'_>, m: &ReqCalcOptionPrice) {
    let Some((sym, terms)) = option_of(&m.contract) else {
        return refuse(s, m.req_id);
    };
    let vol = m.volatility;
    if !(vol > 0.0 && vol < 100.0) {
        return refuse(s, m.req_id);
    }
    let sym = &sym;
    let spot = under(sym, m.under_price);
    let t = terms.years(now_millis());
    let q = dividend_yield(sym);
    let msg = computation(
        m.req_id,
        tick_type::CUST_OPTION_COMPUTATION,
        0,
        &terms,
        spot,
        t,
        q,
        Some(vol),
    );
    s.send(&msg);
}
