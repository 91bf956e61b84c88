//! Unset values.
//!
//! The official API marks "no value" with sentinels rather than an absent field:
//! [`UNSET_INTEGER`] (2^31 − 1), [`UNSET_DOUBLE`] (`f64::MAX`), [`UNSET_LONG`]
//! (2^63 − 1) and [`UNSET_DECIMAL`]. We keep those sentinels, so every struct
//! field and callback argument has the same value a Python user would see and
//! the wire stays byte-identical; the [`Unset`] trait gives a typed way to ask
//! "is it set" (`price.is_set()`) or to get an `Option` (`size.value()`).
//!
//! `UNSET_DECIMAL` is `2^127 − 1` in Python, which a `rust_decimal::Decimal`
//! (96-bit mantissa) cannot hold; here it is [`Decimal::MAX`], and the decoder
//! maps every wire spelling the official client treats as unset (empty,
//! `2147483647`, `9223372036854775807`, `-9223372036854775808`,
//! `1.7976931348623157E308`) to it.

pub use rust_decimal::Decimal;

/// The official `UNSET_INTEGER`: 2^31 − 1.
pub const UNSET_INTEGER: i32 = i32::MAX;
/// The official `UNSET_LONG`: 2^63 − 1.
pub const UNSET_LONG: i64 = i64::MAX;
/// The official `UNSET_DOUBLE`: the largest finite f64.
pub const UNSET_DOUBLE: f64 = f64::MAX;
/// The unset decimal. See the module docs for why it is `Decimal::MAX`.
pub const UNSET_DECIMAL: Decimal = Decimal::MAX;

/// A value that may hold the official "unset" sentinel.
pub trait Unset: Copy {
    /// `true` unless the value is the unset sentinel of its type.
    fn is_set(self) -> bool;
    /// `Some(value)` when set, `None` for the sentinel.
    fn value(self) -> Option<Self> {
        if self.is_set() {
            Some(self)
        } else {
            None
        }
    }
}

impl Unset for i32 {
    fn is_set(self) -> bool {
        self != UNSET_INTEGER
    }
}

impl Unset for i64 {
    fn is_set(self) -> bool {
        self != UNSET_LONG
    }
}

impl Unset for f64 {
    fn is_set(self) -> bool {
        self != UNSET_DOUBLE
    }
}

impl Unset for Decimal {
    fn is_set(self) -> bool {
        self != UNSET_DECIMAL
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentinels_are_unset_and_values_are_set() {
        assert!(!UNSET_INTEGER.is_set());
        assert!(!UNSET_LONG.is_set());
        assert!(!UNSET_DOUBLE.is_set());
        assert!(!UNSET_DECIMAL.is_set());
        assert_eq!(5i32.value(), Some(5));
        assert_eq!(UNSET_DOUBLE.value(), None);
        assert!(Decimal::new(100, 0).is_set());
    }
}
