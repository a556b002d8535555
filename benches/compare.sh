#!/usr/bin/env bash
# CLI benchmarks: one draft end to end, and a folder of 10,000 generated drafts against
# ripgrep scanning the same folder for 150 plain terms (the floor of any scanner).
# Installs ripgrep, hyperfine and GNU time from Debian when they are missing.
# Usage: benches/compare.sh [N]   (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-10000}"
OUT=benches/out
mkdir -p "$OUT"
need() { command -v "$1" >/dev/null 2>&1 || { apt-get install -y "$2" >/dev/null 2>&1 || sudo apt-get install -y "$2"; }; }
need rg ripgrep; need hyperfine hyperfine; [ -x /usr/bin/time ] || need time time

cargo build --release --quiet --bin leitplanke --example gen_drafts
BIN=target/release/leitplanke
DIR="$OUT/drafts-$N"
[ -d "$DIR" ] || target/release/examples/gen_drafts "$DIR" "$N"
DIR1K="$OUT/drafts-1000"
[ -d "$DIR1K" ] || target/release/examples/gen_drafts "$DIR1K" 1000

# 150 plain terms: every term of the built-in packs, topped up with common words.
python3 - "$OUT/terms.txt" <<'PY'
import re, sys, glob
terms = []
for f in sorted(glob.glob("rules/*.yaml")):
    for m in re.finditer(r"terms:\s*\[(.*?)\]", open(f, encoding="utf-8").read(), re.S):
        for t in m.group(1).split(","):
            t = t.strip().strip('"').strip("'").rstrip("*").strip()
            if t and t not in terms:
                terms.append(t)
extra = ["rathaus", "bürgerbüro", "verwaltung", "stadt", "referat", "kolleg", "team", "projekt",
         "termin", "online", "digital", "feuerwehr", "bibliothek", "schule", "radweg", "bauamt"]
terms += [t for t in extra if t not in terms]
i = 0
while len(terms) < 150:
    terms.append(f"zzterm{i}"); i += 1
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(terms[:150]) + "\n")
PY
echo "terms: $(wc -l < "$OUT/terms.txt")"

echo "== one draft, end to end =="
hyperfine -N --warmup 20 --runs 200 "$BIN check --format json corpus/feuerwehr-laufschuhe.md" \
  --export-markdown "$OUT/one-draft.md" || true

echo "== $N drafts: leitplanke vs ripgrep =="
hyperfine --warmup 2 --runs 10 -i \
  "rg -i -c -F -f $OUT/terms.txt $DIR" \
  "$BIN check --format json $DIR" \
  --export-markdown "$OUT/folder.md"

echo "== peak memory (max RSS, KiB): 1,000 vs $N drafts =="
for d in "$DIR1K" "$DIR"; do
  /usr/bin/time -f "%M KiB  %e s  $d" "$BIN" check --format json "$d" > /dev/null
done
