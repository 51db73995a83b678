#!/usr/bin/env bash
# The sharded sweeps of docs/experiments.md run for real: the Slurm job array script on a one-node Slurm cluster
# started here, and the Kubernetes Indexed Job's container command run once per index as the cluster would run it.
# Both merge to exactly the single-machine sweep of the same grid (every field of results.json and every column of
# results.csv but the timings), or this script fails.
#
# Both come out of docs/experiments.md itself: the ```sh block after <!-- slurm-array --> and the ```yaml block
# after <!-- k8s-indexed-job -->, changed only as follows (each change fails loudly if the text no longer has it):
#   - the grid options, everything between "mynn sweep " and "--shard", become $GRID (a small grid, below);
#   - the shard count (8: Slurm's --array=1-8 and "/8" in --shard; the Job's "/8") becomes $SHARDS;
#   - "./mynn" becomes this checkout's mynn (the job runs in a temporary folder, so its shards land there);
#   - for the Job, its volume's mountPath (/shards) becomes a temporary folder.
# The merge is the script's own "# when all are done:" line, and for the Job the command after its block.
#
# Slurm: Debian's slurm-wlm and munge (installed with apt-get when missing), munged with a fresh key, slurmctld
# and slurmd on 127.0.0.1 with ports of their own, all of it in one temporary folder; the daemons are stopped by
# their process ids when the script ends, fails or is interrupted, and the folder removed. Needs root (slurmd
# starts the jobs as their user), MNIST (fetched into the cache if missing), python3 with Debian's python3-yaml and
# python3-kubernetes (its generated models of the Kubernetes API check the Job's field names and types).
#
# Kubernetes: there is no cluster here, and `kubectl create --dry-run=client -f` needs one (it asks the API server
# which resource a kind is, and for its schema: it is tried, where kubectl is installed, and its answer printed),
# so the YAML is checked against the Kubernetes Python client's models and for what an Indexed Job of mynn shards
# needs; the image, the volume claim and the scheduling are not.
#
# Usage: bench/slurm.sh            (about a minute; prints how long the array and each part took)
# Environment: MYNN_SLURM_GRID (default "--lr 0.1,0.3 --hidden 8 --epochs 1,2 --repeats 2"),
#              MYNN_SLURM_SHARDS (default 3), MYNN_SLURM_TIMEOUT (seconds to wait for the array, default 300).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
GRID=${MYNN_SLURM_GRID:-"--lr 0.1,0.3 --hidden 8 --epochs 1,2 --repeats 2"}
SHARDS=${MYNN_SLURM_SHARDS:-3}
TIMEOUT=${MYNN_SLURM_TIMEOUT:-300}
py=/usr/bin/python3 # Debian's, which sees Debian's python3-yaml and python3-kubernetes

