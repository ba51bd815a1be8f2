#!/usr/bin/env dshell
// A two-step chain: one job per input file (step 1, here: upper-case it), then one job that merges
// their outputs (step 2). Usage: dshell chain.groovy INPUT.txt...   (local files)
// The result comes back as ./<merge job id>/merged.txt.
if (!args) {
    err.println 'usage: chain.groovy INPUT...'
    exit(2)
}
def group = 'chain-' + System.currentTimeMillis()

// Step 1: a job per input; the input travels in the InputSandbox, the output comes back in the OutputSandbox.
def step1 = args.collect { input ->
    def name = input.tokenize('/').last()
    submit([JobName: "process-$name", JobGroup: group, Executable: '/bin/sh',
            Arguments: "-c 'tr a-z A-Z < $name > ${name}.step1'",
            InputSandbox: [input], OutputSandbox: ["${name}.step1"]])[0]
}
println "step 1: ${step1.size()} job(s): ${step1.join(' ')}"
def failed = waitFor(step1, timeout: '1h').findAll { id, state -> state != 'Done' }
if (failed) {
    err.println "step 1 failed: ${failed}"
    exit(1)
}
// Each job's sandbox comes back in ./<job id>/.
def outputs = output(step1).collectMany { id, files -> files.findAll { it.endsWith('.step1') } }

// Step 2: one job merges the outputs, in input order.
def names = outputs.collect { it.tokenize('/').last() }
def merge = submit([JobName: 'merge', JobGroup: group, Executable: '/bin/sh',
        Arguments: "-c 'cat ${names.join(' ')} > merged.txt'",
        InputSandbox: outputs, OutputSandbox: ['merged.txt']])[0]
println "step 2: merge job $merge"
if (waitFor(merge, timeout: '1h')[merge] != 'Done') {
    err.println "merge job $merge failed (see: log $merge)"
    exit(1)
}
output(merge)
println "result: $merge/merged.txt"
