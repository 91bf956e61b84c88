//! The protobuf forms of market data and depth (server version 206,
//! `MIN_SERVER_VER_PROTOBUF_MARKET_DATA`, on): the requests `reqMktData`,
//! `cancelMktData`, `reqMktDepth`, `cancelMktDepth`, `reqMarketDataType`, and
//! the answers, read as the official 10.51.1 decoder reads them. The tick
//! path's answers (`tickPrice`, `tickSize`, `tickString`, the depth updates)
//! read their text fields into pooled buffers
//! ([`strings`](crate::messages::protobuf::strings)): reading them allocates
//! nothing once warm, as on the text path.

use super::depth::{CancelMktDepth, MarketDepth, MarketDepthL2, ReqMktDepth};
use super::options::{
    CancelCalcImpliedVolat, CancelCalcOptionPrice, ReqCalcImpliedVolat, ReqCalcOptionPrice,
    TickOptionComputation,
};
use super::{
    CancelMktData, MarketDataType, ReqMarketDataType, ReqMktData, TickGeneric, TickPrice,
    TickReqParams, TickSize, TickSnapshotEnd, TickString,
};
use crate::errors::NO_VALID_ID;
use crate::messages::orders::proto_in::{request_contract_of, tag_values};
use crate::messages::orders::proto_out::{contract_proto, map};
use crate::messages::protobuf::{
    b, decimal, decimal_text, f, fields, give_cow, i, pooled_str, pooled_text, s, strings,
    wrong_wire_type, WireValue,
};
use crate::messages::ProtoForm;
use crate::model::{tick_type, UNSET_DOUBLE, UNSET_INTEGER};
use crate::proto;
use crate::wire::DecodeError;
use crate::EWrapper;

impl ProtoForm for TickPrice {
    type Proto = proto::TickPrice;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::TickPrice {
            req_id: Some(self.req_id),
            tick_type: Some(self.tick_type),
            price: f(self.price),
            size: decimal_text(self.size),
            attr_mask: i(self.attr_mask),
        }
    }
    #[inline]
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(TickPrice {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            tick_type: p.tick_type.unwrap_or(UNSET_INTEGER),
            price: p.price.unwrap_or(UNSET_DOUBLE),
            size: decimal(&p.size),
            attr_mask: p.attr_mask.unwrap_or(UNSET_INTEGER),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.tick_price_proto_buf(p);
    }
    /// One pass over the body, the size into a pooled buffer (the tick
    /// path: no allocation, no second look).
    #[inline]
    fn read_proto(body: &[u8]) -> Result<Self::Proto, DecodeError> {
        let mut p = proto::TickPrice::default();
        for field in fields(body) {
            match field? {
                (1, WireValue::Varint(v)) => p.req_id = Some(v as i32),
                (2, WireValue::Varint(v)) => p.tick_type = Some(v as i32),
                (3, WireValue::Fixed64(v)) => p.price = Some(f64::from_bits(v)),
                (4, WireValue::Bytes(b)) => pooled_str(&mut p.size, b)?,
                (5, WireValue::Varint(v)) => p.attr_mask = Some(v as i32),
                (n @ 1..=5, _) => return Err(wrong_wire_type(n)),
                _ => {}
            }
        }
        Ok(p)
    }
    #[inline]
    fn recycle(p: Self::Proto, _m: Option<Self>) {
        strings::give_opt(p.size);
    }
}

impl ProtoForm for TickSize {
    type Proto = proto::TickSize;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::TickSize {
            req_id: Some(self.req_id),
            tick_type: Some(self.tick_type),
            size: decimal_text(self.size),
        }
    }
    #[inline]
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(TickSize {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            tick_type: p.tick_type.unwrap_or(UNSET_INTEGER),
            size: decimal(&p.size),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.tick_size_proto_buf(p);
    }
    /// One pass over the body, the size into a pooled buffer.
    #[inline]
    fn read_proto(body: &[u8]) -> Result<Self::Proto, DecodeError> {
        let mut p = proto::TickSize::default();
        for field in fields(body) {
            match field? {
                (1, WireValue::Varint(v)) => p.req_id = Some(v as i32),
                (2, WireValue::Varint(v)) => p.tick_type = Some(v as i32),
                (3, WireValue::Bytes(b)) => pooled_str(&mut p.size, b)?,
                (n @ 1..=3, _) => return Err(wrong_wire_type(n)),
                _ => {}
            }
        }
        Ok(p)
    }
    #[inline]
    fn recycle(p: Self::Proto, _m: Option<Self>) {
        strings::give_opt(p.size);
    }
}

