//! Records the git commit for `reentry --version`.
use std::path::Path;
use std::process::Command;

fn main() {
    let commit = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=REENTRY_GIT_COMMIT={commit}");
    // Rerun when the commit can have changed. Only paths that exist are named: cargo treats a
    // missing one as changed on every build, which rebuilt the binary at every `cargo run`
    // (`packed-refs` appears only after `git gc` or in some clones, where branch heads live).
    println!("cargo:rerun-if-changed=build.rs");
    for path in [
        "../../.git/HEAD",
        "../../.git/refs/heads",
        "../../.git/packed-refs",
    ] {
        if Path::new(path).exists() {
            println!("cargo:rerun-if-changed={path}");
        }
    }
}
