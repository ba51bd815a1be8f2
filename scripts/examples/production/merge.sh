#!/bin/sh
# Stands in for ctapipe-merge: the first argument is the output, the others are the inputs.
output=$1; shift
cat "$@" > "$output"
