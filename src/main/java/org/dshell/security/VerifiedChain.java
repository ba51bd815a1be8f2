package org.dshell.security;

/** The outcome of a successful verification: the user DN, the trusted CA that anchors it, and how many proxies deep it is. */
public record VerifiedChain(String identity, String trustAnchor, int proxyDepth) {
}
