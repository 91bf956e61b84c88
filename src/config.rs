//! Connection settings: [`IBConfig`], read from the environment and `.env`.
//!
//! # Variables and precedence
//!
//! | setting | variables (first one set wins) | default |
//! |---|---|---|
//! | host | `IB_HOST`, `IBKR_HOST` | `127.0.0.1` |
//! | port | `IB_PORT`, `IBKR_PORT` | `7497` (TWS paper) |
//! | client id | `IB_CLIENT_ID`, `IBKR_CLIENT_ID` | `0` |
//! | auto-connect | `IBKR_AUTO_CONNECT`, `IB_AUTO_CONNECT` | `false` |
//! | highest server version offered | `IB_MAX_SERVER_VERSION`, `IBKR_MAX_SERVER_VERSION` | the highest this client speaks |
//! | capture the session to a transcript | `IB_CAPTURE`, `IBKR_CAPTURE` | none |
//! | mask account ids in the capture | `IB_CAPTURE_MASK`, `IBKR_CAPTURE_MASK` | `false` |
//!
//! [`IBConfig::from_env`] looks in the process environment first and in
//! `.env` (the first one found in the current directory or its parents)
//! second; within each source the `IB_` spelling of the connection guide beats
//! the `IBKR_` spelling of the auto-connect document. So a variable set in the
//! shell beats anything in `.env`, whatever its spelling. `from_env` also
//! loads `.env` into the process environment (without overriding what is
//! set), so other settings there, such as `RUST_LOG`, take effect. A value
//! that does not parse is an error naming the
//! variable and the value; nothing falls back silently.

use std::fmt;

use crate::errors::Error;

/// The four standard socket ports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Port {
    /// TWS, paper trading: 7497.
    TwsPaper,
    /// TWS, live trading: 7496.
    TwsLive,
    /// IB Gateway, paper trading: 4002.
    GatewayPaper,
    /// IB Gateway, live trading: 4001.
    GatewayLive,
}

/// TWS paper trading port.
pub const TWS_PAPER_PORT: u16 = 7497;
/// TWS live trading port.
pub const TWS_LIVE_PORT: u16 = 7496;
/// IB Gateway paper trading port.
pub const GATEWAY_PAPER_PORT: u16 = 4002;
/// IB Gateway live trading port.
pub const GATEWAY_LIVE_PORT: u16 = 4001;

impl Port {
    /// All four, in the order of the documents' table.
    pub const ALL: [Port; 4] = [
        Port::TwsPaper,
        Port::TwsLive,
        Port::GatewayPaper,
        Port::GatewayLive,
    ];

    /// The port number.
    pub const fn number(self) -> u16 {
        match self {
            Port::TwsPaper => TWS_PAPER_PORT,
            Port::TwsLive => TWS_LIVE_PORT,
            Port::GatewayPaper => GATEWAY_PAPER_PORT,
            Port::GatewayLive => GATEWAY_LIVE_PORT,
        }
    }

    /// The standard port with this number, if it is one.
    pub fn from_number(port: u16) -> Option<Port> {
        Port::ALL.into_iter().find(|p| p.number() == port)
    }

    /// `true` for the paper-trading ports.
    pub const fn is_paper(self) -> bool {
        matches!(self, Port::TwsPaper | Port::GatewayPaper)
    }

    /// `true` for IB Gateway's ports.
    pub const fn is_gateway(self) -> bool {
        matches!(self, Port::GatewayPaper | Port::GatewayLive)
    }
}

/// Whether a port is a paper or a live one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TradingMode {
    /// Simulated trading (7497, 4002).
    Paper,
    /// Real money (7496, 4001).
    Live,
    /// Not one of the four standard ports.
    Unknown,
}

/// Tells paper from live by the standard port numbers.
///
/// ```
/// use tws_api::config::{trading_mode, TradingMode};
/// assert_eq!(trading_mode(7497), TradingMode::Paper);
/// assert_eq!(trading_mode(4001), TradingMode::Live);
/// assert_eq!(trading_mode(9999), TradingMode::Unknown);
/// ```
pub fn trading_mode(port: u16) -> TradingMode {
    match Port::from_number(port) {
        Some(p) if p.is_paper() => TradingMode::Paper,
        Some(_) => TradingMode::Live,
        None => TradingMode::Unknown,
    }
}

