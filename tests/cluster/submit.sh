#!/usr/bin/env bash
# Local stand-in for a batch scheduler's submit command (sbatch, qsub), for
#   snakemake --executor cluster-generic --cluster-generic-submit-cmd tests/cluster/submit.sh \
#             --cluster-generic-status-cmd tests/cluster/status.sh
# Snakemake appends the job script path. The script is copied into a job directory under
# $CLUSTER_STATE_DIR (default ./.cluster-jobs) and run there by a detached process: a new
# session (setsid), stdin/stdout closed, not a child that Snakemake waits for. Its state
# (submitted -> running -> success | failed), process id and session id are files in the job
# directory; the job id printed on stdout is the directory name (what sbatch would print).
set -euo pipefail
jobscript="${!#}"
state="${CLUSTER_STATE_DIR:-$PWD/.cluster-jobs}"
mkdir -p "$state"
jobdir=$(mktemp -d "$state/job.XXXXXXXX")
cp "$jobscript" "$jobdir/jobscript.sh"
echo submitted > "$jobdir/status"
# shellcheck disable=SC2016  # the wrapper's script, expanded by the wrapper, not here
setsid nohup bash -c '
    dir=$1
    set_status() { echo "$1" > "$dir/status.tmp" && mv "$dir/status.tmp" "$dir/status"; }
    echo $$ > "$dir/pid"
    ps -o sid= -p $$ | tr -d " " > "$dir/sid"
    set_status running
    if bash "$dir/jobscript.sh" > "$dir/stdout" 2> "$dir/stderr"; then
        set_status success
    else
        set_status failed
    fi
' job-wrapper "$jobdir" < /dev/null > /dev/null 2>&1 &
basename "$jobdir"
