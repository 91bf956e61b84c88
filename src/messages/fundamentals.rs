//! Fundamental data and Wall Street Horizon (WSH) calendar events.
//!
//! `reqFundamentalData` / `cancelFundamentalData` → `fundamentalData`;
//! `reqWshMetaData` / `cancelWshMetaData` → `wshMetaData`;
//! `reqWshEventData` / `cancelWshEventData` → `wshEventData`.

use super::ids::{incoming, outgoing};
use super::scanner::{parse_tag_values, tag_values_field};
use super::{read_text, write_text, Message};
use crate::model::{Contract, TagValue, WshEventData, UNSET_INTEGER};
use crate::server_versions::{
    MIN_SERVER_VER_FUNDAMENTAL_DATA, MIN_SERVER_VER_LINKING, MIN_SERVER_VER_TRADING_CLASS,
    MIN_SERVER_VER_WSHE_CALENDAR, MIN_SERVER_VER_WSH_EVENT_DATA_FILTERS,
    MIN_SERVER_VER_WSH_EVENT_DATA_FILTERS_DATE,
};
use crate::wire::{DecodeError, EncodeError, FieldReader, FieldWriter};

const NO_FUNDAMENTALS: &str = "  It does not support fundamental data request.";
const NO_WSH: &str = " It does not support WSHE Calendar API.";

/// `reqFundamentalData` (message version 2): a Reuters/Refinitiv XML report
/// (`ReportSnapshot`, `ReportsFinSummary`, `ReportRatios`,
/// `ReportsFinStatements`, `RESC`, …), answered by [`FundamentalData`].
///
/// Only these contract fields are sent: conId, symbol, secType, exchange,
/// primaryExchange, currency, localSymbol.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReqFundamentalData {
    /// The request id.
    pub req_id: i32,
    /// The stock.
    pub contract: Contract,
    /// The report type.
    pub report_type: String,
    /// Options (reserved), sent from server version 70 as a count and a
    /// `tag=value;` field.
    pub fundamental_data_options: Vec<TagValue>,
}

impl Message for ReqFundamentalData {
    const ID: u32 = outgoing::REQ_FUNDAMENTAL_DATA;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        if sv < MIN_SERVER_VER_FUNDAMENTAL_DATA {
            return Err(EncodeError::UpdateTws(NO_FUNDAMENTALS));
        }
        if sv < MIN_SERVER_VER_TRADING_CLASS {
            return Err(EncodeError::UpdateTws(
                "  It does not support conId parameter in reqFundamentalData.",
            ));
        }
        let c = &self.contract;
        w.put_int(2);
        w.put_int(self.req_id);
        w.put_int(c.con_id);
        w.put_str(&c.symbol);
        w.put_str(&c.sec_type);
        w.put_str(&c.exchange);
        w.put_str(&c.primary_exchange);
        w.put_str(&c.currency);
        w.put_str(&c.local_symbol);
        w.put_str(&self.report_type);
        if sv >= MIN_SERVER_VER_LINKING {
            w.put_int(self.fundamental_data_options.len() as i64);
            w.put_str(&tag_values_field(&self.fundamental_data_options));
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        let req_id = r.read_int_named("req id")?;
        let contract = Contract {
            con_id: r.read_int_named("con id")?,
            symbol: r.read_string("symbol")?,
            sec_type: r.read_string("sec type")?,
            exchange: r.read_string("exchange")?,
            primary_exchange: r.read_string("primary exchange")?,
            currency: r.read_string("currency")?,
            local_symbol: r.read_string("local symbol")?,
            ..Contract::default()
        };
        let report_type = r.read_string("report type")?;
        let fundamental_data_options = if sv >= MIN_SERVER_VER_LINKING {
            r.skip("options count")?;
            parse_tag_values(r.read_str("fundamental data options")?)
        } else {
            Vec::new()
        };
        Ok(ReqFundamentalData {
            req_id,
            contract,
            report_type,
            fundamental_data_options,
        })
    }
}

/// `cancelFundamentalData` (message version 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CancelFundamentalData {
    /// The request id given to [`ReqFundamentalData`].
    pub req_id: i32,
}

impl Message for CancelFundamentalData {
    const ID: u32 = outgoing::CANCEL_FUNDAMENTAL_DATA;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        if sv < MIN_SERVER_VER_FUNDAMENTAL_DATA {
            return Err(EncodeError::UpdateTws(NO_FUNDAMENTALS));
        }
        w.put_int(1);
        w.put_int(self.req_id);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(CancelFundamentalData {
            req_id: r.read_int_named("req id")?,
        })
    }
}

/// `fundamentalData` (version 1): the XML report. Escaped by the server
/// from version 153 (the official decoder reads this message generically).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FundamentalData {
    /// The request id.
    pub req_id: i32,
    /// The XML document.
    pub data: String,
}

