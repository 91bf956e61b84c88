//! Golden vectors: the bytes the official Python client 10.37.2 sends must
//! equal ours byte for byte, at server versions 176, 187, 200 and 203, and a
//! request it refuses must be refused by ours with the same code.
//!
//! The scenarios are one table (`tests/golden/scenarios/<domain>.json`) read
//! both by the recorder (`tests/golden/record.py`, which writes
//! `tests/golden/vectors/<domain>.txt`) and by this test, which makes each
//! call through the public `EClient` API against a capture gateway on
//! loopback that answers the handshake with the scenario's server version.

mod common;
#[path = "golden/map/mod.rs"]
mod map;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use serde_json::Value;
use tws_api::server_versions::LATEST_OFFICIAL_FROM;
use tws_api::EClient;

const VERSIONS: [i32; 17] = [
    176, 187, 200, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 219, 222, 226,
];
const CONN_TIME: &str = "20261123 16:53:52 UTC";

/// What the official client did for one scenario at one version.
#[derive(Debug, Clone, PartialEq)]
enum Expected {
    Bytes(Vec<u8>),
    Refused(String),
}

fn golden_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden"))
}

/// Every domain's scenarios: (domain, scenario).
fn scenarios() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(golden_dir().join("scenarios"))
        .expect("scenarios dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    for p in paths {
        let domain = p.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&p).expect("read scenarios");
        let list: Vec<Value> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        out.extend(list.into_iter().map(|s| (domain.clone(), s)));
    }
    out
}

/// The recorded vectors of `domain`: (version, scenario) → expected.
fn vectors(domain: &str) -> BTreeMap<(i32, String), Expected> {
    let path = golden_dir().join("vectors").join(format!("{domain}.txt"));
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let mut out = BTreeMap::new();
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut parts = line.splitn(3, ' ');
        let sv: i32 = parts.next().unwrap().parse().expect("version");
        let name = parts.next().expect("name").to_owned();
        let rest = parts.next().expect("hex or refusal");
        let expected = match rest.strip_prefix("refused ") {
            Some(r) => Expected::Refused(r.split(' ').next().unwrap_or("").to_owned()),
            None => Expected::Bytes(
                (0..rest.len())
                    .step_by(2)
                    .map(|i| u8::from_str_radix(&rest[i..i + 2], 16).expect("hex"))
                    .collect(),
            ),
        };
        out.insert((sv, name), expected);
    }
    out
}

/// What the capture gateway saw on one connection: the hello and the frames.
type Captured = (Vec<u8>, Vec<Vec<u8>>);

/// A gateway that answers the handshake with `sv` and records everything.
fn capture_gateway(sv: i32) -> (u16, mpsc::Receiver<Captured>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let tx = tx.clone();
            thread::spawn(move || {
                if let Some(c) = capture(stream, sv) {
                    let _ = tx.send(c);
                }
            });
        }
    });
    (port, rx)
}

fn capture(mut s: TcpStream, sv: i32) -> Option<Captured> {
    s.set_read_timeout(Some(Duration::from_secs(20))).ok()?;
    let mut head = [0u8; 8];
    s.read_exact(&mut head).ok()?;
    let n = u32::from_be_bytes([head[4], head[5], head[6], head[7]]) as usize;
    let mut text = vec![0u8; n];
    s.read_exact(&mut text).ok()?;
    let mut hello = head.to_vec();
    hello.extend_from_slice(&text);
    let payload = format!("{sv}\0{CONN_TIME}\0");
    let mut answer = (payload.len() as u32).to_be_bytes().to_vec();
    answer.extend_from_slice(payload.as_bytes());
    s.write_all(&answer).ok()?;
    let mut frames = Vec::new();
    loop {
        let mut len = [0u8; 4];
        if s.read_exact(&mut len).is_err() {
            break;
        }
        let mut body = vec![0u8; u32::from_be_bytes(len) as usize];
        s.read_exact(&mut body).ok()?;
        let mut frame = len.to_vec();
        frame.extend_from_slice(&body);
        frames.push(frame);
    }
    Some((hello, frames))
}

