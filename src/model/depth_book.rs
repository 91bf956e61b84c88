//! [`MarketDepthBook`]: an order book kept up to date from `update_mkt_depth`
//! and `update_mkt_depth_l2` callbacks (not part of the official API; every
//! depth user writes one).
//!
//! ```
//! use tws_api::model::{Decimal, MarketDepthBook};
//! let mut book = MarketDepthBook::new();
//! // update_mkt_depth(req_id, position, operation, side, price, size):
//! book.apply(0, 0, 1, 187.25, Decimal::from(300)).unwrap(); // insert bid row 0
//! book.apply(0, 0, 0, 187.27, Decimal::from(100)).unwrap(); // insert ask row 0
//! book.apply(1, 0, 1, 187.24, Decimal::from(500)).unwrap(); // insert bid row 1
//! book.apply(0, 2, 1, 0.0, Decimal::ZERO).unwrap(); // delete bid row 0
//! assert_eq!(book.best_bid().unwrap().price, 187.24);
//! assert_eq!(book.best_ask().unwrap().price, 187.27);
//! assert_eq!(book.spread(), Some(187.27 - 187.24));
//! ```

use std::fmt;

use super::Decimal;

/// One row of a [`MarketDepthBook`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DepthLevel {
    /// The row's price.
    pub price: f64,
    /// The row's size.
    pub size: Decimal,
    /// The market maker or exchange (empty for `update_mkt_depth` rows).
    pub market_maker: String,
}

/// Why a depth operation could not be applied (the book is left unchanged).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DepthBookError {
    /// The position is past the end of that side (or negative).
    BadPosition {
        /// The side (0 ask, 1 bid).
        side: i32,
        /// The position given.
        position: i32,
        /// How many rows the side has.
        len: usize,
    },
    /// An operation other than 0 insert, 1 update, 2 delete.
    BadOperation(i32),
    /// A side other than 0 ask, 1 bid.
    BadSide(i32),
}

impl fmt::Display for DepthBookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DepthBookError::BadPosition {
                side,
                position,
                len,
            } => write!(
                f,
                "depth position {position} out of range for side {side} with {len} rows"
            ),
            DepthBookError::BadOperation(o) => write!(f, "unknown depth operation {o}"),
            DepthBookError::BadSide(s) => write!(f, "unknown depth side {s}"),
        }
    }
}

impl std::error::Error for DepthBookError {}

/// An order book: bids and asks by position (row 0 is the best), changed by
/// the operations of `update_mkt_depth` / `update_mkt_depth_l2`:
///
/// * insert (0): a new row at `position` (at most the side's length); the rows
///   from there on move down one;
/// * update (1): the row at `position` takes the new price, size and market
///   maker; an update one past the last row appends (TWS sends those);
/// * delete (2): the row at `position` goes; the rows below move up one.
///
/// An operation that does not fit (a position past the end, an unknown side
/// or operation) is refused with a [`DepthBookError`] and changes nothing: a
/// book that refuses one has missed an update, and is best rebuilt by
/// cancelling and requesting the depth again.
///
/// Updates and deletes do not allocate; an L2 update reuses the row's
/// market maker string.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MarketDepthBook {
    bids: Vec<DepthLevel>,
    asks: Vec<DepthLevel>,
}

impl MarketDepthBook {
    /// An empty book.
    pub fn new() -> Self {
        Self::default()
    }

    /// Applies an `update_mkt_depth(req_id, position, operation, side, price, size)`.
    pub fn apply(
        &mut self,
        position: i32,
        operation: i32,
        side: i32,
        price: f64,
        size: Decimal,
    ) -> Result<(), DepthBookError> {
        self.apply_l2(position, "", operation, side, price, size)
    }

    /// Applies an `update_mkt_depth_l2(req_id, position, market_maker,
    /// operation, side, price, size, is_smart_depth)`.
    pub fn apply_l2(
        &mut self,
        position: i32,
        market_maker: &str,
        operation: i32,
        side: i32,
        price: f64,
        size: Decimal,
    ) -> Result<(), DepthBookError> {
        let rows = match side {
            0 => &mut self.asks,
            1 => &mut self.bids,
            other => return Err(DepthBookError::BadSide(other)),
        };
        let len = rows.len();
        let bad = DepthBookError::BadPosition {
            side,
            position,
            len,
        };
        let pos = usize::try_from(position).map_err(|_| bad)?;
        match operation {
            0 => {
                if pos > len {
                    return Err(bad);
                }
                rows.insert(
                    pos,
                    DepthLevel {
                        price,
                        size,
                        market_maker: market_maker.to_owned(),
                    },
                );
            }
            1 => {
                if pos == len {
                    rows.push(DepthLevel {
                        price,
                        size,
                        market_maker: market_maker.to_owned(),
                    });
                } else {
                    let row = rows.get_mut(pos).ok_or(bad)?;
                    row.price = price;
                    row.size = size;
                    if row.market_maker != market_maker {
                        row.market_maker.clear();
                        row.market_maker.push_str(market_maker);
                    }
                }
            }
            2 => {
                if pos >= len {
                    return Err(bad);
                }
                rows.remove(pos);
            }
            other => return Err(DepthBookError::BadOperation(other)),
        }
        Ok(())
    }

    /// The bid rows, best (highest) first.
    pub fn bids(&self) -> &[DepthLevel] {
        &self.bids
    }

    /// The ask rows, best (lowest) first.
    pub fn asks(&self) -> &[DepthLevel] {
        &self.asks
    }

    /// The best bid (row 0), if any.
    pub fn best_bid(&self) -> Option<&DepthLevel> {
        self.bids.first()
    }

    /// The best ask (row 0), if any.
    pub fn best_ask(&self) -> Option<&DepthLevel> {
        self.asks.first()
    }