impl ProtoForm for TickGeneric {
    type Proto = proto::TickGeneric;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::TickGeneric {
            req_id: Some(self.req_id),
            tick_type: Some(self.tick_type),
            value: f(self.value),
        }
    }
    /// As the official decoder: a tick of type NOT_SET is not delivered.
    #[inline]
    fn from_proto(sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        let t = p.tick_type.unwrap_or(UNSET_INTEGER);
        Ok((t != tick_type::not_set(sv)).then(|| TickGeneric {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            tick_type: t,
            value: p.value.unwrap_or(UNSET_DOUBLE),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.tick_generic_proto_buf(p);
    }
}

impl<'a> ProtoForm for TickString<'a> {
    type Proto = proto::TickString;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::TickString {
            req_id: Some(self.req_id),
            tick_type: Some(self.tick_type),
            value: s(&self.value),
        }
    }
    /// As the official decoder: a tick of type NOT_SET is not delivered;
    /// an absent value is empty.
    #[inline]
    fn from_proto(sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        let t = p.tick_type.unwrap_or(UNSET_INTEGER);
        if t == tick_type::not_set(sv) {
            return Ok(None);
        }
        Ok(Some(TickString {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            tick_type: t,
            value: pooled_text(&p.value),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.tick_string_proto_buf(p);
    }
    /// One pass over the body, the value into a pooled buffer.
    #[inline]
    fn read_proto(body: &[u8]) -> Result<Self::Proto, DecodeError> {
        let mut p = proto::TickString::default();
        for field in fields(body) {
            match field? {
                (1, WireValue::Varint(v)) => p.req_id = Some(v as i32),
                (2, WireValue::Varint(v)) => p.tick_type = Some(v as i32),
                (3, WireValue::Bytes(b)) => pooled_str(&mut p.value, b)?,
                (n @ 1..=3, _) => return Err(wrong_wire_type(n)),
                _ => {}
            }
        }
        Ok(p)
    }
    #[inline]
    fn recycle(p: Self::Proto, m: Option<Self>) {
        strings::give_opt(p.value);
        if let Some(m) = m {
            give_cow(m.value);
        }
    }
}

impl ProtoForm for TickSnapshotEnd {
    type Proto = proto::TickSnapshotEnd;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::TickSnapshotEnd {
            req_id: Some(self.req_id),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(TickSnapshotEnd {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.tick_snapshot_end_proto_buf(p);
    }
}

impl ProtoForm for MarketDataType {
    type Proto = proto::MarketDataType;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::MarketDataType {
            req_id: Some(self.req_id),
            market_data_type: i(self.market_data_type),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(MarketDataType {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            market_data_type: p.market_data_type.unwrap_or(UNSET_INTEGER),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.update_market_data_type_proto_buf(p);
    }
}

impl ProtoForm for TickReqParams {
    type Proto = proto::TickReqParams;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::TickReqParams {
            req_id: Some(self.ticker_id),
            min_tick: (self.min_tick != UNSET_DOUBLE)
                .then(|| crate::messages::orders::proto_in::decimal_max_string(self.min_tick)),
            bbo_exchange: s(&self.bbo_exchange),
            snapshot_permissions: i(self.snapshot_permissions),
            last_price_precision: None,
            last_size_precision: None,
        }
    }
    /// As the official decoder (`float(minTick)`): a minimum tick that is no
    /// number refuses the message.
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        let min_tick = match &p.min_tick {
            Some(t) => t
                .trim()
                .parse()
                .map_err(|_| DecodeError::Invalid(format!("min tick {t:?} is no number")))?,
            None => UNSET_DOUBLE,
        };
        Ok(Some(TickReqParams {
            ticker_id: p.req_id.unwrap_or(NO_VALID_ID),
            min_tick,
            bbo_exchange: p.bbo_exchange.clone().unwrap_or_default(),
            snapshot_permissions: p.snapshot_permissions.unwrap_or(UNSET_INTEGER),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.tick_req_params_proto_buf(p);
    }
}

impl ProtoForm for TickOptionComputation {
    type Proto = proto::TickOptionComputation;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::TickOptionComputation {
            req_id: Some(self.req_id),
            tick_type: Some(self.tick_type),
            tick_attrib: i(self.tick_attrib),
            implied_vol: f(self.implied_vol),
            delta: f(self.delta),
            opt_price: f(self.opt_price),
            pv_dividend: f(self.pv_dividend),
            gamma: f(self.gamma),
            vega: f(self.vega),
            theta: f(self.theta),
            und_price: f(self.und_price),
        }
    }
    /// An absent value is "not computed" (the official decoder's `None`):
    /// the wire's marker for it, −1 or −2, which delivery turns into
    /// `UNSET_DOUBLE`.
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(TickOptionComputation {
            version: 6,
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            tick_type: p.tick_type.unwrap_or(UNSET_INTEGER),
            tick_attrib: p.tick_attrib.unwrap_or(UNSET_INTEGER),
            implied_vol: p.implied_vol.unwrap_or(-1.0),
            delta: p.delta.unwrap_or(-2.0),
            opt_price: p.opt_price.unwrap_or(-1.0),
            pv_dividend: p.pv_dividend.unwrap_or(-1.0),
            gamma: p.gamma.unwrap_or(-2.0),
            vega: p.vega.unwrap_or(-2.0),
            theta: p.theta.unwrap_or(-2.0),
            und_price: p.und_price.unwrap_or(-1.0),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.tick_option_computation_proto_buf(p);
    }
}

/// The depth data of both depth messages, its text fields pooled.
fn read_depth<P: prost::Message + Default>(
    body: &[u8],
    data: fn(&mut P) -> &mut Option<proto::MarketDepthData>,
) -> Result<P, DecodeError> {
    let mut p = P::default();
    *data(&mut p) = Some(proto::MarketDepthData {
        size: Some(strings::take()),
        market_maker: Some(strings::take()),
        ..Default::default()
    });
    p.merge(body)
        .map_err(|e| DecodeError::Protobuf(e.to_string()))?;
    // Where the nested message and its text fields are absent. (Protobuf
    // merges repeated occurrences of a message; the last one stands for
    // them here, as TWS sends one.)
    let nested = crate::messages::protobuf::field_bytes(body, 2);
    let d = data(&mut p);
    match (nested, d.as_mut()) {
        (Some(inner), Some(d)) => {
            if !crate::messages::protobuf::has_field(inner, 5) {
                strings::give_opt(d.size.take());
            }
            if !crate::messages::protobuf::has_field(inner, 6) {
                strings::give_opt(d.market_maker.take());
            }
        }
        (None, Some(_)) => {
            if let Some(d) = d.take() {
                give_depth(d);
            }
        }
        _ => {}
    }
    Ok(p)
}

fn give_depth(d: proto::MarketDepthData) {
    strings::give_opt(d.size);
    strings::give_opt(d.market_maker);
}

impl ProtoForm for MarketDepth {
    type Proto = proto::MarketDepth;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::MarketDepth {
            req_id: Some(self.req_id),
            market_depth_data: Some(proto::MarketDepthData {
                position: Some(self.position),
                operation: Some(self.operation),
                side: Some(self.side),
                price: f(self.price),
                size: decimal_text(self.size),
                market_maker: None,
                is_smart_depth: None,
            }),
        }
    }
    /// As the official decoder: nothing but the `…ProtoBuf` callback
    /// without the depth data.
    #[inline]
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        let Some(d) = &p.market_depth_data else {
            return Ok(None);
        };
        Ok(Some(MarketDepth {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            position: d.position.unwrap_or(UNSET_INTEGER),
            operation: d.operation.unwrap_or(UNSET_INTEGER),
            side: d.side.unwrap_or(UNSET_INTEGER),
            price: d.price.unwrap_or(UNSET_DOUBLE),
            size: decimal(&d.size),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.update_market_depth_proto_buf(p);
    }
    #[inline]
    fn read_proto(body: &[u8]) -> Result<Self::Proto, DecodeError> {
        read_depth(body, |p: &mut Self::Proto| &mut p.market_depth_data)
    }
    #[inline]
    fn recycle(p: Self::Proto, _m: Option<Self>) {
        if let Some(d) = p.market_depth_data {
            give_depth(d);
        }
    }
}

impl<'a> ProtoForm for MarketDepthL2<'a> {
    type Proto = proto::MarketDepthL2;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::MarketDepthL2 {
            req_id: Some(self.req_id),
            market_depth_data: Some(proto::MarketDepthData {
                position: Some(self.position),
                operation: Some(self.operation),
                side: Some(self.side),
                price: f(self.price),
                size: decimal_text(self.size),
                market_maker: s(&self.market_maker),
                is_smart_depth: b(self.is_smart_depth),
            }),
        }
    }
    /// As the official decoder: nothing but the `…ProtoBuf` callback
    /// without the depth data; an absent position is 0.
    #[inline]
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        let Some(d) = &p.market_depth_data else {
            return Ok(None);
        };
        Ok(Some(MarketDepthL2 {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            position: d.position.unwrap_or(0),
            market_maker: pooled_text(&d.market_maker),
            operation: d.operation.unwrap_or(UNSET_INTEGER),
            side: d.side.unwrap_or(UNSET_INTEGER),
            price: d.price.unwrap_or(UNSET_DOUBLE),
            size: decimal(&d.size),
            is_smart_depth: d.is_smart_depth.unwrap_or(false),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.update_market_depth_l2_proto_buf(p);
    }
    #[inline]
    fn read_proto(body: &[u8]) -> Result<Self::Proto, DecodeError> {
        read_depth(body, |p: &mut Self::Proto| &mut p.market_depth_data)
    }
    #[inline]
    fn recycle(p: Self::Proto, m: Option<Self>) {
        if let Some(d) = p.market_depth_data {
            give_depth(d);
        }
        if let Some(m) = m {
            give_cow(m.market_maker);
        }
    }
}

impl ProtoForm for ReqMktData {
    type Proto = proto::MarketDataRequest;
    const MAP_FIELDS: &'static [u32] = &[6];
    /// `createMarketDataRequestProto`.
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::MarketDataRequest {
            req_id: i(self.req_id),
            contract: contract_proto(&self.contract),
            generic_tick_list: s(&self.generic_tick_list),
            snapshot: b(self.snapshot),
            regulatory_snapshot: b(self.regulatory_snapshot),
            market_data_options: map(&self.mkt_data_options),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqMktData {
            req_id: p.req_id.unwrap_or(UNSET_INTEGER),
            contract: request_contract_of(&p.contract),
            generic_tick_list: p.generic_tick_list.clone().unwrap_or_default(),
            snapshot: p.snapshot.unwrap_or(false),
            regulatory_snapshot: p.regulatory_snapshot.unwrap_or(false),
            mkt_data_options: tag_values(&p.market_data_options),
        }))
    }
}

impl ProtoForm for CancelMktData {
    type Proto = proto::CancelMarketData;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::CancelMarketData {
            req_id: i(self.req_id),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(CancelMktData {
            req_id: p.req_id.unwrap_or(UNSET_INTEGER),
        }))
    }
}

impl ProtoForm for ReqMktDepth {
    type Proto = proto::MarketDepthRequest;
    const MAP_FIELDS: &'static [u32] = &[5];
    /// `createMarketDepthRequestProto`.
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::MarketDepthRequest {
            req_id: i(self.req_id),
            contract: contract_proto(&self.contract),
            num_rows: i(self.num_rows),
            is_smart_depth: b(self.is_smart_depth),
            market_depth_options: map(&self.mkt_depth_options),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqMktDepth {
            req_id: p.req_id.unwrap_or(UNSET_INTEGER),
            contract: request_contract_of(&p.contract),
            num_rows: p.num_rows.unwrap_or(UNSET_INTEGER),
            is_smart_depth: p.is_smart_depth.unwrap_or(false),
            mkt_depth_options: tag_values(&p.market_depth_options),
        }))
    }
}

impl ProtoForm for CancelMktDepth {
    type Proto = proto::CancelMarketDepth;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::CancelMarketDepth {
            req_id: i(self.req_id),
            is_smart_depth: b(self.is_smart_depth),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(CancelMktDepth {
            req_id: p.req_id.unwrap_or(UNSET_INTEGER),
            is_smart_depth: p.is_smart_depth.unwrap_or(false),
        }))
    }
}

impl ProtoForm for ReqMarketDataType {
    type Proto = proto::MarketDataTypeRequest;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::MarketDataTypeRequest {
            market_data_type: i(self.market_data_type),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqMarketDataType {
            market_data_type: p.market_data_type.unwrap_or(UNSET_INTEGER),
        }))
    }
}

// Option calculations (server version 211,
// `MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_1`); their answers are
// `tickOptionComputation`s.

crate::req_id_proto_form! {
    CancelCalcImpliedVolat => CancelCalculateImpliedVolatility, UNSET_INTEGER;
    CancelCalcOptionPrice => CancelCalculateOptionPrice, UNSET_INTEGER;
}

/// The two calculations: request id, contract, the value given (option
/// price or volatility), the underlying's price and the options, which go
/// too (`createCalculate…RequestProto`).
macro_rules! calc_form {
    ($($t:ident => $p:ident, $first:ident: $pfirst:ident, $options:ident: $poptions:ident;)*) => {$(
        impl ProtoForm for $t {
            type Proto = proto::$p;
            const MAP_FIELDS: &'static [u32] = &[5];
            fn to_proto(&self, _sv: i32) -> Self::Proto {
                proto::$p {
                    req_id: i(self.req_id),
                    contract: contract_proto(&self.contract),
                    $pfirst: f(self.$first),
                    under_price: f(self.under_price),
                    $poptions: map(&self.$options),
                }
            }
            fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
                Ok(Some($t {
                    req_id: p.req_id.unwrap_or(UNSET_INTEGER),
                    contract: request_contract_of(&p.contract),
                    $first: p.$pfirst.unwrap_or(UNSET_DOUBLE),
                    under_price: p.under_price.unwrap_or(UNSET_DOUBLE),
                    $options: tag_values(&p.$poptions),
                }))
            }
        }
    )*};
}

calc_form! {
    ReqCalcImpliedVolat => CalculateImpliedVolatilityRequest,
        option_price: option_price, impl_vol_options: implied_volatility_options;
    ReqCalcOptionPrice => CalculateOptionPriceRequest,
        volatility: volatility, opt_prc_options: option_price_options;
}

// The reroutes of a market data or depth request (sent as protobuf from
// server version 212, `MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_2`, with the
// other rest messages).

/// The two reroutes: request id, contract id, exchange.
macro_rules! reroute_form {
    ($($t:ty => $p:ident, $callback:ident;)*) => {$(
        impl ProtoForm for $t {
            type Proto = proto::$p;
            fn to_proto(&self, _sv: i32) -> Self::Proto {
                proto::$p {
                    req_id: Some(self.req_id),
                    con_id: Some(self.con_id),
                    exchange: s(&self.exchange),
                }
            }
            fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
                Ok(Some(Self {
                    req_id: p.req_id.unwrap_or(NO_VALID_ID),
                    con_id: p.con_id.unwrap_or(0),
                    exchange: p.exchange.clone().unwrap_or_default(),
                }))
            }
            fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
                w.$callback(p);
            }
        }
    )*};
}

reroute_form! {
    super::ticks::RerouteMktDataReq => RerouteMarketDataRequest, reroute_market_data_request_proto_buf;
    super::depth::RerouteMktDepthReq => RerouteMarketDepthRequest, reroute_market_depth_request_proto_buf;
}
