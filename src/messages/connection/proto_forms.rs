//! The protobuf forms of the connection's messages: user info (server
//! version 212, `MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_2`) and the rest
//! (213), read as the official 10.51.1 decoder reads them.

use super::{
    CurrentTime, CurrentTimeInMillis, NextValidId, ReqCurrentTime, ReqCurrentTimeInMillis, ReqIds,
    ReqUserInfo, SetServerLogLevel, StartApi, UserInfo, VerifyCompleted, VerifyMessage,
    VerifyMessageApi, VerifyRequest,
};
use crate::errors::NO_VALID_ID;
use crate::messages::protobuf::{b, i, s, text};
use crate::messages::ProtoForm;
use crate::model::UNSET_INTEGER;
use crate::proto;
use crate::wire::DecodeError;
use crate::EWrapper;

crate::req_id_proto_form! {
    ReqUserInfo => UserInfoRequest, UNSET_INTEGER;
}

impl ProtoForm for UserInfo {
    type Proto = proto::UserInfo;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::UserInfo {
            req_id: Some(self.req_id),
            white_branding_id: s(&self.white_branding_id),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(UserInfo {
            req_id: p.req_id.unwrap_or(NO_VALID_ID),
            white_branding_id: text(&p.white_branding_id),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.user_info_proto_buf(p);
    }
}

// Server version 213 (`MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_3`): ids,
// clocks, startApi, the log level, verification and display groups.

crate::empty_proto_form! {
    ReqCurrentTime => CurrentTimeRequest;
    ReqCurrentTimeInMillis => CurrentTimeInMillisRequest;
}

impl ProtoForm for ReqIds {
    type Proto = proto::IdsRequest;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::IdsRequest {
            num_ids: i(self.num_ids),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(ReqIds {
            num_ids: p.num_ids.unwrap_or(UNSET_INTEGER),
        }))
    }
}

impl ProtoForm for StartApi {
    type Proto = proto::StartApiRequest;
    /// `createStartApiRequestProto`.
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::StartApiRequest {
            client_id: i(self.client_id),
            optional_capabilities: s(&self.optional_capabilities),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(StartApi {
            client_id: p.client_id.unwrap_or(UNSET_INTEGER),
            optional_capabilities: text(&p.optional_capabilities),
        }))
    }
}

impl ProtoForm for SetServerLogLevel {
    type Proto = proto::SetServerLogLevelRequest;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::SetServerLogLevelRequest {
            log_level: i(self.log_level),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(SetServerLogLevel {
            log_level: p.log_level.unwrap_or(UNSET_INTEGER),
        }))
    }
}

impl ProtoForm for VerifyRequest {
    type Proto = proto::VerifyRequest;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::VerifyRequest {
            api_name: s(&self.api_name),
            api_version: s(&self.api_version),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(VerifyRequest {
            api_name: text(&p.api_name),
            api_version: text(&p.api_version),
        }))
    }
}

impl ProtoForm for VerifyMessage {
    type Proto = proto::VerifyMessageRequest;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::VerifyMessageRequest {
            api_data: s(&self.api_data),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(VerifyMessage {
            api_data: text(&p.api_data),
        }))
    }
}

impl ProtoForm for NextValidId {
    type Proto = proto::NextValidId;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::NextValidId {
            order_id: Some(self.order_id),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(NextValidId {
            order_id: p.order_id.unwrap_or(0),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.next_valid_id_proto_buf(p);
    }
}

impl ProtoForm for CurrentTime {
    type Proto = proto::CurrentTime;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::CurrentTime {
            current_time: Some(self.time),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(CurrentTime {
            time: p.current_time.unwrap_or(0),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.current_time_proto_buf(p);
    }
}

impl ProtoForm for CurrentTimeInMillis {
    type Proto = proto::CurrentTimeInMillis;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::CurrentTimeInMillis {
            current_time_in_millis: Some(self.time_in_millis),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(CurrentTimeInMillis {
            time_in_millis: p.current_time_in_millis.unwrap_or(0),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.current_time_in_millis_proto_buf(p);
    }
}

impl ProtoForm for VerifyMessageApi {
    type Proto = proto::VerifyMessageApi;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::VerifyMessageApi {
            api_data: s(&self.api_data),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(VerifyMessageApi {
            api_data: text(&p.api_data),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.verify_message_api_proto_buf(p);
    }
}

impl ProtoForm for VerifyCompleted<false> {
    type Proto = proto::VerifyCompleted;
    fn to_proto(&self, _sv: i32) -> Self::Proto {
        proto::VerifyCompleted {
            is_successful: b(self.is_successful),
            error_text: s(&self.error_text),
        }
    }
    fn from_proto(_sv: i32, p: &Self::Proto) -> Result<Option<Self>, DecodeError> {
        Ok(Some(VerifyCompleted {
            is_successful: p.is_successful.unwrap_or(false),
            error_text: text(&p.error_text),
        }))
    }
    fn proto_callback(p: &Self::Proto, w: &mut dyn EWrapper) {
        w.verify_completed_proto_buf(p);
    }
}
