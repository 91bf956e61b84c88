//! What the client does with a peer that breaks the protocol. The peer here is
//! a raw socket on loopback that speaks just enough of the handshake.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::thread;

use common::{init_logs, Ev, Recorder};
use tws_api::messages::connection::{CurrentTime, NextValidId};
use tws_api::messages::to_frame;
use tws_api::wire::frame::write_frame;
use tws_api::wire::handshake::encode_server_answer;
use tws_api::EClient;

/// Accepts one client, answers the hello with `server_version`, reads startApi,
/// then writes `script` and closes (or keeps the socket open when `hold`).
fn peer(server_version: i32, script: Vec<u8>, hold: bool) -> (u16, thread::JoinHandle<()>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let h = thread::spawn(move || {
        let (mut s, _) = l.accept().unwrap();
        let mut hello = [0u8; 8];
        s.read_exact(&mut hello).unwrap();
        let len = u32::from_be_bytes([hello[4], hello[5], hello[6], hello[7]]) as usize;
        let mut text = vec![0; len];
        s.read_exact(&mut text).unwrap();
        s.write_all(&encode_server_answer(
            server_version,
            "20261123 16:53:52 UTC",
        ))
        .unwrap();
        if !(100..=203).contains(&server_version) {
            // The client hangs up; wait for it.
            let _ = s.read(&mut [0u8; 64]);
            return;
        }
        let mut len = [0u8; 4];
        s.read_exact(&mut len).unwrap();
        let mut start_api = vec![0; u32::from_be_bytes(len) as usize];
        s.read_exact(&mut start_api).unwrap();
        s.write_all(&script).unwrap();
        if hold {
            let _ = s.read(&mut [0u8; 64]);
        }
    });
    (port, h)
}

fn run_against(script: Vec<u8>, hold: bool) -> (EClient, Vec<Ev>) {
    init_logs();
    let (port, h) = peer(203, script, hold);
    let client = EClient::new();
    let (mut rec, log) = Recorder::new();
    client.connect("127.0.0.1", port, 0).unwrap();
    if hold {
        let c = client.clone();
        let l = log.clone();
        thread::spawn(move || {
            l.wait_until(|e| e.iter().any(|e| matches!(e, Ev::CurrentTime(_))));
            c.disconnect();
        });
    }
    client.run(&mut rec);
    h.join().unwrap();
    (client, log.snapshot())
}

fn good(sv: i32) -> Vec<u8> {
    to_frame(&NextValidId { order_id: 1 }, sv).unwrap()
}

fn time() -> Vec<u8> {
    to_frame(&CurrentTime { time: 42 }, 203).unwrap()
}

#[test]
fn oversized_length_prefix_is_507_and_a_clean_close_after_what_came_before() {
    let mut script = good(203);
    script.extend_from_slice(&0x0100_0000u32.to_be_bytes()); // 16 MiB: one over the limit
    script.extend_from_slice(b"whatever follows is never read");
    let (client, ev) = run_against(script, false);
    assert_eq!(ev[1], Ev::NextValidId(1), "{ev:?}");
    assert!(
        ev.iter().any(|e| matches!(e, Ev::Error(-1, 507, _))),
        "{ev:?}"
    );
    assert_eq!(ev.iter().filter(|e| **e == Ev::Closed).count(), 1);
    assert_eq!(*ev.last().unwrap(), Ev::Closed);
    assert!(!client.is_connected());
}

#[test]
fn garbage_frames_are_skipped_and_the_stream_goes_on() {
    let mut script = good(203);
    write_frame(&mut script, &[]); // zero length: 507, skipped
    write_frame(&mut script, &[0, 0]); // a message id cut short: 508
    let mut unknown = 999u32.to_be_bytes().to_vec();
    unknown.extend_from_slice(b"1\0");
    write_frame(&mut script, &unknown); // unknown id: 505
    let mut bad_number = 49u32.to_be_bytes().to_vec();
    bad_number.extend_from_slice(b"1\0notanumber\0");
    write_frame(&mut script, &bad_number); // currentTime with a bad time: 508
    let mut bad_utf8 = 15u32.to_be_bytes().to_vec();
    bad_utf8.extend_from_slice(b"1\0\xff\xfe\0");
    write_frame(&mut script, &bad_utf8); // managedAccounts, invalid UTF-8: 508
    let mut truncated = 1u32.to_be_bytes().to_vec();
    truncated.extend_from_slice(b"6\x001\x001\0");
    write_frame(&mut script, &truncated); // tickPrice missing fields: 508
    let mut proto_garbage = 204u32.to_be_bytes().to_vec();
    proto_garbage.extend_from_slice(&[0xff, 0xff, 0xff]);
    write_frame(&mut script, &proto_garbage); // protobuf error that does not decode: 508
    script.extend_from_slice(&time()); // and then a good message
    let (_client, ev) = run_against(script, true);
    let codes: Vec<i32> = ev
        .iter()
        .filter_map(|e| match e {
            Ev::Error(_, c, _) => Some(*c),
            _ => None,
        })
        .collect();
    assert_eq!(codes, vec![507, 508, 505, 508, 508, 508, 508], "{ev:?}");
    assert!(
        ev.contains(&Ev::CurrentTime(42)),
        "the stream went on: {ev:?}"
    );
    assert_eq!(ev.iter().filter(|e| **e == Ev::Closed).count(), 1);
}

