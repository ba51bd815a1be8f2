#!/usr/bin/env dshell
// Bulk replication: copy every file matching a metadata query to another SE, 8 transfers at a time,
// each retried up to 3 times. Usage: dshell replicate-query.groovy PATH SE QUERY...
//   e.g. dshell replicate-query.groovy /dteam/data LOCAL-BACKUP 'energy>10' particle=gamma
if (args.size() < 3) {
    err.println 'usage: replicate-query.groovy PATH SE QUERY...'
    exit(2)
}
def path = args[0]
def se = args[1]
def query = args.drop(2)

def lfns = find(path, query)
println "${lfns.size()} file(s) match ${query.join(' ')} under $path"

def result = parallel(lfns, threads: 8) { lfn ->
    retry(times: 3, backoff: '2s') { replicate(lfn, se: se) }
}
result.failures.each { err.println "${it.item}: ${it.error}" }
println "replicated ${result.successes.size()} of ${lfns.size()} to $se"
exit(result.failures ? 1 : 0)
