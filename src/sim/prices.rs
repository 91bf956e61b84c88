//! The sim's prices of contracts, one for every domain that quotes, fills or
//! values one (market data, orders, the account's portfolio), so that they
//! agree with each other.
//!
//! A contract resolves against the universe to an [`Instrument`]: the symbol
//! whose price ([`price_at`]) moves it, its minimum tick and, for an option,
//! its [`Terms`]. A stock, future or currency is worth its symbol's price; an
//! option its Black-Scholes(-Merton) price ([`black_scholes`]) at the sim's
//! volatility surface ([`model_vol`]), rate ([`RATE`]) and dividend yield
//! ([`dividend_yield`]); [`implied_vol`] inverts the model by bisection.

use super::time::days_from_civil;
use super::universe::{base_price, lookup, price_at, right_of};
use crate::model::Contract;

/// What the sim knows of a requested contract.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Instrument {
    /// The symbol whose price (`universe::price_at`) moves it; for an option,
    /// its underlying's.
    pub symbol: String,
    /// Price increments per unit of price (100 for cents, 4 for quarters).
    pub scale: f64,
    /// An option's terms.
    pub option: Option<Terms>,
}

/// Resolves a contract against the universe (by contract id, or by its
/// description): its symbol, its minimum tick and, for an option, its terms.
/// What the universe does not know keeps the request's symbol and terms and
/// gets cents (hundredths of a cent below 10.00).
pub(super) fn resolve(c: &Contract) -> Instrument {
    let found = lookup(c);
    let best = found
        .iter()
        .find(|d| c.sec_type.is_empty() || d.contract.sec_type.eq_ignore_ascii_case(&c.sec_type))
        .or(found.first());
    let (contract, min_tick) = match best {
        Some(d) => (&d.contract, d.min_tick),
        None => (c, 0.0),
    };
    let symbol = if contract.symbol.is_empty() {
        c.symbol.clone()
    } else {
        contract.symbol.clone()
    };
    let scale = if min_tick > 0.0 && min_tick < 1e6 {
        (1.0 / min_tick).round().max(1.0)
    } else if base_price(&symbol) < 10.0 {
        20_000.0
    } else {
        100.0
    };
    let option = if matches!(contract.sec_type.as_str(), "OPT" | "FOP") {
        Terms::of(contract)
    } else {
        None
    };
    Instrument {
        symbol,
        scale,
        option,
    }
}

impl Instrument {
    /// The price at `ms` (epoch milliseconds): the sim's price of the
    /// symbol, or for an option its model price at the sim's volatility.
    pub(super) fn price_at(&self, ms: i64) -> f64 {
        let und = price_at(&self.symbol, ms as f64 / 1000.0);
        match &self.option {
            None => und,
            Some(terms) => {
                let vol = model_vol(&self.symbol, und, terms.strike);
                let q = dividend_yield(&self.symbol);
                let theo = black_scholes(terms, und, terms.years(ms), vol, q).price;
                round_price(theo, self.scale).max(1.0 / self.scale)
            }
        }
    }
}

/// The sim's market price of `c` at `secs` (epoch seconds): its symbol's
/// price, or for an option its model price. One price for every domain
/// that values or fills a contract (orders, portfolio, market data).
pub(crate) fn market_price(c: &Contract, secs: f64) -> f64 {
    resolve(c).price_at((secs * 1000.0) as i64)
}

/// `price` rounded to a whole number of increments (`scale` per unit).
pub(crate) fn round_price(price: f64, scale: f64) -> f64 {
    (price * scale).round() / scale
}

// ---------------------------------------------------------------------------
// The option model.

/// The sim's risk-free rate (continuously compounded, per year).
pub(crate) const RATE: f64 = 0.04;

/// Seconds in a (365-day) year.
const YEAR: f64 = 365.0 * 86_400.0;

