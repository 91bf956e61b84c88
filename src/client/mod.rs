//! The user's side: [`EClient`], the EReader thread, `run()`, [`Event`] and the
//! ready-made [`IBClient`].
//!
//! `conn/` is the connection machinery (socket, reader, `run()`, dispatch,
//! flow, pacing, lifecycle, supervisor, metrics); the request/answer API is
//! here: `requests/` (`EClient`'s request methods, by domain), `ibclient.rs`,
//! `sync/` (blocking helpers, by domain) and `streams.rs`.

mod capture;
mod conn;
mod ibclient;
pub(crate) mod pool;
mod requests;
mod streams;
mod sync;

pub use conn::metrics;
use conn::{autoconnect, dispatch, eclient, event, flow, latency, lifecycle, pacer, supervisor};

pub use autoconnect::AutoConnect;
#[cfg(feature = "status")]
pub(crate) use autoconnect::READY_TIMEOUT;
pub use dispatch::dispatch_frame;
pub use eclient::{EClient, DEFAULT_CONNECT_TIMEOUT, DEFAULT_SPIN, DEFAULT_WRITE_TIMEOUT};
pub use event::Event;
pub use flow::DEFAULT_QUEUE_LIMIT;
pub use ibclient::IBClient;
pub use latency::{LatencyStats, RequestLatency, LATENCY_WINDOW};
pub use lifecycle::{RequestInFlight, RequestKey, RequestKind, LOST_WITH_DATA};
pub use metrics::MetricsSnapshot;
pub use pacer::RateLimit;
pub use pool::{
    prometheus_text, Alert, AlertKind, ClientPool, ConnectionHealth, PoolConfig, PoolHealth,
    Strategy,
};
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
