"""A small study on a real single-node SLURM cluster, with the cluster command of
docs/cluster.md.

The cluster comes from Debian's packages (tests/cluster/slurm_up.sh: munge, slurmctld,
slurmd; later MariaDB and slurmdbd for accounting), runs as root without systemd, entirely in
a pytest temporary directory (its own slurm.conf through SLURM_CONF, munge, state, spool,
database, logs, free ports), so it works beside a SLURM configured in /etc/slurm and never
touches it. Inside each job, the jobstep plugin's srun finds the cluster through the srun
wrapper STATE_DIR/bin/srun, first on the PATH the jobs inherit; every job is checked to have
gone through it. The cluster is stopped at the end (tests/cluster/slurm_down.sh: its jobs, its
daemons by their PIDs, any process left with its SLURM_CONF), also when a test fails or the
run is interrupted, and by a watchdog if this pytest process dies without its finalizers.

The tests run, in this order, on one cluster: without accounting (sacct fails there), the
documented command on the small species study (a study and the comparison of two); a cancelled
job ending the run; then, the cluster switched to accounting once (associations enforced), a
wrong account refused, and a killed-then-resumed run with the right account. Every result is
compared byte for byte with a local run of the same study: the session's small species run,
and a small two-level study (two chunks) run locally in the background while the cancelled
run waits for SLURM. Each step of a run costs at least one poll cycle of the plugin (after a
submission: the first-poll delay, then 10 s more per poll that sees no job finish, and a job
here takes about 10 s), so the checks share runs where they can, and no step has more jobs
than the node's 2 CPUs.
Skipped, with the reason slurm_up.sh gives, only where the cluster cannot run: not root, or
packages missing and no apt-get to install them, or no free port.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from ..helpers import REPO, copy_workflow, write_config

CLUSTER = REPO / "tests" / "cluster"
CLUSTER_DOC = REPO / "docs" / "cluster.md"
DAEMONS = ["munged", "slurmctld", "slurmd", "slurmdbd", "mariadb"]
CANNOT_RUN_HERE = 77  # slurm_up.sh's exit status where the cluster is impossible on this machine

STUDY = {
    "slurm_small": {
        "model": "two_level",
        "quantity": "xi_opt",
        "sweep": {
            "optical_depth": {"start": 1, "stop": 300, "num": 30, "spacing": "log"},
            "gamma_d_add": {"start": 0, "stop": 40, "num": 30},
        },
        "chunks": 2,
    }
}
OUTPUTS = ["values.parquet", "optimum.csv", "figure.png", "figure.pdf"]
COMPARISON_OUTPUTS = ["optima.csv", "figure.png", "figure.pdf"]
# --slurm-init-seconds-before-status-checks: docs/cluster.md says to lower it for small studies
FIRST_POLL = "2"


def documented_cluster_command() -> list[str]:
    """The cluster command of docs/cluster.md, as printed there."""
    lines = [
        line
        for line in CLUSTER_DOC.read_text().splitlines()
        if line.startswith("snakemake --workflow")
    ]
    assert len(lines) == 1, "docs/cluster.md: one 'snakemake --workflow-profile ...' line expected"
    return shlex.split(lines[0])


def cluster_command(config: Path, account: str | None, *extra: str) -> list[str]:
    """The documented command with its placeholders filled in (no account: left out)."""
    args = []
    for word in documented_cluster_command()[1:]:
        if word == "slurm_account=ACCOUNT":
            if account is None:
                continue
            word = f"slurm_account={account}"
        args.append(
            word.replace("slurm_partition=PARTITION", "slurm_partition=debug").replace(
                "config/studies/NAME.yaml", str(config)
            )
        )
    first_poll = ["--slurm-init-seconds-before-status-checks", FIRST_POLL]
    return [sys.executable, "-m", "snakemake", "--nocolor", *args, *first_poll, *extra]


def slurm(env, *args) -> str:
    return subprocess.run(
        list(args), env=env, capture_output=True, text=True, check=True, timeout=30
    ).stdout


def without_slurm_variables(env) -> dict[str, str]:
    """``env`` less every SLURM_*, SBATCH_*, SRUN_*, SALLOC_* variable: a run inside a job or
    with a user's SLURM_CONF must not reach another cluster."""
    prefixes = ("SLURM_", "SBATCH_", "SRUN_", "SALLOC_")
    return {k: v for k, v in env.items() if not k.startswith(prefixes)}


