//! `tws-sim`: the simulated TWS / IB Gateway as a program.
//!
//! ```text
//! tws-sim --port 0                 # ephemeral port; prints "listening on 127.0.0.1:PORT"
//! tws-sim --port 7497 --server-version 187
//! ```

use std::process::ExitCode;
use std::time::Duration;

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
    --tick-interval-ms MS   Time between tick rounds per subscription (default 100)
    --no-farm-notices       Do not send 2104/2106/2158 after startApi
    --protobuf-errors       Send error messages as protobuf (server version 201+)
    -h, --help              Print this help

When it is ready it prints one line, `listening on HOST:PORT`, and serves until killed.
Set RUST_LOG=debug to see every session.";

fn parse_args(args: &[String]) -> Result<Option<(String, u16, SimConfig)>, String> {
    let mut host = "127.0.0.1".to_owned();
    let mut port: u16 = 7497;
    let mut config = SimConfig::default();
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
            "--protobuf-errors" => config.protobuf_errors = true,
            other => return Err(format!("unknown argument {other:?} (see --help)")),
        }
    }
    Ok(Some((host, port, config)))
}

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (host, port, config) = match parse_args(&args) {
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
    let gateway = match SimGateway::bind((host.as_str(), port), config) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("tws-sim: cannot listen on {host}:{port}: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("listening on {}", gateway.addr());
    loop {
        std::thread::park();
    }
}
