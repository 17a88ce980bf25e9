#!/usr/bin/env bash
# slurm_down.sh STATE_DIR: stop the daemons that tests/cluster/slurm_up.sh started, by the PIDs
# it recorded in STATE_DIR/pids (node daemon and controller first, the database last), and
# remove the /etc/slurm/slurm.conf link to STATE_DIR's configuration that it made.
set -uo pipefail
state=$1
for name in slurmd slurmctld slurmdbd mariadb munged; do
    file=$state/pids/$name.pid
    [ -f "$file" ] || continue
    pid=$(cat "$file")
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
done
conf=$(realpath -m "$state")/etc/slurm.conf
[ "$(readlink /etc/slurm/slurm.conf 2>/dev/null)" = "$conf" ] && rm -f /etc/slurm/slurm.conf
exit 0
