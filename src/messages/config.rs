//! The messages of server versions 215–221 that exist only as protobuf
//! (10.51.1): `cancelContractData`, `cancelHistoricalTicks` (215,
//! `MIN_SERVER_VER_CANCEL_CONTRACT_DATA`), `reqConfig` (219,
//! `MIN_SERVER_VER_CONFIG`) and `updateConfig` (221,
//! `MIN_SERVER_VER_UPDATE_CONFIG`), and the two answers, `configResponse`
//! and `updateConfigResponse`, which reach only their `…ProtoBuf`
//! callbacks (as in 10.51.1) and end their request.
//!
//! They have no text form: below their version a request is refused with
//! 503 and 10.51.1's text, nothing sent.

use super::ids::{incoming, outgoing};
use super::incoming::Incoming;
use super::route::Route;
use super::{Message, ProtoForm};
use crate::errors::NO_VALID_ID;
use crate::model::UNSET_INTEGER;
use crate::proto;
use crate::wire::{DecodeError, EncodeError, FieldReader, FieldWriter};
use crate::EWrapper;

/// The `Message` items of a message with a protobuf form only: its text
/// form refuses (`$refused`, 10.51.1's text) or does not read.
macro_rules! protobuf_only {
    ($t:ty = $id:path, $since:path, $refused:expr) => {
        impl Message for $t {
            const ID: u32 = $id;

            crate::protobuf_form!($since);

            fn encode(&self, _sv: i32, _w: &mut FieldWriter<'_>) -> Result<(), EncodeError> {
                Err(EncodeError::UpdateTws($refused))
            }

            fn decode(_sv: i32, _r: &mut FieldReader<'_>) -> Result<Self, DecodeError> {
                Err(DecodeError::Invalid(format!(
                    "message {} has no text form",
                    <$t as Message>::ID
                )))
            }
        }
    };
}

/// `cancelContractData` (215): stops a `reqContractDetails` in flight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CancelContractData {
    /// The id of the `reqContractDetails` to stop.
    pub req_id: i32,
}

/// `cancelHistoricalTicks` (215): stops a `reqHistoricalTicks` in flight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CancelHistoricalTicks {
    /// The id of the `reqHistoricalTicks` to stop.
    pub req_id: i32,
}

/// `reqConfig` (219, `reqConfigProtoBuf`): TWS's API configuration,
/// answered by [`ConfigResponse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReqConfig {
    /// The id the answer carries.
    pub req_id: i32,
}

/// `updateConfig` (221, `updateConfigProtoBuf`): changes TWS's API
/// configuration, answered by [`UpdateConfigResponse`]. The protobuf
/// message is the request.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UpdateConfig(pub proto::UpdateConfigRequest);

/// `configResponse` (219): the configuration asked for.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ConfigResponse(pub proto::ConfigResponse);

/// `updateConfigResponse` (221): the result of an `updateConfig`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UpdateConfigResponse(pub proto::UpdateConfigResponse);

crate::req_id_proto_form! {
    CancelContractData => CancelContractData, UNSET_INTEGER;
    CancelHistoricalTicks => CancelHistoricalTicks, UNSET_INTEGER;
    ReqConfig => ConfigRequest, UNSET_INTEGER;
}

protobuf_only!(
    CancelContractData = outgoing::CANCEL_CONTRACT_DATA,
    outgoing::protobuf_since,
    "  It does not support contract data cancels."
);
protobuf_only!(
    CancelHistoricalTicks = outgoing::CANCEL_HISTORICAL_TICKS,
    outgoing::protobuf_since,
    "  It does not support historical ticks cancels."
);
protobuf_only!(
    ReqConfig = outgoing::REQ_CONFIG,
    outgoing::protobuf_since,
    "  It does not support config requests."
);
protobuf_only!(
    UpdateConfig = outgoing::UPDATE_CONFIG,
    outgoing::protobuf_since,
    "  It does not support update config requests."
);
protobuf_only!(
    ConfigResponse = incoming::CONFIG_RESPONSE,
    incoming::protobuf_since,
    "  It does not take this message as text."
);
protobuf_only!(
    UpdateConfigResponse = incoming::UPDATE_CONFIG_RESPONSE,
    incoming::protobuf_since,
    "  It does not take this message as text."
);

/// A message that is its protobuf message.
macro_rules! proto_itself {
    ($($t:ident => $p:ident $(, $callback:ident)?;)*) => {$(
        impl ProtoForm for $t {
            type Proto = proto::$p;
            fn to_proto(&self, _sv: i32) -> Self::Proto {
                self.0.clone()
            }
            fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
                Ok(Some($t(p.clone())))
            }
            $(fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
                w.$callback(p);
            })?
        }
    )*};
}

proto_itself! {
    UpdateConfig => UpdateConfigRequest;
    ConfigResponse => ConfigResponse, config_response_proto_buf;
    UpdateConfigResponse => UpdateConfigResponse, update_config_response_proto_buf;
}

impl UpdateConfig {
    /// The request id.
    pub fn req_id(&self) -> i32 {
        self.0.req_id.unwrap_or(NO_VALID_ID)
    }
}

// The answers have no ordinary callback: delivering them is their
// `…ProtoBuf` callback (which `WithProto` calls); they end their request.

impl Incoming for ConfigResponse {
    const MAY_END: bool = true;
    fn deliver(&self, _sv: i32, _w: &mut dyn EWrapper) -> Result<(), DecodeError> {
        Ok(())
    }
    fn route(&self) -> Route {
        Route::id(self.0.req_id.unwrap_or(NO_VALID_ID)).ending()
    }
}

impl Incoming for UpdateConfigResponse {
    const MAY_END: bool = true;
    fn deliver(&self, _sv: i32, _w: &mut dyn EWrapper) -> Result<(), DecodeError> {
        Ok(())
    }
    fn route(&self) -> Route {
        Route::id(self.0.req_id.unwrap_or(NO_VALID_ID)).ending()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::to_frame;

    #[test]
    fn below_their_version_they_are_refused_with_the_official_text() {
        let e = to_frame(&CancelContractData { req_id: 1 }, 214).unwrap_err();
        assert!(
            matches!(e, EncodeError::UpdateTws(t) if t.contains("contract data cancels")),
            "{e:?}"
        );
        let f = to_frame(&CancelContractData { req_id: 1 }, 215).unwrap();
        // Length, id 106 + 200, field 1 = 1.
        assert_eq!(f, [0, 0, 0, 6, 0, 0, 1, 50, 8, 1]);
        let u = UpdateConfig(proto::UpdateConfigRequest {
            req_id: Some(3),
            reset_api_order_sequence: Some(true),
            ..Default::default()
        });
        assert!(to_frame(&u, 220).is_err());
        assert!(to_frame(&u, 221).is_ok());
    }
}
