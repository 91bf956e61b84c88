//! The user's side: [`EClient`], the EReader thread, `run()`, [`Event`] and the
//! ready-made [`IBClient`].

mod autoconnect;
mod direct;
mod dispatch;
mod eclient;
mod event;
mod flow;
mod historical_pacer;
mod ibclient;
mod lifecycle;
pub mod metrics;
mod pacer;
mod reader;
mod requests;
mod run;
mod streams;
mod supervisor;
mod sync;

pub use autoconnect::AutoConnect;
#[cfg(feature = "status")]
pub(crate) use autoconnect::READY_TIMEOUT;
pub use dispatch::dispatch_frame;
pub use eclient::{EClient, DEFAULT_CONNECT_TIMEOUT, DEFAULT_SPIN, DEFAULT_WRITE_TIMEOUT};
pub use event::Event;
pub use flow::DEFAULT_QUEUE_LIMIT;
pub use ibclient::IBClient;
pub use lifecycle::{RequestInFlight, RequestKey, RequestKind};
pub use metrics::MetricsSnapshot;
pub use pacer::RateLimit;
pub use streams::{
    DepthUpdate, HistoricalBar, MarketDataTick, RealtimeBar, Stream, TickByTick,
    MAX_STREAM_WARNINGS,
};
pub use supervisor::{Heartbeat, ReconnectPolicy};
pub use sync::{
    AccountSnapshot, AccountSummaryRow, HistoricalTicks, MarketDataSnapshot, NewsHeadline,
    OptionChain, OrderInfo, OrderProgress, OrderStatusUpdate, PortfolioItem, PositionInfo,
    MAX_HELPER_WARNINGS, SYNC_REQ_ID_BASE,
};