#[test]
fn peer_closing_mid_frame_delivers_everything_before_it() {
    let mut script = good(203);
    script.extend_from_slice(&time());
    let half = to_frame(&CurrentTime { time: 7 }, 203).unwrap();
    script.extend_from_slice(&half[..half.len() - 3]);
    let (_client, ev) = run_against(script, false);
    assert!(
        ev.contains(&Ev::NextValidId(1)) && ev.contains(&Ev::CurrentTime(42)),
        "{ev:?}"
    );
    assert!(!ev.contains(&Ev::CurrentTime(7)));
    assert_eq!(*ev.last().unwrap(), Ev::Closed);
    assert_eq!(ev.iter().filter(|e| **e == Ev::Closed).count(), 1);
}

#[test]
fn frames_split_across_reads_are_reassembled() {
    init_logs();
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let h = thread::spawn(move || {
        let (mut s, _) = l.accept().unwrap();
        s.set_nodelay(true).unwrap();
        let mut hello = [0u8; 17];
        s.read_exact(&mut hello).unwrap();
        s.write_all(&encode_server_answer(187, "t")).unwrap();
        let mut buf = [0u8; 64];
        let _ = s.read(&mut buf); // startApi
        let mut script = good(187);
        for t in 0..50 {
            script.extend_from_slice(&to_frame(&CurrentTime { time: t }, 187).unwrap());
        }
        for b in script {
            s.write_all(&[b]).unwrap(); // one byte per write
        }
    });
    let client = EClient::new();
    let (mut rec, log) = Recorder::new();
    client.connect("127.0.0.1", port, 0).unwrap();
    client.run(&mut rec);
    h.join().unwrap();
    let times: Vec<i64> = log
        .snapshot()
        .iter()
        .filter_map(|e| match e {
            Ev::CurrentTime(t) => Some(*t),
            _ => None,
        })
        .collect();
    assert_eq!(times, (0..50).collect::<Vec<_>>());
}

#[test]
fn server_version_outside_our_range_is_a_clear_final_error() {
    init_logs();
    let above = tws_api::server_versions::MAX_CLIENT_VER + 1;
    for (sv, code) in [(99, 503), (above, 506), (250, 506)] {
        let (port, h) = peer(sv, Vec::new(), false);
        let client = EClient::new();
        let (mut rec, log) = Recorder::new();
        let err = client.connect("127.0.0.1", port, 0).unwrap_err();
        assert_eq!(err.code(), code, "{err}");
        assert!(err.to_string().contains(&sv.to_string()), "{err}");
        client.run(&mut rec);
        h.join().unwrap();
        let ev = log.snapshot();
        assert!(
            ev.iter()
                .any(|e| matches!(e, Ev::Error(-1, c, _) if *c == code)),
            "{ev:?}"
        );
        assert_eq!(ev.iter().filter(|e| **e == Ev::Closed).count(), 1);
        assert!(!client.is_connected());
    }
}

#[test]
fn a_peer_that_never_answers_the_hello_times_out() {
    init_logs();
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let client = EClient::new();
    client.set_connect_timeout(std::time::Duration::from_millis(200));
    let err = client.connect("127.0.0.1", port, 0).unwrap_err();
    assert_eq!(err.code(), 502);
    assert!(err.to_string().contains("handshake"), "{err}");
    drop(l);
    let _ = TcpStream::connect(("127.0.0.1", port));
}

/// An error frame whose code is missing or not a number is a warning (code
/// 0, logged), never a frame that fails to decode; what follows still
/// arrives.
#[test]
fn an_error_with_a_missing_or_garbled_code_is_a_warning() {
    let mut script = good(203);
    let mut garbled = 4u32.to_be_bytes().to_vec();
    garbled.extend_from_slice(b"7\0abc\0Approaching max rate of 50 messages per second\0\0");
    garbled.extend_from_slice(b"1700000000000\0");
    write_frame(&mut script, &garbled);
    let mut missing = 4u32.to_be_bytes().to_vec();
    missing.extend_from_slice(b"8\0");
    write_frame(&mut script, &missing);
    script.extend_from_slice(&time());
    let (_client, ev) = run_against(script, true);
    let errors: Vec<&Ev> = ev.iter().filter(|e| matches!(e, Ev::Error(..))).collect();
    assert_eq!(
        errors,
        vec![
            &Ev::Error(
                7,
                0,
                "Approaching max rate of 50 messages per second".into()
            ),
            &Ev::Error(8, 0, String::new()),
        ],
        "{ev:?}"
    );
    assert!(ev.contains(&Ev::CurrentTime(42)), "{ev:?}");
    assert!(!tws_api::errors::ends_request(0));
}
