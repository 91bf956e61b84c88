//! Option computations: calculateImpliedVolatility, calculateOptionPrice,
//! their cancels, and tickOptionComputation.

use super::{dropped, options, ContractBlock};
use crate::messages::ids::{incoming, outgoing};
use crate::messages::layout::refuse;
use crate::messages::layout::version;
use crate::messages::layout::{Io, Layout};
use crate::model::{tick_type, Contract, TagValue, TickType, UNSET_DOUBLE, UNSET_INTEGER};
use crate::server_versions::LATEST_OFFICIAL_FROM;
use crate::server_versions::{
    MIN_SERVER_VER_LINKING, MIN_SERVER_VER_PRICE_BASED_VOLATILITY,
    MIN_SERVER_VER_REQ_CALC_IMPLIED_VOLAT, MIN_SERVER_VER_TRADING_CLASS,
};
use crate::wire::{DecodeError, EncodeError};
use crate::{flat_message, layout_message};

const CALC_REFUSED: &str = "  It does not support calculateImpliedVolatility req.";
const CALC_TRADING_CLASS_REFUSED: &str =
    "  It does not support tradingClass parameter in calculateImpliedVolatility.";

/// The layout shared by `calculateImpliedVolatility` and `calculateOptionPrice`
/// (message version 3): the contract, two numbers (`$first`, the under
/// price), the options (after a count the other side does not need).
macro_rules! calc_message {
    ($t:ident = $id:path, $first:ident, $options:ident, $refused:expr) => {
        impl Layout for $t {
            fn check(&self, sv: i32) -> Result<(), EncodeError> {
                refuse(sv < MIN_SERVER_VER_REQ_CALC_IMPLIED_VOLAT, CALC_REFUSED)?;
                refuse(
                    sv < MIN_SERVER_VER_TRADING_CLASS && !self.contract.trading_class.is_empty(),
                    CALC_TRADING_CLASS_REFUSED,
                )?;
                // 10.51.1 sends no options ("not supported"); it finds a
                // contract text it cannot send (579) first.
                let c = &self.contract;
                let printable = [
                    &c.symbol,
                    &c.sec_type,
                    &c.last_trade_date_or_contract_month,
                    &c.right,
                    &c.multiplier,
                    &c.exchange,
                    &c.primary_exchange,
                    &c.currency,
                    &c.local_symbol,
                    &c.trading_class,
                ]
                .iter()
                .all(|t| crate::wire::fields::is_ascii_printable(t));
                if sv >= LATEST_OFFICIAL_FROM && !self.$options.is_empty() && printable {
                    return Err($refused);
                }
                Ok(())
            }

            fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
                let sv = io.sv();
                version(io, 3)?;
                io.int(&mut self.req_id, "req id")?;
                ContractBlock {
                    trading_class: sv >= MIN_SERVER_VER_TRADING_CLASS,
                    ..ContractBlock::FULL
                }
                .layout(io, &mut self.contract)?;
                io.float(&mut self.$first, stringify!($first))?;
                io.float(&mut self.under_price, "under price")?;
                if sv >= MIN_SERVER_VER_LINKING {
                    // 10.37.2 sends a count before the options; 10.51.1
                    // (the truth from LATEST_OFFICIAL_FROM on) the options
                    // alone, one field fewer. Both are read.
                    let count = if io.reading() {
                        io.remaining_fields() != 1
                    } else {
                        sv < LATEST_OFFICIAL_FROM
                    };
                    if count {
                        dropped(io, self.$options.len(), "options count")?;
                    }
                    options(io, &mut self.$options, "options")?;
                }
                Ok(())
            }
        }

        layout_message!($t = $id, impl { crate::protobuf_form!(outgoing::protobuf_since); });
    };
}

/// `calculateImpliedVolatility`: the implied volatility (and greeks) of an
/// option at a given option and underlying price; answered with
/// `tickOptionComputation` (tick type 53).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReqCalcImpliedVolat {
    /// The request id.
    pub req_id: i32,
    /// The option.
    pub contract: Contract,
    /// The option's price.
    pub option_price: f64,
    /// The underlying's price.
    pub under_price: f64,
    /// Internal options (sent as a count and `tag=value;` pairs).
    pub impl_vol_options: Vec<TagValue>,
}

