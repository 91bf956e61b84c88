//! The rarer top-of-book messages of `reqMktData`: tickEFP, tickNews,
//! deltaNeutralValidation and rerouteMktDataReq.

use crate::messages::ids::incoming;
use crate::messages::{read_text, write_text, Message};
use crate::model::{DeltaNeutralContract, TickType};
use crate::wire::{DecodeError, EncodeError, FieldReader, FieldWriter};

/// `tickEFP` (message version 1): an exchange-for-physical tick.
///
/// The official client decodes it generically from the callback's signature:
/// its text fields are unescaped from server version 153 as error texts are.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TickEfp {
    /// The ticker id.
    pub req_id: i32,
    /// The tick type (38–45).
    pub tick_type: TickType,
    /// The basis in points.
    pub basis_points: f64,
    /// The basis as text.
    pub formatted_basis_points: String,
    /// The implied futures price's total dividends.
    pub total_dividends: f64,
    /// Days to the future's last trade date.
    pub hold_days: i32,
    /// The future's last trade date.
    pub future_last_trade_date: String,
    /// The dividend impact on the basis.
    pub dividend_impact: f64,
    /// Dividends expected until the last trade date.
    pub dividends_to_last_trade_date: f64,
}

impl Message for TickEfp {
    const ID: u32 = incoming::TICK_EFP;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        w.put_int(self.req_id);
        w.put_int(self.tick_type);
        w.put_f64(self.basis_points);
        write_text(sv, w, &self.formatted_basis_points);
        w.put_f64(self.total_dividends);
        w.put_int(self.hold_days);
        write_text(sv, w, &self.future_last_trade_date);
        w.put_f64(self.dividend_impact);
        w.put_f64(self.dividends_to_last_trade_date);
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(TickEfp {
            req_id: r.read_int_named("req id")?,
            tick_type: r.read_int_named("tick type")?,
            basis_points: r.read_f64("basis points")?,
            formatted_basis_points: read_text(sv, r, "formatted basis points")?,
            total_dividends: r.read_f64("total dividends")?,
            hold_days: r.read_int_named("hold days")?,
            future_last_trade_date: read_text(sv, r, "future last trade date")?,
            dividend_impact: r.read_f64("dividend impact")?,
            dividends_to_last_trade_date: r.read_f64("dividends to last trade date")?,
        })
    }
}

/// `tickNews`: a headline on a `reqMktData` subscription with generic tick
/// 292 (`mdoff,292:BRFG` style). It has no version field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TickNews {
    /// The ticker id.
    pub ticker_id: i32,
    /// Epoch milliseconds.
    pub time_stamp: i64,
    /// The news provider (`BRFG`, `DJNL`, …).
    pub provider_code: String,
    /// The article id, for `reqNewsArticle`.
    pub article_id: String,
    /// The headline.
    pub headline: String,
    /// Extra data (`K:n.nn;C:n.nn` sentiment and confidence, …).
    pub extra_data: String,
}

impl Message for TickNews {
    const ID: u32 = incoming::TICK_NEWS;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.ticker_id);
        w.put_int(self.time_stamp);
        w.put_str_raw(&self.provider_code);
        w.put_str_raw(&self.article_id);
        w.put_str_raw(&self.headline);
        w.put_str_raw(&self.extra_data);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(TickNews {
            ticker_id: r.read_int_named("ticker id")?,
            time_stamp: r.read_int_named("time stamp")?,
            provider_code: r.read_string("provider code")?,
            article_id: r.read_string("article id")?,
            headline: r.read_string("headline")?,
            extra_data: r.read_string("extra data")?,
        })
    }
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

impl Message for DeltaNeutralValidation {
    const ID: u32 = incoming::DELTA_NEUTRAL_VALIDATION;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        let dn = &self.delta_neutral_contract;
        w.put_int(1);
        w.put_int(self.req_id);
        w.put_int(dn.con_id);
        w.put_f64(dn.delta);
        w.put_f64(dn.price);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(DeltaNeutralValidation {
            req_id: r.read_int_named("req id")?,
            delta_neutral_contract: DeltaNeutralContract {
                con_id: r.read_int_named("con id")?,
                delta: r.read_f64("delta")?,
                price: r.read_f64("price")?,
            },
        })
    }
}

/// `rerouteMktDataReq`: a market data request (for a CFD) was rerouted to
/// the underlying `con_id` on `exchange`. It has no version field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RerouteMktDataReq {
    /// The ticker id.
    pub req_id: i32,
    /// The contract the data comes from.
    pub con_id: i32,
    /// Its exchange.
    pub exchange: String,
}

impl Message for RerouteMktDataReq {
    const ID: u32 = incoming::REROUTE_MKT_DATA_REQ;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(self.req_id);
        w.put_int(self.con_id);
        w.put_str_raw(&self.exchange);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        Ok(RerouteMktDataReq {
            req_id: r.read_int_named("req id")?,
            con_id: r.read_int_named("con id")?,
            exchange: r.read_string("exchange")?,
        })
    }
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
