package org.dshell.core;

import java.time.Instant;

/** One state change of a job, as {@code dirac-wms-job-logging-info} lists them: state, minor status, time and who set it. */
public record JobLogEntry(JobState state, String minorStatus, Instant time, String source) {
}
