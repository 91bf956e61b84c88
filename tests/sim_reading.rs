//! The simulated gateway never answers a request with silence: a request it
//! cannot read gets error 320 under the request's id where that can be read
//! (as TWS answers), and the forms every official client sends are read,
//! 10.51.1's one-field-shorter calculation requests among them. A raw client
//! on a real socket, so that the frames are exactly the ones under test.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use tws_api::messages::connection::{ErrorMessage, StartApi};
use tws_api::messages::ids::incoming;
use tws_api::messages::market_data::options::{ReqCalcOptionPrice, TickOptionComputation};
use tws_api::messages::{decode_body, to_frame};
use tws_api::sim::{SimConfig, SimGateway};
use tws_api::wire::handshake::encode_hello;
use tws_api::wire::MessageHeader;
use tws_api::Contract;

const SV: i32 = 203;

/// A connection to the sim past its handshake and startApi.
struct Raw(TcpStream);

impl Raw {
    fn connect(gw: &SimGateway) -> Raw {
        let mut s = TcpStream::connect(("127.0.0.1", gw.port())).expect("connects");
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        s.write_all(&encode_hello(100, SV, "")).unwrap();
        let mut raw = Raw(s);
        let answer = raw.frame();
        assert!(
            answer.starts_with(format!("{SV}\0").as_bytes()),
            "{answer:?}"
        );
        let start = StartApi {
            client_id: 3,
            optional_capabilities: String::new(),
        };
        raw.send(&to_frame(&start, SV).unwrap());
        raw
    }

    fn send(&mut self, frame: &[u8]) {
        self.0.write_all(frame).unwrap();
    }

    /// One frame's payload.
    fn frame(&mut self) -> Vec<u8> {
        let mut len = [0u8; 4];
        self.0.read_exact(&mut len).expect("a frame");
        let mut payload = vec![0u8; u32::from_be_bytes(len) as usize];
        self.0.read_exact(&mut payload).expect("its payload");
        payload
    }

    /// The body of the first frame with message id `id` (those before it are read and dropped).
    fn until(&mut self, id: u32) -> Vec<u8> {
        loop {
            let payload = self.frame();
            let h = MessageHeader::parse(SV, &payload).unwrap();
            if h.id == id {
                return payload[h.body_start..].to_vec();
            }
        }
    }

    /// The next error other than the farm notices (21xx).
    fn error(&mut self) -> ErrorMessage {
        loop {
            let e: ErrorMessage = decode_body(SV, &self.until(incoming::ERR_MSG)).unwrap();
            if !(2100..2200).contains(&e.error_code) {
                return e;
            }
        }
    }
}

/// A text frame at SV: the raw message id, then `fields`, each NUL-ended.
fn text_frame(id: u32, fields: &[&str]) -> Vec<u8> {
    let mut payload = id.to_be_bytes().to_vec();
    for f in fields {
        payload.extend_from_slice(f.as_bytes());
        payload.push(0);
    }
    let mut frame = (payload.len() as u32).to_be_bytes().to_vec();
    frame.extend(payload);
    frame
}

fn gateway() -> SimGateway {
    SimGateway::start(SimConfig {
        server_version: SV,
        ..SimConfig::default()
    })
    .expect("sim starts")
}

#[test]
fn an_unreadable_request_is_error_320_under_its_id_where_that_reads() {
    let gw = gateway();
    let mut raw = Raw::connect(&gw);
    // reqMktData (version 11) whose id does not parse: 320 under no id.
    raw.send(&text_frame(1, &["11", "abc", "0", "AAPL", "STK"]));
    let e = raw.error();
    assert_eq!((e.req_id, e.error_code), (-1, 320), "{e:?}");
    assert_eq!(
        e.error_string,
        "Server error when reading an API client request."
    );
    // Its id reads, a later field does not: 320 under the id.
    raw.send(&text_frame(1, &["11", "42", "not a con id", "AAPL"]));
    let e = raw.error();
    assert_eq!((e.req_id, e.error_code), (42, 320), "{e:?}");
    // A request without a message version (reqPnL: id first), cut short.
    raw.send(&text_frame(92, &["77"]));
    let e = raw.error();
    assert_eq!((e.req_id, e.error_code), (77, 320), "{e:?}");
    // The session goes on: a good request is answered.
    raw.send(&text_frame(49, &["1"]));
    raw.until(incoming::CURRENT_TIME);
}

#[test]
fn calculate_option_price_in_the_form_of_10_51_1_is_answered() {
    let gw = gateway();
    let mut raw = Raw::connect(&gw);
    let option = Contract {
        symbol: "SPY".into(),
        sec_type: "OPT".into(),
        last_trade_date_or_contract_month: "20261218".into(),
        strike: 575.0,
        right: "C".into(),
        multiplier: "100".into(),
        exchange: "SMART".into(),
        currency: "USD".into(),
        ..Contract::default()
    };
    let req = ReqCalcOptionPrice {
        req_id: 6,
        contract: option,
        volatility: 0.25,
        under_price: 570.0,
        opt_prc_options: vec![],
    };
    // 10.37.2's form ends with the options count and the options; 10.51.1's
    // with the options alone: drop the count (the next-to-last field).
    let ours = to_frame(&req, SV).unwrap();
    let id = u32::from_be_bytes([ours[4], ours[5], ours[6], ours[7]]);
    // The fields after the id; the split leaves an empty piece after the last NUL.
    let mut fields: Vec<String> = ours[8..ours.len() - 1]
        .split(|&b| b == 0)
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect();
    fields.remove(fields.len() - 2);
    let shorter: Vec<&str> = fields.iter().map(String::as_str).collect();
    raw.send(&text_frame(id, &shorter));
    let c: TickOptionComputation =
        decode_body(SV, &raw.until(incoming::TICK_OPTION_COMPUTATION)).unwrap();
    assert_eq!(c.req_id, 6);
    assert!(c.opt_price > 0.0, "{c:?}");
}