/// Where to connect: host, port and client id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IBConfig {
    /// Host name or IP address of TWS / IB Gateway.
    pub host: String,
    /// Its API socket port.
    pub port: u16,
    /// This connection's client id, 0–31, unique per TWS instance.
    pub client_id: i32,
    /// The highest server version to offer in the hello, when pinned below
    /// the highest this client speaks (see
    /// [`EClient::set_max_server_version`](crate::EClient::set_max_server_version)).
    pub max_server_version: Option<i32>,
    /// A transcript file to capture the session to
    /// ([`EClient::capture_to`](crate::EClient::capture_to)), from `IB_CAPTURE`.
    pub capture: Option<std::path::PathBuf>,
    /// Mask account ids in the capture (`IB_CAPTURE_MASK`).
    pub capture_mask: bool,
}

impl Default for IBConfig {
    fn default() -> Self {
        IBConfig {
            host: "127.0.0.1".into(),
            port: TWS_PAPER_PORT,
            client_id: 0,
            max_server_version: None,
            capture: None,
            capture_mask: false,
        }
    }
}

impl fmt::Display for IBConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{} (client id {})",
            self.host, self.port, self.client_id
        )
    }
}

/// Highest client id the connection guide allows (32 clients: 0–31).
pub const MAX_CLIENT_ID: i32 = 31;

fn first<'a>(get: &dyn Fn(&str) -> Option<String>, names: &[&'a str]) -> Option<(&'a str, String)> {
    names.iter().find_map(|n| get(n).map(|v| (*n, v)))
}

impl IBConfig {
    /// Reads the environment, then `.env`; see the module docs for the precedence.
    pub fn from_env() -> Result<IBConfig, Error> {
        IBConfig::from_vars(env_then_dotenv()?)
    }

    /// Reads the settings through `get` (for tests and for other sources).
    ///
    /// ```
    /// use tws_api::IBConfig;
    /// let c = IBConfig::from_vars(|k| (k == "IBKR_PORT").then(|| "4002".to_string())).unwrap();
    /// assert_eq!((c.host.as_str(), c.port, c.client_id), ("127.0.0.1", 4002, 0));
    /// let bad = IBConfig::from_vars(|k| (k == "IB_CLIENT_ID").then(|| "32".to_string()));
    /// assert!(bad.unwrap_err().to_string().contains("IB_CLIENT_ID"));
    /// ```
    pub fn from_vars(get: impl Fn(&str) -> Option<String>) -> Result<IBConfig, Error> {
        let mut c = IBConfig::default();
        if let Some((name, v)) = first(&get, &["IB_HOST", "IBKR_HOST"]) {
            let v = v.trim();
            if v.is_empty() {
                return Err(Error::Config(format!(
                    "{name} is empty: set it to the host of TWS / IB Gateway, e.g. 127.0.0.1"
                )));
            }
            c.host = v.to_owned();
        }
        if let Some((name, v)) = first(&get, &["IB_PORT", "IBKR_PORT"]) {
            c.port = match v.trim().parse::<u16>() {
                Ok(p) if p > 0 => p,
                _ => {
                    return Err(Error::Config(format!(
                        "{name}={v:?} is not a port number (1-65535); TWS uses 7497 (paper) / \
                         7496 (live), IB Gateway 4002 (paper) / 4001 (live)"
                    )))
                }
            };
        }
        if let Some((name, v)) = first(&get, &["IB_CLIENT_ID", "IBKR_CLIENT_ID"]) {
            c.client_id = match v.trim().parse::<i32>() {
                Ok(id) if (0..=MAX_CLIENT_ID).contains(&id) => id,
                _ => {
                    return Err(Error::Config(format!(
                        "{name}={v:?} is not a client id: use a whole number from 0 to \
                         {MAX_CLIENT_ID}, unique per TWS instance"
                    )))
                }
            };
        }
        if let Some((name, v)) = first(&get, &["IB_MAX_SERVER_VERSION", "IBKR_MAX_SERVER_VERSION"])
        {
            use crate::server_versions::{MAX_CLIENT_VER, MIN_CLIENT_VER};
            c.max_server_version = match v.trim().parse::<i32>() {
                Ok(sv) if (MIN_CLIENT_VER..=MAX_CLIENT_VER).contains(&sv) => Some(sv),
                _ => {
                    return Err(Error::Config(format!(
                        "{name}={v:?} is not a server version this client speaks: use a whole \
                         number from {MIN_CLIENT_VER} to {MAX_CLIENT_VER}"
                    )))
                }
            };
        }
        if let Some((_, v)) = first(&get, &["IB_CAPTURE", "IBKR_CAPTURE"]) {
            let v = v.trim();
            if !v.is_empty() {
                c.capture = Some(v.into());
            }
        }
        if let Some((name, v)) = first(&get, &["IB_CAPTURE_MASK", "IBKR_CAPTURE_MASK"]) {
            c.capture_mask = match v.trim().to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "on" => true,
                "0" | "false" | "no" | "off" | "" => false,
                _ => {
                    return Err(Error::Config(format!(
                        "{name}={v:?} is not a boolean: use 1/true or 0/false"
                    )))
                }
            };
        }
        Ok(c)
    }

    /// The trading mode of [`port`](IBConfig::port).
    pub fn trading_mode(&self) -> TradingMode {
        trading_mode(self.port)
    }
}