impl Message for FundamentalData {
    const ID: u32 = incoming::FUNDAMENTAL_DATA;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        w.put_int(self.req_id);
        write_text(sv, w, &self.data);
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(FundamentalData {
            req_id: r.read_int_named("req id")?,
            data: read_text(sv, r, "data")?,
        })
    }
}

macro_rules! wsh_id_request {
    ($(#[$doc:meta])* $name:ident = $id:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub struct $name {
            /// The request id.
            pub req_id: i32,
        }

        impl Message for $name {
            const ID: u32 = $id;

            fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
                if sv < MIN_SERVER_VER_WSHE_CALENDAR {
                    return Err(EncodeError::UpdateTws(NO_WSH));
                }
                w.put_int(self.req_id);
                Ok(())
            }

            fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
                Ok($name {
                    req_id: r.read_int_named("req id")?,
                })
            }
        }
    };
}

wsh_id_request!(
    /// `reqWshMetaData` (server version 161+): the WSH event types and
    /// filters, answered by [`WshMetaData`].
    ReqWshMetaData = outgoing::REQ_WSH_META_DATA
);
wsh_id_request!(
    /// `cancelWshMetaData` (server version 161+).
    CancelWshMetaData = outgoing::CANCEL_WSH_META_DATA
);
wsh_id_request!(
    /// `cancelWshEventData` (server version 161+).
    CancelWshEventData = outgoing::CANCEL_WSH_EVENT_DATA
);

/// `reqWshEventData` (server version 161+): WSH calendar events of a contract
/// (or of a filter), answered by [`WshEventDataMessage`].
///
/// The contract id and the limit are sent as plain integers, so their unset
/// value goes out as `2147483647`, as the official client sends it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReqWshEventData {
    /// The request id.
    pub req_id: i32,
    /// What to ask for.
    pub wsh_event_data: WshEventData,
}

impl Message for ReqWshEventData {
    const ID: u32 = outgoing::REQ_WSH_EVENT_DATA;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        let d = &self.wsh_event_data;
        if sv < MIN_SERVER_VER_WSHE_CALENDAR {
            return Err(EncodeError::UpdateTws(NO_WSH));
        }
        if sv < MIN_SERVER_VER_WSH_EVENT_DATA_FILTERS
            && (!d.filter.is_empty() || d.fill_watchlist || d.fill_portfolio || d.fill_competitors)
        {
            return Err(EncodeError::UpdateTws(
                " It does not support WSH event data filters.",
            ));
        }
        if sv < MIN_SERVER_VER_WSH_EVENT_DATA_FILTERS_DATE
            && (!d.start_date.is_empty()
                || !d.end_date.is_empty()
                || d.total_limit != UNSET_INTEGER)
        {
            return Err(EncodeError::UpdateTws(
                " It does not support WSH event data date filters.",
            ));
        }
        w.put_int(self.req_id);
        w.put_int(d.con_id);
        if sv >= MIN_SERVER_VER_WSH_EVENT_DATA_FILTERS {
            w.put_str(&d.filter);
            w.put_bool(d.fill_watchlist);
            w.put_bool(d.fill_portfolio);
            w.put_bool(d.fill_competitors);
        }
        if sv >= MIN_SERVER_VER_WSH_EVENT_DATA_FILTERS_DATE {
            w.put_str(&d.start_date);
            w.put_str(&d.end_date);
            w.put_int(d.total_limit);
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        let req_id = r.read_int_named("req id")?;
        let mut d = WshEventData {
            con_id: r.read_i32_max("con id")?,
            ..WshEventData::default()
        };
        if sv >= MIN_SERVER_VER_WSH_EVENT_DATA_FILTERS {
            d.filter = r.read_string("filter")?;
            d.fill_watchlist = r.read_bool("fill watchlist")?;
            d.fill_portfolio = r.read_bool("fill portfolio")?;
            d.fill_competitors = r.read_bool("fill competitors")?;
        }
        if sv >= MIN_SERVER_VER_WSH_EVENT_DATA_FILTERS_DATE {
            d.start_date = r.read_string("start date")?;
            d.end_date = r.read_string("end date")?;
            d.total_limit = r.read_i32_max("total limit")?;
        }
        Ok(ReqWshEventData {
            req_id,
            wsh_event_data: d,
        })
    }
}

macro_rules! json_answer {
    ($(#[$doc:meta])* $name:ident = $id:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Default)]
        pub struct $name {
            /// The request id.
            pub req_id: i32,
            /// The JSON document.
            pub data_json: String,
        }

        impl Message for $name {
            const ID: u32 = $id;

            fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
                w.put_int(self.req_id);
                w.put_str_raw(&self.data_json);
                Ok(())
            }

            fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
                Ok($name {
                    req_id: r.read_int_named("req id")?,
                    data_json: r.read_string("data json")?,
                })
            }
        }
    };
}

