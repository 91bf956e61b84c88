//! Transcripts: a session's frames, both directions, as text.
//!
//! A transcript is what [`EClient::capture_to`](crate::EClient::capture_to),
//! `IB_CAPTURE` and the `tws-record` proxy write, and what the simulated
//! gateway's replay ([`sim::replay`](crate::sim)) plays back. The format is
//! line-oriented, so that a transcript diffs well and can be read and edited
//! by hand (docs/replay.md describes it in full):
//!
//! ```text
//! #tws-transcript 1
//! #server_version 176
//! #client_id 7
//! #recorded 1796456876
//! #masked yes
//! 0.000000  C  HELLO  v100..207
//! 0.000812  S  HANDSHAKE  176  20261205 07:47:56 UTC
//! 0.001020  C  START_API  2  7  \e
//! 0.001950  S  NEXT_VALID_ID  1  1
//! ```
//!
//! (The columns are separated by tabs; two spaces here.) One frame a line: the seconds since the session began (six decimals), the
//! direction (`C` client → gateway, `S` gateway → client), the message's
//! name from the one id table ([`crate::messages::ids`]; its number when the
//! table lacks it), then its fields, separated by tabs. A protobuf frame's
//! name ends in `:pb` and its columns are the body's fields, `N=value`
//! ([`pbtext`]: `2={1=265598 2="AAPL"}`), or `#` and the body's hex. A frame that is
//! neither (a body that does not end with a NUL, an id written oddly) is a
//! `RAW` line with the whole payload in hex, so every frame round-trips
//! byte for byte. In a field, `\\`, `\t`, `\n`, `\r`, `\0` and `\xHH` (a
//! byte that is not UTF-8) are escapes, and `\e` is an empty field (an empty
//! field at the end of a line would otherwise be a trailing tab, which
//! editors strip). Lines that start with `#` are the header (the keys above)
//! or comments; empty lines are skipped. A recording closed in order (its
//! session ended, or the capture was stopped) ends with the line `#end`
//! ([`Transcript::ended`]): a transcript without it is still being written,
//! or its writer was cut off.
//!
//! Field names are not written: a message's fields are its fields in wire
//! order, as the official API documents them.

pub(crate) mod capture;
pub mod mask;
pub mod pbtext;
pub mod pbwire;
pub mod proxy;
mod writer;

pub use mask::Masker;
pub use writer::TranscriptWriter;

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::messages::ids::{incoming, outgoing, PROTOBUF_MSG_ID};
use crate::wire::{frame::write_frame, uses_raw_msg_id, MessageHeader};

/// The version of the transcript format this crate writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// The first line of every transcript.
pub const MAGIC: &str = "#tws-transcript";

/// The last line of a transcript whose session ended while it was written.
pub const END_LINE: &str = "#end\n";

/// Which side sent a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// The client (requests).
    Client,
    /// The gateway (answers).
    Server,
}

impl Direction {
    fn letter(self) -> char {
        match self {
            Direction::Client => 'C',
            Direction::Server => 'S',
        }
    }
}

/// What one transcript line holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameKind {
    /// The client's hello: the text after `"API\0"` and the length prefix
    /// (`v100..207 +PACEAPI`).
    Hello(String),
    /// The gateway's handshake answer: the payload of its first frame (server
    /// version and connection time, NUL-terminated).
    Handshake(Vec<u8>),
    /// Any other frame: its payload (the bytes after the length prefix).
    Frame(Vec<u8>),
}

/// One frame of a transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Time since the session began, in microseconds.
    pub micros: u64,
    /// Who sent it.
    pub dir: Direction,
    /// The frame.
    pub kind: FrameKind,
    /// The line it was read from (0 for a record not read from text).
    pub line: usize,
}

impl Record {
    /// The time since the session began.
    pub fn at(&self) -> Duration {
        Duration::from_micros(self.micros)
    }

