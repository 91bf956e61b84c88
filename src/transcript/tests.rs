use super::*;

#[test]
fn escapes_round_trip() {
    for f in [
        &b""[..],
        b"plain text",
        b"tab\there",
        b"nl\nand\rcr",
        b"back\\slash \\e",
        b"\xff\xfe bytes",
        b"\\",
    ] {
        let mut s = String::new();
        escape_field(&mut s, f);
        assert!(!s.contains('\t') && !s.contains('\n'), "{s:?}");
        assert_eq!(unescape_field(&s).unwrap(), f, "{s:?}");
    }
    assert!(unescape_field("bad\\q").is_err());
    assert!(unescape_field("bad\\").is_err());
    assert!(unescape_field("\\x4").is_err());
}

fn record(dir: Direction, kind: FrameKind) -> Record {
    Record {
        micros: 1_234_567,
        dir,
        kind,
        line: 0,
    }
}

#[test]
fn frames_round_trip_at_text_and_raw_id_versions() {
    for sv in [176, 203] {
        let records = vec![
            record(
                Direction::Client,
                FrameKind::Hello("v100..207 +PACEAPI".into()),
            ),
            record(
                Direction::Server,
                FrameKind::Handshake(b"176\x0020261205 07:47:56 UTC\0".to_vec()),
            ),
            record(
                Direction::Client,
                FrameKind::Frame(text_payload(sv, 71, &[b"2", b"7", b""])),
            ),
            record(
                Direction::Server,
                FrameKind::Frame(text_payload(sv, 4, &[b"2", b"-1", b"2104", b"a\tb", b""])),
            ),
            record(
                Direction::Server,
                FrameKind::Frame(protobuf_payload(3, &[8, 1, 18, 0])),
            ),
            record(
                Direction::Server,
                FrameKind::Frame(text_payload(sv, 9999, &[b"x"])),
            ),
            // Not a text body (no final NUL): kept as raw bytes.
            record(Direction::Server, FrameKind::Frame(b"9\x001\x005".to_vec())),
            record(Direction::Server, FrameKind::Frame(Vec::new())),
        ];
        let t = Transcript {
            header: Header {
                server_version: sv,
                client_id: Some(7),
                recorded: Some(1_796_456_876),
                masked: false,
            },
            records,
            ended: true,
        };
        let text = t.to_text();
        let back = Transcript::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(back.header, t.header);
        assert!(back.ended && text.ends_with("\n#end\n"));
        assert_eq!(back.records.len(), t.records.len());
        for (a, b) in back.records.iter().zip(&t.records) {
            assert_eq!(
                (a.micros, a.dir, &a.kind),
                (b.micros, b.dir, &b.kind),
                "{text}"
            );
        }
        assert!(text.contains("\tC\tSTART_API\t2\t7\t\\e\n"), "{text}");
        assert!(
            text.contains("\tS\tERR_MSG\t2\t-1\t2104\ta\\tb\t\\e\n"),
            "{text}"
        );
        if sv >= 201 {
            assert!(
                text.contains("\tS\tORDER_STATUS:pb\t1=1\t2=\"\"\n"),
                "{text}"
            );
        }
        assert!(text.ends_with("\tS\tRAW\t\\e\n#end\n"), "{text}");
    }
}

#[test]
fn malformed_lines_are_refused_with_their_number() {
    let head = "#tws-transcript 1\n#server_version 176\n";
    for (body, line, what) in [
        ("x\tC\tSTART_API\n", 3, "not a time"),
        ("0.1\tX\tSTART_API\n", 3, "neither C nor S"),
        ("0.1\tC\n", 3, "name is missing"),
        ("0.1\tC\tNO_SUCH_MESSAGE\t1\n", 3, "not a message name"),
        ("\n0.1\tS\tRAW\tzz\n", 4, "not hex"),
        ("0.1\tS\tHELLO\tv1\n", 3, "sent by the client"),
        ("0.1\tC\tSTART_API\tbad\\q\n", 3, "unknown escape"),
        ("0.1\tS\tORDER_STATUS:pb\t1=\"x\n", 3, "unterminated string"),
    ] {
        let e = Transcript::parse(&format!("{head}{body}")).unwrap_err();
        assert_eq!(e.line, line, "{e}");
        assert!(e.to_string().contains(what), "{e}");
    }
    assert!(Transcript::parse("").is_err());
    assert!(Transcript::parse("hello\n")
        .unwrap_err()
        .to_string()
        .contains("line 1"));
    assert!(Transcript::parse("#tws-transcript 9\n")
        .unwrap_err()
        .to_string()
        .contains("format version"));
    let e = Transcript::parse("#tws-transcript 1\n0.1\tC\tSTART_API\n").unwrap_err();
    assert_eq!(e.line, 2);
}

#[test]
fn session_paths() {
    let p = std::path::Path::new("/tmp/a/session.tws");
    assert_eq!(session_path(p, 1), p);
    assert_eq!(
        session_path(p, 2),
        std::path::Path::new("/tmp/a/session-2.tws")
    );
    assert_eq!(
        session_path(std::path::Path::new("x"), 3),
        std::path::Path::new("x-3")
    );
}
