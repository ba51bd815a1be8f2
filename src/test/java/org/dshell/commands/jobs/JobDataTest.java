package org.dshell.commands.jobs;

import static org.dshell.commands.jobs.JobsTestSupport.awaitFinal;
import static org.dshell.commands.jobs.JobsTestSupport.awaitState;
import static org.dshell.commands.jobs.JobsTestSupport.file;
import static org.dshell.commands.jobs.JobsTestSupport.ids;
import static org.dshell.commands.jobs.JobsTestSupport.script;
import static org.dshell.commands.jobs.JobsTestSupport.setting;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.Adler32;

import org.dshell.core.CatalogEntry;
import org.dshell.core.Checksums;
import org.dshell.core.JobInfo;
import org.dshell.core.JobState;
import org.dshell.core.LfnPath;
import org.dshell.core.Replica;
import org.dshell.testing.TestShell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** InputData and OutputData moved by the real job agent through the catalog and the storage elements. */
class JobDataTest {
    @TempDir
    Path tmp;
    TestShell shell;

    @BeforeEach
    void open() {
        shell = new TestShell(tmp.resolve("home"), "alice");
    }

    @AfterEach
    void close() {
        shell.close();
    }

    private LfnPath home() {
        return shell.session().home();
    }

    private Path workDir(long id) {
        return shell.dshellHome().resolve("local/jobs/" + id);
    }

    private static byte[] randomBytes(long seed, int size) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String adler(byte[] bytes) {
        Adler32 adler = new Adler32();
        adler.update(bytes);
        return Checksums.adler32Hex(adler);
    }

