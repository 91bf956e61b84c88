//! [`Execution`] (a fill) and [`ExecutionFilter`] (which fills to ask for).

use super::unset::{Decimal, UNSET_DECIMAL, UNSET_INTEGER};

/// What happened to an option position at expiry or by exercise, reported in
/// [`Execution::opt_exercise_or_lapse_type`].
///
/// `Debug` prints the official enum's value, the pair `(code, "name")`:
/// `(-1, "None")`, `(1, "Exercise")`, …
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum OptionExerciseType {
    /// Not an exercise or lapse (code −1).
    #[default]
    NoneItem,
    /// Exercised (1).
    Exercise,
    /// Lapsed (2).
    Lapse,
    /// Nothing done (3).
    DoNothing,
    /// Assigned (100).
    Assigned,
    /// Automatic exercise by clearing (101).
    AutoexerciseClearing,
    /// Expired (102).
    Expired,
    /// Netting (103).
    Netting,
    /// Automatic exercise by trading (200).
    AutoexerciseTrading,
}

impl std::fmt::Debug for OptionExerciseType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("")
            .field(&self.code())
            .field(&self.description())
            .finish()
    }
}

impl OptionExerciseType {
    /// Every variant, in the official order.
    pub const ALL: [OptionExerciseType; 9] = [
        Self::NoneItem,
        Self::Exercise,
        Self::Lapse,
        Self::DoNothing,
        Self::Assigned,
        Self::AutoexerciseClearing,
        Self::Expired,
        Self::Netting,
        Self::AutoexerciseTrading,
    ];

    /// The numeric code TWS sends.
    pub fn code(self) -> i32 {
        match self {
            Self::NoneItem => -1,
            Self::Exercise => 1,
            Self::Lapse => 2,
            Self::DoNothing => 3,
            Self::Assigned => 100,
            Self::AutoexerciseClearing => 101,
            Self::Expired => 102,
            Self::Netting => 103,
            Self::AutoexerciseTrading => 200,
        }
    }

    /// A human-readable name.
    pub fn description(self) -> &'static str {
        match self {
            Self::NoneItem => "None",
            Self::Exercise => "Exercise",
            Self::Lapse => "Lapse",
            Self::DoNothing => "DoNothing",
            // The official enum says "Assigned " (a trailing space).
            Self::Assigned => "Assigned",
            Self::AutoexerciseClearing => "AutoexerciseClearing",
            Self::Expired => "Expired",
            Self::Netting => "Netting",
            Self::AutoexerciseTrading => "AutoexerciseTrading",
        }
    }

    /// The variant for a code; unknown codes give [`OptionExerciseType::NoneItem`].
    pub fn from_code(code: i32) -> Self {
        Self::ALL
            .into_iter()
            .find(|item| item.code() == code)
            .unwrap_or_default()
    }
}

/// One fill of an order, delivered by `exec_details`.
#[derive(Debug, Clone, PartialEq)]
pub struct Execution {
    /// Unique id of the execution.
    pub exec_id: String,
    /// Time of the fill, as TWS formats it.
    pub time: String,
    /// The account.
    pub acct_number: String,
    /// Exchange of the fill.
    pub exchange: String,
    /// `BOT` (bought) or `SLD` (sold).
    pub side: String,
    /// Number of shares filled; [`UNSET_DECIMAL`] when not reported.
    pub shares: Decimal,
    /// Fill price.
    pub price: f64,
    /// TWS's permanent id of the order.
    pub perm_id: i64,
    /// Id of the API client that placed the order.
    pub client_id: i32,
    /// Id of the order.
    pub order_id: i32,
    /// 1 if the fill is a liquidation by IB, else 0.
    pub liquidation: i32,
    /// Cumulative quantity filled; [`UNSET_DECIMAL`] when not reported.
    pub cum_qty: Decimal,
    /// Average price of the fills so far.
    pub avg_price: f64,
    /// Order reference given when the order was placed.
    pub order_ref: String,
    /// Economic value rule.
    pub ev_rule: String,
    /// Economic value multiplier.
    pub ev_multiplier: f64,
    /// Model code.
    pub model_code: String,
    /// Liquidity type of the fill (added, removed, routed out).
    pub last_liquidity: i32,
    /// A price revision of this fill is pending.
    pub pending_price_revision: bool,
    /// User who submitted the order.
    pub submitter: String,
    /// Option exercise or lapse, for fills that are one.
    pub opt_exercise_or_lapse_type: OptionExerciseType,
}

impl Default for Execution {
    fn default() -> Self {
        Self {
            exec_id: String::new(),
            time: String::new(),
            acct_number: String::new(),
            exchange: String::new(),
            side: String::new(),
            shares: UNSET_DECIMAL,
            price: 0.0,
            perm_id: 0,
            client_id: 0,
            order_id: 0,
            liquidation: 0,
            cum_qty: UNSET_DECIMAL,
            avg_price: 0.0,
            order_ref: String::new(),
            ev_rule: String::new(),
            ev_multiplier: 0.0,
            model_code: String::new(),
            last_liquidity: 0,
            pending_price_revision: false,
            submitter: String::new(),
            opt_exercise_or_lapse_type: OptionExerciseType::NoneItem,
        }
    }
}

/// Selects the executions `req_executions` returns; empty fields match everything.
///
/// `specific_dates` is `None` in the official API by default; an empty `Vec`
/// here is sent the same way.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ExecutionFilter {
    /// Only orders placed by this API client (0 for all).
    pub client_id: i32,
    /// Only this account.
    pub acct_code: String,
    /// Only executions after this time, `YYYYMMDD hh:mm:ss`.
    pub time: String,
    /// Only this symbol.
    pub symbol: String,
    /// Only this security type.
    pub sec_type: String,
    /// Only this exchange.
    pub exchange: String,
    /// Only this side (`BUY`/`SELL`).
    pub side: String,
    /// Only the last N days; [`UNSET_INTEGER`] when not given.
    pub last_n_days: i32,
    /// Only these dates, as integers `YYYYMMDD`.
    pub specific_dates: Vec<i32>,
}

impl Default for ExecutionFilter {
    fn default() -> Self {
        Self {
            client_id: 0,
            acct_code: String::new(),
            time: String::new(),
            symbol: String::new(),
            sec_type: String::new(),
            exchange: String::new(),
            side: String::new(),
            last_n_days: UNSET_INTEGER,
            specific_dates: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_exercise_codes_round_trip() {
        for item in OptionExerciseType::ALL {
            assert_eq!(OptionExerciseType::from_code(item.code()), item);
        }
        assert_eq!(
            OptionExerciseType::from_code(42),
            OptionExerciseType::NoneItem
        );
    }
}