/// A lookup that answers from the process environment as it was before this
/// crate first loaded `.env`, then from `.env`, so the precedence does not
/// change between calls. (A `.env` that the program loaded itself, before the
/// first call, counts as the shell.)
pub fn env_then_dotenv() -> Result<impl Fn(&str) -> Option<String>, Error> {
    // The shell's variables as they were at the first call, before this crate
    // loaded `.env` into the environment: later calls must not mistake values
    // from `.env` for shell variables.
    static SHELL: std::sync::OnceLock<std::collections::HashMap<String, String>> =
        std::sync::OnceLock::new();
    let shell = SHELL
        .get_or_init(|| {
            std::env::vars()
                .filter(|(k, _)| k.starts_with("IB_") || k.starts_with("IBKR_"))
                .collect()
        })
        .clone();
    let mut file = std::collections::HashMap::new();
    match dotenvy::dotenv_iter() {
        Ok(iter) => {
            for item in iter {
                let (k, v) =
                    item.map_err(|e| Error::Config(format!(".env could not be read: {e}")))?;
                file.insert(k, v);
            }
        }
        Err(e) if e.not_found() => {}
        Err(e) => return Err(Error::Config(format!(".env could not be read: {e}"))),
    }
    load_dotenv()?;
    Ok(layered(shell, file))
}

/// Like [`env_then_dotenv`], with the settings file at `path` instead of the
/// `.env` found by searching: the shell's variables first, then the file's.
/// A missing or malformed file is an error that names it. The file is not
/// loaded into the process environment.
pub fn env_then_file(path: &std::path::Path) -> Result<impl Fn(&str) -> Option<String>, Error> {
    let shell: std::collections::HashMap<String, String> = std::env::vars()
        .filter(|(k, _)| k.starts_with("IB_") || k.starts_with("IBKR_"))
        .collect();
    let mut file = std::collections::HashMap::new();
    let iter = dotenvy::from_path_iter(path)
        .map_err(|e| Error::Config(format!("{} could not be read: {e}", path.display())))?;
    for item in iter {
        let (k, v) =
            item.map_err(|e| Error::Config(format!("{} could not be read: {e}", path.display())))?;
        file.insert(k, v);
    }
    Ok(layered(shell, file))
}

/// Answers a name from `shell` when any spelling of its setting (`IB_X` or
/// `IBKR_X`) is set there, and from `file` otherwise: every shell spelling
/// beats every file spelling, and `first` orders the spellings within one.
fn layered(
    shell: std::collections::HashMap<String, String>,
    file: std::collections::HashMap<String, String>,
) -> impl Fn(&str) -> Option<String> {
    move |k: &str| {
        let family = k.trim_start_matches("IBKR_").trim_start_matches("IB_");
        let in_shell = ["IB_", "IBKR_"]
            .iter()
            .any(|p| shell.contains_key(&format!("{p}{family}")));
        if in_shell {
            shell.get(k).cloned()
        } else {
            file.get(k).cloned()
        }
    }
}

/// Loads the first `.env` found (current directory, then its parents) without
/// overriding variables already set. A missing file is fine; a malformed one
/// is an error that names it.
pub fn load_dotenv() -> Result<(), Error> {
    match dotenvy::dotenv() {
        Ok(_) => Ok(()),
        Err(e) if e.not_found() => Ok(()),
        Err(e) => Err(Error::Config(format!(".env could not be read: {e}"))),
    }
}

