//! Order conditions: rules that activate (or cancel) an order when met.
//!
//! The official API has a small class hierarchy (`OrderCondition` →
//! `OperatorCondition` → `ContractCondition` → `PriceCondition`, …). Here each
//! concrete class is a struct holding all of its fields, inherited ones
//! included, and [`OrderCondition`] is an enum with one variant per class.
//!
//! Every condition carries the flag that joins it to the *next* condition:
//! `is_conjunction_connection` is `true` for AND (the default) and `false`
//! for OR.
//!
//! ```
//! use tws_api::model::order_condition::{OrderCondition, PriceCondition};
//!
//! let cond = OrderCondition::from(PriceCondition {
//!     con_id: 265598,
//!     exchange: "SMART".into(),
//!     is_more: true,
//!     price: 200.0,
//!     ..Default::default()
//! })
//! .or();
//! assert_eq!(cond.cond_type(), OrderCondition::PRICE);
//! assert!(!cond.is_conjunction_connection());
//! ```

use super::unset::UNSET_DOUBLE;

/// Activates when a contract's price crosses a level.
#[derive(Debug, Clone, PartialEq)]
pub struct PriceCondition {
    /// `true`: AND with the next condition; `false`: OR.
    pub is_conjunction_connection: bool,
    /// `true`: fires when the price is at or above `price`; `false`: at or below.
    pub is_more: bool,
    /// Contract id of the watched instrument.
    pub con_id: i32,
    /// Exchange whose prices are watched.
    pub exchange: String,
    /// The threshold price.
    pub price: f64,
    /// Which price triggers (same codes as [`Order::trigger_method`](super::Order::trigger_method)).
    pub trigger_method: i32,
}

impl Default for PriceCondition {
    fn default() -> Self {
        Self {
            is_conjunction_connection: true,
            is_more: false,
            con_id: 0,
            exchange: String::new(),
            price: 0.0,
            trigger_method: 0,
        }
    }
}

/// Activates at a time of day.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeCondition {
    /// `true`: AND with the next condition; `false`: OR.
    pub is_conjunction_connection: bool,
    /// `true`: fires after `time`; `false`: before.
    pub is_more: bool,
    /// The time, `YYYYMMDD hh:mm:ss {tz}`.
    pub time: String,
}

impl Default for TimeCondition {
    fn default() -> Self {
        Self {
            is_conjunction_connection: true,
            is_more: false,
            time: String::new(),
        }
    }
}

/// Activates when the account's margin cushion crosses a percentage.
#[derive(Debug, Clone, PartialEq)]
pub struct MarginCondition {
    /// `true`: AND with the next condition; `false`: OR.
    pub is_conjunction_connection: bool,
    /// `true`: fires at or above `percent`; `false`: at or below.
    pub is_more: bool,
    /// Margin cushion, in percent.
    pub percent: i32,
}

impl Default for MarginCondition {
    fn default() -> Self {
        Self {
            is_conjunction_connection: true,
            is_more: false,
            percent: 0,
        }
    }
}

/// Activates when a trade in a given instrument occurs in the account.
#[derive(Debug, Clone, PartialEq)]
pub struct ExecutionCondition {
    /// `true`: AND with the next condition; `false`: OR.
    pub is_conjunction_connection: bool,
    /// Security type of the instrument.
    pub sec_type: String,
    /// Exchange of the execution.
    pub exchange: String,
    /// Symbol of the instrument.
    pub symbol: String,
}

impl Default for ExecutionCondition {
    fn default() -> Self {
        Self {
            is_conjunction_connection: true,
            sec_type: String::new(),
            exchange: String::new(),
            symbol: String::new(),
        }
    }
}

/// Activates when a contract's traded volume crosses a level.
#[derive(Debug, Clone, PartialEq)]
pub struct VolumeCondition {
    /// `true`: AND with the next condition; `false`: OR.
    pub is_conjunction_connection: bool,
    /// `true`: fires at or above `volume`; `false`: at or below.
    pub is_more: bool,
    /// Contract id of the watched instrument.
    pub con_id: i32,
    /// Exchange whose volume is watched.
    pub exchange: String,
    /// The threshold volume.
    pub volume: i32,
}

