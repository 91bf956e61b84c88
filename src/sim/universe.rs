//! The sim's built-in universe of instruments, and their starting prices.

/// A plausible starting price derived from the symbol, 20.00–419.99.
pub(crate) fn base_price(symbol: &str) -> f64 {
    let h = symbol
        .bytes()
        .fold(17u64, |h, b| h.wrapping_mul(31).wrapping_add(b as u64));
    20.0 + (h % 40_000) as f64 / 100.0
}