/// Reads `IBKR_AUTO_CONNECT` (or `IB_AUTO_CONNECT`): `true`/`false` (also
/// `1`/`0`, `yes`/`no`, `on`/`off`, any case); unset means `false`.
pub fn auto_connect_from_vars(get: impl Fn(&str) -> Option<String>) -> Result<bool, Error> {
    match first(&get, &["IBKR_AUTO_CONNECT", "IB_AUTO_CONNECT"]) {
        None => Ok(false),
        Some((name, v)) => match v.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => Ok(true),
            "false" | "0" | "no" | "off" | "" => Ok(false),
            _ => Err(Error::Config(format!(
                "{name}={v:?} is not a boolean: use true or false"
            ))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let m: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| m.get(k).cloned()
    }

    #[test]
    fn max_server_version() {
        let c = IBConfig::from_vars(vars(&[("IBKR_MAX_SERVER_VERSION", "176")])).unwrap();
        assert_eq!(c.max_server_version, Some(176));
        for bad in ["99", "100000", "x"] {
            let e = IBConfig::from_vars(vars(&[("IB_MAX_SERVER_VERSION", bad)])).unwrap_err();
            assert!(e.to_string().contains("IB_MAX_SERVER_VERSION"), "{e}");
        }
    }

    #[test]
    fn capture() {
        let c = IBConfig::from_vars(vars(&[
            ("IB_CAPTURE", " s.tws "),
            ("IBKR_CAPTURE_MASK", "yes"),
        ]))
        .unwrap();
        assert_eq!(c.capture, Some("s.tws".into()));
        assert!(c.capture_mask);
        let c = IBConfig::from_vars(vars(&[("IB_CAPTURE", "")])).unwrap();
        assert_eq!((c.capture, c.capture_mask), (None, false));
        let e = IBConfig::from_vars(vars(&[("IB_CAPTURE_MASK", "maybe")])).unwrap_err();
        assert!(e.to_string().contains("IB_CAPTURE_MASK"), "{e}");
    }

    #[test]
    fn defaults() {
        assert_eq!(IBConfig::from_vars(vars(&[])).unwrap(), IBConfig::default());
        assert_eq!(IBConfig::default().trading_mode(), TradingMode::Paper);
    }

    #[test]
    fn ib_spelling_beats_ibkr_spelling() {
        let c = IBConfig::from_vars(vars(&[
            ("IB_HOST", "10.0.0.5"),
            ("IBKR_HOST", "other"),
            ("IBKR_PORT", "4001"),
            ("IBKR_CLIENT_ID", "1"),
        ]))
        .unwrap();
        assert_eq!(c.host, "10.0.0.5");
        assert_eq!(c.port, 4001);
        assert_eq!(c.client_id, 1);
        assert_eq!(c.trading_mode(), TradingMode::Live);
    }

    #[test]
    fn bad_values_name_the_variable_and_value() {
        for (k, v) in [
            ("IB_PORT", "abc"),
            ("IB_PORT", "0"),
            ("IB_PORT", "70000"),
            ("IB_CLIENT_ID", "32"),
            ("IB_CLIENT_ID", "-1"),
            ("IBKR_CLIENT_ID", "x"),
            ("IB_HOST", ""),
            ("IB_HOST", "   "),
        ] {
            let err = IBConfig::from_vars(vars(&[(k, v)]))
                .unwrap_err()
                .to_string();
            assert!(err.contains(k), "{err}");
            if !v.trim().is_empty() {
                assert!(err.contains(v), "{err}");
            }
        }
    }

    #[test]
    fn shell_beats_dotenv_whatever_the_spelling() {
        let map = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<HashMap<_, _>>()
        };
        let get = layered(
            map(&[("IBKR_PORT", "4002")]),
            map(&[
                ("IB_PORT", "7496"),
                ("IB_HOST", "10.1.1.1"),
                ("IBKR_HOST", "x"),
            ]),
        );
        let c = IBConfig::from_vars(get).unwrap();
        assert_eq!(
            c.port, 4002,
            "the shell's IBKR_PORT beats the file's IB_PORT"
        );
        assert_eq!(c.host, "10.1.1.1", "within the file, IB_ beats IBKR_");
    }

    #[test]
    fn auto_connect_values() {
        assert!(!auto_connect_from_vars(vars(&[])).unwrap());
        assert!(auto_connect_from_vars(vars(&[("IBKR_AUTO_CONNECT", "TRUE")])).unwrap());
        assert!(!auto_connect_from_vars(vars(&[("IBKR_AUTO_CONNECT", "false")])).unwrap());
        assert!(auto_connect_from_vars(vars(&[("IBKR_AUTO_CONNECT", "maybe")])).is_err());
    }

    #[test]
    fn ports() {
        assert_eq!(Port::from_number(4002), Some(Port::GatewayPaper));
        assert!(Port::GatewayLive.is_gateway() && !Port::GatewayLive.is_paper());
        assert_eq!(trading_mode(7496), TradingMode::Live);
    }
}