impl Default for VolumeCondition {
    fn default() -> Self {
        Self {
            is_conjunction_connection: true,
            is_more: false,
            con_id: 0,
            exchange: String::new(),
            volume: 0,
        }
    }
}

/// Activates when a contract's price change since the last close crosses a
/// percentage.
#[derive(Debug, Clone, PartialEq)]
pub struct PercentChangeCondition {
    /// `true`: AND with the next condition; `false`: OR.
    pub is_conjunction_connection: bool,
    /// `true`: fires at or above `change_percent`; `false`: at or below.
    pub is_more: bool,
    /// Contract id of the watched instrument.
    pub con_id: i32,
    /// Exchange whose prices are watched.
    pub exchange: String,
    /// The threshold change, in percent; [`UNSET_DOUBLE`] when not given.
    pub change_percent: f64,
}

impl Default for PercentChangeCondition {
    fn default() -> Self {
        Self {
            is_conjunction_connection: true,
            is_more: false,
            con_id: 0,
            exchange: String::new(),
            change_percent: UNSET_DOUBLE,
        }
    }
}

/// One condition of [`Order::conditions`](super::Order::conditions).
///
/// `Debug` prints the condition's own struct with its wire code first as
/// `cond_type` (the official classes' `condType` attribute), without the
/// enum wrapper.
#[derive(Clone, PartialEq)]
pub enum OrderCondition {
    /// See [`PriceCondition`].
    Price(PriceCondition),
    /// See [`TimeCondition`].
    Time(TimeCondition),
    /// See [`MarginCondition`].
    Margin(MarginCondition),
    /// See [`ExecutionCondition`].
    Execution(ExecutionCondition),
    /// See [`VolumeCondition`].
    Volume(VolumeCondition),
    /// See [`PercentChangeCondition`].
    PercentChange(PercentChangeCondition),
}

impl OrderCondition {
    /// Wire code of a price condition.
    pub const PRICE: i32 = 1;
    /// Wire code of a time condition.
    pub const TIME: i32 = 3;
    /// Wire code of a margin condition.
    pub const MARGIN: i32 = 4;
    /// Wire code of an execution condition.
    pub const EXECUTION: i32 = 5;
    /// Wire code of a volume condition.
    pub const VOLUME: i32 = 6;
    /// Wire code of a percent-change condition.
    pub const PERCENT_CHANGE: i32 = 7;

    /// A condition of the given wire code with default fields, or `None` for
    /// a code this API does not know (the official `Create`).
    pub fn create(cond_type: i32) -> Option<Self> {
        Some(match cond_type {
            Self::PRICE => Self::Price(PriceCondition::default()),
            Self::TIME => Self::Time(TimeCondition::default()),
            Self::MARGIN => Self::Margin(MarginCondition::default()),
            Self::EXECUTION => Self::Execution(ExecutionCondition::default()),
            Self::VOLUME => Self::Volume(VolumeCondition::default()),
            Self::PERCENT_CHANGE => Self::PercentChange(PercentChangeCondition::default()),
            _ => return None,
        })
    }

    /// The wire code of this condition (the official `type()`).
    pub fn cond_type(&self) -> i32 {
        match self {
            Self::Price(_) => Self::PRICE,
            Self::Time(_) => Self::TIME,
            Self::Margin(_) => Self::MARGIN,
            Self::Execution(_) => Self::EXECUTION,
            Self::Volume(_) => Self::VOLUME,
            Self::PercentChange(_) => Self::PERCENT_CHANGE,
        }
    }

    /// `true` if this condition is joined to the next one with AND, `false` for OR.
    pub fn is_conjunction_connection(&self) -> bool {
        match self {
            Self::Price(c) => c.is_conjunction_connection,
            Self::Time(c) => c.is_conjunction_connection,
            Self::Margin(c) => c.is_conjunction_connection,
            Self::Execution(c) => c.is_conjunction_connection,
            Self::Volume(c) => c.is_conjunction_connection,
            Self::PercentChange(c) => c.is_conjunction_connection,
        }
    }

