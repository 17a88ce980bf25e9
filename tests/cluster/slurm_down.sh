#!/usr/bin/env bash
# slurm_down.sh STATE_DIR: stop the single-node cluster that tests/cluster/slurm_up.sh started
# in STATE_DIR, and everything it ran. Safe to call again, or on a cluster half up.
#  1. its jobs: scancel every job of this cluster (SLURM_CONF=STATE_DIR/etc/slurm.conf), if
#     its controller answers, and wait up to 30 s for them to end;
#  2. its daemons, by the PIDs recorded in STATE_DIR/pids: node daemon and controller first
#     (together), then slurmdbd, the database and munge (together);
#  3. anything left of it: every process whose environment has this cluster's SLURM_CONF (job
#     steps and their children, a Snakemake still polling; slurm_up.sh exports it to every
#     daemon, sbatch to every job, the srun wrapper to every step), TERM then KILL; not this
#     script and its callers (a shell that exported SLURM_CONF to use the cluster).
# It writes nothing; it prints what it had to kill in step 3 on stderr.
set -uo pipefail
[ $# -eq 1 ] || { echo "usage: slurm_down.sh STATE_DIR" >&2; exit 2; }
state=$(realpath -m "$1")
conf=$state/etc/slurm.conf

# stop_pids PID...: TERM, wait up to 10 s, then KILL
stop_pids() {
    [ $# -gt 0 ] || return 0
    kill "$@" 2> /dev/null
    for _ in $(seq 100); do
        local left=()
        for pid in "$@"; do kill -0 "$pid" 2> /dev/null && left+=("$pid"); done
        [ ${#left[@]} -eq 0 ] && return 0
        sleep 0.1
    done
    kill -9 "$@" 2> /dev/null
    return 0
}

# 1. jobs
ctld=$state/pids/slurmctld.pid
if [ -f "$conf" ] && [ -f "$ctld" ] && kill -0 "$(cat "$ctld")" 2> /dev/null; then
    jobs=$(SLURM_CONF=$conf timeout 10 squeue -h -o %i 2> /dev/null)
    if [ -n "$jobs" ]; then
        # shellcheck disable=SC2086  # one word per job id
        SLURM_CONF=$conf timeout 10 scancel $jobs 2> /dev/null
        for _ in $(seq 60); do
            [ -z "$(SLURM_CONF=$conf timeout 10 squeue -h -t PD,R,CG,CF,S -o %i 2> /dev/null)" ] &&
                break
            sleep 0.5
        done
    fi
fi

# 2. daemons: the node daemon and controller together, then the rest together
for group in "slurmd slurmctld" "slurmdbd mariadb munged"; do
    pids=()
    for name in $group; do
        file=$state/pids/$name.pid
        [ -f "$file" ] && pids+=("$(cat "$file")")
    done
    stop_pids "${pids[@]}"
    for name in $group; do rm -f "$state/pids/$name.pid"; done
done

# 3. whatever still carries this cluster's SLURM_CONF
callers=" "
pid=$$
while [ "$pid" -gt 1 ] 2> /dev/null; do
    callers+="$pid "
    pid=$(awk '$1 == "PPid:" { print $2 }' "/proc/$pid/status" 2> /dev/null) || break
done
left=()
for dir in /proc/[0-9]*; do
    pid=${dir#/proc/}
    [[ $callers == *" $pid "* ]] && continue
    tr '\0' '\n' 2> /dev/null < "$dir/environ" | grep -qxF "SLURM_CONF=$conf" || continue
    left+=("$pid")
    cmd=$(tr '\0' ' ' 2> /dev/null < "$dir/cmdline" | cut -c1-100)
    echo "slurm_down.sh: stopping $pid ($cmd)" >&2
done
stop_pids "${left[@]}"
exit 0
