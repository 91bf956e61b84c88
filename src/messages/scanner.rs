//! Market scanners: parameters, subscriptions and their data.
//!
//! `reqScannerParameters` → `scannerParameters` (one XML document);
//! `reqScannerSubscription` → `scannerData` (one message holding every row:
//! the official decoder calls `scannerData` once per row, then
//! `scannerDataEnd`); `cancelScannerSubscription`.

use super::ids::{incoming, outgoing};
use super::{read_text, write_text, Message};
use crate::model::{ContractDetails, ScanData, ScannerSubscription, TagValue};
use crate::server_versions::{MIN_SERVER_VER_LINKING, MIN_SERVER_VER_SCANNER_GENERIC_OPTS};
use crate::wire::{DecodeError, EncodeError, FieldReader, FieldWriter};

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

impl Message for ReqScannerParameters {
    const ID: u32 = outgoing::REQ_SCANNER_PARAMETERS;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(ReqScannerParameters)
    }
}

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

impl Message for ReqScannerSubscription {
    const ID: u32 = outgoing::REQ_SCANNER_SUBSCRIPTION;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        // The official client refuses any filter list (even an empty one,
        // which a slice cannot tell from none) before version 143.
        if sv < MIN_SERVER_VER_SCANNER_GENERIC_OPTS
            && !self.scanner_subscription_filter_options.is_empty()
        {
            return Err(EncodeError::UpdateTws(
                " It does not support API scanner subscription generic filter options",
            ));
        }
        let s = &self.subscription;
        if sv < MIN_SERVER_VER_SCANNER_GENERIC_OPTS {
            w.put_int(4);
        }
        w.put_int(self.req_id);
        w.put_i32_max(s.number_of_rows);
        w.put_str(&s.instrument);
        w.put_str(&s.location_code);
        w.put_str(&s.scan_code);
        w.put_f64_max(s.above_price);
        w.put_f64_max(s.below_price);
        w.put_i32_max(s.above_volume);
        w.put_f64_max(s.market_cap_above);
        w.put_f64_max(s.market_cap_below);
        w.put_str(&s.moody_rating_above);
        w.put_str(&s.moody_rating_below);
        w.put_str(&s.sp_rating_above);
        w.put_str(&s.sp_rating_below);
        w.put_str(&s.maturity_date_above);
        w.put_str(&s.maturity_date_below);
        w.put_f64_max(s.coupon_rate_above);
        w.put_f64_max(s.coupon_rate_below);
        w.put_bool(s.exclude_convertible);
        w.put_i32_max(s.average_option_volume_above);
        w.put_str(&s.scanner_setting_pairs);
        w.put_str(&s.stock_type_filter);
        if sv >= MIN_SERVER_VER_SCANNER_GENERIC_OPTS {
            w.put_str(&tag_values_field(&self.scanner_subscription_filter_options));
        }
        if sv >= MIN_SERVER_VER_LINKING {
            w.put_str(&tag_values_field(&self.scanner_subscription_options));
        }
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        if sv < MIN_SERVER_VER_SCANNER_GENERIC_OPTS {
            r.skip("version")?;
        }
        let req_id = r.read_int_named("req id")?;
        let s = ScannerSubscription {
            number_of_rows: r.read_i32_max("number of rows")?,
            instrument: r.read_string("instrument")?,
            location_code: r.read_string("location code")?,
            scan_code: r.read_string("scan code")?,
            above_price: r.read_f64_max("above price")?,
            below_price: r.read_f64_max("below price")?,
            above_volume: r.read_i32_max("above volume")?,
            market_cap_above: r.read_f64_max("market cap above")?,
            market_cap_below: r.read_f64_max("market cap below")?,
            moody_rating_above: r.read_string("moody rating above")?,
            moody_rating_below: r.read_string("moody rating below")?,
            sp_rating_above: r.read_string("sp rating above")?,
            sp_rating_below: r.read_string("sp rating below")?,
            maturity_date_above: r.read_string("maturity date above")?,
            maturity_date_below: r.read_string("maturity date below")?,
            coupon_rate_above: r.read_f64_max("coupon rate above")?,
            coupon_rate_below: r.read_f64_max("coupon rate below")?,
            exclude_convertible: r.read_bool("exclude convertible")?,
            average_option_volume_above: r.read_i32_max("average option volume above")?,
            scanner_setting_pairs: r.read_string("scanner setting pairs")?,
            stock_type_filter: r.read_string("stock type filter")?,
        };
        let scanner_subscription_filter_options = if sv >= MIN_SERVER_VER_SCANNER_GENERIC_OPTS {
            parse_tag_values(r.read_str("filter options")?)
        } else {
            Vec::new()
        };
        let scanner_subscription_options = if sv >= MIN_SERVER_VER_LINKING {
            parse_tag_values(r.read_str("subscription options")?)
        } else {
            Vec::new()
        };
        Ok(ReqScannerSubscription {
            req_id,
            subscription: s,
            scanner_subscription_options,
            scanner_subscription_filter_options,
        })
    }
}

