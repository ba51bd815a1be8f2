package org.dshell.backend.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Stream;

import org.dshell.core.DshellException;
import org.dshell.core.JobState;
import org.dshell.core.LfnPath;
import org.dshell.core.jdl.Jdl;
import org.dshell.core.jdl.JobDescription;

/**
 * One job's run inside the job agent, as DIRAC's JobWrapper does it: working directory, input
 * sandbox, input data, the executable in a session of its own, the wall-clock limit, then output
 * data and the final state. The payload is wrapped in a tiny shell script that writes its exit code
 * to a file, so the outcome survives even an agent that died while the job ran.
 */
final class JobRun implements Runnable {
    static final String EXIT_FILE = ".dshell-exit";
    static final String SCRIPT_FILE = ".dshell-job.sh";
    static final String AGENT = "JobAgent";

    /**
     * A job as the agent took it from the database. {@code adopted}: a previous agent started it and
     * stopped before it ended; {@code pid} is its payload's process group then, if it got that far.
     */
    record Claim(long id, int attempt, String jdl, String sandbox, String owner, String ownerGroup, String vo, String home,
                 long started, Long pid, boolean adopted) {
    }

    private final JobStore store;
    private final Path localRoot;
    private final Claim claim;
    private final Function<Claim, JobDataStager> stagers;

    JobRun(JobStore store, Path localRoot, Claim claim, Function<Claim, JobDataStager> stagers) {
        this.store = store;
        this.localRoot = localRoot;
        this.claim = claim;
        this.stagers = stagers;
    }

    static Path workDir(Path localRoot, long id) {
        return localRoot.resolve("jobs").resolve(Long.toString(id));
    }

