//! Compiles the protobuf definitions in `proto/` into Rust types.
//!
//! The `.proto` files are regenerated from the official Python package by
//! `proto/regenerate.py`. They are compiled here with protox (a pure-Rust
//! protobuf compiler, so no system `protoc` is needed) and turned into Rust by
//! prost-build, which writes `$OUT_DIR/protobuf.rs` (the proto package is
//! `protobuf`). `src/proto.rs` includes that file.

use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn Error>> {
    // `cfg(ib_integration)` when IB_INTEGRATION=1: the tests against a real
    // TWS (tests/real_tws.rs) are ignored without it, so that a count of
    // passed tests never includes them passing vacuously.
    println!("cargo:rustc-check-cfg=cfg(ib_integration)");
    println!("cargo:rerun-if-env-changed=IB_INTEGRATION");
    if std::env::var("IB_INTEGRATION").is_ok_and(|v| v == "1") {
        println!("cargo:rustc-cfg=ib_integration");
    }

    let proto_dir = Path::new("proto");
    println!("cargo:rerun-if-changed=proto");

    let mut files: Vec<PathBuf> = fs::read_dir(proto_dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "proto"))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err("no .proto files in proto/; run `python proto/regenerate.py`".into());
    }
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
    }

    // protox resolves imports relative to the include directory, so pass the
    // files relative to it as well.
    let relative: Vec<PathBuf> = files
        .iter()
        .filter_map(|path| path.strip_prefix(proto_dir).ok().map(Path::to_path_buf))
        .collect();
    let mut compiler = protox::Compiler::new([proto_dir])?;
    compiler
        .include_imports(true)
        .include_source_info(true)
        .open_files(&relative)?;
    let fds = compiler.file_descriptor_set();

    // Maps as BTreeMap: protobuf leaves the order of map entries open, and a
    // sorted one makes our bytes the same on every run (a HashMap's order
    // changes from process to process).
    prost_build::Config::new()
        .btree_map(["."])
        .compile_fds(fds)?;
    Ok(())
}