    /// Best ask minus best bid, when both sides have a row.
    pub fn spread(&self) -> Option<f64> {
        Some(self.best_ask()?.price - self.best_bid()?.price)
    }

    /// The midpoint of the best bid and ask, when both sides have a row.
    pub fn mid_price(&self) -> Option<f64> {
        Some((self.best_ask()?.price + self.best_bid()?.price) / 2.0)
    }

    /// `true` when the bids fall and the asks rise row by row, and the best
    /// bid is below the best ask: what a consistent feed keeps.
    pub fn is_sorted(&self) -> bool {
        self.bids.windows(2).all(|w| w[0].price >= w[1].price)
            && self.asks.windows(2).all(|w| w[0].price <= w[1].price)
            && self.spread().is_none_or(|s| s > 0.0)
    }

    /// Empties both sides.
    pub fn clear(&mut self) {
        self.bids.clear();
        self.asks.clear();
    }
}

/// The book as a two-column ladder, bids on the left, asks on the right.
impl fmt::Display for MarketDepthBook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rows = self.bids.len().max(self.asks.len());
        for i in 0..rows {
            let cell = |l: Option<&DepthLevel>| match l {
                Some(l) => format!("{:>8} {:>10.2} {:<5}", l.size, l.price, l.market_maker),
                None => format!("{:25}", ""),
            };
            writeln!(
                f,
                "{:>2} | {} | {}",
                i,
                cell(self.bids.get(i)),
                cell(self.asks.get(i))
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// xorshift64*: a seeded generator, enough for random operation sequences.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n.max(1)
        }
    }

    /// The naive model: each side a list of (price, size, maker), every
    /// operation done by rebuilding the list from slices.
    #[derive(Default)]
    struct Naive {
        sides: [Vec<(f64, Decimal, String)>; 2],
    }

    impl Naive {
        fn apply(
            &mut self,
            pos: i32,
            mm: &str,
            op: i32,
            side: i32,
            price: f64,
            size: Decimal,
        ) -> bool {
            if !(0..=1).contains(&side) || !(0..=2).contains(&op) || pos < 0 {
                return false;
            }
            let rows = &self.sides[side as usize];
            let p = pos as usize;
            let row = (price, size, mm.to_owned());
            let new: Vec<_> = match op {
                0 if p <= rows.len() => {
                    let mut v = rows[..p].to_vec();
                    v.push(row);
                    v.extend_from_slice(&rows[p..]);
                    v
                }
                1 if p < rows.len() => rows
                    .iter()
                    .enumerate()
                    .map(|(i, r)| if i == p { row.clone() } else { r.clone() })
                    .collect(),
                1 if p == rows.len() => rows.iter().cloned().chain([row]).collect(),
                2 if p < rows.len() => rows
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != p)
                    .map(|(_, r)| r.clone())
                    .collect(),
                _ => return false,
            };
            self.sides[side as usize] = new;
            true
        }

        fn same_as(&self, b: &MarketDepthBook) -> bool {
            let eq = |n: &Vec<(f64, Decimal, String)>, l: &[DepthLevel]| {
                n.len() == l.len()
                    && n.iter()
                        .zip(l)
                        .all(|(n, l)| n.0 == l.price && n.1 == l.size && n.2 == l.market_maker)
            };
            eq(&self.sides[0], b.asks()) && eq(&self.sides[1], b.bids())
        }
    }

    #[test]
    fn random_operation_sequences_match_the_naive_model() {
        for seed in 1..=200u64 {
            let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
            let mut book = MarketDepthBook::new();
            let mut naive = Naive::default();
            for _ in 0..300 {
                // Mostly valid operations, some out of range or unknown.
                let side = if rng.below(50) == 0 {
                    2
                } else {
                    rng.below(2) as i32
                };
                let op = if rng.below(50) == 0 {
                    3
                } else {
                    rng.below(3) as i32
                };
                let len = book.bids().len().max(book.asks().len()) as u64;
                let pos = rng.below(len + 3) as i32 - i32::from(rng.below(80) == 0);
                let price = 100.0 + rng.below(1000) as f64 / 100.0;
                let size = Decimal::from(rng.below(1000));
                let mm = ["", "NSDQ", "ARCA", "BATS"][rng.below(4) as usize];
                let before = book.clone();
                let ok = book.apply_l2(pos, mm, op, side, price, size).is_ok();
                assert_eq!(
                    ok,
                    naive.apply(pos, mm, op, side, price, size),
                    "seed {seed}"
                );
                if !ok {
                    assert_eq!(book, before, "a refused operation changed the book");
                }
                assert!(naive.same_as(&book), "seed {seed}");
            }
        }
    }

    #[test]
    fn best_levels_spread_and_errors() {
        let mut b = MarketDepthBook::new();
        assert_eq!(b.best_bid(), None);
        assert_eq!(b.spread(), None);
        b.apply(0, 0, 1, 10.0, Decimal::from(1)).unwrap();
        b.apply(0, 0, 0, 10.5, Decimal::from(2)).unwrap();
        assert_eq!(b.mid_price(), Some(10.25));
        assert!(b.is_sorted());
        assert_eq!(
            b.apply(5, 1, 1, 1.0, Decimal::ZERO),
            Err(DepthBookError::BadPosition {
                side: 1,
                position: 5,
                len: 1
            })
        );
        assert_eq!(
            b.apply(0, 7, 1, 1.0, Decimal::ZERO),
            Err(DepthBookError::BadOperation(7))
        );
        assert_eq!(
            b.apply(0, 0, 4, 1.0, Decimal::ZERO),
            Err(DepthBookError::BadSide(4))
        );
        assert!(b.to_string().contains("10.50"));
        b.clear();
        assert!(b.bids().is_empty() && b.asks().is_empty());
    }
}