json_answer!(
    /// `wshMetaData`: the WSH meta data, JSON.
    WshMetaData = incoming::WSH_META_DATA
);
json_answer!(
    /// `wshEventData` (incoming `WSH_EVENT_DATA`): WSH events, JSON.
    WshEventDataMessage = incoming::WSH_EVENT_DATA
);

#[cfg(test)]
mod tests {
    use super::super::test_util::{round_trip, VERSIONS};
    use super::super::to_frame;
    use super::*;

    fn ibm() -> Contract {
        Contract {
            con_id: 8314,
            symbol: "IBM".into(),
            sec_type: "STK".into(),
            exchange: "SMART".into(),
            primary_exchange: "NYSE".into(),
            currency: "USD".into(),
            local_symbol: "IBM".into(),
            ..Contract::default()
        }
    }

    #[test]
    fn requests_round_trip() {
        for sv in VERSIONS {
            let f = ReqFundamentalData {
                req_id: 5,
                contract: ibm(),
                report_type: "ReportsFinSummary".into(),
                fundamental_data_options: vec![TagValue::new("a", "1")],
            };
            assert_eq!(round_trip(&f, sv), f);
            assert_eq!(
                round_trip(&CancelFundamentalData { req_id: 5 }, sv).req_id,
                5
            );
            if sv >= MIN_SERVER_VER_WSH_EVENT_DATA_FILTERS_DATE {
                assert_eq!(round_trip(&ReqWshMetaData { req_id: 1 }, sv).req_id, 1);
                assert_eq!(round_trip(&CancelWshMetaData { req_id: 1 }, sv).req_id, 1);
                assert_eq!(round_trip(&CancelWshEventData { req_id: 1 }, sv).req_id, 1);
                let e = ReqWshEventData {
                    req_id: 2,
                    wsh_event_data: WshEventData {
                        con_id: 8314,
                        filter: "{\"watchlist\":[\"8314\"]}".into(),
                        fill_watchlist: true,
                        fill_portfolio: false,
                        fill_competitors: true,
                        start_date: "20260101".into(),
                        end_date: "20261231".into(),
                        total_limit: 10,
                    },
                };
                assert_eq!(round_trip(&e, sv), e);
                let unset = ReqWshEventData::default();
                assert_eq!(round_trip(&unset, sv), unset);
            }
        }
    }

    #[test]
    fn wsh_unset_values_go_out_as_integers() {
        let frame = to_frame(&ReqWshEventData::default(), 176).unwrap();
        assert_eq!(
            &frame[4..],
            b"102\x000\x002147483647\x00\x000\x000\x000\x00\x00\x002147483647\x00"
        );
    }

    #[test]
    fn fundamental_layout() {
        let f = ReqFundamentalData {
            req_id: 5,
            contract: ibm(),
            report_type: "ReportSnapshot".into(),
            fundamental_data_options: vec![],
        };
        let frame = to_frame(&f, 176).unwrap();
        assert_eq!(
            &frame[4..],
            b"52\x002\x005\x008314\x00IBM\x00STK\x00SMART\x00NYSE\x00USD\x00IBM\x00ReportSnapshot\x000\x00\x00"
        );
        assert!(to_frame(&f, 60).is_err());
    }

    #[test]
    fn responses_round_trip() {
        for sv in VERSIONS {
            let f = FundamentalData {
                req_id: 5,
                data: "<?xml version=\"1.0\"?><ReportSnapshot>é</ReportSnapshot>".into(),
            };
            assert_eq!(round_trip(&f, sv), f);
            let m = WshMetaData {
                req_id: 1,
                data_json: "{\"meta\":1}".into(),
            };
            assert_eq!(round_trip(&m, sv), m);
            let e = WshEventDataMessage {
                req_id: 2,
                data_json: "[]".into(),
            };
            assert_eq!(round_trip(&e, sv), e);
        }
    }
}

mod deliver {
    //! How fundamental data and WSH answers reach the `EWrapper`.
    use super::*;
    use crate::messages::incoming::Incoming;
    use crate::messages::route::Route;
    use crate::EWrapper;

    impl Incoming for FundamentalData {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.fundamental_data(self.req_id, &self.data);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id).ending()
        }
    }

    impl Incoming for WshMetaData {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.wsh_meta_data(self.req_id, &self.data_json);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id).ending()
        }
    }

    impl Incoming for WshEventDataMessage {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.wsh_event_data(self.req_id, &self.data_json);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id).ending()
        }
    }
}
