//! The rarer top-of-book messages of `reqMktData`: tickEFP, tickNews,
//! deltaNeutralValidation and rerouteMktDataReq.

use super::delta_neutral;
use crate::messages::ids::incoming;
use crate::messages::layout::version;
use crate::messages::layout::{Io, Layout};
use crate::model::{DeltaNeutralContract, TickType};
use crate::wire::DecodeError;
use crate::{flat_message, layout_message};

flat_message! {
    /// `tickEFP` (message version 1): an exchange-for-physical tick.
    ///
    /// The official client decodes it generically from the callback's signature:
    /// its text fields are unescaped from server version 153 as error texts are.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct TickEfp = incoming::TICK_EFP {
        version 1;
        /// The ticker id.
        pub req_id: i32 = Int,
        /// The tick type (38–45).
        pub tick_type: TickType = Int,
        /// The basis in points.
        pub basis_points: f64 = Float,
        /// The basis as text.
        pub formatted_basis_points: String = Text,
        /// The implied futures price's total dividends.
        pub total_dividends: f64 = Float,
        /// Days to the future's last trade date.
        pub hold_days: i32 = Int,
        /// The future's last trade date.
        pub future_last_trade_date: String = Text,
        /// The dividend impact on the basis.
        pub dividend_impact: f64 = Float,
        /// Dividends expected until the last trade date.
        pub dividends_to_last_trade_date: f64 = Float,
    }
}

flat_message! {
    /// `tickNews`: a headline on a `reqMktData` subscription with generic tick
    /// 292 (`mdoff,292:BRFG` style). It has no version field.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct TickNews = incoming::TICK_NEWS {
        /// The ticker id.
        pub ticker_id: i32 = Int,
        /// Epoch milliseconds.
        pub time_stamp: i64 = Int,
        /// The news provider (`BRFG`, `DJNL`, …).
        pub provider_code: String = Raw,
        /// The article id, for `reqNewsArticle`.
        pub article_id: String = Raw,
        /// The headline.
        pub headline: String = Raw,
        /// Extra data (`K:n.nn;C:n.nn` sentiment and confidence, …).
        pub extra_data: String = Raw,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

/// `deltaNeutralValidation` (message version 1): the delta-neutral contract
/// TWS accepted for a combo's `reqMktData`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DeltaNeutralValidation {
    /// The ticker id.
    pub req_id: i32,
    /// The underlying, its delta and price.
    pub delta_neutral_contract: DeltaNeutralContract,
}

impl Layout for DeltaNeutralValidation {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        version(io, 1)?;
        io.int(&mut self.req_id, "req id")?;
        delta_neutral(io, &mut self.delta_neutral_contract)
    }
}

layout_message!(DeltaNeutralValidation = incoming::DELTA_NEUTRAL_VALIDATION);

flat_message! {
    /// `rerouteMktDataReq`: a market data request (for a CFD) was rerouted to
    /// the underlying `con_id` on `exchange`. It has no version field.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct RerouteMktDataReq = incoming::REROUTE_MKT_DATA_REQ {
        /// The ticker id.
        pub req_id: i32 = Int,
        /// The contract the data comes from.
        pub con_id: i32 = Int,
        /// Its exchange.
        pub exchange: String = Raw,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::test_util::{round_trip, VERSIONS};

    #[test]
    fn round_trips() {
        for sv in VERSIONS {
            let efp = TickEfp {
                req_id: 1,
                tick_type: 38,
                basis_points: 0.25,
                formatted_basis_points: "0.25 \u{e9}\\".into(),
                total_dividends: 1.5,
                hold_days: 30,
                future_last_trade_date: "20261218".into(),
                dividend_impact: 0.1,
                dividends_to_last_trade_date: 1.2,
            };
            assert_eq!(round_trip(&efp, sv), efp);
            let news = TickNews {
                ticker_id: 2,
                time_stamp: 1_763_916_832_000,
                provider_code: "BRFG".into(),
                article_id: "BRFG$1a2b".into(),
                headline: "Apple \u{2013} news".into(),
                extra_data: "K:0.75;C:0.9".into(),
            };
            assert_eq!(round_trip(&news, sv), news);
            let dn = DeltaNeutralValidation {
                req_id: 3,
                delta_neutral_contract: DeltaNeutralContract {
                    con_id: 756733,
                    delta: 0.5,
                    price: 450.0,
                },
            };
            assert_eq!(round_trip(&dn, sv), dn);
            let rr = RerouteMktDataReq {
                req_id: 4,
                con_id: 12087792,
                exchange: "IDEALPRO".into(),
            };
            assert_eq!(round_trip(&rr, sv), rr);
        }
    }
}

mod deliver {
    //! How the other ticks reach the `EWrapper`.
    use super::*;
    use crate::messages::incoming::Incoming;
    use crate::messages::route::Route;
    use crate::wire::DecodeError;
    use crate::EWrapper;

    impl Incoming for TickEfp {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.tick_efp(
                self.req_id,
                self.tick_type,
                self.basis_points,
                &self.formatted_basis_points,
                self.total_dividends,
                self.hold_days,
                &self.future_last_trade_date,
                self.dividend_impact,
                self.dividends_to_last_trade_date,
            );
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }

    impl Incoming for TickNews {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.tick_news(
                self.ticker_id,
                self.time_stamp,
                &self.provider_code,
                &self.article_id,
                &self.headline,
                &self.extra_data,
            );
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.ticker_id)
        }
    }

    impl Incoming for DeltaNeutralValidation {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.delta_neutral_validation(self.req_id, &self.delta_neutral_contract);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }

    impl Incoming for RerouteMktDataReq {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.reroute_mkt_data_req(self.req_id, self.con_id, &self.exchange);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }
}
