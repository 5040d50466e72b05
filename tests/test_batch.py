"""`pybridge batch`: the jobs file, the local and Ray executors, the ledger, and resumption after SIGKILL.

One local Ray session (started here, num_cpus=2) serves every Ray test: the 200-job batch runs in
this process; the SIGKILL test runs drivers as subprocesses that join it with --address.
"""

import itertools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from pybridge.batch import load_jobs, run_batch
from pybridge.certs import check_file, read_certificate
from pybridge.errors import InputFileError


def unknot_braids(count: int) -> list[str]:
    """``count`` distinct unknot braid SPECs: σ1^±1 σ2^±1 … σ_{n-1}^±1 on n strands (Markov-trivial)."""
    specs = []
    for strands in itertools.count(2):
        for signs in itertools.product((1, -1), repeat=strands - 1):
            specs.append(f"braid:{strands}:" + ",".join(str(s * g) for g, s in enumerate(signs, start=1)))
            if len(specs) == count:
                return specs


def write_jobs(path: Path, batch: str, specs: list[str], budget_s: float = 5.0) -> Path:
    jobs = {"batch": batch, "defaults": {"budget_s": budget_s, "agent": "greedy"},
            "jobs": [{"kind": "unknot", "spec": spec} for spec in specs]}
    path.write_text(yaml.safe_dump(jobs, sort_keys=False))
    return path