calc_message!(
    ReqCalcImpliedVolat = outgoing::REQ_CALC_IMPLIED_VOLAT,
    option_price,
    impl_vol_options,
    EncodeError::Refused {
        code: crate::errors::FAIL_SEND_REQCALCIMPLIEDVOLAT.code,
        text: "Request Calculate Implied Volatility Sending Error - not supported",
    }
);

/// `calculateOptionPrice`: the price (and greeks) of an option at a given
/// volatility and underlying price; answered with `tickOptionComputation`
/// (tick type 53).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReqCalcOptionPrice {
    /// The request id.
    pub req_id: i32,
    /// The option.
    pub contract: Contract,
    /// The volatility (0.25 for 25%).
    pub volatility: f64,
    /// The underlying's price.
    pub under_price: f64,
    /// Internal options (sent as a count and `tag=value;` pairs).
    pub opt_prc_options: Vec<TagValue>,
}

calc_message!(
    ReqCalcOptionPrice = outgoing::REQ_CALC_OPTION_PRICE,
    volatility,
    opt_prc_options,
    EncodeError::Refused {
        code: crate::errors::FAIL_SEND_REQCALCOPTIONPRICE.code,
        text: "Request Calculate Option Price Sending Error - not supported",
    }
);

/// The two calculation cancels: the same message under two ids.
macro_rules! cancel_calc {
    ($(#[$doc:meta])* $name:ident = $id:path) => {
        flat_message! {
            $(#[$doc])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
            pub struct $name = $id {
                version 1;
                refuse MIN_SERVER_VER_REQ_CALC_IMPLIED_VOLAT, CALC_REFUSED;
                /// The request id of the calculation.
                pub req_id: i32 = Int,
            }
            impl { crate::protobuf_form!(outgoing::protobuf_since); }
        }
    };
}

cancel_calc!(
    /// `cancelCalculateImpliedVolatility` (message version 1).
    CancelCalcImpliedVolat = outgoing::CANCEL_CALC_IMPLIED_VOLAT
);
cancel_calc!(
    /// `cancelCalculateOptionPrice` (message version 1).
    CancelCalcOptionPrice = outgoing::CANCEL_CALC_OPTION_PRICE
);

/// `tickOptionComputation`: implied volatility, greeks and prices of an option.
///
/// The numbers are kept as they are on the wire, where TWS marks a value it
/// did not compute with −1 (implied volatility: any negative; option price,
/// PV dividend, underlying price) or −2 (delta, gamma, vega, theta);
/// [`TickOptionComputation::values`] turns those into
/// [`UNSET_DOUBLE`], as the official decoder turns them into `None`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TickOptionComputation {
    /// The message version; on the wire before server version 156
    /// (`MIN_SERVER_VER_PRICE_BASED_VOLATILITY`) only. From 6 on every value is sent.
    pub version: i32,
    /// The ticker id.
    pub req_id: i32,
    /// 10 bid, 11 ask, 12 last, 13 model, 53 custom (and 80–83 delayed).
    pub tick_type: TickType,
    /// 0 return-based, 1 price-based (server version 156 and up;
    /// [`UNSET_INTEGER`] before).
    pub tick_attrib: i32,
    /// Implied volatility (negative: not computed).
    pub implied_vol: f64,
    /// Delta (−2: not computed).
    pub delta: f64,
    /// Option price (−1: not computed).
    pub opt_price: f64,
    /// Present value of dividends (−1: not computed).
    pub pv_dividend: f64,
    /// Gamma (−2: not computed).
    pub gamma: f64,
    /// Vega (−2: not computed).
    pub vega: f64,
    /// Theta (−2: not computed).
    pub theta: f64,
    /// Underlying price (−1: not computed).
    pub und_price: f64,
}

impl Default for TickOptionComputation {
    fn default() -> Self {
        TickOptionComputation {
            version: 6,
            req_id: 0,
            tick_type: tick_type::MODEL_OPTION,
            tick_attrib: 0,
            implied_vol: -1.0,
            delta: -2.0,
            opt_price: -1.0,
            pv_dividend: -1.0,
            gamma: -2.0,
            vega: -2.0,
            theta: -2.0,
            und_price: -1.0,
        }
    }
}

/// The callback's values of a [`TickOptionComputation`], not computed ones as
/// [`UNSET_DOUBLE`], in the order of the `tickOptionComputation` arguments
/// after the tick attribute.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OptionValues {
    /// Implied volatility.
    pub implied_vol: f64,
    /// Delta.
    pub delta: f64,
    /// Option price.
    pub opt_price: f64,
    /// PV dividend.
    pub pv_dividend: f64,
    /// Gamma.
    pub gamma: f64,
    /// Vega.
    pub vega: f64,
    /// Theta.
    pub theta: f64,
    /// Underlying price.
    pub und_price: f64,
}

