//! The connection machinery: the socket, the EReader thread and direct
//! reads, `run()` and dispatch, flow control and pacing, the request
//! lifecycle, the supervisor and the heartbeat's settings, the metrics.
//! The request/answer API built on it (`EClient`'s request methods in
//! `client/requests/`, `IBClient`, its blocking helpers and streams) is in
//! the parent module.

pub(crate) mod autoconnect;
pub(crate) mod direct;
pub(crate) mod dispatch;
pub(crate) mod eclient;
pub(crate) mod event;
pub(crate) mod flow;
pub(crate) mod historical_pacer;
pub(crate) mod latency;
pub(crate) mod lifecycle;
pub mod metrics;
pub(crate) mod pacer;
pub(crate) mod reader;
pub(crate) mod run;
pub(crate) mod supervisor;
