//! Fundamental data and Wall Street Horizon (WSH) calendar events.
//!
//! `reqFundamentalData` / `cancelFundamentalData` → `fundamentalData`;
//! `reqWshMetaData` / `cancelWshMetaData` → `wshMetaData`;
//! `reqWshEventData` / `cancelWshEventData` → `wshEventData`.

use super::ids::{incoming, outgoing};
use super::layout::version;
use super::layout::{Io, Layout};
use super::scanner::{parse_tag_values, tag_values_field};
use crate::messages::layout::{int_or_unset, refuse};
use crate::model::{Contract, TagValue, WshEventData, UNSET_INTEGER};
use crate::server_versions::{
    MIN_SERVER_VER_FUNDAMENTAL_DATA, MIN_SERVER_VER_LINKING, MIN_SERVER_VER_TRADING_CLASS,
    MIN_SERVER_VER_WSHE_CALENDAR, MIN_SERVER_VER_WSH_EVENT_DATA_FILTERS,
    MIN_SERVER_VER_WSH_EVENT_DATA_FILTERS_DATE,
};
use crate::wire::{DecodeError, EncodeError};
use crate::{flat_message, layout_message};

const NO_FUNDAMENTALS: &str = "  It does not support fundamental data request.";
const NO_WSH: &str = " It does not support WSHE Calendar API.";

/// Options sent as a count of pairs and one `tag=value;` field. The count
/// counts pairs, not fields, so it is skipped when read (not `Io::count`).
fn tag_values_text(
    io: &mut dyn Io,
    list: &mut Vec<TagValue>,
    f: &'static str,
) -> Result<(), DecodeError> {
    if io.reading() {
        io.skip("options count")?;
        let mut text = String::new();
        io.ascii(&mut text, f)?;
        *list = parse_tag_values(&text);
        Ok(())
    } else {
        io.count(list.len(), "options count")?;
        io.ascii(&mut tag_values_field(list), f)
    }
}

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

impl Layout for ReqFundamentalData {
    fn check(&self, sv: i32) -> Result<(), EncodeError> {
        refuse(sv < MIN_SERVER_VER_FUNDAMENTAL_DATA, NO_FUNDAMENTALS)?;
        refuse(
            sv < MIN_SERVER_VER_TRADING_CLASS,
            "  It does not support conId parameter in reqFundamentalData.",
        )
    }

    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        version(io, 2)?;
        io.int(&mut self.req_id, "req id")?;
        let c = &mut self.contract;
        io.int(&mut c.con_id, "con id")?;
        io.ascii(&mut c.symbol, "symbol")?;
        io.ascii(&mut c.sec_type, "sec type")?;
        io.ascii(&mut c.exchange, "exchange")?;
        io.ascii(&mut c.primary_exchange, "primary exchange")?;
        io.ascii(&mut c.currency, "currency")?;
        io.ascii(&mut c.local_symbol, "local symbol")?;
        io.ascii(&mut self.report_type, "report type")?;
        if io.sv() >= MIN_SERVER_VER_LINKING {
            let options = &mut self.fundamental_data_options;
            tag_values_text(io, options, "fundamental data options")?;
        }
        Ok(())
    }
}

layout_message!(ReqFundamentalData = outgoing::REQ_FUNDAMENTAL_DATA);

flat_message! {
    /// `cancelFundamentalData` (message version 1).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct CancelFundamentalData = outgoing::CANCEL_FUNDAMENTAL_DATA {
        version 1;
        refuse MIN_SERVER_VER_FUNDAMENTAL_DATA, NO_FUNDAMENTALS;
        /// The request id given to [`ReqFundamentalData`].
        pub req_id: i32 = Int,
    }
}

flat_message! {
    /// `fundamentalData` (version 1): the XML report. Escaped by the server
    /// from version 153 (the official decoder reads this message generically).
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct FundamentalData = incoming::FUNDAMENTAL_DATA {
        version 1;
        /// The request id.
        pub req_id: i32 = Int,
        /// The XML document.
        pub data: String = Text,
    }
}

/// A WSH request of the request id alone (server version 161+).
macro_rules! wsh_id_request {
    ($(#[$doc:meta])* $name:ident = $id:path) => {
        flat_message! {
            $(#[$doc])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
            pub struct $name = $id {
                refuse MIN_SERVER_VER_WSHE_CALENDAR, NO_WSH;
                /// The request id.
                pub req_id: i32 = Int,
            }
            impl { crate::protobuf_form!(outgoing::protobuf_since); }
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

impl Layout for ReqWshEventData {
    fn check(&self, sv: i32) -> Result<(), EncodeError> {
        let d = &self.wsh_event_data;
        refuse(sv < MIN_SERVER_VER_WSHE_CALENDAR, NO_WSH)?;
        refuse(
            sv < MIN_SERVER_VER_WSH_EVENT_DATA_FILTERS
                && (!d.filter.is_empty()
                    || d.fill_watchlist
                    || d.fill_portfolio
                    || d.fill_competitors),
            " It does not support WSH event data filters.",
        )?;
        refuse(
            sv < MIN_SERVER_VER_WSH_EVENT_DATA_FILTERS_DATE
                && (!d.start_date.is_empty()
                    || !d.end_date.is_empty()
                    || d.total_limit != UNSET_INTEGER),
            " It does not support WSH event data date filters.",
        )
    }

    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let d = &mut self.wsh_event_data;
        io.int(&mut self.req_id, "req id")?;
        int_or_unset(io, &mut d.con_id, "con id")?;
        if io.sv() >= MIN_SERVER_VER_WSH_EVENT_DATA_FILTERS {
            io.ascii(&mut d.filter, "filter")?;
            io.boolean(&mut d.fill_watchlist, "fill watchlist")?;
            io.boolean(&mut d.fill_portfolio, "fill portfolio")?;
            io.boolean(&mut d.fill_competitors, "fill competitors")?;
        }
        if io.sv() >= MIN_SERVER_VER_WSH_EVENT_DATA_FILTERS_DATE {
            io.ascii(&mut d.start_date, "start date")?;
            io.ascii(&mut d.end_date, "end date")?;
            int_or_unset(io, &mut d.total_limit, "total limit")?;
        }
        Ok(())
    }
}

layout_message!(ReqWshEventData = outgoing::REQ_WSH_EVENT_DATA, impl { crate::protobuf_form!(outgoing::protobuf_since); });

/// A WSH answer: the request id and a JSON document.
macro_rules! json_answer {
    ($(#[$doc:meta])* $name:ident = $id:path) => {
        flat_message! {
            $(#[$doc])*
            #[derive(Debug, Clone, PartialEq, Eq, Default)]
            pub struct $name = $id {
                /// The request id.
                pub req_id: i32 = Int,
                /// The JSON document.
                pub data_json: String = Raw,
            }
            impl { crate::protobuf_form!(incoming::protobuf_since); }
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
