//! Market scanners: parameters, subscriptions and their data.
//!
//! `reqScannerParameters` → `scannerParameters` (one XML document);
//! `reqScannerSubscription` → `scannerData` (one message holding every row:
//! the official decoder calls `scannerData` once per row, then
//! `scannerDataEnd`); `cancelScannerSubscription`.

mod proto_forms;

use super::account::contract_head;
use super::ids::{incoming, outgoing};
use super::layout::list;
use super::layout::refuse;
use super::layout::version;
use super::layout::{Io, Layout, Reader};
use super::market_data::options;
use crate::model::{ScanData, ScannerSubscription, TagValue};
use crate::server_versions::{MIN_SERVER_VER_LINKING, MIN_SERVER_VER_SCANNER_GENERIC_OPTS};
use crate::unit_message;
use crate::wire::{DecodeError, EncodeError, FieldReader};
use crate::{flat_message, layout_message};

/// The version field TWS puts on `scannerData`.
const SCANNER_DATA_VERSION: i32 = 3;

/// A tag-value list as the official client sends it in one field:
/// `tag=value;` for each pair.
pub(crate) fn tag_values_field(list: &[TagValue]) -> String {
    let mut s = String::new();
    for tv in list {
        s.push_str(&tv.tag);
        s.push('=');
        s.push_str(&tv.value);
        s.push(';');
    }
    s
}

/// The inverse of [`tag_values_field`] (pairs without `=` are skipped).
pub(crate) fn parse_tag_values(field: &str) -> Vec<TagValue> {
    field
        .split(';')
        .filter_map(|pair| pair.split_once('='))
        .map(|(tag, value)| TagValue::new(tag, value))
        .collect()
}

/// `reqScannerParameters` (message version 1): asks for the XML document that
/// describes every scan, answered by [`ScannerParameters`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReqScannerParameters;

unit_message!(ReqScannerParameters = outgoing::REQ_SCANNER_PARAMETERS, version 1, impl { crate::protobuf_form!(outgoing::protobuf_since); });

/// `reqScannerSubscription` (message version 4, sent only below server
/// version 143): starts a scan, answered by [`ScannerData`] until cancelled.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReqScannerSubscription {
    /// The request id the rows will carry.
    pub req_id: i32,
    /// What to scan for.
    pub subscription: ScannerSubscription,
    /// `scannerSubscriptionOptions` (internal use), from server version 70.
    pub scanner_subscription_options: Vec<TagValue>,
    /// `scannerSubscriptionFilterOptions` (the filters of the scanner
    /// parameters' XML), from server version 143.
    pub scanner_subscription_filter_options: Vec<TagValue>,
}

impl Layout for ReqScannerSubscription {
    fn check(&self, sv: i32) -> Result<(), EncodeError> {
        // The official client refuses any filter list (even an empty one,
        // which a slice cannot tell from none) before version 143.
        refuse(
            sv < MIN_SERVER_VER_SCANNER_GENERIC_OPTS
                && !self.scanner_subscription_filter_options.is_empty(),
            " It does not support API scanner subscription generic filter options",
        )
    }

    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        let sv = io.sv();
        if sv < MIN_SERVER_VER_SCANNER_GENERIC_OPTS {
            version(io, 4)?;
        }
        io.int(&mut self.req_id, "req id")?;
        let s = &mut self.subscription;
        io.int_max(&mut s.number_of_rows, "number of rows")?;
        io.ascii(&mut s.instrument, "instrument")?;
        io.ascii(&mut s.location_code, "location code")?;
        io.ascii(&mut s.scan_code, "scan code")?;
        io.float_max(&mut s.above_price, "above price")?;
        io.float_max(&mut s.below_price, "below price")?;
        io.int_max(&mut s.above_volume, "above volume")?;
        io.float_max(&mut s.market_cap_above, "market cap above")?;
        io.float_max(&mut s.market_cap_below, "market cap below")?;
        io.ascii(&mut s.moody_rating_above, "moody rating above")?;
        io.ascii(&mut s.moody_rating_below, "moody rating below")?;
        io.ascii(&mut s.sp_rating_above, "sp rating above")?;
        io.ascii(&mut s.sp_rating_below, "sp rating below")?;
        io.ascii(&mut s.maturity_date_above, "maturity date above")?;
        io.ascii(&mut s.maturity_date_below, "maturity date below")?;
        io.float_max(&mut s.coupon_rate_above, "coupon rate above")?;
        io.float_max(&mut s.coupon_rate_below, "coupon rate below")?;
        io.boolean(&mut s.exclude_convertible, "exclude convertible")?;
        io.int_max(
            &mut s.average_option_volume_above,
            "average option volume above",
        )?;
        io.ascii(&mut s.scanner_setting_pairs, "scanner setting pairs")?;
        io.ascii(&mut s.stock_type_filter, "stock type filter")?;
        if sv >= MIN_SERVER_VER_SCANNER_GENERIC_OPTS {
            options(
                io,
                &mut self.scanner_subscription_filter_options,
                "filter options",
            )?;
        }
        if sv >= MIN_SERVER_VER_LINKING {
            options(
                io,
                &mut self.scanner_subscription_options,
                "subscription options",
            )?;
        }
        Ok(())
    }
}

