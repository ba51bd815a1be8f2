package org.dshell.core;

/**
 * Who is acting: a user name or DN, a DIRAC group and a VO. The catalog checks permissions for it.
 *
 * @param user    the owner name recorded on new entries (a DN when the identity comes from a proxy)
 * @param group   the DIRAC group, e.g. {@code dteam_user}
 * @param vo      the virtual organisation, e.g. {@code dteam}
 * @param source  where the identity came from ("local user" or the proxy file)
 */
public record Identity(String user, String group, String vo, String source) {
}
