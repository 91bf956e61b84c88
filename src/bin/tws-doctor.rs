//! `tws-doctor`: walks the connection guide's troubleshooting checklist
//! against TWS / IB Gateway and prints each step with ✓/✗, what it found and
//! the fix. Exit code 0 only when every check passes.
//!
//! ```text
//! tws-doctor                          # host, port and client id from .env
//! tws-doctor --port 4002 --client-id 7
//! tws-doctor --json                   # for machines
//! ```

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use tws_api::cli::ConnectArgs;
use tws_api::doctor::{diagnose, DoctorOptions};

/// Checks the connection to TWS / IB Gateway step by step: host, TCP, the API
/// hello, server version, client id, nextValidId, data farms, clock.
///
/// Exit code: 0 when every check passes, 1 when one fails, 2 for bad arguments.
#[derive(Debug, Parser)]
#[command(name = "tws-doctor", version)]
struct Args {
    #[command(flatten)]
    connect: ConnectArgs,
    /// Print the report as JSON
    #[arg(long)]
    json: bool,
    /// Seconds the TCP connection and the API hello may take
    #[arg(long, value_name = "SECS", default_value_t = 5)]
    timeout: u64,
    /// On 326 (client id in use), do not look for a free client id
    #[arg(long)]
    no_id_search: bool,
}

fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("error")).init();
    let args = Args::parse();
    let resolved = match args.connect.resolve() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("tws-doctor: {e}");
            return ExitCode::from(2);
        }
    };
    let c = &resolved.config;
    let mut opts = DoctorOptions::new(&c.host, c.port, c.client_id);
    opts.hello_timeout = Duration::from_secs(args.timeout.max(1));
    opts.find_free_id = !args.no_id_search;
    let report = diagnose(&opts);
    let text = if args.json {
        serde_json::to_string_pretty(&report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
            + "\n"
    } else {
        report.to_text()
    };
    let _ = std::io::stdout().write_all(text.as_bytes());
    if report.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