def cluster_processes(conf: Path) -> list[str]:
    """Processes (other than this one) whose environment has SLURM_CONF=conf: "pid cmdline"."""
    needle = f"SLURM_CONF={conf}".encode()
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            if needle in (proc / "environ").read_bytes().split(b"\0"):
                cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ")
                found.append(f"{proc.name} {cmdline.decode(errors='replace')[:120]}")
        except OSError:  # gone, or not ours to read
            continue
    return found


class Cluster:
    """The private cluster in ``state``; ``env`` is the environment of its clients: this
    cluster's SLURM_CONF, and the srun wrapper first on the PATH (inherited by the jobs)."""

    def __init__(self, state: Path, base_env: dict[str, str]):
        self.state = state
        self.conf = state / "etc" / "slurm.conf"
        self.env = {
            **base_env,
            "SLURM_CONF": str(self.conf),
            "PATH": os.pathsep.join([str(state / "bin"), base_env.get("PATH", os.defpath)]),
        }

    def up(self, *flags: str) -> None:
        """slurm_up.sh; skips the test (with the script's reason) where a cluster is impossible."""
        start = time.monotonic()
        proc = subprocess.run(
            ["bash", str(CLUSTER / "slurm_up.sh"), str(self.state), *flags],
            env=without_slurm_variables(os.environ),
            capture_output=True,
            text=True,
            timeout=900,
        )
        if proc.returncode == CANNOT_RUN_HERE:
            pytest.skip(f"no SLURM cluster on this machine: {proc.stderr.strip()}")
        assert proc.returncode == 0, f"slurm_up.sh {flags} failed:\n{proc.stderr[-4000:]}"
        print(f"slurm_up.sh {' '.join(flags)}: {time.monotonic() - start:.1f} s")

    def down(self) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["bash", str(CLUSTER / "slurm_down.sh"), str(self.state)],
            env=without_slurm_variables(os.environ),
            capture_output=True,
            text=True,
            timeout=300,
        )

    def wrapped_jobs(self) -> set[str]:
        """Job ids whose srun went through STATE_DIR/bin/srun (its log, one line per call)."""
        log = self.state / "log" / "srun.log"
        return set(re.findall(r"job=(\d+) srun", log.read_text())) if log.exists() else set()

    def run(self, cwd: Path, cmd: list[str], timeout: float = 300):
        """Run a snakemake command against this cluster; kill its process group on timeout."""
        proc = subprocess.Popen(
            cmd,
            cwd=cwd,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:
            out, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate()
            msg = f"no result after {timeout} s (a silent hang):\n{out[-4000:]}"
            raise AssertionError(msg) from None
        finally:  # interrupted (Ctrl-C): Snakemake, in its own session, goes too
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        return proc.returncode, out

    def queue(self) -> list[tuple[str, str]]:
        out = slurm(self.env, "squeue", "-h", "--states=all", "-o", "%i|%T")
        return [tuple(line.split("|")) for line in out.split()]

    def cancel_all(self) -> None:
        subprocess.run(["scancel", "--user", "root"], env=self.env, timeout=30, check=False)

    def cancel(self, jobs) -> None:
        subprocess.run(["scancel", *jobs], env=self.env, timeout=30, check=False)

    def wait_idle(self, timeout: float = 60) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if all(state not in ("PENDING", "RUNNING", "COMPLETING") for _, state in self.queue()):
                return
            time.sleep(0.5)
        raise AssertionError(f"jobs still queued: {self.queue()}")


def watchdog(state: Path) -> subprocess.Popen:
    """A process, in its own session, that runs slurm_down.sh once this pytest process is gone:
    the cluster stops even if pytest is killed before its finalizers run."""
    script = 'while kill -0 "$1" 2> /dev/null; do sleep 1; done; exec bash "$2" "$3"'
    down = str(CLUSTER / "slurm_down.sh")
    return subprocess.Popen(
        ["bash", "-c", script, "slurm-watchdog", str(os.getpid()), down, str(state)],
        env=without_slurm_variables(os.environ),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


@pytest.fixture(scope="module")
def base_env(tmp_path_factory) -> dict[str, str]:
    """The environment of the Snakemake runs here: none of the caller's SLURM_* variables, and
    the caches (Snakemake's, matplotlib's; XDG_CACHE_HOME) in a temporary directory."""
    return {
        **without_slurm_variables(os.environ),
        "XDG_CACHE_HOME": str(tmp_path_factory.mktemp("cache")),
    }


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, base_env):
    """The cluster, stopped at the end whatever happens (a failure, a skip, Ctrl-C)."""
    state = tmp_path_factory.mktemp("slurm")
    cluster = Cluster(state, base_env)
    guard = watchdog(state)
    try:
        cluster.up()
        yield cluster
    finally:
        down = cluster.down()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(guard.pid, signal.SIGKILL)  # the watchdog and its sleep
        guard.wait()
        assert down.returncode == 0, f"slurm_down.sh failed:\n{down.stderr[-4000:]}"
        recorded = [name for name in DAEMONS if (state / "pids" / f"{name}.pid").exists()]
        assert not recorded, f"daemons still recorded: {recorded}"
        left = cluster_processes(cluster.conf)
        assert not left, f"processes of the cluster left running: {left}"


class LocalRun:
    """The small study run locally (snakemake --cores 2), started in the background: it runs
    while the cluster tests before it mostly wait for SLURM; :meth:`outputs` waits for it."""

    def __init__(self, root: Path, env: dict[str, str]):
        self.config = write_config(root / "study.yaml", {"studies": STUDY})
        self.cwd = copy_workflow(root / "run")
        self.log = root / "snakemake.log"
        cmd = [sys.executable, "-m", "snakemake", "--cores", "2", "--configfile", str(self.config)]
        with self.log.open("w") as log:
            self.proc = subprocess.Popen(
                cmd,
                cwd=self.cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def outputs(self, timeout: float = 600) -> Path:
        """The study's results directory, once the run has finished successfully."""
        rc = self.proc.wait(timeout=timeout)
        assert rc == 0, self.log.read_text()[-4000:]
        return self.cwd / "results" / "studies" / "slurm_small"

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


@pytest.fixture(scope="module")
def reference(tmp_path_factory, base_env):
    """The small study, run locally in the background (stopped at the end if still running)."""
    run = LocalRun(tmp_path_factory.mktemp("slurm_reference"), base_env)
    try:
        yield run
    finally:
        run.stop()


@pytest.fixture(scope="module")
def accounting(cluster):
    """The cluster, switched to accounting once (MariaDB + slurmdbd, associations enforced,
    account 'studies'): the tests that need it come after those without."""
    cluster.up("--accounting")
    return cluster


def assert_identical(result: Path, expected: Path, names=OUTPUTS) -> None:
    for name in names:
        a, b = (result / name).read_bytes(), (expected / name).read_bytes()
        assert a == b, f"{result / name} differs from the local run"


def submitted(out: str) -> list[str]:
    return re.findall(r"submitted with SLURM jobid (\d+)", out)


def test_without_accounting_the_documented_command_runs_a_study_and_the_species_comparison(
    cluster, small_species_run, tmp_path
):
    """sacct fails here ("accounting storage is disabled"): the documented command, asked for
    one study's results and the comparison of the small species study (two species on 4 x 4
    grids), submits every job with sbatch; the profile's squeue status command sees them all
    finish; the study's results, the other study's merged values (the comparison's input) and
    the comparison's table and figure are the local run's, byte for byte. (The other study's
    figure is left out: a third job beside the comparison would wait for one of the node's 2
    CPUs and cost a poll cycle; the documented command's default target is run, as printed, by
    the killed-then-resumed test.)"""
    sacct = subprocess.run(["sacct"], env=cluster.env, capture_output=True, text=True)
    assert "accounting storage is disabled" in sacct.stdout + sacct.stderr
    config, local = small_species_run
    studies = list(yaml.safe_load(config.read_text())["studies"])
    assert len(studies) == 2, studies
    study = Path("results") / "studies" / studies[0]
    other = Path("results") / "studies" / studies[1]
    comparison = Path("results") / "comparisons" / "species"
    targets = [str(study / name) for name in OUTPUTS]
    targets += [str(comparison / name) for name in COMPARISON_OUTPUTS]
    cwd = copy_workflow(tmp_path / "run")
    start = time.monotonic()
    # the account cannot be checked here (no associations): the plugin says so and goes on
    rc, out = cluster.run(cwd, cluster_command(config, "studies", *targets))
    assert rc == 0, out[-5000:]
    assert "Proceeding without account validation" in out
    jobs = submitted(out)
    assert len(jobs) == 6, out[-3000:]  # 2 x (chunk, merge), a figure, the comparison
    states = dict(cluster.queue())
    assert all(states.get(j) == "COMPLETED" for j in jobs), states
    assert set(jobs) <= cluster.wrapped_jobs(), "a job's srun missed the cluster's wrapper"
    assert_identical(cwd / study, local / study)
    assert_identical(cwd / other, local / other, ["values.parquet", "optimum.csv"])
    assert_identical(cwd / comparison, local / comparison, COMPARISON_OUTPUTS)
    print(f"species comparison on the cluster without accounting: {time.monotonic() - start:.1f} s")


def test_cancelled_job_ends_the_run_with_its_id(cluster, reference, tmp_path):
    """scancel of one chunk's job during the run: the run ends non-zero, naming the cancelled
    job, in bounded time (the profile resubmits a failed job once: the retry is cancelled
    too); the other chunk's job, left alone, finishes first (keep-going)."""
    cwd = copy_workflow(tmp_path / "run")
    chunks = cwd / "results" / "studies" / "slurm_small" / "chunks"
    proc = subprocess.Popen(
        cluster_command(reference.config, account=None),
        cwd=cwd,
        env=cluster.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    cancelled = set()
    spared = None  # the first job seen: left to finish; every other job is cancelled
    start = time.monotonic()
    try:
        while proc.poll() is None:
            assert time.monotonic() - start < 300, "cancelled run still going after 300 s"
            jobs = [j for j, state in cluster.queue() if state in ("PENDING", "RUNNING")]
            spared = spared or min(jobs, key=int, default=None)
            if doomed := [j for j in jobs if j != spared]:
                cluster.cancel(doomed)
                cancelled |= set(doomed)
            time.sleep(0.5)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    out = proc.stdout.read()
    assert proc.returncode != 0, out[-3000:]
    named = set(re.findall(r"SLURM-job '(\d+)' failed, SLURM status is: 'CANCELLED'", out))
    assert named and named <= cancelled, out[-3000:]
    assert "Exiting because a job execution failed" in out
    assert dict(cluster.queue()).get(spared) == "COMPLETED", cluster.queue()
    assert len(list(chunks.glob("*.json"))) == 1  # the spared job's chunk, no other
    assert not (chunks.parent / "values.parquet").exists()
    print(f"cancelled run ended after {time.monotonic() - start:.1f} s")
    cluster.wait_idle()


def test_with_accounting_a_wrong_account_is_refused_listing_the_valid_one(
    accounting, reference, tmp_path
):
    """Associations enforced: the documented command with an account the user does not have
    stops at once, before any job, naming the account 'studies' the user has."""
    cwd = copy_workflow(tmp_path / "wrong")
    start = time.monotonic()
    cmd = cluster_command(reference.config, account="nosuchaccount")
    rc, out = accounting.run(cwd, cmd, timeout=120)
    assert rc != 0 and "nosuchaccount appears to be invalid" in out, out[-3000:]
    assert "studies" in out.split("appears to be invalid", 1)[1]
    assert not submitted(out), out[-3000:]
    print(f"wrong account refused after {time.monotonic() - start:.1f} s")


def test_with_accounting_a_killed_run_resumes_only_the_missing_chunks(
    accounting, reference, tmp_path
):
    """The documented command with the right account, associations enforced: Snakemake killed
    (SIGKILL to its process group) once the first chunk has finished (the second chunk's job
    submitted), that job cancelled; --unlock, then the same command recomputes only the
    missing chunk (the profile sets rerun-incomplete) and finishes; sacct records every job of
    both runs under the account, the resumed run's as completed; the result matches a local
    run byte for byte."""
    cluster = accounting
    config = reference.config
    cwd = copy_workflow(tmp_path / "run")
    chunks = cwd / "results" / "studies" / "slurm_small" / "chunks"
    before = {j for j, _ in cluster.queue()}
    # one job at a time: the second chunk is submitted only once the first is done (Snakemake
    # has seen its job finish and recorded its outputs)
    cmd = cluster_command(config, "studies", "--jobs", "1")
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        env=cluster.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    start = time.monotonic()
    try:
        while len(killed_run := [j for j, _ in cluster.queue() if j not in before]) < 2:
            assert proc.poll() is None and time.monotonic() - start < 300, "no chunk finished"
            time.sleep(0.2)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    cluster.cancel_all()  # what a user does after killing Snakemake: scancel the run's jobs
    cluster.wait_idle()
    killed_run.sort(key=int)
    assert len(killed_run) == 2, killed_run  # the first chunk's job, the second's
    done = {p.stem for p in chunks.glob("*.json")}
    assert len(done) == 1, done
    finished = {c: (chunks / f"{c}.json").stat().st_mtime_ns for c in done}
    assert not (chunks.parent / "values.parquet").exists()

    base = [sys.executable, "-m", "snakemake", "--configfile", str(config)]
    unlock = subprocess.run(
        [*base, "--unlock"], cwd=cwd, env=cluster.env, capture_output=True, text=True
    )
    assert unlock.returncode == 0, unlock.stderr[-3000:]
    rc, out = cluster.run(cwd, cluster_command(config, "studies"))
    assert rc == 0, out[-5000:]
    jobs = submitted(out)
    assert len(jobs) == 3, out[-3000:]  # the missing chunk, merge, figure
    # every job that ran its rule went through the wrapper (the second chunk's first job may
    # have been cancelled before its srun)
    assert {killed_run[0], *jobs} <= cluster.wrapped_jobs(), "a job's srun missed the wrapper"
    rerun = set(re.findall(r"wildcards: study=slurm_small, chunk=(\d+)", out))
    assert rerun == {"0", "1"} - done, out[-3000:]
    for c, mtime in finished.items():
        assert (chunks / f"{c}.json").stat().st_mtime_ns == mtime  # not recomputed
    both = killed_run + jobs
    sacct = slurm(
        cluster.env, "sacct", "-X", "-n", "-P", "-o", "JobID,Account,State", "-j", ",".join(both)
    )
    rows = {r[0]: r[1:] for r in (line.split("|") for line in sacct.splitlines())}
    assert sorted(rows) == sorted(both), rows
    assert all(rows[j][0] == "studies" for j in rows), rows
    assert rows[killed_run[0]][1] == "COMPLETED", rows
    assert rows[killed_run[1]][1].startswith("CANCELLED"), rows  # "CANCELLED by 0"
    assert all(rows[j] == ["studies", "COMPLETED"] for j in jobs), rows
    assert_identical(chunks.parent, reference.outputs())
    print(f"killed and resumed cluster run: {time.monotonic() - start:.1f} s")
