//! `tws-sim`: the simulated TWS / IB Gateway as a program.
//!
//! ```text
//! tws-sim --port 0                 # ephemeral port; prints "listening on 127.0.0.1:PORT"
//! tws-sim --port 7497 --server-version 187
//! tws-sim --port 7497 --replay session.tws --replay-time-scale 0
//! ```
//!
//! While it runs, a line on its standard input plays a TWS event on every
//! connection: `lose` (TWS loses IB: 1100, the farms broken, requests held),
//! `restore` (1102, data kept), `restore-data-lost` (1101: the market and
//! account data subscriptions dropped), `compete` (a competing live session:
//! 10197). Each answers with `ok N` (the connections it reached).

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use tws_api::sim::burst::{BurstConfig, BurstGateway};
use tws_api::sim::replay::{ReplayConfig, ReplayGateway};
use tws_api::sim::{Fault, RandomWarnings, SimConfig, SimGateway};
use tws_api::transcript::Transcript;

/// A simulated TWS / IB Gateway speaking the TWS API protocol.
///
/// When it is ready it prints one line, `listening on HOST:PORT`, and serves
/// until killed. Set RUST_LOG=debug to see every session.
#[derive(Debug, Parser)]
#[command(name = "tws-sim", version)]
struct Args {
    /// Address to bind (loopback unless told otherwise)
    #[arg(long, value_name = "HOST", default_value = "127.0.0.1")]
    host: String,
    /// Port to bind; 0 picks a free one
    #[arg(long, value_name = "PORT", default_value_t = 7497)]
    port: u16,
    /// Highest server version to negotiate
    #[arg(long, value_name = "N", default_value_t = tws_api::server_versions::MAX_CLIENT_VER,
          value_parser = clap::value_parser!(i32)
              .range(100..=i64::from(tws_api::server_versions::MAX_CLIENT_VER)))]
    server_version: i32,
    /// Accounts reported by managedAccounts, comma-separated
    #[arg(long, value_name = "A,B", default_value = "DU1234567")]
    accounts: String,
    /// An advisor login: the first account is the advisor's, the others its
    /// sub-accounts (requestFA and replaceFA answered)
    #[arg(long)]
    advisor: bool,
    /// Time between tick rounds per subscription
    #[arg(long, value_name = "MS", default_value_t = 100)]
    tick_interval_ms: u64,
    /// Do not send 2104/2106/2158 after startApi
    #[arg(long)]
    no_farm_notices: bool,
    /// Send the farm notices as broken (2103/2105/2157) instead of OK
    #[arg(long)]
    broken_farm: bool,
    /// Never send nextValidId (a TWS that is not logged in, or has a dialog open)
    #[arg(long)]
    no_next_valid_id: bool,
    /// Close every connection right after the handshake answer
    #[arg(long)]
    close_after_handshake: bool,
    /// Send error messages as protobuf (server version 201+)
    #[arg(long)]
    protobuf_errors: bool,
    /// Benchmark mode: answer each reqMktData with N tickPrice frames as fast
    /// as the socket takes them, then tickSnapshotEnd
    #[arg(long, value_name = "N")]
    burst_ticks: Option<u64>,
    /// With --burst-ticks: send R frames per second instead, each stamped with
    /// its send time (ns since the epoch) in its size
    #[arg(long, value_name = "R", requires = "burst_ticks",
          value_parser = clap::value_parser!(u64).range(1..))]
    burst_rate: Option<u64>,
    /// Enforce IB's historical pacing rules (error 162 on a violation)
    #[arg(long)]
    historical_pacing: bool,
    /// Run the sim's clock this many times fast (real-time bars, keep-up-to-date updates)
    #[arg(long, value_name = "X", default_value_t = 1.0)]
    clock_speed: f64,
    /// Enforce TWS's message rate: over N messages in a second, error 100 and
    /// the connection closed (TWS's limit is 50)
    #[arg(long, value_name = "N")]
    max_messages_per_second: Option<u32>,
    /// TWS's "Read-Only API" setting: order requests get error 321
    #[arg(long)]
    read_only: bool,
    /// Put warnings (10090, 10167, 2104, 2158) at random places of every
    /// answer, from this seed
    #[arg(long, value_name = "SEED")]
    random_warnings: Option<u64>,
    /// With --random-warnings: the chance of a warning before each answer message
    #[arg(
        long,
        value_name = "P",
        default_value_t = 0.2,
        requires = "random_warnings"
    )]
    warning_probability: f64,
    /// Replay a transcript (recorded with IB_CAPTURE, EClient::capture_to or
    /// tws-record) instead of simulating: each request gets its recorded
    /// answers (docs/replay.md)
    #[arg(long, value_name = "FILE", conflicts_with = "burst_ticks")]
    replay: Option<std::path::PathBuf>,
    /// With --replay: the factor applied to the recorded gaps between a
    /// request and its answers (1 keeps the recorded timing, 0 answers at once)
    #[arg(long, value_name = "X", default_value_t = 1.0, requires = "replay")]
    replay_time_scale: f64,
}

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let args = Args::parse();
    let config = SimConfig {
        server_version: args.server_version,
        accounts: args
            .accounts
            .split(',')
            .map(|s| s.trim().to_owned())
            .collect(),
        tick_interval: Duration::from_millis(args.tick_interval_ms),
        advisor: args.advisor,
        farm_notices: !args.no_farm_notices,
        broken_farm: args.broken_farm,
        send_next_valid_id: !args.no_next_valid_id,
        close_after_handshake: args.close_after_handshake,
        protobuf_errors: args.protobuf_errors,
        historical_pacing: args
            .historical_pacing
            .then_some(tws_api::messages::historical::PacingRules::IB),
        clock_speed: args.clock_speed,
        max_messages_per_second: args.max_messages_per_second,
        read_only: args.read_only,
        random_warnings: args.random_warnings.map(|seed| RandomWarnings {
            seed,
            probability: args.warning_probability,
            warnings: [
                (10090, "Part of requested market data is not subscribed."),
                (
                    10167,
                    "Requested market data is not subscribed. Displaying delayed market data.",
                ),
                (2104, "Market data farm connection is OK:usfarm"),
                (2158, "Sec-def data farm connection is OK:secdefnj"),
            ]
            .into_iter()
            .map(|(code, text)| (code, text.to_owned()))
            .collect(),
        }),
        ..SimConfig::default()
    };
    let burst = args.burst_ticks.map(|ticks| BurstConfig {
        server_version: config.server_version,
        ticks,
        rate: args.burst_rate,
        ..BurstConfig::default()
    });
    let host = args.host.as_str();
    let port = args.port;
    // Keep whichever gateway runs alive until the process is killed.
    let started = match (burst, &args.replay) {
        (_, Some(path)) => {
            let transcript = match Transcript::read(path) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("tws-sim: {e}");
                    return ExitCode::FAILURE;
                }
            };
            let replay = ReplayConfig {
                time_scale: args.replay_time_scale,
            };
            ReplayGateway::bind((host, port), &transcript, replay)
                .map(|g| (g.addr(), Gateway::Replay(g)))
        }
        (Some(b), None) => {
            BurstGateway::bind((host, port), b).map(|g| (g.addr(), Gateway::Burst(g)))
        }
        (None, None) => SimGateway::bind((host, port), config).map(|g| (g.addr(), Gateway::Sim(g))),
    };
    let (addr, gateway) = match started {
        Ok(v) => v,
        Err(e) => {
            eprintln!("tws-sim: cannot listen on {host}:{port}: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("listening on {addr}");
    if let Gateway::Sim(gw) = &gateway {
        // Events from the standard input, until it ends.
        for line in std::io::stdin().lines().map_while(Result::ok) {
            let fault = match line.trim() {
                "lose" => Fault::ConnectivityLost,
                "restore" => Fault::ConnectivityRestored { data_kept: true },
                "restore-data-lost" => Fault::ConnectivityRestored { data_kept: false },
                "compete" => Fault::CompetingSession,
                "" => continue,
                other => {
                    println!("unknown event {other:?}: lose, restore, restore-data-lost, compete");
                    continue;
                }
            };
            println!("ok {}", gw.inject(fault));
        }
    }
    loop {
        std::thread::park();
    }
}

/// The gateway that runs, kept alive until the process is killed.
enum Gateway {
    Sim(SimGateway),
    #[allow(dead_code)]
    Burst(BurstGateway),
    #[allow(dead_code)]
    Replay(ReplayGateway),
}