layout_message!(ReqScannerSubscription = outgoing::REQ_SCANNER_SUBSCRIPTION, impl { crate::protobuf_form!(outgoing::protobuf_since); });

flat_message! {
    /// `cancelScannerSubscription` (message version 1): stops a scan.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct CancelScannerSubscription = outgoing::CANCEL_SCANNER_SUBSCRIPTION {
        version 1;
        /// The request id given to [`ReqScannerSubscription`].
        pub req_id: i32 = Int,
    }
    impl { crate::protobuf_form!(outgoing::protobuf_since); }
}

flat_message! {
    /// `scannerParameters`: the XML document describing every instrument,
    /// location, scan code and filter. Text the server escapes from version 153.
    #[derive(Debug, Clone, PartialEq, Eq, Default)]
    pub struct ScannerParameters = incoming::SCANNER_PARAMETERS {
        version 1;
        /// The XML document.
        pub xml: String = Text,
    }
    impl { crate::protobuf_form!(incoming::protobuf_since); }
}

/// `scannerData`: one refresh of a scan, every row in one message. The
/// official decoder fills, per row, the contract fields below of a fresh
/// `ContractDetails`, calls `scannerData`, and after the last row
/// `scannerDataEnd`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScannerData {
    /// The request id.
    pub req_id: i32,
    /// The rows, best ranked first.
    pub rows: Vec<ScanData>,
}

impl Layout for ScannerData {
    fn layout(&mut self, io: &mut dyn Io) -> Result<(), DecodeError> {
        version(io, SCANNER_DATA_VERSION)?;
        io.int(&mut self.req_id, "req id")?;
        list(io, &mut self.rows, "number of elements", scan_row)
    }
}

/// One row of `scannerData`.
fn scan_row(io: &mut dyn Io, row: &mut ScanData) -> Result<(), DecodeError> {
    let d = &mut row.contract;
    io.int(&mut row.rank, "rank")?;
    contract_head(io, &mut d.contract)?;
    io.text(&mut d.contract.exchange, "exchange")?;
    io.text(&mut d.contract.currency, "currency")?;
    io.text(&mut d.contract.local_symbol, "local symbol")?;
    io.text(&mut d.market_name, "market name")?;
    io.text(&mut d.contract.trading_class, "trading class")?;
    io.text(&mut row.distance, "distance")?;
    io.text(&mut row.benchmark, "benchmark")?;
    io.text(&mut row.projection, "projection")?;
    io.text(&mut row.legs_str, "legs str")
}

layout_message!(ScannerData = incoming::SCANNER_DATA, impl { crate::protobuf_form!(incoming::protobuf_since); });

/// The client's reading of `scannerData`: each row is delivered as soon as
/// it is decoded, as the official decoder does, so a garbled row later in
/// the message loses nothing before it (then 508). [`ScannerData`] is the
/// message whole (what the simulated gateway writes). The protobuf form
/// comes whole and carries its rows converted.
#[derive(Debug, Clone)]
pub struct ScannerDataFrame<'a> {
    req_id: i32,
    body: FrameBody<'a>,
}

#[derive(Debug, Clone)]
enum FrameBody<'a> {
    /// The text form's fields, read at delivery.
    Fields(FieldReader<'a>),
    /// The protobuf form's rows.
    Rows(Vec<ScanData>),
}

impl<'a> ScannerDataFrame<'a> {
    /// Reads the request id; the rows are read as they are delivered.
    pub fn read(_sv: i32, r: &mut FieldReader<'a>) -> Result<Self, DecodeError> {
        let body = r.clone();
        let mut peek = r.clone();
        peek.skip("version")?;
        Ok(ScannerDataFrame {
            req_id: peek.read_int_named("req id")?,
            body: FrameBody::Fields(body),
        })
    }

