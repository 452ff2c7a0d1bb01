#!/usr/bin/env bash
# Starts a one-node Slurm cluster on this machine (for tests and for trying `scitransfer slurm submit` locally).
# Must run as root. Idempotent: installs slurm-wlm and munge (apt) only when missing, rewrites slurm.conf only
# when the node's CPUs or memory changed, and starts munged, slurmctld and slurmd only when they are not running.
#   scripts/slurm-local-cluster.sh          start (or check) the cluster; exits 0 once `sinfo` shows the node idle
#   scripts/slurm-local-cluster.sh --stop   stop the daemons this script starts
# Exit codes: 0 ready; 2 not root; 3 packages could not be installed; 4 the daemons did not come up (logs in
# /var/log/slurm/).
set -uo pipefail

conf=/etc/slurm/slurm.conf
spool=/var/spool/slurm-scitransfer
node=$(hostname -s)

if [[ $(id -u) -ne 0 ]]; then
  echo "slurm-local-cluster: must run as root (installs packages, starts daemons)" >&2
  exit 2
fi

if [[ "${1:-}" == "--stop" ]]; then
  for pidfile in /run/slurmd.pid /run/slurmctld.pid; do
    [[ -f $pidfile ]] && kill "$(cat "$pidfile")" 2>/dev/null
  done
  exit 0
fi

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  echo "slurm-local-cluster: installing slurm-wlm munge"
  if ! { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null; }; then
    echo "slurm-local-cluster: apt-get install slurm-wlm munge failed" >&2
    exit 3
  fi
fi

# Munge: a key (the package makes one; create it if not), then the daemon.
if [[ ! -s /etc/munge/munge.key ]]; then
  mkdir -p /etc/munge
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=128 status=none
  chown munge:munge /etc/munge/munge.key 2>/dev/null || true
  chmod 400 /etc/munge/munge.key
fi
mkdir -p /run/munge /var/log/munge /var/lib/munge
chown munge:munge /run/munge /var/log/munge /var/lib/munge 2>/dev/null || true
if ! munge -n >/dev/null 2>&1; then
  if id munge >/dev/null 2>&1; then
    su -s /bin/sh munge -c "/usr/sbin/munged" || /usr/sbin/munged --force
  else
    /usr/sbin/munged --force
  fi
  sleep 1
fi

# slurm.conf for one node: this host, its CPUs and (a little under) its memory in MB.
cpus=$(nproc)
mem=$(awk '/MemTotal/ {printf "%d", $2 / 1024 * 0.95}' /proc/meminfo)
want=$(cat <<CONF
# scitransfer one-node cluster (written by scripts/slurm-local-cluster.sh)
ClusterName=scitransfer
SlurmctldHost=$node
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$spool/ctld
SlurmdSpoolDir=$spool/d
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=30
MinJobAge=300
NodeName=$node CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
)
mkdir -p /etc/slurm "$spool/ctld" "$spool/d" /var/log/slurm
changed=0
if [[ ! -f $conf ]] || [[ "$(cat "$conf")" != "$want" ]]; then
  printf '%s\n' "$want" > "$conf"
  changed=1
fi

running() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }
if ((changed)); then
  # A new config: restart what runs so it is read.
  for pidfile in /run/slurmd.pid /run/slurmctld.pid; do
    running "$pidfile" && kill "$(cat "$pidfile")" && sleep 1
  done
fi
running /run/slurmctld.pid || /usr/sbin/slurmctld
running /run/slurmd.pid || /usr/sbin/slurmd

for _ in $(seq 1 60); do
  state=$(sinfo -h -n "$node" -o '%T' 2>/dev/null | head -1)
  case "$state" in
    idle|mixed|allocated|completing) echo "slurm-local-cluster: node $node $state ($cpus CPUs, ${mem} MB)"; exit 0 ;;
    down*|drain*) scontrol update nodename="$node" state=resume >/dev/null 2>&1 ;;
  esac
  sleep 1
done
echo "slurm-local-cluster: the node did not come up (state '${state:-none}'); see /var/log/slurm/" >&2
exit 4
