//! The protobuf forms of the connection's messages: user info (server
//! version 212, `MIN_SERVER_VER_PROTOBUF_REST_MESSAGES_2`), read as the
//! official 10.51.1 decoder reads them.

use super::{ReqUserInfo, UserInfo};
use crate::errors::NO_VALID_ID;
use crate::messages::protobuf::{s, text};
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
