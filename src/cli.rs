//! Command-line flags shared by the crate's programs (`tws-sim`, `tws-status`,
//! `tws-doctor`), so that each spells them the same way: `--host`, `--port`,
//! `--client-id`, `--env-file`.

use std::path::PathBuf;

use crate::config::{auto_connect_from_vars, env_then_dotenv, env_then_file, IBConfig};
use crate::errors::Error;

/// Where to connect, as flags; anything not given comes from the environment
/// and `.env` (see [`crate::config`]).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ConnectArgs {
    /// Host of TWS / IB Gateway [default: IB_HOST / IBKR_HOST, else 127.0.0.1]
    #[arg(long, value_name = "HOST")]
    pub host: Option<String>,
    /// API socket port: TWS 7497 paper / 7496 live, Gateway 4002 paper / 4001 live
    /// [default: IB_PORT / IBKR_PORT, else 7497]
    #[arg(long, value_name = "PORT", value_parser = clap::value_parser!(u16).range(1..))]
    pub port: Option<u16>,
    /// Client id, 0-31, unique per TWS instance [default: IB_CLIENT_ID / IBKR_CLIENT_ID, else 0]
    #[arg(long, value_name = "ID", value_parser = clap::value_parser!(i32).range(0..=31))]
    pub client_id: Option<i32>,
    /// Settings file to read instead of the `.env` found in this directory or its parents
    #[arg(long, value_name = "FILE")]
    pub env_file: Option<PathBuf>,
}

/// What [`ConnectArgs::resolve`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// Where to connect: the flags over the environment over the file.
    pub config: IBConfig,
    /// `IBKR_AUTO_CONNECT` (or `IB_AUTO_CONNECT`).
    pub auto_connect: bool,
}

impl ConnectArgs {
    /// Another setting from the same sources (the environment, then the
    /// file): `IBKR_STATUS_TOKEN`, for example.
    pub fn lookup(&self, name: &str) -> Result<Option<String>, Error> {
        Ok(match &self.env_file {
            Some(path) => env_then_file(path)?(name),
            None => env_then_dotenv()?(name),
        })
    }

    /// The settings: each flag given wins over the environment and the file.
    pub fn resolve(&self) -> Result<Resolved, Error> {
        let (mut config, auto_connect) = match &self.env_file {
            Some(path) => {
                let get = env_then_file(path)?;
                (IBConfig::from_vars(&get)?, auto_connect_from_vars(&get)?)
            }
            None => {
                let get = env_then_dotenv()?;
                (IBConfig::from_vars(&get)?, auto_connect_from_vars(&get)?)
            }
        };
        if let Some(h) = &self.host {
            config.host = h.clone();
        }
        if let Some(p) = self.port {
            config.port = p;
        }
        if let Some(id) = self.client_id {
            config.client_id = id;
        }
        Ok(Resolved {
            config,
            auto_connect,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_beat_the_file() {
        let path = std::env::temp_dir().join(format!("tws-cli-test-{}.env", std::process::id()));
        std::fs::write(
            &path,
            "IBKR_AUTO_CONNECT=true\nIBKR_HOST=10.0.0.9\nIBKR_PORT=4002\nIBKR_CLIENT_ID=3\nIBKR_STATUS_TOKEN=t0k\n",
        )
        .unwrap();
        let args = ConnectArgs {
            port: Some(4001),
            env_file: Some(path.clone()),
            ..ConnectArgs::default()
        };
        // Only where the shell sets none of these (as under cargo test here).
        if std::env::vars().any(|(k, _)| k.starts_with("IB_") || k.starts_with("IBKR_")) {
            return;
        }
        let r = args.resolve().unwrap();
        assert_eq!(r.config.host, "10.0.0.9");
        assert_eq!(r.config.port, 4001);
        assert_eq!(r.config.client_id, 3);
        assert!(r.auto_connect);
        assert_eq!(
            args.lookup("IBKR_STATUS_TOKEN").unwrap().as_deref(),
            Some("t0k")
        );
        let missing = ConnectArgs {
            env_file: Some(path.with_extension("missing")),
            ..ConnectArgs::default()
        };
        assert!(missing
            .resolve()
            .unwrap_err()
            .to_string()
            .contains("missing"));
        let _ = std::fs::remove_file(&path);
    }
}
