//! Masking account ids, consistently, in both directions.
//!
//! A [`Masker`] replaces every account id it finds with a stable placeholder
//! of the same length: the first account seen becomes `DU0000001` (for a
//! `DU1234567`), the second `DU0000002`, and the same account always gets
//! the same placeholder, in the client's frames and the gateway's alike, so
//! a masked transcript still replays (a request for `DU0000001` matches the
//! recorded one). It finds:
//!
//! * ids of IB's account forms: `U`, `DU`, `F` or `DF` and five or more
//!   digits, as a whole word (not inside a longer word or number);
//! * every account the gateway names in `managedAccounts`, whatever its
//!   form, wherever it appears afterwards as a whole word.
//!
//! The placeholders keep the length of what they replace, so a protobuf body
//! stays valid when its bytes are replaced in place.

use std::collections::HashMap;

use super::{pbwire, split_fields, Direction, FrameKind};
use crate::messages::ids::incoming;
use crate::wire::MessageHeader;

/// Replaces account ids with stable placeholders (see the module docs).
#[derive(Debug, Default, Clone)]
pub struct Masker {
    map: HashMap<Vec<u8>, Vec<u8>>,
    /// The learned accounts, longest first, for the scan.
    learned: Vec<Vec<u8>>,
    next: u32,
}

const PREFIXES: [&[u8]; 4] = [b"DU", b"DF", b"U", b"F"];
const MIN_DIGITS: usize = 5;

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

impl Masker {
    /// A masker that has seen nothing yet.
    pub fn new() -> Masker {
        Masker::default()
    }

    /// The placeholder of `account`, made on first sight.
    fn placeholder(&mut self, account: &[u8]) -> Vec<u8> {
        if let Some(p) = self.map.get(account) {
            return p.clone();
        }
        self.next += 1;
        let n = self.next;
        let prefix_len = PREFIXES
            .iter()
            .find(|p| account.starts_with(p) && account[p.len()..].iter().all(u8::is_ascii_digit))
            .map_or(0, |p| p.len());
        let p = if prefix_len > 0 {
            let digits = account.len() - prefix_len;
            let mut p = account[..prefix_len].to_vec();
            p.extend_from_slice(format!("{n:0digits$}").as_bytes());
            p
        } else {
            // Another form: "ACCT" and a number, cut or padded to the length.
            let mut p =
                format!("ACCT{n:0width$}", width = account.len().saturating_sub(4)).into_bytes();
            if p.len() > account.len() {
                p = format!("{n:0width$}", width = account.len()).into_bytes();
                p.drain(..p.len().saturating_sub(account.len()));
            }
            p
        };
        self.map.insert(account.to_vec(), p.clone());
        p
    }

    /// Learns the accounts a `managedAccounts` frame names, if `payload` is one.
    pub fn learn(&mut self, sv: i32, dir: Direction, payload: &[u8]) {
        if dir != Direction::Server {
            return;
        }
        let Ok(h) = MessageHeader::parse(sv, payload) else {
            return;
        };
        if h.id != incoming::MANAGED_ACCTS {
            return;
        }
        let body = &payload[h.body_start..];
        let list: Option<Vec<u8>> = if h.protobuf {
            pbwire::fields(body).and_then(|fs| {
                fs.into_iter()
                    .find(|f| f.number == 1 && f.wire == pbwire::LEN)
                    .map(|f| body[f.value.clone()].to_vec())
            })
        } else {
            split_fields(body).and_then(|f| f.get(1).map(|v| v.to_vec()))
        };
        for account in list.iter().flat_map(|l| l.split(|&b| b == b',')) {
            let account = account.trim_ascii();
            if !account.is_empty() && !self.map.contains_key(account) {
                self.placeholder(account);
                self.learned.push(account.to_vec());
                self.learned.sort_by_key(|a| std::cmp::Reverse(a.len()));
            }
        }
    }

    /// The account id of IB's form starting at `at`, as a whole word: its length.
    fn pattern_at(bytes: &[u8], at: usize) -> Option<usize> {
        let rest = &bytes[at..];
        let prefix = PREFIXES.iter().find(|p| rest.starts_with(p))?;
        let digits = rest[prefix.len()..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let len = prefix.len() + digits;
        (digits >= MIN_DIGITS && rest.get(len).is_none_or(|&b| !is_word(b))).then_some(len)
    }

    /// `payload` with its account ids replaced (after learning from it).
    pub fn mask_payload(&mut self, sv: i32, dir: Direction, payload: &[u8]) -> Vec<u8> {
        self.learn(sv, dir, payload);
        let mut out = payload.to_vec();
        let mut i = 0;
        while i < out.len() {
            if i > 0 && is_word(out[i - 1]) {
                i += 1;
                continue;
            }
            let learned = self.learned.iter().find(|a| {
                out[i..].starts_with(a) && out.get(i + a.len()).is_none_or(|&b| !is_word(b))
            });
            let len = match learned {
                Some(a) => Some(a.len()),
                None => Masker::pattern_at(&out, i),
            };
            match len {
                Some(len) => {
                    let p = self.placeholder(&out[i..i + len]);
                    out[i..i + len].copy_from_slice(&p);
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    /// A transcript record's frame with its account ids replaced.
    pub fn mask_kind(&mut self, sv: i32, dir: Direction, kind: &FrameKind) -> FrameKind {
        match kind {
            FrameKind::Frame(p) => FrameKind::Frame(self.mask_payload(sv, dir, p)),
            other => other.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::text_payload;

    #[test]
    fn masks_consistently_and_keeps_lengths() {
        let mut m = Masker::new();
        let sv = 176;
        let managed = text_payload(sv, incoming::MANAGED_ACCTS, &[b"1", b"DU1234567,TESTACCT"]);
        let out = m.mask_payload(sv, Direction::Server, &managed);
        assert_eq!(
            out,
            text_payload(sv, incoming::MANAGED_ACCTS, &[b"1", b"DU0000001,ACCT0002"])
        );
        let req = text_payload(sv, 6, &[b"2", b"1", b"TESTACCT"]);
        assert_eq!(
            m.mask_payload(sv, Direction::Client, &req),
            text_payload(sv, 6, &[b"2", b"1", b"ACCT0002"])
        );
        let value = text_payload(sv, 6, &[b"NetLiq", b"DU1234567", b"U7654321", b"XU12345"]);
        assert_eq!(
            m.mask_payload(sv, Direction::Server, &value),
            text_payload(sv, 6, &[b"NetLiq", b"DU0000001", b"U0000003", b"XU12345"])
        );
        // Numbers and words that merely contain the form are left alone.
        let other = text_payload(sv, 1, &[b"U123", b"AU12345", b"12345", b"U12345X"]);
        assert_eq!(m.mask_payload(sv, Direction::Server, &other), other);
    }
}
