#!/bin/sh
# Stands in for a simulation: one DL0 file of "events" per task.
run=$(printf '%04d' "$1")
for event in 1 2 3 4 5; do
  echo "run $run event $event energy $(( ($1 * 7 + event * 13) % 50 )) TeV"
done > "gamma_run$run.dl0"
