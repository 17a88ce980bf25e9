"""Time a no-op dry run (`snakemake -n` on the built default workflow) with and without the
SLURM executor plugin, under the SLURM configurations a local machine may have.

snakemake-executor-plugin-slurm runs `scontrol show config` while Snakemake loads it (to
word the help of its status-command option), and Snakemake loads every installed executor
plugin on every command. This script measures what that costs a local `snakemake -n`:

    python benchmarks/bench_dry_run_slurm.py --without VENV0/bin/python --with VENV1/bin/python

VENV0 has the base install (`pip install -e .`, no executor plugin), VENV1 also the slurm
extra (`pip install -e ".[slurm]"`). The default workflow is built once in a scratch copy of
the repository (with VENV0; or pass --workdir of a built copy), then each case runs
`snakemake -n` --repeat times in it:

  no plugin                  VENV0, SLURM_CONF unset and pointing at a silent controller
  plugin, no slurm.conf      VENV1, SLURM_CONF unset and no /etc/slurm/slurm.conf: scontrol
                             then tries a DNS SRV lookup for a configless controller
  plugin, missing file       VENV1, SLURM_CONF names a file that does not exist
  plugin, silent controller  VENV1, SLURM_CONF -> a slurm.conf whose controller accepts the
                             connection and never answers (a socket of this process on
                             127.0.0.1 that listens and never reads: a hung or unreachable
                             slurmctld as the client sees it; auth/none, so no munged needed)
  plugin, refused            VENV1, SLURM_CONF -> a slurm.conf whose controller port on
                             127.0.0.1 has no listener (connection refused)
  plugin, SLURM_CONF=/dev/null  VENV1, the empty slurm.conf tests/conftest.py passes to
                             local runs: scontrol fails at once

Every run sees an empty /etc/slurm: as root with `unshare`, each runs in a private mount
namespace with an empty folder bind-mounted over /etc/slurm, so a slurm.conf that another
job puts there (a test cluster) cannot leak into the cases, and nothing changes for other
processes. Elsewhere the cases run as they are, and a run during which
/etc/slurm/slurm.conf existed is flagged. No address outside this machine is contacted by
the benchmark's own controllers. Measured: wall time of the snakemake process
(`time.monotonic`), and its CPU time (user + system, from getrusage of the children), which
shows that the extra wall time is spent waiting, not computing.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def copy_workflow(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "Snakefile", target / "Snakefile")
    for name in ["workflow", "config", "src"]:
        shutil.copytree(
            REPO / name, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
        )
    return target


def has_slurm_plugin(python: str) -> bool:
    code = "import importlib.util as u; print(u.find_spec('snakemake_executor_plugin_slurm'))"
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip() != "None"


def version(python: str, dist: str) -> str:
    code = f"from importlib.metadata import version; print(version({dist!r}))"
    out = subprocess.run([python, "-c", code], capture_output=True, text=True)
    return out.stdout.strip() or "not installed"


def env_with(slurm_conf: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SLURM_CONF"}
    if slurm_conf is not None:
        env["SLURM_CONF"] = slurm_conf
    return env


ETC_SLURM_CONF = Path("/etc/slurm/slurm.conf")


def isolation(empty: Path) -> list[str]:
    """Command prefix that hides /etc/slurm behind an empty folder (private mount
    namespace), or [] where that is not possible (not root, no unshare, no /etc/slurm)."""
    if os.geteuid() != 0 or shutil.which("unshare") is None or not Path("/etc/slurm").is_dir():
        return []
    prefix = ["unshare", "-m", "sh", "-c", 'mount --bind "$0" /etc/slurm && exec "$@"', str(empty)]
    probe = subprocess.run([*prefix, "test", "!", "-e", str(ETC_SLURM_CONF)], capture_output=True)
    return prefix if probe.returncode == 0 else []


def dry_run(prefix: list[str], python: str, workdir: Path, env: dict[str, str]):
    """Wall and CPU seconds of one no-op dry run; whether /etc/slurm/slurm.conf was visible."""
    visible = not prefix and ETC_SLURM_CONF.exists()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    proc = subprocess.run(
        [*prefix, python, "-m", "snakemake", "-n", "--nocolor"],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    text = proc.stdout + proc.stderr
    if proc.returncode != 0 or "Nothing to be done" not in text:
        raise SystemExit(f"not a no-op dry run (exit {proc.returncode}):\n{text[-3000:]}")
    return wall, cpu, visible or (not prefix and ETC_SLURM_CONF.exists())


def scontrol_alone(prefix: list[str], env: dict[str, str]) -> float:
    """Wall seconds of the plugin's call, `scontrol show config`, cut at its 10 s timeout."""
    start = time.monotonic()
    try:
        subprocess.run(
            [*prefix, "scontrol", "show", "config"], env=env, capture_output=True, timeout=10
        )
    except subprocess.TimeoutExpired:
        pass
    return time.monotonic() - start


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, {platform.platform()}"