    @Override
    public void run() {
        JobDescription job;
        try {
            job = JobDescription.from(Jdl.parse(claim.jdl()));
        } catch (DshellException e) {
            fail("Illegal Job JDL", e.getMessage());
            return;
        }
        try {
            if (claim.adopted()) {
                adopt(job);
            } else {
                execute(job);
            }
        } catch (RuntimeException e) {
            fail("Exception During Execution", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void execute(JobDescription job) {
        Path work = workDir(localRoot, claim.id());
        try {
            deleteTree(work);
            Files.createDirectories(work);
            if (claim.sandbox() != null) {
                copyTree(Path.of(claim.sandbox()), work);
            }
        } catch (IOException e) {
            fail("Failed Downloading InputSandbox", e.getMessage());
            return;
        }
        List<LfnPath> sandboxLfns = job.inputSandbox().stream().filter(e -> e.regionMatches(true, 0, "LFN:", 0, 4))
                .map(e -> LfnPath.of(e.substring(4).strip())).toList();
        if (!sandboxLfns.isEmpty()) {
            if (!minor("Downloading InputSandbox LFN(s)")) {
                return;
            }
            try {
                stagers.apply(claim).download(sandboxLfns, work);
            } catch (DshellException e) {
                fail("Failed Downloading InputSandbox LFN(s)", e.getMessage());
                return;
            }
        }
        if (!job.inputData().isEmpty()) {
            if (!minor("Input Data Resolution")) {
                return;
            }
            try {
                stagers.apply(claim).download(job.inputData().stream().map(LfnPath::of).toList(), work);
            } catch (DshellException e) {
                fail("Input Data Not Available", e.getMessage());
                return;
            }
        }
        Optional<String> executable = resolveExecutable(job.executable(), work);
        if (executable.isEmpty()) {
            fail("Application not found", "no executable '" + job.executable() + "' in the job's directory or on PATH");
            return;
        }
        Process process;
        try {
            Files.writeString(work.resolve(SCRIPT_FILE), script(executable.get(), job), StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder("setsid", "/bin/sh", SCRIPT_FILE).directory(work.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("JOBID", Long.toString(claim.id()));
            builder.environment().put("DSHELL_JOB_ID", Long.toString(claim.id()));
            process = builder.start();
        } catch (IOException e) {
            fail("Application not found", e.getMessage());
            return;
        }
        boolean recorded = store.write(c -> {
            try (var s = c.prepareStatement("UPDATE jobs SET pid = ? WHERE id = ? AND attempt = ? AND status = 'Running'")) {
                s.setLong(1, process.pid());
                s.setLong(2, claim.id());
                s.setInt(3, claim.attempt());
                if (s.executeUpdate() == 0) {
                    return false;
                }
            }
            return JobStore.transition(c, claim.id(), claim.attempt(), "('Running')", JobState.RUNNING, "Application", null, AGENT);
        });
        if (!recorded) {
            // Killed or rescheduled between the claim and the start: the payload must not run on.
            DetachedProcesses.killGroup(process.pid(), 200);
            return;
        }
        try {
            if (!process.waitFor(job.cpuTime(), TimeUnit.SECONDS)) {
                exceeded(process.pid(), job);
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        complete(job, work);
    }

    /** A job a previous agent started: wait for its payload if it still runs, then record the outcome. */
    private void adopt(JobDescription job) {
        Path work = workDir(localRoot, claim.id());
        if (claim.pid() != null) {
            Optional<ProcessHandle> payload = ProcessHandle.of(claim.pid()).filter(ProcessHandle::isAlive);
            if (payload.isPresent()) {
                long left = claim.started() + job.cpuTime() * 1000 - System.currentTimeMillis();
                try {
                    payload.get().onExit().get(Math.max(1, left), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    exceeded(claim.pid(), job);
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (ExecutionException e) {
                    // gone: fall through to the exit file
                }
            }
        }
        if (!Files.exists(work.resolve(EXIT_FILE))) {
            fail("Job stalled: pilot not running", "the job agent stopped while the job ran and left no exit code");
            return;
        }
        complete(job, work);
    }

    private void exceeded(long pgid, JobDescription job) {
        DetachedProcesses.killGroup(pgid, 1000);
        fail("Job has exceeded maximum wall clock time", "CPUTime of " + job.cpuTime() + " s exceeded (a wall-clock limit locally)");
    }

    /** The payload ended: its exit code decides, then output data goes up. */
    private void complete(JobDescription job, Path work) {
        Integer exitCode = readExitCode(work);
        if (exitCode == null) {
            fail("Application Finished With Errors", "stopped by a signal");
            return;
        }
        if (exitCode != 0) {
            fail("Application Finished With Errors", "Exit code " + exitCode);
            return;
        }
        if (!job.outputData().isEmpty()) {
            if (!store.write(c -> JobStore.transition(c, claim.id(), claim.attempt(), JobStore.ACTIVE, JobState.COMPLETING,
                    "Uploading Output Data", null, AGENT))) {
                return;
            }
            try {
                List<Path> files = outputDataFiles(job.outputData(), work);
                stagers.apply(claim).upload(files, outputDirectory(job), job.outputSE());
            } catch (DshellException e) {
                fail("Uploading Job Outputs", e.getMessage());
                return;
            }
        }
        store.write(c -> JobStore.transition(c, claim.id(), claim.attempt(), JobStore.ACTIVE, JobState.DONE,
                "Application Finished Successfully", "Exit code 0", AGENT));
    }

    /**
     * The files OutputData names in the job's directory. A name with {@code * ? [} is a pattern, as in
     * DIRAC's job wrapper: it takes every matching file of the directory and must match at least one.
     */
    static List<Path> outputDataFiles(List<String> names, Path work) {
        List<Path> files = new ArrayList<>();
        for (String name : names) {
            if (name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf('[') >= 0) {
                java.nio.file.PathMatcher matcher = work.getFileSystem().getPathMatcher("glob:" + name);
                List<Path> matched;
                try (java.util.stream.Stream<Path> list = Files.list(work)) {
                    matched = list.filter(f -> Files.isRegularFile(f) && matcher.matches(f.getFileName())).sorted().toList();
                } catch (java.io.IOException e) {
                    throw DshellException.failure("cannot list the job's directory: " + e.getMessage());
                }
                if (matched.isEmpty()) {
                    throw DshellException.failure("no output data file matches " + name);
                }
                matched.stream().filter(f -> !files.contains(f)).forEach(files::add);
                continue;
            }
            Path file = work.resolve(name).normalize();
            if (!file.startsWith(work) || !Files.isRegularFile(file)) {
                throw DshellException.failure("output data file " + name + " was not produced");
            }
            if (!files.contains(file)) {
                files.add(file);
            }
        }
        return files;
    }

    /** OutputPath as an absolute LFN, or relative to the owner's home (DIRAC's user area); default the home. */
    private LfnPath outputDirectory(JobDescription job) {
        LfnPath home = LfnPath.of(claim.home());
        return job.outputPath().isBlank() ? home : home.resolve(job.outputPath());
    }

    private boolean minor(String minorStatus) {
        return store.write(c -> JobStore.transition(c, claim.id(), claim.attempt(), "('Running')", JobState.RUNNING, minorStatus, null, AGENT));
    }

    private void fail(String minorStatus, String applicationStatus) {
        store.write(c -> JobStore.transition(c, claim.id(), claim.attempt(), JobStore.ACTIVE, JobState.FAILED,
                minorStatus, applicationStatus, AGENT));
    }

    static Integer readExitCode(Path work) {
        try {
            String text = Files.readString(work.resolve(EXIT_FILE), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? null : Integer.valueOf(text);
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    /**
     * DIRAC runs {@code Executable Arguments} through a shell, so Arguments keep shell syntax (quotes,
     * variables). The executable itself is quoted: it is a file name, not shell code.
     */
    static String script(String executable, JobDescription job) {
        return "#!/bin/sh\n"
                + quote(executable) + (job.arguments().isBlank() ? "" : " " + job.arguments())
                + " > " + quote(job.stdOutput()) + " 2> " + quote(job.stdError()) + " < /dev/null\n"
                + "echo $? > " + EXIT_FILE + "\n";
    }

    /** A file of the working directory (made executable, as DIRAC does), an absolute path, or a command on PATH. */
    static Optional<String> resolveExecutable(String executable, Path work) {
        Path local = work.resolve(executable).normalize();
        if (local.startsWith(work) && Files.isRegularFile(local)) {
            local.toFile().setExecutable(true);
            return Optional.of(executable.contains("/") ? executable : "./" + executable);
        }
        if (executable.startsWith("/")) {
            return Files.isExecutable(Path.of(executable)) ? Optional.of(executable) : Optional.empty();
        }
        if (executable.contains("/")) {
            return Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, executable))) {
                return Optional.of(executable);
            }
        }
        return Optional.empty();
    }

    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
