//! Lays out the release binary's code so that a terminal session touches few pages of it.
//!
//! The kernel maps a program's code 64 KB at a time around each page it runs, so code
//! spread thinly over the whole binary becomes resident almost all of it. On Linux,
//! release builds link with `scripts/hot-code.ld`: the functions that recorded terminal
//! sessions ran (scripts/hot-code.py regenerates it) go together before the rest of the
//! code. It only orders code: a function missing from the list still links, at its usual
//! place. Measured in docs/performance.md (issue 14).

use std::env;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=scripts/hot-code.ld");
    println!("cargo:rerun-if-env-changed=JIXIAO_LINK_MAP");
    let release = env::var("PROFILE").is_ok_and(|p| p == "release");
    let linux = env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    if release && linux {
        let dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
        let script = Path::new(&dir).join("scripts/hot-code.ld");
        // `-T script` augments the linker's default layout (the script ends in INSERT).
        println!("cargo:rustc-link-arg-bin=jixiao=-T");
        println!("cargo:rustc-link-arg-bin=jixiao={}", script.display());
        // scripts/hot-code.py asks for the linker's map: which function is where in the
        // stripped binary, built exactly as a user builds it.
        if let Ok(map) = env::var("JIXIAO_LINK_MAP") {
            println!("cargo:rustc-link-arg-bin=jixiao=-Wl,-Map={map}");
        }
    }
}
