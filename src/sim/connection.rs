//! The sim's connection requests: startApi, ids, the time, the managed
//! accounts, the server log level, user info, and the verify handshake.
//!
//! The verify messages belong to an IB-internal handshake that the sim does
//! not run: `verifyMessage` and `verifyRequest` are answered with
//! `verifyCompleted(false, …)`, their `AndAuth` forms with
//! `verifyAndAuthCompleted(false, …)` (the official client refuses to send
//! the two requests itself).

use super::session::Session;
use super::time::{now_millis, now_secs};
use crate::messages::config::{ConfigResponse, UpdateConfigResponse};
use crate::messages::connection::{
    CurrentTime, CurrentTimeInMillis, ManagedAccounts, NextValidId, UserInfo,
    VerifyAndAuthCompleted, VerifyCompleted,
};
use crate::messages::ids::ConnectionRequest;
use crate::proto;

/// The API settings of `reqConfig`: whether the API is read-only.
fn config_response(s: &Session<'_>, req_id: i32) -> ConfigResponse {
    ConfigResponse(proto::ConfigResponse {
        req_id: Some(req_id),
        api: Some(proto::ApiConfig {
            settings: Some(proto::ApiSettingsConfig {
                read_only_api: Some(s.shared.config.read_only),
                ..Default::default()
            }),
            ..Default::default()
        }),
        ..Default::default()
    })
}

/// The reason given for every verification.
const NOT_ENABLED: &str = "API verification is not enabled for this connection.";

/// Answers one connection request; `false` ends the session (a client id
/// already in use).
pub(super) fn handle(s: &mut Session<'_>, req: ConnectionRequest) -> bool {
    match req {
        ConnectionRequest::StartApi(m) => return s.start_api(m.client_id),
        ConnectionRequest::ReqIds(_) => {
            if s.shared.config.send_next_valid_id {
                s.send(&NextValidId {
                    order_id: s.next_order_id,
                });
            }
        }
        ConnectionRequest::ReqCurrentTime(_) => s.send(&CurrentTime { time: now_secs() }),
        ConnectionRequest::ReqConfig(m) => s.send(&config_response(s, m.req_id)),
        ConnectionRequest::UpdateConfig(m) => {
            // Accepted as it is: the sim keeps no API configuration beyond
            // what SimConfig sets.
            s.send(&UpdateConfigResponse(proto::UpdateConfigResponse {
                req_id: m.0.req_id,
                status: Some("Success".into()),
                ..Default::default()
            }));
        }
        ConnectionRequest::ReqManagedAccts(_) => {
            let accounts_list = s.shared.config.accounts.join(",");
            s.send(&ManagedAccounts { accounts_list });
        }
        ConnectionRequest::SetServerLogLevel(m) => {
            log::debug!("session {}: server log level {}", s.conn_id, m.log_level);
        }
        ConnectionRequest::ReqCurrentTimeInMillis(_) => {
            s.send(&CurrentTimeInMillis {
                time_in_millis: now_millis(),
            });
        }
        ConnectionRequest::ReqUserInfo(m) => {
            s.send(&UserInfo {
                req_id: m.req_id,
                white_branding_id: s.shared.config.white_branding_id.clone(),
            });
        }
        ConnectionRequest::VerifyRequest(_) | ConnectionRequest::VerifyMessage(_) => {
            s.send(&VerifyCompleted::<false> {
                is_successful: false,
                error_text: NOT_ENABLED.into(),
            });
        }
        ConnectionRequest::VerifyAndAuthRequest(_) | ConnectionRequest::VerifyAndAuthMessage(_) => {
            s.send(&VerifyAndAuthCompleted {
                is_successful: false,
                error_text: NOT_ENABLED.into(),
            });
        }
    }
    true
}
