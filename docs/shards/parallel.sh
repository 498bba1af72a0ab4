#!/bin/sh
# casecheck over GNU parallel and ssh: one shard per server, then the merge here.
#
#   sh parallel.sh
#
# Every server mounts the same tree at the same path (/data/推荐案例) and has casecheck (and
# LibreOffice) installed. -j1: one shard at a time per server; --return brings each shard
# file back to this machine, --cleanup removes it from the server.
set -eu
N=3
SERVERS=server1.example.org,server2.example.org,server3.example.org

seq 1 "$N" | parallel -S "$SERVERS" -j1 --return shard-{}.json --cleanup \
  "casecheck batch /data/推荐案例 --shard {}/$N --jobs 8 -o shard-{}.json"

# Exit code 2 when a shard is missing (it names it): re-run that one with
#   ssh server2.example.org casecheck batch /data/推荐案例 --shard 2/3 -o shard-2.json
casecheck merge shard-*.json --xlsx 汇总.xlsx --html 汇总.html --feedback 反馈/ \
  --format json -o report.json || [ $? -eq 1 ]