/// The standard normal density.
fn pdf(x: f64) -> f64 {
    (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

/// The standard normal distribution (Hart's double-precision approximation,
/// as given by West, "Better approximations to cumulative normal functions").
pub(crate) fn cdf(x: f64) -> f64 {
    let z = x.abs();
    let c = if z > 37.0 {
        0.0
    } else {
        let e = (-z * z / 2.0).exp();
        if z < 7.071_067_811_865_47 {
            let horner = |coefs: &[f64]| coefs.iter().fold(0.0, |acc, c| acc * z + c);
            let n = horner(&[
                0.035_262_496_599_891_1,
                0.700_383_064_443_688,
                6.373_962_203_531_65,
                33.912_866_078_383,
                112.079_291_497_871,
                221.213_596_169_931,
                220.206_867_912_376,
            ]);
            let d = horner(&[
                0.088_388_347_648_318_4,
                1.755_667_163_182_64,
                16.064_177_579_207,
                86.780_732_202_946_1,
                296.564_248_779_674,
                637.333_633_378_831,
                793.826_512_519_948,
                440.413_735_824_752,
            ]);
            e * n / d
        } else {
            let f = z + 1.0 / (z + 2.0 / (z + 3.0 / (z + 4.0 / (z + 0.65))));
            e / f / 2.506_628_274_631
        }
    };
    if x > 0.0 {
        1.0 - c
    } else {
        c
    }
}

/// An option's terms, read from its contract.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Terms {
    /// Call (true) or put.
    pub call: bool,
    /// Strike.
    pub strike: f64,
    /// Expiry, epoch seconds (16:00 New York taken as 21:00 UTC).
    pub expiry: i64,
}

impl Terms {
    /// The terms of an option contract; `None` when the contract lacks a
    /// right, a strike or a `YYYYMMDD` / `YYYYMM` expiry.
    pub(crate) fn of(c: &Contract) -> Option<Terms> {
        let call = match right_of(&c.right).as_str() {
            "C" => true,
            "P" => false,
            _ => return None,
        };
        if !(c.strike > 0.0 && c.strike < 1e9) {
            return None;
        }
        let d = c.last_trade_date_or_contract_month.get(..8).unwrap_or("");
        let (y, m, day) = match (d.len(), c.last_trade_date_or_contract_month.len()) {
            (8, _) => (d.get(..4)?, d.get(4..6)?, d.get(6..8)?),
            (_, 6) => {
                let s = &c.last_trade_date_or_contract_month;
                (s.get(..4)?, s.get(4..6)?, "15")
            }
            _ => return None,
        };
        let (y, m, day): (i64, u32, u32) = (y.parse().ok()?, m.parse().ok()?, day.parse().ok()?);
        if !(1..=12).contains(&m) || !(1..=31).contains(&day) {
            return None;
        }
        Some(Terms {
            call,
            strike: c.strike,
            expiry: days_from_civil(y, i64::from(m), i64::from(day)) * 86_400 + 21 * 3600,
        })
    }

    /// Years to expiry at `now_ms`, at least one hour.
    pub(crate) fn years(&self, now_ms: i64) -> f64 {
        ((self.expiry as f64 - now_ms as f64 / 1000.0) / YEAR).max(3600.0 / YEAR)
    }
}

/// The dividend yield the sim gives an underlying (0–2.9%, from its symbol).
pub(crate) fn dividend_yield(symbol: &str) -> f64 {
    let h = symbol
        .bytes()
        .fold(7u64, |h, b| h.wrapping_mul(131).wrapping_add(b as u64));
    (h % 30) as f64 / 1000.0
}

/// The sim's volatility surface: a level from the symbol (15–44%) and a smile
/// in log-moneyness.
pub(crate) fn model_vol(symbol: &str, spot: f64, strike: f64) -> f64 {
    let h = symbol
        .bytes()
        .fold(3u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64));
    let base = 0.15 + (h % 30) as f64 / 100.0;
    let m = (strike / spot).ln();
    base + 0.4 * m * m
}

/// Price and greeks of one option.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Greeks {
    pub price: f64,
    pub delta: f64,
    pub gamma: f64,
    /// Per volatility point (1%).
    pub vega: f64,
    /// Per calendar day.
    pub theta: f64,
    /// Present value of the dividends to expiry.
    pub pv_dividend: f64,
}

/// Black-Scholes-Merton: spot `s`, years `t`, volatility `vol`, dividend yield `q`.
pub(crate) fn black_scholes(terms: &Terms, s: f64, t: f64, vol: f64, q: f64) -> Greeks {
    let k = terms.strike;
    let sqrt_t = t.sqrt();
    let vs = vol.max(1e-9) * sqrt_t;
    let d1 = ((s / k).ln() + (RATE - q + vol * vol / 2.0) * t) / vs;
    let d2 = d1 - vs;
    let dq = (-q * t).exp();
    let dr = (-RATE * t).exp();
    let common_theta = -s * dq * pdf(d1) * vol / (2.0 * sqrt_t);
    let (price, delta, theta) = if terms.call {
        (
            s * dq * cdf(d1) - k * dr * cdf(d2),
            dq * cdf(d1),
            common_theta - RATE * k * dr * cdf(d2) + q * s * dq * cdf(d1),
        )
    } else {
        (
            k * dr * cdf(-d2) - s * dq * cdf(-d1),
            -dq * cdf(-d1),
            common_theta + RATE * k * dr * cdf(-d2) - q * s * dq * cdf(-d1),
        )
    };
    Greeks {
        price,
        delta,
        gamma: dq * pdf(d1) / (s * vs),
        vega: s * dq * pdf(d1) * sqrt_t / 100.0,
        theta: theta / 365.0,
        pv_dividend: s * (1.0 - dq),
    }
}