impl TickOptionComputation {
    /// Whether the message carries the option price and PV dividend at this server version.
    fn has_prices(&self, sv: i32) -> bool {
        self.full(sv)
            || self.tick_type == tick_type::MODEL_OPTION
            || self.tick_type == tick_type::DELAYED_MODEL_OPTION
    }

    /// Whether the message carries gamma, vega, theta and the underlying price.
    fn full(&self, sv: i32) -> bool {
        sv >= MIN_SERVER_VER_PRICE_BASED_VOLATILITY || self.version >= 6
    }

    /// The values as the official decoder hands them to `tickOptionComputation`
    /// at server version `sv`: not computed or not sent as [`UNSET_DOUBLE`].
    pub fn values(&self, sv: i32) -> OptionValues {
        let neg1 = |v: f64| if v == -1.0 { UNSET_DOUBLE } else { v };
        let neg2 = |v: f64| if v == -2.0 { UNSET_DOUBLE } else { v };
        let prices = self.has_prices(sv);
        let full = self.full(sv);
        OptionValues {
            implied_vol: if self.implied_vol < 0.0 {
                UNSET_DOUBLE
            } else {
                self.implied_vol
            },
            delta: neg2(self.delta),
            opt_price: if prices {
                neg1(self.opt_price)
            } else {
                UNSET_DOUBLE
            },
            pv_dividend: if prices {
                neg1(self.pv_dividend)
            } else {
                UNSET_DOUBLE
            },
            gamma: if full { neg2(self.gamma) } else { UNSET_DOUBLE },
            vega: if full { neg2(self.vega) } else { UNSET_DOUBLE },
            theta: if full { neg2(self.theta) } else { UNSET_DOUBLE },
            und_price: if full {
                neg1(self.und_price)
            } else {
                UNSET_DOUBLE
            },
        }
    }
}

impl Layout for TickOptionComputation {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let sv = io.sv();
        if sv < MIN_SERVER_VER_PRICE_BASED_VOLATILITY {
            io.int(&mut self.version, "version")?;
        }
        io.int(&mut self.req_id, "req id")?;
        io.int(&mut self.tick_type, "tick type")?;
        if sv >= MIN_SERVER_VER_PRICE_BASED_VOLATILITY {
            io.int(&mut self.tick_attrib, "tick attrib")?;
        } else if io.reading() {
            // Not on the wire: the official decoder passes its unset value.
            self.tick_attrib = UNSET_INTEGER;
        }
        io.float(&mut self.implied_vol, "implied vol")?;
        io.float(&mut self.delta, "delta")?;
        if self.has_prices(sv) {
            io.float(&mut self.opt_price, "opt price")?;
            io.float(&mut self.pv_dividend, "pv dividend")?;
        }
        if self.full(sv) {
            io.float(&mut self.gamma, "gamma")?;
            io.float(&mut self.vega, "vega")?;
            io.float(&mut self.theta, "theta")?;
            io.float(&mut self.und_price, "und price")?;
        }
        Ok(())
    }
}