    /// The bytes this record puts on the wire: `"API\0"` and the framed text
    /// for a hello, the length prefix and payload otherwise.
    pub fn wire_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        match &self.kind {
            FrameKind::Hello(text) => {
                out.extend_from_slice(crate::wire::handshake::API_PREFIX);
                write_frame(&mut out, text.as_bytes());
            }
            FrameKind::Handshake(p) | FrameKind::Frame(p) => write_frame(&mut out, p),
        }
        out
    }

    /// The payload of a frame (the text of a hello).
    pub fn payload(&self) -> &[u8] {
        match &self.kind {
            FrameKind::Hello(text) => text.as_bytes(),
            FrameKind::Handshake(p) | FrameKind::Frame(p) => p,
        }
    }
}

/// A transcript's header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The negotiated server version (the frames' form depends on it).
    pub server_version: i32,
    /// The client id of the session, when known.
    pub client_id: Option<i32>,
    /// When the recording began, in seconds since the Unix epoch.
    pub recorded: Option<u64>,
    /// Whether account ids were masked.
    pub masked: bool,
}

/// A whole transcript: its header and its frames in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transcript {
    /// The header.
    pub header: Header,
    /// The frames, in the order they crossed the wire.
    pub records: Vec<Record>,
    /// Whether it ends with `#end`: its recording was closed in order (the
    /// session ended, or the capture was stopped), so it holds every frame
    /// the recording saw.
    pub ended: bool,
}

/// A transcript that could not be read: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The file, when read from one.
    pub path: Option<PathBuf>,
    /// The line (1-based; 0 for the file as a whole).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, self.line) {
            (Some(p), 0) => write!(f, "transcript {}: {}", p.display(), self.message),
            (Some(p), n) => write!(f, "transcript {}, line {n}: {}", p.display(), self.message),
            (None, 0) => write!(f, "transcript: {}", self.message),
            (None, n) => write!(f, "transcript line {n}: {}", self.message),
        }
    }
}

impl std::error::Error for ParseError {}

fn err(line: usize, message: impl Into<String>) -> ParseError {
    ParseError {
        path: None,
        line,
        message: message.into(),
    }
}

/// The official name of message `id` in direction `dir`, from the id table.
pub fn message_name(dir: Direction, id: u32) -> Option<&'static str> {
    match dir {
        Direction::Client => outgoing::name(id),
        Direction::Server => incoming::name(id),
    }
}

/// The id of the message named `name` in direction `dir` (a number is
/// taken as it is).
pub fn message_id(dir: Direction, name: &str) -> Option<u32> {
    if let Ok(id) = name.parse::<u32>() {
        return Some(id);
    }
    let all = match dir {
        Direction::Client => outgoing::ALL,
        Direction::Server => incoming::ALL,
    };
    all.iter()
        .copied()
        .find(|&id| message_name(dir, id) == Some(name))
}

/// The name of message `id` as a transcript writes it: its table name, or
/// its number.
fn name_or_number(dir: Direction, id: u32) -> String {
    message_name(dir, id).map_or_else(|| id.to_string(), str::to_owned)
}

/// The NUL-terminated fields of a text body, or `None` when the body does
/// not end with a NUL (an empty body has no field).
pub fn split_fields(body: &[u8]) -> Option<Vec<&[u8]>> {
    if body.is_empty() {
        return Some(Vec::new());
    }
    let inner = body.strip_suffix(&[0])?;
    Some(inner.split(|&b| b == 0).collect())
}

/// Writes `id` as the server version writes a message id, then `fields`
/// NUL-terminated: the payload of a text frame.
pub fn text_payload(sv: i32, id: u32, fields: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::new();
    if uses_raw_msg_id(sv) {
        out.extend_from_slice(&id.to_be_bytes());
    } else {
        out.extend_from_slice(id.to_string().as_bytes());
        out.push(0);
    }
    for f in fields {
        out.extend_from_slice(f);
        out.push(0);
    }
    out
}

/// The payload of a protobuf frame: the raw id + 200, then the body.
pub fn protobuf_payload(id: u32, body: &[u8]) -> Vec<u8> {
    let mut out = (id + PROTOBUF_MSG_ID).to_be_bytes().to_vec();
    out.extend_from_slice(body);
    out
}

/// Appends one field, escaped.
pub fn escape_field(out: &mut String, field: &[u8]) {
    if field.is_empty() {
        out.push_str("\\e");
        return;
    }
    for chunk in field.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '\t' => out.push_str("\\t"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\0' => out.push_str("\\0"),
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02x}");
        }
    }
}