/// The volatility at which the model price is `price`, by bisection on
/// 0.01%–500%; `None` outside what the model can reach.
pub(crate) fn implied_vol(terms: &Terms, s: f64, t: f64, q: f64, price: f64) -> Option<f64> {
    let (mut lo, mut hi) = (1e-4, 5.0);
    let f = |v: f64| black_scholes(terms, s, t, v, q).price - price;
    if !price.is_finite() || f(lo) >= 0.0 || f(hi) <= 0.0 {
        return None;
    }
    for _ in 0..200 {
        let mid = (lo + hi) / 2.0;
        if f(mid) < 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo < 1e-12 {
            break;
        }
    }
    Some((lo + hi) / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(call: bool) -> Terms {
        Terms {
            call,
            strike: 100.0,
            expiry: 0,
        }
    }

    #[test]
    fn normal_distribution() {
        assert!((cdf(0.0) - 0.5).abs() < 1e-15);
        assert!((cdf(1.96) - 0.975_002_104_851_780).abs() < 1e-12);
        assert!((cdf(-3.0) - 0.001_349_898_031_630).abs() < 1e-12);
        assert_eq!(cdf(-40.0), 0.0);
    }

    #[test]
    fn put_call_parity_and_greeks() {
        // C - P = S e^-qT - K e^-rT; delta(C) - delta(P) = e^-qT.
        let (s, tt, v, q) = (105.0, 0.5, 0.3, 0.02);
        let c = black_scholes(&terms(true), s, tt, v, q);
        let p = black_scholes(&terms(false), s, tt, v, q);
        let parity = s * (-q * tt).exp() - 100.0 * (-RATE * tt).exp();
        assert!((c.price - p.price - parity).abs() < 1e-9);
        assert!((c.delta - p.delta - (-q * tt).exp()).abs() < 1e-12);
        assert!((c.gamma - p.gamma).abs() < 1e-12);
        assert!(c.vega > 0.0 && c.theta < 0.0);
    }

    /// Values from the closed-form formulas evaluated independently (Python,
    /// `math.erf`): S=105, K=100, T=0.5, σ=30%, q=2%, r=4%.
    #[test]
    fn known_values() {
        let c = black_scholes(&terms(true), 105.0, 0.5, 0.3, 0.02);
        let p = black_scholes(&terms(false), 105.0, 0.5, 0.3, 0.02);
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9 * b.abs().max(1.0);
        assert!(close(c.price, 11.822_282_408_283_364), "{}", c.price);
        assert!(close(p.price, 5.886_917_195_296_242), "{}", p.price);
        assert!(close(c.delta, 0.642_756_492_974_607_6));
        assert!(close(c.gamma, 0.016_477_232_164_919_402));
        assert!(close(c.vega, 0.272_492_226_927_354_64));
        assert!(close(c.theta, -0.024_799_079_854_071_18));
    }

    #[test]
    fn implied_vol_recovers_the_model_vol() {
        for call in [true, false] {
            for v in [0.05, 0.2, 0.8, 2.0] {
                let price = black_scholes(&terms(call), 95.0, 0.25, v, 0.01).price;
                let iv = implied_vol(&terms(call), 95.0, 0.25, 0.01, price).unwrap();
                assert!((iv - v).abs() < 1e-6, "{call} {v} {iv}");
            }
        }
        assert_eq!(implied_vol(&terms(true), 95.0, 0.25, 0.0, 0.0), None);
        assert_eq!(implied_vol(&terms(true), 95.0, 0.25, 0.0, 500.0), None);
    }

    #[test]
    fn terms_from_contracts() {
        let c = Contract {
            right: "P".into(),
            strike: 450.0,
            last_trade_date_or_contract_month: "20261218".into(),
            ..Contract::default()
        };
        let t = Terms::of(&c).unwrap();
        assert!(!t.call);
        // 2026-12-18 21:00 UTC.
        assert_eq!(t.expiry, 1_797_627_600);
        assert!(Terms::of(&Contract::default()).is_none());
    }
}
