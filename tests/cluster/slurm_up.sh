#!/usr/bin/env bash
# slurm_up.sh STATE_DIR [--accounting]
#
# A single-node SLURM cluster for the tests, from Debian's packages (slurm-wlm, munge; with
# --accounting also slurmdbd and mariadb-server), as root and without systemd. Everything
# it writes is under STATE_DIR: its own munge key and socket, slurm.conf (clients find it
# through SLURM_CONF=STATE_DIR/etc/slurm.conf), spool and state folders, logs, and one
# STATE_DIR/pids/<daemon>.pid per daemon it started; tests/cluster/slurm_down.sh stops them by
# those PIDs. The one file outside: /etc/slurm/slurm.conf, a symbolic link to STATE_DIR's,
# because snakemake-executor-plugin-slurm-jobstep drops SLURM_CONF from the environment of
# the srun it calls inside each job; it is made only where no slurm.conf is (the script
# refuses to replace a real one) and slurm_down.sh removes it.
#
# Called again on the same STATE_DIR with --accounting, it adds MariaDB and slurmdbd, registers
# the cluster, an account 'studies' and the user, and restarts slurmctld and slurmd with
# accounting (associations enforced). Without accounting, `sacct` fails with "accounting
# storage is disabled", as on many small clusters. MinJobAge is SLURM's default, 300 s.
set -euo pipefail
state=$(realpath -m "$1")
accounting=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
ctld_port=${SLURM_TEST_CTLD_PORT:-16817}
slurmd_port=${SLURM_TEST_SLURMD_PORT:-16818}
dbd_port=${SLURM_TEST_DBD_PORT:-16819}
db_port=${SLURM_TEST_DB_PORT:-16306}
db_pass=slurm-test-only          # a throwaway local database user, bound to 127.0.0.1
cluster=testcluster
host=$(hostname -s)

[ "$(id -u)" -eq 0 ] || { echo "slurm_up.sh: must run as root" >&2; exit 1; }
packages=(slurm-wlm munge)
[ "$accounting" = --accounting ] && packages+=(slurmdbd mariadb-server)
bash "$here/apt_install.sh" "${packages[@]}"

mkdir -p "$state"/{etc,munge,ctld,spool,log,pids,mysql}
chmod 700 "$state" "$state/munge"
export SLURM_CONF=$state/etc/slurm.conf

alive() { [ -f "$state/pids/$1.pid" ] && kill -0 "$(cat "$state/pids/$1.pid")" 2>/dev/null; }
# start NAME COMMAND...: run a daemon in the foreground of its own session, record its PID
start() {
    local name=$1
    shift
    setsid "$@" > "$state/log/$name.out" 2>&1 < /dev/null &
    echo $! > "$state/pids/$name.pid"
}
stop() {
    alive "$1" || return 0
    local pid
    pid=$(cat "$state/pids/$1.pid")
    kill "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$state/pids/$1.pid"
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

# munge: own key and socket
if ! alive munged; then
    [ -f "$state/munge/munge.key" ] || mungekey --create --keyfile="$state/munge/munge.key"
    chmod 400 "$state/munge/munge.key"
    start munged munged --foreground --force --socket="$state/munge/munge.socket" \
        --key-file="$state/munge/munge.key" --pid-file="$state/munge/munged.pid" \
        --seed-file="$state/munge/munged.seed" --log-file="$state/log/munged.log"
    wait_for munged 10 test -S "$state/munge/munge.socket"
fi

if [ "$accounting" = --accounting ]; then
    storage="AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=127.0.0.1
AccountingStoragePort=$dbd_port
AccountingStoragePass=$state/munge/munge.socket
AccountingStorageEnforce=associations,limits"
    if ! alive mariadb; then
        if [ ! -d "$state/mysql/data/mysql" ]; then
            mariadb-install-db --no-defaults --datadir="$state/mysql/data" --user=root \
                --auth-root-authentication-method=socket --skip-test-db \
                > "$state/log/mariadb-install.log" 2>&1
        fi
        start mariadb mariadbd --no-defaults --datadir="$state/mysql/data" --user=root \
            --socket="$state/mysql/mysql.sock" --port="$db_port" --bind-address=127.0.0.1 \
            --skip-name-resolve --pid-file="$state/mysql/mariadb.pid" \
            --log-error="$state/log/mariadb.log"
        wait_for mariadb 30 mariadb --no-defaults --socket="$state/mysql/mysql.sock" -e 'SELECT 1'
        mariadb --no-defaults --socket="$state/mysql/mysql.sock" -e "
            CREATE USER IF NOT EXISTS 'slurm'@'127.0.0.1' IDENTIFIED BY '$db_pass';
            GRANT ALL ON slurm_acct_db.* TO 'slurm'@'127.0.0.1';"
    fi
    cat > "$state/etc/slurmdbd.conf" <<EOF
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

node=$(slurmd -C | head -n 1)
cat > "$SLURM_CONF" <<EOF
ClusterName=$cluster
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$state/munge/munge.socket
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

etc_conf=/etc/slurm/slurm.conf
if [ -e "$etc_conf" ] || [ -L "$etc_conf" ]; then
    [ "$(readlink "$etc_conf")" = "$SLURM_CONF" ] || {
        echo "slurm_up.sh: $etc_conf exists (a real SLURM here?); not replacing it" >&2
        exit 1
    }
else
    mkdir -p /etc/slurm && ln -s "$SLURM_CONF" "$etc_conf"
fi

if [ "$accounting" = --accounting ]; then
    user=$(id -un)
    sacctmgr -i add cluster "$cluster" > /dev/null 2>&1 || true
    sacctmgr -i add account studies Cluster="$cluster" Description=tests > /dev/null 2>&1 || true
    sacctmgr -i add user "$user" Account=studies Cluster="$cluster" > /dev/null 2>&1 || true
    sacctmgr -n show assoc user="$user" account=studies format=account | grep -q studies ||
        { echo "slurm_up.sh: sacctmgr did not register account 'studies'" >&2; exit 1; }
fi

# (re)start the controller and the node daemon with this configuration
stop slurmd
stop slurmctld
start slurmctld slurmctld -D -f "$SLURM_CONF"
wait_for slurmctld 30 scontrol ping
start slurmd slurmd -D -f "$SLURM_CONF"
wait_for "node $host (idle)" 60 bash -c "sinfo -h -N -o %T | grep -qx idle"
echo "SLURM_CONF=$SLURM_CONF"
