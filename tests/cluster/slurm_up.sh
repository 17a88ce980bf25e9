#!/usr/bin/env bash
# slurm_up.sh STATE_DIR [--accounting]
#
# A private single-node SLURM cluster for the tests, from Debian's packages (slurm-wlm, munge;
# with --accounting also slurmdbd and mariadb-server), as root and without systemd. Apart from
# installing missing packages (tests/cluster/apt_install.sh), everything it writes is under
# STATE_DIR and it reads no SLURM or munge configuration of the machine, so it works beside a
# configured SLURM (a login node, a machine with /etc/slurm/slurm.conf) and leaves it alone:
#   etc/slurm.conf      this cluster's configuration (clients: SLURM_CONF=STATE_DIR/etc/slurm.conf)
#   etc/slurmdbd.conf   (--accounting) found by slurmdbd beside slurm.conf, through SLURM_CONF
#   etc/plugstack.conf  empty, so that no SPANK plugin of the machine's /etc/slurm is loaded
#   etc/ports           the TCP ports chosen on the first call, reused on the next ones
#   bin/srun            a wrapper for jobs: see below
#   munge/              its own munge key, socket, seed and PID file
#   ctld/ spool/        slurmctld's state and slurmd's spool
#   mysql/              (--accounting) MariaDB's data, socket and temporary files
#   log/                every daemon's log, and log/srun.log (one line per wrapped srun)
#   pids/<daemon>.pid   one per daemon started; tests/cluster/slurm_down.sh stops them by these
#
# The srun wrapper. Clients find this cluster through SLURM_CONF, and sbatch passes the
# submitter's environment (SLURM_CONF and PATH included) to each job (the SLURM executor
# plugin submits with --export=ALL). Inside the job, snakemake-executor-plugin-slurm-jobstep
# runs the rule through `srun`, but removes every SLURM_* variable except the job's identity
# (SLURM_JOB_ID and a few others) from that srun's environment, so a plain srun there reads
# the machine's /etc/slurm/slurm.conf: no such file, or another cluster's. STATE_DIR/bin/srun
# sets SLURM_CONF back to this cluster's and execs the real srun; run Snakemake with
# PATH=STATE_DIR/bin:$PATH (the job inherits it) and it is the srun the plugin finds. No
# privileges, nothing outside STATE_DIR. (The previous way, a link /etc/slurm/slurm.conf to
# STATE_DIR's, wrote outside it and could not work where a slurm.conf is; a private mount
# namespace for slurmd needs CAP_SYS_ADMIN, which containers often lack.)
#
# Ports: SLURM_TEST_CTLD_PORT, SLURM_TEST_SLURMD_PORT, SLURM_TEST_DBD_PORT and
# SLURM_TEST_DB_PORT (defaults 16817, 16818, 16819, 16306). A default port already in use (a
# real slurmctld on this host, another test cluster) is replaced by the next free one; a port
# set explicitly must be free.
#
# Called again on the same STATE_DIR with --accounting, it adds MariaDB and slurmdbd, registers
# the cluster, an account 'studies' and the user, and restarts slurmctld and slurmd with
# accounting (associations enforced). Without accounting, `sacct` fails with "accounting
# storage is disabled", as on many small clusters. MinJobAge is SLURM's default, 300 s.
#
# Exit status: 0 up (prints the SLURM_CONF and PATH to use); 77 impossible on this machine (not
# root, packages missing and not installable, no free port), with the reason on stderr; other
# non-zero: a failure (daemon logs on stderr).
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: slurm_up.sh STATE_DIR [--accounting]" >&2; exit 2; }
state=$(realpath -m "$1")
accounting=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
db_pass=slurm-test-only          # a throwaway local database user, bound to 127.0.0.1
cluster=testcluster
host=$(hostname -s)

cannot() { echo "slurm_up.sh: $*" >&2; exit 77; }

[ "$(id -u)" -eq 0 ] ||
    cannot "must run as root (slurmd launches the jobs, SlurmUser=root); running as $(id -un)"
packages=(slurm-wlm munge)
[ "$accounting" = --accounting ] && packages+=(slurmdbd mariadb-server)
bash "$here/apt_install.sh" "${packages[@]}" || exit $?

