//! `tws-status`: the auto-connect document's dashboard server. Connects to TWS
//! / IB Gateway at start-up when `.env` says `IBKR_AUTO_CONNECT=true`, keeps
//! the connection (reconnecting with backoff), and serves the status API and
//! a dashboard page. See docs/service.md.
//!
//! ```text
//! tws-status                              # settings from .env; http://127.0.0.1:9101/
//! tws-status --port 4002 --auto-connect   # connect to IB Gateway paper at start-up
//! IBKR_STATUS_TOKEN=… tws-status --listen 0.0.0.0:9101
//! ```

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;
use tws_api::cli::ConnectArgs;
use tws_api::client::{Heartbeat, ReconnectPolicy};
use tws_api::status::{ServerOptions, Service, ServiceOptions, StatusServer};
use tws_api::IBClient;

/// Serves the connection status of TWS / IB Gateway over HTTP, with a
/// dashboard page; connects at start-up when IBKR_AUTO_CONNECT=true.
///
/// Endpoints: GET /api/ibkr/status, POST /api/ibkr/connect, POST
/// /api/ibkr/disconnect, GET / (the page). Serving beyond loopback requires
/// IBKR_STATUS_TOKEN (environment or .env); every API request must then carry
/// `Authorization: Bearer <token>`.
#[derive(Debug, Parser)]
#[command(name = "tws-status", version)]
struct Args {
    #[command(flatten)]
    connect: ConnectArgs,
    /// Address to serve HTTP on; port 0 picks a free one
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:9101")]
    listen: String,
    /// Connect at start-up, whatever IBKR_AUTO_CONNECT says
    #[arg(long, conflicts_with = "no_auto_connect")]
    auto_connect: bool,
    /// Do not connect at start-up, whatever IBKR_AUTO_CONNECT says
    #[arg(long)]
    no_auto_connect: bool,
    /// Do not reconnect when the connection is lost
    #[arg(long)]
    no_reconnect: bool,
    /// First wait before reconnecting; each further wait doubles, up to 60 s
    #[arg(long, value_name = "MS", default_value_t = 1000)]
    reconnect_delay_ms: u64,
    /// Seconds the TCP connection and the API hello may take
    #[arg(long, value_name = "SECS", default_value_t = 5)]
    connect_timeout: u64,
    /// Threads serving HTTP requests
    #[arg(long, value_name = "N", default_value_t = 8,
          value_parser = clap::value_parser!(u16).range(1..=256))]
    workers: u16,
}

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let args = Args::parse();
    let resolved = match args.connect.resolve() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("tws-status: {e}");
            return ExitCode::from(2);
        }
    };
    let token = match args.connect.lookup("IBKR_STATUS_TOKEN") {
        Ok(t) => t.filter(|t| !t.trim().is_empty()),
        Err(e) => {
            eprintln!("tws-status: {e}");
            return ExitCode::from(2);
        }
    };
    let client = Arc::new(IBClient::new());
    if !args.no_reconnect {
        client.set_reconnect(Some(ReconnectPolicy {
            initial_delay: Duration::from_millis(args.reconnect_delay_ms.max(10)),
            ..ReconnectPolicy::default()
        }));
        client.set_heartbeat(Some(Heartbeat::default()));
    }
    let service = Arc::new(Service::with_options(
        client,
        resolved.config.clone(),
        ServiceOptions {
            connect_timeout: Duration::from_secs(args.connect_timeout.max(1)),
            retry_failed_auto_connect: !args.no_reconnect,
            ..ServiceOptions::default()
        },
    ));
    let options = ServerOptions {
        token,
        workers: Some(usize::from(args.workers)),
    };
    let server = match StatusServer::serve(args.listen.as_str(), Arc::clone(&service), options) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("tws-status: cannot serve on {}: {e}", args.listen);
            return ExitCode::FAILURE;
        }
    };
    println!("listening on http://{}/", server.addr());
    let auto = if args.auto_connect {
        true
    } else if args.no_auto_connect {
        false
    } else {
        resolved.auto_connect
    };
    // Failures are logged with their cause and fix; the server goes on.
    let _ = service.auto_connect_if(auto);
    loop {
        std::thread::park();
    }
}