/// `cancelScannerSubscription` (message version 1): stops a scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CancelScannerSubscription {
    /// The request id given to [`ReqScannerSubscription`].
    pub req_id: i32,
}

impl Message for CancelScannerSubscription {
    const ID: u32 = outgoing::CANCEL_SCANNER_SUBSCRIPTION;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        w.put_int(self.req_id);
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(CancelScannerSubscription {
            req_id: r.read_int_named("req id")?,
        })
    }
}

/// `scannerParameters`: the XML document describing every instrument,
/// location, scan code and filter. Text the server escapes from version 153.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ScannerParameters {
    /// The XML document.
    pub xml: String,
}

impl Message for ScannerParameters {
    const ID: u32 = incoming::SCANNER_PARAMETERS;

    fn encode(&self, sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(1);
        write_text(sv, w, &self.xml);
        Ok(())
    }

    fn decode(sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        Ok(ScannerParameters {
            xml: read_text(sv, r, "xml")?,
        })
    }
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

impl Message for ScannerData {
    const ID: u32 = incoming::SCANNER_DATA;

    fn encode(&self, _sv: i32, w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
        w.put_int(SCANNER_DATA_VERSION);
        w.put_int(self.req_id);
        w.put_int(self.rows.len() as i64);
        for row in &self.rows {
            let d = &row.contract;
            let c = &d.contract;
            w.put_int(row.rank);
            w.put_int(c.con_id);
            w.put_str_raw(&c.symbol);
            w.put_str_raw(&c.sec_type);
            w.put_str_raw(&c.last_trade_date_or_contract_month);
            w.put_f64(c.strike);
            w.put_str_raw(&c.right);
            w.put_str_raw(&c.exchange);
            w.put_str_raw(&c.currency);
            w.put_str_raw(&c.local_symbol);
            w.put_str_raw(&d.market_name);
            w.put_str_raw(&c.trading_class);
            w.put_str_raw(&row.distance);
            w.put_str_raw(&row.benchmark);
            w.put_str_raw(&row.projection);
            w.put_str_raw(&row.legs_str);
        }
        Ok(())
    }

    fn decode(_sv: i32, r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
        r.skip("version")?;
        let req_id = r.read_int_named("req id")?;
        let n: i32 = r.read_int_named("number of elements")?;
        // Each row is 16 fields: never reserve more than the frame can hold.
        let mut rows = Vec::with_capacity((n.max(0) as usize).min(r.remaining_fields() / 16));
        for _ in 0..n.max(0) {
            let rank = r.read_int_named("rank")?;
            let mut d = ContractDetails::default();
            d.contract.con_id = r.read_int_named("con id")?;
            d.contract.symbol = r.read_string("symbol")?;
            d.contract.sec_type = r.read_string("sec type")?;
            d.contract.last_trade_date_or_contract_month = r.read_string("last trade date")?;
            d.contract.strike = r.read_f64("strike")?;
            d.contract.right = r.read_string("right")?;
            d.contract.exchange = r.read_string("exchange")?;
            d.contract.currency = r.read_string("currency")?;
            d.contract.local_symbol = r.read_string("local symbol")?;
            d.market_name = r.read_string("market name")?;
            d.contract.trading_class = r.read_string("trading class")?;
            rows.push(ScanData {
                contract: d,
                rank,
                distance: r.read_string("distance")?,
                benchmark: r.read_string("benchmark")?,
                projection: r.read_string("projection")?,
                legs_str: r.read_string("legs str")?,
            });
        }
        Ok(ScannerData { req_id, rows })
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{round_trip, VERSIONS};
    use super::*;
    use crate::model::UNSET_INTEGER;

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

    impl Incoming for ScannerData {
        fn deliver(&self, _sv: i32, w: &mut dyn EWrapper) -> Result<(), DecodeError> {
            // The whole message decodes before the first callback, so a
            // garbled row loses the message, never half of it.
            for row in &self.rows {
                w.scanner_data(
                    self.req_id,
                    row.rank,
                    &row.contract,
                    &row.distance,
                    &row.benchmark,
                    &row.projection,
                    &row.legs_str,
                );
            }
            w.scanner_data_end(self.req_id);
            Ok(())
        }
        fn route(&self) -> Route {
            Route::id(self.req_id)
        }
    }
}
