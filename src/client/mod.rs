//! The user's side: [`EClient`], the EReader thread, `run()`, [`Event`] and the
//! ready-made [`IBClient`].

mod dispatch;
mod eclient;
mod event;
mod ibclient;
pub mod metrics;
mod reader;
mod tracked;

pub use dispatch::dispatch_frame;
pub use eclient::{EClient, DEFAULT_CONNECT_TIMEOUT};
pub use event::Event;
pub use ibclient::IBClient;
pub use metrics::MetricsSnapshot;