# Unix socket paths hold at most 107 bytes; the longest here is a job step's in spool/
[ $((${#state} + 40)) -le 107 ] ||
    { echo "slurm_up.sh: STATE_DIR too long for Unix socket paths in it: $state" >&2; exit 1; }

mkdir -p "$state"/{etc,bin,munge,ctld,spool,log,pids,mysql/tmp}
chmod 700 "$state" "$state/munge"
export SLURM_CONF=$state/etc/slurm.conf

# --- ports: chosen on the first call, kept in etc/ports -------------------------------------
# port_busy PORT: some TCP socket (IPv4 or IPv6, any state) has local port PORT
port_busy() {
    awk -v p="$(printf ':%04X' "$1")" \
        'FNR > 1 && substr($2, length($2) - 4) == p { busy = 1 } END { exit !busy }' \
        /proc/net/tcp /proc/net/tcp6 2> /dev/null
}
chosen=()
# pick VAR DEFAULT: VAR's port: $VAR if set (must be free), else DEFAULT or the next free one
pick() {
    local var=$1 port=${!1:-} p
    if [ -n "$port" ]; then
        ! port_busy "$port" || cannot "port $port ($var) is in use; choose another"
    else
        for p in $(seq "$2" $(($2 + 200))); do
            [[ " ${chosen[*]} " == *" $p "* ]] || port_busy "$p" || { port=$p; break; }
        done
        [ -n "$port" ] || cannot "no free TCP port in $2..$(($2 + 200)) for $var"
    fi
    chosen+=("$port")
    printf '%s=%s\n' "$var" "$port" >> "$state/etc/ports.new"
}
if [ ! -f "$state/etc/ports" ]; then
    rm -f "$state/etc/ports.new"
    pick SLURM_TEST_CTLD_PORT 16817
    pick SLURM_TEST_SLURMD_PORT 16818
    pick SLURM_TEST_DBD_PORT 16819
    pick SLURM_TEST_DB_PORT 16306
    mv "$state/etc/ports.new" "$state/etc/ports"
fi
# shellcheck source=/dev/null
. "$state/etc/ports"
ctld_port=$SLURM_TEST_CTLD_PORT
slurmd_port=$SLURM_TEST_SLURMD_PORT
dbd_port=$SLURM_TEST_DBD_PORT
db_port=$SLURM_TEST_DB_PORT

# --- the srun wrapper (see the header) -------------------------------------------------------
real_srun=$(PATH=$(tr ':' '\n' <<< "$PATH" | grep -vxF "$state/bin" | paste -sd:) &&
    command -v srun) || cannot "srun not found (slurm-client)"
cat > "$state/bin/srun.tmp" << EOF
#!/bin/sh
# srun of the test cluster in $state (tests/cluster/slurm_up.sh):
# SLURM_CONF again, which snakemake-executor-plugin-slurm-jobstep removes inside each job.
SLURM_CONF='$SLURM_CONF'
export SLURM_CONF
echo "\$(date +%s) job=\${SLURM_JOB_ID:-none} srun \$*" >> '$state/log/srun.log'
exec '$real_srun' "\$@"
EOF
chmod 755 "$state/bin/srun.tmp"
mv "$state/bin/srun.tmp" "$state/bin/srun"
: > "$state/etc/plugstack.conf"

alive() { [ -f "$state/pids/$1.pid" ] && kill -0 "$(cat "$state/pids/$1.pid")" 2> /dev/null; }
# start NAME COMMAND...: run a daemon in the foreground of its own session, record its PID
start() {
    local name=$1
    shift
    setsid "$@" > "$state/log/$name.out" 2>&1 < /dev/null &
    echo $! > "$state/pids/$name.pid"
}
# stop NAME...: TERM those daemons at once, wait up to 10 s for them, then KILL
stop() {
    local name pids=()
    for name in "$@"; do alive "$name" && pids+=("$(cat "$state/pids/$name.pid")"); done
    if [ ${#pids[@]} -gt 0 ]; then
        kill "${pids[@]}"
        for _ in $(seq 100); do kill -0 "${pids[@]}" 2> /dev/null || break; sleep 0.1; done
        kill -9 "${pids[@]}" 2> /dev/null || true
    fi
    for name in "$@"; do rm -f "$state/pids/$name.pid"; done
}
# wait_for WHAT SECONDS COMMAND...: retry COMMAND until it succeeds, or fail naming WHAT
wait_for() {
    local what=$1 seconds=$2
    shift 2
    for _ in $(seq $((seconds * 10))); do
        "$@" > /dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "slurm_up.sh: $what did not come up in $seconds s; logs in $state/log:" >&2
    tail -n 20 "$state"/log/* >&2 || true
    exit 1
}

# --- munge: own key and socket ----------------------------------------------------------------
if ! alive munged; then
    [ -f "$state/munge/munge.key" ] || mungekey --create --keyfile="$state/munge/munge.key"
    chmod 400 "$state/munge/munge.key"
    start munged munged --foreground --force --socket="$state/munge/munge.socket" \
        --key-file="$state/munge/munge.key" --pid-file="$state/munge/munged.pid" \
        --seed-file="$state/munge/munged.seed" --log-file="$state/log/munged.log"
    wait_for munged 10 test -S "$state/munge/munge.socket"
fi

# --- accounting: MariaDB and slurmdbd -------------------------------------------------------
if [ "$accounting" = --accounting ]; then
    storage="AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=127.0.0.1
AccountingStoragePort=$dbd_port
AccountingStoragePass=$state/munge/munge.socket
AccountingStorageEnforce=associations,limits"
    mysql=(mariadb --no-defaults --socket="$state/mysql/mysql.sock")
    if ! alive mariadb; then
        if [ ! -d "$state/mysql/data/mysql" ]; then
            mariadb-install-db --no-defaults --datadir="$state/mysql/data" --user=root \
                --auth-root-authentication-method=socket --skip-test-db \
                --tmpdir="$state/mysql/tmp" > "$state/log/mariadb-install.log" 2>&1
        fi
        start mariadb mariadbd --no-defaults --datadir="$state/mysql/data" --user=root \
            --socket="$state/mysql/mysql.sock" --port="$db_port" --bind-address=127.0.0.1 \
            --skip-name-resolve --pid-file="$state/mysql/mariadb.pid" \
            --tmpdir="$state/mysql/tmp" --log-error="$state/log/mariadb.log"
        wait_for mariadb 30 "${mysql[@]}" -e 'SELECT 1'
        "${mysql[@]}" -e "
            CREATE USER IF NOT EXISTS 'slurm'@'127.0.0.1' IDENTIFIED BY '$db_pass';
            GRANT ALL ON slurm_acct_db.* TO 'slurm'@'127.0.0.1';"
    fi
    cat > "$state/etc/slurmdbd.conf" << EOF
AuthType=auth/munge
AuthInfo=socket=$state/munge/munge.socket
DbdAddr=127.0.0.1
DbdHost=$host
DbdPort=$dbd_port
SlurmUser=root
StorageType=accounting_storage/mysql
StorageHost=127.0.0.1
StoragePort=$db_port
StorageUser=slurm
StoragePass=$db_pass
StorageLoc=slurm_acct_db
LogFile=$state/log/slurmdbd.log
PidFile=$state/slurmdbd.pid
EOF
    chmod 600 "$state/etc/slurmdbd.conf"
    if ! alive slurmdbd; then
        start slurmdbd slurmdbd -D
        wait_for slurmdbd 30 bash -c "exec 3<>/dev/tcp/127.0.0.1/$dbd_port"
    fi
else
    storage="AccountingStorageType=accounting_storage/none"
fi

# --- slurm.conf ---------------------------------------------------------------------------
node=$(slurmd -C | head -n 1)
cat > "$SLURM_CONF.tmp" << EOF
ClusterName=$cluster
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$state/munge/munge.socket
PlugStackConfig=$state/etc/plugstack.conf
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/spool
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/log/slurmctld.log
SlurmdLogFile=$state/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
MinJobAge=300
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
$storage
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
mv "$SLURM_CONF.tmp" "$SLURM_CONF"

if [ "$accounting" = --accounting ]; then
    user=$(id -un)
    sacctmgr -i add cluster "$cluster" > /dev/null 2>&1 || true
    sacctmgr -i add account studies Cluster="$cluster" Description=tests > /dev/null 2>&1 || true
    sacctmgr -i add user "$user" Account=studies Cluster="$cluster" > /dev/null 2>&1 || true
    sacctmgr -n show assoc user="$user" account=studies format=account | grep -q studies ||
        { echo "slurm_up.sh: sacctmgr did not register account 'studies'" >&2; exit 1; }
fi

# --- (re)start the controller and the node daemon with this configuration ---------------------
stop slurmd slurmctld
start slurmctld slurmctld -D -f "$SLURM_CONF"
wait_for slurmctld 30 scontrol ping
start slurmd slurmd -D -f "$SLURM_CONF"
wait_for "node $host (idle)" 60 bash -c "sinfo -h -N -o %T | grep -qx idle"
echo "SLURM_CONF=$SLURM_CONF"
echo "PATH=$state/bin:\$PATH"
