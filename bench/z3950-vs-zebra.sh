#!/bin/bash
# Z39.50 throughput of Stackbridge and Zebra side by side with Perl ZOOM (YAZ's C client underneath), alternating
# the two targets inside each round so both see the same machine load.
#
#   bench/z3950-vs-zebra.sh OURS ZEBRA        e.g. 127.0.0.1:7090/Default 127.0.0.1:9999/Default
#
# Start the targets first:
#   java -cp 'bench/target/stackbridge-bench.jar:bench/target/lib/*' org.stackbridge.bench.Z3950Bench serve CORPUS.mrc 7090
#   ../shared/bench/zebra/setup.sh start           # Zebra on 127.0.0.1:9999 over the same corpus
#
# Environment: ROUNDS=3, N=5000 searches on 1 association (each of 8 associations does N/4), NP=1000 search + present
# 10 USMARC F (Zebra is slow there),
# BENCH_ZOOM=path of bench-zoom.pl (default ../shared/bench/zebra/bench-zoom.pl next to the repository).
# Rates with 8 associations are total operations / wall time of the whole batch. Prints one line per run and the
# medians. Needs the Debian package libnet-z3950-zoom-perl.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OURS="${1:?usage: $0 OURS ZEBRA}"
ZEBRA="${2:?usage: $0 OURS ZEBRA}"
ROUNDS="${ROUNDS:-3}"
N="${N:-5000}"
NP="${NP:-1000}"
BENCH_ZOOM="${BENCH_ZOOM:-$HERE/../../shared/bench/zebra/bench-zoom.pl}"
[ -f "$BENCH_ZOOM" ] || BENCH_ZOOM="$HERE/../../../shared/bench/zebra/bench-zoom.pl"
[ -f "$BENCH_ZOOM" ] || { echo "bench-zoom.pl not found; set BENCH_ZOOM" >&2; exit 3; }
perl -MZOOM -e 1 2>/dev/null || { echo "Perl ZOOM missing: apt-get install libnet-z3950-zoom-perl" >&2; exit 3; }
OUT="$(mktemp)"
trap 'rm -f "$OUT"' EXIT

now() { date +%s.%N; }

# one association: bench-zoom.pl reports its own rate
one() { # target present
  local n=$N; [ "$2" != 0 ] && n=$NP
  perl "$BENCH_ZOOM" "$1" "$n" "$2" usmarc F | sed -n 's/.*s  \([0-9]*\) search+present\/s.*/\1/p'
}

# eight associations at once: total searches / wall time
eight() { # target present
  local per=$((N / 4)) t0 t1
  [ "$2" != 0 ] && per=$((NP / 4))
  t0=$(now)
  for _ in 1 2 3 4 5 6 7 8; do perl "$BENCH_ZOOM" "$1" "$per" "$2" usmarc F > /dev/null & done
  wait
  t1=$(now)
  awk -v n=$((per * 8)) -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f\n", n / (b - a) }'
}

echo "# $(date -u '+%Y-%m-%dT%H:%M:%SZ') ours=$OURS zebra=$ZEBRA N=$N NP=$NP rounds=$ROUNDS cores=$(nproc) load:$(uptime | sed 's/.*load average://')"
# warm-up (JIT on our side, caches on both)
perl "$BENCH_ZOOM" "$OURS" 3000 10 usmarc F > /dev/null
perl "$BENCH_ZOOM" "$ZEBRA" 3000 10 usmarc F > /dev/null
for r in $(seq "$ROUNDS"); do
  for w in "search 1 0" "search 8 0" "search+present10 1 10" "search+present10 8 10"; do
    set -- $w
    for t in ours zebra; do
      target=$OURS; [ "$t" = zebra ] && target=$ZEBRA
      if [ "$2" = 1 ]; then rate=$(one "$target" "$3"); else rate=$(eight "$target" "$3"); fi
      echo "round=$r workload=$1 conns=$2 target=$t rate=$rate" | tee -a "$OUT"
    done
  done
done
echo "# medians (ops/s) load:$(uptime | sed 's/.*load average://')"
for w in "search 1" "search 8" "search+present10 1" "search+present10 8"; do
  set -- $w
  for t in ours zebra; do
    m=$(grep "workload=$1 conns=$2 target=$t " "$OUT" | sed 's/.*rate=//' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
    printf "%-18s conns=%s %-6s %s\n" "$1" "$2" "$t" "$m"
  done
done
