package org.dshell.core;

import java.time.Instant;

/**
 * What the workload manager knows of one job, as {@code status} shows it.
 *
 * @param applicationStatus what the application came to (an exit code, the reason of a failure); may be empty
 * @param started           when it last started running, or null
 * @param ended             when it reached a final state, or null
 */
public record JobInfo(long id, String name, String group, String owner, JobState state, String minorStatus,
                      String applicationStatus, Instant submitted, Instant started, Instant ended) {
}
