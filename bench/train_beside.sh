#!/usr/bin/env bash
# Default `recagent train` on Amazon Beauty alone, then beside a second training: does a machine busy with other
# work finish within twice the idle time? Run from the repository root on an otherwise idle machine:
#
#     bash bench/train_beside.sh [scratch folder, default /tmp/train-beside]
#
# Three fresh workspaces (idle, a, b) get the same events. "idle" trains alone; then "a" trains and, 20 s later,
# "b" starts beside it. Prints each whole `recagent train` in seconds and a's and b's ratio to the idle run; each
# run's output and log stay in the scratch folder (the GPT lines say how many threads each epoch used).
set -euo pipefail
recagent=.venv/bin/recagent
events=${RECAGENT_SHARED_DATA:-../shared/data}/amazon-s3rec/Beauty.txt
scratch=${1:-/tmp/train-beside}
[ -f "$events" ] || { echo "Beauty is not in the shared data ($events)" >&2; exit 1; }
rm -rf "$scratch" && mkdir -p "$scratch"
for run in idle a b; do
  $recagent ingest --events "$events" --format s3rec -w "$scratch/$run" > "$scratch/$run.ingest" 2>&1
done

train() {  # train one workspace; print its wall seconds
  local started=$(date +%s.%N)
  $recagent train -w "$scratch/$1" > "$scratch/$1.out" 2> "$scratch/$1.err"
  echo "$(date +%s.%N) - $started" | bc
}

idle=$(train idle)
echo "idle: ${idle} s"
train a > "$scratch/a.seconds" &
sleep 20
b=$(train b)
wait
a=$(cat "$scratch/a.seconds")
echo "a, beside b: ${a} s ($(echo "scale=2; $a / $idle" | bc)x idle)"
echo "b, beside a: ${b} s ($(echo "scale=2; $b / $idle" | bc)x idle)"