    /// The protobuf form's message, its rows converted.
    pub fn from_rows(m: ScannerData) -> ScannerDataFrame<'static> {
        ScannerDataFrame {
            req_id: m.req_id,
            body: FrameBody::Rows(m.rows),
        }
    }

    /// The request id.
    pub fn req_id(&self) -> i32 {
        self.req_id
    }

    /// Decodes the rows one by one, calling `on_row` for each.
    pub fn each_row(&self, sv: i32, mut on_row: impl FnMut(&ScanData)) -> Result<(), DecodeError> {
        let r = match &self.body {
            FrameBody::Rows(rows) => {
                rows.iter().for_each(on_row);
                return Ok(());
            }
            FrameBody::Fields(r) => &mut r.clone(),
        };
        let io = &mut Reader::new(sv, r);
        let mut req_id = 0;
        version(io, SCANNER_DATA_VERSION)?;
        io.int(&mut req_id, "req id")?;
        let n = io.count(0, "number of elements")?;
        for _ in 0..n {
            let mut row = ScanData::default();
            scan_row(io, &mut row)?;
            on_row(&row);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{round_trip, VERSIONS};
    use super::*;
    use crate::messages::Message;
    use crate::model::{ContractDetails, UNSET_INTEGER};
    use crate::wire::FieldWriter;

    fn full() -> ReqScannerSubscription {
        ReqScannerSubscription {
            req_id: 7,
            subscription: ScannerSubscription {
                number_of_rows: 25,
                instrument: "STK".into(),
                location_code: "STK.US.MAJOR".into(),
                scan_code: "TOP_PERC_GAIN".into(),
                above_price: 5.0,
                below_price: f64::INFINITY,
                above_volume: 100_000,
                market_cap_above: 1e9,
                moody_rating_above: "A".into(),
                sp_rating_below: "AAA".into(),
                maturity_date_above: "20300101".into(),
                coupon_rate_above: 2.5,
                exclude_convertible: true,
                average_option_volume_above: 50,
                scanner_setting_pairs: "Annual,true".into(),
                stock_type_filter: "CORP".into(),
                ..ScannerSubscription::default()
            },
            scanner_subscription_options: vec![TagValue::new("a", "b")],
            scanner_subscription_filter_options: vec![
                TagValue::new("priceAbove", "5"),
                TagValue::new("volumeAbove", "1000"),
            ],
        }
    }

    #[test]
    fn subscription_round_trips() {
        for sv in VERSIONS {
            let mut req = full();
            if sv < MIN_SERVER_VER_SCANNER_GENERIC_OPTS {
                req.scanner_subscription_filter_options.clear();
            }
            assert_eq!(round_trip(&req, sv), req);
            let plain = ReqScannerSubscription::default();
            assert_eq!(round_trip(&plain, sv), plain);
            assert_eq!(
                round_trip(&CancelScannerSubscription { req_id: 3 }, sv).req_id,
                3
            );
            assert_eq!(round_trip(&ReqScannerParameters, sv), ReqScannerParameters);
        }
    }

    #[test]
    fn subscription_layout_at_176() {
        let mut req = ReqScannerSubscription {
            req_id: 1,
            ..Default::default()
        };
        req.subscription.number_of_rows = UNSET_INTEGER;
        let frame = super::super::to_frame(&req, 176).unwrap();
        // id, req id, empty rows, 3 empty strings, 5 unset numbers, 6 strings,
        // 2 unset numbers, exclude 0, unset, 2 strings, 2 tag fields.
        assert_eq!(
            &frame[4..],
            b"22\x001\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x000\x00\x00\x00\x00\x00\x00"
        );
    }

    #[test]
    fn filters_refused_by_old_servers() {
        let mut out = Vec::new();
        let mut w = FieldWriter::new(&mut out);
        assert!(matches!(
            full().encode(142, &mut w),
            Err(EncodeError::UpdateTws(_))
        ));
    }

    #[test]
    fn responses_round_trip() {
        for sv in VERSIONS {
            let p = ScannerParameters {
                xml: "<ScanParameterResponse>é\\</ScanParameterResponse>".into(),
            };
            assert_eq!(round_trip(&p, sv), p);
            let mut d = ContractDetails::default();
            d.contract.con_id = 265598;
            d.contract.symbol = "AAPL".into();
            d.contract.sec_type = "STK".into();
            d.contract.strike = 0.0;
            d.contract.exchange = "SMART".into();
            d.contract.currency = "USD".into();
            d.contract.local_symbol = "AAPL".into();
            d.contract.trading_class = "NMS".into();
            d.market_name = "NMS".into();
            let data = ScannerData {
                req_id: 9,
                rows: vec![
                    ScanData {
                        contract: d.clone(),
                        rank: 0,
                        distance: "1.5".into(),
                        ..ScanData::default()
                    },
                    ScanData {
                        contract: d,
                        rank: 1,
                        legs_str: "x".into(),
                        ..ScanData::default()
                    },
                ],
            };
            assert_eq!(round_trip(&data, sv), data);
            let empty = ScannerData {
                req_id: 2,
                rows: vec![],
            };
            assert_eq!(round_trip(&empty, sv), empty);
        }
    }

    #[test]
    fn truncated_rows_are_an_error() {
        let body = b"3\x009\x005\x000\x00265598\x00";
        assert!(super::super::decode_body::<ScannerData>(203, body).is_err());
    }
}

mod deliver {
    //! How the scanner messages reach the `EWrapper`.
    use super::*;
    use crate::messages::incoming::Incoming;
    use crate::messages::route::Route;
    use crate::EWrapper;

    impl Incoming for ScannerParameters {
        const MAY_END: bool = true;
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            w.scanner_parameters(&self.xml);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::requests(&[outgoing::REQ_SCANNER_PARAMETERS]).ending()
        }
    }

    impl Incoming for ScannerDataFrame<'_> {
        fn deliver(&self, sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            // Each row as it decodes: a garbled row loses only itself and
            // what follows (then 508), as with the official decoder.
            self.each_row(sv, |row| {
                w.scanner_data(
                    self.req_id,
                    row.rank,
                    &row.contract,
                    &row.distance,
                    &row.benchmark,
                    &row.projection,
                    &row.legs_str,
                )
            })?;
            w.scanner_data_end(self.req_id);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }
}