apt_install() {
  # install Debian packages, refreshing the package lists only when the first attempt fails
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; }
}
need=()
for c in slurmctld slurmd sbatch squeue scontrol; do command -v "$c" >/dev/null 2>&1 || need+=(slurm-wlm); done
for c in munged mungekey; do command -v "$c" >/dev/null 2>&1 || need+=(munge); done
{ [ -x "$py" ] && "$py" -c 'import yaml, kubernetes' 2>/dev/null; } || need+=(python3 python3-yaml python3-kubernetes)
if [ ${#need[@]} -gt 0 ]; then
  mapfile -t need < <(printf '%s\n' "${need[@]}" | sort -u)
  echo "installing ${need[*]} ..."
  apt_install "${need[@]}"
fi
[ "$(id -u)" = 0 ] || { echo "bench/slurm.sh: needs root (slurmd starts the jobs as their user)" >&2; exit 1; }

# mynn built, its class archive written and MNIST fetched before any shard starts, so that no task builds
"$root/mynn" --version
"$root/mynn" fetch mnist >/dev/null
export MYNN_NO_BUILD=1

# every process of a cluster started here (the daemons, slurmstepd, the tasks and their Java) carries the mark
# MYNN_SLURM_RUN=<its folder> in its environment: cleanup stops exactly those, by process id, even when a daemon
# died and left its children behind
marked() { # folder -> the ids of the processes marked with it
  grep -lzxF "MYNN_SLURM_RUN=$1" /proc/[0-9]*/environ 2>/dev/null | cut -d/ -f3 || true
}
stop() { # folder: stops its processes (TERM; KILL what is left after 3 s) and removes it
  local pids p i
  for i in $(seq 40); do
    pids=$(marked "$1")
    [ -z "$pids" ] && break
    # after 1 s, what is left over (a task whose slurmd died, a slurmstepd, a daemon that does not stop) is told
    # to stop; after 3 s, killed
    if [ "$i" = 5 ]; then for p in $pids; do kill -TERM "$p" 2>/dev/null || true; done; fi
    if [ "$i" = 15 ]; then
      echo "bench/slurm.sh: killing what did not stop: $(echo "$pids" | tr '\n' ' ')" >&2
      for p in $pids; do kill -KILL "$p" 2>/dev/null || true; done
    fi
    sleep 0.2
  done
  rm -rf "$1"
}
# a run killed outright (kill -9: no cleanup) leaves its cluster running: its folder names the script that ran it
for old in "${TMPDIR:-/tmp}"/mynn-slurm.*; do
  [ -f "$old/owner" ] || continue
  kill -0 "$(cat "$old/owner")" 2>/dev/null && continue # still running
  echo "stopping what a killed run left: $old ($(marked "$old" | wc -l) processes)"
  stop "$old"
done

tmp=$(mktemp -d -t mynn-slurm.XXXXXX)
echo $$ >"$tmp/owner"
mark="MYNN_SLURM_RUN=$tmp"
cleanup() {
  local status=$? p
  trap - EXIT INT TERM
  if [ -n "${jobid:-}" ] && [ -n "${ctld:-}" ] && kill -0 "$ctld" 2>/dev/null; then
    # cancelled, the tasks end and slurmstepd with them; then the daemons stop at once
    timeout 5 scancel "$jobid" 2>/dev/null || true
    for _ in $(seq 50); do [ -z "$(timeout 2 squeue -h -j "$jobid" 2>/dev/null)" ] && break; sleep 0.2; done
  fi
  for p in ${slurmd:-} ${ctld:-} ${munged:-}; do kill -TERM "$p" 2>/dev/null || true; done
  stop "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- the blocks of docs/experiments.md, changed
mkdir -p "$tmp/slurm" "$tmp/k8s/shards" "$tmp/single"
"$py" - "$root/docs/experiments.md" "$tmp" "$GRID" "$SHARDS" "$root/mynn" <<'PY'
import re, sys
doc, tmp, grid, shards, mynn = sys.argv[1:]
text = open(doc).read()

def block(marker, lang):
    at = text.find(f"<!-- {marker} -->")
    if at < 0:
        sys.exit(f"{doc}: no <!-- {marker} --> marker")
    start = text.find(f"```{lang}\n", at)
    if start < 0:
        sys.exit(f"{doc}: no ```{lang} block after <!-- {marker} -->")
    start += len(f"```{lang}\n")
    end = text.index("```", start)
    return text[start:end], end

def sub(what, pattern, repl, s, count=None, flags=0):
    n = len(re.findall(pattern, s, flags))
    if n == 0 or (count is not None and n != count):
        sys.exit(f"{doc}: the {what} no longer has {pattern!r} {count or 'one or more'} time(s) (found {n})")
    return re.sub(pattern, repl, s, flags=flags)

def grid_of(what, s):
    # the options up to --shard, keeping a line continuation before it
    return sub(what, r"(mynn sweep )(.*?)(\s*(?:\\\n\s*)?--shard)", lambda m: m.group(1) + grid + m.group(3), s, 1, re.S)

# Slurm: the array's size and the shard count must agree in the document itself
script, _ = block("slurm-array", "sh")
size = re.search(r"--array=1-(\d+)", script)
count = re.search(r'--shard "\$SLURM_ARRAY_TASK_ID/(\d+)"', script)
if not size or not count or size.group(1) != count.group(1):
    sys.exit(f"{doc}: the Slurm script's --array=1-N and --shard \"$SLURM_ARRAY_TASK_ID/N\" must give the same N")
script = grid_of("Slurm script", script)
script = sub("Slurm script", r"--array=1-\d+", f"--array=1-{shards}", script, 1)
script = sub("Slurm script", r'(\$SLURM_ARRAY_TASK_ID)/\d+"', rf'\1/{shards}"', script, 1)
script = sub("Slurm script", r"\./mynn ", mynn + " ", script)
merge = re.search(r"^# when all are done: (.*)$", script, re.M)
if not merge:
    sys.exit(f"{doc}: the Slurm script has no '# when all are done: ...' merge line")
open(f"{tmp}/slurm/sweep.sh", "w").write(script)
open(f"{tmp}/slurm/merge.sh", "w").write(merge.group(1) + "\n")

# Kubernetes: the YAML as written (checked below), the container's command changed to run here
yaml_text, end = block("k8s-indexed-job", "yaml")
open(f"{tmp}/k8s/job.yaml", "w").write(yaml_text)
merge = re.search(r"`(\./mynn sweep --merge [^`]*)`", text[end:end + 400])
if not merge:
    sys.exit(f"{doc}: no `./mynn sweep --merge ...` command right after the Kubernetes block")
open(f"{tmp}/k8s/merge.txt", "w").write(merge.group(1))
PY

# ---------------------------------------------------------------- Kubernetes: the Job's YAML
"$py" - "$tmp/k8s" "$SHARDS" "$GRID" "$root/mynn" <<'PY'
import re, sys, yaml
from kubernetes import client
where, shards, grid, mynn = sys.argv[1:]
job = yaml.safe_load(open(f"{where}/job.yaml"))

def check(value, type_name, path):
    """every field a name the Kubernetes API (the Python client's generated models) knows, of its type"""
    if type_name.startswith("list["):
        if not isinstance(value, list):
            sys.exit(f"job.yaml: {path} must be a list")
        for i, v in enumerate(value):
            check(v, type_name[5:-1], f"{path}[{i}]")
    elif type_name.startswith("dict("):
        if not isinstance(value, dict):
            sys.exit(f"job.yaml: {path} must be a map")
    elif type_name in ("str", "int", "bool"):
        ok = {"str": str, "int": int, "bool": bool}[type_name]
        if not isinstance(value, ok) or (type_name == "int" and isinstance(value, bool)):
            sys.exit(f"job.yaml: {path} must be {type_name}, not {value!r}")
    elif type_name == "object":
        pass
    else:
        model = getattr(client, type_name)
        if not isinstance(value, dict):
            sys.exit(f"job.yaml: {path} must be a map ({type_name})")
        names = {v: k for k, v in model.attribute_map.items()}
        for key, v in value.items():
            if key not in names:
                sys.exit(f"job.yaml: {path}.{key} is not a field of {type_name}")
            check(v, model.openapi_types[names[key]], f"{path}.{key}")

check(job, "V1Job", "job")
client.ApiClient()._ApiClient__deserialize(job, "V1Job")  # the models' own checks (required fields)

def need(cond, what):
    if not cond:
        sys.exit(f"job.yaml: {what}")

need(job.get("apiVersion") == "batch/v1" and job.get("kind") == "Job", "must be apiVersion batch/v1, kind Job")
spec = job["spec"]
pod = spec["template"]["spec"]
need(spec.get("completionMode") == "Indexed", "spec.completionMode must be Indexed")
need(pod.get("restartPolicy") == "Never", "the pod's restartPolicy must be Never (a failed shard is rerun by hand)")
need(len(pod["containers"]) == 1, "one container")
container = pod["containers"][0]
command = container["command"]
need(command[:2] == ["sh", "-c"] and len(command) == 3, "the command must be sh -c '...'")
line = command[2]
shard = re.search(r"--shard \$\(\(JOB_COMPLETION_INDEX \+ 1\)\)/(\d+)", line)
need(shard, "the command must run --shard $((JOB_COMPLETION_INDEX + 1))/N")
n = int(shard.group(1))
need(spec.get("completions") == n and spec.get("parallelism") == n,
     f"completions ({spec.get('completions')}) and parallelism ({spec.get('parallelism')}) must equal the N of --shard ({n})")
out = re.search(r"--out (\S+)/\$JOB_COMPLETION_INDEX\b", line)
need(out, "the command must write --out <volume>/$JOB_COMPLETION_INDEX")
mounts = {m["name"]: m["mountPath"] for m in container.get("volumeMounts", [])}
volumes = {v["name"] for v in pod.get("volumes", [])}
need(out.group(1) in mounts.values(), f"--out's parent {out.group(1)} must be a mounted volume (mounts: {mounts})")
need(all(name in volumes for name in mounts), f"every mount must name a volume of the pod ({sorted(volumes)})")
merge = open(f"{where}/merge.txt").read()
need(re.search(rf"--merge {re.escape(out.group(1))}/\* ", merge), f"the merge command must read {out.group(1)}/*")
print(f"the Job: batch/v1 Indexed, {n} completions and parallelism, --shard $((JOB_COMPLETION_INDEX + 1))/{n}, "
      f"--out on the volume at {out.group(1)}; every field known to the Kubernetes API models")

# the container's command as it will run here: the small grid, this machine's shard count, mynn and folder
def sub(pattern, repl, s):
    if not re.search(pattern, s):
        sys.exit(f"job.yaml: the command no longer has {pattern!r}")
    return re.sub(pattern, repl, s)
mount = out.group(1)
line = sub(r"(mynn sweep )(.*?)( --shard)", lambda m: m.group(1) + grid + m.group(3), line)
line = sub(r"(JOB_COMPLETION_INDEX \+ 1\)\))/\d+", rf"\1/{shards}", line)
line = sub(r"\./mynn ", mynn + " ", line)
line = line.replace(mount + "/", f"{where}/shards/")
merge = merge.replace("./mynn ", mynn + " ").replace(mount + "/", f"{where}/shards/")
open(f"{where}/command.txt", "w").write(line)
open(f"{where}/merge.sh", "w").write(merge.replace("--out sweep", f"--out {where}/sweep") + "\n")
PY
# kubectl's own check, where it can make one: it asks an API server what a Job is (with none, it says so and stops)
if command -v kubectl >/dev/null 2>&1; then
  if answer=$(timeout 30 kubectl create --dry-run=client -o yaml --request-timeout=5s -f "$tmp/k8s/job.yaml" 2>&1); then
    echo "kubectl create --dry-run=client accepted the Job too"
  else
    why=$(echo "$answer" | tail -1 | sed 's/;.*//' | awk -F': ' '{ print $NF }')
    echo "kubectl create --dry-run=client could not check it here: it needs an API server ($why)"
  fi
else
  echo "no kubectl here: the Job was checked against the Kubernetes API models only"
fi

fail() { # a message, then what the cluster says
  echo "bench/slurm.sh: $*" >&2
  {
    echo "--- squeue"; squeue -a 2>&1 || true
    echo "--- sinfo"; sinfo -N -l 2>&1 || true
    echo "--- scontrol show job ${jobid:-}"; [ -n "${jobid:-}" ] && scontrol show job "$jobid" 2>&1 | head -60
    echo "--- sacct (no accounting database in this cluster: the job completion log below stands in)"
    sacct -j "${jobid:-0}" 2>&1 | head -5 || true
    echo "--- job completion log"; cat "$tmp/jobcomp.txt" 2>/dev/null || true
    for f in "$tmp"/work/slurm-*.out; do [ -f "$f" ] && { echo "--- $f"; tail -20 "$f"; }; done
    for f in munged slurmctld slurmd; do echo "--- $f log (last 30 lines)"; tail -30 "$tmp/$f.log" 2>/dev/null; done
  } >&2 || true
  exit 1
}

# ---------------------------------------------------------------- a one-node Slurm cluster
start=$SECONDS
mkdir -p "$tmp/munge" "$tmp/state" "$tmp/spool" "$tmp/work"
chmod 700 "$tmp/munge"
mungekey --create --keyfile="$tmp/munge/munge.key" --force 2>/dev/null \
  || dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$tmp/munge/munge.key"
env "$mark" munged --foreground --force --socket="$tmp/munge/munge.socket" --key-file="$tmp/munge/munge.key" \
  --pid-file="$tmp/munge/munged.pid" --log-file="$tmp/munged.log" --seed-file="$tmp/munge/munged.seed" \
  >>"$tmp/munged.log" 2>&1 &
munged=$!
read -r ctld_port slurmd_port < <("$py" -c '
import socket
ss = [socket.socket() for _ in range(2)]
for s in ss: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in ss])')
cpus=$(nproc)
[ "$cpus" -ge 2 ] || cpus=2 # the script asks for 2 CPUs per task; config_overrides lets the node claim them
cat >"$tmp/slurm.conf" <<EOF
ClusterName=mynnbench
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$tmp/munge/munge.socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$tmp/jobcomp.txt
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmdParameters=config_overrides
MpiDefault=none
ReturnToService=2
NodeName=mynn1 NodeHostname=localhost NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=bench Nodes=mynn1 Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$tmp/slurm.conf"
for _ in $(seq 50); do [ -S "$tmp/munge/munge.socket" ] && break; sleep 0.1; done
[ -S "$tmp/munge/munge.socket" ] || fail "munged did not start"
env "$mark" slurmctld -D -i -f "$SLURM_CONF" >>"$tmp/slurmctld.log" 2>&1 &
ctld=$!
env "$mark" slurmd -D -N mynn1 -f "$SLURM_CONF" >>"$tmp/slurmd.log" 2>&1 &
slurmd=$!
state=""
for _ in $(seq 150); do
  state=$(sinfo -h -n mynn1 -o %T 2>/dev/null || true)
  [ "$state" = idle ] && break
  sleep 0.2
done
[ "$state" = idle ] || fail "the node is not idle after 30 s (state: ${state:-no answer})"
echo "Slurm $(sinfo -V | cut -d' ' -f2): one node, $cpus CPUs, up in $((SECONDS - start)) s"

# ---------------------------------------------------------------- the job array, as the document writes it
echo "the job array script (docs/experiments.md, grid and shard count changed):"
sed 's/^/  | /' "$tmp/slurm/sweep.sh"
t0=$(date +%s.%N)
jobid=$(cd "$tmp/work" && env "$mark" sbatch --parsable "$tmp/slurm/sweep.sh") || fail "sbatch refused the script"
jobid=${jobid%%;*}
deadline=$((SECONDS + TIMEOUT))
while [ -n "$(squeue -h -j "$jobid" 2>/dev/null)" ]; do
  [ "$SECONDS" -lt "$deadline" ] || fail "the array $jobid is not done after $TIMEOUT s"
  kill -0 "$slurmd" 2>/dev/null || fail "slurmd stopped while the array ran"
  sleep 0.5
done
t1=$(date +%s.%N)
# squeue forgets a job once it ends, whatever the end: the completion log says how each task ended
for _ in $(seq 20); do [ "$(grep -c "JobState=" "$tmp/jobcomp.txt" 2>/dev/null)" -ge "$SHARDS" ] && break; sleep 0.2; done
done_ok=$(grep -c 'JobState=COMPLETED .*ExitCode=0:0' "$tmp/jobcomp.txt" 2>/dev/null || true)
[ "$done_ok" = "$SHARDS" ] || fail "$done_ok of the $SHARDS array tasks completed with exit code 0"
echo "the array: $SHARDS tasks in $("$py" -c "print(f'{$t1 - $t0:.1f}')") s from sbatch to the last one done"
"$py" - "$tmp/jobcomp.txt" <<'PY'
import re, sys
from datetime import datetime
tasks = [dict(re.findall(r"(\w+)=(\S+)", line)) for line in open(sys.argv[1])]
for f in sorted(tasks, key=lambda f: int(f.get("ArrayTaskId", "0"))):
    s, e = (datetime.fromisoformat(f[k]) for k in ("StartTime", "EndTime"))
    print(f"  task {f.get('ArrayTaskId', '?'):>2}: {f['JobState']}, exit code {f['ExitCode']}, {(e - s).seconds} s on {f['NodeList']}")
PY

start=$SECONDS
(cd "$tmp/work" && bash "$tmp/slurm/merge.sh") >"$tmp/slurm/merge.log" 2>&1 \
  || { cat "$tmp/slurm/merge.log" >&2; fail "the script's merge line failed: $(cat "$tmp/slurm/merge.sh")"; }
echo "merged with the script's own line in $((SECONDS - start)) s: $(sed "s|$root/mynn|./mynn|" "$tmp/slurm/merge.sh")"

# ---------------------------------------------------------------- Kubernetes: each index as the cluster runs it
start=$SECONDS
for ((i = 0; i < SHARDS; i++)); do
  JOB_COMPLETION_INDEX=$i sh -c "$(cat "$tmp/k8s/command.txt")" >"$tmp/k8s/pod-$i.log" 2>&1 \
    || { tail -20 "$tmp/k8s/pod-$i.log" >&2; echo "the Job's command failed for index $i" >&2; exit 1; }
done
bash "$tmp/k8s/merge.sh" >"$tmp/k8s/merge.log" 2>&1 \
  || { cat "$tmp/k8s/merge.log" >&2; echo "the Job's merge command failed" >&2; exit 1; }
echo "the Job's command for indexes 0..$((SHARDS - 1)), one after another, and its merge: $((SECONDS - start)) s"

# ---------------------------------------------------------------- the same grid on one machine
start=$SECONDS
# shellcheck disable=SC2086 # GRID is a list of options
"$root/mynn" sweep $GRID --out "$tmp/single/sweep" >"$tmp/single/sweep.log" 2>&1 \
  || { cat "$tmp/single/sweep.log" >&2; echo "the single-machine sweep failed" >&2; exit 1; }
echo "the single-machine sweep ($GRID): $((SECONDS - start)) s"

"$py" - "$tmp/single/sweep" "$tmp/work/sweep" "$tmp/k8s/sweep" <<'PY'
import csv, json, sys
single, *merged = sys.argv[1:]
TIMINGS = {"seconds"}

def same(a, b, path):
    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) - TIMINGS != set(b) - TIMINGS:
            return f"{path}: fields {sorted(set(a) ^ set(b))} in one only"
        return next((d for k in sorted(set(a) - TIMINGS) if (d := same(a[k], b[k], f"{path}.{k}"))), None)
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} against {len(b)} entries"
        return next((d for i, (x, y) in enumerate(zip(a, b)) if (d := same(x, y, f"{path}[{i}]"))), None)
    return None if a == b and type(a) == type(b) else f"{path}: {a!r} against {b!r}"

def table(folder):
    rows = list(csv.reader(open(f"{folder}/results.csv")))
    keep = [i for i, name in enumerate(rows[0]) if name not in TIMINGS]
    return [[r[i] for i in keep] for r in rows], [rows[0][i] for i in keep]

ref = json.load(open(f"{single}/results.json"))
ref_rows, columns = table(single)
for name, folder in zip(("Slurm", "Kubernetes"), merged):
    diff = same(ref, json.load(open(f"{folder}/results.json")), "results.json")
    rows, _ = table(folder)
    if diff is None and rows != ref_rows:
        diff = "results.csv: " + next(f"row {i}: {x} against {y}" for i, (x, y) in enumerate(zip(ref_rows, rows)) if x != y) \
            if len(rows) == len(ref_rows) else f"results.csv: {len(ref_rows)} against {len(rows)} rows"
    if diff:
        sys.exit(f"the {name} merge differs from the single-machine sweep: {diff}")
    print(f"{name}: merged = single machine, {len(ref['results'])} runs, every field of results.json and the "
          f"results.csv columns {', '.join(columns)} (timings aside)")
PY
echo "bench/slurm.sh: passed"