    private static List<String> temporaryFilesBelow(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.map(Path::toString).filter(p -> p.contains(".dshell-tmp-")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uploads {@code bytes} as {@code name} into the home directory with the real put. */
    private LfnPath put(String name, byte[] bytes, String... options) throws IOException {
        Files.write(shell.localDir().resolve(name), bytes);
        TestShell.Result put = shell.run("put " + String.join(" ", options) + " " + name);
        assertEquals(0, put.status(), put.toString());
        Files.delete(shell.localDir().resolve(name));
        return home().child(name);
    }

    private Path seFile(String se, String pfn) {
        return shell.dshellHome().resolve("local/se/" + se + pfn);
    }

    @Test
    void inputDataIsDownloadedIntoTheWorkingDirectoryVerified() throws Exception {
        byte[] bytes = randomBytes(1, 300_000);
        LfnPath lfn = put("in.dat", bytes);
        byte[] other = randomBytes(2, 1000);
        LfnPath plain = put("other.dat", other);
        script(shell, "use.sh", "cp in.dat copy.dat && cp other.dat copy2.dat");
        file(shell, "in.jdl", """
                [
                  Executable = "use.sh";
                  InputSandbox = {"use.sh"};
                  InputData = {"LFN:%s", "%s"};
                  OutputSandbox = {"copy.dat", "copy2.dat"};
                ]
                """.formatted(lfn, plain));
        long id = ids(shell.run("submit in.jdl")).get(0);
        JobInfo job = awaitFinal(shell, id);
        assertEquals(JobState.DONE, job.state(), job.toString());
        assertTrue(shell.grid().workload().logging(id).stream().anyMatch(e -> "Input Data Resolution".equals(e.minorStatus())));
        assertArrayEquals(bytes, Files.readAllBytes(workDir(id).resolve("in.dat")), "the file lands in the working directory");
        assertArrayEquals(other, Files.readAllBytes(workDir(id).resolve("other.dat")));
        assertEquals(0, shell.run("output -D out " + id).status());
        assertArrayEquals(bytes, Files.readAllBytes(shell.localDir().resolve("out/" + id + "/copy.dat")));
        assertEquals(List.of(), temporaryFilesBelow(workDir(id)));
    }

    @Test
    void aCorruptReplicaIsSkippedAndTheNextOneUsed() throws Exception {
        byte[] bytes = randomBytes(3, 50_000);
        LfnPath lfn = put("in.dat", bytes);
        assertEquals(0, shell.run("replicate --se LOCAL-BACKUP " + lfn).status());
        String pfn = shell.grid().catalog().replicas(lfn).stream().filter(r -> r.se().equals("LOCAL-DISK")).findFirst().orElseThrow().pfn();
        byte[] corrupt = bytes.clone();
        corrupt[100] ^= 1;
        Files.write(seFile("LOCAL-DISK", pfn), corrupt);

        long id = ids(shell.run("submit --input-data " + lfn + " -- /bin/cat in.dat")).get(0);
        JobInfo job = awaitFinal(shell, id);
        assertEquals(JobState.DONE, job.state(), job.toString());
        assertArrayEquals(bytes, Files.readAllBytes(workDir(id).resolve("in.dat")));

        Files.write(seFile("LOCAL-BACKUP", pfn), corrupt);
        long bad = ids(shell.run("submit --input-data " + lfn + " -- /bin/cat in.dat")).get(0);
        JobInfo failed = awaitFinal(shell, bad);
        assertEquals(JobState.FAILED, failed.state(), failed.toString());
        assertEquals("Input Data Not Available", failed.minorStatus());
        assertTrue(failed.applicationStatus().contains("checksum"), failed.applicationStatus());
        assertFalse(Files.exists(workDir(bad).resolve("in.dat")), "no partial or corrupt file is left");
        assertEquals(List.of(), temporaryFilesBelow(workDir(bad)));
    }

    @Test
    void inputDataRemovedAfterSubmitFailsTheJob() throws Exception {
        LfnPath lfn = put("in.dat", randomBytes(4, 2000));
        setting(shell, "jobs.max-running = 1");
        Path go = shell.localDir().resolve("go");
        long blocker = ids(shell.run("submit -- /bin/sh -c 'while [ ! -f " + go + " ]; do sleep 0.05; done'")).get(0);
        awaitState(shell, blocker, JobState.RUNNING);
        long id = ids(shell.run("submit --input-data " + lfn + " -- /bin/cat in.dat")).get(0);
        assertEquals(0, shell.run("rm " + lfn).status());
        Files.createFile(go);
        assertEquals(JobState.DONE, awaitFinal(shell, blocker).state());
        JobInfo job = awaitFinal(shell, id);
        assertEquals(JobState.FAILED, job.state(), job.toString());
        assertEquals("Input Data Not Available", job.minorStatus());
        assertEquals("no such file or directory: " + lfn, job.applicationStatus());
    }

    @Test
    void outputDataIsUploadedAndRegisteredInTheHomeByDefault() throws Exception {
        script(shell, "make.sh", "head -c 200000 /dev/urandom > out.dat; echo small > small.txt");
        long id = ids(shell.run("submit -i make.sh --output-data out.dat small.txt -- make.sh")).get(0);
        JobInfo job = awaitFinal(shell, id);
        assertEquals(JobState.DONE, job.state(), job.toString());
        assertTrue(shell.grid().workload().logging(id).stream().anyMatch(e -> e.state() == JobState.COMPLETING));

        byte[] produced = Files.readAllBytes(workDir(id).resolve("out.dat"));
        CatalogEntry entry = shell.grid().catalog().require(home().child("out.dat"));
        assertEquals(produced.length, entry.size());
        assertTrue(Checksums.same(adler(produced), entry.checksum()), entry.checksum());
        assertEquals("alice", entry.owner());
        List<Replica> replicas = shell.grid().catalog().replicas(entry.path());
        assertEquals(List.of("LOCAL-DISK"), replicas.stream().map(Replica::se).toList());
        assertArrayEquals(produced, Files.readAllBytes(seFile("LOCAL-DISK", replicas.get(0).pfn())));
        TestShell.Result cat = shell.run("cat small.txt");
        assertEquals("small\n", cat.out(), cat.toString());
        assertEquals(List.of(), temporaryFilesBelow(shell.dshellHome().resolve("local/se")));
    }

    @Test
    void outputDataGoesToOutputPathBelowHomeOnOutputSE() throws Exception {
        file(shell, "out.jdl", """
                [
                  Executable = "/bin/sh";
                  Arguments = "-c 'echo result > r.dat'";
                  OutputData = {"r.dat"};
                  OutputPath = "runs/2026/run1";
                  OutputSE = "LOCAL-BACKUP";
                ]
                """);
        long id = ids(shell.run("submit out.jdl")).get(0);
        JobInfo job = awaitFinal(shell, id);
        assertEquals(JobState.DONE, job.state(), job.toString());
        LfnPath lfn = home().resolve("runs/2026/run1/r.dat");
        CatalogEntry entry = shell.grid().catalog().require(lfn);
        assertEquals(7, entry.size());
        assertTrue(Checksums.same(adler("result\n".getBytes()), entry.checksum()));
        assertEquals(List.of("LOCAL-BACKUP"), shell.grid().catalog().replicas(lfn).stream().map(Replica::se).toList());

        long absolute = ids(shell.run("submit --output-path /dteam/user/a/alice/abs --output-data r.dat -- /bin/sh -c 'echo x > r.dat'")).get(0);
        assertEquals(JobState.DONE, awaitFinal(shell, absolute).state());
        assertTrue(shell.grid().catalog().stat(LfnPath.of("/dteam/user/a/alice/abs/r.dat")).isPresent());
    }

    @Test
    void aMissingOutputFileFailsTheJobAndRegistersNothing() throws Exception {
        long id = ids(shell.run("submit --output-data made.dat missing.dat -- /bin/sh -c 'echo x > made.dat'")).get(0);
        JobInfo job = awaitFinal(shell, id);
        assertEquals(JobState.FAILED, job.state(), job.toString());
        assertEquals("Uploading Job Outputs", job.minorStatus());
        assertTrue(job.applicationStatus().contains("missing.dat"), job.applicationStatus());
        assertTrue(shell.grid().catalog().stat(home().child("made.dat")).isEmpty(), "all outputs or none");
    }

    @Test
    void anExistingOutputLfnFailsTheUploadAndLeavesNoBytes() throws Exception {
        put("r.dat", randomBytes(5, 10));
        long id = ids(shell.run("submit --output-data r.dat -- /bin/sh -c 'echo new > r.dat'")).get(0);
        JobInfo job = awaitFinal(shell, id);
        assertEquals(JobState.FAILED, job.state(), job.toString());
        assertEquals("Uploading Job Outputs", job.minorStatus());
        assertTrue(job.applicationStatus().contains("exists in the catalog"), job.applicationStatus());
        assertEquals(10, shell.grid().catalog().require(home().child("r.dat")).size(), "the registered file is untouched");
    }

    @Test
    void unknownOutputSEIsRefusedAtSubmit() throws Exception {
        TestShell.Result result = shell.run("submit --output-se LOCAL-TAPE --output-data x -- /bin/true");
        assertEquals(2, result.status(), result.toString());
        assertEquals("submit: OutputSE: unknown SE 'LOCAL-TAPE' (known: LOCAL-DISK, LOCAL-BACKUP)\n", result.err());
        assertEquals("no jobs\n", shell.run("status -a").out());
    }

    @Test
    void outputSEsAreTriedInOrder() throws Exception {
        shell.close();
        Files.writeString(shell.dshellHome().resolve("dshell.properties"), """
                se.LOCAL-DISK.root = local/se/LOCAL-DISK
                se.LOCAL-BACKUP.root = local/se/LOCAL-BACKUP
                se.LOCAL-RO.root = local/se/LOCAL-RO
                se.LOCAL-RO.write = false
                se.LOCAL-TINY.root = local/se/LOCAL-TINY
                se.LOCAL-TINY.quota = 10
                se.default = LOCAL-DISK
                """);
        shell = new TestShell(tmp.resolve("home"), "alice");
        file(shell, "a.jdl", """
                [
                  Executable = "/bin/sh";
                  Arguments = "-c 'echo first choice taken > a.dat'";
                  OutputData = {"a.dat"};
                  OutputSE = {"LOCAL-RO", "LOCAL-TINY", "LOCAL-BACKUP", "LOCAL-DISK"};
                ]
                """);
        long id = ids(shell.run("submit a.jdl")).get(0);
        JobInfo job = awaitFinal(shell, id);
        assertEquals(JobState.DONE, job.state(), job.toString());
        assertEquals(List.of("LOCAL-BACKUP"), shell.grid().catalog().replicas(home().child("a.dat")).stream().map(Replica::se).toList());

        long none = ids(shell.run("submit --output-se LOCAL-RO --output-data b.dat -- /bin/sh -c 'echo b > b.dat'")).get(0);
        JobInfo failed = awaitFinal(shell, none);
        assertEquals(JobState.FAILED, failed.state(), failed.toString());
        assertEquals("Uploading Job Outputs", failed.minorStatus());
        assertTrue(failed.applicationStatus().contains("LOCAL-RO: SE is read-only"), failed.applicationStatus());
        assertTrue(shell.grid().catalog().stat(home().child("b.dat")).isEmpty());
    }
}
