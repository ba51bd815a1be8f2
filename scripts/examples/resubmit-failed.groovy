#!/usr/bin/env dshell
// Reschedule every Failed job of a job group, wait for them, and report how they ended.
// Usage: dshell resubmit-failed.groovy JOBGROUP     (or, at the prompt: run resubmit-failed.groovy JOBGROUP)
if (args.size() != 1) {
    err.println 'usage: resubmit-failed.groovy JOBGROUP'
    exit(2)
}
def group = args[0]

def failed = status(group: group, state: 'Failed', all: true)*.id
if (!failed) {
    println "no Failed jobs in group $group"
    return
}
println "rescheduling ${failed.size()} Failed job(s) of $group: ${failed.join(' ')}"
reschedule(failed)

def states = waitFor(failed, timeout: '1h')
def again = states.findAll { id, state -> state != 'Done' }
println "${states.size() - again.size()} Done, ${again.size()} not: ${again ?: ''}"
exit(again ? 1 : 0)
