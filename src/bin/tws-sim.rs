//! `tws-sim`: the simulated TWS / IB Gateway as a program.
//!
//! ```text
//! tws-sim --port 0                 # ephemeral port; prints "listening on 127.0.0.1:PORT"
//! tws-sim --port 7497 --server-version 187
//! ```

use std::process::ExitCode;
use std::time::Duration;

use tws_api::sim::burst::{BurstConfig, BurstGateway};
use tws_api::sim::{SimConfig, SimGateway};

const HELP: &str = "\
tws-sim: a simulated TWS / IB Gateway speaking the TWS API protocol

USAGE:
    tws-sim [OPTIONS]

OPTIONS:
    --host HOST             Address to bind (default 127.0.0.1; loopback unless told otherwise)
    --port PORT             Port to bind; 0 picks a free one (default 7497)
    --server-version N      Highest server version to negotiate, 100-203 (default 203)
    --accounts A,B          Accounts reported by managedAccounts (default DU1234567)
    --advisor               An advisor login: the first account is the advisor's,
                            the others its sub-accounts (requestFA answered)
    --tick-interval-ms MS   Time between tick rounds per subscription (default 100)
    --no-farm-notices       Do not send 2104/2106/2158 after startApi
    --protobuf-errors       Send error messages as protobuf (server version 201+)
    --burst-ticks N         Benchmark mode: answer each reqMktData with N tickPrice frames
                            as fast as the socket takes them, then tickSnapshotEnd
    --burst-rate R          With --burst-ticks: send R frames per second instead, each
                            stamped with its send time (ns since the epoch) in its size
    -h, --help              Print this help

When it is ready it prints one line, `listening on HOST:PORT`, and serves until killed.
Set RUST_LOG=debug to see every session.";

/// What the command line asks for.
struct Args {
    host: String,
    port: u16,
    config: SimConfig,
    burst: Option<BurstConfig>,
}

fn parse_args(args: &[String]) -> Result<Option<Args>, String> {
    let mut host = "127.0.0.1".to_owned();
    let mut port: u16 = 7497;
    let mut config = SimConfig::default();
    let mut burst_ticks: Option<u64> = None;
    let mut burst_rate: Option<u64> = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--host" => host = value("--host")?,
            "--port" => {
                let v = value("--port")?;
                port = v
                    .parse()
                    .map_err(|_| format!("--port {v:?} is not a port number (0-65535)"))?;
            }
            "--server-version" => {
                let v = value("--server-version")?;
                config.server_version = v
                    .parse()
                    .ok()
                    .filter(|n| (100..=203).contains(n))
                    .ok_or_else(|| {
                        format!("--server-version {v:?} is not a number from 100 to 203")
                    })?;
            }
            "--accounts" => {
                let v = value("--accounts")?;
                config.accounts = v.split(',').map(|s| s.trim().to_owned()).collect();
            }
            "--tick-interval-ms" => {
                let v = value("--tick-interval-ms")?;
                let ms: u64 = v
                    .parse()
                    .map_err(|_| format!("--tick-interval-ms {v:?} is not a number"))?;
                config.tick_interval = Duration::from_millis(ms);
            }
            "--no-farm-notices" => config.farm_notices = false,
            "--advisor" => config.advisor = true,
            "--protobuf-errors" => config.protobuf_errors = true,
            "--burst-ticks" => {
                let v = value("--burst-ticks")?;
                burst_ticks = Some(
                    v.parse()
                        .map_err(|_| format!("--burst-ticks {v:?} is not a number"))?,
                );
            }
            "--burst-rate" => {
                let v = value("--burst-rate")?;
                burst_rate = Some(
                    v.parse()
                        .ok()
                        .filter(|r| *r > 0)
                        .ok_or_else(|| format!("--burst-rate {v:?} is not a positive number"))?,
                );
            }
            other => return Err(format!("unknown argument {other:?} (see --help)")),
        }
    }
    if burst_rate.is_some() && burst_ticks.is_none() {
        return Err("--burst-rate needs --burst-ticks".into());
    }
    let burst = burst_ticks.map(|ticks| BurstConfig {
        server_version: config.server_version,
        ticks,
        rate: burst_rate,
    });
    Ok(Some(Args {
        host,
        port,
        config,
        burst,
    }))
}

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Args {
        host,
        port,
        config,
        burst,
    } = match parse_args(&args) {
        Ok(Some(v)) => v,
        Ok(None) => {
            println!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("tws-sim: {e}");
            return ExitCode::from(2);
        }
    };
    // Keep whichever gateway runs alive until the process is killed.
    let started = match burst {
        Some(b) => BurstGateway::bind((host.as_str(), port), b)
            .map(|g| (g.addr(), Box::new(g) as Box<dyn std::any::Any>)),
        None => SimGateway::bind((host.as_str(), port), config)
            .map(|g| (g.addr(), Box::new(g) as Box<dyn std::any::Any>)),
    };
    let (addr, _gateway) = match started {
        Ok(v) => v,
        Err(e) => {
            eprintln!("tws-sim: cannot listen on {host}:{port}: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("listening on {addr}");
    loop {
        std::thread::park();
    }
}
