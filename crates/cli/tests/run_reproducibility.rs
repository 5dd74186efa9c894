//! The same seed gives byte-identical `fragments.csv` and identical `summary.json` statistics
//! for 1 and 2 threads and for a run split into 3 shards then merged (DESIGN.md §3, §4).

mod run_common;

use run_common::*;

#[test]
fn threads_and_shards_give_identical_outputs() {
    let dir = scratch("reproducibility");
    let scenario = write_scenario(&dir, "p3.toml", P3_MONTE_CARLO);
    let one = dir.join("threads-1");
    let two = dir.join("threads-2");
    ok(reentry(&[
        "run",
        s(&scenario),
        "--out",
        s(&one),
        "--threads",
        "1",
        "--no-plots",
        "--quiet",
    ]));
    ok(reentry(&[
        "run",
        s(&scenario),
        "--out",
        s(&two),
        "--threads",
        "2",
        "--no-plots",
        "--quiet",
    ]));
    let mut shard_dirs = Vec::new();
    for index in 0..3 {
        let shard_dir = dir.join(format!("shard-{index}"));
        let shard = format!("{index}/3");
        ok(reentry(&[
            "run",
            s(&scenario),
            "--out",
            s(&shard_dir),
            "--shard",
            &shard,
            "--threads",
            "2",
            "--no-plots",
            "--quiet",
        ]));
        shard_dirs.push(shard_dir);
    }
    // Only the shard that owns sample 0 writes the nominal trajectory.
    assert!(shard_dirs[0].join("trajectory.csv").exists());
    assert!(!shard_dirs[1].join("trajectory.csv").exists());
    let merged = dir.join("merged");
    let mut args = vec!["merge"];
    // Shards in any order.
    args.extend([s(&shard_dirs[2]), s(&shard_dirs[0]), s(&shard_dirs[1])]);
    args.extend(["--out", s(&merged), "--no-plots", "--quiet"]);
    ok(reentry(&args));

    let reference = std::fs::read(one.join("fragments.csv")).expect("fragments.csv");
    let rows = String::from_utf8_lossy(&reference).lines().count();
    assert_eq!(
        rows,
        1 + 12 * 4,
        "header + 12 samples × (vehicle + 3 fragments)"
    );
    for other in [&two, &merged] {
        assert_eq!(
            std::fs::read(other.join("fragments.csv")).expect("fragments.csv"),
            reference,
            "fragments.csv of {} differs",
            other.display()
        );
        assert_eq!(
            std::fs::read(other.join("trajectory.csv")).expect("trajectory.csv"),
            std::fs::read(one.join("trajectory.csv")).expect("trajectory.csv"),
        );
        assert_eq!(summary_statistics(other), summary_statistics(&one));
    }
    let shard_summary = summary_statistics(&shard_dirs[1]);
    assert_eq!(shard_summary["shard"], "1/3");
    assert_eq!(shard_summary["samples"], 12);
    assert_eq!(shard_summary["samples_in_shard"], 4);
    let _ = std::fs::remove_dir_all(&dir);
}