layout_message!(TickOptionComputation = incoming::TICK_OPTION_COMPUTATION, impl {
    crate::protobuf_form!(incoming::protobuf_since);
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::test_util::{round_trip, VERSIONS};

    fn option() -> Contract {
        Contract {
            con_id: 0,
            symbol: "SPY".into(),
            sec_type: "OPT".into(),
            last_trade_date_or_contract_month: "20261218".into(),
            strike: 450.0,
            right: "C".into(),
            multiplier: "100".into(),
            exchange: "SMART".into(),
            currency: "USD".into(),
            trading_class: "SPY".into(),
            ..Contract::default()
        }
    }

    #[test]
    fn requests_round_trip() {
        for sv in VERSIONS {
            let iv = ReqCalcImpliedVolat {
                req_id: 4,
                contract: option(),
                option_price: 12.5,
                under_price: 451.25,
                impl_vol_options: vec![TagValue {
                    tag: "a".into(),
                    value: "1".into(),
                }],
            };
            assert_eq!(round_trip(&iv, sv), iv);
            let p = ReqCalcOptionPrice {
                req_id: 5,
                contract: option(),
                volatility: 0.2,
                under_price: 451.25,
                opt_prc_options: vec![],
            };
            assert_eq!(round_trip(&p, sv), p);
            assert_eq!(
                round_trip(&CancelCalcImpliedVolat { req_id: 4 }, sv).req_id,
                4
            );
            assert_eq!(
                round_trip(&CancelCalcOptionPrice { req_id: 5 }, sv).req_id,
                5
            );
        }
    }

    #[test]
    fn computations_round_trip_at_every_version() {
        for sv in [100, 150, 155, 156, 176, 203] {
            for version in [5, 6] {
                for t in [tick_type::BID_OPTION_COMPUTATION, tick_type::MODEL_OPTION] {
                    let mut m = TickOptionComputation {
                        version: if sv < MIN_SERVER_VER_PRICE_BASED_VOLATILITY {
                            version
                        } else {
                            6
                        },
                        req_id: 9,
                        tick_type: t,
                        tick_attrib: if sv < MIN_SERVER_VER_PRICE_BASED_VOLATILITY {
                            UNSET_INTEGER
                        } else {
                            1
                        },
                        implied_vol: 0.21,
                        delta: 0.55,
                        opt_price: 12.5,
                        pv_dividend: 1.25,
                        gamma: 0.01,
                        vega: 0.3,
                        theta: -0.05,
                        und_price: 451.0,
                    };
                    let back = round_trip(&m, sv);
                    if !m.has_prices(sv) {
                        m.opt_price = -1.0;
                        m.pv_dividend = -1.0;
                    }
                    if !m.full(sv) {
                        m.gamma = -2.0;
                        m.vega = -2.0;
                        m.theta = -2.0;
                        m.und_price = -1.0;
                    }
                    assert_eq!(back, m, "sv {sv} version {version} tick type {t}");
                }
            }
        }
        let _ = VERSIONS;
    }

    #[test]
    fn not_computed_values_are_unset() {
        let m = TickOptionComputation {
            implied_vol: -0.5,
            delta: -2.0,
            gamma: -1.0,
            und_price: -2.0,
            ..TickOptionComputation::default()
        };
        let v = m.values(203);
        assert_eq!(v.implied_vol, UNSET_DOUBLE);
        assert_eq!(v.delta, UNSET_DOUBLE);
        assert_eq!(v.opt_price, UNSET_DOUBLE);
        assert_eq!(v.gamma, -1.0);
        assert_eq!(v.und_price, -2.0);
        let old = TickOptionComputation {
            version: 5,
            tick_type: tick_type::BID_OPTION_COMPUTATION,
            opt_price: 3.0,
            ..m
        };
        assert_eq!(old.values(150).opt_price, UNSET_DOUBLE);
    }
}

mod deliver {
    //! How option computations reach the `EWrapper`.
    use super::*;
    use crate::messages::incoming::Incoming;
    use crate::messages::route::Route;
    use crate::wire::DecodeError;
    use crate::EWrapper;

    impl Incoming for TickOptionComputation {
        fn deliver(&self, sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            let v = self.values(sv);
            w.tick_option_computation(
                self.req_id,
                self.tick_type,
                self.tick_attrib,
                v.implied_vol,
                v.delta,
                v.opt_price,
                v.pv_dividend,
                v.gamma,
                v.vega,
                v.theta,
                v.und_price,
            );
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }
}
