#!/usr/bin/env python3
"""Benchmark: a parametric JDL of N trivial jobs (default 1000) on the embedded grid.

Measures (1) how long `submit` takes to accept and register them, wall clock and CPU (user+sys,
the figure that does not depend on what else the machine runs), each also net of dshell's own
start-up (an `echo` run measured the same way), and (2) how long until every job is Done, from
the submission and end times dshell records.

Usage: mvn -q package -DskipTests && bench/jobs-1000.py [N]
"""
import datetime, json, os, resource, subprocess, sys, tempfile, time

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
jar = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "dshell.jar")
if not os.path.isfile(jar):
    sys.exit("build first: mvn package -DskipTests")
work = tempfile.mkdtemp(prefix="dshell-bench-")
env = dict(os.environ, DSHELL_HOME=os.path.join(work, "home"), NO_COLOR="1")


def dshell(commands):
    """Runs dshell -c COMMANDS; returns (stdout, wall seconds, cpu seconds of the dshell process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    out = subprocess.run(["java", "-jar", jar, "-c", commands], cwd=work, env=env, check=True,
                         capture_output=True, text=True).stdout
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return out, wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


with open(os.path.join(work, "bench.jdl"), "w") as f:
    f.write(f'[ JobName = "bench_%n"; JobGroup = "bench"; Executable = "/bin/true"; Arguments = "%s";\n'
            f'  Parameters = {n}; ParameterStart = 1; ParameterStep = 1; ]\n')
dshell("echo warm-up")
_, echo_wall, echo_cpu = dshell("echo")
ids, submit_wall, submit_cpu = dshell("submit bench.jdl")
assert len(ids.split()) == n, f"expected {n} ids"
start = time.monotonic()
dshell("status -w --interval 1 --group bench")
watch_wall = time.monotonic() - start
jobs = json.loads(dshell("status -a --json --group bench")[0])
parse = lambda s: datetime.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
done = sum(1 for j in jobs if j["state"] == "Done")
span = max(parse(j["ended"]) for j in jobs) - min(parse(j["submitted"]) for j in jobs)
print(f"jobs: {n}, Done: {done}, cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
print(f"dshell start-up (echo):        wall {echo_wall:6.2f} s   cpu {echo_cpu:6.2f} s")
print(f"submit command:                wall {submit_wall:6.2f} s   cpu {submit_cpu:6.2f} s")
print(f"submit, net of start-up:       wall {submit_wall - echo_wall:6.2f} s   cpu {submit_cpu - echo_cpu:6.2f} s")
print(f"first submitted to last Done:  {span:6.2f} s")
print(f"after submit, status -w took:  {watch_wall:6.2f} s")
subprocess.run(["rm", "-rf", work])
