//! The protobuf forms of the market scanner (server version 210,
//! `MIN_SERVER_VER_PROTOBUF_SCAN_DATA`, on): its parameters and
//! subscriptions and their answers, read as the official 10.51.1 decoder
//! reads them. (The PnL requests move at the same version; their forms are
//! with the account's, `account/proto_forms.rs`.)

use super::{
    CancelScannerSubscription, ReqScannerParameters, ReqScannerSubscription, ScannerData,
    ScannerDataFrame, ScannerParameters,
};
use crate::errors::NO_VALID_ID;
use crate::messages::orders::proto_in::{contract, tag_values};
use crate::messages::orders::proto_out::{contract_to_proto, map};
use crate::messages::protobuf::{b, f, full_map_entries, i, s, text};
use crate::messages::ProtoForm;
use crate::model::{
    ContractDetails, Order, ScanData, ScannerSubscription, UNSET_DOUBLE, UNSET_INTEGER,
};
use crate::proto;
use crate::wire::{DecodeError, EncodeError};
use crate::EWrapper;

crate::empty_proto_form! {
    ReqScannerParameters => ScannerParametersRequest;
}

crate::req_id_proto_form! {
    CancelScannerSubscription => CancelScannerSubscription, UNSET_INTEGER;
}

/// A 64-bit field of the subscription, from the official 32-bit value.
fn long(v: i32) -> Option<i64> {
    i(v).map(i64::from)
}

/// The map fields of `ScannerSubscription` (filter options, options).
const SUBSCRIPTION_MAPS: &[u32] = &[22, 23];

impl ProtoForm for ReqScannerSubscription {
    type Proto = proto::ScannerSubscriptionRequest;
    /// `createScannerSubscriptionRequestProto`.
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        let x = &self.subscription;
        proto::ScannerSubscriptionRequest {
            req_id: i(self.req_id),
            scanner_subscription: Some(proto::ScannerSubscription {
                number_of_rows: i(x.number_of_rows),
                instrument: s(&x.instrument),
                location_code: s(&x.location_code),
                scan_code: s(&x.scan_code),
                above_price: f(x.above_price),
                below_price: f(x.below_price),
                above_volume: long(x.above_volume),
                market_cap_above: f(x.market_cap_above),
                market_cap_below: f(x.market_cap_below),
                moody_rating_above: s(&x.moody_rating_above),
                moody_rating_below: s(&x.moody_rating_below),
                sp_rating_above: s(&x.sp_rating_above),
                sp_rating_below: s(&x.sp_rating_below),
                maturity_date_above: s(&x.maturity_date_above),
                maturity_date_below: s(&x.maturity_date_below),
                coupon_rate_above: f(x.coupon_rate_above),
                coupon_rate_below: f(x.coupon_rate_below),
                exclude_convertible: b(x.exclude_convertible),
                average_option_volume_above: long(x.average_option_volume_above),
                scanner_setting_pairs: s(&x.scanner_setting_pairs),
                stock_type_filter: s(&x.stock_type_filter),
                scanner_subscription_filter_options: map(&self.scanner_subscription_filter_options),
                scanner_subscription_options: map(&self.scanner_subscription_options),
            }),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        let x = p.scanner_subscription.clone().unwrap_or_default();
        let long = |v: Option<i64>| v.map_or(UNSET_INTEGER, |v| v as i32);
        Ok(Some(ReqScannerSubscription {
            req_id: p.req_id.unwrap_or(UNSET_INTEGER),
            subscription: ScannerSubscription {
                number_of_rows: x.number_of_rows.unwrap_or(UNSET_INTEGER),
                instrument: text(&x.instrument),
                location_code: text(&x.location_code),
                scan_code: text(&x.scan_code),
                above_price: x.above_price.unwrap_or(UNSET_DOUBLE),
                below_price: x.below_price.unwrap_or(UNSET_DOUBLE),
                above_volume: long(x.above_volume),
                market_cap_above: x.market_cap_above.unwrap_or(UNSET_DOUBLE),
                market_cap_below: x.market_cap_below.unwrap_or(UNSET_DOUBLE),
                moody_rating_above: text(&x.moody_rating_above),
                moody_rating_below: text(&x.moody_rating_below),
                sp_rating_above: text(&x.sp_rating_above),
                sp_rating_below: text(&x.sp_rating_below),
                maturity_date_above: text(&x.maturity_date_above),
                maturity_date_below: text(&x.maturity_date_below),
                coupon_rate_above: x.coupon_rate_above.unwrap_or(UNSET_DOUBLE),
                coupon_rate_below: x.coupon_rate_below.unwrap_or(UNSET_DOUBLE),
                exclude_convertible: x.exclude_convertible.unwrap_or(false),
                average_option_volume_above: long(x.average_option_volume_above),
                scanner_setting_pairs: text(&x.scanner_setting_pairs),
                stock_type_filter: text(&x.stock_type_filter),
            },
            scanner_subscription_filter_options: tag_values(&x.scanner_subscription_filter_options),
            scanner_subscription_options: tag_values(&x.scanner_subscription_options),
        }))
    }
    fn encode_body(&self, sv: i32, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        encode_subscription_request(self, sv, out)
    }
}

