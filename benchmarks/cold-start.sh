#!/usr/bin/env bash
# Cold start: time from process start to the first prediction of the 784-128-10 MNIST model, for
#   Gen, JIT         samples/Predict, built with `dotnet build`, run through its apphost
#   Gen, NativeAOT   samples/Predict, published with `dotnet publish -r linux-x64 -p:PublishAot=true`
#   TorchSharp-cpu   the same model and weights in TorchSharp (benchmarks/Gen.Benchmarks --cold-start),
#                    run from the benchmarks' build output, where libLibTorchSharp.so is patched
# Each program loads the Predict sample's trained weights, reads the Mnist sample's 2,004 test
# digits and classifies the first; it reports the time since its start, taken from the launcher's
# clock (bash's $EPOCHREALTIME just before the program starts, in GEN_LAUNCH_TIME). The script also
# times the whole process (start to exit) and, as the floor, /bin/true.
# Usage: bash benchmarks/cold-start.sh [runs (default 10)] [--no-build]
set -euo pipefail
export LC_ALL=C DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=10
build=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    ''|*[!0-9]*) echo "usage: $0 [runs] [--no-build]" >&2; exit 2 ;;
    *) runs="$arg" ;;
  esac
done
[ "$runs" -ge 1 ] || { echo "runs must be at least 1" >&2; exit 2; }

jit="$root/samples/Predict/bin/Release/net10.0/Predict"
aot="$root/samples/Predict/bin/Release/net10.0/linux-x64/publish/Predict"
torch="$root/benchmarks/Gen.Benchmarks/bin/Release/net10.0/Gen.Benchmarks"
if [ "$build" -eq 1 ]; then
  echo "building (Release): samples/Predict (JIT), samples/Predict (NativeAOT), benchmarks/Gen.Benchmarks ..."
  dotnet build "$root/samples/Predict" -c Release -v:q -nologo >/dev/null
  dotnet publish "$root/samples/Predict" -c Release -r linux-x64 -p:PublishAot=true -v:q -nologo >/dev/null
  dotnet build "$root/benchmarks/Gen.Benchmarks" -c Release -v:q -nologo >/dev/null
fi
for program in "$jit" "$aot" "$torch"; do
  [ -x "$program" ] || { echo "$program is missing: run without --no-build" >&2; exit 1; }
done

names=("Gen, JIT" "Gen, NativeAOT" "TorchSharp-cpu" "/bin/true (floor)")
commands=("$jit" "$aot" "$torch --cold-start" "/bin/true")
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# One run: the program's own time to first prediction and Main entry, and the process's wall time (ms).
run() {
  local index="$1" output="$scratch/output" start end
  start=$EPOCHREALTIME
  # shellcheck disable=SC2086 # the command carries its arguments
  GEN_LAUNCH_TIME=$start ${commands[$index]} >"$output" 2>&1 || { echo "${names[$index]} failed:" >&2; cat "$output" >&2; exit 1; }
  end=$EPOCHREALTIME
  awk -v start="$start" -v end="$end" 'BEGIN { printf "%.3f\n", (end - start) * 1000 }' >>"$scratch/wall.$index"
  if [ "${commands[$index]}" != /bin/true ]; then
    grep -qE 'test digit 0: predicted ([0-9]), labelled \1' "$output" || { echo "${names[$index]} mispredicted:" >&2; cat "$output" >&2; exit 1; }
    sed -nE 's/^time to first prediction: ([0-9.]+) ms.*/\1/p' "$output" >>"$scratch/first.$index"
    sed -nE 's/.*Main entered ([0-9.]+) ms.*/\1/p' "$output" >>"$scratch/main.$index"
    sed -nE 's/.*weights loaded ([0-9.]+) ms.*/\1/p' "$output" >>"$scratch/weights.$index"
    [ -s "$scratch/code.$index" ] || grep -E '^code: ' "$output" >"$scratch/code.$index" || true
  fi
}

# Median [min-max] of a file of numbers.
stats() {
  [ -s "$1" ] || { echo "-"; return; }
  sort -g "$1" | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%7.1f [%.1f-%.1f]", m, v[1], v[NR] }'
}

# One warm-up run each (page cache), then the runs, interleaved so that the three see the same load.
for index in "${!commands[@]}"; do run "$index"; done
rm -f "$scratch"/wall.* "$scratch"/first.* "$scratch"/main.* "$scratch"/weights.*
for ((i = 1; i <= runs; i++)); do
  for index in "${!commands[@]}"; do run "$index"; done
done

echo
echo "Cold start, $runs runs each after one warm-up; median [min-max] in ms; $(nproc) cores, $(sed -nE 's/^model name\s*: //p' /proc/cpuinfo | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "(all since process start: Main entered; model built and weights loaded; first prediction, after"
echo " reading the 2,004 test digits; the process's exit, after 9 more predictions and the test accuracy)"
printf '%-18s %-24s %-24s %-24s %-24s\n' "program" "Main entered" "weights loaded" "first prediction" "process exit"
for index in "${!commands[@]}"; do
  printf '%-18s %-24s %-24s %-24s %-24s\n' "${names[$index]}" "$(stats "$scratch/main.$index")" "$(stats "$scratch/weights.$index")" "$(stats "$scratch/first.$index")" "$(stats "$scratch/wall.$index")"
done
echo
for index in 0 1 2; do
  echo "${names[$index]}: $(cat "$scratch/code.$index" 2>/dev/null)"
done