    /// Sets how this condition is joined to the next one: `true` AND, `false` OR.
    pub fn set_conjunction_connection(&mut self, conjunction: bool) {
        let flag = match self {
            Self::Price(c) => &mut c.is_conjunction_connection,
            Self::Time(c) => &mut c.is_conjunction_connection,
            Self::Margin(c) => &mut c.is_conjunction_connection,
            Self::Execution(c) => &mut c.is_conjunction_connection,
            Self::Volume(c) => &mut c.is_conjunction_connection,
            Self::PercentChange(c) => &mut c.is_conjunction_connection,
        };
        *flag = conjunction;
    }

    /// Joins this condition to the next one with AND (the official `And()`).
    #[must_use]
    pub fn and(mut self) -> Self {
        self.set_conjunction_connection(true);
        self
    }

    /// Joins this condition to the next one with OR (the official `Or()`).
    #[must_use]
    pub fn or(mut self) -> Self {
        self.set_conjunction_connection(false);
        self
    }
}

impl std::fmt::Debug for OrderCondition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let code = self.cond_type();
        match self {
            Self::Price(c) => f
                .debug_struct("PriceCondition")
                .field("cond_type", &code)
                .field("is_conjunction_connection", &c.is_conjunction_connection)
                .field("is_more", &c.is_more)
                .field("con_id", &c.con_id)
                .field("exchange", &c.exchange)
                .field("price", &c.price)
                .field("trigger_method", &c.trigger_method)
                .finish(),
            Self::Time(c) => f
                .debug_struct("TimeCondition")
                .field("cond_type", &code)
                .field("is_conjunction_connection", &c.is_conjunction_connection)
                .field("is_more", &c.is_more)
                .field("time", &c.time)
                .finish(),
            Self::Margin(c) => f
                .debug_struct("MarginCondition")
                .field("cond_type", &code)
                .field("is_conjunction_connection", &c.is_conjunction_connection)
                .field("is_more", &c.is_more)
                .field("percent", &c.percent)
                .finish(),
            Self::Execution(c) => f
                .debug_struct("ExecutionCondition")
                .field("cond_type", &code)
                .field("is_conjunction_connection", &c.is_conjunction_connection)
                .field("sec_type", &c.sec_type)
                .field("exchange", &c.exchange)
                .field("symbol", &c.symbol)
                .finish(),
            Self::Volume(c) => f
                .debug_struct("VolumeCondition")
                .field("cond_type", &code)
                .field("is_conjunction_connection", &c.is_conjunction_connection)
                .field("is_more", &c.is_more)
                .field("con_id", &c.con_id)
                .field("exchange", &c.exchange)
                .field("volume", &c.volume)
                .finish(),
            Self::PercentChange(c) => f
                .debug_struct("PercentChangeCondition")
                .field("cond_type", &code)
                .field("is_conjunction_connection", &c.is_conjunction_connection)
                .field("is_more", &c.is_more)
                .field("con_id", &c.con_id)
                .field("exchange", &c.exchange)
                .field("change_percent", &c.change_percent)
                .finish(),
        }
    }
}

impl From<PriceCondition> for OrderCondition {
    fn from(c: PriceCondition) -> Self {
        Self::Price(c)
    }
}

impl From<TimeCondition> for OrderCondition {
    fn from(c: TimeCondition) -> Self {
        Self::Time(c)
    }
}

impl From<MarginCondition> for OrderCondition {
    fn from(c: MarginCondition) -> Self {
        Self::Margin(c)
    }
}

impl From<ExecutionCondition> for OrderCondition {
    fn from(c: ExecutionCondition) -> Self {
        Self::Execution(c)
    }
}

impl From<VolumeCondition> for OrderCondition {
    fn from(c: VolumeCondition) -> Self {
        Self::Volume(c)
    }
}

impl From<PercentChangeCondition> for OrderCondition {
    fn from(c: PercentChangeCondition) -> Self {
        Self::PercentChange(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_knows_every_official_code() {
        for code in [1, 3, 4, 5, 6, 7] {
            let cond = OrderCondition::create(code).expect("known code");
            assert_eq!(cond.cond_type(), code);
            assert!(cond.is_conjunction_connection());
        }
        assert_eq!(OrderCondition::create(2), None);
        assert_eq!(OrderCondition::create(0), None);
    }

    #[test]
    fn and_or_toggle_the_flag() {
        let cond = OrderCondition::from(TimeCondition::default()).or();
        assert!(!cond.is_conjunction_connection());
        assert!(cond.and().is_conjunction_connection());
    }
}