def pybridge(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pybridge.cli", *args], capture_output=True, text=True, **kwargs)


def assert_batch_complete(ledger_path: Path, out: Path, batch: str, count: int) -> None:
    """Every job certified once, one file per job, every ledger row's file present and valid."""
    db = sqlite3.connect(ledger_path)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    jobs = db.execute("SELECT job_key, status, certificates FROM batch_jobs WHERE batch = ?", (batch,)).fetchall()
    assert len(jobs) == count and {status for _, status, _ in jobs} == {"certified"}
    hashes = [h for _, _, certs in jobs for h in json.loads(certs)]
    assert len(hashes) == len(set(hashes)) == count
    rows = db.execute("SELECT hash, path FROM certificates").fetchall()
    assert sorted(h for h, _ in rows) == sorted(hashes)
    for sha, path in rows:
        assert check_file(path).valid and read_certificate(path).sha256 == sha
    files = sorted(p.name for p in (out / "certs").iterdir())
    assert files == sorted(f"{key}.yaml" for key, _, _ in jobs)  # no duplicates, no stray temp files
    verdicts = db.execute("SELECT count(*), min(verdict), max(verdict) FROM verdicts").fetchone()
    assert verdicts[0] >= count and verdicts[1:] == ("valid", "valid")


@pytest.fixture(scope="module")
def ray_address():
    import ray

    from pybridge.batch_executors import _connect

    assert _connect(ray, None, 2)  # the executor's own default: start a local Ray instance
    yield ray.get_runtime_context().gcs_address
    ray.shutdown()


@pytest.mark.parametrize(("edit", "message"), [
    ({"colour": "red"}, "top level: unknown key 'colour'"),
    ({"jobs": [{"kind": "unknot", "spec": "braid:1,-1", "budget": 3}]}, "jobs[0]: unknown key 'budget'"),
    ({"jobs": [{"kind": "knot", "spec": "3_1"}]}, "jobs[0].kind: unknown job kind 'knot'"),
    ({"jobs": [{"kind": "unknot", "spec": "braid:1,0"}]}, "jobs[0].spec: "),
    ({"jobs": [{"kind": "ribbon", "spec": "braid:1,1"}]}, "2-component link"),
    ({"jobs": [{"kind": "unknot", "spec": "braid:1,-1", "budget_s": -1}]}, "positive number of seconds"),
    ({"jobs": [{"kind": "unknot", "spec": "braid:1,-1", "agent": "bands"}]}, "is not a unknot agent"),
    ({"jobs": [{"kind": "unknot", "spec": "braid:1,-1"}] * 2}, "the same job key"),
    ({"jobs": []}, "non-empty list"),
])
def test_jobs_file_errors_name_the_problem(tmp_path, edit, message):
    data = {"batch": "b", "jobs": [{"kind": "unknot", "spec": "braid:1,-1"}]} | edit
    path = tmp_path / "jobs.yaml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(InputFileError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_jobs(path)


def test_example_jobs_file_is_valid_and_keys_are_deterministic():
    example = Path(__file__).resolve().parent.parent / "pybridge" / "data" / "batch_example.yaml"
    first, second = load_jobs(example), load_jobs(example)
    assert first.batch == "example" and {job["kind"] for job in first.jobs} == {"unknot", "ribbon", "spc4"}
    assert [job["key"] for job in first.jobs] == [job["key"] for job in second.jobs]
    assert next(job for job in first.jobs if job["spec"] == "8_20")["budget_s"] == 30.0  # "8_20" stays a string


def test_local_executor_runs_resumes_and_refutes(tmp_path):
    jobs = tmp_path / "jobs.yaml"
    jobs.write_text(yaml.safe_dump({"batch": "small", "jobs": [
        {"kind": "unknot", "spec": "braid:1,2,1,-2,-1,1"}, {"kind": "unknot", "spec": "braid:1,1,1"},
        {"kind": "unknot", "spec": "pd:[[1,2,2,1]]", "id": "kink"}]}))
    out = tmp_path / "out"
    done = pybridge("batch", str(jobs), "--executor", "local", "--workers", "2", "--out", str(out), "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["counts"] == {"certified": 2, "refuted": 1} and summary["skipped"] == 0
    assert (out / "certs" / "kink.yaml").is_file()
    again = json.loads(pybridge("batch", str(jobs), "--out", str(out), "--json").stdout)
    assert again["skipped"] == 3 and again["counts"] == {}
    db = sqlite3.connect(out / "ledger.sqlite")
    refuted = db.execute("SELECT result FROM batch_jobs WHERE status = 'refuted'").fetchone()[0]
    assert "signature -2" in json.loads(refuted)["message"]


def test_unwritable_output_directory_is_a_clear_error(tmp_path):
    jobs = write_jobs(tmp_path / "jobs.yaml", "w", unknot_braids(2))
    blocker = tmp_path / "results.csv"
    blocker.write_text("a file, not a directory\n")
    done = pybridge("batch", str(jobs), "--out", str(blocker / "out"))
    assert done.returncode == 2 and "cannot write there" in done.stderr and "Traceback" not in done.stderr
    assert blocker.read_text() == "a file, not a directory\n" and sorted(os.listdir(tmp_path)) == ["jobs.yaml", "results.csv"]
    if os.geteuid() != 0:  # root ignores permission bits
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        assert pybridge("batch", str(jobs), "--out", str(locked / "out")).returncode == 2


def test_a_second_driver_on_the_same_output_directory_is_refused(tmp_path):
    from pybridge.batch import prepare_out

    jobs = write_jobs(tmp_path / "jobs.yaml", "twice", unknot_braids(1))
    with prepare_out(tmp_path / "out"):
        with pytest.raises(InputFileError, match="another pybridge batch is running there"):
            run_batch(jobs, "local", out_dir=tmp_path / "out", show_progress=False)
    assert not (tmp_path / "out" / "ledger.sqlite").exists()


def test_200_jobs_on_local_ray(tmp_path, ray_address):
    jobs = write_jobs(tmp_path / "jobs.yaml", "ray200", unknot_braids(200))
    start = time.monotonic()
    summary = run_batch(jobs, "ray", out_dir=tmp_path / "out", show_progress=False)
    print(f"200-job batch on local Ray: {time.monotonic() - start:.1f} s")
    assert summary.counts == {"certified": 200} and summary.skipped == 0
    assert_batch_complete(tmp_path / "out" / "ledger.sqlite", tmp_path / "out", "ray200", 200)
    resumed = run_batch(jobs, "ray", out_dir=tmp_path / "out", show_progress=False)
    assert resumed.skipped == 200 and resumed.counts == {}


def _finished(ledger: Path) -> int:
    try:
        db = sqlite3.connect(f"file:{ledger}?mode=ro", uri=True, timeout=5)
        return db.execute("SELECT count(*) FROM batch_jobs WHERE status != 'queued'").fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


def test_sigkill_of_the_driver_then_rerun_finishes_without_duplicates(tmp_path, ray_address):
    count = 160
    jobs = write_jobs(tmp_path / "jobs.yaml", "killed", unknot_braids(count))
    out, ledger = tmp_path / "out", tmp_path / "out" / "ledger.sqlite"
    command = [sys.executable, "-m", "pybridge.cli", "batch", str(jobs), "--executor", "ray",
               "--address", ray_address, "--out", str(out)]
    driver = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _finished(ledger) < count // 2 and driver.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    driver.send_signal(signal.SIGKILL)
    driver.wait()
    at_kill = _finished(ledger)
    print(f"SIGKILL with {at_kill}/{count} jobs finished")
    assert driver.returncode == -signal.SIGKILL and count // 2 <= at_kill < count
    done = subprocess.run(command + ["--json"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["skipped"] + summary["counts"]["certified"] == count and summary["skipped"] == at_kill
    print(f"re-run: {summary['skipped']} skipped, {summary['counts']['certified']} run")
    assert_batch_complete(ledger, out, "killed", count)


# --------------------------------------------------------------------------
# Issue 23: plumbing jobs, full error text, worker crashes, unreachable --address
# --------------------------------------------------------------------------


def test_plumbing_agents_match_the_plumbing_package():
    from pybridge.batch import AGENTS
    from pybridge.plumbing.agents import AGENTS as PLUMBING_AGENTS

    assert AGENTS["plumbing"] == PLUMBING_AGENTS


@pytest.mark.parametrize(("job", "message"), [
    ({"kind": "plumbing", "a": "g:-2"}, "jobs[0]: missing key 'b'"),
    ({"kind": "plumbing", "a": "g:-2", "b": "g:-2/0-5"}, "jobs[0].b: "),
    ({"kind": "plumbing", "a": "g:-2", "b": "g:-2", "agent": "bands"}, "is not a plumbing agent"),
    ({"kind": "plumbing", "a": "g:-2", "b": "g:-2", "spec": "3_1"}, "unknown key 'spec'"),
])
def test_plumbing_job_errors_name_the_problem(tmp_path, job, message):
    path = tmp_path / "jobs.yaml"
    path.write_text(yaml.safe_dump({"batch": "b", "jobs": [job]}))
    with pytest.raises(InputFileError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_jobs(path)


def test_plumbing_jobs_certify_and_refute(tmp_path):
    graph = tmp_path / "tree.yaml"
    graph.write_text("vertices: [[0, -2], [1, 1], [2, -2]]\nedges: [[0, 1], [1, 2]]\n")
    jobs = tmp_path / "jobs.yaml"
    jobs.write_text(yaml.safe_dump({"batch": "plumb", "defaults": {"budget_s": 10}, "jobs": [
        {"kind": "plumbing", "a": str(graph), "b": "g:-3,-3/0-1", "id": "blowdown"},
        {"kind": "plumbing", "a": "g:-5", "b": "g:-2,-2/0-1", "name": "det differs"}]}))
    spec = load_jobs(jobs)
    assert spec.jobs[0]["a"] == {"vertices": [[0, -2], [1, 1], [2, -2]], "edges": [[0, 1], [1, 2]]}  # no file needed
    out = tmp_path / "out"
    summary = run_batch(jobs, "local", out_dir=out, workers=1, show_progress=False)
    assert summary.counts == {"certified": 1, "refuted": 1}
    cert = out / "certs" / "blowdown.yaml"
    assert check_file(cert).valid and read_certificate(cert).kind == "plumbing-equivalence"
    db = sqlite3.connect(out / "ledger.sqlite")
    refuted = json.loads(db.execute("SELECT result FROM batch_jobs WHERE status = 'refuted'").fetchone()[0])
    assert "det" in refuted["message"]


def _job_that_may_crash(job):
    if job["crash"]:
        os.kill(os.getpid(), signal.SIGSEGV)  # what a segfault in a C library does to the worker
    if job.get("raise"):
        raise ValueError("a bug\x1b[31m in red\x1b[0m")
    return {"status": "done", "message": "ok", "seconds": 0.0, "certificates": []}


def test_a_worker_crash_is_an_error_for_that_job_and_the_batch_goes_on():
    from pybridge.batch_executors import run_local

    jobs = [{"key": f"j{i}", "crash": i == 2, "raise": i == 4} for i in range(7)]
    results = {job["key"]: result for job, result in run_local(_job_that_may_crash, jobs, workers=2)}
    assert sorted(results) == [f"j{i}" for i in range(7)]
    assert results["j2"]["status"] == "error" and "worker process running this job died" in results["j2"]["message"]
    assert results["j4"]["status"] == "error" and results["j4"]["message"] == "ValueError: a bug in red"
    assert all(results[f"j{i}"]["status"] == "done" for i in (0, 1, 3, 5, 6))


def test_error_text_keeps_the_cause_without_colour_codes():
    from pybridge.batch_executors import clean_message, describe

    class FakeRayTaskError(Exception):  # the shape of ray.exceptions.RayTaskError
        def __init__(self):
            super().__init__("\x1b[36mray::run_job()\x1b[39m (pid=1, ip=10.0.0.1)\n  File ...")
            self.cause = ImportError("No module named 'snappy'")
            self.traceback_str = "Traceback (most recent call last):\n  File \"x.py\", line 1\n" + "  frame\n" * 50

    text = describe(FakeRayTaskError())
    assert text.startswith("ImportError: No module named 'snappy'") and "\x1b" not in text
    assert text.count("frame") == 50  # not cut to one line
    assert clean_message("\x1b[1;31mred\x1b[0m \x1b]8;;http://x\x07link\x1b]8;;\x07") == "red link"


def test_a_failed_ray_task_keeps_the_underlying_exception(ray_address):
    from pybridge.batch_executors import run_ray

    def fails(job):  # defined here so Ray pickles it by value
        raise ImportError(f"No module named 'missing_{job['key']}'")

    [(job, result)] = list(run_ray(fails, [{"key": "x"}], address=ray_address))
    assert result["status"] == "error" and "\x1b" not in result["message"]
    assert "ImportError: No module named 'missing_x'" in result["message"]


def test_an_unreachable_ray_address_fails_fast_with_a_clear_message(tmp_path):
    from pybridge.batch_executors import probe_address
    from pybridge.errors import PybridgeError

    start = time.monotonic()
    with pytest.raises(PybridgeError, match="cannot join Ray at 127.0.0.1:9"):
        probe_address("127.0.0.1:9")  # nothing listens: refused at once
    with pytest.raises(PybridgeError, match="no answer within 1 s|no Ray head answered within 2 s"):
        probe_address("10.255.255.1:6379", timeout_s=1, join_timeout_s=2)  # unroutable (or a proxy that accepts)
    with pytest.raises(PybridgeError, match="expected HOST:PORT"):
        probe_address("nohost")
    assert time.monotonic() - start < 10
    jobs = write_jobs(tmp_path / "jobs.yaml", "unreachable", ["braid:1,-1"])
    start = time.monotonic()
    done = pybridge("batch", str(jobs), "--executor", "ray", "--address", "127.0.0.1:9", "--out", str(tmp_path / "o"),
                    timeout=60)
    assert done.returncode != 0 and "cannot join Ray at 127.0.0.1:9" in done.stderr
    assert time.monotonic() - start < 30
    assert not (tmp_path / "o").exists()  # refused before anything was written
