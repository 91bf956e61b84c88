//! The sim's built-in universe of instruments, and their starting prices.

/// A plausible starting price derived from the symbol, 20.00–419.99.
pub(crate) fn base_price(symbol: &str) -> f64 {
    let h = symbol
        .bytes()
        .fold(17u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64));
    20.0 + (h % 40_000) as f64 / 100.0
}

/// The sim's price of `symbol` at `secs` (seconds since the epoch): its
/// [`base_price`] moved by a deterministic walk of a few percent (a sum of
/// slow and fast waves with a phase from the symbol), rounded to the cent.
/// Every domain that needs "the current price" (fills, bars, depth, option
/// models) asks here, so they agree with each other.
#[allow(dead_code)] // used by the domains as they land
pub(crate) fn price_at(symbol: &str, secs: f64) -> f64 {
    let base = base_price(symbol);
    let phase = (base * 100.0) % std::f64::consts::TAU;
    let wave = 0.02 * (secs / 600.0 + phase).sin()
        + 0.005 * (secs / 37.0 + 2.0 * phase).sin()
        + 0.002 * (secs / 7.0 + 3.0 * phase).sin();
    ((base * (1.0 + wave)) * 100.0).round() / 100.0
}