/// Reads one escaped field back into its bytes.
pub fn unescape_field(text: &str) -> Result<Vec<u8>, String> {
    if text == "\\e" {
        return Ok(Vec::new());
    }
    let mut out = Vec::with_capacity(text.len());
    let mut bytes = text.bytes();
    while let Some(b) = bytes.next() {
        if b != b'\\' {
            out.push(b);
            continue;
        }
        match bytes.next() {
            Some(b'\\') => out.push(b'\\'),
            Some(b't') => out.push(b'\t'),
            Some(b'n') => out.push(b'\n'),
            Some(b'r') => out.push(b'\r'),
            Some(b'0') => out.push(0),
            Some(b'x') => {
                let hi = bytes.next().and_then(hex_digit);
                let lo = bytes.next().and_then(hex_digit);
                match (hi, lo) {
                    (Some(h), Some(l)) => out.push(h << 4 | l),
                    _ => return Err(format!("bad \\x escape in {text:?}")),
                }
            }
            Some(b'e') => return Err(format!("\\e stands alone for an empty field: {text:?}")),
            Some(c) => return Err(format!("unknown escape \\{} in {text:?}", c as char)),
            None => return Err(format!("a field ends with a lone backslash: {text:?}")),
        }
    }
    Ok(out)
}

fn hex_digit(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Lower-case hex of `bytes` (`\e` for none, as an empty field is written).
pub fn to_hex(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "\\e".into();
    }
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// The bytes of a hex string.
pub fn from_hex(text: &str) -> Result<Vec<u8>, String> {
    let t = text.as_bytes();
    if t.len() % 2 != 0 {
        return Err("hex of odd length".into());
    }
    t.chunks(2)
        .map(|p| match (hex_digit(p[0]), hex_digit(p[1])) {
            (Some(h), Some(l)) => Ok(h << 4 | l),
            _ => Err(format!("not hex: {text:?}")),
        })
        .collect()
}

/// The name and fields of a frame as a transcript line shows them (after
/// the time and direction), tab-separated.
pub fn render_frame(sv: i32, dir: Direction, kind: &FrameKind) -> String {
    let mut out = String::new();
    let fields: Vec<&[u8]>;
    match kind {
        FrameKind::Hello(text) => {
            out.push_str("HELLO");
            fields = vec![text.as_bytes()];
        }
        FrameKind::Handshake(p) => match split_fields(p) {
            Some(f) => {
                out.push_str("HANDSHAKE");
                fields = f;
            }
            None => return format!("RAW\t{}", to_hex(p)),
        },
        FrameKind::Frame(p) => return render_payload(sv, dir, p),
    }
    for f in fields {
        out.push('\t');
        escape_field(&mut out, f);
    }
    out
}

fn render_payload(sv: i32, dir: Direction, p: &[u8]) -> String {
    let raw = || format!("RAW\t{}", to_hex(p));
    let Ok(h) = MessageHeader::parse(sv, p) else {
        return raw();
    };
    let body = &p[h.body_start..];
    let mut out = name_or_number(dir, h.id);
    if h.protobuf {
        if protobuf_payload(h.id, body) != p {
            return raw();
        }
        out.push_str(":pb");
        for col in pbtext::render(body) {
            out.push('\t');
            out.push_str(&col);
        }
        return out;
    }
    let Some(fields) = split_fields(body) else {
        return raw();
    };
    if text_payload(sv, h.id, &fields) != p {
        return raw();
    }
    for f in fields {
        out.push('\t');
        escape_field(&mut out, f);
    }
    out
}

/// One whole frame line, with its newline.
pub fn render_line(sv: i32, micros: u64, dir: Direction, kind: &FrameKind) -> String {
    format!(
        "{}.{:06}\t{}\t{}\n",
        micros / 1_000_000,
        micros % 1_000_000,
        dir.letter(),
        render_frame(sv, dir, kind)
    )
}

/// The header lines, each with its newline.
pub fn render_header(h: &Header) -> String {
    let mut out = format!(
        "{MAGIC} {FORMAT_VERSION}\n#server_version {}\n",
        h.server_version
    );
    if let Some(id) = h.client_id {
        let _ = writeln!(out, "#client_id {id}");
    }
    if let Some(t) = h.recorded {
        let _ = writeln!(out, "#recorded {t}");
    }
    let _ = writeln!(out, "#masked {}", if h.masked { "yes" } else { "no" });
    out
}

fn parse_time(text: &str) -> Option<u64> {
    let (secs, frac) = text.split_once('.').unwrap_or((text, ""));
    if frac.len() > 6 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let secs: u64 = secs.parse().ok()?;
    let frac: u64 = if frac.is_empty() {
        0
    } else {
        frac.parse::<u64>().ok()? * 10u64.pow(6 - frac.len() as u32)
    };
    secs.checked_mul(1_000_000)?.checked_add(frac)
}

fn unknown_name(line: usize, name: &str) -> ParseError {
    err(
        line,
        format!("{name:?} is not a message name of the id table (nor a number)"),
    )
}

/// Reads one frame line (without its newline) of a transcript at server
/// version `sv`.
pub fn parse_line(sv: i32, line_no: usize, line: &str) -> Result<Record, ParseError> {
    let mut cols = line.split('\t');
    let time = cols.next().unwrap_or_default();
    let micros = parse_time(time)
        .ok_or_else(|| err(line_no, format!("{time:?} is not a time in seconds")))?;
    let dir = match cols.next() {
        Some("C") => Direction::Client,
        Some("S") => Direction::Server,
        other => {
            return Err(err(
                line_no,
                format!("direction {other:?} is neither C nor S"),
            ))
        }
    };
    let name = cols
        .next()
        .filter(|n| !n.is_empty())
        .ok_or_else(|| err(line_no, "the message name is missing"))?;
    let cols: Vec<&str> = cols.collect();
    if let Some(base) = name.strip_suffix(":pb") {
        let id = message_id(dir, base).ok_or_else(|| unknown_name(line_no, base))?;
        let cols: Vec<String> = cols.iter().map(|c| (*c).to_owned()).collect();
        let body = pbtext::parse(&cols).map_err(|m| err(line_no, m))?;
        return Ok(Record {
            micros,
            dir,
            kind: FrameKind::Frame(protobuf_payload(id, &body)),
            line: line_no,
        });
    }
    let fields = cols
        .iter()
        .map(|c| unescape_field(c).map_err(|m| err(line_no, m)))
        .collect::<Result<Vec<_>, _>>()?;
    let one = |what: &str| -> Result<&Vec<u8>, ParseError> {
        match fields.as_slice() {
            [f] => Ok(f),
            _ => Err(err(
                line_no,
                format!(
                    "{name} takes exactly one field, {what}; found {}",
                    fields.len()
                ),
            )),
        }
    };
    let hex = |what: &str| -> Result<Vec<u8>, ParseError> {
        let f = one(what)?;
        from_hex(&String::from_utf8_lossy(f)).map_err(|m| err(line_no, m))
    };
    let kind = match name {
        "HELLO" => {
            if dir != Direction::Client {
                return Err(err(line_no, "HELLO is sent by the client (C)"));
            }
            let text = String::from_utf8(one("the hello text")?.clone())
                .map_err(|_| err(line_no, "the hello is not UTF-8"))?;
            FrameKind::Hello(text)
        }
        "HANDSHAKE" => {
            if dir != Direction::Server {
                return Err(err(line_no, "HANDSHAKE is sent by the gateway (S)"));
            }
            let refs: Vec<&[u8]> = fields.iter().map(Vec::as_slice).collect();
            let mut p = Vec::new();
            for f in refs {
                p.extend_from_slice(f);
                p.push(0);
            }
            FrameKind::Handshake(p)
        }
        "RAW" => FrameKind::Frame(hex("the payload in hex")?),
        _ => {
            let id = message_id(dir, name).ok_or_else(|| unknown_name(line_no, name))?;
            let refs: Vec<&[u8]> = fields.iter().map(Vec::as_slice).collect();
            FrameKind::Frame(text_payload(sv, id, &refs))
        }
    };
    Ok(Record {
        micros,
        dir,
        kind,
        line: line_no,
    })
}

impl Transcript {
    /// Reads a transcript from its text. Every malformed line is refused
    /// with its line number.
    pub fn parse(text: &str) -> Result<Transcript, ParseError> {
        let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
        let (n, first) = lines
            .by_ref()
            .find(|(_, l)| !l.trim().is_empty())
            .ok_or_else(|| err(0, "empty file"))?;
        let version = first.strip_prefix(MAGIC).map(str::trim).ok_or_else(|| {
            err(
                n,
                format!("not a transcript: the first line is not {MAGIC:?}"),
            )
        })?;
        match version.parse::<u32>() {
            Ok(FORMAT_VERSION) => {}
            _ => {
                return Err(err(
                    n,
                    format!(
                        "format version {version:?}; this crate reads version {FORMAT_VERSION}"
                    ),
                ))
            }
        }
        let mut header = Header {
            server_version: 0,
            client_id: None,
            recorded: None,
            masked: false,
        };
        let mut records = Vec::new();
        let mut ended = false;
        for (n, line) in lines {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() {
                continue;
            }
            if let Some(rest) = line.strip_prefix('#') {
                let (key, value) = rest.split_once(' ').unwrap_or((rest, ""));
                let value = value.trim();
                let bad = |what: &str| err(n, format!("#{key} {value:?} is not {what}"));
                match key {
                    "server_version" => {
                        header.server_version =
                            value.parse().map_err(|_| bad("a server version"))?
                    }
                    "client_id" => {
                        header.client_id = Some(value.parse().map_err(|_| bad("a client id"))?)
                    }
                    "recorded" => {
                        header.recorded = Some(value.parse().map_err(|_| bad("a Unix time"))?)
                    }
                    "masked" => header.masked = value == "yes",
                    "end" => ended = true,
                    _ => {} // a comment
                }
                continue;
            }
            if header.server_version == 0 {
                return Err(err(n, "a frame before the #server_version header line"));
            }
            records.push(parse_line(header.server_version, n, line)?);
        }
        if header.server_version == 0 {
            return Err(err(0, "no #server_version header line"));
        }
        Ok(Transcript {
            header,
            records,
            ended,
        })
    }

    /// Reads a transcript file.
    pub fn read(path: impl AsRef<Path>) -> Result<Transcript, ParseError> {
        let path = path.as_ref();
        let in_file = |mut e: ParseError| {
            e.path = Some(path.to_path_buf());
            e
        };
        let text = std::fs::read_to_string(path)
            .map_err(|e| in_file(err(0, format!("cannot be read: {e}"))))?;
        Transcript::parse(&text).map_err(in_file)
    }

    /// The transcript as text (what [`parse`](Transcript::parse) reads back).
    pub fn to_text(&self) -> String {
        let mut out = render_header(&self.header);
        for r in &self.records {
            out.push_str(&render_line(
                self.header.server_version,
                r.micros,
                r.dir,
                &r.kind,
            ));
        }
        if self.ended {
            out.push_str(END_LINE);
        }
        out
    }

    /// The same transcript with account ids masked (see [`Masker`]).
    pub fn masked(&self) -> Transcript {
        let mut m = Masker::new();
        let sv = self.header.server_version;
        let records = self
            .records
            .iter()
            .map(|r| Record {
                kind: m.mask_kind(sv, r.dir, &r.kind),
                ..r.clone()
            })
            .collect();
        Transcript {
            header: Header {
                masked: true,
                ..self.header.clone()
            },
            records,
            ended: self.ended,
        }
    }
}

/// The file of the `n`th session (1-based) recorded to `path`: `path` itself
/// for the first, `stem-N.ext` beside it for the next ones.
pub fn session_path(path: &Path, n: usize) -> PathBuf {
    if n <= 1 {
        return path.to_path_buf();
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match path.extension() {
        Some(ext) => format!("{stem}-{n}.{}", ext.to_string_lossy()),
        None => format!("{stem}-{n}"),
    };
    path.with_file_name(name)
}

#[cfg(test)]
mod tests;
