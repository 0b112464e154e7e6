//! Usage: `wasm-features <module.wasm> [--allowed name,name,…]`
//!
//! Prints the WebAssembly features (beyond the 1.0 MVP) the module uses, one per line: a feature
//! is used when the module does not validate without it. With `--allowed`, exits with status 1
//! naming any used feature not in the list (a toolchain update that raises the oldest browser
//! able to run the app must be noticed, and the browser table updated).

use std::process::ExitCode;
use wasmparser::{Validator, WasmFeatures};

fn validates(bytes: &[u8], features: WasmFeatures) -> bool {
    Validator::new_with_features(features).validate_all(bytes).is_ok()
}

/// wasmparser's names (`SIGN_EXTENSION`) as the proposals call them (`sign-extension`).
fn proposal_name(name: &str) -> String {
    name.to_ascii_lowercase().replace('_', "-")
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: wasm-features <module.wasm> [--allowed name,name,...]");
        return ExitCode::from(2);
    };
    let allowed: Option<Vec<String>> = args
        .iter()
        .position(|arg| arg == "--allowed")
        .and_then(|at| args.get(at + 1))
        .map(|list| list.split(',').map(|name| name.trim().to_owned()).filter(|name| !name.is_empty()).collect());
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("cannot read {path}: {error}");
            return ExitCode::from(2);
        }
    };
    if !validates(&bytes, WasmFeatures::all()) {
        eprintln!("{path} is not a valid WebAssembly module");
        return ExitCode::from(2);
    }
    let used: Vec<String> = WasmFeatures::all()
        .iter_names()
        // The 1.0 MVP's own (floats, its function references) go without saying.
        .filter(|(_, flag)| !WasmFeatures::MVP.contains(*flag))
        .filter(|(_, flag)| !validates(&bytes, WasmFeatures::all() - *flag))
        .map(|(name, _)| proposal_name(name))
        .collect();
    for name in &used {
        println!("{name}");
    }
    if let Some(allowed) = allowed {
        let unexpected: Vec<&String> = used.iter().filter(|name| !allowed.contains(name)).collect();
        if !unexpected.is_empty() {
            eprintln!(
                "the module uses WebAssembly features not in deploy/browsers.json: {unexpected:?}; find the browser \
                 versions that support them (webassembly.org/features), then update browsers.json, README and src/guard.js"
            );
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}