/// Runs one scenario against the gateway at `port`; what went on the wire
/// (HELLO: the hello; startApi: its frame; others: the request's frame), or
/// the code of the refusal.
fn run(sc: &Value, port: u16, rx: &mpsc::Receiver<Captured>) -> Result<Expected, String> {
    let call = sc["call"].as_str().expect("call");
    let client = EClient::new();
    if let Some(o) = sc.get("connect_options").and_then(Value::as_str) {
        client.set_connect_options(o);
    }
    if let Some(o) = sc.get("optional_capabilities").and_then(Value::as_str) {
        client.set_optional_capabilities(o);
    }
    if call == "HELLO" && !sc["name"].as_str().is_some_and(|n| n.ends_with("_latest")) {
        // The hello offers the highest version the client speaks: these
        // vectors are 10.37.2's, which speaks up to 203 (the `…_latest`
        // scenarios are 10.51.1's, up to 226, as this crate offers).
        client
            .set_max_server_version(LATEST_OFFICIAL_FROM - 1)
            .expect("a version it speaks");
    }
    let client_id = sc.get("client_id").and_then(Value::as_i64).unwrap_or(0) as i32;
    client
        .connect("127.0.0.1", port, client_id)
        .map_err(|e| format!("connect: {e}"))?;
    let result = match call {
        "HELLO" | "startApi" => Ok(()),
        name => {
            let args = sc.get("args").and_then(Value::as_array).cloned();
            let args = args.unwrap_or_default();
            map::call(&client, name, &map::Args(&args)).ok_or_else(|| {
                format!("no Rust mapping for {name}: add it to tests/golden/map/<domain>.rs")
            })?
        }
    };
    client.disconnect();
    let (hello, frames) = rx
        .recv_timeout(Duration::from_secs(20))
        .map_err(|_| "the capture gateway saw nothing".to_owned())?;
    match (call, result) {
        ("HELLO", _) => Ok(Expected::Bytes(hello)),
        ("startApi", _) => Ok(Expected::Bytes(frames.concat())),
        (_, Err(e)) => match frames.len() {
            1 => Ok(Expected::Refused(e.code().to_string())),
            n => Err(format!("refused ({e}) but sent {} frames", n - 1)),
        },
        (_, Ok(())) => Ok(Expected::Bytes(frames[1..].concat())),
    }
}

/// What the official client sent and what this crate sent are the same
/// (see [`maps_sorted`]).
fn same(got: &Expected, expected: &Expected) -> bool {
    match (got, expected) {
        (Expected::Bytes(a), Expected::Bytes(b)) => a == b || maps_sorted(a) == maps_sorted(b),
        _ => got == expected,
    }
}

/// `bytes` (frames) with the entries of every protobuf map in key order.
/// The official protobuf library writes a map's entries in its hash
/// table's order, which no one can reproduce; this crate writes them in key
/// order. So a run of map entries (a repeated field whose every element is
/// a key and a value, both text) is compared as a set; everything else, the
/// order of repeated messages included, byte for byte.
fn maps_sorted(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while rest.len() >= 8 {
        let len = u32::from_be_bytes([rest[0], rest[1], rest[2], rest[3]]) as usize;
        if rest.len() < 4 + len || len < 4 {
            break;
        }
        let (frame, tail) = rest[4..].split_at(len);
        let id = u32::from_be_bytes([frame[0], frame[1], frame[2], frame[3]]);
        // A raw id above 200 (from server version 201 on): protobuf.
        let body = if id > 200 && id < 1000 {
            pb::normalized(&frame[4..]).unwrap_or_else(|| frame[4..].to_vec())
        } else {
            frame[4..].to_vec()
        };
        out.extend_from_slice(&((body.len() + 4) as u32).to_be_bytes());
        out.extend_from_slice(&frame[..4]);
        out.extend_from_slice(&body);
        rest = tail;
    }
    out.extend_from_slice(rest);
    out
}

mod pb {
    //! Just enough protobuf wire format for [`super::maps_sorted`].

