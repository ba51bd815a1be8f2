package org.dshell.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.dshell.core.DshellException;
import org.dshell.core.ExitRequest;
import org.dshell.core.ExitStatus;
import org.junit.jupiter.api.Test;

/** {@link Parallel} itself, with plain Java bodies: how items settle, stop and show their progress. */
class ParallelRunTest {
    private final StringWriter err = new StringWriter();

    private Parallel parallel(int threads, boolean failFast, boolean progress) {
        return new Parallel(threads, failFast, progress, new PrintWriter(err, true));
    }

    private static List<Object> numbers(int count) {
        return IntStream.range(0, count).boxed().map(i -> (Object) i).toList();
    }

    @Test
    void everyItemSettlesOnceWithItsValueInItemOrder() throws Exception {
        ParallelResult result = parallel(4, false, false).run(numbers(1000), item -> (Integer) item * 2);
        assertEquals(1000, result.getSuccesses().size());
        assertEquals(IntStream.range(0, 1000).boxed().map(i -> (Object) (i * 2)).toList(), result.getValues());
        assertTrue(result.getFailures().isEmpty());
        assertEquals(result.summary() + System.lineSeparator(), err.toString());
    }

    @Test
    void failuresDoNotStopTheOthersAndAreListedWithTheirItems() throws Exception {
        ParallelResult result = parallel(3, false, false).run(numbers(30), item -> {
            if ((Integer) item % 10 == 3) {
                throw DshellException.failure("bad " + item);
            }
            return item;
        });
        assertEquals(27, result.getSuccesses().size());
        assertEquals(List.of(3, 13, 23), result.getFailures().stream().map(f -> f.getItem()).sorted().toList());
        result.getFailures().forEach(f -> assertEquals("bad " + f.getItem(), f.getError()));
        assertTrue(err.toString().contains("27 ok, 3 failed"), err.toString());
    }

    @Test
    void deferredItemsSettleWhenTheirWorkDoesAndMayFailThen() throws Exception {
        List<CompletableFuture<Void>> later = IntStream.range(0, 10).mapToObj(i -> new CompletableFuture<Void>()).toList();
        Thread finisher = new Thread(() -> {
            for (int i = 0; i < later.size(); i++) {
                if (i == 4) {
                    later.get(i).completeExceptionally(DshellException.failure("late failure"));
                } else {
                    later.get(i).complete(null);
                }
            }
        });
        AtomicInteger handedOver = new AtomicInteger();
        Parallel.Body body = item -> {
            if (handedOver.incrementAndGet() == 10) {
                finisher.start(); // the work behind the items finishes only after every body returned
            }
            return new Parallel.Deferred("value " + item, later.get((Integer) item));
        };
        ParallelResult result = parallel(2, false, false).run(numbers(10), body);
        assertEquals(9, result.getSuccesses().size());
        assertEquals("value 0", result.getValues().get(0));
        assertEquals(1, result.getFailures().size());
        assertEquals(4, result.getFailures().get(0).getItem());
        assertEquals("late failure", result.getFailures().get(0).getError());
    }

    @Test
    void failFastStopsAtTheFirstFailureAndReportsOnlyIt() {
        CountDownLatch failed = new CountDownLatch(1);
        Parallel.FailFast stopped = assertThrows(Parallel.FailFast.class, () -> parallel(4, true, false).run(numbers(200), item -> {
            int n = (Integer) item;
            if (n == 5) {
                failed.countDown();
                throw DshellException.failure("item five");
            }
            if (n > 5) {
                // the rest wait for the failure and are then cancelled (interrupted)
                failed.await();
                Thread.sleep(10_000);
            }
            return n;
        }));
        ParallelResult result = stopped.getResult();
        assertEquals(1, result.getFailures().size());
        assertEquals(5, result.getFailures().get(0).getItem());
        assertTrue(result.getSuccesses().size() <= 5, "only items before the failure ran to the end: " + result);
        assertEquals(ExitStatus.FAILURE, stopped.exitCode());
    }

    @Test
    void exitInAnItemLeavesTheRunWithItsStatus() {
        ExitRequest exit = assertThrows(ExitRequest.class, () -> parallel(2, false, false).run(numbers(50), item -> {
            if ((Integer) item == 7) {
                throw new ExitRequest(3);
            }
            TimeUnit.MILLISECONDS.sleep(5);
            return item;
        }));
        assertEquals(3, exit.status());
    }

    @Test
    void aTerminalSeesTheBarFillUpToTheTotalThenTheSummary() throws Exception {
        ParallelResult result = parallel(2, false, true).run(numbers(40), item -> {
            TimeUnit.MILLISECONDS.sleep(15); // ~300 ms in all: the bar is redrawn while items run
            return item;
        });
        String shown = err.toString();
        assertTrue(shown.contains("] 40/40"), shown);
        assertTrue(shown.matches("(?s)\\r\\[=*\\s*\\] \\d+/40.*"), shown);
        int redraws = shown.split("\r\\[").length - 1;
        assertTrue(redraws >= 2, "drawn while running and at the end: " + shown);
        assertTrue(shown.endsWith("\r\033[K" + result.summary() + System.lineSeparator()), shown);
    }
}
