#!/bin/bash
# Reproducible before/after comparison of the CLI's outputs (issue 17: "JSON reports byte-identical").
#   scripts/report-snapshot.sh DIR   writes, for every workbook in test/fixtures, the sample and the bench's
#                                    synthetic workbooks (npm run bench makes them), the JSON report and the
#                                    console output under each preset profile, and the annotated copies of
#                                    the fixtures (--insert-columns --export), unzipped part by part.
#   scripts/report-snapshot.sh --diff A B   compares two snapshots: identical except the run's own time
#                                    (复核时间) and the output paths.
set -e
cd "$(dirname "$0")/.."
if [ "$1" = "--diff" ]; then
  norm() { find "$1" -type f \( -name '*.xml' -o -name '*.txt' \) -print0 | xargs -0 sed -i -E "s/20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}/TIME/g; s#$1#OUT#g"; }
  norm "$2"; norm "$3"; diff -r "$2" "$3" && echo IDENTICAL
  exit
fi
OUT=$1; rm -rf "$OUT"; mkdir -p "$OUT"
npm run -s build:cli
FILES=$(find test/fixtures assets/samples -name '*.xlsx' | sort; ls bench/work/*.xlsx 2>/dev/null || true)
for p in national auto threshold-60-deviation proportional-cap; do
  node bin/disclosure-check.js $FILES --profile $p --json "$OUT/$p.json" > "$OUT/$p.txt" 2>&1 || true
done
mkdir -p "$OUT/copies"
node bin/disclosure-check.js $(find test/fixtures assets/samples -name '*.xlsx' | sort) --profile auto --out "$OUT/copies" --insert-columns --export > "$OUT/copies.txt" 2>&1 || true
for f in $(find "$OUT/copies" -name '*.xlsx'); do d="${f%.xlsx}.d"; mkdir -p "$d"; (cd "$d" && unzip -q -o "$f"); rm "$f"; done