    fn varint(b: &[u8], pos: &mut usize) -> Option<u64> {
        let mut v = 0u64;
        for i in 0..10 {
            let c = *b.get(*pos)?;
            *pos += 1;
            v |= u64::from(c & 0x7f) << (7 * i);
            if c & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    /// The fields of a message: (number, wire type, whole field bytes,
    /// payload of a length-delimited one); `None` unless it all parses.
    #[allow(clippy::type_complexity)]
    fn fields(b: &[u8]) -> Option<Vec<(u64, u64, &[u8], &[u8])>> {
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < b.len() {
            let start = pos;
            let key = varint(b, &mut pos)?;
            let payload_start;
            match key & 7 {
                0 => {
                    varint(b, &mut pos)?;
                    payload_start = pos;
                }
                1 | 5 => {
                    pos += if key & 7 == 1 { 8 } else { 4 };
                    payload_start = pos;
                }
                2 => {
                    let n = usize::try_from(varint(b, &mut pos)?).ok()?;
                    payload_start = pos;
                    pos = pos.checked_add(n)?;
                }
                _ => return None,
            }
            if pos > b.len() || key >> 3 == 0 {
                return None;
            }
            let payload = if key & 7 == 2 {
                &b[payload_start..pos]
            } else {
                &[][..]
            };
            out.push((key >> 3, key & 7, &b[start..pos], payload));
        }
        Some(out)
    }

    /// A map<string, string> entry: field 1 then field 2, both text.
    fn is_entry(payload: &[u8]) -> bool {
        matches!(
            fields(payload).as_deref(),
            Some([(1, 2, _, _), (2, 2, _, _)])
        )
    }

    /// The message with its nested messages normalized and its runs of map
    /// entries sorted; `None` where it does not parse as a message.
    pub fn normalized(b: &[u8]) -> Option<Vec<u8>> {
        let fs = fields(b)?;
        let mut out = Vec::with_capacity(b.len());
        let mut i = 0;
        while i < fs.len() {
            let (number, wire, whole, payload) = fs[i];
            if wire == 2 && is_entry(payload) {
                let mut run = vec![whole.to_vec()];
                let mut j = i + 1;
                while j < fs.len() && fs[j].0 == number && fs[j].1 == 2 && is_entry(fs[j].3) {
                    run.push(fs[j].2.to_vec());
                    j += 1;
                }
                run.sort();
                run.iter().for_each(|e| out.extend_from_slice(e));
                i = j;
                continue;
            }
            match (wire, normalized(payload)) {
                (2, Some(inner)) if !payload.is_empty() && inner != payload => {
                    out.extend_from_slice(
                        &whole[..whole.len() - payload.len() - len_of(payload.len())],
                    );
                    let mut n = inner.len() as u64;
                    while n >= 0x80 {
                        out.push((n as u8) | 0x80);
                        n >>= 7;
                    }
                    out.push(n as u8);
                    out.extend_from_slice(&inner);
                }
                _ => out.extend_from_slice(whole),
            }
            i += 1;
        }
        Some(out)
    }

    fn len_of(n: usize) -> usize {
        let mut n = n as u64;
        let mut l = 1;
        while n >= 0x80 {
            n >>= 7;
            l += 1;
        }
        l
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[test]
fn requests_are_byte_identical_to_the_official_client() {
    let all = scenarios();
    let mut by_domain: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for (d, s) in all {
        by_domain.entry(d).or_default().push(s);
    }
    let mut failures = Vec::new();
    let (mut bytes, mut refusals) = (0, 0);
    let mut per_domain = Vec::new();
    for (domain, list) in &by_domain {
        let recorded = vectors(domain);
        let mut n = 0;
        for sv in VERSIONS {
            let (port, rx) = capture_gateway(sv);
            for sc in list {
                let name = sc["name"].as_str().expect("name").to_owned();
                let versions: Vec<i32> = sc
                    .get("versions")
                    .and_then(Value::as_array)
                    .map(|v| {
                        v.iter()
                            .filter_map(Value::as_i64)
                            .map(|v| v as i32)
                            .collect()
                    })
                    .unwrap_or(VERSIONS.to_vec());
                if !versions.contains(&sv) {
                    continue;
                }
                let Some(expected) = recorded.get(&(sv, name.clone())) else {
                    failures.push(format!(
                        "{domain}/{name} at {sv}: no vector; run python3 tests/golden/record.py --domain {domain}"
                    ));
                    continue;
                };
                n += 1;
                match run(sc, port, &rx) {
                    Ok(got) if same(&got, expected) => match got {
                        Expected::Bytes(_) => bytes += 1,
                        Expected::Refused(_) => refusals += 1,
                    },
                    Ok(got) => failures.push(format!(
                        "{domain}/{name} at {sv}:\n  official {}\n  ours     {}",
                        show(expected),
                        show(&got)
                    )),
                    Err(e) => failures.push(format!("{domain}/{name} at {sv}: {e}")),
                }
            }
        }
        per_domain.push(format!("{domain} {n}"));
    }
    println!(
        "golden: {} vectors checked ({bytes} byte-identical, {refusals} refused alike) at {VERSIONS:?}; by domain: {}",
        bytes + refusals,
        per_domain.join(", ")
    );
    assert!(
        failures.is_empty(),
        "{} golden mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn show(e: &Expected) -> String {
    match e {
        Expected::Bytes(b) => hex(b),
        Expected::Refused(code) => format!("refused with {code}"),
    }
}

#[test]
fn every_vector_has_a_scenario() {
    let names: Vec<(String, String)> = scenarios()
        .into_iter()
        .map(|(d, s)| (d, s["name"].as_str().unwrap_or_default().to_owned()))
        .collect();
    for (domain, _) in &names {
        for (_, name) in vectors(domain).keys() {
            assert!(
                names.iter().any(|(d, n)| d == domain && n == name),
                "vectors/{domain}.txt has {name}, which no scenario defines: re-record"
            );
        }
    }
}

/// Requests with arguments nobody picked (issue 21): `random_scenarios.py`
/// draws scenarios from a seed (the table's requests, their values replaced
/// by others of the same kind from pools of realistic and edge values, other
/// attributes of their objects added), records each with the official
/// client, and here the same calls go through our `EClient`. A fixed seed
/// here (`GOLDEN_SEED`, `GOLDEN_RANDOM` scenarios, default 300); `.ci/run`
/// sweeps more with a fresh seed. A mismatch prints the seed and the
/// scenario, which can be added to the table as it is.
#[test]
fn random_requests_are_byte_identical_to_the_official_client() {
    if !common::python::official_client_available("the random golden scenarios") {
        return;
    }
    let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
    let seed = env("GOLDEN_SEED").unwrap_or(20261205);
    let count = env("GOLDEN_RANDOM").unwrap_or(300);
    // Drawn and recorded twice: with 10.37.2 at its versions, and with
    // 10.51.1 (record.py's TWS_RECORD_PACKAGE=latest) at those above 203.
    let mut scenarios: Vec<Value> = Vec::new();
    for package in ["stable", "latest"] {
        if package == "latest"
            && !common::python::Official::Latest
                .available("the random golden scenarios with 10.51.1")
        {
            continue;
        }
        let out = std::env::temp_dir().join(format!(
            "tws-api-random-golden-{}-{seed}-{package}.jsonl",
            std::process::id()
        ));
        let script = golden_dir().join("random_scenarios.py");
        let run_py = std::process::Command::new("python3")
            .arg(&script)
            .args(["--seed", &seed.to_string(), "--count", &count.to_string()])
            .arg("--out")
            .arg(&out)
            .env("TWS_RECORD_PACKAGE", package)
            .output()
            .expect("python3 runs");
        assert!(
            run_py.status.success(),
            "random_scenarios.py ({package}) failed:\n{}{}",
            String::from_utf8_lossy(&run_py.stdout),
            String::from_utf8_lossy(&run_py.stderr)
        );
        let text = std::fs::read_to_string(&out).expect("the recorded scenarios");
        let _ = std::fs::remove_file(&out);
        scenarios.extend(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| serde_json::from_str::<Value>(l).expect("a JSON line")),
        );
    }
    let mut by_version: BTreeMap<i32, Vec<&Value>> = BTreeMap::new();
    for sc in &scenarios {
        by_version
            .entry(sc["sv"].as_i64().expect("sv") as i32)
            .or_default()
            .push(sc);
    }
    let (mut bytes, mut refusals, mut failures) = (0, 0, Vec::new());
    let mut official_crashes: BTreeMap<String, usize> = BTreeMap::new();
    for (sv, list) in by_version {
        let (port, rx) = capture_gateway(sv);
        for sc in list {
            let recorded = sc["expected"].as_str().expect("expected");
            let expected = match recorded.strip_prefix("refused ") {
                // The official client raised an exception rather than
                // refusing with a code (its bug, e.g. 10.37.2's protobuf
                // placeOrder with a primaryExchange: AttributeError): no
                // truth to compare with; counted and shown.
                Some(what) if what.parse::<i32>().is_err() => {
                    *official_crashes
                        .entry(format!("{} {what}", sc["call"].as_str().unwrap_or("?")))
                        .or_default() += 1;
                    continue;
                }
                Some(code) => Expected::Refused(code.to_owned()),
                None => Expected::Bytes(
                    (0..recorded.len())
                        .step_by(2)
                        .map(|i| u8::from_str_radix(&recorded[i..i + 2], 16).expect("hex"))
                        .collect(),
                ),
            };
            match run(sc, port, &rx) {
                Ok(got) if same(&got, &expected) => match got {
                    Expected::Bytes(_) => bytes += 1,
                    Expected::Refused(_) => refusals += 1,
                },
                Ok(got) => failures.push(format!(
                    "at {sv}: {sc}\n  official {}\n  ours     {}",
                    show(&expected),
                    show(&got)
                )),
                Err(e) => failures.push(format!("at {sv}: {sc}\n  {e}")),
            }
        }
    }
    println!(
        "random golden: seed {seed}, {} scenarios ({bytes} byte-identical, {refusals} refused alike, {} differ; the official client crashed on {:?})",
        scenarios.len(),
        failures.len(),
        official_crashes
    );
    // For tools/coverage.py (docs/coverage.md), from the fixed seed only.
    if std::env::var_os("GOLDEN_SEED").is_none() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/coverage");
        let crashed: usize = official_crashes.values().sum();
        let line = format!(
            "{{\"seed\": {seed}, \"scenarios\": {}, \"bytes\": {bytes}, \"refused\": {refusals}, \"official_crashed\": {crashed}, \"differ\": {}}}\n",
            scenarios.len(),
            failures.len()
        );
        if std::fs::create_dir_all(&dir).is_ok() {
            let _ = std::fs::write(dir.join("random_golden.json"), line);
        }
    }
    assert!(
        failures.is_empty(),
        "seed {seed}: {} random scenarios differ from the official client (GOLDEN_SEED={seed} replays):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