/// The subscription's maps sit one level down (field 2): the request is
/// written by hand around the subscription, its maps whole (see
/// [`full_map_entries`]).
fn encode_subscription_request(
    m: &ReqScannerSubscription,
    sv: i32,
    out: &mut Vec<u8>,
) -> Result<(), EncodeError> {
    use prost::Message as _;
    let mut p = m.to_proto(sv);
    let sub = p.scanner_subscription.take().unwrap_or_default();
    p.encode(out)
        .map_err(|_| EncodeError::Unsupported("protobuf encoding failed"))?;
    let mut body = Vec::new();
    full_map_entries(&sub.encode_to_vec(), SUBSCRIPTION_MAPS, &mut body);
    out.push((2 << 3) | 2);
    prost::encode_length_delimiter(body.len(), out)
        .map_err(|_| EncodeError::Unsupported("protobuf encoding failed"))?;
    out.extend_from_slice(&body);
    Ok(())
}

impl ProtoForm for ScannerParameters {
    type Proto = proto::ScannerParameters;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::ScannerParameters { xml: s(&self.xml) }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ScannerParameters { xml: text(&p.xml) }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.scanner_parameters_proto_buf(p);
    }
}

impl ProtoForm for ScannerData {
    type Proto = proto::ScannerData;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::ScannerData {
            req_id: Some(self.req_id),
            scanner_data_element: self
                .rows
                .iter()
                .map(|r| proto::ScannerDataElement {
                    rank: Some(r.rank),
                    contract: Some(contract_to_proto(&r.contract.contract, &Order::default())),
                    market_name: s(&r.contract.market_name),
                    distance: s(&r.distance),
                    benchmark: s(&r.benchmark),
                    projection: s(&r.projection),
                    combo_key: s(&r.legs_str),
                })
                .collect(),
        }
    }
    /// As the official decoder: a row without its contract has default
    /// contract details (and no market name).
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ScannerData {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            rows: p
                .scanner_data_element
                .iter()
                .map(|e| ScanData {
                    contract: match &e.contract {
                        Some(c) => ContractDetails {
                            contract: contract(c),
                            market_name: text(&e.market_name),
                            ..ContractDetails::default()
                        },
                        None => ContractDetails::default(),
                    },
                    rank: e.rank.unwrap_or(0),
                    distance: text(&e.distance),
                    benchmark: text(&e.benchmark),
                    projection: text(&e.projection),
                    legs_str: text(&e.combo_key),
                })
                .collect(),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.scanner_data_proto_buf(p);
    }
}

impl<'a> ProtoForm for ScannerDataFrame<'a> {
    type Proto = proto::ScannerData;
    fn to_proto(&self, sv: i32) -> Self::Proto {
        let mut rows = Vec::new();
        let _ = self.each_row(sv, |r| rows.push(r.clone()));
        ScannerData {
            req_id: self.req_id(),
            rows,
        }
        .to_proto(sv)
    }
    fn from_proto(sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(ScannerData::from_proto(sv, p)?.map(ScannerDataFrame::from_rows))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.scanner_data_proto_buf(p);
    }
}
