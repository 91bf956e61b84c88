//! The tests' recorder (tests/common/calls.rs, written by
//! tools/gen_recorder.py) must cover every `EWrapper` callback; a callback it
//! lacks would silently fall back to the logging default and never be
//! compared. Regenerate with `python3 tools/gen_recorder.py` (.ci/run fails
//! when the committed file differs from a fresh run).

use std::collections::BTreeSet;

fn methods(source: &str, start: &str) -> BTreeSet<String> {
    let from = source.find(start).expect("block start");
    let block = &source[from..];
    let end = block.find("\n}\n").expect("block end");
    block[..end]
        .lines()
        .filter_map(|l| l.strip_prefix("    fn "))
        .filter_map(|l| l.split('(').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_recorder_records_every_callback() {
    let root = env!("CARGO_MANIFEST_DIR");
    let wrapper = std::fs::read_to_string(format!("{root}/src/wrapper.rs")).unwrap();
    let mut trait_methods = methods(&wrapper, "pub trait EWrapper");
    // The `…ProtoBuf` callbacks are rows of src/wrapper/proto_buf.rs.
    let rows = std::fs::read_to_string(format!("{root}/src/wrapper/proto_buf.rs")).unwrap();
    trait_methods.extend(
        rows.lines()
            .filter_map(|l| l.split_once(" => ").map(|(_, r)| r))
            .filter_map(|r| r.split('(').next())
            .filter(|n| n.ends_with("_proto_buf"))
            .map(str::to_owned),
    );
    assert_eq!(
        trait_methods.len(),
        175,
        "96 callbacks of 10.37.2 + 75 ProtoBuf callbacks of 10.51.1 (server versions 204-221) + 4 extensions"
    );
    let file = "tests/common/calls.rs";
    let source = std::fs::read_to_string(format!("{root}/{file}")).unwrap();
    let recorded = methods(&source, "impl EWrapper for CallRecorder");
    let missing: Vec<_> = trait_methods.difference(&recorded).collect();
    assert!(
        missing.is_empty(),
        "{file} lacks (run python3 tools/gen_recorder.py): {missing:?}"
    );
}
