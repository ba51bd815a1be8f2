package org.dshell.core;

/** One copy of a file's bytes: the SE that holds it, its physical name there and its status. */
public record Replica(String se, String pfn, String status) {
}