def scontrol_version() -> str:
    if shutil.which("scontrol") is None:
        return "scontrol not installed"
    # `scontrol --version` itself needs a configuration; ask the package manager
    out = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Version}", "slurm-client"], capture_output=True, text=True
    )
    return f"scontrol from slurm-client {out.stdout.strip() or 'of unknown version'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--without", required=True, help="python of a venv without the plugin")
    parser.add_argument("--with", dest="with_", required=True, help="python with the plugin")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--workdir", type=Path, help="an already built copy of the workflow")
    args = parser.parse_args()

    if has_slurm_plugin(args.without):
        raise SystemExit(f"{args.without} has snakemake-executor-plugin-slurm installed")
    if not has_slurm_plugin(args.with_):
        raise SystemExit(f"{args.with_} lacks snakemake-executor-plugin-slurm")
    with tempfile.TemporaryDirectory(prefix="bench-dry-run-") as tmp:
        tmp = Path(tmp)
        workdir = args.workdir
        if workdir is None:
            workdir = copy_workflow(tmp / "work")
            start = time.monotonic()
            subprocess.run(
                [args.without, "-m", "snakemake", "--cores", "2", "--nocolor"],
                cwd=workdir,
                env=env_with(os.devnull),
                check=True,
                capture_output=True,
            )
            print(f"built the default workflow in {time.monotonic() - start:.0f} s")

        # a controller that accepts connections and never answers
        silent = socket.socket()
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)
        silent_conf = tmp / "silent.conf"
        silent_conf.write_text(
            "ClusterName=bench\n"
            "SlurmctldHost=silent(127.0.0.1)\n"
            f"SlurmctldPort={silent.getsockname()[1]}\n"
            "AuthType=auth/none\n"
        )
        # a controller port with no listener
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        free_port = probe.getsockname()[1]
        probe.close()
        refused_conf = tmp / "refused.conf"
        refused_conf.write_text(
            f"ClusterName=bench\nSlurmctldHost=refused(127.0.0.1)\nSlurmctldPort={free_port}\n"
        )

        cases = [
            ("no plugin, SLURM_CONF unset", args.without, None),
            ("no plugin, silent controller", args.without, str(silent_conf)),
            ("plugin, no slurm.conf (SLURM_CONF unset)", args.with_, None),
            ("plugin, SLURM_CONF names a missing file", args.with_, str(tmp / "missing.conf")),
            ("plugin, silent controller", args.with_, str(silent_conf)),
            ("plugin, connection refused", args.with_, str(refused_conf)),
            ("plugin, SLURM_CONF=/dev/null (tests)", args.with_, os.devnull),
        ]
        empty = tmp / "empty-etc-slurm"
        empty.mkdir()
        prefix = isolation(empty)
        print(f"machine: {machine()}")
        print(f"python {platform.python_version()}; {scontrol_version()}")
        if prefix:
            print("every run in a private mount namespace with an empty /etc/slurm")
        else:
            print("runs see the real /etc/slurm (not root or no unshare)")
        for label, python in (("without", args.without), ("with", args.with_)):
            plugin = version(python, "snakemake-executor-plugin-slurm")
            print(
                f"{label}: snakemake {version(python, 'snakemake')}, "
                f"snakemake-executor-plugin-slurm {plugin}"
            )
        print(f"load average before: {os.getloadavg()[0]:.2f}")
        print(
            f"\n`snakemake -n` on the built default workflow, {args.repeat} runs per case, "
            "the cases taken in turn (s); last column: `scontrol show config` alone, as the "
            "plugin runs it (10 s timeout):\n"
        )
        print(f"| {'case':<44} | wall median |  min  |  max  | CPU median | scontrol |")
        print(f"|{'-' * 46}|------------:|------:|------:|-----------:|---------:|")
        runs = {label: [] for label, _, _ in cases}
        for _ in range(args.repeat):
            for label, python, conf in cases:
                runs[label].append(dry_run(prefix, python, workdir, env_with(conf)))
        for label, python, conf in cases:
            walls = [w for w, _, _ in runs[label]]
            cpus = [c for _, c, _ in runs[label]]
            exposed = sum(e for _, _, e in runs[label])
            alone = (
                f"{scontrol_alone(prefix, env_with(conf)):8.2f}"
                if python == args.with_ and shutil.which("scontrol")
                else "     n/a"
            )
            flag = f" ({exposed} run(s) saw /etc/slurm/slurm.conf)" if exposed else ""
            print(
                f"| {label:<44} | {statistics.median(walls):11.2f} | {min(walls):5.2f} "
                f"| {max(walls):5.2f} | {statistics.median(cpus):10.2f} | {alone} |{flag}",
                flush=True,
            )
        silent.close()
        print(f"\nload average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    sys.exit(main())
